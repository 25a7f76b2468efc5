#!/usr/bin/env python3
"""make bench's report: from the rounds netbench.sh measured, each
configuration's rate and the receiver CPU's time per packet (median and
range over the rounds), the time it adds per packet over its reference
measured in the same round, and each ratio against its target: the ratio
of the rates, and the capacity ratio (the reference's time per packet over
the configuration's: the rate ratio a receiver-bound host would see). A
target is judged on the capacity ratio, the steadier, and met only when
every round's clears it.

usage: benchstat.py RESULTS LABELS [UNMET]
  RESULTS  lines "ROUND CONFIG RATE US_PER_PACKET"
  LABELS   lines "CONFIG<TAB>LABEL"
  UNMET    written: the configurations of the targets not met, one a line,
           for netbench.sh to profile
"""
import statistics
import sys

# configuration -> the one it adds its cost to (same traffic, no filter)
REFERENCE = {
    "fastpath": "nofilter", "inspect": "nofilter", "banned": "nofilter",
    "rawdrop": "nofilter", "ipt10": "nofilter", "nft10": "nofilter",
    "ipt200": "nofilter", "nft200": "nofilter",
    "rtp": "rtpnofilter", "tcpinspect": "tcpnofilter", "inspectb": "nofilter",
}
# (numerator, denominator, target, what): a ratio of rates
TARGETS = [
    ("fastpath", "nofilter", 0.97, "fast path: a non-SIP port, sipguard loaded / no filter"),
    ("rtp", "rtpnofilter", 0.97, "fast path: RTP-like load, sipguard loaded / no filter"),
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


def main():
    rates, costs = {}, {}   # config -> {round: value}
    order = []
    for line in open(sys.argv[1]):
        f = line.split()
        if len(f) != 4:
            sys.exit("benchstat: not a result line: %r" % line)
        rnd, cfg, rate, cost = int(f[0]), f[1], float(f[2]), float(f[3])
        if rate <= 0 or cost <= 0:
            sys.exit("benchstat: %s measured nothing in round %d" % (cfg, rnd))
        if cfg not in rates:
            rates[cfg], costs[cfg] = {}, {}
            order.append(cfg)
        rates[cfg][rnd], costs[cfg][rnd] = rate, cost
    labels = dict(line.rstrip("\n").split("\t", 1) for line in open(sys.argv[2]) if "\t" in line)

    def paired(a, b):
        """the rounds both configurations were measured in"""
        return sorted(set(rates.get(a, {})) & set(rates.get(b, {})))

    print("%-46s %22s %22s %22s" % ("configuration", "rate (pps or msg/s)", "CPU 1 us/packet",
                                     "added us/packet"))
    for cfg in order:
        ref = REFERENCE.get(cfg)
        added = ""
        if ref and paired(cfg, ref):
            added = spread([costs[cfg][k] - costs[ref][k] for k in paired(cfg, ref)], "%+.2f")
        print("%-46s %22s %22s %22s" % (labels.get(cfg, cfg)[:46],
                                        spread(list(rates[cfg].values()), "%.0f"),
                                        spread(list(costs[cfg].values()), "%.2f"), added))
    print()
    print("Ratios, each round's own, median [min, max] over the rounds: of the rates, and")
    print("the capacity ratio (the receiver's time per packet, inverse); a target is met")
    print("only when every round's capacity ratio clears it:")
    unmet = []
    for num, den, want, what in TARGETS:
        rounds = paired(num, den)
        if not rounds:
            continue
        ratios = [rates[num][k] / rates[den][k] for k in rounds]
        caps = [costs[den][k] / costs[num][k] for k in rounds]
        if want is None:
            verdict = "no target"
        elif min(caps) >= want:
            verdict = "met"
        elif statistics.median(caps) >= want:
            verdict = "NOT MET (the median clears it, %d of %d rounds do not)" % (
                sum(1 for x in caps if x < want), len(caps))
        else:
            verdict = "NOT MET"
        if verdict.startswith("NOT MET"):
            unmet += [c for c in (num, den) if c not in unmet]
        print("  %s" % what)
        print("      rates %s, capacity %s%s: %s" % (
            spread(ratios, "%.2f"), spread(caps, "%.2f"),
            "" if want is None else " (target >= %g)" % want, verdict))
    if len(sys.argv) > 3:
        with open(sys.argv[3], "w") as f:
            f.write("".join(c + "\n" for c in unmet))


if __name__ == "__main__":
    main()
