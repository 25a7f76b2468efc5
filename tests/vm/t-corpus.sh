#!/bin/bash
# The module judges every corpus message exactly as the userspace build of
# the same core (sipguardctl inspect) does, sent over UDP through the hook
# (messages over the MTU are fragmented and reassembled on the way).
. "$(dirname "$0")/lib.sh"

corpus=$SG_CORPUS
ctl=$SG_REPO/tools/sipguardctl/sipguardctl
[ -d "$corpus" ] || { not_ok "corpus at $corpus"; done_testing; exit; }

netns_add client server
link client 192.0.2.1/24 2001:db8::1/64 server 192.0.2.2/24 2001:db8::2/64
# this test is about content: lift the per-source limits and bans out of the way
modprobe sipguard ban_threshold=1000000 rates=register=1000000/1000000,invite=1000000/1000000,options=1000000/1000000,other=1000000/1000000
bg n server $SGNET udp-serve 5060 /tmp/udp.log
wait_listen server udp 5060
pid=${_sg_pids[-1]}

for dir in valid invalid attack; do
	files=("$corpus/$dir"/*)
	# userspace verdicts: "FILE: accept" / "FILE: drop REASON ..."
	"$ctl" inspect "${files[@]}" | sed -E 's/^(.*): (accept|drop [a-z]+).*/\1 \2/' | sort > /tmp/want.$dir
	n client $SGNET udp-judge 192.0.2.2 5060 "$pid" "${files[@]}" | sort > /tmp/got.$dir
	if diff /tmp/want.$dir /tmp/got.$dir > /tmp/diff.$dir; then
		ok "$dir/: the kernel agrees with sipguardctl inspect on all ${#files[@]} messages"
	else
		not_ok "$dir/: the kernel and sipguardctl inspect disagree"
		sed 's/^/# /' /tmp/diff.$dir | head -n 20
	fi
	echo "# $dir: $(grep -c ' accept$' /tmp/got.$dir) accepted, $(grep -c ' drop ' /tmp/got.$dir) dropped, $(grep -c ' none$' /tmp/got.$dir) unseen"
done
# all but RFC 4475's dblreq, a second request smuggled after the first (README)
check_eq "every valid/ message accepted in the kernel but dblreq (smuggled)" \
	"$(grep -v ' accept$' /tmp/got.valid | sed "s|^$corpus/||")" "valid/rfc4475_3.1.1.8_dblreq.sip drop malformed"
check_eq "no kernel counter missed a message" "$(cat /tmp/got.* | grep -c ' none$')" 0
for reason in scanner injection malformed; do
	check_ge "attack/: drops for $reason" "$(grep -c " drop $reason\$" /tmp/got.attack)" 1
done
done_testing
