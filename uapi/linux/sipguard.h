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
	__SIPGUARD_REASON_MAX
};
#define SIPGUARD_REASON_MAX (__SIPGUARD_REASON_MAX - 1)

#endif /* _UAPI_LINUX_SIPGUARD_H */
