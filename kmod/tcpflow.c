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
 * taken to be between messages there. So does the first data of a
 * connection the stack makes from a SYN cookie, at its first byte: its ACK
 * carries a cookie only the listener's key makes. A segment no local
 * socket takes is judged alone as before (forwarded traffic; the stack
 * resets the rest), so spoofed segments create no state at all.
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
#include <linux/sock_diag.h>
#include <linux/netfilter.h>
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
/* how far past snd_nxt a peer's ACK may be seen (see sg_tcp_sock()) */
#define SG_ACK_SLACK		65536
/* sips: a stream to it that starts with a TLS record is opaque */
#define SG_SIPS_PORT		5061

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
	/* its buffer went in sg_flow_remove(), under its lock */
	kmem_cache_free(sg_flow_cache, container_of(rcu, struct sg_flow, rcu));
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

/*
 * @f follows the connection @id from its socket's rcv_nxt @rcv, between
 * messages, holding nothing (a new flow, or one whose 4-tuple a new
 * connection took).
 */
static void sg_flow_start(struct sg_flow *f, u32 rcv, u64 id)
{
	f->state = SG_FLOW_OPEN;
	f->cookie = false;
	f->id = id;
	f->base = f->next = rcv;
	f->head = f->len = 0;
	f->tls_check = f->key.dport == htons(SG_SIPS_PORT);
	memset(&f->st, 0, sizeof(f->st));
}

/*
 * A new flow at the socket's rcv_nxt (or, @cookie, at the first byte of a
 * cookie's data, whose ACK is @ack), or NULL: table full, no memory. Or
 * the flow another CPU put there first.
 */
static struct sg_flow *sg_flow_new(struct sg_flowtable *t, u32 max, const struct sg_flow_key *k,
				   int ifindex, u32 rcv, u64 id, bool cookie, u32 ack)
{
	struct sg_flow *f, *other;
	u32 h;

	if (atomic_read(&t->count) >= max)
		return NULL;
	f = kmem_cache_zalloc(sg_flow_cache, GFP_ATOMIC | __GFP_NOWARN);
	if (!f)
		return NULL;
	f->key = *k;
	spin_lock_init(&f->lock);
	f->ifindex = ifindex;
	f->last = f->born = jiffies;
	sg_flow_start(f, rcv, id);
	f->cookie = cookie;
	f->cookie_ack = ack;
	h = sg_flow_hash(t, k);
	spin_lock(&t->lock);
	hlist_for_each_entry(other, &t->heads[h], node) {
		if (!memcmp(&other->key, k, sizeof(*k))) {
			spin_unlock(&t->lock);
			kmem_cache_free(sg_flow_cache, f);
			return other;
		}
	}
	if (atomic_read(&t->count) >= max) {
		spin_unlock(&t->lock);
		kmem_cache_free(sg_flow_cache, f);
		return NULL;
	}
	atomic_inc(&t->count);
	hlist_add_head_rcu(&f->node, &t->heads[h]);
	spin_unlock(&t->lock);
	return f;
}

/* What the socket table says of a connection. */
struct sg_conn {
	u32 rcv;		/* the next byte the socket takes */
	u64 id;			/* its cookie; 0 for a request socket */
	bool discard;		/* the stack will discard this segment (its ACK) */
};

static u64 sg_sock_id(struct sock *sk)
{
	u32 cookie[2];

	sock_diag_save_cookie(sk, cookie);
	return (u64)cookie[1] << 32 | cookie[0];
}

/*
 * The connection's socket, referenced, when it can still take data, and
 * whether the stack takes this segment's data at all: a data segment
 * without ACK, or whose ACK acknowledges data never sent (or older than
 * the window), is discarded (RFC 793 3.9; tcp_ack()). @th NULL: the
 * socket only (the GC).
 */
static struct sock *sg_tcp_sock(struct net *net, const struct sg_pkt *p, __be16 sport,
				__be16 dport, const struct tcphdr *th, struct sg_conn *conn)
{
	struct inet_hashinfo *h = net->ipv4.tcp_death_row.hashinfo;
	struct sock *sk = NULL;
	u32 ack = th ? ntohl(th->ack_seq) : 0;

	if (p->family == AF_INET)
		sk = __inet_lookup_established(net, h, *(const __be32 *)p->saddr, sport,
					       *(const __be32 *)p->daddr, ntohs(dport),
					       p->ifindex, 0);
#if IS_ENABLED(CONFIG_IPV6)
	else
		sk = __inet6_lookup_established(net, h, p->saddr, sport, p->daddr,
						ntohs(dport), p->ifindex, 0);
#endif
	if (!sk)
		return NULL;
	conn->discard = th && !th->ack;
	switch (sk->sk_state) {
	case TCP_NEW_SYN_RECV: {
		const struct tcp_request_sock *req = tcp_rsk(inet_reqsk(sk));

		/* the handshake's last ACK: blind spoofing cannot guess it */
		conn->rcv = req->rcv_nxt;
		conn->id = 0;
		if (th && ack != req->snt_isn + 1)
			conn->discard = true;
		return sk;
	}
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
	case TCP_FIN_WAIT1:
	case TCP_FIN_WAIT2: {
		const struct tcp_sock *tp = tcp_sk(sk);

		conn->rcv = READ_ONCE(tp->rcv_nxt);
		conn->id = sg_sock_id(sk);
		/*
		 * snd_nxt moves after the segment is sent, and over veth or
		 * loopback the peer's ACK of it can reach this hook first
		 * (the stack itself backlogs it behind the sender's socket
		 * lock): an ACK up to a GSO segment past snd_nxt is the
		 * peer's, not a forgery. A forgery within that slack is held
		 * like any discarded first copy, and compared.
		 */
		if (th && (after(ack, READ_ONCE(tp->snd_nxt) + SG_ACK_SLACK) ||
			   before(ack, READ_ONCE(tp->snd_una) - READ_ONCE(tp->max_window))))
			conn->discard = true;
		return sk;
	}
	default:		/* closing: it takes no more data */
		sock_gen_put(sk);
		return NULL;
	}
}

/*
 * The socket listening where the segment goes (it is local, not
 * forwarded), or NULL. Not referenced: listeners are freed after an RCU
 * grace period, and the hook runs under rcu_read_lock().
 */
static struct sock *sg_tcp_listener(struct net *net, const struct sg_pkt *p,
				    const struct tcphdr *th)
{
	struct inet_hashinfo *h = net->ipv4.tcp_death_row.hashinfo;

	if (p->family == AF_INET)
		return __inet_lookup_listener(net, h, NULL, 0, *(const __be32 *)p->saddr,
					      th->source, *(const __be32 *)p->daddr,
					      ntohs(th->dest), p->ifindex, 0);
#if IS_ENABLED(CONFIG_IPV6)
	return inet6_lookup_listener(net, h, NULL, 0, p->saddr, th->source, p->daddr,
				     ntohs(th->dest), p->ifindex, 0);
#else
	return NULL;
#endif
}

/*
 * Does the segment's ACK carry a SYN cookie the listener sent, for this
 * 4-tuple and the segment's sequence number as the connection's first
 * byte? The stack makes the connection from such a segment; a blind
 * spoofer cannot make one (the cookie is a keyed hash).
 */
static bool sg_tcp_cookie(const struct sk_buff *skb, const struct sg_pkt *p,
			  const struct tcphdr *th)
{
#ifdef CONFIG_SYN_COOKIES
	u32 cookie = ntohl(th->ack_seq) - 1;

	if (!th->ack || th->syn)
		return false;
	if (p->family == AF_INET)
		return __cookie_v4_check(ip_hdr(skb), th, cookie) != 0;
#if IS_ENABLED(CONFIG_IPV6)
	return __cookie_v6_check(ipv6_hdr(skb), th, cookie) != 0;
#endif
#endif
	return false;
}

/* A TLS record header (content type 20-23, version 3.x). */
static bool sg_tls_record(const u8 *b, u32 n)
{
	return n >= 3 && b[0] >= 0x14 && b[0] <= 0x17 && b[1] == 0x03 && b[2] <= 0x04;
}

/* The held bytes start at buf + head. */
static u8 *sg_flow_data(const struct sg_flow *f)
{
	return f->buf + f->head;
}

/*
 * What the socket took (before @rcv) and the framer is done with goes:
 * head moves on, and the bytes are moved to the front only once head
 * passed half the buffer, so trimming costs O(1) a byte however the
 * socket's progress is cut. An empty buffer is freed.
 */
static void sg_flow_trim(struct sg_flowtable *t, struct sg_flow *f, u32 rcv)
{
	u32 keep = f->base + sg_stream_keep(&f->st), k;

	if (after(rcv, f->next))
		rcv = f->next;
	if (before(rcv, keep))
		keep = rcv;
	if (!after(keep, f->base))
		return;
	k = keep - f->base;
	f->head += k;
	f->len -= k;
	f->base = keep;
	sg_stream_shift(&f->st, k);
	if (!f->len) {
		sg_flow_free_buf(t, f);
		f->head = 0;
	} else if (f->head > f->cap / 2) {
		memmove(f->buf, f->buf + f->head, f->len);
		f->head = 0;
	}
}

/*
 * The held bytes and @n more may not pass SG_FLOW_HOLD_MAX: the oldest
 * bytes the framer is done with (passed, kept only to compare a
 * retransmission with, while the socket has not taken them: a receiver
 * backlogging 64 KiB GSO segments behind its reader) are let go first. A
 * retransmission over bytes let go is dropped, not compared.
 */
static void sg_flow_make_room(struct sg_flow *f, u32 n)
{
	u32 k;

	if (f->len + n <= SG_FLOW_HOLD_MAX)
		return;
	k = min(sg_stream_keep(&f->st), f->len + n - SG_FLOW_HOLD_MAX);
	f->head += k;
	f->len -= k;
	f->base += k;
	sg_stream_shift(&f->st, k);
}

/* Room for @n more bytes, charged to the receiving socket's cgroup. */
static bool sg_flow_reserve(struct sg_flowtable *t, u64 held_max, struct sg_flow *f,
			    struct sock *sk, u32 n)
{
	struct mem_cgroup *old = NULL;
	u32 cap;
	u8 *buf;

	if (f->head + f->len + n <= f->cap)
		return true;
	if (f->len + n <= f->cap) {
		memmove(f->buf, f->buf + f->head, f->len);
		f->head = 0;
		return true;
	}
	if (f->len + n > SG_FLOW_HOLD_MAX)
		return false;
	cap = max_t(u32, roundup_pow_of_two(f->len + n), SG_FLOW_BUF_MIN);
	if (atomic_long_add_return(cap - f->cap, &t->held) > held_max) {
		atomic_long_sub(cap - f->cap, &t->held);
		return false;
	}
	/* no __GFP_HIGH: a cgroup at its limit refuses, it is not forced past it */
#ifdef CONFIG_MEMCG
	if (sk_fullsock(sk) && sk->sk_memcg)
		old = set_active_memcg(sk->sk_memcg);
#endif
	buf = kmalloc(cap, GFP_NOWAIT | __GFP_NOWARN | __GFP_ACCOUNT);
#ifdef CONFIG_MEMCG
	if (sk_fullsock(sk) && sk->sk_memcg)
		set_active_memcg(old);
#endif
	if (!buf) {
		atomic_long_sub(cap - f->cap, &t->held);
		return false;
	}
	if (f->len)
		memcpy(buf, sg_flow_data(f), f->len);
	kfree(f->buf);
	f->buf = buf;
	f->cap = cap;
	f->head = 0;
	return true;
}

/* Are the payload's bytes at @off the @n held ones at @at? */
static bool sg_flow_same(const struct sg_flow *f, const struct sk_buff *skb,
			 unsigned int off, u32 at, u32 n)
{
	u8 chunk[128];

	while (n) {
		u32 k = min_t(u32, n, sizeof(chunk));

		if (skb_copy_bits(skb, off, chunk, k) || memcmp(chunk, sg_flow_data(f) + at, k))
			return false;
		off += k;
		at += k;
		n -= k;
	}
	return true;
}

/* A segment dropped for the stream's sake, not for its content. */
static unsigned int sg_stream_drop(struct sg_ctx *c, unsigned int stat)
{
	sg_count(c->sn, stat, 1);
	return sg_drop(c->sn, c->cfg, SIPGUARD_REASON_STREAM, c->p, c->p->saddr, NULL, NULL);
}

/*
 * The flow lets go: a drop not enforced (monitor mode, action log) leaves
 * it out of step with the socket, and its segments are judged alone from
 * then on.
 */
static void sg_flow_lose(struct sg_ctx *c, struct sg_flow *f)
{
	f->state = SG_FLOW_LOST;
	sg_flow_free_buf(&c->sn->flows, f);
}

/* A segment the flow cannot take: dropped, or else the flow lets go. */
static unsigned int sg_flow_refuse(struct sg_ctx *c, struct sg_flow *f, unsigned int stat)
{
	unsigned int v = sg_stream_drop(c, stat);

	if (v == NF_ACCEPT)
		sg_flow_lose(c, f);
	return v;
}

static void sg_flow_block(struct sg_ctx *c, struct sg_flow *f)
{
	f->state = SG_FLOW_BLOCKED;
	sg_flow_free_buf(&c->sn->flows, f);
}

/* The segment's bytes [@seq, @seq + @plen) on flow @f, locked. */
static int sg_flow_segment(struct sg_ctx *c, struct sg_flow *f, struct sock *sk,
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
	if (f->state == SG_FLOW_OPAQUE)
		return NF_ACCEPT;
	if (f->state == SG_FLOW_LOST)
		return SG_TCP_SEGMENT;
	if (f->state == SG_FLOW_BLOCKED)
		return sg_stream_drop(c, SIPGUARD_STAT_TCP_BLOCKED);
	sg_flow_trim(t, f, rcv);

	if (after(seq, f->next)) {
		return sg_flow_refuse(c, f, SIPGUARD_STAT_TCP_OUT_OF_ORDER);
	}
	if (before(seq, f->next)) {
		/* bytes the socket already took are ignored by it; the rest
		 * must be what was inspected
		 */
		u32 from = after(rcv, seq) ? rcv : seq;
		u32 to = before(end, f->next) ? end : f->next;

		if (before(from, to) && before(from, f->base)) {
			return sg_flow_refuse(c, f, SIPGUARD_STAT_TCP_UNVERIFIED);
		}
		if (before(from, to) &&
		    !sg_flow_same(f, skb, off + (from - seq), from - f->base, to - from)) {
			v = sg_stream_drop(c, SIPGUARD_STAT_TCP_OVERLAP);
			if (!c->trusted)
				sg_offence(c->sn, c->cfg, c->src, &c->key, c->p, c->now);
			if (v == NF_DROP)
				sg_flow_block(c, f);
			else
				sg_flow_lose(c, f);
			return v;
		}
		if (!after(end, f->next))
			return NF_ACCEPT;
		skip = f->next - seq;
	}

	n = end - f->next;
	sg_flow_make_room(f, n);
	if (!sg_flow_reserve(t, c->cfg->tcp_buffer, f, sk, n)) {
		return sg_flow_refuse(c, f, SIPGUARD_STAT_TCP_HELD_FULL);
	}
	if (skb_copy_bits(skb, off + skip, sg_flow_data(f) + f->len, n))
		return NF_DROP;		/* cannot happen: n <= plen - skip */
	old_len = f->len;
	saved = f->st;
	f->len += n;

	/*
	 * TLS (RFC 5630) is opaque: a flow to 5061 whose bytes start with a
	 * TLS record header gets IP-level policy only. On other ports it is
	 * framed as SIP, so that a server that skips a junk first message
	 * cannot be reached behind one.
	 */
	if (unlikely(f->tls_check) && f->len >= 3) {
		f->tls_check = false;
		if (sg_tls_record(sg_flow_data(f), f->len)) {
			f->state = SG_FLOW_OPAQUE;
			sg_flow_free_buf(t, f);
			sg_count(c->sn, SIPGUARD_STAT_TCP_OPAQUE, 1);
			return NF_ACCEPT;
		}
	}

	while ((ev = sg_stream_next(pol, &f->st, sg_flow_data(f), f->len, &res, &moff, &mlen)) !=
	       SG_STREAM_MORE) {
		if (ev == SG_STREAM_MESSAGE)
			sg_count(c->sn, SIPGUARD_STAT_TCP_MESSAGES, 1);
		v = sg_judge(c, &res, sg_flow_data(f) + moff);
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
			sg_flow_lose(c, f);
			return NF_ACCEPT;
		}
	}
	ka = f->st.keepalives - saved.keepalives;
	if (ka)
		sg_count(c->sn, SIPGUARD_STAT_KEEPALIVES, ka);
	f->next = end;
	return NF_ACCEPT;
}

/*
 * Data for a listening socket with no connection yet and no flow to start
 * from it: a SYN's data (Fast Open), an ACK without a valid SYN cookie
 * (which the stack resets), or a cookie's data that found the flow table
 * full. It is the stream's first bytes, and a flow would start after
 * them, so they are judged here, alone, as a stream's start: every
 * message in it, and none left open at its end (the flow could not know
 * where it is).
 */
static int sg_tcp_first(struct sg_ctx *c, struct sk_buff *skb, unsigned int off,
			unsigned int plen, const struct tcphdr *th)
{
	const struct sg_sip_policy *pol = c->trusted ? &c->cfg->sip_trusted : &c->cfg->sip;
	struct sg_stream st = { };
	struct sg_sip_result res;
	u32 moff, mlen;
	const u8 *data;
	unsigned int v;
	u8 ev;

	if (plen > SG_WINDOW)
		return sg_stream_drop(c, SIPGUARD_STAT_TCP_FIRST_CUT);
	data = skb_header_pointer(skb, off, plen, c->scratch);
	if (!data)
		return NF_ACCEPT;	/* cannot happen: plen <= skb->len - off */
	if (th->dest == htons(SG_SIPS_PORT) && sg_tls_record(data, plen))
		return NF_ACCEPT;
	while ((ev = sg_stream_next(pol, &st, data, plen, &res, &moff, &mlen)) != SG_STREAM_MORE) {
		if (ev == SG_STREAM_MESSAGE)
			sg_count(c->sn, SIPGUARD_STAT_TCP_MESSAGES, 1);
		v = sg_judge(c, &res, data + moff);
		if (v == NF_DROP || ev == SG_STREAM_BAD)
			return v;
	}
	if (sg_stream_keep(&st) < plen)
		return sg_stream_drop(c, SIPGUARD_STAT_TCP_FIRST_CUT);
	return NF_ACCEPT;
}

/* A flow whose socket went away goes too. */
static void sg_flow_forget(struct sg_flowtable *t, const struct sg_flow_key *key)
{
	struct sg_flow *f;

	if (!sg_flow_lookup(t, key))
		return;
	spin_lock(&t->lock);
	f = sg_flow_lookup(t, key);
	if (f)
		sg_flow_remove(t, f);
	spin_unlock(&t->lock);
}

/*
 * A cookie's flow whose socket the stack has not made yet: the segments
 * of one receive batch all pass PREROUTING before TCP takes the first
 * (ip_list_rcv()), so the data after a cookie's can come before its
 * socket. Such a flow is the connection's until its socket takes it, or
 * for SG_COOKIE_WAIT if the stack never makes one (its accept queue full:
 * it then holds none of the bytes, and a flow may start afresh).
 */
#define SG_COOKIE_WAIT		HZ

static bool sg_flow_unborn(const struct sg_flow *f)
{
	return f->cookie && !f->id && time_before(jiffies, f->born + SG_COOKIE_WAIT);
}

/*
 * Data that makes its connection from a SYN cookie (the handshake's last
 * ACK lost, or overtaken): a flow from its first byte, so that a message
 * longer than the segment is framed across the next ones, as on any
 * connection. The socket the stack makes from this segment finds the flow
 * at its next data (identity 0, as a request socket's). Until then, every
 * segment of the 4-tuple is judged on that flow: a copy of the first
 * compared with it, what follows framed after it, and an ACK other than
 * the cookie's dropped. The buffer is charged to the listener's memory
 * cgroup. Returns -1 where there is no such flow and none was made (no
 * valid cookie, a full table): the segment is judged alone.
 */
static int sg_tcp_cookie_flow(struct sg_ctx *c, struct sk_buff *skb, unsigned int off,
			      unsigned int plen, const struct tcphdr *th, struct sock *lsk,
			      const struct sg_flow_key *key)
{
	struct sg_flowtable *t = &c->sn->flows;
	u32 seq = ntohl(th->seq), ack = ntohl(th->ack_seq);
	struct sg_flow *f;
	int v;

	f = sg_flow_lookup(t, key);
	if (!f || !sg_flow_unborn(f)) {
		if (!sg_tcp_cookie(skb, c->p, th))
			return -1;
		sg_flow_forget(t, key);
		f = sg_flow_new(t, c->cfg->tcp_flows, key, c->p->ifindex, seq, 0, true, ack);
		if (!f)
			return -1;
		sg_count(c->sn, SIPGUARD_STAT_TCP_FLOWS_NEW, 1);
	}
	spin_lock(&f->lock);
	if (f->dead || !sg_flow_unborn(f)) {
		/* its socket came, or it went, since: another CPU's race */
		spin_unlock(&f->lock);
		return sg_stream_drop(c, SIPGUARD_STAT_TCP_UNVERIFIED);
	}
	if (ack != f->cookie_ack) {
		spin_unlock(&f->lock);
		return sg_stream_drop(c, SIPGUARD_STAT_TCP_INVALID);
	}
	v = sg_flow_segment(c, f, lsk, skb, off, seq, plen, f->base);
	spin_unlock(&f->lock);
	return v;
}

int sg_tcp_inspect(struct sg_ctx *c, struct sk_buff *skb, unsigned int off, unsigned int plen)
{
	struct sg_flowtable *t = &c->sn->flows;
	struct net *net = dev_net(skb->dev);
	struct sg_flow_key key;
	struct tcphdr _th;
	const struct tcphdr *th;
	struct sg_conn conn;
	struct sg_flow *f;
	struct sock *sk;
	int v;

	th = skb_header_pointer(skb, c->p->l4off, sizeof(_th), &_th);
	if (!th || th->rst || !c->cfg->tcp_flows)
		return SG_TCP_SEGMENT;
	/*
	 * Bytes the stack discards (bad checksum) or reads otherwise than
	 * as they stand (urgent data: the byte at the urgent pointer is cut
	 * out of the stream) are not followed: dropped.
	 */
	if (th->urg ||
	    nf_checksum(skb, NF_INET_PRE_ROUTING, c->p->l4off, IPPROTO_TCP, c->p->family))
		return sg_stream_drop(c, SIPGUARD_STAT_TCP_INVALID);
	if (th->syn)
		return sg_tcp_listener(net, c->p, th) ? sg_tcp_first(c, skb, off, plen, th) :
							 SG_TCP_SEGMENT;
	sg_flow_key_make(&key, c->p, th);
	sk = sg_tcp_sock(net, c->p, th->source, th->dest, th, &conn);
	if (!sk) {
		/* the connection is gone, or not yet in the table, or the
		 * segment is forwarded
		 */
		sk = sg_tcp_listener(net, c->p, th);
		if (sk) {
			v = sg_tcp_cookie_flow(c, skb, off, plen, th, sk, &key);
			if (v >= 0)
				return v;
		}
		sg_flow_forget(t, &key);
		return sk ? sg_tcp_first(c, skb, off, plen, th) : SG_TCP_SEGMENT;
	}
	if (conn.discard) {
		v = sg_stream_drop(c, SIPGUARD_STAT_TCP_INVALID);
		goto out;
	}
	for (;;) {
		f = sg_flow_lookup(t, &key);
		if (!f) {
			f = sg_flow_new(t, c->cfg->tcp_flows, &key, c->p->ifindex, conn.rcv,
					conn.id, false, 0);
			if (!f) {
				v = sg_stream_drop(c, SIPGUARD_STAT_TCP_FLOWS_FULL);
				goto out;
			}
			sg_count(c->sn, SIPGUARD_STAT_TCP_FLOWS_NEW, 1);
		}
		spin_lock(&f->lock);
		if (!f->dead)
			break;
		spin_unlock(&f->lock);
	}
	if (f->id != conn.id) {
		if (!f->id && !before(conn.rcv, f->base) && !after(conn.rcv, f->next)) {
			/* the request socket's (or the cookie's) connection,
			 * established, where the flow stands
			 */
			f->id = conn.id;
		} else {
			/* the 4-tuple of an old connection: start afresh */
			sg_flow_free_buf(t, f);
			sg_flow_start(f, conn.rcv, conn.id);
		}
	}
	v = sg_flow_segment(c, f, sk, skb, off, ntohl(th->seq), plen, conn.rcv);
	spin_unlock(&f->lock);
out:
	sock_gen_put(sk);
	return v;
}

/*
 * Flows whose connection closed go. A followed flow silent too long with
 * nothing held goes too (its next data starts a new one, between
 * messages, which is where it was); a blocked, opaque or lost one, or one
 * with a message open, stays as long as its connection.
 */
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
			struct sg_conn conn;
			struct sock *sk;
			bool idle, unborn;

			sk = sg_tcp_sock(t->net, &p, f->key.sport, f->key.dport, NULL, &conn);
			if (sk)
				sock_gen_put(sk);
			spin_lock(&f->lock);
			idle = f->state == SG_FLOW_OPEN && !f->len &&
			       f->st.state == SG_STREAM_BETWEEN &&
			       time_after(jiffies, f->last + SG_FLOW_IDLE);
			unborn = sg_flow_unborn(f);
			spin_unlock(&f->lock);
			/* a cookie's flow waits for its socket */
			if (!sk && unborn)
				continue;
			if (!sk || (f->id && conn.id && conn.id != f->id) || idle)
				sg_flow_remove(t, f);
		}
		spin_unlock_bh(&t->lock);
		rcu_read_unlock();
		if (!(i & 255))
			cond_resched();
	}
	queue_delayed_work(system_power_efficient_wq, &t->gc, SG_FLOW_GC_INTERVAL);
}

int sg_flowtable_init(struct sg_flowtable *t, struct net *net, unsigned int size_hint)
{
	unsigned int size = roundup_pow_of_two(max(size_hint / 2, 64U));
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
	t->net = net;
	get_random_bytes(&t->key, sizeof(t->key));
	spin_lock_init(&t->lock);
	atomic_set(&t->count, 0);
	atomic_long_set(&t->held, 0);
	INIT_DEFERRABLE_WORK(&t->gc, sg_flowtable_gc);
	queue_delayed_work(system_power_efficient_wq, &t->gc, SG_FLOW_GC_INTERVAL);
	return 0;
}

/* Every flow goes (freed after a grace period); the table stays. */
void sg_flowtable_flush(struct sg_flowtable *t)
{
	struct hlist_node *tmp;
	struct sg_flow *f;
	unsigned int i;

	for (i = 0; i <= t->mask; i++) {
		spin_lock_bh(&t->lock);
		hlist_for_each_entry_safe(f, tmp, &t->heads[i], node)
			sg_flow_remove(t, f);
		spin_unlock_bh(&t->lock);
		if (!(i & 1023))
			cond_resched();
	}
}

/* After the hooks are unregistered: nothing looks flows up any more. */
void sg_flowtable_destroy(struct sg_flowtable *t)
{
	if (t->heads) {
		cancel_delayed_work_sync(&t->gc);
		sg_flowtable_flush(t);
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
