/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Injection vectors shared by the KUnit suite and the userspace tests:
 * attacks that must be found, and lookalikes from real SIP traffic that
 * must not be.
 */
#ifndef _SG_INJECT_VECTORS_H
#define _SG_INJECT_VECTORS_H

struct sg_inject_vec {
	const char *in;
	enum sg_inject want;
};

static const struct sg_inject_vec sg_inject_vecs[] = {
	/* SQL */
	{ "hi'or'x'='x';", SG_INJECT_SQL_TAUTOLOGY },
	{ "<sip:hi'or'x'='x';@203.0.113.66>", SG_INJECT_SQL_TAUTOLOGY },
	{ "' or 1=1--", SG_INJECT_SQL_TAUTOLOGY },
	{ "x' OR 'a'='a", SG_INJECT_SQL_TAUTOLOGY },
	{ "1' AND '1'='1", SG_INJECT_SQL_TAUTOLOGY },
	{ "'or''='", SG_INJECT_SQL_TAUTOLOGY },
	{ "x') or ('x'='x", SG_INJECT_SQL_TAUTOLOGY },
	{ "' || 'a'='a", SG_INJECT_SQL_TAUTOLOGY },
	{ "100 or 1=1", SG_INJECT_SQL_TAUTOLOGY },
	{ "%27%20or%201%3D1--", SG_INJECT_SQL_TAUTOLOGY },
	{ "x'\r\n or 'a'='a", SG_INJECT_SQL_TAUTOLOGY },
	{ "admin'--", SG_INJECT_SQL_COMMENT },
	{ "admin' #", SG_INJECT_SQL_COMMENT },
	{ "x' /* c */", SG_INJECT_SQL_COMMENT },
	{ "' UNION SELECT password FROM users--", SG_INJECT_SQL_UNION },
	{ "1 union all select null,null", SG_INJECT_SQL_UNION },
	{ "x union select username from users", SG_INJECT_SQL_UNION },
	{ "x; DROP TABLE users", SG_INJECT_SQL_STACKED },
	{ "1;delete from cdr", SG_INJECT_SQL_STACKED },
	{ "a'; insert into users values(1)--", SG_INJECT_SQL_STACKED },
	{ "x;shutdown", SG_INJECT_SQL_STACKED },
	{ "x; exec xp_cmdshell", SG_INJECT_SQL_STACKED },
	{ "1; update users set pw=1", SG_INJECT_SQL_STACKED },
	{ "1; select pw from users", SG_INJECT_SQL_STACKED },
	{ "x' and sleep(5)#", SG_INJECT_SQL_TIME },
	{ "1 and benchmark(1000000,md5(1))", SG_INJECT_SQL_TIME },
	{ "1'; waitfor delay '0:0:5'--", SG_INJECT_SQL_TIME },
	/* markup */
	{ "<script>alert(1)</script>", SG_INJECT_XSS_TAG },
	{ "<img src=a onerror=alert(1)>", SG_INJECT_XSS_TAG },
	{ "<svg/onload=alert(1)>", SG_INJECT_XSS_TAG },
	{ "<ScRiPt>", SG_INJECT_XSS_TAG },
	{ "%3Cscript%3Ealert(1)", SG_INJECT_XSS_TAG },
	{ "x</script><script>", SG_INJECT_XSS_TAG },
	{ "<a href=# onmouseover=alert(1)>", SG_INJECT_XSS_HANDLER },
	{ "\" onfocus=alert(1) autofocus=\"", SG_INJECT_XSS_HANDLER },
	{ "javascript:alert(1)", SG_INJECT_XSS_URI },
	{ "<sip:JavaScript:alert(1)@h>", SG_INJECT_XSS_URI },

	/* lookalikes that are real SIP */
	{ "\"Tim O'Reilly\" <sip:tim@example.com>;tag=1", SG_INJECT_NONE },
	{ "sip:isn't@example.com", SG_INJECT_NONE },
	{ "\"Union Select\" <sip:sales@unionselect.example.com>", SG_INJECT_NONE },
	{ "\"Union Select Foods, Inc.\" <sip:a@b>;tag=x", SG_INJECT_NONE },
	{ "\"Select Comfort\" <sip:a@b>", SG_INJECT_NONE },
	{ "\"Drop Box\" <sip:a@b>", SG_INJECT_NONE },
	{ "\"Bob's phone\" <sip:bob@example.com>;tag=abc", SG_INJECT_NONE },
	{ "\"D'or\" <sip:d'or@h;x=y>", SG_INJECT_NONE },
	{ "sip:o'neil@example.com;user=phone", SG_INJECT_NONE },
	{ "\"O'Brien -- Sales\" <sip:ob@h>", SG_INJECT_NONE },
	{ "\"Sleep (Clinic)\" <sip:a@b>", SG_INJECT_NONE },
	{ "<sip:online@h;online=1>", SG_INJECT_NONE },
	{ "<sip:alice@example.com;transport=tcp>;expires=3600", SG_INJECT_NONE },
	{ "<sip:+1-212-555-0100@example.com;user=phone>", SG_INJECT_NONE },
	{ "<tel:+15551234567>", SG_INJECT_NONE },
	{ "sip:100@h;method=UPDATE", SG_INJECT_NONE },
	{ "\"3 or 4 = 7\" <sip:a@b>", SG_INJECT_NONE },
	{ "Linphone/3.6.1 (belle-sip/1.2.4)", SG_INJECT_NONE },
	{ "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", SG_INJECT_NONE },
	{ "Asterisk PBX 18.2.0", SG_INJECT_NONE },
	{ "\"Tag <b>bold</b>\" <sip:a@b>", SG_INJECT_NONE },
	{ "sip:null-%00-null@example.com", SG_INJECT_NONE },
	{ "<sip:%00%00@host5.example.com>", SG_INJECT_NONE },
	{ "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com",
	  SG_INJECT_NONE },
	{ "", SG_INJECT_NONE },
	{ "%", SG_INJECT_NONE },
	{ "%2", SG_INJECT_NONE },
	{ "'", SG_INJECT_NONE },
};

#endif /* _SG_INJECT_VECTORS_H */
