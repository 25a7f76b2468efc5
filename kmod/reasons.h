/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of the drop reasons of uapi/linux/sipguard.h, shared by the module's
 * counters and log lines and by sipguardctl, so both print the same words.
 */
#ifndef _SG_REASONS_H
#define _SG_REASONS_H

#include <linux/sipguard.h>

static const char *const sg_reason_names[__SIPGUARD_REASON_MAX] = {
	[SIPGUARD_REASON_DENY]		= "deny",
	[SIPGUARD_REASON_BANNED]	= "banned",
	[SIPGUARD_REASON_MALFORMED]	= "malformed",
	[SIPGUARD_REASON_METHOD]	= "method",
	[SIPGUARD_REASON_SCANNER]	= "scanner",
	[SIPGUARD_REASON_INJECTION]	= "injection",
	[SIPGUARD_REASON_RATE]		= "rate",
	[SIPGUARD_REASON_REFLECTION]	= "reflection",
};

static inline const char *sg_reason_name(unsigned int reason)
{
	return reason < __SIPGUARD_REASON_MAX ? sg_reason_names[reason] : "unknown";
}

#endif /* _SG_REASONS_H */
