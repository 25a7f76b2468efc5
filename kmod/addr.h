/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure core: parsing and matching of the address and port lists that
 * configure sipguard (module parameters now, netlink and sipguardctl later).
 */
#ifndef _SG_ADDR_H
#define _SG_ADDR_H

#include "sgtypes.h"

union sg_addr {
	__be32 v4;
	struct in6_addr v6;
};

/* One IPv4 or IPv6 prefix; bits past @len are always zero. */
struct sg_prefix {
	union sg_addr addr;
	u8 family;		/* AF_INET or AF_INET6 */
	u8 len;			/* 0..32 or 0..128 */
};

/* A set of ports, one bit each: membership costs one load in the hook. */
#define SG_PORTS_WORDS	(65536 / 64)
struct sg_portmap {
	u64 bits[SG_PORTS_WORDS];
};

static inline bool sg_port_test(const struct sg_portmap *m, u16 port)
{
	return (m->bits[port / 64] >> (port % 64)) & 1;
}

static inline void sg_port_set(struct sg_portmap *m, u16 port)
{
	m->bits[port / 64] |= (u64)1 << (port % 64);
}

int sg_prefix_parse(const char *s, size_t len, struct sg_prefix *p);
bool sg_prefix_match(const struct sg_prefix *p, int family, const void *addr);
int sg_prefix_cmp(const struct sg_prefix *a, const struct sg_prefix *b);
bool sg_prefix_overlap(const struct sg_prefix *a, const struct sg_prefix *b);

/*
 * A ports list holds at most SG_PORT_RANGES_MAX runs of adjacent ports:
 * what one config reply carries (and an operator needs: 5060,5061,5080-5099).
 */
#define SG_PORT_RANGES_MAX	256

int sg_ports_parse(const char *s, size_t len, struct sg_portmap *m);
unsigned int sg_port_ranges(const struct sg_portmap *m);

/*
 * Split @s (of @len bytes) at commas, calling @fn on each non-empty item
 * with surrounding blanks trimmed; stops at and returns the first error.
 */
int sg_list_foreach(const char *s, size_t len,
		    int (*fn)(const char *item, size_t n, void *arg), void *arg);

#endif /* _SG_ADDR_H */
