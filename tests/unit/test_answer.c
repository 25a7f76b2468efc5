// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of answer.c in userspace: the KUnit suite's vectors, and the
 * link between the two directions: a request as the parser reads it and
 * the server's response to it name the same transaction.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "sip.h"
#include "answer_vectors.h"

static void test_answer_read(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_answer_read_vecs); i++) {
		const struct sg_answer_read_vec *v = &sg_answer_read_vecs[i];
		struct sg_answer a;
		bool ok = sg_answer_read((const u8 *)v->msg, strlen(v->msg), &a);

		if (ok != v->ok)
			fail_msg("%s: read %d", v->name, ok);
		if (!ok)
			continue;
		if (a.status != v->status || a.stale != v->stale)
			fail_msg("%s: status %u stale %d", v->name, a.status, a.stale);
	}
	for (i = 0; i < ARRAY_SIZE(sg_answer_len_vecs); i++) {
		const struct sg_answer_len_vec *v = &sg_answer_len_vecs[i];
		struct sg_answer a;

		assert_true(sg_answer_read((const u8 *)v->msg, strlen(v->msg), &a));
		if (a.len != v->len)
			fail_msg("length vector %zu: %u, want %u", i, a.len, v->len);
	}
}

static void test_answer_classes(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_answer_vecs); i++) {
		const struct sg_answer_vec *v = &sg_answer_vecs[i];
		struct sg_answers s;

		memset(&s, 0, sizeof(s));
		for (j = 0; j < v->n; j++) {
			const struct sg_answer_step *st = &v->steps[j];
			bool ban;
			u8 cls = sg_answer_step(&s, v, (u32)j, &ban);

			if (!st->request && (cls != st->want || ban != st->ban))
				fail_msg("%s: step %zu: class %u ban %d, want %u %d", v->name, j,
					 cls, ban, st->want, st->ban);
		}
	}
}

static void test_answer_remember(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sg_answer_remember_vecs); i++)
		if (sg_answers_remember(sg_answer_remember_vecs[i].method) !=
		    sg_answer_remember_vecs[i].want)
			fail_msg("remember vector %zu", i);
}

/* The parser's txn of a request equals the reader's of its response. */
static void test_answer_txn(void **state)
{
	static const char req[] =
		"REGISTER sip:198.51.100.1 SIP/2.0\r\n"
		"Via: SIP/2.0/UDP 203.0.113.66;branch=z9hG4bK-1\r\n"
		"From: <sip:1001@198.51.100.1>;tag=a1\r\nTo: <sip:1001@198.51.100.1>\r\n"
		"Call-ID: 5e1f@203.0.113.66\r\nCSeq:  002   REGISTER\r\nMax-Forwards: 70\r\n"
		"Authorization: Digest username=\"1001\", response=\"00\"\r\n"
		"Content-Length: 0\r\n\r\n";
	static const char rsp[] =
		"SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP 203.0.113.66;branch=z9hG4bK-1\r\n"
		"From: <sip:1001@198.51.100.1>;tag=a1\r\nTo: <sip:1001@198.51.100.1>;tag=x\r\n"
		"i: 5e1f@203.0.113.66\r\nCSeq: 2 REGISTER\r\nContent-Length: 0\r\n\r\n";
	static const char other[] =
		"SIP/2.0 401 Unauthorized\r\nCall-ID: 5e1f@203.0.113.66\r\nCSeq: 3 REGISTER\r\n\r\n";
	struct sg_sip_policy pol;
	struct sg_sip_result res, res2;
	struct sg_answer a;
	char req2[sizeof(req)];

	(void)state;
	sg_sip_policy_default(&pol);
	assert_int_equal(sg_sip_inspect(&pol, (const u8 *)req, sizeof(req) - 1, sizeof(req) - 1,
					SG_SIP_UDP, &res), SG_VERDICT_ACCEPT);
	assert_true(res.cred != 0);
	assert_true(sg_answer_read((const u8 *)rsp, sizeof(rsp) - 1, &a));
	assert_int_equal(a.txn, res.txn);
	assert_true(sg_answer_read((const u8 *)other, sizeof(other) - 1, &a));
	assert_int_not_equal(a.txn, res.txn);
	/* other credentials, the same transaction */
	memcpy(req2, req, sizeof(req));
	*strstr(req2, "\"00\"") = '"', strstr(req2, "\"00\"")[1] = '1';
	assert_int_equal(sg_sip_inspect(&pol, (const u8 *)req2, sizeof(req2) - 1, sizeof(req2) - 1,
					SG_SIP_UDP, &res2), SG_VERDICT_ACCEPT);
	assert_int_equal(res2.txn, res.txn);
	assert_int_not_equal(res2.cred, res.cred);
	assert_true(res2.cred != 0);
}

/*
 * The transaction hash, against FNV-1a over the bytes that are not LWS
 * written the plain way: every byte value, bytes whose low six bits name
 * a blank's bit (0x49 'I', 0x4a, 0x4d, 0x60 '`', 0x89...) among them.
 */
static u32 plain_words(u32 h, const u8 *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')
			continue;
		h ^= p[i];
		h *= 16777619U;
	}
	return h;
}

static void test_answer_hash(void **state)
{
	u8 cid[300], cseq[] = "1 INVITE";
	u32 want;

	(void)state;
	for (unsigned int i = 0; i < 256; i++) {
		cid[i] = (u8)i;
		cid[256 + i % 44] = (u8)(i * 7);
	}
	for (size_t n = 0; n <= sizeof(cid); n += 13) {
		want = plain_words(SG_HASH_INIT, cid, n);
		want = (want ^ 0xff) * 16777619U;
		want = plain_words(want, cseq, sizeof(cseq) - 1);
		assert_int_equal(sg_txn_hash(cid, n, cseq, sizeof(cseq) - 1), want);
	}
}

/* The reader is one pass: a header section of 64 KiB of "stale" costs a
 * bounded number of steps a byte (the cost oracle counts in fuzz_cost). */
static void test_answer_long(void **state)
{
	size_t n = 65535, i;
	char *m = malloc(n);
	struct sg_answer a;

	(void)state;
	assert_non_null(m);
	memcpy(m, "SIP/2.0 401 x\r\nWWW-Authenticate: ", 33);
	for (i = 33; i < n; i++)
		m[i] = "stale="[i % 6];
	assert_true(sg_answer_read((const u8 *)m, n, &a));
	assert_false(a.stale);
	assert_int_equal(a.len, 0);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answer_read),
		cmocka_unit_test(test_answer_classes),
		cmocka_unit_test(test_answer_remember),
		cmocka_unit_test(test_answer_txn),
		cmocka_unit_test(test_answer_hash),
		cmocka_unit_test(test_answer_long),
	};

	return cmocka_run_group_tests_name("answer", tests, NULL, NULL);
}
