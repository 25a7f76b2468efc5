#!/bin/bash
# A module that stays in its lane: what one network namespace does does
# not change what another gets. Here: the kernel log's rate limit is per
# netns, so a flood of drops in one namespace cannot silence another's
# log lines.
. "$(dirname "$0")/lib.sh"

netns_add client-a server-a client-b server-b
link client-a 203.0.113.66/24 2001:db8:66::66/64 server-a 203.0.113.1/24 2001:db8:66::1/64
link client-b 198.51.100.77/24 2001:db8:77::77/64 server-b 198.51.100.1/24 2001:db8:77::1/64
modprobe sipguard ban_threshold=1000000
scanner() {	# a scanner OPTIONS to HOST
	printf 'OPTIONS sip:100@%s SIP/2.0\r\nVia: SIP/2.0/UDP x;branch=z9hG4bK-%s\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:100@%s>\r\nCall-ID: %s\r\nCSeq: 1 OPTIONS\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n' "$1" "$RANDOM" "$1" "$RANDOM" > /tmp/scan.sip
}

dmesg -C
scanner 203.0.113.1
cp /tmp/scan.sip /tmp/scan-a.sip
scanner 198.51.100.1
# netns A floods scanner drops (100/s for 6 s) while netns B sends three,
# one a second: with one limit for the module, A's flood would take the
# whole budget of every 5 s and B's lines would be lost.
t0=$SECONDS
bg n client-a $SGNET udp-send 203.0.113.1 5060 --payload /tmp/scan-a.sip --count 600 --interval 0.01
sleep 1
n client-b $SGNET udp-send 198.51.100.1 5060 --payload /tmp/scan.sip --count 3 --interval 1
wait ${_sg_pids[-1]}
wait_for 10 stat_ge server-a drop_scanner 600
check_eq "netns A: 600 scanner drops" "$(sgstat server-a drop_scanner)" 600
# 10 lines in each 5 s window the flood touched (a loaded guest stretches
# its 6 s); 40 at least
secs=$((SECONDS - t0 + 1))
bound=$(( 10 * (secs / 5 + 2) ))
[ $bound -ge 40 ] || bound=40
a_lines=$(dmesg | grep -c 'sipguard: drop 203.0.113.66 scanner')
echo "# netns A: $a_lines drop lines logged, the flood took ${secs} s at most"
check_le "netns A: its log lines are limited (10 per 5 s: $bound in ${secs} s)" "$a_lines" $bound
check_eq "netns B: its three scanner drops" "$(sgstat server-b drop_scanner)" 3
check_eq "netns B: all three logged all the same (the limit is per netns)" \
	"$(dmesg | grep -c 'sipguard: drop 198.51.100.77 scanner')" 3
done_testing
