/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-source state: a token bucket per method class, and offences and
 * bans, in a hash table per netns bounded at max_sources entries.
 */
#ifndef _SG_SRCTABLE_H
#define _SG_SRCTABLE_H

#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

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
	u8 v6_prefix;					/* IPv6 sources keyed by /N */
};

struct sg_src_key {
	__be32 addr[4];		/* IPv4: addr[0]; IPv6: the /v6_prefix, masked */
	u16 family;
	u8 plen;		/* 32, or the IPv6 prefix length it was made with */
	u8 zero;
};

struct sg_src {
	struct hlist_node node;
	struct sg_src_key key;
	spinlock_t lock;	/* buckets, ban, last_seen */
	u64 last_seen;
	struct sg_bucket bucket[SG_CLASS_MAX];
	struct sg_ban ban;
	struct sg_answers ans;	/* what the server answered it */
	bool ban_told;		/* a ban event went out; its end is to be told */
	struct rcu_head rcu;
};

struct sg_srctable {
	struct hlist_head *heads;
	unsigned int mask;
	hsiphash_key_t key;
	spinlock_t lock;	/* insertion and removal */
	atomic_t count;
	atomic_t ban_gen;	/* bumped when a ban starts or ends: dumps check it */
	unsigned int max;
	u64 idle;		/* ns without traffic before an entry may go */
	u64 forget;		/* ns after a ban before its history may go: a copy
				 * of the config's ban.forget, which a run-time
				 * writer must update with it */
	struct delayed_work gc;
	/* called by the GC, under the table lock, for a ban that ran out */
	void (*ban_expired)(struct sg_srctable *t, const struct sg_src *s, u64 now);
	/* the global buckets, one lock: what the server can answer */
	spinlock_t global_lock;
	struct sg_bucket global[SG_CLASS_REQUESTS];
};

int sg_srctable_init(struct sg_srctable *t, unsigned int max_sources, u64 now);
void sg_srctable_destroy(struct sg_srctable *t);

void sg_src_key_make(struct sg_src_key *k, int family, const void *addr, u8 v6_prefix);
/* RCU read side. */
struct sg_src *sg_src_lookup(struct sg_srctable *t, const struct sg_src_key *k);
/* RCU read side, softirq or BH-disabled; NULL at the cap or without memory. */
struct sg_src *sg_src_get(struct sg_srctable *t, const struct sg_src_key *k,
			  const struct sg_limits *lim, u64 now);
/* BHs off (hook context): take a token of class @cls, stamp last_seen. */
bool sg_src_take(struct sg_src *s, enum sg_class cls, const struct sg_rate *r, u64 now);
/* Lift a ban (BHs off, s->lock held): no ban, no offences pending. */
static inline void sg_src_lift(struct sg_src *s)
{
	s->ban.until = 0;
	s->ban.offences = 0;
	s->ban_told = false;
}
/* Remove every entry (module parameters changed, netns exit). */
void sg_srctable_flush(struct sg_srctable *t);
unsigned int sg_src_entry_size(void);

static inline u64 sg_now(void)
{
	return ktime_get_coarse_boottime_ns();
}

#endif /* _SG_SRCTABLE_H */
