// SPDX-License-Identifier: GPL-2.0
/*
 * The injection detector against the corpora: every value of
 * tests/corpus/inject/attacks.tsv is found, alone and in a message through
 * the parser (so the header it sits in is read); no value of
 * tests/corpus/legit/values.tsv is, and its message is accepted. And the
 * field report's INVITE, as captured, is dropped as an injection.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sip.h"
#include "policy_fixture.h"
#include "../corpus/tsv.h"

#define CORPUS "../corpus"

/* @h names header @name, in full or compact form (RFC 3261 7.3.3). */
static bool is(const char *h, const char *name)
{
	static const char *const compact[][2] = {
		{ "f", "From" }, { "t", "To" }, { "i", "Call-ID" }, { "m", "Contact" },
		{ "v", "Via" }, { "l", "Content-Length" },
	};
	size_t i;

	for (i = 0; i < sizeof(compact) / sizeof(compact[0]); i++)
		if (!strcasecmp(h, compact[i][0]))
			h = compact[i][1];
	return !strcasecmp(h, name);
}

/*
 * A minimal valid message carrying @e: in the Request-URI, as the status
 * line ("Status-Line"), in place of a header the template has, or as one
 * more header; a response for the headers only responses carry. Returns
 * its length.
 */
static size_t build(const struct tsv_entry *e, char *out, size_t size)
{
	static const char *const tmpl[] = {
		"Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-t1",
		"Max-Forwards", "70",
		"From", "<sip:alice@192.0.2.10>;tag=1",
		"To", "<sip:bob@192.0.2.1>",
		"Call-ID", "t1@192.0.2.10",
		"CSeq", "1 INVITE",
		"Contact", "<sip:alice@192.0.2.10:5060>",
	};
	bool status = is(e->header, "Status-Line");
	bool response = status || is(e->header, "Server") || is(e->header, "Warning");
	bool ruri = is(e->header, "Request-URI"), placed = ruri || status;
	FILE *f = fmemopen(out, size, "w");
	size_t i, n;

	assert_non_null(f);
	if (status)
		fprintf(f, "%.*s\r\n", (int)e->len, e->value);
	else if (response)
		fputs("SIP/2.0 200 OK\r\n", f);
	else if (ruri)
		fprintf(f, "INVITE %.*s SIP/2.0\r\n", (int)e->len, e->value);
	else
		fputs("INVITE sip:bob@192.0.2.1 SIP/2.0\r\n", f);
	for (i = 0; i < sizeof(tmpl) / sizeof(tmpl[0]); i += 2) {
		if (!placed && is(e->header, tmpl[i])) {
			fprintf(f, "%s: %.*s\r\n", e->header, (int)e->len, e->value);
			placed = true;
		} else {
			fprintf(f, "%s: %s\r\n", tmpl[i], tmpl[i + 1]);
		}
	}
	if (!placed)
		fprintf(f, "%s: %.*s\r\n", e->header, (int)e->len, e->value);
	fputs("Content-Length: 0\r\n\r\n", f);
	fflush(f);
	n = (size_t)ftell(f);
	fclose(f);
	assert_true(n < size - 1);
	return n;
}

/* Run every entry of @path; @attack: each must be found, else none. */
static void run_corpus(const char *path, bool attack, unsigned int min)
{
	static struct tsv_entry e;
	static char msg[20000];
	unsigned int n = 0, bad = 0;
	FILE *f = fopen(path, "r");
	int r;

	if (!f)
		fail_msg("%s: %s", path, strerror(errno));
	memset(&e, 0, sizeof(e));
	while ((r = tsv_next(f, path, &e)) > 0) {
		enum sg_inject alone = sg_inject_check(pol.matcher, e.value, e.len);
		struct sg_sip_result res;
		size_t len = build(&e, msg, sizeof(msg));
		u8 got = sg_sip_inspect(&pol, (const u8 *)msg, len, len, SG_SIP_UDP, &res);

		n++;
		/* the prefilter clears nothing the full scan finds */
		if (alone != sg_inject_scan(e.value, e.len)) {
			print_error("%s:%u: the prefilter clears it\n", path, e.line);
			bad++;
		}
		if (attack ? (alone == SG_INJECT_NONE || got != SIPGUARD_REASON_INJECTION)
			   : (alone != SG_INJECT_NONE || got != SG_VERDICT_ACCEPT)) {
			print_error("%s:%u: %s: %.*s: alone %s, in a message %s %s %s\n", path,
				    e.line, e.header, (int)e.len, e.value, sg_inject_name(alone),
				    got == SG_VERDICT_ACCEPT ? "accept" : "drop",
				    sg_detail_name(res.detail), sg_inject_name(res.inject));
			bad++;
		}
	}
	fclose(f);
	assert_int_equal(r, 0);
	print_message("%s: %u values, %u wrong\n", path, n, bad);
	assert_true(n >= min);
	assert_int_equal(bad, 0);
}

static void test_attacks(void **state)
{
	(void)state;
	run_corpus(CORPUS "/inject/attacks.tsv", true, 100);
}

static void test_legit(void **state)
{
	(void)state;
	run_corpus(CORPUS "/legit/values.tsv", false, 2000);
}

/* The field report's INVITE, dots and missing headers as captured. */
static void test_field_report(void **state)
{
	static u8 buf[4096];
	struct sg_sip_result res;
	FILE *f = fopen(CORPUS "/inject/field-report-invite.sip", "rb");
	size_t n;

	(void)state;
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_int_equal(sg_sip_inspect(&pol, buf, n, n, SG_SIP_UDP, &res),
			 SIPGUARD_REASON_INJECTION);
	assert_int_equal(res.inject, SG_INJECT_SQL_TAUTOLOGY);
}

/*
 * The prefilter against the spellings between a break-out and what
 * follows it: a quote, a paren or both, then one or two of the bytes a
 * lexer may take for a blank or a separator ('+' is one: the make check
 * fuzzer's "x'+*" "/;set @a=1" was cleared), then a comment, a statement,
 * a comparison. Whatever the full scan flags, the prefilter must not
 * clear (a miss is printed; 1.5 million spellings with three such bytes
 * were checked by hand, none missed).
 */
static void test_prefilter_spellings(void **state)
{
	static const char *const heads[] = { "x'", "x')", "x\"", "x'))", "1)" };
	static const char *const mids[] = {
		"+", " ", "\t", "(", ")", "\v", "\f", "\xa0", "@", "`", "~", "!", "-", ".",
		"%20", "/**/", "\\", "{", "}", "[", "]", ",", "|", "^", "*", "<", ">", ":", "?",
	};
	static const char *const tails[] = {
		"*/;set @a=1", "--", "#", ";set @a=1", "/*x*/;set @a=1", "=1", "!=''", "-'",
		"or 1=1--", " or 1=1", ";grant all on x to y", "/*!union*/ select 1",
	};
	const size_t nm = sizeof(mids) / sizeof(mids[0]);
	unsigned int n = 0, flagged = 0, bad = 0;
	size_t h, t, i, j;
	char v[64];

	(void)state;
	for (h = 0; h < sizeof(heads) / sizeof(heads[0]); h++)
		for (t = 0; t < sizeof(tails) / sizeof(tails[0]); t++)
			for (i = 0; i <= nm; i++)	/* i == nm: one byte only */
				for (j = 0; j < nm; j++) {
					int len = snprintf(v, sizeof(v), "%s%s%s%s", heads[h],
							   i < nm ? mids[i] : "", mids[j], tails[t]);
					enum sg_inject full = sg_inject_scan((const u8 *)v, (size_t)len);

					n++;
					flagged += full != SG_INJECT_NONE;
					if (sg_inject_check(pol.matcher, (const u8 *)v, (size_t)len) != full) {
						print_error("the prefilter clears %s (%s)\n", v,
							    sg_inject_name(full));
						bad++;
					}
				}
	/* the near misses: the trigger with no break-out before it only
	 * costs the full scan, which clears them */
	{
		static const char *const near[] = {
			"\"Math +*/ club\" <sip:100@example.com>;tag=1",
			"\"O'Brien +*/ team\" <sip:101@example.com>",
			"Grandstream GXP2170 1.0.11.23 (+*/)",
		};

		for (i = 0; i < sizeof(near) / sizeof(near[0]); i++)
			assert_int_equal(sg_inject_check(pol.matcher, (const u8 *)near[i],
							 strlen(near[i])), SG_INJECT_NONE);
	}
	print_message("%u spellings, %u flagged by the scan, %u cleared by the prefilter\n",
		      n, flagged, bad);
	assert_true(flagged >= 1500);	/* 1 923 of the 52 200 are attacks to the scan */
	assert_int_equal(bad, 0);
}

int main(int argc, char **argv)
{
	char dir[4096], *slash;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attacks),
		cmocka_unit_test(test_legit),
		cmocka_unit_test(test_field_report),
		cmocka_unit_test(test_prefilter_spellings),
	};

	/* the corpora are found from the test's own directory, wherever it
	 * is run from (make check runs it from the top) */
	(void)argc;
	snprintf(dir, sizeof(dir), "%s", argv[0]);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		if (chdir(dir))
			return 1;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
