#!/usr/bin/env python3
"""Loopback capture responder used for tests/corpus/scanners (see SOURCES.md).
Capture every UDP datagram sent to 127.0.0.1:PORT into OUTDIR/NNN.bin and
answer like a tiny registrar so scanners proceed. Loopback only. Stops after
MAXN datagrams or TIMEOUT seconds."""
import socket, sys, os, time, re
outdir, port = sys.argv[1], int(sys.argv[2])
maxn = int(sys.argv[3]) if len(sys.argv) > 3 else 50
tmo = float(sys.argv[4]) if len(sys.argv) > 4 else 60
known = set((sys.argv[5] if len(sys.argv) > 5 else "100,200").split(","))
os.makedirs(outdir, exist_ok=True)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port)); s.settimeout(1.0)
n = 0; end = time.time() + tmo
def hdr(msg, names):
    out = []
    for line in msg.split("\r\n")[1:]:
        if not line: break
        k = line.split(":", 1)[0].strip().lower()
        if k in names: out.append(line)
    return out
while n < maxn and time.time() < end:
    try: data, addr = s.recvfrom(65535)
    except socket.timeout: continue
    n += 1
    open(os.path.join(outdir, "%03d.bin" % n), "wb").write(data)
    msg = data.decode("latin1")
    first = msg.split("\r\n", 1)[0]
    parts = first.split(" ")
    if len(parts) < 3 or parts[0] in ("ACK",) or parts[0].startswith("SIP/"): continue
    meth = parts[0]
    user = None
    m = re.search(r"^(?:To|t):[^\r\n]*?sip:([^@>;\r\n]+)@", msg, re.M | re.I)
    if m: user = m.group(1)
    hasauth = re.search(r"^(Authorization|Proxy-Authorization):", msg, re.M | re.I)
    if meth == "OPTIONS": code = "200 OK"
    elif meth == "REGISTER":
        if user not in known: code = "404 Not Found"
        elif hasauth: code = "403 Forbidden"
        else: code = "401 Unauthorized"
    elif meth == "INVITE": code = "404 Not Found" if user not in known else "401 Unauthorized"
    else: code = "200 OK"
    vias = hdr(msg, ("via", "v")); fr = hdr(msg, ("from", "f")); to = hdr(msg, ("to", "t"))
    cid = hdr(msg, ("call-id", "i")); cseq = hdr(msg, ("cseq",))
    to2 = [t + (";tag=srv1" if "tag=" not in t else "") for t in to]
    r = ["SIP/2.0 " + code] + vias + fr + to2 + cid + cseq
    if code.startswith("401"):
        r.append('WWW-Authenticate: Digest algorithm=MD5, realm="asterisk", nonce="1b2c3d4e"')
    if meth == "OPTIONS":
        r.append("Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REGISTER")
    r += ["Server: testpbx", "Content-Length: 0", "", ""]
    s.sendto("\r\n".join(r).encode("latin1"), addr)
print("captured", n)
