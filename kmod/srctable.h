/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-source state: a token bucket per method class, the offences in the
 * current window, what the server answered; in a hash table per netns
 * bounded at max_sources entries. A full table makes room by evicting the
 * entry with the least to lose (srctable.c). Bans are in bantable.h.
 */
#ifndef _SG_SRCTABLE_H
#define _SG_SRCTABLE_H

#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/memcontrol.h>
#include <linux/sched/mm.h>
#include <net/ipv6.h>

#include <linux/sipguard.h>

#include "bucket.h"
#include "answer.h"

/* The bucket classes, numbered as enum sipguard_class. */
enum sg_class {
	SG_CLASS_REGISTER = SIPGUARD_CLASS_REGISTER,
	SG_CLASS_INVITE = SIPGUARD_CLASS_INVITE,
	SG_CLASS_OPTIONS = SIPGUARD_CLASS_OPTIONS,
	SG_CLASS_OTHER = SIPGUARD_CLASS_OTHER,		/* every other request */
	SG_CLASS_REFLECT = SIPGUARD_CLASS_REFLECT,	/* error responses sent to this address */
	SG_CLASS_MAX = __SIPGUARD_CLASS_MAX
};
#define SG_CLASS_REQUESTS	SG_CLASS_REFLECT	/* the request classes */

/* The limits, part of the RCU-published config. */
struct sg_limits {
	struct sg_rate src[SG_CLASS_MAX];		/* per source (or destination) */
	struct sg_rate global[SG_CLASS_REQUESTS];	/* per netns */
	struct sg_ban_params ban;
	struct sg_answer_limit answer[__SG_ANSWER_MAX];	/* offences from answers */
	struct sg_rate spread;		/* new /v6_prefix sources under one
					 * /v6_aggregate before it is limited as one */
	u8 v6_prefix;					/* IPv6 sources keyed by /N */
	u8 v6_aggregate;	/* IPv6 prefix length many /v6_prefix offenders
				 * are taken together at (0: never) */
};

/* /v6_prefix sources of one aggregate banned within ban.window that ban it */
#define SG_AGGREGATE_BANS	4
/* how long an aggregate is limited as one source once its spread ran over */
#define SG_AGGREGATE_TIME	(600 * SG_NSEC_PER_SEC)

struct sg_src_key {
	__be32 addr[4];		/* IPv4: addr[0]; IPv6: the /v6_prefix, masked */
	u16 family;
	u8 plen;		/* 32, or the IPv6 prefix length it was made with */
	u8 zero;
};
static_assert(sizeof(struct sg_src_key) == 5 * sizeof(u32));

/*
 * A key's chain in a table keyed with @hkey (source, ban tables). An IPv4
 * key is its address and prefix length (the rest is zero), hashed as two
 * words, half the rounds of the whole key's 20 bytes: a banned source's
 * every packet hashes its key.
 */
static __always_inline u32 sg_src_key_hash(const struct sg_src_key *k, const hsiphash_key_t *hkey)
{
	if (k->family == AF_INET)
		return hsiphash_2u32((__force u32)k->addr[0], k->plen, hkey);
	return hsiphash(k, sizeof(*k), hkey);
}

/* The same key: its five words, compared in line. */
static __always_inline bool sg_src_key_eq(const struct sg_src_key *a, const struct sg_src_key *b)
{
	const u32 *x = (const u32 *)a, *y = (const u32 *)b;

	return !((x[0] ^ y[0]) | (x[1] ^ y[1]) | (x[2] ^ y[2]) | (x[3] ^ y[3]) | (x[4] ^ y[4]));
}

struct sg_src {
	struct hlist_node node;
	struct sg_src_key key;
	spinlock_t lock;	/* buckets, offences, ans, last_seen */
	u64 last_seen;
	struct sg_bucket bucket[SG_CLASS_MAX];
	struct sg_ban ban;	/* the offences' window (window_start, offences) */
	struct sg_answers ans;	/* what the server answered it */
	/* an IPv6 aggregate's (a /v6_aggregate entry): its new sources'
	 * bucket, and until when it is limited as one source */
	struct sg_bucket spread;
	u64 agg_until;
	struct rcu_head rcu;
};

struct sg_srctable {
	struct hlist_head *heads;
	unsigned int mask;
	hsiphash_key_t key;
	spinlock_t lock;	/* insertion and removal */
	atomic_t count;
	unsigned int max;
	unsigned int hand;	/* the chain eviction looks at next (under lock) */
	u64 idle;		/* ns without traffic before an entry may go */
	struct mem_cgroup *memcg; /* charged for the entries a packet causes */
	u64 keep;		/* ns an idle entry with offences or answers
				 * counted is kept: a copy of the config's longest
				 * window, which a run-time writer updates with it */
	struct delayed_work gc;
	/* the global buckets, one lock: what the server can answer; each CPU
	 * spends its share of them without it (hook.c) */
	spinlock_t global_lock;
	struct sg_bucket global[SG_CLASS_REQUESTS];
	struct sg_shares {
		struct sg_share cls[SG_CLASS_REQUESTS];
	} __percpu *shares;
};

int sg_srctable_init(struct sg_srctable *t, unsigned int max_sources, u64 now);
void sg_srctable_destroy(struct sg_srctable *t);

/* The key of a source address: the address, or its /v6_prefix. Inline:
 * every SIP packet makes one before the ban lookup. */
static __always_inline void sg_src_key_make(struct sg_src_key *k, int family,
					    const void *addr, u8 v6_prefix)
{
	memset(k, 0, sizeof(*k));
	k->family = family;
	if (family == AF_INET) {
		memcpy(k->addr, addr, 4);
		k->plen = 32;
		return;
	}
	k->plen = v6_prefix;
	ipv6_addr_prefix((struct in6_addr *)k->addr, addr, v6_prefix);
}

/* RCU read side. */
struct sg_src *sg_src_lookup(struct sg_srctable *t, const struct sg_src_key *k);
/* RCU read side, softirq or BH-disabled; NULL when the table is full and
 * nothing could be evicted, or without memory. *@how: SG_SRC_* ORed in. */
#define SG_SRC_NEW	0x1	/* the entry was created */
#define SG_SRC_EVICTED	0x2	/* another was evicted to make room */
struct sg_src *sg_src_get(struct sg_srctable *t, const struct sg_src_key *k,
			  const struct sg_limits *lim, u64 now, unsigned int *how);
/* BHs off (hook context): take a token of class @cls, stamp last_seen. */
bool sg_src_take(struct sg_src *s, enum sg_class cls, const struct sg_rate *r, u64 now);
/* Remove every entry (module parameters changed, netns exit). */
void sg_srctable_flush(struct sg_srctable *t);
unsigned int sg_src_entry_size(void);

/*
 * A packet's allocation from an accounted cache (softirq, or BHs off):
 * charged to @memcg, the netns owner's, not to whichever task the packet
 * interrupted (which the kernel would leave uncharged).
 */
static inline void *sg_charged_zalloc(struct kmem_cache *c, struct mem_cgroup *memcg)
{
	struct mem_cgroup *old = set_active_memcg(memcg);
	void *p = kmem_cache_zalloc(c, GFP_ATOMIC | __GFP_NOWARN);

	set_active_memcg(old);
	return p;
}

/* The spread rate: @per_minute new sources a minute, as many at once. */
static inline void sg_spread_init(struct sg_rate *r, u32 per_minute)
{
	r->pps = per_minute;
	r->burst = per_minute;
	r->cost = per_minute ? div_u64(60 * SG_NSEC_PER_SEC, per_minute) : 0;
	r->max = r->cost * per_minute;
}

static inline u64 sg_now(void)
{
	return ktime_get_coarse_boottime_ns();
}

#endif /* _SG_SRCTABLE_H */
