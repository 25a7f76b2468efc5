/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Token-bucket and ban scenarios on a fake clock, shared by the KUnit suite
 * and the userspace tests.
 */
#ifndef _SG_BUCKET_VECTORS_H
#define _SG_BUCKET_VECTORS_H

#define MS	1000000ULL
#define SEC	1000000000ULL

struct sg_bucket_step {
	u64 at;
	bool want;		/* the packet is allowed */
};

struct sg_bucket_vec {
	const char *name;
	u32 pps, burst;
	u64 start;
	const struct sg_bucket_step *steps;
	u32 n;
};

#define STEPS(...) (const struct sg_bucket_step[]){ __VA_ARGS__ }, \
	sizeof((const struct sg_bucket_step[]){ __VA_ARGS__ }) / sizeof(struct sg_bucket_step)

static const struct sg_bucket_vec sg_bucket_vecs[] = {
	{ "burst, then one per 1/rate", 10, 3, 0, STEPS(
		{ 0, true }, { 0, true }, { 0, true }, { 0, false },
		{ 99 * MS, false }, { 100 * MS, true }, { 100 * MS, false },
		{ 300 * MS, true }, { 300 * MS, true }, { 300 * MS, false }) },
	{ "a long idle refills to the burst, no more", 10, 2, 0, STEPS(
		{ 0, true }, { 0, true }, { 0, false },
		{ 1000 * SEC, true }, { 1000 * SEC, true }, { 1000 * SEC, false }) },
	{ "a clock read behind the last refill gives nothing", 10, 1, SEC, STEPS(
		{ SEC, true }, { SEC / 2, false }, { SEC + 50 * MS, false },
		{ SEC + 100 * MS, true }) },
	{ "1 per second", 1, 1, 0, STEPS(
		{ 0, true }, { 999 * MS, false }, { SEC, true }, { SEC, false }) },
	{ "the maximum rate", 1000000, 1, 0, STEPS(
		{ 0, true }, { 999, false }, { 1000, true }, { 1999, false }, { 2000, true }) },
	{ "a clock near 2^64", 10, 1, ~0ULL - SEC, STEPS(
		{ ~0ULL - SEC, true }, { ~0ULL - SEC + 50 * MS, false }, { ~0ULL, true },
		{ ~0ULL, false }) },
};

struct sg_rate_vec {
	u32 pps, burst;
	int err;
};

static const struct sg_rate_vec sg_rate_vecs[] = {
	{ 10, 20, 0 }, { 1, 1, 0 }, { 1000000, 1000000, 0 },
	{ 0, 1, -EINVAL }, { 1, 0, -EINVAL }, { 1000001, 1, -EINVAL }, { 1, 1000001, -EINVAL },
};

/* A ban timeline: threshold 3 in 10 s, 60 s doubling to 240 s, forget 1 h. */
static const struct sg_ban_params sg_ban_test_params = {
	.threshold = 3, .window = 10 * SEC, .time = 60 * SEC, .max = 240 * SEC,
	.forget = 3600 * SEC,
};

struct sg_ban_step {
	u64 at;
	bool bans;		/* this offence starts a ban */
	u64 until;		/* then: the end of the ban */
};

static const struct sg_ban_step sg_ban_steps[] = {
	{ 0, false, 0 }, { 1 * SEC, false, 0 }, { 2 * SEC, true, 62 * SEC },	/* first ban: 60 s */
	{ 30 * SEC, false, 62 * SEC },						/* while banned */
	{ 100 * SEC, false, 0 }, { 101 * SEC, false, 0 }, { 102 * SEC, true, 222 * SEC },	/* 120 s */
	{ 300 * SEC, false, 0 }, { 301 * SEC, false, 0 }, { 302 * SEC, true, 542 * SEC },	/* 240 s */
	{ 600 * SEC, false, 0 }, { 601 * SEC, false, 0 }, { 602 * SEC, true, 842 * SEC },	/* capped */
	/* over an hour after the last ban: forgotten, 60 s again */
	{ 4300 * SEC, false, 0 }, { 4301 * SEC, false, 0 }, { 4302 * SEC, true, 4362 * SEC },
	/* offences further apart than the window do not add up */
	{ 5000 * SEC, false, 0 }, { 5011 * SEC, false, 0 }, { 5012 * SEC, false, 0 },
	{ 5013 * SEC, true, 5133 * SEC },	/* second ban within the hour: 120 s */
};

#undef STEPS

/*
 * Eviction order: sources as a full table evicts them, least worth first
 * (sg_worth() at 1 s, one REGISTER bucket of 10/s burst 40, filled at 0):
 * each takes @taken packets at @at, and holds @marks offences.
 */
struct sg_worth_vec {
	const char *name;
	u32 taken;
	u64 at;
	u32 marks;
	bool zero;		/* nothing to lose: worth 0 */
};

static const struct sg_worth_vec sg_worth_order[] = {
	{ "new: its bucket full", 0, 0, 0, true },
	{ "a spoofed one-packet source, refilled since", 1, 200 * MS, 0, true },
	{ "a source at half its burst", 20, 900 * MS, 0, false },
	{ "a source over its limit: its bucket empty", 45, 990 * MS, 0, false },
	{ "one offence, its bucket full", 0, 0, 1, false },
	{ "an empty bucket and five offences", 45, 990 * MS, 5, false },
};

/* @v's worth at 1 s (both test frameworks run the same scenario). */
static inline u64 sg_worth_of(const struct sg_worth_vec *v)
{
	struct sg_bucket b;
	struct sg_rate r;
	u32 k;

	sg_rate_init(&r, 10, 40);
	sg_bucket_init(&b, &r, 0);
	for (k = 0; k < v->taken; k++)
		sg_bucket_take(&b, &r, v->at);
	return sg_worth(&b, &r, 1, v->marks, SEC);
}

/*
 * CPUs sharing one global bucket through hook.c's steps (sg_share_try(),
 * then sg_share_refill() where it says so), on a fake clock: a packet
 * every @gap ns while the clock is under @span, the i-th on CPU
 * (i / @stride) % @ncpu; with @move, on CPU 0 for the first half of the
 * span and on CPU 1 after. With @pps2, the rate changes to @pps2/@burst2
 * at @change_at, as a config published at run time does, and with @gap1
 * the packets come every @gap1 ns until then.
 */
struct sg_share_vec {
	const char *name;
	u32 pps, burst, ncpu;
	u64 gap, span;
	u32 stride;
	bool move;
	u32 pps2, burst2;
	u64 change_at, gap1;
};

#define SG_SHARE_MAX_CPUS	32

static const struct sg_share_vec sg_share_vecs[] = {
	{ "one CPU, a flood 10x the rate", 1000, 2000, 1, 100000, 2 * SEC, 1, false, 0, 0, 0, 0 },
	{ "two CPUs in turn, a flood 10x the rate", 1000, 2000, 2, 100000, 2 * SEC, 1, false, 0, 0, 0, 0 },
	{ "32 CPUs, runs of 7, a flood 20x the rate", 1000, 2000, 32, 50000, 2 * SEC, 7, false, 0, 0, 0, 0 },
	{ "the flow moves from CPU 0 to CPU 1, under the rate", 1000, 2000, 2, 2 * MS, 4 * SEC, 1,
	  true, 0, 0, 0, 0 },
	{ "the flow moves from CPU 0 to CPU 1, a flood", 1000, 2000, 2, 100000, 2 * SEC, 1, true, 0, 0, 0, 0 },
	{ "a flood 1000x the rate on 4 CPUs", 1000, 2000, 4, 1000, SEC, 3, false, 0, 0, 0, 0 },
	{ "under the rate, on 2 CPUs: every packet passes", 1000, 2000, 2, 1250000, 5 * SEC, 3, false, 0, 0, 0, 0 },
	{ "a burst of 1: batches of one packet", 10, 1, 4, 10 * MS, 5 * SEC, 1, false, 0, 0, 0, 0 },
	{ "the burst cut from 2000 to 10 in a flood, 32 CPUs", 1000, 2000, 32, 10000, 2 * SEC, 1,
	  false, 1000, 10, SEC, 0 },
	{ "the burst cut from 2000 to 10 after a quiet second, then a flood", 1000, 2000, 32,
	  10000, 2 * SEC, 1, false, 1000, 10, SEC, 5 * MS },
	{ "1/s to 1000/s in a flood, 4 CPUs", 1, 1000, 4, 100000, 3 * SEC, 1, false, 1000, 2000,
	  SEC, 0 },
	{ "1000/s to 10/s in a flood, 2 CPUs", 1000, 2000, 2, 100000, 3 * SEC, 1, false, 10, 20,
	  SEC, 0 },
};

struct sg_share_result {
	u64 arrived, passed, locked;
	u64 plain;	/* what one bucket, no shares, passes of the same packets */
};

static inline void sg_share_run(const struct sg_share_vec *v, struct sg_share_result *out)
{
	struct sg_share s[SG_SHARE_MAX_CPUS];
	struct sg_bucket b, plain;
	struct sg_rate r, r2;
	bool changed = false;
	u64 now, i;

	memset(s, 0, sizeof(s));
	memset(out, 0, sizeof(*out));
	if (v->ncpu > SG_SHARE_MAX_CPUS || sg_rate_init(&r, v->pps, v->burst) ||
	    (v->pps2 && sg_rate_init(&r2, v->pps2, v->burst2)))
		return;
	sg_bucket_init(&b, &r, 0);
	sg_bucket_init(&plain, &r, 0);
	for (i = 0, now = 0; now < v->span;
	     i++, now += v->gap1 && now < v->change_at ? v->gap1 : v->gap) {
		unsigned int cpu = v->move ? now >= v->span / 2 : (i / v->stride) % v->ncpu;
		struct sg_share *c = &s[cpu];

		if (v->pps2 && !changed && now >= v->change_at) {
			r = r2;
			changed = true;
		}
		out->arrived++;
		out->plain += sg_bucket_take(&plain, &r, now);
		switch (sg_share_try(c, &r, now, v->ncpu)) {
		case SG_SHARE_TAKEN:
			out->passed++;
			continue;
		case SG_SHARE_DRY:
			continue;
		case SG_SHARE_REFILL:
			break;
		}
		out->locked++;
		out->passed += sg_share_refill(c, &b, &r, now, v->ncpu);
	}
}

/*
 * The contract, checked by both test frameworks against bounds of its own
 * (the design's, not the code's): the shares pass what one bucket passes,
 * give or take a quarter of the burst (and a packet per CPU for the
 * rounding), a burst cut at run time included; a sender under the rate loses nothing; and the lock is taken
 * once per batch (a quarter of the burst over the CPUs) while the bucket
 * holds one, then at most once per CPU per packet's worth of time: the
 * rate, not the arrivals, bounds it.
 */
static inline const char *sg_share_check(const struct sg_share_vec *v,
					 const struct sg_share_result *o)
{
	u32 pps = v->pps2 > v->pps ? v->pps2 : v->pps;
	/* with a rate change, the last burst's quarter: the vectors change it
	 * in a flood, when the shares hold under a packet each */
	u64 slack = (v->pps2 ? v->burst2 : v->burst) / 4 + v->ncpu + 1;
	u64 batch = v->burst / 4 / v->ncpu ? v->burst / 4 / v->ncpu : 1;

	if (!o->arrived)
		return "nothing ran";
	if (o->passed + slack < o->plain || o->passed > o->plain + slack)
		return "passed differs from one bucket's by more than a quarter of the burst";
	if (o->plain == o->arrived && o->passed != o->arrived)
		return "a packet under the rate was refused";
	if (o->locked > o->passed / batch + 1 + v->ncpu * (v->span / SEC * pps + 1) +
			(v->pps2 ? v->ncpu : 0))
		return "the lock was taken more often than batches and the rate allow for";
	return NULL;
}

#endif /* _SG_BUCKET_VECTORS_H */
