// SPDX-License-Identifier: GPL-2.0
/*
 * sipguardctl inspect: run the module's own parser and checks, with the
 * default policy, over message files or pcap captures, offline. This is
 * how an operator tries a capture before enforcing.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sip.h"
#include "stream.h"
#include "names.h"
#include "sipguardctl.h"

#define MSG_FILE_MAX	(1 << 20)

/* A TCP stream of a capture (one direction), framed as the module does. */
struct tstream {
	struct tstream *next;
	char src[64], dst[64];
	struct sg_stream st;
	uint8_t *buf;
	uint32_t len, cap;
	uint32_t seq;			/* of the next byte expected */
	bool started, done;		/* done: blocked, or a gap in the capture */
};

#define TSTREAM_HASH	1024

struct inspect {
	struct sg_sip_policy pol;
	json_t *out;			/* -j: the array of results */
	unsigned long accepted, dropped;
	const char *file;
	unsigned long in_file;		/* messages seen in the current file */
	struct tstream *streams[TSTREAM_HASH];
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: sipguardctl [-j [-p]] inspect [--tcp] FILE...\n"
		"       sipguardctl [-j [-p]] inspect --pcap [--ports LIST] FILE...\n"
		"\n"
		"Judge SIP messages offline with the module's parser and default policy.\n"
		"Prints 'NAME: accept' or 'NAME: drop REASON DETAIL' for each message.\n"
		"  --tcp          each file is a TCP stream (the bytes one peer sent): its\n"
		"                 messages are framed and judged as the module does; the\n"
		"                 first bad one ends the stream (default: a UDP datagram)\n"
		"  --pcap         the files are pcap captures; IP fragments are reassembled,\n"
		"                 TCP streams followed in sequence order\n"
		"  --ports LIST   SIP ports in captures (default 5060,5061)\n"
		"  --strict-methods  allow only the standard methods\n"
		"Exit status: 0 all accepted, 1 some would be dropped, 2 error.\n");
}

static void report(struct inspect *in, const char *name, const struct sg_sip_result *r,
		   const uint8_t *data, bool tcp, const char *src, const char *dst)
{
	struct sg_sip_result res = *r;
	char detail[160], excerpt[80];
	u8 reason = res.reason;
	bool drop = reason != SG_VERDICT_ACCEPT;

	if (drop) {
		in->dropped++;
		sg_sip_describe(detail, sizeof(detail), &res, sg_default_scanners,
				sg_default_nscanners);
		sg_sanitize(excerpt, 64, data + res.at, res.at_len);
	} else {
		in->accepted++;
	}

	if (in->out) {
		json_t *o = json_object();

		json_object_set_new(o, "name", json_string(name));
		if (src) {
			json_object_set_new(o, "src", json_string(src));
			json_object_set_new(o, "dst", json_string(dst));
		}
		json_object_set_new(o, "transport", json_string(tcp ? "tcp" : "udp"));
		json_object_set_new(o, "kind", json_string(sg_sip_kind_name(res.kind)));
		if (res.kind == SG_SIP_REQUEST)
			json_object_set_new(o, "method", json_string(sg_method_name(res.method)));
		if (res.kind == SG_SIP_RESPONSE)
			json_object_set_new(o, "status", json_integer(res.status));
		json_object_set_new(o, "verdict", json_string(drop ? "drop" : "accept"));
		if (drop) {
			json_object_set_new(o, "reason", json_string(sg_reason_name(reason)));
			json_object_set_new(o, "detail", json_string(
				res.detail == SG_DETAIL_INJECTION ? sg_inject_name(res.inject) :
				sg_detail_name(res.detail)));
			json_object_set_new(o, "where", json_string(sg_hdr_name(res.where)));
			if (res.pattern >= 0)
				json_object_set_new(o, "pattern", json_stringn(
					sg_default_scanners[res.pattern].str,
					sg_default_scanners[res.pattern].len));
			json_object_set_new(o, "excerpt", json_string(excerpt));
		}
		json_array_append_new(in->out, o);
	} else if (drop) {
		printf("%s: drop %s %s: \"%s\"\n", name, sg_reason_name(reason), detail, excerpt);
	} else {
		printf("%s: accept\n", name);
	}
}

static void judge(struct inspect *in, const char *name, const uint8_t *data, size_t len,
		  const char *src, const char *dst)
{
	struct sg_sip_result res;

	sg_sip_inspect(&in->pol, data, len, len, SG_SIP_UDP, &res);
	report(in, name, &res, data, false, src, dst);
}

/*
 * Append @len bytes to @ts and judge the messages they complete, named
 * "@prefix#N" (N: @frame, or the message's number in the stream).
 */
static int stream_feed(struct inspect *in, struct tstream *ts, const char *prefix,
		       unsigned long frame, const uint8_t *data, size_t len)
{
	struct sg_sip_result res;
	uint32_t off, mlen, k;
	unsigned long nmsg = 0;
	char name[4200];
	u8 ev;

	if (ts->done || !len)
		return 0;
	if (ts->len + len > ts->cap) {
		uint32_t cap = ts->cap ? ts->cap : 4096;
		uint8_t *b;

		while (cap < ts->len + len)
			cap *= 2;
		b = realloc(ts->buf, cap);
		if (!b) {
			fprintf(stderr, "sipguardctl: out of memory\n");
			return -1;
		}
		ts->buf = b;
		ts->cap = cap;
	}
	memcpy(ts->buf + ts->len, data, len);
	ts->len += (uint32_t)len;
	while ((ev = sg_stream_next(&in->pol, &ts->st, ts->buf, ts->len, &res, &off, &mlen)) !=
	       SG_STREAM_MORE) {
		nmsg++;
		snprintf(name, sizeof(name), "%s#%lu", prefix, frame ? frame : nmsg);
		report(in, name, &res, ts->buf + off, true, ts->src[0] ? ts->src : NULL,
		       ts->dst[0] ? ts->dst : NULL);
		if (ev == SG_STREAM_BAD) {
			/* the module blocks the flow here */
			ts->done = true;
			return 0;
		}
	}
	k = sg_stream_keep(&ts->st);
	memmove(ts->buf, ts->buf + k, ts->len - k);
	ts->len -= k;
	sg_stream_shift(&ts->st, k);
	return 0;
}

/* The end of a stream: what is left is a message cut short. */
static void stream_end(struct tstream *ts, const char *name)
{
	if (!ts->done && ts->len > sg_stream_keep(&ts->st))
		fprintf(stderr, "sipguardctl: %s: %u bytes at the end are an incomplete message, not judged\n",
			name, ts->len - sg_stream_keep(&ts->st));
	free(ts->buf);
	ts->buf = NULL;
}

static unsigned int tstream_hash(const char *src, const char *dst)
{
	unsigned int h = 2166136261u;

	for (; *src; src++)
		h = (h ^ (uint8_t)*src) * 16777619u;
	for (; *dst; dst++)
		h = (h ^ (uint8_t)*dst) * 16777619u;
	return h % TSTREAM_HASH;
}

/*
 * A TCP segment of a capture: streams are followed from their SYN (or
 * their first data), in sequence order; a retransmission's old bytes are
 * skipped, a gap (a segment the capture missed or holds later) ends the
 * stream's judgement with a note.
 */
static int on_tcp(struct inspect *in, const struct sg_capture_msg *m)
{
	struct tstream **head = &in->streams[tstream_hash(m->src, m->dst)], *ts;
	const uint8_t *data = m->data;
	uint32_t skip;
	size_t len = m->len;

	for (ts = *head; ts; ts = ts->next)
		if (!strcmp(ts->src, m->src) && !strcmp(ts->dst, m->dst))
			break;
	if (!ts) {
		ts = calloc(1, sizeof(*ts));
		if (!ts) {
			fprintf(stderr, "sipguardctl: out of memory\n");
			return -1;
		}
		snprintf(ts->src, sizeof(ts->src), "%s", m->src);
		snprintf(ts->dst, sizeof(ts->dst), "%s", m->dst);
		ts->next = *head;
		*head = ts;
	}
	if (m->syn) {
		/* a new connection on this 4-tuple */
		if (ts->started && !ts->done && ts->len > sg_stream_keep(&ts->st))
			fprintf(stderr, "sipguardctl: %s#%lu: %s > %s: a new connection; the last one ended in an incomplete message\n",
				in->file, m->frame, m->src, m->dst);
		memset(&ts->st, 0, sizeof(ts->st));
		ts->len = 0;
		ts->done = false;
		ts->started = true;
		ts->seq = m->seq + 1;
		return 0;
	}
	if (!ts->started) {
		ts->started = true;
		ts->seq = m->seq;
	}
	if (ts->done)
		return 0;
	if ((int32_t)(m->seq - ts->seq) > 0) {
		fprintf(stderr, "sipguardctl: %s#%lu: %s > %s: %u bytes missing from the capture; the stream is not judged further\n",
			in->file, m->frame, m->src, m->dst, m->seq - ts->seq);
		ts->done = true;
		return 0;
	}
	skip = ts->seq - m->seq;
	if (skip >= len)
		return 0;	/* all of it seen before */
	data += skip;
	len -= skip;
	ts->seq += (uint32_t)len;
	in->in_file++;
	return stream_feed(in, ts, in->file, m->frame, data, len);
}

static void streams_end(struct inspect *in)
{
	char name[200];
	unsigned int i;

	for (i = 0; i < TSTREAM_HASH; i++) {
		while (in->streams[i]) {
			struct tstream *ts = in->streams[i];

			snprintf(name, sizeof(name), "%s > %s", ts->src, ts->dst);
			stream_end(ts, name);
			in->streams[i] = ts->next;
			free(ts);
		}
	}
}

static int on_capture(const struct sg_capture_msg *m, void *arg)
{
	struct inspect *in = arg;
	char name[4096];

	if (m->tcp)
		return on_tcp(in, m);
	snprintf(name, sizeof(name), "%s#%lu", in->file, m->frame);
	in->in_file++;
	judge(in, name, m->data, m->len, m->src, m->dst);
	return 0;
}

static int inspect_file(struct inspect *in, const char *path, bool tcp)
{
	uint8_t *buf;
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f) {
		fprintf(stderr, "sipguardctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	buf = malloc(MSG_FILE_MAX + 1);
	if (!buf) {
		fclose(f);
		fprintf(stderr, "sipguardctl: out of memory\n");
		return -1;
	}
	n = fread(buf, 1, MSG_FILE_MAX + 1, f);
	if (ferror(f)) {
		fprintf(stderr, "sipguardctl: %s: read error: %s\n", path, strerror(errno));
		goto err;
	}
	if (n > MSG_FILE_MAX) {
		fprintf(stderr, "sipguardctl: %s: over 1 MiB: not one SIP message (a capture? use --pcap)\n",
			path);
		goto err;
	}
	/* pcap (micro- and nanosecond, either byte order) and pcapng */
	if (n >= 4 && (!memcmp(buf, "\xd4\xc3\xb2\xa1", 4) || !memcmp(buf, "\xa1\xb2\xc3\xd4", 4) ||
		       !memcmp(buf, "\x4d\x3c\xb2\xa1", 4) || !memcmp(buf, "\xa1\xb2\x3c\x4d", 4) ||
		       !memcmp(buf, "\x0a\x0d\x0d\x0a", 4))) {
		fprintf(stderr, "sipguardctl: %s: this is a capture file: use inspect --pcap\n", path);
		goto err;
	}
	fclose(f);
	if (tcp) {
		struct tstream ts = { };
		int err = stream_feed(in, &ts, path, 0, buf, n);

		stream_end(&ts, path);
		free(buf);
		return err;
	}
	judge(in, path, buf, n, NULL, NULL);
	free(buf);
	return 0;
err:
	fclose(f);
	free(buf);
	return -1;
}

int cmd_inspect(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "pcap", no_argument, NULL, 'P' },
		{ "tcp", no_argument, NULL, 'T' },
		{ "ports", required_argument, NULL, 'o' },
		{ "strict-methods", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct inspect in = { };
	struct sg_portmap *ports = calloc(1, sizeof(*ports));
	const char *port_list = "5060,5061";
	bool pcap = false, tcp = false, failed = false;
	int c, err, i, status = 2;

	if (!ports) {
		fprintf(stderr, "sipguardctl: out of memory\n");
		return 2;
	}
	err = sg_sip_policy_init(&in.pol);
	if (err) {
		fprintf(stderr, "sipguardctl: cannot build the matchers: %s\n", strerror(-err));
		goto out_ports;
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
		switch (c) {
		case 'P': pcap = true; break;
		case 'T': tcp = true; break;
		case 'o': port_list = optarg; break;
		case 'S': in.pol.methods = SIPGUARD_METHODS_STRICT; break;
		case 'h': usage(stdout); status = 0; goto out_policy;
		default: usage(stderr); goto out_policy;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "sipguardctl: inspect: no file given\n");
		usage(stderr);
		goto out_policy;
	}
	if (sg_ports_parse(port_list, strlen(port_list), ports)) {
		fprintf(stderr, "sipguardctl: inspect: --ports '%s': want ports or ranges, 5060,5080-5082\n",
			port_list);
		goto out_policy;
	}
	if (opts.json)
		in.out = json_array();

	for (i = optind; i < argc; i++) {
		if (!pcap) {
			if (inspect_file(&in, argv[i], tcp))
				failed = true;
			continue;
		}
		char errbuf[512];

		in.file = argv[i];
		in.in_file = 0;
		if (sg_capture_read(argv[i], ports, on_capture, &in, errbuf, sizeof(errbuf)) < 0) {
			fprintf(stderr, "sipguardctl: %s: cannot read capture: %s\n", argv[i], errbuf);
			failed = true;
		} else if (!in.in_file) {
			fprintf(stderr, "sipguardctl: %s: no SIP traffic (UDP or TCP to ports %s) in the capture\n",
				argv[i], port_list);
			failed = true;
		}
		streams_end(&in);
	}

	if (in.out) {
		json_dumpf(in.out, stdout, opts.pretty ? JSON_INDENT(2) : JSON_COMPACT);
		fputc('\n', stdout);
		json_decref(in.out);
	}
	status = failed ? 2 : in.dropped ? 1 : 0;
out_policy:
	sg_sip_policy_release(&in.pol);
out_ports:
	free(ports);
	return status;
}
