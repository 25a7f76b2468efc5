#!/bin/bash
# make demo, inside the guest: real attack tools against a real SIP server,
# without and with sipguard, and one before/after table.
#   server    Kamailio as a registrar (digest challenge on REGISTER)
#   attacker  sipvicious svmap and svwar, an INVITE with SQL injection in
#             From and Contact, a REGISTER flood spoofed from the victim
#   victim    the address the flood claims to come from: counts the 401s
#   trusted   an office range in allow=: sipp registers and calls throughout
. "$(dirname "$0")/lib.sh"

kdir=$SG_REPO/tests/vm/kamailio
lab
kamailio_start
bg n victim $SGNET udp-serve 5060 /tmp/victim.log --quiet
wait_listen victim udp 5060

# round NAME: every attack once, the trusted client throughout; results in /tmp/r-NAME.*
round() {
	local r=$1 before
	# 1. an INVITE with SQL injection in From and Contact
	before=$(grep -c 'sginvite 203.0.113.66' /tmp/kamailio.log)
	n attacker $SGNET udp-send 203.0.113.1 5060 --payload "$SG_REPO/tests/corpus/injection-invite.sip"
	sleep 1
	echo $(( $(grep -c 'sginvite 203.0.113.66' /tmp/kamailio.log) - before )) > /tmp/r-$r.inject
	# 2. svmap: which SIP servers answer
	n attacker timeout 60 svmap -t 2 203.0.113.1 > /tmp/r-$r.svmap 2>&1
	grep -c '203.0.113.1:5060' /tmp/r-$r.svmap > /tmp/r-$r.servers
	# 3. svwar: which extensions exist (100-120)
	n attacker timeout 90 svwar -m REGISTER -e100-120 -t 2 203.0.113.1 > /tmp/r-$r.svwar 2>&1
	grep -cE '^\| *1[0-9][0-9] +\|' /tmp/r-$r.svwar > /tmp/r-$r.exts
	cp /tmp/r-$r.svmap /tmp/r-$r.svwar "$SG_OUT/" 2>/dev/null
	# 4. 300 REGISTER/s for 5 s spoofed from the victim; the trusted office
	#    registers (digest) and calls meanwhile
	> /tmp/victim.log
	n trusted sipp -sf "$kdir/register.xml" 192.0.2.1:5060 -i 192.0.2.10 -p 5070 -s alice \
		-m 10 -r 2 -timeout 40 -timeout_error > /tmp/r-$r.sipp-reg 2>&1 &
	local reg=$!
	n trusted sipp -sf "$kdir/invite.xml" 192.0.2.1:5060 -i 192.0.2.10 -p 5072 -s bob \
		-m 10 -r 2 -timeout 40 -timeout_error > /tmp/r-$r.sipp-inv 2>&1 &
	local inv=$!
	n attacker $SGNET raw-send 203.0.113.1 --src 198.51.100.9 --count 1500 --rate 300
	wait $reg; echo $? > /tmp/r-$r.reg-status
	wait $inv; echo $? > /tmp/r-$r.inv-status
	local last=-1
	while [ "$(lines /tmp/victim.log)" != "$last" ]; do last=$(lines /tmp/victim.log); sleep 1; done
	lines /tmp/victim.log > /tmp/r-$r.401
}
calls() {	# successful calls sipp reported in its final statistics
	sed -n 's/^ *Successful call *| *[0-9]* *| *\([0-9]*\).*/\1/p' "$1" | tail -n1
}

echo "Round 1: Kamailio on its own (the ESTABLISHED-first firewall would not help: the flows are new)"
round without
echo "Round 2: modprobe sipguard allow=192.0.2.0/24 (default policy, the office range trusted)"
modprobe sipguard allow=192.0.2.0/24
round with

row() { printf '%-48s %12s %12s  %s\n' "$1" "$2" "$3" "${4:-}"; }
wrong=0
better() {	# LABEL WITHOUT WITH: with must be lower
	local mark=""
	[ "$3" -lt "$2" ] || { mark="WRONG WAY"; wrong=1; }
	row "$1" "$2" "$3" "$mark"
}
same() {	# LABEL WITHOUT WITH WANT: with must equal want
	local mark=""
	[ "$3" = "$4" ] || { mark="WRONG WAY"; wrong=1; }
	row "$1" "$2" "$3" "$mark"
}
echo
row "" "without" "with sipguard"
better "SIP servers found by svmap" "$(cat /tmp/r-without.servers)" "$(cat /tmp/r-with.servers)"
better "extensions found by svwar (100-120)" "$(cat /tmp/r-without.exts)" "$(cat /tmp/r-with.exts)"
better "injection INVITEs that reached Kamailio (of 1)" "$(cat /tmp/r-without.inject)" "$(cat /tmp/r-with.inject)"
better "401s reflected to the spoofed victim (of 1500)" "$(cat /tmp/r-without.401)" "$(cat /tmp/r-with.401)"
same "trusted REGISTERs authenticated (of 10)" "$(calls /tmp/r-without.sipp-reg)" "$(calls /tmp/r-with.sipp-reg)" 10
same "trusted calls answered (of 10)" "$(calls /tmp/r-without.sipp-inv)" "$(calls /tmp/r-with.sipp-inv)" 10
echo
echo "sipguard's counters in the server's netns (/proc/net/sipguard/stats):"
n server grep -E '^(sip_packets|requests|accepted|trusted|bans|drop_[a-z]+) [1-9]' /proc/net/sipguard/stats | sed 's/^/  /'
echo
echo "sipguard's log (dmesg):"
dmesg | grep -E 'sipguard: (drop|ban)' | sed 's/^\[[^]]*\] /  /' | head -n 8
echo
if [ $wrong -eq 0 ]; then
	echo "RESULT: every row went sipguard's way."
else
	echo "RESULT: WRONG WAY: some row above did not improve with sipguard."
	exit 1
fi
