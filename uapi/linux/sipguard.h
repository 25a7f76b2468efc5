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

#endif /* _UAPI_LINUX_SIPGUARD_H */
