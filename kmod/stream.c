// SPDX-License-Identifier: GPL-2.0
/*
 * Framing SIP messages out of a TCP stream. See stream.h.
 */
#include "stream.h"

/* A header section never ended within the message limit. */
static u8 too_long(const struct sg_sip_policy *pol, const u8 *msg, u32 avail,
		   struct sg_sip_result *res)
{
	u32 n = avail < pol->max_msg ? avail : pol->max_msg;

	/* the parser's own finding when it has one (a control byte, a
	 * line too long...), else "size"
	 */
	if (sg_sip_inspect(pol, msg, n, (size_t)pol->max_msg + 1, SG_SIP_STREAM, res) ==
	    SG_VERDICT_ACCEPT) {
		res->reason = SIPGUARD_REASON_MALFORMED;
		res->detail = SG_DETAIL_SIZE;
		res->where = SG_HDR_START_LINE;
		res->at = 0;
		res->at_len = n < 32 ? n : 32;
	}
	return SG_STREAM_BAD;
}

static u8 bare_lf(const u8 *msg, u32 hlen, struct sg_sip_result *res)
{
	memset(res, 0, sizeof(*res));
	res->reason = SIPGUARD_REASON_MALFORMED;
	res->detail = SG_DETAIL_NO_END;
	res->where = SG_HDR_START_LINE;
	res->pattern = -1;
	res->kind = hlen >= 8 && !memcmp(msg, "SIP/2.0 ", 8) ? SG_SIP_RESPONSE : SG_SIP_REQUEST;
	res->at = hlen >= 2 ? hlen - 2 : 0;
	res->at_len = hlen - res->at;
	return SG_STREAM_BAD;
}

u8 sg_stream_next(const struct sg_sip_policy *pol, struct sg_stream *st, const u8 *buf,
		  u32 len, struct sg_sip_result *res, u32 *off, u32 *mlen)
{
	u32 p, limit, hlen, avail;
	bool found = false;
	const u8 *q;

	switch (st->state) {
	case SG_STREAM_BETWEEN:
		p = st->scan;
		while (p < len && (buf[p] == '\r' || buf[p] == '\n'))
			p++;
		SG_STEP(p - st->scan);
		if (p > st->scan)
			st->keepalives++;
		st->scan = p;
		if (p == len)
			return SG_STREAM_MORE;
		st->state = SG_STREAM_HEADER;
		st->msg = p;
		st->eol = 0;
		fallthrough;
	case SG_STREAM_HEADER:
		/* the empty line: LF LF or LF CR LF, as header_section() reads it */
		limit = len - st->msg > pol->max_msg ? st->msg + pol->max_msg : len;
		p = st->scan;
		while (p < limit) {
			u8 c;

			if (!st->eol) {
				q = memchr(buf + p, '\n', limit - p);
				SG_STEP((q ? (u32)(q - buf) + 1 : limit) - p);
				if (!q) {
					p = limit;
					break;
				}
				p = (u32)(q - buf) + 1;
				st->eol = 1;
				continue;
			}
			c = buf[p++];
			SG_STEP(1);
			if (c == '\n') {
				found = true;
				break;
			}
			st->eol = c == '\r' && st->eol == 1 ? 2 : 0;
		}
		if (!found) {
			st->scan = p;
			if (limit - st->msg >= pol->max_msg)
				return (*off = st->msg, *mlen = limit - st->msg,
					too_long(pol, buf + st->msg, limit - st->msg, res));
			return SG_STREAM_MORE;
		}
		st->scan = p;
		hlen = p - st->msg;
		*off = st->msg;
		*mlen = hlen;
		/*
		 * The empty line must be CRLF: a stream reader that ends a
		 * header section only at LF CRLF (PJSIP) would read on past a
		 * bare LF LF, and frame the rest otherwise.
		 */
		if (st->eol == 1)
			return bare_lf(buf + st->msg, hlen, res);
		/*
		 * Parsed with what is there past the header section too (up to
		 * the message limit): a body already whole is checked in the
		 * same pass, and the message needs no second one.
		 */
		avail = len - st->msg < pol->max_msg ? len - st->msg : pol->max_msg;
		if (sg_sip_inspect(pol, buf + st->msg, avail, avail, SG_SIP_STREAM, res) !=
		    SG_VERDICT_ACCEPT)
			return SG_STREAM_BAD;
		if (res->body != hlen)		/* never: the same empty line */
			return bare_lf(buf + st->msg, hlen, res);
		st->need = st->msg + hlen + res->clen;
		if (hlen + res->clen <= avail) {
			*mlen = hlen + res->clen;
			st->scan = st->need;
			st->state = SG_STREAM_BETWEEN;
			return SG_STREAM_MESSAGE;
		}
		st->state = SG_STREAM_BODY;
		fallthrough;
	case SG_STREAM_BODY:
		if (len < st->need) {
			st->scan = len;
			return SG_STREAM_MORE;
		}
		*off = st->msg;
		*mlen = st->need - st->msg;
		st->scan = st->need;
		st->state = SG_STREAM_BETWEEN;
		return sg_sip_inspect(pol, buf + *off, *mlen, *mlen, SG_SIP_STREAM, res) ==
		       SG_VERDICT_ACCEPT ? SG_STREAM_MESSAGE : SG_STREAM_BAD;
	}
	return SG_STREAM_MORE;
}
