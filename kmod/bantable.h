/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bans, in their own table per netns, apart from the source table: a
 * flood that fills the source table (evicting idle sources to make room)
 * can neither lift a ban nor keep one from starting. An entry holds a
 * source's ban and, after it ends, the record of its bans (for the
 * doubling) until ban.forget has passed.
 */
#ifndef _SG_BANTABLE_H
#define _SG_BANTABLE_H

#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "srctable.h"

struct sg_banent {
	struct hlist_node node;
	struct sg_src_key key;
	struct sg_ban ban;	/* until, last_ban, bans; written under the table lock */
	bool told;		/* a ban event went out; its end is to be told */
	struct rcu_head rcu;
};

/*
 * Each CPU's memo of the last source it found banned: a flood from one
 * banned source (the common case) is dropped on a key compare, with no
 * hash and no chain. Good while the table's gen has not moved (a ban
 * started, changed, was lifted or ran out: the memo is taken again) and
 * @until has not passed.
 */
struct sg_ban_last {
	struct sg_src_key key;
	u32 gen;
	u64 until;
};

struct sg_bantable {
	struct hlist_head *heads;
	unsigned int mask;
	hsiphash_key_t key;
	spinlock_t lock;	/* every write */
	atomic_t count;		/* entries: bans and records */
	atomic_t active;	/* bans in force (a gauge, for stats) */
	atomic_t gen;		/* bumped when a ban starts, changes or ends:
				 * dumps and the memos check it */
	struct sg_ban_last __percpu *last;
	unsigned int max;
	u64 forget;		/* a copy of the config's ban.forget; under lock */
	u64 next_gc;		/* under lock: nothing is due for the GC before */
	struct mem_cgroup *memcg; /* charged for the entries */
	struct delayed_work gc;
	/* called by the GC, under the table lock, for a ban that ran out */
	void (*expired)(struct sg_bantable *t, const struct sg_banent *b, u64 now);
};

int sg_bantable_init(struct sg_bantable *t, unsigned int max_bans);
void sg_bantable_destroy(struct sg_bantable *t);
void sg_bantable_flush(struct sg_bantable *t);
void sg_bantable_set_forget(struct sg_bantable *t, u64 forget);

bool __sg_banned(struct sg_bantable *t, const struct sg_src_key *k, u64 now);

/* RCU read side: is @k banned at @now? With no ban in force, one read and
 * no call: the common case. */
static inline bool sg_banned(struct sg_bantable *t, const struct sg_src_key *k, u64 now)
{
	return atomic_read(&t->active) && __sg_banned(t, k, now);
}

/* This CPU's memo (BHs off): after sg_banned() said true, the ban it
 * found, and the table's gen read before it looked. */
static inline const struct sg_ban_last *sg_ban_memo(struct sg_bantable *t)
{
	return this_cpu_ptr(t->last);
}

/*
 * Ban @k (BHs off): for @len ns, or with @len 0 for as long as its record
 * says (ban.time doubled per earlier ban, up to ban.max). 1 when a ban
 * started, 0 when one was already in force (@len 0 leaves it; else it is
 * set to end @len from now), -ENOMEM, or -ENOSPC (never, with max_bans of
 * at least 1). *@until and *@bans tell the ban; *@ended is set when a ban
 * in force was ended early to make room.
 */
int sg_ban_begin(struct sg_bantable *t, const struct sg_src_key *k, const struct sg_ban_params *p,
		 u64 len, u64 now, u64 *until, u32 *bans, bool *ended);
/* Lift @k's ban (BHs off); true if it had one in force. */
bool sg_ban_lift_key(struct sg_bantable *t, const struct sg_src_key *k, u64 now, u32 *bans);

#endif /* _SG_BANTABLE_H */
