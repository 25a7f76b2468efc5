// SPDX-License-Identifier: GPL-2.0
/*
 * The "sipguard" generic-netlink family: the run-time control plane.
 *
 * Every operation needs CAP_NET_ADMIN in the user namespace owning the
 * netns (GENL_UNS_ADMIN_PERM): container root manages its own netns and
 * nobody else's, and reads are restricted too since they reveal policy.
 * Attributes are validated by strict policies; what a policy cannot say
 * (an address of 4 or 16 bytes, host bits, ban_max >= ban_time) is checked
 * here, each refusal with an extack message naming the attribute. A
 * command changes all it names or nothing: the new config is built aside
 * and published in one pointer store (config.c). Operations run in
 * parallel (parallel_ops: no genl_mutex); per netns they are serialised by
 * sn->lock, which the expiry worker also takes. The ban ops work on the
 * ban table under its own spinlock. A netns not enabled has no state:
 * only the config ops answer there (sg_pre_doit()).
 */
#include <linux/inetdevice.h>
#include <linux/stringify.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netns/generic.h>

#include "sipguard.h"
#include "names.h"

#define SG_SET_MAX_PREFIXES	(1U << 20)

static_assert(SIPGUARD_FIELD_UA == SG_FIELD_UA && SIPGUARD_FIELD_FROM == SG_FIELD_FROM &&
	      SIPGUARD_FIELD_TO == SG_FIELD_TO && SIPGUARD_FIELD_CONTACT == SG_FIELD_CONTACT &&
	      SIPGUARD_FIELD_HEADER == SG_FIELD_HEADER && SIPGUARD_FIELD_SDP == SG_FIELD_SDP &&
	      SIPGUARD_FIELD_ALL == SG_FIELD_ALL);
static_assert(SIPGUARD_MATCH_WORD == SG_PAT_WORD && SIPGUARD_MATCH_WORD_START == SG_PAT_WORD_START);
static_assert(SIPGUARD_PATTERN_MAX == SG_ACM_MAX_PATLEN);
static_assert(SIPGUARD_PORT_RANGES_MAX == SG_PORT_RANGES_MAX);

static struct netlink_range_validation sg_rate_range = { 1, SG_RATE_MAX };
static struct netlink_range_validation sg_burst_range = { 1, SG_BURST_MAX };
static struct netlink_range_validation sg_threshold_range = { 1, 1000000 };
/* 0: the class counts, never bans */
static struct netlink_range_validation sg_answer_range = { 0, 1000000 };
static struct netlink_range_validation sg_secs_range = { 1, SG_SECS_MAX };
static struct netlink_range_validation sg_secs0_range = { 0, SG_SECS_MAX };
static struct netlink_range_validation sg_tcp_flows_range = { 0, 1U << 24 };
static struct netlink_range_validation sg_tcp_buffer_range = { 65536, U64_MAX };
static struct netlink_range_validation sg_msg_range = { 256, SG_SIP_MAX_MSG };
static struct netlink_range_validation sg_line_range = { 64, SG_SIP_MAX_LINE };

static const struct nla_policy sg_range_policy[SIPGUARD_RANGE_A_MAX + 1] = {
	[SIPGUARD_RANGE_A_FIRST]	= NLA_POLICY_MIN(NLA_U16, 1),
	[SIPGUARD_RANGE_A_LAST]		= NLA_POLICY_MIN(NLA_U16, 1),
};

static const struct nla_policy sg_ports_policy[SIPGUARD_PORTS_A_MAX + 1] = {
	[SIPGUARD_PORTS_A_RANGE]	= NLA_POLICY_NESTED(sg_range_policy),
};

static const struct nla_policy sg_rate_policy[SIPGUARD_RATE_A_MAX + 1] = {
	[SIPGUARD_RATE_A_RATE]		= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_rate_range),
	[SIPGUARD_RATE_A_BURST]		= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_burst_range),
};

/* type = class + 1 */
static const struct nla_policy sg_rates_policy[__SIPGUARD_CLASS_MAX + 1] = {
	[1 ... __SIPGUARD_CLASS_MAX]	= NLA_POLICY_NESTED(sg_rate_policy),
};

static const struct nla_policy sg_global_rates_policy[SG_CLASS_REQUESTS + 1] = {
	[1 ... SG_CLASS_REQUESTS]	= NLA_POLICY_NESTED(sg_rate_policy),
};

/* type = reason + 1 */
static const struct nla_policy sg_actions_policy[__SIPGUARD_REASON_MAX + 1] = {
	[1 ... __SIPGUARD_REASON_MAX]	= NLA_POLICY_MAX(NLA_U8, SIPGUARD_ACTION_MAX),
};

static const struct nla_policy sg_config_policy[SIPGUARD_CONFIG_A_MAX + 1] = {
	[SIPGUARD_CONFIG_A_MODE]	= NLA_POLICY_MAX(NLA_U8, SIPGUARD_MODE_MAX),
	[SIPGUARD_CONFIG_A_PORTS]	= NLA_POLICY_NESTED(sg_ports_policy),
	[SIPGUARD_CONFIG_A_METHODS]	= NLA_POLICY_MASK(NLA_U32, SIPGUARD_METHODS_ALL),
	[SIPGUARD_CONFIG_A_TRUSTED_CHECKS] = NLA_POLICY_MAX(NLA_U8, 1),
	[SIPGUARD_CONFIG_A_METHOD_CASE] = NLA_POLICY_MAX(NLA_U8, 1),
	[SIPGUARD_CONFIG_A_TCP_FLOWS]	= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_tcp_flows_range),
	[SIPGUARD_CONFIG_A_TCP_BUFFER]	= NLA_POLICY_FULL_RANGE(NLA_U64, &sg_tcp_buffer_range),
	[SIPGUARD_CONFIG_A_RATES]	= NLA_POLICY_NESTED(sg_rates_policy),
	[SIPGUARD_CONFIG_A_GLOBAL_RATES] = NLA_POLICY_NESTED(sg_global_rates_policy),
	[SIPGUARD_CONFIG_A_BAN_THRESHOLD] = NLA_POLICY_FULL_RANGE(NLA_U32, &sg_threshold_range),
	[SIPGUARD_CONFIG_A_BAN_WINDOW]	= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_secs_range),
	[SIPGUARD_CONFIG_A_BAN_TIME]	= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_secs_range),
	[SIPGUARD_CONFIG_A_BAN_MAX]	= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_secs_range),
	[SIPGUARD_CONFIG_A_BAN_FORGET]	= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_secs0_range),
	[SIPGUARD_CONFIG_A_IPV6_PREFIX]	= NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[SIPGUARD_CONFIG_A_MAX_MESSAGE]	= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_msg_range),
	[SIPGUARD_CONFIG_A_MAX_LINE]	= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_line_range),
	[SIPGUARD_CONFIG_A_MAX_HEADERS]	= NLA_POLICY_RANGE(NLA_U32, 8, SG_SIP_MAX_HEADERS),
	[SIPGUARD_CONFIG_A_ACTIONS]	= NLA_POLICY_NESTED(sg_actions_policy),
	[SIPGUARD_CONFIG_A_AUTH_THRESHOLD] = NLA_POLICY_FULL_RANGE(NLA_U32, &sg_answer_range),
	[SIPGUARD_CONFIG_A_AUTH_WINDOW]	= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_secs_range),
	[SIPGUARD_CONFIG_A_UNKNOWN_THRESHOLD] = NLA_POLICY_FULL_RANGE(NLA_U32, &sg_answer_range),
	[SIPGUARD_CONFIG_A_UNKNOWN_WINDOW] = NLA_POLICY_FULL_RANGE(NLA_U32, &sg_secs_range),
	[SIPGUARD_CONFIG_A_IPV6_AGGREGATE] = NLA_POLICY_MAX(NLA_U8, 127),
	[SIPGUARD_CONFIG_A_IPV6_SPREAD]	= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_answer_range),
	[SIPGUARD_CONFIG_A_ENABLED]	= NLA_POLICY_MAX(NLA_U8, 1),
	[SIPGUARD_CONFIG_A_MAX_SOURCES]	= { .type = NLA_REJECT,
		.reject_message = "max_sources is the module parameter, not set at run time" },
};

static const struct nla_policy sg_prefix_policy[SIPGUARD_PREFIX_A_MAX + 1] = {
	[SIPGUARD_PREFIX_A_ADDR]	= { .type = NLA_BINARY, .len = 16 },
	[SIPGUARD_PREFIX_A_LEN]		= NLA_POLICY_MAX(NLA_U8, 128),
	[SIPGUARD_PREFIX_A_EXPIRES]	= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_secs_range),
	[SIPGUARD_PREFIX_A_COMMENT]	= { .type = NLA_NUL_STRING, .len = SIPGUARD_COMMENT_MAX - 1 },
};

static const struct nla_policy sg_pattern_policy[SIPGUARD_PATTERN_A_MAX + 1] = {
	[SIPGUARD_PATTERN_A_STRING]	= { .type = NLA_BINARY, .len = SIPGUARD_PATTERN_MAX },
	[SIPGUARD_PATTERN_A_FIELDS]	= NLA_POLICY_RANGE(NLA_U8, 1,
					SIPGUARD_FIELD_ALL),
	[SIPGUARD_PATTERN_A_MATCH]	= NLA_POLICY_MASK(NLA_U8,
					SIPGUARD_MATCH_WORD | SIPGUARD_MATCH_WORD_START),
	[SIPGUARD_PATTERN_A_HITS]	= { .type = NLA_REJECT,
		.reject_message = "hits are counted, not set" },
};

static const struct nla_policy sg_ban_policy[SIPGUARD_BAN_A_MAX + 1] = {
	[SIPGUARD_BAN_A_ADDR]		= { .type = NLA_BINARY, .len = 16 },
	[SIPGUARD_BAN_A_LEN]		= NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[SIPGUARD_BAN_A_DURATION]	= NLA_POLICY_FULL_RANGE(NLA_U32, &sg_secs_range),
};

static const struct nla_policy sg_policy[SIPGUARD_A_MAX + 1] = {
	[SIPGUARD_A_CONFIG]		= NLA_POLICY_NESTED(sg_config_policy),
	[SIPGUARD_A_SET]		= NLA_POLICY_MAX(NLA_U8, SIPGUARD_SET_MAX),
	[SIPGUARD_A_PREFIX]		= NLA_POLICY_NESTED(sg_prefix_policy),
	[SIPGUARD_A_PATTERN]		= NLA_POLICY_NESTED(sg_pattern_policy),
	[SIPGUARD_A_BAN]		= NLA_POLICY_NESTED(sg_ban_policy),
	[SIPGUARD_A_REPLACE]		= { .type = NLA_FLAG },
};

#define SG_NOT_ENABLED \
	"sipguard is not enabled in this network namespace: sipguardctl config set enabled on"

/* The ops that need the netns's state: all but the config's. */
#define SG_NEEDS_STATE	1

/*
 * Before every doit: the state of the caller's netns in user_ptr[0], or
 * NULL for the config ops, which show the defaults of a netns not enabled
 * and create its state when asked to enable it.
 */
static int sg_pre_doit(const struct genl_ops *ops, struct sk_buff *skb, struct genl_info *info)
{
	struct sg_net *sn = sg_net_get(genl_info_net(info));

	if (!sn && (ops->internal_flags & SG_NEEDS_STATE)) {
		NL_SET_ERR_MSG(info->extack, SG_NOT_ENABLED);
		return -EOPNOTSUPP;
	}
	info->user_ptr[0] = sn;
	return 0;
}

/* The same for a dump, at each of its parts. */
static struct sg_net *sg_net_dump(struct netlink_callback *cb)
{
	struct sg_net *sn = sg_net_get(sock_net(cb->skb->sk));

	if (!sn)
		NL_SET_ERR_MSG(cb->extack, SG_NOT_ENABLED);
	return sn;
}

static struct sg_config *sg_locked_config(struct sg_net *sn)
{
	return rcu_dereference_protected(sn->config, lockdep_is_held(&sn->lock));
}

static u32 sg_secs(u64 ns)
{
	return (u32)min_t(u64, div_u64(ns + NSEC_PER_SEC - 1, NSEC_PER_SEC), U32_MAX);
}

/* An address attribute: 4 bytes IPv4, 16 bytes IPv6. */
static int sg_attr_addr(const struct nlattr *a, union sg_addr *out,
			struct netlink_ext_ack *extack)
{
	switch (nla_len(a)) {
	case 4:
		memcpy(&out->v4, nla_data(a), 4);
		return AF_INET;
	case 16:
		memcpy(&out->v6, nla_data(a), 16);
		return AF_INET6;
	}
	NL_SET_ERR_MSG_ATTR(extack, a, "address must be 4 (IPv4) or 16 (IPv6) bytes");
	return -EINVAL;
}

/* ---- config ---------------------------------------------------------- */

static int sg_put_rate(struct sk_buff *skb, int type, const struct sg_rate *r)
{
	struct nlattr *n = nla_nest_start(skb, type);

	if (!n || nla_put_u32(skb, SIPGUARD_RATE_A_RATE, r->pps) ||
	    nla_put_u32(skb, SIPGUARD_RATE_A_BURST, r->burst))
		return -EMSGSIZE;
	nla_nest_end(skb, n);
	return 0;
}

/* @n rates in a nest of @type, each as type class + 1. */
static int sg_put_rates(struct sk_buff *skb, int type, const struct sg_rate *rates,
			unsigned int n)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++)
		if (sg_put_rate(skb, i + 1, &rates[i]))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int sg_put_ports(struct sk_buff *skb, const struct sg_portmap *m)
{
	struct nlattr *ports = nla_nest_start(skb, SIPGUARD_CONFIG_A_PORTS), *r;
	u32 p = 1, first;

	if (!ports)
		return -EMSGSIZE;
	while (p <= 65535) {
		if (!sg_port_test(m, p)) {
			p++;
			continue;
		}
		first = p;
		while (p < 65535 && sg_port_test(m, p + 1))
			p++;
		r = nla_nest_start(skb, SIPGUARD_PORTS_A_RANGE);
		if (!r || nla_put_u16(skb, SIPGUARD_RANGE_A_FIRST, first) ||
		    nla_put_u16(skb, SIPGUARD_RANGE_A_LAST, p))
			return -EMSGSIZE;
		nla_nest_end(skb, r);
		p++;
	}
	nla_nest_end(skb, ports);
	return 0;
}

static int sg_put_config(struct sk_buff *skb, const struct sg_config *cfg, bool enabled)
{
	const struct sg_ban_params *ban = &cfg->limits.ban;
	const struct sg_answer_limit *ans = cfg->limits.answer;
	struct nlattr *c, *n;
	int i;

	c = nla_nest_start(skb, SIPGUARD_A_CONFIG);
	if (!c)
		return -EMSGSIZE;
	if (nla_put_u8(skb, SIPGUARD_CONFIG_A_ENABLED, enabled) ||
	    nla_put_u8(skb, SIPGUARD_CONFIG_A_MODE, cfg->mode) ||
	    sg_put_ports(skb, &cfg->ports) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_METHODS, cfg->sip.methods) ||
	    nla_put_u8(skb, SIPGUARD_CONFIG_A_TRUSTED_CHECKS, cfg->trusted_checks) ||
	    nla_put_u8(skb, SIPGUARD_CONFIG_A_METHOD_CASE,
		       !!(cfg->sip.flags & SG_POL_METHOD_ANYCASE)) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_BAN_THRESHOLD, ban->threshold) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_BAN_WINDOW, sg_secs(ban->window)) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_BAN_TIME, sg_secs(ban->time)) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_BAN_MAX, sg_secs(ban->max)) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_BAN_FORGET, sg_secs(ban->forget)) ||
	    nla_put_u8(skb, SIPGUARD_CONFIG_A_IPV6_PREFIX, cfg->limits.v6_prefix) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_MAX_MESSAGE, cfg->sip.max_msg) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_MAX_LINE, cfg->sip.max_line) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_MAX_HEADERS, cfg->sip.max_headers) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_MAX_SOURCES, sg_max_sources) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_TCP_FLOWS, cfg->tcp_flows) ||
	    nla_put_u64_64bit(skb, SIPGUARD_CONFIG_A_TCP_BUFFER, cfg->tcp_buffer,
			      SIPGUARD_CONFIG_A_UNSPEC) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_AUTH_THRESHOLD, ans[SG_ANSWER_AUTH].threshold) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_AUTH_WINDOW, sg_secs(ans[SG_ANSWER_AUTH].window)) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_UNKNOWN_THRESHOLD,
			ans[SG_ANSWER_UNKNOWN].threshold) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_UNKNOWN_WINDOW,
			sg_secs(ans[SG_ANSWER_UNKNOWN].window)) ||
	    nla_put_u8(skb, SIPGUARD_CONFIG_A_IPV6_AGGREGATE, cfg->limits.v6_aggregate) ||
	    nla_put_u32(skb, SIPGUARD_CONFIG_A_IPV6_SPREAD, cfg->limits.spread.pps))
		return -EMSGSIZE;

	if (sg_put_rates(skb, SIPGUARD_CONFIG_A_RATES, cfg->limits.src, SG_CLASS_MAX) ||
	    sg_put_rates(skb, SIPGUARD_CONFIG_A_GLOBAL_RATES, cfg->limits.global,
			 SG_CLASS_REQUESTS))
		return -EMSGSIZE;
	n = nla_nest_start(skb, SIPGUARD_CONFIG_A_ACTIONS);
	if (!n)
		return -EMSGSIZE;
	for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
		if (nla_put_u8(skb, i + 1, cfg->actions[i]))
			return -EMSGSIZE;
	nla_nest_end(skb, n);
	nla_nest_end(skb, c);
	return 0;
}

/* everything but the ports fits in a page; then a nest of two u16 a range */
#define SG_CONFIG_REPLY_SIZE	(NLMSG_GOODSIZE + SG_PORT_RANGES_MAX * \
				 nla_total_size(2 * nla_total_size(sizeof(u16))))

/* A reply of one command's attributes, built by @fill into @size bytes. */
static int sg_reply(struct genl_info *info, u8 cmd,
		    int (*fill)(struct sk_buff *skb, void *arg), void *arg, size_t size)
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &sg_family, 0, cmd);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err;
	}
	err = fill(msg, arg);
	if (err)
		goto err;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
err:
	nlmsg_free(msg);
	return err;
}

static int sg_fill_config(struct sk_buff *skb, void *arg)
{
	struct sg_net *sn = arg;

	return sg_put_config(skb, sg_locked_config(sn), sn->enabled);
}

static int sg_fill_default(struct sk_buff *skb, void *arg)
{
	return sg_put_config(skb, arg, false);
}

/* The config, or in a netns not enabled, the defaults it would start with. */
static int sg_nl_config_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sg_net *sn = info->user_ptr[0];
	struct sg_config *cfg;
	int err;

	if (!sn) {
		cfg = sg_config_default();
		if (!cfg)
			return -ENOMEM;
		err = sg_reply(info, SIPGUARD_CMD_CONFIG_GET, sg_fill_default, cfg,
			       SG_CONFIG_REPLY_SIZE);
		sg_config_free(cfg);
		return err;
	}
	mutex_lock(&sn->lock);
	err = sg_reply(info, SIPGUARD_CMD_CONFIG_GET, sg_fill_config, sn, SG_CONFIG_REPLY_SIZE);
	mutex_unlock(&sn->lock);
	return err;
}

static int sg_parse_ports(const struct nlattr *ports, struct sg_portmap *map,
			  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SIPGUARD_RANGE_A_MAX + 1];
	const struct nlattr *r;
	unsigned int n = 0;
	int rem, err;
	u32 p;

	/* counted first: what a config reply can carry back, and at most
	 * 256 x 65 536 bits to set */
	nla_for_each_nested(r, ports, rem)
		n++;
	if (!n) {
		NL_SET_ERR_MSG_ATTR(extack, ports, "ports: at least one port is needed");
		return -EINVAL;
	}
	if (n > SG_PORT_RANGES_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, ports,
				    "ports: at most " __stringify(SG_PORT_RANGES_MAX) " ranges");
		return -E2BIG;
	}
	memset(map, 0, sizeof(*map));
	nla_for_each_nested(r, ports, rem) {
		err = nla_parse_nested(tb, SIPGUARD_RANGE_A_MAX, r, sg_range_policy, extack);
		if (err)
			return err;
		if (!tb[SIPGUARD_RANGE_A_FIRST]) {
			NL_SET_ERR_MSG_ATTR(extack, r, "ports: a range needs its first port");
			return -EINVAL;
		}
		p = nla_get_u16(tb[SIPGUARD_RANGE_A_FIRST]);
		if (tb[SIPGUARD_RANGE_A_LAST] && nla_get_u16(tb[SIPGUARD_RANGE_A_LAST]) < p) {
			NL_SET_ERR_MSG_ATTR(extack, r, "ports: a range's last port is below its first");
			return -EINVAL;
		}
		do {
			sg_port_set(map, p);
		} while (tb[SIPGUARD_RANGE_A_LAST] && p++ < nla_get_u16(tb[SIPGUARD_RANGE_A_LAST]));
	}
	return 0;
}

/* Rates of @n classes, type = class + 1; a class's rate and burst go together. */
static int sg_parse_rates(const struct nlattr *nest, const struct nla_policy *pol,
			  unsigned int n, struct sg_rate *rates,
			  struct netlink_ext_ack *extack)
{
	struct nlattr *cls[__SIPGUARD_CLASS_MAX + 1], *tb[SIPGUARD_RATE_A_MAX + 1];
	unsigned int i;
	int err;

	err = nla_parse_nested(cls, n, nest, pol, extack);
	if (err)
		return err;
	for (i = 0; i < n; i++) {
		if (!cls[i + 1])
			continue;
		err = nla_parse_nested(tb, SIPGUARD_RATE_A_MAX, cls[i + 1], sg_rate_policy, extack);
		if (err)
			return err;
		if (!tb[SIPGUARD_RATE_A_RATE] || !tb[SIPGUARD_RATE_A_BURST]) {
			NL_SET_ERR_MSG_ATTR(extack, cls[i + 1], "rates: a class needs both rate and burst");
			return -EINVAL;
		}
		sg_rate_init(&rates[i], nla_get_u32(tb[SIPGUARD_RATE_A_RATE]),
			     nla_get_u32(tb[SIPGUARD_RATE_A_BURST]));
	}
	return 0;
}

/* Apply the config attributes in @tb to @cfg (a copy not yet published). */
static int sg_config_apply(struct sg_config *cfg, struct nlattr **tb,
			   struct netlink_ext_ack *extack)
{
	struct sg_ban_params *ban = &cfg->limits.ban;
	struct nlattr *a;
	int err, i;

	if (tb[SIPGUARD_CONFIG_A_MODE])
		cfg->mode = nla_get_u8(tb[SIPGUARD_CONFIG_A_MODE]);
	if (tb[SIPGUARD_CONFIG_A_PORTS]) {
		err = sg_parse_ports(tb[SIPGUARD_CONFIG_A_PORTS], &cfg->ports, extack);
		if (err)
			return err;
	}
	if (tb[SIPGUARD_CONFIG_A_METHODS])
		cfg->sip.methods = nla_get_u32(tb[SIPGUARD_CONFIG_A_METHODS]);
	if (tb[SIPGUARD_CONFIG_A_TRUSTED_CHECKS])
		cfg->trusted_checks = nla_get_u8(tb[SIPGUARD_CONFIG_A_TRUSTED_CHECKS]);
	if (tb[SIPGUARD_CONFIG_A_METHOD_CASE]) {
		cfg->sip.flags &= ~SG_POL_METHOD_ANYCASE;
		if (nla_get_u8(tb[SIPGUARD_CONFIG_A_METHOD_CASE]))
			cfg->sip.flags |= SG_POL_METHOD_ANYCASE;
	}
	if (tb[SIPGUARD_CONFIG_A_RATES]) {
		err = sg_parse_rates(tb[SIPGUARD_CONFIG_A_RATES], sg_rates_policy,
				     SG_CLASS_MAX, cfg->limits.src, extack);
		if (err)
			return err;
	}
	if (tb[SIPGUARD_CONFIG_A_GLOBAL_RATES]) {
		err = sg_parse_rates(tb[SIPGUARD_CONFIG_A_GLOBAL_RATES], sg_global_rates_policy,
				     SG_CLASS_REQUESTS, cfg->limits.global, extack);
		if (err)
			return err;
	}
	if (tb[SIPGUARD_CONFIG_A_BAN_THRESHOLD])
		ban->threshold = nla_get_u32(tb[SIPGUARD_CONFIG_A_BAN_THRESHOLD]);
	if (tb[SIPGUARD_CONFIG_A_BAN_WINDOW])
		ban->window = nla_get_u32(tb[SIPGUARD_CONFIG_A_BAN_WINDOW]) * NSEC_PER_SEC;
	if (tb[SIPGUARD_CONFIG_A_BAN_TIME])
		ban->time = nla_get_u32(tb[SIPGUARD_CONFIG_A_BAN_TIME]) * NSEC_PER_SEC;
	if (tb[SIPGUARD_CONFIG_A_BAN_MAX])
		ban->max = nla_get_u32(tb[SIPGUARD_CONFIG_A_BAN_MAX]) * NSEC_PER_SEC;
	if (tb[SIPGUARD_CONFIG_A_BAN_FORGET])
		ban->forget = nla_get_u32(tb[SIPGUARD_CONFIG_A_BAN_FORGET]) * NSEC_PER_SEC;
	if (ban->max < ban->time) {
		a = tb[SIPGUARD_CONFIG_A_BAN_MAX] ?: tb[SIPGUARD_CONFIG_A_BAN_TIME];
		NL_SET_ERR_MSG_ATTR(extack, a, "ban-max must be at least ban-time");
		return -EINVAL;
	}
	if (tb[SIPGUARD_CONFIG_A_AUTH_THRESHOLD])
		cfg->limits.answer[SG_ANSWER_AUTH].threshold =
			nla_get_u32(tb[SIPGUARD_CONFIG_A_AUTH_THRESHOLD]);
	if (tb[SIPGUARD_CONFIG_A_AUTH_WINDOW])
		cfg->limits.answer[SG_ANSWER_AUTH].window =
			nla_get_u32(tb[SIPGUARD_CONFIG_A_AUTH_WINDOW]) * NSEC_PER_SEC;
	if (tb[SIPGUARD_CONFIG_A_UNKNOWN_THRESHOLD])
		cfg->limits.answer[SG_ANSWER_UNKNOWN].threshold =
			nla_get_u32(tb[SIPGUARD_CONFIG_A_UNKNOWN_THRESHOLD]);
	if (tb[SIPGUARD_CONFIG_A_UNKNOWN_WINDOW])
		cfg->limits.answer[SG_ANSWER_UNKNOWN].window =
			nla_get_u32(tb[SIPGUARD_CONFIG_A_UNKNOWN_WINDOW]) * NSEC_PER_SEC;
	if (tb[SIPGUARD_CONFIG_A_IPV6_PREFIX])
		cfg->limits.v6_prefix = nla_get_u8(tb[SIPGUARD_CONFIG_A_IPV6_PREFIX]);
	if (tb[SIPGUARD_CONFIG_A_IPV6_AGGREGATE])
		cfg->limits.v6_aggregate = nla_get_u8(tb[SIPGUARD_CONFIG_A_IPV6_AGGREGATE]);
	if (tb[SIPGUARD_CONFIG_A_IPV6_SPREAD])
		sg_spread_init(&cfg->limits.spread, nla_get_u32(tb[SIPGUARD_CONFIG_A_IPV6_SPREAD]));
	if (cfg->limits.v6_aggregate >= cfg->limits.v6_prefix) {
		/* asked for: refused; left over by a shorter ipv6-prefix: off */
		if (tb[SIPGUARD_CONFIG_A_IPV6_AGGREGATE]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[SIPGUARD_CONFIG_A_IPV6_AGGREGATE],
					    "ipv6-aggregate must be 0 or shorter than ipv6-prefix");
			return -EINVAL;
		}
		cfg->limits.v6_aggregate = 0;
	}
	if (tb[SIPGUARD_CONFIG_A_TCP_FLOWS])
		cfg->tcp_flows = nla_get_u32(tb[SIPGUARD_CONFIG_A_TCP_FLOWS]);
	if (tb[SIPGUARD_CONFIG_A_TCP_BUFFER])
		cfg->tcp_buffer = nla_get_u64(tb[SIPGUARD_CONFIG_A_TCP_BUFFER]);
	if (tb[SIPGUARD_CONFIG_A_MAX_MESSAGE])
		cfg->sip.max_msg = nla_get_u32(tb[SIPGUARD_CONFIG_A_MAX_MESSAGE]);
	if (tb[SIPGUARD_CONFIG_A_MAX_LINE])
		cfg->sip.max_line = nla_get_u32(tb[SIPGUARD_CONFIG_A_MAX_LINE]);
	if (tb[SIPGUARD_CONFIG_A_MAX_HEADERS])
		cfg->sip.max_headers = nla_get_u32(tb[SIPGUARD_CONFIG_A_MAX_HEADERS]);
	if (tb[SIPGUARD_CONFIG_A_ACTIONS]) {
		struct nlattr *act[__SIPGUARD_REASON_MAX + 1];

		err = nla_parse_nested(act, __SIPGUARD_REASON_MAX, tb[SIPGUARD_CONFIG_A_ACTIONS],
				       sg_actions_policy, extack);
		if (err)
			return err;
		for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
			if (act[i + 1])
				cfg->actions[i] = nla_get_u8(act[i + 1]);
	}
	return 0;
}

/*
 * In a netns without state, only a request that says "enabled" (on, or
 * off to prepare a policy first) makes one: checked first against the
 * defaults (a refused request costs no state), then built aside and
 * published only if the whole request applies. Turning the hooks on
 * publishes the new config first (nothing reads it while they are off),
 * so the first packet meets it; if they cannot be registered, the old one
 * is put back. A refusal changes nothing.
 */
static int sg_nl_config_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[SIPGUARD_CONFIG_A_MAX + 1];
	struct sg_net *sn = info->user_ptr[0];
	struct sg_config *old, *new, *back;
	bool fresh = false, on;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, SIPGUARD_A_CONFIG))
		return -EINVAL;
	err = nla_parse_nested(tb, SIPGUARD_CONFIG_A_MAX, info->attrs[SIPGUARD_A_CONFIG],
			       sg_config_policy, info->extack);
	if (err)
		return err;
	if (!sn) {
		if (!tb[SIPGUARD_CONFIG_A_ENABLED]) {
			NL_SET_ERR_MSG(info->extack, SG_NOT_ENABLED);
			return -EOPNOTSUPP;
		}
		new = sg_config_default();
		if (!new)
			return -ENOMEM;
		err = sg_config_apply(new, tb, info->extack);
		sg_config_free(new);
		if (err)
			return err;
		sn = sg_net_create_begin(genl_info_net(info), &fresh);
		if (IS_ERR(sn))
			return PTR_ERR(sn);
	}

	mutex_lock(&sn->lock);
	old = sg_locked_config(sn);
	new = sg_config_dup(old);
	if (!new) {
		err = -ENOMEM;
		goto out;
	}
	err = sg_config_apply(new, tb, info->extack);
	if (err) {
		sg_config_abort(new, old);
		goto out;
	}
	on = tb[SIPGUARD_CONFIG_A_ENABLED] ? nla_get_u8(tb[SIPGUARD_CONFIG_A_ENABLED]) : sn->enabled;
	if (on && !sn->enabled) {
		back = sg_config_dup(old);
		if (!back) {
			sg_config_abort(new, old);
			err = -ENOMEM;
			goto out;
		}
		sg_config_publish(sn, new);
		err = sg_net_set_enabled(sn, true);
		if (err)
			sg_config_publish(sn, back);	/* as it was */
		else
			sg_config_abort(back, new);	/* shares all with new */
		goto out;
	}
	if (!on)
		sg_net_set_enabled(sn, false);	/* cannot fail */
	sg_config_publish(sn, new);
out:
	mutex_unlock(&sn->lock);
	if (!info->user_ptr[0])		/* sg_net_create_begin() ran */
		sg_net_create_end(sn, fresh, err);
	return err;
}

/* ---- allow and deny prefixes ----------------------------------------- */

static int sg_attr_set(struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, SIPGUARD_A_SET))
		return -EINVAL;
	return nla_get_u8(info->attrs[SIPGUARD_A_SET]);
}

/* The attributes of type @type at the top level of the request. */
#define sg_for_each_attr(a, info, type, rem)					\
	nlmsg_for_each_attr(a, (info)->nlhdr, GENL_HDRLEN, rem)		\
		if (nla_type(a) != (type)) {} else

static unsigned int sg_count_attrs(struct genl_info *info, int type)
{
	const struct nlattr *a;
	unsigned int n = 0;
	int rem;

	sg_for_each_attr(a, info, type, rem)
		n++;
	return n;
}

/* One SIPGUARD_A_PREFIX: a prefix with no host bits, its expiry and comment. */
static int sg_parse_prefix(const struct nlattr *nest, struct sg_prefix *p, u64 *expires,
			   const char **comment, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SIPGUARD_PREFIX_A_MAX + 1];
	struct sg_prefix masked;
	int err, family;

	err = nla_parse_nested(tb, SIPGUARD_PREFIX_A_MAX, nest, sg_prefix_policy, extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, SIPGUARD_PREFIX_A_ADDR)) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "prefix: the address is missing");
		return -EINVAL;
	}
	memset(p, 0, sizeof(*p));
	family = sg_attr_addr(tb[SIPGUARD_PREFIX_A_ADDR], &p->addr, extack);
	if (family < 0)
		return family;
	p->family = family;
	p->len = family == AF_INET ? 32 : 128;
	if (tb[SIPGUARD_PREFIX_A_LEN]) {
		if (nla_get_u8(tb[SIPGUARD_PREFIX_A_LEN]) > p->len) {
			NL_SET_ERR_MSG_ATTR(extack, tb[SIPGUARD_PREFIX_A_LEN],
					    "prefix: length over 32 for an IPv4 address");
			return -EINVAL;
		}
		p->len = nla_get_u8(tb[SIPGUARD_PREFIX_A_LEN]);
	}
	masked = *p;
	if (family == AF_INET)
		masked.addr.v4 = p->len ? p->addr.v4 & inet_make_mask(p->len) : 0;
	else
		ipv6_addr_prefix(&masked.addr.v6, &p->addr.v6, p->len);
	if (memcmp(&masked, p, sizeof(*p))) {
		NL_SET_ERR_MSG_ATTR(extack, tb[SIPGUARD_PREFIX_A_ADDR],
				    "prefix: the address has bits set past the prefix length");
		return -EINVAL;
	}
	*expires = tb[SIPGUARD_PREFIX_A_EXPIRES] ?
		   sg_now() + nla_get_u32(tb[SIPGUARD_PREFIX_A_EXPIRES]) * NSEC_PER_SEC : 0;
	*comment = tb[SIPGUARD_PREFIX_A_COMMENT] ? nla_data(tb[SIPGUARD_PREFIX_A_COMMENT]) : NULL;
	if (*comment && !**comment)
		*comment = NULL;
	return 0;
}

/* Recompile @set into a copy of the config and publish it. */
static int sg_set_commit(struct sg_net *sn, int set)
{
	struct sg_config *old = sg_locked_config(sn), *new;
	int err;

	new = sg_config_dup(old);
	if (!new)
		return -ENOMEM;
	err = sg_set_compile(sn, set, new);
	if (err) {
		new->sets[set] = old->sets[set];
		sg_config_abort(new, old);
		return err;
	}
	sg_config_publish(sn, new);
	return 0;
}

/*
 * The common start of PREFIX_ADD and PREFIX_DEL: the set, and room for
 * the n >= 1 prefixes of the request.
 */
static int sg_prefix_request(struct genl_info *info, int *set, unsigned int *n,
			     struct sg_prefix_entry ***ents)
{
	*set = sg_attr_set(info);
	if (*set < 0)
		return *set;
	*n = sg_count_attrs(info, SIPGUARD_A_PREFIX);
	if (!*n) {
		NL_SET_ERR_MSG(info->extack, "no SIPGUARD_A_PREFIX in the request");
		return -EINVAL;
	}
	*ents = kvcalloc(*n, sizeof(**ents), GFP_KERNEL_ACCOUNT);
	return *ents ? 0 : -ENOMEM;
}

/*
 * SIPGUARD_A_REPLACE (genetlink refuses NLM_F_REPLACE): a prefix already in
 * the set takes the request's expiry and comment (its old entry leaves, the
 * new one goes in, in one publication; the lookup structure is the same
 * either way); without it, a prefix that is there refuses the request
 * (-EEXIST).
 */
static int sg_nl_prefix_add(struct sk_buff *skb, struct genl_info *info)
{
	bool replace = nla_get_flag(info->attrs[SIPGUARD_A_REPLACE]);
	struct sg_prefix_entry **ents, **olds = NULL;
	struct sg_net *sn = info->user_ptr[0];
	unsigned int n, i = 0, done;
	const struct nlattr *a;
	const char *comment;
	struct sg_prefix p;
	int set, rem, err;
	u64 expires;

	err = sg_prefix_request(info, &set, &n, &ents);
	if (err)
		return err;
	if (replace) {
		olds = kvcalloc(n, sizeof(*olds), GFP_KERNEL_ACCOUNT);
		if (!olds) {
			err = -ENOMEM;
			goto out_free;
		}
	}
	/* parse and allocate everything before touching the set */
	sg_for_each_attr(a, info, SIPGUARD_A_PREFIX, rem) {
		err = sg_parse_prefix(a, &p, &expires, &comment, info->extack);
		if (err)
			goto out_free;
		ents[i] = sg_prefix_entry_new(&p, expires, comment);
		if (!ents[i++]) {
			err = -ENOMEM;
			goto out_free;
		}
	}

	mutex_lock(&sn->lock);
	err = -ENOSPC;
	if (sn->set_len[set] + n > SG_SET_MAX_PREFIXES) {
		NL_SET_ERR_MSG(info->extack, "the set would exceed 1048576 prefixes");
		goto out_unlock;
	}
	done = 0;
	sg_for_each_attr(a, info, SIPGUARD_A_PREFIX, rem) {
		if (replace) {
			olds[done] = sg_set_find(sn, set, &ents[done]->pfx);
			if (olds[done])
				sg_set_erase(sn, set, olds[done]);
		}
		err = sg_set_insert(sn, set, ents[done]);
		if (err) {
			NL_SET_ERR_MSG_ATTR(info->extack, a, "prefix is already in the set");
			break;
		}
		done++;
	}
	if (!err)
		err = sg_set_commit(sn, set);
	if (err) {
		/* the entries replaced go back, last first (a prefix twice in
		 * one request replaced its own first entry) */
		if (replace && done < n && olds[done])
			WARN_ON(sg_set_insert(sn, set, olds[done]));
		while (done--) {
			sg_set_erase(sn, set, ents[done]);
			if (replace && olds[done])
				WARN_ON(sg_set_insert(sn, set, olds[done]));
		}
	} else {
		sg_expire_kick(sn);
	}
out_unlock:
	mutex_unlock(&sn->lock);
	if (!err) {
		/* the replaced entries: nothing published points at them */
		for (i = 0; replace && i < n; i++)
			kfree(olds[i]);
		kvfree(olds);
		kvfree(ents);
		return 0;
	}
	i = n;
out_free:
	while (i--)
		kfree(ents[i]);
	kvfree(olds);
	kvfree(ents);
	return err;
}

static int sg_nl_prefix_del(struct sk_buff *skb, struct genl_info *info)
{
	struct sg_net *sn = info->user_ptr[0];
	struct sg_prefix_entry **ents, *e;
	unsigned int n, i = 0;
	const struct nlattr *a;
	const char *comment;
	struct sg_prefix p;
	int set, rem, err = 0;
	u64 expires;

	err = sg_prefix_request(info, &set, &n, &ents);
	if (err)
		return err;

	mutex_lock(&sn->lock);
	sg_for_each_attr(a, info, SIPGUARD_A_PREFIX, rem) {
		err = sg_parse_prefix(a, &p, &expires, &comment, info->extack);
		if (err)
			goto undo;
		e = sg_set_find(sn, set, &p);
		if (!e) {
			NL_SET_ERR_MSG_ATTR(info->extack, a, "prefix is not in the set");
			err = -ENOENT;
			goto undo;
		}
		sg_set_erase(sn, set, e);
		ents[i++] = e;
	}
	err = sg_set_commit(sn, set);
	if (!err) {
		mutex_unlock(&sn->lock);
		while (i--)
			kfree(ents[i]);
		kvfree(ents);
		return 0;
	}
undo:
	while (i--)
		WARN_ON(sg_set_insert(sn, set, ents[i]));
	mutex_unlock(&sn->lock);
	kvfree(ents);
	return err;
}

static int sg_nl_prefix_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct sg_net *sn = info->user_ptr[0];
	struct sg_config *old, *new;
	int set, err = 0;

	set = sg_attr_set(info);
	if (set < 0)
		return set;
	mutex_lock(&sn->lock);
	old = sg_locked_config(sn);
	new = sg_config_dup(old);
	if (!new) {
		err = -ENOMEM;
		goto out;
	}
	new->sets[set] = NULL;
	sg_config_publish(sn, new);
	sg_set_flush(sn, set);
out:
	mutex_unlock(&sn->lock);
	return err;
}

static int sg_put_prefix(struct sk_buff *skb, const struct sg_prefix_entry *e, u64 now)
{
	struct nlattr *n = nla_nest_start(skb, SIPGUARD_A_PREFIX);

	if (!n || nla_put(skb, SIPGUARD_PREFIX_A_ADDR, e->pfx.family == AF_INET ? 4 : 16,
			  &e->pfx.addr) ||
	    nla_put_u8(skb, SIPGUARD_PREFIX_A_LEN, e->pfx.len) ||
	    (e->expires && nla_put_u32(skb, SIPGUARD_PREFIX_A_EXPIRES,
				       e->expires > now ? max(sg_secs(e->expires - now), 1U) : 1)) ||
	    (e->comment && nla_put_string(skb, SIPGUARD_PREFIX_A_COMMENT, e->comment)))
		return -EMSGSIZE;
	nla_nest_end(skb, n);
	return 0;
}

/* Dump cursor: the last prefix sent; the next part resumes after it. */
struct sg_prefix_cursor {
	struct sg_prefix last;
	bool started;
	u8 set;
};

static int sg_nl_prefix_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct sg_prefix_cursor *cur = (void *)cb->ctx;
	struct sg_net *sn = sg_net_dump(cb);
	struct nlattr **attrs = genl_dumpit_info(cb)->attrs;
	struct sg_prefix_entry *e;
	u64 now = sg_now();
	void *hdr;

	BUILD_BUG_ON(sizeof(*cur) > sizeof(cb->ctx));
	if (!sn)
		return -EOPNOTSUPP;
	if (!cur->started) {
		if (!attrs[SIPGUARD_A_SET]) {
			NL_SET_ERR_MSG(cb->extack, "SIPGUARD_A_SET is required");
			return -EINVAL;
		}
		cur->set = nla_get_u8(attrs[SIPGUARD_A_SET]);
	}
	mutex_lock(&sn->lock);
	cb->seq = sn->set_gen[cur->set];
	for (e = sg_set_next(sn, cur->set, cur->started ? &cur->last : NULL); e;
	     e = sg_set_next(sn, cur->set, &e->pfx)) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &sg_family, NLM_F_MULTI, SIPGUARD_CMD_PREFIX_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_u8(skb, SIPGUARD_A_SET, cur->set) || sg_put_prefix(skb, e, now)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cur->last = e->pfx;
		cur->started = true;
	}
	mutex_unlock(&sn->lock);
	return e ? skb->len : 0;
}

/* ---- scanner patterns ------------------------------------------------ */

static int sg_parse_pattern(const struct nlattr *nest, struct nlattr **tb,
			    struct netlink_ext_ack *extack)
{
	const u8 *s;
	int err, i, solid = 0;

	err = nla_parse_nested(tb, SIPGUARD_PATTERN_A_MAX, nest, sg_pattern_policy, extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, SIPGUARD_PATTERN_A_STRING)) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "pattern: the string is missing");
		return -EINVAL;
	}
	s = nla_data(tb[SIPGUARD_PATTERN_A_STRING]);
	if (!nla_len(tb[SIPGUARD_PATTERN_A_STRING])) {
		NL_SET_ERR_MSG_ATTR(extack, tb[SIPGUARD_PATTERN_A_STRING], "pattern: the string is empty");
		return -EINVAL;
	}
	for (i = 0; i < nla_len(tb[SIPGUARD_PATTERN_A_STRING]); i++) {
		if (s[i] < 0x20 || s[i] > 0x7e) {
			NL_SET_ERR_MSG_ATTR(extack, tb[SIPGUARD_PATTERN_A_STRING],
					    "pattern: the string must be printable ASCII");
			return -EINVAL;
		}
		solid += s[i] != ' ';
	}
	/* blanks are not matched (acmatch.h): a pattern of blanks is none */
	if (!solid) {
		NL_SET_ERR_MSG_ATTR(extack, tb[SIPGUARD_PATTERN_A_STRING],
				    "pattern: the string is all blanks");
		return -EINVAL;
	}
	return 0;
}

static int sg_patterns_commit(struct sg_net *sn, struct netlink_ext_ack *extack)
{
	struct sg_config *old = sg_locked_config(sn), *new;
	int err;

	new = sg_config_dup(old);
	if (!new)
		return -ENOMEM;
	err = sg_patterns_compile(sn, new);
	if (err) {
		new->pats = old->pats;
		sg_config_abort(new, old);
		if (err == -E2BIG || err == -EINVAL)
			NL_SET_ERR_MSG(extack, "the patterns together are too long for the matcher (4096 patterns, 65535 bytes)");
		return err;
	}
	sg_config_publish(sn, new);
	return 0;
}

static int sg_nl_pattern_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[SIPGUARD_PATTERN_A_MAX + 1];
	struct sg_net *sn = info->user_ptr[0];
	struct sg_pattern *p, *tmp;
	const struct nlattr *a;
	LIST_HEAD(added);
	int rem, err = 0;
	u32 n = 0;

	if (!sg_count_attrs(info, SIPGUARD_A_PATTERN)) {
		NL_SET_ERR_MSG(info->extack, "no SIPGUARD_A_PATTERN to add");
		return -EINVAL;
	}
	mutex_lock(&sn->lock);
	sg_for_each_attr(a, info, SIPGUARD_A_PATTERN, rem) {
		u16 len;

		err = sg_parse_pattern(a, tb, info->extack);
		if (err)
			goto undo;
		len = nla_len(tb[SIPGUARD_PATTERN_A_STRING]);
		if (sg_pattern_find(sn, nla_data(tb[SIPGUARD_PATTERN_A_STRING]), len)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a, "pattern is already in the list");
			err = -EEXIST;
			goto undo;
		}
		p = sg_pattern_new(nla_data(tb[SIPGUARD_PATTERN_A_STRING]), len,
				   tb[SIPGUARD_PATTERN_A_FIELDS] ?
				   nla_get_u8(tb[SIPGUARD_PATTERN_A_FIELDS]) : SIPGUARD_FIELD_UA,
				   tb[SIPGUARD_PATTERN_A_MATCH] ?
				   nla_get_u8(tb[SIPGUARD_PATTERN_A_MATCH]) : 0);
		if (!p) {
			err = -ENOMEM;
			goto undo;
		}
		/* in the list at once, so a repeat in this request is caught */
		list_add_tail(&p->list, &sn->patterns);
		sn->npatterns++;
		sn->pattern_gen++;
		n++;
	}
	err = sg_patterns_commit(sn, info->extack);
	if (!err)
		goto out;
undo:
	list_for_each_entry_safe_reverse(p, tmp, &sn->patterns, list) {
		if (!n--)
			break;
		list_del(&p->list);
		sn->npatterns--;
		kfree(p);
	}
out:
	mutex_unlock(&sn->lock);
	return err;
}

static int sg_nl_pattern_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[SIPGUARD_PATTERN_A_MAX + 1];
	struct sg_net *sn = info->user_ptr[0];
	struct sg_pattern *p, *tmp;
	const struct nlattr *a;
	LIST_HEAD(gone);
	int rem, err = 0;

	if (!sg_count_attrs(info, SIPGUARD_A_PATTERN)) {
		NL_SET_ERR_MSG(info->extack, "no SIPGUARD_A_PATTERN to delete");
		return -EINVAL;
	}
	mutex_lock(&sn->lock);
	sg_for_each_attr(a, info, SIPGUARD_A_PATTERN, rem) {
		err = sg_parse_pattern(a, tb, info->extack);
		if (err)
			goto undo;
		p = sg_pattern_find(sn, nla_data(tb[SIPGUARD_PATTERN_A_STRING]),
				    nla_len(tb[SIPGUARD_PATTERN_A_STRING]));
		if (!p) {
			NL_SET_ERR_MSG_ATTR(info->extack, a, "pattern is not in the list");
			err = -ENOENT;
			goto undo;
		}
		list_move_tail(&p->list, &gone);
		sn->npatterns--;
		sn->pattern_gen++;
	}
	err = sg_patterns_commit(sn, info->extack);
	if (!err) {
		/* the old config's matcher may still count hits on them */
		list_for_each_entry_safe(p, tmp, &gone, list) {
			list_del(&p->list);
			sg_pattern_free_rcu(p);
		}
		goto out;
	}
undo:
	/* back where they were is not kept; at the end is where ADD puts them */
	list_for_each_entry_safe(p, tmp, &gone, list) {
		list_move_tail(&p->list, &sn->patterns);
		sn->npatterns++;
		sn->pattern_gen++;
	}
out:
	mutex_unlock(&sn->lock);
	return err;
}

static int sg_nl_pattern_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct sg_net *sn = info->user_ptr[0];
	struct sg_config *old, *new;
	struct sg_pattern *p, *tmp;
	int err = 0;

	mutex_lock(&sn->lock);
	old = sg_locked_config(sn);
	new = sg_config_dup(old);
	if (!new) {
		err = -ENOMEM;
		goto out;
	}
	new->pats = NULL;
	sg_config_publish(sn, new);
	list_for_each_entry_safe(p, tmp, &sn->patterns, list) {
		list_del(&p->list);
		sg_pattern_free_rcu(p);
	}
	sn->npatterns = 0;
	sn->pattern_gen++;
out:
	mutex_unlock(&sn->lock);
	return err;
}

static int sg_nl_pattern_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct sg_net *sn = sg_net_dump(cb);
	struct sg_pattern *p;
	struct nlattr *n;
	long idx = 0;
	void *hdr;

	if (!sn)
		return -EOPNOTSUPP;
	mutex_lock(&sn->lock);
	cb->seq = sn->pattern_gen;
	list_for_each_entry(p, &sn->patterns, list) {
		if (idx++ < cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &sg_family, NLM_F_MULTI, SIPGUARD_CMD_PATTERN_GET);
		if (!hdr)
			goto full;
		genl_dump_check_consistent(cb, hdr);
		n = nla_nest_start(skb, SIPGUARD_A_PATTERN);
		if (!n || nla_put(skb, SIPGUARD_PATTERN_A_STRING, p->len, p->str) ||
		    nla_put_u8(skb, SIPGUARD_PATTERN_A_FIELDS, p->fields) ||
		    nla_put_u8(skb, SIPGUARD_PATTERN_A_MATCH, p->flags) ||
		    nla_put_u64_64bit(skb, SIPGUARD_PATTERN_A_HITS, atomic64_read(&p->hits),
				      SIPGUARD_PATTERN_A_UNSPEC)) {
			genlmsg_cancel(skb, hdr);
			goto full;
		}
		nla_nest_end(skb, n);
		genlmsg_end(skb, hdr);
		cb->args[0] = idx;
	}
	mutex_unlock(&sn->lock);
	return 0;
full:
	mutex_unlock(&sn->lock);
	return skb->len;
}

/* ---- bans ------------------------------------------------------------ */

static int sg_put_ban(struct sk_buff *skb, const struct sg_src_key *key, u64 until,
		      u32 count, u32 offences, u64 now)
{
	struct nlattr *n = nla_nest_start(skb, SIPGUARD_A_BAN);

	if (!n || nla_put(skb, SIPGUARD_BAN_A_ADDR, key->family == AF_INET ? 4 : 16, key->addr) ||
	    nla_put_u8(skb, SIPGUARD_BAN_A_LEN, key->plen) ||
	    (until > now && nla_put_u32(skb, SIPGUARD_BAN_A_REMAINING, sg_secs(until - now))) ||
	    nla_put_u32(skb, SIPGUARD_BAN_A_COUNT, count) ||
	    nla_put_u32(skb, SIPGUARD_BAN_A_OFFENCES, offences))
		return -EMSGSIZE;
	nla_nest_end(skb, n);
	return 0;
}

/* A SIPGUARD_A_BAN and its address; the address family or -errno. */
static int sg_parse_ban(struct genl_info *info, struct nlattr **tb, union sg_addr *addr)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, SIPGUARD_A_BAN))
		return -EINVAL;
	err = nla_parse_nested(tb, SIPGUARD_BAN_A_MAX, info->attrs[SIPGUARD_A_BAN],
			       sg_ban_policy, info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[SIPGUARD_A_BAN], tb, SIPGUARD_BAN_A_ADDR)) {
		NL_SET_ERR_MSG(info->extack, "ban: the address is missing");
		return -EINVAL;
	}
	return sg_attr_addr(tb[SIPGUARD_BAN_A_ADDR], addr, info->extack);
}

/*
 * The key a ban request names: an IPv4 address, or an IPv6 address keyed
 * by its /ipv6-prefix, or by the prefix length given (an aggregate).
 */
static int sg_ban_key_of(struct sg_src_key *key, int family, const union sg_addr *addr,
			 struct nlattr **tb, const struct sg_config *cfg,
			 struct netlink_ext_ack *extack)
{
	u8 plen = cfg->limits.v6_prefix;

	if (tb[SIPGUARD_BAN_A_LEN]) {
		plen = nla_get_u8(tb[SIPGUARD_BAN_A_LEN]);
		if (family == AF_INET && plen != 32) {
			NL_SET_ERR_MSG_ATTR(extack, tb[SIPGUARD_BAN_A_LEN],
					    "an IPv4 ban is of one address (32)");
			return -EINVAL;
		}
		/* only the lengths the hook looks up: another would be a ban
		 * that bans nothing */
		if (family == AF_INET6 && plen != cfg->limits.v6_prefix &&
		    (!cfg->limits.v6_aggregate || plen != cfg->limits.v6_aggregate)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[SIPGUARD_BAN_A_LEN],
					    "an IPv6 ban is of an ipv6-prefix or ipv6-aggregate prefix");
			return -EINVAL;
		}
	}
	sg_src_key_make(key, family, addr, plen);
	return 0;
}

static int sg_nl_ban_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[SIPGUARD_BAN_A_MAX + 1];
	union sg_addr addr;
	struct sg_net *sn = info->user_ptr[0];
	const struct sg_config *cfg;
	struct sg_src_key key;
	bool ended = false;
	u64 now, until;
	u32 bans;
	int family, r, err = 0;

	family = sg_parse_ban(info, tb, &addr);
	if (family < 0)
		return family;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[SIPGUARD_A_BAN], tb, SIPGUARD_BAN_A_DURATION)) {
		NL_SET_ERR_MSG(info->extack, "ban: the duration is missing");
		return -EINVAL;
	}
	mutex_lock(&sn->lock);
	cfg = sg_locked_config(sn);
	if (sg_pset_contains(cfg->sets[SIPGUARD_SET_ALLOW], family, &addr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SIPGUARD_BAN_A_ADDR],
				    "the address is in the allow set: trusted sources are never banned");
		err = -EINVAL;
		goto out;
	}
	err = sg_ban_key_of(&key, family, &addr, tb, cfg, info->extack);
	if (err)
		goto out;
	now = sg_now();
	/* the hook's context: BHs off */
	local_bh_disable();
	r = sg_ban_begin(&sn->bans, &key, &cfg->limits.ban,
			 (u64)nla_get_u32(tb[SIPGUARD_BAN_A_DURATION]) * NSEC_PER_SEC, now,
			 &until, &bans, &ended);
	/* per-CPU counters: counted where this CPU is ours */
	if (ended)
		sg_count(sn, SIPGUARD_STAT_BANS_FULL, 1);
	if (r > 0)
		sg_count(sn, SIPGUARD_STAT_BANS, 1);
	local_bh_enable();
	if (r < 0) {
		if (r == -ENOSPC)
			NL_SET_ERR_MSG(info->extack, "the ban table is full of bans in force (max_bans)");
		else
			NL_SET_ERR_MSG(info->extack, "out of memory");
		err = r;
		goto out;
	}
	sg_event_ban(sn, SIPGUARD_EVENT_BAN_ADDED, &key, until, bans, now);
out:
	mutex_unlock(&sn->lock);
	return err;
}

/* Lift @key's ban if it has one; true if it had. */
static bool sg_ban_lift(struct sg_net *sn, const struct sg_src_key *key, u64 now)
{
	bool lifted;
	u32 bans = 0;

	local_bh_disable();
	lifted = sg_ban_lift_key(&sn->bans, key, now, &bans);
	local_bh_enable();
	if (lifted)
		sg_event_ban(sn, SIPGUARD_EVENT_BAN_LIFTED, key, 0, bans, now);
	return lifted;
}

static int sg_nl_ban_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[SIPGUARD_BAN_A_MAX + 1];
	union sg_addr addr;
	struct sg_net *sn = info->user_ptr[0];
	struct sg_src_key key;
	bool lifted;
	int family, err;

	family = sg_parse_ban(info, tb, &addr);
	if (family < 0)
		return family;
	mutex_lock(&sn->lock);
	err = sg_ban_key_of(&key, family, &addr, tb, sg_locked_config(sn), info->extack);
	lifted = !err && sg_ban_lift(sn, &key, sg_now());
	mutex_unlock(&sn->lock);
	if (err)
		return err;
	if (!lifted) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SIPGUARD_BAN_A_ADDR], "the address is not banned");
		return -ENOENT;
	}
	return 0;
}

/*
 * Lift every ban, a chain at a time: the keys of a chain's bans are
 * copied under RCU, then lifted (sg_ban_lift() takes the table lock).
 */
static int sg_nl_ban_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct sg_net *sn = info->user_ptr[0];
	struct sg_bantable *t = &sn->bans;	/* sg_pre_doit: sn is there */
	struct sg_src_key keys[16];
	u64 now = sg_now();
	struct sg_banent *b;
	unsigned int i, n, k;

	/* serialised with ban add and del: their events in order */
	mutex_lock(&sn->lock);
	for (i = 0; i <= t->mask; i++) {
		do {
			n = 0;
			rcu_read_lock();
			hlist_for_each_entry_rcu(b, &t->heads[i], node)
				if (n < ARRAY_SIZE(keys) && now < READ_ONCE(b->ban.until))
					keys[n++] = b->key;
			rcu_read_unlock();
			for (k = 0; k < n; k++)
				sg_ban_lift(sn, &keys[k], now);
		} while (n == ARRAY_SIZE(keys));
		if (!(i & 1023))
			cond_resched();
	}
	mutex_unlock(&sn->lock);
	return 0;
}

/*
 * Dump the bans in force a hash chain at a time: cb->args[0] is the next
 * chain. A chain that does not fit goes whole into the next part, so
 * entries moving inside a chain cannot be skipped or sent twice. The dump
 * is marked interrupted when a ban started or ended meanwhile. The
 * offences shown are those the source's entry holds now, if it has one.
 */
static int sg_nl_ban_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct sg_net *sn = sg_net_dump(cb);
	unsigned long i = cb->args[0];
	u64 now = sg_now();
	struct sg_bantable *t;
	struct sg_banent *b;
	int mark;

	if (!sn)
		return -EOPNOTSUPP;
	t = &sn->bans;
	cb->seq = atomic_read(&t->gen);
	rcu_read_lock();
	for (; i <= t->mask; i++) {
		mark = skb->len;
		hlist_for_each_entry_rcu(b, &t->heads[i], node) {
			u64 until = READ_ONCE(b->ban.until);
			u32 bans = READ_ONCE(b->ban.bans), offences = 0;
			struct sg_src *s;
			void *hdr;

			if (until <= now)
				continue;
			s = sg_src_lookup(&sn->srcs, &b->key);
			if (s)
				offences = READ_ONCE(s->ban.offences);
			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
					  &sg_family, NLM_F_MULTI, SIPGUARD_CMD_BAN_GET);
			if (!hdr || sg_put_ban(skb, &b->key, until, bans, offences, now)) {
				nlmsg_trim(skb, skb->data + mark);
				goto full;
			}
			genl_dump_check_consistent(cb, hdr);
			genlmsg_end(skb, hdr);
		}
	}
full:
	rcu_read_unlock();
	cb->args[0] = i;
	if (i > t->mask)
		return skb->len ? skb->len : 0;
	return skb->len ? skb->len : -EMSGSIZE;
}

/* ---- statistics ------------------------------------------------------ */

static int sg_fill_stats(struct sk_buff *skb, void *arg)
{
	struct sg_net *sn = arg;
	u64 cnt[SG_STAT_MAX];
	struct nlattr *n;
	int i;

	sg_stats_fold(sn, cnt);
	n = nla_nest_start(skb, SIPGUARD_A_STATS);
	if (!n)
		return -EMSGSIZE;
	for (i = 0; i < SG_STAT_DROP; i++)
		if (nla_put_u64_64bit(skb, i + 1, cnt[i], SIPGUARD_A_UNSPEC))
			return -EMSGSIZE;
	nla_nest_end(skb, n);
	n = nla_nest_start(skb, SIPGUARD_A_DROPS);
	if (!n)
		return -EMSGSIZE;
	for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
		if (nla_put_u64_64bit(skb, i + 1, cnt[SG_STAT_DROP + i], SIPGUARD_A_UNSPEC))
			return -EMSGSIZE;
	nla_nest_end(skb, n);
	return 0;
}

static int sg_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	return sg_reply(info, SIPGUARD_CMD_STATS_GET, sg_fill_stats, info->user_ptr[0],
			NLMSG_GOODSIZE);
}

static int sg_nl_stats_reset(struct sk_buff *skb, struct genl_info *info)
{
	struct sg_net *sn = info->user_ptr[0];
	struct sg_pattern *p;

	mutex_lock(&sn->lock);
	sg_stats_reset(sn);
	list_for_each_entry(p, &sn->patterns, list)
		atomic64_set(&p->hits, 0);
	mutex_unlock(&sn->lock);
	return 0;
}

/* ---- events ---------------------------------------------------------- */

static const struct genl_multicast_group sg_mcgrps[] = {
	[SG_MCGRP_EVENTS] = { .name = SIPGUARD_MCGRP_EVENTS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

/* Off before the family goes: its group id may be given to another. */
bool sg_events_on;

/* Any context; GFP_ATOMIC. */
void sg_event_ban(struct sg_net *sn, enum sipguard_event ev, const struct sg_src_key *key,
		  u64 until, u32 bans, u64 now)
{
	struct sk_buff *msg;
	void *hdr;

	if (!sg_listened(sn))
		return;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &sg_family, 0, SIPGUARD_CMD_BAN_NTF);
	if (!hdr || nla_put_u8(msg, SIPGUARD_A_EVENT, ev) ||
	    sg_put_ban(msg, key, until, bans, 0, now)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&sg_family, sn->net, msg, 0, SG_MCGRP_EVENTS, GFP_ATOMIC);
}

/*
 * A sample of the drop decisions, at most 20 a second per netns; how many
 * were not sent goes with the next one. The hook's context, once
 * sg_listened() said someone listens.
 */
void __sg_event_drop(struct sg_net *sn, const struct sg_config *cfg, u8 reason, int family,
		     const void *addr, const struct sg_sip_result *res, const u8 *data,
		     bool passed)
{
	const struct sg_patset *ps = cfg->pats;
	struct sk_buff *msg;
	struct nlattr *n;
	u32 suppressed;
	void *hdr;

	if (!__ratelimit(&sn->event_rs)) {
		atomic_inc(&sn->events_suppressed);
		return;
	}
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &sg_family, 0, SIPGUARD_CMD_DROP_NTF);
	if (!hdr)
		goto err;
	n = nla_nest_start(msg, SIPGUARD_A_DROP);
	if (!n || nla_put_u8(msg, SIPGUARD_DROP_A_REASON, reason) ||
	    nla_put(msg, SIPGUARD_DROP_A_ADDR, family == AF_INET ? 4 : 16, addr) ||
	    (passed && nla_put_flag(msg, SIPGUARD_DROP_A_PASSED)))
		goto err;
	if (res && res->kind == SG_SIP_REQUEST &&
	    nla_put_u8(msg, SIPGUARD_DROP_A_METHOD, res->method))
		goto err;
	if (res && res->reason != SG_VERDICT_ACCEPT) {
		char text[96];

		sg_sip_describe(text, sizeof(text), res, ps ? ps->pats : NULL, ps ? ps->n : 0);
		if (nla_put_string(msg, SIPGUARD_DROP_A_DETAIL, text))
			goto err;
		sg_sanitize(text, 64, data + res->at, res->at_len);
		if (nla_put_string(msg, SIPGUARD_DROP_A_EXCERPT, text))
			goto err;
	}
	suppressed = atomic_xchg(&sn->events_suppressed, 0);
	if (suppressed && nla_put_u32(msg, SIPGUARD_DROP_A_SUPPRESSED, suppressed))
		goto err;
	nla_nest_end(msg, n);
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&sg_family, sn->net, msg, 0, SG_MCGRP_EVENTS, GFP_ATOMIC);
	return;
err:
	nlmsg_free(msg);
}

/* ---- the family ------------------------------------------------------ */

#define SG_OP(c, fn)	{ .cmd = SIPGUARD_CMD_##c, .doit = fn, .flags = GENL_UNS_ADMIN_PERM, \
			  .internal_flags = SG_NEEDS_STATE }
#define SG_CFG_OP(c, fn) { .cmd = SIPGUARD_CMD_##c, .doit = fn, .flags = GENL_UNS_ADMIN_PERM }
#define SG_DUMP(c, fn)	{ .cmd = SIPGUARD_CMD_##c, .dumpit = fn, .flags = GENL_UNS_ADMIN_PERM }

static const struct genl_small_ops sg_ops[] = {
	SG_CFG_OP(CONFIG_GET, sg_nl_config_get),
	SG_CFG_OP(CONFIG_SET, sg_nl_config_set),
	SG_OP(PREFIX_ADD, sg_nl_prefix_add),
	SG_OP(PREFIX_DEL, sg_nl_prefix_del),
	SG_OP(PREFIX_FLUSH, sg_nl_prefix_flush),
	SG_DUMP(PREFIX_GET, sg_nl_prefix_dump),
	SG_OP(PATTERN_ADD, sg_nl_pattern_add),
	SG_OP(PATTERN_DEL, sg_nl_pattern_del),
	SG_OP(PATTERN_FLUSH, sg_nl_pattern_flush),
	SG_DUMP(PATTERN_GET, sg_nl_pattern_dump),
	SG_OP(BAN_ADD, sg_nl_ban_add),
	SG_OP(BAN_DEL, sg_nl_ban_del),
	SG_OP(BAN_FLUSH, sg_nl_ban_flush),
	SG_DUMP(BAN_GET, sg_nl_ban_dump),
	SG_OP(STATS_GET, sg_nl_stats_get),
	SG_OP(STATS_RESET, sg_nl_stats_reset),
};

struct genl_family sg_family __ro_after_init = {
	.name		= SIPGUARD_GENL_NAME,
	.version	= SIPGUARD_GENL_VERSION,
	.maxattr	= SIPGUARD_A_MAX,
	.policy		= sg_policy,
	.netnsok	= true,
	/* the per-netns sn->lock serialises what needs it: a long rebuild
	 * in one netns holds no other family's genl_mutex */
	.parallel_ops	= true,
	.pre_doit	= sg_pre_doit,
	.module		= THIS_MODULE,
	.small_ops	= sg_ops,
	.n_small_ops	= ARRAY_SIZE(sg_ops),
	.mcgrps		= sg_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(sg_mcgrps),
};

int __init sg_netlink_init(void)
{
	int err = genl_register_family(&sg_family);

	if (!err)
		WRITE_ONCE(sg_events_on, true);
	return err;
}

void sg_netlink_exit(void)
{
	WRITE_ONCE(sg_events_on, false);
	synchronize_net();	/* no hook is sending an event any more */
	genl_unregister_family(&sg_family);
}
