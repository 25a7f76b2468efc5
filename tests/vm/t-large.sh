#!/bin/bash
# The module inspects the whole message, up to UDP's 64 KiB, exactly as
# `sipguardctl inspect` does: a NUL deep in an SDP body and a scanner
# signature past the first 16 KiB are dropped, their clean twins pass, over
# fragments (MTU 1500: the skb reaches the hook non-linear) and over one
# jumbo veth packet, IPv4 and IPv6. Then a flood of the parser's worst
# inputs (tests/bench/adversarial.py) at 200 packets a second from random
# sources: a trusted client's requests are all answered meanwhile, and the
# softirq time the flood costs is measured against a benign flood.
. "$(dirname "$0")/lib.sh"

ctl=$SG_REPO/tools/sipguardctl/sipguardctl
W=/tmp/large
mkdir -p $W

# ---- messages of 17 to 64 KiB ------------------------------------------
# big NAME SIZE [NUL_AT] [UA_AT]: an INVITE of SIZE bytes, padded by an SDP
# body; a NUL in the body at offset NUL_AT, or a header section that reaches
# past UA_AT with a scanner's User-Agent there.
python3 - $W <<'PY'
import sys
out = sys.argv[1]
def invite(size, nul_at=None, ua_at=None, ua=b"friendly-scanner"):
    head = (b"INVITE sip:1001@192.0.2.2 SIP/2.0\r\n"
            b"Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-big\r\n"
            b"From: <sip:alice@192.0.2.1>;tag=1\r\nTo: <sip:1001@192.0.2.2>\r\n"
            b"Call-ID: big@192.0.2.1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n")
    if ua_at is not None:
        # long legitimate headers up to the User-Agent at ua_at
        while len(head) < ua_at - 4100:
            head += b"X-Route-Info: " + b"r" * 4000 + b"\r\n"
        head += b"X-Pad: " + b"p" * (ua_at - len(head) - len(b"X-Pad: \r\nUser-Agent: ")) + b"\r\n"
        assert len(head) + len(b"User-Agent: ") == ua_at
        head += b"User-Agent: " + ua + b"\r\n"
    head += b"Content-Type: application/sdp\r\n"
    sdp = b"v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
    fixed = len(head) + len(b"Content-Length: 00000\r\n\r\n")
    line = b"a=rtcp-fb:* nack pli ccm fir goog-remb transport-cc\r\n"
    while fixed + len(sdp) + len(line) + 6 <= size:
        sdp += line
    sdp += b"a=x:" + b"y" * (size - fixed - len(sdp) - 6) + b"\r\n"
    msg = bytearray(head + b"Content-Length: %05d\r\n\r\n" % len(sdp) + sdp)
    assert len(msg) == size, (len(msg), size)
    if nul_at is not None:
        assert nul_at > fixed
        msg[nul_at] = 0
    return bytes(msg)
cases = {
    "40k-nul-at-30000": invite(40960, nul_at=30000),
    "40k-clean": invite(40960),
    "24k-scanner-at-20000": invite(24576, ua_at=20000),
    "24k-benign-ua-at-20000": invite(24576, ua_at=20000, ua=b"Yealink SIP-T46S 66.86.0.15"),
    "65000-nul-at-64000": invite(65000, nul_at=64000),
    "65000-clean": invite(65000),
    "17k-nul-at-16500": invite(17408, nul_at=16500),
}
for name, msg in cases.items():
    with open("%s/%s.sip" % (out, name), "wb") as f:
        f.write(msg)
PY
files=($W/*.sip)
check_eq "seven messages of 17-64 KiB made" "$(ls $W/*.sip 2>/dev/null | wc -l)" 7

netns_add client server
link client 192.0.2.1/24 2001:db8::1/64 server 192.0.2.2/24 2001:db8::2/64
# a second pair with a jumbo MTU, so a 64 KiB datagram crosses in one packet
ip link add big-s netns client mtu 65535 type veth peer name big-c netns server mtu 65535
n client ip addr add 198.51.100.1/24 dev big-s && n client ip addr add 2001:db8:1::1/64 dev big-s nodad
n server ip addr add 198.51.100.2/24 dev big-c && n server ip addr add 2001:db8:1::2/64 dev big-c nodad
n client ip link set big-s up && n server ip link set big-c up

# content only: lift the per-source limits and bans out of the way
modprobe sipguard ban_threshold=1000000 rates=register=1000000/1000000,invite=1000000/1000000,options=1000000/1000000,other=1000000/1000000
bg n server $SGNET udp-serve 5060 $W/udp.log
wait_listen server udp 5060
pid=${_sg_pids[-1]}

"$ctl" inspect "${files[@]}" | sed -E 's/^(.*): (accept|drop [a-z]+).*/\1 \2/' | sort > $W/want
check_eq "inspect judged all seven" "$(wc -l < $W/want)" 7
for dst in 192.0.2.2 2001:db8::2 198.51.100.2 2001:db8:1::2; do
	n client $SGNET udp-judge $dst 5060 "$pid" "${files[@]}" | sort > $W/got
	if diff $W/want $W/got > $W/diff; then
		ok "to $dst: the kernel's verdict on every 17-64 KiB message is inspect's"
	else
		not_ok "to $dst: the kernel and inspect disagree"
		sed 's/^/# /' $W/diff
	fi
done
verdict() { awk -v f="$W/$1.sip" '$1 == f { $1 = ""; sub(/^ /, ""); print }' $W/got; }
check_eq "a NUL at byte 30 000 of a 40 KiB INVITE: dropped" "$(verdict 40k-nul-at-30000)" "drop malformed"
check_eq "its clean twin: accepted" "$(verdict 40k-clean)" "accept"
check_eq "a scanner User-Agent at byte 20 000: dropped" "$(verdict 24k-scanner-at-20000)" "drop scanner"
check_eq "a phone's User-Agent there: accepted" "$(verdict 24k-benign-ua-at-20000)" "accept"
check_eq "a NUL at byte 64 000 of a 65 000-byte INVITE: dropped" "$(verdict 65000-nul-at-64000)" "drop malformed"
check_eq "its clean twin: accepted" "$(verdict 65000-clean)" "accept"
check_eq "just past the old 16 KiB window: dropped" "$(verdict 17k-nul-at-16500)" "drop malformed"
bg_stop

# ---- a flood of the parser's worst inputs --------------------------------
python3 $SG_REPO/tests/bench/adversarial.py $W/adv 16384 65000
worst=()
for s in is-paren-from is-paren-ua markup-storm equals-storm or-storm percent-bad-escapes paren-storm \
	ctl-escaped-folded; do
	worst+=(--payload $W/adv/16384-$s.sip --payload $W/adv/65000-$s.sip)
done
benign=(--payload $W/adv/16384-benign-register-contacts.sip --payload $W/adv/65000-benign-register-contacts.sip
	--payload $W/adv/16384-benign-sbc-invite.sip --payload $W/adv/65000-benign-sbc-invite.sip)
n server "$ctl" allow add 2001:db8:1::1/128 comment "the trusted client"
n server "$ctl" config set ports 5060,5062
# the trusted client's server on 5060, the flood's sink on 5062: both SIP
# ports, both inspected; what is measured is the module's cost, not a
# Python server's queue
bg n server $SGNET udp-serve 5060 $W/serve.log --family 6
bg n server $SGNET udp-serve 5062 /dev/null --family 6 --quiet
wait_listen server udp 5060 && wait_listen server udp 5062

softirq() { awk '/^cpu / { print $8 }' /proc/stat; }	# USER_HZ ticks, all CPUs
hz=$(getconf CLK_TCK)
# flood NAME PAYLOADS...: 2000 packets at 200/s from random /64s while the
# trusted client sends 100 OPTIONS and waits for each answer.
flood() {
	local name=$1 s0 s1 t0 t1 rc
	shift
	s0=$(softirq); t0=$(date +%s.%N); p0=$(sgstat server sip_packets)
	bg n client $SGNET raw-send 2001:db8:1::2 --dport 5062 --random-v6 --count 2000 --rate 200 --seed 7 "$@"
	local fpid=${_sg_pids[-1]}
	n client $SGNET udp-send 2001:db8:1::2 5060 --count 100 --interval 0.05 --reply --timeout 3
	rc=$?
	wait $fpid
	s1=$(softirq); t1=$(date +%s.%N)
	awk -v a="$s0" -v b="$s1" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v n="$name" \
		-v p=$(( $(sgstat server sip_packets) - p0 )) 'BEGIN {
		ms = (b - a) * 1000 / hz; secs = t1 - t0
		printf "# %s: %d SIP packets inspected in %.1f s, softirq %.0f ms (%.1f%% of one CPU), %.2f ms per packet\n",
			n, p, secs, ms, ms / secs / 10, ms / p }'
	return $rc
}
check "a benign flood (REGISTERs of many bindings, SBC INVITEs; 16 and 64 KiB) at 200/s: the trusted client's 100 requests all answered" \
	flood "benign flood" "${benign[@]}"
check "a flood of the worst adversarial inputs (16 and 64 KiB) at 200/s from random sources: the trusted client's 100 requests all answered" \
	flood "adversarial flood" "${worst[@]}"
check_eq "the adversarial flood was inspected, not dropped by a limit" \
	"$(( $(sgstat server drop_rate) + $(sgstat server sources_full) ))" 0
echo "# counters: $(n server cat /proc/net/sipguard/stats | tr '\n' ' ')"
done_testing
