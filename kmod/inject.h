/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure core: SQL and markup injection in SIP header values, recognised by
 * syntax on the decoded text, not by the presence of a quote.
 */
#ifndef _SG_INJECT_H
#define _SG_INJECT_H

#include "sgtypes.h"

enum sg_inject {
	SG_INJECT_NONE,
	SG_INJECT_SQL_TAUTOLOGY,	/* ' or 'x'='x, or 1=1 */
	SG_INJECT_SQL_COMMENT,		/* admin'-- */
	SG_INJECT_SQL_UNION,		/* ' union select ... from */
	SG_INJECT_SQL_STACKED,		/* ; drop table ... */
	SG_INJECT_SQL_TIME,		/* sleep(5), waitfor delay */
	SG_INJECT_SQL_FUNC,		/* ' and ascii(substring(..., ' order by 3 */
	SG_INJECT_XSS_TAG,		/* <script, <img ... */
	SG_INJECT_XSS_HANDLER,		/* onerror= in markup */
	SG_INJECT_XSS_URI,		/* javascript: */
	__SG_INJECT_MAX
};

#include "acmatch.h"

/* Scan @len bytes of a header value (folds allowed) for injection. */
enum sg_inject sg_inject_scan(const u8 *s, size_t len);

/*
 * The same verdict, cheaper: the value goes through the full scan only if
 * the prefilter (an sg_acm holding sg_inject_triggers, alone or after the
 * scanner signatures: one DFA step per byte) finds something every rule of
 * the full scan needs. @pre NULL: the full scan always. The parser does the
 * same in its one matcher pass over a header (sip.c, check_content()).
 */
enum sg_inject sg_inject_check(const struct sg_acm *pre, const u8 *s, size_t len);

extern const struct sg_acm_pattern sg_inject_triggers[];
extern const u32 sg_inject_ntriggers;

const char *sg_inject_name(enum sg_inject what);

#endif /* _SG_INJECT_H */
