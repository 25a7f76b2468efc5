// SPDX-License-Identifier: GPL-2.0
/*
 * Bans in a table of their own (bantable.h), bounded at max_bans entries
 * per netns. Lookups are lock-free under RCU (one hsiphash and a short
 * chain, or none when the CPU's memo of the last banned source answers);
 * bans start and end rarely, so every write takes the table lock.
 *
 * When the table is full, a new ban takes the place of a record whose ban
 * ended (the oldest found in a bounded scan) or, when every entry scanned
 * is a ban in force, of the one that ends soonest, ended early and counted
 * (bans_full): a table filled with bans earned by spoofed sources cannot
 * keep the real attacker's from starting, and memory stays bounded.
 */
#include <linux/slab.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/log2.h>

#include "bantable.h"

#define SG_BAN_GC_INTERVAL	(HZ)
#define SG_BAN_SCAN		64	/* entries a full table looks at for a place */

static struct kmem_cache *sg_ban_cache;
static DEFINE_MUTEX(sg_ban_cache_mutex);
static unsigned int sg_ban_cache_users;

static void sg_bantable_destroy_cache(void)
{
	mutex_lock(&sg_ban_cache_mutex);
	if (!--sg_ban_cache_users) {
		rcu_barrier();	/* every sg_banent_free_rcu() has run */
		kmem_cache_destroy(sg_ban_cache);
		sg_ban_cache = NULL;
	}
	mutex_unlock(&sg_ban_cache_mutex);
}

static u32 sg_ban_hash(const struct sg_bantable *t, const struct sg_src_key *k)
{
	return sg_src_key_hash(k, &t->key) & t->mask;
}

/* Inline: a banned source's every packet looks itself up. */
static __always_inline struct sg_banent *sg_ban_find(struct sg_bantable *t,
						     const struct sg_src_key *k)
{
	struct sg_banent *b;

	hlist_for_each_entry_rcu(b, &t->heads[sg_ban_hash(t, k)], node)
		if (sg_src_key_eq(&b->key, k))
			return b;
	return NULL;
}

/*
 * Called from the hooks, BHs off: this CPU's memo is its own. gen is read
 * before the entry (smp_rmb(), paired with sg_ban_changed()'s barrier): a
 * memo taken while a ban changes holds the old gen and is not used again.
 */
bool __sg_banned(struct sg_bantable *t, const struct sg_src_key *k, u64 now)
{
	struct sg_ban_last *l = this_cpu_ptr(t->last);
	u32 gen = atomic_read(&t->gen);
	struct sg_banent *b;
	u64 until;

	if (l->gen == gen && now < l->until && sg_src_key_eq(&l->key, k))
		return true;
	smp_rmb();
	b = sg_ban_find(t, k);
	if (!b)
		return false;
	until = READ_ONCE(b->ban.until);
	if (now >= until)
		return false;
	l->key = *k;
	l->gen = gen;
	l->until = until;
	return true;
}

/*
 * When the GC has something to do for @b: tell its ban's end, or remove
 * the record once ban.forget has passed since its last ban.
 */
static u64 sg_banent_due(const struct sg_banent *b, u64 forget)
{
	u64 gone = b->ban.last_ban + max_t(u64, forget, 1);

	return b->told ? b->ban.until : max(b->ban.until, gone);
}

/* Under t->lock, after @b was written: the GC walks again by its due. */
static void sg_ban_due(struct sg_bantable *t, const struct sg_banent *b)
{
	WRITE_ONCE(t->next_gc, min(t->next_gc, sg_banent_due(b, t->forget)));
}

/* Under t->lock, after a ban's until was written: dumps and memos see it. */
static void sg_ban_changed(struct sg_bantable *t)
{
	smp_mb__before_atomic();
	atomic_inc(&t->gen);
}

static void sg_banent_free_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(sg_ban_cache, container_of(rcu, struct sg_banent, rcu));
}

/* Under t->lock. */
static void sg_banent_remove(struct sg_bantable *t, struct sg_banent *b)
{
	hlist_del_rcu(&b->node);
	atomic_dec(&t->count);
	call_rcu(&b->rcu, sg_banent_free_rcu);
}

/*
 * Under t->lock, the table full: make room among SG_BAN_SCAN entries from
 * a random chain. A record (no ban in force) whose last ban is oldest goes
 * first; with none, the ban in force that ends soonest is ended early
 * (a table filled with bans earned by spoofed sources must not keep the
 * real attacker's from starting). False only when the chains looked at
 * are empty.
 */
static bool sg_ban_make_room(struct sg_bantable *t, u64 now, bool *ended)
{
	struct sg_banent *b, *record = NULL, *soonest = NULL;
	unsigned int i, seen = 0, start = get_random_u32() & t->mask;

	for (i = 0; i <= t->mask && seen < SG_BAN_SCAN; i++) {
		hlist_for_each_entry(b, &t->heads[(start + i) & t->mask], node) {
			seen++;
			if (!sg_ban_active(&b->ban, now) && !b->told) {
				if (!record || b->ban.last_ban < record->ban.last_ban)
					record = b;
			} else if (!soonest || b->ban.until < soonest->ban.until) {
				soonest = b;
			}
		}
	}
	if (!record && !soonest)
		return false;
	if (record) {
		sg_banent_remove(t, record);
		return true;
	}
	if (soonest->told)
		atomic_dec(&t->active);
	/* unlinked before gen moves: a memo taken with the new gen cannot
	 * have found it, even when the new ban then fails to start */
	sg_banent_remove(t, soonest);
	sg_ban_changed(t);
	*ended = true;
	return true;
}

int sg_ban_begin(struct sg_bantable *t, const struct sg_src_key *k, const struct sg_ban_params *p,
		 u64 len, u64 now, u64 *until, u32 *bans, bool *ended)
{
	struct sg_banent *b;
	bool started;

	spin_lock(&t->lock);
	b = sg_ban_find(t, k);
	if (!b) {
		if (atomic_read(&t->count) >= t->max && !sg_ban_make_room(t, now, ended)) {
			spin_unlock(&t->lock);
			return -ENOSPC;
		}
		b = sg_charged_zalloc(sg_ban_cache, t->memcg);
		if (!b) {
			spin_unlock(&t->lock);
			return -ENOMEM;
		}
		b->key = *k;
		atomic_inc(&t->count);
		hlist_add_head_rcu(&b->node, &t->heads[sg_ban_hash(t, k)]);
	}
	if (len) {
		/* an admin's ban: this long, whatever was in force */
		started = !sg_ban_active(&b->ban, now);
		WRITE_ONCE(b->ban.until, now + len);
		b->ban.last_ban = now;
		if (b->ban.bans < U32_MAX)
			b->ban.bans++;
	} else {
		struct sg_ban nb = b->ban;

		started = sg_ban_start(&nb, p, now);
		WRITE_ONCE(b->ban.until, nb.until);
		b->ban.last_ban = nb.last_ban;
		b->ban.bans = nb.bans;
	}
	if (started) {
		if (!b->told)
			atomic_inc(&t->active);
		b->told = true;
	}
	sg_ban_changed(t);	/* until was written, started or not */
	sg_ban_due(t, b);
	*until = b->ban.until;
	*bans = b->ban.bans;
	spin_unlock(&t->lock);
	return started;
}

bool sg_ban_lift_key(struct sg_bantable *t, const struct sg_src_key *k, u64 now, u32 *bans)
{
	struct sg_banent *b;
	bool lifted = false;

	spin_lock(&t->lock);
	b = sg_ban_find(t, k);
	if (b && sg_ban_active(&b->ban, now)) {
		WRITE_ONCE(b->ban.until, 0);
		*bans = b->ban.bans;
		lifted = true;
		sg_ban_changed(t);
	}
	if (b && b->told) {
		/* lifted or run out: no expiry event to come */
		b->told = false;
		atomic_dec(&t->active);
		if (!lifted)
			sg_ban_changed(t);
	}
	if (b)
		sg_ban_due(t, b);
	spin_unlock(&t->lock);
	return lifted;
}

/*
 * Every second: a ban that ran out is told (the expired callback) and no
 * longer counts as active; a record is removed once ban.forget has passed
 * since its last ban. The chains are walked only once something is due
 * (t->next_gc): a table of bans for an hour is walked once an hour, not
 * 3 600 times. The walk starts it over, and takes the earliest due of
 * what it leaves; a writer meanwhile lowers it under the lock, for an
 * entry the walk has passed.
 */
static void sg_bantable_gc(struct work_struct *work)
{
	struct sg_bantable *t = container_of(to_delayed_work(work), struct sg_bantable, gc);
	u64 now = sg_now(), forget, next = U64_MAX;
	struct hlist_node *tmp;
	struct sg_banent *b;
	unsigned int i;

	/* an empty table (every idle netns's): no walk over its chains */
	if (!atomic_read(&t->count) || now < READ_ONCE(t->next_gc))
		goto out;
	/* the forget this walk uses, read where it starts next_gc over: a
	 * new one set after it zeroes next_gc again */
	spin_lock_bh(&t->lock);
	forget = t->forget;
	WRITE_ONCE(t->next_gc, U64_MAX);
	spin_unlock_bh(&t->lock);
	for (i = 0; i <= t->mask; i++) {
		if (hlist_empty(&t->heads[i]))
			continue;
		spin_lock_bh(&t->lock);
		hlist_for_each_entry_safe(b, tmp, &t->heads[i], node) {
			if (b->told && !sg_ban_active(&b->ban, now)) {
				b->told = false;
				atomic_dec(&t->active);
				sg_ban_changed(t);
				if (t->expired)
					t->expired(t, b, now);
			}
			if (!b->told && !sg_ban_active(&b->ban, now) &&
			    sg_elapsed(now, b->ban.last_ban, forget))
				sg_banent_remove(t, b);
			else
				next = min(next, sg_banent_due(b, forget));
		}
		spin_unlock_bh(&t->lock);
		if (!(i & 1023))
			cond_resched();
	}
	spin_lock_bh(&t->lock);
	WRITE_ONCE(t->next_gc, min(t->next_gc, next));
	spin_unlock_bh(&t->lock);
out:
	queue_delayed_work(system_power_efficient_wq, &t->gc, SG_BAN_GC_INTERVAL);
}

/* Remove every entry, 1024 chains at a time (netns exit). */
void sg_bantable_flush(struct sg_bantable *t)
{
	struct hlist_node *tmp;
	struct sg_banent *b;
	unsigned int i;

	for (i = 0; i <= t->mask; i++) {
		if (!(i & 1023))
			spin_lock_bh(&t->lock);
		hlist_for_each_entry_safe(b, tmp, &t->heads[i], node) {
			if (b->told)
				atomic_dec(&t->active);
			sg_banent_remove(t, b);
		}
		if ((i & 1023) == 1023 || i == t->mask) {
			spin_unlock_bh(&t->lock);
			cond_resched();
		}
	}
}

int sg_bantable_init(struct sg_bantable *t, unsigned int max_bans)
{
	unsigned int size = roundup_pow_of_two(max(max_bans / 2, 64U));
	int err = 0;

	mutex_lock(&sg_ban_cache_mutex);
	if (!sg_ban_cache_users) {
		sg_ban_cache = KMEM_CACHE(sg_banent, SLAB_ACCOUNT);
		if (!sg_ban_cache)
			err = -ENOMEM;
	}
	if (!err)
		sg_ban_cache_users++;
	mutex_unlock(&sg_ban_cache_mutex);
	if (err)
		return err;
	t->heads = kvcalloc(size, sizeof(*t->heads), GFP_KERNEL_ACCOUNT);
	t->last = alloc_percpu_gfp(struct sg_ban_last, GFP_KERNEL_ACCOUNT);
	if (!t->heads || !t->last) {
		free_percpu(t->last);
		kvfree(t->heads);
		sg_bantable_destroy_cache();
		return -ENOMEM;
	}
	t->mask = size - 1;
	t->max = max_bans;
	t->forget = 0;
	t->next_gc = 0;
	get_random_bytes(&t->key, sizeof(t->key));
	spin_lock_init(&t->lock);
	atomic_set(&t->count, 0);
	atomic_set(&t->active, 0);
	atomic_set(&t->gen, 0);
	INIT_DEFERRABLE_WORK(&t->gc, sg_bantable_gc);
	queue_delayed_work(system_power_efficient_wq, &t->gc, SG_BAN_GC_INTERVAL);
	return 0;
}

/* A new ban.forget: the records are looked at again by the next GC. */
void sg_bantable_set_forget(struct sg_bantable *t, u64 forget)
{
	spin_lock_bh(&t->lock);
	WRITE_ONCE(t->forget, forget);
	WRITE_ONCE(t->next_gc, 0);
	spin_unlock_bh(&t->lock);
}

void sg_bantable_destroy(struct sg_bantable *t)
{
	cancel_delayed_work_sync(&t->gc);
	sg_bantable_flush(t);
	free_percpu(t->last);
	kvfree(t->heads);
	sg_bantable_destroy_cache();
}
