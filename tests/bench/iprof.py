#!/usr/bin/env python3
"""make bench's instruction profile: where a configuration's instructions
go, by kernel symbol, a packet, and what it runs beyond its reference.

usage: iprof.py PACKETS PROF SYMS [REFPROF REFSYMS]
  PACKETS   the packets each profile's run sent
  PROF      the plugin's dump (tests/bench/insncount.c): "ADDR INSNS" lines
  SYMS      /proc/kallsyms as it was during that run (read as root, with
            the run's modules loaded)
  REFPROF, REFSYMS  the same of the reference, of as many packets: the
            difference is shown
"""
import bisect
import collections
import sys


def symbols(path):
    syms = []
    for line in open(path):
        f = line.split()
        if len(f) >= 3 and f[1] in "tTwW":
            name = f[2] + (" " + f[3] if len(f) > 3 else "")
            syms.append((int(f[0], 16), name))
    syms.sort()
    return [a for a, _ in syms], [n for _, n in syms]


def by_symbol(path, addrs, names):
    out = collections.Counter()
    for line in open(path):
        a, n = line.split()
        i = bisect.bisect_right(addrs, int(a, 16)) - 1
        out[names[i] if i >= 0 else "?"] += int(n)
    return out


def main():
    packets = int(sys.argv[1])
    prof = by_symbol(sys.argv[2], *symbols(sys.argv[3]))
    diff = len(sys.argv) > 5
    ref = by_symbol(sys.argv[4], *symbols(sys.argv[5])) if diff else collections.Counter()
    rows = [(s, (prof[s] - ref[s]) / packets) for s in set(prof) | set(ref)]
    total = sum(v for _, v in rows)
    rows = [r for r in rows if abs(r[1]) >= 1]
    rows.sort(key=lambda r: -abs(r[1]))
    if diff:
        print("  %+.0f instructions a packet beyond the reference; by symbol:" % total)
    else:
        print("  %.0f instructions a packet; by symbol:" % total)
    for s, v in rows[:25]:
        print(("  %+9.1f  %s" if diff else "  %9.1f  %s") % (v, s))


if __name__ == "__main__":
    main()
