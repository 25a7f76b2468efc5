#!/bin/bash
# Prometheus: `sipguardctl stats -o prometheus` is what promtool (Debian's
# prometheus package) accepts, carries every counter of
# /proc/net/sipguard/stats with the same values, labelled with the netns
# and never with an address; -w replaces the file atomically; a netns
# without sipguard says so (sipguard_enabled 0). The query the README gives
# (drops per reason per minute) runs on two scrapes in promtool's own
# evaluator (promtool test rules).
. "$(dirname "$0")/lib.sh"

CTL=$SG_REPO/tools/sipguardctl/sipguardctl
W=/tmp/t-metrics
mkdir -p $W

netns_add attacker server
link attacker 203.0.113.66/24 2001:db8:66::66/64 server 203.0.113.1/24 2001:db8:66::1/64
modprobe sipguard
printf 'OPTIONS sip:100@203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.66;branch=z9hG4bK-x\r\nFrom: "sipvicious"<sip:100@1.1.1.1>;tag=1\r\nTo: <sip:100@203.0.113.1>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n' > $W/scan.sip
n attacker $SGNET udp-send 203.0.113.1 5060 --payload $W/scan.sip --count 3
n attacker $SGNET options 203.0.113.1 > $W/clean.sip
n attacker $SGNET udp-send 203.0.113.1 5060 --payload $W/clean.sip --count 2
# the scrape reads what the hook counted: wait for all 5 (a loaded guest)
wait_for 10 stat_ge server sip_packets 5
wait_for 10 stat_ge server drop_scanner 3

n server $CTL stats -o prometheus > $W/m1; rc=$?
check "stats -o prometheus: exit 0" test $rc -eq 0
promtool check metrics < $W/m1 > $W/lint 2>&1; rc=$?
check "promtool check metrics: no problem" test $rc -eq 0 -a ! -s $W/lint
[ -s $W/lint ] && sed 's/^/# /' $W/lint | head -n 10
check_eq "scanner drops, as /proc says" \
	"$(awk '/^sipguard_drops_total\{netns="server",reason="scanner"\}/ { print $2 }' $W/m1)" \
	"$(sgstat server drop_scanner)"
check_eq "... which is 3" "$(sgstat server drop_scanner)" 3
check_eq "every counter of /proc/net/sipguard/stats, and 'enabled'" \
	"$(grep -c '^sipguard_' $W/m1)" "$(($(n server sh -c "wc -l < /proc/net/sipguard/stats") + 1))"
# every /proc line has its sample with the same value (drops by reason;
# the gauges and counters under their metric names)
mismatch=$(n server cat /proc/net/sipguard/stats | python3 -c '
import re, sys
m = {}
for l in open(sys.argv[1]):
    x = re.match(r"sipguard_(\w+)\{netns=\"server\"(?:,reason=\"(\w+)\")?\} (\d+)$", l)
    if x:
        m[("drop_" + x.group(2)) if x.group(2) else x.group(1)] = int(x.group(3))
names = {"tcp_held": "tcp_held_bytes"}
bad = []
for l in sys.stdin:
    k, v = l.split()
    key = k if k.startswith("drop_") else names.get(k, k)
    got = m.get(key, m.get(key + "_total"))
    # packets move with the traffic of the test itself (neighbour
    # discovery...), and /proc is read after the scrape: at most
    if got is None or (got > int(v) if k in ("packets", "sip_packets", "sip_bytes") else got != int(v)):
        bad.append("%s=%s/%s" % (k, v, got))
print(" ".join(bad))' $W/m1)
check_eq "... each with the value /proc shows" "$mismatch" ""
check "gauges are gauges, counters end in _total" bash -c \
	"grep -q '^# TYPE sipguard_bans_active gauge' $W/m1 && grep -q '^# TYPE sipguard_drops_total counter' $W/m1 &&
	 ! grep '^# TYPE' $W/m1 | grep ' counter$' | grep -vq '_total counter$'"
check "no address in any label" bash -c "! grep -Eq '203\\.0\\.113|2001:db8' $W/m1"
check_eq "sipguard_enabled 1" "$(grep '^sipguard_enabled' $W/m1)" 'sipguard_enabled{netns="server"} 1'
grep -E '^(# TYPE sipguard_drops|sipguard_drops_total.*(scanner|rate)|sipguard_bans_active)' $W/m1 | sed 's/^/# scrape: /'

# -w: written whole, in place, nothing left beside it
mkdir -p $W/textfile
n server $CTL stats -o prometheus -w $W/textfile/sipguard.prom
check "-w writes the file" test -s $W/textfile/sipguard.prom
check_eq "... and nothing else in the directory" "$(ls $W/textfile)" sipguard.prom
check "... which promtool accepts" bash -c "promtool check metrics < $W/textfile/sipguard.prom"
n server $CTL stats -o prometheus -w $W/nodir/sipguard.prom 2> $W/err; rc=$?
check "-w into a missing directory: exit 1, saying why" bash -c "[ $rc -eq 1 ] && grep -q 'cannot write' $W/err"

# the README's query, on two scrapes a minute apart, in promtool's evaluator
n attacker $SGNET udp-send 203.0.113.1 5060 --payload $W/scan.sip --count 6
wait_for 10 stat_ge server drop_scanner 9
n server $CTL stats -o prometheus > $W/m2
python3 - $W/m1 $W/m2 > $W/rules-test.yml <<'EOF'
import re, sys
series = {}
for i, path in enumerate(sys.argv[1:3]):
    for l in open(path):
        x = re.match(r'(sipguard_drops_total\{[^}]*\}) (\d+)$', l)
        if x:
            series.setdefault(x.group(1), []).append(x.group(2))
print("rule_files: []\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:")
for k, v in series.items():
    print("      - series: '%s'\n        values: '%s'" % (k, " ".join(v)))
print("""    promql_expr_test:
      - expr: sum by (reason) (increase(sipguard_drops_total{reason="scanner"}[1m]))
        eval_time: 1m
        exp_samples:
          - labels: '{reason="scanner"}'
            value: 6""")
EOF
promtool test rules $W/rules-test.yml > $W/rules.out 2>&1; rc=$?
check "drops per reason per minute (the README's query): 6 scanner drops in the minute" test $rc -eq 0
[ $rc -eq 0 ] || sed 's/^/# /' $W/rules.out | head -n 10

# a netns that never had sipguard: one sample, enabled 0, still valid
modprobe -r sipguard
modprobe sipguard all_netns=0
n server $CTL stats -o prometheus > $W/m0; rc=$?
check "a netns not enabled: exit 0" test $rc -eq 0
check_eq "... one sample, sipguard_enabled 0" "$(grep -v '^#' $W/m0)" 'sipguard_enabled{netns="server"} 0'
check "... which promtool accepts" bash -c "promtool check metrics < $W/m0"
n server $CTL stats 2> $W/err; rc=$?
check "plain stats there: refused, saying it is not enabled" \
	bash -c "[ $rc -eq 1 ] && grep -q 'not enabled in this network namespace' $W/err"
modprobe -r sipguard

done_testing
