// SPDX-License-Identifier: GPL-2.0
/* KUnit suite for answer.c: the response reader and the per-source classes. */
#include <kunit/test.h>

#include "../answer.h"
#include "answer_vectors.h"

static void answer_read_desc(const struct sg_answer_read_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}
KUNIT_ARRAY_PARAM(answer_read, sg_answer_read_vecs, answer_read_desc);

static void sg_answer_read_test(struct kunit *test)
{
	const struct sg_answer_read_vec *v = test->param_value;
	struct sg_answer a;

	KUNIT_ASSERT_EQ(test, sg_answer_read((const u8 *)v->msg, strlen(v->msg), &a), v->ok);
	if (!v->ok)
		return;
	KUNIT_EXPECT_EQ(test, a.status, v->status);
	KUNIT_EXPECT_EQ(test, a.stale, v->stale);
}

static void sg_answer_len_test(struct kunit *test)
{
	struct sg_answer a;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sg_answer_len_vecs); i++) {
		const struct sg_answer_len_vec *v = &sg_answer_len_vecs[i];

		KUNIT_ASSERT_TRUE(test, sg_answer_read((const u8 *)v->msg, strlen(v->msg), &a));
		KUNIT_EXPECT_EQ_MSG(test, a.len, v->len, "vector %zu", i);
	}
}

static void answer_desc(const struct sg_answer_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}
KUNIT_ARRAY_PARAM(answer, sg_answer_vecs, answer_desc);

static void sg_answer_class_test(struct kunit *test)
{
	const struct sg_answer_vec *v = test->param_value;
	struct sg_answers s = {};
	u32 j;

	for (j = 0; j < v->n; j++) {
		bool ban;
		u8 cls = sg_answer_step(&s, v, j, &ban);

		if (v->steps[j].request)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, cls, v->steps[j].want, "step %u", j);
		KUNIT_EXPECT_EQ_MSG(test, ban, v->steps[j].ban, "step %u", j);
	}
}

static void sg_answer_remember_test(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sg_answer_remember_vecs); i++)
		KUNIT_EXPECT_EQ_MSG(test, sg_answers_remember(sg_answer_remember_vecs[i].method),
				    sg_answer_remember_vecs[i].want, "vector %zu", i);
}

static struct kunit_case sg_answer_cases[] = {
	KUNIT_CASE(sg_answer_remember_test),
	KUNIT_CASE_PARAM(sg_answer_read_test, answer_read_gen_params),
	KUNIT_CASE(sg_answer_len_test),
	KUNIT_CASE_PARAM(sg_answer_class_test, answer_gen_params),
	{}
};

static struct kunit_suite sg_answer_suite = {
	.name = "sipguard_answer",
	.test_cases = sg_answer_cases,
};
kunit_test_suite(sg_answer_suite);
