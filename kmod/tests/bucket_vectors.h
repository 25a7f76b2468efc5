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

#endif /* _SG_BUCKET_VECTORS_H */
