// SPDX-License-Identifier: GPL-2.0
/*
 * sg_go_duration() (tools/sipguardctl/godur.c): the durations CrowdSec's
 * Local API sends, Go's spellings that must parse, and what Go's
 * time.ParseDuration refuses (strtod() would take some of it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sipguardctl.h"

static const struct {
	const char *in;
	int rc;
	uint32_t secs;
} vecs[] = {
	/* as crowdsec 1.4.6 words a decision's time left */
	{ "3h59m58.123456789s",	0, 14399 },
	{ "167h59m59.9s",	0, 604800 },
	{ "59m0.5s",		0, 3541 },
	{ "4h",			0, 14400 },
	/* Go's other spellings */
	{ "1.5h",		0, 5400 },
	{ ".5s",		0, 1 },
	{ "1.s",		0, 1 },
	{ "300ms",		0, 1 },		/* rounded up: still in force */
	{ "1000ms",		0, 1 },
	{ "1001ms",		0, 2 },
	{ "1500000us",		0, 2 },
	{ "1500000\xc2\xb5s",	0, 2 },		/* micro sign */
	{ "1500000\xce\xbcs",	0, 2 },		/* Greek mu */
	{ "2000000001ns",	0, 3 },
	{ "1h1m1s1ms",		0, 3662 },
	{ "+10s",		0, 10 },
	{ "0",			0, 0 },
	{ "0s",			0, 0 },		/* over */
	{ "-2.5s",		0, 0 },		/* over */
	{ "-0",			0, 0 },
	{ "-9223372036854775808ns", 0, 0 },	/* Go's smallest: over */
	{ "100000h",		0, SECS_MAX },	/* over 10 years: capped */
	{ "2562047h",		0, SECS_MAX },	/* Go's largest hours */
	/* Go sums whole nanoseconds: a fraction's part truncated */
	{ "1.7m",		0, 102 },
	{ "1.70m",		0, 102 },
	{ "0.3h",		0, 1080 },
	{ "1.1h",		0, 3960 },
	{ "0.5ns",		0, 0 },		/* 0 ns: over */
	{ "0.0000000001s",	0, 0 },
	{ "1.000000000000000000000000001s", 0, 1 },	/* digits past precision */
	/* not Go durations */
	{ "",			-1, 0 },
	{ "-",			-1, 0 },
	{ "10",			-1, 0 },	/* a unit is required but for 0 */
	{ "1e3s",		-1, 0 },
	{ "0x10s",		-1, 0 },
	{ "inf",		-1, 0 },
	{ "nans",		-1, 0 },
	{ " 10s",		-1, 0 },
	{ "10s ",		-1, 0 },
	{ "10 s",		-1, 0 },
	{ "1d",			-1, 0 },
	{ "1hh",		-1, 0 },
	{ ".s",			-1, 0 },
	{ "1..5s",		-1, 0 },
	{ "--1s",		-1, 0 },
	{ "1h-1m",		-1, 0 },
	{ "10S",		-1, 0 },
	/* past 2^63 ns, as Go refuses */
	{ "2562048h",		-1, 0 },
	{ "9223372036854775808ns", -1, 0 },
	{ "100000000h",		-1, 0 },
	{ "99999999999999999999s", -1, 0 },
	{ "2562047h2562047h",	-1, 0 },
};

static void test_go_duration(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		uint32_t secs = 12345;
		int rc = sg_go_duration(vecs[i].in, &secs);

		if (rc != vecs[i].rc || (rc == 0 && secs != vecs[i].secs))
			fail_msg("\"%s\": got %d, %u s; want %d, %u s", vecs[i].in, rc, secs,
				 vecs[i].rc, vecs[i].secs);
	}
}

/* every prefix of a long duration, in a buffer of its own size: no read past */
static void test_go_duration_bounded(void **state)
{
	const char *full = "3h59m58.123456789s";
	size_t n;

	(void)state;
	for (n = 0; n <= strlen(full); n++) {
		char *b = malloc(n + 1);
		uint32_t secs;

		assert_non_null(b);
		memcpy(b, full, n);
		b[n] = 0;
		(void)sg_go_duration(b, &secs);
		free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_go_duration),
		cmocka_unit_test(test_go_duration_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
