#!/bin/bash
# The field scenario on a real SIP server: Debian's Kamailio as a registrar
# that challenges REGISTER with 401; 300 REGISTER/s spoofed from a victim's
# address for 10 s. Without sipguard the victim receives the 401s (counted
# with tshark in its netns); with sipguard it receives at most the REGISTER
# burst and its address is banned, while a trusted client (sipp) registers
# with digest authentication and places calls throughout.
. "$(dirname "$0")/lib.sh"

kdir=$SG_REPO/tests/vm/kamailio
lab

kamailio_start
check "Kamailio listens in the server netns" grep -q 'udp: 198.51.100.1' /tmp/kamailio.log
bg n victim $SGNET udp-serve 5060 /tmp/victim.log --quiet

# run_round NAME: capture at the victim, flood 10 s, trusted sipp throughout
run_round() {
	local name=$1
	n victim tcpdump -i veth-server -n -w "/tmp/victim-$name.pcap" udp src port 5060 2>/dev/null &
	local dump=$!
	sleep 1
	local auth_before=$(grep -c 'sgauth 192.0.2.10' /tmp/kamailio.log)
	n trusted sipp -sf "$kdir/register.xml" 192.0.2.1:5060 -i 192.0.2.10 -p 5070 -s alice \
		-m 20 -r 2 -timeout 40 -timeout_error > "/tmp/reg-$name.out" 2>&1 &
	local reg=$!
	n trusted sipp -sf "$kdir/invite.xml" 192.0.2.1:5060 -i 192.0.2.10 -p 5072 -s bob \
		-m 20 -r 2 -timeout 40 -timeout_error > "/tmp/inv-$name.out" 2>&1 &
	local inv=$!
	n attacker $SGNET raw-send 203.0.113.1 --src 198.51.100.9 --count 3000 --rate 300
	wait $reg
	echo $? > /tmp/reg-status-$name
	wait $inv
	local inv_status=$?
	echo $(( $(grep -c 'sgauth 192.0.2.10' /tmp/kamailio.log) - auth_before )) > /tmp/auth-$name
	sleep 2
	kill $dump; wait $dump 2>/dev/null
	tshark -r "/tmp/victim-$name.pcap" -Y 'sip.Status-Code == 401' 2>/dev/null | wc -l > /tmp/401-$name
	echo "$inv_status" > /tmp/inv-status-$name
}

run_round without
without=$(cat /tmp/401-without)
echo "# without sipguard: the victim received $without 401s"
check_ge "without sipguard Kamailio reflects the flood at the victim" "$without" 1000

modprobe sipguard allow=192.0.2.0/24
run_round with
with=$(cat /tmp/401-with)
echo "# with sipguard: the victim received $with 401s; drop_rate $(sgstat server drop_rate), drop_banned $(sgstat server drop_banned)"
check_le "with sipguard the victim received at most the REGISTER burst and what 10/s adds before the ban" "$with" 60
check "the victim's address was banned" bash -c "dmesg | grep -q 'sipguard: ban 198.51.100.9'"
check_eq "every trusted INVITE was answered (sipp exit status)" "$(cat /tmp/inv-status-with)" 0
check_eq "every trusted REGISTER completed its digest authentication (sipp exit status)" "$(cat /tmp/reg-status-with)" 0
check_eq "Kamailio authenticated all 20 of them during the flood" "$(cat /tmp/auth-with)" 20
done_testing
