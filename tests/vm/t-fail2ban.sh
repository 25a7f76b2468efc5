#!/bin/bash
# vm-timeout: 900
# fail2ban (Debian's 1.0.2) bans through sipguard: a jail on Kamailio's
# authentication failures (dist/fail2ban/filter.d/kamailio-auth.conf) with
# the sipguard action bans a slow password guesser, and its next UDP
# packets are dropped although conntrack holds its flow ESTABLISHED and
# the firewall accepts ESTABLISHED first (the field report's bug, which a
# firewall ban cannot fix). Unban lifts it; the filter for sipguard's own
# kernel log lines finds its bans.
. "$(dirname "$0")/lib.sh"

CTL=$SG_REPO/tools/sipguardctl/sipguardctl
W=/tmp/t-fail2ban
mkdir -p $W/etc $W/run

lab
established_first server
modprobe sipguard
# sipguard counts the failures but does not ban for them here: the ban
# this test watches is fail2ban's
n server $CTL config set auth-threshold 0
kamailio_start

# fail2ban: Debian's configuration, sipguard's action, filters and jails,
# and a jail.local that turns on the Kamailio jail for the test's log
cp -r /etc/fail2ban/. $W/etc/
cp -r "$SG_REPO"/dist/fail2ban/. $W/etc/
cat > $W/etc/fail2ban.local <<EOF
[Definition]
socket = $W/run/fail2ban.sock
pidfile = $W/run/fail2ban.pid
dbfile = :memory:
logtarget = $W/fail2ban.log
EOF
cat > $W/etc/jail.local <<EOF
[sshd]
enabled = false

[kamailio-auth]
enabled = true
logpath = /tmp/kamailio.log
backend = polling
# Kamailio on stderr writes no dates: a line counts when it is read
datepattern = {NONE}
maxretry = 3
bantime = 120
action = sipguard[sipguardctl="$CTL"]
EOF
f2b() { fail2ban-client -c $W/etc "$@"; }
bg n server fail2ban-server -c $W/etc -f -x
wait_for 60 sh -c "fail2ban-client -c $W/etc ping 2>/dev/null | grep -q pong"
check "fail2ban-server runs, in the server's netns" test $? -eq 0
check "... with the Kamailio jail" bash -c "fail2ban-client -c $W/etc status kamailio-auth | grep -q 'Currently banned'"

# the guesser: one UDP flow (one socket), 1 guess a second, wrong passwords
seq 90 | sed 's/^/wrong/' > $W/passwords
reqs() { grep -c "sgreq 203.0.113.66 " /tmp/kamailio.log; }
bg n attacker $SGNET guess 203.0.113.1 5060 1001 $W/passwords --rate 1
guesser=${_sg_pids[-1]}
wait_for 90 sh -c "ip netns exec server $CTL deny show | grep -q '^203.0.113.66'"
check "fail2ban banned the guesser through sipguard's deny set" test $? -eq 0
check "... with its name and an expiry" bash -c \
	"ip netns exec server $CTL deny show | grep -Eq '^203\\.0\\.113\\.66/32 expires (1[01][0-9]|120) comment \"fail2ban kamailio-auth\"'"
fails=$(grep -c "Auth error for 1001@.* from 203.0.113.66 cause -2" /tmp/kamailio.log)
check_ge "... after its 3 wrong passwords" "$fails" 3
check "conntrack holds the guesser's flow, replied (ESTABLISHED for the firewall)" bash -c \
	"ip netns exec server conntrack -L -p udp --src 203.0.113.66 --dport 5060 2>/dev/null | grep -v UNREPLIED | grep -q 5060"
before=$(reqs)
deny_before=$(sgstat server drop_deny)
sleep 3
wait_for 15 stat_ge server drop_deny $((deny_before + 3))
check_eq "the guesses after the ban never reach Kamailio" "$(reqs)" "$before"
check_ge "... dropped by the deny set" "$(sgstat server drop_deny)" $((deny_before + 3))
check "... while the conntrack entry is still there" bash -c \
	"ip netns exec server conntrack -L -p udp --src 203.0.113.66 --dport 5060 2>/dev/null | grep -q 5060"
echo "# $fails wrong passwords logged by Kamailio, $(sgstat server drop_deny) guesses dropped since"

# The guesser paused over the unban: guesses that reached Kamailio before
# the ban but were read after it may have left failures pending in the
# jail, and the first guess after the unban would then ban it again, as it
# should; so its first guess comes after the check.
kill -STOP "$guesser"
f2b set kamailio-auth unbanip 203.0.113.66 > /dev/null
! ip netns exec server $CTL deny show | grep -q '^203.0.113.66'; rc=$?
check "unban: the deny entry is gone" test $rc -eq 0
[ $rc -eq 0 ] || { ip netns exec server $CTL deny show; tail -n 20 $W/fail2ban.log; } 2>&1 | sed 's/^/# /'
kill -CONT "$guesser"
wait_for 10 sh -c "[ \$(grep -c 'sgreq 203.0.113.66 ' /tmp/kamailio.log) -gt $before ]"
check "... and the guesser reaches Kamailio again" test $? -eq 0
kill "$guesser" 2>/dev/null

# a ban whose entry expired before fail2ban's unban (both count bantime):
# the unban is no error
f2b set kamailio-auth banip 203.0.113.77 > /dev/null
wait_for 10 sh -c "ip netns exec server $CTL deny show | grep -q '^203.0.113.77'"; rc=$?
check "banip: in the deny set" test $rc -eq 0
[ $rc -eq 0 ] || { f2b status kamailio-auth; tail -n 20 $W/fail2ban.log; } 2>&1 | sed 's/^/# /'
n server $CTL deny del 203.0.113.77
f2b set kamailio-auth unbanip 203.0.113.77 > /dev/null
sleep 1
check "an unban of an entry already gone: fail2ban logs no error" bash -c "! grep -E 'ERROR|Error' $W/fail2ban.log"
grep -E 'ERROR|Error' $W/fail2ban.log | head -n 5 | sed 's/^/# /'
f2b stop > /dev/null 2>&1

# sipguard's own log lines: a scanner banned by sipguard, found by the filter
printf 'OPTIONS sip:100@203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP 198.51.100.9;branch=z9hG4bK-x\r\nFrom: "sipvicious"<sip:100@1.1.1.1>;tag=1\r\nTo: <sip:100@203.0.113.1>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n' > $W/scan.sip
n victim $SGNET udp-send 203.0.113.1 5060 --payload $W/scan.sip --count 25
# the ban's line, once the hook has taken the probes (a loaded guest)
wait_for 10 sh -c "dmesg | grep -q 'sipguard: ban 198.51.100.9'"
dmesg -T > $W/kernel.log
fail2ban-regex $W/kernel.log "$SG_REPO/dist/fail2ban/filter.d/sipguard.conf" > $W/regex.out 2>&1
check "the sipguard filter finds sipguard's ban of the scanner in the kernel log" \
	grep -Eq "^Lines: .* [1-9][0-9]* matched" $W/regex.out
grep -Eq "^Lines: .* [1-9][0-9]* matched" $W/regex.out || sed 's/^/# /' $W/regex.out | tail -n 15

done_testing
