// SPDX-License-Identifier: GPL-2.0
/*
 * Reading SIP out of pcap captures (libpcap): Ethernet (with VLAN tags and
 * PPPoE),
 * Linux cooked (v1, v2), raw IP and loopback link types; IPv4 and IPv6
 * with extension headers; IP-in-IP; IPv4 and IPv6 fragments reassembled,
 * as nf_defrag does before sipguard's hook. Every UDP datagram or TCP
 * segment to a SIP port is handed to the caller, like the hook sees it.
 */
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipguardctl.h"

#define FRAG_SLOTS	64
#define IP_MAX		65535

struct frag {
	bool used;
	int family;
	uint8_t src[16], dst[16];
	uint32_t id;
	uint8_t proto;
	size_t total;		/* payload length, once the last fragment came */
	size_t have;		/* bytes received (overlaps counted once) */
	unsigned long seq;	/* for eviction of the oldest */
	uint8_t *data;		/* IP_MAX bytes */
	uint8_t *got;		/* IP_MAX / 8 bitmap of received bytes */
};

struct reader {
	const struct sg_portmap *ports;
	sg_capture_fn fn;
	void *arg;
	unsigned long frame, seq;
	struct frag frags[FRAG_SLOTS];
	int status;
};

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void fmt_addr(char *out, size_t n, int family, const uint8_t *a, uint16_t port)
{
	char ip[INET6_ADDRSTRLEN];

	inet_ntop(family, a, ip, sizeof(ip));
	snprintf(out, n, family == AF_INET6 ? "[%s]:%u" : "%s:%u", ip, port);
}

static void ip_packet(struct reader *r, const uint8_t *p, size_t len, int depth);

static void l4(struct reader *r, int family, const uint8_t *src, const uint8_t *dst,
	       uint8_t proto, const uint8_t *p, size_t len, int depth)
{
	struct sg_capture_msg m;
	size_t hl;

	if (proto == 4 || proto == 41) {	/* IP-in-IP, IPv6-in-IP */
		ip_packet(r, p, len, depth + 1);
		return;
	}
	if (proto == 17) {
		if (len < 8)
			return;
		hl = 8;
		if (be16(p + 4) >= 8 && be16(p + 4) < len)
			len = be16(p + 4);
	} else if (proto == 6) {
		if (len < 20 || (size_t)(p[12] >> 4) * 4 > len || (p[12] >> 4) < 5)
			return;
		hl = (size_t)(p[12] >> 4) * 4;
	} else {
		return;
	}
	if (!sg_port_test(r->ports, be16(p + 2)))
		return;
	memset(&m, 0, sizeof(m));
	m.frame = r->frame;
	m.data = p + hl;
	m.len = len - hl;
	m.tcp = proto == 6;
	if (m.tcp) {
		m.seq = (uint32_t)be16(p + 4) << 16 | be16(p + 6);
		m.syn = p[13] & 0x02;
	}
	fmt_addr(m.src, sizeof(m.src), family, src, be16(p));
	fmt_addr(m.dst, sizeof(m.dst), family, dst, be16(p + 2));
	/* TCP segments without payload carry no SIP, but a SYN starts a stream */
	if (m.tcp && !m.len && !m.syn)
		return;
	if (r->status == 0)
		r->status = r->fn(&m, r->arg);
}

/* One fragment; the datagram goes on to l4() once complete. */
static void fragment(struct reader *r, int family, const uint8_t *src, const uint8_t *dst,
		     uint32_t id, uint8_t proto, size_t off, bool more,
		     const uint8_t *p, size_t len, int depth)
{
	size_t alen = family == AF_INET ? 4 : 16, i;
	struct frag *f = NULL, *oldest = &r->frags[0];

	if (off + len > IP_MAX)
		return;
	for (i = 0; i < FRAG_SLOTS; i++) {
		struct frag *c = &r->frags[i];

		if (c->used && c->family == family && c->id == id && c->proto == proto &&
		    !memcmp(c->src, src, alen) && !memcmp(c->dst, dst, alen)) {
			f = c;
			break;
		}
		if (!c->used || (oldest->used && c->seq < oldest->seq))
			oldest = c;
	}
	if (!f) {
		f = oldest;
		if (!f->data) {
			f->data = malloc(IP_MAX);
			f->got = malloc(IP_MAX / 8 + 1);
			if (!f->data || !f->got)
				return;
		}
		f->used = true;
		f->family = family;
		memcpy(f->src, src, alen);
		memcpy(f->dst, dst, alen);
		f->id = id;
		f->proto = proto;
		f->total = 0;
		f->have = 0;
		memset(f->got, 0, IP_MAX / 8 + 1);
	}
	f->seq = ++r->seq;
	memcpy(f->data + off, p, len);
	for (i = off; i < off + len; i++) {
		if (!(f->got[i / 8] & (1 << (i % 8)))) {
			f->got[i / 8] |= (uint8_t)(1 << (i % 8));
			f->have++;
		}
	}
	if (!more)
		f->total = off + len;
	if (f->total && f->have == f->total) {
		f->used = false;
		l4(r, family, src, dst, proto, f->data, f->total, depth);
	}
}

static void ipv4(struct reader *r, const uint8_t *p, size_t len, int depth)
{
	size_t ihl, tot;
	uint16_t fo;

	if (len < 20)
		return;
	ihl = (size_t)(p[0] & 0x0f) * 4;
	tot = be16(p + 2);
	if (ihl < 20 || tot < ihl || tot > len)
		return;
	fo = be16(p + 6);
	if (fo & 0x3fff)	/* MF or an offset: a fragment */
		fragment(r, AF_INET, p + 12, p + 16, be16(p + 4), p[9],
			 (size_t)(fo & 0x1fff) * 8, fo & 0x2000, p + ihl, tot - ihl, depth);
	else
		l4(r, AF_INET, p + 12, p + 16, p[9], p + ihl, tot - ihl, depth);
}

static void ipv6(struct reader *r, const uint8_t *p, size_t len, int depth)
{
	size_t off = 40, plen;
	uint8_t nh;

	if (len < 40)
		return;
	plen = be16(p + 4);
	if (40 + plen > len)
		return;
	len = 40 + plen;
	nh = p[6];
	for (;;) {
		if (nh == 0 || nh == 43 || nh == 60) {	/* hop-by-hop, routing, dest */
			if (off + 8 > len)
				return;
			nh = p[off];
			off += ((size_t)p[off + 1] + 1) * 8;
		} else if (nh == 44) {			/* fragment */
			uint16_t fo;
			uint32_t id;

			if (off + 8 > len)
				return;
			fo = be16(p + off + 2);
			id = (uint32_t)be16(p + off + 4) << 16 | be16(p + off + 6);
			fragment(r, AF_INET6, p + 8, p + 24, id, p[off],
				 (size_t)(fo & 0xfff8), fo & 1, p + off + 8,
				 len - off - 8, depth);
			return;
		} else {
			break;
		}
		if (off > len)
			return;
	}
	l4(r, AF_INET6, p + 8, p + 24, nh, p + off, len - off, depth);
}

static void ip_packet(struct reader *r, const uint8_t *p, size_t len, int depth)
{
	if (!len || depth > 4)
		return;
	if (p[0] >> 4 == 4)
		ipv4(r, p, len, depth);
	else if (p[0] >> 4 == 6)
		ipv6(r, p, len, depth);
}

static void ethertype(struct reader *r, uint16_t type, const uint8_t *p, size_t len)
{
	if (type == 0x0800 || type == 0x86dd) {
		ip_packet(r, p, len, 0);
	} else if (type == 0x8864 && len >= 8) {
		/* PPPoE session (RFC 2516): 6-byte header, PPP protocol */
		uint16_t proto = be16(p + 6);

		if (proto == 0x0021 || proto == 0x0057)
			ip_packet(r, p + 8, len - 8, 0);
	}
}

static void link_frame(struct reader *r, int dlt, const uint8_t *p, size_t len)
{
	uint16_t type;

	switch (dlt) {
	case DLT_EN10MB:
		if (len < 14)
			return;
		type = be16(p + 12);
		p += 14;
		len -= 14;
		while ((type == 0x8100 || type == 0x88a8) && len >= 4) {
			type = be16(p + 2);
			p += 4;
			len -= 4;
		}
		ethertype(r, type, p, len);
		break;
	case DLT_LINUX_SLL:
		if (len >= 16)
			ethertype(r, be16(p + 14), p + 16, len - 16);
		break;
#ifdef DLT_LINUX_SLL2
	case DLT_LINUX_SLL2:
		if (len >= 20)
			ethertype(r, be16(p), p + 20, len - 20);
		break;
#endif
	case DLT_NULL:
	case DLT_LOOP:
		if (len >= 4)
			ip_packet(r, p + 4, len - 4, 0);
		break;
	case DLT_RAW:
	case DLT_IPV4:
	case DLT_IPV6:
		ip_packet(r, p, len, 0);
		break;
	}
}

/* libpcap, loaded by the first capture read (dlib.c) */
static struct {
	bool loaded;
	__typeof__(pcap_open_offline) *open_offline;
	__typeof__(pcap_datalink) *datalink;
	__typeof__(pcap_datalink_val_to_name) *datalink_val_to_name;
	__typeof__(pcap_next_ex) *next_ex;
	__typeof__(pcap_geterr) *geterr;
	__typeof__(pcap_close) *close;
} lpcap;

static int lpcap_load(char *err, size_t errlen)
{
	static const struct sg_dlsym syms[] = {
		SG_DLSYM(lpcap, open_offline, pcap_open_offline),
		SG_DLSYM(lpcap, datalink, pcap_datalink),
		SG_DLSYM(lpcap, datalink_val_to_name, pcap_datalink_val_to_name),
		SG_DLSYM(lpcap, next_ex, pcap_next_ex),
		SG_DLSYM(lpcap, geterr, pcap_geterr),
		SG_DLSYM(lpcap, close, pcap_close),
		{ NULL, NULL }
	};

	if (!lpcap.loaded &&
	    sg_dlopen("libpcap.so.0.8", "libpcap0.8", syms, err, errlen) == 0)
		lpcap.loaded = true;
	return lpcap.loaded ? 0 : -1;
}

int sg_capture_read(const char *path, const struct sg_portmap *ports,
		    sg_capture_fn fn, void *arg, char *err, size_t errlen)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct reader *r;
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *pc;
	int dlt, rc, i;

	if (lpcap_load(err, errlen))
		return -1;
	pc = lpcap.open_offline(path, errbuf);
	if (!pc) {
		snprintf(err, errlen, "%s", errbuf);
		return -1;
	}
	dlt = lpcap.datalink(pc);
	if (dlt != DLT_EN10MB && dlt != DLT_LINUX_SLL && dlt != DLT_NULL &&
	    dlt != DLT_LOOP && dlt != DLT_RAW && dlt != DLT_IPV4 && dlt != DLT_IPV6
#ifdef DLT_LINUX_SLL2
	    && dlt != DLT_LINUX_SLL2
#endif
	    ) {
		snprintf(err, errlen, "link type %s is not supported (Ethernet, Linux cooked, raw IP, loopback are)",
			 lpcap.datalink_val_to_name(dlt) ?: "unknown");
		lpcap.close(pc);
		return -1;
	}
	r = calloc(1, sizeof(*r));
	if (!r) {
		snprintf(err, errlen, "out of memory");
		lpcap.close(pc);
		return -1;
	}
	r->ports = ports;
	r->fn = fn;
	r->arg = arg;
	while ((rc = lpcap.next_ex(pc, &h, &data)) == 1 && !r->status) {
		r->frame++;
		link_frame(r, dlt, data, h->caplen);
	}
	if (rc == PCAP_ERROR)
		snprintf(err, errlen, "%s", lpcap.geterr(pc));
	for (i = 0; i < FRAG_SLOTS; i++) {
		free(r->frags[i].data);
		free(r->frags[i].got);
	}
	rc = rc == PCAP_ERROR ? -1 : r->status;
	free(r);
	lpcap.close(pc);
	return rc;
}
