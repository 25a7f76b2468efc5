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
};

struct sg_flow {
	struct hlist_node node;
	struct sg_flow_key key;
	spinlock_t lock;	/* everything below */
	bool dead;		/* unhashed: look again */
	u8 state;		/* enum sg_flow_state */
	int ifindex;		/* where it arrives, for the socket lookup */
	u32 isn;		/* the connection's: a reused 4-tuple is a new flow */
	u32 base;		/* sequence number of buf[0] */
	u32 next;		/* the next byte expected: base + len */
	u8 *buf;		/* held bytes: not yet taken by the socket, or of an open message */
	u32 len, cap;
	unsigned long last;	/* jiffies */
	struct sg_stream st;
	struct rcu_head rcu;
};

struct sg_flowtable {
	struct hlist_head *heads;
	unsigned int mask;
	hsiphash_key_t key;
	spinlock_t lock;	/* insertion and removal */
	atomic_t count;
	unsigned int max;	/* flows */
	atomic_long_t held;	/* bytes of flow buffers */
	unsigned long held_max;
	struct delayed_work gc;
	struct net *net;
};

struct sg_ctx;
struct sk_buff;

int sg_flowtable_init(struct sg_flowtable *t, struct net *net, unsigned int max_flows,
		      unsigned long max_bytes);
void sg_flowtable_destroy(struct sg_flowtable *t);

/*
 * Judge a TCP segment with @plen payload bytes at @off as part of its
 * stream: NF_ACCEPT or NF_DROP, or SG_TCP_SEGMENT when no local socket
 * holds the connection (forwarded traffic; a segment the stack will reset)
 * and the segment is to be judged alone.
 */
#define SG_TCP_SEGMENT	(-1)
int sg_tcp_inspect(struct sg_ctx *c, struct sk_buff *skb, unsigned int off, unsigned int plen);

#endif /* _SG_TCPFLOW_H */
