#!/bin/bash
# make bench, inside the guest: sipguard against no filter and against the
# iptables and nftables recipes it replaces, side by side in one run.
#
# trafgen (netsniff-ng) in netns "gen" sends the same SIP INVITE, N times
# as fast as it can, over a veth to netns "sink", where a UDP socket that
# is never read takes it (a sink without a socket would answer every
# datagram with ICMP, which would then be what is measured). The rate is
# the packets the sink's IP layer received (Ip InReceives) over trafgen's
# run time. trafgen runs on CPU 0; RPS on the sink's veth hands every
# packet to CPU 1, where the receive path (and every hook) runs, so that
# the rate is the receiver's and the sender does not share its CPU; make
# bench has the host run that CPU's QEMU thread alone on a host CPU too
# (vm.sh -p), so its busy time is its own. Each
# configuration runs BENCH_ROUNDS times (default 7), interleaved, each
# round starting one configuration further on; benchstat.py reports the
# median and range of each rate, the cost each adds per packet over its
# reference in the same round, and each ratio against its target: met only
# when every round's ratio clears it. Under QEMU TCG the absolute rates
# mean little: the ratios and the added cost are the result.
#
# A second pass counts instructions (vm.sh -i loads a QEMU plugin that
# counts each vCPU's): sender and receiver on CPU 0, RPS off, fewer
# packets, each configuration's instructions a packet beyond the same
# packets dropped by tc at the sink's ingress. Host load does not move
# those counts, so their verdicts hold from run to run; a target they do
# not meet gets an instruction profile against its reference (iprof.py).
. "$(dirname "$0")/../vm/lib.sh"

N=${BENCH_PACKETS:-100000}
ROUNDS=${BENCH_ROUNDS:-7}
CTL=$SG_REPO/tools/sipguardctl/sipguardctl
W=/tmp/bench
mkdir -p $W

netns_add gen sink
link gen 203.0.113.66/24 2001:db8:66::66/64 sink 203.0.113.1/24 2001:db8:66::1/64
# trafgen's packet socket hands the veth its frames in the pages of its
# ring; without scatter-gather the veth takes them linear, as a NIC
# driver hands the stack its packets, headers in the skb's linear area
# (a paged skb's every header read is a copy, in every configuration)
n gen ethtool -K veth-sink sg off > /dev/null
# a short backlog: what the receiver cannot take is dropped at the enqueue,
# and the tail it drains after the sender stops stays small
sysctl -qw net.core.netdev_max_backlog=1000
# the packets queued for CPU 1 hold trafgen's socket memory until freed: a
# send buffer for the whole backlog, or its flush fails with EAGAIN
sysctl -qw net.core.wmem_max=16777216 net.core.wmem_default=16777216
[ "$(nproc)" -ge 2 ] || { echo "bench: the guest needs 2 CPUs" >&2; exit 1; }
# this script and every process it starts on CPU 0, so that CPU 1 runs the
# receive path alone (and the TCP sink, pinned there below)
taskset -pc 0 $$ > /dev/null
n sink sh -c 'echo 2 > /sys/class/net/veth-gen/queues/rx-0/rps_cpus'
# and what comes back (TCP's ACKs) to the sender's CPU
n gen sh -c 'echo 1 > /sys/class/net/veth-sink/queues/rx-0/rps_cpus'
mac=$(n sink cat /sys/class/net/veth-gen/address)
smac=$(n gen cat /sys/class/net/veth-sink/address)

# the sinks: sockets never read, for 5060, a port sipguard ignores, and
# the media ports the RTP-like load goes to
for port in 5060 9999 $(seq 20000 2 20030); do
	bg n sink python3 -c "
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.bind(('0.0.0.0', $port))
time.sleep(1e9)"
done
wait_listen sink udp 5060
wait_listen sink udp 9999
wait_listen sink udp 20030

# trafgen configurations: one Ethernet frame each, written out byte by byte
python3 - "$mac" "$smac" "$W" "$SG_REPO/tests/vm" <<'EOF'
import struct, sys
sys.path.insert(0, sys.argv[4])
from sgnet import csum, raw_udp
dmac, smac, w = bytes.fromhex(sys.argv[1].replace(":", "")), bytes.fromhex(sys.argv[2].replace(":", "")), sys.argv[3]
# the INVITE with SDP every configuration sends (make bench-parse and
# make bench-tcg measure the same file)
invite = open(sys.argv[4] + "/../bench/bench-invite.sip", "rb").read()

for name, dport in (("sip", 5060), ("other", 9999)):
    # raw_udp leaves the IPv4 checksum to the kernel; trafgen sends as is
    pkt = bytearray(raw_udp("203.0.113.66", "203.0.113.1", 5060, dport, invite))
    struct.pack_into("!H", pkt, 6, 0x4000)          # DF, as a sender's stack sets it
    struct.pack_into("!H", pkt, 10, csum(bytes(pkt[:20])))
    ip, udp = bytes(pkt[:20]), bytes(pkt[20:])
    frame = dmac + smac + b"\x08\x00" + ip + udp
    with open("%s/%s.cfg" % (w, name), "w") as f:
        f.write("{ " + ", ".join("0x%02x" % c for c in frame) + " }\n")
    print("%s: %d-byte frame, %d-byte INVITE" % (name, len(frame), len(invite)), file=sys.stderr)

# RTP-like: 20 ms of G.711 (12-byte RTP header, 160 bytes) to 16 media
# ports in turn, as 8 calls' two legs would send them
with open("%s/rtp.cfg" % w, "w") as f:
    for i in range(16):
        rtp = struct.pack("!BBHII", 0x80, 0, 1000 + i, 160 * i, 0x5eed0000 + i) + bytes(160)
        pkt = bytearray(raw_udp("203.0.113.66", "203.0.113.1", 30000 + 2 * i, 20000 + 2 * i, rtp))
        struct.pack_into("!H", pkt, 6, 0x4000)
        struct.pack_into("!H", pkt, 10, csum(bytes(pkt[:20])))
        frame = dmac + smac + b"\x08\x00" + bytes(pkt)
        f.write("{ " + ", ".join("0x%02x" % c for c in frame) + " }\n")
print("rtp: 16 frames of %d bytes, 16 media ports" % len(frame), file=sys.stderr)

# the TCP stream: the same INVITE over TCP, pipelined, TCP_MESSAGES times
tcp = invite.replace(b"SIP/2.0/UDP", b"SIP/2.0/TCP")
n = int(__import__("os").environ.get("TCP_MESSAGES", "20000"))
with open("%s/stream.bin" % w, "wb") as f:
    f.write(tcp * n)
print("tcp: %d INVITEs of %d bytes in one stream" % (n, len(tcp)), file=sys.stderr)
EOF

TCP_N=${TCP_MESSAGES:-20000}
export TCP_MESSAGES=$TCP_N

# measure_tcp: INVITEs per second over one TCP connection, from the first
# byte sent to the last read by the sink (socat both sides)
measure_tcp() {
	local t0 t1 b0 b1
	n sink taskset -c 1 socat -u TCP-LISTEN:5060,reuseaddr OPEN:/dev/null &
	local sink=$!
	wait_listen sink tcp 5060
	prof_start
	b0=$(busy1)
	t0=$(date +%s.%N)
	n gen taskset -c 0 socat -u OPEN:$W/stream.bin TCP:203.0.113.1:5060 || { prof_stop; kill $sink; return 1; }
	wait $sink
	t1=$(date +%s.%N)
	b1=$(busy1)
	prof_stop
	echo "$(awk -v p="$TCP_N" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f\n", p / (b - a) }') $(cost "$TCP_N" "$b0" "$b1")"
}

# With PROF set, the measurement is profiled: perf samples the receiver's
# CPU (cpu-clock; a TCG guest has no PMU) into the file PROF names.
prof_start() {
	[ -n "${PROF:-}" ] || return 0
	# perf starts with its events off and turns them on when told, with
	# an ack: under TCG it takes seconds to start, and a fixed wait before
	# the traffic was sometimes too short (profiles of 2 to 34 samples)
	rm -f $W/perf.ctl $W/perf.ack
	mkfifo $W/perf.ctl $W/perf.ack
	perf record -q -C 1 -e cpu-clock -F 4000 -D -1 --control fifo:$W/perf.ctl,$W/perf.ack \
		-o "$PROF" > $W/perf.log 2>&1 &
	prof_pid=$!
	timeout 120 sh -c "echo enable > $W/perf.ctl" &&
		[ "$(timeout 120 head -n 1 $W/perf.ack)" = ack ] ||
		echo "bench: perf did not start sampling (profile incomplete)" >&2
}
prof_stop() {
	[ -n "${PROF:-}" ] || return 0
	kill -INT "$prof_pid" && wait "$prof_pid"
}

# insns CPU: the guest instructions CPU has run so far, as QEMU counts them
# (vm.sh -i: tests/bench/insncount.c writes each vCPU's count to
# /sgvm/insns every millisecond, with a check that a torn read fails)
insns() {
	local a b c _
	for _ in $(seq 50); do
		read -r a b c < /sgvm/insns 2> /dev/null &&
			[ "$((10#$a ^ 10#$b ^ 0x5eedc0de5eedc0de))" = "$((10#$c))" ] &&
			{ if [ "$1" = 0 ]; then echo "$((10#$a))"; else echo "$((10#$b))"; fi; return; }
		sleep 0.01
	done
	echo "bench: no instruction count in /sgvm/insns (vm.sh -i)" >&2
	return 1
}

# plugin_ctl reset|dump: CPU 0's profile zeroed, or written to
# /sgvm/insns.prof (block address, instructions run)
plugin_ctl() {
	local _
	echo "$1" > /sgvm/insns.ctl || return 1
	for _ in $(seq 500); do
		[ -e /sgvm/insns.ctl ] || return 0
		sleep 0.01
	done
	echo "bench: the instruction counter did not $1 its profile" >&2
	return 1
}

# busy1: "WALL IDLE": the clock (s), and CPU 1's idle and iowait time so
# far (in /proc/stat's USER_HZ). Idle time is measured, not sampled at the
# tick as the busy fields are, so busy = wall - idle is the exact one.
# cost PACKETS "W0 I0" "W1 I1": CPU 1's busy microseconds per packet
busy1() { echo "$(date +%s.%N) $(awk '$1 == "cpu1" { print $5 + $6 }' /proc/stat)"; }
cost() {
	awk -v p="$1" -v a="$2" -v b="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN {
		split(a, x, " "); split(b, y, " ")
		busy = (y[1] - x[1]) * 1e6 - (y[2] - x[2]) * 1e6 / hz
		printf "%.3f\n", p ? (busy > 0 ? busy : 0) / p : 0 }'
}

inreceives() { n sink awk '$1 == "Ip:" && $4 ~ /^[0-9]+$/ { print $4 }' /proc/net/snmp; }

# measure CFG: packets per second through the sink's IP layer, and the
# receiver CPU's microseconds per packet (a profile sends 5 times as many);
# with ONECPU set, the instructions CPU 0, sender and receiver at once,
# ran for each packet trafgen sent
measure() {
	local cfg=$1 in0 in1 t0 t1 b0 b1 i0 i1 count=$N
	[ -z "${PROF:-}" ] || count=$((N * 5))
	if [ -n "${ONECPU:-}" ]; then
		count=$IN
		[ -z "${IPROF:-}" ] || plugin_ctl reset || return 1
		i0=$(insns 0) || return 1
		(cd $W && n gen taskset -c 0 trafgen -o veth-sink -i "$W/$cfg.cfg" -n "$count" -P 1 --no-sock-mem -Q -C) > $W/trafgen.log 2>&1 ||
			{ echo "trafgen failed:" >&2; cat $W/trafgen.log >&2; return 1; }
		sleep 0.05	# the backlog's last packets
		i1=$(insns 0) || return 1
		if [ -n "${IPROF:-}" ]; then
			# the symbols with this run's modules loaded
			plugin_ctl dump && cp /sgvm/insns.prof "$IPROF" &&
				cp /proc/kallsyms "$IPROF.syms" || return 1
		fi
		echo $(( (i1 - i0) / count ))
		return
	fi
	prof_start
	in0=$(inreceives)
	b0=$(busy1)
	t0=$(date +%s.%N)
	(cd $W && n gen taskset -c 0 trafgen -o veth-sink -i "$W/$cfg.cfg" -n "$count" -P 1 --no-sock-mem -Q -C) > $W/trafgen.log 2>&1 ||
		{ prof_stop; echo "trafgen failed:" >&2; cat $W/trafgen.log >&2; return 1; }
	t1=$(date +%s.%N)
	sleep 0.2	# the backlog drained
	b1=$(busy1)
	in1=$(inreceives)
	prof_stop
	echo "$(awk -v p=$((in1 - in0)) -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f\n", p / (b - a) }') $(cost $((in1 - in0)) "$b0" "$b1")"
}

# The field's recipe: ESTABLISHED first, one Boyer-Moore string match per
# scanner User-Agent, hashlimit on REGISTER, then SIP open; $1 the tool,
# $2 the number of patterns.
recipe() {
	local ipt=$1 npat=$2 i p
	local pats=(friendly-scanner sipvicious sipcli sip-scan sipsak VaxSIPUserAgent iWar sundayddr smap PPLSIP)
	for ((i = 10; i < npat; i++)); do pats+=("scanner-tool-$i"); done
	{
		echo "*filter"
		echo "-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT"
		for p in "${pats[@]}"; do
			echo "-A INPUT -p udp --dport 5060 -m string --algo bm --string \"$p\" -j DROP"
		done
		echo "-A INPUT -p udp --dport 5060 -m string --algo bm --string \"REGISTER sip:\" -m hashlimit --hashlimit-above 10/sec --hashlimit-burst 40 --hashlimit-mode srcip --hashlimit-name reg -j DROP"
		echo "-A INPUT -p udp --dport 5060 -j ACCEPT"
		echo "COMMIT"
	} | n sink "$ipt-restore"
}
unrecipe() {
	n sink iptables-legacy -F INPUT 2>/dev/null
	n sink iptables-nft -F INPUT 2>/dev/null
	n sink nft flush ruleset 2>/dev/null
}

configs=(nofilter fastpath rtpnofilter rtp rtpempty rtpbare inspect banned rawdrop ipt10 nft10 ipt200 nft200 tcpnofilter tcpinspect)
# arguments: a subset of the configurations (its targets only are printed)
[ $# -eq 0 ] || configs=("$@")
declare -A label=(
	[nofilter]="1 no filter (INVITEs to 5060)"
	[fastpath]="2 sipguard, traffic to a non-SIP port"
	[rtpnofilter]="2a RTP-like load, no filter"
	[rtp]="2b RTP-like load, sipguard loaded"
	[rtpempty]="2c RTP-like load, an empty hook after defrag"
	[rtpbare]="2d RTP-like load, an empty hook alone"
	[inspect]="3 sipguard inspecting (trusted, trusted-checks on)"
	[banned]="4 sipguard dropping a banned source"
	[rawdrop]="5 iptables raw-table DROP of that source"
	[ipt10]="6 iptables recipe, 10 patterns"
	[nft10]="7 nftables recipe, 10 patterns"
	[ipt200]="8a iptables recipe, 200 patterns"
	[nft200]="8b nftables recipe, 200 patterns"
	[tcpnofilter]="9 TCP: no filter (INVITEs/s, one stream)"
	[tcpinspect]="10 TCP: sipguard following the stream"
	[inspectb]="3b the same, build B (make bench-ab)"
	[tcdrop]="0 INVITEs dropped by tc at the sink's ingress"
	[tcdroprtp]="0a RTP-like load dropped by tc at ingress"
)
# make bench-ab's other build of the module, for configuration inspectb
modb=$SG_REPO/build/ab/sipguard.ko
# the fast path's floor (configurations rtpempty, rtpbare): one IPv4
# PREROUTING hook that accepts everything, where sipguard's sits, after
# defrag's hook as sipguard's is, or alone (tests/bench/nullhook)
nullko=$SG_REPO/build/nullhook/nullhook.ko

# run CONFIG: set it up, measure, tear it down
run() {
	local c=$1 cfg=sip rate
	case $c in
	fastpath|rtp|inspect|banned|tcpinspect) modprobe sipguard ;;
	inspectb)
		[ -f "$modb" ] || { echo "bench: $modb missing (make bench-ab)" >&2; return 1; }
		# what it needs, then the file itself
		modprobe -a $(modinfo -F depends "$modb" | tr , ' ') &&
			insmod "$modb" $(modprobe -c | sed -n 's/^options sipguard //p') || return 1 ;;
	rtpempty|rtpbare)
		[ -f "$nullko" ] || { echo "bench: $nullko missing (make bench builds it)" >&2; return 1; }
		modprobe nf_defrag_ipv4 &&
			insmod "$nullko" defrag=$([ $c = rtpempty ] && echo 1 || echo 0) || return 1 ;;
	esac
	case $c in
	fastpath) cfg=other ;;
	rtp*|tcdroprtp) cfg=rtp ;;
	esac
	case $c in
	inspect|inspectb|tcpinspect)
		{ n sink $CTL allow add 203.0.113.66 && n sink $CTL config set trusted-checks on; } ||
			return 1 ;;
	banned) n sink $CTL ban add 203.0.113.66 for 3600 ;;
	tcdrop*) { n sink tc qdisc add dev veth-gen clsact &&
		   n sink tc filter add dev veth-gen ingress matchall action drop; } || return 1 ;;
	rawdrop) n sink iptables-legacy -t raw -A PREROUTING -s 203.0.113.66 -j DROP ;;
	ipt10) recipe iptables-legacy 10 ;;
	nft10) recipe iptables-nft 10 ;;
	ipt200) recipe iptables-legacy 200 ;;
	nft200) recipe iptables-nft 200 ;;
	esac
	case $c in
	tcp*) rate=$(measure_tcp) || return 1 ;;
	*) rate=$(measure $cfg) || return 1 ;;
	esac
	case $c in
	# a rate of drops or of lost messages is not the inspection's: the
	# run ends rather than print it
	inspect|inspectb) [ "$(n sink awk '$1 == "drop_malformed" || $1 == "drop_scanner" { s += $2 } END { print s + 0 }' /proc/net/sipguard/stats)" = 0 ] ||
		{ echo "bench: sipguard dropped the benign INVITE" >&2; return 1; } ;;
	tcpinspect) [ "$(sgstat sink tcp_messages)" -ge "$TCP_N" ] ||
		{ echo "bench: sipguard framed $(sgstat sink tcp_messages) of $TCP_N INVITEs" >&2; return 1; } ;;
	esac
	case $c in
	fastpath|rtp|inspect|inspectb|banned|tcpinspect) modprobe -r sipguard ;;
	rtpempty|rtpbare)
		rmmod nullhook || { echo "bench: nullhook could not be removed after $c" >&2; return 1; }
		modprobe -r -q nf_defrag_ipv4 || : ;;
	rawdrop) n sink iptables-legacy -t raw -F PREROUTING ;;
	ipt*|nft*) unrecipe ;;
	tcdrop*) n sink tc qdisc del dev veth-gen clsact ;;
	esac
	# a legacy table stays registered, with its hooks, once made (flushed
	# or not): the next configuration must not pay for it
	case $c in
	rawdrop|ipt*|nft*)
		modprobe -r iptable_raw iptable_filter 2> /dev/null
		! grep -qE '^iptable_(raw|filter) ' /proc/modules ||
			{ echo "bench: iptables' tables still loaded after $c" >&2; return 1; } ;;
	esac
	echo "$rate"
}

echo "bench: $N packets per configuration, $ROUNDS rounds, interleaved; sender on CPU 0, receiver on CPU 1"
: > $W/results
nc=${#configs[@]}
for r in $(seq 1 "$ROUNDS"); do
	for ((k = 0; k < nc; k++)); do
		c=${configs[$(( (r - 1 + k) % nc ))]}
		rate=$(run $c) || { echo "bench: $c could not be measured" >&2; exit 1; }
		echo "$r $c $rate" >> $W/results
		echo "  round $r: ${label[$c]}: ${rate% *} pps, ${rate#* } us of CPU 1 a packet"
	done
done

# The same configurations (but TCP's) counted in guest instructions, which
# the host's load does not move: sender and receiver on CPU 0 alone (no
# RPS), which never idles while trafgen runs, so that no wakeup's
# instructions, more or fewer with the timing, are in the count. The
# receive path's share is what a configuration runs beyond the same
# packets dropped by tc at the sink's ingress (tcdrop, tcdroprtp): the
# sender, the veth and the backlog, which no filter changes. Deterministic
# but for a few hundred instructions of trafgen's start: 3 rounds.
IN=${BENCH_INSN_PACKETS:-40000}
IROUNDS=${BENCH_INSN_ROUNDS:-3}
iconfigs=()
for c in "${configs[@]}"; do
	case $c in tcp*) ;; *) iconfigs+=("$c") ;; esac
done
case " ${iconfigs[*]} " in *" rtp"*) iconfigs+=(tcdroprtp) ;; esac
[ ${#iconfigs[@]} -eq 0 ] || iconfigs+=(tcdrop)
echo
echo "bench: instructions: $IN packets per configuration, $IROUNDS rounds, sender and receiver on CPU 0"
n sink sh -c 'echo 0 > /sys/class/net/veth-gen/queues/rx-0/rps_cpus'
: > $W/insns
ni=${#iconfigs[@]}
for r in $(seq 1 "$IROUNDS"); do
	for ((k = 0; k < ni; k++)); do
		c=${iconfigs[$(( (r - 1 + k) % ni ))]}
		ins=$(ONECPU=1 run $c) || { echo "bench: $c could not be counted" >&2; exit 1; }
		echo "$r $c $ins" >> $W/insns
		echo "  round $r: ${label[$c]}: $ins instructions a packet"
	done
done
n sink sh -c 'echo 2 > /sys/class/net/veth-gen/queues/rx-0/rps_cpus'
echo
for c in "${configs[@]}" tcdrop tcdroprtp; do printf '%s\t%s\n' "$c" "${label[$c]}"; done > $W/labels
python3 "$SG_REPO/tests/bench/benchstat.py" $W/results $W/insns $W/labels $W/unmet || exit 1
# Each target not met, profiled: where the configuration's instructions
# a packet go beyond its reference's, by symbol (the instruction pass's
# setup, on CPU 0), then each of the two configurations by perf, sampling
# the receiver's time (the time pass's setup) by symbol.
n sink sh -c 'echo 0 > /sys/class/net/veth-gen/queues/rx-0/rps_cpus'
while read -r c ref; do
	case " ${iconfigs[*]} " in *" $c "*) ;; *) continue ;; esac
	ONECPU=1 IPROF=$W/iprof-$c run "$c" < /dev/null > /dev/null &&
		ONECPU=1 IPROF=$W/iprof-$ref run "$ref" < /dev/null > /dev/null ||
		{ echo "bench: $c against $ref could not be profiled" >&2; continue; }
	echo
	echo "Instruction profile of ${label[$c]}, against ${label[$ref]}:"
	python3 "$SG_REPO/tests/bench/iprof.py" "$IN" $W/iprof-$c $W/iprof-$c.syms \
		$W/iprof-$ref $W/iprof-$ref.syms
done < $W/unmet
n sink sh -c 'echo 2 > /sys/class/net/veth-gen/queues/rx-0/rps_cpus'

# perf_samples FILE: how many samples a profile holds
perf_samples() {
	perf report -i "$1" --no-children --sort dso --stdio -q -n 2> /dev/null |
		awk '$2 ~ /^[0-9]+$/ { s += $2 } END { print s + 0 }'
}
# (BENCH_PROFILES=0: none)
[ "${BENCH_PROFILES:-1}" != 0 ] || : > $W/unmet
for c in $(tr ' ' '\n' < $W/unmet | awk '!seen[$0]++'); do
	[ "$ROUNDS" -gt 0 ] || break
	# a profile of a few samples (perf not sampling over the traffic) is
	# measured once more, and said so if it happens again
	rate=
	for _ in 1 2; do
		rate=$(PROF=$W/perf-$c.data run "$c") || break
		samples=$(perf_samples $W/perf-$c.data)
		[ "$samples" -lt 1000 ] || break
	done
	[ -n "$rate" ] || { echo "bench: $c could not be profiled" >&2; continue; }
	echo
	echo "Profile of ${label[$c]}: the receiver's CPU, share of samples by symbol ($samples samples)"
	if [ "$samples" -lt 1000 ]; then
		echo "  (too few samples twice: perf did not sample the traffic; no profile)"
		continue
	fi
	perf report -i $W/perf-$c.data --no-children --sort sym,dso --stdio -q 2> /dev/null > $W/report-$c
	awk 'NF && $1 ~ /%$/ { print "  " $0; if (++k == 15) exit }' $W/report-$c
	# every symbol, not the top 15: sipguard's whole share, netfilter's
	# hook path (nf_hook_slow, defrag, conntrack), and the idle halt; the
	# busy share (of the samples not idle) times this run's busy time a
	# packet is what each costs a packet
	awk -v us="${rate#* }" 'NF && $1 ~ /%$/ {
		v = $1; sub(/%$/, "", v); n++
		if ($NF == "[sipguard]") { sg += v; if (++ns <= 4) syms = syms sprintf(" %s %s%%", $3, v) }
		else if ($3 == "native_safe_halt") idle += v
		else if ($3 ~ /^nf_hook|defrag/ || $NF ~ /^\[nf_(defrag|conntrack)/) nf += v
	}
	END {
		busy = 100 - idle
		if (busy <= 0) exit
		printf "  all %d symbols: sipguard %.2f%% of the samples (%.2f us a packet), netfilter'"'"'s hook path %.2f%% (%.2f us), idle %.2f%%; %.2f us of CPU 1 a packet in this run\n", n, sg, sg / busy * us, nf, nf / busy * us, idle, us
		if (ns) printf "  sipguard'"'"'s first symbols:%s\n", syms
	}' $W/report-$c
done
echo
echo "Absolute rates under QEMU TCG mean little; the ratios and the added cost are the result."
echo "The nftables recipe is the same rules loaded through iptables-nft: nftables has"
echo "no substring match of its own, so the string rules run as xt matches (nft_compat)."
