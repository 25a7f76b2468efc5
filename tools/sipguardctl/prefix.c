// SPDX-License-Identifier: GPL-2.0
/*
 * sipguardctl allow, deny, and the sets of "method": prefix sets, with
 * expiries and comments; a batch's consecutive adds and dels go as one
 * request.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>

#include "names.h"
#include "sipguardctl.h"

/* ---- allow and deny --------------------------------------------------- */

static void prefix_reset(void *data)
{
	struct sg_prefixview *pv = data;

	pv->n = 0;
	if (pv->list)
		json_array_clear(pv->list);
	outbuf_reset(&pv->ob);
}

static int prefix_cb(const struct nlmsghdr *nlh, void *data)
{
	struct sg_prefixview *pv = data;
	const struct nlattr *top, *a;
	const void *addr = NULL;
	size_t alen = 0;
	uint8_t len = 0; uint32_t expires = 0;
	const char *comment = NULL;
	char abuf[INET6_ADDRSTRLEN], pfx[INET6_ADDRSTRLEN + 16];

	mnl_attr_for_each(top, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(top) != SIPGUARD_A_PREFIX)
			continue;
		mnl_attr_for_each_nested(a, top) {
			switch (mnl_attr_get_type(a)) {
			case SIPGUARD_PREFIX_A_ADDR:
				addr = mnl_attr_get_payload(a);
				alen = mnl_attr_get_payload_len(a);
				break;
			case SIPGUARD_PREFIX_A_LEN: len = mnl_attr_get_u8(a); break;
			case SIPGUARD_PREFIX_A_EXPIRES: expires = mnl_attr_get_u32(a); break;
			case SIPGUARD_PREFIX_A_COMMENT: comment = mnl_attr_get_str(a); break;
			}
		}
	}
	if (!addr || (alen != 4 && alen != 16))
		return MNL_CB_OK;
	snprintf(pfx, sizeof(pfx), "%s/%u", sg_addr_str(addr, alen, abuf, sizeof(abuf)), len);
	pv->n++;
	if (pv->list) {
		json_t *o = json_pack("{s:s}", "prefix", pfx);

		if (expires)
			json_object_set_new(o, "expires", json_integer(expires));
		if (comment)
			json_object_set_new(o, "comment", json_string(comment));
		json_array_append_new(pv->list, o);
		return MNL_CB_OK;
	}
	if (!pv->ob.f)
		return MNL_CB_OK;
	fprintf(pv->ob.f, "%s%s", pv->cmd ? pv->cmd : "", pfx);
	if (expires)
		fprintf(pv->ob.f, " expires %u", expires);
	if (comment) {
		fputs(" comment ", pv->ob.f);
		put_word(pv->ob.f, comment, strlen(comment));
	}
	fputc('\n', pv->ob.f);
	return MNL_CB_OK;
}

static void put_set(struct nlmsghdr *nlh, void *arg)
{
	mnl_attr_put_u8(nlh, SIPGUARD_A_SET, *(int *)arg);
}

int sg_prefix_dump(int set, struct sg_prefixview *pv)
{
	int err;

	pv->set = set;
	pv->ob.to = pv->list ? NULL : pv->f;
	err = sg_nl_dump(SIPGUARD_CMD_PREFIX_GET, put_set, &set, prefix_cb, pv, prefix_reset, false);
	outbuf_end(&pv->ob, !err);
	return err ? SG_EXIT_FAIL : 0;
}

static int prefix_dump_view(void *view)
{
	struct sg_prefixview *pv = view;

	return sg_prefix_dump(pv->set, pv);
}

/*
 * A batch sends consecutive "allow add" lines (or "deny del", ...) as one
 * request of up to this many bytes: 100 000 prefixes in some 40
 * requests, not 100 000, each of which rebuilds the set.
 */
#define PENDING_MAX	(96 * 1024)
static char *pending_buf;
static struct nlmsghdr *pending;
static int pending_set = -1;
static uint8_t pending_cmd;
static bool pending_replace;
static struct { uint32_t off; unsigned long line; } *pending_lines;
static unsigned int pending_n;
unsigned long sg_batch_line;	/* the batch line being run */
bool sg_batching;

int sg_pending_flush(void)
{
	unsigned int i;
	int err;

	if (!pending)
		return 0;
	err = sg_nl_talk(pending, NULL, NULL, &sg_top_an, false);
	if (err && sg_nl_err_off) {
		for (i = pending_n; i-- > 0;)
			if (pending_lines[i].off <= sg_nl_err_off)
				break;
		if (i < pending_n)
			sg_batch_line = pending_lines[i].line;
	}
	pending = NULL;
	pending_set = -1;
	pending_n = 0;
	return err ? SG_EXIT_FAIL : 0;
}

static int prefix_put(struct nlmsghdr *nlh, const struct sg_prefix *p, uint32_t expires,
		      const char *comment)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, SIPGUARD_A_PREFIX);

	mnl_attr_put(nlh, SIPGUARD_PREFIX_A_ADDR, p->family == AF_INET ? 4 : 16, &p->addr);
	mnl_attr_put_u8(nlh, SIPGUARD_PREFIX_A_LEN, p->len);
	if (expires)
		mnl_attr_put_u32(nlh, SIPGUARD_PREFIX_A_EXPIRES, expires);
	if (comment)
		mnl_attr_put_strz(nlh, SIPGUARD_PREFIX_A_COMMENT, comment);
	mnl_attr_nest_end(nlh, n);
	return 0;
}

/* In a batch: into the pending request of the same command and set. */
static int prefix_queue(uint8_t cmd, bool replace, int set, const struct sg_prefix *p,
			uint32_t expires, const char *comment)
{
	if (pending && (pending_cmd != cmd || pending_replace != replace || pending_set != set ||
			pending->nlmsg_len > PENDING_MAX)) {
		int err = sg_pending_flush();

		if (err)
			return err;
	}
	if (!pending) {
		if (!pending_buf) {
			pending_buf = malloc(PENDING_MAX + SG_BUF);
			pending_lines = calloc(PENDING_MAX / 8, sizeof(*pending_lines));
			if (!pending_buf || !pending_lines)
				return usage_error("out of memory");
		}
		pending = sg_msg_start(pending_buf, 0, cmd, NLM_F_REQUEST | NLM_F_ACK);
		mnl_attr_put_u8(pending, SIPGUARD_A_SET, set);
		if (replace)
			mnl_attr_put(pending, SIPGUARD_A_REPLACE, 0, NULL);
		pending_set = set;
		pending_cmd = cmd;
		pending_replace = replace;
	}
	pending_lines[pending_n].off = pending->nlmsg_len;
	pending_lines[pending_n++].line = sg_batch_line;
	return prefix_put(pending, p, expires, comment);
}

/* "add", or "replace" (a prefix there takes the new expiry and comment) */
static int prefix_add(int set, const char *obj, bool replace, int argc, char **argv)
{
	const char *verb = replace ? "replace" : "add";
	static char buf[SG_BUF];
	const char *comment = NULL;
	uint32_t expires = 0;
	struct sg_prefix p;
	struct nlmsghdr *nlh;
	int i;

	if (argc < 1)
		return usage_error("%s %s: want PREFIX [expires SECONDS] [comment TEXT]", obj, verb);
	if (sg_prefix_parse(argv[0], strlen(argv[0]), &p))
		return usage_error("%s add: '%s' is not an IPv4 or IPv6 address or a prefix without host bits (like 192.0.2.0/24)",
				   obj, argv[0]);
	for (i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			return usage_error("%s %s: %s needs a value", obj, verb, argv[i]);
		if (!strcmp(argv[i], "expires")) {
			if (!sg_parse_u32("expires", argv[i + 1], 1, SECS_MAX, &expires))
				return SG_EXIT_USAGE;
		} else if (!strcmp(argv[i], "comment")) {
			comment = argv[i + 1];
			if (strlen(comment) >= SIPGUARD_COMMENT_MAX)
				return usage_error("comment: at most %d bytes", SIPGUARD_COMMENT_MAX - 1);
		} else {
			return usage_error("%s %s: unknown option '%s' (expires, comment)", obj, verb,
					   argv[i]);
		}
	}
	if (sg_dry_run)
		return 0;
	if (sg_batching)
		return prefix_queue(SIPGUARD_CMD_PREFIX_ADD, replace, set, &p, expires, comment);
	nlh = sg_msg_start(buf, 0, SIPGUARD_CMD_PREFIX_ADD, NLM_F_REQUEST | NLM_F_ACK);
	mnl_attr_put_u8(nlh, SIPGUARD_A_SET, set);
	if (replace)
		mnl_attr_put(nlh, SIPGUARD_A_REPLACE, 0, NULL);
	prefix_put(nlh, &p, expires, comment);
	return sg_send(nlh, NULL, NULL);
}

static void prefix_usage(FILE *f, const char *obj)
{
	fprintf(f,
		"Usage: sipguardctl %s add PREFIX [expires SECONDS] [comment TEXT]\n"
		"       sipguardctl %s replace PREFIX [expires SECONDS] [comment TEXT]\n"
		"       sipguardctl %s del PREFIX\n"
		"       sipguardctl %s flush\n"
		"       sipguardctl %s [show]\n"
		"%s\n"
		"PREFIX is an IPv4 or IPv6 address or CIDR prefix (192.0.2.0/24, 2001:db8::/32).\n"
		"add refuses a prefix that is there; replace gives it this expiry and\n"
		"comment (neither: it never expires and has none), or adds it.\n",
		obj, obj, obj, obj, obj,
		!strcmp(obj, "allow") ?
		"The allow set: trusted sources, never rate-limited nor banned, and\n"
		"checked like any other source (see config trusted-checks)." :
		"The deny set: sources dropped before any parsing.");
}

/*
 * The verbs of a prefix set: argv[0] is the object (only named in
 * messages, as @obj), argv[1] the verb.
 */
int sg_prefix_verbs(int set, const char *obj, int argc, char **argv)
{
	static char buf[SG_BUF];
	const char *verb = argc > 1 ? argv[1] : "show";
	struct sg_prefixview pv = { .f = stdout };
	struct nlmsghdr *nlh;
	struct sg_prefix p;

	if (!sg_dry_run && sg_nl_open())
		return SG_EXIT_FAIL;
	if (!strcmp(verb, "add"))
		return prefix_add(set, obj, false, argc - 2, argv + 2);
	if (!strcmp(verb, "replace"))
		return prefix_add(set, obj, true, argc - 2, argv + 2);
	if (!strcmp(verb, "del")) {
		if (argc != 3)
			return usage_error("%s del: want one PREFIX", obj);
		if (sg_prefix_parse(argv[2], strlen(argv[2]), &p))
			return usage_error("%s del: '%s' is not an address or a prefix without host bits",
					   obj, argv[2]);
		if (sg_dry_run)
			return 0;
		if (sg_batching)
			return prefix_queue(SIPGUARD_CMD_PREFIX_DEL, false, set, &p, 0, NULL);
		nlh = sg_msg_start(buf, 0, SIPGUARD_CMD_PREFIX_DEL, NLM_F_REQUEST | NLM_F_ACK);
		mnl_attr_put_u8(nlh, SIPGUARD_A_SET, set);
		prefix_put(nlh, &p, 0, NULL);
		return sg_send(nlh, NULL, NULL);
	}
	pv.set = set;
	return list_verbs(argc, argv, SIPGUARD_CMD_PREFIX_FLUSH, set, prefix_dump_view, &pv, &pv.list);
}

int cmd_prefix(int argc, char **argv)
{
	const char *obj = argv[0], *verb = argc > 1 ? argv[1] : "show";

	if (!strcmp(verb, "help") || !strcmp(verb, "--help")) {
		prefix_usage(stdout, obj);
		return 0;
	}
	return sg_prefix_verbs(!strcmp(obj, "allow") ? SIPGUARD_SET_ALLOW : SIPGUARD_SET_DENY,
			       obj, argc, argv);
}
