#!/bin/bash
# vm-timeout: 1200
# Per-source state: the reflection guard, REGISTER limits and bans on a
# spoofed flood (the field's 401 reflector), ban escalation and expiry,
# a flood from 200 000 random sources against max_sources, and a trusted
# client served throughout; the global bucket spent from both CPUs. A stand-in registrar (sgnet.py registrar)
# answers every REGISTER with 401.
. "$(dirname "$0")/lib.sh"

lab
n attacker ip route add 198.51.100.0/24 via 203.0.113.1

bg n server $SGNET registrar 5060 /tmp/reg.log
bg n victim $SGNET udp-serve 5060 /tmp/victim.log --quiet
wait_listen server udp 5060
wait_listen victim udp 5060
from() { grep -c "^$1 " /tmp/reg.log; }
from_ge() { [ "$(from "$1")" -ge "$2" ]; }

# settle: wait until the registrar and the victim have gone quiet (a
# flood leaves a backlog the registrar works off under TCG).
settle() {
	local last=-1 now
	while now="$(lines /tmp/reg.log) $(lines /tmp/victim.log)"; [ "$now" != "$last" ]; do
		last=$now
		sleep 1
	done
}


# Control: no sipguard, every spoofed REGISTER is answered to the victim.
n attacker $SGNET raw-send 203.0.113.1 --src 198.51.100.9 --count 300 --rate 300
settle
# (at least a third, over twice the guard's burst of 40: what the control
# shows is that the lab reflects. A loaded guest's registrar and victim
# drop some of a 300/s flood at their sockets: 18 in a fresh-check's run,
# 105 with five guests on two cores. Section 1 shows the guard's effect.)
check_ge "without sipguard the victim receives the 401s (the reflector)" "$(lines /tmp/victim.log)" 100
> /tmp/victim.log; > /tmp/reg.log

# 1. The reflection guard alone: REGISTER limits and bans lifted.
modprobe sipguard allow=192.0.2.0/24 ban_threshold=1000000 \
	rates=register=1000000/1000000,reflect=20/40
# The guard refills on the kernel's boottime clock, which under QEMU TCG
# may run apart from the wall clock: the bound uses the same clock
# (/proc/uptime), the wall clock is printed beside it.
uptime_ms() { awk '{ printf "%d", $1 * 1000 }' /proc/uptime; }
t0=$(uptime_ms)
w0=$(date +%s%N)
n attacker $SGNET raw-send 203.0.113.1 --src 198.51.100.9 --count 1500 --rate 300
settle
secs=$(( ($(uptime_ms) - t0 + 999) / 1000 ))	# rounded up
wall=$(( ($(date +%s%N) - w0) / 1000000000 ))
reg=$(from 198.51.100.9)
got=$(lines /tmp/victim.log)
bound=$((40 + 20 * secs))
echo "# reflection guard: $reg REGISTERs answered, $got 401s reached the victim in $secs s of boottime ($wall s of wall clock), bound $bound"
# (enough of the 1 500 answered for the guard to have had work: 200 over
# its bound. Not a multiple of it: a loaded guest's registrar drops some
# of a 300/s flood at its socket and takes longer to work off the rest,
# which raises the bound as it lowers the answers: 1 038 in a run beside
# three other guests, 795 against a bound of 340 with two fuzzers beside
# them, the victim getting 153.)
check_ge "the registrar answered the spoofed REGISTERs, 200 more than the guard's bound" "$reg" $((bound + 200))
check_le "the victim got at most burst 40 + 20/s over the $secs s" "$got" "$bound"
check_eq "drop_reflection counted every other 401" "$(sgstat server drop_reflection)" $((reg - got))
# Over TCP the peer completed a handshake, so it is no spoofed victim: its
# 401s are not limited (dropping them would only stall the connection).
bg n server $SGNET tcp-serve 5060 /tmp/tcp.log --answer 'SIP/2.0 401 Unauthorized\r\nContent-Length: 0\r\n\r\n'
wait_listen server tcp 5060
refl=$(sgstat server drop_reflection)
got=$(for i in $(seq 100); do
	printf 'REGISTER sip:203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/TCP 203.0.113.66;branch=z9hG4bK-t%d\r\nFrom: <sip:100@203.0.113.1>;tag=%d\r\nTo: <sip:100@203.0.113.1>\r\nCall-ID: t%d\r\nCSeq: %d REGISTER\r\nContent-Length: 0\r\n\r\n' $i $i $i $i
done | n attacker $SGNET tcp-client 203.0.113.1 5060 --expect 100 --timeout 10)
check_eq "over TCP, all 100 401s reach the client (more than the burst of 40)" "$got" 100
check_eq "... and none counted as reflection" "$(sgstat server drop_reflection)" "$refl"
modprobe -r sipguard
settle
> /tmp/victim.log; > /tmp/reg.log

# 2. The defaults: 300 REGISTER/s spoofed from the victim for 10 s, while a
#    trusted client registers and calls.
modprobe sipguard allow=192.0.2.0/24
python3 -c "
import sys; sys.path.insert(0, '$SG_REPO/tests/vm'); import sgnet
open('/tmp/trusted.sip', 'wb').write(sgnet.register('192.0.2.1', '192.0.2.10', 5060, 1))"
n trusted $SGNET udp-send 192.0.2.1 5060 --count 60 --interval 0.15 --payload /tmp/trusted.sip &
tpid=$!
n attacker $SGNET raw-send 203.0.113.1 --src 198.51.100.9 --count 3000 --rate 300
wait $tpid
settle
reg=$(from 198.51.100.9)
got=$(lines /tmp/victim.log)
echo "# defaults: $reg of 3000 spoofed REGISTERs reached the registrar, $got 401s reached the victim"
check_le "the victim received at most the REGISTER burst (40) plus what 10/s lets through before the ban" "$got" 60
check_ge "the victim's address was banned" "$(sgstat server bans)" 1
check "the ban is logged" bash -c "dmesg | grep -q 'sipguard: ban 198.51.100.9 for 60 s (ban 1)'"
check_ge "drop_banned took the rest of the flood" "$(sgstat server drop_banned)" 2500
check_ge "every trusted REGISTER was answered (60 and more)" "$(from 192.0.2.10)" 60
modprobe -r sipguard

# 3. Ban escalation: scanner probes from the attacker, three rounds, short
#    bans (2 s doubling to 8 s), then expiry.
modprobe sipguard ban_threshold=5 ban_time=2 ban_max=8 ban_window=10
printf 'OPTIONS sip:100@203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.66;branch=z9hG4bK-x\r\nFrom: "sipvicious"<sip:100@1.1.1.1>;tag=1\r\nTo: <sip:100@203.0.113.1>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n' > /tmp/scan.sip
n attacker $SGNET options 203.0.113.1 > /tmp/clean.sip
for round in 1 2 3; do
	len=$((2 << (round - 1)))
	# the probes that earn the ban, then at once a clean request: sent
	# from one process, microseconds after the ban began, so a slow
	# guest cannot let the ban run out first
	before=$(from 203.0.113.66)
	n attacker $SGNET udp-send 203.0.113.1 5060 --payload /tmp/scan.sip --count 6 --then /tmp/clean.sip
	check "round $round: banned for $len s (ban $round)" \
		wait_for 10 bash -c "dmesg | grep -q 'sipguard: ban 203.0.113.66 for $len s (ban $round)'"
	sleep 0.5
	check_eq "round $round: a clean request while banned is dropped" "$(from 203.0.113.66)" "$before"
	sleep $((len + 1))
	n attacker $SGNET udp-send 203.0.113.1 5060 --payload /tmp/clean.sip
	wait_for 10 from_ge 203.0.113.66 $((before + 1))
	check_eq "round $round: after $len s the ban has expired" "$(from 203.0.113.66)" $((before + 1))
done
modprobe -r sipguard

# 4. A flood from 200 000 random IPv6 /64s of 2001:db8::/32: the table
#    stops at max_sources, memory with it (200 000 entries would be ~37 MB
#    of slab, 1024 are ~200 KB), each new source evicting one that has
#    nothing to lose; the trusted client is served throughout.
slab_kb() { awk '$1 == "Slab:" { print $2 }' /proc/meminfo; }
modprobe sipguard allow=192.0.2.0/24 max_sources=1024
sync; echo 2 > /proc/sys/vm/drop_caches
before_slab=$(slab_kb)
before=$(from 192.0.2.10)
# the trusted client: 50 REGISTERs over the flood's first seconds
ip netns exec trusted $SGNET udp-send 192.0.2.1 5060 --payload /tmp/trusted.sip --count 50 \
	--interval 0.1 & tx=$!
t0=$SECONDS
n attacker $SGNET raw-send 2001:db8:66::1 --random-v6 --count 200000 --seed 7
t1=$SECONDS
wait $tx
wait_for 10 from_ge 192.0.2.10 $((before + 50))
trusted_sent=$(($(from 192.0.2.10) - before))
sources=$(sgstat server sources)
after_slab=$(slab_kb)
full=$(sgstat server sources_full)
evicted=$(sgstat server sources_evicted)
echo "# 200000 random sources in $((t1 - t0)) s: table at $sources entries, slab ${before_slab} kB -> ${after_slab} kB, sources_evicted $evicted, sources_full $full"
check_le "the table holds at most max_sources entries" "$sources" 1024
check_ge "and it was filled" "$sources" 1000
# each new /64 past the cap evicts one entry (its /48's entry may take
# another), or, rarely, finds none to evict among those sampled
check "each new source past the cap made room (sources_evicted + sources_full)" \
	test $((evicted + full)) -ge 195000
check_le "slab grew by well under what 200 000 entries would take (kB)" "$((after_slab - before_slab))" 4096
echo "# trusted client during the flood: $trusted_sent of 50 REGISTERs reached the registrar"
check_eq "the trusted client was served during the flood: 50 of 50" "$trusted_sent" 50
before=$(from 192.0.2.10)
n trusted $SGNET udp-send 192.0.2.1 5060 --payload /tmp/trusted.sip --count 5
wait_for 10 from_ge 192.0.2.10 $((before + 5))
check_eq "and after it, every request" "$(from 192.0.2.10)" $((before + 5))

# 5. The global bucket spent from both CPUs at once: random IPv4 sources
#    flooded from CPU 0, random IPv6 /64s from CPU 1 (over veth a packet is
#    received on the CPU that sent it, so each CPU spends its own share of
#    the bucket). Per-source limits lifted: only global_rates
#    register=200/100 stands. What reached UDP is read from the server's
#    SNMP counters (InDatagrams, NoPorts, InErrors: exact however far the
#    registrar lags; nothing listens on IPv6 there). The design's bound: at
#    most burst x 1.25 + rate x time. And neither CPU's flood starves.
modprobe -r sipguard
udp_in() {	# udp_in Udp|Udp6: datagrams that reached UDP in the server
	if [ "$1" = Udp ]; then
		n server awk '$1 == "Udp:" && $2 ~ /^[0-9]/ { print $2 + $3 + $4 }' /proc/net/snmp
	else
		n server awk '$1 == "Udp6InDatagrams" || $1 == "Udp6NoPorts" || $1 == "Udp6InErrors" { s += $2 }
			END { print s }' /proc/net/snmp6
	fi
}
modprobe sipguard allow=192.0.2.0/24 ban_threshold=1000000 rates=register=100000/100000 \
	global_rates=register=200/100
v4=$(udp_in Udp) v6=$(udp_in Udp6)
# how much each vCPU ran: its local timer interrupts (QEMU delivers a
# descheduled vCPU's ticks as one when it runs again)
loc() { awk '$1 == "LOC:" { print $2, $3 }' /proc/interrupts; }
read -r l0 l1 < <(loc)
n attacker taskset -c 0 $SGNET raw-send 203.0.113.1 --random-v4 --count 3000 --rate 1000 --seed 5 \
	--times /tmp/f4 &
f4=$!
n attacker taskset -c 1 $SGNET raw-send 2001:db8:66::1 --random-v6 --count 3000 --rate 1000 --seed 6 \
	--times /tmp/f6 &
f6=$!
wait $f4; wait $f6
read -r m0 m1 < <(loc)
sleep 1		# what the CPUs' backlogs still held
p4=$(($(udp_in Udp) - v4)) p6=$(($(udp_in Udp6) - v6))
# the floods' window: from the first send to the last
read -r a4 b4 < /tmp/f4; read -r a6 b6 < /tmp/f6
win=$(awk -v a4="$a4" -v b4="$b4" -v a6="$a6" -v b6="$b6" \
	'BEGIN { printf "%.3f", (b4 > b6 ? b4 : b6) - (a4 < a6 ? a4 : a6) }')
bound=$(awk -v w="$win" 'BEGIN { printf "%d", 125 + 200 * (w + 1) }')
echo "# 2 x 3000 REGISTERs in $win s, one flood a CPU: passed $p4 (CPU 0) + $p6 (CPU 1), drop_rate $(sgstat server drop_rate); bound $bound"
check "each CPU's flood alone over the rate (200/s)" \
	awk -v a4="$a4" -v b4="$b4" -v a6="$a6" -v b6="$b6" \
	'BEGIN { exit !(3000 / (b4 - a4) > 200 && 3000 / (b6 - a6) > 200) }'
check_eq "everything else was dropped by the global bucket (drop_rate)" "$(sgstat server drop_rate)" $((6000 - p4 - p6))
check_le "both CPUs together passed at most burst x 1.25 + rate x (the floods' time + 1 s)" \
	$((p4 + p6)) "$bound"
check_ge "and at least the burst and half the rate x the floods' time (no share starved the bucket)" \
	$((p4 + p6)) "$(awk -v w="$win" 'BEGIN { printf "%d", 100 + 100 * w }')"
# The share each flood gets is the order in which the CPUs ask once the
# bucket runs dry: fair when both run alike. A loaded host that runs one
# vCPU far less (seen: 145 against 772 beside two other make checks) says
# nothing of sipguard: then the split is reported, not judged.
t0=$((m0 - l0)) t1=$((m1 - l1))
echo "# local timer interrupts during the floods: CPU 0 $t0, CPU 1 $t1"
for c in 0 1; do
	mine=$([ $c = 0 ] && echo $p4 || echo $p6)
	if [ $((t0 * 2)) -lt $t1 ] || [ $((t1 * 2)) -lt $t0 ]; then
		ok "CPU $c's flood got a fifth of it or more # SKIP the host ran one vCPU less than half as much as the other (ticks $t0 / $t1; got $mine of $((p4 + p6)))"
	else
		check_ge "CPU $c's flood got a fifth of it or more" $((mine * 5)) $((p4 + p6))
	fi
done
done_testing
