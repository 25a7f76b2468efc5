// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the pure core's packet-facing entry points: the
 * SIP inspection (as UDP and as a TCP segment, with the whole payload
 * mapped and with a window shorter than it, as the hook does; and as a TCP
 * stream cut in pieces, through the framer), the injection scanner
 * and the matcher. Built with ASan and UBSan; any report is a finding, and
 * so is a value the injection prefilter clears but the full scan flags.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sip.h"
#include "fuzz_policy.h"
#include "stream_feed.h"


static void check(const uint8_t *buf, size_t len, size_t total, bool tcp)
{
	struct sg_sip_result r;
	char line[128];

	sg_sip_inspect(&pol, buf, len, total, tcp, &r);
	/* what the hook logs must lie inside what it mapped */
	if (r.at > len || r.at_len > len - r.at)
		abort();
	if (r.reason != SG_VERDICT_ACCEPT) {
		sg_sip_describe(line, sizeof(line), &r, sg_default_scanners, sg_default_nscanners);
		sg_sanitize(line, sizeof(line), buf + r.at, r.at_len);
	}
}

#define ANSWER_LINE	"SIP/2.0 401 Unauthorized\r\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy, so ASan sees any read past the end */
	uint8_t *buf = malloc(size ? size : 1);
	size_t window = size / 2;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	check(buf, size, size, false);
	check(buf, size, size, true);
	check(buf, window, size, false);
	/* as a TCP stream, cut in pieces */
	stream_feed(&pol, buf, size);
	/* the prefilter's claim: what it clears, the full scan clears too */
	if (sg_inject_check(pol.matcher, buf, size) != sg_inject_scan(buf, size))
		abort();
	sg_acm_find(pol.matcher, buf, size, SG_FIELD_UA | SG_FIELD_FROM);
	free(buf);
	/* the output path's reader, on the input as a 401's header section,
	 * in an exact-size copy too */
	buf = malloc(size + sizeof(ANSWER_LINE) - 1);
	if (buf) {
		struct sg_answer a;

		memcpy(buf, ANSWER_LINE, sizeof(ANSWER_LINE) - 1);
		memcpy(buf + sizeof(ANSWER_LINE) - 1, data, size);
		if (sg_answer_read(buf, size + sizeof(ANSWER_LINE) - 1, &a) &&
		    a.len > size + sizeof(ANSWER_LINE) - 1 + (1U << 20))
			abort();	/* a length past any Content-Length it allows */
		free(buf);
	}
	return 0;
}
