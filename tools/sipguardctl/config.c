// SPDX-License-Identifier: GPL-2.0
/*
 * sipguardctl config: show and set the configuration of the netns.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>

#include "sip.h"
#include "names.h"
#include "sipguardctl.h"

static const char *const method_case_names[] = { "strict", "any" };
static const char *const onoff[] = { "off", "on" };

/* ---- config ----------------------------------------------------------- */

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
	struct sg_cfgview *v = data;
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
			case SIPGUARD_CONFIG_A_IPV6_AGGREGATE: v->v6agg = mnl_attr_get_u8(a); break;
			case SIPGUARD_CONFIG_A_IPV6_SPREAD: v->v6spread = mnl_attr_get_u32(a); break;
			case SIPGUARD_CONFIG_A_ENABLED:
				v->enabled = mnl_attr_get_u8(a);
				v->have_enabled = true;
				break;
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

int sg_config_get(struct sg_cfgview *v)
{
	char buf[SG_BUF];

	memset(v, 0, sizeof(*v));
	if (sg_nl_talk(sg_msg_start(buf, 0, SIPGUARD_CMD_CONFIG_GET, NLM_F_REQUEST | NLM_F_ACK),
		       config_cb, v, &sg_top_an, false) || !v->have)
		return -1;
	if (!v->have_enabled)
		v->enabled = 1;
	return 0;
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
void sg_config_print(const struct sg_cfgview *v, FILE *f, bool as_commands)
{
	const char *pre = as_commands ? "config set " : "";
	const char *sep = as_commands ? " " : "\n";
	char methods[256];
	int i;

	methods_str(v->methods, methods, sizeof(methods));
	/* show: first; save: sg_save() writes it last, once the policy is in */
	if (!as_commands && v->have_enabled)
		fprintf(f, "enabled %s\n", onoff[!!v->enabled]);
	fprintf(f, "%smode %s%sports %s%smethods %s%smethod-case %s%strusted-checks %s\n", pre,
		sg_mode_names[v->mode < __SIPGUARD_MODE_MAX ? v->mode : 0], sep, v->ports, sep,
		methods, sep, method_case_names[v->mcase], sep, v->trusted ? "on" : "off");
	fprintf(f, "%sban-threshold %u%sban-window %u%sban-time %u%sban-max %u%sban-forget %u\n",
		pre, v->ban[0], sep, v->ban[1], sep, v->ban[2], sep, v->ban[3], sep, v->ban[4]);
	fprintf(f, "%sauth-threshold %u%sauth-window %u%sunknown-threshold %u%sunknown-window %u\n",
		pre, v->answer[0], sep, v->answer[1], sep, v->answer[2], sep, v->answer[3]);
	fprintf(f, "%sipv6-prefix %u%sipv6-aggregate %u%sipv6-spread %u\n", pre, v->v6, sep,
		v->v6agg, sep, v->v6spread);
	fprintf(f, "%smax-message %u%smax-line %u%smax-headers %u\n", pre,
		v->maxmsg, sep, v->maxline, sep, v->maxhdr);
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

static json_t *config_json(const struct sg_cfgview *v)
{
	json_t *j = json_object(), *r = json_object(), *g = json_object(), *a = json_object();
	char methods[256];
	int i;

	methods_str(v->methods, methods, sizeof(methods));
	if (v->have_enabled)
		json_object_set_new(j, "enabled", json_boolean(v->enabled));
	json_object_set_new(j, "mode", json_string(sg_mode_names[v->mode < __SIPGUARD_MODE_MAX ? v->mode : 0]));
	json_object_set_new(j, "ports", json_string(v->ports));
	json_object_set_new(j, "methods", json_string(methods));
	json_object_set_new(j, "method-case", json_string(method_case_names[v->mcase]));
	json_object_set_new(j, "trusted-checks", json_boolean(v->trusted));
	for (i = 0; i < 5; i++)
		json_object_set_new(j, sg_config_names[ban_attrs[i]], json_integer(v->ban[i]));
	for (i = 0; i < 4; i++)
		json_object_set_new(j, sg_config_names[answer_attrs[i]], json_integer(v->answer[i]));
	json_object_set_new(j, "ipv6-prefix", json_integer(v->v6));
	json_object_set_new(j, "ipv6-aggregate", json_integer(v->v6agg));
	json_object_set_new(j, "ipv6-spread", json_integer(v->v6spread));
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
	ok = sg_parse_u32(key, copy, 1, 1000000, rate) && sg_parse_u32(key, slash + 1, 1, 1000000, burst);
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

		k = sg_word(key, sg_config_names, NAMES(sg_config_names));
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
		case SIPGUARD_CONFIG_A_TRUSTED_CHECKS:
		case SIPGUARD_CONFIG_A_ENABLED:
			if ((c = want_word(key, val, onoff, 2)) < 0)
				return SG_EXIT_USAGE;
			mnl_attr_put_u8(nlh, k, c);
			break;
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

			c = sg_ports_parse(val, strlen(val), &map);
			if (c == -E2BIG)
				return usage_error("ports: at most %u ranges of adjacent ports",
						   SIPGUARD_PORT_RANGES_MAX);
			if (c)
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
			if (!sg_parse_u32(key, val, 1, 128, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u8(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_BAN_THRESHOLD:
			if (!sg_parse_u32(key, val, 1, 1000000, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_IPV6_AGGREGATE:
			if (!sg_parse_u32(key, val, 0, 127, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u8(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_AUTH_THRESHOLD:
		case SIPGUARD_CONFIG_A_UNKNOWN_THRESHOLD:
		case SIPGUARD_CONFIG_A_IPV6_SPREAD:
			if (!sg_parse_u32(key, val, 0, 1000000, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_BAN_FORGET:
			if (!sg_parse_u32(key, val, 0, SECS_MAX, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_MAX_MESSAGE:
			if (!sg_parse_u32(key, val, 256, SG_SIP_MAX_MSG, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_MAX_LINE:
			if (!sg_parse_u32(key, val, 64, SG_SIP_MAX_LINE, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_MAX_HEADERS:
			if (!sg_parse_u32(key, val, 8, SG_SIP_MAX_HEADERS, &u))
				return SG_EXIT_USAGE;
			mnl_attr_put_u32(nlh, k, u);
			break;
		case SIPGUARD_CONFIG_A_TCP_FLOWS:
			if (!sg_parse_u32(key, val, 0, 1U << 24, &u))
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
			if (!sg_parse_u32(key, val, 1, SECS_MAX, &u))
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
		"  enabled on|off              inspect in this network namespace; off keeps the\n"
		"                              policy. Only the initial netns starts on (unless\n"
		"                              the module has all_netns=1): enable the others\n"
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
		"                              (401/407/403 to credentials) that ban it (0: never)\n"
		"  unknown-threshold N         unknown targets it answers (404/484/604 to requests\n"
		"                              without credentials) that ban it (0: never)\n"
		"  auth-window S, unknown-window S   seconds they are counted in\n"
		"  ipv6-prefix N               IPv6 sources are limited and banned per /N\n"
		"  ipv6-aggregate N            and taken together per /N (0: never): banned when 4\n"
		"                              of its sources are, limited as one source when\n"
		"  ipv6-spread N               new sources a minute come in it (0: never)\n"
		"  max-message N, max-line N, max-headers N   size limits of a message\n"
		"  tcp-flows N                 TCP connections followed message by message\n"
		"                              (0: every segment judged alone)\n"
		"  tcp-buffer BYTES            what they may hold in all, at least 65536\n"
		"  action REASON drop|log      log: count and report, let the packet pass\n"
		"A set changes all the keys it names or, if one is refused, none.\n");
}

int cmd_config(int argc, char **argv)
{
	struct sg_cfgview v;
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
	if (sg_nl_open() || sg_config_get(&v))
		return SG_EXIT_FAIL;
	if (opts.json)
		sg_json_out(config_json(&v));
	else
		sg_config_print(&v, stdout, false);
	return 0;
}
