#!/bin/bash
# vm-timeout: 900
# TCP streams, however cut: a scanner OPTIONS, the field report's injection
# INVITE and an INVITE whose SDP body holds a NUL never reach the server
# complete, cut at every byte, one byte per segment, three ways at random,
# behind CRLFs, pipelined behind benign requests, out of order, or shown
# to the inspector with other bytes first; the same cuts of benign requests
# all arrive whole. The server frames messages as a SIP stack does.
. "$(dirname "$0")/lib.sh"

# Every process on CPU 0, as in t-kamtcp: over veth a segment is received
# on the CPU that sent it, so a client woken on the other CPU can send a
# segment ahead of its earlier one (dropped: out of order) or, under SYN
# cookies, its data ahead of the handshake's last ACK, and the cutter
# resets each connection 50 ms after its last write, before a
# retransmission could mend it (a loaded CI run lost 1 of 268 cuts so).
taskset -pc 0 $$ > /dev/null

SGTCP="python3 $SG_REPO/tests/vm/sgtcp.py"
CTL=$SG_REPO/tools/sipguardctl/sipguardctl
netns_add attacker server
link attacker 203.0.113.66/24 2001:db8:66::66/64 server 203.0.113.1/24 2001:db8:66::1/64

modprobe sipguard
# one attacker address sends everything here: no bans, no rate limits,
# so that each case is judged on its content alone
n server $CTL config set ban-threshold 1000000 rate options 100000/100000 \
	rate invite 100000/100000 rate other 100000/100000 \
	global-rate options 100000/100000 global-rate invite 100000/100000
n attacker sysctl -qw net.ipv4.tcp_autocorking=0
bg n server $SGTCP serve 5060 /tmp/msgs.log
bg n server $SGTCP serve 5060 /tmp/msgs6.log --family 6
wait_listen server tcp 5060

m=/tmp/m
tcp_messages $m
check "the injection INVITE is the seed's, over TCP" grep -q "hi'or'x'='x'" $m/bad-injection

# complete ID: messages with Call-ID ID the server framed whole
complete() { awk -v id="$1" '$2 == id' /tmp/msgs.log | wc -l; }
# complete_ge ID N [LOG]: at least N framed whole (for wait_for: the checks
# after a send wait for what they count, never a fixed sleep, which a
# loaded guest's server can overrun)
complete_ge() { [ "$(awk -v id="$1" '$2 == id' "${3:-/tmp/msgs.log}" | wc -l)" -ge "$2" ]; }

# cases FILE... OPTS: run the cutter; sets $cases and $segmented
cuts() {
	local out
	out=$(n attacker $SGTCP cuts 203.0.113.1 5060 "$@")
	cases=$(echo "$out" | awk '{ print $2 }')
	segmented=$(echo "$out" | awk '{ print $4 }')
	[ -n "$cases" ] || { not_ok "the cutter ran ($*)"; cases=0 segmented=0; }
}

# Benign requests: every cut arrives whole, and the cuts were real.
for f in good-options good-invite; do
	before=$(complete $f)
	cuts $m/$f --every-split
	wait_for 20 bash -c "[ \$(awk -v id=$f '\$2 == id' /tmp/msgs.log | wc -l) -ge $((before + cases)) ]"
	check_eq "$f: all $cases two-segment cuts arrive whole" "$(($(complete $f) - before))" "$cases"
	check_eq "$f: each went out as two data segments or more" "$segmented" "$cases"
	before=$(complete $f)
	cuts $m/$f --ones --delay 0.003
	cuts $m/$f --random3 20 --seed 7
	wait_for 20 bash -c "[ \$(awk -v id=$f '\$2 == id' /tmp/msgs.log | wc -l) -ge $((before + 21)) ]"
	check_eq "$f: one byte a segment, and 20 three-way cuts: all arrive whole" \
		"$(($(complete $f) - before))" 21
done

echo "# $SECONDS s: benign cuts done"
# Bad requests: no cut gets one through.
for f in bad-scanner bad-injection bad-bodynul; do
	cuts $m/$f --every-split
	check_ge "$f: $cases two-segment cuts made" "$cases" 100
	cuts $m/$f --ones --delay 0.003
	cuts $m/$f --random3 20 --seed 11
	cuts $m/$f --at 1
done
wait_for 10 stat_ge server drop_scanner 100
wait_for 10 stat_ge server drop_injection 100
wait_for 10 stat_ge server drop_malformed 100
sleep 0.5
for f in bad-scanner bad-injection bad-bodynul; do
	check_eq "$f: no cut reached the server whole" "$(complete $f)" 0
done
check_ge "the drops were the parser's (scanner)" "$(sgstat server drop_scanner)" 100
check_ge "... (injection)" "$(sgstat server drop_injection)" 100
check_ge "... (malformed: the body's NUL)" "$(sgstat server drop_malformed)" 100

echo "# $SECONDS s: bad cuts done"
# CRLFs before the request (RFC 3261 7.5: skipped) and keepalives
printf '\r\n\r\n' > $m/crlf
before=$(complete good-options)
cuts $m/crlf $m/good-options $m/crlf $m/good-options --at 2,4
cuts $m/crlf $m/bad-scanner --at 3
wait_for 10 complete_ge good-options $((before + 2))
sleep 0.5
check_eq "CRLFs before and between requests are skipped (2 whole)" "$(($(complete good-options) - before))" 2
check_eq "a scanner behind CRLFs is dropped" "$(complete bad-scanner)" 0

# Pipelined: 1-3 benign requests, then the bad one, in one write and cut
for k in 1 2 3; do
	files=()
	for i in $(seq $k); do files+=($m/good-options); done
	before=$(complete good-options)
	cuts "${files[@]}" $m/bad-injection --at 1
	glen=$(wc -c < $m/good-options)
	cuts "${files[@]}" $m/bad-injection --at $((glen * k))
	wait_for 10 complete_ge good-options $((before + k))
	sleep 0.5
	check_eq "pipelined behind $k benign: the bad one never whole" "$(complete bad-injection)" 0
	check_eq "... and the benign ones cut apart from it arrive ($k)" \
		"$(($(complete good-options) - before))" "$k"
done

# Raw segments: the attacker's kernel must not answer for the raw socket.
# (its own resets, at the end, carry TOS 4)
n attacker iptables -A OUTPUT -p tcp --tcp-flags RST RST -m tos ! --tos 0x04/0xff -j DROP
bad=$m/bad-scanner
blen=$(wc -c < $bad)
half=$((blen / 2))
# out of order: the second half first (dropped: ahead of the stream), then
# the first, then the second again (judged: dropped)
ooo=$(sgstat server tcp_out_of_order)
n attacker $SGTCP raw 203.0.113.1 5060 --sport 41001 "$half:$bad:$half:$blen" "0:$bad:0:$half" "$half:$bad:$half:$blen" >/dev/null
wait_for 10 stat_ge server tcp_out_of_order $((ooo + 1))
check_ge "out of order: the segment ahead of the stream was dropped" "$(sgstat server tcp_out_of_order)" $((ooo + 1))
check_eq "out of order: the scanner never arrived whole" "$(complete bad-scanner)" 0
good=$m/good-options
gb=$(complete good-options)
n attacker $SGTCP raw 203.0.113.1 5060 --sport 41002 "$half:$good:$half:$blen" "0:$good:0:$half" "$half:$good:$half:$(wc -c < $good)" >/dev/null
wait_for 30 bash -c "[ \$(awk '\$2 == \"good-options\"' /tmp/msgs.log | wc -l) -gt $gb ]"
check_eq "out of order, benign: arrives whole once retransmitted" "$(($(complete good-options) - gb))" 1

# overlap: a benign request of the same length that the server discards
# (an old timestamp: PAWS, which the hook does not judge), then the
# scanner's bytes at the same offset
sed 's/User-Agent: friendly-scanner/User-Agent: Friendly-Phone-1/' $bad > $m/decoy
check_eq "the decoy is as long as the scanner OPTIONS" "$(wc -c < $m/decoy)" "$blen"
ovl=$(sgstat server tcp_overlap)
n attacker $SGTCP raw 203.0.113.1 5060 --sport 41003 --ts "0:$m/decoy:oldts" "0:$bad" >/dev/null
wait_for 10 stat_ge server tcp_overlap $((ovl + 1))
sleep 0.5
check_eq "overlap with other bytes: the scanner never arrived whole" "$(complete bad-scanner)" 0
check_eq "... counted as an overlap" "$(sgstat server tcp_overlap)" $((ovl + 1))
gb=$(complete good-options)
n attacker $SGTCP raw 203.0.113.1 5060 --sport 41004 --ts "0:$good:oldts" "0:$good" >/dev/null
wait_for 30 bash -c "[ \$(awk '\$2 == \"good-options\"' /tmp/msgs.log | wc -l) -gt $gb ]"
check_eq "a retransmission with the same bytes passes and arrives" "$(($(complete good-options) - gb))" 1

# What the stack discards or reads otherwise is not followed: dropped
inv=$(sgstat server tcp_invalid)
n attacker $SGTCP raw 203.0.113.1 5060 --sport 41005 "0:$bad:urg" >/dev/null
n attacker $SGTCP raw 203.0.113.1 5060 --sport 41006 "0:$bad:noack" >/dev/null
sleep 0.5
n attacker $SGTCP raw 203.0.113.1 5060 --sport 41009 "0:$bad:badack" >/dev/null
wait_for 10 stat_ge server tcp_invalid $((inv + 3))
sleep 0.5
check_eq "urgent data, data without ACK or acking data never sent: dropped before framing" \
	"$(sgstat server tcp_invalid)" $((inv + 3))
check_eq "... the scanner never arrived whole" "$(complete bad-scanner)" 0

# SYN cookies for every connection: the handshake's last ACK creates the
# socket, so data riding on it finds none. An ACK that carries a valid
# cookie starts a flow at its first byte, so a message it cuts is framed
# across the next segments; data without one is the stream's start,
# judged alone, and may not end inside a message.
n server sysctl -qw net.ipv4.tcp_syncookies=2
gb=$(complete good-options)
n attacker $SGTCP raw 203.0.113.1 5060 --sport 41007 --data-on-ack "0:$good" >/dev/null
wait_for 30 complete_ge good-options $((gb + 1))
check_eq "SYN cookies: a whole request on the last ACK arrives" "$(($(complete good-options) - gb))" 1
cut=$(sgstat server tcp_first_cut)
scan=$(sgstat server drop_scanner)
cat $m/good-options $bad > $m/good-then-bad
glen=$(wc -c < $m/good-options)
gb=$(complete good-options)
n attacker $SGTCP raw 203.0.113.1 5060 --sport 41008 --data-on-ack "0:$m/good-then-bad:0:$((glen + 40))" \
	"$((glen + 40)):$m/good-then-bad:$((glen + 40)):$((glen + blen))" >/dev/null
wait_for 10 stat_ge server drop_scanner $((scan + 1))
check_eq "SYN cookies: a cookie's data ending inside a message is followed: the request before the cut arrives" \
	"$(($(complete good-options) - gb))" 1
check_eq "... the scanner it cut is dropped when its end comes" "$(sgstat server drop_scanner)" $((scan + 1))
check_eq "... and never arrived whole" "$(complete bad-scanner)" 0
check_eq "... judged on the flow, not as a first segment" "$(sgstat server tcp_first_cut)" "$cut"
# the same bytes with an ACK that is no cookie: judged alone
n attacker $SGTCP raw 203.0.113.1 5060 --sport 41009 --data-on-ack \
	"0:$m/good-then-bad:0:$((glen + 40)):badack" >/dev/null
wait_for 10 stat_ge server tcp_first_cut $((cut + 1))
sleep 0.5
check_eq "SYN cookies: data without a valid cookie ending inside a message is dropped" \
	"$(sgstat server tcp_first_cut)" $((cut + 1))
check_eq "... the request before the cut with it" "$(($(complete good-options) - gb))" 1
# One receive batch: with GRO on the server's veth (which turns veth's
# NAPI on) and netem releasing what the attacker sends in slots, the
# segments after a cookie's pass the hook before TCP has made the socket
# from it (ip_list_rcv() runs PREROUTING over the whole list first). They
# are judged on the cookie's flow all the same.
batch_on() {
	n server ethtool -K veth-attacker gro on
	n attacker ethtool -K veth-server tso off
	n attacker tc qdisc add dev veth-server root netem slot 300ms 300ms packets 8
}
batch_off() {
	n attacker tc qdisc del dev veth-server root
	n server ethtool -K veth-attacker gro off
}
sed 's/friendly-scanner/Linphone-5.2.0.1/' $bad > $m/twin-scanner
k=$(($(grep -bo 'friendly-scanner' $bad | cut -d: -f1) + 18))
batch_on
scan=$(sgstat server drop_scanner) ovl=$(sgstat server tcp_overlap)
# the scanner's head, then a benign copy of it, then its end: the
# inspector must not take the copy's bytes for what the server holds
n attacker $SGTCP raw 203.0.113.1 5060 --sport 41010 --delay 0 --linger 1 --data-on-ack \
	"0:$bad:0:$k" "0:$m/twin-scanner:0:$k" "$k:$bad:$k:$blen" >/dev/null
sleep 1
check_eq "SYN cookies, one batch: a different copy of the cookie's data is an overlap" \
	"$(sgstat server tcp_overlap)" $((ovl + 1))
check_eq "... and the scanner never arrived whole" "$(complete bad-scanner)" 0
# the scanner's head, then a whole benign request: one stream, one bad message
bad_drops() { n server awk '$1 == "drop_scanner" || $1 == "drop_malformed" { s += $2 } END { print s }' /proc/net/sipguard/stats; }
d=$(bad_drops)
n attacker $SGTCP raw 203.0.113.1 5060 --sport 41011 --delay 0 --linger 1 --data-on-ack \
	"0:$bad:0:$k" "$k:$good" >/dev/null
sleep 1
check_eq "SYN cookies, one batch: a whole request after the cookie's open message is framed after it" \
	"$(bad_drops)" $((d + 1))
check_eq "... and the scanner never arrived whole" "$(complete bad-scanner)" 0
batch_off

# From here on the kernel's clients reset their connections again.
n attacker iptables -D OUTPUT -p tcp --tcp-flags RST RST -m tos ! --tos 0x04/0xff -j DROP
gb=$(complete good-options)
cuts $m/good-options --every-split
wait_for 20 bash -c "[ \$(awk '\$2 == \"good-options\"' /tmp/msgs.log | wc -l) -ge $((gb + cases)) ]"
check_eq "SYN cookies: the kernel's clients (ACK, then data) still get every cut through" \
	"$(($(complete good-options) - gb))" "$cases"
# The handshake's last ACK lost (a pure ACK is at most 52 bytes, IP and TCP
# with timestamps; data segments are longer): the first data segment makes
# the connection from its cookie, and every cut still arrives whole, with
# no retransmission (the cutter resets 50 ms after its last write).
n attacker iptables -I OUTPUT -p tcp --dport 5060 --tcp-flags SYN,ACK,FIN,RST,PSH ACK \
	-m length --length 0:52 -j DROP
gb=$(complete good-options)
cut=$(sgstat server tcp_first_cut)
cuts $m/good-options --every-split
wait_for 20 bash -c "[ \$(awk '\$2 == \"good-options\"' /tmp/msgs.log | wc -l) -ge $((gb + cases)) ]"
check_eq "SYN cookies, the last ACK lost: every cut of a benign request arrives whole" \
	"$(($(complete good-options) - gb))" "$cases"
check_ge "... the ACKs were lost" "$(n attacker iptables -vnxL OUTPUT 1 | awk '{ print $1 }')" "$cases"
cuts $m/bad-scanner --random3 20 --seed 11
cuts $m/bad-scanner --at 40
sleep 1
check_eq "SYN cookies, the last ACK lost: no cut of the scanner arrives whole" "$(complete bad-scanner)" 0
check_eq "... none dropped as a first segment" "$(sgstat server tcp_first_cut)" "$cut"
n attacker iptables -D OUTPUT 1
# The kernel's clients in one batch, the last ACK sent or lost: every cut
# of a benign request arrives whole, nothing is judged malformed
batch_on
for lost in no yes; do
	[ $lost = no ] || n attacker iptables -I OUTPUT -p tcp --dport 5060 --tcp-flags SYN,ACK,FIN,RST,PSH ACK \
		-m length --length 0:52 -j DROP
	gb=$(complete good-options) d=$(bad_drops)
	sent=0
	for at in 40 100,300 1,2,3; do
		cuts $m/good-options --at $at --delay 0 --linger 0.5
		sent=$((sent + cases))
	done
	wait_for 10 complete_ge good-options $((gb + sent))
	check_eq "SYN cookies, one batch, last ACK lost: $lost: every cut arrives whole" \
		"$(($(complete good-options) - gb))" "$sent"
	check_eq "... none judged bad" "$(bad_drops)" "$d"
	[ $lost = no ] || n attacker iptables -D OUTPUT 1
done
batch_off
n server sysctl -qw net.ipv4.tcp_syncookies=1

# IPv6, one cut each way
cuts6() { n attacker $SGTCP cuts 2001:db8:66::1 5060 "$@" >/dev/null; }
cuts6 $m/good-options --at 40
cuts6 $m/bad-scanner --at 40
wait_for 10 complete_ge good-options 1 /tmp/msgs6.log
sleep 0.5
check_eq "IPv6: a benign cut arrives whole" "$(awk '$2 == "good-options"' /tmp/msgs6.log | wc -l)" 1
check_eq "IPv6: the scanner cut does not" "$(awk '$2 == "bad-scanner"' /tmp/msgs6.log | wc -l)" 0

# TLS on 5061 is opaque: a stream starting with a TLS record passes
# unframed; the same bytes to 5060 are not SIP and are dropped.
bg n server $SGNET tcp-serve 5061 /tmp/tls.log
wait_listen server tcp 5061
{ printf '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03'; head -c 600 /dev/urandom; printf '\n\n'; } > $m/tls
opq=$(sgstat server tcp_opaque)
n attacker $SGTCP cuts 203.0.113.1 5061 $m/tls --at 2,300 >/dev/null
tls_bytes() { [ "$(awk '{ s += $1 } END { print s + 0 }' /tmp/tls.log)" -ge "$(wc -c < $m/tls)" ]; }
wait_for 10 tls_bytes
wait_for 10 stat_ge server tcp_opaque $((opq + 1))
check_eq "TLS to 5061: every byte reached the server" "$(awk '{ s += $1 } END { print s + 0 }' /tmp/tls.log)" "$(wc -c < $m/tls)"
check_eq "... the flow counted as opaque" "$(sgstat server tcp_opaque)" $((opq + 1))
mal=$(sgstat server drop_malformed)
n attacker $SGTCP cuts 203.0.113.1 5060 $m/tls --at 2,300 >/dev/null
wait_for 10 stat_ge server drop_malformed $((mal + 1))
check_ge "the same bytes to 5060 are dropped as malformed" "$(sgstat server drop_malformed)" $((mal + 1))

# The flow table empties once the connections are gone (GC every 10 s).
# The kernel's clients reset theirs; the raw ones (9) may leave theirs
# open on the server, which closes them here.
sleep 1
check_le "the kernel's clients left no connection open (raw ones at most)" \
	"$(n server ss -Htn state established | wc -l)" 9
n server ss -K state established >/dev/null
check "the flow table returns to 0 entries" wait_for 40 bash -c \
	"[ \$(ip netns exec server awk '\$1 == \"tcp_flows\" { print \$2 }' /proc/net/sipguard/stats) = 0 ]"
check_eq "and holds no bytes" "$(sgstat server tcp_held)" 0
echo "# stats: $(n server cat /proc/net/sipguard/stats | grep -E '^(tcp_|drop_stream|drop_scanner|drop_injection|drop_malformed)' | tr '\n' ' ')"
done_testing
