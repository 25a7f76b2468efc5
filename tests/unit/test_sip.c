// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the SIP parser, the checks and the matcher, built for
 * userspace under ASan and UBSan: the vectors the KUnit suite uses, and
 * bounds properties that are cheap here (every prefix of every vector and
 * of every corpus message, in an exact-size heap buffer).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <dirent.h>
#include <cmocka.h>

#include "sip.h"
#include "sip_vectors.h"
#include "inject_vectors.h"
#include "acm_vectors.h"
#include "policy_fixture.h"


static void test_sip_vectors(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_sip_vecs); i++) {
		const struct sg_sip_vec *v = &sg_sip_vecs[i];
		struct sg_sip_result r;
		u8 got = sg_sip_inspect(&pol, (const u8 *)v->msg, v->len, v->len, v->tcp, &r);

		if (got != v->reason || r.detail != v->detail ||
		    (v->reason == SIPGUARD_REASON_INJECTION && r.inject != v->inject) ||
		    (v->reason == SG_VERDICT_ACCEPT && r.kind != v->kind) ||
		    (v->method && r.method != v->method)) {
			print_error("%s: got reason %u detail %s inject %s kind %s method %s\n", v->name,
				    got, sg_detail_name(r.detail), sg_inject_name(r.inject),
				    sg_sip_kind_name(r.kind), sg_method_name(r.method));
			bad++;
		}
		/* the excerpt always lies inside the message */
		assert_true(r.at <= v->len && r.at_len <= v->len - r.at);
	}
	assert_int_equal(bad, 0);
}

static void test_inject_vectors(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_inject_vecs); i++) {
		const struct sg_inject_vec *v = &sg_inject_vecs[i];
		enum sg_inject got = sg_inject_scan((const u8 *)v->in, strlen(v->in));

		if (got != v->want) {
			print_error("\"%s\": got %s, want %s\n", v->in, sg_inject_name(got),
				    sg_inject_name(v->want));
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void test_acm_vectors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_acm_vecs); i++) {
		const struct sg_acm_vec *v = &sg_acm_vecs[i];
		int got = sg_acm_find(pol.matcher, (const u8 *)v->text, strlen(v->text), v->field);

		if (v->want)
			assert_int_not_equal(sg_acm_vec_want(v), -1);
		if (got != sg_acm_vec_want(v))
			fail_msg("\"%s\": got %d, want %s", v->text, got, v->want ? v->want : "none");
	}
}

/*
 * The same vectors at every alignment of the matcher's eight- and
 * four-byte turns and its byte tail: blanks before and after move no
 * state and end no word, so what is found stays the same.
 */
static void test_acm_alignments(void **state)
{
	char buf[160];
	size_t i, pre, post;
	int bad = 0;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_acm_vecs); i++) {
		const struct sg_acm_vec *v = &sg_acm_vecs[i];
		size_t n = strlen(v->text);

		assert_true(n + 32 <= sizeof(buf));
		for (pre = 0; pre < 17; pre++) {
			for (post = 0; post < 10; post++) {
				char *t;
				int got;

				memset(buf, ' ', pre);
				memcpy(buf + pre, v->text, n);
				memset(buf + pre + n, '\t', post);
				t = malloc(pre + n + post + 1);	/* exact size: ASan */
				assert_non_null(t);
				memcpy(t, buf, pre + n + post);
				got = sg_acm_find(pol.matcher, (const u8 *)t, pre + n + post, v->field);
				free(t);
				if (got != sg_acm_vec_want(v)) {
					print_error("\"%s\" after %zu blanks, before %zu: got %d\n",
						    v->text, pre, post, got);
					bad++;
				}
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* Every pattern of a large set is found, in any case, and the set's size
 * does not change what is found for a fixed text. */
static void test_acm_many(void **state)
{
	enum { N = 1000 };
	struct sg_acm_pattern *pats = calloc(N, sizeof(*pats));
	char (*strs)[24] = calloc(N, sizeof(*strs));
	struct sg_acm *m;
	int err, i;

	(void)state;
	assert_non_null(pats);
	assert_non_null(strs);
	for (i = 0; i < N; i++) {
		snprintf(strs[i], sizeof(strs[i]), "scanner-%04d", i);
		pats[i].str = strs[i];
		pats[i].len = (u16)strlen(strs[i]);
		pats[i].fields = SG_FIELD_UA;
		pats[i].flags = SG_PAT_WORD;
	}
	m = sg_acm_build(pats, N, &err);
	assert_non_null(m);
	for (i = 0; i < N; i += 37) {
		char text[64];

		snprintf(text, sizeof(text), "Agent/1.0 SCANNER-%04d (x)", i);
		assert_int_equal(sg_acm_find(m, (const u8 *)text, strlen(text), SG_FIELD_UA), i);
	}
	assert_int_equal(sg_acm_find(m, (const u8 *)"scanner-12345", 13, SG_FIELD_UA), -1);
	sg_acm_free(m);

	/* bad sets are refused, not half-built */
	pats[0].len = 0;
	assert_null(sg_acm_build(pats, 1, &err));
	assert_int_equal(err, -EINVAL);
	assert_null(sg_acm_build(pats, 0, &err));
	pats[0].str = "a\nb";
	pats[0].len = 3;
	assert_null(sg_acm_build(pats, 1, &err));
	free(pats);
	free(strs);
}

/* The parser reads nothing past the length it is given. */
static void inspect_prefixes(const u8 *msg, size_t len, bool tcp)
{
	struct sg_sip_result r;
	size_t n;

	for (n = 0; n <= len; n++) {
		u8 *buf = malloc(n ? n : 1);

		assert_non_null(buf);
		memcpy(buf, msg, n);
		/* as the hook: the window may be shorter than the payload */
		(void)sg_sip_inspect(&pol, buf, n, len, tcp, &r);
		assert_true(r.at <= n && r.at_len <= n - r.at);
		(void)sg_sip_inspect(&pol, buf, n, n, tcp, &r);
		free(buf);
	}
}

static void test_bounds_vectors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_sip_vecs); i++) {
		inspect_prefixes((const u8 *)sg_sip_vecs[i].msg, sg_sip_vecs[i].len, false);
		inspect_prefixes((const u8 *)sg_sip_vecs[i].msg, sg_sip_vecs[i].len, true);
	}
}

static void test_bounds_corpus(void **state)
{
	static const char *const dirs[] = { "valid", "invalid", "attack" };
	const char *root = getenv("SG_CORPUS");
	size_t d, files = 0;

	(void)state;
	if (!root)
		root = "../../../shared/sip-corpus";
	for (d = 0; d < ARRAY_SIZE(dirs); d++) {
		char path[4096];
		struct dirent *e;
		DIR *dir;

		snprintf(path, sizeof(path), "%s/%s", root, dirs[d]);
		dir = opendir(path);
		if (!dir)
			skip();
		while ((e = readdir(dir))) {
			static u8 buf[70000];
			FILE *f;
			size_t n;

			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s/%s", root, dirs[d], e->d_name);
			f = fopen(path, "rb");
			assert_non_null(f);
			n = fread(buf, 1, sizeof(buf), f);
			fclose(f);
			inspect_prefixes(buf, n, false);
			files++;
		}
		closedir(dir);
	}
	assert_true(files > 100);
}

static void test_sanitize(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(sg_sanitize(out, sizeof(out), (const u8 *)"a\r\n b\x01\"c", 8), 6);
	assert_string_equal(out, "a b?'c");
	sg_sanitize(out, sizeof(out), (const u8 *)"0123456789abcdefghij", 20);
	assert_string_equal(out, "0123456789ab...");
	assert_int_equal(strlen(out), 15);
	sg_sanitize(out, 1, (const u8 *)"abc", 3);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sip_vectors),
		cmocka_unit_test(test_inject_vectors),
		cmocka_unit_test(test_acm_vectors),
		cmocka_unit_test(test_acm_alignments),
		cmocka_unit_test(test_acm_many),
		cmocka_unit_test(test_bounds_vectors),
		cmocka_unit_test(test_bounds_corpus),
		cmocka_unit_test(test_sanitize),
	};

	return cmocka_run_group_tests_name("sip", tests, setup, teardown);
}
