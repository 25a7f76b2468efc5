/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure core: a set of IPv4 and IPv6 prefixes compiled for lookups, the
 * allow (trusted) and deny sets. Membership is all the hook asks ("is the
 * source covered by any prefix?"), so the prefixes become sorted, merged,
 * disjoint address ranges, searched in O(log n) whatever their lengths and
 * overlaps. A set is immutable once built: a writer builds a new one and
 * publishes it under RCU; readers never see one half-changed.
 */
#ifndef _SG_PREFIXSET_H
#define _SG_PREFIXSET_H

#include "addr.h"

struct sg_u128 {
	u64 hi, lo;
};

struct sg_range4 {
	u32 start, end;		/* host order, inclusive */
};

struct sg_range6 {
	struct sg_u128 start, end;
};

struct sg_pset {
	u32 n4, n6;		/* ranges */
	u32 nprefixes;		/* prefixes it was built from */
	struct sg_range4 *r4;
	struct sg_range6 *r6;
};

/* Build from @n prefixes (any order, overlaps allowed). 0 or -errno. */
int sg_pset_build(const struct sg_prefix *p, u32 n, struct sg_pset **out);
void sg_pset_free(struct sg_pset *s);
bool __sg_pset_contains(const struct sg_pset *s, int family, const void *addr);

/* @addr: a __be32 or struct in6_addr as in the packet. NULL set: empty,
 * and told without a call (the deny and allow sets most hosts leave
 * unset are asked about every SIP packet). */
static inline bool sg_pset_contains(const struct sg_pset *s, int family, const void *addr)
{
	return s && __sg_pset_contains(s, family, addr);
}

#endif /* _SG_PREFIXSET_H */
