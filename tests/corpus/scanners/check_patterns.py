#!/usr/bin/env python3
"""Check tests/corpus/scanners/PATTERNS.txt against SIP messages.

Usage: check_patterns.py [--pcap] FILE_OR_DIR...
Prints one line per (file, pattern) hit. Semantics follow PATTERNS.txt:
case-insensitive, on unfolded header values; FIELD ua = User-Agent/Server,
from/to/contact = whole value (compact f/t/m too), header = any header
value, sdp = value of any body line s=... or o=...; MATCH substring, word
(non-alphanumeric or edge on both sides), word-start (on the left only).
--pcap reads *.pcap with tshark (sip.msg_hdr plus sdp.session_name/owner).
"""
import os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
COMPACT = {"f": "from", "t": "to", "m": "contact", "i": "call-id", "v": "via",
           "l": "content-length", "c": "content-type", "k": "supported",
           "s": "subject", "e": "content-encoding", "o": "event",
           "r": "refer-to", "u": "allow-events", "b": "referred-by",
           "x": "session-expires", "y": "identity", "a": "accept-contact",
           "d": "request-disposition", "j": "reject-contact", "n": "identity-info"}

def load_patterns(path=os.path.join(HERE, "PATTERNS.txt")):
    pats = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            continue
        s, field, match, tool, why = line.split("\t")
        assert field in ("ua", "from", "to", "contact", "header", "sdp"), field
        assert match in ("substring", "word", "word-start"), match
        pats.append((s, field, match, why.startswith("opt-in:")))
    return pats

def fields_of(headers, sdp_values):
    """headers: list of (lower-case full name, value)."""
    f = {"ua": [], "from": [], "to": [], "contact": [], "header": [], "sdp": sdp_values}
    for name, value in headers:
        f["header"].append(value)
        if name in ("user-agent", "server"):
            f["ua"].append(value)
        elif name in ("from", "to", "contact"):
            f[name].append(value)
    return f

def parse_message(data):
    text = data.decode("latin-1")
    m = re.search(r"\r?\n\r?\n", text)
    head, body = (text[:m.start()], text[m.end():]) if m else (text, "")
    lines = re.split(r"\r?\n", head)[1:]
    unfolded = []
    for ln in lines:
        if ln[:1] in (" ", "\t") and unfolded:
            unfolded[-1] += " " + ln.strip()
        else:
            unfolded.append(ln)
    headers = []
    for ln in unfolded:
        if ":" not in ln:
            continue
        name, value = ln.split(":", 1)
        name = name.strip().lower()
        headers.append((COMPACT.get(name, name), value.strip()))
    sdp = [l[2:].strip() for l in re.split(r"\r?\n", body) if l[:2] in ("s=", "o=")]
    return fields_of(headers, sdp)

def hit(value, pat, match):
    v, p = value.lower(), pat.lower()
    start = 0
    while True:
        i = v.find(p, start)
        if i < 0:
            return False
        left_ok = i == 0 or not v[i - 1].isalnum()
        right_ok = i + len(p) == len(v) or not v[i + len(p)].isalnum()
        if match == "substring" or (match == "word-start" and left_ok) or \
           (match == "word" and left_ok and right_ok):
            return True
        start = i + 1

def check(fields, pats):
    return [(s, field, match, optin) for s, field, match, optin in pats
            if any(hit(val, s, match) for val in fields[field])]

def pcap_messages(path):
    out = subprocess.run(
        ["tshark", "-r", path, "-Y", "sip", "-T", "fields", "-E", "separator=\x01",
         "-e", "frame.number", "-e", "sip.msg_hdr", "-e", "sdp.session_name", "-e", "sdp.owner"],
        capture_output=True, text=True, errors="replace").stdout
    for line in out.splitlines():
        parts = (line.split("\x01") + ["", "", "", ""])[:4]
        frame, hdr, sname, owner = parts
        hdr = hdr.replace("\\r\\n", "\r\n")
        sdp = [x for x in sname.split(",") + owner.split(",") if x]
        data = ("X\r\n" + hdr + "\r\n").encode("latin-1", "replace")
        f = parse_message(data)
        f["sdp"] = sdp
        yield "%s#%s" % (os.path.basename(path), frame), f

def main(argv):
    pats = load_patterns()
    use_pcap = "--pcap" in argv
    paths = [a for a in argv if a != "--pcap"]
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, n) for n in os.listdir(p))
        else:
            files.append(p)
    nmsg = nhit = 0
    for fn in files:
        if fn.endswith(".pcap"):
            if not use_pcap:
                continue
            msgs = list(pcap_messages(fn))
        elif fn.endswith((".sip", ".bin")):
            msgs = [(os.path.basename(fn), parse_message(open(fn, "rb").read()))]
        else:
            continue
        for name, f in msgs:
            nmsg += 1
            for s, field, match, optin in check(f, pats):
                nhit += 1
                print("%s\t%s\t%s\t%s%s" % (name, s, field, match, "\topt-in" if optin else ""))
    print("# %d messages, %d hits" % (nmsg, nhit), file=sys.stderr)

if __name__ == "__main__":
    main(sys.argv[1:])
