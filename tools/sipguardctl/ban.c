// SPDX-License-Identifier: GPL-2.0
/*
 * sipguardctl ban: the bans in force (the ban table), added and lifted by
 * hand. An IPv6 ban is of a prefix: the source's /ipv6-prefix, or the
 * /ipv6-aggregate that many of its sources earned.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>

#include "sipguardctl.h"

/* ---- bans -------------------------------------------------------------- */

static void ban_reset(void *data)
{
	struct sg_banview *v = data;

	v->n = 0;
	if (v->list)
		json_array_clear(v->list);
	outbuf_reset(&v->ob);
}

bool sg_ban_parse(const struct nlattr *nest, struct sg_ban_attrs *b)
{
	const struct nlattr *a;

	memset(b, 0, sizeof(*b));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case SIPGUARD_BAN_A_ADDR:
			b->addr = mnl_attr_get_payload(a);
			b->alen = mnl_attr_get_payload_len(a);
			break;
		case SIPGUARD_BAN_A_LEN: b->len = mnl_attr_get_u8(a); break;
		case SIPGUARD_BAN_A_REMAINING: b->remaining = mnl_attr_get_u32(a); break;
		case SIPGUARD_BAN_A_COUNT: b->count = mnl_attr_get_u32(a); break;
		case SIPGUARD_BAN_A_OFFENCES: b->offences = mnl_attr_get_u32(a); break;
		}
	}
	return b->addr && (b->alen == 4 || b->alen == 16);
}

static int ban_cb(const struct nlmsghdr *nlh, void *data)
{
	struct sg_banview *v = data;
	const struct nlattr *top;
	struct sg_ban_attrs b;
	char abuf[INET6_ADDRSTRLEN], who[INET6_ADDRSTRLEN + 16];

	mnl_attr_for_each(top, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(top) != SIPGUARD_A_BAN || !sg_ban_parse(top, &b))
			continue;
		snprintf(who, sizeof(who), "%s/%u", sg_addr_str(b.addr, b.alen, abuf, sizeof(abuf)), b.len);
		v->n++;
		if (v->list)
			json_array_append_new(v->list, json_pack("{s:s,s:i,s:i,s:i}", "source", who,
					      "remaining", (json_int_t)b.remaining, "bans",
					      (json_int_t)b.count, "offences", (json_int_t)b.offences));
		else if (v->ob.f && v->as_commands)
			fprintf(v->ob.f, "ban add %s for %u\n", b.alen == 4 ? abuf : who,
				b.remaining ? b.remaining : 1);
		else if (v->ob.f)
			fprintf(v->ob.f, "%s remaining %u bans %u offences %u\n", who, b.remaining,
				b.count, b.offences);
	}
	return MNL_CB_OK;
}

int sg_ban_dump(struct sg_banview *v)
{
	int err;

	v->ob.to = v->list ? NULL : v->f;
	/* bans start and end with the traffic: under a flood, a list read
	 * while it changed is what there is to show
	 */
	err = sg_nl_dump(SIPGUARD_CMD_BAN_GET, NULL, NULL, ban_cb, v, ban_reset, true);
	outbuf_end(&v->ob, !err);
	return err ? SG_EXIT_FAIL : 0;
}

static int ban_dump_view(void *view)
{
	return sg_ban_dump(view);
}

static void ban_usage(FILE *f)
{
	fprintf(f,
		"Usage: sipguardctl ban add ADDRESS [for SECONDS]\n"
		"       sipguardctl ban del ADDRESS\n"
		"       sipguardctl ban flush\n"
		"       sipguardctl ban [show]\n"
		"Banned sources are dropped before parsing. An IPv6 address is banned with\n"
		"its /ipv6-prefix, or give the prefix (2001:db8:66::/48, as ban show lists an\n"
		"aggregate's ban). 'for' defaults to 3600 seconds; del and flush lift bans.\n");
}

/* BAN_ADD (for @secs) or BAN_DEL of @p; @quiet: no message if refused */
int sg_ban_request(uint8_t cmd, const struct sg_prefix *p, uint32_t secs, bool quiet)
{
	static char buf[SG_BUF];
	struct nlmsghdr *nlh;
	struct nlattr *n;

	nlh = sg_msg_start(buf, 0, cmd, NLM_F_REQUEST | NLM_F_ACK);
	n = mnl_attr_nest_start(nlh, SIPGUARD_A_BAN);
	mnl_attr_put(nlh, SIPGUARD_BAN_A_ADDR, p->family == AF_INET ? 4 : 16, &p->addr);
	if (p->family == AF_INET6 && p->len != 128)
		mnl_attr_put_u8(nlh, SIPGUARD_BAN_A_LEN, p->len);
	if (cmd == SIPGUARD_CMD_BAN_ADD)
		mnl_attr_put_u32(nlh, SIPGUARD_BAN_A_DURATION, secs);
	mnl_attr_nest_end(nlh, n);
	return sg_nl_talk(nlh, NULL, NULL, &sg_top_an, quiet);
}

int cmd_ban(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "show";
	struct sg_banview v = { .f = stdout };
	struct sg_prefix p;
	uint32_t secs = 3600;

	if (!strcmp(verb, "help") || !strcmp(verb, "--help")) {
		ban_usage(stdout);
		return 0;
	}
	if (!sg_dry_run && sg_nl_open())
		return SG_EXIT_FAIL;
	if (!strcmp(verb, "add") || !strcmp(verb, "del")) {
		bool add = !strcmp(verb, "add");

		if (argc < 3)
			return usage_error("ban %s: want an ADDRESS", verb);
		if (sg_prefix_parse(argv[2], strlen(argv[2]), &p) ||
		    (p.family == AF_INET && p.len != 32) || !p.len)
			return usage_error("ban %s: '%s' is not an IPv4 address, nor an IPv6 address or prefix",
					   verb, argv[2]);
		if (add && argc == 5 && !strcmp(argv[3], "for")) {
			if (!sg_parse_u32("for", argv[4], 1, SECS_MAX, &secs))
				return SG_EXIT_USAGE;
		} else if (argc != 3) {
			return usage_error(add ? "ban add: want ADDRESS [for SECONDS]" : "ban del: want one ADDRESS");
		}
		if (sg_dry_run)
			return 0;
		return sg_ban_request(add ? SIPGUARD_CMD_BAN_ADD : SIPGUARD_CMD_BAN_DEL, &p, secs, false) ?
		       SG_EXIT_FAIL : 0;
	}
	return list_verbs(argc, argv, SIPGUARD_CMD_BAN_FLUSH, -1, ban_dump_view, &v, &v.list);
}

/* The current bans as "ban add" lines (a batch's undo). */
int sg_save_bans(FILE *f)
{
	struct sg_banview v = { .f = f, .as_commands = true };

	return sg_ban_dump(&v);
}
