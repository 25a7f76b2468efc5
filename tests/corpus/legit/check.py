#!/usr/bin/env python3
"""
check.py: verify that every message gen.py wrote is well formed.

    python3 check.py OUTDIR

For each OUTDIR/*.sip: a request or status line; every line ends with CRLF
(no bare CR or LF anywhere); exactly one empty line, ending the header
section; every header line is "name: value" with a token name, or a fold
(starting with SP or HTAB) after a header; no control byte other than HTAB;
UTF-8; Via, From, To, Call-ID, CSeq present (and Max-Forwards in requests),
From, To, Call-ID, CSeq and Content-Length once each (compact forms counted);
CSeq is "number method" with the request's method; Content-Length equals the
body's length. Prints the problems and "check.py: N ok, M bad".
"""
import os
import re
import sys

COMPACT = {"f": "from", "t": "to", "m": "contact", "i": "call-id", "v": "via", "l": "content-length",
           "s": "subject", "r": "refer-to", "b": "referred-by", "y": "identity", "k": "supported",
           "c": "content-type", "e": "content-encoding", "o": "event", "u": "allow-events",
           "x": "session-expires"}
TOKEN = re.compile(rb"^[A-Za-z0-9\-.!%*_+`'~]+$")
REQ = re.compile(rb"^([A-Z]+) (\S+) SIP/2\.0$")
RESP = re.compile(rb"^SIP/2\.0 [1-6]\d\d [^\r\n]+$")


def check(data):
    errs = []
    if re.search(rb"\r(?!\n)", data) or re.search(rb"(?<!\r)\n", data):
        errs.append("a line does not end with CRLF")
    if data.count(b"\r\n\r\n") != 1:
        errs.append("%d empty lines, not 1" % data.count(b"\r\n\r\n"))
        return errs
    head, body = data.split(b"\r\n\r\n", 1)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        errs.append("header section is not UTF-8")
    if re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", head.replace(b"\r\n", b"")):
        errs.append("control byte in the header section")
    lines = head.split(b"\r\n")
    start, rest = lines[0], lines[1:]
    rm = REQ.match(start)
    if not rm and not RESP.match(start):
        errs.append("bad start line %r" % start[:80])
    fields = []
    for ln in rest:
        if ln[:1] in (b" ", b"\t"):
            if not fields:
                errs.append("fold before the first header")
            else:
                fields[-1][1] += b" " + ln.strip(b" \t")
            continue
        if b":" not in ln:
            errs.append("header line without a colon: %r" % ln[:60])
            continue
        name, value = ln.split(b":", 1)
        name = name.strip(b" \t")
        if not TOKEN.match(name):
            errs.append("bad header name %r" % name)
        fields.append([name.decode().lower(), value.strip(b" \t")])
    names = [COMPACT.get(n, n) for n, v in fields]
    need = ["via", "from", "to", "call-id", "cseq"] + (["max-forwards"] if rm else [])
    for n in need:
        if n not in names:
            errs.append("no %s" % n)
    for n in ["from", "to", "call-id", "cseq", "content-length", "max-forwards"]:
        if names.count(n) > 1:
            errs.append("%s %d times" % (n, names.count(n)))
    for n, v in fields:
        n = COMPACT.get(n, n)
        if n == "cseq":
            m = re.match(rb"^(\d+)\s+([A-Za-z]+)$", v)
            if not m:
                errs.append("bad CSeq %r" % v)
            elif rm and m.group(2) != rm.group(1):
                errs.append("CSeq method %r, request %r" % (m.group(2), rm.group(1)))
        if n == "content-length":
            if not v.isdigit() or int(v) != len(body):
                errs.append("Content-Length %r, body %d bytes" % (v, len(body)))
        if n in ("via", "from", "to", "call-id") and not v:
            errs.append("empty %s" % n)
    if "content-length" not in names:
        errs.append("no Content-Length")
    return errs


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: check.py OUTDIR\n")
        return 2
    d = sys.argv[1]
    ok = bad = 0
    for name in sorted(os.listdir(d)):
        if not name.endswith(".sip"):
            continue
        with open(os.path.join(d, name), "rb") as f:
            errs = check(f.read())
        if errs:
            bad += 1
            print("%s: %s" % (name, "; ".join(errs)))
        else:
            ok += 1
    print("check.py: %d ok, %d bad" % (ok, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
