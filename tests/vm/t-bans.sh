#!/bin/bash
# A banned source's packets, and each change to its ban reaching the very
# next packet. Each CPU keeps a memo of the last source it found banned
# (bantable.c), so these are the cases where a stale memo would drop a
# packet the table lets through: a ban shortened, lifted, run out or
# flushed; two banned sources in turn; an unbanned source after a banned
# one; IPv6 alike. Another source's ban stays in force throughout: with
# none, the hook does not look (bans in force: 0) and a memo would not be
# tested.
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

done_testing
