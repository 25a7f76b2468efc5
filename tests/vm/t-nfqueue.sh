#!/bin/bash
# Behind NFQUEUE: a userspace reader queues SIP before sipguard's hook
# (an nftables chain at priority -375, before sipguard's -350) and accepts
# every packet. nf_reinject() then runs sipguard's hook in the reader's
# process context, with BHs on, where softirq does not: the scanner is
# still dropped and counted, the clean request still reaches the server,
# and the kernel log stays clean. (Debian's kernel has no lockdep to see a
# spinlock taken there with BHs on: make check-debug runs this on the
# debug kernel, where lockdep does.)
. "$(dirname "$0")/lib.sh"

netns_add client server
link client 192.0.2.1/24 2001:db8::1/64 server 192.0.2.2/24 2001:db8::2/64
C=$SG_REPO/tests/corpus

n server nft -f - <<'NFT'
table inet sgqueue {
	chain pre {
		type filter hook prerouting priority -375; policy accept;
		udp dport 5060 counter queue num 0
	}
}
NFT
bg n server python3 "$SG_REPO/tests/vm/nfqueue.py" 0 /tmp/verdicts.log > /tmp/nfqueue.out
check "the NFQUEUE reader is bound" wait_for 60 grep -q bound /tmp/nfqueue.out
bg n server $SGNET udp-serve 5060 /tmp/udp.log --quiet
wait_listen server udp 5060

modprobe sipguard
n client $SGNET udp-send 192.0.2.2 5060 --payload "$C/options-clean.sip"
n client $SGNET udp-send 192.0.2.2 5060 --payload "$C/scanners/et-sipscan-canary-options.sip"
n client $SGNET udp-send 192.0.2.2 5060 --payload "$C/options-clean.sip"
check "both clean requests reach the server through the queue" wait_lines 30 /tmp/udp.log 2
check "the reader gave every datagram its verdict" wait_lines 30 /tmp/verdicts.log 3
check_eq "sipguard judged all three after the verdicts" "$(sgstat server sip_packets)" 3
check_eq "and dropped the scanner" "$(sgstat server drop_scanner)" 1
check_eq "the server got the clean ones only" "$(lines /tmp/udp.log)" 2
# 300 more through the queue, paced for a reader in Python: every one judged
n client $SGNET udp-send 192.0.2.2 5060 --payload "$C/options-clean.sip" --count 300 --interval 0.002
check "300 more judged after their verdicts" wait_for 60 stat_ge server sip_packets 303
check_eq "none of them dropped" "$(sgstat server drop_scanner)" 1
modprobe -r sipguard
check "unloads with the queue in place" test ! -e /proc/net/sipguard
done_testing
