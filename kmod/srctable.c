// SPDX-License-Identifier: GPL-2.0
/*
 * Per-source state, modelled on WireGuard's ratelimiter and xt_hashlimit:
 * a hash table keyed with a random hsiphash key (so an attacker cannot aim
 * collisions), lookups under RCU, entries allocated with GFP_ATOMIC in the
 * packet path and capped at max_sources per netns, idle entries collected
 * by a deferrable worker.
 *
 * A full table still gives a new source its limits: it evicts the entry
 * with the least to lose among SG_EVICT_SAMPLE ones from a moving hand
 * (sampled eviction, as Redis approximates LRU). What an entry has to
 * lose is the credit its buckets miss (a bucket refilled to its burst is
 * what a new entry would hold: evicting it loses nothing) and its
 * offences and answers counted, each weighing a minute of credit. A
 * spoofed flood's one-packet sources refill within a fraction of a second
 * and go first; a source sending over its limit, with its bucket empty and
 * offences counted, goes last. Bans are not here (bantable.c), so
 * evicting never lifts one.
 *
 * Memory: sizeof(struct sg_src) rounded up by its kmem_cache (see
 * /proc/slabinfo, "sipguard_src") times max_sources, plus the heads,
 * charged to the netns' memory cgroup.
 */
#include <linux/slab.h>
#include <linux/random.h>
#include <linux/log2.h>
#include <linux/ratelimit.h>

#include "srctable.h"

#define SG_GC_INTERVAL	(HZ)
#define SG_EVICT_SAMPLE	16	/* entries a full table compares to make room */
#define SG_EVICT_CHAINS	64	/* chains it looks through for them, at most */

static struct kmem_cache *sg_src_cache;
static DEFINE_MUTEX(sg_src_cache_mutex);
static unsigned int sg_src_cache_users;

static u32 sg_src_hash(const struct sg_srctable *t, const struct sg_src_key *k)
{
	/* hsiphash: the kernel's keyed hash for hash tables, cheaper than
	 * siphash, and enough since the key never leaves the kernel
	 */
	return sg_src_key_hash(k, &t->key) & t->mask;
}

struct sg_src *sg_src_lookup(struct sg_srctable *t, const struct sg_src_key *k)
{
	struct sg_src *s;

	hlist_for_each_entry_rcu(s, &t->heads[sg_src_hash(t, k)], node)
		if (sg_src_key_eq(&s->key, k))
			return s;
	return NULL;
}

/*
 * What evicting @s would lose, in ns of credit (read without its lock: a
 * racing update only makes the estimate a packet off).
 */
static u64 sg_src_worth(const struct sg_src *s, const struct sg_limits *lim, u64 now)
{
	struct sg_bucket b[SG_CLASS_MAX];
	int i;

	for (i = 0; i < SG_CLASS_MAX; i++) {
		b[i].tokens = READ_ONCE(s->bucket[i].tokens);
		b[i].last = READ_ONCE(s->bucket[i].last);
	}
	/* an aggregate limited as one source weighs its 10 minutes, and
	 * one counting its new sources the spread they took */
	return sg_worth(&s->spread, &lim->spread, 1, 0, now) +
	       sg_worth(b, lim->src, SG_CLASS_MAX,
			READ_ONCE(s->ban.offences) + READ_ONCE(s->ans.tally[SG_ANSWER_AUTH].n) +
			READ_ONCE(s->ans.tally[SG_ANSWER_UNKNOWN].n) +
			(now < READ_ONCE(s->agg_until) ? 10 : 0), now);
}

static void sg_src_remove(struct sg_srctable *t, struct sg_src *s);

/*
 * Under t->lock, the table full: evict the entry with the least to lose
 * among SG_EVICT_SAMPLE from the hand on. False when the chains looked at
 * held none.
 */
static bool sg_src_evict(struct sg_srctable *t, const struct sg_limits *lim, u64 now)
{
	struct sg_src *s, *victim = NULL;
	u64 worth, least = U64_MAX;
	unsigned int i, seen = 0;

	for (i = 0; i < SG_EVICT_CHAINS && seen < SG_EVICT_SAMPLE; i++) {
		hlist_for_each_entry(s, &t->heads[t->hand], node) {
			seen++;
			worth = sg_src_worth(s, lim, now);
			if (worth < least) {
				least = worth;
				victim = s;
			}
		}
		t->hand = (t->hand + 1) & t->mask;
	}
	if (!victim)
		return false;
	sg_src_remove(t, victim);
	return true;
}

struct sg_src *sg_src_get(struct sg_srctable *t, const struct sg_src_key *k,
			  const struct sg_limits *lim, u64 now, unsigned int *how)
{
	struct sg_src *s = sg_src_lookup(t, k), *other;
	u32 h;
	int i;

	if (s)
		return s;
	s = sg_charged_zalloc(sg_src_cache, t->memcg);
	if (!s)
		return NULL;
	s->key = *k;
	s->last_seen = now;
	spin_lock_init(&s->lock);
	for (i = 0; i < SG_CLASS_MAX; i++)
		sg_bucket_init(&s->bucket[i], &lim->src[i], now);
	sg_bucket_init(&s->spread, &lim->spread, now);

	h = sg_src_hash(t, k);
	spin_lock(&t->lock);
	/* another CPU may have added it meanwhile */
	hlist_for_each_entry(other, &t->heads[h], node) {
		if (sg_src_key_eq(&other->key, k)) {
			spin_unlock(&t->lock);
			kmem_cache_free(sg_src_cache, s);
			return other;
		}
	}
	if (atomic_read(&t->count) >= t->max) {
		if (!sg_src_evict(t, lim, now)) {
			spin_unlock(&t->lock);
			kmem_cache_free(sg_src_cache, s);
			return NULL;
		}
		*how |= SG_SRC_EVICTED;
	}
	*how |= SG_SRC_NEW;
	atomic_inc(&t->count);
	hlist_add_head_rcu(&s->node, &t->heads[h]);
	spin_unlock(&t->lock);
	return s;
}

/* Take one packet's token from an entry's bucket of class @cls. */
bool sg_src_take(struct sg_src *s, enum sg_class cls, const struct sg_rate *r, u64 now)
{
	bool ok;

	spin_lock(&s->lock);
	ok = sg_bucket_take(&s->bucket[cls], r, now);
	s->last_seen = now;
	spin_unlock(&s->lock);
	return ok;
}

static void sg_src_free_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(sg_src_cache, container_of(rcu, struct sg_src, rcu));
}

static void sg_src_remove(struct sg_srctable *t, struct sg_src *s)
{
	hlist_del_rcu(&s->node);
	atomic_dec(&t->count);
	call_rcu(&s->rcu, sg_src_free_rcu);
}

/*
 * An entry can go when idle, and, if it holds offences or answers counted,
 * once the longest window they count in has passed. Read under t->lock
 * only: a racing update moves last_seen forward, past this worker's @now,
 * which sg_elapsed() reads as "not idle" (it used to wrap around and free
 * a busy entry, which came back with a full bucket).
 */
static bool sg_src_expired(const struct sg_srctable *t, const struct sg_src *s, u64 now)
{
	u64 last = READ_ONCE(s->last_seen);

	if (!sg_elapsed(now, last, t->idle) || now < READ_ONCE(s->agg_until))
		return false;
	if (READ_ONCE(s->ban.offences) || READ_ONCE(s->ans.tally[SG_ANSWER_AUTH].n) ||
	    READ_ONCE(s->ans.tally[SG_ANSWER_UNKNOWN].n))
		return sg_elapsed(now, last, READ_ONCE(t->keep));
	return true;
}

static void sg_srctable_gc(struct work_struct *work)
{
	struct sg_srctable *t = container_of(to_delayed_work(work), struct sg_srctable, gc);
	u64 now = sg_now();
	struct hlist_node *tmp;
	struct sg_src *s;
	unsigned int i;

	/* an empty table (every idle netns's): no walk over its chains */
	if (!atomic_read(&t->count))
		goto out;
	for (i = 0; i <= t->mask; i++) {
		if (hlist_empty(&t->heads[i]))
			continue;
		spin_lock_bh(&t->lock);
		hlist_for_each_entry_safe(s, tmp, &t->heads[i], node) {
			if (sg_src_expired(t, s, now))
				sg_src_remove(t, s);
		}
		spin_unlock_bh(&t->lock);
		cond_resched();
	}
out:
	queue_delayed_work(system_power_efficient_wq, &t->gc, SG_GC_INTERVAL);
}

/*
 * Remove every entry, 1024 chains at a time: the lock (with BHs off) is
 * never held over the whole table, which may hold a million entries.
 */
void sg_srctable_flush(struct sg_srctable *t)
{
	struct hlist_node *tmp;
	struct sg_src *s;
	unsigned int i;

	for (i = 0; i <= t->mask; i++) {
		if (!(i & 1023))
			spin_lock_bh(&t->lock);
		hlist_for_each_entry_safe(s, tmp, &t->heads[i], node)
			sg_src_remove(t, s);
		if ((i & 1023) == 1023 || i == t->mask) {
			spin_unlock_bh(&t->lock);
			cond_resched();
		}
	}
}

static int sg_src_cache_get(void)
{
	int err = 0;

	mutex_lock(&sg_src_cache_mutex);
	if (!sg_src_cache_users) {
		sg_src_cache = KMEM_CACHE(sg_src, SLAB_ACCOUNT);
		if (!sg_src_cache)
			err = -ENOMEM;
	}
	if (!err)
		sg_src_cache_users++;
	mutex_unlock(&sg_src_cache_mutex);
	return err;
}

static void sg_src_cache_put(void)
{
	mutex_lock(&sg_src_cache_mutex);
	if (!--sg_src_cache_users) {
		rcu_barrier();	/* every sg_src_free_rcu() has run */
		kmem_cache_destroy(sg_src_cache);
		sg_src_cache = NULL;
	}
	mutex_unlock(&sg_src_cache_mutex);
}

int sg_srctable_init(struct sg_srctable *t, unsigned int max_sources, u64 now)
{
	/* about two entries per chain when full */
	unsigned int size = roundup_pow_of_two(max(max_sources / 2, 64U));
	int err;

	err = sg_src_cache_get();
	if (err)
		return err;
	t->heads = kvcalloc(size, sizeof(*t->heads), GFP_KERNEL_ACCOUNT);
	t->shares = alloc_percpu_gfp(struct sg_shares, GFP_KERNEL_ACCOUNT);
	if (!t->heads || !t->shares) {
		free_percpu(t->shares);
		kvfree(t->heads);
		sg_src_cache_put();
		return -ENOMEM;
	}
	t->mask = size - 1;
	t->max = max_sources;
	t->idle = 120 * SG_NSEC_PER_SEC;
	t->keep = t->idle;	/* set with the limits */
	t->hand = 0;
	get_random_bytes(&t->key, sizeof(t->key));
	spin_lock_init(&t->lock);
	spin_lock_init(&t->global_lock);
	atomic_set(&t->count, 0);
	INIT_DEFERRABLE_WORK(&t->gc, sg_srctable_gc);
	queue_delayed_work(system_power_efficient_wq, &t->gc, SG_GC_INTERVAL);
	return 0;
}

/* Bytes one source takes in its kmem_cache (valid once a netns exists). */
unsigned int sg_src_entry_size(void)
{
	return sg_src_cache ? kmem_cache_size(sg_src_cache) : 0;
}

/* After the hooks are unregistered: nothing looks entries up any more. */
void sg_srctable_destroy(struct sg_srctable *t)
{
	cancel_delayed_work_sync(&t->gc);
	sg_srctable_flush(t);
	free_percpu(t->shares);
	kvfree(t->heads);
	sg_src_cache_put();
}
