// SPDX-License-Identifier: GPL-2.0
/*
 * make bench's floor for the fast path: one IPv4 PREROUTING hook that
 * accepts every packet, in every netns (as sipguard's is with all_netns=1,
 * the test guest's setting), at sipguard's priority (SG_HOOK_PRIORITY,
 * from sipguard's own header), after IPv4 defrag's hook as sipguard's is (defrag=1, the default) or
 * alone (defrag=0). What a packet
 * costs beyond no filter here is netfilter's dispatch of a hook, which no
 * hook function, sipguard's included, can take away. Not a part of
 * sipguard: tests/bench/netbench.sh loads it from the build tree.
 */
#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/netfilter/ipv4/nf_defrag_ipv4.h>

#include "sipguard.h"

static bool defrag = true;
module_param(defrag, bool, 0444);
MODULE_PARM_DESC(defrag, "enable IPv4 defrag's hook before the empty one, as sipguard does (default 1)");

static unsigned int nullhook_net_id __read_mostly;

static unsigned int nullhook_accept(void *priv, struct sk_buff *skb,
				    const struct nf_hook_state *state)
{
	return NF_ACCEPT;
}

static const struct nf_hook_ops nullhook_template = {
	.hook		= nullhook_accept,
	.pf		= NFPROTO_IPV4,
	.hooknum	= NF_INET_PRE_ROUTING,
	.priority	= SG_HOOK_PRIORITY,
};

static int __net_init nullhook_net_init(struct net *net)
{
	struct nf_hook_ops *ops = net_generic(net, nullhook_net_id);
	int err;

	*ops = nullhook_template;
	if (defrag) {
		err = nf_defrag_ipv4_enable(net);
		if (err)
			return err;
	}
	err = nf_register_net_hook(net, ops);
	if (err && defrag)
		nf_defrag_ipv4_disable(net);
	return err;
}

/* The hook goes before .exit, so that the grace period between the two
 * passes before the ops it points to are freed with the netns' generic
 * data (a hook dump may read them), as the iptables tables do. */
static void __net_exit nullhook_net_pre_exit(struct net *net)
{
	nf_unregister_net_hook(net, net_generic(net, nullhook_net_id));
}

static void __net_exit nullhook_net_exit(struct net *net)
{
	if (defrag)
		nf_defrag_ipv4_disable(net);
}

static struct pernet_operations nullhook_net_ops = {
	.init	= nullhook_net_init,
	.pre_exit = nullhook_net_pre_exit,
	.exit	= nullhook_net_exit,
	.id	= &nullhook_net_id,
	.size	= sizeof(struct nf_hook_ops),
};

static int __init nullhook_init(void)
{
	return register_pernet_subsys(&nullhook_net_ops);
}

static void __exit nullhook_exit(void)
{
	unregister_pernet_subsys(&nullhook_net_ops);
}

module_init(nullhook_init);
module_exit(nullhook_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("make bench: an empty IPv4 PREROUTING hook, the dispatch's floor");
