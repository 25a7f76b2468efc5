/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Framing SIP messages out of a TCP stream (RFC 3261 18.3): the pure part
 * of TCP inspection, shared by the module (tcpflow.c, per flow) and by
 * `sipguardctl inspect --tcp` (one stream from a file).
 *
 * The caller keeps the stream's bytes in one buffer, appends what arrives
 * and calls sg_stream_next() until it returns SG_STREAM_MORE. Offsets are
 * relative to the buffer's start; a caller that drops a prefix of the
 * buffer (bytes sg_stream_keep() says are no longer needed) tells the
 * framer with sg_stream_shift(). Every byte is framed once: the scan for
 * the end of a header section resumes where it stopped, and a message is
 * parsed when its header section is whole and again, for the body checks,
 * when its body is (two passes at most).
 */
#ifndef _SG_STREAM_H
#define _SG_STREAM_H

#include "sgtypes.h"
#include "sip.h"

enum sg_stream_state {
	SG_STREAM_BETWEEN,	/* between messages: CR and LF are skipped */
	SG_STREAM_HEADER,	/* in a start line or header section */
	SG_STREAM_BODY,		/* in a body: the message ends at @need */
};

struct sg_stream {
	u32 scan;		/* the next byte not yet framed */
	u32 msg;		/* the open message's first byte (HEADER, BODY) */
	u32 need;		/* BODY: where the open message ends */
	u8 state;		/* enum sg_stream_state */
	u8 eol;			/* HEADER: 0 inside a line, 1 after LF, 2 after LF CR */
	u32 keepalives;		/* CRLF runs skipped between messages */
};

enum sg_stream_event {
	SG_STREAM_MORE,		/* every byte framed: wait for more */
	SG_STREAM_MESSAGE,	/* a message is whole and accepted by the parser */
	SG_STREAM_BAD,		/* the parser's verdict on a message is a drop */
};

/*
 * Frame what @buf[0, @len) holds past st->scan. On SG_STREAM_MESSAGE and
 * SG_STREAM_BAD, *@off and *@mlen give the message (or the header section
 * judged) and @res the parser's result; call again for the next event.
 * After SG_STREAM_BAD the stream is out of step: the caller stops.
 */
u8 sg_stream_next(const struct sg_sip_policy *pol, struct sg_stream *st, const u8 *buf,
		  u32 len, struct sg_sip_result *res, u32 *off, u32 *mlen);

/* The first byte the framer still needs: what is before it may go. */
static inline u32 sg_stream_keep(const struct sg_stream *st)
{
	return st->state == SG_STREAM_BETWEEN ? st->scan : st->msg;
}

/* The first @n bytes of the buffer are gone (n <= sg_stream_keep()). */
static inline void sg_stream_shift(struct sg_stream *st, u32 n)
{
	st->scan -= n;
	if (st->state != SG_STREAM_BETWEEN) {
		st->msg -= n;
		st->need -= n;
	}
}

#endif /* _SG_STREAM_H */
