// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of addr.c built for userspace: the same vectors as the KUnit
 * suite (kmod/tests/addr_vectors.h), plus properties checked over many
 * generated inputs, which are cheap here and slow under UML.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "addr.h"
#include "addr_vectors.h"

static void test_prefix_vectors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_prefix_vecs); i++) {
		const struct sg_prefix_vec *v = &sg_prefix_vecs[i];
		struct sg_prefix p;
		int err = sg_prefix_parse(v->in, strlen(v->in), &p);

		if (err != v->err)
			fail_msg("\"%s\": got %d, want %d", v->in, err, v->err);
		if (!v->err && (p.family != v->family || p.len != v->len))
			fail_msg("\"%s\": got family %d len %u", v->in, p.family, p.len);
	}
}

static void test_match_vectors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_match_vecs); i++) {
		const struct sg_match_vec *v = &sg_match_vecs[i];
		int family = strchr(v->addr, ':') ? AF_INET6 : AF_INET;
		struct in6_addr addr;
		struct sg_prefix p;

		assert_int_equal(sg_prefix_parse(v->prefix, strlen(v->prefix), &p), 0);
		assert_true(sg_pton(family, v->addr, strlen(v->addr), &addr));
		if (sg_prefix_match(&p, family, &addr) != v->match)
			fail_msg("%s in %s: want %d", v->addr, v->prefix, v->match);
	}
}

static void test_overlap_vectors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_overlap_vecs); i++) {
		const struct sg_overlap_vec *v = &sg_overlap_vecs[i];
		struct sg_prefix a, b;
		int ab, ba;

		assert_int_equal(sg_prefix_parse(v->a, strlen(v->a), &a), 0);
		assert_int_equal(sg_prefix_parse(v->b, strlen(v->b), &b), 0);
		if (sg_prefix_overlap(&a, &b) != v->overlap || sg_prefix_overlap(&b, &a) != v->overlap)
			fail_msg("%s vs %s: want overlap %d", v->a, v->b, v->overlap);
		ab = sg_prefix_cmp(&a, &b);
		ba = sg_prefix_cmp(&b, &a);
		if ((ab > 0) - (ab < 0) != v->cmp || (ba > 0) - (ba < 0) != -v->cmp)
			fail_msg("%s vs %s: cmp %d/%d, want %d", v->a, v->b, ab, ba, v->cmp);
	}
}

static void test_ports_vectors(void **state)
{
	struct sg_portmap *m = calloc(1, sizeof(*m));
	size_t i, w;

	(void)state;
	assert_non_null(m);
	for (i = 0; i < ARRAY_SIZE(sg_ports_vecs); i++) {
		const struct sg_ports_vec *v = &sg_ports_vecs[i];
		int err = sg_ports_parse(v->in, strlen(v->in), m);

		if (err != v->err)
			fail_msg("\"%s\": got %d, want %d", v->in, err, v->err);
		if (!err) {
			assert_true(sg_port_test(m, (u16)v->in_set));
			assert_false(sg_port_test(m, (u16)v->out_set));
		} else {
			for (w = 0; w < SG_PORTS_WORDS; w++)
				assert_int_equal(m->bits[w], 0);
		}
	}
	free(m);
}

/*
 * At most SG_PORT_RANGES_MAX runs: 256 single ports pass, 257 do not; what
 * counts is the runs of the result, so adjacent items are one run; runs
 * across a 64-bit word's edge and at 1 and 65535 count once.
 */
static void test_ports_ranges(void **state)
{
	struct sg_portmap *m = calloc(1, sizeof(*m));
	char buf[8192];
	size_t n;
	int i;

	(void)state;
	assert_non_null(m);
	for (n = 0, i = 0; i < SG_PORT_RANGES_MAX; i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%d", i ? "," : "", 1000 + 2 * i);
	assert_int_equal(sg_ports_parse(buf, n, m), 0);
	assert_int_equal(sg_port_ranges(m), SG_PORT_RANGES_MAX);
	n += snprintf(buf + n, sizeof(buf) - n, ",9000");
	assert_int_equal(sg_ports_parse(buf, n, m), -E2BIG);
	assert_int_equal(sg_port_ranges(m), 0);
	/* 257 items, 256 runs: the last touches the one before */
	n -= strlen(",9000");
	n += snprintf(buf + n, sizeof(buf) - n, ",%d", 1000 + 2 * (SG_PORT_RANGES_MAX - 1) + 1);
	assert_int_equal(sg_ports_parse(buf, n, m), 0);
	assert_int_equal(sg_port_ranges(m), SG_PORT_RANGES_MAX);

	n = snprintf(buf, sizeof(buf), "1,60-70,127-129,5060,5061,65535");
	assert_int_equal(sg_ports_parse(buf, n, m), 0);
	assert_int_equal(sg_port_ranges(m), 5);
	n = snprintf(buf, sizeof(buf), "1-65535");
	assert_int_equal(sg_ports_parse(buf, n, m), 0);
	assert_int_equal(sg_port_ranges(m), 1);
	free(m);
}

/*
 * Property: for every length of a /len prefix of a random address, the
 * prefix matches an address iff the first len bits are equal, checked
 * against a bit-by-bit reference over random IPv6 pairs.
 */
static bool ref_match(const u8 *a, const u8 *b, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		if (((a[i / 8] >> (7 - i % 8)) & 1) != ((b[i / 8] >> (7 - i % 8)) & 1))
			return false;
	return true;
}

static void test_match_property(void **state)
{
	unsigned int seed = 12345, len, n;
	u8 a[16], b[16];
	size_t i;

	(void)state;
	for (n = 0; n < 20000; n++) {
		struct sg_prefix p = { .family = AF_INET6 };

		for (i = 0; i < 16; i++)
			a[i] = (u8)rand_r(&seed);
		memcpy(b, a, 16);
		/* flip one random bit so matches and misses both occur */
		i = (size_t)rand_r(&seed) % 128;
		b[i / 8] ^= (u8)(0x80 >> (i % 8));
		len = (unsigned int)rand_r(&seed) % 129;
		p.len = (u8)len;
		memcpy(&p.addr.v6, a, 16);
		for (i = len; i < 128; i++)	/* clear host bits */
			((u8 *)&p.addr.v6)[i / 8] &= (u8)~(0x80 >> (i % 8));
		assert_int_equal(sg_prefix_match(&p, AF_INET6, b), ref_match(a, b, len));
		assert_true(sg_prefix_match(&p, AF_INET6, a));
	}
}

/* Property: the parser never reads past the length it is given. */
static void test_parse_bounded(void **state)
{
	static const char *const inputs[] = {
		"192.0.2.0/24", "2001:db8::/32", "5060-5070,5080", "0.0.0.0/0",
	};
	struct sg_portmap *m = calloc(1, sizeof(*m));
	struct sg_prefix p;
	size_t i, n;

	(void)state;
	assert_non_null(m);
	for (i = 0; i < ARRAY_SIZE(inputs); i++) {
		size_t len = strlen(inputs[i]);

		for (n = 0; n <= len; n++) {
			/* an exact-size heap copy: ASan catches any overread */
			char *buf = malloc(n ? n : 1);

			assert_non_null(buf);
			memcpy(buf, inputs[i], n);
			(void)sg_prefix_parse(buf, n, &p);
			(void)sg_ports_parse(buf, n, m);
			free(buf);
		}
	}
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefix_vectors),
		cmocka_unit_test(test_match_vectors),
		cmocka_unit_test(test_overlap_vectors),
		cmocka_unit_test(test_ports_vectors),
		cmocka_unit_test(test_ports_ranges),
		cmocka_unit_test(test_match_property),
		cmocka_unit_test(test_parse_bounded),
	};

	return cmocka_run_group_tests_name("addr", tests, NULL, NULL);
}
