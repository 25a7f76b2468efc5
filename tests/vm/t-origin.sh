#!/bin/bash
# Who may send what, against Kamailio:
#  1. per-method source policy: REGISTER only from the office (192.0.2.0/24)
#     and the SBC (198.51.100.9); a REGISTER from elsewhere is dropped as
#     "origin" (not an offence: no ban however many), an INVITE from
#     anywhere is still answered; "save" round-trips the policy;
#  2. trusted means never limited nor banned, not unchecked: an injection
#     INVITE spoofed from an allow-set address is dropped, and the address
#     is not banned; with trusted-checks off (the opt-out) it passes.
. "$(dirname "$0")/lib.sh"

CTL=$SG_REPO/tools/sipguardctl/sipguardctl
lab
n attacker ip route add 192.0.2.0/24 via 203.0.113.1
kamailio_start
modprobe sipguard allow=192.0.2.10
req() {	# METHOD USER FROM-ADDR [EXTRA-HEADER]: one request to Kamailio
	printf '%s sip:%s@203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP %s:5062;branch=z9hG4bK-%s\r\nMax-Forwards: 70\r\nFrom: <sip:%s@203.0.113.1>;tag=o%s\r\nTo: <sip:%s@203.0.113.1>\r\nCall-ID: o%s@%s\r\nCSeq: 1 %s\r\nContact: <sip:%s@%s:5062>\r\n%sContent-Length: 0\r\n\r\n' \
		"$1" "$2" "$3" "$RANDOM$RANDOM" "$2" "$RANDOM" "$2" "$RANDOM$RANDOM" "$3" "$1" "$2" "$3" "${4:-}"
}
reached() { grep -c "sgreq $1 $2 " /tmp/kamailio.log; }
# settle: wait for what the checks after it read to be there (a loaded
# guest's hook and Kamailio can be seconds behind the senders); each
# argument is "SRC METHOD N" (Kamailio logged N) or "NAME N" (a counter)
_settled() {
	local a
	for a in "$@"; do
		set -- $a
		if [ $# -eq 3 ]; then [ "$(reached "$1" "$2")" -ge "$3" ] || return 1
		else stat_ge server "$1" "$2" || return 1; fi
	done
}
settle() { wait_for 15 _settled "$@"; sleep 0.5; }

# 1. REGISTER from the office and the SBC only.
n server $CTL method register from add 192.0.2.0/24 comment office
n server $CTL method register from add 198.51.100.9 comment sbc
check "method show lists the class's sources" \
	bash -c "ip netns exec server $CTL method register | grep -qx 'register from 192.0.2.0/24 comment office'"
check_eq "method show: invite from any" "$(n server $CTL method invite)" "invite from any"
for i in $(seq 30); do
	req REGISTER 100 203.0.113.66 > /tmp/reg-$i.sip
	n attacker $SGNET udp-send 203.0.113.1 5060 --payload /tmp/reg-$i.sip
done
req INVITE 100 203.0.113.66 > /tmp/inv.sip
n attacker $SGNET udp-send 203.0.113.1 5060 --payload /tmp/inv.sip
req REGISTER 100 198.51.100.9 > /tmp/sbc.sip
n victim $SGNET udp-send 198.51.100.1 5060 --sport 5062 --payload /tmp/sbc.sip
req REGISTER 100 192.0.2.10 > /tmp/office.sip
n trusted $SGNET udp-send 192.0.2.1 5060 --sport 5062 --payload /tmp/office.sip
settle "drop_origin 30" "203.0.113.66 INVITE 1" "198.51.100.9 REGISTER 1" "192.0.2.10 REGISTER 1"
check_eq "30 REGISTERs from outside: none reached Kamailio" "$(reached 203.0.113.66 REGISTER)" 0
check_eq "... each dropped as origin" "$(sgstat server drop_origin)" 30
check_eq "... and not an offence: no ban" "$(sgstat server bans)" 0
check_eq "an INVITE from the same address was answered" "$(reached 203.0.113.66 INVITE)" 1
check_eq "a REGISTER from the SBC reached Kamailio" "$(reached 198.51.100.9 REGISTER)" 1
check_eq "a REGISTER from the office (trusted) reached Kamailio" "$(reached 192.0.2.10 REGISTER)" 1
check "dmesg says why" bash -c "dmesg | grep -q 'sipguard: drop 203.0.113.66 origin REGISTER not-from-this-source'"
n server $CTL save > /tmp/policy.batch
check "save writes the class's sources" grep -qx 'method register from add 198.51.100.9/32 comment sbc' /tmp/policy.batch
check "... after a 'from any' that replaces the set" grep -qx 'method register from any' /tmp/policy.batch
n server $CTL method register from any
check_eq "from any: the set is empty again" "$(n server $CTL method register)" "register from any"
n server $CTL -b /tmp/policy.batch
check_eq "the saved policy restores it" "$(n server $CTL method register | wc -l)" 2
n server $CTL method register from any

# 2. An injection INVITE spoofed from the trusted address (the field
#    report's payload in the From display name).
inj='From: "1'"'"' OR '"'"'1'"'"'='"'"'1" <sip:100@203.0.113.1>;tag=x'
printf 'INVITE sip:100@203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-inj\r\nMax-Forwards: 70\r\n%s\r\nTo: <sip:100@203.0.113.1>\r\nCall-ID: inj@192.0.2.10\r\nCSeq: 1 INVITE\r\nContact: <sip:100@192.0.2.10:5062>\r\nContent-Length: 0\r\n\r\n' "$inj" > /tmp/inj.sip
n attacker $SGNET raw-send 203.0.113.1 --src 192.0.2.10 --payload /tmp/inj.sip --count 25
settle "drop_injection 25"
check_eq "spoofed from a trusted address, 25 injection INVITEs: none reached Kamailio" \
	"$(reached 192.0.2.10 INVITE)" 0
check_eq "... each dropped as injection" "$(sgstat server drop_injection)" 25
check_eq "... and the trusted address is not banned" "$(sgstat server bans)" 0
req INVITE 100 192.0.2.10 > /tmp/clean.sip
n trusted $SGNET udp-send 192.0.2.1 5060 --sport 5062 --payload /tmp/clean.sip
settle "192.0.2.10 INVITE 1"
check_eq "the trusted client's own INVITE is answered" "$(reached 192.0.2.10 INVITE)" 1
n server $CTL config set trusted-checks off
n attacker $SGNET raw-send 203.0.113.1 --src 192.0.2.10 --payload /tmp/inj.sip --count 1
settle "192.0.2.10 INVITE 2"
check_eq "with trusted-checks off (the opt-out) it passes" "$(reached 192.0.2.10 INVITE)" 2
done_testing
