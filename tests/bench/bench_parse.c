// SPDX-License-Identifier: GPL-2.0
/*
 * Cost per SIP message of three ways to judge it, on the same messages in
 * the same run:
 *   sipguard   sg_sip_inspect() with the default policy (full inspection)
 *   bm10       the iptables recipe: ten Boyer-Moore scans of the whole
 *              payload (lib/ts_bm.c's algorithm), one per scanner string
 *   osip       libosip2's osip_message_parse() (parse only, no checks)
 * and sipguard with 10, 100 and 1000 scanner patterns.
 *
 *   bench_parse callgrind FILE...   one call per (method, message) between
 *                                   callgrind toggles, dumped per call
 *   bench_parse time ITER FILE...   ns per call, native
 *   bench_parse loop METHOD N FILE  N calls of one method (0 sipguard,
 *                                   1 bm10), for a counter outside
 *                                   (tests/bench/tcg-cost.sh)
 * Output lines: "METHOD FILE BYTES VALUE".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <valgrind/callgrind.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>

#include "sip.h"

static const char *const recipe[10] = {
	"friendly-scanner", "sipvicious", "sipcli", "sip-scan", "VaxSIPUserAgent",
	"pplsip", "iWar", "sundayddr", "SIVuS", "smap",
};

/*
 * The kernel's Boyer-Moore text search (lib/ts_bm.c, which xt_string's
 * --algo bm uses), ported for one linear block and without TS_IGNORECASE:
 * iptables' -m string matches case-sensitively unless --icase is given,
 * and the field's recipes do not give it.
 */
#define BM_MAX	32

struct bm {
	int patlen;
	unsigned char pattern[BM_MAX];
	int bad_shift[256];
	int good_shift[BM_MAX];
};

static struct bm bms[10];

static int subpattern(const unsigned char *pattern, int i, int j, int g)
{
	int x = i + g - 1, y = j + g - 1, ret = 0;

	while (pattern[x--] == pattern[y--]) {
		if (y < 0) {
			ret = 1;
			break;
		}
		if (--g == 0) {
			ret = pattern[i - 1] != pattern[j - 1];
			break;
		}
	}
	return ret;
}

static void bm_init(struct bm *bm, const char *p)
{
	int i, j, g;

	bm->patlen = (int)strlen(p);
	memcpy(bm->pattern, p, (size_t)bm->patlen);
	for (i = 0; i < 256; i++)
		bm->bad_shift[i] = bm->patlen;
	for (i = 0; i < bm->patlen - 1; i++)
		bm->bad_shift[bm->pattern[i]] = bm->patlen - 1 - i;
	bm->good_shift[0] = 1;
	for (i = 1; i < bm->patlen; i++)
		bm->good_shift[i] = bm->patlen;
	for (i = bm->patlen - 1, g = 1; i > 0; g++, i--) {
		for (j = i - 1; j >= 1 - g; j--)
			if (subpattern(bm->pattern, i, j, g)) {
				bm->good_shift[g] = bm->patlen - j - g;
				break;
			}
	}
}

static int bm_find(const struct bm *bm, const unsigned char *text, int text_len)
{
	int shift = bm->patlen - 1, i, bs, gs;

	while (shift < text_len) {
		for (i = 0; i < bm->patlen; i++)
			if (text[shift - i] != bm->pattern[bm->patlen - 1 - i])
				goto next;
		return 1;
next:
		bs = bm->bad_shift[text[shift - i]];
		gs = bm->good_shift[i];
		shift = shift - i + bs > shift + gs ? shift - i + bs : shift + gs;
	}
	return 0;
}

static int bm10(const unsigned char *s, size_t n)
{
	int i, hit = 0;

	for (i = 0; i < 10; i++)
		hit |= bm_find(&bms[i], s, (int)n);
	return hit;
}

static struct sg_sip_policy pol[4];	/* default, 10, 100, 1000 patterns */

static void build_policies(void)
{
	static char names[1000][24];
	static struct sg_acm_pattern pats[1000];
	static const u32 sizes[4] = { 0, 10, 100, 1000 };
	int i, err;

	for (i = 0; i < 1000; i++) {
		/* the defaults first, then generated tool names */
		if ((u32)i < sg_default_nscanners) {
			pats[i] = sg_default_scanners[i];
			continue;
		}
		snprintf(names[i], sizeof(names[i]), "scan-tool-%04d", i);
		pats[i].str = names[i];
		pats[i].len = (u16)strlen(names[i]);
		pats[i].fields = SG_FIELD_UA;
		pats[i].flags = SG_PAT_WORD;
	}
	for (i = 0; i < 4; i++) {
		if (sg_sip_policy_init(&pol[i])) {
			fprintf(stderr, "bench_parse: policy build failed\n");
			exit(2);
		}
		if (!i)
			continue;
		sg_acm_free(pol[i].matcher);
		pol[i].matcher = sg_acm_build2(pats, sizes[i], sg_inject_triggers,
					       sg_inject_ntriggers, &err);
		if (!pol[i].matcher) {
			fprintf(stderr, "bench_parse: matcher build failed (%d)\n", err);
			exit(2);
		}
	}
}

static int run(int method, const unsigned char *msg, size_t len)
{
	struct sg_sip_result r;
	osip_message_t *sip;
	int rc;

	switch (method) {
	case 0:
		return sg_sip_inspect(&pol[0], msg, len, len, false, &r);
	case 1:
		return bm10(msg, len);
	case 2:
		if (osip_message_init(&sip))
			return -1;
		rc = osip_message_parse(sip, (const char *)msg, len);
		osip_message_free(sip);
		return rc;
	default:
		return sg_sip_inspect(&pol[method - 2], msg, len, len, false, &r);
	}
}

static void osip_quiet(const char *file, int line, osip_trace_level_t level,
		       const char *fmt, va_list ap)
{
	(void)file; (void)line; (void)level; (void)fmt; (void)ap;
}

static const char *const method_names[] = {
	"sipguard", "bm10", "osip", "sipguard-p10", "sipguard-p100", "sipguard-p1000",
};
#define NMETHODS 6

static unsigned char *load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;

	if (!f)
		return NULL;
	buf = malloc(70000);
	*len = buf ? fread(buf, 1, 70000, f) : 0;
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	volatile int sink = 0;
	long iters = 0;
	int i, m, first, nmethods;

	if (argc < 3 || (strcmp(argv[1], "callgrind") && strcmp(argv[1], "callgrind-sipguard") &&
			 strcmp(argv[1], "time") && strcmp(argv[1], "loop")) ||
	    (!strcmp(argv[1], "loop") && argc != 5)) {
		fprintf(stderr, "usage: bench_parse callgrind|callgrind-sipguard FILE... | time ITER FILE... | loop METHOD N FILE\n");
		return 2;
	}
	/* callgrind-sipguard: sipguard's full inspection only */
	nmethods = strcmp(argv[1], "callgrind-sipguard") ? NMETHODS : 1;
	first = 2;
	if (!strcmp(argv[1], "time")) {
		iters = atol(argv[2]);
		first = 3;
	}
	parser_init();
	/* libosip2 prints parse errors on stdout: route them to a no-op, so
	 * its cost is the parser's and not the terminal's
	 */
	osip_trace_initialize_func(END_TRACE_LEVEL, osip_quiet);
	for (i = 0; i < 10; i++)
		bm_init(&bms[i], recipe[i]);
	build_policies();

	if (!strcmp(argv[1], "loop")) {
		size_t len;
		unsigned char *msg = load(argv[4], &len);
		long k, n = atol(argv[3]);

		m = atoi(argv[2]);
		if (!msg || !len || m < 0 || m >= NMETHODS) {
			fprintf(stderr, "bench_parse: loop: no message in %s, or no method %d\n",
				argv[4], m);
			return 2;
		}
		for (k = 0; k < n; k++)
			sink += run(m, msg, len);
		free(msg);
		return sink == 12345678 ? 1 : 0;
	}

	for (i = first; i < argc; i++) {
		size_t len;
		unsigned char *msg = load(argv[i], &len);

		if (!msg || !len) {
			free(msg);
			continue;
		}
		for (m = 0; m < nmethods; m++) {
			if (!iters) {
				char label[64];

				sink += run(m, msg, len);	/* warm: first-call costs out */
				CALLGRIND_TOGGLE_COLLECT;
				sink += run(m, msg, len);
				CALLGRIND_TOGGLE_COLLECT;
				snprintf(label, sizeof(label), "%d:%d", m, i);
				CALLGRIND_DUMP_STATS_AT(label);
			} else {
				struct timespec a, b;
				long k;

				for (k = 0; k < iters / 10; k++)
					sink += run(m, msg, len);
				clock_gettime(CLOCK_MONOTONIC, &a);
				for (k = 0; k < iters; k++)
					sink += run(m, msg, len);
				clock_gettime(CLOCK_MONOTONIC, &b);
				printf("%s %s %zu %.1f\n", method_names[m], argv[i], len,
				       ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / iters);
			}
		}
		free(msg);
	}
	return sink == 12345678 ? 1 : 0;
}
