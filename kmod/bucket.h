/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure core: token buckets and escalating bans, on a nanosecond clock the
 * caller passes in (ktime_get_coarse_boottime_ns() in the module, a fake
 * clock in the tests). No locking here: the caller holds the entry's lock.
 */
#ifndef _SG_BUCKET_H
#define _SG_BUCKET_H

#include "sgtypes.h"

#define SG_NSEC_PER_SEC		1000000000ULL
#define SG_RATE_MAX		1000000U	/* packets per second */
#define SG_BURST_MAX		1000000U

/*
 * A rate as the bucket sees it: tokens are nanoseconds of credit, one
 * packet costs @cost of them, the bucket holds at most @max (rate x burst
 * in time). As in WireGuard's ratelimiter, so no division per packet.
 */
struct sg_rate {
	u64 cost;
	u64 max;
	u32 pps, burst;		/* as configured, for reporting */
};

struct sg_bucket {
	u64 tokens;
	u64 last;		/* clock at the last refill */
};

/*
 * True when at least @span has passed from @then to @now. Clock reads on
 * different CPUs race: a @now older than @then (stamped meanwhile by
 * another CPU) means no time has passed, never an unsigned wrap-around.
 */
static inline bool sg_elapsed(u64 now, u64 then, u64 span)
{
	return now > then && now - then >= span;
}

/* 0, or -EINVAL for a zero or out-of-range rate or burst. */
int sg_rate_init(struct sg_rate *r, u32 pps, u32 burst);
void sg_bucket_init(struct sg_bucket *b, const struct sg_rate *r, u64 now);
/* Refill for the time since the last call, then take one packet's cost. */
bool sg_bucket_take(struct sg_bucket *b, const struct sg_rate *r, u64 now);

/*
 * A CPU's share of a global bucket (hook.c): credit moved out of the
 * bucket in batches, under its lock, then spent one packet at a time
 * without it, so that the CPUs take the lock once per batch, not once per
 * packet. @dry_until: the bucket held less than one packet's cost at the
 * last refill; the share does not ask before one more could have accrued.
 * @max: the bucket's size the credit was moved under; a rate changed
 * since caps the credit to a batch of the new one. The shares hold at most
 * a batch each, a quarter of the burst over the CPUs online when it was
 * moved: the whole may pass burst x 1.25, and never more than the rate.
 */
struct sg_share {
	u64 tokens;
	u64 dry_until;
	u64 max;
};

/* The credit a refill moves, for @ncpus sharing the bucket of @r. */
u64 sg_share_batch(const struct sg_rate *r, unsigned int ncpus);

enum sg_share_step {
	SG_SHARE_TAKEN,		/* one packet's cost spent from the share */
	SG_SHARE_DRY,		/* refused: the bucket was dry, no refill yet */
	SG_SHARE_REFILL,	/* take the lock, sg_share_refill(), try again */
};

/* A packet's first step, on the share alone (no lock). */
static inline enum sg_share_step sg_share_try(struct sg_share *s, const struct sg_rate *r,
					      u64 now, unsigned int ncpus)
{
	if (unlikely(s->max != r->max)) {
		u64 batch = sg_share_batch(r, ncpus);

		if (s->tokens > batch)
			s->tokens = batch;
		s->dry_until = 0;
		s->max = r->max;
	}
	if (s->tokens >= r->cost) {
		s->tokens -= r->cost;
		return SG_SHARE_TAKEN;
	}
	return now < s->dry_until ? SG_SHARE_DRY : SG_SHARE_REFILL;
}

/*
 * Under the bucket's lock, after SG_SHARE_REFILL: refill @b for the time
 * since its last refill, then move min(its credit, a batch) into @s, and
 * spend one packet's cost of it. False when @b held less than one
 * packet's cost. When @b is left with less, @s->dry_until is when one
 * will have accrued.
 */
bool sg_share_refill(struct sg_share *s, struct sg_bucket *b, const struct sg_rate *r,
		     u64 now, unsigned int ncpus);

/*
 * What a source's state is worth over a new one's, for eviction: the
 * credit its @n buckets miss (a bucket refilled to its burst is what a new
 * entry holds), in ns, plus @marks (offences and answers counted) at
 * SG_MARK_WORTH each. A full table evicts the entry worth least.
 */
#define SG_MARK_WORTH		(60 * SG_NSEC_PER_SEC)
u64 sg_worth(const struct sg_bucket *b, const struct sg_rate *r, unsigned int n, u32 marks,
	     u64 now);

/*
 * "register=10/40,invite=10/40": RATE/BURST per named class. Classes not
 * named keep what @rates holds; on error nothing is changed.
 */
int sg_rates_parse(const char *s, size_t len, const char *const *names,
		   unsigned int n, struct sg_rate *rates);

/*
 * Escalating bans (fail2ban's bantime.increment): @threshold offences
 * within @window ban the source for @time, doubled with every ban after
 * the first, up to @max; bans are remembered for @forget after the last.
 */
struct sg_ban_params {
	u32 threshold;
	u64 window;
	u64 time;
	u64 max;
	u64 forget;
};

struct sg_ban {
	u64 window_start;
	u64 until;		/* banned while now < until */
	u64 last_ban;
	u32 offences;		/* in the current window */
	u32 bans;		/* remembered bans, for the doubling */
};

int sg_ban_params_check(const struct sg_ban_params *p);
/* Count an offence; true when it starts a ban (b->until is then set). */
bool sg_ban_offence(struct sg_ban *b, const struct sg_ban_params *p, u64 now);
/* Count an offence in @b's window only; true when it reached the threshold
 * (the count starts again). The ban is the caller's business. */
bool sg_offence_count(struct sg_ban *b, const struct sg_ban_params *p, u64 now);
/* Ban now, for as long as the record says (the answers' classes count
 * their own offences); true unless a ban is already running. */
bool sg_ban_start(struct sg_ban *b, const struct sg_ban_params *p, u64 now);
static inline bool sg_ban_active(const struct sg_ban *b, u64 now)
{
	return now < b->until;
}
/* The length the next ban would have, after @bans earlier ones. */
u64 sg_ban_length(const struct sg_ban_params *p, u32 bans);

#endif /* _SG_BUCKET_H */
