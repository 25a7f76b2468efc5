/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test vectors for addr.c, shared by the KUnit suite (kernel in4/in6_pton)
 * and the userspace unit tests (libc inet_pton), so both builds of the pure
 * core are held to the same answers.
 */
#ifndef _SG_ADDR_VECTORS_H
#define _SG_ADDR_VECTORS_H

struct sg_prefix_vec {
	const char *in;
	int err;		/* 0 or the negative errno expected */
	int family;
	unsigned int len;
};

static const struct sg_prefix_vec sg_prefix_vecs[] = {
	{ "192.0.2.0/24",	0,	AF_INET,   24 },
	{ "192.0.2.1",		0,	AF_INET,   32 },
	{ "192.0.2.1/32",	0,	AF_INET,   32 },
	{ "0.0.0.0/0",		0,	AF_INET,   0 },
	{ "198.51.100.128/25",	0,	AF_INET,   25 },
	{ "2001:db8::/32",	0,	AF_INET6,  32 },
	{ "2001:db8::1",	0,	AF_INET6,  128 },
	{ "2001:db8::1/128",	0,	AF_INET6,  128 },
	{ "::/0",		0,	AF_INET6,  0 },
	{ "2001:db8:0:1::/63",	-EINVAL, 0, 0 },	/* host bit 64 set */
	{ "192.0.2.1/24",	-EINVAL, 0, 0 },	/* host bits set */
	{ "2001:db8::1/64",	-EINVAL, 0, 0 },
	{ "192.0.2.0/33",	-EINVAL, 0, 0 },
	{ "2001:db8::/129",	-EINVAL, 0, 0 },
	{ "192.0.2.0/",		-EINVAL, 0, 0 },
	{ "192.0.2.0/-1",	-EINVAL, 0, 0 },
	{ "192.0.2.0/24/8",	-EINVAL, 0, 0 },
	{ "192.0.2.0/2x",	-EINVAL, 0, 0 },
	{ "192.0.2.0/99999999999", -EINVAL, 0, 0 },
	{ "192.0.2/24",		-EINVAL, 0, 0 },
	{ "256.0.2.0/24",	-EINVAL, 0, 0 },
	{ "192.0.2.0 /24",	-EINVAL, 0, 0 },
	{ "2001:db8:::1",	-EINVAL, 0, 0 },
	{ "example.com",	-EINVAL, 0, 0 },
	{ "",			-EINVAL, 0, 0 },
	{ "/24",		-EINVAL, 0, 0 },
};

struct sg_match_vec {
	const char *prefix;
	const char *addr;
	bool match;
};

static const struct sg_match_vec sg_match_vecs[] = {
	{ "192.0.2.0/24",	"192.0.2.77",		true },
	{ "192.0.2.0/24",	"192.0.2.0",		true },
	{ "192.0.2.0/24",	"192.0.2.255",		true },
	{ "192.0.2.0/24",	"192.0.3.1",		false },
	{ "198.51.100.128/25",	"198.51.100.200",	true },
	{ "198.51.100.128/25",	"198.51.100.127",	false },
	{ "203.0.113.9",	"203.0.113.9",		true },
	{ "203.0.113.9",	"203.0.113.8",		false },
	{ "0.0.0.0/0",		"203.0.113.5",		true },
	{ "0.0.0.0/0",		"2001:db8::1",		false },	/* family */
	{ "::/0",		"192.0.2.1",		false },
	{ "::/0",		"2001:db8::1",		true },
	{ "2001:db8::/32",	"2001:db8:ffff::1",	true },
	{ "2001:db8::/32",	"2001:db9::",		false },
	{ "2001:db8::/31",	"2001:db9::",		true },
	{ "2001:db8::/63",	"2001:db8:0:1::7",	true },
	{ "2001:db8::/63",	"2001:db8:0:2::",	false },
	{ "2001:db8::1",	"2001:db8::1",		true },
	{ "2001:db8::1",	"2001:db8::2",		false },
};

/* sg_prefix_overlap() and sg_prefix_cmp(): @cmp is the sign of a vs b */
struct sg_overlap_vec {
	const char *a, *b;
	bool overlap;
	int cmp;
};

static const struct sg_overlap_vec sg_overlap_vecs[] = {
	{ "192.0.2.9",		"192.0.2.9",		true,	0 },
	{ "192.0.2.9",		"192.0.2.8/29",		true,	1 },	/* a host in a range */
	{ "192.0.2.8/29",	"192.0.2.9",		true,	-1 },
	{ "192.0.2.0/29",	"192.0.2.8/29",		false,	-1 },	/* neighbours */
	{ "0.0.0.0/0",		"203.0.113.1",		true,	-1 },
	{ "10.0.0.0/8",		"11.0.0.0/8",		false,	-1 },
	{ "11.0.0.0/8",		"10.0.0.0/8",		false,	1 },
	{ "192.0.2.1",		"::ffff:192.0.2.1",	false,	-1 },	/* families */
	{ "::/0",		"0.0.0.0/0",		false,	1 },
	{ "2001:db8::/32",	"2001:db8:77::/48",	true,	-1 },
	{ "2001:db8:77::/48",	"2001:db8:78::/48",	false,	-1 },
	{ "2001:db8::1",	"2001:db8::/127",	true,	1 },
	{ "2001:db8::2",	"2001:db8::/127",	false,	1 },
};

struct sg_ports_vec {
	const char *in;
	int err;
	unsigned int in_set;	/* a port that must be in the set (if ok) */
	unsigned int out_set;	/* a port that must not be */
};

static const struct sg_ports_vec sg_ports_vecs[] = {
	{ "5060,5061",		0,	5061,	5062 },
	{ "5060",		0,	5060,	5061 },
	{ "5060-5070",		0,	5065,	5071 },
	{ " 5060 , 5080 ",	0,	5080,	5070 },
	{ "5060,,5080",		0,	5080,	5070 },
	{ "1-65535",		0,	65535,	0 },
	{ "65535",		0,	65535,	65534 },
	{ "1",			0,	1,	2 },
	{ "0",			-EINVAL, 0, 0 },
	{ "65536",		-EINVAL, 0, 0 },
	{ "5070-5060",		-EINVAL, 0, 0 },
	{ "5060-",		-EINVAL, 0, 0 },
	{ "-5060",		-EINVAL, 0, 0 },
	{ "5060;5061",		-EINVAL, 0, 0 },
	{ "5060,abc",		-EINVAL, 0, 0 },
	{ "+5060",		-EINVAL, 0, 0 },
	{ "",			-EINVAL, 0, 0 },
	{ ",",			-EINVAL, 0, 0 },
	{ "99999999999",	-EINVAL, 0, 0 },
};

#endif /* _SG_ADDR_VECTORS_H */
