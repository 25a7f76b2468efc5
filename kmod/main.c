// SPDX-License-Identifier: GPL-2.0
/*
 * sipguard: module init and exit, parameters, per-netns state.
 *
 * Parameters are the defaults every network namespace starts from; they are
 * read-only after load because each netns owns its copy of the config.
 *
 * A netns has no sipguard state until it is enabled: the initial netns at
 * load, every netns with all_netns=Y, any other when its own admin says
 * "config set enabled on" (netlink.c). The pernet slot is one pointer,
 * NULL until then, set once and freed with the netns.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/genetlink.h>

#include "sipguard.h"
#include "names.h"

#define SG_VERSION	"0.1.0"

unsigned int sg_net_id __read_mostly;

static bool sg_all_netns;
module_param_named(all_netns, sg_all_netns, bool, 0444);
MODULE_PARM_DESC(all_netns, "Inspect in every network namespace from its creation (default N: the initial one only; another starts when its admin runs 'sipguardctl config set enabled on')");

/* Serialises the creation of a netns's state over netlink. */
static DEFINE_MUTEX(sg_create_lock);

/* ports= : the SIP ports, UDP and TCP, as parsed from the parameter. */
static char sg_param_ports[256] = "5060,5061";
static struct sg_portmap sg_default_ports;

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

/*
 * allow= and deny=: trusted sources and sources dropped before anything
 * else, the sets every netns starts with.
 */
struct sg_prefix_param {
	char str[1024];
	struct sg_prefix set[SG_PARAM_PREFIXES];
	unsigned int n;
};

static struct sg_prefix_param sg_param_deny, sg_param_allow;

struct sg_prefix_ctx {
	struct sg_prefix *set;
	unsigned int n;
};

static int sg_prefix_item(const char *s, size_t n, void *arg)
{
	struct sg_prefix_ctx *ctx = arg;

	if (ctx->n == SG_PARAM_PREFIXES)
		return -E2BIG;
	return sg_prefix_parse(s, n, &ctx->set[ctx->n++]);
}

static int sg_param_prefixes_set(const char *val, const struct kernel_param *kp)
{
	struct sg_prefix_param *pp = kp->arg;
	size_t len = strnlen(val, sizeof(pp->str));
	struct sg_prefix_ctx ctx = { };
	int err;

	if (len == sizeof(pp->str))
		return -ENOSPC;
	ctx.set = kcalloc(SG_PARAM_PREFIXES, sizeof(*ctx.set), GFP_KERNEL);
	if (!ctx.set)
		return -ENOMEM;
	err = sg_list_foreach(val, len, sg_prefix_item, &ctx);
	if (err) {
		pr_err("%s=%s: want at most %u comma-separated IPv4/IPv6 addresses or prefixes without host bits\n",
		       kp->name, val, SG_PARAM_PREFIXES);
	} else {
		memcpy(pp->set, ctx.set, ctx.n * sizeof(*ctx.set));
		pp->n = ctx.n;
		strscpy(pp->str, val, sizeof(pp->str));
	}
	kfree(ctx.set);
	return err;
}

static int sg_param_prefixes_get(char *buf, const struct kernel_param *kp)
{
	const struct sg_prefix_param *pp = kp->arg;

	return sysfs_emit(buf, "%s\n", pp->str);
}

static const struct kernel_param_ops sg_param_prefixes_ops = {
	.set = sg_param_prefixes_set,
	.get = sg_param_prefixes_get,
};
module_param_cb(deny, &sg_param_prefixes_ops, &sg_param_deny, 0444);
MODULE_PARM_DESC(deny, "Sources dropped before any inspection: list of IPv4/IPv6 addresses or CIDR prefixes (default none)");
module_param_cb(allow, &sg_param_prefixes_ops, &sg_param_allow, 0444);
MODULE_PARM_DESC(allow, "Trusted sources: never rate-limited nor banned, but checked like any other (see trusted_checks); list of addresses or CIDR prefixes (default none)");

static bool sg_trusted_checks = true;
module_param_named(trusted_checks, sg_trusted_checks, bool, 0444);
MODULE_PARM_DESC(trusted_checks, "Run every content check (scanner, injection, method) on trusted sources too; N: malformed framing only, for an operator whose trusted peers must send what the checks refuse (default Y: UDP lets anyone send from a trusted address)");

/* Rates: RATE/BURST per class, packets per second. */
#define RATE(pps, burst) { SG_NSEC_PER_SEC / (pps), SG_NSEC_PER_SEC / (pps) * (burst), pps, burst }
static struct sg_rate sg_default_src_rates[SG_CLASS_MAX] = {
	[SG_CLASS_REGISTER] = RATE(10, 40), [SG_CLASS_INVITE] = RATE(10, 40),
	[SG_CLASS_OPTIONS] = RATE(5, 20), [SG_CLASS_OTHER] = RATE(50, 200),
	[SG_CLASS_REFLECT] = RATE(20, 40),
};
static struct sg_rate sg_default_global_rates[SG_CLASS_REQUESTS] = {
	[SG_CLASS_REGISTER] = RATE(1000, 2000), [SG_CLASS_INVITE] = RATE(500, 1000),
	[SG_CLASS_OPTIONS] = RATE(500, 1000), [SG_CLASS_OTHER] = RATE(5000, 10000),
};
#undef RATE

struct sg_rates_param {
	char str[256];
	struct sg_rate *rates;
	unsigned int n;
};

static struct sg_rates_param sg_param_rates = {
	.rates = sg_default_src_rates, .n = SG_CLASS_MAX,
	.str = "register=10/40,invite=10/40,options=5/20,other=50/200,reflect=20/40",
};
static struct sg_rates_param sg_param_global_rates = {
	.rates = sg_default_global_rates, .n = SG_CLASS_REQUESTS,
	.str = "register=1000/2000,invite=500/1000,options=500/1000,other=5000/10000",
};

static int sg_param_rates_set(const char *val, const struct kernel_param *kp)
{
	struct sg_rates_param *rp = kp->arg;
	size_t len = strnlen(val, sizeof(rp->str));

	if (len == sizeof(rp->str) ||
	    sg_rates_parse(val, len, sg_class_names, rp->n, rp->rates)) {
		pr_err("%s=%s: want CLASS=RATE/BURST,... with classes register, invite, options, other%s, rate and burst 1-%u\n",
		       kp->name, val, rp->n > SG_CLASS_REQUESTS ? ", reflect" : "", SG_RATE_MAX);
		return -EINVAL;
	}
	strscpy(rp->str, val, sizeof(rp->str));
	return 0;
}

static int sg_param_rates_get(char *buf, const struct kernel_param *kp)
{
	const struct sg_rates_param *rp = kp->arg;

	return sysfs_emit(buf, "%s\n", rp->str);
}

static const struct kernel_param_ops sg_param_rates_ops = {
	.set = sg_param_rates_set,
	.get = sg_param_rates_get,
};
module_param_cb(rates, &sg_param_rates_ops, &sg_param_rates, 0444);
MODULE_PARM_DESC(rates, "Per-source limits, CLASS=RATE/BURST in packets per second; classes register, invite, options, other, and reflect (error responses sent to one address) (default register=10/40,invite=10/40,options=5/20,other=50/200,reflect=20/40)");
module_param_cb(global_rates, &sg_param_rates_ops, &sg_param_global_rates, 0444);
MODULE_PARM_DESC(global_rates, "Limits for all sources together, CLASS=RATE/BURST (default register=1000/2000,invite=500/1000,options=500/1000,other=5000/10000)");

unsigned int sg_max_sources = 65536;
module_param_named(max_sources, sg_max_sources, uint, 0444);
MODULE_PARM_DESC(max_sources, "Sources tracked per network namespace; when full, a new source takes the place of the one with the least to lose (a bucket full again, no offence counted) (default 65536)");

unsigned int sg_max_bans = 65536;
module_param_named(max_bans, sg_max_bans, uint, 0444);
MODULE_PARM_DESC(max_bans, "Bans (and records of past bans, for the doubling) kept per network namespace, apart from the sources; when full, a record whose ban ended makes room, never a ban in force (default 65536)");

unsigned int sg_tcp_flows = 16384;
module_param_named(tcp_flows, sg_tcp_flows, uint, 0444);
MODULE_PARM_DESC(tcp_flows, "TCP connections to a SIP port followed message by message per network namespace; past it, data of a new connection is dropped until one closes; 0: every segment judged alone (default 16384)");

unsigned long sg_tcp_buffer = 64UL << 20;
module_param_named(tcp_buffer, sg_tcp_buffer, ulong, 0444);
MODULE_PARM_DESC(tcp_buffer, "Bytes TCP flows may hold per network namespace (open messages, bytes not yet read by the socket); past it, segments needing more are dropped and retransmitted (default 67108864)");

static unsigned int sg_ban_threshold = 20;
module_param_named(ban_threshold, sg_ban_threshold, uint, 0444);
MODULE_PARM_DESC(ban_threshold, "Offences (drops for malformed, scanner, injection or rate) within ban_window that ban a source (default 20)");

static unsigned int sg_ban_window = 60;
module_param_named(ban_window, sg_ban_window, uint, 0444);
MODULE_PARM_DESC(ban_window, "Seconds in which ban_threshold offences ban a source (default 60)");

static unsigned int sg_ban_time = 60;
module_param_named(ban_time, sg_ban_time, uint, 0444);
MODULE_PARM_DESC(ban_time, "Seconds of a first ban; each repeat doubles it (default 60)");

static unsigned int sg_ban_max = 86400;
module_param_named(ban_max, sg_ban_max, uint, 0444);
MODULE_PARM_DESC(ban_max, "Longest ban in seconds (default 86400)");

static unsigned int sg_ban_forget = 86400;
module_param_named(ban_forget, sg_ban_forget, uint, 0444);
MODULE_PARM_DESC(ban_forget, "Seconds after a ban before the doubling starts again from ban_time (default 86400)");

static unsigned int sg_auth_threshold = 5;
module_param_named(auth_threshold, sg_auth_threshold, uint, 0444);
MODULE_PARM_DESC(auth_threshold, "Authentication failures the server answers a source (401/407/403 to credentials) within auth_window that ban it; 0: never (default 5)");

static unsigned int sg_auth_window = 600;
module_param_named(auth_window, sg_auth_window, uint, 0444);
MODULE_PARM_DESC(auth_window, "Seconds in which auth_threshold failures ban a source (default 600)");

static unsigned int sg_unknown_threshold = 10;
module_param_named(unknown_threshold, sg_unknown_threshold, uint, 0444);
MODULE_PARM_DESC(unknown_threshold, "Unknown targets the server answers a source (404/484/604 to requests without credentials) within unknown_window that ban it; 0: never (default 10)");

static unsigned int sg_unknown_window = 60;
module_param_named(unknown_window, sg_unknown_window, uint, 0444);
MODULE_PARM_DESC(unknown_window, "Seconds in which unknown_threshold answers ban a source (default 60)");

static unsigned int sg_ipv6_aggregate = 48;
module_param_named(ipv6_aggregate, sg_ipv6_aggregate, uint, 0444);
MODULE_PARM_DESC(ipv6_aggregate, "IPv6 sources are also taken together per prefix of this length, 0-127: banned when 4 of its sources are, limited as one source when ipv6_spread new ones come in a minute; 0, or not shorter than ipv6_prefix: never (default 48)");

static unsigned int sg_ipv6_spread = 64;
module_param_named(ipv6_spread, sg_ipv6_spread, uint, 0444);
MODULE_PARM_DESC(ipv6_spread, "New IPv6 sources a minute in one ipv6_aggregate prefix before it is limited as one source for 10 minutes; 0: never (default 64)");

static unsigned int sg_ipv6_prefix = 64;
module_param_named(ipv6_prefix, sg_ipv6_prefix, uint, 0444);
MODULE_PARM_DESC(ipv6_prefix, "IPv6 sources are limited and banned per prefix of this length, 1-128 (default 64)");

/* The ban parameters, from seconds to the clock's nanoseconds. */
static void sg_default_ban_params(struct sg_ban_params *ban)
{
	ban->threshold = sg_ban_threshold;
	ban->window = (u64)sg_ban_window * SG_NSEC_PER_SEC;
	ban->time = (u64)sg_ban_time * SG_NSEC_PER_SEC;
	ban->max = (u64)sg_ban_max * SG_NSEC_PER_SEC;
	ban->forget = (u64)sg_ban_forget * SG_NSEC_PER_SEC;
}

/* Checked once at load, where a bad value can still refuse it. */
static int sg_params_check(void)
{
	struct sg_ban_params ban;

	sg_default_ban_params(&ban);

	if (!sg_max_sources || sg_max_sources > (1U << 24)) {
		pr_err("max_sources=%u: want 1-%u\n", sg_max_sources, 1U << 24);
		return -EINVAL;
	}
	if (!sg_max_bans || sg_max_bans > (1U << 24)) {
		pr_err("max_bans=%u: want 1-%u\n", sg_max_bans, 1U << 24);
		return -EINVAL;
	}
	if (sg_tcp_flows > (1U << 24)) {
		pr_err("tcp_flows=%u: want 0-%u\n", sg_tcp_flows, 1U << 24);
		return -EINVAL;
	}
	if (sg_tcp_buffer < 65536) {
		pr_err("tcp_buffer=%lu: want at least 65536 bytes\n", sg_tcp_buffer);
		return -EINVAL;
	}
	if (sg_ipv6_prefix < 1 || sg_ipv6_prefix > 128) {
		pr_err("ipv6_prefix=%u: want 1-128\n", sg_ipv6_prefix);
		return -EINVAL;
	}
	if (sg_ipv6_aggregate > 127 || sg_ipv6_spread > 1000000) {
		pr_err("ipv6_aggregate=%u ipv6_spread=%u: want 0-127 and 0-1000000\n",
		       sg_ipv6_aggregate, sg_ipv6_spread);
		return -EINVAL;
	}
	if (sg_auth_threshold > 1000000 || sg_unknown_threshold > 1000000 ||
	    !sg_auth_window || sg_auth_window > SG_SECS_MAX ||
	    !sg_unknown_window || sg_unknown_window > SG_SECS_MAX) {
		pr_err("auth_threshold, unknown_threshold: want 0-1000000; auth_window, unknown_window: want 1-%u\n",
		       SG_SECS_MAX);
		return -EINVAL;
	}
	if (sg_ban_params_check(&ban)) {
		pr_err("ban_threshold, ban_window, ban_time must be non-zero, and ban_max at least ban_time\n");
		return -EINVAL;
	}
	return 0;
}

/* The scalar part of the config every netns starts with. */
struct sg_config *sg_config_default(void)
{
	struct sg_config *cfg = kvzalloc(sizeof(*cfg), GFP_KERNEL_ACCOUNT);

	if (!cfg)
		return NULL;
	sg_sip_policy_default(&cfg->sip);
	cfg->trusted_checks = sg_trusted_checks;
	memcpy(cfg->limits.src, sg_default_src_rates, sizeof(cfg->limits.src));
	memcpy(cfg->limits.global, sg_default_global_rates, sizeof(cfg->limits.global));
	sg_default_ban_params(&cfg->limits.ban);
	cfg->limits.answer[SG_ANSWER_AUTH].threshold = sg_auth_threshold;
	cfg->limits.answer[SG_ANSWER_AUTH].window = (u64)sg_auth_window * SG_NSEC_PER_SEC;
	cfg->limits.answer[SG_ANSWER_UNKNOWN].threshold = sg_unknown_threshold;
	cfg->limits.answer[SG_ANSWER_UNKNOWN].window = (u64)sg_unknown_window * SG_NSEC_PER_SEC;
	cfg->limits.v6_prefix = (u8)sg_ipv6_prefix;
	/* an aggregate is shorter than a source, or there is none */
	cfg->limits.v6_aggregate = sg_ipv6_aggregate < sg_ipv6_prefix ? (u8)sg_ipv6_aggregate : 0;
	sg_spread_init(&cfg->limits.spread, sg_ipv6_spread);
	cfg->ports = sg_default_ports;
	cfg->mode = SIPGUARD_MODE_ENFORCE;
	cfg->tcp_flows = sg_tcp_flows;
	cfg->tcp_buffer = sg_tcp_buffer;
	return cfg;
}

/* allow= or deny= into the writer's list of @set. */
static int sg_default_set(struct sg_net *sn, int set, const struct sg_prefix_param *pp)
{
	struct sg_prefix_entry *e;
	unsigned int i;

	for (i = 0; i < pp->n; i++) {
		e = sg_prefix_entry_new(&pp->set[i], 0, NULL);
		if (!e)
			return -ENOMEM;
		if (sg_set_insert(sn, set, e))
			kfree(e);	/* listed twice */
	}
	return 0;
}

static int sg_default_patterns(struct sg_net *sn)
{
	const struct sg_acm_pattern *d;
	struct sg_pattern *p;
	u32 i;

	for (i = 0; i < sg_default_nscanners; i++) {
		d = &sg_default_scanners[i];
		p = sg_pattern_new(d->str, d->len, d->fields, d->flags);
		if (!p)
			return -ENOMEM;
		list_add_tail(&p->list, &sn->patterns);
		sn->npatterns++;
	}
	return 0;
}

/* Build the writer's lists from the parameters and publish the config. */
static int sg_config_init(struct sg_net *sn)
{
	struct sg_config *cfg = sg_config_default();
	int err;

	if (!cfg)
		return -ENOMEM;
	mutex_lock(&sn->lock);
	err = sg_default_set(sn, SIPGUARD_SET_DENY, &sg_param_deny) ?:
	      sg_default_set(sn, SIPGUARD_SET_ALLOW, &sg_param_allow) ?:
	      sg_default_patterns(sn) ?:
	      sg_set_compile(sn, SIPGUARD_SET_DENY, cfg) ?:
	      sg_set_compile(sn, SIPGUARD_SET_ALLOW, cfg) ?:
	      sg_patterns_compile(sn, cfg);
	if (err)
		sg_config_free(cfg);	/* the lists go with sg_state_destroy() */
	else
		sg_config_publish(sn, cfg);
	mutex_unlock(&sn->lock);
	return err;
}

/* True while the module registers its pernet operations (sg_init()). */
static bool sg_loading;

static void sg_ban_expired(struct sg_bantable *t, const struct sg_banent *b, u64 now)
{
	sg_event_ban(container_of(t, struct sg_net, bans), SIPGUARD_EVENT_BAN_EXPIRED,
		     &b->key, 0, b->ban.bans, now);
}

/*
 * The state of @net: tables, config, /proc/net/sipguard; the hooks come
 * with sg_net_set_enabled(). What it allocates is charged to the caller's
 * memory cgroup, and what packets add later to it too, except at load
 * (sg_loading): nobody then, not modprobe's cgroup, which the module would
 * pin.
 */
static struct sg_net *sg_net_create(struct net *net)
{
	struct sg_net *sn;
	struct sg_config *cfg;
	int err, i;

	sn = kzalloc(sizeof(*sn), sg_loading ? GFP_KERNEL : GFP_KERNEL_ACCOUNT);
	if (!sn)
		return ERR_PTR(-ENOMEM);
	sn->net = net;
	sn->stats = __netdev_alloc_pcpu_stats(struct sg_pcpu_stats,
					       sg_loading ? GFP_KERNEL : GFP_KERNEL_ACCOUNT);
	if (!sn->stats) {
		err = -ENOMEM;
		goto err_stats;
	}
	sn->memo = alloc_percpu_gfp(struct sg_drop_memo,
				    sg_loading ? GFP_KERNEL : GFP_KERNEL_ACCOUNT);
	if (!sn->memo) {
		err = -ENOMEM;
		goto err_memo;
	}
	sg_state_init(sn);
	sn->memcg = sg_loading ? NULL : get_mem_cgroup_from_mm(current->mm);
	err = sg_srctable_init(&sn->srcs, sg_max_sources, sg_now());
	if (err)
		goto err_srcs;
	sn->srcs.memcg = sn->memcg;
	err = sg_bantable_init(&sn->bans, sg_max_bans);
	if (err)
		goto err_bans;
	sn->bans.memcg = sn->memcg;
	sn->bans.expired = sg_ban_expired;
	err = sg_flowtable_init(&sn->flows, net, sg_tcp_flows);
	if (err)
		goto err_flows;
	err = sg_config_init(sn);
	if (err)
		goto err_config;
	cfg = rcu_dereference_protected(sn->config, true);
	for (i = 0; i < SG_CLASS_REQUESTS; i++)
		sg_bucket_init(&sn->srcs.global[i], &cfg->limits.global[i], sg_now());

	err = sg_proc_init(net, sn);
	if (err)
		goto err_proc;
	return sn;

err_proc:
err_config:
	sg_flowtable_destroy(&sn->flows);
err_flows:
	sg_bantable_destroy(&sn->bans);
err_bans:
	sg_srctable_destroy(&sn->srcs);
err_srcs:
	mem_cgroup_put(sn->memcg);
	sg_state_destroy(sn);
	free_percpu(sn->memo);
err_memo:
	free_percpu(sn->stats);
err_stats:
	kfree(sn);
	return ERR_PTR(err);
}

static void sg_net_destroy(struct sg_net *sn)
{
	/* After the hooks are gone and a grace period has passed, nothing
	 * reads the config or the counters (a netns's exit unregistered them
	 * in sg_net_pre_exit(), and the pernet core waited). Netlink cannot
	 * reach a netns that is going away, nor a state not yet published.
	 */
	if (sn->enabled) {
		sg_hook_unregister(sn);
		synchronize_net();
	}
	sg_proc_exit(sn->net);
	sg_flowtable_destroy(&sn->flows);
	sg_bantable_destroy(&sn->bans);
	sg_srctable_destroy(&sn->srcs);
	mem_cgroup_put(sn->memcg);
	sg_state_destroy(sn);
	free_percpu(sn->memo);
	free_percpu(sn->stats);
	kfree(sn);
}

/*
 * Hooks on or off, under sn->lock; the policy, counters and bans stay.
 * The TCP flows do not: while off, their connections moved on, so on
 * again they are followed afresh from their next segment (as after the
 * flow table's idle timeout), not dropped as out of order for ever.
 */
int sg_net_set_enabled(struct sg_net *sn, bool on)
{
	int err = 0;

	lockdep_assert_held(&sn->lock);
	if (on == sn->enabled)
		return 0;
	if (on) {
		sg_flowtable_flush(&sn->flows);
		err = sg_hook_register(sn);
	} else {
		sg_hook_unregister(sn);
		synchronize_net();	/* no hook still reading the flows */
	}
	if (!err)
		sn->enabled = on;
	return err;
}

static struct sg_net **sg_slot(struct net *net)
{
	return net_generic(net, sg_net_id);
}

/* The state of @net, or NULL when it was never enabled. */
struct sg_net *sg_net_get(struct net *net)
{
	return smp_load_acquire(sg_slot(net));
}

/*
 * The state of @net, created (hooks off) if it has none, for a netlink
 * request that enables or prepares it. On success sg_create_lock is held
 * and *@fresh says whether the state is new: the caller fills it, then
 * ends with sg_net_create_end().
 */
struct sg_net *sg_net_create_begin(struct net *net, bool *fresh)
{
	struct sg_net *sn;

	mutex_lock(&sg_create_lock);
	sn = sg_net_get(net);
	*fresh = !sn;
	if (!sn)
		sn = sg_net_create(net);
	if (IS_ERR(sn))
		mutex_unlock(&sg_create_lock);
	return sn;
}

/* Publish a fresh state, or drop it when @err: nothing half-made stays. */
void sg_net_create_end(struct sg_net *sn, bool fresh, int err)
{
	if (fresh && err)
		sg_net_destroy(sn);
	else if (fresh)
		smp_store_release(sg_slot(sn->net), sn);
	mutex_unlock(&sg_create_lock);
}

static int __net_init sg_net_init(struct net *net)
{
	struct sg_net *sn;
	int err;

	if (!net_eq(net, &init_net) && !sg_all_netns)
		return 0;	/* nothing until its admin enables it */
	sn = sg_net_create(net);
	if (IS_ERR(sn))
		return PTR_ERR(sn);
	mutex_lock(&sn->lock);
	err = sg_net_set_enabled(sn, true);
	mutex_unlock(&sn->lock);
	if (err) {
		sg_net_destroy(sn);
		return err;
	}
	smp_store_release(sg_slot(net), sn);
	return 0;
}

/* The hooks go first; the pernet core waits a grace period before exit. */
static void __net_exit sg_net_pre_exit(struct net *net)
{
	struct sg_net *sn = sg_net_get(net);

	if (sn && sn->enabled) {
		sg_hook_unregister(sn);
		sn->enabled = false;
	}
}

static void __net_exit sg_net_exit(struct net *net)
{
	struct sg_net *sn = sg_net_get(net);

	if (sn) {
		sg_net_destroy(sn);
		*sg_slot(net) = NULL;
	}
}

static struct pernet_operations sg_net_ops = {
	.init = sg_net_init,
	.pre_exit = sg_net_pre_exit,
	.exit = sg_net_exit,
	.id   = &sg_net_id,
	.size = sizeof(struct sg_net *),
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

	err = sg_params_check();
	if (err)
		return err;
	err = sg_config_module_init();
	if (err)
		return err;
	err = sg_hook_init();
	if (err)
		goto err_hook;
	sg_loading = true;
	err = register_pernet_subsys(&sg_net_ops);
	sg_loading = false;
	if (err)
		goto err_pernet;
	err = sg_netlink_init();
	if (err)
		goto err_netlink;
	pr_info("loaded " SG_VERSION ": ports %s, hooks at priority %d, up to %u sources per netns at %u bytes each\n",
		sg_param_ports, SG_HOOK_PRIORITY, sg_max_sources, sg_src_entry_size());
	return 0;

err_netlink:
	unregister_pernet_subsys(&sg_net_ops);
err_pernet:
	sg_hook_exit();
err_hook:
	sg_config_module_exit();
	return err;
}

static void __exit sg_exit(void)
{
	sg_netlink_exit();
	unregister_pernet_subsys(&sg_net_ops);
	sg_hook_exit();
	rcu_barrier();	/* old configs and patterns freed after grace periods */
	sg_config_module_exit();
	pr_info("unloaded\n");
}

module_init(sg_init);
module_exit(sg_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("The sipguard developers");
MODULE_DESCRIPTION("SIP inspection and flood protection in netfilter, before conntrack");
MODULE_VERSION(SG_VERSION);
/*
 * No MODULE_ALIAS_GENL_FAMILY: the controller would load the module for any
 * local user who looks the family up, and loading puts the initial netns
 * under the default drop policy. Loading a packet filter is root's
 * decision: modprobe sipguard, or sipguard.service.
 */
