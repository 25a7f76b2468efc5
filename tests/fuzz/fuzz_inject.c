// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the injection detector alone (kmod/inject.c): the
 * input is one header value. Built with ASan, UBSan and the cost oracle's
 * step counter; a finding is a sanitizer report, a value the prefilter
 * (the matcher's triggers) clears but the full scan flags, or a scan that
 * takes more than SG_INJECT_COST_PER_BYTE steps a byte (it is linear: the
 * decoder reads each byte once, the lexer hands each lexeme to four lanes
 * whose rules read a bounded window).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sip.h"
#include "fuzz_policy.h"

#define SG_INJECT_COST_PER_BYTE	16
#define SG_INJECT_COST_FIXED	64

unsigned long sg_cost_steps;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy, so ASan sees any read past the end */
	uint8_t *buf = malloc(size ? size : 1);
	enum sg_inject full, pre;
	unsigned long steps;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	sg_cost_steps = 0;
	full = sg_inject_scan(buf, size);
	steps = sg_cost_steps;
	if (full >= __SG_INJECT_MAX)
		abort();
	if (steps > SG_INJECT_COST_FIXED + SG_INJECT_COST_PER_BYTE * size) {
		fprintf(stderr, "cost oracle: %lu steps for %zu bytes\n", steps, size);
		abort();
	}
	/* the prefilter's claim: what it clears, the full scan clears too */
	pre = sg_inject_check(pol.matcher, buf, size);
	if (pre != full) {
		fprintf(stderr, "prefilter: cleared a value the scan finds %s\n",
			sg_inject_name(full));
		abort();
	}
	free(buf);
	return 0;
}
