/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP streams to a SIP port, followed message by message (tcpflow.c):
 * a per-netns table of flows, bounded in entries and in bytes held.
 */
#ifndef _SG_TCPFLOW_H
#define _SG_TCPFLOW_H

#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "stream.h"

struct sg_flow_key {
	__be32 saddr[4];	/* the peer (IPv4: [0]) */
	__be32 daddr[4];	/* the local server */
	__be16 sport, dport;
	u16 family;
	u16 zero;
};

enum sg_flow_state {
	SG_FLOW_OPEN,		/* followed */
	SG_FLOW_BLOCKED,	/* a bad message: every later data segment dropped */
	SG_FLOW_LOST,		/* a stream drop not enforced (monitor): let go */
	SG_FLOW_OPAQUE,		/* TLS on 5061: IP-level policy only */
};

struct sg_flow {
	struct hlist_node node;
	struct sg_flow_key key;
	spinlock_t lock;	/* everything below */
	bool dead;		/* unhashed: look again */
	bool tls_check;		/* to 5061, first bytes not yet seen */
	u8 state;		/* enum sg_flow_state */
	bool cookie;		/* started by a SYN cookie's data, before its socket */
	int ifindex;		/* where it arrives, for the socket lookup */
	u64 id;			/* the socket's cookie (0: not yet, a request socket) */
	u32 base;		/* sequence number of buf[head] */
	u32 next;		/* the next byte expected: base + len */
	u8 *buf;		/* held bytes: not yet taken by the socket, or of an open message */
	u32 head, len, cap;	/* the held bytes are buf[head, head + len) */
	u32 cookie_ack;		/* a cookie flow's: the ACK its segments carry */
	unsigned long last;	/* jiffies */
	unsigned long born;	/* jiffies, a cookie flow's start */
	struct sg_stream st;
	struct rcu_head rcu;
};

struct sg_flowtable {
	struct hlist_head *heads;
	unsigned int mask;
	hsiphash_key_t key;
	spinlock_t lock;	/* insertion and removal */
	atomic_t count;
	atomic_long_t held;	/* bytes of flow buffers */
	struct delayed_work gc;
	struct net *net;
};

struct sg_ctx;
struct sk_buff;
struct sock;

/* @size_hint: the tcp_flows parameter, which sizes the hash table */
int sg_flowtable_init(struct sg_flowtable *t, struct net *net, unsigned int size_hint);
void sg_flowtable_destroy(struct sg_flowtable *t);
void sg_flowtable_flush(struct sg_flowtable *t);

/*
 * Judge a TCP segment with @plen payload bytes at @off as part of its
 * stream: NF_ACCEPT or NF_DROP, or SG_TCP_SEGMENT when no local socket
 * holds the connection (forwarded traffic; a segment the stack will reset)
 * and the segment is to be judged alone.
 */
#define SG_TCP_SEGMENT	(-1)
int sg_tcp_inspect(struct sg_ctx *c, struct sk_buff *skb, unsigned int off, unsigned int plen);

#endif /* _SG_TCPFLOW_H */
