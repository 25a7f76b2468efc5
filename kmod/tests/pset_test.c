// SPDX-License-Identifier: GPL-2.0
/* KUnit suite for prefixset.c: the allow and deny sets. */
#include <kunit/test.h>

#include "../prefixset.h"
#include "pset_vectors.h"

static void pset_vec_desc(const struct sg_pset_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}
KUNIT_ARRAY_PARAM(pset, sg_pset_vecs, pset_vec_desc);

static void sg_pset_test(struct kunit *test)
{
	const struct sg_pset_vec *v = test->param_value;
	struct sg_prefix p[8];
	struct sg_pset *s;
	u32 n;
	int j;

	for (n = 0; v->prefixes[n]; n++)
		KUNIT_ASSERT_EQ(test, sg_prefix_parse(v->prefixes[n], strlen(v->prefixes[n]), &p[n]), 0);
	KUNIT_ASSERT_EQ(test, sg_pset_build(p, n, &s), 0);
	KUNIT_EXPECT_EQ(test, s->n4 + s->n6, v->ranges);
	for (j = 0; j < 12 && v->q[j].addr; j++) {
		int f = strchr(v->q[j].addr, ':') ? AF_INET6 : AF_INET;
		struct in6_addr a;

		KUNIT_ASSERT_TRUE(test, sg_pton(f, v->q[j].addr, strlen(v->q[j].addr), &a));
		KUNIT_EXPECT_EQ_MSG(test, sg_pset_contains(s, f, &a), v->q[j].in, "%s", v->q[j].addr);
	}
	sg_pset_free(s);
}

static struct kunit_case sg_pset_cases[] = {
	KUNIT_CASE_PARAM(sg_pset_test, pset_gen_params),
	{}
};

static struct kunit_suite sg_pset_suite = {
	.name = "sipguard_prefixset",
	.test_cases = sg_pset_cases,
};
kunit_test_suite(sg_pset_suite);
