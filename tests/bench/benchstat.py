#!/usr/bin/env python3
"""make bench's report: from the rounds netbench.sh measured, the rate of
each configuration (median and range over the rounds), the cost it adds per
packet over its reference measured in the same round, and each ratio
against its target: met only when the ratio of every round clears it.

usage: benchstat.py RESULTS LABELS [UNMET]
  RESULTS  lines "ROUND CONFIG RATE"
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
    "rtp": "rtpnofilter", "tcpinspect": "tcpnofilter",
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
]


def spread(values, fmt):
    return "%s (%s-%s)" % (fmt % statistics.median(values), fmt % min(values), fmt % max(values))


def main():
    rates = {}          # config -> {round: rate}
    order = []
    for line in open(sys.argv[1]):
        f = line.split()
        if len(f) != 3:
            continue
        rnd, cfg, rate = int(f[0]), f[1], float(f[2])
        if rate <= 0:
            sys.exit("benchstat: %s measured no packet in round %d" % (cfg, rnd))
        if cfg not in rates:
            rates[cfg] = {}
            order.append(cfg)
        rates[cfg][rnd] = rate
    labels = dict(line.rstrip("\n").split("\t", 1) for line in open(sys.argv[2]) if "\t" in line)

    def paired(a, b):
        """the rounds both configurations were measured in"""
        return sorted(set(rates.get(a, {})) & set(rates.get(b, {})))

    print("%-52s %26s %26s" % ("configuration", "rate: median (min-max)", "added us/packet"))
    for cfg in order:
        r = list(rates[cfg].values())
        ref = REFERENCE.get(cfg)
        added = ""
        if ref and paired(cfg, ref):
            added = spread([1e6 / rates[cfg][k] - 1e6 / rates[ref][k] for k in paired(cfg, ref)],
                           "%+.2f")
        print("%-52s %26s %26s" % (labels.get(cfg, cfg)[:52], spread(r, "%.0f"), added))
    print()
    unmet = []
    print("Ratios, each round's own (median, min-max over the rounds); a target is met")
    print("only when every round's ratio clears it:")
    for num, den, want, what in TARGETS:
        rounds = paired(num, den)
        if not rounds:
            continue
        ratios = [rates[num][k] / rates[den][k] for k in rounds]
        text = spread(ratios, "%.2f")
        if want is None:
            verdict = "no target"
        elif min(ratios) >= want:
            verdict = "met"
        elif statistics.median(ratios) >= want:
            verdict = "NOT MET (the median clears it, %d of %d rounds do not)" % (
                sum(1 for x in ratios if x < want), len(ratios))
        else:
            verdict = "NOT MET"
        if verdict.startswith("NOT MET"):
            unmet += [c for c in (num, den) if c not in unmet]
        print("  %-62s %s%s: %s" % (what, text, "" if want is None else " (target >= %g)" % want,
                                    verdict))
    if len(sys.argv) > 3:
        with open(sys.argv[3], "w") as f:
            f.write("".join(c + "\n" for c in unmet))


if __name__ == "__main__":
    main()
