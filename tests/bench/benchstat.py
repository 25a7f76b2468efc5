#!/usr/bin/env python3
"""make bench's report, of two passes over the same configurations.

Time (RESULTS): each configuration's rate and the receiver CPU's time per
packet, sender on CPU 0 and receiver on CPU 1, median and range over the
rounds; the time it adds per packet over its reference measured in the
same round; and each ratio against its target: the ratio of the rates,
and the capacity ratio (the reference's time per packet over the
configuration's: the rate ratio a receiver-bound host would see).

Instructions (INSNS): the guest instructions of each packet's receive
path, counted by QEMU on one CPU that sends and receives (netbench.sh),
less those of the same packets dropped by tc at the sink's ingress
(configurations tcdrop, tcdroprtp); and each capacity ratio again, of
these counts. Time under QEMU TCG moves with the host's load (a shared
host's other tenants, which the guest cannot see) and weighs each guest
instruction by what TCG makes of it (a load several times an add); the
count is the same in every run, as a CPU's instruction counter would be,
and does not see what a cache miss costs.

A target is judged on each capacity ratio, and met only when every
round's clears it.

usage: benchstat.py RESULTS INSNS LABELS [UNMET]
  RESULTS  lines "ROUND CONFIG RATE US_PER_PACKET"
  INSNS    lines "ROUND CONFIG INSTRUCTIONS_PER_PACKET" (sender and receiver)
  LABELS   lines "CONFIG<TAB>LABEL"
  UNMET    written: the targets not met on either measure, one a line,
           "CONFIG REFERENCE", for netbench.sh to profile
"""
import statistics
import sys

# configuration -> the one it adds its cost to (same traffic, no filter)
REFERENCE = {
    "fastpath": "nofilter", "inspect": "nofilter", "banned": "nofilter",
    "rawdrop": "nofilter", "ipt10": "nofilter", "nft10": "nofilter",
    "ipt200": "nofilter", "nft200": "nofilter",
    "rtp": "rtpnofilter", "rtpempty": "rtpnofilter", "rtpbare": "rtpnofilter",
    "tcpinspect": "tcpnofilter", "inspectb": "nofilter",
}
# configuration -> the packets dropped at ingress its instructions are
# counted over (the same frames)
DROPPED = {"rtp": "tcdroprtp", "rtpnofilter": "tcdroprtp", "rtpempty": "tcdroprtp",
           "rtpbare": "tcdroprtp"}
# (numerator, denominator, target, what): a ratio of rates
TARGETS = [
    ("fastpath", "nofilter", 0.97, "fast path: a non-SIP port, sipguard loaded / no filter"),
    ("rtp", "rtpnofilter", 0.97, "fast path: RTP-like load, sipguard loaded / no filter"),
    # the floor no hook function can go under: netfilter's dispatch of an
    # empty hook (after defrag's, as sipguard's is; alone), and sipguard's
    # hook against the empty one in the same place
    ("rtpempty", "rtpnofilter", None, "floor: an empty hook after defrag / no filter (RTP-like)"),
    ("rtpbare", "rtpnofilter", None, "floor: an empty hook alone / no filter (RTP-like)"),
    ("rtp", "rtpempty", None, "RTP-like: sipguard loaded / an empty hook after defrag"),
    ("banned", "rawdrop", 0.95, "banned source: sipguard's drop / the raw table's DROP"),
    ("inspect", "ipt10", 2, "inspection / the iptables recipe, 10 patterns"),
    ("inspect", "nft10", 2, "inspection / the nftables recipe, 10 patterns"),
    ("inspect", "ipt200", 10, "inspection / the iptables recipe, 200 patterns"),
    ("inspect", "nft200", 10, "inspection / the nftables recipe, 200 patterns"),
    ("tcpinspect", "tcpnofilter", None, "TCP: following the stream / no filter"),
    # make bench-ab: the same inspection by another build, in the same rounds
    ("inspect", "inspectb", None, "inspection: this build / build B (make bench-ab)"),
]


def spread(values, fmt):
    return "%s [%s, %s]" % (fmt % statistics.median(values), fmt % min(values), fmt % max(values))


def verdict(caps, want):
    """met, or not, by every round's capacity ratio"""
    if want is None:
        return "no target"
    if min(caps) >= want:
        return "met"
    if statistics.median(caps) >= want:
        return "NOT MET (the median clears it, %d of %d rounds do not)" % (
            sum(1 for x in caps if x < want), len(caps))
    return "NOT MET"


def read(path, nval):
    """{config: {round: (values...)}} and the configurations in order"""
    table, order = {}, []
    for line in open(path):
        f = line.split()
        if len(f) != 2 + nval:
            sys.exit("benchstat: %s: not a result line: %r" % (path, line))
        rnd, cfg, vals = int(f[0]), f[1], [float(x) for x in f[2:]]
        if min(vals) <= 0:
            sys.exit("benchstat: %s measured nothing in round %d" % (cfg, rnd))
        if cfg not in table:
            table[cfg] = {}
            order.append(cfg)
        table[cfg][rnd] = vals
    return table, order


def main():
    times, order = read(sys.argv[1], 2)
    counts, iorder = read(sys.argv[2], 1)
    labels = dict(line.rstrip("\n").split("\t", 1) for line in open(sys.argv[3]) if "\t" in line)
    rates = {c: {k: v[0] for k, v in r.items()} for c, r in times.items()}
    costs = {c: {k: v[1] for k, v in r.items()} for c, r in times.items()}
    # the receive path's instructions: beyond the same packets dropped at
    # ingress in the same round
    recv = {}
    for c, r in counts.items():
        base = counts.get(DROPPED.get(c, "tcdrop"))
        if c.startswith("tcdrop") or not base:
            continue
        recv[c] = {k: v[0] - base[k][0] for k, v in r.items() if k in base}

    def paired(table, a, b):
        """the rounds both configurations were measured in"""
        return sorted(set(table.get(a, {})) & set(table.get(b, {})))

    print("Time: sender on CPU 0, receiver on CPU 1; median [min, max] over the rounds")
    print("%-46s %22s %22s %22s" % ("configuration", "rate (pps or msg/s)", "CPU 1 us/packet",
                                     "added us/packet"))
    for cfg in order:
        ref = REFERENCE.get(cfg)
        added = ""
        if ref and paired(costs, cfg, ref):
            added = spread([costs[cfg][k] - costs[ref][k] for k in paired(costs, cfg, ref)], "%+.2f")
        print("%-46s %22s %22s %22s" % (labels.get(cfg, cfg)[:46],
                                        spread(list(rates[cfg].values()), "%.0f"),
                                        spread(list(costs[cfg].values()), "%.2f"), added))
    if recv:
        print()
        print("Instructions: sender and receiver on CPU 0; the receive path's are beyond the")
        print("same packets dropped at ingress (tc), which cost the sender and the veth")
        print("%-46s %22s %22s %22s" % ("configuration", "insns/packet, all",
                                         "receive path", "added insns/packet"))
        for cfg in iorder:
            ref = REFERENCE.get(cfg)
            added = rp = ""
            if cfg in recv:
                rp = spread(list(recv[cfg].values()), "%.0f")
            if ref and paired(recv, cfg, ref):
                added = spread([recv[cfg][k] - recv[ref][k] for k in paired(recv, cfg, ref)], "%+.0f")
            print("%-46s %22s %22s %22s" % (labels.get(cfg, cfg)[:46],
                                            spread([v[0] for v in counts[cfg].values()], "%.0f"),
                                            rp, added))
    print()
    print("Ratios, each round's own, median [min, max] over the rounds: of the rates, and")
    print("the capacity ratios (the reference's cost a packet over the configuration's),")
    print("by time and by the receive path's instructions; a target is met only when every")
    print("round's capacity ratio clears it:")
    unmet = []
    for num, den, want, what in TARGETS:
        rounds, irounds = paired(rates, num, den), paired(recv, num, den)
        if not rounds and not irounds:
            continue
        target = "" if want is None else " (target >= %g)" % want
        print("  %s%s" % (what, target))
        judged = []
        if rounds:
            ratios = [rates[num][k] / rates[den][k] for k in rounds]
            caps = [costs[den][k] / costs[num][k] for k in rounds]
            judged.append(verdict(caps, want))
            print("      rates %s" % spread(ratios, "%.2f"))
            print("      capacity by time %s: %s" % (spread(caps, "%.2f"), judged[-1]))
        if irounds:
            icaps = [recv[den][k] / recv[num][k] for k in irounds]
            judged.append(verdict(icaps, want))
            print("      capacity by instructions %s: %s" % (spread(icaps, "%.3f"), judged[-1]))
        if any(v.startswith("NOT MET") for v in judged):
            unmet.append("%s %s\n" % (num, den))
    if len(sys.argv) > 4:
        with open(sys.argv[4], "w") as f:
            f.write("".join(unmet))


if __name__ == "__main__":
    main()
