// SPDX-License-Identifier: GPL-2.0
/*
 * Pure core: SIP parser and content checks (RFC 3261 section 7 and 25).
 *
 * One pass over the start line and the header section, in place. Each
 * header field is handed to its checks when the next one starts, with its
 * value as one span of the message (folded continuation lines included:
 * the consumers read CR and LF as blanks), so repeated headers are all
 * inspected and nothing is copied. Every read is bounded by @len; nothing
 * taken from the message (Content-Length, a boundary) is trusted as an
 * index before it is checked against what arrived.
 *
 * What is checked is what the issue of the day found in the field: framing
 * (the message a SIP server would refuse, or worse, parse differently),
 * the method allow set, scanner signatures and injection in the fields
 * that end up in databases and web GUIs. Semantics beyond that (SDP, URI
 * grammar in every header) are the SIP server's business.
 */
#include "sip.h"

/* Byte classes. */
#define C_CTL		0x01	/* control byte other than HTAB, CR, LF */
#define C_TOKEN		0x02	/* RFC 3261 token character */

static const u8 sg_cls[256] = {
	[0x00 ... 0x08] = C_CTL,
	[0x0b ... 0x0c] = C_CTL,
	[0x0e ... 0x1f] = C_CTL,
	[0x7f] = C_CTL,
	['a' ... 'z'] = C_TOKEN,
	['A' ... 'Z'] = C_TOKEN,
	['0' ... '9'] = C_TOKEN,
	['-'] = C_TOKEN, ['.'] = C_TOKEN, ['!'] = C_TOKEN, ['%'] = C_TOKEN,
	['*'] = C_TOKEN, ['_'] = C_TOKEN, ['+'] = C_TOKEN, ['`'] = C_TOKEN,
	['\''] = C_TOKEN, ['~'] = C_TOKEN,
};

/*
 * Word-at-a-time search for control bytes (< 0x20 or 0x7f: CR and LF end
 * lines, anything else is suspect), 8 bytes per test, exact (no carry
 * between bytes, unlike the has-zero trick of word-at-a-time.h, since the
 * sums below stay under 0x100 per byte), so the first hit is located with
 * one count of trailing zeros.
 */
#define SG_M7F	0x7f7f7f7f7f7f7f7fULL
#define SG_M80	0x8080808080808080ULL
#define SG_M01	0x0101010101010101ULL

static unsigned int first_byte(u64 mask)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (unsigned int)__builtin_clzll(mask) >> 3;
#else
	return (unsigned int)__builtin_ctzll(mask) >> 3;
#endif
}

/*
 * The same test for bytes below @lim (0x20: control bytes; 0x21: the space
 * too) or 0x7f: (byte & 0x7f) + 0x80 - lim keeps its top bit clear exactly
 * when the byte is below @lim.
 */
static __always_inline u64 below_mask(u64 x, u8 lim)
{
	u64 low = x & SG_M7F;
	u64 lt = ~((low + SG_M01 * (u8)(0x80 - lim)) | x) & SG_M80;
	u64 del = (low + SG_M01) & ~x & SG_M80;		/* byte == 0x7f */

	return lt | del;
}

/*
 * Bytes equal to @c: a byte of y is zero exactly when (y & 0x7f) + 0x7f
 * and y both have their top bit clear (the sum stays under 0x100: exact).
 */
static __always_inline u64 eq_mask(u64 x, u8 c)
{
	u64 y = x ^ (SG_M01 * c);

	return ~(((y & SG_M7F) + SG_M7F) | y) & SG_M80;
}

/* What a scan looks for. */
enum scan {
	SCAN_BELOW,	/* a byte below its argument, or 0x7f */
	SCAN_EQ,	/* its argument */
	SCAN_CTL,	/* C_CTL: a control byte but HTAB, CR and LF */
};

static __always_inline u64 scan_mask(u64 x, enum scan k, u8 arg)
{
	switch (k) {
	case SCAN_BELOW:
		return below_mask(x, arg);
	case SCAN_EQ:
		return eq_mask(x, arg);
	default:
		return below_mask(x, 0x20) &
		       ~(eq_mask(x, '\t') | eq_mask(x, '\n') | eq_mask(x, '\r'));
	}
}

static __always_inline bool scan_hit(u8 b, enum scan k, u8 arg)
{
	switch (k) {
	case SCAN_BELOW:
		return b < arg || b == 0x7f;
	case SCAN_EQ:
		return b == arg;
	default:
		return sg_cls[b] & C_CTL;
	}
}

/*
 * The first byte in [p, end) a scan looks for, or end: two words a turn
 * with one branch for both, then the last word read where it ends (the
 * bytes it shares with the ones before were found clean), so no byte loop
 * but below 8 bytes. Under an emulator a branch is what costs.
 */
static __always_inline const u8 *scan(const u8 *p, const u8 *end, enum scan k, u8 arg)
{
	u64 a, b, ma, mb;

	if (end - p < 8) {
		while (p < end && !scan_hit(*p, k, arg)) {
			SG_STEP(1);
			p++;
		}
		return p;
	}
	while (end - p >= 16) {
		SG_STEP(2);
		memcpy(&a, p, 8);
		memcpy(&b, p + 8, 8);
		ma = scan_mask(a, k, arg);
		mb = scan_mask(b, k, arg);
		if (ma | mb)
			return ma ? p + first_byte(ma) : p + 8 + first_byte(mb);
		p += 16;
	}
	if (end - p > 8) {
		SG_STEP(1);
		memcpy(&a, p, 8);
		ma = scan_mask(a, k, arg);
		if (ma)
			return p + first_byte(ma);
	}
	SG_STEP(1);
	memcpy(&a, end - 8, 8);
	ma = scan_mask(a, k, arg);
	return ma ? end - 8 + first_byte(ma) : end;
}

/* The first byte in [p, end) that is no VCHAR (a blank, a control byte, DEL), or end. */
static __always_inline const u8 *find_blank(const u8 *p, const u8 *end)
{
	return scan(p, end, SCAN_BELOW, 0x21);
}

/* The first control byte in [p, end), or end. */
static __always_inline const u8 *find_ctl(const u8 *p, const u8 *end)
{
	return scan(p, end, SCAN_BELOW, 0x20);
}

/* memchr(), a word at a time: the kernel's is a byte loop on x86-64. */
static __always_inline const u8 *find_byte(const u8 *p, size_t n, u8 c)
{
	const u8 *e = scan(p, p + n, SCAN_EQ, c);

	return e < p + n ? e : NULL;
}

static u8 lower(u8 c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool is_wsp(u8 c)
{
	return c == ' ' || c == '\t';
}

/* Blanks inside a header value: folds leave CR and LF there. */
static bool is_lws(u8 c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_digit(u8 c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(u8 c)
{
	c = lower(c);
	return c >= 'a' && c <= 'z';
}

/* Case-insensitive compare of @n bytes with a lower-case literal. */
static bool ieq(const u8 *s, const char *lit, size_t n)
{
	size_t i;

	SG_STEP(n);
	for (i = 0; i < n; i++)
		if (lower(s[i]) != (u8)lit[i])
			return false;
	return true;
}

#define IEQ(s, n, lit) ((n) == sizeof(lit) - 1 && ieq(s, lit, sizeof(lit) - 1))

/* @w (1, 2, 4 or 8, a constant) bytes at @p, as one word. */
static __always_inline u64 load_word(const void *p, size_t w)
{
	u64 x8;
	u32 x4;
	u16 x2;

	switch (w) {
	case 8:
		memcpy(&x8, p, 8);
		return x8;
	case 4:
		memcpy(&x4, p, 4);
		return x4;
	case 2:
		memcpy(&x2, p, 2);
		return x2;
	default:
		return *(const u8 *)p;
	}
}

/*
 * The same for a field name, whose bytes are token characters: OR-ing 0x20
 * folds their letters and maps no other token character onto a letter or
 * '-' (the only bytes of the names compared), so it is exact there, and
 * cheaper than lower(). @n is a constant (the literal's length, which the
 * caller has checked against the name's): the compare is a few words, the
 * last one overlapping the one before, with one branch for all of them.
 */
static __always_inline bool name_eq(const u8 *s, const char *lit, size_t n)
{
	size_t w = n >= 8 ? 8 : n >= 4 ? 4 : n >= 2 ? 2 : 1, i;
	u64 fold = 0x2020202020202020ULL >> (64 - 8 * w);
	u64 diff = 0;

	SG_STEP(n);
	for (i = 0; i + w <= n; i += w)
		diff |= (load_word(s + i, w) | fold) ^ load_word(lit + i, w);
	if (i < n)
		diff |= (load_word(s + n - w, w) | fold) ^ load_word(lit + n - w, w);
	return !diff;
}

/* A byte span of the message. */
struct span {
	const u8 *p;
	size_t n;
};

/* Two spans of the same length, equal but for case. */
static bool ieq_span(struct span a, struct span b)
{
	size_t i;

	SG_STEP(a.n);
	for (i = 0; i < a.n; i++)
		if (lower(a.p[i]) != lower(b.p[i]))
			return false;
	return true;
}

static __always_inline struct span trim(const u8 *p, const u8 *end)
{
	struct span s;

	while (p < end && is_lws(*p)) {
		SG_STEP(1);
		p++;
	}
	while (end > p && is_lws(end[-1])) {
		SG_STEP(1);
		end--;
	}
	s.p = p;
	s.n = (size_t)(end - p);
	return s;
}

static enum sg_hdr hdr_lookup(const u8 *n, size_t len)
{
	static const u8 compact[26] = {
		['i' - 'a'] = SG_HDR_CALL_ID,	['m' - 'a'] = SG_HDR_CONTACT,
		['e' - 'a'] = SG_HDR_CONTENT_ENCODING,
		['l' - 'a'] = SG_HDR_CONTENT_LENGTH,
		['c' - 'a'] = SG_HDR_CONTENT_TYPE, ['f' - 'a'] = SG_HDR_FROM,
		['s' - 'a'] = SG_HDR_SUBJECT,	['k' - 'a'] = SG_HDR_SUPPORTED,
		['t' - 'a'] = SG_HDR_TO,	['v' - 'a'] = SG_HDR_VIA,
		['o' - 'a'] = SG_HDR_EVENT,	['r' - 'a'] = SG_HDR_REFER_TO,
		['b' - 'a'] = SG_HDR_REFERRED_BY, ['u' - 'a'] = SG_HDR_ALLOW_EVENTS,
		['x' - 'a'] = SG_HDR_SESSION_EXPIRES, ['y' - 'a'] = SG_HDR_IDENTITY,
	};

	switch (len) {
	case 1:
		return is_alpha(n[0]) ? compact[lower(n[0]) - 'a'] : SG_HDR_OTHER;
	case 2:
		return name_eq(n, "to", 2) ? SG_HDR_TO : SG_HDR_OTHER;
	case 3:
		return name_eq(n, "via", 3) ? SG_HDR_VIA : SG_HDR_OTHER;
	case 4:
		if (name_eq(n, "from", 4))
			return SG_HDR_FROM;
		if (name_eq(n, "cseq", 4))
			return SG_HDR_CSEQ;
		return name_eq(n, "rseq", 4) || name_eq(n, "rack", 4) ? SG_HDR_TOKENS : SG_HDR_OTHER;
	case 5:
		if (name_eq(n, "event", 5))
			return SG_HDR_EVENT;
		return name_eq(n, "allow", 5) ? SG_HDR_TOKENS : SG_HDR_OTHER;
	case 6:
		if (name_eq(n, "server", 6))
			return SG_HDR_SERVER;
		return name_eq(n, "reason", 6) ? SG_HDR_REASON : SG_HDR_OTHER;
	case 7:
		if (name_eq(n, "call-id", 7))
			return SG_HDR_CALL_ID;
		if (name_eq(n, "contact", 7))
			return SG_HDR_CONTACT;
		if (name_eq(n, "expires", 7))
			return SG_HDR_EXPIRES;
		if (name_eq(n, "warning", 7))
			return SG_HDR_WARNING;
		if (name_eq(n, "require", 7))
			return SG_HDR_TOKENS;
		return name_eq(n, "subject", 7) ? SG_HDR_SUBJECT : SG_HDR_OTHER;
	case 8:
		if (name_eq(n, "refer-to", 8))
			return SG_HDR_REFER_TO;
		if (name_eq(n, "reply-to", 8))
			return SG_HDR_REPLY_TO;
		return name_eq(n, "identity", 8) ? SG_HDR_IDENTITY : SG_HDR_OTHER;
	case 9:
		if (name_eq(n, "diversion", 9))
			return SG_HDR_DIVERSION;
		if (name_eq(n, "call-info", 9))
			return SG_HDR_CALL_INFO;
		return name_eq(n, "supported", 9) ? SG_HDR_SUPPORTED : SG_HDR_OTHER;
	case 10:
		if (name_eq(n, "alert-info", 10))
			return SG_HDR_ALERT_INFO;
		return name_eq(n, "user-agent", 10) ? SG_HDR_USER_AGENT : SG_HDR_OTHER;
	case 11:
		if (name_eq(n, "unsupported", 11) || name_eq(n, "min-expires", 11))
			return SG_HDR_TOKENS;
		return name_eq(n, "referred-by", 11) ? SG_HDR_REFERRED_BY : SG_HDR_OTHER;
	case 12:
		if (name_eq(n, "content-type", 12))
			return SG_HDR_CONTENT_TYPE;
		if (name_eq(n, "max-forwards", 12))
			return SG_HDR_MAX_FORWARDS;
		if (name_eq(n, "organization", 12))
			return SG_HDR_ORGANIZATION;
		if (name_eq(n, "history-info", 12))
			return SG_HDR_HISTORY_INFO;
		if (name_eq(n, "mime-version", 12))
			return SG_HDR_TOKENS;
		return name_eq(n, "allow-events", 12) ? SG_HDR_ALLOW_EVENTS : SG_HDR_OTHER;
	case 13:
		if (name_eq(n, "authorization", 13))
			return SG_HDR_AUTHORIZATION;
		return name_eq(n, "proxy-require", 13) ? SG_HDR_TOKENS : SG_HDR_OTHER;
	case 14:
		return name_eq(n, "content-length", 14) ? SG_HDR_CONTENT_LENGTH : SG_HDR_OTHER;
	case 15:
		if (name_eq(n, "remote-party-id", 15))
			return SG_HDR_RPID;
		return name_eq(n, "session-expires", 15) ? SG_HDR_SESSION_EXPIRES : SG_HDR_OTHER;
	case 16:
		if (name_eq(n, "content-language", 16))
			return SG_HDR_TOKENS;
		return name_eq(n, "content-encoding", 16) ? SG_HDR_CONTENT_ENCODING : SG_HDR_OTHER;
	case 19:
		if (name_eq(n, "p-asserted-identity", 19))
			return SG_HDR_PAI;
		return name_eq(n, "proxy-authorization", 19) ? SG_HDR_PROXY_AUTHORIZATION
							       : SG_HDR_OTHER;
	case 20:
		return name_eq(n, "p-preferred-identity", 20) ? SG_HDR_PPI : SG_HDR_OTHER;
	}
	return SG_HDR_OTHER;
}

/*
 * Headers the content checks do not read: those whose grammar (RFC 3261
 * 25.1 and their own RFCs) holds numbers, methods and option tags only, no
 * quoted string or generic parameter, so no text a server, database or GUI
 * would keep; and Via, whose parameters could hold some but which every
 * proxy rewrites and no server keeps (no acc, location or subscriber
 * column holds it): in every message, it would cost a tenth of the parse.
 * Every other header, unknown ones (X-...) included, is read.
 */
static __always_inline bool hdr_has_text(enum sg_hdr id)
{
	switch (id) {
	case SG_HDR_VIA:
	case SG_HDR_CSEQ:
	case SG_HDR_CONTENT_LENGTH:
	case SG_HDR_MAX_FORWARDS:
	case SG_HDR_EXPIRES:
	case SG_HDR_SUPPORTED:
	case SG_HDR_ALLOW_EVENTS:
	case SG_HDR_CONTENT_ENCODING:
	case SG_HDR_TOKENS:
		return false;
	default:
		return true;
	}
}

/* The scanner fields a header's value is matched as. */
static __always_inline u8 hdr_fields(enum sg_hdr id)
{
	switch (id) {
	case SG_HDR_USER_AGENT:
	case SG_HDR_SERVER:
		return SG_FIELD_UA | SG_FIELD_HEADER;
	case SG_HDR_FROM:
		return SG_FIELD_FROM | SG_FIELD_HEADER;
	case SG_HDR_TO:
		return SG_FIELD_TO | SG_FIELD_HEADER;
	case SG_HDR_CONTACT:
		return SG_FIELD_CONTACT | SG_FIELD_HEADER;
	default:
		return SG_FIELD_HEADER;
	}
}

static const char *const method_names[__SIPGUARD_METHOD_MAX] = {
	[SIPGUARD_METHOD_UNKNOWN]	= "unknown",
	[SIPGUARD_METHOD_INVITE]	= "INVITE",
	[SIPGUARD_METHOD_ACK]		= "ACK",
	[SIPGUARD_METHOD_BYE]		= "BYE",
	[SIPGUARD_METHOD_CANCEL]	= "CANCEL",
	[SIPGUARD_METHOD_REGISTER]	= "REGISTER",
	[SIPGUARD_METHOD_OPTIONS]	= "OPTIONS",
	[SIPGUARD_METHOD_PRACK]		= "PRACK",
	[SIPGUARD_METHOD_SUBSCRIBE]	= "SUBSCRIBE",
	[SIPGUARD_METHOD_NOTIFY]	= "NOTIFY",
	[SIPGUARD_METHOD_PUBLISH]	= "PUBLISH",
	[SIPGUARD_METHOD_INFO]		= "INFO",
	[SIPGUARD_METHOD_REFER]		= "REFER",
	[SIPGUARD_METHOD_MESSAGE]	= "MESSAGE",
	[SIPGUARD_METHOD_UPDATE]	= "UPDATE",
};

/*
 * Methods are case-sensitive (RFC 3261 7.1), but Kamailio, OpenSIPS and
 * PJSIP read "register" as REGISTER: a known method in another case is
 * that method for every limit (*@other_case tells), so lower case cannot
 * buy a laxer rate class, and is then dropped unless the policy allows it.
 */
static u8 method_lookup(const u8 *m, size_t len, bool *other_case)
{
	u8 i;

	*other_case = false;
	if (len > 9)		/* SUBSCRIBE is the longest */
		return SIPGUARD_METHOD_UNKNOWN;
	for (i = 1; i < __SIPGUARD_METHOD_MAX; i++) {
		size_t n = strlen(method_names[i]), j;

		SG_STEP(1);
		if (n != len)
			continue;
		if (!memcmp(method_names[i], m, len))
			return i;
		for (j = 0; j < len && lower(m[j]) == lower((u8)method_names[i][j]); j++)
			;
		if (j == len) {
			*other_case = true;
			return i;
		}
	}
	return SIPGUARD_METHOD_UNKNOWN;
}

/* The parser's state for one message. */
struct msg {
	const struct sg_sip_policy *pol;
	struct sg_sip_result *res;
	const u8 *buf, *end;
	struct span method;
	bool method_case;		/* a known method in another case */
	u16 seen[__SG_HDR_MAX];
	struct span cseq, ctype, cenc, callid;
	u32 cred;			/* hash of the credentials, 0: none */
	u64 clen;
	bool has_clen;
	bool response;			/* a status line: framing only */
	bool stream;			/* framed from a TCP stream */
	/* the first finding of each kind, reported in the order of
	 * Documentation/design.md, "Order of checks"
	 */
	u8 malformed, malformed_where;
	struct span malformed_at;
	s32 scanner;
	u8 scanner_where;
	struct span scanner_at;
	u8 inject, inject_where;
	struct span inject_at;
};

static void malformed(struct msg *m, u8 detail, u8 where, const u8 *p, size_t n)
{
	if (m->malformed)
		return;
	m->malformed = detail;
	m->malformed_where = where;
	m->malformed_at.p = p;
	m->malformed_at.n = n;
}

/*
 * The content checks of one value, in one matcher pass: the scanner
 * signatures for @field, and the injection prefilter's triggers; the full
 * injection scan only when a trigger is there. @inject false: signatures
 * only (an SDP line).
 */
static inline void check_content(struct msg *m, u8 where, u8 field, struct span v, bool inject)
{
	const struct sg_acm *acm = m->pol->matcher;
	bool trigger = !acm;
	enum sg_inject what;
	s32 pat = -1;

	if (m->scanner >= 0 || !(m->pol->checks & SG_CHECK_SCANNER))
		field = 0;
	if (m->inject || !(m->pol->checks & SG_CHECK_INJECTION))
		inject = false;
	if (acm && (field || inject))
		pat = sg_acm_find_mark(acm, v.p, v.n, field, inject ? SG_FIELD_INJECT : 0,
				       &trigger);
	if (pat >= 0) {
		m->scanner = pat;
		m->scanner_where = where;
		m->scanner_at = v;
		return;
	}
	if (!inject || !trigger)
		return;
	what = sg_inject_scan(v.p, v.n);
	if (what != SG_INJECT_NONE) {
		m->inject = (u8)what;
		m->inject_where = where;
		m->inject_at = v;
	}
}

/* "1*DIGIT" with optional blanks around; false if anything else. */
static bool parse_number(struct span v, u64 max, u64 *out)
{
	u64 n = 0;
	size_t i;

	if (!v.n)
		return false;
	SG_STEP(v.n);
	for (i = 0; i < v.n; i++) {
		if (!is_digit(v.p[i]) || n > (max - (v.p[i] - '0')) / 10)
			return false;
		n = n * 10 + (v.p[i] - '0');
	}
	*out = n;
	return true;
}

/* A header field is complete: count it and run its checks. */
static __always_inline void header_done(struct msg *m, enum sg_hdr id, const u8 *name,
					const u8 *vstart, const u8 *vend)
{
	struct span v = trim(vstart, vend);
	struct span field = { name, (size_t)(vend - name) };
	u64 n;

	if (m->seen[id] < U16_MAX)
		m->seen[id]++;
	/*
	 * A response gets the content checks, and is read for its length;
	 * the rules of a request's framing below are not applied to it
	 * (SIPp's UPDATE answers carry Content-Type twice).
	 */
	if (m->response) {
		if (hdr_has_text(id))
			check_content(m, id, hdr_fields(id), v, true);
		if (id != SG_HDR_CONTENT_LENGTH)
			return;
	}
	switch (id) {
	case SG_HDR_FROM:
	case SG_HDR_TO:
	case SG_HDR_CALL_ID:
	case SG_HDR_CSEQ:
	case SG_HDR_MAX_FORWARDS:
	case SG_HDR_CONTENT_TYPE:
		/* Singletons: two of them is how filters get bypassed, one
		 * parser reading the first and another the last (Kamailio
		 * takes the first Content-Type).
		 */
		if (m->seen[id] > 1) {
			malformed(m, SG_DETAIL_DUPLICATE_HEADER, id, field.p, field.n);
			return;
		}
		break;
	default:
		break;
	}

	switch (id) {
	case SG_HDR_VIA:
	case SG_HDR_FROM:
	case SG_HDR_TO:
	case SG_HDR_CALL_ID:
		/* a mandatory header is there only with a value */
		if (!v.n) {
			malformed(m, SG_DETAIL_EMPTY_VALUE, id, field.p, field.n);
			return;
		}
		break;
	default:
		break;
	}

	if (hdr_has_text(id))
		check_content(m, id, hdr_fields(id), v, true);
	switch (id) {
	case SG_HDR_CSEQ:
		m->cseq = v;
		break;
	case SG_HDR_CALL_ID:
		m->callid = v;
		break;
	case SG_HDR_AUTHORIZATION:
	case SG_HDR_PROXY_AUTHORIZATION:
		/* what answer.c tells a new attempt from a retransmission by */
		m->cred = sg_hash_bytes(m->cred ? m->cred : SG_HASH_INIT, v.p, v.n);
		break;
	case SG_HDR_CONTENT_TYPE:
		m->ctype = v;
		break;
	case SG_HDR_CONTENT_ENCODING:
		m->cenc = v;
		break;
	case SG_HDR_MAX_FORWARDS:
		/* 1*DIGIT, 0-255 (RFC 3261 20.22) */
		if (!parse_number(v, 255, &n))
			malformed(m, SG_DETAIL_NUMBER, id, field.p, field.n);
		break;
	case SG_HDR_EXPIRES:
		/* delta-seconds, 0 to 2**32-1 (RFC 3261 20.19) */
		if (!parse_number(v, U32_MAX, &n))
			malformed(m, SG_DETAIL_NUMBER, id, field.p, field.n);
		break;
	case SG_HDR_CONTENT_LENGTH:
		if (!parse_number(v, SG_SIP_MAX_MSG * 16ULL, &n)) {
			malformed(m, SG_DETAIL_CONTENT_LENGTH, id, v.p, v.n);
			break;
		}
		if (m->has_clen && n != m->clen)
			malformed(m, SG_DETAIL_DUPLICATE_HEADER, id, v.p, v.n);
		m->clen = n;
		m->has_clen = true;
		break;
	default:
		break;
	}
}

/* CSeq = 1*DIGIT LWS Method, the number below 2**31 (RFC 3261 8.1.1.5). */
static void check_cseq(struct msg *m)
{
	struct span v = m->cseq, num, meth;
	size_t i = 0;
	u64 n;

	while (i < v.n && is_digit(v.p[i]))
		i++;
	num.p = v.p;
	num.n = i;
	meth = trim(v.p + i, v.p + v.n);
	if (!i || i == v.n || !is_lws(v.p[i]) || !parse_number(num, 0x7fffffff, &n) ||
	    !meth.n) {
		malformed(m, SG_DETAIL_CSEQ, SG_HDR_CSEQ, v.p, v.n);
		return;
	}
	if (meth.n > SG_SIP_MAX_METHOD) {
		malformed(m, SG_DETAIL_METHOD_LENGTH, SG_HDR_CSEQ, v.p, v.n);
		return;
	}
	/* Also for ACK and CANCEL: their CSeq carries their own method.
	 * Compared as the servers compare them, whatever the case; a
	 * difference in case alone is the method check's business.
	 */
	if (meth.n != m->method.n)
		malformed(m, SG_DETAIL_CSEQ_METHOD, SG_HDR_CSEQ, v.p, v.n);
	else if (memcmp(meth.p, m->method.p, meth.n) && ieq_span(meth, m->method))
		m->method_case = true;
	else if (memcmp(meth.p, m->method.p, meth.n))
		malformed(m, SG_DETAIL_CSEQ_METHOD, SG_HDR_CSEQ, v.p, v.n);
}

/*
 * The value of parameter @name (lower case) in a header value, if any:
 * ";" name "=" value, where a ";" inside a quoted string (with its
 * quoted-pairs) separates nothing, as PJSIP and Sofia read it. One pass.
 */
static bool find_param(struct span v, const char *name, struct span *out)
{
	size_t nlen = strlen(name), i = 0, start = 0;
	bool in = false, found = false;

	SG_STEP(v.n);
	for (;; i++) {
		if (i < v.n && in) {
			if (v.p[i] == '\\')
				i++;
			else if (v.p[i] == '"')
				in = false;
			continue;
		}
		if (i < v.n && v.p[i] == '"') {
			in = true;
			continue;
		}
		if (i < v.n && v.p[i] != ';')
			continue;
		/* [start, i) is one parameter, or the value before the first */
		if (start) {
			const u8 *eq = find_byte(v.p + start, i - start, '=');
			struct span pn = trim(v.p + start, eq ? eq : v.p + i);

			if (eq && pn.n == nlen && ieq(pn.p, name, nlen) && !found) {
				*out = trim(eq + 1, v.p + i);
				if (out->n >= 2 && out->p[0] == '"' && out->p[out->n - 1] == '"') {
					out->p++;
					out->n -= 2;
				}
				found = true;	/* the first one counts, as in PJSIP and Kamailio */
			}
		}
		if (i >= v.n)
			break;
		start = i + 1;
	}
	return found && out->n > 0;
}

/*
 * Bodies. An SDP body is text (RFC 8866), so a NUL or other control byte
 * there is an attack on a parser, not a session description. A multipart
 * body (RFC 2046 5.1.1) needs a valid boundary and its close delimiter,
 * and each of its parts is judged as a body of its own type, nested
 * multiparts included (to SG_SIP_MULTIPART_DEPTH levels). Each level is one
 * pass over its bytes, so the cost is at most that many passes.
 */
static void check_entity(struct msg *m, struct span ct, struct span enc,
			 const u8 *body, size_t n, u32 depth);

/*
 * Is a Content-Type value of media type @type "/" @sub (lower case; @sub
 * NULL: any)? RFC 3261 25.1 allows blanks around the slash
 * (SLASH = SWS "/" SWS), and Kamailio and Sofia read them so.
 */
static bool media_is(struct span ct, const char *type, const char *sub)
{
	const u8 *p = ct.p, *end = ct.p + ct.n, *t;
	size_t n;

	SG_STEP(ct.n);
	while (p < end && is_lws(*p))
		p++;
	for (t = p; p < end && (sg_cls[*p] & C_TOKEN); p++)
		;
	n = strlen(type);
	if ((size_t)(p - t) != n || !ieq(t, type, n))
		return false;
	while (p < end && is_lws(*p))
		p++;
	if (p >= end || *p++ != '/')
		return false;
	if (!sub)
		return true;
	while (p < end && is_lws(*p))
		p++;
	for (t = p; p < end && (sg_cls[*p] & C_TOKEN); p++)
		;
	n = strlen(sub);
	return (size_t)(p - t) == n && ieq(t, sub, n);
}

/* Does a line of @b start with "v=", as a lenient SDP parser looks for it
 * (Kamailio's find_sdp_line: after any CR or LF)? */
static bool has_sdp_line(const u8 *b, size_t n)
{
	size_t i;

	SG_STEP(n);
	if (n >= 2 && b[0] == 'v' && b[1] == '=')
		return true;
	for (i = 0; i + 2 < n; i++)
		if ((b[i] == '\r' || b[i] == '\n') && b[i + 1] == 'v' && b[i + 2] == '=')
			return true;
	return false;
}

/*
 * A body compressed as its Content-Encoding says (RFC 3261 20.12 names
 * gzip; deflate too) is not text and is not read as such: a gzip member
 * header (RFC 1952: magic, method 8, no reserved flag, room for the
 * trailer) or a zlib one (RFC 1950), and no line a lenient SDP parser
 * would start from, since Kamailio parses an SDP it finds in a body it
 * never decompresses. Anything else - a coding sipguard does not know, a
 * claim the bytes do not bear out, two Content-Encodings - is read as
 * text: the header does not hide a NUL in a plain SDP.
 */
static bool compressed(const struct msg *m, struct span enc, const u8 *b, size_t n)
{
	bool ok;

	if (m->seen[SG_HDR_CONTENT_ENCODING] > 1)
		return false;
	if (IEQ(enc.p, enc.n, "gzip") || IEQ(enc.p, enc.n, "x-gzip"))
		ok = n >= 18 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8 && !(b[3] & 0xe0);
	else if (IEQ(enc.p, enc.n, "deflate"))
		ok = n >= 2 && (b[0] & 0x0f) == 8 && ((b[0] << 8) | b[1]) % 31 == 0;
	else
		return false;
	return ok && !has_sdp_line(b, n);
}

/* bchars (RFC 2046 5.1.1): 1 to 70 of them, not ending in a space */
static bool boundary_ok(struct span b)
{
	size_t i;

	if (!b.n || b.n > 70 || b.p[b.n - 1] == ' ')
		return false;
	SG_STEP(b.n);
	for (i = 0; i < b.n; i++) {
		u8 c = b.p[i];

		if (!is_alpha(c) && !is_digit(c) && !(c && strchr("'()+_,-./:=? ", c)))
			return false;
	}
	return true;
}

/* The end of the line at @p (its LF, or @end), and of its text (before CR). */
static const u8 *line_end(const u8 *p, const u8 *end, const u8 **text_end)
{
	const u8 *eol = find_byte(p, (size_t)(end - p), '\n');

	if (!eol)
		eol = end;
	*text_end = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
	return eol;
}

/*
 * One body part: its headers (Content-Type, Content-Encoding, folded lines
 * unfolded as PJSIP and Kamailio unfold them), then its content.
 */
static void check_part(struct msg *m, const u8 *p, const u8 *end, u32 depth)
{
	struct span ct = { NULL, 0 }, enc = { NULL, 0 }, *cur = NULL;

	while (p < end) {
		const u8 *le, *eol = line_end(p, end, &le), *c;
		struct span name;

		if (le == p) {		/* the empty line: the content follows */
			if (eol < end)
				check_entity(m, ct, enc, eol + 1, (size_t)(end - eol - 1), depth + 1);
			return;
		}
		if (is_wsp(*p)) {	/* a folded line goes on the last header */
			struct span t = trim(p, le);	/* this line alone: linear */

			if (cur && t.n) {
				if (!cur->n)
					cur->p = t.p;
				cur->n = (size_t)(t.p + t.n - cur->p);
			}
		} else {
			cur = NULL;
			c = find_byte(p, (size_t)(le - p), ':');
			if (c) {
				name = trim(p, c);
				if (IEQ(name.p, name.n, "content-type") || IEQ(name.p, name.n, "c"))
					cur = &ct;
				else if (IEQ(name.p, name.n, "content-encoding") ||
					 IEQ(name.p, name.n, "e"))
					cur = &enc;
				if (cur)
					*cur = trim(c + 1, le);
			}
		}
		p = eol + 1;
	}
}

/*
 * A multipart body, split at every "--" boundary it holds, wherever: PJSIP
 * finds the next delimiter anywhere in the body (pj_strstr), Kamailio
 * after a bare CR and with anything after the boundary, RFC 2046 only at a
 * line start with blanks after it. Splitting at the union of them checks
 * every part any of them sees; the boundary may not occur inside a part
 * (RFC 2046 5.1.1), so legitimate bodies split the same. The rest of a
 * delimiter's line is skipped, and each piece is judged by its own
 * headers. The search is Knuth-Morris-Pratt: linear whatever the
 * boundary. A close delimiter ("--" boundary "--") must occur somewhere;
 * what follows it is checked all the same.
 */
static void check_multipart(struct msg *m, struct span ct, const u8 *body, size_t n,
			    u32 depth)
{
	u8 pat[72], fail[72];
	const u8 *part = NULL, *end = body + n;
	bool closed = false;
	size_t plen, i, k;
	struct span b;

	if (depth >= SG_SIP_MULTIPART_DEPTH || !find_param(ct, "boundary", &b) ||
	    !boundary_ok(b)) {
		malformed(m, SG_DETAIL_MULTIPART, SG_HDR_CONTENT_TYPE, ct.p, ct.n);
		return;
	}
	pat[0] = pat[1] = '-';
	memcpy(pat + 2, b.p, b.n);
	plen = b.n + 2;
	fail[0] = 0;
	for (i = 1, k = 0; i < plen; i++) {
		while (k && pat[i] != pat[k])
			k = fail[k - 1];
		if (pat[i] == pat[k])
			k++;
		fail[i] = (u8)k;
	}
	SG_STEP(2 * n);		/* each byte is matched, or falls back, at most twice */
	for (i = 0, k = 0; i < n; i++) {
		while (k && body[i] != pat[k])
			k = fail[k - 1];
		if (body[i] == pat[k])
			k++;
		if (k < plen)
			continue;
		k = 0;
		/* a delimiter at body + i + 1 - plen */
		if (part) {
			const u8 *pend = body + i + 1 - plen;

			if (pend > part && pend[-1] == '\n')
				pend--;
			if (pend > part && pend[-1] == '\r')
				pend--;
			if (pend > part)
				check_part(m, part, pend, depth);
			if (m->malformed)
				return;
		}
		if (i + 2 < n && body[i + 1] == '-' && body[i + 2] == '-')
			closed = true;
		/* the part starts on the next line */
		part = find_byte(body + i + 1, n - i - 1, '\n');
		part = part ? part + 1 : end;
	}
	if (part && part < end) {
		check_part(m, part, end, depth);
		if (m->malformed)
			return;
	}
	if (!closed)
		malformed(m, SG_DETAIL_MULTIPART, SG_HDR_BODY, body, n < 32 ? n : 32);
}

/*
 * Scanner signatures of the SDP session name and origin (s=, o=: sippts
 * says "s=SIPPTS", sipcli "o=sipcli-Session"), when some pattern looks
 * there: the first three lines, where RFC 4566 puts them.
 */
static void check_sdp_lines(struct msg *m, const u8 *body, size_t len)
{
	const u8 *p = body, *end = body + len, *eol;
	u32 n;

	if (!m->pol->matcher || !(m->pol->matcher->fields & SG_FIELD_SDP))
		return;
	/* RFC 4566 5: v=, o= and s= come first, in that order */
	for (n = 0; p < end && m->scanner < 0 && n < 3; n++) {
		eol = find_byte(p, (size_t)(end - p), '\n');
		if (!eol)
			eol = end;
		if (eol - p >= 2 && (p[0] == 's' || p[0] == 'o') && p[1] == '=')
			check_content(m, SG_HDR_BODY, SG_FIELD_SDP,
				      trim(p + 2, eol > p + 2 && eol[-1] == '\r' ? eol - 1 : eol), false);
		p = eol + 1;
	}
}

/*
 * "application/sdp" in any case and nothing else, as nearly every body's
 * type is written: two words compared (name_eq() folds case; the slash,
 * which folding would confuse with 0x0f, is compared alone). Anything
 * else is for media_is().
 */
static bool is_plain_sdp(struct span ct)
{
	return ct.n == 15 && ct.p[11] == '/' && name_eq(ct.p, "application/sdp", 15);
}

static void check_entity(struct msg *m, struct span ct, struct span enc,
			 const u8 *body, size_t n, u32 depth)
{
	size_t i;

	if (!n || compressed(m, enc, body, n))
		return;
	/* no Content-Type (RFC 3261 20.15 wants one): Sofia reads such a
	 * body as SDP, so it is held to SDP's rules */
	if (!ct.n || is_plain_sdp(ct) || media_is(ct, "application", "sdp")) {
		check_sdp_lines(m, body, n);
		i = (size_t)(scan(body, body + n, SCAN_CTL, 0) - body);
		if (i < n)
			malformed(m, SG_DETAIL_BODY_CONTROL, SG_HDR_BODY,
				  body + i, n - i < 32 ? n - i : 32);
		return;
	}
	if (media_is(ct, "multipart", NULL))
		check_multipart(m, ct, body, n, depth);
}

/*
 * Do the bytes at @p start a SIP message, after the CRLFs servers skip
 * between messages: "SIP/2.0 DDD" or "token SP 1*VCHAR SP SIP/2.0"?
 * One pass, bounded by @end.
 */
static bool starts_message(const u8 *p, const u8 *end)
{
	const u8 *q;

	while (p < end && (*p == '\r' || *p == '\n')) {
		SG_STEP(1);
		p++;
	}
	/* blanks are runs of SP and HTAB: Kamailio's start-line parser
	 * takes them so */
	if (end - p >= 8 && ieq(p, "sip/2.0", 7) && is_wsp(p[7])) {
		for (q = p + 7; q < end && is_wsp(*q); q++)
			SG_STEP(1);
		return end - q >= 3 && is_digit(q[0]) && is_digit(q[1]) && is_digit(q[2]);
	}
	for (q = p; q < end && (sg_cls[*q] & C_TOKEN); q++)
		SG_STEP(1);
	if (q == p || q >= end || !is_wsp(*q))
		return false;
	while (q < end && is_wsp(*q))
		q++;
	for (p = q; q < end && *q > ' ' && *q != 0x7f; q++)
		SG_STEP(1);
	if (q == p || q >= end || !is_wsp(*q))
		return false;
	while (q < end && is_wsp(*q))
		q++;
	return end - q >= 7 && ieq(q, "sip/2.0", 7);
}

static bool is_stun(const u8 *p, size_t len, size_t total)
{
	/* RFC 5389: two zero bits, length, magic cookie 0x2112A442 */
	return len >= 20 && (p[0] & 0xc0) == 0 && p[4] == 0x21 && p[5] == 0x12 &&
	       p[6] == 0xa4 && p[7] == 0x42 &&
	       (size_t)((p[2] << 8 | p[3]) + 20) == total;
}

/*
 * The request line: Method SP Request-URI SP SIP-Version CRLF, single
 * spaces (RFC 3261 25.1). Returns the header section's start, or NULL
 * with res->detail set when the line is not a request line.
 */
static const u8 *request_line(struct msg *m, const u8 *p, const u8 *eol)
{
	const u8 *s = p, *uri;
	struct span line = { p, (size_t)(eol - p) };

	while (p < eol && p - s <= SG_SIP_MAX_METHOD && (sg_cls[*p] & C_TOKEN))
		p++;
	m->method.p = s;
	m->method.n = (size_t)(p - s);
	if (m->method.n > SG_SIP_MAX_METHOD) {
		malformed(m, SG_DETAIL_METHOD_LENGTH, SG_HDR_START_LINE, line.p, line.n);
		return NULL;
	}
	if (!m->method.n || p >= eol || *p != ' ') {
		malformed(m, SG_DETAIL_REQUEST_LINE, SG_HDR_START_LINE, line.p, line.n);
		return NULL;
	}
	m->res->method = method_lookup(m->method.p, m->method.n, &m->method_case);

	uri = ++p;
	p = find_blank(p, eol);
	if (p == uri || p >= eol || *p != ' ') {
		malformed(m, SG_DETAIL_REQUEST_LINE, SG_HDR_START_LINE, line.p, line.n);
		return NULL;
	}
	/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
	s = uri;
	if (is_alpha(*s))
		while (++s < p && (is_alpha(*s) || is_digit(*s) || *s == '+' ||
				   *s == '-' || *s == '.'))
			;
	if (s == uri || s >= p || *s != ':') {
		malformed(m, SG_DETAIL_URI_SCHEME, SG_HDR_REQUEST_URI, uri, (size_t)(p - uri));
		return NULL;
	}
	check_content(m, SG_HDR_REQUEST_URI, SG_FIELD_HEADER,
		      (struct span){ uri, (size_t)(p - uri) }, true);

	p++;
	if (eol - p != 7 || !ieq(p, "sip/2.0", 7)) {
		malformed(m, (eol - p > 4 && ieq(p, "sip/", 4)) ? SG_DETAIL_VERSION :
			  SG_DETAIL_REQUEST_LINE, SG_HDR_START_LINE, line.p, line.n);
		return NULL;
	}
	return eol;
}

/*
 * Can a quoted-pair (and so an escaped control byte) stand in this field?
 * Only where the grammar has a quoted string: not in Call-ID (word), CSeq,
 * Max-Forwards, Content-Length, Expires (numbers), Content-Type (a
 * boundary is bchars), nor User-Agent (a quoted-pair there would be in a
 * comment, which no server unescapes): a control byte in those is one
 * byte of a value that ends up in logs, CDRs and string functions.
 */
static bool field_has_pairs(enum sg_hdr id)
{
	switch (id) {
	case SG_HDR_CALL_ID:
	case SG_HDR_CSEQ:
	case SG_HDR_MAX_FORWARDS:
	case SG_HDR_CONTENT_LENGTH:
	case SG_HDR_CONTENT_TYPE:
	case SG_HDR_EXPIRES:
	case SG_HDR_USER_AGENT:
		return false;
	default:
		return true;
	}
}

/*
 * Where a header field stands in its quoted strings, kept as the field is
 * read so that nothing is walked twice: a control byte is allowed in one
 * place only, escaped in a quoted string (quoted-pair, RFC 3261 25.1:
 * RFC 4475's intmeth carries a NUL so).
 */
struct quotes {
	const u8 *pos;		/* bytes before pos are accounted for */
	bool in;		/* inside a quoted string at pos */
};

/* Is the control byte at @p (not CR or LF) a quoted-pair's second byte? */
static bool quoted_pair(struct quotes *qs, const u8 *p)
{
	const u8 *q = qs->pos;
	bool in = qs->in, esc = false;

	SG_STEP(p - q + 1);
	for (; q < p; q++) {
		if (esc)
			esc = false;
		else if (*q == '"')
			in = !in;
		else if (*q == '\\' && in)
			esc = true;
	}
	qs->pos = p + 1;	/* the control byte is consumed either way */
	qs->in = in;
	return esc;
}

/*
 * The header section, from @p (the start line's end of line). Returns the
 * start of the body, or NULL when the section does not end in @buf or
 * is malformed: the first fault ends the parse, since malformed wins.
 */
/*
 * Does a line (a field or a fold) start with what a server's own stream
 * reader may take for Content-Length: "Content-Length", "Content_Length"
 * or "l", in any case, after blanks, before blanks and a colon? Kamailio's
 * TCP reader, for one, takes the first such line it meets, folded or not.
 */
static bool clen_like(const u8 *p, const u8 *eol)
{
	static const char name[] = "content-length";
	size_t i;

	while (p < eol && is_wsp(*p))
		p++;
	if (p < eol && lower(*p) == 'l') {
		p++;
	} else {
		for (i = 0; i < sizeof(name) - 1; i++, p++)
			if (p >= eol || (lower(*p) != name[i] && !(name[i] == '-' && *p == '_')))
				return false;
	}
	while (p < eol && is_wsp(*p))
		p++;
	return p < eol && *p == ':';
}

static const u8 *header_section(struct msg *m, const u8 *p)
{
	const struct sg_sip_policy *pol = m->pol;
	const u8 *end = m->end, *name = NULL, *vstart = NULL, *vend = NULL;
	enum sg_hdr id = SG_HDR_OTHER, nid = SG_HDR_OTHER;
	struct quotes qs = { p + 1, false };
	bool pairs = false;	/* the field may hold quoted-pairs */
	u32 count = 0;

	p++;		/* past the start line's LF */
	for (;;) {
		const u8 *line = p, *eol, *q, *nend = p;

		if (m->malformed)
			return NULL;
		/* a new field starts its quote state afresh; a fold goes on */
		if (!name || line >= end || !is_wsp(*line)) {
			qs.pos = line;
			qs.in = false;
			/* its name (token characters stop before any CR or LF) */
			SG_STEP(1);
			/* four bytes a turn, one branch for the four */
			while (end - nend >= 4 && (sg_cls[nend[0]] & sg_cls[nend[1]] &
						   sg_cls[nend[2]] & sg_cls[nend[3]] & C_TOKEN))
				nend += 4;
			while (nend < end && (sg_cls[*nend] & C_TOKEN))
				nend++;
			SG_STEP(nend - line);
			nid = hdr_lookup(line, (size_t)(nend - line));
			pairs = field_has_pairs(nid);
		}
		for (;;) {
			p = find_ctl(p, end);
			if (p >= end || *p == '\n')
				break;
			if (*p == '\r') {
				if (p + 1 < end && p[1] == '\n') {
					p++;	/* CRLF: the line ends at its LF */
					break;
				}
				if (p + 1 < end) {
					malformed(m, SG_DETAIL_CONTROL_BYTE, SG_HDR_OTHER, line,
						  (size_t)(p - line) + 1);
					return NULL;
				}
			} else if (*p != '\t' && !(pairs && quoted_pair(&qs, p))) {
				malformed(m, SG_DETAIL_CONTROL_BYTE, SG_HDR_OTHER, line,
					  (size_t)(p - line) + 1);
				return NULL;
			}
			p++;
		}
		if (p >= end)
			return NULL;		/* no end of line: incomplete */
		eol = p++;
		if (eol > line && eol[-1] == '\r')
			eol--;
		if ((size_t)(eol - line) > pol->max_line) {
			malformed(m, SG_DETAIL_LINE_LENGTH, SG_HDR_OTHER, line, 64);	/* < eol - line */
			return NULL;
		}

		if (eol != line && is_wsp(*line)) {	/* a folded continuation */
			if (!name) {
				malformed(m, SG_DETAIL_HEADER_LINE, SG_HDR_OTHER, line,
					  (size_t)(eol - line));
				return NULL;
			}
			/* in a stream, a second length is a second framing */
			if (m->stream && clen_like(line, eol)) {
				malformed(m, SG_DETAIL_CONTENT_LENGTH, SG_HDR_CONTENT_LENGTH, line,
					  (size_t)(eol - line));
				return NULL;
			}
			vend = eol;
			continue;
		}
		/*
		 * A field ends at the next one or at the empty line (one
		 * call site: header_done() is inlined).
		 */
		if (name)
			header_done(m, id, name, vstart, vend);
		if (m->malformed)
			return NULL;
		if (eol == line)		/* the empty line */
			return p;

		/* field-name *(SP / HTAB) ":", the name read above */
		q = nend;
		id = nid;
		if (m->stream && id != SG_HDR_CONTENT_LENGTH && clen_like(line, eol)) {
			malformed(m, SG_DETAIL_CONTENT_LENGTH, SG_HDR_CONTENT_LENGTH, line,
				  (size_t)(eol - line));
			return NULL;
		}
		name = line;
		while (q < eol && is_wsp(*q))
			q++;
		if (q == line || q >= eol || *q != ':') {
			malformed(m, SG_DETAIL_HEADER_LINE, SG_HDR_OTHER, line,
				  (size_t)(eol - line));
			return NULL;
		}
		vstart = q + 1;
		vend = eol;
		if (++count > pol->max_headers) {
			malformed(m, SG_DETAIL_HEADER_COUNT, SG_HDR_OTHER, line,
				  (size_t)(eol - line));
			return NULL;
		}
	}
}

void sg_sip_policy_default(struct sg_sip_policy *pol)
{
	memset(pol, 0, sizeof(*pol));
	pol->methods = SIPGUARD_METHODS_ALL;
	pol->max_msg = SG_SIP_MAX_MSG;
	pol->max_line = SG_SIP_MAX_LINE;
	pol->max_headers = SG_SIP_MAX_HEADERS;
	pol->checks = SG_CHECK_ALL;
}

int sg_sip_policy_init(struct sg_sip_policy *pol)
{
	int err;

	sg_sip_policy_default(pol);
	pol->matcher = sg_acm_build2(sg_default_scanners, sg_default_nscanners,
				     sg_inject_triggers, sg_inject_ntriggers, &err);
	return pol->matcher ? 0 : err;
}

void sg_sip_policy_release(struct sg_sip_policy *pol)
{
	sg_acm_free(pol->matcher);
	pol->matcher = NULL;
}

static u8 verdict(struct sg_sip_result *res, const u8 *buf, u8 reason, u8 detail,
		  u8 where, struct span at)
{
	res->reason = reason;
	res->detail = detail;
	res->where = where;
	res->at = (u32)(at.p - buf);
	res->at_len = (u32)at.n;
	return reason;
}

/* A result that says accept, of @kind. */
static u8 result_init(struct sg_sip_result *res, u8 kind)
{
	memset(res, 0, sizeof(*res));
	res->reason = SG_VERDICT_ACCEPT;
	res->pattern = -1;
	res->kind = kind;
	return res->reason;
}

/*
 * The verdict, in the order of Documentation/design.md, "Order of checks":
 * a scanner signature or an injection found in what was read wins over a
 * framing fault (the field report's INVITE lacks its Call-ID, and is an
 * injection), the fault over the method checks.
 */
static u8 content_verdict(struct msg *m)
{
	struct sg_sip_result *res = m->res;

	if (m->scanner >= 0) {
		res->pattern = m->scanner;
		return verdict(res, m->buf, SIPGUARD_REASON_SCANNER, SG_DETAIL_SCANNER,
			       m->scanner_where, m->scanner_at);
	}
	if (m->inject) {
		res->inject = m->inject;
		return verdict(res, m->buf, SIPGUARD_REASON_INJECTION, SG_DETAIL_INJECTION,
			       m->inject_where, m->inject_at);
	}
	if (m->malformed)
		return verdict(res, m->buf, SIPGUARD_REASON_MALFORMED, m->malformed,
			       m->malformed_where, m->malformed_at);
	if (m->response)
		return res->reason;
	if (!(m->pol->methods & (1U << res->method)))
		return verdict(res, m->buf, SIPGUARD_REASON_METHOD, SG_DETAIL_METHOD_DENIED,
			       SG_HDR_START_LINE, m->method);
	if (m->method_case && !(m->pol->flags & SG_POL_METHOD_ANYCASE))
		return verdict(res, m->buf, SIPGUARD_REASON_METHOD, SG_DETAIL_METHOD_CASE,
			       SG_HDR_START_LINE, m->method);
	return res->reason;
}

u8 sg_sip_inspect(const struct sg_sip_policy *pol, const u8 *buf, size_t len,
		  size_t total, u8 mode, struct sg_sip_result *res)
{
	bool tcp = mode == SG_SIP_SEGMENT, stream = mode == SG_SIP_STREAM;
	const u8 *end, *eol, *body;
	/* zeroed once: a bare declaration is cleared by INIT_STACK_ALL_ZERO */
	struct msg m = { .pol = pol, .res = res, .buf = buf, .scanner = -1, .stream = stream };
	size_t i;

	result_init(res, SG_SIP_REQUEST);
	if (len > total)
		len = total;
	end = buf + len;

	/* Keepalives: nothing but CR and LF (RFC 5626 4.4.1), or STUN. */
	for (i = 0; i < len && (buf[i] == '\r' || buf[i] == '\n'); i++)
		SG_STEP(1);
	if (i == total) {
		res->kind = SG_SIP_KEEPALIVE;
		return res->reason;
	}
	if (mode != SG_SIP_STREAM && is_stun(buf, len, total)) {
		res->kind = SG_SIP_STUN;
		return res->reason;
	}

	m.end = end;

	eol = find_byte(buf, len < pol->max_line ? len : pol->max_line, '\n');
	/* Responses: recognised, counted, accepted. */
	if (len >= 12 && ieq(buf, "sip/2.0 ", 8) && is_digit(buf[8]) &&
	    is_digit(buf[9]) && is_digit(buf[10]) && (len == 12 || buf[11] == ' ' ||
						       buf[11] == '\r' || buf[11] == '\n')) {
		res->kind = SG_SIP_RESPONSE;
		res->status = (u16)((buf[8] - '0') * 100 + (buf[9] - '0') * 10 + buf[10] - '0');
		/*
		 * A response from outside gets the content checks of a request
		 * (a 200 OK's To display name reaches the CDR GUI too), not the
		 * method check; in a stream, its length says where the next
		 * message starts.
		 */
		m.response = true;
		/* the reason phrase is text a CDR keeps (Kamailio's acc
		 * sip_reason): "486 <script>..." */
		if (eol)
			check_content(&m, SG_HDR_START_LINE, SG_FIELD_HEADER,
				      trim(buf + 12 < eol ? buf + 12 : eol, eol), true);
		body = eol ? header_section(&m, eol) : NULL;
		if (body && !m.malformed && stream && !m.has_clen)
			malformed(&m, SG_DETAIL_MISSING_HEADER, SG_HDR_CONTENT_LENGTH, buf, 12);
		else if (body && !m.malformed && stream && m.clen > pol->max_msg - (size_t)(body - buf))
			malformed(&m, SG_DETAIL_SIZE, SG_HDR_CONTENT_LENGTH, buf, 12);
		else if (!body && !m.malformed && !tcp)
			malformed(&m, len < total ? SG_DETAIL_SIZE : SG_DETAIL_NO_END,
				  SG_HDR_START_LINE, buf, 12);
		if (body) {
			res->body = (u32)(body - buf);
			res->clen = (u32)m.clen;
		}
		return content_verdict(&m);
	}

	res->kind = SG_SIP_REQUEST;
	if (!eol) {
		if (tcp) {
			res->kind = SG_SIP_OTHER;
			return res->reason;
		}
		return verdict(res, buf, SIPGUARD_REASON_MALFORMED,
			       len >= pol->max_line ? SG_DETAIL_LINE_LENGTH : SG_DETAIL_NOT_SIP,
			       SG_HDR_START_LINE, (struct span){ buf, len < 32 ? len : 32 });
	}
	if (!request_line(&m, buf, eol > buf && eol[-1] == '\r' ? eol - 1 : eol)) {
		/* Over TCP, a segment not starting with a request line is the
		 * middle of a stream: it passes (see README, "TCP").
		 */
		if (tcp)
			return result_init(res, SG_SIP_OTHER);
		if (m.malformed == SG_DETAIL_REQUEST_LINE && m.method.n == 0)
			m.malformed = SG_DETAIL_NOT_SIP;
		return verdict(res, buf, SIPGUARD_REASON_MALFORMED, m.malformed,
			       m.malformed_where, m.malformed_at);
	}

	if (total > pol->max_msg)
		malformed(&m, SG_DETAIL_SIZE, SG_HDR_START_LINE, buf, (size_t)(eol - buf));

	body = header_section(&m, eol);
	if (body) {
		size_t hlen = (size_t)(body - buf), blen;

		if (!m.seen[SG_HDR_VIA] || !m.seen[SG_HDR_FROM] || !m.seen[SG_HDR_TO] ||
		    !m.seen[SG_HDR_CALL_ID] || !m.seen[SG_HDR_CSEQ])
			malformed(&m, SG_DETAIL_MISSING_HEADER, !m.seen[SG_HDR_VIA] ? SG_HDR_VIA :
				  !m.seen[SG_HDR_FROM] ? SG_HDR_FROM : !m.seen[SG_HDR_TO] ? SG_HDR_TO :
				  !m.seen[SG_HDR_CALL_ID] ? SG_HDR_CALL_ID : SG_HDR_CSEQ,
				  buf, (size_t)(eol - buf));
		else
			check_cseq(&m);
		res->txn = sg_txn_hash(m.callid.p, m.callid.n, m.cseq.p, m.cseq.n);
		res->cred = m.cred ? sg_cred_hash(m.cred) : 0;

		/* UDP: the datagram is the message (RFC 3261 18.3); a body
		 * shorter than Content-Length is a truncated or forged one,
		 * and what follows the body is discarded by the servers, but
		 * not by every capture tool, CDR collector or lenient parser:
		 * a second message there is smuggled past the first.
		 */
		blen = total - hlen;
		if (stream && !m.has_clen) {
			/* the stream's framing (RFC 3261 18.3) */
			malformed(&m, SG_DETAIL_MISSING_HEADER, SG_HDR_CONTENT_LENGTH,
				  buf, (size_t)(eol - buf));
		} else if (m.has_clen && (tcp || stream)) {
			/* over TCP, the body is checked once all of it arrived */
			blen = (size_t)m.clen;
			if (stream && blen > pol->max_msg - hlen)
				malformed(&m, SG_DETAIL_SIZE, SG_HDR_CONTENT_LENGTH,
					  buf, (size_t)(eol - buf));
		} else if (m.has_clen) {
			if (m.clen > blen) {
				malformed(&m, SG_DETAIL_TRUNCATED, SG_HDR_CONTENT_LENGTH,
					  buf, (size_t)(eol - buf));
			} else {
				blen = (size_t)m.clen;
				if (hlen + blen < len &&
				    starts_message(body + blen, end))
					malformed(&m, SG_DETAIL_SMUGGLED, SG_HDR_BODY, body + blen,
						  len - hlen - blen < 32 ? len - hlen - blen : 32);
			}
		}
		/* bodies are checked when all of them is in the buffer */
		if ((pol->checks & SG_CHECK_BODY) && !m.malformed &&
		    (!tcp || m.has_clen) && blen <= len - hlen)
			check_entity(&m, m.ctype, m.cenc, body, blen, 0);
		res->body = (u32)hlen;
		res->clen = (u32)m.clen;
	} else if (!tcp) {
		malformed(&m, len < total ? SG_DETAIL_SIZE : SG_DETAIL_NO_END,
			  SG_HDR_START_LINE, buf, (size_t)(eol - buf));
	}

	/*
	 * Over TCP a segment may start anywhere in the stream, and one cut
	 * inside a request's method ("TER sip:... SIP/2.0" of a REGISTER)
	 * reads as a request line whose method its CSeq contradicts. Until
	 * the module follows TCP streams, such a segment is taken for the
	 * middle of one: dropping it would stall a real connection (a trunk's
	 * pipelined requests) in retransmissions.
	 */
	if (tcp && m.malformed == SG_DETAIL_CSEQ_METHOD && m.scanner < 0 && !m.inject)
		return result_init(res, SG_SIP_OTHER);
	return content_verdict(&m);
}

size_t sg_sanitize(char *dst, size_t size, const u8 *src, size_t n)
{
	size_t i, o = 0;

	if (!size)
		return 0;
	for (i = 0; i < n && o + 1 < size; i++) {
		u8 c = src[i];

		if (o + 4 >= size && i + 1 < n) {	/* room left for "..." only */
			while (o + 4 > size)
				o--;
			memcpy(dst + o, "...", 3);
			o += 3;
			break;
		}
		if (c == '\r' || c == '\n' || c == '\t')
			c = ' ';
		else if (c < 0x20 || c >= 0x7f)
			c = '?';
		else if (c == '"')
			c = '\'';
		/* one blank for a fold */
		if (c == ' ' && o && dst[o - 1] == ' ')
			continue;
		dst[o++] = (char)c;
	}
	dst[o] = '\0';
	return o;
}

size_t sg_sip_describe(char *dst, size_t size, const struct sg_sip_result *res,
		       const struct sg_acm_pattern *pats, u32 npats)
{
	const char *what = sg_detail_name(res->detail);
	int n;

	if (res->detail == SG_DETAIL_INJECTION)
		what = sg_inject_name(res->inject);
	if (res->detail == SG_DETAIL_SCANNER && pats && res->pattern >= 0 &&
	    (u32)res->pattern < npats)
		n = snprintf(dst, size, "pattern '%.*s' in %s", (int)pats[res->pattern].len,
			     pats[res->pattern].str, sg_hdr_name(res->where));
	else
		n = snprintf(dst, size, "%s in %s", what, sg_hdr_name(res->where));
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

static const char *const kind_names[__SG_SIP_KIND_MAX] = {
	[SG_SIP_REQUEST] = "request", [SG_SIP_RESPONSE] = "response",
	[SG_SIP_KEEPALIVE] = "keepalive", [SG_SIP_STUN] = "stun",
	[SG_SIP_OTHER] = "other",
};

static const char *const detail_names[__SG_DETAIL_MAX] = {
	[SG_DETAIL_NONE]		= "none",
	[SG_DETAIL_NOT_SIP]		= "not-sip",
	[SG_DETAIL_REQUEST_LINE]	= "request-line",
	[SG_DETAIL_VERSION]		= "version",
	[SG_DETAIL_URI_SCHEME]		= "uri-scheme",
	[SG_DETAIL_METHOD_LENGTH]	= "method-length",
	[SG_DETAIL_HEADER_LINE]		= "header-line",
	[SG_DETAIL_CONTROL_BYTE]	= "control-byte",
	[SG_DETAIL_LINE_LENGTH]		= "line-length",
	[SG_DETAIL_HEADER_COUNT]	= "header-count",
	[SG_DETAIL_SIZE]		= "size",
	[SG_DETAIL_NO_END]		= "no-end-of-headers",
	[SG_DETAIL_MISSING_HEADER]	= "missing-header",
	[SG_DETAIL_DUPLICATE_HEADER]	= "duplicate-header",
	[SG_DETAIL_CSEQ]		= "cseq",
	[SG_DETAIL_CSEQ_METHOD]		= "cseq-method",
	[SG_DETAIL_CONTENT_LENGTH]	= "content-length",
	[SG_DETAIL_TRUNCATED]		= "truncated",
	[SG_DETAIL_BODY_CONTROL]	= "body-control-byte",
	[SG_DETAIL_MULTIPART]		= "multipart",
	[SG_DETAIL_EMPTY_VALUE]		= "empty-value",
	[SG_DETAIL_NUMBER]		= "number",
	[SG_DETAIL_SMUGGLED]		= "smuggled",
	[SG_DETAIL_METHOD_DENIED]	= "method-denied",
	[SG_DETAIL_METHOD_CASE]		= "method-case",
	[SG_DETAIL_SCANNER]		= "scanner",
	[SG_DETAIL_INJECTION]		= "injection",
	[SG_DETAIL_ORIGIN]		= "not-from-this-source",
};

static const char *const hdr_names[__SG_HDR_MAX] = {
	[SG_HDR_OTHER] = "header", [SG_HDR_VIA] = "via", [SG_HDR_FROM] = "from",
	[SG_HDR_TO] = "to", [SG_HDR_CALL_ID] = "call-id", [SG_HDR_CSEQ] = "cseq",
	[SG_HDR_CONTACT] = "contact", [SG_HDR_CONTENT_LENGTH] = "content-length",
	[SG_HDR_CONTENT_TYPE] = "content-type",
	[SG_HDR_CONTENT_ENCODING] = "content-encoding",
	[SG_HDR_USER_AGENT] = "user-agent", [SG_HDR_MAX_FORWARDS] = "max-forwards",
	[SG_HDR_SUBJECT] = "subject", [SG_HDR_SUPPORTED] = "supported",
	[SG_HDR_EVENT] = "event", [SG_HDR_REFER_TO] = "refer-to",
	[SG_HDR_REFERRED_BY] = "referred-by", [SG_HDR_ALLOW_EVENTS] = "allow-events",
	[SG_HDR_SESSION_EXPIRES] = "session-expires", [SG_HDR_IDENTITY] = "identity",
	[SG_HDR_EXPIRES] = "expires", [SG_HDR_AUTHORIZATION] = "authorization",
	[SG_HDR_PROXY_AUTHORIZATION] = "proxy-authorization",
	[SG_HDR_PAI] = "p-asserted-identity", [SG_HDR_PPI] = "p-preferred-identity",
	[SG_HDR_RPID] = "remote-party-id", [SG_HDR_DIVERSION] = "diversion",
	[SG_HDR_HISTORY_INFO] = "history-info", [SG_HDR_REPLY_TO] = "reply-to",
	[SG_HDR_ORGANIZATION] = "organization", [SG_HDR_SERVER] = "server",
	[SG_HDR_REASON] = "reason", [SG_HDR_WARNING] = "warning",
	[SG_HDR_CALL_INFO] = "call-info", [SG_HDR_ALERT_INFO] = "alert-info",
	[SG_HDR_TOKENS] = "header",
	[SG_HDR_REQUEST_URI] = "request-uri", [SG_HDR_START_LINE] = "start-line",
	[SG_HDR_BODY] = "body",
};

const char *sg_sip_kind_name(u8 kind)
{
	return kind < __SG_SIP_KIND_MAX ? kind_names[kind] : "unknown";
}

const char *sg_detail_name(u8 detail)
{
	return detail < __SG_DETAIL_MAX ? detail_names[detail] : "unknown";
}

const char *sg_hdr_name(u8 hdr)
{
	return hdr < __SG_HDR_MAX ? hdr_names[hdr] : "unknown";
}

const char *sg_method_name(u8 method)
{
	return method < __SIPGUARD_METHOD_MAX ? method_names[method] : "unknown";
}
