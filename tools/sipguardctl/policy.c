// SPDX-License-Identifier: GPL-2.0
/*
 * The objects that talk to the module: status, config, allow, deny,
 * pattern, ban, stats, monitor and save. What "show" prints is what "add"
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

#define SECS_MAX	(10U * 366 * 24 * 3600)
#define NAMES(a)	(sizeof(a) / sizeof((a)[0]))

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
	"scanner", "injection", "rate", "reflection", "stream" };
static const struct sg_attr_names reason_an = { NAMES(reason_names1), reason_names1, NULL };
static const char *const config_names[] = {
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
};
static const char *const method_case_names[] = { "strict", "any" };
static const struct sg_attr_names *const config_nest[] = {
	[SIPGUARD_CONFIG_A_PORTS] = &ports_an, [SIPGUARD_CONFIG_A_RATES] = &class_an,
	[SIPGUARD_CONFIG_A_GLOBAL_RATES] = &class_an, [SIPGUARD_CONFIG_A_ACTIONS] = &reason_an,
	[SIPGUARD_CONFIG_A_MAX_SOURCES] = NULL,
};
static const struct sg_attr_names config_an = { NAMES(config_names), config_names, config_nest };
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
	[SIPGUARD_A_PREFIX] = "prefix", [SIPGUARD_A_PATTERN] = "pattern", [SIPGUARD_A_BAN] = "ban" };
static const struct sg_attr_names *const top_nest[] = { [SIPGUARD_A_CONFIG] = &config_an,
	[SIPGUARD_A_PREFIX] = &prefix_an, [SIPGUARD_A_PATTERN] = &pattern_an,
	[SIPGUARD_A_BAN] = &ban_an };
static const struct sg_attr_names top_an = { NAMES(top_names), top_names, top_nest };

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

static bool parse_u32(const char *key, const char *s, uint32_t min, uint32_t max, uint32_t *out)
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

static int word(const char *s, const char *const *names, unsigned int n)
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
	int i = word(s, names, n);

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
	return sg_nl_talk(nlh, cb, data, &top_an, false) ? SG_EXIT_FAIL : 0;
}

static void json_out(json_t *j)
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

static const char *addr_str(const void *a, size_t len, char *buf, size_t size)
{
	return inet_ntop(len == 4 ? AF_INET : AF_INET6, a, buf, size) ? buf : "?";
}

/* ---- config ----------------------------------------------------------- */

struct cfgview {
	bool have;
	uint8_t mode, trusted, v6, mcase;
	char ports[1024];
	uint32_t methods, ban[5], answer[4], maxmsg, maxline, maxhdr, maxsrc, tcpflows;
	uint64_t tcpbuf;
	uint32_t rate[__SIPGUARD_CLASS_MAX][2], grate[SIPGUARD_CLASS_OTHER + 1][2];
	uint8_t action[__SIPGUARD_REASON_MAX];
};

static const int ban_attrs[5] = { SIPGUARD_CONFIG_A_BAN_THRESHOLD, SIPGUARD_CONFIG_A_BAN_WINDOW,
	SIPGUARD_CONFIG_A_BAN_TIME, SIPGUARD_CONFIG_A_BAN_MAX, SIPGUARD_CONFIG_A_BAN_FORGET };
static const int answer_attrs[4] = { SIPGUARD_CONFIG_A_AUTH_THRESHOLD,
	SIPGUARD_CONFIG_A_AUTH_WINDOW, SIPGUARD_CONFIG_A_UNKNOWN_THRESHOLD,
	SIPGUARD_CONFIG_A_UNKNOWN_WINDOW };

static void parse_rates(const struct nlattr *nest, uint32_t (*r)[2], unsigned int n)
{
	const struct nlattr *c, *x;

	mnl_attr_for_each_nested(c, nest) {
		unsigned int cls = mnl_attr_get_type(c) - 1;

		if (cls >= n)
			continue;
		mnl_attr_for_each_nested(x, c) {
			if (mnl_attr_get_type(x) == SIPGUARD_RATE_A_RATE)
				r[cls][0] = mnl_attr_get_u32(x);
			else if (mnl_attr_get_type(x) == SIPGUARD_RATE_A_BURST)
				r[cls][1] = mnl_attr_get_u32(x);
		}
	}
}

static int config_cb(const struct nlmsghdr *nlh, void *data)
{
	struct cfgview *v = data;
	const struct nlattr *top, *a, *r, *x;
	int i;

	mnl_attr_for_each(top, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(top) != SIPGUARD_A_CONFIG)
			continue;
		v->have = true;
		mnl_attr_for_each_nested(a, top) {
			switch (mnl_attr_get_type(a)) {
			case SIPGUARD_CONFIG_A_MODE: v->mode = mnl_attr_get_u8(a); break;
			case SIPGUARD_CONFIG_A_TRUSTED_CHECKS: v->trusted = mnl_attr_get_u8(a); break;
			case SIPGUARD_CONFIG_A_METHOD_CASE: v->mcase = mnl_attr_get_u8(a) ? 1 : 0; break;
			case SIPGUARD_CONFIG_A_IPV6_PREFIX: v->v6 = mnl_attr_get_u8(a); break;
			case SIPGUARD_CONFIG_A_METHODS: v->methods = mnl_attr_get_u32(a); break;
			case SIPGUARD_CONFIG_A_MAX_MESSAGE: v->maxmsg = mnl_attr_get_u32(a); break;
			case SIPGUARD_CONFIG_A_MAX_LINE: v->maxline = mnl_attr_get_u32(a); break;
			case SIPGUARD_CONFIG_A_MAX_HEADERS: v->maxhdr = mnl_attr_get_u32(a); break;
			case SIPGUARD_CONFIG_A_MAX_SOURCES: v->maxsrc = mnl_attr_get_u32(a); break;
			case SIPGUARD_CONFIG_A_TCP_FLOWS: v->tcpflows = mnl_attr_get_u32(a); break;
			case SIPGUARD_CONFIG_A_TCP_BUFFER: v->tcpbuf = mnl_attr_get_u64(a); break;
			case SIPGUARD_CONFIG_A_RATES:
				parse_rates(a, v->rate, __SIPGUARD_CLASS_MAX);
				break;
			case SIPGUARD_CONFIG_A_GLOBAL_RATES:
				parse_rates(a, v->grate, SIPGUARD_CLASS_OTHER + 1);
				break;
			case SIPGUARD_CONFIG_A_ACTIONS:
				mnl_attr_for_each_nested(x, a)
					if (mnl_attr_get_type(x) - 1U < __SIPGUARD_REASON_MAX)
						v->action[mnl_attr_get_type(x) - 1] = mnl_attr_get_u8(x);
				break;
			case SIPGUARD_CONFIG_A_PORTS:
				v->ports[0] = '\0';
				mnl_attr_for_each_nested(r, a) {
					unsigned int first = 0, last = 0;
					size_t l = strlen(v->ports);

					mnl_attr_for_each_nested(x, r) {
						if (mnl_attr_get_type(x) == SIPGUARD_RANGE_A_FIRST)
							first = mnl_attr_get_u16(x);
						else if (mnl_attr_get_type(x) == SIPGUARD_RANGE_A_LAST)
							last = mnl_attr_get_u16(x);
					}
					if (last > first)
						snprintf(v->ports + l, sizeof(v->ports) - l, "%s%u-%u",
							 l ? "," : "", first, last);
					else
						snprintf(v->ports + l, sizeof(v->ports) - l, "%s%u",
							 l ? "," : "", first);
				}
				break;
			default:
				for (i = 0; i < 5; i++)
					if (mnl_attr_get_type(a) == ban_attrs[i])
						v->ban[i] = mnl_attr_get_u32(a);
				for (i = 0; i < 4; i++)
					if (mnl_attr_get_type(a) == answer_attrs[i])
						v->answer[i] = mnl_attr_get_u32(a);
			}
		}
	}
	return MNL_CB_OK;
}

static int config_get(struct cfgview *v)
{
	char buf[SG_BUF];

	memset(v, 0, sizeof(*v));
	return sg_nl_talk(sg_msg_start(buf, 0, SIPGUARD_CMD_CONFIG_GET, NLM_F_REQUEST | NLM_F_ACK),
			  config_cb, v, &top_an, false) || !v->have ? -1 : 0;
}

static const char *method_word(unsigned int m)
{
	return m == SIPGUARD_METHOD_UNKNOWN ? "extension" : sg_method_name(m);
}

static void methods_str(uint32_t m, char *out, size_t size)
{
	unsigned int i;

	if (m == SIPGUARD_METHODS_ALL) {
		snprintf(out, size, "all");
		return;
	}
	if (m == SIPGUARD_METHODS_STRICT) {
		snprintf(out, size, "standard");
		return;
	}
	*out = '\0';
	for (i = 0; i < __SIPGUARD_METHOD_MAX; i++)
		if (m & (1U << i))
			snprintf(out + strlen(out), size - strlen(out), "%s%s", *out ? "," : "",
				 method_word(i));
	if (!*out)
		snprintf(out, size, "none");
}

static bool parse_methods(const char *s, uint32_t *out)
{
	char *copy, *tok, *save;
	unsigned int i;
	bool ok = true;

	if (!strcmp(s, "all")) {
		*out = SIPGUARD_METHODS_ALL;
		return true;
	}
	if (!strcmp(s, "standard")) {
		*out = SIPGUARD_METHODS_STRICT;
		return true;
	}
	*out = 0;
	copy = strdup(s);
	for (tok = strtok_r(copy, ",", &save); tok && ok; tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < __SIPGUARD_METHOD_MAX; i++)
			if (!strcmp(tok, method_word(i)))
				break;
		if (i == __SIPGUARD_METHOD_MAX)
			ok = false;
		else
			*out |= 1U << i;
	}
	free(copy);
	if (!ok || !*out)
		usage_error("methods: want all, standard, or a list like INVITE,ACK,BYE,CANCEL,REGISTER,OPTIONS (extension: any other method), not '%s'", s);
	return ok && *out;
}

/* The config as "config set" lines (save) or "key value" lines (show). */
static void config_print(const struct cfgview *v, FILE *f, bool as_commands)
{
	const char *pre = as_commands ? "config set " : "";
	const char *sep = as_commands ? " " : "\n";
	char methods[256];
	int i;

	methods_str(v->methods, methods, sizeof(methods));
	fprintf(f, "%smode %s%sports %s%smethods %s%smethod-case %s%strusted-checks %s\n", pre,
		sg_mode_names[v->mode < __SIPGUARD_MODE_MAX ? v->mode : 0], sep, v->ports, sep,
		methods, sep, method_case_names[v->mcase], sep, v->trusted ? "on" : "off");
	fprintf(f, "%sban-threshold %u%sban-window %u%sban-time %u%sban-max %u%sban-forget %u\n",
		pre, v->ban[0], sep, v->ban[1], sep, v->ban[2], sep, v->ban[3], sep, v->ban[4]);
	fprintf(f, "%sauth-threshold %u%sauth-window %u%sunknown-threshold %u%sunknown-window %u\n",
		pre, v->answer[0], sep, v->answer[1], sep, v->answer[2], sep, v->answer[3]);
	fprintf(f, "%sipv6-prefix %u%smax-message %u%smax-line %u%smax-headers %u\n", pre, v->v6,
		sep, v->maxmsg, sep, v->maxline, sep, v->maxhdr);
	fprintf(f, "%stcp-flows %u%stcp-buffer %llu\n", pre, v->tcpflows, sep,
		(unsigned long long)v->tcpbuf);
	fputs(pre, f);
	for (i = 0; i < __SIPGUARD_CLASS_MAX; i++)
		fprintf(f, "%srate %s %u/%u", i ? sep : "", sg_class_names[i], v->rate[i][0],
			v->rate[i][1]);
	fputc('\n', f);
	fputs(pre, f);
	for (i = 0; i <= SIPGUARD_CLASS_OTHER; i++)
		fprintf(f, "%sglobal-rate %s %u/%u", i ? sep : "", sg_class_names[i],
			v->grate[i][0], v->grate[i][1]);
	fputc('\n', f);
	fputs(pre, f);
	for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
		fprintf(f, "%saction %s %s", i ? sep : "", sg_reason_names[i],
			sg_action_names[v->action[i] < __SIPGUARD_ACTION_MAX ? v->action[i] : 0]);
	fputc('\n', f);
	if (!as_commands)
		fprintf(f, "max-sources %u\n", v->maxsrc);
}

static json_t *config_json(const struct cfgview *v)
{
	json_t *j = json_object(), *r = json_object(), *g = json_object(), *a = json_object();
	char methods[256];
	int i;

	methods_str(v->methods, methods, sizeof(methods));
	json_object_set_new(j, "mode", json_string(sg_mode_names[v->mode < __SIPGUARD_MODE_MAX ? v->mode : 0]));
	json_object_set_new(j, "ports", json_string(v->ports));
	json_object_set_new(j, "methods", json_string(methods));
	json_object_set_new(j, "method-case", json_string(method_case_names[v->mcase]));
	json_object_set_new(j, "trusted-checks", json_boolean(v->trusted));
	for (i = 0; i < 5; i++)
		json_object_set_new(j, config_names[ban_attrs[i]], json_integer(v->ban[i]));
	for (i = 0; i < 4; i++)
		json_object_set_new(j, config_names[answer_attrs[i]], json_integer(v->answer[i]));
	json_object_set_new(j, "ipv6-prefix", json_integer(v->v6));
	json_object_set_new(j, "max-message", json_integer(v->maxmsg));
	json_object_set_new(j, "max-line", json_integer(v->maxline));
	json_object_set_new(j, "max-headers", json_integer(v->maxhdr));
	json_object_set_new(j, "max-sources", json_integer(v->maxsrc));
	json_object_set_new(j, "tcp-flows", json_integer(v->tcpflows));
	json_object_set_new(j, "tcp-buffer", json_integer((json_int_t)v->tcpbuf));
	for (i = 0; i < __SIPGUARD_CLASS_MAX; i++)
		json_object_set_new(r, sg_class_names[i], json_pack("{s:i,s:i}", "rate",
				    (json_int_t)v->rate[i][0], "burst", (json_int_t)v->rate[i][1]));
	for (i = 0; i <= SIPGUARD_CLASS_OTHER; i++)
		json_object_set_new(g, sg_class_names[i], json_pack("{s:i,s:i}", "rate",
				    (json_int_t)v->grate[i][0], "burst", (json_int_t)v->grate[i][1]));
	for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
		json_object_set_new(a, sg_reason_names[i],
				    json_string(sg_action_names[v->action[i] < __SIPGUARD_ACTION_MAX ? v->action[i] : 0]));
	json_object_set_new(j, "rates", r);
	json_object_set_new(j, "global-rates", g);
	json_object_set_new(j, "actions", a);
	return j;
}

static bool parse_rate(const char *key, const char *s, uint32_t *rate, uint32_t *burst)
{
	char *copy = s ? strdup(s) : NULL, *slash = copy ? strchr(copy, '/') : NULL;
	bool ok;

	if (!slash) {
		free(copy);
		usage_error("%s: want RATE/BURST in packets per second, like 10/40, not '%s'", key,
			    s ? s : "");
		return false;
	}
	*slash = '\0';
	ok = parse_u32(key, copy, 1, 1000000, rate) && parse_u32(key, slash + 1, 1, 1000000, burst);
	free(copy);
	return ok;
}

static void put_rates(struct nlmsghdr *nlh, int type, uint32_t (*r)[2], const bool *set,
		      unsigned int n)
{
	struct nlattr *nest, *c;
	unsigned int i;
	bool any = false;

	for (i = 0; i < n; i++)
		any |= set[i];
	if (!any)
		return;
	nest = mnl_attr_nest_start(nlh, type);
	for (i = 0; i < n; i++) {
		if (!set[i])
			continue;
		c = mnl_attr_nest_start(nlh, i + 1);
		mnl_attr_put_u32(nlh, SIPGUARD_RATE_A_RATE, r[i][0]);
		mnl_attr_put_u32(nlh, SIPGUARD_RATE_A_BURST, r[i][1]);
		mnl_attr_nest_end(nlh, c);
	}
	mnl_attr_nest_end(nlh, nest);
}

static int config_set(int argc, char **argv)
{
	static char buf[SG_BUF];
	uint32_t rate[__SIPGUARD_CLASS_MAX][2], grate[__SIPGUARD_CLASS_MAX][2], u;
	bool rset[__SIPGUARD_CLASS_MAX] = { }, gset[__SIPGUARD_CLASS_MAX] = { };
	int8_t action[__SIPGUARD_REASON_MAX];
	struct nlattr *cfg, *nest, *r;
	struct nlmsghdr *nlh;
	int i, k, c;

	if (argc < 2)
		return usage_error("config set: want KEY VALUE ... (see sipguardctl config help)");
	memset(action, -1, sizeof(action));
	nlh = sg_msg_start(buf, 0, SIPGUARD_CMD_CONFIG_SET, NLM_F_REQUEST | NLM_F_ACK);
	cfg = mnl_attr_nest_start(nlh, SIPGUARD_A_CONFIG);
	for (i = 0; i < argc; i += 2) {
		const char *key = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		k = word(key, config_names, NAMES(config_names));
		if (k < 0 || k == SIPGUARD_CONFIG_A_MAX_SOURCES)
			return usage_error("config set: unknown key '%s' (see sipguardctl config help)%s",
					   key, k == SIPGUARD_CONFIG_A_MAX_SOURCES ?
					   "; max-sources is the module parameter" : "");
		if (!val)
			return usage_error("config set: %s needs a value", key);
		switch (k) {
		case SIPGUARD_CONFIG_A_MODE:
			if ((c = want_word(key, val, sg_mode_names, __SIPGUARD_MODE_MAX)) < 0)
				return SG_EXIT_USAGE;
			mnl_attr_put_u8(nlh, k, c);
			break;
		case SIPGUARD_CONFIG_A_TRUSTED_CHECKS: {
			static const char *const onoff[] = { "off", "on" };

			if ((c = want_word(key, val, onoff, 2)) < 0)
				return SG_EXIT_USAGE;
			mnl_attr_put_u8(nlh, k, c);
			break;
		}
		case SIPGUARD_CONFIG_A_METHOD_CASE:
			if ((c = want_word(key, val, method_case_names, 2)) < 0)
				return SG_EXIT_USAGE;
			mnl_attr_put_u8(nlh, k, c);
			break;
		case SIPGUARD_CONFIG_A_METHODS:
			if (!parse_methods(val, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_PORTS: {
			struct sg_portmap map;
			unsigned int p, first;

			if (sg_ports_parse(val, strlen(val), &map))
				return usage_error("ports: want a list of ports or ranges 1-65535 like 5060,5061 or 5060-5070, not '%s'", val);
			nest = mnl_attr_nest_start(nlh, k);
			for (p = 1; p <= 65535; p++) {
				if (!sg_port_test(&map, p))
					continue;
				first = p;
				while (p < 65535 && sg_port_test(&map, p + 1))
					p++;
				r = mnl_attr_nest_start(nlh, SIPGUARD_PORTS_A_RANGE);
				mnl_attr_put_u16(nlh, SIPGUARD_RANGE_A_FIRST, first);
				mnl_attr_put_u16(nlh, SIPGUARD_RANGE_A_LAST, p);
				mnl_attr_nest_end(nlh, r);
			}
			mnl_attr_nest_end(nlh, nest);
			break;
		}
		case SIPGUARD_CONFIG_A_RATES:
		case SIPGUARD_CONFIG_A_GLOBAL_RATES: {
			bool global = k == SIPGUARD_CONFIG_A_GLOBAL_RATES;
			unsigned int n = global ? SIPGUARD_CLASS_OTHER + 1 : __SIPGUARD_CLASS_MAX;

			if ((c = want_word(key, val, sg_class_names, n)) < 0)
				return SG_EXIT_USAGE;
			if (i + 2 >= argc)
				return usage_error("%s %s: needs RATE/BURST", key, val);
			if (!parse_rate(key, argv[i + 2], global ? &grate[c][0] : &rate[c][0],
					global ? &grate[c][1] : &rate[c][1]))
				return SG_EXIT_USAGE;
			(global ? gset : rset)[c] = true;
			i++;
			break;
		}
		case SIPGUARD_CONFIG_A_ACTIONS:
			if ((c = want_word(key, val, sg_reason_names, __SIPGUARD_REASON_MAX)) < 0)
				return SG_EXIT_USAGE;
			if (i + 2 >= argc)
				return usage_error("action %s: needs drop or log", val);
			if ((action[c] = want_word(key, argv[i + 2], sg_action_names,
						   __SIPGUARD_ACTION_MAX)) < 0)
				return SG_EXIT_USAGE;
			i++;
			break;
		case SIPGUARD_CONFIG_A_IPV6_PREFIX:
			if (!parse_u32(key, val, 1, 128, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u8(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_BAN_THRESHOLD:
			if (!parse_u32(key, val, 1, 1000000, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_AUTH_THRESHOLD:
		case SIPGUARD_CONFIG_A_UNKNOWN_THRESHOLD:
			if (!parse_u32(key, val, 0, 1000000, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_BAN_FORGET:
			if (!parse_u32(key, val, 0, SECS_MAX, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_MAX_MESSAGE:
			if (!parse_u32(key, val, 256, SG_SIP_MAX_MSG, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_MAX_LINE:
			if (!parse_u32(key, val, 64, SG_SIP_MAX_LINE, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_MAX_HEADERS:
			if (!parse_u32(key, val, 8, SG_SIP_MAX_HEADERS, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_TCP_FLOWS:
			if (!parse_u32(key, val, 0, 1U << 24, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_TCP_BUFFER: {
			unsigned long long b;
			char *end;

			errno = 0;
			if (*val < '0' || *val > '9' || (b = strtoull(val, &end, 10), errno) || *end ||
			    b < 65536)
				return usage_error("tcp-buffer: want a number of bytes, at least 65536, not '%s'",
						   val);
			mnl_attr_put_u64(nlh, k, b);
			break;
		}
		default:	/* ban-window, ban-time, ban-max: seconds */
			if (!parse_u32(key, val, 1, SECS_MAX, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
		}
	}
	put_rates(nlh, SIPGUARD_CONFIG_A_RATES, rate, rset, __SIPGUARD_CLASS_MAX);
	put_rates(nlh, SIPGUARD_CONFIG_A_GLOBAL_RATES, grate, gset, SIPGUARD_CLASS_OTHER + 1);
	for (i = 0, c = 0; i < __SIPGUARD_REASON_MAX; i++)
		c |= action[i] >= 0;
	if (c) {
		nest = mnl_attr_nest_start(nlh, SIPGUARD_CONFIG_A_ACTIONS);
		for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
			if (action[i] >= 0)
				mnl_attr_put_u8(nlh, i + 1, action[i]);
		mnl_attr_nest_end(nlh, nest);
	}
	mnl_attr_nest_end(nlh, cfg);
	return sg_send(nlh, NULL, NULL);
}

static void config_usage(FILE *f)
{
	fprintf(f,
		"Usage: sipguardctl config [show]\n"
		"       sipguardctl config set KEY VALUE [KEY VALUE]...\n"
		"Keys:\n"
		"  mode enforce|monitor        monitor: count and report drops, drop nothing\n"
		"  ports LIST                  SIP ports, UDP and TCP: 5060,5061 or 5060-5070\n"
		"  methods all|standard|LIST   allowed request methods (INVITE,ACK,...,extension)\n"
		"  method-case strict|any      strict: a known method in another case (register)\n"
		"                              is dropped; any: it is that method\n"
		"  trusted-checks on|off       every check on allow-set sources (off: framing only)\n"
		"  rate CLASS RATE/BURST       per source; CLASS register|invite|options|other|reflect\n"
		"  global-rate CLASS RATE/BURST  all sources together; CLASS register|invite|options|other\n"
		"  ban-threshold N             offences within ban-window that ban a source\n"
		"  ban-window S, ban-time S, ban-max S, ban-forget S   seconds\n"
		"  auth-threshold N            authentication failures the server answers a source\n"
		"                              (401/407 to credentials, 403) that ban it (0: never)\n"
		"  unknown-threshold N         unknown targets it answers (404/484/604 to REGISTER,\n"
		"                              INVITE, OPTIONS, SUBSCRIBE, MESSAGE) that ban (0: never)\n"
		"  auth-window S, unknown-window S   seconds they are counted in\n"
		"  ipv6-prefix N               IPv6 sources are limited and banned per /N\n"
		"  max-message N, max-line N, max-headers N   size limits of a message\n"
		"  tcp-flows N                 TCP connections followed message by message\n"
		"                              (0: every segment judged alone)\n"
		"  tcp-buffer BYTES            what they may hold in all, at least 65536\n"
		"  action REASON drop|log      log: count and report, let the packet pass\n"
		"A set changes all the keys it names or, if one is refused, none.\n");
}

int cmd_config(int argc, char **argv)
{
	struct cfgview v;
	const char *verb = argc > 1 ? argv[1] : "show";

	if (!strcmp(verb, "help") || !strcmp(verb, "--help")) {
		config_usage(stdout);
		return 0;
	}
	if (!strcmp(verb, "set")) {
		if (!sg_dry_run && sg_nl_open())
			return SG_EXIT_FAIL;
		return config_set(argc - 2, argv + 2);
	}
	if (strcmp(verb, "show") || argc > 2)
		return usage_error("config: unknown verb '%s' (show, set, help)", verb);
	if (sg_dry_run)
		return 0;
	if (sg_nl_open() || config_get(&v))
		return SG_EXIT_FAIL;
	if (opts.json)
		json_out(config_json(&v));
	else
		config_print(&v, stdout, false);
	return 0;
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
		json_out(*list);
	else if (*list)
		json_decref(*list);
	return err;
}

/* ---- allow and deny --------------------------------------------------- */

struct prefixview {
	json_t *list;		/* -j */
	FILE *f;		/* text: where it ends up */
	const char *cmd;	/* save: "allow add " */
	int set;
	unsigned long n;
	struct outbuf ob;
};

static void prefix_reset(void *data)
{
	struct prefixview *pv = data;

	pv->n = 0;
	if (pv->list)
		json_array_clear(pv->list);
	outbuf_reset(&pv->ob);
}

static int prefix_cb(const struct nlmsghdr *nlh, void *data)
{
	struct prefixview *pv = data;
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
	snprintf(pfx, sizeof(pfx), "%s/%u", addr_str(addr, alen, abuf, sizeof(abuf)), len);
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

static int prefix_dump(int set, struct prefixview *pv)
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
	struct prefixview *pv = view;

	return prefix_dump(pv->set, pv);
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
	err = sg_nl_talk(pending, NULL, NULL, &top_an, false);
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
static int prefix_queue(uint8_t cmd, int set, const struct sg_prefix *p, uint32_t expires,
			const char *comment)
{
	if (pending && (pending_cmd != cmd || pending_set != set ||
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
		pending_set = set;
		pending_cmd = cmd;
	}
	pending_lines[pending_n].off = pending->nlmsg_len;
	pending_lines[pending_n++].line = sg_batch_line;
	return prefix_put(pending, p, expires, comment);
}

static int prefix_add(int set, const char *obj, int argc, char **argv)
{
	static char buf[SG_BUF];
	const char *comment = NULL;
	uint32_t expires = 0;
	struct sg_prefix p;
	struct nlmsghdr *nlh;
	int i;

	if (argc < 1)
		return usage_error("%s add: want PREFIX [expires SECONDS] [comment TEXT]", obj);
	if (sg_prefix_parse(argv[0], strlen(argv[0]), &p))
		return usage_error("%s add: '%s' is not an IPv4 or IPv6 address or a prefix without host bits (like 192.0.2.0/24)",
				   obj, argv[0]);
	for (i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			return usage_error("%s add: %s needs a value", obj, argv[i]);
		if (!strcmp(argv[i], "expires")) {
			if (!parse_u32("expires", argv[i + 1], 1, SECS_MAX, &expires))
				return SG_EXIT_USAGE;
		} else if (!strcmp(argv[i], "comment")) {
			comment = argv[i + 1];
			if (strlen(comment) >= SIPGUARD_COMMENT_MAX)
				return usage_error("comment: at most %d bytes", SIPGUARD_COMMENT_MAX - 1);
		} else {
			return usage_error("%s add: unknown option '%s' (expires, comment)", obj, argv[i]);
		}
	}
	if (sg_dry_run)
		return 0;
	if (sg_batching)
		return prefix_queue(SIPGUARD_CMD_PREFIX_ADD, set, &p, expires, comment);
	nlh = sg_msg_start(buf, 0, SIPGUARD_CMD_PREFIX_ADD, NLM_F_REQUEST | NLM_F_ACK);
	mnl_attr_put_u8(nlh, SIPGUARD_A_SET, set);
	prefix_put(nlh, &p, expires, comment);
	return sg_send(nlh, NULL, NULL);
}

static void prefix_usage(FILE *f, const char *obj)
{
	fprintf(f,
		"Usage: sipguardctl %s add PREFIX [expires SECONDS] [comment TEXT]\n"
		"       sipguardctl %s del PREFIX\n"
		"       sipguardctl %s flush\n"
		"       sipguardctl %s [show]\n"
		"%s\n"
		"PREFIX is an IPv4 or IPv6 address or CIDR prefix (192.0.2.0/24, 2001:db8::/32).\n",
		obj, obj, obj, obj,
		!strcmp(obj, "allow") ?
		"The allow set: trusted sources, never rate-limited nor banned, checked\n"
		"for malformed framing only (see config trusted-checks)." :
		"The deny set: sources dropped before any parsing.");
}

int cmd_prefix(int argc, char **argv)
{
	static char buf[SG_BUF];
	const char *obj = argv[0], *verb = argc > 1 ? argv[1] : "show";
	int set = !strcmp(obj, "allow") ? SIPGUARD_SET_ALLOW : SIPGUARD_SET_DENY;
	struct prefixview pv = { .f = stdout };
	struct nlmsghdr *nlh;
	struct sg_prefix p;

	if (!strcmp(verb, "help") || !strcmp(verb, "--help")) {
		prefix_usage(stdout, obj);
		return 0;
	}
	if (!sg_dry_run && sg_nl_open())
		return SG_EXIT_FAIL;
	if (!strcmp(verb, "add"))
		return prefix_add(set, obj, argc - 2, argv + 2);
	if (!strcmp(verb, "del")) {
		if (argc != 3)
			return usage_error("%s del: want one PREFIX", obj);
		if (sg_prefix_parse(argv[2], strlen(argv[2]), &p))
			return usage_error("%s del: '%s' is not an address or a prefix without host bits",
					   obj, argv[2]);
		if (sg_dry_run)
			return 0;
		if (sg_batching)
			return prefix_queue(SIPGUARD_CMD_PREFIX_DEL, set, &p, 0, NULL);
		nlh = sg_msg_start(buf, 0, SIPGUARD_CMD_PREFIX_DEL, NLM_F_REQUEST | NLM_F_ACK);
		mnl_attr_put_u8(nlh, SIPGUARD_A_SET, set);
		prefix_put(nlh, &p, 0, NULL);
		return sg_send(nlh, NULL, NULL);
	}
	pv.set = set;
	return list_verbs(argc, argv, SIPGUARD_CMD_PREFIX_FLUSH, set, prefix_dump_view, &pv, &pv.list);
}

/* ---- bans -------------------------------------------------------------- */

struct banview {
	json_t *list;
	FILE *f;
	bool as_commands;
	unsigned long n;
	struct outbuf ob;
};

static void ban_reset(void *data)
{
	struct banview *v = data;

	v->n = 0;
	if (v->list)
		json_array_clear(v->list);
	outbuf_reset(&v->ob);
}

struct ban_attrs {
	const void *addr;
	size_t alen;
	uint8_t len; uint32_t remaining, count, offences;
};

static bool ban_parse(const struct nlattr *nest, struct ban_attrs *b)
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
	struct banview *v = data;
	const struct nlattr *top;
	struct ban_attrs b;
	char abuf[INET6_ADDRSTRLEN], who[INET6_ADDRSTRLEN + 16];

	mnl_attr_for_each(top, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(top) != SIPGUARD_A_BAN || !ban_parse(top, &b))
			continue;
		snprintf(who, sizeof(who), "%s/%u", addr_str(b.addr, b.alen, abuf, sizeof(abuf)), b.len);
		v->n++;
		if (v->list)
			json_array_append_new(v->list, json_pack("{s:s,s:i,s:i,s:i}", "source", who,
					      "remaining", (json_int_t)b.remaining, "bans",
					      (json_int_t)b.count, "offences", (json_int_t)b.offences));
		else if (v->ob.f && v->as_commands)
			fprintf(v->ob.f, "ban add %s for %u\n", abuf, b.remaining ? b.remaining : 1);
		else if (v->ob.f)
			fprintf(v->ob.f, "%s remaining %u bans %u offences %u\n", who, b.remaining,
				b.count, b.offences);
	}
	return MNL_CB_OK;
}

static int ban_dump(struct banview *v)
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
	return ban_dump(view);
}

static void ban_usage(FILE *f)
{
	fprintf(f,
		"Usage: sipguardctl ban add ADDRESS [for SECONDS]\n"
		"       sipguardctl ban del ADDRESS\n"
		"       sipguardctl ban flush\n"
		"       sipguardctl ban [show]\n"
		"Banned sources are dropped before parsing. An IPv6 address is banned with\n"
		"its /ipv6-prefix. 'for' defaults to 3600 seconds; del and flush lift bans.\n");
}

int cmd_ban(int argc, char **argv)
{
	static char buf[SG_BUF];
	const char *verb = argc > 1 ? argv[1] : "show";
	struct banview v = { .f = stdout };
	struct nlmsghdr *nlh;
	struct sg_prefix p;
	struct nlattr *n;
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
		    p.len != (p.family == AF_INET ? 32 : 128))
			return usage_error("ban %s: '%s' is not an IPv4 or IPv6 address", verb, argv[2]);
		if (add && argc == 5 && !strcmp(argv[3], "for")) {
			if (!parse_u32("for", argv[4], 1, SECS_MAX, &secs))
				return SG_EXIT_USAGE;
		} else if (argc != 3) {
			return usage_error(add ? "ban add: want ADDRESS [for SECONDS]" : "ban del: want one ADDRESS");
		}
		nlh = sg_msg_start(buf, 0, add ? SIPGUARD_CMD_BAN_ADD : SIPGUARD_CMD_BAN_DEL,
				   NLM_F_REQUEST | NLM_F_ACK);
		n = mnl_attr_nest_start(nlh, SIPGUARD_A_BAN);
		mnl_attr_put(nlh, SIPGUARD_BAN_A_ADDR, p.family == AF_INET ? 4 : 16, &p.addr);
		if (add)
			mnl_attr_put_u32(nlh, SIPGUARD_BAN_A_DURATION, secs);
		mnl_attr_nest_end(nlh, n);
		return sg_send(nlh, NULL, NULL);
	}
	return list_verbs(argc, argv, SIPGUARD_CMD_BAN_FLUSH, -1, ban_dump_view, &v, &v.list);
}

/* ---- stats and status --------------------------------------------------- */

struct statsview {
	uint64_t stat[__SIPGUARD_STAT_MAX], drop[__SIPGUARD_REASON_MAX];
};

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	struct statsview *v = data;
	const struct nlattr *top, *a;

	mnl_attr_for_each(top, nlh, sizeof(struct genlmsghdr)) {
		int t = mnl_attr_get_type(top);

		if (t != SIPGUARD_A_STATS && t != SIPGUARD_A_DROPS)
			continue;
		mnl_attr_for_each_nested(a, top) {
			unsigned int i = mnl_attr_get_type(a) - 1;

			if (t == SIPGUARD_A_STATS && i < __SIPGUARD_STAT_MAX)
				v->stat[i] = mnl_attr_get_u64(a);
			else if (t == SIPGUARD_A_DROPS && i < __SIPGUARD_REASON_MAX)
				v->drop[i] = mnl_attr_get_u64(a);
		}
	}
	return MNL_CB_OK;
}

static int stats_get(struct statsview *v)
{
	char buf[SG_BUF];

	memset(v, 0, sizeof(*v));
	return sg_nl_talk(sg_msg_start(buf, 0, SIPGUARD_CMD_STATS_GET, NLM_F_REQUEST | NLM_F_ACK),
			  stats_cb, v, &top_an, false) ? SG_EXIT_FAIL : 0;
}

int cmd_stats(int argc, char **argv)
{
	char buf[SG_BUF];
	const char *verb = argc > 1 ? argv[1] : "show";
	struct statsview v;
	json_t *j, *d;
	int i;

	if (!strcmp(verb, "help") || !strcmp(verb, "--help")) {
		printf("Usage: sipguardctl stats [show]\n"
		       "       sipguardctl stats reset\n"
		       "The counters of this network namespace, as in /proc/net/sipguard/stats;\n"
		       "drop_REASON counts drop decisions, 'passed' those not enforced (monitor\n"
		       "mode, action log). reset zeroes them and the patterns' hits.\n");
		return 0;
	}
	if (!sg_dry_run && sg_nl_open())
		return SG_EXIT_FAIL;
	if (!strcmp(verb, "reset") && argc == 2)
		return sg_send(sg_msg_start(buf, 0, SIPGUARD_CMD_STATS_RESET,
					    NLM_F_REQUEST | NLM_F_ACK), NULL, NULL);
	if (strcmp(verb, "show") || argc > 2)
		return usage_error("stats: unknown verb '%s' (show, reset, help)", verb);
	if (sg_dry_run)
		return 0;
	if (stats_get(&v))
		return SG_EXIT_FAIL;
	if (opts.json) {
		j = json_object();
		d = json_object();
		for (i = 0; i < __SIPGUARD_STAT_MAX; i++)
			json_object_set_new(j, sg_stat_names[i], json_integer((json_int_t)v.stat[i]));
		for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
			json_object_set_new(d, sg_reason_names[i], json_integer((json_int_t)v.drop[i]));
		json_object_set_new(j, "drops", d);
		json_out(j);
		return 0;
	}
	for (i = 0; i < __SIPGUARD_STAT_MAX; i++)
		printf("%s %llu\n", sg_stat_names[i], (unsigned long long)v.stat[i]);
	for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
		printf("drop_%s %llu\n", sg_reason_names[i], (unsigned long long)v.drop[i]);
	return 0;
}

int cmd_status(int argc, char **argv)
{
	struct prefixview allow = { 0 }, deny = { 0 };
	unsigned long npats = 0;
	struct banview bans = { 0 };
	struct statsview st;
	struct cfgview cfg;
	uint64_t drops = 0;
	int i;

	(void)argv;
	if (argc > 1)
		return usage_error("status: takes no arguments");
	if (sg_dry_run)
		return 0;
	if (sg_nl_open() || config_get(&cfg) || stats_get(&st) ||
	    prefix_dump(SIPGUARD_SET_ALLOW, &allow) || prefix_dump(SIPGUARD_SET_DENY, &deny) ||
	    sg_pattern_count(&npats) || ban_dump(&bans))
		return SG_EXIT_FAIL;
	for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
		drops += st.drop[i];
	if (opts.json) {
		json_out(json_pack("{s:s,s:s,s:i,s:i,s:i,s:i,s:i,s:i,s:I,s:I,s:I}",
				   "module", "loaded", "mode", sg_mode_names[cfg.mode & 1],
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
	struct ban_attrs b = { 0 };
	bool have_ban = false;

	mnl_attr_for_each(top, nlh, sizeof(*g)) {
		switch (mnl_attr_get_type(top)) {
		case SIPGUARD_A_EVENT:
			ev = mnl_attr_get_u8(top);
			break;
		case SIPGUARD_A_BAN:
			have_ban = ban_parse(top, &b);
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
						addr = addr_str(mnl_attr_get_payload(a),
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

		snprintf(who, sizeof(who), "%s/%u", addr_str(b.addr, b.alen, abuf, sizeof(abuf)), b.len);
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
			json_out(j);
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
		if (!parse_u32("count", argv[2], 1, UINT32_MAX, &count))
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

/* The running policy as batch lines: config, patterns, allow, deny. */
int sg_save(FILE *f)
{
	struct prefixview pv = { .f = f };
	struct cfgview cfg;

	if (sg_nl_open() || config_get(&cfg))
		return SG_EXIT_FAIL;
	fprintf(f, "# sipguard policy: sipguardctl -b FILE restores it\n");
	config_print(&cfg, f, true);
	fprintf(f, "pattern flush\n");
	if (sg_pattern_save(f))
		return SG_EXIT_FAIL;
	fprintf(f, "allow flush\n");
	pv.cmd = "allow add ";
	if (prefix_dump(SIPGUARD_SET_ALLOW, &pv))
		return SG_EXIT_FAIL;
	fprintf(f, "deny flush\n");
	pv.cmd = "deny add ";
	if (prefix_dump(SIPGUARD_SET_DENY, &pv))
		return SG_EXIT_FAIL;
	return 0;
}

/* The current bans as "ban add" lines (a batch's undo). */
int sg_save_bans(FILE *f)
{
	struct banview v = { .f = f, .as_commands = true };

	return ban_dump(&v);
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
