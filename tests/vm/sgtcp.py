#!/usr/bin/env python3
"""TCP stream helpers for the VM tests: a SIP server that frames messages,
and clients that cut a stream into segments of their choosing.

  sgtcp.py serve PORT LOG [--family 4|6]
      accept connections; frame SIP messages as a SIP stack does (CRLFs
      between messages skipped, the header section up to its empty line,
      then Content-Length bytes of body); append one line per complete
      message to LOG: "<peer> <Call-ID> <method or status>"
  sgtcp.py cuts HOST PORT FILE... [--every-split | --ones | --random3 N |
            --at K,K...] [--delay S] [--linger S]
      for each cut of the concatenated FILEs, a connection (TCP_NODELAY)
      writing the pieces with --delay between them, then a reset. Prints
      "cases N segmented M": M cases whose connection sent at least one
      data segment per piece (TCP_INFO), the proof the cuts went out
  sgtcp.py raw HOST PORT --sport P STEP...
      a handshake from a raw socket, then one data segment per STEP:
      "OFF:FILE[:START:END][:FLAG...]" (the bytes START-END of FILE at
      stream offset OFF; FLAG badack: an ACK of data never sent, which the
      server discards; noack: no ACK flag; urg: urgent, the pointer half
      way; oldts: with --ts, a timestamp PAWS rejects); --data-on-ack:
      the first step rides on the handshake's last ACK; --delay S between
      steps, --linger S before the resets. The attacker's kernel must not
      reset (iptables)
  sgtcp.py spoof HOST PORT FILE [--half N] [--count N] [--rate PPS]
      TCP segments (ACK set, random sequence numbers) from random sources
      of 198.18.0.0/15, each the first N bytes of FILE, with no handshake
"""
import argparse
import os
import random
import re
import selectors
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sgnet import csum, pace  # noqa: E402  (the one checksum and pacing)

CLEN = re.compile(rb"^(?:content-length|l)[ \t]*:[ \t]*(\d+)[ \t]*\r?$", re.I | re.M)
CALLID = re.compile(rb"^(?:call-id|i)[ \t]*:[ \t]*(\S+)", re.I | re.M)


def frame(buf):
    """Split off complete messages: (messages, rest)."""
    out = []
    while True:
        i = 0
        while i < len(buf) and buf[i] in b"\r\n":
            i += 1
        buf = buf[i:]
        end = buf.find(b"\r\n\r\n")
        if end < 0:
            return out, buf
        head = buf[:end + 4]
        m = CLEN.search(head)
        need = end + 4 + (int(m.group(1)) if m else 0)
        if len(buf) < need:
            return out, buf
        out.append(buf[:need])
        buf = buf[need:]


def serve(a):
    fam = socket.AF_INET6 if a.family == 6 else socket.AF_INET
    ls = socket.socket(fam, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if fam == socket.AF_INET6:
        ls.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    ls.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", a.port))
    ls.listen(256)
    ls.setblocking(False)
    open(a.log, "w").close()
    sel = selectors.DefaultSelector()
    sel.register(ls, selectors.EVENT_READ, None)
    bufs = {}
    while True:
        for key, _ in sel.select():
            if key.data is None:
                try:
                    c, peer = ls.accept()
                except OSError:
                    continue
                c.setblocking(False)
                bufs[c] = b""
                sel.register(c, selectors.EVENT_READ, peer[0])
                continue
            c = key.fileobj
            try:
                data = c.recv(65535)
            except OSError:
                data = b""
            if not data:
                sel.unregister(c)
                c.close()
                del bufs[c]
                continue
            msgs, bufs[c] = frame(bufs[c] + data)
            with open(a.log, "a") as f:
                for m in msgs:
                    cid = CALLID.search(m)
                    f.write("%s %s %s\n" % (key.data, cid.group(1).decode(errors="replace")
                                            if cid else "-",
                                            m.split(b" ", 1)[0].decode(errors="replace")
                                            if not m.startswith(b"SIP/2.0")
                                            else m.split(b" ", 2)[1].decode()))


def data_segs_out(s):
    # struct tcp_info: tcpi_data_segs_out is the u32 at offset 156
    info = s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 192)
    return struct.unpack_from("I", info, 156)[0] if len(info) >= 160 else 0


def cut_sets(n, a):
    if a.at:
        yield [int(k) for k in a.at.split(",")]
    if a.every_split:
        for k in range(1, n):
            yield [k]
    if a.ones:
        yield list(range(1, n))
    if a.random3:
        rnd = random.Random(a.seed)
        for _ in range(a.random3):
            yield sorted(rnd.sample(range(1, n), 2))


def cuts(a):
    data = b"".join(open(f, "rb").read() for f in a.files)
    cases = segmented = 0
    for cs in cut_sets(len(data), a):
        bounds = [0] + cs + [len(data)]
        s = socket.socket(socket.AF_INET6 if ":" in a.host else socket.AF_INET,
                          socket.SOCK_STREAM)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.settimeout(5)
        s.connect((a.host, a.port))
        for i in range(len(bounds) - 1):
            if i:
                time.sleep(a.delay)
            s.send(data[bounds[i]:bounds[i + 1]])
        time.sleep(a.linger)
        cases += 1
        if data_segs_out(s) >= len(bounds) - 1:
            segmented += 1
        # a reset, not a FIN: a connection whose data was dropped must not
        # linger in retransmissions
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
    print("cases %d segmented %d" % (cases, segmented), flush=True)


def tcp_packet(src, dst, sport, dport, seq, ack, flags, payload=b"", urp=0, opts=b""):
    s4, d4 = socket.inet_aton(src), socket.inet_aton(dst)
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff,
                      (5 + len(opts) // 4) << 4, flags, 65535, 0, urp) + opts
    c = csum(s4 + d4 + struct.pack("!xBH", 6, len(hdr) + len(payload)) + hdr + payload)
    return hdr[:16] + struct.pack("!H", c) + hdr[18:] + payload


def raw(a):
    src = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    src.connect((a.host, a.port))
    me = src.getsockname()[0]
    src.close()
    tx = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    tx.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, 4)
    rx = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    rx.settimeout(3)
    isn = random.getrandbits(32)
    tsval, tsecr = [1000], [0]

    def ts(old=False):
        # NOP NOP TS: every segment of a connection that agreed on timestamps
        if not a.ts:
            return b""
        tsval[0] += 1
        return struct.pack("!BBBBII", 1, 1, 8, 10, 1 if old else tsval[0], tsecr[0])

    syn_opts = struct.pack("!BBH", 2, 4, 1460) + ts() if a.ts else b""
    tx.sendto(tcp_packet(me, a.host, a.sport, a.port, isn, 0, 0x02, opts=syn_opts), (a.host, 0))
    while True:
        pkt = rx.recv(65535)
        ihl = (pkt[0] & 15) * 4
        sp, dp, seq, ack, doff, flags = struct.unpack_from("!HHIIBB", pkt, ihl)
        if sp == a.port and dp == a.sport and flags & 0x12 == 0x12:
            o, end = ihl + 20, ihl + (doff >> 4) * 4
            while o < end:      # the server's TSval, echoed from now on
                kind = pkt[o]
                if kind in (0, 1):
                    o += 1
                    continue
                if kind == 8:
                    tsecr[0] = struct.unpack_from("!I", pkt, o + 2)[0]
                o += pkt[o + 1]
            break
    rack = seq + 1
    ends = {0}
    if not a.data_on_ack:
        tx.sendto(tcp_packet(me, a.host, a.sport, a.port, isn + 1, rack, 0x10, opts=ts()),
                  (a.host, 0))
    for step in a.steps:
        parts = step.split(":")
        flags = {p for p in parts[2:] if not p.isdigit()}
        nums = [int(p) for p in parts[2:] if p.isdigit()]
        off, path = int(parts[0]), parts[1]
        body = open(path, "rb").read()
        lo, hi = nums if len(nums) == 2 else (0, len(body))
        ack = rack + 100000 if "badack" in flags else rack
        bits = 0x08 | (0 if "noack" in flags else 0x10) | (0x20 if "urg" in flags else 0)
        ends.add(off + hi - lo)
        if a.data_on_ack and step is a.steps[0]:
            pass        # the handshake's last ACK carries it
        else:
            time.sleep(a.delay)
        tx.sendto(tcp_packet(me, a.host, a.sport, a.port, isn + 1 + off, ack, bits,
                             body[lo:hi], urp=(hi - lo) // 2 if "urg" in flags else 0,
                             opts=ts("oldts" in flags)),
                  (a.host, 0))
    time.sleep(a.delay if a.linger is None else a.linger)
    # the server's rcv_nxt is not known here, but it is one of the offsets
    # sent: a reset at each, and the server takes the one that matches
    for off in sorted(ends):
        tx.sendto(tcp_packet(me, a.host, a.sport, a.port, isn + 1 + off, 0, 0x04), (a.host, 0))
    print("sent %d steps" % len(a.steps), flush=True)


def spoof(a):
    """--count TCP segments with ACK set and a random sequence number, each
    from a random source in 198.18.0.0/15 (RFC 2544 benchmark addresses),
    carrying the first --half bytes of FILE: no handshake, no socket."""
    body = open(a.file, "rb").read()[:a.half]
    rnd = random.Random(a.seed)
    tx = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    start = time.time()
    for i in range(a.count):
        src = "198.%d.%d.%d" % (18 + rnd.getrandbits(1), rnd.getrandbits(8), 1 + rnd.randrange(254))
        seg = tcp_packet(src, a.host, 1024 + rnd.randrange(60000), a.port,
                         rnd.getrandbits(32), rnd.getrandbits(32), 0x18, body)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), 0, 0, 64, 6, 0,
                         socket.inet_aton(src), socket.inet_aton(a.host))
        tx.sendto(ip + seg, (a.host, 0))
        pace(start, i, a.rate)
    print("sent %d in %.1f s" % (a.count, time.time() - start), flush=True)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    x = sub.add_parser("serve")
    x.add_argument("port", type=int)
    x.add_argument("log")
    x.add_argument("--family", type=int, default=4)
    x = sub.add_parser("cuts")
    x.add_argument("host")
    x.add_argument("port", type=int)
    x.add_argument("files", nargs="+")
    x.add_argument("--every-split", action="store_true")
    x.add_argument("--ones", action="store_true")
    x.add_argument("--random3", type=int, default=0)
    x.add_argument("--seed", type=int, default=1)
    x.add_argument("--at")
    x.add_argument("--delay", type=float, default=0.01)
    x.add_argument("--linger", type=float, default=0.05)
    x = sub.add_parser("raw")
    x.add_argument("host")
    x.add_argument("port", type=int)
    x.add_argument("--sport", type=int, required=True)
    x.add_argument("--delay", type=float, default=0.1)
    x.add_argument("--linger", type=float, help="before the resets (default: --delay)")
    x.add_argument("--ts", action="store_true", help="agree on TCP timestamps (RFC 7323)")
    x.add_argument("--data-on-ack", action="store_true",
                   help="the first step rides on the handshake's last ACK")
    x.add_argument("steps", nargs="+")
    x = sub.add_parser("spoof")
    x.add_argument("host")
    x.add_argument("port", type=int)
    x.add_argument("file")
    x.add_argument("--half", type=int, default=100)
    x.add_argument("--count", type=int, default=1000)
    x.add_argument("--rate", type=float, default=0)
    x.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    return {"serve": serve, "cuts": cuts, "raw": raw, "spoof": spoof}[a.cmd](a) or 0


if __name__ == "__main__":
    sys.exit(main())
