#!/bin/bash
# vm-timeout: 600
# Two SIP servers in a CrowdSec fleet: srva and srvb, each in its own netns
# with sipguard, one Local API (Debian's crowdsec 1.4.6, LAPI only, started
# here in its own netns), all on one segment with the attacker and a
# trusted office. srva reports its bans (sipguardctl crowdsec report);
# both run the bouncer (sipguardctl crowdsec bouncer, a 2 s poll).
#  - the scanner srva bans is dropped by srvb within the poll + 5 s;
#  - cscli decisions delete lifts it on both;
#  - a restart of srvb's bouncer re-applies every active decision, and a
#    resync re-asserts an expiry someone changed;
#  - a decision on a trusted (allow-set) address, or a range around it, is
#    reported and never enforced; the operator's own deny entries are
#    never touched.
. "$(dirname "$0")/lib.sh"

CTL=$SG_REPO/tools/sipguardctl/sipguardctl
LAPI=$SG_REPO/tests/crowdsec/lapi.sh
W=/tmp/t-crowdsec
mkdir -p $W

# one segment: a bridge in netns sw, a veth from each host to it
netns_add sw attacker trusted srva srvb lapi
n sw ip link add br0 type bridge
n sw ip link set br0 up
seg() {	# seg NS ADDR4 ADDR6
	ip link add "to-sw" netns "$1" type veth peer name "p-$1" netns sw
	n sw ip link set "p-$1" master br0 up
	n "$1" ip addr add "$2/24" dev to-sw
	n "$1" ip addr add "$3/64" dev to-sw nodad
	n "$1" ip link set to-sw up
}
seg attacker 203.0.113.66 2001:db8:66::66
seg trusted 203.0.113.10 2001:db8:66::10
seg srva 203.0.113.1 2001:db8:66::1
seg srvb 203.0.113.2 2001:db8:66::2
seg lapi 203.0.113.100 2001:db8:66::100

modprobe sipguard
for s in srva srvb; do
	n $s $CTL config set ban-threshold 3 ban-time 600
	n $s $CTL allow add 203.0.113.10 comment "office"
	bg n $s $SGNET udp-serve 5060 $W/$s.log --quiet
	wait_listen $s udp 5060
done
# the operator's own entry on srvb, for a prefix a decision will name too
n srvb $CTL deny add 198.51.100.0/24 comment "operator"

# the Local API, a bouncer key for each server, srva's machine login
n lapi $LAPI start $W/lapi 203.0.113.100:8080
check "the Local API runs (Debian's crowdsec, -no-cs -no-capi)" test $? -eq 0
cs() { n lapi $LAPI cscli $W/lapi "$@"; }
for s in srva srvb; do
	cs bouncers add "bouncer-$s" -k "key-$s-0123456789" > /dev/null 2>&1
	echo "key-$s-0123456789" > $W/$s.key
done
echo "wrong-key" > $W/wrong.key

n srvb $CTL crowdsec bouncer url http://203.0.113.100:8080 key-file $W/wrong.key once 2> $W/wrong.err
check "a refused key: exit 1" test $? -eq 1
check "... saying so" grep -q "API key was refused" $W/wrong.err

bouncer() {	# bouncer NS: start its bouncer, 2 s polls, a resync every 6 s
	bg n "$1" sh -c "exec $CTL crowdsec bouncer url http://203.0.113.100:8080 key-file $W/$1.key \
		interval 2 resync 6 2>> $W/$1.bouncer.log"
	eval "bouncer_$1=${_sg_pids[-1]}"
}
bouncer srva
bouncer srvb
bg n srva sh -c "exec $CTL crowdsec report credentials $W/lapi/machine.yaml 2> $W/report.log"
wait_for 30 grep -qs "reporting sipguard's bans" $W/report.log
check "srva's reporter logged in to the Local API" test $? -eq 0

deny_has() {	# deny_has NS PREFIX [REGEX-OF-THE-REST]
	n "$1" $CTL deny show | grep -Eq "^${2//./\\.} ${3:-}"
}

# 1. the scanner: 3 scanner OPTIONS to srva ban it there
printf 'OPTIONS sip:100@203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.66:5099;branch=z9hG4bK-x\r\nFrom: "sipvicious"<sip:100@1.1.1.1>;tag=1\r\nTo: <sip:100@203.0.113.1>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n' > $W/scan.sip
n attacker $SGNET options 203.0.113.2 > $W/good.sip
n attacker $SGNET udp-send 203.0.113.2 5060 --payload $W/good.sip
wait_lines 30 $W/srvb.log 1
check "before: srvb hears the attacker's OPTIONS" test $? -eq 0
n attacker $SGNET udp-send 203.0.113.1 5060 --count 3 --interval 0.2 --payload $W/scan.sip
t0=$SECONDS
wait_for 30 sh -c "ip netns exec srva $CTL ban | grep -q '^203.0.113.66'"
check "srva bans the scanner (3 scanner drops)" test $? -eq 0
wait_for 15 deny_has srvb 203.0.113.66/32
check "srvb's deny set holds it, from CrowdSec, within the poll + 5 s (7 s)" test $? -eq 0
took=$((SECONDS - t0))
check_le "... in $took s" "$took" 7
check "... named after the scenario, expiring with the ban (at most 600 s)" \
	deny_has srvb 203.0.113.66/32 "expires (59[0-9]|600) comment \"?crowdsec:sipguard/ban\"?"
cs decisions list --all -o raw > $W/decisions.txt 2>&1
check "the Local API holds srva's report as a decision" grep -q 'sipguard,Ip:203.0.113.66,sipguard/ban' $W/decisions.txt
lines_b=$(lines $W/srvb.log)
deny_b=$(sgstat srvb drop_deny)
n attacker $SGNET udp-send 203.0.113.2 5060 --count 3 --payload $W/good.sip
sleep 1
check_eq "srvb drops the scanner's next (benign) requests" "$(lines $W/srvb.log)" "$lines_b"
check_eq "... as deny" "$(sgstat srvb drop_deny)" "$((deny_b + 3))"

# 2. trusted: a decision on the office, and a range around it, are not
#    enforced; a range that touches nothing is
cs decisions add --ip 203.0.113.10 --duration 1h --reason "test: trusted" > /dev/null 2>&1
cs decisions add --range 203.0.113.8/29 --duration 1h --reason "test: around trusted" > /dev/null 2>&1
cs decisions add --range 198.18.0.0/15 --duration 1h --reason "test: range" > /dev/null 2>&1
cs decisions add --ip 2001:db8:66::66 --duration 30m --reason "test: v6" > /dev/null 2>&1
cs decisions add --range 198.51.100.0/24 --duration 1h --reason "test: operator's" > /dev/null 2>&1
wait_for 30 deny_has srvb 198.18.0.0/15
check "a range decision is enforced on srvb" test $? -eq 0
wait_for 30 deny_has srva 198.18.0.0/15
check "... and on srva" test $? -eq 0
check "... with the decision's expiry (1 h)" deny_has srvb 198.18.0.0/15 "expires 3[56][0-9][0-9] "
# the five decisions are added one by one (a second or more each under TCG):
# a poll can fall between them, so each is waited for, never assumed
wait_for 30 deny_has srvb 2001:db8:66::66/128 "expires 1[78][0-9][0-9] "
check "an IPv6 decision is enforced" test $? -eq 0
check "a decision on a trusted address is not" bash -c "! ip netns exec srvb $CTL deny show | grep -q '^203.0.113.10/'"
check "... nor a range around it" bash -c "! ip netns exec srvb $CTL deny show | grep -q '^203.0.113.8/29'"
check "... the bouncer says so" grep -q 'on 203.0.113.8/29 not enforced: it touches the allow set' $W/srvb.bouncer.log
# the last decision added, on the operator's prefix: the bouncer has seen
# it once it counts it as already denied
wait_for 30 grep -q "1 already denied by the operator" $W/srvb.bouncer.log
check "the bouncer leaves the operator's prefix to the operator" test $? -eq 0
check "... whose entry keeps its comment and no expiry" deny_has srvb 198.51.100.0/24 'comment "?operator"?$'
lines_b=$(lines $W/srvb.log)
n trusted $SGNET udp-send 203.0.113.2 5060 --count 2 --payload $W/good.sip
wait_lines 30 $W/srvb.log $((lines_b + 2))
check "the office still reaches srvb" test $? -eq 0

# 3. a resync re-asserts an expiry changed behind the bouncer's back
n srvb $CTL deny replace 198.18.0.0/15 expires 30 comment "crowdsec:changed"
wait_for 30 deny_has srvb 198.18.0.0/15 "expires 3[56][0-9][0-9] "
check "a resync puts the decision's expiry back" test $? -eq 0

# 4. a restart of srvb's bouncer re-applies every active decision
kill "$bouncer_srvb"
n srvb $CTL deny flush
n srvb $CTL deny add 198.51.100.0/24 comment "operator"
bouncer srvb
wait_for 30 deny_has srvb 203.0.113.66/32
check "after a restart (and an empty deny set) the scanner's decision is back" test $? -eq 0
wait_for 30 deny_has srvb 198.18.0.0/15
check "... and the range's" test $? -eq 0
wait_for 30 deny_has srvb 2001:db8:66::66/128
check "... and the IPv6 one" test $? -eq 0
check "... and still not the trusted ones" bash -c "! ip netns exec srvb $CTL deny show | grep -qE '^203\.0\.113\.(10/32|8/29)'"

# 5. cscli decisions delete lifts the scanner on both
cs decisions delete --ip 203.0.113.66 > /dev/null 2>&1
wait_for 30 sh -c "! ip netns exec srvb $CTL deny show | grep -q '^203.0.113.66/'"
check "deleting the decision lifts it on srvb" test $? -eq 0
wait_for 30 sh -c "! ip netns exec srva $CTL deny show | grep -q '^203.0.113.66/' && ! ip netns exec srva $CTL ban | grep -q '^203.0.113.66'"
check "... and on srva (its deny entry and its own ban)" test $? -eq 0
before_a=$(lines $W/srva.log) before_b=$(lines $W/srvb.log)
n attacker $SGNET udp-send 203.0.113.1 5060 --payload $W/good.sip
n attacker $SGNET udp-send 203.0.113.2 5060 --payload $W/good.sip
wait_lines 30 $W/srva.log $((before_a + 1)) && wait_lines 30 $W/srvb.log $((before_b + 1))
check "... its benign requests reach both servers again" test $? -eq 0
cs decisions delete --range 198.18.0.0/15 > /dev/null 2>&1
wait_for 30 sh -c "! ip netns exec srva $CTL deny show | grep -q '^198.18.0.0/15'"
check "a deleted range leaves srva's deny set" test $? -eq 0
check "the operator's entry is still there" deny_has srvb 198.51.100.0/24 'comment "?operator"?$'

bg_stop
n lapi $LAPI stop $W/lapi
sed 's/^/# srva: /' $W/srva.bouncer.log | tail -n 6
sed 's/^/# srvb: /' $W/srvb.bouncer.log | tail -n 6
done_testing
