/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * sipguard: the ABI shared by the kernel module and its userspace tools.
 *
 * Everything numbered here is ABI: values are only ever appended before the
 * __*_MAX sentinels, never renumbered.
 */
#ifndef _UAPI_LINUX_SIPGUARD_H
#define _UAPI_LINUX_SIPGUARD_H

#define SIPGUARD_GENL_NAME	"sipguard"
#define SIPGUARD_GENL_VERSION	1

/*
 * Why a packet was (or, in monitor mode, would have been) dropped.
 * /proc/net/sipguard/stats prints each as "drop_<name>", the name being the
 * lower-case suffix of the enumerator, as sipguard_reason_name() gives it.
 */
enum sipguard_reason {
	SIPGUARD_REASON_DENY,		/* source in the deny set */
	SIPGUARD_REASON_BANNED,		/* source banned after repeated offences */
	SIPGUARD_REASON_MALFORMED,	/* framing or syntax outside RFC 3261 */
	SIPGUARD_REASON_METHOD,		/* method not in the allow set */
	SIPGUARD_REASON_SCANNER,	/* signature of a scanning tool */
	SIPGUARD_REASON_INJECTION,	/* SQL or markup injection in a header */
	SIPGUARD_REASON_RATE,		/* per-source or global rate exceeded */
	SIPGUARD_REASON_REFLECTION,	/* error response held back on output */
	SIPGUARD_REASON_STREAM,		/* TCP segment out of its stream's order or room */
	SIPGUARD_REASON_ORIGIN,		/* request of a class not accepted from this source */
	__SIPGUARD_REASON_MAX
};
#define SIPGUARD_REASON_MAX (__SIPGUARD_REASON_MAX - 1)

/*
 * Request methods sipguard knows by name; any other syntactically valid
 * method (RFC 3261 token, e.g. RFC 4475's "!interesting-Method") is
 * SIPGUARD_METHOD_UNKNOWN. A method allow set is a bitmap of these.
 */
enum sipguard_method {
	SIPGUARD_METHOD_UNKNOWN,
	SIPGUARD_METHOD_INVITE,
	SIPGUARD_METHOD_ACK,
	SIPGUARD_METHOD_BYE,
	SIPGUARD_METHOD_CANCEL,
	SIPGUARD_METHOD_REGISTER,
	SIPGUARD_METHOD_OPTIONS,
	SIPGUARD_METHOD_PRACK,
	SIPGUARD_METHOD_SUBSCRIBE,
	SIPGUARD_METHOD_NOTIFY,
	SIPGUARD_METHOD_PUBLISH,
	SIPGUARD_METHOD_INFO,
	SIPGUARD_METHOD_REFER,
	SIPGUARD_METHOD_MESSAGE,
	SIPGUARD_METHOD_UPDATE,
	__SIPGUARD_METHOD_MAX
};
#define SIPGUARD_METHOD_MAX (__SIPGUARD_METHOD_MAX - 1)

/* Every method, extensions included (the default), or only the standard ones. */
#define SIPGUARD_METHODS_ALL	((1U << __SIPGUARD_METHOD_MAX) - 1)
#define SIPGUARD_METHODS_STRICT	(SIPGUARD_METHODS_ALL & ~(1U << SIPGUARD_METHOD_UNKNOWN))

/*
 * The generic-netlink family. Every command needs CAP_NET_ADMIN in the
 * user namespace owning the netns (reads too: they reveal the policy).
 * Commands act on the caller's network namespace.
 */
enum sipguard_cmd {
	SIPGUARD_CMD_UNSPEC,
	SIPGUARD_CMD_CONFIG_GET,	/* reply: SIPGUARD_A_CONFIG */
	SIPGUARD_CMD_CONFIG_SET,	/* SIPGUARD_A_CONFIG: what it holds changes */
	SIPGUARD_CMD_PREFIX_ADD,	/* SIPGUARD_A_SET, one or more SIPGUARD_A_PREFIX;
				 * with SIPGUARD_A_REPLACE one already there takes
				 * the new expiry and comment (else -EEXIST) */
	SIPGUARD_CMD_PREFIX_DEL,	/* the same; each must be in the set */
	SIPGUARD_CMD_PREFIX_FLUSH,	/* SIPGUARD_A_SET */
	SIPGUARD_CMD_PREFIX_GET,	/* dump, SIPGUARD_A_SET: a SIPGUARD_A_PREFIX each */
	SIPGUARD_CMD_PATTERN_ADD,	/* one or more SIPGUARD_A_PATTERN */
	SIPGUARD_CMD_PATTERN_DEL,	/* the same, by string */
	SIPGUARD_CMD_PATTERN_FLUSH,
	SIPGUARD_CMD_PATTERN_GET,	/* dump: a SIPGUARD_A_PATTERN each, with hits */
	SIPGUARD_CMD_BAN_ADD,		/* SIPGUARD_A_BAN: address, duration */
	SIPGUARD_CMD_BAN_DEL,		/* SIPGUARD_A_BAN: address; lifts the ban */
	SIPGUARD_CMD_BAN_FLUSH,		/* lifts every ban */
	SIPGUARD_CMD_BAN_GET,		/* dump: a SIPGUARD_A_BAN per banned source */
	SIPGUARD_CMD_STATS_GET,		/* reply: SIPGUARD_A_STATS, SIPGUARD_A_DROPS */
	SIPGUARD_CMD_STATS_RESET,
	SIPGUARD_CMD_BAN_NTF,		/* event: SIPGUARD_A_EVENT, SIPGUARD_A_BAN */
	SIPGUARD_CMD_DROP_NTF,		/* event: SIPGUARD_A_DROP, a sample */
	__SIPGUARD_CMD_MAX
};
#define SIPGUARD_CMD_MAX (__SIPGUARD_CMD_MAX - 1)

/* The multicast group of ban and drop events (admins only). */
#define SIPGUARD_MCGRP_EVENTS	"events"

enum sipguard_attr {
	SIPGUARD_A_UNSPEC,
	SIPGUARD_A_PAD,
	SIPGUARD_A_CONFIG,		/* nest: enum sipguard_config_attr */
	SIPGUARD_A_SET,			/* u8: enum sipguard_set */
	SIPGUARD_A_PREFIX,		/* nest: enum sipguard_prefix_attr */
	SIPGUARD_A_PATTERN,		/* nest: enum sipguard_pattern_attr */
	SIPGUARD_A_BAN,			/* nest: enum sipguard_ban_attr */
	SIPGUARD_A_STATS,		/* nest: u64 per enum sipguard_stat, type = stat + 1 */
	SIPGUARD_A_DROPS,		/* nest: u64 per enum sipguard_reason, type = reason + 1 */
	SIPGUARD_A_EVENT,		/* u8: enum sipguard_event */
	SIPGUARD_A_DROP,		/* nest: enum sipguard_drop_attr */
	SIPGUARD_A_REPLACE,		/* flag, PREFIX_ADD: replace what is there */
	__SIPGUARD_A_MAX
};
#define SIPGUARD_A_MAX (__SIPGUARD_A_MAX - 1)

enum sipguard_set {
	SIPGUARD_SET_ALLOW,		/* trusted sources */
	SIPGUARD_SET_DENY,		/* dropped before any parsing */
	/* the sources each class of requests is accepted from (empty: any),
	 * numbered as enum sipguard_class from SIPGUARD_SET_REGISTER */
	SIPGUARD_SET_REGISTER,
	SIPGUARD_SET_INVITE,
	SIPGUARD_SET_OPTIONS,
	SIPGUARD_SET_OTHER,
	__SIPGUARD_SET_MAX
};
#define SIPGUARD_SET_MAX (__SIPGUARD_SET_MAX - 1)

enum sipguard_mode {
	SIPGUARD_MODE_ENFORCE,		/* drops drop */
	SIPGUARD_MODE_MONITOR,		/* drops are counted and sent as events; packets pass */
	__SIPGUARD_MODE_MAX
};
#define SIPGUARD_MODE_MAX (__SIPGUARD_MODE_MAX - 1)

/* What a drop reason does (per reason; monitor mode makes every one LOG). */
enum sipguard_action {
	SIPGUARD_ACTION_DROP,
	SIPGUARD_ACTION_LOG,		/* count, log, event; the packet passes */
	__SIPGUARD_ACTION_MAX
};
#define SIPGUARD_ACTION_MAX (__SIPGUARD_ACTION_MAX - 1)

/* The classes of the token buckets. */
enum sipguard_class {
	SIPGUARD_CLASS_REGISTER,
	SIPGUARD_CLASS_INVITE,
	SIPGUARD_CLASS_OPTIONS,
	SIPGUARD_CLASS_OTHER,		/* every other request */
	SIPGUARD_CLASS_REFLECT,		/* error responses sent to one address (per source only) */
	__SIPGUARD_CLASS_MAX
};
#define SIPGUARD_CLASS_MAX (__SIPGUARD_CLASS_MAX - 1)

enum sipguard_config_attr {
	SIPGUARD_CONFIG_A_UNSPEC,
	SIPGUARD_CONFIG_A_MODE,		/* u8: enum sipguard_mode */
	SIPGUARD_CONFIG_A_PORTS,	/* nest: SIPGUARD_PORTS_A_RANGE, repeated */
	SIPGUARD_CONFIG_A_METHODS,	/* u32: allowed, 1 << enum sipguard_method */
	SIPGUARD_CONFIG_A_TRUSTED_CHECKS, /* u8: 1: every check on trusted sources */
	SIPGUARD_CONFIG_A_RATES,	/* nest: SIPGUARD_RATE_A_* per class, type = class + 1 */
	SIPGUARD_CONFIG_A_GLOBAL_RATES,	/* the same, request classes only */
	SIPGUARD_CONFIG_A_BAN_THRESHOLD, /* u32: offences within the window */
	SIPGUARD_CONFIG_A_BAN_WINDOW,	/* u32: seconds */
	SIPGUARD_CONFIG_A_BAN_TIME,	/* u32: seconds of a first ban */
	SIPGUARD_CONFIG_A_BAN_MAX,	/* u32: seconds, the longest ban */
	SIPGUARD_CONFIG_A_BAN_FORGET,	/* u32: seconds a ban is remembered */
	SIPGUARD_CONFIG_A_IPV6_PREFIX,	/* u8: IPv6 sources keyed by /N */
	SIPGUARD_CONFIG_A_MAX_MESSAGE,	/* u32: bytes in a message */
	SIPGUARD_CONFIG_A_MAX_LINE,	/* u32: bytes in a header line */
	SIPGUARD_CONFIG_A_MAX_HEADERS,	/* u32: header fields in a message */
	SIPGUARD_CONFIG_A_ACTIONS,	/* nest: u8 enum sipguard_action per reason, type = reason + 1 */
	SIPGUARD_CONFIG_A_MAX_SOURCES,	/* u32, read-only: the module parameter */
	SIPGUARD_CONFIG_A_METHOD_CASE,	/* u8: 0 strict (a known method in another
					 * case is dropped), 1 any (it is that method) */
	SIPGUARD_CONFIG_A_TCP_FLOWS,	/* u32: TCP connections followed, 0-2^24 (0: none) */
	SIPGUARD_CONFIG_A_TCP_BUFFER,	/* u64: bytes TCP flows may hold, at least 65536 */
	/* offences read from the server's answers (0 threshold: no ban) */
	SIPGUARD_CONFIG_A_AUTH_THRESHOLD, /* u32: authentication failures that ban */
	SIPGUARD_CONFIG_A_AUTH_WINDOW,	/* u32: seconds they are counted in */
	SIPGUARD_CONFIG_A_UNKNOWN_THRESHOLD, /* u32: answers "no such target" that ban */
	SIPGUARD_CONFIG_A_UNKNOWN_WINDOW, /* u32: seconds */
	SIPGUARD_CONFIG_A_IPV6_AGGREGATE, /* u8: IPv6 /N taken together (0: never) */
	SIPGUARD_CONFIG_A_IPV6_SPREAD,	/* u32: new sources a minute in one /N before it
					 * is limited as one source (0: never) */
	SIPGUARD_CONFIG_A_ENABLED,	/* u8: 1 inspect in this netns, 0 not. A netns
					 * other than the initial one (module parameter
					 * all_netns=N) has no state until a CONFIG_SET
					 * carries it; CONFIG_GET there shows the defaults */
	__SIPGUARD_CONFIG_A_MAX
};
#define SIPGUARD_CONFIG_A_MAX (__SIPGUARD_CONFIG_A_MAX - 1)

enum sipguard_ports_attr {
	SIPGUARD_PORTS_A_UNSPEC,
	SIPGUARD_PORTS_A_RANGE,		/* nest: SIPGUARD_RANGE_A_FIRST, _LAST */
	__SIPGUARD_PORTS_A_MAX
};
#define SIPGUARD_PORTS_A_MAX (__SIPGUARD_PORTS_A_MAX - 1)

enum sipguard_range_attr {
	SIPGUARD_RANGE_A_UNSPEC,
	SIPGUARD_RANGE_A_FIRST,		/* u16 */
	SIPGUARD_RANGE_A_LAST,		/* u16, at least FIRST */
	__SIPGUARD_RANGE_A_MAX
};
#define SIPGUARD_RANGE_A_MAX (__SIPGUARD_RANGE_A_MAX - 1)

enum sipguard_rate_attr {
	SIPGUARD_RATE_A_UNSPEC,
	SIPGUARD_RATE_A_RATE,		/* u32: packets per second */
	SIPGUARD_RATE_A_BURST,		/* u32: packets */
	__SIPGUARD_RATE_A_MAX
};
#define SIPGUARD_RATE_A_MAX (__SIPGUARD_RATE_A_MAX - 1)

#define SIPGUARD_COMMENT_MAX	64	/* bytes, with the NUL */
#define SIPGUARD_PORT_RANGES_MAX 256	/* ranges of adjacent ports in SIPGUARD_CONFIG_A_PORTS */
#define SIPGUARD_PATTERN_MAX	128	/* bytes, without a NUL */

enum sipguard_prefix_attr {
	SIPGUARD_PREFIX_A_UNSPEC,
	SIPGUARD_PREFIX_A_ADDR,		/* 4 or 16 bytes, network order; host bits zero */
	SIPGUARD_PREFIX_A_LEN,		/* u8: 0-32 or 0-128 */
	SIPGUARD_PREFIX_A_EXPIRES,	/* u32: seconds left; absent: never */
	SIPGUARD_PREFIX_A_COMMENT,	/* string */
	__SIPGUARD_PREFIX_A_MAX
};
#define SIPGUARD_PREFIX_A_MAX (__SIPGUARD_PREFIX_A_MAX - 1)

/* Where a pattern is looked for; values are read unfolded and without
 * blanks, so "Nmap NSE" is found in "nmapNSE" and in a fold between. */
#define SIPGUARD_FIELD_UA		0x01	/* the User-Agent or Server value */
#define SIPGUARD_FIELD_FROM		0x02	/* the From value (display name, URI, tag) */
#define SIPGUARD_FIELD_FROM_NAME	SIPGUARD_FIELD_FROM	/* its old name */
#define SIPGUARD_FIELD_TO		0x04	/* the To value */
#define SIPGUARD_FIELD_CONTACT		0x08	/* the Contact value */
#define SIPGUARD_FIELD_HEADER		0x10	/* any header value, the Request-URI */
#define SIPGUARD_FIELD_SDP		0x20	/* an SDP s= or o= line */
#define SIPGUARD_FIELD_ALL		0x3f
/* How it must sit in the text. */
#define SIPGUARD_MATCH_WORD		0x01	/* between non-alphanumerics */
#define SIPGUARD_MATCH_WORD_START	0x02	/* after a non-alphanumeric */

enum sipguard_pattern_attr {
	SIPGUARD_PATTERN_A_UNSPEC,
	SIPGUARD_PATTERN_A_STRING,	/* binary, 1-SIPGUARD_PATTERN_MAX bytes, matched without case */
	SIPGUARD_PATTERN_A_FIELDS,	/* u8: SIPGUARD_FIELD_* (default: User-Agent) */
	SIPGUARD_PATTERN_A_MATCH,	/* u8: SIPGUARD_MATCH_* (default: 0, substring) */
	SIPGUARD_PATTERN_A_HITS,	/* u64, dumps: packets it dropped */
	__SIPGUARD_PATTERN_A_MAX
};
#define SIPGUARD_PATTERN_A_MAX (__SIPGUARD_PATTERN_A_MAX - 1)

enum sipguard_ban_attr {
	SIPGUARD_BAN_A_UNSPEC,
	SIPGUARD_BAN_A_ADDR,		/* 4 or 16 bytes; IPv6: keyed by its /LEN */
	SIPGUARD_BAN_A_LEN,		/* u8, replies: the key's prefix length */
	SIPGUARD_BAN_A_DURATION,	/* u32: seconds (add: the ban's length) */
	SIPGUARD_BAN_A_REMAINING,	/* u32: seconds left, replies */
	SIPGUARD_BAN_A_COUNT,		/* u32: bans remembered for the doubling */
	SIPGUARD_BAN_A_OFFENCES,	/* u32: in the current window */
	__SIPGUARD_BAN_A_MAX
};
#define SIPGUARD_BAN_A_MAX (__SIPGUARD_BAN_A_MAX - 1)

enum sipguard_event {
	SIPGUARD_EVENT_BAN_ADDED,
	SIPGUARD_EVENT_BAN_LIFTED,	/* by an admin */
	SIPGUARD_EVENT_BAN_EXPIRED,
	__SIPGUARD_EVENT_MAX
};
#define SIPGUARD_EVENT_MAX (__SIPGUARD_EVENT_MAX - 1)

enum sipguard_drop_attr {
	SIPGUARD_DROP_A_UNSPEC,
	SIPGUARD_DROP_A_REASON,		/* u8: enum sipguard_reason */
	SIPGUARD_DROP_A_ADDR,		/* 4 or 16 bytes: the source (reflection: destination) */
	SIPGUARD_DROP_A_METHOD,		/* u8: enum sipguard_method, requests */
	SIPGUARD_DROP_A_DETAIL,		/* string: what was found where */
	SIPGUARD_DROP_A_EXCERPT,	/* string: the offending bytes, sanitised */
	SIPGUARD_DROP_A_PASSED,		/* flag: monitor mode or action log: not dropped */
	SIPGUARD_DROP_A_SUPPRESSED,	/* u32: samples not sent since the last one */
	__SIPGUARD_DROP_A_MAX
};
#define SIPGUARD_DROP_A_MAX (__SIPGUARD_DROP_A_MAX - 1)

/* Counters of SIPGUARD_A_STATS, also /proc/net/sipguard/stats. */
enum sipguard_stat {
	SIPGUARD_STAT_PACKETS,		/* every packet the hooks saw */
	SIPGUARD_STAT_SIP_PACKETS,	/* UDP or TCP to a SIP port */
	SIPGUARD_STAT_SIP_BYTES,	/* their transport payload, after reassembly */
	SIPGUARD_STAT_ACCEPTED,		/* SIP packets let through */
	SIPGUARD_STAT_REQUESTS,		/* requests, accepted or dropped */
	SIPGUARD_STAT_RESPONSES,	/* responses */
	SIPGUARD_STAT_KEEPALIVES,	/* CRLF keepalives and STUN */
	SIPGUARD_STAT_TRUSTED,		/* SIP packets from trusted sources */
	SIPGUARD_STAT_BANS,		/* bans started */
	SIPGUARD_STAT_SOURCES_FULL,	/* new sources not tracked: table full */
	SIPGUARD_STAT_PASSED,		/* drop decisions not enforced (monitor, log) */
	SIPGUARD_STAT_TCP_MESSAGES,	/* messages framed out of TCP streams */
	SIPGUARD_STAT_TCP_FLOWS_NEW,	/* TCP flows followed */
	SIPGUARD_STAT_TCP_FLOWS_FULL,	/* data of new flows dropped: table full */
	SIPGUARD_STAT_TCP_OUT_OF_ORDER,	/* segments past the next byte expected, dropped */
	SIPGUARD_STAT_TCP_OVERLAP,	/* retransmissions with other bytes: flow blocked */
	SIPGUARD_STAT_TCP_HELD_FULL,	/* segments dropped: flow or netns buffer full */
	SIPGUARD_STAT_TCP_BLOCKED,	/* data segments of blocked flows dropped */
	SIPGUARD_STAT_TCP_OPAQUE,	/* flows to 5061 starting with TLS: not inspected */
	SIPGUARD_STAT_TCP_INVALID,	/* data segments the stack discards or reads otherwise
					 * (bad checksum, no or bad ACK, urgent data): dropped */
	SIPGUARD_STAT_TCP_FIRST_CUT,	/* a connection's first data (SYN cookies, Fast Open)
					 * ending inside a message: dropped */
	SIPGUARD_STAT_TCP_UNVERIFIED,	/* retransmissions over bytes let go before the
					 * socket took them: dropped */
	SIPGUARD_STAT_SOURCES,		/* sources tracked now (a gauge) */
	SIPGUARD_STAT_TCP_FLOWS,	/* TCP flows followed now (a gauge) */
	SIPGUARD_STAT_TCP_HELD,		/* bytes of TCP flow buffers now (a gauge) */
	SIPGUARD_STAT_AUTH_FAILURES,	/* 401/407/403 to credentials, sent to untrusted sources */
	SIPGUARD_STAT_UNKNOWN_TARGETS,	/* 404/484/604 to requests without credentials from
					 * untrusted sources */
	SIPGUARD_STAT_SOURCES_EVICTED,	/* entries evicted to make room for a new source */
	SIPGUARD_STAT_BANS_FULL,	/* bans in force ended early: the ban table was full of them */
	SIPGUARD_STAT_BANS_ACTIVE,	/* bans in force now (a gauge) */
	SIPGUARD_STAT_SOURCES_AGGREGATED, /* IPv6 aggregates limited as one source */
	SIPGUARD_STAT_BAN_ENTRIES,	/* entries in the ban table now: bans in force and
					 * records of ended ones (a gauge) */
	__SIPGUARD_STAT_MAX
};
#define SIPGUARD_STAT_MAX (__SIPGUARD_STAT_MAX - 1)

#endif /* _UAPI_LINUX_SIPGUARD_H */
