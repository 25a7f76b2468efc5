// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of prefixset.c in userspace: the KUnit suite's vectors, and the
 * compiled set checked against the obvious linear reference (any prefix
 * matches, sg_prefix_match) over random sets and random addresses, many of
 * them on prefix boundaries; and a 100 000-prefix set.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cmocka.h>

#include "prefixset.h"
#include "pset_vectors.h"

static void test_pset_vectors(void **state)
{
	size_t i;
	int j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_pset_vecs); i++) {
		const struct sg_pset_vec *v = &sg_pset_vecs[i];
		struct sg_prefix p[8];
		struct sg_pset *s;
		u32 n;

		for (n = 0; v->prefixes[n]; n++)
			assert_int_equal(sg_prefix_parse(v->prefixes[n], strlen(v->prefixes[n]), &p[n]), 0);
		assert_int_equal(sg_pset_build(p, n, &s), 0);
		if (s->n4 + s->n6 != v->ranges)
			fail_msg("%s: %u ranges, want %u", v->name, s->n4 + s->n6, v->ranges);
		for (j = 0; j < 12 && v->q[j].addr; j++) {
			int f = strchr(v->q[j].addr, ':') ? AF_INET6 : AF_INET;
			struct in6_addr a;

			assert_true(sg_pton(f, v->q[j].addr, strlen(v->q[j].addr), &a));
			if (sg_pset_contains(s, f, &a) != v->q[j].in)
				fail_msg("%s: %s", v->name, v->q[j].addr);
		}
		sg_pset_free(s);
	}
}

/* A random prefix of at least @min4 / @min6 bits, host bits cleared; v6
 * ones inside 2001:db8::/32 mostly. */
static void random_prefix_min(unsigned int *seed, struct sg_prefix *p,
			      unsigned int min4, unsigned int min6)
{
	u8 *a = (u8 *)&p->addr;
	unsigned int i, bytes;

	memset(p, 0, sizeof(*p));
	p->family = rand_r(seed) % 2 ? AF_INET6 : AF_INET;
	bytes = p->family == AF_INET ? 4 : 16;
	for (i = 0; i < bytes; i++)
		a[i] = (u8)rand_r(seed);
	if (p->family == AF_INET6 && rand_r(seed) % 4) {
		a[0] = 0x20; a[1] = 0x01; a[2] = 0x0d; a[3] = 0xb8;
	}
	i = p->family == AF_INET ? min4 : min6;
	p->len = (u8)(i + (unsigned int)rand_r(seed) % (bytes * 8 + 1 - i));
	for (i = p->len; i < bytes * 8; i++)
		a[i / 8] &= (u8)~(0x80 >> (i % 8));
}

static void random_prefix(unsigned int *seed, struct sg_prefix *p)
{
	random_prefix_min(seed, p, 0, 0);
}

static void test_pset_reference(void **state)
{
	unsigned int seed = 5118, round, i, q;

	(void)state;
	for (round = 0; round < 300; round++) {
		struct sg_prefix p[40];
		unsigned int n = 1 + (unsigned int)rand_r(&seed) % 40;
		struct sg_pset *s;

		for (i = 0; i < n; i++)
			random_prefix(&seed, &p[i]);
		assert_int_equal(sg_pset_build(p, n, &s), 0);
		for (q = 0; q < 400; q++) {
			struct sg_prefix probe;
			bool want = false;

			/* half the probes sit on a prefix's first or last address */
			random_prefix(&seed, &probe);
			if (q % 2) {
				const struct sg_prefix *t = &p[rand_r(&seed) % n];
				u8 *a = (u8 *)&probe.addr;
				unsigned int bytes = t->family == AF_INET ? 4 : 16, b;

				probe = *t;
				if (rand_r(&seed) % 2)
					for (b = t->len; b < bytes * 8; b++)
						a[b / 8] |= (u8)(0x80 >> (b % 8));
			}
			for (i = 0; i < n; i++)
				want |= sg_prefix_match(&p[i], probe.family, &probe.addr);
			if (sg_pset_contains(s, probe.family, &probe.addr) != want)
				fail_msg("round %u probe %u: got %d, want %d", round, q, !want, want);
		}
		sg_pset_free(s);
	}
}

static void test_pset_100k(void **state)
{
	enum { N = 100000 };
	struct sg_prefix *p = calloc(N, sizeof(*p));
	unsigned int seed = 4475, i;
	struct timespec a, b;
	struct sg_pset *s;

	(void)state;
	assert_non_null(p);
	/* the shape of a real deny list: hosts and small networks */
	for (i = 0; i < N; i++)
		random_prefix_min(&seed, &p[i], 24, 48);
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(sg_pset_build(p, N, &s), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	/* information, not a claim: this build runs under ASan */
	print_message("  100000 prefixes built into %u + %u ranges in %.1f ms (ASan build)\n",
		      s->n4, s->n6, (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6);
	assert_int_equal(s->nprefixes, N);
	assert_true(s->n4 + s->n6 > N * 9 / 10);	/* few merges: a real test */
	for (i = 0; i < N; i += 997)
		assert_true(sg_pset_contains(s, p[i].family, &p[i].addr));
	sg_pset_free(s);
	free(p);
}

static void test_pset_bad(void **state)
{
	struct sg_prefix p = { .family = 99 };
	struct sg_pset *s = (struct sg_pset *)1;

	(void)state;
	assert_int_equal(sg_pset_build(&p, 1, &s), -EINVAL);
	assert_null(s);
	p.family = AF_INET;
	p.len = 33;
	assert_int_equal(sg_pset_build(&p, 1, &s), -EINVAL);
	assert_false(sg_pset_contains(NULL, AF_INET, &p.addr));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pset_vectors),
		cmocka_unit_test(test_pset_reference),
		cmocka_unit_test(test_pset_100k),
		cmocka_unit_test(test_pset_bad),
	};

	return cmocka_run_group_tests_name("prefixset", tests, NULL, NULL);
}
