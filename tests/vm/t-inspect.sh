#!/bin/bash
# The field's cases, in the kernel:
#  - an INVITE carrying SQL injection in From and Contact, on a flow that
#    conntrack holds as ESTABLISHED behind an ESTABLISHED-first ruleset, is
#    dropped (UDP and TCP), while a clean message on the same flow passes;
#  - a scanner User-Agent placed in the second IP fragment is dropped
#    (IPv4 and IPv6);
#  - the same verdicts on payloads in a page fragment (a TX ring's skbs).
. "$(dirname "$0")/lib.sh"

corpus=$SG_REPO/tests/corpus
netns_add attacker server
link attacker 203.0.113.66/24 2001:db8:66::66/64 server 203.0.113.1/24 2001:db8:66::1/64 1280

established_first server
# the UDP flow must outlive the test: its drops never refresh the entry
# (sipguard drops before conntrack), and conntrack's 120 s for a replied
# flow ran out once in a run beside three other guests
n server sysctl -qw net.netfilter.nf_conntrack_udp_timeout=3600 \
	net.netfilter.nf_conntrack_udp_timeout_stream=3600
modprobe sipguard
bg n server $SGNET udp-serve 5060 /tmp/udp.log
bg n server $SGNET udp-serve 5060 /tmp/udp6.log --family 6
bg n server $SGNET tcp-serve 5060 /tmp/tcp.log
wait_listen server udp 5060
wait_listen server tcp 5060

# UDP: the flow is established by a clean OPTIONS, then the port closes.
check "a clean OPTIONS (\"Tim O'Reilly\") passes and is answered" \
	n attacker $SGNET udp-send 203.0.113.1 5060 --sport 40000 --payload "$corpus/options-clean.sip" --reply
mkfifo /tmp/tcp.in
bg bash -c "ip netns exec attacker $SGNET tcp-client 203.0.113.1 5060 --sport 40001 < /tmp/tcp.in"
exec 3> /tmp/tcp.in
printf 'OPTIONS sip:100@203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/TCP 203.0.113.66:40001;branch=z9hG4bK-t1\r\nFrom: <sip:tim@203.0.113.66>;tag=1\r\nTo: <sip:100@203.0.113.1>\r\nCall-ID: t1@x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n' >&3
wait_lines 60 /tmp/tcp.log 1
check "conntrack holds the UDP flow as replied" bash -c "ip netns exec server conntrack -L -p udp --dport 5060 2>/dev/null | grep sport=40000 | grep -vq UNREPLIED"
check "conntrack holds the TCP flow ESTABLISHED" bash -c "ip netns exec server conntrack -L -p tcp --dport 5060 2>/dev/null | grep -q ESTABLISHED"
n server iptables -D INPUT -p udp --dport 5060 -j ACCEPT
n server iptables -D INPUT -p tcp --dport 5060 -j ACCEPT

udp_before=$(lines /tmp/udp.log)
n attacker $SGNET udp-send 203.0.113.1 5060 --sport 40000 --payload "$corpus/injection-invite.sip" --count 3
# TCP: the same INVITE, one segment (payload rewritten for TCP's Via)
sed 's|SIP/2.0/UDP 203.0.113.66:40000|SIP/2.0/TCP 203.0.113.66:40001|' "$corpus/injection-invite.sip" | tr -d '\n' | sed 's/\r/\r\n/g' > /tmp/inj-tcp.sip
cat /tmp/inj-tcp.sip >&3
sleep 2
wait_for 10 stat_ge server drop_injection 4
check_eq "UDP injection INVITEs on the ESTABLISHED flow never reached the server" "$(lines /tmp/udp.log)" "$udp_before"
check_eq "the TCP injection INVITE never reached the server" "$(lines /tmp/tcp.log)" 1
check_ge "drop_injection counted them (UDP 3 + TCP with retransmissions)" "$(sgstat server drop_injection)" 4
exec 3>&-

# A scanner over TCP, on a fresh connection: dropped, the server sees nothing.
# (The client exits once it has written; the timeout only guards a hang: 5 s
# killed it before it connected in a guest beside two fuzzers, and nothing
# was sent to be counted.)
scan_before=$(sgstat server drop_scanner)
n server iptables -I INPUT -p tcp --dport 5060 -j ACCEPT
tcp_before=$(lines /tmp/tcp.log)
printf 'OPTIONS sip:100@203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/TCP 203.0.113.66:40002;branch=z9hG4bK-s1\r\nFrom: "sipvicious"<sip:100@1.1.1.1>;tag=1\r\nTo: <sip:100@203.0.113.1>\r\nCall-ID: s1@x\r\nCSeq: 1 OPTIONS\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n' |
	timeout 60 ip netns exec attacker $SGNET tcp-client 203.0.113.1 5060 --sport 40002
sleep 1
wait_for 10 stat_ge server drop_scanner $((scan_before + 1))
check_eq "a scanner OPTIONS over TCP never reached the server" "$(lines /tmp/tcp.log)" "$tcp_before"
check_ge "and was counted as scanner" "$(sgstat server drop_scanner)" $((scan_before + 1))
n server iptables -D INPUT -p tcp --dport 5060 -j ACCEPT

# The TCP connections above end with segments sipguard dropped, which the
# attacker's kernel retransmits for a while after the client is gone: they
# must not reach the reloaded module and be counted again below.
n attacker iptables -A OUTPUT -p tcp --dport 5060 -j DROP

# Control: without sipguard the same INVITE walks in through ESTABLISHED.
modprobe -r sipguard
check "the module unloads" bash -c "! grep -q '^sipguard ' /proc/modules"
n attacker $SGNET udp-send 203.0.113.1 5060 --sport 40000 --payload "$corpus/injection-invite.sip"
wait_lines 30 /tmp/udp.log $((udp_before + 1))
check_eq "without sipguard, the ruleset lets the injection INVITE in" "$(lines /tmp/udp.log)" $((udp_before + 1))
modprobe sipguard

# A scanner signature in the second fragment (MTU 1280, UA past byte 1500).
n server iptables -I INPUT -p udp --dport 5060 -j ACCEPT
frag4=$(n attacker nstat -az IpFragCreates | awk '/IpFragCreates/ { print $2 }')
# counted from here: the TCP tests above leave nothing in flight that is
# not blocked, but a count from zero would take the reload for granted
scan_before=$(sgstat server drop_scanner)
n attacker $SGNET udp-send 203.0.113.1 5060 --payload "$corpus/scanner-in-second-fragment.sip"
n attacker $SGNET udp-send 2001:db8:66::1 5060 --payload "$corpus/scanner-in-second-fragment.sip"
sleep 1
wait_for 10 stat_ge server drop_scanner $((scan_before + 2))
check_ge "the IPv4 datagram was fragmented" "$(n attacker nstat -az IpFragCreates | awk '/IpFragCreates/ { print $2 }')" $((frag4 + 2))
check_ge "the IPv6 datagram was fragmented" "$(n attacker nstat -az Ip6FragCreates | awk '/Ip6FragCreates/ { print $2 }')" 2
check_eq "both dropped as scanner (IPv4 and IPv6)" "$(($(sgstat server drop_scanner) - scan_before))" 2
check_eq "neither reached the IPv6 socket" "$(lines /tmp/udp6.log)" 0
check "the drop is logged with source, reason, method and excerpt" \
	bash -c "dmesg | grep -q 'sipguard: drop 203.0.113.66 scanner INVITE pattern .friendly-scanner. in user-agent: \"friendly-scanner\"'"
check "the IPv6 drop is logged with the IPv6 source" bash -c "dmesg | grep -q 'sipguard: drop 2001:db8:66::66 scanner'"

# The payload in a page fragment, not in the skb's linear part: trafgen
# sends from a packet socket's TX ring, whose skbs carry the frame in the
# ring's pages (the IP header is pulled into the linear part, the UDP
# payload stays there), as a NIC that splits headers from data leaves it.
# sipguard reads such a payload in place: the same verdicts.
python3 - "$(n server cat /sys/class/net/veth-attacker/address)" \
	"$(n attacker cat /sys/class/net/veth-server/address)" "$corpus" "$SG_REPO/tests/vm" <<'PY'
import struct, sys
sys.path.insert(0, sys.argv[4])
from sgnet import csum, raw_udp
dmac, smac = (bytes.fromhex(a.replace(":", "")) for a in sys.argv[1:3])
clean = open(sys.argv[3] + "/options-clean.sip", "rb").read()
for name, payload in (("clean", clean),
                      ("scanner", clean.replace(b"Linphone/3.6.1 (belle-sip/1.2.4)", b"friendly-scanner")),
                      ("inject", open(sys.argv[3] + "/injection-invite.sip", "rb").read())):
    pkt = bytearray(raw_udp("203.0.113.66", "203.0.113.1", 40010, 5060, payload))
    struct.pack_into("!H", pkt, 10, csum(bytes(pkt[:20])))
    with open("/tmp/ring-%s.cfg" % name, "w") as f:
        f.write("{ " + ", ".join("0x%02x" % c for c in dmac + smac + b"\x08\x00" + pkt) + " }\n")
PY
udp_before=$(lines /tmp/udp.log)
scan_before=$(sgstat server drop_scanner)
inj_before=$(sgstat server drop_injection)
for c in clean scanner inject; do
	# TX ring: no -t (a gap makes trafgen use sendto()); its temporary
	# file goes where it runs: /tmp, not the read-only tree
	(cd /tmp && n attacker trafgen -o veth-server -i /tmp/ring-$c.cfg -n 1 -P 1 -Q -C) \
		> /tmp/trafgen-$c.log 2>&1 ||
		{ cat /tmp/trafgen-$c.log; not_ok "trafgen sends the $c datagram"; }
done
wait_lines 10 /tmp/udp.log $((udp_before + 1))
wait_for 10 stat_ge server drop_injection $((inj_before + 1))
check_eq "from a TX ring: the clean OPTIONS reached the server, alone" "$(lines /tmp/udp.log)" $((udp_before + 1))
check_eq "from a TX ring: the scanner dropped as one" "$(($(sgstat server drop_scanner) - scan_before))" 1
check_eq "from a TX ring: the injection INVITE dropped as one" "$(($(sgstat server drop_injection) - inj_before))" 1
done_testing
