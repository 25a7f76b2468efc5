/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Vectors for the SIP parser and checks, shared by the KUnit suite and the
 * userspace tests. Each is a whole message and the verdict it must get
 * with the default policy.
 */
#ifndef _SG_SIP_VECTORS_H
#define _SG_SIP_VECTORS_H

/* The mandatory headers of a request with CSeq method M */
#define BASE(m) \
	"Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-1\r\n" \
	"From: <sip:a@192.0.2.1>;tag=1\r\n" \
	"To: <sip:b@192.0.2.2>\r\n" \
	"Call-ID: c1@192.0.2.1\r\n" \
	"CSeq: 1 " m "\r\n"
#define REQ(m, extra) m " sip:b@192.0.2.2 SIP/2.0\r\n" BASE(m) extra "Content-Length: 0\r\n\r\n"
#define ACCEPT		SG_VERDICT_ACCEPT, SG_DETAIL_NONE, 0
#define MALFORMED(d)	SIPGUARD_REASON_MALFORMED, SG_DETAIL_##d, 0, SG_SIP_REQUEST
#define SCANNER		SIPGUARD_REASON_SCANNER, SG_DETAIL_SCANNER, 0, SG_SIP_REQUEST
#define INJECT(i)	SIPGUARD_REASON_INJECTION, SG_DETAIL_INJECTION, SG_INJECT_##i, SG_SIP_REQUEST
/* a request of a known method in another case: classed as that method */
#define METHOD_CASE	SIPGUARD_REASON_METHOD, SG_DETAIL_METHOD_CASE, 0, SG_SIP_REQUEST
/* an INVITE with a multipart body: over UDP, to the end of the datagram */
#define MPART	"INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: multipart/mixed;boundary=b1\r\n\r\n"

struct sg_sip_vec {
	const char *name;
	const char *msg;	/* may hold NULs */
	size_t len;
	bool tcp;
	u8 reason, detail, inject;
	u8 kind;		/* checked when the verdict is accept */
	u8 method;		/* checked when not 0 (unknown) */
};

#define V(name, msg, ...) { name, msg, sizeof(msg) - 1, __VA_ARGS__, 0 }
/* the same, and the method the request must be classed as */
#define VM(method, name, msg, ...) { name, msg, sizeof(msg) - 1, __VA_ARGS__, SIPGUARD_METHOD_##method }

static const struct sg_sip_vec sg_sip_vecs[] = {
	/* well-formed */
	V("invite", REQ("INVITE", ""), false, ACCEPT, SG_SIP_REQUEST),
	V("register", REQ("REGISTER", "Contact: <sip:a@192.0.2.1>\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("extension method", REQ("!interesting-Method0123456789_*+`.%indeed'~", ""), false, ACCEPT, SG_SIP_REQUEST),
	V("bare LF line ends",
	  "OPTIONS sip:b@192.0.2.2 SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK-1\nFrom: <sip:a@h>;tag=1\n"
	  "To: <sip:b@h>\nCall-ID: x\nCSeq: 1 OPTIONS\n\n", false, ACCEPT, SG_SIP_REQUEST),
	V("compact forms",
	  "REGISTER sip:h SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK-1\r\nf: <sip:a@h>;tag=1\r\n"
	  "t: <sip:a@h>\r\ni: x\r\nCSeq: 1 REGISTER\r\nm: <sip:a@h>\r\nl: 0\r\n\r\n", false, ACCEPT, SG_SIP_REQUEST),
	V("whitespace before colon, case-insensitive names",
	  "OPTIONS sip:h SIP/2.0\r\nVIA  : SIP/2.0/UDP h;branch=z9hG4bK-1\r\nfrom\t: <sip:a@h>;tag=1\r\n"
	  "tO :<sip:a@h>\r\ncall-id: x\r\ncseq: 1 OPTIONS\r\n\r\n", false, ACCEPT, SG_SIP_REQUEST),
	V("folded CSeq",
	  "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-1\r\nFrom: <sip:a@h>;tag=1\r\n"
	  "To: <sip:a@h>\r\nCall-ID: x\r\nCSeq: 0009\r\n  OPTIONS\r\n\r\n", false, ACCEPT, SG_SIP_REQUEST),
	V("quoted-pair NUL in a display name (RFC 4475 intmeth)",
	  REQ("OPTIONS", "Contact: \"BEL:\\\x07 NUL:\\\x00 DEL:\\\x7f\" <sip:a@h>\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("Content-Length matches body",
	  "MESSAGE sip:h SIP/2.0\r\n" BASE("MESSAGE") "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
	  false, ACCEPT, SG_SIP_REQUEST),
	V("trailing bytes after Content-Length that start no SIP message are ignored",
	  "MESSAGE sip:h SIP/2.0\r\n" BASE("MESSAGE") "Content-Length: 0\r\n\r\nINVITE sip:x SIP/7.0\r\n",
	  false, ACCEPT, SG_SIP_REQUEST),
	V("a CRLF after the body (some UAs add one) is not a message",
	  "MESSAGE sip:h SIP/2.0\r\n" BASE("MESSAGE") "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n",
	  false, ACCEPT, SG_SIP_REQUEST),
	V("no Content-Length over UDP: body to the end",
	  "MESSAGE sip:h SIP/2.0\r\n" BASE("MESSAGE") "\r\nhello", false, ACCEPT, SG_SIP_REQUEST),
	V("Tim O'Reilly", REQ("INVITE", "Contact: \"Tim O'Reilly\" <sip:tim@h>\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("isn't in a URI", "INVITE sip:isn't@h SIP/2.0\r\n" BASE("INVITE") "\r\n", false, ACCEPT, SG_SIP_REQUEST),
	V("a company called Union Select",
	  REQ("INVITE", "Contact: \"Union Select\" <sip:sales@unionselect.example.com>\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("friendly words in a User-Agent",
	  REQ("OPTIONS", "User-Agent: MySIPClient 2.0 (friendly scanner-free)\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("multipart with boundary and close",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: multipart/mixed;boundary=b1\r\n"
	  "Content-Length: 36\r\n\r\n--b1\r\nContent-Type: a/b\r\n\r\nx\r\n--b1--", false, ACCEPT, SG_SIP_REQUEST),
	V("response", "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP h\r\n\r\n", false, ACCEPT, SG_SIP_RESPONSE),
	V("response without reason phrase", "SIP/2.0 100 \r\n\r\n", false, ACCEPT, SG_SIP_RESPONSE),
	V("CRLF keepalive", "\r\n\r\n", false, ACCEPT, SG_SIP_KEEPALIVE),
	V("TCP: a segment in the middle of a stream", "a=rtpmap:0 PCMU/8000\r\n", true, ACCEPT, SG_SIP_OTHER),
	V("TCP: a request whose headers continue in the next segment",
	  "INVITE sip:h SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK-1\r\n", true, ACCEPT, SG_SIP_REQUEST),
	V("TCP: a segment cut inside a pipelined REGISTER's method is the middle of a stream",
	  "TER sip:h SIP/2.0\r\n" BASE("REGISTER") "Content-Length: 0\r\n\r\n", true, ACCEPT, SG_SIP_OTHER),
	V("TCP: Content-Length beyond the segment is fine",
	  "MESSAGE sip:h SIP/2.0\r\n" BASE("MESSAGE") "Content-Length: 500\r\n\r\nhel", true, ACCEPT, SG_SIP_REQUEST),

	/* framing near-misses that must pass */
	V("Max-Forwards: 0 (RFC 4475 zeromf)", REQ("INVITE", "Max-Forwards: 0\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("Max-Forwards: 255", REQ("INVITE", "Max-Forwards: 255\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("Max-Forwards: 070, trailing blanks", REQ("INVITE", "Max-Forwards: 070  \r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("Expires: 4294967295", REQ("REGISTER", "Expires: 4294967295\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("Expires: 0 (unregister)", REQ("REGISTER", "Expires: 0\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("an empty Subject is fine", REQ("INVITE", "Subject:\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("a Call-ID folded onto its next line has a value",
	  "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:a@h>\r\n"
	  "Call-ID:\r\n x1\r\nCSeq: 1 OPTIONS\r\n\r\n", false, ACCEPT, SG_SIP_REQUEST),
	V("multipart with two SDP parts",
	  MPART "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\ns=a\r\n\r\n"
	  "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\ns=b\r\n\r\n--b1--\r\n", false, ACCEPT, SG_SIP_REQUEST),
	V("multipart/alternative inside multipart/mixed",
	  MPART "--b1\r\nContent-Type: multipart/alternative; boundary=\"in ner\"\r\n\r\n"
	  "--in ner\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--in ner--\r\n--b1\r\nc: text/plain\r\n\r\nhi\r\n--b1--",
	  false, ACCEPT, SG_SIP_REQUEST),
	V("a NUL in a text/plain part is not SDP's business",
	  MPART "--b1\r\nContent-Type: text/plain\r\n\r\na\x00z\r\n--b1--\r\n", false, ACCEPT, SG_SIP_REQUEST),
	V("a line that starts with the boundary but goes on is content",
	  MPART "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--b1x\r\n\r\n--b1--\r\n", false, ACCEPT, SG_SIP_REQUEST),
	V("gzip SDP with Content-Encoding: gzip (RFC 3261 20.12)",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: application/sdp\r\nContent-Encoding: gzip\r\n"
	  "Content-Length: 86\r\n\r\n"
	  "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x2b\xb3\x35\xe0\xe5\xca\xb7\xd5\x55\x30\x00\x42\x4f\x3f\x05"
	  "\xcf\x00\x13\x05\x43\x4b\x23\x3d\x03\x3d\x23\x3d\x43\x5e\xae\x62\x5b\x5d\x5e\xae\x64\x5b\x4c\x89\x12"
	  "\x5b\xa0\x06\x5e\xae\x5c\xdb\xc4\xd2\x94\xcc\x7c\x05\x13\x03\x03\x03\x85\xa0\x90\x00\x7d\xc7\xb0\x00"
	  "\x90\x38\x00\xa5\x9a\x98\xa9\x57\x00\x00\x00", false, ACCEPT, SG_SIP_REQUEST),
	V("a deflate SDP (zlib header)",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: application/sdp\r\ne: deflate\r\n"
	  "Content-Length: 18\r\n\r\n\x78\x9c\x2b\xb3\x35\xe0\xe5\x2a\xb6\xd5\xe5\xe5\x02\x00\x0c\xc0\x01\xef",
	  false, ACCEPT, SG_SIP_REQUEST),
	V("Content-Type: application / sdp (blanks around the slash are legal)",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: application / sdp\r\n\r\nv=0\r\ns=-\r\n",
	  false, ACCEPT, SG_SIP_REQUEST),
	V("a multipart boundary given in quotes after a quoted parameter holding ';'",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: multipart/mixed;x=\"y;boundary=A;\";boundary=B\r\n\r\n"
	  "--B\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--B--\r\n", false, ACCEPT, SG_SIP_REQUEST),
	V("a multipart part's Content-Type folded onto its next line",
	  MPART "--b1\r\nContent-Type:\r\n application/sdp\r\n\r\nv=0\r\n--b1--\r\n", false, ACCEPT, SG_SIP_REQUEST),
	V("an escaped NUL in a quoted display name of P-Asserted-Identity",
	  REQ("INVITE", "P-Asserted-Identity: \"a\\\x00b\" <sip:a@h>\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("TCP: a multipart body still arriving is not judged yet",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: multipart/mixed;boundary=b1\r\n"
	  "Content-Length: 500\r\n\r\n--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n", true, ACCEPT, SG_SIP_REQUEST),
	VM(PRACK, "a CSeq method in the request's case", REQ("PRACK", ""), false, ACCEPT, SG_SIP_REQUEST),
	V("an extension method that only contains a known one", REQ("REGISTERX", ""), false, ACCEPT, SG_SIP_REQUEST),

	/* malformed */
	V("not SIP", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", false, MALFORMED(NOT_SIP)),
	V("four NULs", "\0\0\0\0", false, MALFORMED(NOT_SIP)),
	V("bad version", "OPTIONS sip:h SIP/7.0\r\n" BASE("OPTIONS") "\r\n", false, MALFORMED(VERSION)),
	V("two spaces in the request line", "OPTIONS  sip:h SIP/2.0\r\n" BASE("OPTIONS") "\r\n", false, MALFORMED(REQUEST_LINE)),
	V("trailing space in the request line", "OPTIONS sip:h SIP/2.0 \r\n" BASE("OPTIONS") "\r\n", false, MALFORMED(VERSION)),
	V("Request-URI without scheme", "REGISTER aaaaaaaa SIP/2.0\r\n" BASE("REGISTER") "\r\n", false, MALFORMED(URI_SCHEME)),
	V("Request-URI in angle brackets", "INVITE <sip:h> SIP/2.0\r\n" BASE("INVITE") "\r\n", false, MALFORMED(URI_SCHEME)),
	V("missing Via", "OPTIONS sip:h SIP/2.0\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:a@h>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n",
	  false, MALFORMED(MISSING_HEADER)),
	V("missing Call-ID", "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:a@h>\r\nCSeq: 1 OPTIONS\r\n\r\n",
	  false, MALFORMED(MISSING_HEADER)),
	V("CSeq method mismatch", "OPTIONS sip:h SIP/2.0\r\n" BASE("INVITE") "\r\n", false, MALFORMED(CSEQ_METHOD)),
	V("ACK's CSeq must say ACK", "ACK sip:h SIP/2.0\r\n" BASE("INVITE") "\r\n", false, MALFORMED(CSEQ_METHOD)),
	V("CANCEL's CSeq says CANCEL", REQ("CANCEL", ""), false, ACCEPT, SG_SIP_REQUEST),
	V("duplicate CSeq", "OPTIONS sip:h SIP/2.0\r\n" BASE("OPTIONS") "CSeq: 2 OPTIONS\r\n\r\n",
	  false, MALFORMED(DUPLICATE_HEADER)),
	V("CSeq number over 2**31", "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:a@h>\r\n"
	  "Call-ID: x\r\nCSeq: 2147483648 OPTIONS\r\n\r\n", false, MALFORMED(CSEQ)),
	V("oversized CSeq method (ES2017-01)", "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@h>;tag=1\r\n"
	  "To: <sip:a@h>\r\nCall-ID: x\r\nCSeq: 1 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n\r\n",
	  false, MALFORMED(METHOD_LENGTH)),
	V("duplicate From", REQ("INVITE", "From: <sip:evil@h>;tag=2\r\n"), false, MALFORMED(DUPLICATE_HEADER)),
	V("duplicate From through its compact form", REQ("INVITE", "f: <sip:evil@h>;tag=2\r\n"), false, MALFORMED(DUPLICATE_HEADER)),
	V("NUL outside quotes", REQ("INVITE", "Subject: a\x00" "b\r\n"), false, MALFORMED(CONTROL_BYTE)),
	V("bare CR", REQ("INVITE", "Subject: a\rb\r\n"), false, MALFORMED(CONTROL_BYTE)),
	V("escape outside quotes does not hide a NUL", REQ("INVITE", "Subject: a\\\x00" "b\r\n"), false, MALFORMED(CONTROL_BYTE)),
	V("an escaped quote keeps the string open: a bare NUL in it",
	  REQ("INVITE", "Subject: \"a\\\" \x00\"\r\n"), false, MALFORMED(CONTROL_BYTE)),
	V("an escaped backslash closes nothing: a NUL after the quote",
	  REQ("INVITE", "Subject: \"x\\\\\" \\\x00\r\n"), false, MALFORMED(CONTROL_BYTE)),
	V("a NUL right after a closing quote", REQ("INVITE", "Subject: \"abc\"\x00\r\n"), false, MALFORMED(CONTROL_BYTE)),
	V("the second of two escaped NULs needs its own backslash",
	  REQ("INVITE", "Subject: \"\\\x00\x00\"\r\n"), false, MALFORMED(CONTROL_BYTE)),
	V("a quoted-pair NUL in a string continued on a folded line",
	  REQ("INVITE", "Subject: \"abc\r\n \\\x00 and \\\x01\"\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("a quote opened in one field does not carry into the next",
	  REQ("INVITE", "Subject: \"open\r\nOrganization: \\\x00\r\n"), false, MALFORMED(CONTROL_BYTE)),
	V("header line without colon", REQ("INVITE", "NoColonHere\r\n"), false, MALFORMED(HEADER_LINE)),
	V("fold before any header", "INVITE sip:h SIP/2.0\r\n folded\r\n" BASE("INVITE") "\r\n", false, MALFORMED(HEADER_LINE)),
	V("Content-Length not a number", REQ("INVITE", "Content-Length: bad\r\n"), false, MALFORMED(CONTENT_LENGTH)),
	V("negative Content-Length", "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Length: -999\r\n\r\n", false, MALFORMED(CONTENT_LENGTH)),
	V("two Content-Length values", "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Length: 0\r\nl: 5\r\n\r\n", false, MALFORMED(DUPLICATE_HEADER)),
	V("Content-Length larger than the datagram", "MESSAGE sip:h SIP/2.0\r\n" BASE("MESSAGE") "Content-Length: 50\r\n\r\nhello",
	  false, MALFORMED(TRUNCATED)),
	V("header section never ends", "INVITE sip:h SIP/2.0\r\n" BASE("INVITE"), false, MALFORMED(NO_END)),
	V("NUL in an SDP body (ES2018-02)", "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: application/sdp\r\n"
	  "Content-Length: 11\r\n\r\na=fmtp\x00:101", false, MALFORMED(BODY_CONTROL)),
	V("multipart without boundary (ES2017-02)", "INVITE sip:h SIP/2.0\n" "Via: SIP/2.0/UDP h\nFrom: <sip:a@h>;tag=1\n"
	  "To: <sip:b@h>\nCall-ID: x\nCSeq: 1 INVITE\ncontent-type: multipart/mixed;`boundary=++\n\n--\n--++=AAA\nxxx\n--+",
	  false, MALFORMED(MULTIPART)),
	V("multipart never closed", "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
	  "\r\n--b1\r\nContent-Type: a/b\r\n\r\nx\r\n", false, MALFORMED(MULTIPART)),

	/* framing the strictest servers refuse */
	V("empty Call-ID", "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:a@h>\r\n"
	  "Call-ID:\r\nCSeq: 1 OPTIONS\r\n\r\n", false, MALFORMED(EMPTY_VALUE)),
	V("Call-ID of blanks", "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:a@h>\r\n"
	  "Call-ID: \t \r\nCSeq: 1 OPTIONS\r\n\r\n", false, MALFORMED(EMPTY_VALUE)),
	V("empty From", "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom:\r\nTo: <sip:a@h>\r\n"
	  "Call-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n", false, MALFORMED(EMPTY_VALUE)),
	V("empty To, compact", "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@h>;tag=1\r\nt: \r\n"
	  "Call-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n", false, MALFORMED(EMPTY_VALUE)),
	V("a second, empty Via", REQ("INVITE", "Via:\r\n"), false, MALFORMED(EMPTY_VALUE)),
	V("Max-Forwards past 2**32", REQ("INVITE", "Max-Forwards: 4294967366\r\n"), false, MALFORMED(NUMBER)),
	V("Max-Forwards: 256", REQ("INVITE", "Max-Forwards: 256\r\n"), false, MALFORMED(NUMBER)),
	V("Max-Forwards: -1", REQ("INVITE", "Max-Forwards: -1\r\n"), false, MALFORMED(NUMBER)),
	V("Max-Forwards: 70 70", REQ("INVITE", "Max-Forwards: 70 70\r\n"), false, MALFORMED(NUMBER)),
	V("empty Max-Forwards", REQ("INVITE", "Max-Forwards:\r\n"), false, MALFORMED(NUMBER)),
	V("two Max-Forwards", REQ("INVITE", "Max-Forwards: 70\r\nMax-Forwards: 1\r\n"), false, MALFORMED(DUPLICATE_HEADER)),
	V("Expires: 4294967296", REQ("REGISTER", "Expires: 4294967296\r\n"), false, MALFORMED(NUMBER)),
	V("Expires of 100 digits (RFC 4475 scalar02)",
	  REQ("REGISTER", "Expires: 1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\r\n"),
	  false, MALFORMED(NUMBER)),
	V("Expires as an RFC 2543 date", REQ("REGISTER", "Expires: Thu, 01 Dec 1994 16:00:00 GMT\r\n"), false, MALFORMED(NUMBER)),
	V("a second request after Content-Length (smuggled)",
	  "MESSAGE sip:h SIP/2.0\r\n" BASE("MESSAGE") "Content-Length: 0\r\n\r\n"
	  "INVITE sip:x SIP/2.0\r\nUser-Agent: friendly-scanner\r\n\r\n", false, MALFORMED(SMUGGLED)),
	V("smuggled after CRLFs and a body (RFC 4475 dblreq)",
	  "MESSAGE sip:h SIP/2.0\r\n" BASE("MESSAGE") "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n"
	  "options sip:x sip/2.0\r\n", false, MALFORMED(SMUGGLED)),
	V("a response smuggled after a request",
	  REQ("OPTIONS", "") "SIP/2.0 200 OK\r\n\r\n", false, MALFORMED(SMUGGLED)),
	V("NUL in the second SDP part of a multipart",
	  MPART "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\ns=a\r\n\r\n"
	  "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\ns=\x00\r\n\r\n--b1--\r\n", false, MALFORMED(BODY_CONTROL)),
	V("NUL in an SDP inside a nested multipart",
	  MPART "--b1\r\nContent-Type: multipart/alternative;boundary=b2\r\n\r\n"
	  "--b2\r\nContent-Type: application/sdp\r\n\r\nv=0\r\na=\x01\r\n--b2--\r\n--b1\r\n\r\nhi\r\n--b1--",
	  false, MALFORMED(BODY_CONTROL)),
	V("multipart nested three deep",
	  MPART "--b1\r\nContent-Type: multipart/mixed;boundary=b2\r\n\r\n"
	  "--b2\r\nContent-Type: multipart/mixed;boundary=b3\r\n\r\n--b3\r\n\r\nx\r\n--b3--\r\n--b2--\r\n--b1--\r\n\r\n",
	  false, MALFORMED(MULTIPART)),
	V("a multipart boundary outside RFC 2046's characters",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: multipart/mixed;boundary=a@b\r\n"
	  "Content-Length: 19\r\n\r\n--a@b\r\n\r\nx\r\n--a@b--", false, MALFORMED(MULTIPART)),
	V("Content-Encoding: gzip does not hide a NUL in a plain SDP",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: application/sdp\r\nContent-Encoding: gzip\r\n"
	  "Content-Length: 11\r\n\r\na=fmtp\x00:101", false, MALFORMED(BODY_CONTROL)),
	V("gzip magic then a plain SDP that Kamailio would parse",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: application/sdp\r\nContent-Encoding: gzip\r\n\r\n"
	  "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\r\nv=0\r\na=fmtp\x00:101\r\n", false, MALFORMED(BODY_CONTROL)),
	V("two Content-Encodings are read as text",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: application/sdp\r\nContent-Encoding: identity\r\ne: gzip\r\n\r\n"
	  "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x00\x00\x00\x00\x00", false, MALFORMED(BODY_CONTROL)),
	V("application / sdp with a NUL", "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: application / sdp\r\n\r\n"
	  "v=0\r\na=fmtp\x00:101\r\n", false, MALFORMED(BODY_CONTROL)),
	V("APPLICATION/Sdp with a NUL", "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: APPLICATION/Sdp\r\n\r\n"
	  "v=0\r\na=fmtp\x00:101\r\n", false, MALFORMED(BODY_CONTROL)),
	/* a type of the same length one letter off is not SDP: not read as one */
	V("application/sdq with a NUL", "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: application/sdq\r\n\r\n"
	  "v=0\r\na=fmtp\x00:101\r\n", false, ACCEPT, SG_SIP_REQUEST),
	V("no Content-Type: the body is held to SDP's rules (Sofia reads it as SDP)",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "\r\nv=0\r\na=fmtp\x00:101\r\n", false, MALFORMED(BODY_CONTROL)),
	V("two Content-Types", REQ("INVITE", "Content-Type: application/sdp\r\nContent-Type: text/plain\r\n"),
	  false, MALFORMED(DUPLICATE_HEADER)),
	V("a delimiter in the middle of a line (PJSIP splits there)",
	  MPART "--b1\r\nContent-Type: text/plain\r\n\r\nhi --b1\r\nContent-Type: application/sdp\r\n\r\nv=\x00\r\n--b1--\r\n",
	  false, MALFORMED(BODY_CONTROL)),
	V("a delimiter after a bare CR, with a suffix (Kamailio splits there)",
	  MPART "--b1\r\nContent-Type: text/plain\r\n\r\nhi\r--b1x\r\nContent-Type: application/sdp\r\n\r\nv=\x00\r\n--b1--\r\n",
	  false, MALFORMED(BODY_CONTROL)),
	V("the boundary PJSIP reads, not the one in a quoted parameter",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: multipart/mixed;x=\"y;boundary=A;\";boundary=B\r\n\r\n"
	  "--A\r\n\r\nx\r\n--B\r\nContent-Type: application/sdp\r\n\r\nv=\x00\r\n--B--\r\n--A--\r\n", false, MALFORMED(BODY_CONTROL)),
	V("a folded part Content-Type does not hide its SDP",
	  MPART "--b1\r\nContent-Type:\r\n application/sdp\r\n\r\nv=\x00\r\n--b1--\r\n", false, MALFORMED(BODY_CONTROL)),
	V("a NUL in a Call-ID behind a fake quoted-pair",
	  "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:a@h>\r\n"
	  "Call-ID: a\"\\\x00\"bc@h\r\nCSeq: 1 OPTIONS\r\n\r\n", false, MALFORMED(CONTROL_BYTE)),
	V("an escape sequence in a User-Agent behind a fake quoted-pair",
	  REQ("OPTIONS", "User-Agent: \"x\\\x1b[2J\"\r\n"), false, MALFORMED(CONTROL_BYTE)),
	V("smuggled with a tab and two spaces in the start line (Kamailio reads it)",
	  REQ("OPTIONS", "") "INVITE\tsip:x  SIP/2.0\r\n\r\n", false, MALFORMED(SMUGGLED)),
	V("smuggled response with two spaces", REQ("OPTIONS", "") "SIP/2.0  200 OK\r\n\r\n", false, MALFORMED(SMUGGLED)),
	V("an unknown Content-Encoding does not either",
	  "INVITE sip:h SIP/2.0\r\n" BASE("INVITE") "Content-Type: application/sdp\r\nContent-Encoding: br\r\n"
	  "Content-Length: 11\r\n\r\na=fmtp\x00:101", false, MALFORMED(BODY_CONTROL)),
	V("a CSeq method in another case than the request's, other method", "OPTIONS sip:h SIP/2.0\r\n" BASE("invite") "\r\n",
	  false, MALFORMED(CSEQ_METHOD)),

	/* method names in another case: that method, dropped by default */
	VM(REGISTER, "register in lower case", REQ("register", ""), false, METHOD_CASE),
	VM(INVITE, "Invite in title case", REQ("Invite", ""), false, METHOD_CASE),
	VM(REGISTER, "REGISTER with CSeq register", "REGISTER sip:h SIP/2.0\r\n" BASE("register") "\r\n", false, METHOD_CASE),
	V("an extension method with its CSeq in another case", "FOO sip:h SIP/2.0\r\n" BASE("foo") "\r\n", false, METHOD_CASE),

	/* scanner */
	V("friendly-scanner", REQ("OPTIONS", "User-Agent: friendly-scanner\r\n"), false, SCANNER),
	V("scanner, mixed case and version", REQ("INVITE", "User-Agent: SIPcli/v1.8\r\n"), false, SCANNER),
	V("scanner in a folded User-Agent", REQ("OPTIONS", "User-Agent: Mozilla\r\n VaxSIPUserAgent/3.1\r\n"), false, SCANNER),
	V("sipvicious display name",
	  "OPTIONS sip:100@h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: \"sipvicious\"<sip:100@1.1.1.1>;tag=1\r\n"
	  "To: \"sipvicious\"<sip:100@1.1.1.1>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n", false, SCANNER),
	V("friendly-scanner in any header",
	  "OPTIONS sip:100@h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:friendly-scanner@h>;tag=1\r\n"
	  "To: <sip:a@h>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n", false, SCANNER),
	V("svmap with compact headers and no User-Agent",
	  "OPTIONS sip:100@192.0.2.1 SIP/2.0\r\nv: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK-1;rport\r\n"
	  "f: \"sipvicious\"<sip:100@1.1.1.1>;tag=6236\r\nt: \"sipvicious\"<sip:100@1.1.1.1>\r\n"
	  "i: 1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nl: 0\r\n\r\n", false, SCANNER),
	V("a User-Agent folded inside the word",
	  REQ("OPTIONS", "User-Agent: friendly-\r\n scanner\r\n"), false, SCANNER),
	V("nmap's display name", "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n"
	  "From: \"Nmap NSE\" <sip:user@192.0.2.1>;tag=1\r\nTo: <sip:a@h>\r\nCall-ID: x\r\n"
	  "CSeq: 1 OPTIONS\r\n\r\n", false, SCANNER),
	V("a signature counts in its fields only: Nmap NSE in a Subject",
	  REQ("MESSAGE", "Subject: Nmap NSE results\r\n"), false, ACCEPT, SG_SIP_REQUEST),
	V("sippts' SDP session name, no User-Agent",
	  "INVITE sip:100@h SIP/2.0\r\n" BASE("INVITE") "Content-Type: application/sdp\r\n"
	  "Content-Length: 61\r\n\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=SIPPTS\r\nc=IN IP4 192.0.2.9\r\n",
	  false, SCANNER),
	V("an s= line past the first three is not read",
	  "INVITE sip:100@h SIP/2.0\r\n" BASE("INVITE") "Content-Type: application/sdp\r\n"
	  "Content-Length: 66\r\n\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\ni=SIPPTS\r\n",
	  false, ACCEPT, SG_SIP_REQUEST),
	V("sipsak's From", "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n"
	  "From: sip:sipsak@192.0.2.7:53127;tag=5b2e\r\nTo: <sip:a@h>\r\nCall-ID: x\r\n"
	  "CSeq: 1 OPTIONS\r\n\r\n", false, SCANNER),

	/* injection, in every field and every instance */
	V("tautology in From (the field report)",
	  "INVITE sip:100@h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:hi'or'x'='x';@h>;tag=1\r\n"
	  "To: <sip:a@h>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n", false, INJECT(SQL_TAUTOLOGY)),
	V("tautology percent-encoded in the Request-URI",
	  "INVITE sip:100%27%20or%201%3D1--@h SIP/2.0\r\n" BASE("INVITE") "\r\n", false, INJECT(SQL_TAUTOLOGY)),
	V("injection in the second Contact header", REQ("INVITE", "Contact: <sip:a@h>\r\nContact: <sip:x';drop table users--@h>\r\n"),
	  false, INJECT(SQL_STACKED)),
	V("injection in To", "INVITE sip:h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@h>;tag=1\r\n"
	  "To: \"x' union select password from users--\" <sip:a@h>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n", false, INJECT(SQL_UNION)),
	V("time-based probe in User-Agent", REQ("OPTIONS", "User-Agent: x' and sleep(5)#\r\n"), false, INJECT(SQL_TIME)),
	V("XSS in User-Agent (ES2021-02)", REQ("REGISTER", "User-Agent: <img src=a onerror=alert(1)>\r\n"), false, INJECT(XSS_TAG)),
	V("script tag percent-encoded in Contact", REQ("REGISTER", "Contact: <sip:%3Cscript%3Ealert(1)%3C/script%3E@h>\r\n"),
	  false, INJECT(XSS_TAG)),
	V("a 200 OK from outside whose To display name is markup (it reaches the CDR GUI)",
	  "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-1\r\nFrom: <sip:a@192.0.2.1>;tag=1\r\n"
	  "To: \"<script>alert(1)</script>\" <sip:b@192.0.2.2>;tag=2\r\nCall-ID: c1@192.0.2.1\r\n"
	  "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n", false,
	  SIPGUARD_REASON_INJECTION, SG_DETAIL_INJECTION, SG_INJECT_XSS_TAG, SG_SIP_RESPONSE),
	V("a response's reason phrase is read too",
	  "SIP/2.0 486 x' or '1'='1\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-1\r\nFrom: <sip:a@192.0.2.1>;tag=1\r\n"
	  "To: <sip:b@192.0.2.2>;tag=2\r\nCall-ID: c1@192.0.2.1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
	  false, SIPGUARD_REASON_INJECTION, SG_DETAIL_INJECTION, SG_INJECT_SQL_TAUTOLOGY, SG_SIP_RESPONSE),
	V("a response with Content-Type twice (SIPp's UPDATE answers) is accepted",
	  "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-1\r\nFrom: <sip:a@192.0.2.1>;tag=1\r\n"
	  "To: <sip:b@192.0.2.2>;tag=2\r\nCall-ID: c1@192.0.2.1\r\nCSeq: 1 UPDATE\r\n"
	  "Content-Type: application/sdp\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\n",
	  false, ACCEPT, SG_SIP_RESPONSE),
	V("malformed wins over scanner and injection",
	  "OPTIONS sip:h SIP/7.0\r\n" BASE("OPTIONS") "User-Agent: friendly-scanner\r\n\r\n", false, MALFORMED(VERSION)),
};

#undef V
#undef VM

#endif /* _SG_SIP_VECTORS_H */
