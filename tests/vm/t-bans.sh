#!/bin/bash
# A banned source's packets, and each change to its ban reaching the very
# next packet. Each CPU keeps a memo of the last source it found banned
# (bantable.c), so these are the cases where a stale memo would drop a
# packet the table lets through: a ban shortened, lifted, run out or
# flushed; two banned sources in turn; an unbanned source after a banned
# one; IPv6 alike. Another source's ban stays in force throughout: with
# none, the hook does not look (bans in force: 0) and a memo would not be
# tested. Then the hook's drop memo, which drops a banned source's
# datagrams before the pipeline: the deny set, monitor mode and a drop
# event listener each reach the next packet. Last, the ban table's GC,
# which walks only once something is due: what makes it due sooner.
. "$(dirname "$0")/lib.sh"

CTL=$SG_REPO/tools/sipguardctl/sipguardctl
lab
bg n server $SGNET registrar 5060 /tmp/reg.log
bg n server $SGNET registrar 5060 /tmp/reg6.log --family 6
wait_listen server udp 5060
modprobe sipguard

A=203.0.113.20 B=203.0.113.21 C=203.0.113.22 V6=2001:db8:66::20
from() { cat /tmp/reg.log /tmp/reg6.log | grep -c "^$1 "; }
from_is() { [ "$(from "$1")" -eq "$2" ]; }
# send SRC N: N REGISTERs from SRC (spoofed); returns once the hook has
# taken them all (the callers wait for the verdicts). The sender runs on
# CPU 0, and veth hands its packets to the hook on the sending CPU: each
# packet meets the memo the one before it left.
send() {
	local before dst=203.0.113.1
	case $1 in *:*) dst=2001:db8:66::1 ;; esac
	before=$(sgstat server sip_packets)
	n attacker taskset -c 0 $SGNET raw-send $dst --src "$1" --count "$2"
	wait_for 60 stat_ge server sip_packets $((before + $2)) ||
		echo "# $1: not every packet reached the hook in 60 s"
}
# dropped SRC N: N packets from SRC are all dropped as banned
dropped() { mark "$1"; send "$1" "$2"; all_dropped "$1" "$2"; }
# mark SRC: the counts before; all_dropped SRC N: N drops since, none seen
mark() { DROPS=$(sgstat server drop_banned); SEEN=$(from "$1"); }
all_dropped() {
	wait_for 10 stat_ge server drop_banned $((DROPS + $2))
	[ $(( $(sgstat server drop_banned) - DROPS )) -eq "$2" ] && from_is "$1" "$SEEN"
}
# passed SRC N: N packets from SRC all reach the registrar
passed() {
	local want=$(( $(from "$1") + $2 ))
	send "$1" "$2"
	wait_for 10 from_is "$1" "$want"
}

n server $CTL ban add 203.0.113.99 for 3600
n server $CTL ban add $A for 600
check "a banned source's packets are dropped" dropped $A 3
n server $CTL ban add $A for 1
sleep 1.5
check "a ban shortened to 1 s: its packets pass after it" passed $A 3

n server $CTL ban add $A for 600
check "banned again: dropped" dropped $A 3
n server $CTL ban del $A
check "ban del: the next packets pass" passed $A 3

n server $CTL ban add $A for 600
n server $CTL ban add $B for 600
in_turn() { dropped $A 1 && dropped $B 1 && dropped $A 1 && dropped $B 1; }
check "two banned sources in turn: each packet dropped" in_turn
check "an unbanned source after a banned one passes" passed $C 2

# A ban that runs out by itself. Its drops are asserted only for packets
# that surely arrived inside it: a loaded host can take longer than a
# short ban from `ban add` to the last packet's verdict. Such a round
# proves nothing either way and is tried again with a longer ban; a packet
# that passed while the ban surely held fails the check.
short_ban() {
	local d t0 ms
	for d in 2 4 8 16 32 64; do
		mark $C
		t0=$(date +%s%N)
		n server $CTL ban add $C for $d
		send $C 2	# returns once the hook took both: ms bounds their verdicts
		ms=$(( ($(date +%s%N) - t0) / 1000000 ))
		all_dropped $C 2 && { SHORT=$d; return 0; }
		[ $ms -ge $(( d * 1000 - 50 )) ] || return 1
		echo "# a $d s ban: the packets took $ms ms, not surely inside it; again, longer"
	done
	return 1
}
SHORT=64
check "a ban of a few seconds: dropped while in force" short_ban
sleep $SHORT.5
check "... and passing once it ran out" passed $C 2

check "banned before the flush: dropped" dropped $A 1
n server $CTL ban flush
n server $CTL ban add 203.0.113.99 for 3600
both_pass() { passed $A 1 && passed $B 1; }
check "ban flush: both sources pass" both_pass

# unbanned first, which also resolves the server's link address: packets
# queued for neighbour discovery would leave from the CPU that takes the
# answer, not the sender's
check "IPv6: an unbanned source passes" passed $V6 1
n server $CTL ban add $V6 for 600
check "IPv6: a banned source's packets are dropped" dropped $V6 3
n server $CTL ban del $V6
check "IPv6: ban del, the next packets pass" passed $V6 3
n server $CTL ban add $V6 for 600
check "IPv6: another address of the banned /64 is dropped" dropped 2001:db8:66::21 2
# the near miss: the memo (this CPU's, of the address just dropped) and
# the ban are the /64's; the next /64 passes
check "IPv6: an address of the next /64 passes" passed 2001:db8:66:1::20 2
n server $CTL ban del $V6

# The hook's drop memo (hook.c): once the pipeline dropped a UDP datagram
# as banned, that CPU drops the same source's next ones before the
# pipeline, while the config, the ban table and the ban are as they were
# and nobody listens for drop events. What the pipeline would do
# differently reaches the very next packet: the deny set, monitor mode,
# a listener; and what a memo drop counts is what the pipeline counts.
n server $CTL ban add $A for 600
check "memo: a banned source's packets are dropped" dropped $A 3
# one datagram through the pipeline (a ban changed: the memo is not
# used), then three the memo drops: the same bytes each
bytes_alike() {
	local b0 b1 b2
	n server $CTL ban add $A for 500
	b0=$(sgstat server sip_bytes)
	dropped $A 1 || return 1
	b1=$(sgstat server sip_bytes)
	dropped $A 3 || return 1
	b2=$(sgstat server sip_bytes)
	echo "# through the pipeline: $((b1 - b0)) bytes; the next three: $((b2 - b1))"
	[ $((b1 - b0)) -gt 0 ] && [ $((b2 - b1)) -eq $((3 * (b1 - b0))) ]
}
check "memo: a memo drop counts the datagram's bytes as the pipeline does" bytes_alike
deny_first() {
	local d0 rc
	n server $CTL deny add $A || return 1
	d0=$(sgstat server drop_deny)
	mark $A
	send $A 2
	wait_for 30 stat_ge server drop_deny $((d0 + 2))
	[ $(( $(sgstat server drop_deny) - d0 )) -eq 2 ] &&
		[ "$(sgstat server drop_banned)" -eq "$DROPS" ] && from_is $A "$SEEN"
	rc=$?
	n server $CTL deny del $A
	return $rc
}
check "memo: put in the deny set, its packets are dropped as denied" deny_first
check "... and out of it, as banned again" dropped $A 2
monitor_mode() {
	local p0 rc
	n server $CTL config set mode monitor || return 1
	p0=$(sgstat server passed)
	mark $A
	passed $A 2
	rc=$?
	n server $CTL config set mode enforce
	[ $rc -eq 0 ] && [ $(( $(sgstat server drop_banned) - DROPS )) -eq 2 ] &&
		[ $(( $(sgstat server passed) - p0 )) -eq 2 ]
}
check "memo: monitor mode, its packets pass, counted as banned and passed" monitor_mode
check "... and in enforce mode, dropped again" dropped $A 2

# A listener: the memo is taken (the pipeline's drop) and then not used,
# so every drop is the pipeline's and sampled to the listener (20 a
# second at most: these are 4).
n server stdbuf -oL $CTL monitor > /tmp/mon.log &
monpid=$!
mon_ready() { n server $CTL ban add 198.51.100.250 for 600; grep -q '^ban 198.51.100.250/32' /tmp/mon.log; }
wait_for 60 mon_ready
n server $CTL ban del 198.51.100.250
drops_seen() { grep -c "^drop $A banned" /tmp/mon.log; }
events_ge() { [ "$(drops_seen)" -ge "$1" ]; }
heard() {
	dropped $A 1 && dropped $A 3 || return 1
	wait_for 30 events_ge 4
	echo "# drop events of $A: $(drops_seen)"
	[ "$(drops_seen)" -eq 4 ]
}
check "memo: with a listener, each drop is an event" heard
kill $monpid 2>/dev/null
wait $monpid 2>/dev/null
check "... and with none, dropped" dropped $A 3

# The ban table's GC (bantable.c) walks the chains only once something is
# due: a ban's end to tell, a record to forget. What moves the due earlier
# reaches it: a ban shortened, ban-forget lowered; and what the walk
# leaves sets the next one.
n server $CTL config set ban-forget 3600
n server stdbuf -oL $CTL monitor > /tmp/gc.log &
gcpid=$!
gc_ready() { n server $CTL ban add 198.51.100.251 for 600; grep -q '^ban 198.51.100.251/32' /tmp/gc.log; }
wait_for 60 gc_ready
G=203.0.113.30
n server $CTL ban add $G for 600
e0=$(sgstat server ban_entries)
n server $CTL ban add $G for 1
check "GC: a ban shortened to 1 s is told to have ended" \
	wait_for 30 grep -q "^expired $G/32" /tmp/gc.log
check_eq "... and its record is kept (ban_entries)" "$(sgstat server ban_entries)" "$e0"
n server $CTL ban add $G for 600
check "... so its next ban is its 3rd" wait_for 30 grep -q "^ban $G/32 for 600 s (ban 3)" /tmp/gc.log
n server $CTL ban del $G
# every record (the earlier sources', $G's) goes once ban-forget is 1 s:
# what is left is the bans in force
records_gone() { [ "$(sgstat server ban_entries)" -eq "$(sgstat server bans_active)" ]; }
n server $CTL config set ban-forget 1
check "GC: ban-forget lowered, the records go" wait_for 30 records_gone
echo "# ban_entries $(sgstat server ban_entries), bans_active $(sgstat server bans_active)"
n server $CTL ban add $G for 1
check "... so a source's next ban is its 1st" wait_for 30 grep -q "^ban $G/32 for 1 s (ban 1)" /tmp/gc.log
expired_n() { [ "$(grep -c "^expired $G/32\$" /tmp/gc.log)" -ge "$1" ]; }
check "GC: a 1 s ban runs out, told" wait_for 30 expired_n 2
check "... and its record goes 1 s after" wait_for 30 records_gone
kill $gcpid 2>/dev/null
wait $gcpid 2>/dev/null

done_testing
