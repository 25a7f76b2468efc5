// SPDX-License-Identifier: GPL-2.0
/*
 * Pure core: offences read from the server's answers (answer.h).
 *
 * The responses read here are the server's own, on the output path: the
 * reader only needs to be right about what a SIP server writes, and never
 * costs more than one pass over the header section, whatever it holds.
 */
#include "answer.h"

/* A Content-Length past this is no SIP message's: the length stays unknown. */
#define SG_ANSWER_CLEN_MAX	(1U << 20)

u32 sg_hash_bytes(u32 h, const u8 *p, size_t n)
{
	size_t i;

	SG_STEP(n);
	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 16777619U;
	}
	return h;
}

static bool is_lws(u8 c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static u32 hash_words(u32 h, const u8 *p, size_t n)
{
	size_t i;

	SG_STEP(n);
	/*
	 * A blank leaves h as it is: a mask, not a branch, per byte (bits 9,
	 * 10, 13 and 32 of the constant: HTAB, LF, CR, SP).
	 */
	for (i = 0; i < n; i++) {
		u32 blank = -((u32)(p[i] <= ' ') & (u32)(0x100002600ULL >> (p[i] & 0x3f)));

		h = (h & blank) | (((h ^ p[i]) * 16777619U) & ~blank);
	}
	return h;
}

u32 sg_txn_hash(const u8 *cid, size_t cidn, const u8 *cseq, size_t cseqn)
{
	u32 h = hash_words(SG_HASH_INIT, cid, cidn);
	size_t i = 0;

	h ^= 0xff;		/* "ab" "1 X" is not "a" "b1 X" */
	h *= 16777619U;
	/* the number as a value: a server that prints it again from its
	 * parse (PJSIP) answers "CSeq: 7" to "CSeq: 007" */
	while (i < cseqn && is_lws(cseq[i]))
		i++;
	while (i + 1 < cseqn && cseq[i] == '0' && cseq[i + 1] >= '0' && cseq[i + 1] <= '9')
		i++;
	return i < cseqn ? hash_words(h, cseq + i, cseqn - i) : h;
}

static u8 lower(u8 c)
{
	return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
}

static bool ieq(const u8 *s, const char *lit, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lower(s[i]) != (u8)lit[i])
			return false;
	return true;
}

#define NAME_IS(p, n, lit) ((n) == sizeof(lit) - 1 && ieq(p, lit, sizeof(lit) - 1))

enum { H_OTHER, H_CALL_ID, H_CSEQ, H_AUTHENTICATE, H_CLEN };

static int header_id(const u8 *p, size_t n)
{
	if (NAME_IS(p, n, "call-id") || NAME_IS(p, n, "i"))
		return H_CALL_ID;
	if (NAME_IS(p, n, "cseq"))
		return H_CSEQ;
	if (NAME_IS(p, n, "www-authenticate") || NAME_IS(p, n, "proxy-authenticate"))
		return H_AUTHENTICATE;
	if (NAME_IS(p, n, "content-length") || NAME_IS(p, n, "l"))
		return H_CLEN;
	return H_OTHER;
}

/* stale = "true" (RFC 7616 3.3: the value may be quoted or not). */
static bool has_stale(const u8 *p, const u8 *end)
{
	const u8 *q;

	for (; end - p >= 10; p++) {
		SG_STEP(1);
		if (lower(*p) != 's' || !ieq(p, "stale", 5))
			continue;
		q = p + 5;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q == end || *q != '=')
			continue;
		q++;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q < end && *q == '"')
			q++;
		if (end - q >= 4 && ieq(q, "true", 4))
			return true;
	}
	return false;
}

bool sg_answer_read(const u8 *buf, size_t len, struct sg_answer *a)
{
	const u8 *end = buf + len, *p, *eol, *name = NULL, *colon = NULL;
	const u8 *cid = NULL, *cid_end = NULL, *cseq = NULL, *cseq_end = NULL;
	int id = H_OTHER;
	u64 clen = 0;
	bool has_clen = false;

	memset(a, 0, sizeof(*a));
	if (len < 12 || memcmp(buf, "SIP/2.0 ", 8) ||
	    buf[8] < '1' || buf[8] > '6' || buf[9] < '0' || buf[9] > '9' ||
	    buf[10] < '0' || buf[10] > '9')
		return false;
	a->status = (u16)((buf[8] - '0') * 100 + (buf[9] - '0') * 10 + buf[10] - '0');
	a->txn = SG_HASH_INIT;

	eol = memchr(buf, '\n', len);
	SG_STEP(eol ? (size_t)(eol - buf) + 1 : len);
	/*
	 * Each line once: a line starting with a blank continues the header
	 * before it (a fold); a header's value is complete when the next
	 * header starts, or the empty line ends them.
	 */
	for (p = eol ? eol + 1 : end; p < end; p = eol + 1) {
		const u8 *line = p, *text_end;
		bool fold;

		eol = memchr(p, '\n', (size_t)(end - p));
		SG_STEP(eol ? (size_t)(eol - p) + 1 : (size_t)(end - p));
		if (!eol)
			eol = end;
		text_end = eol > line && eol[-1] == '\r' ? eol - 1 : eol;
		fold = line < text_end && (*line == ' ' || *line == '\t');
		if (fold && name)
			continue;	/* part of the value still open */
		/* the value open until here is complete */
		if (name && colon) {
			const u8 *v = colon + 1, *ve = line;

			switch (id) {
			case H_CALL_ID:
				cid = v;
				cid_end = ve;
				break;
			case H_CSEQ:
				cseq = v;
				cseq_end = ve;
				break;
			case H_AUTHENTICATE:
				a->stale |= has_stale(v, ve);
				break;
			case H_CLEN:
				while (v < ve && is_lws(*v))
					v++;
				for (clen = 0; v < ve && *v >= '0' && *v <= '9' && clen < SG_ANSWER_CLEN_MAX; v++)
					clen = clen * 10 + (*v - '0');
				has_clen = true;
				break;
			}
			SG_STEP((size_t)(ve - (colon + 1)));
		}
		name = NULL;
		if (line == text_end) {
			/* the empty line: the header section ends at eol + 1 */
			a->whole = true;
			if (eol < end && has_clen && clen <= SG_ANSWER_CLEN_MAX)
				a->len = (u32)(eol + 1 - buf) + (u32)clen;
			break;
		}
		if (fold)
			continue;	/* a fold with nothing to continue */
		colon = memchr(line, ':', (size_t)(text_end - line));
		SG_STEP(colon ? (size_t)(colon - line) : (size_t)(text_end - line));
		if (!colon)
			continue;
		name = line;
		{
			const u8 *ne = colon;

			while (ne > name && (ne[-1] == ' ' || ne[-1] == '\t'))
				ne--;
			id = header_id(name, (size_t)(ne - name));
		}
	}
	if (cid && cseq)
		a->txn = sg_txn_hash(cid, (size_t)(cid_end - cid), cseq, (size_t)(cseq_end - cseq));
	return true;
}

bool sg_answer_interesting(u16 status)
{
	switch (status) {
	case 401: case 403: case 404: case 407: case 484: case 604:
		return true;
	default:
		return false;
	}
}

bool sg_answers_remember(u8 method)
{
	/* ACK and CANCEL get no answer of their own: remembered, they would
	 * only push out the requests that do */
	return method != SIPGUARD_METHOD_ACK && method != SIPGUARD_METHOD_CANCEL;
}

/*
 * Every request is one more answer expected in its transaction: a
 * retransmission the server answers again is answered again, and counted
 * again; an answer with none expected (a retransmitted response, or one to
 * a request of another source's) counts for nobody. A slot whose answers
 * all came is the first to be taken by a new transaction; only when all
 * are waiting is the oldest given up.
 */
void sg_answers_request(struct sg_answers *s, u32 txn, bool cred)
{
	unsigned int i, k;

	for (i = 0; i < SG_ANSWER_TXNS; i++) {
		if ((s->flags[i] & SG_TXN_USED) && s->txn[i] == txn) {
			if (!s->pending[i])
				s->flags[i] = SG_TXN_USED;	/* a new attempt */
			if (s->pending[i] < 255)
				s->pending[i]++;
			if (cred)
				s->flags[i] |= SG_TXN_CRED;
			return;
		}
	}
	for (k = 0, i = s->next % SG_ANSWER_TXNS; k < SG_ANSWER_TXNS; k++) {
		if (!s->pending[(i + k) % SG_ANSWER_TXNS]) {
			i = (i + k) % SG_ANSWER_TXNS;
			break;
		}
	}
	s->next = (u8)((i + 1) % SG_ANSWER_TXNS);
	s->txn[i] = txn;
	s->pending[i] = 1;
	s->flags[i] = SG_TXN_USED | (cred ? SG_TXN_CRED : 0);
}

/*
 * A response counts only as an answer expected to a request this source
 * sent: one sent elsewhere (Via maddr, a received= the source did not send
 * from) or a retransmitted one counts for nobody.
 */
static u8 classify(struct sg_answers *s, const struct sg_answer *a)
{
	unsigned int i;
	bool cred;

	for (i = 0; i < SG_ANSWER_TXNS; i++)
		if ((s->flags[i] & SG_TXN_USED) && s->txn[i] == a->txn && s->pending[i])
			break;
	if (i == SG_ANSWER_TXNS)
		return SG_ANSWER_NONE;
	s->pending[i]--;
	cred = s->flags[i] & SG_TXN_CRED;
	switch (a->status) {
	case 401:
	case 407:
		/* a challenge to a request without credentials is how every
		 * registration starts; with stale=true the password was right
		 * (RFC 7616 3.3) */
		return cred && !a->stale ? SG_ANSWER_AUTH : SG_ANSWER_NONE;
	case 403:
		/* a refusal of credentials; without them it is policy (a
		 * carrier's "destination barred" relayed back) */
		return cred ? SG_ANSWER_AUTH : SG_ANSWER_NONE;
	case 404:
	case 484:
	case 604:
		/* a probe for who exists; an authenticated user's misdial is
		 * none */
		return cred ? SG_ANSWER_NONE : SG_ANSWER_UNKNOWN;
	default:
		return SG_ANSWER_NONE;
	}
}

bool sg_tally_add(struct sg_tally *t, u32 threshold, u64 window, u64 now)
{
	if (!threshold)
		return false;
	if (!t->n || (now > t->start && now - t->start >= window)) {
		t->start = now;
		t->n = 0;
	}
	if (++t->n < threshold)
		return false;
	t->n = 0;
	return true;
}

u8 sg_answers_response(struct sg_answers *s, const struct sg_answer *a,
		       const struct sg_answer_limit lim[__SG_ANSWER_MAX], u64 now, bool *ban)
{
	u8 cls = classify(s, a);

	*ban = cls != SG_ANSWER_NONE &&
	       sg_tally_add(&s->tally[cls], lim[cls].threshold, lim[cls].window, now);
	return cls;
}
