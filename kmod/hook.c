// SPDX-License-Identifier: GPL-2.0
/*
 * The netfilter hooks and the verdict pipeline of Documentation/design.md.
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
#include <asm/unaligned.h>

#include "sipguard.h"
#include "names.h"

/* Scratch space for non-linear payloads; read with BHs off (sg_inspect(),
 * sg_output_response()). */
static DEFINE_PER_CPU(u8 *, sg_scratch);

static_assert(SG_HOOK_PRIORITY > NF_IP_PRI_CONNTRACK_DEFRAG &&
	      SG_HOOK_PRIORITY < NF_IP_PRI_RAW);
static_assert(SG_HOOK_PRIORITY > NF_IP6_PRI_CONNTRACK_DEFRAG &&
	      SG_HOOK_PRIORITY < NF_IP6_PRI_RAW);

/*
 * A drop decision: counted by reason, sampled to the "events" group, and
 * enforced unless the netns is in monitor mode or the reason's action is
 * "log". @res and @data (the payload) are NULL before the parser ran.
 */
unsigned int sg_drop(struct sg_net *sn, const struct sg_config *cfg,
		     enum sipguard_reason reason, const struct sg_pkt *p,
		     const void *addr, const struct sg_sip_result *res, const u8 *data)
{
	bool pass = cfg->mode == SIPGUARD_MODE_MONITOR ||
		    cfg->actions[reason] == SIPGUARD_ACTION_LOG;

	sg_count(sn, SG_STAT_DROP + reason, 1);
	if (pass)
		sg_count(sn, SIPGUARD_STAT_PASSED, 1);
	sg_event_drop(sn, cfg, reason, p->family, addr, res, data, pass);
	return pass ? NF_ACCEPT : NF_DROP;
}

/*
 * One line per drop, rate-limited per netns (10 per 5 s): a flood must not
 * turn into a log flood, nor one namespace's flood silence another's
 * lines. Packet text is sanitised and cut.
 */
static void sg_log_drop(struct sg_net *sn, const struct sg_config *cfg,
			const struct sg_pkt *p, const struct sg_sip_result *res,
			const u8 *data)
{
	const struct sg_patset *ps = cfg->pats;
	char what[96], excerpt[64];
	const char *verb;

	if (!__ratelimit(&sn->log_rs))
		return;
	verb = cfg->mode == SIPGUARD_MODE_MONITOR ||
	       cfg->actions[res->reason] == SIPGUARD_ACTION_LOG ? "would drop" : "drop";
	sg_sip_describe(what, sizeof(what), res, ps ? ps->pats : NULL, ps ? ps->n : 0);
	sg_sanitize(excerpt, sizeof(excerpt), data + res->at, res->at_len);
	if (p->family == AF_INET)
		pr_info("%s %pI4 %s %s %s: \"%s\"\n", verb, p->saddr,
			sg_reason_name(res->reason), sg_method_name(res->method),
			what, excerpt);
	else
		pr_info("%s %pI6c %s %s %s: \"%s\"\n", verb, p->saddr,
			sg_reason_name(res->reason), sg_method_name(res->method),
			what, excerpt);
}

static enum sg_class sg_method_class(u8 method)
{
	switch (method) {
	case SIPGUARD_METHOD_REGISTER:
		return SG_CLASS_REGISTER;
	case SIPGUARD_METHOD_INVITE:
		return SG_CLASS_INVITE;
	case SIPGUARD_METHOD_OPTIONS:
		return SG_CLASS_OPTIONS;
	default:
		return SG_CLASS_OTHER;
	}
}

/*
 * @key's entry, created if need be (evicting one when the table is full);
 * NULL, counted, when no room could be made.
 */
static void sg_spread(struct sg_net *sn, const struct sg_config *cfg,
		      const struct sg_src_key *key, u64 now);

static struct sg_src *sg_source(struct sg_net *sn, const struct sg_config *cfg,
				const struct sg_src_key *key, u64 now)
{
	unsigned int how = 0;
	struct sg_src *s = sg_src_get(&sn->srcs, key, &cfg->limits, now, &how);

	if (how & SG_SRC_EVICTED)
		sg_count(sn, SIPGUARD_STAT_SOURCES_EVICTED, 1);
	if (!s)
		sg_count(sn, SIPGUARD_STAT_SOURCES_FULL, 1);
	if ((how & SG_SRC_NEW) && key->family == AF_INET6 && cfg->limits.v6_aggregate &&
	    key->plen == cfg->limits.v6_prefix)
		sg_spread(sn, cfg, key, now);
	return s;
}

/* The aggregate (the /v6_aggregate) an IPv6 key falls in. */
static void sg_aggregate_key(struct sg_src_key *agg, const struct sg_src_key *key,
			     const struct sg_config *cfg)
{
	sg_src_key_make(agg, AF_INET6, key->addr, cfg->limits.v6_aggregate);
}

static void sg_log_aggregate(struct sg_net *sn, const struct sg_src_key *agg, const char *what)
{
	if (__ratelimit(&sn->ban_log_rs))
		pr_info("%pI6c/%u %s\n", agg->addr, agg->plen, what);
}

/*
 * A new IPv6 source: one more in its aggregate. More of them than the
 * spread rate allows (a flood from one /48 rotating /64s, or filling the
 * table) and the aggregate is limited as one source for a while.
 */
static void sg_spread(struct sg_net *sn, const struct sg_config *cfg,
		      const struct sg_src_key *key, u64 now)
{
	struct sg_src_key akey;
	struct sg_src *agg;
	bool started = false;

	sg_aggregate_key(&akey, key, cfg);
	agg = sg_source(sn, cfg, &akey, now);
	if (!agg)
		return;
	spin_lock(&agg->lock);
	if (!sg_bucket_take(&agg->spread, &cfg->limits.spread, now)) {
		started = now >= agg->agg_until;
		agg->agg_until = now + SG_AGGREGATE_TIME;
	}
	agg->last_seen = now;
	spin_unlock(&agg->lock);
	if (started) {
		sg_count(sn, SIPGUARD_STAT_SOURCES_AGGREGATED, 1);
		sg_log_aggregate(sn, &akey, "limited as one source: new sources in it past ipv6-spread");
	}
}

/*
 * Ban @key for as long as its record says (the ban table): counted, sent
 * as an event, logged. @why says what earned it, for the log line; @addr
 * is the address as the packet had it.
 */
static void sg_ban_key(struct sg_net *sn, const struct sg_config *cfg,
		       const struct sg_src_key *key, int family, const void *addr, u64 now,
		       const char *why)
{
	bool ended = false;
	u64 until;
	u32 bans;
	int r = sg_ban_begin(&sn->bans, key, &cfg->limits.ban, 0, now, &until, &bans, &ended);

	if (ended)
		sg_count(sn, SIPGUARD_STAT_BANS_FULL, 1);
	if (r < 0)
		return;
	if (!r)
		return;		/* one was in force */
	sg_count(sn, SIPGUARD_STAT_BANS, 1);
	sg_event_ban(sn, SIPGUARD_EVENT_BAN_ADDED, key, until, bans, now);
	if (__ratelimit(&sn->ban_log_rs)) {
		if (family == AF_INET)
			pr_info("ban %pI4 for %llu s (ban %u)%s\n", addr,
				div_u64(until - now, NSEC_PER_SEC), bans, why);
		else
			pr_info("ban %pI6c/%u for %llu s (ban %u)%s\n", key->addr,
				key->plen, div_u64(until - now, NSEC_PER_SEC), bans, why);
	}
	/* SG_AGGREGATE_BANS of an aggregate's sources banned: the aggregate */
	if (family == AF_INET6 && cfg->limits.v6_aggregate &&
	    key->plen == cfg->limits.v6_prefix) {
		struct sg_ban_params ap = cfg->limits.ban;
		struct sg_src_key akey;
		struct sg_src *agg;
		bool reached;

		sg_aggregate_key(&akey, key, cfg);
		agg = sg_source(sn, cfg, &akey, now);
		if (!agg)
			return;
		ap.threshold = SG_AGGREGATE_BANS;
		spin_lock(&agg->lock);
		reached = sg_offence_count(&agg->ban, &ap, now);
		agg->last_seen = now;
		spin_unlock(&agg->lock);
		if (reached)
			sg_ban_key(sn, cfg, &akey, AF_INET6, akey.addr, now,
				   ", after 4 sources in it were banned");
	}
}

/*
 * An offence (a drop for malformed, scanner, injection or rate) counts
 * towards a ban of the source. Trusted sources never get here.
 */
void sg_offence(struct sg_net *sn, const struct sg_config *cfg, struct sg_src *src,
		const struct sg_src_key *key, const struct sg_pkt *p, u64 now)
{
	bool reached;

	if (!src)
		src = sg_source(sn, cfg, key, now);
	if (!src)
		return;
	spin_lock(&src->lock);
	reached = sg_offence_count(&src->ban, &cfg->limits.ban, now);
	src->last_seen = now;
	spin_unlock(&src->lock);
	if (reached)
		sg_ban_key(sn, cfg, key, p->family, p->saddr, now, "");
}

enum sg_rate_verdict {
	SG_RATE_OK,
	SG_RATE_SOURCE,		/* over the source's own limit: an offence */
	SG_RATE_GLOBAL,		/* over everyone's limit: not the source's fault */
};

/*
 * One packet from the global bucket of @cls, through this CPU's share of
 * it (bucket.h): the lock once per batch, and not at all while the bucket
 * is dry. Softirq or BHs off: the share is this CPU's alone.
 */
static bool sg_global_take(struct sg_srctable *t, const struct sg_rate *r,
			   enum sg_class cls, u64 now)
{
	struct sg_share *s = &this_cpu_ptr(t->shares)->cls[cls];
	unsigned int ncpus = num_online_cpus();
	bool ok;

	switch (sg_share_try(s, r, now, ncpus)) {
	case SG_SHARE_TAKEN:
		return true;
	case SG_SHARE_DRY:
		return false;
	case SG_SHARE_REFILL:
		break;
	}
	spin_lock(&t->global_lock);
	ok = sg_share_refill(s, &t->global[cls], r, now, ncpus);
	spin_unlock(&t->global_lock);
	return ok;
}

/* Per source, then for everyone. */
static enum sg_rate_verdict sg_rate(struct sg_net *sn, const struct sg_config *cfg,
				    struct sg_src **srcp, const struct sg_src_key *key,
				    enum sg_class cls, u64 now)
{
	struct sg_src *src = *srcp;

	if (!src)
		src = *srcp = sg_source(sn, cfg, key, now);
	if (src && !sg_src_take(src, cls, &cfg->limits.src[cls], now))
		return SG_RATE_SOURCE;
	return sg_global_take(&sn->srcs, &cfg->limits.global[cls], cls, now) ?
	       SG_RATE_OK : SG_RATE_GLOBAL;
}

/* sg_payload_off() for TCP: the header is read for its data offset. */
static unsigned int sg_tcp_payload_off(const struct sk_buff *skb, const struct sg_pkt *p)
{
	struct tcphdr _th;
	const struct tcphdr *th;

	th = skb_header_pointer(skb, p->l4off, sizeof(_th), &_th);
	if (!th || th->doff < 5)
		return 0;
	return p->l4off + th->doff * 4;
}

/*
 * Offset of the UDP or TCP payload, or 0 when the TCP header cannot be
 * read or its data offset is below 5 words (the stack drops such a
 * segment; there is no payload to judge). UDP's without a call.
 */
static __always_inline unsigned int sg_payload_off(const struct sk_buff *skb,
						   const struct sg_pkt *p)
{
	if (p->proto == IPPROTO_UDP)
		return p->l4off + sizeof(struct udphdr);
	return sg_tcp_payload_off(skb, p);
}

/*
 * The verdict on one message the parser judged: counted by kind, then
 * dropped for what the parser found (an offence of the source, but for a
 * method not allowed), or held to the rate limits if a request from a
 * source not trusted. NF_ACCEPT or NF_DROP; a rate drop leaves
 * res->reason at SG_VERDICT_ACCEPT.
 */
unsigned int sg_judge(struct sg_ctx *c, const struct sg_sip_result *res, const u8 *data)
{
	struct sg_net *sn = c->sn;
	const struct sg_config *cfg = c->cfg;

	switch (res->kind) {
	case SG_SIP_REQUEST:
		sg_count(sn, SIPGUARD_STAT_REQUESTS, 1);
		break;
	case SG_SIP_RESPONSE:
		sg_count(sn, SIPGUARD_STAT_RESPONSES, 1);
		break;
	case SG_SIP_KEEPALIVE:
	case SG_SIP_STUN:
		sg_count(sn, SIPGUARD_STAT_KEEPALIVES, 1);
		break;
	}
	if (res->reason != SG_VERDICT_ACCEPT) {
		if (res->reason == SIPGUARD_REASON_SCANNER && cfg->pats &&
		    res->pattern >= 0 && res->pattern < cfg->pats->n)
			atomic64_inc(&cfg->pats->ents[res->pattern]->hits);
		sg_log_drop(sn, cfg, c->p, res, data);
		if (!c->trusted && res->reason != SIPGUARD_REASON_METHOD)
			sg_offence(sn, cfg, c->src, &c->key, c->p, c->now);
		return sg_drop(sn, cfg, res->reason, c->p, c->p->saddr, res, data);
	}

	/*
	 * A class of requests the operator accepts from some sources only
	 * (REGISTER from the offices): trusted ones too, since the set names
	 * them. Not an offence: a phone on the road is no attacker.
	 */
	if (res->kind == SG_SIP_REQUEST) {
		const struct sg_pset *from = cfg->sets[SIPGUARD_SET_REGISTER +
						       sg_method_class(res->method)];

		if (from && !sg_pset_contains(from, c->p->family, c->p->saddr)) {
			struct sg_sip_result r = *res;

			r.reason = SIPGUARD_REASON_ORIGIN;
			r.detail = SG_DETAIL_ORIGIN;
			r.where = SG_HDR_START_LINE;
			r.at = 0;
			r.at_len = 0;
			sg_log_drop(sn, cfg, c->p, &r, data);
			return sg_drop(sn, cfg, SIPGUARD_REASON_ORIGIN, c->p, c->p->saddr, &r, data);
		}
	}

	/* Requests meet the rate limits; trusted sources never do. */
	if (res->kind == SG_SIP_REQUEST && !c->trusted) {
		switch (sg_rate(sn, cfg, &c->src, &c->key, sg_method_class(res->method), c->now)) {
		case SG_RATE_OK:
			break;
		case SG_RATE_SOURCE:
			sg_offence(sn, cfg, c->src, &c->key, c->p, c->now);
			fallthrough;
		case SG_RATE_GLOBAL:
			return sg_drop(sn, cfg, SIPGUARD_REASON_RATE, c->p, c->p->saddr, res, data);
		}
		/* what the server's answers will be matched with: only
		 * answers to this source's own requests count */
		if (c->src && sg_answers_remember(res->method)) {
			spin_lock(&c->src->lock);
			sg_answers_request(&c->src->ans, res->txn, res->cred);
			spin_unlock(&c->src->lock);
		}
	}
	return NF_ACCEPT;
}

/*
 * @len bytes at @off: in place when they lie in the linear part or in one
 * page fragment (where a NIC that splits headers from data, or a packet
 * socket's ring, leaves a datagram's payload), else copied into @scratch.
 * Not in place from fragments others may still write (vmsplice, zero-copy
 * sends: skb_has_shared_frag()), nor from a page the kernel has no
 * mapping of its own for (highmem). A packet socket's TX ring is such a
 * writer without the flag, but only for its own, privileged sender's
 * packets: the parser reads every byte against its bounds, so a byte
 * changed under it changes its verdict on that packet, and nothing else.
 */
static const u8 *sg_payload_data(const struct sk_buff *skb, unsigned int off,
				 unsigned int len, u8 *scratch)
{
	const struct skb_shared_info *si = skb_shinfo(skb);
	unsigned int start = skb_headlen(skb), i;

	if (off + len <= start)
		return skb->data + off;
	if (off >= start && !skb_has_shared_frag(skb)) {
		for (i = 0; i < si->nr_frags; i++) {
			const skb_frag_t *f = &si->frags[i];
			unsigned int end = start + skb_frag_size(f);

			if (off < end) {
				if (off + len <= end && !PageHighMem(skb_frag_page(f)))
					return (const u8 *)skb_frag_address(f) + (off - start);
				break;
			}
			start = end;
		}
	}
	return skb_header_pointer(skb, off, len, scratch);
}

/*
 * One payload of @len bytes at @off (a datagram, or a TCP segment alone:
 * @mode), parsed and judged. Read in place when it can be (above), else
 * copied into this CPU's scratch buffer; only a TCP segment longer than it
 * is cut.
 */
static unsigned int sg_payload(struct sg_ctx *c, struct sk_buff *skb, unsigned int off,
			       unsigned int len, u8 mode)
{
	const struct sg_config *cfg = c->cfg;
	unsigned int wlen = min_t(unsigned int, len, SG_WINDOW);
	struct sg_sip_result res;
	const u8 *data;

	data = sg_payload_data(skb, off, wlen, c->scratch);
	if (!data)
		return NF_ACCEPT;	/* cannot happen: wlen <= skb->len - off */
	sg_sip_inspect(c->trusted ? &cfg->sip_trusted : &cfg->sip, data, wlen, len, mode, &res);
	return sg_judge(c, &res, data);
}

static unsigned int sg_datagram(struct sg_ctx *c, struct sk_buff *skb, unsigned int off,
				unsigned int len)
{
	return sg_payload(c, skb, off, len, SG_SIP_UDP);
}

/*
 * A GSO UDP skb (UDP GRO towards a socket or forwarded, rx-gro-list, or a
 * UDP_SEGMENT send over veth) holds many datagrams: each is judged, and
 * one bad datagram drops them all. SKB_GSO_UDP_L4: gso_size bytes each,
 * the last shorter; with SKB_GSO_FRAGLIST, the head's payload and then
 * each skb of the frag list is one datagram.
 */
static unsigned int sg_udp_gso(struct sg_ctx *c, struct sk_buff *skb, unsigned int off,
			       unsigned int plen)
{
	const struct skb_shared_info *si = skb_shinfo(skb);
	unsigned int pos = 0, len;
	struct sk_buff *frag;

	if (si->gso_type & SKB_GSO_FRAGLIST) {
		unsigned int rest = 0;

		skb_walk_frags(skb, frag)
			rest += frag->len;
		len = plen > rest ? plen - rest : plen;
		if (sg_datagram(c, skb, off, len) == NF_DROP)
			return NF_DROP;
		pos = len;
		skb_walk_frags(skb, frag) {
			len = min(frag->len, plen - pos);
			if (!len)
				break;
			if (sg_datagram(c, skb, off + pos, len) == NF_DROP)
				return NF_DROP;
			pos += len;
		}
		return NF_ACCEPT;
	}
	if (!si->gso_size)
		return sg_datagram(c, skb, off, plen);
	for (; pos < plen; pos += len) {
		len = min_t(unsigned int, si->gso_size, plen - pos);
		if (sg_datagram(c, skb, off + pos, len) == NF_DROP)
			return NF_DROP;
	}
	return NF_ACCEPT;
}

/*
 * The drop of a packet from a banned source (sg_banned() said true, BHs
 * off). Enforced, for UDP, it becomes this CPU's drop memo: the source's
 * next datagrams are dropped by sg_input_sip() before anything is read.
 */
static unsigned int sg_drop_banned(struct sg_net *sn, const struct sg_config *cfg,
				   const struct sg_pkt *p)
{
	unsigned int verdict = sg_drop(sn, cfg, SIPGUARD_REASON_BANNED, p, p->saddr, NULL, NULL);
	const struct sg_ban_last *l = sg_ban_memo(&sn->bans);
	struct sg_drop_memo *m = this_cpu_ptr(sn->memo);
	unsigned long ticks, j;
	u64 now;

	m->cfg_gen = 0;
	if (verdict != NF_DROP || p->proto != IPPROTO_UDP)
		return verdict;
	/*
	 * jiffies first, then the clock: the clock is then at or past the
	 * tick j counts (or, between the two updates of one tick, a tick
	 * behind it, which the tick less covers). Floored, and a tick less:
	 * the memo ends before the ban does, however long since the lookup.
	 */
	j = jiffies;
	now = sg_now();
	if (l->until <= now)
		return verdict;
	ticks = nsecs_to_jiffies(l->until - now);
	if (ticks < 2)
		return verdict;
	m->family = p->family;
	if (p->family == AF_INET)
		m->saddr.ip = *(const __be32 *)p->saddr;
	else
		m->saddr.ip6 = *(const struct in6_addr *)p->saddr;
	m->ban_gen = l->gen;
	m->until = j + ticks - 1;
	m->quiet = m->until;	/* not a tick the memo is used in */
	m->cfg_gen = cfg->gen;
	return verdict;
}

/*
 * The pipeline for a packet to a SIP port, from its transport header on,
 * once it is known to be IPv4 or IPv6 and not a fragment. Netfilter calls
 * hooks inside rcu_read_lock(), which is what protects @cfg here.
 */
static noinline unsigned int sg_inspect_sip(struct sg_net *sn, const struct sg_config *cfg,
					    struct sk_buff *skb, const struct sg_pkt *p)
{
	struct sg_ctx c = { .sn = sn, .cfg = cfg, .p = p,
			    .scratch = *this_cpu_ptr(&sg_scratch) };
	int verdict = SG_TCP_SEGMENT;
	unsigned int off, plen;

	off = sg_payload_off(skb, p);
	if (!off)
		return NF_ACCEPT;
	plen = skb->len > off ? skb->len - off : 0;
	sg_count(sn, SIPGUARD_STAT_SIP_PACKETS, 1);
	if (plen)
		sg_count(sn, SIPGUARD_STAT_SIP_BYTES, plen);

	if (sg_pset_contains(cfg->sets[SIPGUARD_SET_DENY], p->family, p->saddr))
		return sg_drop(sn, cfg, SIPGUARD_REASON_DENY, p, p->saddr, NULL, NULL);

	/* Banned sources go before any parsing. */
	c.now = sg_now();
	sg_src_key_make(&c.key, p->family, p->saddr, cfg->limits.v6_prefix);
	if (sg_banned(&sn->bans, &c.key, c.now))
		return sg_drop_banned(sn, cfg, p);
	c.trusted = sg_pset_contains(cfg->sets[SIPGUARD_SET_ALLOW], p->family, p->saddr);
	/* IPv6: the aggregate's ban, and its limits when taken as one; not
	 * for a trusted source, whose neighbours' deeds are not its own */
	if (p->family == AF_INET6 && cfg->limits.v6_aggregate && !c.trusted) {
		struct sg_src_key akey;
		struct sg_src *agg;

		sg_aggregate_key(&akey, &c.key, cfg);
		if (sg_banned(&sn->bans, &akey, c.now))
			return sg_drop_banned(sn, cfg, p);
		agg = sg_src_lookup(&sn->srcs, &akey);
		if (agg && c.now < READ_ONCE(agg->agg_until)) {
			c.key = akey;
			c.src = agg;
		}
	}
	if (c.trusted)
		sg_count(sn, SIPGUARD_STAT_TRUSTED, 1);

	/*
	 * TCP: the segment's bytes as part of their stream (tcpflow.c), or
	 * the segment alone when no local socket holds its connection. UDP:
	 * each datagram of the skb.
	 */
	if (p->proto == IPPROTO_TCP && plen)
		verdict = sg_tcp_inspect(&c, skb, off, plen);
	if (verdict == SG_TCP_SEGMENT)
		verdict = p->proto == IPPROTO_TCP ? sg_payload(&c, skb, off, plen, SG_SIP_SEGMENT) :
			  skb_is_gso(skb) ? sg_udp_gso(&c, skb, off, plen) :
			  sg_datagram(&c, skb, off, plen);
	if (verdict == NF_ACCEPT)
		sg_count(sn, SIPGUARD_STAT_ACCEPTED, 1);
	return verdict;
}

/*
 * The destination port of a UDP or TCP header at @off (2 bytes in, in both),
 * or -1 when the packet ends before it. In place when the skb's linear
 * area holds it, as a NIC driver's skb does; copied out of the pages, out
 * of line, when not (a packet socket's or veth's skbs of pages alone).
 */
static noinline int sg_dport_copy(const struct sk_buff *skb, unsigned int off)
{
	__be16 port;

	if (skb_copy_bits(skb, off, &port, sizeof(port)))
		return -1;
	return ntohs(port);
}

static __always_inline int sg_dport(const struct sk_buff *skb, unsigned int off)
{
	if (likely(skb_headlen(skb) >= off + sizeof(__be16)))
		return get_unaligned_be16(skb->data + off);
	return sg_dport_copy(skb, off);
}

/* The packet's struct, from its network header, for either family. */
static __always_inline void sg_pkt_init(struct sg_pkt *p, const struct sk_buff *skb, u8 pf,
					unsigned int l4off, u8 proto, int ifindex)
{
	if (pf == NFPROTO_IPV4) {
		const struct iphdr *iph = ip_hdr(skb);

		p->family = AF_INET;
		p->saddr = &iph->saddr;
		p->daddr = &iph->daddr;
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		p->family = AF_INET6;
		p->saddr = &ip6h->saddr;
		p->daddr = &ip6h->daddr;
	}
	p->l4off = l4off;
	p->proto = proto;
	p->ifindex = ifindex;
}

/* The packet for the pipeline (out of line: the fast path's frame holds
 * no struct sg_pkt, and no stack canary with it). */
static noinline unsigned int sg_input_pkt(struct sg_net *sn, const struct sg_config *cfg,
					  struct sk_buff *skb, const struct nf_hook_state *state,
					  unsigned int l4off, u8 proto)
{
	struct sg_pkt p;

	sg_pkt_init(&p, skb, state->pf, l4off, proto, state->in ? state->in->ifindex : 0);
	return sg_inspect_sip(sn, cfg, skb, &p);
}

/*
 * Is this UDP datagram from the source this CPU last dropped as banned,
 * with the config, the ban table and the ban as they were then, and
 * nobody listening for drop events (whose samples the pipeline sends)?
 * The order of sg_inspect_sip() is kept: the memo was taken past the deny
 * set's test, under the same config.
 */
static __always_inline bool sg_memo_hit(struct sg_net *sn, const struct sg_config *cfg,
					const struct sk_buff *skb, u8 pf)
{
	struct sg_drop_memo *m = this_cpu_ptr(sn->memo);
	unsigned long now = jiffies;

	if (m->cfg_gen != cfg->gen || !time_before(now, m->until))
		return false;
	if (pf == NFPROTO_IPV4) {
		if (m->family != AF_INET || m->saddr.ip != ip_hdr(skb)->saddr)
			return false;
	} else if (m->family != AF_INET6 ||
		   !ipv6_addr_equal(&m->saddr.ip6, &ipv6_hdr(skb)->saddr)) {
		return false;
	}
	if (m->ban_gen != (u32)atomic_read(&sn->bans.gen))
		return false;
	/* the listeners, asked once a tick: a subscriber's samples begin
	 * within a tick of its subscribing */
	if (m->quiet != now) {
		if (sg_listened(sn))
			return false;
		m->quiet = now;
	}
	return true;
}

/*
 * A packet to a SIP port. A flood from a banned source, the memo's, is
 * dropped here, counted as sg_inspect_sip() and sg_drop() count it (the
 * SIP packet and its bytes, the reason), with no parse, no clock and no
 * hash; everything else goes down the pipeline.
 */
static noinline unsigned int sg_input_sip(struct sg_net *sn, const struct sg_config *cfg,
					  struct sk_buff *skb, const struct nf_hook_state *state,
					  unsigned int l4off, u8 proto)
{
	unsigned int off = l4off + sizeof(struct udphdr);
	struct sg_pcpu_stats *st;

	if (proto != IPPROTO_UDP || !sg_memo_hit(sn, cfg, skb, state->pf))
		return sg_input_pkt(sn, cfg, skb, state, l4off, proto);
	st = this_cpu_ptr(sn->stats);
	u64_stats_update_begin(&st->syncp);
	u64_stats_inc(&st->cnt[SIPGUARD_STAT_SIP_PACKETS]);
	if (skb->len > off)
		u64_stats_add(&st->cnt[SIPGUARD_STAT_SIP_BYTES], skb->len - off);
	u64_stats_inc(&st->cnt[SG_STAT_DROP + SIPGUARD_REASON_BANNED]);
	u64_stats_update_end(&st->syncp);
	return NF_DROP;
}

/*
 * The fast path, for all but SIP (a server's RTP above all): a per-CPU
 * counter, one config read and the port's bit, in the hook function's own
 * frame, which holds nothing the stack protector guards.
 */
static __always_inline unsigned int __sg_input(struct sg_net *sn, struct sk_buff *skb,
					       const struct nf_hook_state *state,
					       unsigned int l4off, u8 proto)
{
	const struct sg_config *cfg;
	int port;

	sg_count(sn, SIPGUARD_STAT_PACKETS, 1);
	if (proto != IPPROTO_UDP && proto != IPPROTO_TCP)
		return NF_ACCEPT;
	cfg = rcu_dereference(sn->config);
	/* the destination port is at offset 2 in both UDP and TCP headers */
	port = sg_dport(skb, l4off + 2);
	if (port < 0 || !sg_port_test(&cfg->ports, port))
		return NF_ACCEPT;
	return sg_input_sip(sn, cfg, skb, state, l4off, proto);
}

/*
 * PREROUTING runs in softirq, but for the hooks after an NFQUEUE verdict,
 * which nf_reinject() runs in process context with BHs on: the per-CPU
 * counters, shares and scratch, and the spinlocks softirq takes, need
 * them off. Inline in both hooks: a packet not for SIP leaves from the
 * hook function itself, without a call of its own.
 */
static __always_inline unsigned int sg_input(struct sg_net *sn, struct sk_buff *skb,
					     const struct nf_hook_state *state,
					     unsigned int l4off, u8 proto)
{
	unsigned int verdict;

	if (likely(in_softirq()))
		return __sg_input(sn, skb, state, l4off, proto);
	local_bh_disable();
	verdict = __sg_input(sn, skb, state, l4off, proto);
	local_bh_enable();
	return verdict;
}

static const char *const sg_answer_why[__SG_ANSWER_MAX] = {
	[SG_ANSWER_NONE] = "",
	[SG_ANSWER_AUTH] = ", after authentication failures",
	[SG_ANSWER_UNKNOWN] = ", after unknown targets",
};

/*
 * One answer the server sends to @key's source: counted in its class, and
 * the source banned when the class reached its threshold (answer.c).
 */
static void sg_answer_account(struct sg_net *sn, const struct sg_config *cfg,
			      const struct sg_pkt *p, const struct sg_src_key *key,
			      const struct sg_answer *a, u64 now)
{
	struct sg_src *dst = sg_source(sn, cfg, key, now);
	bool ban;
	u8 cls;

	if (!dst)
		return;
	spin_lock(&dst->lock);
	cls = sg_answers_response(&dst->ans, a, cfg->limits.answer, now, &ban);
	dst->last_seen = now;
	spin_unlock(&dst->lock);
	if (cls == SG_ANSWER_NONE)
		return;
	sg_count(sn, cls == SG_ANSWER_AUTH ? SIPGUARD_STAT_AUTH_FAILURES :
					     SIPGUARD_STAT_UNKNOWN_TARGETS, 1);
	if (ban)
		sg_ban_key(sn, cfg, key, p->family, p->daddr, now, sg_answer_why[cls]);
	/* IPv6: the aggregate tallies its sources' answers too, at
	 * SG_AGGREGATE_BANS times the threshold: a /48 spreading its guesses
	 * over new /64s is one guesser */
	if (key->family == AF_INET6 && cfg->limits.v6_aggregate &&
	    key->plen == cfg->limits.v6_prefix) {
		const struct sg_answer_limit *lim = &cfg->limits.answer[cls];
		struct sg_src_key akey;
		struct sg_src *agg;

		sg_aggregate_key(&akey, key, cfg);
		agg = sg_source(sn, cfg, &akey, now);
		if (!agg)
			return;
		spin_lock(&agg->lock);
		ban = sg_tally_add(&agg->ans.tally[cls], lim->threshold * SG_AGGREGATE_BANS,
				   lim->window, now);
		agg->last_seen = now;
		spin_unlock(&agg->lock);
		if (ban)
			sg_ban_key(sn, cfg, &akey, AF_INET6, akey.addr, now, sg_answer_why[cls]);
	}
}

/* Bytes of an answer read on output: its header section, not its body. */
#define SG_ANSWER_WINDOW	8192

/*
 * The key an answer counts under: its destination's, or, for an IPv6
 * destination whose aggregate is limited as one source, the aggregate's
 * (where its requests' credentials were remembered).
 */
static void sg_answer_key(struct sg_net *sn, const struct sg_config *cfg,
			  const struct sg_pkt *p, struct sg_src_key *key, u64 now)
{
	struct sg_src_key akey;
	struct sg_src *agg;

	sg_src_key_make(key, p->family, p->daddr, cfg->limits.v6_prefix);
	if (p->family != AF_INET6 || !cfg->limits.v6_aggregate)
		return;
	sg_aggregate_key(&akey, key, cfg);
	agg = sg_src_lookup(&sn->srcs, &akey);
	if (agg && now < READ_ONCE(agg->agg_until))
		*key = akey;
}

/*
 * The answers in one UDP datagram or TCP segment from a SIP port: a
 * datagram is one message; a segment may hold several, one after the
 * other (a server writes each response whole, so a segment starts with
 * one), walked by their Content-Length, at most 64.
 */
static void sg_answers_out(struct sg_net *sn, const struct sg_config *cfg, struct sk_buff *skb,
			   const struct sg_pkt *p, unsigned int off, unsigned int plen)
{
	u8 *scratch = *this_cpu_ptr(&sg_scratch);
	struct sg_src_key key;
	struct sg_answer a;
	unsigned int pos = 0, n;
	const u8 *data;
	bool keyed = false;
	u64 now = 0;

	for (n = 0; n < 64 && plen - pos >= 12; n++) {
		/* the header section is what is read; the bodies are skipped
		 * by their Content-Length, not copied */
		unsigned int wlen = min_t(unsigned int, plen - pos, SG_ANSWER_WINDOW);

		data = skb_header_pointer(skb, off + pos, wlen, scratch);
		if (!data || !sg_answer_read(data, wlen, &a))
			return;
		/* a header section past the window (a request padded with Via
		 * headers, which the answer copies first): all of it */
		if (!a.whole && wlen < plen - pos) {
			wlen = min_t(unsigned int, plen - pos, SG_WINDOW);
			data = skb_header_pointer(skb, off + pos, wlen, scratch);
			if (!data || !sg_answer_read(data, wlen, &a))
				return;
		}
		if (sg_answer_interesting(a.status)) {
			if (!keyed) {
				now = sg_now();
				sg_answer_key(sn, cfg, p, &key, now);
				keyed = true;
			}
			sg_answer_account(sn, cfg, p, &key, &a, now);
		}
		if (p->proto != IPPROTO_TCP || !a.len || a.len > plen - pos)
			return;
		pos += a.len;
	}
}

/*
 * The output path: what the server answers a source, from a SIP port.
 * Answers to sources not trusted are read for offences (sg_answers_out),
 * over UDP and TCP. Then the reflection guard: SIP error responses
 * (4xx-6xx) leaving from a UDP SIP port are token-bucketed per
 * destination, so a flood of requests spoofed from a victim's address
 * cannot turn this host into a reflector aimed at it. Trusted
 * destinations are not limited, and neither is TCP: a TCP peer completed
 * a handshake, so its address is not spoofed, and dropping a response in
 * a stream only stalls a real connection in retransmissions.
 */
static unsigned int sg_output_response(struct sg_net *sn, const struct sg_config *cfg,
				       struct sk_buff *skb, const struct sg_pkt *p,
				       unsigned int off, unsigned int plen, const u8 *line)
{
	struct sg_src_key key;
	struct sg_src *dst;
	u64 now;

	if (sg_pset_contains(cfg->sets[SIPGUARD_SET_ALLOW], p->family, p->daddr))
		return NF_ACCEPT;
	/* a datagram is one answer: read only those that can count; a TCP
	 * segment's later answers are found by reading each */
	if (p->proto == IPPROTO_TCP ||
	    (line[8] >= '1' && line[8] <= '6' && line[9] >= '0' && line[9] <= '9' &&
	     line[10] >= '0' && line[10] <= '9' &&
	     sg_answer_interesting((line[8] - '0') * 100 + (line[9] - '0') * 10 + line[10] - '0')))
		sg_answers_out(sn, cfg, skb, p, off, plen);

	/* "SIP/2.0 4xx", "5xx", "6xx" over UDP */
	if (p->proto != IPPROTO_UDP || line[8] < '4' || line[8] > '6')
		return NF_ACCEPT;
	now = sg_now();
	sg_src_key_make(&key, p->family, p->daddr, cfg->limits.v6_prefix);
	dst = sg_source(sn, cfg, &key, now);
	if (!dst)
		return NF_ACCEPT;
	if (sg_src_take(dst, SG_CLASS_REFLECT, &cfg->limits.src[SG_CLASS_REFLECT], now))
		return NF_ACCEPT;
	return sg_drop(sn, cfg, SIPGUARD_REASON_REFLECTION, p, p->daddr, NULL, NULL);
}

/*
 * LOCAL_OUT, in process context or softirq: everything but a response
 * from a SIP port (the media a server sends, above all) leaves after the
 * port test, as on input; a response is read with BHs off, as the input
 * path reads its packets.
 */
static unsigned int sg_output(struct sg_net *sn, struct sk_buff *skb, const struct sg_pkt *p)
{
	const struct sg_config *cfg = rcu_dereference(sn->config);
	unsigned int off, verdict;
	__be16 _sport;
	const __be16 *sport;
	u8 _line[12];
	const u8 *line;

	if (p->proto != IPPROTO_UDP && p->proto != IPPROTO_TCP)
		return NF_ACCEPT;
	sport = skb_header_pointer(skb, p->l4off, sizeof(_sport), &_sport);
	if (!sport || !sg_port_test(&cfg->ports, ntohs(*sport)))
		return NF_ACCEPT;
	off = sg_payload_off(skb, p);
	if (!off || skb->len <= off)
		return NF_ACCEPT;
	line = skb_header_pointer(skb, off, sizeof(_line), _line);
	if (!line || memcmp(line, "SIP/2.0 ", 8))
		return NF_ACCEPT;
	local_bh_disable();
	verdict = sg_output_response(sn, cfg, skb, p, off, skb->len - off, line);
	local_bh_enable();
	return verdict;
}

/* The output path's packet (out of line, as the input's). */
static noinline unsigned int sg_output_pkt(struct sg_net *sn, struct sk_buff *skb, u8 pf,
					   unsigned int l4off, u8 proto)
{
	struct sg_pkt p;

	sg_pkt_init(&p, skb, pf, l4off, proto, 0);
	return sg_output(sn, skb, &p);
}

static unsigned int sg_hook_ipv4(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int l4off = skb_network_offset(skb) + ip_hdrlen(skb);

	/* Defrag ran before us; a fragment left here carries no ports. */
	if (ip_is_fragment(iph))
		return NF_ACCEPT;
	if (state->hook == NF_INET_LOCAL_OUT)
		return sg_output_pkt(priv, skb, NFPROTO_IPV4, l4off, iph->protocol);
	return sg_input(priv, skb, state, l4off, iph->protocol);
}

/*
 * IPv6 past its extension headers, on input or output; a fragment but the
 * first carries no ports. Out of line: ipv6_skip_exthdr() writes to the
 * caller's frame, which the hook function's must not hold.
 */
static noinline unsigned int sg_hook_ipv6_exthdrs(struct sg_net *sn, struct sk_buff *skb,
						  const struct nf_hook_state *state)
{
	u8 proto = ipv6_hdr(skb)->nexthdr;
	__be16 frag_off;
	int off;

	off = ipv6_skip_exthdr(skb, skb_network_offset(skb) + sizeof(struct ipv6hdr),
			       &proto, &frag_off);
	if (off < 0 || (frag_off & htons(~0x7)))
		return NF_ACCEPT;
	if (state->hook == NF_INET_LOCAL_OUT)
		return sg_output_pkt(sn, skb, NFPROTO_IPV6, off, proto);
	return sg_input(sn, skb, state, off, proto);
}

static unsigned int sg_hook_ipv6(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	u8 nexthdr = ipv6_hdr(skb)->nexthdr;

	/* input, UDP or TCP right after the fixed header: without a walk */
	if (likely(state->hook != NF_INET_LOCAL_OUT &&
		   (nexthdr == IPPROTO_UDP || nexthdr == IPPROTO_TCP)))
		return sg_input(priv, skb, state,
				skb_network_offset(skb) + sizeof(struct ipv6hdr), nexthdr);
	return sg_hook_ipv6_exthdrs(priv, skb, state);
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
	{
		.hook		= sg_hook_ipv4,
		.pf		= NFPROTO_IPV4,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= SG_HOOK_PRIORITY,
	},
	{
		.hook		= sg_hook_ipv6,
		.pf		= NFPROTO_IPV6,
		.hooknum	= NF_INET_LOCAL_OUT,
		.priority	= SG_HOOK_PRIORITY,
	},
};

int sg_hook_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		u8 *buf = kvmalloc_node(SG_WINDOW, GFP_KERNEL, cpu_to_node(cpu));

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
		kvfree(per_cpu(sg_scratch, cpu));
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
	/* the hooks registered before the one that failed were taken away
	 * again, without waiting: packets may be in them yet, and the caller
	 * may free @sn next */
	synchronize_net();
	nf_defrag_ipv6_disable(sn->net);
err_defrag6:
	nf_defrag_ipv4_disable(sn->net);
	return err;
}

/*
 * nf_unregister_net_hooks() does not wait for the hooks running on other
 * CPUs: the caller waits for a grace period (synchronize_net(), or the
 * pernet exit's own) before it frees what they read.
 */
void sg_hook_unregister(struct sg_net *sn)
{
	nf_unregister_net_hooks(sn->net, sn->ops, ARRAY_SIZE(sn->ops));
	nf_defrag_ipv6_disable(sn->net);
	nf_defrag_ipv4_disable(sn->net);
}
