#!/bin/bash
# The hook runs before conntrack: a flow conntrack holds as ESTABLISHED, to a
# firewall whose first rule accepts ESTABLISHED, still has its next packet
# dropped by sipguard, and the dropped packet does not refresh the entry.
# Also before the raw table: a raw PREROUTING rule never sees the packet.
. "$(dirname "$0")/lib.sh"

netns_add attacker server
link attacker 192.0.2.1/24 2001:db8::1/64 server 192.0.2.2/24 2001:db8::2/64

# The field's ruleset: ESTABLISHED first, then the SIP port open, the rest
# closed; conntrack accounting on, to see which packets reach conntrack.
established_first server
n server iptables -t raw -A PREROUTING -p udp --dport 5060
n server iptables -t raw -A PREROUTING -p tcp --dport 5060

bg n server $SGNET udp-serve 5060 /tmp/udp.log
bg n server $SGNET tcp-serve 5060 /tmp/tcp.log
wait_listen server tcp 5060
wait_listen server udp 5060

# Establish a UDP flow (request + reply) and a TCP connection.
check "UDP flow gets its replies" n attacker $SGNET udp-send 192.0.2.2 5060 --sport 40000 --count 2 --reply
mkfifo /tmp/tcp.in
bg bash -c "ip netns exec attacker $SGNET tcp-client 192.0.2.2 5060 --sport 40001 < /tmp/tcp.in"
exec 3> /tmp/tcp.in
n attacker $SGNET options 192.0.2.2 --transport TCP >&3
wait_lines 60 /tmp/tcp.log 1

ct() { n server conntrack -L -p "$1" --dport 5060 2>/dev/null; }
# packets= of the original direction, from conntrack's accounting.
ct_orig_packets() { ct "$1" | sed -n 's/.*dport=5060 packets=\([0-9]*\).*/\1/p' | head -n1; }

check "conntrack holds the UDP flow as replied (ESTABLISHED)" bash -c "! (ip netns exec server conntrack -L -p udp --dport 5060 2>/dev/null | grep -q UNREPLIED) && ip netns exec server conntrack -L -p udp --dport 5060 2>/dev/null | grep -q sport=40000"
check "conntrack -L shows the TCP flow ESTABLISHED" bash -c "ip netns exec server conntrack -L -p tcp --dport 5060 2>/dev/null | grep -q ESTABLISHED"

# The operator now closes the port; ESTABLISHED still lets the flow in.
n server iptables -D INPUT -p udp --dport 5060 -j ACCEPT
n server iptables -D INPUT -p tcp --dport 5060 -j ACCEPT
n attacker $SGNET udp-send 192.0.2.2 5060 --sport 40000 --count 1 --reply
check_eq "without sipguard, the ESTABLISHED rule lets the closed port's flow in (the bypass)" "$(lines /tmp/udp.log)" 3

# Now sipguard, with the attacker in its deny set.
modprobe sipguard deny=192.0.2.1,2001:db8::1
udp_before=$(ct_orig_packets udp)
tcp_before=$(ct_orig_packets tcp)
raw_before=$(n server iptables -t raw -L PREROUTING -vnx | awk '/dpt:5060/ { s += $1 } END { print s + 0 }')
check "conntrack accounting is readable before the drop" \
	test -n "$udp_before" -a -n "$tcp_before" -a "${udp_before:-0}" -gt 0 -a "${raw_before:-0}" -gt 0
n attacker $SGNET udp-send 192.0.2.2 5060 --sport 40000 --count 3
n attacker $SGNET options 192.0.2.2 --transport TCP >&3
sleep 2
exec 3>&-

wait_for 10 stat_ge server drop_deny 4
check_eq "the server received none of the dropped UDP datagrams" "$(lines /tmp/udp.log)" 3
check_eq "the server received none of the dropped TCP data" "$(lines /tmp/tcp.log)" 1
check_eq "drop_deny counted the UDP drops (and TCP retransmissions)" \
	"$(( $(sgstat server drop_deny) >= 4 ))" 1
check_eq "the UDP entry's packet count did not move (not refreshed)" "$(ct_orig_packets udp)" "$udp_before"
check_eq "the TCP entry's packet count did not move" "$(ct_orig_packets tcp)" "$tcp_before"
check_eq "the raw table (priority -300) never saw the dropped packets" \
	"$(n server iptables -t raw -L PREROUTING -vnx | awk '/dpt:5060/ { s += $1 } END { print s + 0 }')" "$raw_before"

# A source not in the deny set still passes sipguard (and the firewall
# decides as before): the drop above is sipguard's, not the ruleset's.
netns_add other
ip link add veth-other netns server type veth peer name veth-server netns other
n server ip addr add 198.51.100.2/24 dev veth-other
n other ip addr add 198.51.100.1/24 dev veth-server
n server ip link set veth-other up
n other ip link set veth-server up
n server iptables -I INPUT -s 198.51.100.1 -p udp --dport 5060 -j ACCEPT
check "a source outside the deny set still gets through" n other $SGNET udp-send 198.51.100.2 5060 --count 1 --reply
check_eq "and is counted as accepted" "$(sgstat server accepted)" 1

done_testing
