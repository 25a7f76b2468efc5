#!/bin/bash
# The source table under pressure (max_sources=1024): spoofed floods of
# 3 000 and then 1 000 000 sources, IPv4 and IPv6, fill and churn it; after
# each, the attacker's own 300 REGISTERs at 150/s meet the same limit as in
# a fresh table (burst 40 + 10/s), and the bans set before the flood are
# still in force. IPv6: /64s rotating inside one /48 get the /48 limited
# as one source, and 4 of its /64s banned ban the /48 (ban show lists it).
# The entries packets add are charged to the netns creator's memory cgroup.
# vm-timeout: 1200
. "$(dirname "$0")/lib.sh"

CTL=$SG_REPO/tools/sipguardctl/sipguardctl
lab
n attacker ip route add 198.18.0.0/15 dev veth-server 2>/dev/null
bg n server $SGNET registrar 5060 /tmp/reg.log
bg n server $SGNET registrar 5060 /tmp/reg6.log --family 6
wait_listen server udp 5060
# the attacker's own /64s of 2001:db8:66::/48, on the link
n server ip -6 route add 2001:db8:66::/48 dev veth-attacker
from() { cat /tmp/reg.log /tmp/reg6.log | grep -c "^$1 "; }
uptime_ms() { awk '{ printf "%d", $1 * 1000 }' /proc/uptime; }
# rsend NS ARGS...: sgnet raw-send from the attacker to netns NS; returns
# once NS's hook has taken all --count packets (sip_packets), and a moment
# more for the last one's verdict. A fixed sleep is not enough: a loaded
# TCG guest can hold packets in the backlog for seconds, and the checks
# after it then read a ban or a counter before the packet that makes it.
# quiet NS: until NS's hook has taken no packet for half a second (a
# flood's backlog drained), 120 s at most
_still() { local a b; a=$(sgstat "$1" sip_packets); sleep 0.5; b=$(sgstat "$1" sip_packets); [ "$a" = "$b" ]; }
quiet() { wait_for 120 _still "$1" || echo "# $1's hook still taking packets after 120 s"; }
rsend() {
	local ns=$1 before count=1 i
	shift
	before=$(sgstat "$ns" sip_packets)
	for ((i = 1; i < $#; i++)); do
		[ "${!i}" = --count ] && { i=$((i + 1)); count=${!i}; }
	done
	n attacker $SGNET raw-send "$@"
	wait_for 60 stat_ge "$ns" sip_packets $((before + count)) ||
		echo "# raw-send $*: $(( $(sgstat "$ns" sip_packets) - before )) of $count packets reached the hook in 60 s"
	sleep 0.2
}

modprobe sipguard max_sources=1024 allow=192.0.2.0/24 ban_time=3600 ban_max=3600
# bans before any flood: one by hand, one earned (20 scanner probes), both
# for an hour
n server $CTL ban add 203.0.113.77 for 3600
printf 'OPTIONS sip:100@203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.88;branch=z9hG4bK-x\r\nFrom: "sipvicious"<sip:100@1.1.1.1>;tag=1\r\nTo: <sip:100@203.0.113.1>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n' > /tmp/scan.sip
rsend server 203.0.113.1 --src 203.0.113.88 --payload /tmp/scan.sip --count 20
check "the earned ban before the flood" bash -c "dmesg | grep -q 'sipguard: ban 203.0.113.88 for 3600 s'"

# still_banned: both banned addresses' next packets dropped as banned
still_banned() {
	local before=$(sgstat server drop_banned)
	rsend server 203.0.113.1 --src 203.0.113.77 --count 3
	rsend server 203.0.113.1 --src 203.0.113.88 --count 3
	[ $(( $(sgstat server drop_banned) - before )) -eq 6 ] && [ "$(from 203.0.113.77)" -eq 0 ] &&
		[ "$(from 203.0.113.88)" -eq 0 ]
}

# attack SRC NAME: 300 REGISTERs at 150/s from SRC, an address the
# attacker adds to its link (each attack from a new one: the last is
# banned for going over its limit); checks that at most the burst and
# 10/s reached the registrar
attack() {
	local src=$1 name=$2 host=203.0.113.1 t0 secs got before seen
	case $src in
	*:*) host=2001:db8:66::1; n attacker ip addr add "$src/64" dev veth-server nodad ;;
	*) n attacker ip addr add "$src/24" dev veth-server ;;
	esac
	python3 -c "
import sys; sys.path.insert(0, '$SG_REPO/tests/vm'); import sgnet
open('/tmp/reg-$name.sip', 'wb').write(sgnet.register('$host', '$src', 5090, 7))"
	before=$(from "$src")
	seen=$(sgstat server sip_packets)
	t0=$(uptime_ms)
	n attacker $SGNET udp-send "$host" 5060 --bind "$src" --sport 5090 --payload "/tmp/reg-$name.sip" \
		--count 300 --interval $(echo "1/150" | bc -l)
	# the time to the hook's last packet: what the bucket refilled over
	wait_for 60 stat_ge server sip_packets $((seen + 300)) ||
		not_ok "$name: the hook took the 300 REGISTERs within 60 s ($(( $(sgstat server sip_packets) - seen )))"
	secs=$(( ($(uptime_ms) - t0 + 999) / 1000 ))
	sleep 0.5
	got=$(( $(from "$src") - before ))
	echo "# $name: $got of 300 REGISTERs from $src reached the registrar in $secs s; sources $(sgstat server sources), evicted $(sgstat server sources_evicted), full $(sgstat server sources_full)"
	check_le "$name: at most burst 40 + 10/s over $secs s reached the registrar" "$got" $((40 + 10 * secs))
	check_ge "$name: and the limit let the burst through" "$got" 40
}

# 0. A fresh table: the reference.
attack 203.0.113.65 "fresh table"
n server $CTL stats reset

# 1. 3 000 spoofed IPv4 sources, one REGISTER each, then the attacker.
rsend server 203.0.113.1 --random-v4 --count 3000 --seed 1
check_eq "3 000 IPv4: the table is full" "$(sgstat server sources)" 1024
attack 203.0.113.67 "after 3 000 IPv4"
check "after 3 000 IPv4: the bans set before are in force" still_banned

# 2. 3 000 spoofed IPv6 /64s of other /48s, then the attacker over IPv6.
rsend server 2001:db8:66::1 --random-v6 --count 3000 --seed 2
attack 2001:db8:66:a::66 "after 3 000 IPv6"
check "after 3 000 IPv6: the bans set before are in force" still_banned

# 3. 1 000 000 spoofed sources, half IPv4 (10.0.0.0/8), half IPv6
#    (2001:db8::/32), sent by trafgen (netsniff-ng) as fast as the guest
#    takes them (sendto(2), one at a time: no backlog overflow),
#    then the attacker.
mac=$(ip -n server -br link show veth-attacker | awk '{ print $3 }')
# trafgen's configuration: the REGISTER as bytes (its strings know no \r\n)
python3 - "$mac" <<'PY'
import sys
mac = sys.argv[1]
msg = ("REGISTER sip:203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-f\r\n"
       "Max-Forwards: 70\r\nFrom: <sip:100@203.0.113.1>;tag=f\r\nTo: <sip:100@203.0.113.1>\r\n"
       "Call-ID: f@10.0.0.1\r\nCSeq: 1 REGISTER\r\nContact: <sip:100@10.0.0.1>\r\n"
       "Content-Length: 0\r\n\r\n").encode()
body = ", ".join("0x%02x" % b for b in msg)
with open("/tmp/flood4.cfg", "w") as f:
    f.write("{ eth(da=%s), ipv4(sa=10.0.0.1, sa[1:2]=drnd(), sa[3]=drnd(), da=203.0.113.1, "
            "ttl=64), udp(sp=5060, dp=5060), %s }\n" % (mac, body))
with open("/tmp/flood6.cfg", "w") as f:
    f.write("{ eth(da=%s), ipv6(sa=2001:db8::1, sa[4:4]=drnd(), da=2001:db8:66::1, hl=64), "
            "udp(sp=5060, dp=5060), %s }\n" % (mac, body))
PY
t0=$SECONDS
# (trafgen writes a temporary file where it runs: /tmp, not the read-only tree)
(cd /tmp && n attacker trafgen -o veth-server -i /tmp/flood4.cfg -n 500000 -t 0 -q) > /tmp/flood4.out 2>&1
(cd /tmp && n attacker trafgen -o veth-server -i /tmp/flood6.cfg -n 500000 -t 0 -q) > /tmp/flood6.out 2>&1
quiet server
grep -E 'packets outgoing|rror|annot' /tmp/flood4.out /tmp/flood6.out | grep -v 'system socket memory' | sed 's/^/# /'
echo "# 1 000 000 spoofed sources in $((SECONDS - t0)) s: sip_packets $(sgstat server sip_packets), sources $(sgstat server sources), evicted $(sgstat server sources_evicted), full $(sgstat server sources_full), drop_banned $(sgstat server drop_banned)"
check_ge "1 000 000: the server saw them" "$(sgstat server sip_packets)" 990000
check_le "1 000 000: the table holds at most max_sources" "$(sgstat server sources)" 1024
check_ge "1 000 000: new sources made room by eviction" "$(sgstat server sources_evicted)" 900000
check_le "1 000 000: ... and found none only rarely" "$(sgstat server sources_full)" 10000
attack 203.0.113.68 "after 1 000 000 IPv4"
attack 2001:db8:66:b::68 "after 1 000 000 IPv6"
check "after 1 000 000: the bans set before are in force" still_banned

# 4. One /48 rotating /64s: 3 000 new /64s of 2001:db8:66::/48 in a few
#    seconds (past ipv6-spread, 64 a minute) get the /48 limited as one
#    source: its bucket, its offences, its ban.
n server $CTL stats reset
rsend server 2001:db8:66::1 --random-v6 --within48 --count 3000 --seed 5
echo "# one /48: sources_aggregated $(sgstat server sources_aggregated), drop_rate $(sgstat server drop_rate), drop_banned $(sgstat server drop_banned)"
check_eq "one /48: limited as one source" "$(sgstat server sources_aggregated)" 1
check "one /48: logged" bash -c "dmesg | grep -q 'sipguard: 2001:db8:66::/48 limited as one source'"
check "one /48: its flood over the /48's bucket banned the /48" \
	bash -c "ip netns exec server $CTL ban | grep -q '^2001:db8:66::/48 '"
rsend server 2001:db8:66::1 --src 2001:db8:66:beef::1 --count 5
check_eq "one /48: a REGISTER from yet another /64 of it does not get through" \
	"$(from 2001:db8:66:beef::1)" 0

# 5. Another /48: 4 of its /64s banned (scanner probes, 20 each) ban the /48.
for i in 1 2 3 4; do
	rsend server 2001:db8:66::1 --src 2001:db8:77:$i::1 --payload /tmp/scan.sip --count 20
done
check "4 /64s banned: the /48 is banned" \
	bash -c "dmesg | grep -q 'sipguard: ban 2001:db8:77::/48 for .* after 4 sources in it were banned'"
check "ban show lists the /48" bash -c "ip netns exec server $CTL ban | grep -q '^2001:db8:77::/48 '"
before=$(sgstat server drop_banned)
rsend server 2001:db8:66::1 --src 2001:db8:77:cafe::1 --count 2
check_eq "a fifth /64 of it is dropped as banned" "$(( $(sgstat server drop_banned) - before ))" 2
n server $CTL ban del 2001:db8:77::/48
check "ban del lifts the /48" bash -c "! ip netns exec server $CTL ban | grep -q '^2001:db8:77::/48 '"

# 6. Memory: what packets add to a netns's tables is charged to the memory
#    cgroup of the process that created the netns (a container's), not to
#    whichever task the packet interrupted.
mount -t cgroup2 none /sys/fs/cgroup 2>/dev/null
echo +memory > /sys/fs/cgroup/cgroup.subtree_control
mkdir -p /sys/fs/cgroup/sgc
slab_of() { awk '$1 == "slab_unreclaimable" { print int($2 / 1024) }' /sys/fs/cgroup/sgc/memory.stat; }
bash -c 'echo $$ > /sys/fs/cgroup/sgc/cgroup.procs; exec ip netns add charged'
_sg_netns+=(charged)
ip link add veth-charged netns attacker type veth peer name veth-attacker netns charged
n attacker ip addr add 10.77.0.2/24 dev veth-charged
n charged ip addr add 10.77.0.1/24 dev veth-attacker
n attacker ip link set veth-charged up
n charged ip link set veth-attacker up
n charged ip link set lo up
n attacker ip route add 10.77.0.0/24 dev veth-charged 2>/dev/null
before=$(slab_of)
rsend charged 10.77.0.1 --random-v4 --count 3000 --seed 6
after=$(slab_of)
echo "# the container's netns: $(sgstat charged sources) sources; its cgroup's slab ${before} kB -> ${after} kB"
check_ge "a container's netns: its table filled (max_sources 1024)" "$(sgstat charged sources)" 1000
check_ge "... and charged to its memory cgroup (1 024 x 304 bytes = 304 kB)" "$((after - before))" 250
done_testing
