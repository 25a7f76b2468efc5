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
#define SG_FIELD_UA		0x01	/* User-Agent value */
#define SG_FIELD_FROM_NAME	0x02	/* display name of From */
#define SG_FIELD_INJECT		0x80	/* inject.c's prefilter triggers */

/* Pattern flags */
#define SG_PAT_WORD		0x01	/* only between non-alphanumerics */
#define SG_PAT_WORD_START	0x02	/* only after a non-alphanumeric */

#define SG_ACM_MAX_PATTERNS	4096
#define SG_ACM_MAX_PATLEN	128
#define SG_ACM_MAX_STATES	65535	/* state ids are u16 */

struct sg_acm_pattern {
	const char *str;
	u16 len;
	u8 fields;
	u8 flags;
};

struct sg_acm_pat {		/* a compiled pattern */
	u16 len;
	u8 fields;
	u8 flags;
};

struct sg_acm {
	u32 nstates;
	u32 nclasses;
	u32 npatterns;
	u8 cls[256];		/* byte -> class; case folded, blanks as ' ' */
	u16 *delta;		/* [nstates][nclasses] next state */
	u16 *out;		/* [nstates] pattern ending here + 1, or 0 */
	u16 *out_link;		/* [nstates] nearest suffix state with out, or 0 */
	u8 *hit;		/* [nstates] out or out_link: one load per byte */
	struct sg_acm_pat *pats;
};

struct sg_acm *sg_acm_build(const struct sg_acm_pattern *pats, u32 n, int *err);
void sg_acm_free(struct sg_acm *m);

/*
 * Index of the first pattern (by end position) found in @s that applies to
 * @field and satisfies its flags, or -1. @s may hold folded lines: CR, LF
 * and HT match as a space.
 */
int sg_acm_find(const struct sg_acm *m, const u8 *s, size_t len, u8 field);

/* The default scanner signatures, compiled in. */
extern const struct sg_acm_pattern sg_default_scanners[];
extern const u32 sg_default_nscanners;

#endif /* _SG_ACMATCH_H */
