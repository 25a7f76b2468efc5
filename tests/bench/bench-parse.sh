#!/bin/bash
# make bench-parse: cost per SIP message of sipguard's full inspection,
# the iptables recipe (ten Boyer-Moore scans of the payload) and libosip2's
# parser, over the corpus' requests and responses, in one run: instructions
# from callgrind (exact, repeatable) and nanoseconds from a native run.
# Also sipguard with 10, 100 and 1000 scanner patterns. Not a test.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
corpus=${SG_CORPUS:-$(cd "$repo/.." && pwd)/shared/sip-corpus}
out=$repo/build/bench-parse
rm -rf "$out"
mkdir -p "$out/cg"
make -s -C "$here" bench_parse
files=("$corpus"/valid/* "$corpus"/attack/*)
echo "bench-parse: ${#files[@]} messages from $corpus (valid/ and attack/)"

valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$out/cg/cg.%p" \
	"$here/bench_parse" callgrind "${files[@]}" > /dev/null 2> "$out/valgrind.log"
for f in "$out"/cg/cg.*; do
	label=$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")
	[ -n "$label" ] || continue
	echo "$label $(sed -n 's/^summary: //p' "$f")"
done > "$out/instructions.txt"
"$here/bench_parse" time "${BENCH_ITER:-300}" "${files[@]}" > "$out/ns.txt"

python3 - "$out" "${files[@]}" <<'PY'
import os, statistics, sys
out, files = sys.argv[1], sys.argv[2:]
names = ["sipguard", "bm10", "osip", "sipguard-p10", "sipguard-p100", "sipguard-p1000"]
size = {}
ins = {n: {} for n in names}
for line in open(os.path.join(out, "instructions.txt")):
    label, count = line.split()
    m, i = label.split(":")
    path = files[int(i) - 2]
    ins[names[int(m)]][path] = int(count)
ns = {n: {} for n in names}
for line in open(os.path.join(out, "ns.txt")):
    m, path, nbytes, t = line.split()
    ns[m][path] = float(t)
    size[path] = int(nbytes)
paths = sorted(ins["sipguard"], key=lambda p: size[p])
med = lambda xs: statistics.median(xs)
median_msg = paths[len(paths) // 2]
print()
print("%-30s %12s %12s %12s %12s" % ("method (%d messages)" % len(paths),
      "instr/msg", "instr/byte", "ns/msg", "x sipguard"))
base = med([ins["sipguard"][p] for p in paths])
for n in ["sipguard", "bm10", "osip"]:
    i_med = med([ins[n][p] for p in paths])
    ipb = med([ins[n][p] / size[p] for p in paths])
    t = med([ns[n][p] for p in paths])
    label = {"sipguard": "sipguard full inspection", "bm10": "iptables recipe: 10 x bm",
             "osip": "libosip2 osip_message_parse"}[n]
    print("%-30s %12d %12.1f %12.0f %11.2fx" % (label, i_med, ipb, t, i_med / base))
print("(medians over messages; the median message is %s, %d bytes)"
      % (os.path.basename(median_msg), size[median_msg]))
# benign INVITEs alone: what every call pays (responses, read since the
# detection issue, weigh on the median above)
inv = [p for p in paths if "/valid/" in p and open(p, "rb").read(7) == b"INVITE "]
print("benign INVITEs (%d): median %.1f instr/byte, %.0f instr/msg" % (
      len(inv), med([ins["sipguard"][p] / size[p] for p in inv]), med([ins["sipguard"][p] for p in inv])))
print()
print("%-30s %12s %12s" % ("scanner patterns", "instr/msg", "vs 10"))
p10 = med([ins["sipguard-p10"][p] for p in paths])
for n, k in (("sipguard-p10", 10), ("sipguard-p100", 100), ("sipguard-p1000", 1000)):
    v = med([ins[n][p] for p in paths])
    print("%-30s %12d %11.3fx" % ("sipguard, %d patterns" % k, v, v / p10))
print()
ipb = med([ins["sipguard"][p] / size[p] for p in paths])
r_bm = med([ins["bm10"][p] for p in paths]) / base
r_os = med([ins["osip"][p] for p in paths]) / base
flat = max(med([ins[n][p] for p in paths]) for n in ("sipguard-p100", "sipguard-p1000")) / p10
def verdict(ok): return "met" if ok else "NOT MET"
print("targets: <= 4 instr/byte: %.1f, %s" % (ipb, verdict(ipb <= 4)))
print("         >= 2x fewer than the recipe: %.2fx, %s" % (r_bm, verdict(r_bm >= 2)))
print("         >= 5x fewer than libosip2: %.2fx, %s" % (r_os, verdict(r_os >= 5)))
print("         flat within 10%% from 10 to 1000 patterns: %+.1f%%, %s" % ((flat - 1) * 100, verdict(flat <= 1.10)))
PY

# Adversarial inputs (tests/bench/adversarial.py): the cost per byte of
# each, at 16 KiB and 64 KiB, against benign messages of the same size.
python3 "$here/adversarial.py" "$out/adv" 16384 65535
adv=("$out"/adv/*.sip)
mkdir -p "$out/cg-adv"
valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$out/cg-adv/cg.%p" \
	"$here/bench_parse" callgrind-sipguard "${adv[@]}" > /dev/null 2> "$out/valgrind-adv.log"
for f in "$out"/cg-adv/cg.*; do
	label=$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")
	[ -n "$label" ] || continue
	echo "$label $(sed -n 's/^summary: //p' "$f")"
done > "$out/instructions-adv.txt"
python3 - "$out" "${files[@]}" -- "${adv[@]}" <<'PY'
import os, statistics, sys
out = sys.argv[1]
sep = sys.argv.index("--")
files, adv = sys.argv[2:sep], sys.argv[sep + 1:]
# the corpus: sipguard's instructions per byte, median over messages
cb = []
for line in open(os.path.join(out, "instructions.txt")):
    label, count = line.split()
    m, i = label.split(":")
    if m == "0":
        cb.append(int(count) / os.path.getsize(files[int(i) - 2]))
corpus_ipb = statistics.median(cb)
cost = {}
for line in open(os.path.join(out, "instructions-adv.txt")):
    label, count = line.split()
    path = adv[int(label.split(":")[1]) - 2]
    size, name = os.path.basename(path)[:-4].split("-", 1)
    cost[(int(size), name)] = int(count) / os.path.getsize(path)
print()
print("adversarial inputs (tests/bench/adversarial.py), sipguard's instructions per byte")
verdicts = []
for size in sorted({s for s, _ in cost}):
    rows = {n: c for (s, n), c in cost.items() if s == size}
    benign = {n: c for n, c in rows.items() if n.startswith("benign-")}
    attack = {n: c for n, c in rows.items() if not n.startswith("benign-")}
    ref_name = max(benign, key=benign.get)
    ref = benign[ref_name]
    print()
    print("%-36s %10s %10s" % ("%d bytes" % size, "instr/byte", "x benign"))
    for n, c in sorted(rows.items(), key=lambda r: -r[1]):
        print("%-36s %10.1f %10.2f" % (n, c, c / ref))
    worst = max(attack, key=attack.get)
    ratio = attack[worst] / ref
    verdicts.append((size, worst, attack[worst], ref_name, ref, ratio))
print()
print("benign reference: the costliest benign message of the same size, what a legitimate")
print("peer can already make sipguard spend per byte; the corpus median is %.1f instr/byte" % corpus_ipb)
for size, worst, w, ref_name, ref, ratio in verdicts:
    print("target: worst <= 3x benign at %5d bytes: %s %.1f / %s %.1f = %.2fx, %s (%.1fx the corpus median per byte)"
          % (size, worst, w, ref_name, ref, ratio, "met" if ratio <= 3 else "NOT MET", w / corpus_ipb))
PY
