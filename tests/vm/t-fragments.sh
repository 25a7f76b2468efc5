#!/bin/bash
# Fragmented SIP datagrams (payload over the MTU) reach the hook whole, over
# IPv4 and IPv6: defrag runs first, so the hook sees one packet carrying the
# whole payload, and a deny drop takes all of it.
. "$(dirname "$0")/lib.sh"

netns_add client server
link client 192.0.2.1/24 2001:db8::1/64 server 192.0.2.2/24 2001:db8::2/64 1280

modprobe sipguard
bg n server $SGNET udp-serve 5060 /tmp/udp4.log
bg n server $SGNET udp-serve 5061 /tmp/udp6.log --family 6
wait_listen server udp 5060
wait_listen server udp 5061

frag4() { n client nstat -az IpFragCreates | awk '/IpFragCreates/ { print $2 }'; }
frag6() { n client nstat -az Ip6FragCreates | awk '/Ip6FragCreates/ { print $2 }'; }

n client $SGNET udp-send 192.0.2.2 5060 --size 3000
check_ge "the IPv4 datagram left the client in fragments" "$(frag4)" 3
wait_lines 30 /tmp/udp4.log 1
check_eq "the server got the 3000-byte datagram" "$(cat /tmp/udp4.log)" 3000
check_eq "the hook saw one SIP packet, not one per fragment" "$(sgstat server sip_packets)" 1
check_eq "the hook saw the whole payload" "$(sgstat server sip_bytes)" 3000

n client $SGNET udp-send 2001:db8::2 5061 --size 5000
check_ge "the IPv6 datagram left the client in fragments" "$(frag6)" 4
wait_lines 30 /tmp/udp6.log 1
check_eq "the server got the 5000-byte IPv6 datagram" "$(cat /tmp/udp6.log)" 5000
check_eq "IPv6: one SIP packet" "$(sgstat server sip_packets)" 2
check_eq "IPv6: the whole payload" "$(sgstat server sip_bytes)" 8000

# A denied source's fragmented datagram is dropped whole (not just its
# first fragment): nothing reaches the socket.
modprobe -r sipguard
modprobe sipguard deny=192.0.2.1,2001:db8::1
n client $SGNET udp-send 192.0.2.2 5060 --size 4000
n client $SGNET udp-send 2001:db8::2 5061 --size 4000
sleep 1
wait_for 10 stat_ge server drop_deny 2
check_eq "denied fragmented datagrams dropped whole (IPv4 and IPv6)" "$(sgstat server drop_deny)" 2
check_eq "nothing more reached the IPv4 socket" "$(lines /tmp/udp4.log)" 1
check_eq "nothing more reached the IPv6 socket" "$(lines /tmp/udp6.log)" 1

done_testing
