// SPDX-License-Identifier: GPL-2.0
/*
 * What the objects share (arguments, output, attribute names for the
 * kernel's errors), and the objects not yet in files of their own:
 * status, monitor and save. What "show" prints is what "add"
 * or "set" takes, so "save" is the show output of each object as
 * commands, and a saved file is a batch file (-b).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <linux/genetlink.h>

#include "sip.h"
#include "names.h"
#include "sipguardctl.h"

bool sg_dry_run;


/* ---- attribute names, to say which one the kernel refused ------------ */

static const char *const range_names[] = { [SIPGUARD_RANGE_A_FIRST] = "first",
	[SIPGUARD_RANGE_A_LAST] = "last" };
static const struct sg_attr_names range_an = { NAMES(range_names), range_names, NULL };
static const char *const ports_names[] = { [SIPGUARD_PORTS_A_RANGE] = "range" };
static const struct sg_attr_names *const ports_nest[] = { [SIPGUARD_PORTS_A_RANGE] = &range_an };
static const struct sg_attr_names ports_an = { NAMES(ports_names), ports_names, ports_nest };
static const char *const rate_names[] = { [SIPGUARD_RATE_A_RATE] = "rate",
	[SIPGUARD_RATE_A_BURST] = "burst" };
static const struct sg_attr_names rate_an = { NAMES(rate_names), rate_names, NULL };
static const char *const class_names1[] = { NULL, "register", "invite", "options", "other", "reflect" };
static const struct sg_attr_names *const class_nest[] = { NULL, &rate_an, &rate_an, &rate_an,
	&rate_an, &rate_an };
static const struct sg_attr_names class_an = { NAMES(class_names1), class_names1, class_nest };
static const char *const reason_names1[] = { NULL, "deny", "banned", "malformed", "method",
	"scanner", "injection", "rate", "reflection", "stream", "origin" };
static const struct sg_attr_names reason_an = { NAMES(reason_names1), reason_names1, NULL };
const char *const sg_config_names[__SIPGUARD_CONFIG_A_MAX] = {
	[SIPGUARD_CONFIG_A_MODE] = "mode", [SIPGUARD_CONFIG_A_PORTS] = "ports",
	[SIPGUARD_CONFIG_A_METHODS] = "methods", [SIPGUARD_CONFIG_A_TRUSTED_CHECKS] = "trusted-checks",
	[SIPGUARD_CONFIG_A_RATES] = "rate", [SIPGUARD_CONFIG_A_GLOBAL_RATES] = "global-rate",
	[SIPGUARD_CONFIG_A_BAN_THRESHOLD] = "ban-threshold", [SIPGUARD_CONFIG_A_BAN_WINDOW] = "ban-window",
	[SIPGUARD_CONFIG_A_BAN_TIME] = "ban-time", [SIPGUARD_CONFIG_A_BAN_MAX] = "ban-max",
	[SIPGUARD_CONFIG_A_BAN_FORGET] = "ban-forget", [SIPGUARD_CONFIG_A_IPV6_PREFIX] = "ipv6-prefix",
	[SIPGUARD_CONFIG_A_MAX_MESSAGE] = "max-message", [SIPGUARD_CONFIG_A_MAX_LINE] = "max-line",
	[SIPGUARD_CONFIG_A_MAX_HEADERS] = "max-headers", [SIPGUARD_CONFIG_A_ACTIONS] = "action",
	[SIPGUARD_CONFIG_A_MAX_SOURCES] = "max-sources", [SIPGUARD_CONFIG_A_METHOD_CASE] = "method-case",
	[SIPGUARD_CONFIG_A_TCP_FLOWS] = "tcp-flows", [SIPGUARD_CONFIG_A_TCP_BUFFER] = "tcp-buffer",
	[SIPGUARD_CONFIG_A_AUTH_THRESHOLD] = "auth-threshold",
	[SIPGUARD_CONFIG_A_AUTH_WINDOW] = "auth-window",
	[SIPGUARD_CONFIG_A_UNKNOWN_THRESHOLD] = "unknown-threshold",
	[SIPGUARD_CONFIG_A_UNKNOWN_WINDOW] = "unknown-window",
	[SIPGUARD_CONFIG_A_IPV6_AGGREGATE] = "ipv6-aggregate",
	[SIPGUARD_CONFIG_A_IPV6_SPREAD] = "ipv6-spread",
	[SIPGUARD_CONFIG_A_ENABLED] = "enabled",
};
static const struct sg_attr_names *const config_nest[] = {
	[SIPGUARD_CONFIG_A_PORTS] = &ports_an, [SIPGUARD_CONFIG_A_RATES] = &class_an,
	[SIPGUARD_CONFIG_A_GLOBAL_RATES] = &class_an, [SIPGUARD_CONFIG_A_ACTIONS] = &reason_an,
	[SIPGUARD_CONFIG_A_MAX_SOURCES] = NULL,
};
static const struct sg_attr_names config_an = { NAMES(sg_config_names), sg_config_names,
	config_nest };
static const char *const prefix_names[] = { [SIPGUARD_PREFIX_A_ADDR] = "addr",
	[SIPGUARD_PREFIX_A_LEN] = "len", [SIPGUARD_PREFIX_A_EXPIRES] = "expires",
	[SIPGUARD_PREFIX_A_COMMENT] = "comment" };
static const struct sg_attr_names prefix_an = { NAMES(prefix_names), prefix_names, NULL };
static const char *const pattern_names[] = { [SIPGUARD_PATTERN_A_STRING] = "string",
	[SIPGUARD_PATTERN_A_FIELDS] = "field", [SIPGUARD_PATTERN_A_MATCH] = "match",
	[SIPGUARD_PATTERN_A_HITS] = "hits" };
static const struct sg_attr_names pattern_an = { NAMES(pattern_names), pattern_names, NULL };
static const char *const ban_names[] = { [SIPGUARD_BAN_A_ADDR] = "addr",
	[SIPGUARD_BAN_A_DURATION] = "for" };
static const struct sg_attr_names ban_an = { NAMES(ban_names), ban_names, NULL };
static const char *const top_names[] = { [SIPGUARD_A_CONFIG] = "config", [SIPGUARD_A_SET] = "set",
	[SIPGUARD_A_PREFIX] = "prefix", [SIPGUARD_A_PATTERN] = "pattern", [SIPGUARD_A_BAN] = "ban",
	[SIPGUARD_A_REPLACE] = "replace" };
static const struct sg_attr_names *const top_nest[] = { [SIPGUARD_A_CONFIG] = &config_an,
	[SIPGUARD_A_PREFIX] = &prefix_an, [SIPGUARD_A_PATTERN] = &pattern_an,
	[SIPGUARD_A_BAN] = &ban_an };
const struct sg_attr_names sg_top_an = { NAMES(top_names), top_names, top_nest };

/* ---- arguments --------------------------------------------------------- */

int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("sipguardctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return SG_EXIT_USAGE;
}

bool sg_parse_u32(const char *key, const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (!s || *s < '0' || *s > '9' || (v = strtoull(s, &end, 10), errno) || *end ||
	    v < min || v > max) {
		usage_error("%s: want a whole number %u-%u, not '%s'", key, min, max, s ? s : "");
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

int sg_word(const char *s, const char *const *names, unsigned int n)
{
	unsigned int i;

	for (i = 0; s && i < n; i++)
		if (names[i] && !strcmp(s, names[i]))
			return (int)i;
	return -1;
}

static void list_words(char *out, size_t size, const char *const *names, unsigned int n)
{
	unsigned int i;

	*out = '\0';
	for (i = 0; i < n; i++)
		if (names[i])
			snprintf(out + strlen(out), size - strlen(out), "%s%s", *out ? ", " : "",
				 names[i]);
}

int want_word(const char *key, const char *s, const char *const *names, unsigned int n)
{
	char all[256];
	int i = sg_word(s, names, n);

	if (i < 0) {
		list_words(all, sizeof(all), names, n);
		usage_error("%s: want one of %s, not '%s'", key, all, s ? s : "");
	}
	return i;
}

/* Send, unless this is a batch's dry pass. An exit status. */
int sg_send(struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	if (sg_dry_run)
		return 0;
	return sg_nl_talk(nlh, cb, data, &sg_top_an, false) ? SG_EXIT_FAIL : 0;
}

void sg_json_out(json_t *j)
{
	json_dumpf(j, stdout, (opts.pretty ? JSON_INDENT(2) : JSON_COMPACT) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(j);
}

FILE *outbuf_reset(struct outbuf *o)
{
	if (o->f)
		fclose(o->f);
	free(o->buf);
	o->buf = NULL;
	o->len = 0;
	o->f = o->to ? open_memstream(&o->buf, &o->len) : NULL;
	return o->f;
}

void outbuf_end(struct outbuf *o, bool ok)
{
	if (o->f)
		fclose(o->f);
	if (ok && o->to && o->buf)
		fwrite(o->buf, 1, o->len, o->to);
	free(o->buf);
	memset(o, 0, sizeof(*o));
}

/* A word for the shell: quoted when it holds blanks, quotes or '#'. */
void put_word(FILE *f, const char *s, size_t len)
{
	size_t i;
	bool q = !len;

	for (i = 0; i < len; i++)
		if (s[i] == ' ' || s[i] == '"' || s[i] == '\\' || s[i] == '#' || s[i] == '\t')
			q = true;
	if (!q) {
		fwrite(s, 1, len, f);
		return;
	}
	fputc('"', f);
	for (i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			fputc('\\', f);
		fputc(s[i], f);
	}
	fputc('"', f);
}

const char *sg_addr_str(const void *a, size_t len, char *buf, size_t size)
{
	return inet_ntop(len == 4 ? AF_INET : AF_INET6, a, buf, size) ? buf : "?";
}

/*
 * "OBJECT flush" and "OBJECT [show]", alike for every list: @dump fills
 * @view, whose JSON array (for -j) is *@list.
 */
int list_verbs(int argc, char **argv, uint8_t flush_cmd, int set,
		      int (*dump)(void *view), void *view, json_t **list)
{
	char buf[SG_BUF];
	const char *verb = argc > 1 ? argv[1] : "show";
	struct nlmsghdr *nlh;
	int err;

	if (!strcmp(verb, "flush")) {
		if (argc != 2)
			return usage_error("%s flush: takes no arguments", argv[0]);
		nlh = sg_msg_start(buf, 0, flush_cmd, NLM_F_REQUEST | NLM_F_ACK);
		if (set >= 0)
			mnl_attr_put_u8(nlh, SIPGUARD_A_SET, set);
		return sg_send(nlh, NULL, NULL);
	}
	if ((strcmp(verb, "show") && strcmp(verb, "list")) || argc > 2)
		return usage_error("%s: unknown verb '%s' (add, del, flush, show, help)", argv[0], verb);
	if (sg_dry_run)
		return 0;
	if (opts.json)
		*list = json_array();
	err = dump(view);
	if (!err && *list)
		sg_json_out(*list);
	else if (*list)
		json_decref(*list);
	return err;
}

/* ---- status --------------------------------------------------------------- */

int cmd_status(int argc, char **argv)
{
	struct sg_prefixview allow = { 0 }, deny = { 0 };
	unsigned long npats = 0;
	struct sg_banview bans = { 0 };
	struct sg_statsview st;
	struct sg_cfgview cfg;
	uint64_t drops = 0;
	int i;

	(void)argv;
	if (argc > 1)
		return usage_error("status: takes no arguments");
	if (sg_dry_run)
		return 0;
	if (sg_nl_open() || sg_config_get(&cfg))
		return SG_EXIT_FAIL;
	if (!cfg.enabled) {
		/* another netns than the initial one, never enabled, or turned off */
		if (opts.json)
			sg_json_out(json_pack("{s:s,s:b}", "module", "loaded", "enabled", 0));
		else
			printf("sipguard: loaded, not enabled in this network namespace (sipguardctl config set enabled on)\n");
		return 0;
	}
	if (sg_stats_get(&st) ||
	    sg_prefix_dump(SIPGUARD_SET_ALLOW, &allow) || sg_prefix_dump(SIPGUARD_SET_DENY, &deny) ||
	    sg_pattern_count(&npats) || sg_ban_dump(&bans))
		return SG_EXIT_FAIL;
	for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
		drops += st.drop[i];
	if (opts.json) {
		sg_json_out(json_pack("{s:s,s:b,s:s,s:i,s:i,s:i,s:i,s:i,s:i,s:I,s:I,s:I}",
				   "module", "loaded", "enabled", 1, "mode", sg_mode_names[cfg.mode & 1],
				   "allow", (json_int_t)allow.n, "deny", (json_int_t)deny.n,
				   "patterns", (json_int_t)npats, "bans", (json_int_t)bans.n,
				   "sources", (json_int_t)st.stat[SIPGUARD_STAT_SOURCES],
				   "max-sources", (json_int_t)cfg.maxsrc,
				   "sip-packets", (json_int_t)st.stat[SIPGUARD_STAT_SIP_PACKETS],
				   "drops", (json_int_t)drops,
				   "passed", (json_int_t)st.stat[SIPGUARD_STAT_PASSED]));
		return 0;
	}
	printf("sipguard: loaded, mode %s, ports %s\n", sg_mode_names[cfg.mode & 1], cfg.ports);
	printf("allow %lu prefixes, deny %lu prefixes, %lu patterns\n", allow.n, deny.n, npats);
	printf("sources %llu of %u, banned %lu\n",
	       (unsigned long long)st.stat[SIPGUARD_STAT_SOURCES], cfg.maxsrc, bans.n);
	printf("SIP packets %llu, drop decisions %llu, passed by monitor/log %llu\n",
	       (unsigned long long)st.stat[SIPGUARD_STAT_SIP_PACKETS], (unsigned long long)drops,
	       (unsigned long long)st.stat[SIPGUARD_STAT_PASSED]);
	return 0;
}

/* ---- monitor ----------------------------------------------------------- */

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *top, *a;
	unsigned long *left = data;
	char abuf[INET6_ADDRSTRLEN];
	json_t *j = opts.json ? json_object() : NULL;
	int ev = -1;
	struct sg_ban_attrs b = { 0 };
	bool have_ban = false;

	mnl_attr_for_each(top, nlh, sizeof(*g)) {
		switch (mnl_attr_get_type(top)) {
		case SIPGUARD_A_EVENT:
			ev = mnl_attr_get_u8(top);
			break;
		case SIPGUARD_A_BAN:
			have_ban = sg_ban_parse(top, &b);
			break;
		case SIPGUARD_A_DROP: {
			const char *detail = NULL, *excerpt = NULL, *addr = "?";
			int reason = -1, method = -1;
			uint32_t suppressed = 0;
			bool passed = false;

			mnl_attr_for_each_nested(a, top) {
				switch (mnl_attr_get_type(a)) {
				case SIPGUARD_DROP_A_REASON: reason = mnl_attr_get_u8(a); break;
				case SIPGUARD_DROP_A_ADDR:
					if (mnl_attr_get_payload_len(a) == 4 || mnl_attr_get_payload_len(a) == 16)
						addr = sg_addr_str(mnl_attr_get_payload(a),
								mnl_attr_get_payload_len(a), abuf, sizeof(abuf));
					break;
				case SIPGUARD_DROP_A_METHOD: method = mnl_attr_get_u8(a); break;
				case SIPGUARD_DROP_A_DETAIL: detail = mnl_attr_get_str(a); break;
				case SIPGUARD_DROP_A_EXCERPT: excerpt = mnl_attr_get_str(a); break;
				case SIPGUARD_DROP_A_PASSED: passed = true; break;
				case SIPGUARD_DROP_A_SUPPRESSED: suppressed = mnl_attr_get_u32(a); break;
				}
			}
			if (j) {
				json_object_set_new(j, "event", json_string(passed ? "would-drop" : "drop"));
				json_object_set_new(j, "source", json_string(addr));
				json_object_set_new(j, "reason", json_string(sg_reason_name(reason)));
				if (method >= 0)
					json_object_set_new(j, "method", json_string(sg_method_name(method)));
				if (detail)
					json_object_set_new(j, "detail", json_string(detail));
				if (excerpt)
					json_object_set_new(j, "excerpt", json_string(excerpt));
				if (suppressed)
					json_object_set_new(j, "not-shown", json_integer(suppressed));
			} else {
				printf("%s %s %s", passed ? "would-drop" : "drop", addr, sg_reason_name(reason));
				if (method >= 0)
					printf(" %s", sg_method_name(method));
				if (detail)
					printf(" %s", detail);
				if (excerpt)
					printf(": \"%s\"", excerpt);
				if (suppressed)
					printf(" (%u more not shown)", suppressed);
				putchar('\n');
			}
			break;
		}
		}
	}
	if (have_ban && ev >= 0 && ev < __SIPGUARD_EVENT_MAX) {
		char who[INET6_ADDRSTRLEN + 16];

		snprintf(who, sizeof(who), "%s/%u", sg_addr_str(b.addr, b.alen, abuf, sizeof(abuf)), b.len);
		if (j) {
			json_object_set_new(j, "event", json_string(sg_event_names[ev]));
			json_object_set_new(j, "source", json_string(who));
			if (ev == SIPGUARD_EVENT_BAN_ADDED)
				json_object_set_new(j, "seconds", json_integer(b.remaining));
			json_object_set_new(j, "bans", json_integer(b.count));
		} else if (ev == SIPGUARD_EVENT_BAN_ADDED) {
			printf("ban %s for %u s (ban %u)\n", who, b.remaining, b.count);
		} else {
			printf("%s %s\n", ev == SIPGUARD_EVENT_BAN_LIFTED ? "lifted" : "expired", who);
		}
	}
	if (j) {
		if (json_object_size(j))
			sg_json_out(j);
		else
			json_decref(j);
	}
	fflush(stdout);
	if (*left && !--*left)
		return MNL_CB_STOP;
	return MNL_CB_OK;
}

int cmd_monitor(int argc, char **argv)
{
	static char buf[1 << 16];
	unsigned long left = 0;
	uint32_t count;
	ssize_t n;
	int ret;

	if (argc > 1 && (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help"))) {
		printf("Usage: sipguardctl monitor [count N]\n"
		       "Print ban events (ban, lifted, expired) and samples of drop decisions\n"
		       "(drop, or would-drop in monitor mode) as they happen, until interrupted\n"
		       "or after N events.\n");
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "count")) {
		if (!sg_parse_u32("count", argv[2], 1, UINT32_MAX, &count))
			return SG_EXIT_USAGE;
		left = count;
	} else if (argc != 1) {
		return usage_error("monitor: want [count N]");
	}
	if (sg_dry_run)
		return 0;
	if (sg_nl_open() || sg_nl_events_fd() < 0)
		return SG_EXIT_FAIL;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (;;) {
		n = mnl_socket_recvfrom(sg_nl_socket(), buf, sizeof(buf));
		if (n < 0) {
			if (errno == ENOBUFS) {
				fprintf(stderr, "sipguardctl: events lost: the socket buffer overflowed\n");
				continue;
			}
			fprintf(stderr, "sipguardctl: reading events: %s\n", strerror(errno));
			return SG_EXIT_FAIL;
		}
		ret = mnl_cb_run(buf, n, 0, 0, event_cb, &left);
		if (ret <= MNL_CB_STOP)
			return ret < 0 ? SG_EXIT_FAIL : 0;
	}
}

/* ---- save ---------------------------------------------------------------- */

/*
 * The running policy as batch lines: config, patterns, allow, deny, and
 * last "enabled", so a restore turns the hooks on once the whole policy is
 * in (a batch in a netns never enabled first makes its state, off). In a
 * netns never enabled: its defaults, and "enabled off".
 */
int sg_save(FILE *f)
{
	struct sg_prefixview pv = { .f = f };
	struct sg_cfgview cfg;

	if (sg_nl_open() || sg_config_get(&cfg))
		return SG_EXIT_FAIL;
	fprintf(f, "# sipguard policy: sipguardctl -b FILE restores it\n");
	sg_config_print(&cfg, f, true);
	if (cfg.enabled || sg_has_state()) {
		fprintf(f, "pattern flush\n");
		if (sg_pattern_save(f))
			return SG_EXIT_FAIL;
		fprintf(f, "allow flush\n");
		pv.cmd = "allow add ";
		if (sg_prefix_dump(SIPGUARD_SET_ALLOW, &pv))
			return SG_EXIT_FAIL;
		fprintf(f, "deny flush\n");
		pv.cmd = "deny add ";
		if (sg_prefix_dump(SIPGUARD_SET_DENY, &pv) || sg_method_save(f))
			return SG_EXIT_FAIL;
	}
	if (cfg.have_enabled)
		fprintf(f, "config set enabled %s\n", cfg.enabled ? "on" : "off");
	return 0;
}

int cmd_save(int argc, char **argv)
{
	(void)argv;
	if (argc > 1 && (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help"))) {
		printf("Usage: sipguardctl save > FILE\n"
		       "Print the running policy (config, patterns, allow and deny sets) as a\n"
		       "batch file; 'sipguardctl -b FILE' applies it. Bans are not saved.\n");
		return 0;
	}
	if (argc > 1)
		return usage_error("save: takes no arguments");
	if (sg_dry_run)
		return 0;
	return sg_save(stdout);
}
