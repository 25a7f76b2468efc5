// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of bucket.c in userspace: the KUnit suite's scenarios, and the
 * bucket's contract checked over random arrivals: in any span of time, no
 * more than burst + rate x span packets pass, and a steady sender under the
 * rate is never refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "bucket.h"
#include "bucket_vectors.h"

static void test_bucket_vectors(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_bucket_vecs); i++) {
		const struct sg_bucket_vec *v = &sg_bucket_vecs[i];
		struct sg_bucket b;
		struct sg_rate r;

		assert_int_equal(sg_rate_init(&r, v->pps, v->burst), 0);
		sg_bucket_init(&b, &r, v->start);
		for (j = 0; j < v->n; j++)
			if (sg_bucket_take(&b, &r, v->steps[j].at) != v->steps[j].want)
				fail_msg("%s: step %zu", v->name, j);
	}
	for (i = 0; i < ARRAY_SIZE(sg_rate_vecs); i++) {
		struct sg_rate r;

		assert_int_equal(sg_rate_init(&r, sg_rate_vecs[i].pps, sg_rate_vecs[i].burst),
				 sg_rate_vecs[i].err);
	}
}

static void test_ban_timeline(void **state)
{
	struct sg_ban b = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_ban_steps); i++) {
		const struct sg_ban_step *s = &sg_ban_steps[i];

		if (sg_ban_offence(&b, &sg_ban_test_params, s->at) != s->bans)
			fail_msg("step %zu", i);
		if (s->until && b.until != s->until)
			fail_msg("step %zu: until %llu, want %llu", i,
				 (unsigned long long)b.until, (unsigned long long)s->until);
	}
}

static void test_bucket_contract(void **state)
{
	unsigned int seed = 4475, round;

	(void)state;
	for (round = 0; round < 200; round++) {
		u32 pps = 1 + (u32)rand_r(&seed) % 1000, burst = 1 + (u32)rand_r(&seed) % 50;
		u64 now = (u64)rand_r(&seed) * SEC, start = now, allowed = 0, limit;
		struct sg_bucket b;
		struct sg_rate r;
		int k;

		assert_int_equal(sg_rate_init(&r, pps, burst), 0);
		sg_bucket_init(&b, &r, now);
		for (k = 0; k < 5000; k++) {
			now += (u64)(rand_r(&seed) % 3000) * (SEC / 1000000);	/* 0-3 ms */
			allowed += sg_bucket_take(&b, &r, now);
		}
		/* what the rate allows over the span, plus the initial burst */
		limit = burst + (now - start) / r.cost;
		if (allowed > limit)
			fail_msg("pps %u burst %u: %llu allowed over %llu ns, limit %llu", pps, burst,
				 (unsigned long long)allowed, (unsigned long long)(now - start),
				 (unsigned long long)limit);
	}
	/* a sender at 90% of the rate is never refused */
	{
		struct sg_bucket b;
		struct sg_rate r;
		u64 now = 0;
		int k;

		assert_int_equal(sg_rate_init(&r, 100, 1), 0);
		sg_bucket_init(&b, &r, now);
		for (k = 0; k < 10000; k++, now += SEC / 90)
			assert_true(sg_bucket_take(&b, &r, now));
	}
}

/* A full table evicts the source worth least: the order of sg_worth_order. */
static void test_worth_order(void **state)
{
	u64 prev = 0, w;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_worth_order); i++) {
		const struct sg_worth_vec *v = &sg_worth_order[i];

		w = sg_worth_of(v);
		if ((w == 0) != v->zero || w < prev)
			fail_msg("%s: worth %llu after %llu", v->name, (unsigned long long)w,
				 (unsigned long long)prev);
		prev = w;
	}
}

static void test_elapsed(void **state)
{
	(void)state;
	assert_true(sg_elapsed(10, 5, 5));
	assert_false(sg_elapsed(10, 5, 6));
	assert_false(sg_elapsed(5, 10, 1));	/* a stale clock read: no wrap */
	assert_false(sg_elapsed(0, ~0ULL, 1));
	assert_true(sg_elapsed(~0ULL, 0, ~0ULL));
}

/* CPUs' shares of a global bucket (bucket_vectors.h): the contract, and
 * under a flood 1000x the rate the lock is taken for under 1% of it. */
static void test_share(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_share_vecs); i++) {
		const struct sg_share_vec *v = &sg_share_vecs[i];
		struct sg_share_result o;
		const char *why;

		sg_share_run(v, &o);
		why = sg_share_check(v, &o);
		if (why)
			fail_msg("%s: %s (arrived %llu, passed %llu, one bucket %llu, locked %llu)",
				 v->name, why, (unsigned long long)o.arrived,
				 (unsigned long long)o.passed, (unsigned long long)o.plain,
				 (unsigned long long)o.locked);
		if (v->gap * 1000 <= SEC / (v->pps2 > v->pps ? v->pps2 : v->pps))
			assert_true(o.locked * 100 < o.arrived);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elapsed),
		cmocka_unit_test(test_worth_order),
		cmocka_unit_test(test_bucket_vectors),
		cmocka_unit_test(test_ban_timeline),
		cmocka_unit_test(test_bucket_contract),
		cmocka_unit_test(test_share),
	};

	return cmocka_run_group_tests_name("bucket", tests, NULL, NULL);
}
