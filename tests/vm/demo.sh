#!/bin/bash
# make demo, inside the guest: the field's ESTABLISHED bypass, without and
# with sipguard, narrated. Grows with each stage of sipguard.
. "$(dirname "$0")/lib.sh"

say() { printf '%s\n' "$*"; }
netns_add attacker server
link attacker 203.0.113.66/24 2001:db8:66::66/64 server 203.0.113.1/24 2001:db8:66::1/64

modprobe nf_conntrack
n server sysctl -qw net.netfilter.nf_conntrack_acct=1
n server iptables -A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
n server iptables -A INPUT -p udp --dport 5060 -j ACCEPT
n server iptables -A INPUT -j DROP
bg n server $SGNET udp-serve 5060 /tmp/sip.log
wait_listen server udp 5060

inject=$SG_REPO/tests/corpus/injection-invite.sip
clean=$SG_REPO/tests/corpus/options-clean.sip

say "1. The attacker talks to the open SIP port; conntrack now holds the flow:"
n attacker $SGNET udp-send 203.0.113.1 5060 --sport 40000 --payload "$clean" --reply
n server conntrack -L -p udp 2>/dev/null | sed 's/^/     /'
say "2. The operator closes 5060 to everyone (the ESTABLISHED rule stays first)."
n server iptables -D INPUT -p udp --dport 5060 -j ACCEPT
say "3. Without sipguard, an INVITE with SQL injection on the same flow:"
before=$(lines /tmp/sip.log)
n attacker $SGNET udp-send 203.0.113.1 5060 --sport 40000 --payload "$inject" --reply
without=$(( $(lines /tmp/sip.log) - before ))
say "     reached the SIP server: $without of 1"
say "4. modprobe sipguard (default policy; the hook runs before conntrack):"
modprobe sipguard
before=$(lines /tmp/sip.log)
n attacker $SGNET udp-send 203.0.113.1 5060 --sport 40000 --payload "$inject" --count 5
sleep 1
with=$(( $(lines /tmp/sip.log) - before ))
say "     reached the SIP server: $with of 5"
say "     /proc/net/sipguard/stats in the server's netns:"
n server grep -E '^(sip_packets|requests|accepted|drop_injection) ' /proc/net/sipguard/stats | sed 's/^/       /'
say "     and its log line:"
dmesg | grep 'sipguard: drop' | tail -n 1 | sed 's/^\[[^]]*\] /       /'

say ""
printf '%-52s %10s %10s\n' "" "without" "with"
printf '%-52s %10s %10s\n' "injection INVITEs on an ESTABLISHED flow reaching" "$without/1" "$with/5"
if [ "$without" -eq 1 ] && [ "$with" -eq 0 ]; then
	say "RESULT: sipguard stopped what the ESTABLISHED rule let through."
else
	say "RESULT: WRONG WAY: the demo did not show the difference it should."
	exit 1
fi
