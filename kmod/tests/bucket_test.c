// SPDX-License-Identifier: GPL-2.0
/* KUnit suite for bucket.c: token buckets and escalating bans, fake clock. */
#include <kunit/test.h>

#include "../bucket.h"
#include "bucket_vectors.h"

static void bucket_vec_desc(const struct sg_bucket_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}
KUNIT_ARRAY_PARAM(bucket, sg_bucket_vecs, bucket_vec_desc);

static void sg_bucket_test(struct kunit *test)
{
	const struct sg_bucket_vec *v = test->param_value;
	struct sg_bucket b;
	struct sg_rate r;
	u32 i;

	KUNIT_ASSERT_EQ(test, sg_rate_init(&r, v->pps, v->burst), 0);
	sg_bucket_init(&b, &r, v->start);
	for (i = 0; i < v->n; i++)
		KUNIT_EXPECT_EQ_MSG(test, sg_bucket_take(&b, &r, v->steps[i].at), v->steps[i].want,
				    "step %u at %llu", i, v->steps[i].at);
}

static void sg_rate_test(struct kunit *test)
{
	struct sg_rate r;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(sg_rate_vecs); i++)
		KUNIT_EXPECT_EQ_MSG(test, sg_rate_init(&r, sg_rate_vecs[i].pps, sg_rate_vecs[i].burst),
				    sg_rate_vecs[i].err, "rate %u burst %u",
				    sg_rate_vecs[i].pps, sg_rate_vecs[i].burst);
}

static void sg_ban_test(struct kunit *test)
{
	struct sg_ban b = { };
	u32 i;

	for (i = 0; i < ARRAY_SIZE(sg_ban_steps); i++) {
		const struct sg_ban_step *s = &sg_ban_steps[i];

		KUNIT_EXPECT_EQ_MSG(test, sg_ban_offence(&b, &sg_ban_test_params, s->at), s->bans,
				    "step %u", i);
		if (s->until)
			KUNIT_EXPECT_EQ_MSG(test, b.until, s->until, "step %u", i);
	}
	/* expiry: banned until the end, not after */
	KUNIT_EXPECT_TRUE(test, sg_ban_active(&b, 5133 * SEC - 1));
	KUNIT_EXPECT_FALSE(test, sg_ban_active(&b, 5133 * SEC));
}

static void sg_ban_length_test(struct kunit *test)
{
	struct sg_ban_params p = { .threshold = 1, .window = 1, .time = 1, .max = ~0ULL };

	KUNIT_EXPECT_EQ(test, sg_ban_length(&p, 0), 1ULL);
	KUNIT_EXPECT_EQ(test, sg_ban_length(&p, 10), 1024ULL);
	KUNIT_EXPECT_EQ(test, sg_ban_length(&p, 200), ~0ULL);	/* no shift overflow */
	KUNIT_EXPECT_EQ(test, sg_ban_params_check(&p), 0);
	p.max = 0;
	KUNIT_EXPECT_EQ(test, sg_ban_params_check(&p), -EINVAL);
	p.max = 1;
	p.threshold = 0;
	KUNIT_EXPECT_EQ(test, sg_ban_params_check(&p), -EINVAL);
}

/* A clock read older than a stamp from another CPU is "no time passed". */
static void sg_elapsed_test(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, sg_elapsed(10, 5, 5));
	KUNIT_EXPECT_FALSE(test, sg_elapsed(10, 5, 6));
	KUNIT_EXPECT_FALSE(test, sg_elapsed(5, 10, 1));		/* would wrap */
	KUNIT_EXPECT_FALSE(test, sg_elapsed(0, ~0ULL, 1));
	KUNIT_EXPECT_TRUE(test, sg_elapsed(~0ULL, 0, ~0ULL));
}

/* A full table evicts the source worth least: the order of sg_worth_order. */
static void sg_worth_test(struct kunit *test)
{
	u64 prev = 0, w;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sg_worth_order); i++) {
		const struct sg_worth_vec *v = &sg_worth_order[i];

		w = sg_worth_of(v);
		KUNIT_EXPECT_EQ_MSG(test, w == 0, v->zero, "%s", v->name);
		KUNIT_EXPECT_GE_MSG(test, w, prev, "%s", v->name);
		prev = w;
	}
}

static void share_vec_desc(const struct sg_share_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}
KUNIT_ARRAY_PARAM(share, sg_share_vecs, share_vec_desc);

/* CPUs' shares of a global bucket: the contract of bucket_vectors.h. */
static void sg_share_test(struct kunit *test)
{
	const struct sg_share_vec *v = test->param_value;
	struct sg_share_result o;
	const char *why;

	sg_share_run(v, &o);
	why = sg_share_check(v, &o);
	KUNIT_EXPECT_FALSE_MSG(test, why, "%s (arrived %llu, passed %llu, one bucket %llu, locked %llu)",
			       why, o.arrived, o.passed, o.plain, o.locked);
}

static struct kunit_case sg_bucket_cases[] = {
	KUNIT_CASE_PARAM(sg_share_test, share_gen_params),
	KUNIT_CASE(sg_worth_test),
	KUNIT_CASE(sg_elapsed_test),
	KUNIT_CASE_PARAM(sg_bucket_test, bucket_gen_params),
	KUNIT_CASE(sg_rate_test),
	KUNIT_CASE(sg_ban_test),
	KUNIT_CASE(sg_ban_length_test),
	{}
};

static struct kunit_suite sg_bucket_suite = {
	.name = "sipguard_bucket",
	.test_cases = sg_bucket_cases,
};
kunit_test_suite(sg_bucket_suite);
