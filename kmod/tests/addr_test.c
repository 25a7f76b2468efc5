// SPDX-License-Identifier: GPL-2.0
/* KUnit suite for addr.c, the pure core's address and port lists. */
#include <kunit/test.h>
#include <linux/slab.h>

#include "../addr.h"
#include "addr_vectors.h"

static void prefix_vec_desc(const struct sg_prefix_vec *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "\"%s\"", v->in);
}
KUNIT_ARRAY_PARAM(prefix, sg_prefix_vecs, prefix_vec_desc);

static void sg_prefix_parse_test(struct kunit *test)
{
	const struct sg_prefix_vec *v = test->param_value;
	struct sg_prefix p;
	int err;

	err = sg_prefix_parse(v->in, strlen(v->in), &p);
	KUNIT_EXPECT_EQ(test, err, v->err);
	if (!v->err) {
		KUNIT_EXPECT_EQ(test, p.family, v->family);
		KUNIT_EXPECT_EQ(test, p.len, v->len);
	}
}

static void match_vec_desc(const struct sg_match_vec *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s in %s", v->addr, v->prefix);
}
KUNIT_ARRAY_PARAM(match, sg_match_vecs, match_vec_desc);

static void sg_prefix_match_test(struct kunit *test)
{
	const struct sg_match_vec *v = test->param_value;
	struct in6_addr addr;
	struct sg_prefix p;
	int family = strchr(v->addr, ':') ? AF_INET6 : AF_INET;

	KUNIT_ASSERT_EQ(test, sg_prefix_parse(v->prefix, strlen(v->prefix), &p), 0);
	KUNIT_ASSERT_TRUE(test, sg_pton(family, v->addr, strlen(v->addr), &addr));
	KUNIT_EXPECT_EQ(test, sg_prefix_match(&p, family, &addr), v->match);
}

static void overlap_vec_desc(const struct sg_overlap_vec *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s vs %s", v->a, v->b);
}
KUNIT_ARRAY_PARAM(overlap, sg_overlap_vecs, overlap_vec_desc);

static void sg_prefix_overlap_test(struct kunit *test)
{
	const struct sg_overlap_vec *v = test->param_value;
	struct sg_prefix a, b;
	int c;

	KUNIT_ASSERT_EQ(test, sg_prefix_parse(v->a, strlen(v->a), &a), 0);
	KUNIT_ASSERT_EQ(test, sg_prefix_parse(v->b, strlen(v->b), &b), 0);
	KUNIT_EXPECT_EQ(test, sg_prefix_overlap(&a, &b), v->overlap);
	KUNIT_EXPECT_EQ(test, sg_prefix_overlap(&b, &a), v->overlap);
	c = sg_prefix_cmp(&a, &b);
	KUNIT_EXPECT_EQ(test, (c > 0) - (c < 0), v->cmp);
	c = sg_prefix_cmp(&b, &a);
	KUNIT_EXPECT_EQ(test, (c > 0) - (c < 0), -v->cmp);
}

static void ports_vec_desc(const struct sg_ports_vec *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "\"%s\"", v->in);
}
KUNIT_ARRAY_PARAM(ports, sg_ports_vecs, ports_vec_desc);

static void sg_ports_parse_test(struct kunit *test)
{
	const struct sg_ports_vec *v = test->param_value;
	struct sg_portmap *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	unsigned int i;
	u64 any = 0;

	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, sg_ports_parse(v->in, strlen(v->in), m), v->err);
	if (!v->err) {
		KUNIT_EXPECT_TRUE(test, sg_port_test(m, v->in_set));
		KUNIT_EXPECT_FALSE(test, sg_port_test(m, v->out_set));
	} else {
		/* A failed parse leaves no half-filled map behind. */
		for (i = 0; i < SG_PORTS_WORDS; i++)
			any |= m->bits[i];
		KUNIT_EXPECT_EQ(test, any, 0ULL);
	}
}

/* Every item is seen once, trimmed, and an error stops the walk. */
struct list_ctx {
	char seen[8][16];
	int n;
};

static int list_collect(const char *s, size_t n, void *arg)
{
	struct list_ctx *ctx = arg;

	if (n == 3 && !memcmp(s, "bad", 3))
		return -EINVAL;
	if (ctx->n == 8 || n >= 16)
		return -E2BIG;
	memcpy(ctx->seen[ctx->n], s, n);
	ctx->seen[ctx->n++][n] = '\0';
	return 0;
}

static void sg_list_foreach_test(struct kunit *test)
{
	static const char in[] = " a ,b,, \tc\t,";
	struct list_ctx ctx = { };

	KUNIT_EXPECT_EQ(test, sg_list_foreach(in, strlen(in), list_collect, &ctx), 0);
	KUNIT_ASSERT_EQ(test, ctx.n, 3);
	KUNIT_EXPECT_STREQ(test, ctx.seen[0], "a");
	KUNIT_EXPECT_STREQ(test, ctx.seen[1], "b");
	KUNIT_EXPECT_STREQ(test, ctx.seen[2], "c");

	memset(&ctx, 0, sizeof(ctx));
	KUNIT_EXPECT_EQ(test, sg_list_foreach("x,bad,y", 7, list_collect, &ctx), -EINVAL);
	KUNIT_EXPECT_EQ(test, ctx.n, 1);

	/* The length bounds the walk: nothing past it is read. */
	memset(&ctx, 0, sizeof(ctx));
	KUNIT_EXPECT_EQ(test, sg_list_foreach("ab,cd", 2, list_collect, &ctx), 0);
	KUNIT_ASSERT_EQ(test, ctx.n, 1);
	KUNIT_EXPECT_STREQ(test, ctx.seen[0], "ab");
}

static struct kunit_case sg_addr_cases[] = {
	KUNIT_CASE_PARAM(sg_prefix_parse_test, prefix_gen_params),
	KUNIT_CASE_PARAM(sg_prefix_match_test, match_gen_params),
	KUNIT_CASE_PARAM(sg_prefix_overlap_test, overlap_gen_params),
	KUNIT_CASE_PARAM(sg_ports_parse_test, ports_gen_params),
	KUNIT_CASE(sg_list_foreach_test),
	{}
};

static struct kunit_suite sg_addr_suite = {
	.name = "sipguard_addr",
	.test_cases = sg_addr_cases,
};
kunit_test_suite(sg_addr_suite);

MODULE_LICENSE("GPL");
