// SPDX-License-Identifier: GPL-2.0
/*
 * sipguard: module init and exit, parameters, per-netns state.
 *
 * Parameters are the defaults every network namespace starts from; they are
 * read-only after load because each netns owns its copy of the config.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "sipguard.h"

#define SG_VERSION	"0.1.0"

unsigned int sg_net_id __read_mostly;
DEFINE_MUTEX(sg_config_mutex);

/* ports= : the SIP ports, UDP and TCP, as parsed from the parameter. */
static char sg_param_ports[256] = "5060,5061";
static struct sg_portmap sg_default_ports;

/* deny= : sources dropped before anything else (interim, until the sets). */
static char sg_param_deny[1024];
static struct sg_prefix sg_default_deny[SG_DENY_MAX];
static unsigned int sg_default_ndeny;

/* Parse @val into sg_default_ports; on error nothing changes. */
static int sg_default_ports_parse(const char *val, size_t len)
{
	struct sg_portmap *map;
	int err;

	map = kmalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	err = sg_ports_parse(val, len, map);
	if (err)
		pr_err("ports=%s: want a comma-separated list of ports or ranges (1-65535)\n",
		       val);
	else
		memcpy(&sg_default_ports, map, sizeof(*map));
	kfree(map);
	return err;
}

static int sg_param_ports_set(const char *val, const struct kernel_param *kp)
{
	size_t len = strnlen(val, sizeof(sg_param_ports));
	int err;

	if (len == sizeof(sg_param_ports))
		return -ENOSPC;
	err = sg_default_ports_parse(val, len);
	if (!err)
		strscpy(sg_param_ports, val, sizeof(sg_param_ports));
	return err;
}

static const struct kernel_param_ops sg_param_ports_ops = {
	.set = sg_param_ports_set,
	.get = param_get_string,
};

static struct kparam_string sg_param_ports_str = {
	.maxlen = sizeof(sg_param_ports),
	.string = sg_param_ports,
};
module_param_cb(ports, &sg_param_ports_ops, &sg_param_ports_str, 0444);
MODULE_PARM_DESC(ports, "SIP ports inspected, UDP and TCP: list of ports or ranges (default 5060,5061)");

struct sg_deny_ctx {
	struct sg_prefix *set;
	unsigned int n;
};

static int sg_deny_item(const char *s, size_t n, void *arg)
{
	struct sg_deny_ctx *ctx = arg;

	if (ctx->n == SG_DENY_MAX)
		return -E2BIG;
	return sg_prefix_parse(s, n, &ctx->set[ctx->n++]);
}

static int sg_param_deny_set(const char *val, const struct kernel_param *kp)
{
	size_t len = strnlen(val, sizeof(sg_param_deny));
	struct sg_deny_ctx ctx = { };
	int err;

	if (len == sizeof(sg_param_deny))
		return -ENOSPC;
	ctx.set = kcalloc(SG_DENY_MAX, sizeof(*ctx.set), GFP_KERNEL);
	if (!ctx.set)
		return -ENOMEM;
	err = sg_list_foreach(val, len, sg_deny_item, &ctx);
	if (err) {
		pr_err("deny=%s: want at most %u comma-separated IPv4/IPv6 addresses or prefixes without host bits\n",
		       val, SG_DENY_MAX);
	} else {
		memcpy(sg_default_deny, ctx.set, ctx.n * sizeof(*ctx.set));
		sg_default_ndeny = ctx.n;
		strscpy(sg_param_deny, val, sizeof(sg_param_deny));
	}
	kfree(ctx.set);
	return err;
}

static const struct kernel_param_ops sg_param_deny_ops = {
	.set = sg_param_deny_set,
	.get = param_get_string,
};

static struct kparam_string sg_param_deny_str = {
	.maxlen = sizeof(sg_param_deny),
	.string = sg_param_deny,
};
module_param_cb(deny, &sg_param_deny_ops, &sg_param_deny_str, 0444);
MODULE_PARM_DESC(deny, "Sources dropped before any inspection: list of IPv4/IPv6 addresses or CIDR prefixes (default none)");

void sg_config_free(struct sg_config *cfg)
{
	if (!cfg)
		return;
	sg_sip_policy_release(&cfg->sip);
	kvfree(cfg);
}

struct sg_config *sg_config_new_default(void)
{
	struct sg_config *cfg = kvzalloc(sizeof(*cfg), GFP_KERNEL);

	if (!cfg)
		return NULL;
	if (sg_sip_policy_init(&cfg->sip)) {
		kvfree(cfg);
		return NULL;
	}
	cfg->ports = sg_default_ports;
	cfg->ndeny = sg_default_ndeny;
	memcpy(cfg->deny, sg_default_deny, sg_default_ndeny * sizeof(cfg->deny[0]));
	return cfg;
}

static int __net_init sg_net_init(struct net *net)
{
	struct sg_net *sn = net_generic(net, sg_net_id);
	struct sg_config *cfg;
	int err;

	sn->net = net;
	sn->stats = netdev_alloc_pcpu_stats(struct sg_pcpu_stats);
	if (!sn->stats)
		return -ENOMEM;
	cfg = sg_config_new_default();
	if (!cfg) {
		err = -ENOMEM;
		goto err_config;
	}
	RCU_INIT_POINTER(sn->config, cfg);

	err = sg_proc_init(net);
	if (err)
		goto err_proc;
	err = sg_hook_register(sn);
	if (err)
		goto err_hook;
	return 0;

err_hook:
	sg_proc_exit(net);
err_proc:
	sg_config_free(cfg);
err_config:
	free_percpu(sn->stats);
	return err;
}

static void __net_exit sg_net_exit(struct net *net)
{
	struct sg_net *sn = net_generic(net, sg_net_id);

	/* nf_unregister_net_hooks() waits for running hooks: nothing reads
	 * the config or the counters after it returns.
	 */
	sg_hook_unregister(sn);
	sg_proc_exit(net);
	sg_config_free(rcu_dereference_protected(sn->config, true));
	free_percpu(sn->stats);
}

static struct pernet_operations sg_net_ops = {
	.init = sg_net_init,
	.exit = sg_net_exit,
	.id   = &sg_net_id,
	.size = sizeof(struct sg_net),
};

static int __init sg_init(void)
{
	int err;

	/* The set op runs only for a ports= given at load; parse the
	 * default (or the given value, again) here.
	 */
	err = sg_default_ports_parse(sg_param_ports, strlen(sg_param_ports));
	if (err)
		return err;

	err = sg_hook_init();
	if (err)
		return err;
	err = register_pernet_subsys(&sg_net_ops);
	if (err)
		goto err_pernet;
	pr_info("loaded " SG_VERSION ": ports %s, hooks at priority %d\n",
		sg_param_ports, SG_HOOK_PRIORITY);
	return 0;

err_pernet:
	sg_hook_exit();
	return err;
}

static void __exit sg_exit(void)
{
	unregister_pernet_subsys(&sg_net_ops);
	sg_hook_exit();
	rcu_barrier();
	pr_info("unloaded\n");
}

module_init(sg_init);
module_exit(sg_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("The sipguard developers");
MODULE_DESCRIPTION("SIP inspection and flood protection in netfilter, before conntrack");
MODULE_VERSION(SG_VERSION);
