// SPDX-License-Identifier: GPL-2.0
/*
 * TCP streams to a SIP port, judged message by message however they are
 * cut into segments (Documentation/design.md, "TCP streams").
 *
 * The hook runs before conntrack, so it cannot tell a real connection from
 * a spoofed segment by itself: it asks the socket table. A data segment
 * of a connection a local socket holds (established, or the handshake's
 * request socket) belongs to a flow, created on its first data at the
 * socket's rcv_nxt; the bytes before it were framed by an earlier flow
 * (the entry aged out) or before the module loaded, and the stream is
 * taken to be between messages there. A segment no local socket takes is
 * judged alone as before (forwarded traffic; the stack resets the rest),
 * so spoofed segments create no state at all.
 *
 * A flow holds in its buffer the bytes it passed that the socket has not
 * taken yet (rcv_nxt behind them) and the bytes of the message being
 * framed. A segment is:
 *  - past the next byte expected: out of order, dropped (the sender
 *    retransmits; holding it would be a second reassembly queue);
 *  - over bytes passed before: the part the socket has not taken must be
 *    the same bytes, or the flow is blocked (a different retransmission
 *    is the classic way to show an inspector one stream and the server
 *    another, e.g. when the first copy carries an ACK the server discards);
 *  - new bytes: appended and framed; each message whole is judged as a
 *    UDP message is. A bad one drops the segment that completes it (or
 *    its header section) and blocks the flow: the server never holds a
 *    complete bad message. A rate-limited one drops the segment and
 *    leaves the flow as it was, so its retransmission is judged again.
 * Buffers are charged to the socket's memory cgroup, capped per flow
 * (SG_FLOW_HOLD_MAX) and per netns (tcp_buffer); the table is capped at
 * tcp_flows entries, and a new flow finds a full table refused (its data
 * dropped, counted), never waved through uninspected.
 */
#include <linux/jiffies.h>
#include <linux/sched/mm.h>
#include <linux/memcontrol.h>
#include <linux/tcp.h>
#include <net/tcp.h>
#include <net/inet_hashtables.h>
#if IS_ENABLED(CONFIG_IPV6)
#include <net/inet6_hashtables.h>
#endif

#include "sipguard.h"
#include "tcpflow.h"

/* A flow's buffer: a message (SG_SIP_MAX_MSG) and what the socket has yet to take. */
#define SG_FLOW_HOLD_MAX	(2 * SG_SIP_MAX_MSG)
#define SG_FLOW_BUF_MIN		1024
/* A flow silent this long goes; its next data starts a new one. */
#define SG_FLOW_IDLE		(300 * HZ)
#define SG_FLOW_GC_INTERVAL	(10 * HZ)

static struct kmem_cache *sg_flow_cache;
static DEFINE_MUTEX(sg_flow_cache_mutex);
static unsigned int sg_flow_cache_users;

static u32 sg_flow_hash(const struct sg_flowtable *t, const struct sg_flow_key *k)
{
	return hsiphash(k, sizeof(*k), &t->key) & t->mask;
}

static void sg_flow_key_make(struct sg_flow_key *k, const struct sg_pkt *p,
			     const struct tcphdr *th)
{
	memset(k, 0, sizeof(*k));
	k->family = p->family;
	memcpy(k->saddr, p->saddr, p->family == AF_INET ? 4 : 16);
	memcpy(k->daddr, p->daddr, p->family == AF_INET ? 4 : 16);
	k->sport = th->source;
	k->dport = th->dest;
}

static void sg_flow_free_buf(struct sg_flowtable *t, struct sg_flow *f)
{
	if (f->cap)
		atomic_long_sub(f->cap, &t->held);
	kfree(f->buf);
	f->buf = NULL;
	f->cap = 0;
}

static void sg_flow_free_rcu(struct rcu_head *rcu)
{
	struct sg_flow *f = container_of(rcu, struct sg_flow, rcu);

	kfree(f->buf);
	kmem_cache_free(sg_flow_cache, f);
}

/* Under t->lock, or alone. */
static void sg_flow_remove(struct sg_flowtable *t, struct sg_flow *f)
{
	spin_lock(&f->lock);
	f->dead = true;
	sg_flow_free_buf(t, f);
	spin_unlock(&f->lock);
	hlist_del_rcu(&f->node);
	atomic_dec(&t->count);
	call_rcu(&f->rcu, sg_flow_free_rcu);
}

static struct sg_flow *sg_flow_lookup(struct sg_flowtable *t, const struct sg_flow_key *k)
{
	struct sg_flow *f;

	hlist_for_each_entry_rcu(f, &t->heads[sg_flow_hash(t, k)], node)
		if (!memcmp(&f->key, k, sizeof(*k)))
			return f;
	return NULL;
}

/* A new flow at the socket's rcv_nxt, or NULL: table full, no memory. */
static struct sg_flow *sg_flow_new(struct sg_flowtable *t, const struct sg_flow_key *k,
				   int ifindex, u32 rcv, u32 isn)
{
	struct sg_flow *f, *other;
	u32 h;

	if (atomic_read(&t->count) >= READ_ONCE(t->max))
		return NULL;
	f = kmem_cache_zalloc(sg_flow_cache, GFP_ATOMIC | __GFP_NOWARN);
	if (!f)
		return NULL;
	f->key = *k;
	spin_lock_init(&f->lock);
	f->ifindex = ifindex;
	f->isn = isn;
	f->base = f->next = rcv;
	f->last = jiffies;
	h = sg_flow_hash(t, k);
	spin_lock(&t->lock);
	hlist_for_each_entry(other, &t->heads[h], node) {
		if (!memcmp(&other->key, k, sizeof(*k))) {
			spin_unlock(&t->lock);
			kmem_cache_free(sg_flow_cache, f);
			return other;
		}
	}
	if (atomic_read(&t->count) >= READ_ONCE(t->max)) {
		spin_unlock(&t->lock);
		kmem_cache_free(sg_flow_cache, f);
		return NULL;
	}
	atomic_inc(&t->count);
	hlist_add_head_rcu(&f->node, &t->heads[h]);
	spin_unlock(&t->lock);
	return f;
}

/*
 * The connection's socket, referenced, when it can still take data: its
 * rcv_nxt and the first sequence number of its stream (constant for one
 * connection, so a 4-tuple reused by a new one is told apart).
 */
static struct sock *sg_tcp_sock(struct net *net, const struct sg_pkt *p,
				const struct tcphdr *th, u32 *rcv, u32 *isn)
{
	struct inet_hashinfo *h = net->ipv4.tcp_death_row.hashinfo;
	struct sock *sk = NULL;

	if (p->family == AF_INET)
		sk = __inet_lookup_established(net, h, *(const __be32 *)p->saddr, th->source,
					       *(const __be32 *)p->daddr, ntohs(th->dest),
					       p->ifindex, 0);
#if IS_ENABLED(CONFIG_IPV6)
	else
		sk = __inet6_lookup_established(net, h, p->saddr, th->source, p->daddr,
						ntohs(th->dest), p->ifindex, 0);
#endif
	if (!sk)
		return NULL;
	switch (sk->sk_state) {
	case TCP_NEW_SYN_RECV:
		*rcv = tcp_rsk(inet_reqsk(sk))->rcv_nxt;
		*isn = *rcv;
		return sk;
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
	case TCP_FIN_WAIT1:
	case TCP_FIN_WAIT2:
		*rcv = READ_ONCE(tcp_sk(sk)->rcv_nxt);
		*isn = *rcv - (u32)READ_ONCE(tcp_sk(sk)->bytes_received);
		return sk;
	default:		/* closing: it takes no more data */
		sock_gen_put(sk);
		return NULL;
	}
}

/* What the socket took (before @rcv) and the framer is done with goes. */
static void sg_flow_trim(struct sg_flow *f, u32 rcv)
{
	u32 keep = f->base + sg_stream_keep(&f->st), k;

	if (after(rcv, f->next))
		rcv = f->next;
	if (before(rcv, keep))
		keep = rcv;
	if (!after(keep, f->base))
		return;
	k = keep - f->base;
	if (k < f->len)
		memmove(f->buf, f->buf + k, f->len - k);
	f->len -= k;
	f->base = keep;
	sg_stream_shift(&f->st, k);
}

/* Room for @n more bytes, charged to the receiving socket's cgroup. */
static bool sg_flow_reserve(struct sg_flowtable *t, struct sg_flow *f, struct sock *sk, u32 n)
{
	struct mem_cgroup *old = NULL;
	u32 cap;
	u8 *buf;

	if (f->len + n <= f->cap)
		return true;
	if (f->len + n > SG_FLOW_HOLD_MAX)
		return false;
	cap = max_t(u32, roundup_pow_of_two(f->len + n), SG_FLOW_BUF_MIN);
	if (atomic_long_add_return(cap - f->cap, &t->held) > READ_ONCE(t->held_max)) {
		atomic_long_sub(cap - f->cap, &t->held);
		return false;
	}
#ifdef CONFIG_MEMCG
	if (sk_fullsock(sk) && sk->sk_memcg)
		old = set_active_memcg(sk->sk_memcg);
#endif
	buf = kmalloc(cap, GFP_ATOMIC | __GFP_NOWARN | __GFP_ACCOUNT);
#ifdef CONFIG_MEMCG
	if (sk_fullsock(sk) && sk->sk_memcg)
		set_active_memcg(old);
#endif
	if (!buf) {
		atomic_long_sub(cap - f->cap, &t->held);
		return false;
	}
	if (f->len)
		memcpy(buf, f->buf, f->len);
	kfree(f->buf);
	f->buf = buf;
	f->cap = cap;
	return true;
}

/* Are the payload's bytes [@from, @from + @n) the held ones at @at? */
static bool sg_flow_same(const struct sg_flow *f, const struct sk_buff *skb,
			 unsigned int off, u32 at, u32 n)
{
	u8 chunk[128];

	while (n) {
		u32 k = min_t(u32, n, sizeof(chunk));

		if (skb_copy_bits(skb, off, chunk, k) || memcmp(chunk, f->buf + at, k))
			return false;
		off += k;
		at += k;
		n -= k;
	}
	return true;
}

static unsigned int sg_flow_drop(struct sg_ctx *c, struct sg_flow *f, unsigned int stat)
{
	unsigned int v;

	sg_count(c->sn, stat, 1);
	v = sg_drop(c->sn, c->cfg, SIPGUARD_REASON_STREAM, c->p, c->p->saddr, NULL, NULL);
	/* not enforced (monitor mode): the stream is out of step from here */
	if (v == NF_ACCEPT && f->state == SG_FLOW_OPEN) {
		f->state = SG_FLOW_LOST;
		sg_flow_free_buf(&c->sn->flows, f);
	}
	return v;
}

static void sg_flow_block(struct sg_ctx *c, struct sg_flow *f)
{
	f->state = SG_FLOW_BLOCKED;
	sg_flow_free_buf(&c->sn->flows, f);
}

/* The segment's bytes [@seq, @seq + @plen) on flow @f, locked. */
static unsigned int sg_flow_segment(struct sg_ctx *c, struct sg_flow *f, struct sock *sk,
				    const struct sk_buff *skb, unsigned int off, u32 seq,
				    u32 plen, u32 rcv)
{
	struct sg_flowtable *t = &c->sn->flows;
	const struct sg_sip_policy *pol = c->trusted ? &c->cfg->sip_trusted : &c->cfg->sip;
	u32 end = seq + plen, skip = 0, n, old_len, moff, mlen, ka;
	struct sg_sip_result res;
	struct sg_stream saved;
	unsigned int v;
	u8 ev;

	f->last = jiffies;
	if (f->state == SG_FLOW_LOST)
		return NF_ACCEPT;
	if (f->state == SG_FLOW_BLOCKED)
		return sg_flow_drop(c, f, SIPGUARD_STAT_TCP_BLOCKED);
	sg_flow_trim(f, rcv);

	if (after(seq, f->next))
		return sg_flow_drop(c, f, SIPGUARD_STAT_TCP_OUT_OF_ORDER);
	if (before(seq, f->next)) {
		/* bytes the socket already took are ignored by it; the rest
		 * must be what was inspected
		 */
		u32 from = after(rcv, seq) ? rcv : seq;
		u32 to = before(end, f->next) ? end : f->next;

		if (before(from, to) &&
		    (before(from, f->base) ||
		     !sg_flow_same(f, skb, off + (from - seq), from - f->base, to - from))) {
			sg_count(c->sn, SIPGUARD_STAT_TCP_OVERLAP, 1);
			v = sg_drop(c->sn, c->cfg, SIPGUARD_REASON_STREAM, c->p, c->p->saddr,
				    NULL, NULL);
			if (!c->trusted)
				sg_offence(c->sn, c->cfg, c->src, &c->key, c->p, c->now);
			if (v == NF_DROP)
				sg_flow_block(c, f);
			else
				f->state = SG_FLOW_LOST;
			return v;
		}
		if (!after(end, f->next))
			return NF_ACCEPT;
		skip = f->next - seq;
	}

	n = end - f->next;
	if (!sg_flow_reserve(t, f, sk, n))
		return sg_flow_drop(c, f, SIPGUARD_STAT_TCP_HELD_FULL);
	if (skb_copy_bits(skb, off + skip, f->buf + f->len, n))
		return NF_DROP;		/* cannot happen: n <= plen - skip */
	old_len = f->len;
	saved = f->st;
	f->len += n;

	while ((ev = sg_stream_next(pol, &f->st, f->buf, f->len, &res, &moff, &mlen)) !=
	       SG_STREAM_MORE) {
		if (ev == SG_STREAM_MESSAGE)
			sg_count(c->sn, SIPGUARD_STAT_TCP_MESSAGES, 1);
		v = sg_judge(c, &res, f->buf + moff);
		if (v == NF_DROP) {
			if (res.reason == SG_VERDICT_ACCEPT) {
				/* rate: the retransmission is judged again */
				f->len = old_len;
				f->st = saved;
			} else {
				sg_flow_block(c, f);
			}
			return NF_DROP;
		}
		if (ev == SG_STREAM_BAD) {	/* not enforced: out of step */
			f->state = SG_FLOW_LOST;
			sg_flow_free_buf(t, f);
			return NF_ACCEPT;
		}
	}
	ka = f->st.keepalives - saved.keepalives;
	if (ka)
		sg_count(c->sn, SIPGUARD_STAT_KEEPALIVES, ka);
	f->next = end;
	return NF_ACCEPT;
}

int sg_tcp_inspect(struct sg_ctx *c, struct sk_buff *skb, unsigned int off, unsigned int plen)
{
	struct sg_flowtable *t = &c->sn->flows;
	struct sg_flow_key key;
	struct tcphdr _th;
	const struct tcphdr *th;
	struct sg_flow *f;
	struct sock *sk;
	u32 rcv, isn;
	int v;

	th = skb_header_pointer(skb, c->p->l4off, sizeof(_th), &_th);
	if (!th || th->syn || th->rst || !READ_ONCE(t->max))
		return SG_TCP_SEGMENT;
	sk = sg_tcp_sock(dev_net(skb->dev), c->p, th, &rcv, &isn);
	sg_flow_key_make(&key, c->p, th);
	if (!sk) {
		/* the connection is gone, or was never local */
		if (sg_flow_lookup(t, &key)) {
			spin_lock(&t->lock);
			f = sg_flow_lookup(t, &key);
			if (f)
				sg_flow_remove(t, f);
			spin_unlock(&t->lock);
		}
		return SG_TCP_SEGMENT;
	}
	for (;;) {
		f = sg_flow_lookup(t, &key);
		if (!f) {
			f = sg_flow_new(t, &key, c->p->ifindex, rcv, isn);
			if (!f) {
				sg_count(c->sn, SIPGUARD_STAT_TCP_FLOWS_FULL, 1);
				v = sg_drop(c->sn, c->cfg, SIPGUARD_REASON_STREAM, c->p,
					    c->p->saddr, NULL, NULL);
				goto out;
			}
			sg_count(c->sn, SIPGUARD_STAT_TCP_FLOWS_NEW, 1);
		}
		spin_lock(&f->lock);
		if (!f->dead)
			break;
		spin_unlock(&f->lock);
	}
	if (f->isn != isn) {
		/* the 4-tuple of an old connection: start afresh */
		sg_flow_free_buf(t, f);
		f->state = SG_FLOW_OPEN;
		f->isn = isn;
		f->base = f->next = rcv;
		f->len = 0;
		memset(&f->st, 0, sizeof(f->st));
	}
	v = sg_flow_segment(c, f, sk, skb, off, ntohl(th->seq), plen, rcv);
	spin_unlock(&f->lock);
out:
	sock_gen_put(sk);
	return v;
}

/* Flows whose connection closed, or silent too long, go. */
static void sg_flowtable_gc(struct work_struct *work)
{
	struct sg_flowtable *t = container_of(to_delayed_work(work), struct sg_flowtable, gc);
	struct hlist_node *tmp;
	struct sg_flow *f;
	unsigned int i;

	for (i = 0; i <= t->mask; i++) {
		if (hlist_empty(&t->heads[i]))
			continue;
		rcu_read_lock();
		spin_lock_bh(&t->lock);
		hlist_for_each_entry_safe(f, tmp, &t->heads[i], node) {
			struct sg_pkt p = {
				.family = f->key.family,
				.saddr = f->key.saddr,
				.daddr = f->key.daddr,
				.ifindex = f->ifindex,
			};
			struct tcphdr th = { .source = f->key.sport, .dest = f->key.dport };
			struct sock *sk;
			u32 rcv, isn;

			sk = sg_tcp_sock(t->net, &p, &th, &rcv, &isn);
			if (sk)
				sock_gen_put(sk);
			if (!sk || isn != f->isn || time_after(jiffies, f->last + SG_FLOW_IDLE))
				sg_flow_remove(t, f);
		}
		spin_unlock_bh(&t->lock);
		rcu_read_unlock();
		if (!(i & 255))
			cond_resched();
	}
	queue_delayed_work(system_power_efficient_wq, &t->gc, SG_FLOW_GC_INTERVAL);
}

int sg_flowtable_init(struct sg_flowtable *t, struct net *net, unsigned int max_flows,
		      unsigned long max_bytes)
{
	unsigned int size = roundup_pow_of_two(max(max_flows / 2, 64U));
	int err = 0;

	mutex_lock(&sg_flow_cache_mutex);
	if (!sg_flow_cache_users) {
		sg_flow_cache = KMEM_CACHE(sg_flow, SLAB_ACCOUNT);
		if (!sg_flow_cache)
			err = -ENOMEM;
	}
	if (!err)
		sg_flow_cache_users++;
	mutex_unlock(&sg_flow_cache_mutex);
	if (err)
		return err;
	t->heads = kvcalloc(size, sizeof(*t->heads), GFP_KERNEL_ACCOUNT);
	if (!t->heads) {
		sg_flowtable_destroy(t);
		return -ENOMEM;
	}
	t->mask = size - 1;
	t->max = max_flows;
	t->held_max = max_bytes;
	t->net = net;
	get_random_bytes(&t->key, sizeof(t->key));
	spin_lock_init(&t->lock);
	atomic_set(&t->count, 0);
	atomic_long_set(&t->held, 0);
	INIT_DEFERRABLE_WORK(&t->gc, sg_flowtable_gc);
	queue_delayed_work(system_power_efficient_wq, &t->gc, SG_FLOW_GC_INTERVAL);
	return 0;
}

/* After the hooks are unregistered: nothing looks flows up any more. */
void sg_flowtable_destroy(struct sg_flowtable *t)
{
	struct hlist_node *tmp;
	struct sg_flow *f;
	unsigned int i;

	if (t->heads) {
		cancel_delayed_work_sync(&t->gc);
		for (i = 0; i <= t->mask; i++) {
			spin_lock_bh(&t->lock);
			hlist_for_each_entry_safe(f, tmp, &t->heads[i], node)
				sg_flow_remove(t, f);
			spin_unlock_bh(&t->lock);
			if (!(i & 1023))
				cond_resched();
		}
		kvfree(t->heads);
		t->heads = NULL;
	}
	mutex_lock(&sg_flow_cache_mutex);
	if (!--sg_flow_cache_users) {
		rcu_barrier();
		kmem_cache_destroy(sg_flow_cache);
		sg_flow_cache = NULL;
	}
	mutex_unlock(&sg_flow_cache_mutex);
}
