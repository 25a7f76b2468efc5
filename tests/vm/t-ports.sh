#!/bin/bash
# The fast path: only UDP/TCP to a configured SIP port is inspected, the
# ports come from ports=, and a bad ports= or deny= refuses to load.
. "$(dirname "$0")/lib.sh"

netns_add client server
link client 192.0.2.1/24 2001:db8::1/64 server 192.0.2.2/24 2001:db8::2/64

send() { n client $SGNET udp-send "$@"; }
# seen NAME N: the server's counter NAME reached N (a loaded guest's
# softirq can take the packets after the sender returned)
seen() { wait_for 30 stat_ge server "$1" "$2"; }

modprobe sipguard
check "module loads with default ports" test -r /proc/net/sipguard/stats

send 192.0.2.2 5060 --count 3
send 2001:db8::2 5061 --count 2
seen sip_packets 5
check_eq "UDP to 5060/5061 (v4 and v6) counted as SIP" "$(sgstat server sip_packets)" 5
send 192.0.2.2 5070 --count 4
seen packets 9
check_eq "UDP to 5070 not counted as SIP" "$(sgstat server sip_packets)" 5
check_ge "every packet counted in packets" "$(sgstat server packets)" 9
check_eq "nothing counted in the client's netns" "$(sgstat client sip_packets)" 0

# TCP to 5060: the SYN is a SIP-port packet (nothing listens: RST comes back).
n client bash -c 'exec 3<>/dev/tcp/192.0.2.2/5060' 2>/dev/null
seen sip_packets 6
check_ge "TCP to 5060 counted as SIP" "$(sgstat server sip_packets)" 6

modprobe -r sipguard
check "unload removes /proc/net/sipguard" test ! -e /proc/net/sipguard
modprobe sipguard ports=5070
check_eq "ports= is shown in sysfs" "$(cat /sys/module/sipguard/parameters/ports)" 5070
send 192.0.2.2 5060 --count 3
seen packets 3
check_eq "with ports=5070, 5060 is not SIP" "$(sgstat server sip_packets)" 0
send 192.0.2.2 5070 --count 4
seen sip_packets 4
check_eq "with ports=5070, 5070 is SIP" "$(sgstat server sip_packets)" 4
modprobe -r sipguard

modprobe sipguard ports=5060-5062,5080
send 192.0.2.2 5062
send 192.0.2.2 5080
send 192.0.2.2 5063
seen packets 3
seen sip_packets 2
check_eq "port ranges" "$(sgstat server sip_packets)" 2
modprobe -r sipguard

for bad in abc 0 65536 5070-5060 "5060;5061" ""; do
	if modprobe sipguard "ports=$bad" 2>/dev/null; then
		not_ok "ports='$bad' refused"
		modprobe -r sipguard
	else
		ok "ports='$bad' refused"
	fi
done
check "a refused load leaves no module" bash -c '! grep -q "^sipguard " /proc/modules'
check "the refusal is explained in the kernel log" bash -c "dmesg | grep -q 'sipguard: ports=abc: want a comma-separated list'"
for bad in 192.0.2.1/24 192.0.2.0/33 2001:db8::1/64 example.com; do
	if modprobe sipguard "deny=$bad" 2>/dev/null; then
		not_ok "deny='$bad' refused"
		modprobe -r sipguard
	else
		ok "deny='$bad' refused"
	fi
done

# The per-source parameters refuse bad values, with a line saying why.
for bad in "rates=register=0/10" "rates=register=10" "rates=bogus=1/1" "rates=register=2000000/1" \
	   "global_rates=reflect=1/1" "ipv6_prefix=0" "ipv6_prefix=129" "max_sources=0" \
	   "ban_threshold=0" "ban_time=60 ban_max=30" "allow=192.0.2.1/24"; do
	# shellcheck disable=SC2086
	if modprobe sipguard $bad 2>/dev/null; then
		not_ok "'$bad' refused"
		modprobe -r sipguard
	else
		ok "'$bad' refused"
	fi
done
check "each refusal is explained in the kernel log" bash -c "dmesg | grep -q 'sipguard: rates=register=0/10: want CLASS=RATE/BURST' && dmesg | grep -q 'sipguard: ipv6_prefix=0: want 1-128' && dmesg | grep -q 'sipguard: ban_threshold, ban_window, ban_time must be non-zero'"
check "a refused load leaves no module behind" bash -c '! grep -q "^sipguard " /proc/modules'
modprobe sipguard rates=invite=100/500 ipv6_prefix=48
check_eq "rates= shows what was given" "$(cat /sys/module/sipguard/parameters/rates)" "invite=100/500"
modprobe -r sipguard

done_testing
