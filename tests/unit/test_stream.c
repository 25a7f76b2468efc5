// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the TCP stream framer (kmod/stream.c), under ASan and
 * UBSan: a stream of messages gives the same events however it is cut
 * (every split point, every three-way split, one byte at a time, with the
 * buffer's consumed prefix dropped or kept), and the stream's own faults.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "stream.h"
#include "policy_fixture.h"


#define CLEAN_OPTIONS \
	"OPTIONS sip:100@192.0.2.1 SIP/2.0\r\n" \
	"Via: SIP/2.0/TCP 192.0.2.66:40001;branch=z9hG4bK-1\r\n" \
	"From: \"Tim O'Reilly\" <sip:tim@192.0.2.66>;tag=1\r\n" \
	"To: <sip:100@192.0.2.1>\r\nCall-ID: a1@x\r\nCSeq: 1 OPTIONS\r\n" \
	"Content-Length: 0\r\n\r\n"
#define SCANNER_OPTIONS \
	"OPTIONS sip:100@192.0.2.1 SIP/2.0\r\n" \
	"Via: SIP/2.0/TCP 192.0.2.66:40002;branch=z9hG4bK-s1\r\n" \
	"From: \"sipvicious\"<sip:100@1.1.1.1>;tag=1\r\nTo: <sip:100@192.0.2.1>\r\n" \
	"Call-ID: s1@x\r\nCSeq: 1 OPTIONS\r\nUser-Agent: friendly-scanner\r\n" \
	"Content-Length: 0\r\n\r\n"
#define SDP_BODY "v=0\r\no=- 1 1 IN IP4 192.0.2.66\r\ns=-\r\nc=IN IP4 192.0.2.66\r\n" \
	"t=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
#define INVITE_SDP \
	"INVITE sip:100@192.0.2.1 SIP/2.0\r\n" \
	"Via: SIP/2.0/TCP 192.0.2.66:40001;branch=z9hG4bK-2\r\n" \
	"From: <sip:tim@192.0.2.66>;tag=2\r\nTo: <sip:100@192.0.2.1>\r\n" \
	"Call-ID: a2@x\r\nCSeq: 2 INVITE\r\nContact: <sip:tim@192.0.2.66:40001;transport=tcp>\r\n" \
	"Content-Type: application/sdp\r\nContent-Length: 89\r\n\r\n" SDP_BODY
#define RESPONSE_BODY \
	"SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 192.0.2.66:40001;branch=z9hG4bK-3\r\n" \
	"Content-Length: 5\r\n\r\nhello"

struct ev {
	u8 type, reason, detail, kind;
	u32 off, len;
};

#define MAXEV 32

/* Feed @s in pieces cut at @cuts (ascending, ncuts of them); the events. */
static int feed(const char *s, size_t n, const size_t *cuts, int ncuts, bool drop_prefix,
		struct ev *out)
{
	u8 *buf = malloc(n ? n : 1);
	struct sg_stream st = { 0 };
	u32 have = 0, base = 0, off, mlen;
	int nev = 0, c;

	for (c = 0; c <= ncuts; c++) {
		size_t to = c < ncuts ? cuts[c] : n;
		struct sg_sip_result r;
		u8 e;

		memcpy(buf + have, s + base + have, to - base - have);
		have = (u32)(to - base);
		while ((e = sg_stream_next(&pol, &st, buf, have, &r, &off, &mlen)) != SG_STREAM_MORE) {
			assert_true(nev < MAXEV);
			assert_true(off + mlen <= have);
			out[nev++] = (struct ev){ e, r.reason, r.detail, r.kind, base + off, mlen };
			if (e == SG_STREAM_BAD)
				goto done;
		}
		if (drop_prefix) {
			u32 k = sg_stream_keep(&st);

			memmove(buf, buf + k, have - k);
			have -= k;
			base += k;
			sg_stream_shift(&st, k);
		}
	}
done:
	free(buf);
	return nev;
}

static void same_events(const char *s, size_t n, const size_t *cuts, int ncuts,
			const struct ev *want, int nwant)
{
	struct ev got[MAXEV];
	int k, i;

	for (k = 0; k < 2; k++) {
		int ng = feed(s, n, cuts, ncuts, k, got);

		if (ng != nwant)
			fail_msg("cuts at %zu,%zu: %d events, want %d", ncuts ? cuts[0] : 0,
				 ncuts > 1 ? cuts[1] : 0, ng, nwant);
		for (i = 0; i < ng; i++)
			if (memcmp(&got[i], &want[i], sizeof(got[i])))
				fail_msg("cuts at %zu,%zu: event %d differs (%u/%u at %u+%u, want %u/%u at %u+%u)",
					 ncuts ? cuts[0] : 0, ncuts > 1 ? cuts[1] : 0, i,
					 got[i].type, got[i].detail, got[i].off, got[i].len,
					 want[i].type, want[i].detail, want[i].off, want[i].len);
	}
}

/* Every two-way and three-way split, and one byte at a time. */
static void every_cut(const char *s, const struct ev *want, int nwant)
{
	size_t n = strlen(s), a, b, *ones;
	struct ev ref[MAXEV];
	size_t cuts[2];

	assert_int_equal(feed(s, n, NULL, 0, false, ref), nwant);
	assert_memory_equal(ref, want, sizeof(*want) * (size_t)nwant);
	for (a = 1; a < n; a++) {
		cuts[0] = a;
		same_events(s, n, cuts, 1, want, nwant);
	}
	for (a = 1; a < n; a += 7)
		for (b = a + 1; b < n; b += 5) {
			cuts[0] = a;
			cuts[1] = b;
			same_events(s, n, cuts, 2, want, nwant);
		}
	ones = malloc(n * sizeof(*ones));
	for (a = 1; a < n; a++)
		ones[a - 1] = a;
	same_events(s, n, ones, (int)n - 1, want, nwant);
	free(ones);
}

#define L(x) (sizeof(x) - 1)
#define OK(k, o, l) { SG_STREAM_MESSAGE, SG_VERDICT_ACCEPT, 0, k, o, l }

static void test_pipelined(void **state)
{
	static const char s[] = "\r\n\r\n" CLEAN_OPTIONS "\r\n" INVITE_SDP RESPONSE_BODY CLEAN_OPTIONS;
	const struct ev want[] = {
		OK(SG_SIP_REQUEST, 4, L(CLEAN_OPTIONS)),
		OK(SG_SIP_REQUEST, 4 + L(CLEAN_OPTIONS) + 2, L(INVITE_SDP)),
		OK(SG_SIP_RESPONSE, 6 + L(CLEAN_OPTIONS) + L(INVITE_SDP), L(RESPONSE_BODY)),
		OK(SG_SIP_REQUEST, 6 + L(CLEAN_OPTIONS) + L(INVITE_SDP) + L(RESPONSE_BODY),
		   L(CLEAN_OPTIONS)),
	};

	(void)state;
	every_cut(s, want, 4);
}

static void test_scanner_behind_benign(void **state)
{
	static const char s[] = CLEAN_OPTIONS SCANNER_OPTIONS;
	struct ev want[] = {
		OK(SG_SIP_REQUEST, 0, L(CLEAN_OPTIONS)),
		{ SG_STREAM_BAD, SIPGUARD_REASON_SCANNER, SG_DETAIL_SCANNER, SG_SIP_REQUEST,
		  L(CLEAN_OPTIONS), L(SCANNER_OPTIONS) },
	};

	(void)state;
	every_cut(s, want, 2);
}

/* The body's control byte is found when the body is whole, however cut. */
static void test_body_checked(void **state)
{
	char s[sizeof(INVITE_SDP)];
	struct ev got[MAXEV];

	(void)state;
	memcpy(s, INVITE_SDP, sizeof(s));
	s[sizeof(s) - 10] = '\x01';
	/* memchr-free: the control byte is inside the body only */
	{
		size_t n = L(INVITE_SDP), a;

		assert_int_equal(feed(s, n, NULL, 0, false, got), 1);
		assert_int_equal(got[0].type, SG_STREAM_BAD);
		assert_int_equal(got[0].detail, SG_DETAIL_BODY_CONTROL);
		for (a = 1; a < n; a++) {
			size_t cut[1] = { a };

			assert_int_equal(feed(s, n, cut, 1, true, got), 1);
			assert_int_equal(got[0].detail, SG_DETAIL_BODY_CONTROL);
		}
	}
}

static void test_stream_faults(void **state)
{
	static const char noclen[] = "OPTIONS sip:100@192.0.2.1 SIP/2.0\r\n"
		"Via: SIP/2.0/TCP 192.0.2.66:1;branch=z9hG4bK-1\r\nFrom: <sip:a@b>;tag=1\r\n"
		"To: <sip:100@192.0.2.1>\r\nCall-ID: n@x\r\nCSeq: 1 OPTIONS\r\n\r\n";
	static const char resp_noclen[] = "SIP/2.0 200 OK\r\nVia: x\r\n\r\n";
	static const char junk[] = "User-Agent: friendly-scanner\r\n\r\n";
	static const char bigclen[] = "OPTIONS sip:100@192.0.2.1 SIP/2.0\r\n"
		"Via: SIP/2.0/TCP 192.0.2.66:1;branch=z9hG4bK-1\r\nFrom: <sip:a@b>;tag=1\r\n"
		"To: <sip:100@192.0.2.1>\r\nCall-ID: n@x\r\nCSeq: 1 OPTIONS\r\n"
		"Content-Length: 70000\r\n\r\n";
	struct ev got[MAXEV];

	(void)state;
	/* RFC 3261 18.3: over a stream, Content-Length is mandatory */
	assert_int_equal(feed(noclen, L(noclen), NULL, 0, false, got), 1);
	assert_int_equal(got[0].type, SG_STREAM_BAD);
	assert_int_equal(got[0].detail, SG_DETAIL_MISSING_HEADER);
	assert_int_equal(feed(resp_noclen, L(resp_noclen), NULL, 0, false, got), 1);
	assert_int_equal(got[0].detail, SG_DETAIL_MISSING_HEADER);
	/* the continuation of a request is not the start of one */
	assert_int_equal(feed(junk, L(junk), NULL, 0, false, got), 1);
	assert_int_equal(got[0].reason, SIPGUARD_REASON_MALFORMED);
	/* a body past the message limit is refused before it arrives */
	assert_int_equal(feed(bigclen, L(bigclen), NULL, 0, false, got), 1);
	assert_int_equal(got[0].detail, SG_DETAIL_SIZE);
}

/*
 * Framings the servers' own stream readers see otherwise (the review of
 * the TCP change): a second length a reader may take first, folded or
 * spelled with '_', and an empty line of a bare LF. Each is dropped
 * before a message could hide behind it; the scanner behind never counts.
 */
static void test_reader_disagreements(void **state)
{
	static const char *const cases[] = {
		/* Kamailio takes the first Content-Length line, even a fold */
		"OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
		"To: <sip:a@b>\r\nCall-ID: f1\r\nCSeq: 1 OPTIONS\r\nSubject: hi\r\n Content-Length: 0\r\n"
		"Content-Length: 5\r\n\r\nxxxxx",
		/* ... and Content_Length */
		"OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
		"To: <sip:a@b>\r\nCall-ID: f2\r\nCSeq: 1 OPTIONS\r\nContent_Length: 0\r\n"
		"Content-Length: 5\r\n\r\nxxxxx",
		"OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
		"To: <sip:a@b>\r\nCall-ID: f3\r\nCSeq: 1 OPTIONS\r\ncontent-length : 0\r\n"
		"l: 5\r\n\r\nxxxxx",
		/* PJSIP ends a header section at LF CRLF only */
		"OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
		"To: <sip:a@b>\r\nCall-ID: f4\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\n",
		/* a STUN-shaped blob is not a keepalive over TCP (RFC 5626: CRLF) */
		"\x00\x01\x00\x00\x21\x12\xa4\x42xxxxxxxxxxxx\r\n\r\n",
	};
	struct ev got[MAXEV];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t n = i == 4 ? 24 : strlen(cases[i]);
		int k = feed(cases[i], n, NULL, 0, false, got);

		if (k < 1 || got[k - 1].type != SG_STREAM_BAD || got[k - 1].reason != SIPGUARD_REASON_MALFORMED)
			fail_msg("case %zu: %d events, the last %u reason %u", i, k,
				 k ? got[k - 1].type : 0, k ? got[k - 1].reason : 0);
	}
}

/*
 * Their near misses pass: a fold and a field that start with 'l' but are
 * no length, the same length twice (every reader agrees on it), and
 * header lines ended by a bare LF before a CRLF empty line (where PJSIP,
 * too, ends the section).
 */
static void test_reader_near_misses(void **state)
{
	static const char *const cases[] = {
		"OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
		"To: <sip:a@b>\r\nCall-ID: n1\r\nCSeq: 1 OPTIONS\r\nSubject: hi\r\n lunch: at noon\r\n"
		"Location: lab\r\nContent-Length: 0\r\n\r\n",
		"OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
		"To: <sip:a@b>\r\nCall-ID: n2\r\nCSeq: 1 OPTIONS\r\nContent-Length: 5\r\nl: 5\r\n\r\nxxxxx",
		"OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\n"
		"To: <sip:a@b>\nCall-ID: n3\nCSeq: 1 OPTIONS\nContent-Length: 0\n\r\n",
	};
	struct ev got[MAXEV];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int k = feed(cases[i], strlen(cases[i]), NULL, 0, false, got);

		if (k != 1 || got[0].type != SG_STREAM_MESSAGE || got[0].len != strlen(cases[i]))
			fail_msg("case %zu: %d events, the first %u detail %u", i, k,
				 k ? got[0].type : 0, k ? got[0].detail : 0);
	}
}

/* A header section that never ends: refused at the limit, one pass. */
static void test_endless_header(void **state)
{
	size_t n = pol.max_msg + 100, i;
	char *s = malloc(n + 1);
	size_t *ones = malloc(n * sizeof(*ones));
	struct ev got[MAXEV];
	static const char start[] = "OPTIONS sip:a@b SIP/2.0\r\n";

	(void)state;
	memcpy(s, start, L(start));
	for (i = L(start); i < n; i++)
		s[i] = (i % 40) == 39 ? '\n' : 'a';
	s[n] = 0;
	for (i = 1; i < n; i++)
		ones[i - 1] = i;
	assert_int_equal(feed(s, n, ones, (int)n - 1, true, got), 1);
	assert_int_equal(got[0].type, SG_STREAM_BAD);
	assert_int_equal(got[0].reason, SIPGUARD_REASON_MALFORMED);
	free(ones);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipelined),
		cmocka_unit_test(test_scanner_behind_benign),
		cmocka_unit_test(test_body_checked),
		cmocka_unit_test(test_stream_faults),
		cmocka_unit_test(test_endless_header),
		cmocka_unit_test(test_reader_disagreements),
		cmocka_unit_test(test_reader_near_misses),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
