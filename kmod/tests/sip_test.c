// SPDX-License-Identifier: GPL-2.0
/* KUnit suites for the SIP parser, the checks and the scanner matcher. */
#include <kunit/test.h>

#include "../sip.h"
#include "sip_vectors.h"
#include "inject_vectors.h"
#include "acm_vectors.h"

static int sg_sip_test_init(struct kunit *test)
{
	struct sg_sip_policy *pol = kunit_kzalloc(test, sizeof(*pol), GFP_KERNEL);
	int err;

	if (!pol)
		return -ENOMEM;
	err = sg_sip_policy_init(pol);
	if (err)
		return err;
	test->priv = pol;
	return 0;
}

static void sg_sip_test_exit(struct kunit *test)
{
	sg_sip_policy_release(test->priv);
}

/* A KTAP-safe description: sanitised, and '#' starts a directive there. */
static void ktap_desc(char *desc, const char *text)
{
	char *p;

	sg_sanitize(desc, KUNIT_PARAM_DESC_SIZE, (const u8 *)text, strlen(text));
	for (p = desc; *p; p++)
		if (*p == '#')
			*p = '?';
}

static void sip_vec_desc(const struct sg_sip_vec *v, char *desc)
{
	ktap_desc(desc, v->name);
}
KUNIT_ARRAY_PARAM(sip, sg_sip_vecs, sip_vec_desc);

static void sg_sip_inspect_test(struct kunit *test)
{
	const struct sg_sip_vec *v = test->param_value;
	const struct sg_sip_policy *pol = test->priv;
	struct sg_sip_result r;
	u8 *buf;

	/* an exact-size copy: KASAN reports any read past the message */
	buf = kunit_kmalloc(test, v->len ? v->len : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, v->msg, v->len);
	KUNIT_EXPECT_EQ(test, sg_sip_inspect(pol, buf, v->len, v->len, v->tcp, &r), v->reason);
	KUNIT_EXPECT_STREQ(test, sg_detail_name(r.detail), sg_detail_name(v->detail));
	if (v->reason == SIPGUARD_REASON_INJECTION)
		KUNIT_EXPECT_STREQ(test, sg_inject_name(r.inject), sg_inject_name(v->inject));
	if (v->reason == SG_VERDICT_ACCEPT)
		KUNIT_EXPECT_EQ(test, r.kind, v->kind);
	if (v->method)
		KUNIT_EXPECT_STREQ(test, sg_method_name(r.method), sg_method_name(v->method));
	KUNIT_EXPECT_LE(test, r.at + r.at_len, (u32)v->len);
}

static void inject_vec_desc(const struct sg_inject_vec *v, char *desc)
{
	ktap_desc(desc, v->in);
}
KUNIT_ARRAY_PARAM(inject, sg_inject_vecs, inject_vec_desc);

static void sg_inject_scan_test(struct kunit *test)
{
	const struct sg_inject_vec *v = test->param_value;

	KUNIT_EXPECT_STREQ(test, sg_inject_name(sg_inject_scan((const u8 *)v->in, strlen(v->in))),
			   sg_inject_name(v->want));
}

static void acm_vec_desc(const struct sg_acm_vec *v, char *desc)
{
	ktap_desc(desc, v->text);
}
KUNIT_ARRAY_PARAM(acm, sg_acm_vecs, acm_vec_desc);

static void sg_acm_find_test(struct kunit *test)
{
	const struct sg_acm_vec *v = test->param_value;
	const struct sg_sip_policy *pol = test->priv;

	if (v->want)
		KUNIT_ASSERT_NE(test, sg_acm_vec_want(v), -1);
	KUNIT_EXPECT_EQ(test, sg_acm_find(pol->matcher, (const u8 *)v->text,
					  strlen(v->text), v->field), sg_acm_vec_want(v));
}

/* Building refuses bad pattern sets and frees what it allocated. */
static void sg_acm_build_test(struct kunit *test)
{
	struct sg_acm_pattern p = { "x", 1, SG_FIELD_UA, 0 };
	int err;

	KUNIT_EXPECT_NULL(test, sg_acm_build(&p, 0, &err));
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	p.len = 0;
	KUNIT_EXPECT_NULL(test, sg_acm_build(&p, 1, &err));
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	p.str = "a\x01";
	p.len = 2;
	KUNIT_EXPECT_NULL(test, sg_acm_build(&p, 1, &err));
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
}

static struct kunit_case sg_sip_cases[] = {
	KUNIT_CASE_PARAM(sg_sip_inspect_test, sip_gen_params),
	KUNIT_CASE_PARAM(sg_inject_scan_test, inject_gen_params),
	KUNIT_CASE_PARAM(sg_acm_find_test, acm_gen_params),
	KUNIT_CASE(sg_acm_build_test),
	{}
};

static struct kunit_suite sg_sip_suite = {
	.name = "sipguard_sip",
	.init = sg_sip_test_init,
	.exit = sg_sip_test_exit,
	.test_cases = sg_sip_cases,
};
kunit_test_suite(sg_sip_suite);
