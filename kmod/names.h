/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of what uapi/linux/sipguard.h numbers, shared by the module's
 * counters and log lines and by sipguardctl, so both print the same words
 * and the tool parses the words it prints.
 */
#ifndef _SG_NAMES_H
#define _SG_NAMES_H

#include <linux/sipguard.h>

static const char *const sg_reason_names[__SIPGUARD_REASON_MAX] __attribute__((unused)) = {
	[SIPGUARD_REASON_DENY]		= "deny",
	[SIPGUARD_REASON_BANNED]	= "banned",
	[SIPGUARD_REASON_MALFORMED]	= "malformed",
	[SIPGUARD_REASON_METHOD]	= "method",
	[SIPGUARD_REASON_SCANNER]	= "scanner",
	[SIPGUARD_REASON_INJECTION]	= "injection",
	[SIPGUARD_REASON_RATE]		= "rate",
	[SIPGUARD_REASON_REFLECTION]	= "reflection",
	[SIPGUARD_REASON_STREAM]	= "stream",
	[SIPGUARD_REASON_ORIGIN]	= "origin",
};

static const char *const sg_stat_names[__SIPGUARD_STAT_MAX] __attribute__((unused)) = {
	[SIPGUARD_STAT_PACKETS]		= "packets",
	[SIPGUARD_STAT_SIP_PACKETS]	= "sip_packets",
	[SIPGUARD_STAT_SIP_BYTES]	= "sip_bytes",
	[SIPGUARD_STAT_ACCEPTED]	= "accepted",
	[SIPGUARD_STAT_REQUESTS]	= "requests",
	[SIPGUARD_STAT_RESPONSES]	= "responses",
	[SIPGUARD_STAT_KEEPALIVES]	= "keepalives",
	[SIPGUARD_STAT_TRUSTED]		= "trusted",
	[SIPGUARD_STAT_BANS]		= "bans",
	[SIPGUARD_STAT_SOURCES_FULL]	= "sources_full",
	[SIPGUARD_STAT_PASSED]		= "passed",
	[SIPGUARD_STAT_TCP_MESSAGES]	= "tcp_messages",
	[SIPGUARD_STAT_TCP_FLOWS_NEW]	= "tcp_flows_new",
	[SIPGUARD_STAT_TCP_FLOWS_FULL]	= "tcp_flows_full",
	[SIPGUARD_STAT_TCP_OUT_OF_ORDER] = "tcp_out_of_order",
	[SIPGUARD_STAT_TCP_OVERLAP]	= "tcp_overlap",
	[SIPGUARD_STAT_TCP_HELD_FULL]	= "tcp_held_full",
	[SIPGUARD_STAT_TCP_BLOCKED]	= "tcp_blocked",
	[SIPGUARD_STAT_TCP_OPAQUE]	= "tcp_opaque",
	[SIPGUARD_STAT_TCP_INVALID]	= "tcp_invalid",
	[SIPGUARD_STAT_TCP_FIRST_CUT]	= "tcp_first_cut",
	[SIPGUARD_STAT_TCP_UNVERIFIED]	= "tcp_unverified",
	[SIPGUARD_STAT_SOURCES]		= "sources",
	[SIPGUARD_STAT_TCP_FLOWS]	= "tcp_flows",
	[SIPGUARD_STAT_TCP_HELD]	= "tcp_held",
	[SIPGUARD_STAT_AUTH_FAILURES]	= "auth_failures",
	[SIPGUARD_STAT_UNKNOWN_TARGETS]	= "unknown_targets",
	[SIPGUARD_STAT_SOURCES_EVICTED]	= "sources_evicted",
	[SIPGUARD_STAT_BANS_FULL]	= "bans_full",
	[SIPGUARD_STAT_BANS_ACTIVE]	= "bans_active",
	[SIPGUARD_STAT_SOURCES_AGGREGATED] = "sources_aggregated",
	[SIPGUARD_STAT_BAN_ENTRIES]	= "ban_entries",
};

static const char *const sg_class_names[__SIPGUARD_CLASS_MAX] __attribute__((unused)) = {
	[SIPGUARD_CLASS_REGISTER]	= "register",
	[SIPGUARD_CLASS_INVITE]		= "invite",
	[SIPGUARD_CLASS_OPTIONS]	= "options",
	[SIPGUARD_CLASS_OTHER]		= "other",
	[SIPGUARD_CLASS_REFLECT]	= "reflect",
};

static const char *const sg_set_names[__SIPGUARD_SET_MAX] __attribute__((unused)) = {
	[SIPGUARD_SET_ALLOW]		= "allow",
	[SIPGUARD_SET_DENY]		= "deny",
	[SIPGUARD_SET_REGISTER]		= "register",
	[SIPGUARD_SET_INVITE]		= "invite",
	[SIPGUARD_SET_OPTIONS]		= "options",
	[SIPGUARD_SET_OTHER]		= "other",
};

static const char *const sg_mode_names[__SIPGUARD_MODE_MAX] __attribute__((unused)) = {
	[SIPGUARD_MODE_ENFORCE]		= "enforce",
	[SIPGUARD_MODE_MONITOR]		= "monitor",
};

static const char *const sg_action_names[__SIPGUARD_ACTION_MAX] __attribute__((unused)) = {
	[SIPGUARD_ACTION_DROP]		= "drop",
	[SIPGUARD_ACTION_LOG]		= "log",
};

static const char *const sg_event_names[__SIPGUARD_EVENT_MAX] __attribute__((unused)) = {
	[SIPGUARD_EVENT_BAN_ADDED]	= "ban",
	[SIPGUARD_EVENT_BAN_LIFTED]	= "lifted",
	[SIPGUARD_EVENT_BAN_EXPIRED]	= "expired",
};

static inline const char *sg_reason_name(unsigned int reason)
{
	return reason < __SIPGUARD_REASON_MAX ? sg_reason_names[reason] : "unknown";
}

#endif /* _SG_NAMES_H */
