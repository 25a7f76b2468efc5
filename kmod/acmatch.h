/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure core: Aho-Corasick multi-pattern matcher, case-insensitive, compiled
 * to a full DFA over byte classes. Matching costs one table load per byte
 * whatever the number of patterns, so operators can load hundreds.
 */
#ifndef _SG_ACMATCH_H
#define _SG_ACMATCH_H

#include "sgtypes.h"

/* Where a pattern applies (a pattern may apply to several fields). */
#define SG_FIELD_UA		0x01	/* User-Agent or Server value */
#define SG_FIELD_FROM		0x02	/* From value */
#define SG_FIELD_TO		0x04	/* To value */
#define SG_FIELD_CONTACT	0x08	/* Contact value */
#define SG_FIELD_HEADER		0x10	/* any header value, the Request-URI */
#define SG_FIELD_SDP		0x20	/* an SDP s= or o= line's value */
#define SG_FIELD_ALL		0x3f
#define SG_FIELD_INJECT		0x80	/* inject.c's prefilter triggers */

/* Pattern flags */
#define SG_PAT_WORD		0x01	/* only between non-alphanumerics */
#define SG_PAT_WORD_START	0x02	/* only after a non-alphanumeric */
#define SG_PAT_BLANKS		0x80	/* compiled: the string has blanks */

#define SG_ACM_MAX_PATTERNS	4096	/* an operator's */
#define SG_ACM_MAX_EXTRA	256	/* built in: the injection prefilter's */
#define SG_ACM_MAX_PATLEN	128
#define SG_ACM_MAX_STATES	65535	/* state ids are u16 */

struct sg_acm_pattern {
	const char *str;
	u16 len;
	u8 fields;
	u8 flags;
};

struct sg_acm_pat {		/* a compiled pattern */
	u16 len;		/* bytes matched (blankless: without blanks) */
	u8 fields;
	u8 flags;
};

struct sg_acm {
	u32 nstates;
	u32 nclasses;
	u32 npatterns;
	u8 fields;		/* every pattern's fields, or'ed */
	u8 blank;		/* the class of SP, HT, CR, LF: no state moves */
	u8 cls[256];		/* byte -> class; case folded, blanks as ' ' */
	u16 *delta;		/* [nstates][nclasses] next state (building) */
	u32 *next;		/* the same, as next row << 2 | word end << 1 | hit */
	u16 *out;		/* [nstates] pattern ending here + 1, or 0 */
	u16 *out_link;		/* [nstates] nearest suffix state with out, or 0 */
	u8 *hit;		/* [nstates] out or out_link: one load per byte */
	struct sg_acm_pat *pats;
};

struct sg_acm *sg_acm_build(const struct sg_acm_pattern *pats, u32 n, int *err);
void sg_acm_free(struct sg_acm *m);

/*
 * Index of the first pattern (by end position) found in @s that applies to
 * @field and satisfies its flags, or -1. Blanks (SP, HT, CR, LF) are
 * skipped, in the patterns and in @s, so neither a fold inside a word
 * ("friendly-" CRLF SP "scanner") nor one between two ("Nmap" CRLF SP
 * "NSE") hides a signature; word boundaries are read in @s as it is.
 */
int sg_acm_find(const struct sg_acm *m, const u8 *s, size_t len, u8 field);

/*
 * The same, in the same pass: *@marked is set if some pattern applying to
 * @mark occurs (the injection prefilter's triggers, built into the
 * scanner matcher with sg_acm_build2()). Stops at the first pattern for
 * @field, or once nothing more is to learn. Linear in @len.
 */
int sg_acm_find_mark(const struct sg_acm *m, const u8 *s, size_t len, u8 field, u8 mark,
		     bool *marked);

/* sg_acm_build() of @a then @b: @b's patterns are numbered after @a's. */
struct sg_acm *sg_acm_build2(const struct sg_acm_pattern *a, u32 na,
			     const struct sg_acm_pattern *b, u32 nb, int *err);

/* The default scanner signatures, compiled in. */
extern const struct sg_acm_pattern sg_default_scanners[];
extern const u32 sg_default_nscanners;

#endif /* _SG_ACMATCH_H */
