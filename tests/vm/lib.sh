# Helpers for the VM tests, sourced by every tests/vm/t-*.sh. Modelled on
# WireGuard's netns.sh: each host a network namespace, small helpers, a
# cleanup trap, and TAP-style "ok N - ..." / "not ok N - ..." lines that
# the host counts.
set -u

SG_REPO=${SG_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SGNET="python3 $SG_REPO/tests/vm/sgnet.py"
_sg_n=0
_sg_failed=0
_sg_pids=()
_sg_netns=()

ok() {
	_sg_n=$((_sg_n + 1))
	echo "ok $_sg_n - $*"
}

not_ok() {
	_sg_n=$((_sg_n + 1))
	_sg_failed=$((_sg_failed + 1))
	echo "not ok $_sg_n - $*"
}

# check DESCRIPTION COMMAND...: one assertion, from a command's status.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# check_eq DESCRIPTION GOT WANT
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi
}

# check_le DESCRIPTION GOT MAX / check_ge DESCRIPTION GOT MIN
check_le() {
	if [ "$2" -le "$3" ]; then ok "$1"; else not_ok "$1 (got $2, want <= $3)"; fi
}
check_ge() {
	if [ "$2" -ge "$3" ]; then ok "$1"; else not_ok "$1 (got $2, want >= $3)"; fi
}

n() { ip netns exec "$@"; }

# netns_add NAME...: namespaces removed again by the cleanup trap.
netns_add() {
	local ns
	for ns in "$@"; do
		ip netns add "$ns"
		_sg_netns+=("$ns")
		n "$ns" ip link set lo up
	done
}

# link NS_A ADDR4_A ADDR6_A NS_B ADDR4_B ADDR6_B [MTU]: a veth pair between
# two namespaces, both named veth-<other ns>.
link() {
	local a=$1 a4=$2 a6=$3 b=$4 b4=$5 b6=$6 mtu=${7:-1500}
	ip link add "veth-$b" netns "$a" mtu "$mtu" type veth peer name "veth-$a" netns "$b" mtu "$mtu"
	n "$a" ip addr add "$a4" dev "veth-$b"
	n "$a" ip addr add "$a6" dev "veth-$b" nodad
	n "$b" ip addr add "$b4" dev "veth-$a"
	n "$b" ip addr add "$b6" dev "veth-$a" nodad
	n "$a" ip link set "veth-$b" up
	n "$b" ip link set "veth-$a" up
}

# bg COMMAND...: run in the background, killed by the cleanup trap (or by
# bg_stop). "bg n NS CMD" runs ip netns exec itself, not the n function, so
# that $! is the process and not a subshell that would survive the kill.
bg() {
	if [ "$1" = n ]; then
		shift
		set -- ip netns exec "$@"
	fi
	"$@" &
	_sg_pids+=($!)
}

bg_stop() {
	local pid
	for pid in "${_sg_pids[@]}"; do kill "$pid" 2>/dev/null; done
	wait 2>/dev/null
	_sg_pids=()
}

# sgstat NS NAME: one counter of /proc/net/sipguard/stats in NS.
sgstat() {
	n "$1" awk -v k="$2" '$1 == k { print $2 }' /proc/net/sipguard/stats
}

# stat_ge NS NAME N: NS's counter NAME is at least N (for wait_for, which
# runs its command anew each time; `wait_for 5 test "$(sgstat ...)"` would
# read the counter once)
stat_ge() {
	local v
	v=$(sgstat "$1" "$2")
	[ "${v:-0}" -ge "$3" ]
}

# lines FILE: number of lines (datagrams or segments logged by sgnet.py).
lines() {
	if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi
}

# wait_for SECONDS COMMAND...: poll until COMMAND succeeds.
wait_for() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $deadline ] || return 1
		sleep 0.1
	done
}

# wait_lines SECONDS FILE N: until FILE holds at least N lines.
wait_lines() {
	local deadline=$((SECONDS + $1))
	until [ "$(lines "$2")" -ge "$3" ]; do
		[ $SECONDS -lt $deadline ] || return 1
		sleep 0.1
	done
}

# wait_listen NS tcp|udp PORT: until a socket listens on PORT in NS.
wait_listen() {
	local opt=-Hltn
	[ "$2" = udp ] && opt=-Hlun
	wait_for 60 _listening "$1" "$opt" "$3"
}
_listening() {
	ip netns exec "$1" ss "$2" "sport = $3" | grep -q .
}

# lab: the four hosts of the field scenarios, the server in the middle.
#   attacker 203.0.113.66  server 203.0.113.1 / 198.51.100.1 / 192.0.2.1
#   victim   198.51.100.9  trusted 192.0.2.10    (and 2001:db8:66/99/10::/64)
lab() {
	netns_add attacker server victim trusted
	link attacker 203.0.113.66/24 2001:db8:66::66/64 server 203.0.113.1/24 2001:db8:66::1/64
	link victim 198.51.100.9/24 2001:db8:99::9/64 server 198.51.100.1/24 2001:db8:99::1/64
	link trusted 192.0.2.10/24 2001:db8:10::10/64 server 192.0.2.1/24 2001:db8:10::1/64
	n victim ip route add default via 198.51.100.1
	# the victim's address resolved for good: the 401s reflected to it are
	# counted, and a flood's first answers would otherwise wait for ARP in
	# the neighbour's queue, and overflow it on a loaded host
	n server ip neigh replace 198.51.100.9 dev veth-victim nud permanent \
		lladdr "$(n victim cat /sys/class/net/veth-server/address)"
	n trusted ip route add default via 192.0.2.1
}

# kamailio_start: the test registrar (tests/vm/kamailio) in the server netns.
kamailio_start() {
	mkdir -p /tmp/kamailio-run
	sysctl -qw net.core.rmem_max=4194304	# for the cfg's maxbuffer
	bg n server kamailio -f "$SG_REPO/tests/vm/kamailio/registrar.cfg" -DD -E \
		-Y /tmp/kamailio-run -w /tmp > /tmp/kamailio.log 2>&1
	wait_listen server udp 5060
}

# established_first NS: the field's ruleset, ESTABLISHED accepted first,
# then UDP and TCP 5060 open, the rest closed; conntrack accounting on.
established_first() {
	modprobe nf_conntrack
	n "$1" sysctl -qw net.netfilter.nf_conntrack_acct=1
	n "$1" iptables -A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
	n "$1" iptables -A INPUT -p udp --dport 5060 -j ACCEPT
	n "$1" iptables -A INPUT -p tcp --dport 5060 -j ACCEPT
	n "$1" iptables -A INPUT -j DROP
}

# tcp_messages DIR: the TCP tests' requests to 203.0.113.1 from
# 203.0.113.66, one a file: good-options, good-invite (with an SDP body),
# bad-scanner, bad-injection (the seed's INVITE), bad-bodynul (a NUL in the
# SDP); each file's Call-ID is its name.
tcp_messages() {
	mkdir -p "$1"
	local sdp body
	hdr() {	# hdr METHOD CALLID [EXTRA-HEADERS]
		printf '%s sip:100@203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/TCP 203.0.113.66:5070;branch=z9hG4bK-%s\r\nMax-Forwards: 70\r\nFrom: "Tim O'"'"'Reilly" <sip:tim@203.0.113.66>;tag=%s\r\nTo: <sip:100@203.0.113.1>\r\nCall-ID: %s\r\nCSeq: 1 %s\r\n%b' \
			"$1" "$2" "$2" "$2" "$1" "${3:-}"
	}
	sdp='v=0\r\no=- 1 1 IN IP4 203.0.113.66\r\ns=-\r\nc=IN IP4 203.0.113.66\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n'
	body=$(printf "$sdp" | wc -c)
	{ hdr OPTIONS good-options; printf 'Content-Length: 0\r\n\r\n'; } > $1/good-options
	{ hdr INVITE good-invite "Contact: <sip:tim@203.0.113.66:5070;transport=tcp>\r\nContent-Type: application/sdp\r\n"
	  printf 'Content-Length: %d\r\n\r\n' "$body"; printf "$sdp"; } > $1/good-invite
	{ hdr OPTIONS bad-scanner "User-Agent: friendly-scanner\r\n"; printf 'Content-Length: 0\r\n\r\n'; } > $1/bad-scanner
	sed 's|SIP/2.0/UDP 203.0.113.66:40000|SIP/2.0/TCP 203.0.113.66:5070|' "$SG_REPO/tests/corpus/injection-invite.sip" > $1/bad-injection
	{ hdr INVITE bad-bodynul "Content-Type: application/sdp\r\n"
	  printf 'Content-Length: %d\r\n\r\n' "$body"; printf "$sdp" | sed 's/s=-/s=\x00/'; } > $1/bad-bodynul
}

cleanup() {
	local ns
	bg_stop
	for ns in "${_sg_netns[@]}"; do ip netns del "$ns" 2>/dev/null; done
	modprobe -r sipguard 2>/dev/null
	return 0
}
trap cleanup EXIT

# done_testing: the summary line and the exit status of the script.
done_testing() {
	echo "# $((_sg_n - _sg_failed)) of $_sg_n checks passed"
	[ "$_sg_failed" -eq 0 ] && [ "$_sg_n" -gt 0 ]
}
