/* SPDX-License-Identifier: GPL-2.0 */
/* Prefix-set vectors shared by the KUnit suite and the userspace tests. */
#ifndef _SG_PSET_VECTORS_H
#define _SG_PSET_VECTORS_H

struct sg_pset_query {
	const char *addr;
	bool in;
};

struct sg_pset_vec {
	const char *name;
	const char *prefixes[8];	/* NULL-terminated */
	u32 ranges;			/* after merging, both families */
	struct sg_pset_query q[12];	/* addr NULL ends */
};

static const struct sg_pset_vec sg_pset_vecs[] = {
	{ "IPv4 overlaps and adjacency merge",
	  { "192.0.2.0/24", "192.0.2.128/25", "198.51.100.0/25", "198.51.100.128/25", "203.0.113.7" },
	  3,
	  { { "192.0.2.0", true }, { "192.0.2.255", true }, { "192.0.3.0", false },
	    { "192.0.1.255", false }, { "198.51.100.0", true }, { "198.51.100.200", true },
	    { "198.51.101.0", false }, { "203.0.113.7", true }, { "203.0.113.6", false },
	    { "203.0.113.8", false }, { "0.0.0.0", false }, { "2001:db8::1", false } } },
	{ "0.0.0.0/0 covers IPv4, not IPv6", { "0.0.0.0/0" }, 1,
	  { { "0.0.0.0", true }, { "255.255.255.255", true }, { "203.0.113.1", true },
	    { "::", false }, { "2001:db8::1", false } } },
	{ "the last IPv4 address", { "255.255.255.255/32", "255.255.255.254/32" }, 1,
	  { { "255.255.255.255", true }, { "255.255.255.254", true },
	    { "255.255.255.253", false } } },
	{ "IPv6 nesting and adjacency",
	  { "2001:db8::/32", "2001:db8:1::/48", "2001:db9::1", "2001:dba::/64", "2001:dba:0:1::/64" },
	  3,
	  { { "2001:db8:ffff::1", true }, { "2001:db8::", true }, { "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false },
	    { "2001:db9::1", true }, { "2001:db9::2", false }, { "2001:db9::", false },
	    { "2001:dba::5", true }, { "2001:dba:0:1:ffff:ffff:ffff:ffff", true },
	    { "2001:dba:0:2::", false }, { "192.0.2.1", false } } },
	{ "::/0 covers IPv6, not IPv4", { "::/0" }, 1,
	  { { "::", true }, { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true },
	    { "2001:db8::1", true }, { "192.0.2.1", false } } },
	{ "/64 and /65 edges", { "2001:db8:0:1::/64", "2001:db8:0:3:8000::/65" }, 2,
	  { { "2001:db8:0:1:ffff:ffff:ffff:ffff", true }, { "2001:db8:0:2::", false },
	    { "2001:db8:0:3:7fff:ffff:ffff:ffff", false }, { "2001:db8:0:3:8000::", true },
	    { "2001:db8:0:3:ffff:ffff:ffff:ffff", true } } },
	{ "the last IPv6 address", { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "ffff::/16" }, 1,
	  { { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true }, { "ffff::1", true },
	    { "fffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false } } },
	{ "removal: the /24 gone, only its /25 left", { "192.0.2.0/25" }, 1,
	  { { "192.0.2.1", true }, { "192.0.2.200", false } } },
	{ "the empty set", { NULL }, 0,
	  { { "192.0.2.1", false }, { "2001:db8::1", false } } },
};

#endif /* _SG_PSET_VECTORS_H */
