/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Vectors for answer.c, shared by the KUnit suite and the userspace test:
 * the response reader on real responses (Kamailio's, Asterisk's), and the
 * per-source classifier on sequences of requests and answers.
 */
#ifndef _SG_ANSWER_VECTORS_H
#define _SG_ANSWER_VECTORS_H

#include "../answer.h"

struct sg_answer_read_vec {
	const char *name;
	const char *msg;
	bool ok;
	u16 status;
	bool stale;
	u32 len;		/* 0: unknown */
};

#define KAM_401 "SIP/2.0 401 Unauthorized\r\n" \
	"Via: SIP/2.0/UDP 203.0.113.66:5060;branch=z9hG4bK-1;rport=5060\r\n" \
	"From: <sip:1001@198.51.100.1>;tag=a1\r\n" \
	"To: <sip:1001@198.51.100.1>;tag=b27e1a1d33761e85846fc98f5f3a7e58.3f1b\r\n" \
	"Call-ID: 5e1f@203.0.113.66\r\n" \
	"CSeq: 2 REGISTER\r\n"

static const struct sg_answer_read_vec sg_answer_read_vecs[] = {
	{ "kamailio 401", KAM_401
	  "WWW-Authenticate: Digest realm=\"198.51.100.1\", nonce=\"Y2hhbGxlbmdl\", qop=\"auth\"\r\n"
	  "Server: kamailio (5.6.3 (x86_64/linux))\r\nContent-Length: 0\r\n\r\n",
	  true, 401, false, 0 },
	{ "stale, quoted", KAM_401
	  "WWW-Authenticate: Digest realm=\"x\", nonce=\"n\", stale=\"true\"\r\nContent-Length: 0\r\n\r\n",
	  true, 401, true, 0 },
	{ "stale, bare token, other case", KAM_401
	  "Proxy-Authenticate: Digest realm=\"x\",nonce=\"n\",STALE = TRUE\r\nl: 0\r\n\r\n",
	  true, 401, true, 0 },
	{ "stale on a fold", KAM_401
	  "WWW-Authenticate: Digest realm=\"x\", nonce=\"n\",\r\n stale=true\r\nContent-Length: 0\r\n\r\n",
	  true, 401, true, 0 },
	{ "stale=false", KAM_401
	  "WWW-Authenticate: Digest realm=\"x\", nonce=\"n\", stale=false\r\nContent-Length: 0\r\n\r\n",
	  true, 401, false, 0 },
	{ "stale in another header is not a challenge's", KAM_401
	  "Warning: 399 x \"stale=true\"\r\nContent-Length: 0\r\n\r\n",
	  true, 401, false, 0 },
	{ "404 to an INVITE, with a body", "SIP/2.0 404 Not Found\r\nCall-ID: x\r\nCSeq: 7 INVITE\r\n"
	  "To: <sip:900@h>;tag=1\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
	  true, 404, false, 0 },
	{ "604 to a MESSAGE, LF only", "SIP/2.0 604 Does Not Exist Anywhere\ni: x\nCSeq: 1 MESSAGE\nt: <sip:a@h>\n\n",
	  true, 604, false, 0 },
	{ "a request is no answer", "REGISTER sip:h SIP/2.0\r\nCall-ID: x\r\n\r\n", false, 0, false, 0 },
	{ "a status of two digits", "SIP/2.0 40 x\r\n\r\n", false, 0, false, 0 },
	{ "cut before the end of the headers", "SIP/2.0 403 Forbidden\r\nCall-ID: x\r\nCSeq: 1 BYE",
	  true, 403, false, 0 },
};

/* Lengths: the reader's message length, for walking a TCP segment. */
struct sg_answer_len_vec {
	const char *msg;
	u32 len;
};

static const struct sg_answer_len_vec sg_answer_len_vecs[] = {
	{ "SIP/2.0 404 Not Found\r\nContent-Length: 5\r\n\r\nhelloSIP/2.0 200 OK\r\n", 49 },
	{ "SIP/2.0 404 Not Found\r\nContent-Length: 0\r\n\r\n", 44 },
	{ "SIP/2.0 404 Not Found\r\n\r\n", 0 },			/* no Content-Length */
	{ "SIP/2.0 404 Not Found\r\nContent-Length: 99999999\r\n\r\n", 0 },
	{ "SIP/2.0 404 Not Found\r\nContent-Length: 0\r\n", 0 },	/* no end */
};

/* One step of a source's exchange with the server. */
struct sg_answer_step {
	bool request;		/* a request in, else a response out */
	u32 txn;		/* the transaction (any value: the hash's stand-in) */
	u32 cred;		/* requests: the credentials, 0 none */
	u16 status;		/* responses */
	bool stale;
	u64 at;			/* seconds */
	u8 want;		/* responses: the class counted */
	bool ban;
};

struct sg_answer_vec {
	const char *name;
	struct sg_answer_limit lim[__SG_ANSWER_MAX];
	u32 n;
	struct sg_answer_step steps[40];
};

#define REQ(t, c, s)		{ true, t, c, 0, false, s, 0, false }
/* a response; @m, its CSeq method, only says what it answers */
#define RSP(t, st, m, s, w, b)	{ false, t, 0, st, false, s, SG_ANSWER_##w, b }
#define RSPS(t, st, m, s, w, b)	{ false, t, 0, st, true, s, SG_ANSWER_##w, b }
#define LIMITS(a, aw, u, uw)	{ [SG_ANSWER_AUTH] = { a, (aw) * 1000000000ULL }, \
				  [SG_ANSWER_UNKNOWN] = { u, (uw) * 1000000000ULL } }
#define CRED(x)			((u32)(x) << 1 | 1U)	/* as sg_cred_hash() makes them */

static const struct sg_answer_vec sg_answer_vecs[] = {
	{ "a registration: challenge, then 200", LIMITS(2, 600, 2, 60), 4, {
		REQ(1, 0, 0), RSP(1, 401, REGISTER, 0, NONE, false),
		REQ(2, CRED(7), 0), RSP(2, 200, REGISTER, 0, NONE, false) } },
	{ "challenges to requests without credentials, many times", LIMITS(2, 600, 2, 60), 6, {
		REQ(1, 0, 0), RSP(1, 401, REGISTER, 0, NONE, false),
		REQ(2, 0, 1), RSP(2, 407, INVITE, 1, NONE, false),
		REQ(3, 0, 2), RSP(3, 401, REGISTER, 2, NONE, false) } },
	{ "wrong passwords: 401 to credentials, each a failure", LIMITS(3, 600, 2, 60), 6, {
		REQ(1, CRED(1), 0), RSP(1, 401, REGISTER, 0, AUTH, false),
		REQ(2, CRED(2), 1), RSP(2, 407, INVITE, 1, AUTH, false),
		REQ(3, CRED(3), 2), RSP(3, 401, REGISTER, 2, AUTH, true) } },
	{ "one transaction, a guess after another", LIMITS(3, 600, 2, 60), 6, {
		REQ(1, CRED(1), 0), RSP(1, 401, REGISTER, 0, AUTH, false),
		REQ(1, CRED(2), 1), RSP(1, 401, REGISTER, 1, AUTH, false),
		REQ(1, CRED(3), 2), RSP(1, 401, REGISTER, 2, AUTH, true) } },
	{ "a guess, then the same transaction without credentials: still a guess",
	  LIMITS(2, 600, 2, 60), 4, {
		REQ(1, CRED(1), 0), REQ(1, 0, 0), RSP(1, 401, REGISTER, 0, AUTH, false),
		RSP(1, 401, REGISTER, 0, AUTH, true) } },
	{ "a retransmitted response counts once", LIMITS(2, 600, 2, 60), 4, {
		REQ(1, CRED(1), 0), RSP(1, 401, REGISTER, 0, AUTH, false),
		RSP(1, 401, REGISTER, 1, NONE, false), RSP(1, 401, REGISTER, 1, NONE, false) } },
	{ "a retransmitted request answered again is answered again", LIMITS(2, 600, 2, 60), 4, {
		REQ(1, CRED(1), 0), REQ(1, CRED(1), 0), RSP(1, 401, REGISTER, 0, AUTH, false),
		RSP(1, 401, REGISTER, 0, AUTH, true) } },
	{ "a stale nonce is no failure", LIMITS(1, 600, 2, 60), 4, {
		REQ(1, CRED(1), 0), RSPS(1, 401, REGISTER, 0, NONE, false),
		REQ(2, CRED(2), 0), RSP(2, 200, REGISTER, 0, NONE, false) } },
	{ "403: a failure with credentials, policy without", LIMITS(2, 600, 2, 60), 6, {
		REQ(1, 0, 0), RSP(1, 403, INVITE, 0, NONE, false),
		REQ(2, CRED(5), 1), RSP(2, 403, REGISTER, 1, AUTH, false),
		REQ(3, CRED(6), 1), RSPS(3, 403, REGISTER, 1, AUTH, true) } },
	{ "the window: failures spread wider than it never ban", LIMITS(2, 600, 2, 60), 6, {
		REQ(1, CRED(1), 0), RSP(1, 401, REGISTER, 0, AUTH, false),
		REQ(2, CRED(2), 601), RSP(2, 401, REGISTER, 601, AUTH, false),
		REQ(3, CRED(3), 1202), RSP(3, 401, REGISTER, 1202, AUTH, false) } },
	{ "unknown targets: every method without credentials", LIMITS(2, 600, 6, 60), 16, {
		REQ(1, 0, 0), REQ(2, 0, 0), REQ(3, 0, 0), REQ(4, 0, 0), REQ(5, 0, 0),
		REQ(6, 0, 0), REQ(7, 0, 0), REQ(8, CRED(1), 0),
		RSP(1, 404, REGISTER, 0, UNKNOWN, false), RSP(2, 484, INVITE, 0, UNKNOWN, false),
		RSP(3, 604, OPTIONS, 0, UNKNOWN, false), RSP(4, 404, NOTIFY, 0, UNKNOWN, false),
		RSP(5, 404, UNKNOWN, 0, UNKNOWN, false), RSP(6, 404, MESSAGE, 0, UNKNOWN, true),
		RSP(7, 404, SUBSCRIBE, 1, UNKNOWN, false),
		/* an authenticated user's misdial */
		RSP(8, 404, INVITE, 1, NONE, false) } },
	{ "an INVITE's 404 retransmitted until its ACK counts once", LIMITS(2, 600, 2, 60), 6, {
		REQ(1, 0, 0), RSP(1, 404, INVITE, 0, UNKNOWN, false), RSP(1, 404, INVITE, 0, NONE, false),
		RSP(1, 404, INVITE, 1, NONE, false), REQ(2, 0, 1), RSP(2, 404, INVITE, 1, UNKNOWN, true) } },
	{ "one Call-ID and CSeq for every extension: each probe counts", LIMITS(2, 600, 3, 60), 6, {
		REQ(1, 0, 0), RSP(1, 404, OPTIONS, 0, UNKNOWN, false),
		REQ(1, 0, 0), RSP(1, 404, OPTIONS, 0, UNKNOWN, false),
		REQ(1, 0, 0), RSP(1, 404, OPTIONS, 0, UNKNOWN, true) } },
	{ "a class at threshold 0 counts but never bans", LIMITS(0, 600, 0, 60), 4, {
		REQ(1, CRED(1), 0), RSP(1, 403, REGISTER, 0, AUTH, false),
		REQ(2, 0, 0), RSP(2, 404, REGISTER, 0, UNKNOWN, false) } },
	{ "other statuses count nothing", LIMITS(1, 600, 1, 60), 7, {
		REQ(1, CRED(1), 0), RSP(1, 200, REGISTER, 0, NONE, false),
		REQ(2, 0, 0), RSP(2, 480, INVITE, 0, NONE, false), RSP(2, 486, INVITE, 0, NONE, false),
		REQ(3, 0, 0), RSP(3, 503, REGISTER, 0, NONE, false) } },
	{ "an answer to no request of the source's counts for nobody (Via maddr, received=)",
	  LIMITS(1, 600, 1, 60), 3, {
		RSP(99, 404, REGISTER, 0, NONE, false), RSP(99, 403, INVITE, 0, NONE, false),
		RSP(99, 401, REGISTER, 0, NONE, false) } },
	{ "all 16 waiting: the oldest is given up", LIMITS(5, 600, 5, 60), 19, {
		REQ(1, CRED(1), 0), REQ(2, CRED(2), 0), REQ(3, CRED(3), 0), REQ(4, CRED(4), 0), REQ(5, CRED(5), 0), REQ(6, CRED(6), 0), REQ(7, CRED(7), 0), REQ(8, CRED(8), 0), REQ(9, CRED(9), 0), REQ(10, CRED(10), 0), REQ(11, CRED(11), 0), REQ(12, CRED(12), 0), REQ(13, CRED(13), 0), REQ(14, CRED(14), 0), REQ(15, CRED(15), 0), REQ(16, CRED(16), 0), REQ(17, CRED(17), 0),
		RSP(1, 401, REGISTER, 0, NONE, false), RSP(17, 401, REGISTER, 0, AUTH, false) } },
	{ "answered ones are taken first: a waiting guess outlives 15 answered requests",
	  LIMITS(5, 600, 5, 60), 33, {
		REQ(1, CRED(1), 0), REQ(2, CRED(2), 0), REQ(3, CRED(3), 0), REQ(4, CRED(4), 0), REQ(5, CRED(5), 0), REQ(6, CRED(6), 0), REQ(7, CRED(7), 0), REQ(8, CRED(8), 0), REQ(9, CRED(9), 0), REQ(10, CRED(10), 0), REQ(11, CRED(11), 0), REQ(12, CRED(12), 0), REQ(13, CRED(13), 0), REQ(14, CRED(14), 0), REQ(15, CRED(15), 0), REQ(16, CRED(16), 0),
		RSP(2, 200, REGISTER, 0, NONE, false), RSP(3, 200, REGISTER, 0, NONE, false), RSP(4, 200, REGISTER, 0, NONE, false), RSP(5, 200, REGISTER, 0, NONE, false), RSP(6, 200, REGISTER, 0, NONE, false), RSP(7, 200, REGISTER, 0, NONE, false), RSP(8, 200, REGISTER, 0, NONE, false), RSP(9, 200, REGISTER, 0, NONE, false), RSP(10, 200, REGISTER, 0, NONE, false), RSP(11, 200, REGISTER, 0, NONE, false), RSP(12, 200, REGISTER, 0, NONE, false), RSP(13, 200, REGISTER, 0, NONE, false), RSP(14, 200, REGISTER, 0, NONE, false), RSP(15, 200, REGISTER, 0, NONE, false), RSP(16, 200, REGISTER, 0, NONE, false),
		REQ(17, 0, 0), RSP(1, 401, REGISTER, 0, AUTH, false) } },
};

/* Which requests are remembered (sg_answers_remember()). */
static const struct {
	u8 method;
	bool want;
} sg_answer_remember_vecs[] = {
	{ SIPGUARD_METHOD_REGISTER, true }, { SIPGUARD_METHOD_INVITE, true },
	{ SIPGUARD_METHOD_OPTIONS, true }, { SIPGUARD_METHOD_BYE, true },
	{ SIPGUARD_METHOD_NOTIFY, true }, { SIPGUARD_METHOD_UNKNOWN, true },
	/* never answered on their own: they would only push out the others */
	{ SIPGUARD_METHOD_ACK, false }, { SIPGUARD_METHOD_CANCEL, false },
};

/* Step @j of @v on @s: the class a response counted in (requests: 0). */
static inline u8 sg_answer_step(struct sg_answers *s, const struct sg_answer_vec *v, u32 j,
				bool *ban)
{
	const struct sg_answer_step *st = &v->steps[j];
	struct sg_answer a = { .status = st->status, .stale = st->stale, .txn = st->txn };

	*ban = false;
	if (st->request) {
		sg_answers_request(s, st->txn, st->cred != 0);
		return 0;
	}
	return sg_answers_response(s, &a, v->lim, st->at * 1000000000ULL, ban);
}

#undef REQ
#undef RSP
#undef RSPS
#undef LIMITS
#undef CRED

#endif /* _SG_ANSWER_VECTORS_H */
