#!/bin/bash
# Real peers over TCP: Debian's Kamailio listening on TCP, sipp over TCP
# (one connection for all calls, -t t1, and one per call, -t tn) places
# 1000 calls each while an attacker on another address runs the stream
# evasions (random three-way cuts, one byte a segment) with the scanner
# OPTIONS and the seed's injection INVITE: every call completes, Kamailio
# never sees an attacker's request, and the flow table empties once the
# connections close. Then 100 000 spoofed segments from random sources,
# each the first half of a header section, against tcp_flows=10000, while
# sipp keeps calling over TCP.
. "$(dirname "$0")/lib.sh"

# Every process on CPU 0: over veth a segment is received on the CPU that
# sent it, so a sender moving between CPUs reorders its own stream, and
# sipguard drops what comes out of order (a loaded run of three guests
# counted 13); the check below is about in-order streams.
taskset -pc 0 $$ > /dev/null

kdir=$SG_REPO/tests/vm/kamailio
SGTCP="python3 $SG_REPO/tests/vm/sgtcp.py"
CTL=$SG_REPO/tools/sipguardctl/sipguardctl
lab
ulimit -n 8192		# sipp -t tn and Kamailio: a socket a call
m=/tmp/m
tcp_messages $m
kamailio_start
wait_listen server tcp 5060
modprobe sipguard tcp_flows=10000
# a trunk's rates for the sipp client (it is not in the allow set: every
# message of it is inspected); the attacker's offences do not ban it, so
# every evasion is judged on its content
n server $CTL config set rate invite 500/1000 rate other 1000/2000 ban-threshold 1000000

calls() {	# calls MODE COUNT RATE: sipp over TCP; its exit status
	n trusted sipp -sf "$kdir/invite.xml" 192.0.2.1:5060 -t "$1" -i 192.0.2.10 -p 5072 -s bob \
		-m "$2" -r "$3" -timeout 600 -timeout_error -max_socket 2000 > "/tmp/sipp-$1.out" 2>&1
}

for mode in t1 tn; do
	inv=$(grep -c 'sginvite 192.0.2.10' /tmp/kamailio.log)
	calls $mode 1000 50 &
	pid=$!
	n attacker $SGTCP cuts 203.0.113.1 5060 $m/bad-scanner $m/bad-injection --random3 60 --seed 3 >/dev/null
	n attacker $SGTCP cuts 203.0.113.1 5060 $m/bad-scanner --ones --delay 0.002 >/dev/null
	n attacker $SGTCP cuts 203.0.113.1 5060 $m/bad-injection --ones --delay 0.002 >/dev/null
	wait $pid
	status=$?
	check_eq "sipp -t $mode: 1000 calls, none failed (exit status)" "$status" 0
	[ $status -eq 0 ] || tail -5 /tmp/sipp-$mode.out | sed 's/^/# /'
	check_eq "sipp -t $mode: Kamailio got all 1000 INVITEs" \
		"$(($(grep -c 'sginvite 192.0.2.10' /tmp/kamailio.log) - inv))" 1000
done
check_eq "Kamailio never saw a request of the attacker" "$(grep -c 'sgreq 203.0.113.66' /tmp/kamailio.log)" 0
check_ge "the attacker's cuts were dropped as scanner and injection" \
	"$(( $(sgstat server drop_scanner) + $(sgstat server drop_injection) ))" 100
check_ge "sipp's messages were framed out of the streams" "$(sgstat server tcp_messages)" 4000
check_eq "no segment of these real stacks was taken for invalid or out of order" \
	"$(sgstat server tcp_invalid) $(sgstat server tcp_out_of_order)" "0 0"
flows_gone() {
	wait_for 60 bash -c "[ \$(ip netns exec server awk '\$1 == \"tcp_flows\" { print \$2 }' /proc/net/sipguard/stats) = 0 ]"
}
check "the flow table returns to 0 once the connections closed" flows_gone
check_eq "and holds no bytes" "$(sgstat server tcp_held)" 0
echo "# stats: $(n server cat /proc/net/sipguard/stats | grep -E '^(tcp_|drop_)' | tr '\n' ' ')"

# The spoofed flood: no handshake, so no socket; a listener is there, so
# each segment is a stream's would-be start, judged alone and dropped for
# ending inside a message. Nothing is kept.
slab() { awk '$1 == "sg_flow" { print $2 }' /proc/slabinfo; }
meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
cut=$(sgstat server tcp_first_cut)
slab0=$(meminfo Slab)
calls t1 300 30 &
pid=$!
out=$(n attacker $SGTCP spoof 203.0.113.1 5060 $m/good-invite --half 120 --count 100000)
echo "# flood: $out"
peak=$(sgstat server tcp_flows)
wait $pid
check_eq "during the flood, sipp over TCP: 300 calls, none failed" "$?" 0
slab1=$(meminfo Slab)
check_ge "the spoofed half headers were dropped as cut first data" "$(sgstat server tcp_first_cut)" $((cut + 99000))
check_le "no flow was made for them (tcp_flows after the flood: sipp's one at most)" "$peak" 1
check "the flow table returns to 0 after sipp's connection" flows_gone
check_eq "no bytes held" "$(sgstat server tcp_held)" 0
echo "# slab: $slab0 kB before the flood, $slab1 kB after ($((slab1 - slab0)) kB); sg_flow objects in use: $(slab)"
check_le "slab grew by less than 4 MiB" $((slab1 - slab0)) 4096
done_testing
