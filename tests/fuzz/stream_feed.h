/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fuzzers' TCP stream: @buf fed to the framer in pieces of 1 to 16
 * bytes (sizes from a generator seeded by the input, so a finding
 * replays), the consumed prefix dropped as the module drops it. Aborts if
 * an event points outside the bytes held. Returns the events seen.
 */
#ifndef _SG_STREAM_FEED_H
#define _SG_STREAM_FEED_H

#include <stdlib.h>
#include <string.h>

#include "stream.h"

static inline unsigned int stream_feed(const struct sg_sip_policy *pol, const uint8_t *buf,
				       size_t size)
{
	uint8_t *held = malloc(size ? size : 1);
	struct sg_stream st = { 0 };
	uint32_t seed = 2166136261u, have = 0, off, mlen, k;
	size_t pos = 0;
	unsigned int events = 0;
	struct sg_sip_result r;
	u8 ev;

	if (!held)
		return 0;
	for (k = 0; k < size && k < 64; k++)
		seed = (seed ^ buf[k]) * 16777619u;
	while (pos < size) {
		size_t piece;

		seed = seed * 1103515245u + 12345u;
		piece = 1 + (seed >> 16) % 16;
		if (piece > size - pos)
			piece = size - pos;
		memcpy(held + have, buf + pos, piece);
		have += (uint32_t)piece;
		pos += piece;
		while ((ev = sg_stream_next(pol, &st, held, have, &r, &off, &mlen)) !=
		       SG_STREAM_MORE) {
			events++;
			if (off > have || mlen > have - off || r.at > mlen || r.at_len > mlen - r.at)
				abort();
			if (ev == SG_STREAM_BAD)
				goto out;
		}
		k = sg_stream_keep(&st);
		if (k > have)
			abort();
		memmove(held, held + k, have - k);
		have -= k;
		sg_stream_shift(&st, k);
	}
out:
	free(held);
	return events;
}

#endif
