#!/usr/bin/env python3
"""An NFQUEUE reader that accepts every packet of queue NUM, as an IPS in
userspace would after looking: each verdict sends the packet back through
the hooks after the queueing one (nf_reinject(), in this process's
context). Prints "bound" once ready, then one line per verdict to LOG.

usage: nfqueue.py NUM LOG
"""
import socket
import struct
import sys

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET, NFQNL_MSG_VERDICT, NFQNL_MSG_CONFIG = 0, 1, 2
NFQA_CFG_CMD, NFQA_CFG_PARAMS = 1, 2
NFQNL_CFG_CMD_BIND = 1
NFQNL_COPY_META = 1
NFQA_PACKET_HDR, NFQA_VERDICT_HDR = 1, 2
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
NF_ACCEPT = 1


def attr(kind, data):
    n = 4 + len(data)
    return struct.pack("=HH", n, kind) + data + b"\0" * ((4 - n % 4) % 4)


def message(kind, queue, attrs, flags=NLM_F_REQUEST):
    # nfgenmsg: family AF_UNSPEC, version 0, resource id (the queue) big-endian
    body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue)) + b"".join(attrs)
    return struct.pack("=IHHII", 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | kind, flags, 0, 0) + body


def attrs_of(data):
    out, i = {}, 0
    while i + 4 <= len(data):
        n, kind = struct.unpack_from("=HH", data, i)
        if n < 4:
            break
        out[kind & 0x7fff] = data[i + 4:i + n]
        i += (n + 3) & ~3
    return out


def expect_ack(s):
    data = s.recv(65536)
    kind, = struct.unpack_from("=H", data, 4)
    if kind != NLMSG_ERROR or struct.unpack_from("=i", data, 16)[0] != 0:
        sys.exit("nfqueue: the kernel refused the queue's configuration")


def main():
    queue, log = int(sys.argv[1]), open(sys.argv[2], "a", buffering=1)
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    # room for every packet the queue holds (1024), however slow this
    # reader is scheduled: a full socket makes the queue drop the packet
    s.setsockopt(socket.SOL_SOCKET, 33, 8 << 20)   # SO_RCVBUFFORCE (root)
    s.bind((0, 0))
    s.send(message(NFQNL_MSG_CONFIG, queue,
                   [attr(NFQA_CFG_CMD, struct.pack("=BxH", NFQNL_CFG_CMD_BIND, 0))],
                   NLM_F_REQUEST | NLM_F_ACK))
    expect_ack(s)
    s.send(message(NFQNL_MSG_CONFIG, queue,
                   [attr(NFQA_CFG_PARAMS, struct.pack("!IB", 0, NFQNL_COPY_META))],
                   NLM_F_REQUEST | NLM_F_ACK))
    expect_ack(s)
    print("bound", flush=True)
    while True:
        data = s.recv(65536)
        i = 0
        while i + 16 <= len(data):
            n, kind = struct.unpack_from("=IH", data, i)
            if n < 16:
                break
            if kind == (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
                hdr = attrs_of(data[i + 20:i + n]).get(NFQA_PACKET_HDR)
                if hdr:
                    pid, = struct.unpack_from("!I", hdr)
                    s.send(message(NFQNL_MSG_VERDICT, queue,
                                   [attr(NFQA_VERDICT_HDR, struct.pack("!II", NF_ACCEPT, pid))]))
                    print("accept %d" % pid, file=log)
            i += (n + 3) & ~3


if __name__ == "__main__":
    main()
