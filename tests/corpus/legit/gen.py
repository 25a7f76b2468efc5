#!/usr/bin/env python3
"""
gen.py: one complete SIP message per entry of values.tsv.

    python3 gen.py values.tsv OUTDIR

Writes OUTDIR/NNNNNN.sip (NNNNNN: the entry's number, from 1) and
OUTDIR/index.tsv (file, values.tsv line, header, start line) so a verdict on
a file can be traced back to its entry. Standard library only; the output
depends only on values.tsv (no randomness: tags, branches and Call-IDs are
hashes of the entry number).

Each message is minimal and well formed: CRLF line ends, a request line (or
a status line), Via, Max-Forwards (requests), From, To, Call-ID, CSeq with
the request's method, Contact, the entry's header, Content-Length: 0 and the
empty line. The entry's header takes the place of the default header of the
same name (compact forms included: f t m i v) instead of adding a second
one; a "Request-URI" entry is the request line's URI, a "Status-Line" entry
a response's status line.

The method follows the header, the way real traffic carries it, cycling
deterministically through the methods where the header is at home:
INVITE, REGISTER, OPTIONS, SUBSCRIBE, MESSAGE for most; INVITE for the
call-setup headers (Identity, Diversion, History-Info, Alert-Info, ...);
REFER for Refer-To; BYE and CANCEL for Reason; the Authorization
entry's digest uri is the Request-URI, a REGISTER when it names no user.
Server, Warning and some Q.850 Reason entries go into responses, with a
status that fits them.
"""
import hashlib
import os
import re
import sys

GENERAL = ["INVITE", "REGISTER", "OPTIONS", "SUBSCRIBE", "MESSAGE"]
NO_REGISTER = ["INVITE", "OPTIONS", "SUBSCRIBE", "MESSAGE"]

# header (lower case, canonical) -> methods it is sent with
POOLS = {
    "identity": ["INVITE"], "identity-info": ["INVITE"], "diversion": ["INVITE"],
    "history-info": ["INVITE"], "alert-info": ["INVITE"], "call-info": ["INVITE", "INVITE", "MESSAGE"],
    "remote-party-id": ["INVITE"], "p-asserted-identity": NO_REGISTER,
    "p-preferred-identity": NO_REGISTER, "subject": ["INVITE", "MESSAGE"],
    "reply-to": ["INVITE", "MESSAGE"], "record-route": ["INVITE", "SUBSCRIBE"],
    "refer-to": ["REFER"], "referred-by": ["REFER", "INVITE"], "reason": ["BYE", "CANCEL"],
    "x-asterisk-hangupcause": ["BYE"], "x-asterisk-hangupcausecode": ["BYE"],
    "x-fs-display-name": ["INVITE", "MESSAGE"], "x-fs-display-number": ["INVITE", "MESSAGE"],
}

COMPACT = {"f": "from", "t": "to", "m": "contact", "i": "call-id", "v": "via", "l": "content-length",
           "s": "subject", "r": "refer-to", "b": "referred-by", "y": "identity", "k": "supported",
           "c": "content-type", "e": "content-encoding", "o": "event", "u": "allow-events",
           "x": "session-expires"}

SERVER_STATUS = [
    (200, "OK", "REGISTER"), (200, "OK", "OPTIONS"), (180, "Ringing", "INVITE"), (200, "OK", "INVITE"),
    (401, "Unauthorized", "REGISTER"), (407, "Proxy Authentication Required", "INVITE"),
    (404, "Not Found", "INVITE"), (486, "Busy Here", "INVITE"), (202, "Accepted", "SUBSCRIBE"),
    (202, "Accepted", "MESSAGE"), (100, "Trying", "INVITE"), (183, "Session Progress", "INVITE"),
    (403, "Forbidden", "REGISTER"), (503, "Service Unavailable", "OPTIONS"),
]
WARN_MEDIA_STATUS = [(488, "Not Acceptable Here", "INVITE"), (606, "Not Acceptable", "INVITE")]
WARN_STATUS = [
    (403, "Forbidden", "INVITE"), (404, "Not Found", "INVITE"), (480, "Temporarily Unavailable", "INVITE"),
    (500, "Server Internal Error", "INVITE"), (503, "Service Unavailable", "INVITE"),
    (486, "Busy Here", "INVITE"), (603, "Decline", "INVITE"), (488, "Not Acceptable Here", "INVITE"),
    (403, "Forbidden", "REGISTER"), (404, "Not Found", "MESSAGE"),
]
# Q.850 cause -> SIP status (RFC 3398 section 8.2.6.1, and 487 for a normal clearing of a cancelled call)
Q850_STATUS = {1: 404, 2: 404, 3: 404, 16: 487, 17: 486, 18: 408, 19: 480, 20: 480, 21: 403,
               22: 410, 26: 404, 27: 502, 28: 484, 29: 501, 31: 480, 34: 503, 38: 503, 41: 503,
               42: 503, 44: 503, 47: 503, 55: 403, 57: 403, 58: 503, 65: 488, 70: 488, 79: 501,
               87: 403, 88: 503, 102: 504, 111: 500, 127: 500}
PHRASE = {100: "Trying", 180: "Ringing", 183: "Session Progress", 200: "OK", 202: "Accepted",
          401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 407: "Proxy Authentication Required",
          408: "Request Timeout", 410: "Gone", 480: "Temporarily Unavailable", 484: "Address Incomplete",
          486: "Busy Here", 487: "Request Terminated", 488: "Not Acceptable Here", 500: "Server Internal Error",
          501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Server Time-out",
          603: "Decline", 606: "Not Acceptable"}


def unescape(s, where):
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        n = s[i + 1:i + 2]
        if n == "\\":
            out += b"\\"
            i += 2
        elif n == "t":
            out += b"\t"
            i += 2
        elif n == "r":
            out += b"\r"
            i += 2
        elif n == "n":
            out += b"\n"
            i += 2
        elif n == "x" and re.match(r"[0-9A-Fa-f]{2}$", s[i + 2:i + 4]):
            out.append(int(s[i + 2:i + 4], 16))
            i += 4
        else:
            raise SystemExit("gen.py: %s: bad escape \\%s" % (where, n))
    return bytes(out)


def read_values(path):
    entries = []
    with open(path, encoding="utf-8", newline="\n") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            if "\t" not in line:
                raise SystemExit("gen.py: %s:%d: no TAB" % (path, lineno))
            h, v = line.split("\t", 1)
            entries.append((lineno, h, unescape(v, "%s:%d" % (path, lineno))))
    return entries


def hx(i, what, n):
    return hashlib.sha256(("%d/%s" % (i, what)).encode()).hexdigest()[:n]


def canon(h):
    h = h.lower()
    return COMPACT.get(h, h)


def uri_in(value):
    """The URI of a name-addr or addr-spec header value (bytes -> str)."""
    v = value.decode("utf-8", "replace")
    m = re.search(r"<([^>]*)>", v)
    if m:
        return m.group(1)
    return v.split(";")[0].strip()


def host_of(uri):
    m = re.match(r"sips?:(?:[^@]*@)?(\[[^\]]+\]|[^;:?>]+)", uri)
    return m.group(1) if m else "example.com"


def plan(i, counter, h, value):
    """(kind, method, status, ruri) for entry number i of header h."""
    c = canon(h)
    n = counter.get(c, 0)
    counter[c] = n + 1
    v = value.decode("utf-8", "replace")

    if c == "server":
        st, ph, m = SERVER_STATUS[n % len(SERVER_STATUS)]
        return "response", m, (st, ph), None
    if c == "warning":
        code = int(v[:3]) if v[:3].isdigit() else 399
        pool = WARN_MEDIA_STATUS if 300 <= code < 399 else WARN_STATUS
        st, ph, m = pool[n % len(pool)]
        return "response", m, (st, ph), None
    if c == "reason":
        q = re.match(r"\s*q\.850\s*;\s*cause\s*=\s*(\d+)", v, re.I)
        if q and n % 3 == 0:
            st = Q850_STATUS.get(int(q.group(1)), 480)
            return "response", "INVITE", (st, PHRASE[st]), None
        sipc = re.match(r"\s*sip\s*;\s*cause\s*=\s*(\d+)", v, re.I)
        if sipc and sipc.group(1) in ("200", "600", "603"):
            return "request", "CANCEL", None, None        # RFC 3326: CANCEL of a forked INVITE
        return "request", POOLS["reason"][n % 2], None, None

    if h == "Status-Line":                                 # the whole status line
        m = re.match(r"SIP/2\.0 (\d{3}) ?(.*)", v)
        return "response", "INVITE", (int(m.group(1)), m.group(2)), None
    if h == "Request-URI":
        if re.match(r"sips?:[^@]*$", v):                   # no user part
            return "request", ["REGISTER", "OPTIONS"][n % 2], None, v
        return "request", NO_REGISTER[n % len(NO_REGISTER)], None, v
    if c in ("authorization", "proxy-authorization"):
        m = re.search(r'\buri="([^"]*)"', v)
        if m:
            uri = m.group(1)
            if re.match(r"sips?:[^@]*$", uri):
                return "request", "REGISTER", None, uri
            return "request", ["INVITE", "SUBSCRIBE", "MESSAGE"][n % 3], None, uri
        return "request", GENERAL[n % len(GENERAL)], None, None
    if c == "contact":
        if v.strip() == "*":
            return "request", "REGISTER", None, None
        if re.search(r"expires=|reg-id=|\+sip\.instance", v):
            return "request", ["REGISTER", "REGISTER", "INVITE", "SUBSCRIBE"][n % 4], None, None
        return "request", GENERAL[n % len(GENERAL)], None, None
    if c in ("from", "to"):
        pool = NO_REGISTER if uri_in(value).startswith("tel:") else GENERAL
        return "request", pool[n % len(pool)], None, None
    pool = POOLS.get(c, GENERAL)
    return "request", pool[n % len(pool)], None, None


def build(i, h, value, kind, method, status, ruri):
    c = canon(h)
    ip = "192.0.2.10"
    ftag = hx(i, "ftag", 10)
    ttag = hx(i, "ttag", 8)
    aor = b"<sip:alice@example.com>"
    callee = b"<sip:bob@example.com>"
    if ruri is None:
        ruri = "sip:example.com" if method == "REGISTER" else "sip:bob@example.com"
        if c == "to" and kind == "request":
            u = uri_in(value)
            if u.startswith(("sip:", "sips:", "tel:")):
                ruri = ("sip:" + host_of(u)) if method == "REGISTER" else u.split("?")[0]
    in_dialog = method in ("BYE", "REFER") or kind == "response"
    cseq = (i * 7) % 9000 + 1

    hdrs = [
        [b"Via", ("SIP/2.0/UDP %s:5060;branch=z9hG4bK%s" % (ip, hx(i, "branch", 16))).encode()],
    ]
    if kind == "request":
        hdrs.append([b"Max-Forwards", b"70"])
    hdrs += [
        [b"From", aor + b";tag=" + ftag.encode()],
        [b"To", (aor if method == "REGISTER" else callee) +
         ((b";tag=" + ttag.encode()) if in_dialog and not (status and status[0] == 100) else b"")],
        [b"Call-ID", ("%s@%s" % (hx(i, "callid", 24), ip)).encode()],
        [b"CSeq", ("%d %s" % (cseq, method)).encode()],
    ]
    want_contact = kind == "request" and method not in ("CANCEL", "BYE") or \
        (kind == "response" and status[0] < 300 and status[0] > 100 and method in ("INVITE", "REGISTER", "SUBSCRIBE"))
    if want_contact:
        if kind == "request":
            hdrs.append([b"Contact", ("<sip:alice@%s:5060>" % ip).encode()])
        elif method == "REGISTER":
            hdrs.append([b"Contact", ("<sip:alice@%s:5060>;expires=3600" % ip).encode()])
        else:
            hdrs.append([b"Contact", b"<sip:bob@198.51.100.20:5060>"])
    if method == "SUBSCRIBE" and c != "event":
        hdrs.append([b"Event", b"presence"])
    if method == "REFER" and c != "refer-to":
        hdrs.append([b"Refer-To", b"<sip:carol@example.com>"])
    if c == "contact" and value.strip() == b"*":
        hdrs.append([b"Expires", b"0"])

    if h not in ("Request-URI", "Status-Line"):
        name = h.encode()
        placed = False
        for hd in hdrs:
            if canon(hd[0].decode()) == c:
                if c == "via" and not re.match(rb"SIP\s*/\s*2\.0\s*/\s*UDP", value, re.I):
                    # a hop over another transport: below the UDP hop that sent this datagram
                    hdrs.insert(hdrs.index(hd) + 1, [name, value])
                else:
                    hd[0], hd[1] = name, value
                placed = True
                break
        if not placed:
            if c in ("record-route", "route"):
                hdrs.insert(1 if c == "record-route" else 2, [name, value])
            else:
                hdrs.append([name, value])
    hdrs.append([b"Content-Length", b"0"])

    if kind == "request":
        start = ("%s %s SIP/2.0" % (method, ruri)).encode("utf-8")
    else:
        start = ("SIP/2.0 %d %s" % status).encode("utf-8")
    msg = start + b"\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in hdrs) + b"\r\n"
    return msg, start.decode("utf-8", "replace")


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: gen.py values.tsv OUTDIR\n")
        return 2
    src, outdir = sys.argv[1], sys.argv[2]
    entries = read_values(src)
    os.makedirs(outdir, exist_ok=True)
    counter = {}
    index = ["# file\tline\theader\tstart-line"]
    for i, (lineno, h, value) in enumerate(entries, 1):
        kind, method, status, ruri = plan(i, counter, h, value)
        msg, start = build(i, h, value, kind, method, status, ruri)
        name = "%06d.sip" % i
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(msg)
        index.append("%s\t%d\t%s\t%s" % (name, lineno, h, start))
    with open(os.path.join(outdir, "index.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(index) + "\n")
    print("gen.py: %d messages" % len(entries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
