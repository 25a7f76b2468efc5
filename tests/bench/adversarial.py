#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
Adversarial SIP messages for the parser's cost: each one a request built to
make sipguard's parser and checks work as hard as possible per byte, at a
given size, beside benign messages of the same size to compare with.

    adversarial.py OUTDIR SIZE...      writes OUTDIR/SIZE-NAME.sip

Every input is exactly SIZE bytes. Where the shape allows, the message
stays well-formed up to its end (a parser that stops at the first fault
would make a malformed input cheap), header lines stay under the line
limit (8192) and the count under the header limit (256), so the expensive
part runs over the whole message. `make bench-parse` measures them, the
cost-oracle fuzzer starts from them.
"""
import os
import sys

HEAD = (b"INVITE sip:1001@192.0.2.2 SIP/2.0\r\n"
        b"Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-adv\r\n"
        b"From: \"Alice\" <sip:alice@192.0.2.1>;tag=1\r\n"
        b"To: <sip:1001@192.0.2.2>\r\n"
        b"Call-ID: adv@192.0.2.1\r\n"
        b"CSeq: 1 INVITE\r\n"
        b"Max-Forwards: 70\r\n")
LINE_MAX = 4000          # bytes per generated header line


class TooSmall(Exception):
    pass


def pad_to(size, head, end):
    """head + an X-P header of the exact length + end: size bytes."""
    pad = size - len(head) - len(end) - len(b"X-P: \r\n")
    if pad < 0:
        raise TooSmall()
    return head + b"X-P: " + b"p" * pad + b"\r\n" + end


def fill_headers(size, name, unit, head=HEAD, prefix=b"", suffix=b""):
    """HEAD, then lines "name: prefix unit... suffix", to size bytes."""
    end = b"Content-Length: 0\r\n\r\n"
    out = bytearray(head)
    fixed = len(name) + 2 + len(prefix) + len(suffix) + 2
    while True:
        room = size - len(out) - len(end) - 16      # 16: the pad header
        n = min((LINE_MAX - fixed) // len(unit), (room - fixed) // len(unit))
        if n < 1:
            break
        out += name + b": " + prefix + unit * n + suffix + b"\r\n"
    return pad_to(size, bytes(out), end)


def with_body(size, ctype, unit, head=HEAD, body_head=b"", body_tail=b""):
    """A request whose body is body_head + unit... + body_tail, size bytes."""
    hdr = head + b"Content-Type: " + ctype + b"\r\n"
    fixed = len(hdr) + len(b"Content-Length: 00000\r\n\r\n") + 16
    n = (size - fixed - len(body_head) - len(body_tail)) // len(unit)
    body = body_head + unit * n + body_tail
    return pad_to(size, hdr, b"Content-Length: %05d\r\n\r\n" % len(body) + body)


SDP_HEAD = (b"v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\n"
            b"t=0 0\r\nm=audio 49170 RTP/AVP 0 8 101\r\n")


def shapes(size):
    s = {}
    # --- benign references of the same size -----------------------------
    # What legitimate peers send when a message is this large. The target
    # compares the worst attack with the costliest of them: what a
    # legitimate peer can already make sipguard spend per byte.
    #
    # A message that crossed many proxies: Via values, two to a line as
    # RFC 3261 7.3.1 allows, and Record-Routes (not judged for content).
    via = (b"SIP/2.0/UDP proxy%03d.example.net:5060;branch=z9hG4bK-%08x-1---%08x;"
           b"rport=5060;received=198.51.100.%d")
    out, i = bytearray(HEAD), 0
    while len(out) < size - 400:
        out += b"Via: " + b", ".join(via % (i + k, (i + k) * 2654435761 & 0xffffffff,
                                             (i + k) * 40503 & 0xffffffff, (i + k) % 250)
                                      for k in range(3)) + b"\r\n"
        out += b"Record-Route: " + b", ".join(
            b"<sip:proxy%03d.example.net:5060;lr;ftag=%08x;did=%03x.%x>" % (
                i + k, (i + k) * 40503 & 0xffffffff, i + k, (i + k) * 31) for k in range(3)) + b"\r\n"
        i += 3
    s["benign-proxy-path"] = pad_to(size, bytes(out), b"Content-Length: 0\r\n\r\n")
    # A REGISTER of many bindings (a trunk registering its numbers): every
    # Contact judged for injection, as From, To and the User-Agent are.
    reg = HEAD.replace(b"INVITE sip:1001@192.0.2.2", b"REGISTER sip:192.0.2.2").replace(
        b"1 INVITE", b"1 REGISTER") + b"User-Agent: Grandstream GXW4248 1.0.5.19 (O'Brien & Sons line #4)\r\n"
    out, i = bytearray(reg), 0
    while len(out) < size - 400:
        out += b"Contact: " + b", ".join(
            b"\"Line %d O'Brien\" <sip:+3531%07d@192.0.2.%d:5060;transport=udp;line=%08x>"
            b";+sip.instance=\"<urn:uuid:%08x-1c2d-4e5f-8a9b-%012x>\";reg-id=%d;expires=3600;"
            b"methods=\"INVITE,ACK,BYE,CANCEL,OPTIONS,INFO,MESSAGE,NOTIFY\"" % (
                j, j, j % 250, j * 2654435761 & 0xffffffff, j * 40503 & 0xffffffff, j, j % 9)
            for j in (i, i + 1)) + b"\r\n"
        i += 2
    s["benign-register-contacts"] = pad_to(size, bytes(out), b"Content-Length: 0\r\n\r\n")
    # A PBX's REGISTER of its lines, named as offices name them: "&",
    # "and", "or" and escaped URIs are in the prefilter's triggers, so
    # every one of these Contacts goes through the full injection scan,
    # as a legitimate peer may make it do.
    names = [b"Sales & Support", b"Johnson and Johnson", b"R&D Lab 2", b"Tom or Ann (desk)",
             b"Ben & Jerry's", b"Front Desk and Lobby"]
    out, i = bytearray(reg), 0
    while len(out) < size - 400:
        out += b"Contact: " + b", ".join(
            b"\"%s %d\" <sip:line%%20%d@192.0.2.%d:5060;transport=udp>;expires=3600" % (
                names[j % len(names)], j, j, j % 250) for j in range(i, i + 4)) + b"\r\n"
        i += 4
    s["benign-office-names"] = pad_to(size, bytes(out), b"Content-Length: 0\r\n\r\n")
    # An INVITE from an SBC: identity and routing headers, then an SDP
    # with many codecs and ICE candidates.
    sbc = HEAD + (b"P-Asserted-Identity: \"Mary O'Neil\" <sip:+35315550100@carrier.example.net;user=phone>\r\n"
                  b"Diversion: <sip:+35315550199@carrier.example.net>;reason=unconditional;counter=1;privacy=off\r\n"
                  b"History-Info: <sip:+35315550199@carrier.example.net?Reason=SIP%3Bcause%3D302>;index=1\r\n"
                  b"Identity: " + b"eyJhbGciOiJFUzI1NiIsInBwdCI6InNoYWtlbiIsInR5cCI6InBhc3Nwb3J0In0" * 12 +
                  b";info=<https://cert.example.net/cert.pem>;alg=ES256;ppt=shaken\r\n"
                  b"Contact: <sip:+35315550100@198.51.100.7:5060;transport=udp>\r\n"
                  b"Supported: 100rel, timer, replaces, norefersub\r\n"
                  b"User-Agent: Ribbon SBC 5400 V09.02.01\r\n")
    s["benign-sbc-invite"] = with_body(size, b"application/sdp",
                                       b"a=candidate:%d 1 UDP 2130706431 192.0.2.1 49170 typ host\r\n" % 1,
                                       head=sbc, body_head=SDP_HEAD)

    # --- control bytes ----------------------------------------------------
    # escaped control bytes inside a quoted string are legal (RFC 4475
    # intmeth): every one of them meets the quote tracking
    s["ctl-escaped-in-quotes"] = fill_headers(size, b"Subject", b"\\\x00", prefix=b"\"", suffix=b"\"")
    s["ctl-escaped-folded"] = fill_headers(size, b"Subject", b"\\\x01\r\n ", prefix=b"\"", suffix=b"\"")
    # the fault at the very end of a long well-formed line, after quotes
    s["ctl-after-quotes"] = fill_headers(size, b"Subject", b"\"a\\\"b\" ", suffix=b"\x00")
    s["ctl-flood"] = fill_headers(size, b"Subject", b"\x00")
    s["ctl-in-sdp-end"] = with_body(size, b"application/sdp", b"a=x\r\n", body_head=SDP_HEAD, body_tail=b"\x00")
    # --- quotes and escapes ------------------------------------------------
    s["quote-storm"] = fill_headers(size, b"Subject", b"\"")
    s["backslash-storm"] = fill_headers(size, b"Subject", b"\"\\\\\\\"", prefix=b"\"", suffix=b"\"")
    s["quoted-display-names"] = fill_headers(size, b"Contact", b"\"\\\"x\\\"\" <sip:a@h>,")
    # --- folds and tiny headers ----------------------------------------------
    s["fold-storm"] = fill_headers(size, b"Subject", b"\r\n a", prefix=b"a")
    s["fold-blank-lines"] = fill_headers(size, b"Contact", b"\r\n \t", prefix=b"<sip:a@h>")
    tiny = HEAD + b"".join(b"a%d:b\r\n" % i for i in range(200))
    s["tiny-headers"] = fill_headers(size, b"Subject", b"a", head=tiny)
    # --- encodings -------------------------------------------------------------
    s["percent-storm-contact"] = fill_headers(size, b"Contact", b"%27%20%6fr%20", prefix=b"<sip:", suffix=b"@h>")
    s["percent-bad-escapes"] = fill_headers(size, b"Contact", b"%%2%g%", prefix=b"<sip:", suffix=b"@h>")
    s["percent-uri"] = fill_headers(size, b"X-Pad", b"a",
                                    head=HEAD.replace(b"sip:1001@", b"sip:" + b"%41" * 800 + b"@"))
    # --- scanner patterns: prefixes that never complete ---------------------
    s["pattern-prefixes-ua"] = fill_headers(size, b"User-Agent", b"friendly-scanne sipvicio sipcl ")
    s["pattern-prefixes-from"] = fill_headers(size, b"X-Pad", b"a", head=HEAD.replace(
        b"\"Alice\"", b"\"" + b"sipviciou " * 700 + b"\""))
    s["pattern-word-misses"] = fill_headers(size, b"User-Agent", b"xfriendly-scannerx ")
    # --- injection shapes that keep the tokeniser busy and never match -------
    s["or-storm"] = fill_headers(size, b"Contact", b"'or", prefix=b"<sip:", suffix=b"@h>")
    s["or-space-storm"] = fill_headers(size, b"Contact", b"' or ", prefix=b"\"", suffix=b"\" <sip:a@h>")
    s["sql-keyword-storm"] = fill_headers(size, b"Contact", b"or and xor like is null union all drop delete insert ",
                                          prefix=b"\"", suffix=b"\" <sip:a@h>")
    s["sql-comment-storm"] = fill_headers(size, b"Contact", b"/**/-- #", prefix=b"<sip:a", suffix=b"@h>")
    s["markup-storm"] = fill_headers(size, b"User-Agent", b"<a href=x> on ")
    s["comma-list"] = fill_headers(size, b"Contact", b"<sip:a@192.0.2.1>,")
    s["angle-storm"] = fill_headers(size, b"Contact", b"<", suffix=b"sip:a@h>")
    s["paren-storm"] = fill_headers(size, b"User-Agent", b"(")
    s["equals-storm"] = fill_headers(size, b"Contact", b"'=", prefix=b"<sip:", suffix=b"@h>")
    # a keyword that looks back (IS) after a parenthesis, in folded From
    # lines: the display name is matched for scanners, then tokenised
    # (found by an attacker review)
    from_is = HEAD.replace(b"From: \"Alice\" <sip:alice@192.0.2.1>;tag=1\r\n", b"")
    lines = [b"(is" * 1200] * ((size - len(from_is) - 4000) // 3603)
    lines.append(b"(is" * ((size - len(from_is) - 3603 * len(lines) - 200) // 3))
    s["is-paren-from"] = pad_to(size, from_is + b"From: \"" + b"\r\n ".join(lines) +
                                b"\" <sip:a@h>;tag=1\r\n", b"Content-Length: 0\r\n\r\n")
    s["is-paren-ua"] = fill_headers(size, b"User-Agent", b"(is")
    # --- bodies ---------------------------------------------------------------
    s["multipart-tiny-parts"] = with_body(size, b"multipart/mixed;boundary=b", b"--b\r\n\r\n\r\n",
                                          body_tail=b"--b--")
    s["multipart-nested"] = with_body(size, b"multipart/mixed;boundary=b",
                                      b"--c\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n",
                                      body_head=b"--b\r\nContent-Type: multipart/alternative;boundary=c\r\n\r\n",
                                      body_tail=b"--c--\r\n--b--")
    s["multipart-boundary-prefixes"] = with_body(size, b"multipart/mixed;boundary=" + b"b" * 70,
                                                 b"--" + b"b" * 69 + b"\r\n",
                                                 body_head=b"--" + b"b" * 70 + b"\r\nContent-Type: application/sdp\r\n\r\n",
                                                 body_tail=b"--" + b"b" * 70 + b"--")
    m = HEAD + b"Content-Length: 0\r\n\r\n"
    m += b"\r\n" * ((size - len(m)) // 2)
    s["smuggle-crlf-storm"] = m + b"I" * (size - len(m))
    return s


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: adversarial.py OUTDIR SIZE...")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for size in map(int, sys.argv[2:]):
        try:
            made = shapes(size)
        except TooSmall:
            # below the sizes the bench uses, some shapes do not fit: make
            # the ones that do, for the fuzzers' seeds
            if size >= 16384:
                raise
            made = {}
            for name, msg in shapes(16384).items():
                if len(msg) <= 16384 and size < len(msg):
                    made["small-" + name] = msg[:size]
        for name, msg in made.items():
            if len(msg) > size:
                msg = msg[:size]
            elif len(msg) < size:
                sys.exit("adversarial.py: %s is %d bytes, not %d" % (name, len(msg), size))
            with open(os.path.join(out, "%d-%s.sip" % (size, name)), "wb") as f:
                f.write(msg)


if __name__ == "__main__":
    main()
