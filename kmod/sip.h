/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure core: the SIP parser and the content checks. One pass over the
 * message in place, no copies, every index bounded by the length given.
 */
#ifndef _SG_SIP_H
#define _SG_SIP_H

#include "sgtypes.h"
#include "acmatch.h"
#include "inject.h"
#include "answer.h"
#include <linux/sipguard.h>

/* Limits: generous defaults that real traffic never reaches. */
#define SG_SIP_MAX_MSG		65535	/* bytes in a message (UDP's maximum) */
#define SG_SIP_MAX_HEADERS	256	/* header fields in a message */
#define SG_SIP_MAX_LINE		8192	/* bytes in one physical header line */
#define SG_SIP_MAX_METHOD	64	/* bytes in a method token */
#define SG_SIP_MULTIPART_DEPTH	2	/* multipart levels: one nested in another at most */

/* What a payload on a SIP port turned out to be. */
enum sg_sip_kind {
	SG_SIP_REQUEST,
	SG_SIP_RESPONSE,
	SG_SIP_KEEPALIVE,	/* CRLF keepalives (RFC 5626), empty datagrams */
	SG_SIP_STUN,		/* STUN on the SIP port (RFC 5626 over UDP) */
	SG_SIP_OTHER,		/* a TCP segment not starting a request: passes */
	__SG_SIP_KIND_MAX
};

/* Header fields sipguard recognises (full and compact names). */
enum sg_hdr {
	SG_HDR_OTHER,
	SG_HDR_VIA, SG_HDR_FROM, SG_HDR_TO, SG_HDR_CALL_ID, SG_HDR_CSEQ,
	SG_HDR_CONTACT, SG_HDR_CONTENT_LENGTH, SG_HDR_CONTENT_TYPE,
	SG_HDR_CONTENT_ENCODING, SG_HDR_USER_AGENT, SG_HDR_MAX_FORWARDS,
	SG_HDR_SUBJECT, SG_HDR_SUPPORTED, SG_HDR_EVENT, SG_HDR_REFER_TO,
	SG_HDR_REFERRED_BY, SG_HDR_ALLOW_EVENTS, SG_HDR_SESSION_EXPIRES,
	SG_HDR_IDENTITY, SG_HDR_EXPIRES,
	SG_HDR_AUTHORIZATION, SG_HDR_PROXY_AUTHORIZATION, SG_HDR_PAI, SG_HDR_PPI,
	SG_HDR_RPID, SG_HDR_DIVERSION, SG_HDR_HISTORY_INFO, SG_HDR_REPLY_TO,
	SG_HDR_ORGANIZATION, SG_HDR_SERVER, SG_HDR_REASON, SG_HDR_WARNING,
	SG_HDR_CALL_INFO, SG_HDR_ALERT_INFO,
	SG_HDR_TOKENS,		/* a header whose grammar holds no text: see
				 * hdr_has_text() */
	SG_HDR_REQUEST_URI,	/* not a header: where a finding was */
	SG_HDR_START_LINE,
	SG_HDR_BODY,
	__SG_HDR_MAX
};

/* Why, within a drop reason. */
enum sg_detail {
	SG_DETAIL_NONE,
	/* malformed */
	SG_DETAIL_NOT_SIP,		/* no request or status line */
	SG_DETAIL_REQUEST_LINE,		/* METHOD SP URI SP VERSION broken */
	SG_DETAIL_VERSION,		/* not SIP/2.0 */
	SG_DETAIL_URI_SCHEME,		/* Request-URI without scheme: */
	SG_DETAIL_METHOD_LENGTH,	/* method token over SG_SIP_MAX_METHOD */
	SG_DETAIL_HEADER_LINE,		/* no colon, bad name, stray fold */
	SG_DETAIL_CONTROL_BYTE,		/* NUL, bare CR ... in the header section */
	SG_DETAIL_LINE_LENGTH,		/* header line over the limit */
	SG_DETAIL_HEADER_COUNT,		/* more header fields than the limit */
	SG_DETAIL_SIZE,			/* message over the limit */
	SG_DETAIL_NO_END,		/* header section not terminated */
	SG_DETAIL_MISSING_HEADER,	/* Via, From, To, Call-ID or CSeq */
	SG_DETAIL_DUPLICATE_HEADER,	/* From, To, Call-ID, CSeq, Content-Length twice */
	SG_DETAIL_CSEQ,			/* CSeq not "number method" */
	SG_DETAIL_CSEQ_METHOD,		/* CSeq method differs from the request's */
	SG_DETAIL_CONTENT_LENGTH,	/* not a number */
	SG_DETAIL_TRUNCATED,		/* Content-Length beyond the datagram */
	SG_DETAIL_BODY_CONTROL,		/* control bytes in an SDP body */
	SG_DETAIL_MULTIPART,		/* multipart without boundary or close */
	SG_DETAIL_EMPTY_VALUE,		/* a mandatory header with no value */
	SG_DETAIL_NUMBER,		/* Max-Forwards, Expires: not a number in range */
	SG_DETAIL_SMUGGLED,		/* UDP: a second message after Content-Length */
	/* method */
	SG_DETAIL_METHOD_DENIED,
	SG_DETAIL_METHOD_CASE,		/* a known method in another case */
	/* scanner */
	SG_DETAIL_SCANNER,
	/* injection: the enum sg_inject value follows */
	SG_DETAIL_INJECTION,
	/* origin */
	SG_DETAIL_ORIGIN,		/* the class is not accepted from this source */
	__SG_DETAIL_MAX
};

#define SG_CHECK_SCANNER	0x01
#define SG_CHECK_INJECTION	0x02
#define SG_CHECK_BODY		0x04	/* SDP control bytes, multipart framing */
#define SG_CHECK_ALL		0x07

/* Policy flags */
#define SG_POL_METHOD_ANYCASE	0x01	/* "register" is REGISTER, not a drop */

struct sg_sip_policy {
	u32 methods;			/* allowed: BIT(enum sipguard_method) */
	u32 max_msg;
	u32 max_line;
	u16 max_headers;
	u8 checks;			/* SG_CHECK_* */
	u8 flags;			/* SG_POL_* */
	/* scanner signatures (numbered from 0) and the injection
	 * prefilter's triggers in one matcher; NULL: no scanner check, and
	 * every value through the full injection scan */
	struct sg_acm *matcher;
};

#define SG_VERDICT_ACCEPT	0xff

struct sg_sip_result {
	u8 kind;		/* enum sg_sip_kind */
	u8 reason;		/* enum sipguard_reason, or SG_VERDICT_ACCEPT */
	u8 detail;		/* enum sg_detail */
	u8 where;		/* enum sg_hdr the finding is in */
	u8 method;		/* enum sipguard_method (requests), whatever its case */
	u8 inject;		/* enum sg_inject, for SG_DETAIL_INJECTION */
	u16 status;		/* status code (responses) */
	s32 pattern;		/* scanner pattern index, or -1 */
	u32 at, at_len;		/* the offending bytes: offset and length */
	u32 body;		/* offset of the body, when the headers ended */
	u32 clen;		/* Content-Length, when present and valid */
	u32 txn;		/* requests: sg_txn_hash() of Call-ID and CSeq */
	u32 cred;		/* requests: sg_cred_hash() of the credentials, 0: none */
};

/* What a buffer handed to sg_sip_inspect() is. */
enum sg_sip_mode {
	SG_SIP_UDP,		/* a datagram: the whole message */
	SG_SIP_SEGMENT,		/* a TCP segment alone: any part of a stream */
	SG_SIP_STREAM,		/* one message framed out of a TCP stream */
};

/* The default limits and checks, without matchers. */
void sg_sip_policy_default(struct sg_sip_policy *pol);
/* The defaults with the compiled-in scanner signatures and the injection
 * prefilter built into pol->matcher (configuration time: allocates).
 * 0 or -errno. */
int sg_sip_policy_init(struct sg_sip_policy *pol);
/* Frees what sg_sip_policy_init() built. */
void sg_sip_policy_release(struct sg_sip_policy *pol);

/*
 * Inspect one message: @buf holds the first @len bytes of a payload of
 * @total bytes (@len < @total only for a TCP segment longer than the
 * SG_SIP_MAX_MSG bytes the hook maps; a UDP message is always whole).
 * The cost is linear in @len: one pass, nothing walked twice but for a
 * bounded number of passes over a header value by its checks, and the
 * first framing fault ends the parse (malformed wins over every other
 * finding).
 * @mode: enum sg_sip_mode. SG_SIP_STREAM: @buf starts a message and
 * holds at least its header section (sg_stream_next() framed it); the
 * body is checked when all of it is in @buf, Content-Length is mandatory
 * (RFC 3261 18.3) and res->clen gives the message's length; a response's
 * header section is read for its framing too.
 * Returns res->reason: SG_VERDICT_ACCEPT or the reason to drop.
 */
u8 sg_sip_inspect(const struct sg_sip_policy *pol, const u8 *buf, size_t len,
		  size_t total, u8 mode, struct sg_sip_result *res);

/*
 * Copy @n bytes of packet text into @dst (@size bytes, NUL-terminated) fit
 * for a log line: blanks for CR, LF and HT, '?' for other control and
 * non-ASCII bytes, ' for ", and "..." when cut. Returns strlen(dst).
 */
size_t sg_sanitize(char *dst, size_t size, const u8 *src, size_t n);

/* One line describing a drop: "DETAIL in WHERE" (e.g. "cseq-method in cseq"). */
size_t sg_sip_describe(char *dst, size_t size, const struct sg_sip_result *res,
		       const struct sg_acm_pattern *pats, u32 npats);

const char *sg_sip_kind_name(u8 kind);
const char *sg_detail_name(u8 detail);
const char *sg_hdr_name(u8 hdr);
const char *sg_method_name(u8 method);

#endif /* _SG_SIP_H */
