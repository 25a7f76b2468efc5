// SPDX-License-Identifier: GPL-2.0
/*
 * Pure core: address and port lists. Input comes from module parameters,
 * netlink attributes and sipguardctl's command line, so every function takes
 * an explicit length, never reads past it, and rejects rather than guesses:
 * a list with one bad item is an error as a whole.
 */
#include "addr.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int sg_list_foreach(const char *s, size_t len,
		    int (*fn)(const char *item, size_t n, void *arg), void *arg)
{
	size_t i = 0;

	while (i < len) {
		size_t start, end;
		int err;

		start = i;
		while (i < len && s[i] != ',')
			i++;
		end = i++;	/* skip the comma */
		while (start < end && is_blank(s[start]))
			start++;
		while (end > start && is_blank(s[end - 1]))
			end--;
		if (start == end)
			continue;
		err = fn(s + start, end - start, arg);
		if (err)
			return err;
	}
	return 0;
}

/* Parse a decimal number of at most @max; digits only, no sign, no blanks. */
static int parse_uint(const char *s, size_t len, u32 max, u32 *out)
{
	u32 v = 0;
	size_t i;

	if (len == 0 || len > 10)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		if (v > (max - (u32)(s[i] - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (u32)(s[i] - '0');
	}
	*out = v;
	return 0;
}

static bool host_bits_clear(const u8 *a, unsigned int bytes, unsigned int len)
{
	unsigned int i;

	for (i = len / 8; i < bytes; i++) {
		u8 mask = i == len / 8 ? (u8)(0xff >> (len % 8)) : 0xff;

		if (a[i] & mask)
			return false;
	}
	return true;
}

int sg_prefix_parse(const char *s, size_t len, struct sg_prefix *p)
{
	const char *slash = memchr(s, '/', len);
	size_t alen = slash ? (size_t)(slash - s) : len;
	unsigned int bytes, max;
	u32 plen;
	int err;

	memset(p, 0, sizeof(*p));
	if (memchr(s, ':', alen)) {
		p->family = AF_INET6;
		bytes = 16;
	} else {
		p->family = AF_INET;
		bytes = 4;
	}
	max = bytes * 8;
	if (!sg_pton(p->family, s, alen, &p->addr))
		return -EINVAL;

	plen = max;
	if (slash) {
		err = parse_uint(slash + 1, len - alen - 1, max, &plen);
		if (err)
			return -EINVAL;
	}
	p->len = (u8)plen;

	/* "192.0.2.1/24" is almost always a typo for a host or a network:
	 * refuse it rather than widen or narrow what the operator meant.
	 */
	if (!host_bits_clear((const u8 *)&p->addr, bytes, p->len))
		return -EINVAL;
	return 0;
}

bool sg_prefix_match(const struct sg_prefix *p, int family, const void *addr)
{
	const u8 *a = addr, *net = (const u8 *)&p->addr;
	unsigned int full = p->len / 8, rest = p->len % 8;

	if (p->family != family)
		return false;
	if (memcmp(a, net, full))
		return false;
	if (rest && ((a[full] ^ net[full]) & (u8)(0xff << (8 - rest))))
		return false;
	return true;
}

/*
 * A total order on prefixes (family, then length, then address): the prefix
 * sets' tree, and sipguardctl's sorted tables, use the same one.
 */
int sg_prefix_cmp(const struct sg_prefix *a, const struct sg_prefix *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return memcmp(&a->addr, &b->addr, a->family == AF_INET ? 4 : 16);
}

/* @a and @b share an address: one holds the other's network address. */
bool sg_prefix_overlap(const struct sg_prefix *a, const struct sg_prefix *b)
{
	return a->family == b->family &&
	       (sg_prefix_match(a, b->family, &b->addr) || sg_prefix_match(b, a->family, &a->addr));
}

static int ports_item(const char *s, size_t len, void *arg)
{
	struct sg_portmap *m = arg;
	const char *dash = memchr(s, '-', len);
	u32 lo, hi, port;

	if (dash) {
		if (parse_uint(s, (size_t)(dash - s), U16_MAX, &lo) ||
		    parse_uint(dash + 1, len - (size_t)(dash - s) - 1, U16_MAX, &hi))
			return -EINVAL;
	} else {
		if (parse_uint(s, len, U16_MAX, &lo))
			return -EINVAL;
		hi = lo;
	}
	if (lo == 0 || lo > hi)
		return -EINVAL;
	for (port = lo; port <= hi; port++)
		sg_port_set(m, (u16)port);
	return 0;
}

/* The runs of adjacent ports in @m: a port set whose left neighbour is not. */
unsigned int sg_port_ranges(const struct sg_portmap *m)
{
	unsigned int i, n = 0;
	u64 carry = 0, w, starts;

	for (i = 0; i < SG_PORTS_WORDS; i++) {
		w = m->bits[i];
		for (starts = w & ~((w << 1) | carry); starts; starts &= starts - 1)
			n++;
		carry = w >> 63;
	}
	return n;
}

/*
 * "5060,5061" or "5060-5070,5080". The map is filled only on success; an
 * empty list is an error, as sipguard with no SIP port would do nothing,
 * and so is one of more than SG_PORT_RANGES_MAX runs (-E2BIG).
 */
int sg_ports_parse(const char *s, size_t len, struct sg_portmap *m)
{
	u64 any = 0;
	unsigned int i;
	int err;

	memset(m, 0, sizeof(*m));
	err = sg_list_foreach(s, len, ports_item, m);
	for (i = 0; !err && i < SG_PORTS_WORDS; i++)
		any |= m->bits[i];
	if (!err && !any)
		err = -EINVAL;
	if (!err && sg_port_ranges(m) > SG_PORT_RANGES_MAX)
		err = -E2BIG;
	if (err)
		memset(m, 0, sizeof(*m));
	return err;
}
