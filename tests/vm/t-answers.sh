#!/bin/bash
# vm-timeout: 1200
# Offences read from the server's answers, against Debian's Kamailio as a
# digest registrar (extensions 1000-1002 among others, 404 for unknown
# users), with sipguard's defaults and no help from the scanner
# signatures (a phone's User-Agent, or the patterns flushed). The guesser
# (sgnet.py guess) registers as a phone does, with the digest of each
# password:
#  1. slow password guessing, 3 guesses a second, the right password at
#     guess 120: banned within 10 failed guesses, the password not found;
#  2. svcrack at its own pace: the same;
#  3. slow enumeration, REGISTERs to 900-1049 at 3/s: at most 1 of the 3
#     extensions found;
#  4. guessing over TCP: the answers follow the connection;
#  5. a trusted client with a wrong password: never banned; a Via naming
#     a victim gets the answers counted against the sender, not the victim;
#  6. a phone whose nonce went stale is no failure.
. "$(dirname "$0")/lib.sh"

kdir=$SG_REPO/tests/vm/kamailio
CTL=$SG_REPO/tools/sipguardctl/sipguardctl
lab
kamailio_start
modprobe sipguard allow=192.0.2.0/24
# Lines of the Kamailio log from now on: mark, then since.
mark() { lines /tmp/kamailio.log; }
since() { tail -n +"$(( $1 + 1 ))" /tmp/kamailio.log; }
# reached MARK USER: credentialed REGISTERs from the attacker for USER
# that reached Kamailio since MARK (each a guess it judged)
reached() { since "$1" | grep -c "sgcred 203.0.113.66 REGISTER $2\$"; }
cracked() { since "$1" | grep -c "sgauth 203.0.113.66 $2\$"; }
bans_for() { dmesg | grep -c "sipguard: ban 203.0.113.66 for [0-9]* s (ban [0-9]*), after $1"; }

# 150 passwords, the right one ("sipguard-test") at 120
seq 150 | sed 's/^/guess/; 120s/.*/sipguard-test/' > /tmp/passwords.txt

# 1. Slow guessing: 3 a second, as a phone registers.
m=$(mark)
before=$(sgstat server auth_failures)
n attacker $SGNET guess 203.0.113.1 5060 1001 /tmp/passwords.txt --rate 3 > /tmp/guess.out
fails=$(( $(sgstat server auth_failures) - before ))
echo "# slow guessing: $(reached "$m" 1001) guesses reached Kamailio, $fails counted as failures; $(tail -n 1 /tmp/guess.out)"
check_eq "slow guessing: the password of 1001 was not found (Kamailio)" "$(cracked "$m" 1001)" 0
check_eq "slow guessing: ... nor by the guesser" "$(grep -c '^found' /tmp/guess.out)" 0
check "slow guessing: banned for 60 s after authentication failures" \
	bash -c "dmesg | grep -q 'sipguard: ban 203.0.113.66 for 60 s (ban 1), after authentication failures'"
check_le "slow guessing: at most 10 guesses reached Kamailio" "$(reached "$m" 1001)" 10
check_eq "slow guessing: the ban came at the 5th failure (auth-threshold)" "$fails" 5
check_ge "slow guessing: the rest were dropped as banned" "$(sgstat server drop_banned)" 100
check_eq "slow guessing: no drop for anything else (no help from other checks)" \
	"$(( $(sgstat server drop_malformed) + $(sgstat server drop_scanner) + $(sgstat server drop_rate) ))" 0

# 2. svcrack at its own pace, with the scanner signatures flushed (in the
#    attacker's netns too, where sipguard reads the answers svcrack gets)
#    so that only the answers stand in its way.
n server $CTL ban flush
n server $CTL pattern flush
n attacker $CTL pattern flush
m=$(mark)
before=$(sgstat server auth_failures)
n attacker timeout 120 svcrack -u 1002 -d /tmp/passwords.txt -t 2 203.0.113.1 > /tmp/svcrack.out 2>&1
fails=$(( $(sgstat server auth_failures) - before ))
echo "# svcrack: $(reached "$m" 1002) guesses reached Kamailio, $fails counted as failures"
check_eq "svcrack: the password of 1002 was not found (Kamailio)" "$(cracked "$m" 1002)" 0
check_eq "svcrack: ... nor reported by svcrack" "$(grep -c 'sipguard-test' /tmp/svcrack.out)" 0
check "svcrack: banned after authentication failures, twice as long (ban 2)" \
	bash -c "dmesg | grep -q 'sipguard: ban 203.0.113.66 for 120 s (ban 2), after authentication failures'"
check_le "svcrack: at most 10 guesses reached Kamailio" "$(reached "$m" 1002)" 10

# 3. Slow enumeration: REGISTERs to 900-1049 at 3/s; 1000-1002 exist.
n server $CTL ban flush
{ echo SEQUENTIAL; seq 900 1049; } > /tmp/exts.csv
m=$(mark)
before=$(sgstat server unknown_targets)
n attacker sipp -sf "$kdir/enum.xml" 203.0.113.1:5060 -i 203.0.113.66 -p 5082 \
	-inf /tmp/exts.csv -m 150 -r 3 -recv_timeout 3000 -timeout 120 -nostdin \
	> /tmp/enum.out 2>&1
found=$(since "$m" | grep -oE "sgreq 203.0.113.66 REGISTER 100[0-2]\$" | sort -u | wc -l)
unknown=$(( $(sgstat server unknown_targets) - before ))
echo "# enumeration: $(since "$m" | grep -c 'sgreq 203.0.113.66 REGISTER') REGISTERs reached Kamailio, $found of the 3 extensions among them, $unknown 404s counted"
check_le "enumeration: at most 1 extension found" "$found" 1
check_eq "enumeration: the ban came at the 10th unknown target (unknown-threshold)" "$unknown" 10
check_eq "enumeration: banned after unknown targets" "$(bans_for 'unknown targets')" 1

# 4. Over TCP: the answers are read from the connection's segments.
n server $CTL ban flush
m=$(mark)
before=$(sgstat server auth_failures)
auth_bans=$(bans_for 'authentication failures')
n attacker $SGNET guess 203.0.113.1 5060 1000 /tmp/passwords.txt --rate 3 --transport tcp \
	> /tmp/guess-tcp.out
fails=$(( $(sgstat server auth_failures) - before ))
echo "# over TCP: $(reached "$m" 1000) guesses reached Kamailio, $fails counted; $(tail -n 1 /tmp/guess-tcp.out)"
check_eq "TCP: the password of 1000 was not found" "$(cracked "$m" 1000)" 0
check_eq "TCP: the ban came at the 5th failure" "$fails" 5
check_le "TCP: at most 10 guesses reached Kamailio" "$(reached "$m" 1000)" 10
check_eq "TCP: banned after authentication failures" "$(bans_for 'authentication failures')" \
	$((auth_bans + 1))

# 5. A trusted client (allow set) with wrong passwords, 20 of them:
#    counted nowhere, never banned.
m=$(mark)
before=$(sgstat server auth_failures)
bans=$(sgstat server bans)
seq 20 | sed 's/^/wrong/' > /tmp/wrong.txt
# (each answer waited for, up to 5 s: a loaded guest's Kamailio can take
# longer than a guess's 0.2 s slot, and a challenge missed is a guess lost)
n trusted $SGNET guess 192.0.2.1 5060 alice /tmp/wrong.txt --rate 5 --timeout 5 > /tmp/guess-trusted.out
creds() { since "$m" | grep -c 'sgcred 192.0.2.10 REGISTER alice$'; }
_creds20() { [ "$(creds)" -ge 20 ]; }
wait_for 10 _creds20
check_eq "trusted: 20 wrong passwords all answered by Kamailio" "$(creds)" 20
check_eq "trusted: no failure counted" "$(sgstat server auth_failures)" "$before"
check_eq "trusted: no ban" "$(sgstat server bans)" "$bans"

# 5b. Answers go with the requests that earned them: REGISTERs to unknown
#     users whose Via names the victim (with maddr, RFC 3261 18.2.2) are
#     answered to the sender all the same (Kamailio replies to the
#     received address), and the 404s count against the sender, never the
#     victim. (An answer that does go elsewhere counts for nobody: the
#     answer vectors of the unit and KUnit tests.)
n server $CTL ban flush
bg n victim $SGNET udp-serve 5060 /tmp/victim.log --quiet
wait_listen victim udp 5060
before=$(sgstat server unknown_targets)
banned=$(sgstat server drop_banned)
# in lock step: each request's 404 counted (the first 10) or the request
# dropped as banned (the rest) before the next is sent, so that the count
# is exact however far behind Kamailio is
for k in $(seq 15); do
	i=$((899 + k))
	printf 'REGISTER sip:203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP 198.51.100.9:5060;maddr=198.51.100.9;branch=z9hG4bK-m%s\r\nMax-Forwards: 70\r\nFrom: <sip:%s@203.0.113.1>;tag=m%s\r\nTo: <sip:%s@203.0.113.1>\r\nCall-ID: m%s@198.51.100.9\r\nCSeq: 1 REGISTER\r\nContact: <sip:%s@198.51.100.9>\r\nContent-Length: 0\r\n\r\n' \
		"$i" "$i" "$i" "$i" "$i" "$i" > /tmp/maddr.sip
	n attacker $SGNET udp-send 203.0.113.1 5060 --payload /tmp/maddr.sip
	if [ $k -le 10 ]; then
		wait_for 30 stat_ge server unknown_targets $((before + k))
	else
		wait_for 30 stat_ge server drop_banned $((banned + k - 10))
	fi
done
sleep 1
echo "# Via naming the victim: the victim received $(lines /tmp/victim.log) answers; unknown_targets +$(( $(sgstat server unknown_targets) - before ))"
check_eq "Via naming the victim: the answers went to the sender, none to the victim" \
	"$(lines /tmp/victim.log)" 0
check_eq "... and counted against the sender (banned at the 10th)" \
	"$(( $(sgstat server unknown_targets) - before ))" 10
check "... never against the victim" bash -c "! dmesg | grep -q 'sipguard: ban 198.51.100.9'"

# 6. A stale nonce is no failure (RFC 7616 3.3): an answer with stale=true
#    to credentials, from a stand-in registrar on another port.
before=$(sgstat server auth_failures)
bg n server $SGNET udp-serve 5070 /tmp/stale.log --answer \
	'SIP/2.0 401 Unauthorized\r\nCall-ID: s1\r\nCSeq: 2 REGISTER\r\nTo: <sip:1001@203.0.113.1>;tag=1\r\nWWW-Authenticate: Digest realm="x", nonce="n2", stale=true\r\nContent-Length: 0\r\n\r\n'
wait_listen server udp 5070
n server $CTL config set ports 5060,5070
printf 'REGISTER sip:203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.66:5090;branch=z9hG4bK-s1\r\nFrom: <sip:1001@203.0.113.1>;tag=s\r\nTo: <sip:1001@203.0.113.1>\r\nCall-ID: s1\r\nCSeq: 2 REGISTER\r\nMax-Forwards: 70\r\nAuthorization: Digest username="1001", realm="x", nonce="n1", uri="sip:203.0.113.1", response="00"\r\nContent-Length: 0\r\n\r\n' > /tmp/stale.sip
n server $CTL ban flush
for i in 1 2 3 4 5 6; do
	sed "s/z9hG4bK-s1/z9hG4bK-s1$i/; s/response=\"00\"/response=\"0$i\"/" /tmp/stale.sip > /tmp/stale-$i.sip
	n attacker $SGNET udp-send 203.0.113.1 5070 --payload /tmp/stale-$i.sip
done
wait_lines 10 /tmp/stale.log 6
check_eq "stale: 6 answers with stale=true to credentials, none a failure" \
	"$(sgstat server auth_failures)" "$before"
# the control: the same exchange without stale=true counts, and bans
bg n server $SGNET udp-serve 5071 /tmp/nostale.log --answer \
	'SIP/2.0 401 Unauthorized\r\nCall-ID: s1\r\nCSeq: 2 REGISTER\r\nTo: <sip:1001@203.0.113.1>;tag=1\r\nWWW-Authenticate: Digest realm="x", nonce="n2"\r\nContent-Length: 0\r\n\r\n'
wait_listen server udp 5071
n server $CTL config set ports 5060,5070-5071
for i in 1 2 3 4 5 6; do
	n attacker $SGNET udp-send 203.0.113.1 5071 --payload /tmp/stale-$i.sip
done
wait_lines 10 /tmp/nostale.log 5
sleep 0.5
check_eq "stale: the control, without stale=true, counts 5 failures" \
	"$(( $(sgstat server auth_failures) - before ))" 5
check_eq "stale: ... and its 6th request is dropped as banned" "$(lines /tmp/nostale.log)" 5
done_testing
