/* SPDX-License-Identifier: GPL-2.0 */
/* Matcher vectors shared by the KUnit suite and the userspace tests. */
#ifndef _SG_ACM_VECTORS_H
#define _SG_ACM_VECTORS_H

struct sg_acm_vec {
	const char *text;
	u8 field;
	const char *want;	/* the default pattern found, or NULL */
};

#define FROM_HDR	(SG_FIELD_FROM | SG_FIELD_HEADER)
#define UA_HDR		(SG_FIELD_UA | SG_FIELD_HEADER)
static const struct sg_acm_vec sg_acm_vecs[] = {
	{ "friendly-scanner", UA_HDR, "friendly-scanner" },
	{ "FRIENDLY-SCANNER", UA_HDR, "friendly-scanner" },
	{ "x friendly-scanner/1.0", UA_HDR, "friendly-scanner" },
	{ "\"friendly-scanner\" <sip:100@h>", SG_FIELD_HEADER, "friendly-scanner" },
	/* folded inside the word: unfolded, it is the signature */
	{ "friendly-\r\n scanner", UA_HDR, "friendly-scanner" },
	{ "friendly\r\n\t-scanner", UA_HDR, "friendly-scanner" },
	/* a plain blank inside is another word */
	{ "friendly- scanner", UA_HDR, NULL },
	{ "Friendly Scanner Desk", UA_HDR, NULL },
	{ "sipcli/v1.8", UA_HDR, "sipcli" },
	{ "MySIPClient 2.0", UA_HDR, NULL },		/* not a word */
	{ "sipclient", UA_HDR, NULL },
	{ "xsipcli", UA_HDR, NULL },
	{ "\"sipvicious\"<sip:100@1.1.1.1>;tag=6236", FROM_HDR, "\"sipvicious\"" },
	{ "\"SIP Vicious\" <sip:2001@example.com>;tag=1", FROM_HDR, NULL },
	{ "<sip:002@demo.sipvicious.pro>;tag=ZB1f", FROM_HDR, NULL },
	{ "<sip:100@1.1.1.10>;tag=1", FROM_HDR, NULL },
	{ "<sip:100@11.1.1.1>;tag=1", FROM_HDR, NULL },
	{ "\"Nmap NSE\" <sip:user@192.0.2.1>;tag=1", FROM_HDR, "Nmap NSE" },
	{ "\"Nmap\r\n NSE\" <sip:user@192.0.2.1>;tag=1", FROM_HDR, "Nmap NSE" },
	{ "\"Nmap Nsenga\" <sip:n@h>;tag=1", FROM_HDR, NULL },
	{ "Mozilla\r\n VaxSIPUserAgent/3.1", UA_HDR, "VaxSIPUserAgent" },
	{ "Hacker", UA_HDR, "Hacker" },
	{ "Hackerspace Phone 1.0", UA_HDR, NULL },
	{ "Linphone/3.6.1 (belle-sip/1.2.4)", UA_HDR, NULL },
	{ "sipvicious", SG_FIELD_UA, NULL },		/* From only */
	{ "", UA_HDR, NULL },
};
#undef FROM_HDR
#undef UA_HDR

/* The index of v->want in sg_default_scanners, or -1. */
static inline int sg_acm_vec_want(const struct sg_acm_vec *v)
{
	u32 i;

	for (i = 0; v->want && i < sg_default_nscanners; i++)
		if (strlen(v->want) == sg_default_scanners[i].len &&
		    !memcmp(v->want, sg_default_scanners[i].str, sg_default_scanners[i].len))
			return (int)i;
	return -1;
}

#endif /* _SG_ACM_VECTORS_H */
