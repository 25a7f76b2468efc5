#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
corpus_msgs.py TSV OUTDIR: one SIP message per entry of a header-value
corpus (tests/corpus/*/README: HEADER<TAB>VALUE), built as
tests/unit/test_inject.c builds them: the value in the Request-URI
("Request-URI"), as a status line ("Status-Line"), in place of the
template's header of that name (compact forms too), or as one more header;
Server and Warning in a 200 OK. Prints how many it wrote.
"""
import os
import re
import sys

TEMPLATE = [("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-t%d"),
            ("Max-Forwards", "70"),
            ("From", "<sip:alice@192.0.2.10>;tag=%d"),
            ("To", "<sip:bob@192.0.2.1>"),
            ("Call-ID", "t%d@192.0.2.10"),
            ("CSeq", "1 INVITE"),
            ("Contact", "<sip:alice@192.0.2.10:5060>")]
COMPACT = {"f": "from", "t": "to", "i": "call-id", "m": "contact", "v": "via",
           "l": "content-length"}


def unescape(v):
    """The corpus escapes: \\\\ \\t \\r \\n \\xHH."""
    out, i = bytearray(), 0
    while i < len(v):
        if v[i:i + 2] == b"\\x":
            out.append(int(v[i + 2:i + 4], 16))
            i += 4
        elif v[i:i + 1] == b"\\" and i + 1 < len(v):
            out += {b"\\": b"\\", b"t": b"\t", b"r": b"\r", b"n": b"\n"}[v[i + 1:i + 2]]
            i += 2
        else:
            out += v[i:i + 1]
            i += 1
    return bytes(out)


def build(n, h, value):
    canon = COMPACT.get(h.lower(), h.lower())
    status = h == "Status-Line"
    response = status or canon in ("server", "warning")
    if status:
        start = value
    elif response:
        start = b"SIP/2.0 200 OK"
    elif h == "Request-URI":
        start = b"INVITE " + value + b" SIP/2.0"
    else:
        start = b"INVITE sip:bob@192.0.2.1 SIP/2.0"
    lines, placed = [start], h in ("Request-URI", "Status-Line")
    for name, v in TEMPLATE:
        v = (v % n if "%d" in v else v).encode()
        if not placed and canon == name.lower():
            lines.append(h.encode() + b": " + value)
            placed = True
        else:
            lines.append(name.encode() + b": " + v)
    if not placed:
        lines.append(h.encode() + b": " + value)
    lines.append(b"Content-Length: 0")
    return b"\r\n".join(lines) + b"\r\n\r\n"


def main():
    tsv, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    n = 0
    for line in open(tsv, "rb"):
        line = line.rstrip(b"\n")
        if not line or line.startswith(b"#") or b"\t" not in line:
            continue
        h, v = line.split(b"\t", 1)
        n += 1
        with open(os.path.join(out, "%06d.sip" % n), "wb") as f:
            f.write(build(n, h.decode(), unescape(v)))
    print("%d messages" % n)


if __name__ == "__main__":
    main()
