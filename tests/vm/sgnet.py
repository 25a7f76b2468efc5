#!/usr/bin/env python3
"""Traffic helpers for the VM tests: small UDP/TCP peers with exact counts.

  sgnet.py udp-serve PORT LOG [--family 4|6]
      receive datagrams on PORT, append "<len>" per datagram to LOG, answer
      each with "ok" (so conntrack sees a reply), or with --answer TEXT
  sgnet.py udp-send HOST PORT [--sport N] [--size N] [--count N]
            [--interval S] [--payload FILE] [--reply]
  sgnet.py raw-send DST (--src ADDR | --random-v6 [--within48] | --random-v4)
            [--count N] [--rate PPS] [--payload FILE]... [--times FILE]
      REGISTERs from a spoofed source, or from random /64s of 2001:db8::/32
      (of 2001:db8:66::/48), or from random addresses of 198.18.0.0/15
  sgnet.py registrar PORT LOG      answer every REGISTER with 401
  sgnet.py udp-judge HOST PORT PID FILE...
      send each file as a datagram, print the verdict sipguard gave it in
      the netns of process PID (which counter of its stats moved)
  sgnet.py options HOST [--transport T]   print a valid OPTIONS request
  sgnet.py guess HOST PORT USER PASSWORDS [--rate N] [--transport udp|tcp]
      password guessing as a phone registers (REGISTER, 401, REGISTER with
      the digest of the next password), N guesses a second
  sgnet.py udp-gso HOST PORT [--size N] FILE...
      one UDP_SEGMENT send: an OPTIONS of N bytes, then the FILEs, as
      datagrams of one GSO skb
  sgnet.py tcp-serve PORT LOG      accept, append "<len>" per recv to LOG
  sgnet.py tcp-client HOST PORT [--sport N]
      connect, then send each message of standard input (up to and with
      its empty line) in one write
"""
import argparse
import os
import random
import struct
import socket
import sys
import time


SO_RCVBUFFORCE = getattr(socket, "SO_RCVBUFFORCE", 33)   # <asm-generic/socket.h>


def family_of(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def log_line(path, text):
    with open(path, "a") as f:
        f.write(text + "\n")
        f.flush()


def udp_serve(a):
    fam = socket.AF_INET6 if a.family == 6 else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # 4 MiB of receive buffer (SO_RCVBUFFORCE, past rmem_max: the tests run
    # as root): a flood counted here must not lose datagrams to this
    # process being descheduled on a loaded host
    s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 4 << 20)
    s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", a.port))
    log = open(a.log, "w")
    while True:
        data, peer = s.recvfrom(65535)
        log.write("%d\n" % len(data))
        log.flush()
        if not a.quiet:
            try:
                s.sendto(a.answer.encode().replace(b"\\r\\n", b"\r\n")
                         if a.answer else b"ok", peer)
            except OSError:
                pass    # a spoofed source without a route back


def sip_options(host, size=0, transport="UDP"):
    """A valid OPTIONS request, padded to `size` bytes with a text body."""
    def build(body_len):
        return ("OPTIONS sip:test@%s SIP/2.0\r\n"
                "Via: SIP/2.0/%s client.invalid;branch=z9hG4bK-%d\r\n"
                "Max-Forwards: 70\r\n"
                "From: <sip:client@client.invalid>;tag=1\r\n"
                "To: <sip:test@%s>\r\n"
                "Call-ID: sgnet-%d@client.invalid\r\n"
                "CSeq: 1 OPTIONS\r\n"
                "Content-Type: text/plain\r\n"
                "Content-Length: %d\r\n\r\n" % (host, transport, os.getpid(), host,
                                                   os.getpid(), body_len)).encode()
    # the body fills what the headers leave; its Content-Length digits
    # take room too, so shrink it until the whole message fits
    body = max(0, size - len(build(0)))
    while body and len(build(body)) + body > size:
        body -= 1
    return build(body) + b"x" * body


def payload_of(a):
    if a.payload:
        with open(a.payload, "rb") as f:
            return f.read()
    return sip_options(a.host, a.size)


def udp_send(a):
    s = socket.socket(family_of(a.host), socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if a.sport or a.bind:
        s.bind((a.bind or ("::" if family_of(a.host) == socket.AF_INET6 else "0.0.0.0"),
                a.sport))
    s.settimeout(a.timeout)
    data = payload_of(a)
    replies = 0
    for i in range(a.count):
        s.sendto(data, (a.host, a.port))
        if a.reply:
            try:
                s.recvfrom(65535)
                replies += 1
            except socket.timeout:
                pass
        if a.interval:
            time.sleep(a.interval)
    if a.then:
        # one more datagram right after the others, from the same socket
        # and process: no process start between them
        with open(a.then, "rb") as f:
            s.sendto(f.read(), (a.host, a.port))
    if a.reply:
        return 0 if replies == a.count else 1
    return 0


def register(host, src, sport, n):
    return ("REGISTER sip:%s SIP/2.0\r\n"
            "Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-r%d\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:100@%s>;tag=r%d\r\n"
            "To: <sip:100@%s>\r\n"
            "Call-ID: r%d@%s\r\n"
            "CSeq: %d REGISTER\r\n"
            "Contact: <sip:100@%s:%d>\r\n"
            "Content-Length: 0\r\n\r\n" % (host, src, sport, n, host, n, host, n, src,
                                              n + 1, src, sport)).encode()


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def raw_udp(src, dst, sport, dport, payload):
    """An IP packet with a UDP datagram, from any source address."""
    ulen = 8 + len(payload)
    if ":" in dst:
        s6, d6 = socket.inet_pton(socket.AF_INET6, src), socket.inet_pton(socket.AF_INET6, dst)
        pseudo = s6 + d6 + struct.pack("!IxxxB", ulen, 17)
        udp = struct.pack("!HHHH", sport, dport, ulen, 0) + payload
        udp = udp[:6] + struct.pack("!H", csum(pseudo + udp) or 0xffff) + udp[8:]
        return struct.pack("!IHBB", 6 << 28, ulen, 17, 64) + s6 + d6 + udp
    s4, d4 = socket.inet_aton(src), socket.inet_aton(dst)
    udp = struct.pack("!HHHH", sport, dport, ulen, 0) + payload   # checksum optional in IPv4
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + ulen, 0, 0, 64, 17, 0, s4, d4) + udp


def pace(start, n, rate):
    """Sleep until packet n + 1 of a flow at `rate` per second is due."""
    if rate:
        delay = start + (n + 1) / rate - time.time()
        if delay > 0:
            time.sleep(delay)


def raw_send_random_v6(a, s):
    """The --random-v6 flood, fast enough for 200 000 sources under TCG: one
    packet built once per payload (a REGISTER, or each --payload file in
    turn); per packet only the 32 random bits of the source
    (2001:db8:x:y::1, x and y random) change, and the UDP checksum is adjusted for
    them (RFC 1624) instead of summed again."""
    rnd = random.Random(a.seed)
    payloads = []
    for path in a.payload or []:
        with open(path, "rb") as f:
            payloads.append(f.read())
    # --within48: 2001:db8:66:x:y::1, the /64s of one /48
    src = "2001:db8:66::1" if a.within48 else "2001:db8::1"
    off = 14 if a.within48 else 12
    pkts = [bytearray(raw_udp(src, a.dst, a.sport, a.dport, p))
            for p in payloads or [register(a.dst, src, a.sport, 0)]]
    bases = [struct.unpack_from("!H", p, 46)[0] for p in pkts]
    start = time.time()
    for n in range(a.count):
        pkt, base = pkts[n % len(pkts)], bases[n % len(pkts)]
        x, y = rnd.getrandbits(16), rnd.getrandbits(16)
        struct.pack_into("!HH", pkt, off, x, y)     # source address words 2, 3 (or 3, 4)
        c = (~base & 0xffff) + x + y                 # ~HC' = ~HC + m' (old words 0)
        c = (c & 0xffff) + (c >> 16)
        c = (c & 0xffff) + (c >> 16)
        struct.pack_into("!H", pkt, 46, (~c & 0xffff) or 0xffff)
        s.sendto(pkt, (a.dst, 0))
        pace(start, n, a.rate)
    return 0


def raw_send_random_v4(a, s):
    """The same from random IPv4 sources of 198.18.0.0/15 (RFC 2544's
    benchmarking range): the kernel fills the IP checksum in, and UDP over
    IPv4 may go without one."""
    rnd = random.Random(a.seed)
    payloads = [open(f, "rb").read() for f in a.payload or []]
    pkts = [bytearray(raw_udp("198.18.0.1", a.dst, a.sport, a.dport, p))
            for p in payloads or [register(a.dst, "198.18.0.1", a.sport, 0)]]
    for p in pkts:
        struct.pack_into("!H", p, 26, 0)            # no UDP checksum
    start = time.time()
    for n in range(a.count):
        pkt = pkts[n % len(pkts)]
        struct.pack_into("!H", pkt, 14, rnd.getrandbits(16))
        pkt[13] = 18 + (rnd.getrandbits(1))         # 198.18-19.x.y
        s.sendto(pkt, (a.dst, 0))
        pace(start, n, a.rate)
    return 0


def raw_send(a):
    """REGISTERs from a spoofed source (--src), or from --random-v6 random
    /64s of 2001:db8::/32 (documentation addresses only), paced at --rate.
    --times FILE: the first and last send's wall-clock times written there."""
    fam = socket.AF_INET6 if ":" in a.dst else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_RAW, socket.IPPROTO_RAW)
    t0 = time.time()
    if a.random_v6:
        rc = raw_send_random_v6(a, s)
    elif a.random_v4:
        rc = raw_send_random_v4(a, s)
    else:
        rc = raw_send_spoofed(a, s)
    if a.times:
        with open(a.times, "w") as f:
            f.write("%.6f %.6f\n" % (t0, time.time()))
    return rc


def raw_send_spoofed(a, s):
    start = time.time()
    payloads = [open(f, "rb").read() for f in a.payload or []]
    for n in range(a.count):
        body = (payloads[n % len(payloads)] if payloads
                else register(a.dst, a.src, a.sport, n))
        pkt = raw_udp(a.src, a.dst, a.sport, a.dport, body)
        s.sendto(pkt, (a.dst, 0))
        pace(start, n, a.rate)
    return 0


def registrar(a):
    """A stand-in registrar: answers every REGISTER with 401 to its source,
    logs "<source> <method>" per request."""
    fam = socket.AF_INET6 if a.family == 6 else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    if fam == socket.AF_INET6:
        # beside an IPv4 registrar on the same port
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", a.port))
    open(a.log, "w").close()
    while True:
        data, peer = s.recvfrom(65535)
        method = data.split(b" ", 1)[0].decode(errors="replace")
        log_line(a.log, "%s %s" % (peer[0], method))
        if method == "REGISTER":
            try:
                s.sendto(b"SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP x\r\n"
                         b"WWW-Authenticate: Digest realm=\"x\", nonce=\"1\"\r\n"
                         b"Content-Length: 0\r\n\r\n", peer)
            except OSError:
                pass    # EPERM: sipguard's reflection guard held it back


def read_stats(pid):
    stats = {}
    with open("/proc/%d/net/sipguard/stats" % pid) as f:
        for line in f:
            k, v = line.split()
            stats[k] = int(v)
    return stats


def udp_judge(a):
    """Send each file as one datagram; print which counter the server
    netns' sipguard moved: 'FILE accept' or 'FILE drop REASON'."""
    s = socket.socket(family_of(a.host), socket.SOCK_DGRAM)
    for path in a.files:
        with open(path, "rb") as f:
            data = f.read()
        before = read_stats(a.pid)
        s.sendto(data, (a.host, a.port))
        verdict = "none"
        # stops at the first counter that moves; the bound is only for a
        # datagram that never arrives (a loaded guest can take seconds)
        deadline = time.time() + 30
        while time.time() < deadline:
            after = read_stats(a.pid)
            moved = [k for k in after if after[k] != before.get(k)
                     and (k == "accepted" or k.startswith("drop_"))]
            if moved:
                verdict = ("accept" if moved[0] == "accepted"
                           else "drop " + moved[0][5:])
                break
            time.sleep(0.01)
        print("%s %s" % (path, verdict), flush=True)
    return 0


def tcp_serve(a):
    fam = socket.AF_INET6 if a.family == 6 else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", a.port))
    s.listen(16)
    open(a.log, "w").close()
    while True:
        c, _ = s.accept()
        pending = b""
        try:
            while True:
                data = c.recv(65535)
                if not data:
                    break
                log_line(a.log, str(len(data)))
                if not a.answer:
                    c.sendall(b"ok")
                    continue
                # --answer: once per header section that ended (bodies
                # are not used here), however the stream was cut
                pending += data
                k = pending.count(b"\r\n\r\n")
                if k:
                    pending = pending[pending.rfind(b"\r\n\r\n") + 4:]
                    c.sendall(a.answer.encode().replace(b"\\r\\n", b"\r\n") * k)
                else:
                    pending = pending[-3:]
        except OSError:
            pass        # a peer that resets: serve the next one
        c.close()


def tcp_client(a):
    s = socket.socket(family_of(a.host), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if a.sport:
        s.bind(("::" if family_of(a.host) == socket.AF_INET6 else "0.0.0.0", a.sport))
    s.connect((a.host, a.port))
    # One write per message, as SIP stacks do: lines are gathered up to
    # the empty line that ends a header section (bodies are not used here).
    msg = b""
    for line in sys.stdin.buffer:
        msg += line
        if line in (b"\r\n", b"\n"):
            s.sendall(msg)
            msg = b""
    if msg:
        s.sendall(msg)
    if a.expect:
        # count the answers that start with "SIP/2.0 " until --expect of
        # them came or the peer went quiet for --timeout seconds
        s.settimeout(a.timeout)
        got, buf = 0, b""
        try:
            while got < a.expect:
                data = s.recv(65535)
                if not data:
                    break
                buf += data
                got = buf.count(b"SIP/2.0 ")
        except socket.timeout:
            pass
        print(got, flush=True)
    s.close()


def udp_gso(a):
    """One UDP_SEGMENT send: a valid OPTIONS padded to --size bytes, then
    each FILE (at most --size bytes): one GSO skb of several datagrams,
    which veth passes on whole."""
    s = socket.socket(family_of(a.host), socket.SOCK_DGRAM)
    first = sip_options(a.host, a.size)
    rest = [open(f, "rb").read() for f in a.files]
    assert len(first) == a.size and all(len(r) <= a.size for r in rest[-1:]), "sizes"
    assert all(len(r) == a.size for r in rest[:-1]), "all but the last must be --size"
    s.setsockopt(socket.IPPROTO_UDP, 103, a.size)      # UDP_SEGMENT
    s.sendto(first + b"".join(rest), (a.host, a.port))
    return 0


def digest_register(host, user, pw, callid, cseq, transport, local, challenge):
    """A REGISTER for `user`, with a digest answer to `challenge` (the
    WWW-Authenticate value) computed from `pw`, or without credentials."""
    import hashlib
    import re
    auth = ""
    if challenge is not None:
        prm = dict(re.findall(r'(\w+)="?([^",]*)"?', challenge))
        uri = "sip:%s" % host
        md5 = lambda t: hashlib.md5(t.encode()).hexdigest()
        ha1 = md5("%s:%s:%s" % (user, prm.get("realm", ""), pw))
        ha2 = md5("REGISTER:%s" % uri)
        if "auth" in prm.get("qop", ""):
            cnonce, nc = "%08x" % random.getrandbits(32), "00000001"
            resp = md5("%s:%s:%s:%s:auth:%s" % (ha1, prm["nonce"], nc, cnonce, ha2))
            extra = ', qop=auth, nc=%s, cnonce="%s"' % (nc, cnonce)
        else:
            resp = md5("%s:%s:%s" % (ha1, prm["nonce"], ha2))
            extra = ""
        auth = ('Authorization: Digest username="%s", realm="%s", nonce="%s", '
                'uri="%s", response="%s", algorithm=MD5%s\r\n'
                % (user, prm.get("realm", ""), prm["nonce"], uri, resp, extra))
    return ("REGISTER sip:%s SIP/2.0\r\n"
            "Via: SIP/2.0/%s %s;branch=z9hG4bK-%s-%d\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:%s@%s>;tag=%s\r\n"
            "To: <sip:%s@%s>\r\n"
            "Call-ID: %s\r\n"
            "CSeq: %d REGISTER\r\n"
            "Contact: <sip:%s@%s>\r\n"
            "%s"
            "Expires: 3600\r\n"
            "User-Agent: Yealink SIP-T46S 66.86.0.15\r\n"
            "Content-Length: 0\r\n\r\n"
            % (host, transport, local, callid, cseq, user, host, callid[:8], user, host,
               callid, cseq, user, local, auth)).encode()


def guess(a):
    """Password guessing as a phone registers: per guess a REGISTER, its
    401, a REGISTER with the digest of the next password; `rate` guesses a
    second, each on a fresh Call-ID. Prints "found PASSWORD" on a 200, and
    a summary line."""
    import re
    pws = [l.rstrip("\n") for l in open(a.passwords)]
    tcp = a.transport == "tcp"
    s = socket.socket(family_of(a.host), socket.SOCK_STREAM if tcp else socket.SOCK_DGRAM)
    s.connect((a.host, a.port))
    local = "%s:%d" % s.getsockname()[:2]
    buf = b""

    def recv_status(deadline):
        nonlocal buf
        while True:
            m = re.match(rb"SIP/2.0 (\d+)[^\r\n]*\r\n(.*?)\r\n\r\n", buf, re.S)
            if m:
                clen = re.search(rb"(?im)^(?:content-length|l)\s*:\s*(\d+)", m.group(2))
                end = m.end() + (int(clen.group(1)) if clen else 0)
                if len(buf) >= end:
                    msg, buf = buf[:end], buf[end:]
                    if not tcp:
                        buf = b""
                    return int(m.group(1)), msg.decode(errors="replace")
            left = deadline - time.time()
            if left <= 0:
                return None, ""
            s.settimeout(left)
            try:
                data = s.recv(65535)
            except (socket.timeout, OSError):
                return None, ""
            if not data:
                return None, ""
            buf = data if not tcp else buf + data

    start = time.time()
    answered = found = 0

    def wait_final(deadline):
        st, msg = recv_status(deadline)
        while st is not None and st < 200:
            st, msg = recv_status(deadline)
        return st, msg

    try:
        for i, pw in enumerate(pws):
            pace(start, i - 1, a.rate)
            # a guess keeps to its slot, as a paced attacker does: what is
            # not answered by the next one's start is not waited for
            deadline = max(start + (i + 1) / a.rate, time.time() + a.timeout)
            callid = "g%d-%08x@%s" % (i, random.getrandbits(32), local)
            s.send(digest_register(a.host, a.user, pw, callid, 1, a.transport.upper(), local,
                                   None))
            st, msg = wait_final(deadline)
            ch = re.search(r"(?im)^WWW-Authenticate:\s*Digest\s+(.*)$", msg) if st == 401 else None
            if not ch:
                continue
            s.send(digest_register(a.host, a.user, pw, callid, 2, a.transport.upper(), local,
                                   ch.group(1)))
            st, msg = wait_final(max(deadline, time.time() + a.timeout))
            if st is not None:
                answered += 1
            if st == 200:
                found += 1
                print("found %s" % pw, flush=True)
                break
    except OSError as e:        # TCP: the connection stalled or was reset
        print("stopped at guess %d: %s" % (i + 1, e), flush=True)
    print("guesses %d answered %d found %d" % (len(pws), answered, found), flush=True)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    x = sub.add_parser("udp-serve")
    x.add_argument("port", type=int)
    x.add_argument("log")
    x.add_argument("--family", type=int, default=4)
    x.add_argument("--quiet", action="store_true", help="count, never answer")
    x.add_argument("--answer", help="answer this (\\r\\n for CRLF), not 'ok'")
    x = sub.add_parser("raw-send")
    x.add_argument("dst")
    x.add_argument("--src")
    x.add_argument("--random-v6", action="store_true")
    x.add_argument("--within48", action="store_true",
                   help="with --random-v6: /64s of 2001:db8:66::/48 only")
    x.add_argument("--random-v4", action="store_true",
                   help="from random addresses of 198.18.0.0/15")
    x.add_argument("--sport", type=int, default=5060)
    x.add_argument("--dport", type=int, default=5060)
    x.add_argument("--count", type=int, default=1)
    x.add_argument("--rate", type=float, default=0)
    x.add_argument("--seed", type=int, default=1)
    x.add_argument("--times")
    x.add_argument("--payload", action="append",
                   help="send this file's bytes, not a REGISTER (repeat: in turn)")
    x = sub.add_parser("registrar")
    x.add_argument("port", type=int)
    x.add_argument("log")
    x.add_argument("--family", type=int, default=4)
    x = sub.add_parser("udp-send")
    x.add_argument("host")
    x.add_argument("port", type=int)
    x.add_argument("--sport", type=int, default=0)
    x.add_argument("--size", type=int, default=64)
    x.add_argument("--count", type=int, default=1)
    x.add_argument("--interval", type=float, default=0)
    x.add_argument("--payload")
    x.add_argument("--reply", action="store_true")
    x.add_argument("--then", help="after the others, send this file's bytes once")
    x.add_argument("--bind", help="send from this local address")
    # a reply's wait: a loaded TCG guest can take seconds to answer
    x.add_argument("--timeout", type=float, default=30)
    x = sub.add_parser("udp-judge")
    x.add_argument("host")
    x.add_argument("port", type=int)
    x.add_argument("pid", type=int, help="a process in the receiving netns")
    x.add_argument("files", nargs="+")
    x = sub.add_parser("options")
    x.add_argument("host")
    x.add_argument("--transport", default="UDP")
    x = sub.add_parser("tcp-serve")
    x.add_argument("port", type=int)
    x.add_argument("log")
    x.add_argument("--family", type=int, default=4)
    x.add_argument("--answer", help="send this (\\r\\n for CRLF) per segment, not 'ok'")
    x = sub.add_parser("tcp-client")
    x.add_argument("host")
    x.add_argument("port", type=int)
    x.add_argument("--sport", type=int, default=0)
    x.add_argument("--expect", type=int, default=0,
                   help="then read answers until N came; print how many")
    x.add_argument("--timeout", type=float, default=5)
    x = sub.add_parser("guess")
    x.add_argument("host")
    x.add_argument("port", type=int)
    x.add_argument("user")
    x.add_argument("passwords", help="a file, one password a line")
    x.add_argument("--rate", type=float, default=3.0, help="guesses a second")
    x.add_argument("--transport", choices=["udp", "tcp"], default="udp")
    x.add_argument("--timeout", type=float, default=0.2,
                   help="at least this long for an answer, even past the guess's slot")
    x = sub.add_parser("udp-gso")
    x.add_argument("host")
    x.add_argument("port", type=int)
    x.add_argument("files", nargs="*")
    x.add_argument("--size", type=int, default=600)
    a = p.parse_args()
    return {"udp-gso": udp_gso, "udp-serve": udp_serve, "udp-send": udp_send, "tcp-serve": tcp_serve,
            "udp-judge": udp_judge, "raw-send": raw_send, "registrar": registrar,
            "options": lambda a: sys.stdout.buffer.write(
                sip_options(a.host, 0, a.transport)) and 0,
            "tcp-client": tcp_client, "guess": guess}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
