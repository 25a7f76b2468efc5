/* SPDX-License-Identifier: GPL-2.0 */
/* Matcher vectors shared by the KUnit suite and the userspace tests. */
#ifndef _SG_ACM_VECTORS_H
#define _SG_ACM_VECTORS_H

struct sg_acm_vec {
	const char *text;
	u8 field;
	int want;		/* index in sg_default_scanners, or -1 */
	const char *want_pat;	/* its text, to check the index */
};

static const struct sg_acm_vec sg_acm_vecs[] = {
	{ "friendly-scanner", SG_FIELD_UA, 0, "friendly-scanner" },
	{ "FRIENDLY-SCANNER", SG_FIELD_UA, 0, "friendly-scanner" },
	{ "x friendly-scanner/1.0", SG_FIELD_UA, 0, "friendly-scanner" },
	{ "sipcli/v1.8", SG_FIELD_UA, 2, "sipcli" },
	{ "MySIPClient 2.0", SG_FIELD_UA, -1, NULL },		/* not a word */
	{ "sipclient", SG_FIELD_UA, -1, NULL },
	{ "xsipcli", SG_FIELD_UA, -1, NULL },
	{ "sipvicious", SG_FIELD_FROM_NAME, 1, "sipvicious" },
	{ "friendly-scanner", SG_FIELD_FROM_NAME, -1, NULL },	/* UA only */
	{ "Mozilla\r\n VaxSIPUserAgent/3.1", SG_FIELD_UA, 5, "vaxsipuseragent" },
	{ "iWar", SG_FIELD_UA, 7, "iwar" },
	{ "Ziwarm", SG_FIELD_UA, -1, NULL },
	{ "smap 0.6", SG_FIELD_UA, 10, "smap" },
	{ "bitsmap", SG_FIELD_UA, -1, NULL },
	{ "Linphone/3.6.1 (belle-sip/1.2.4)", SG_FIELD_UA, -1, NULL },
	{ "", SG_FIELD_UA, -1, NULL },
};

#endif /* _SG_ACM_VECTORS_H */
