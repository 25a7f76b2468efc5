// SPDX-License-Identifier: GPL-2.0
/*
 * The netfilter hooks and the verdict pipeline of ../shared/DESIGN.md.
 *
 * Priority: NF_IP_PRI_CONNTRACK_DEFRAG + 50 = -350, the same for IPv6.
 *  - after defrag (-400), so a SIP message split over IP fragments is seen
 *    whole, and a signature in the second fragment cannot slip past;
 *  - before raw (-300) and conntrack (-200), so an ESTABLISHED conntrack
 *    entry cannot wave an attacker's packet through, and a dropped packet
 *    neither creates nor refreshes conntrack state.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netfilter/ipv4/nf_defrag_ipv4.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>

#include <linux/ratelimit.h>

#include "sipguard.h"
#include "reasons.h"

/* Scratch space for non-linear payloads; the hooks run with BHs off. */
static DEFINE_PER_CPU(u8 *, sg_scratch);

static_assert(SG_HOOK_PRIORITY > NF_IP_PRI_CONNTRACK_DEFRAG &&
	      SG_HOOK_PRIORITY < NF_IP_PRI_RAW);
static_assert(SG_HOOK_PRIORITY > NF_IP6_PRI_CONNTRACK_DEFRAG &&
	      SG_HOOK_PRIORITY < NF_IP6_PRI_RAW);

/* What the pipeline needs to know of a packet, whatever its family. */
struct sg_pkt {
	const void *saddr;	/* points into the skb's network header */
	int family;
	unsigned int l4off;	/* offset of the transport header */
	u8 proto;
};

static unsigned int sg_drop(struct sg_net *sn, enum sipguard_reason reason)
{
	sg_count(sn, SG_STAT_DROP + reason, 1);
	return NF_DROP;
}

/*
 * One line per drop, rate-limited for the whole module: a flood must not
 * turn into a log flood. Packet text is sanitised and cut.
 */
static void sg_log_drop(const struct sg_config *cfg, const struct sg_pkt *p,
			const struct sg_sip_result *res, const u8 *data)
{
	static DEFINE_RATELIMIT_STATE(rs, 5 * HZ, 10);
	char what[96], excerpt[64];

	if (!__ratelimit(&rs))
		return;
	sg_sip_describe(what, sizeof(what), res, sg_default_scanners,
			sg_default_nscanners);
	sg_sanitize(excerpt, sizeof(excerpt), data + res->at, res->at_len);
	if (p->family == AF_INET)
		pr_info("drop %pI4 %s %s %s: \"%s\"\n", p->saddr,
			sg_reason_name(res->reason), sg_method_name(res->method),
			what, excerpt);
	else
		pr_info("drop %pI6c %s %s %s: \"%s\"\n", p->saddr,
			sg_reason_name(res->reason), sg_method_name(res->method),
			what, excerpt);
}

static bool sg_denied(const struct sg_config *cfg, const struct sg_pkt *p)
{
	unsigned int i;

	for (i = 0; i < cfg->ndeny; i++)
		if (sg_prefix_match(&cfg->deny[i], p->family, p->saddr))
			return true;
	return false;
}

/*
 * The pipeline, once the packet is known to be IPv4 or IPv6 and not a
 * fragment. Netfilter calls hooks inside rcu_read_lock(), which is what
 * protects the configuration here.
 */
static unsigned int sg_inspect(struct sg_net *sn, struct sk_buff *skb,
			       const struct sg_pkt *p)
{
	const struct sg_config *cfg = rcu_dereference(sn->config);
	unsigned int hdrlen, off, plen, wlen;
	struct sg_sip_result res;
	const u8 *data;
	u8 verdict;
	struct tcphdr _th;
	const struct tcphdr *th;
	__be16 _dport;
	const __be16 *dport;

	sg_count(sn, SG_STAT_PACKETS, 1);
	if (p->proto != IPPROTO_UDP && p->proto != IPPROTO_TCP)
		return NF_ACCEPT;

	/* The destination port is at offset 2 in both UDP and TCP headers. */
	dport = skb_header_pointer(skb, p->l4off + 2, sizeof(_dport), &_dport);
	if (!dport || !sg_port_test(&cfg->ports, ntohs(*dport)))
		return NF_ACCEPT;

	if (p->proto == IPPROTO_UDP) {
		hdrlen = sizeof(struct udphdr);
	} else {
		th = skb_header_pointer(skb, p->l4off, sizeof(_th), &_th);
		if (!th)
			return NF_ACCEPT;	/* truncated: the stack drops it */
		hdrlen = th->doff * 4;
	}
	sg_count(sn, SG_STAT_SIP_PACKETS, 1);
	if (skb->len > p->l4off + hdrlen)
		sg_count(sn, SG_STAT_SIP_BYTES, skb->len - p->l4off - hdrlen);

	if (sg_denied(cfg, p))
		return sg_drop(sn, SIPGUARD_REASON_DENY);

	/* The payload, in place when linear, else a bounded copy. */
	off = p->l4off + hdrlen;
	plen = skb->len > off ? skb->len - off : 0;
	wlen = min_t(unsigned int, plen, SG_WINDOW);
	data = skb_header_pointer(skb, off, wlen, *this_cpu_ptr(&sg_scratch));
	if (!data)
		return NF_ACCEPT;	/* cannot happen: wlen <= skb->len - off */

	verdict = sg_sip_inspect(&cfg->sip, data, wlen, plen,
				 p->proto == IPPROTO_TCP, &res);
	switch (res.kind) {
	case SG_SIP_REQUEST:
		sg_count(sn, SG_STAT_REQUESTS, 1);
		break;
	case SG_SIP_RESPONSE:
		sg_count(sn, SG_STAT_RESPONSES, 1);
		break;
	case SG_SIP_KEEPALIVE:
	case SG_SIP_STUN:
		sg_count(sn, SG_STAT_KEEPALIVES, 1);
		break;
	}
	if (verdict != SG_VERDICT_ACCEPT) {
		sg_log_drop(cfg, p, &res, data);
		return sg_drop(sn, verdict);
	}

	sg_count(sn, SG_STAT_ACCEPTED, 1);
	return NF_ACCEPT;
}

static unsigned int sg_hook_ipv4(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct sg_pkt p = {
		.family = AF_INET,
		.saddr = &iph->saddr,
		.l4off = skb_network_offset(skb) + ip_hdrlen(skb),
		.proto = iph->protocol,
	};

	/* Defrag ran before us; a fragment left here carries no ports. */
	if (ip_is_fragment(iph))
		return NF_ACCEPT;
	return sg_inspect(priv, skb, &p);
}

static unsigned int sg_hook_ipv6(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	u8 nexthdr = ip6h->nexthdr;
	__be16 frag_off;
	int off;
	struct sg_pkt p = {
		.family = AF_INET6,
		.saddr = &ip6h->saddr,
	};

	off = ipv6_skip_exthdr(skb, skb_network_offset(skb) + sizeof(*ip6h),
			       &nexthdr, &frag_off);
	if (off < 0 || (frag_off & htons(~0x7)))
		return NF_ACCEPT;
	p.l4off = off;
	p.proto = nexthdr;
	return sg_inspect(priv, skb, &p);
}

static const struct nf_hook_ops sg_hook_ops_template[] = {
	{
		.hook		= sg_hook_ipv4,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= SG_HOOK_PRIORITY,
	},
	{
		.hook		= sg_hook_ipv6,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_PRE_ROUTING,
		.priority	= SG_HOOK_PRIORITY,
	},
};

int sg_hook_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		u8 *buf = kmalloc_node(SG_WINDOW, GFP_KERNEL, cpu_to_node(cpu));

		if (!buf) {
			sg_hook_exit();
			return -ENOMEM;
		}
		per_cpu(sg_scratch, cpu) = buf;
	}
	return 0;
}

/* After every netns' hooks are gone (unregister_pernet_subsys). */
void sg_hook_exit(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		kfree(per_cpu(sg_scratch, cpu));
		per_cpu(sg_scratch, cpu) = NULL;
	}
}

int sg_hook_register(struct sg_net *sn)
{
	unsigned int i;
	int err;

	static_assert(ARRAY_SIZE(sg_hook_ops_template) == ARRAY_SIZE(sn->ops));
	memcpy(sn->ops, sg_hook_ops_template, sizeof(sn->ops));
	for (i = 0; i < ARRAY_SIZE(sn->ops); i++)
		sn->ops[i].priv = sn;

	err = nf_defrag_ipv4_enable(sn->net);
	if (err)
		return err;
	err = nf_defrag_ipv6_enable(sn->net);
	if (err)
		goto err_defrag6;
	err = nf_register_net_hooks(sn->net, sn->ops, ARRAY_SIZE(sn->ops));
	if (err)
		goto err_hooks;
	return 0;

err_hooks:
	nf_defrag_ipv6_disable(sn->net);
err_defrag6:
	nf_defrag_ipv4_disable(sn->net);
	return err;
}

void sg_hook_unregister(struct sg_net *sn)
{
	nf_unregister_net_hooks(sn->net, sn->ops, ARRAY_SIZE(sn->ops));
	nf_defrag_ipv6_disable(sn->net);
	nf_defrag_ipv4_disable(sn->net);
}
