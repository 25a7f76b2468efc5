#!/bin/bash
# One skb, many datagrams: a UDP_SEGMENT send crosses veth as one GSO skb
# (as UDP GRO and rx-gro-list hand the hook one), and every datagram in
# it is judged: a scanner OPTIONS behind a benign one drops the skb; two
# benign ones both arrive, counted as two requests.
. "$(dirname "$0")/lib.sh"

netns_add attacker server
link attacker 203.0.113.66/24 2001:db8:66::66/64 server 203.0.113.1/24 2001:db8:66::1/64
modprobe sipguard
bg n server $SGNET udp-serve 5060 /tmp/udp.log --quiet
bg n server $SGNET udp-serve 5060 /tmp/udp6.log --quiet --family 6
wait_listen server udp 5060

scan=/tmp/scan.sip
printf 'OPTIONS sip:100@203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.66:5070;branch=z9hG4bK-g1\r\nFrom: <sip:100@203.0.113.66>;tag=1\r\nTo: <sip:100@203.0.113.1>\r\nCall-ID: g1@x\r\nCSeq: 1 OPTIONS\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n' > $scan
n attacker $SGNET options 203.0.113.1 > /tmp/plain.sip
python3 -c "
import sys; sys.path.insert(0, '$SG_REPO/tests/vm'); import sgnet
open('/tmp/good600.sip', 'wb').write(sgnet.sip_options('203.0.113.1', 600))"

for fam in 4 6; do
	if [ $fam = 4 ]; then dst=203.0.113.1 log=/tmp/udp.log; else dst=2001:db8:66::1 log=/tmp/udp6.log; fi
	pk=$(sgstat server sip_packets) rq=$(sgstat server requests) got=$(lines $log)
	n attacker $SGNET udp-gso $dst 5060 /tmp/good600.sip /tmp/plain.sip
	wait_lines 30 $log $((got + 3))
	check_eq "IPv$fam: three benign datagrams in one send all arrive" "$(lines $log)" $((got + 3))
	check_eq "IPv$fam: the hook saw them as one skb" "$(sgstat server sip_packets)" $((pk + 1))
	check_eq "IPv$fam: ... and judged three requests" "$(sgstat server requests)" $((rq + 3))
	sc=$(sgstat server drop_scanner) got=$(lines $log)
	n attacker $SGNET udp-gso $dst 5060 $scan
	sleep 1
	wait_for 10 stat_ge server drop_scanner $((sc + 1))
	check_eq "IPv$fam: a scanner behind a benign datagram drops the skb" "$(lines $log)" "$got"
	check_eq "IPv$fam: counted as scanner" "$(sgstat server drop_scanner)" $((sc + 1))
done
done_testing
