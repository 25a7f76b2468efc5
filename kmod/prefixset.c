// SPDX-License-Identifier: GPL-2.0
/*
 * Pure core: prefix sets as sorted disjoint ranges. Building sorts the
 * prefixes' ranges (O(n log n): 100 000 prefixes in milliseconds) and
 * merges overlapping and adjacent ones; a lookup is one binary search.
 */
#include "prefixset.h"

static u32 be32_host(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static struct sg_u128 addr128(const void *p)
{
	const u8 *b = p;
	struct sg_u128 v = { 0, 0 };
	int i;

	for (i = 0; i < 8; i++) {
		v.hi = v.hi << 8 | b[i];
		v.lo = v.lo << 8 | b[i + 8];
	}
	return v;
}

static int cmp128(struct sg_u128 a, struct sg_u128 b)
{
	if (a.hi != b.hi)
		return a.hi < b.hi ? -1 : 1;
	if (a.lo != b.lo)
		return a.lo < b.lo ? -1 : 1;
	return 0;
}

/* The last address of a prefix: its host bits all set (no shift by 64). */
static struct sg_u128 last128(struct sg_u128 v, unsigned int len)
{
	if (len < 64) {
		v.hi |= ~0ULL >> len;
		v.lo = ~0ULL;
	} else if (len == 64) {
		v.lo = ~0ULL;
	} else if (len < 128) {
		v.lo |= ~0ULL >> (len - 64);
	}
	return v;
}

static u32 last32(u32 a, unsigned int len)
{
	return len < 32 ? a | (~0U >> len) : a;
}

static int cmp_r4(const void *a, const void *b)
{
	const struct sg_range4 *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_r6(const void *a, const void *b)
{
	const struct sg_range6 *x = a, *y = b;

	return cmp128(x->start, y->start);
}

static bool next128(struct sg_u128 v, struct sg_u128 *out)
{
	if (!~v.hi && !~v.lo)
		return false;		/* the last address has no next */
	out->lo = v.lo + 1;
	out->hi = v.hi + (out->lo == 0);
	return true;
}

int sg_pset_build(const struct sg_prefix *p, u32 n, struct sg_pset **out)
{
	struct sg_pset *s;
	u32 i, k;

	*out = NULL;
	s = sg_zalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->nprefixes = n;
	for (i = 0; i < n; i++) {
		if (p[i].family == AF_INET)
			s->n4++;
		else if (p[i].family == AF_INET6)
			s->n6++;
		else
			goto err_inval;
	}
	if (s->n4 && !(s->r4 = sg_zalloc((size_t)s->n4 * sizeof(*s->r4))))
		goto err_nomem;
	if (s->n6 && !(s->r6 = sg_zalloc((size_t)s->n6 * sizeof(*s->r6))))
		goto err_nomem;

	s->n4 = s->n6 = 0;
	for (i = 0; i < n; i++) {
		if (p[i].family == AF_INET) {
			u32 a = be32_host(&p[i].addr.v4);

			if (p[i].len > 32)
				goto err_inval;
			s->r4[s->n4].start = a;
			s->r4[s->n4++].end = last32(a, p[i].len);
		} else {
			struct sg_u128 a = addr128(&p[i].addr.v6);

			if (p[i].len > 128)
				goto err_inval;
			s->r6[s->n6].start = a;
			s->r6[s->n6++].end = last128(a, p[i].len);
		}
	}

	/* sort, then merge ranges that overlap or touch */
	if (s->n4)
		sg_sort(s->r4, s->n4, sizeof(*s->r4), cmp_r4);
	for (i = 0, k = 0; i < s->n4; i++) {
		if (k && (s->r4[k - 1].end == ~0U || s->r4[i].start <= s->r4[k - 1].end + 1)) {
			if (s->r4[i].end > s->r4[k - 1].end)
				s->r4[k - 1].end = s->r4[i].end;
			continue;
		}
		s->r4[k++] = s->r4[i];
	}
	s->n4 = k;
	if (s->n6)
		sg_sort(s->r6, s->n6, sizeof(*s->r6), cmp_r6);
	for (i = 0, k = 0; i < s->n6; i++) {
		struct sg_u128 after;

		if (k && (!next128(s->r6[k - 1].end, &after) ||
			  cmp128(s->r6[i].start, after) <= 0)) {
			if (cmp128(s->r6[i].end, s->r6[k - 1].end) > 0)
				s->r6[k - 1].end = s->r6[i].end;
			continue;
		}
		s->r6[k++] = s->r6[i];
	}
	s->n6 = k;
	*out = s;
	return 0;

err_inval:
	sg_pset_free(s);
	return -EINVAL;
err_nomem:
	sg_pset_free(s);
	return -ENOMEM;
}

void sg_pset_free(struct sg_pset *s)
{
	if (!s)
		return;
	sg_free(s->r4);
	sg_free(s->r6);
	sg_free(s);
}

bool __sg_pset_contains(const struct sg_pset *s, int family, const void *addr)
{
	u32 lo = 0, hi;

	if (family == AF_INET) {
		u32 a = be32_host(addr);

		/* the last range starting at or before a */
		hi = s->n4;
		while (lo < hi) {
			u32 mid = lo + (hi - lo) / 2;

			if (s->r4[mid].start <= a)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo && a <= s->r4[lo - 1].end;
	}
	if (family == AF_INET6) {
		struct sg_u128 a = addr128(addr);

		hi = s->n6;
		while (lo < hi) {
			u32 mid = lo + (hi - lo) / 2;

			if (cmp128(s->r6[mid].start, a) <= 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo && cmp128(a, s->r6[lo - 1].end) <= 0;
	}
	return false;
}
