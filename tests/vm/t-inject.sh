#!/bin/bash
# Injection in the kernel: every value of the attack corpus, in a message
# sent over UDP, is dropped with reason injection (as sipguardctl inspect
# says); every message of the legit corpus (4 250) passes; the field
# report's INVITE as captured is dropped as an injection.
. "$(dirname "$0")/lib.sh"

ctl=$SG_REPO/tools/sipguardctl/sipguardctl
corpus=$SG_REPO/tests/corpus
netns_add client server
link client 192.0.2.1/24 2001:db8::1/64 server 192.0.2.2/24 2001:db8::2/64
# this test is about content: lift the per-source limits and bans out of the way
lift=register=1000000/1000000,invite=1000000/1000000,options=1000000/1000000,other=1000000/1000000
modprobe sipguard ban_threshold=1000000 rates=$lift global_rates=$lift
bg n server $SGNET udp-serve 5060 /tmp/udp.log --quiet
wait_listen server udp 5060
pid=${_sg_pids[-1]}

W=/tmp/t-inject
rm -rf $W && mkdir -p $W
python3 "$SG_REPO/tests/vm/corpus_msgs.py" "$corpus/inject/attacks.tsv" $W/attacks > /dev/null
python3 "$corpus/legit/gen.py" "$corpus/legit/values.tsv" $W/legit > /dev/null
cp "$corpus/inject/field-report-invite.sip" $W/field-report.sip

# attacks, one by one: which counter moved
files=($W/attacks/*.sip $W/field-report.sip)
n client $SGNET udp-judge 192.0.2.2 5060 "$pid" "${files[@]}" > $W/got
check_eq "every attack of the corpus and the field report dropped as injection (${#files[@]})" \
	"$(grep -vc ' drop injection$' $W/got)" 0
grep -v ' drop injection$' $W/got | head -n 10 | sed 's/^/# /'
"$ctl" inspect "${files[@]}" | sed -E 's/^(.*): (accept|drop [a-z]+).*/\1 \2/' > $W/want
check "... as sipguardctl inspect judges them" diff -q $W/want $W/got

# the legit corpus, paced: nothing dropped, every message counted
legit=($W/legit/*.sip)
before_acc=$(sgstat server accepted)
drops_before=$(n server cat /proc/net/sipguard/stats | awk '/^drop_/ { s += $2 } END { print s }')
n client python3 - "${legit[@]}" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i, path in enumerate(sys.argv[1:]):
    s.sendto(open(path, "rb").read(), ("192.0.2.2", 5060))
    if i % 20 == 19:
        time.sleep(0.002)
PY
accepted_ge() { [ "$(sgstat server accepted)" -ge "$1" ]; }
wait_for 30 accepted_ge $((before_acc + ${#legit[@]}))
check_eq "every legit message accepted (${#legit[@]})" "$(sgstat server accepted)" $((before_acc + ${#legit[@]}))
check_eq "... and no drop for any reason" \
	"$(n server cat /proc/net/sipguard/stats | awk '/^drop_/ { s += $2 } END { print s }')" "$drops_before"
done_testing
