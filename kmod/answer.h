/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure core: offences read from the server's own answers. A response the
 * server sends to a source says what the source's request was worth: a
 * 401/407 to a request that carried credentials is a failed password, a
 * 403 a refusal, a 404/484/604 to a REGISTER, INVITE, OPTIONS, SUBSCRIBE or
 * MESSAGE an extension that does not exist. Each class is tallied per
 * source within its own window (Documentation/design.md, "Answers").
 *
 * No locking here: the caller holds the source's lock.
 */
#ifndef _SG_ANSWER_H
#define _SG_ANSWER_H

#include "sgtypes.h"
#include <linux/sipguard.h>

/* What a response counts as. */
enum sg_answer_class {
	SG_ANSWER_NONE,
	SG_ANSWER_AUTH,		/* authentication failure */
	SG_ANSWER_UNKNOWN,	/* unknown target */
	__SG_ANSWER_MAX
};

/* A response as read on its way out. */
struct sg_answer {
	u16 status;
	bool stale;		/* a challenge with stale=true: the password was right */
	u32 txn;		/* sg_txn_hash() of its Call-ID and CSeq */
	u32 len;		/* the message's bytes (headers and Content-Length),
				 * 0 when they are not known */
	bool whole;		/* its header section ended in the buffer */
};

/*
 * The transaction a message belongs to: its Call-ID and CSeq, hashed with
 * every blank, CR and LF left out (a fold reads the same either side).
 * Requests and the responses to them give the same value.
 */
u32 sg_txn_hash(const u8 *cid, size_t cidn, const u8 *cseq, size_t cseqn);
/* FNV-1a, continued from @h (start with SG_HASH_INIT). */
#define SG_HASH_INIT	2166136261U
u32 sg_hash_bytes(u32 h, const u8 *p, size_t n);
/* A credentials hash as a request's result holds it: never 0. */
static inline u32 sg_cred_hash(u32 h)
{
	return h | 1U;
}

/*
 * Read the response at the start of @buf (@len bytes): its status line,
 * Call-ID, CSeq, WWW-/Proxy-Authenticate and Content-Length. One pass,
 * linear in the header section. False when @buf does not start with a
 * status line.
 */
bool sg_answer_read(const u8 *buf, size_t len, struct sg_answer *a);

/* The class @a counts in, if the statuses alone decide (no state). */
bool sg_answer_interesting(u16 status);

/* A class's limit: @threshold answers within @window ns ban (0: off). */
struct sg_answer_limit {
	u32 threshold;
	u64 window;
};

struct sg_tally {
	u64 start;
	u32 n;
};

#define SG_ANSWER_TXNS	16	/* transactions remembered per source */

#define SG_TXN_USED	0x1
#define SG_TXN_CRED	0x2	/* a request of it carried credentials */

/* Per source, inside its entry. */
struct sg_answers {
	u32 txn[SG_ANSWER_TXNS];	/* sg_txn_hash() */
	u8 pending[SG_ANSWER_TXNS];	/* answers still expected */
	u8 flags[SG_ANSWER_TXNS];	/* SG_TXN_* */
	u8 next;
	struct sg_tally tally[__SG_ANSWER_MAX];
};

/* Whether a request of @method is remembered: all but ACK and CANCEL. */
bool sg_answers_remember(u8 method);

/* A request of transaction @txn from the source came in (@cred: with
 * credentials): one more answer expected in it. */
void sg_answers_request(struct sg_answers *s, u32 txn, bool cred);

/*
 * A response went to the source: the class it counted in (SG_ANSWER_NONE:
 * none, e.g. a challenge to a request without credentials, a
 * retransmitted response, or no answer expected from this source), with
 * *@ban set when the class reached its threshold within its window (the
 * tally starts again).
 */
u8 sg_answers_response(struct sg_answers *s, const struct sg_answer *a,
		       const struct sg_answer_limit lim[__SG_ANSWER_MAX], u64 now, bool *ban);

/* One more in @t: true when it reached @threshold within @window (the
 * tally starts again); never with @threshold 0. */
bool sg_tally_add(struct sg_tally *t, u32 threshold, u64 window, u64 now);

#endif /* _SG_ANSWER_H */
