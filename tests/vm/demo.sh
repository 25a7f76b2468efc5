#!/bin/bash
# make demo, inside the guest: real attack tools against a real SIP server,
# without and with sipguard, and one before/after table (tests/vm/lab.sh).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lab.sh"

LAB_EXTS=100-120 LAB_FLOOD=1500 LAB_CALLS=10
lab_start

echo "Round 1: Kamailio on its own (the ESTABLISHED-first firewall would not help: the flows are new)"
lab_round without
echo "Round 2: modprobe sipguard; in the server's network namespace (a container's),"
echo "         sipguardctl config set enabled on; default policy, the office range 192.0.2.0/24 trusted"
# all_netns=0, the module's default, over the lab's all_netns=1: the
# server's netns is enabled by its own admin, as in a container
modprobe sipguard all_netns=0
n server "$SG_REPO/tools/sipguardctl/sipguardctl" config set enabled on
n server "$SG_REPO/tools/sipguardctl/sipguardctl" allow add 192.0.2.0/24 comment "the office"
lab_monitor_start
lab_round with
lab_monitor_stop

row() { printf '%-56s %9s %14s  %s\n' "$1" "$2" "$3" "${4:-}"; }
wrong=0
better() {	# LABEL WITHOUT WITH: with must be lower
	local mark=""
	[ "$3" -lt "$2" ] || { mark="WRONG WAY"; wrong=1; }
	row "$1" "$2" "$3" "$mark"
}
same() {	# LABEL WITHOUT WITH WANT: with must equal want
	local mark=""
	[ "$3" = "$4" ] || { mark="WRONG WAY"; wrong=1; }
	row "$1" "$2" "$3" "$mark"
}
r() { cat "/tmp/r-$1.$2"; }
echo
row "" "without" "with sipguard"
better "SIP servers found by svmap" "$(r without servers)" "$(r with servers)"
better "extensions found by svwar ($LAB_EXTS)" "$(r without exts)" "$(r with exts)"
better "passwords found by svcrack (user 103)" "$(r without cracked)" "$(r with cracked)"
better "injection INVITEs that reached Kamailio (of 1)" "$(r without inject)" "$(r with inject)"
better "REGISTERs of a sipp flood that reached Kamailio (of $LAB_FLOOD)" "$(r without flood)" "$(r with flood)"
better "401s reflected to the spoofed victim (of $LAB_FLOOD)" "$(r without 401)" "$(r with 401)"
same "trusted REGISTERs authenticated (of $LAB_CALLS)" "$(r without registered)" "$(r with registered)" "$LAB_CALLS"
same "trusted calls answered (of $LAB_CALLS)" "$(r without calls)" "$(r with calls)" "$LAB_CALLS"
echo
echo "sipguard's counters in the server's netns (sipguardctl stats):"
n server "$SG_REPO/tools/sipguardctl/sipguardctl" stats |
	grep -E '^(sip_packets|requests|accepted|trusted|bans|drop_[a-z]+) [1-9]' | sed 's/^/  /'
echo
echo "sipguardctl monitor, the first line of each kind:"
lab_monitor_sample | sed 's/^/  /'
echo
if [ $wrong -eq 0 ]; then
	echo "RESULT: every row went sipguard's way."
else
	echo "RESULT: WRONG WAY: some row above did not go sipguard's way."
	exit 1
fi
