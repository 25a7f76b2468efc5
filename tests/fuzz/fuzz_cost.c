// SPDX-License-Identifier: GPL-2.0
/*
 * The cost oracle: libFuzzer on sg_sip_inspect() built with -DSG_COST, so
 * every loop of the pure core counts the bytes (or bounded units of work)
 * it visits in sg_cost_steps. An input that costs more than
 * SG_COST_PER_BYTE steps per byte of its length, plus a constant for the
 * fixed work, is a finding like a crash: the parser is meant to be linear,
 * and a super-linear input is a remote CPU exhaustion.
 *
 * SG_COST_PER_BYTE comes from the corpus and the adversarial messages of
 * tests/bench/adversarial.py (`make -C tests/fuzz cost-calibrate` prints
 * the highest steps per byte they reach), with a margin.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sip.h"
#include "fuzz_policy.h"
#include "stream_feed.h"

/*
 * The worst of the corpus, the adversarial set and seeds/ takes 5.8 steps
 * a byte; the limit is about twice that. It caught the quadratic
 * walk-back it was made for (977 a byte on 16 KiB), and in its first
 * clean-clone runs a second quadratic path nobody had seen: a multipart
 * part header folded over many blank lines, each fold trimming the whole
 * value again (12.2 and 26.8 a byte; seeds/cost-*.sip keep both).
 */
#ifndef SG_COST_PER_BYTE
#define SG_COST_PER_BYTE	12
#endif
#define SG_COST_FIXED		400	/* steps any message may take */

unsigned long sg_cost_steps;

#define ANSWER_LINE	"SIP/2.0 401 Unauthorized\r\n"
static uint8_t answer_buf[SG_SIP_MAX_MSG + sizeof(ANSWER_LINE)];

/* The steps one inspection takes, the most of UDP, a TCP segment and a
 * TCP stream fed in small pieces (framing resumes, never rescans). */
static unsigned long cost(const uint8_t *buf, size_t size)
{
	struct sg_sip_result r;
	unsigned long most = 0;
	int tcp;

	for (tcp = 0; tcp < 2; tcp++) {
		sg_cost_steps = 0;
		sg_sip_inspect(&pol, buf, size, size, tcp, &r);
		if (sg_cost_steps > most)
			most = sg_cost_steps;
	}
	sg_cost_steps = 0;
	stream_feed(&pol, buf, size);
	if (sg_cost_steps > most)
		most = sg_cost_steps;
	/* the output path's reader of the server's answers (answer.c), on the
	 * input as the header section of a 401 */
	if (size <= sizeof(answer_buf) - sizeof(ANSWER_LINE)) {
		struct sg_answer a;

		memcpy(answer_buf, ANSWER_LINE, sizeof(ANSWER_LINE) - 1);
		memcpy(answer_buf + sizeof(ANSWER_LINE) - 1, buf, size);
		sg_cost_steps = 0;
		sg_answer_read(answer_buf, size + sizeof(ANSWER_LINE) - 1, &a);
		if (sg_cost_steps > most)
			most = sg_cost_steps;
	}
	return most;
}

#ifdef SG_COST_CALIBRATE
/* cost-calibrate: the steps per byte of each file named, and the highest */
int main(int argc, char **argv)
{
	struct sg_sip_result r;
	double worst = 0;
	unsigned long steps;
	int i, dead = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		static uint8_t buf[70000];
		FILE *f = fopen(argv[i], "rb");
		size_t n;
		double per;

		if (!f)
			continue;
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		if (!n)
			continue;
		steps = cost(buf, n);
		/* the counter must be live: the header section of a request
		 * accepted was read whole, 8 bytes a step at the fastest
		 */
		if (sg_sip_inspect(&pol, buf, n, n, false, &r) == SG_VERDICT_ACCEPT &&
		    r.kind == SG_SIP_REQUEST && steps < r.body / 8)
			dead++;
		per = (double)(steps > SG_COST_FIXED ? steps - SG_COST_FIXED : 0) / n;
		if (per > worst)
			worst = per;
		printf("%8.2f %s\n", per, argv[i]);
	}
	printf("%8.2f worst (the oracle allows %d)\n", worst, SG_COST_PER_BYTE);
	if (dead)
		printf("%d accepted messages counted fewer steps than their length / 8: the counter is not live\n",
		       dead);
	return worst <= SG_COST_PER_BYTE && !dead ? 0 : 1;
}
#else
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long steps = cost(data, size);

	if (steps > SG_COST_FIXED + (unsigned long)SG_COST_PER_BYTE * size) {
		fprintf(stderr, "cost oracle: %lu steps for %zu bytes (%.1f per byte, the limit is %d)\n",
			steps, size, (double)steps / (size ? size : 1), SG_COST_PER_BYTE);
		abort();
	}
	return 0;
}
#endif
