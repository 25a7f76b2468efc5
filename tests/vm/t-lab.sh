#!/bin/bash
# The attack lab of make demo, shortened: the same real tools must succeed
# against Kamailio on its own (so a broken lab cannot pass) and fail with
# sipguard, while every trusted call completes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lab.sh"

LAB_EXTS=100-105 LAB_FLOOD=600 LAB_CALLS=4
lab_start
lab_round without
modprobe sipguard
n server "$SG_REPO/tools/sipguardctl/sipguardctl" allow add 192.0.2.0/24
lab_monitor_start
t0=$SECONDS
lab_round with
t1=$SECONDS
lab_monitor_stop
r() { cat "/tmp/r-$1.$2"; }

echo "# without: servers $(r without servers), extensions $(r without exts), passwords $(r without cracked), injections $(r without inject), flood $(r without flood), 401s $(r without 401), trusted $(r without registered)/$(r without calls)"
echo "# with:    servers $(r with servers), extensions $(r with exts), passwords $(r with cracked), injections $(r with inject), flood $(r with flood), 401s $(r with 401), trusted $(r with registered)/$(r with calls)"
for x in without with; do echo "# $x: $(r $x losses)"; done
check_ge "without sipguard, svmap finds the server" "$(r without servers)" 1
check_ge "without sipguard, svwar finds extensions" "$(r without exts)" 1
check_eq "without sipguard, svcrack finds 103's password" "$(r without cracked)" 1
check_eq "without sipguard, the injection INVITE reaches Kamailio" "$(r without inject)" 1
check_ge "without sipguard, the sipp flood reaches Kamailio (90%)" "$(r without flood)" $((LAB_FLOOD * 9 / 10))
check_ge "without sipguard, the victim gets the 401s (90%)" "$(r without 401)" $((LAB_FLOOD * 9 / 10))
check_eq "with sipguard, svmap finds nothing" "$(r with servers)" 0
check_eq "with sipguard, svwar finds no extension" "$(r with exts)" 0
check_eq "with sipguard, svcrack finds no password" "$(r with cracked)" 0
check_eq "with sipguard, no injection INVITE reaches Kamailio" "$(r with inject)" 0
# register=10/40 per source: at most the burst and 10/s until the ban
check_le "with sipguard, the sipp flood is cut to the REGISTER limit" "$(r with flood)" 70
# reflect=20/40 per destination, over the whole round at most
check_le "with sipguard, the victim's 401s stay under the reflection limit (40 + 20/s x $((t1 - t0)) s)" \
	"$(r with 401)" $((40 + 20 * (t1 - t0)))
for x in without with; do
	check_eq "$x sipguard, every trusted REGISTER authenticates" "$(r $x registered)" $LAB_CALLS
	check_eq "$x sipguard, every trusted call is answered" "$(r $x calls)" $LAB_CALLS
done
check "sipguardctl monitor showed the attacker's ban" grep -q '^ban 203.0.113.66/32' /tmp/monitor.log
check "... and scanner drops" grep -q '^drop 203.0.113.66 scanner' /tmp/monitor.log
sed 's/^/# monitor: /' <(lab_monitor_sample)
done_testing
