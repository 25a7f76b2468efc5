#!/usr/bin/env python3
"""Send the sipguard genetlink family thousands of malformed requests.

  nlfuzz.py [--count N] [--seed S]
  nlfuzz.py --ports N     one config set of N single-port ranges, as the
                          tool never sends past its own limit; prints
                          "accepted" or "refused ERRNO: the kernel's message"
  nlfuzz.py --busy S      for S seconds, the longest requests there are: 480
                          patterns of 128 bytes in one message (a matcher of
                          60 KiB rebuilt), then a flush; a line
                          "op START END" (CLOCK_MONOTONIC) per add
  nlfuzz.py --lookups S   for S seconds, controller lookups of the family (a
                          family without parallel_ops: they take genl_mutex);
                          a line "lk START END" each

Every request is broken on purpose in one of several ways (an unknown or
out-of-range attribute, a wrong type or length, a length field running past
the message, trailing bytes, a cut header, an unknown command), mixed into
otherwise plausible attributes of every command. The kernel must refuse
each one: the script fails if any request is acknowledged with success.
Prints "sent N refused N accepted 0" and the errnos seen.
"""
import argparse
import collections
import errno
import os
import random
import re
import socket
import struct
import sys
import time

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLA_F_NESTED = 0x8000

# from uapi/linux/sipguard.h
CMDS = list(range(1, 17))                   # CONFIG_GET .. STATS_RESET
DUMPS = {6, 10, 14}                         # PREFIX_GET, PATTERN_GET, BAN_GET
A_CONFIG, A_SET, A_PREFIX, A_PATTERN, A_BAN = 2, 3, 4, 5, 6


def uapi_max(enum):
    """The last value of ENUM in uapi/linux/sipguard.h (no explicit values)."""
    here = os.path.dirname(os.path.abspath(__file__))
    text = open(os.path.join(here, "..", "..", "uapi", "linux", "sipguard.h")).read()
    body = re.sub(r"/\*.*?\*/", "", re.search(r"enum %s \{(.*?)\};" % enum, text, re.S).group(1),
                  flags=re.S)
    names = [l.strip().rstrip(",") for l in body.splitlines() if l.strip()]
    assert names[-1].startswith("__") and "=" not in body, enum
    return len(names) - 2


# what "unknown-attr" sends must be unknown: read, not copied (a copied 10
# went stale when SIPGUARD_A_REPLACE, a flag, became 11, and an empty
# attribute 11 was rightly accepted)
A_MAX = uapi_max("sipguard_attr")
CONFIG_MAX, PREFIX_MAX, PATTERN_MAX, BAN_MAX = 17, 4, 4, 6


def attr(t, payload, nested=False):
    if nested:
        t |= NLA_F_NESTED
    n = 4 + len(payload)
    return struct.pack("=HH", n, t) + payload + b"\0" * ((4 - n % 4) % 4)


def u8(v):
    return struct.pack("=B", v & 0xff)


def u16(v):
    return struct.pack("=H", v & 0xffff)


def u32(v):
    return struct.pack("=I", v & 0xffffffff)


class Fuzz:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def value(self):
        """A plausible scalar: sometimes right, often wrong."""
        r = self.r
        kind = r.randrange(6)
        if kind == 0:
            return u8(r.choice([0, 1, 2, 7, 64, 128, 129, 255]))
        if kind == 1:
            return u16(r.choice([0, 1, 5060, 65535]))
        if kind == 2:
            return u32(r.choice([0, 1, 20, 60, 86400, 1000001, 0xffffffff]))
        if kind == 3:
            return bytes(r.randrange(256) for _ in range(r.choice([0, 3, 4, 5, 15, 16, 17])))
        if kind == 4:
            return r.choice([b"friendly-scanner", b"", b"x" * 129, b"\x01\x02", b"ok\0"])
        return b""

    def nest(self, maxtype, depth=0):
        r = self.r
        out = b""
        for _ in range(r.randrange(5)):
            t = r.randrange(maxtype + 3)
            if depth < 2 and r.random() < 0.3:
                out += attr(t, self.nest(6, depth + 1), nested=True)
            else:
                out += attr(t, self.value())
        return out

    def plausible(self, cmd):
        r = self.r
        out = b""
        if cmd in (2,):
            out += attr(A_CONFIG, self.nest(CONFIG_MAX), nested=True)
        if cmd in (3, 4, 5, 6):
            out += attr(A_SET, u8(r.choice([0, 1])))
            for _ in range(r.randrange(4)):
                out += attr(A_PREFIX, self.nest(PREFIX_MAX), nested=True)
        if cmd in (7, 8):
            for _ in range(r.randrange(3)):
                out += attr(A_PATTERN, self.nest(PATTERN_MAX), nested=True)
        if cmd in (11, 12):
            out += attr(A_BAN, self.nest(BAN_MAX), nested=True)
        return out

    def broken(self, body):
        """Make @body (the attributes) certainly invalid."""
        r = self.r
        how = r.randrange(6)
        if how == 0:        # an attribute type past the family's maximum
            return body + attr(A_MAX + 1 + r.randrange(100), self.value()), "unknown-attr"
        if how == 1:        # an out-of-range set
            # allow, deny, and the four classes' sets are 0-5
            return body + attr(A_SET, u8(6 + r.randrange(250))), "bad-set"
        if how == 2:        # a nest where a u8 is wanted, and the reverse
            return body + r.choice([attr(A_SET, self.nest(3), nested=True),
                                    attr(A_CONFIG, u32(5))]), "wrong-type"
        if how == 3:        # trailing bytes after the last attribute
            return body + bytes(r.randrange(256) for _ in range(r.randrange(1, 4))), "trailing"
        if how == 4:        # a length field running past the end
            return body + struct.pack("=HH", 200 + r.randrange(1000), A_PREFIX) + b"\0" * 8, "overrun"
        # an out-of-range value inside a config nest
        bad = r.choice([attr(1, u8(9)), attr(12, u8(0)), attr(12, u8(200)),
                        attr(7, u32(0)), attr(17, u32(1)), attr(3, u32(0xffffffff)),
                        attr(14, u32(1))])
        return body + attr(A_CONFIG, bad, nested=True), "config-range"


class Genl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.s.bind((0, 0))
        self.s.settimeout(5)
        self.seq = 1

    def send(self, nltype, flags, payload, cut=None):
        self.seq += 1
        msg = struct.pack("=IHHII", 16 + len(payload), nltype, flags, self.seq, 0) + payload
        if cut is not None:
            msg = msg[:cut]
            msg = struct.pack("=I", len(msg)) + msg[4:]
        self.s.send(msg)
        return self.seq

    def replies(self, seq):
        """Yield (type, payload) until the ack, an error or the dump's end."""
        while True:
            data = self.s.recv(65536)
            off = 0
            while off + 16 <= len(data):
                ln, t, fl, sq, pid = struct.unpack_from("=IHHII", data, off)
                body = data[off + 16:off + ln]
                off += (ln + 3) & ~3
                if sq != seq:
                    continue
                yield t, body
                if t in (NLMSG_ERROR, NLMSG_DONE):
                    return

    def family(self, name):
        payload = struct.pack("=BBH", CTRL_CMD_GETFAMILY, 1, 0) + attr(CTRL_ATTR_FAMILY_NAME, name + b"\0")
        seq = self.send(GENL_ID_CTRL, NLM_F_REQUEST, payload)
        for t, body in self.replies(seq):
            if t == NLMSG_ERROR:
                raise SystemExit("nlfuzz: family lookup failed: %d" % struct.unpack_from("=i", body)[0])
            off = 4
            while off + 4 <= len(body):
                ln, at = struct.unpack_from("=HH", body, off)
                if at == CTRL_ATTR_FAMILY_ID:
                    return struct.unpack_from("=H", body, off + 4)[0]
                off += (ln + 3) & ~3
        raise SystemExit("nlfuzz: no family id")


def ports(g, fam, count):
    """CONFIG_SET with @count ranges of one port each (1000, 1002, ...)."""
    g.s.setsockopt(270, 10, 1)      # SOL_NETLINK, NETLINK_CAP_ACK
    g.s.setsockopt(270, 11, 1)      # NETLINK_EXT_ACK
    rng = b"".join(attr(1, attr(1, u16(1000 + 2 * i)) + attr(2, u16(1000 + 2 * i)), nested=True)
                   for i in range(count))
    body = attr(A_CONFIG, attr(2, rng, nested=True), nested=True)
    seq = g.send(fam, NLM_F_REQUEST | NLM_F_ACK, struct.pack("=BBH", 2, 1, 0) + body)
    for t, rb in g.replies(seq):
        if t != NLMSG_ERROR:
            continue
        err = struct.unpack_from("=i", rb)[0]
        if err == 0:
            print("accepted")
            return 0
        msg, off = "", 4 + 16
        while off + 4 <= len(rb):
            ln, at = struct.unpack_from("=HH", rb, off)
            if ln < 4:
                break
            if at == 1:             # NLMSGERR_ATTR_MSG
                msg = rb[off + 4:off + ln].rstrip(b"\0").decode()
            off += (ln + 3) & ~3
        print("refused %s: %s" % (errno.errorcode.get(-err, str(err)), msg))
        return 1
    return 2


def acked(g, seq):
    for t, rb in g.replies(seq):
        if t == NLMSG_ERROR:
            return struct.unpack_from("=i", rb)[0]
    return None


def busy(g, fam, secs):
    """Pattern adds that rebuild a 64 KiB matcher, each with its times."""
    g.s.settimeout(120)
    g.s.setsockopt(270, 10, 1)      # NETLINK_CAP_ACK: no 60 KiB echo in each ack
    r = random.Random(3)
    end = time.monotonic() + secs
    while time.monotonic() < end:
        pats = b"".join(attr(A_PATTERN, attr(1, bytes(r.choice(b"abcdefghijklmnopqrstuvwxyz0123456789")
                                                      for _ in range(128))), nested=True)
                        for _ in range(480))
        t0 = time.monotonic()
        err = acked(g, g.send(fam, NLM_F_REQUEST | NLM_F_ACK, struct.pack("=BBH", 7, 1, 0) + pats))
        t1 = time.monotonic()
        if err:
            print("busy: pattern add refused: %s" % errno.errorcode.get(-err, err))
            return 1
        print("op %.6f %.6f" % (t0, t1), flush=True)
        acked(g, g.send(fam, NLM_F_REQUEST | NLM_F_ACK, struct.pack("=BBH", 9, 1, 0)))
    return 0


def lookups(g, secs):
    end = time.monotonic() + secs
    while time.monotonic() < end:
        t0 = time.monotonic()
        g.family(b"sipguard")
        print("lk %.6f %.6f" % (t0, time.monotonic()), flush=True)
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ports", type=int)
    ap.add_argument("--busy", type=float)
    ap.add_argument("--lookups", type=float)
    a = ap.parse_args()
    g = Genl()
    fam = g.family(b"sipguard")
    if a.ports is not None:
        return ports(g, fam, a.ports)
    if a.busy is not None:
        return busy(g, fam, a.busy)
    if a.lookups is not None:
        return lookups(g, a.lookups)
    fz = Fuzz(a.seed)
    errnos = collections.Counter()
    kinds = collections.Counter()
    accepted = 0
    for i in range(a.count):
        r = fz.r
        cmd = r.choice(CMDS) if r.random() < 0.9 else r.choice([0, 17, 18, 19, 40, 255])
        body, kind = fz.broken(fz.plausible(cmd))
        hdr = struct.pack("=BBH", cmd, 1, 0)
        flags = NLM_F_REQUEST | NLM_F_ACK
        if cmd in DUMPS and r.random() < 0.7:
            flags = NLM_F_REQUEST | NLM_F_DUMP
        cut = None
        if r.random() < 0.05:       # a header cut short: no genl header
            cut = 16 + r.randrange(4)
            kind = "short-header"
        if cmd not in CMDS:
            kind = "unknown-cmd"
        kinds[kind] += 1
        seq = g.send(fam, flags, hdr + body, cut)
        try:
            for t, rb in g.replies(seq):
                if t == NLMSG_ERROR:
                    err = struct.unpack_from("=i", rb)[0]
                    if err == 0:
                        accepted += 1
                        print("nlfuzz: accepted: cmd %d kind %s body %s" % (cmd, kind, body.hex()))
                    else:
                        errnos[errno.errorcode.get(-err, str(err))] += 1
                elif t == NLMSG_DONE:
                    err = struct.unpack_from("=i", rb)[0] if len(rb) >= 4 else 0
                    if err == 0:
                        accepted += 1
                        print("nlfuzz: dump ran: cmd %d kind %s body %s" % (cmd, kind, body.hex()))
                    else:
                        errnos[errno.errorcode.get(-err, str(err))] += 1
                else:
                    accepted += 1
                    print("nlfuzz: reply data: cmd %d kind %s body %s" % (cmd, kind, body.hex()))
        except socket.timeout:
            if cut is not None and cut < 20:
                errnos["no-reply"] += 1     # too short to be a genl request: dropped
                continue
            print("nlfuzz: no reply to cmd %d kind %s" % (cmd, kind))
            accepted += 1
    print("sent %d refused %d accepted %d" % (a.count, a.count - accepted, accepted))
    print("kinds: " + " ".join("%s=%d" % kv for kv in sorted(kinds.items())))
    print("errnos: " + " ".join("%s=%d" % kv for kv in sorted(errnos.items())))
    return 1 if accepted else 0


if __name__ == "__main__":
    sys.exit(main())
