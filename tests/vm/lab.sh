# The attack lab of make demo and t-lab, sourced after lib.sh: real tools
# against Debian's Kamailio, one round without and one with sipguard.
#   server    Kamailio as a registrar (digest challenge on REGISTER; user
#             103 has the weak password 1234)
#   attacker  sipvicious svmap, svwar and svcrack, an INVITE with SQL
#             injection in From and Contact, a sipp REGISTER flood, and a
#             REGISTER flood spoofed from the victim
#   victim    the address the spoofed flood claims: counts the 401s
#   trusted   an office range in the allow set: sipp registers and calls
# The sizes come from the caller: LAB_EXTS (svwar's range), LAB_FLOOD
# (REGISTERs per flood, at 300/s), LAB_CALLS (trusted REGISTERs and calls).

kdir=$SG_REPO/tests/vm/kamailio

lab_start() {
	lab
	kamailio_start
	bg n victim $SGNET udp-serve 5060 /tmp/victim.log --quiet
	wait_listen victim udp 5060
	# svcrack's dictionary: common passwords, 103's among them
	printf '%s\n' password 123456 12345678 qwerty abc123 111111 letmein admin \
		welcome 1234 sip voip > /tmp/lab-dict.txt
}

# lab_arrived NAME FILE PATTERN BEFORE WANT: once the attack's packets
# had time to arrive. Without sipguard they arrive: wait, 60 s at most,
# until FILE holds WANT more lines matching PATTERN than BEFORE (a loaded
# guest's Kamailio can be seconds behind). With it, they should not: a
# fixed pause, then they are counted.
lab_arrived() {
	[ "$1" = without ] && wait_for 60 _lab_count_ge "$2" "$3" $(( $4 + $5 ))
	sleep 1
}
_lab_count_ge() { [ "$(grep -c "$2" "$1")" -ge "$3" ]; }

# lab_round NAME: every attack once, the trusted client throughout;
# results in /tmp/r-NAME.*
lab_round() {
	local r=$1 before reg inv last
	# 1. an INVITE with SQL injection in From and Contact
	before=$(grep -c 'sginvite 203.0.113.66' /tmp/kamailio.log)
	n attacker $SGNET udp-send 203.0.113.1 5060 --payload "$SG_REPO/tests/corpus/injection-invite.sip"
	lab_arrived $r /tmp/kamailio.log 'sginvite 203.0.113.66' "$before" 1
	echo $(( $(grep -c 'sginvite 203.0.113.66' /tmp/kamailio.log) - before )) > /tmp/r-$r.inject
	# 2. svmap: which SIP servers answer
	n attacker timeout 60 svmap -t 2 203.0.113.1 > /tmp/r-$r.svmap 2>&1
	grep -c '203.0.113.1:5060' /tmp/r-$r.svmap > /tmp/r-$r.servers
	# 3. svwar: which extensions exist
	n attacker timeout 90 svwar -m REGISTER -e"$LAB_EXTS" -t 2 203.0.113.1 > /tmp/r-$r.svwar 2>&1
	grep -cE '^\| *1[0-9][0-9] +\|' /tmp/r-$r.svwar > /tmp/r-$r.exts
	# 4. svcrack: 103's password
	n attacker timeout 90 svcrack -u 103 -d /tmp/lab-dict.txt -t 2 203.0.113.1 > /tmp/r-$r.svcrack 2>&1
	grep -cE '^\| *103 +\| *1234 +\|' /tmp/r-$r.svcrack > /tmp/r-$r.cracked
	# 5. sipp's REGISTER flood from the attacker's own address
	before=$(grep -c 'sgreq 203.0.113.66 REGISTER' /tmp/kamailio.log)
	n attacker timeout 60 sipp -sf "$kdir/flood.xml" 203.0.113.1:5060 -i 203.0.113.66 -p 5090 \
		-m "$LAB_FLOOD" -r 300 -l 1000 -timeout 30 > /tmp/r-$r.sipp-flood 2>&1
	lab_arrived $r /tmp/kamailio.log 'sgreq 203.0.113.66 REGISTER' "$before" $((LAB_FLOOD * 9 / 10))
	echo $(( $(grep -c 'sgreq 203.0.113.66 REGISTER' /tmp/kamailio.log) - before )) > /tmp/r-$r.flood
	# 6. REGISTERs at 300/s spoofed from the victim; the trusted office
	#    registers (digest) and calls meanwhile
	: > /tmp/victim.log
	n trusted sipp -sf "$kdir/register.xml" 192.0.2.1:5060 -i 192.0.2.10 -p 5070 -s alice \
		-m "$LAB_CALLS" -r 2 -timeout 40 -timeout_error > /tmp/r-$r.sipp-reg 2>&1 &
	reg=$!
	n trusted sipp -sf "$kdir/invite.xml" 192.0.2.1:5060 -i 192.0.2.10 -p 5072 -s bob \
		-m "$LAB_CALLS" -r 2 -timeout 40 -timeout_error > /tmp/r-$r.sipp-inv 2>&1 &
	inv=$!
	n attacker $SGNET raw-send 203.0.113.1 --src 198.51.100.9 --count "$LAB_FLOOD" --rate 300
	wait $reg
	wait $inv
	# counted once no 401 came for 3 s (without sipguard, once 90% came)
	lab_arrived $r /tmp/victim.log . 0 $((LAB_FLOOD * 9 / 10))
	last=-1
	while [ "$(lines /tmp/victim.log)" != "$last" ]; do last=$(lines /tmp/victim.log); sleep 3; done
	lines /tmp/victim.log > /tmp/r-$r.401
	# where a flood's datagrams could be lost on the way, so far (t-lab
	# prints it)
	echo "UDP receive buffer errors: server $(udp_stat server RcvbufErrors), victim $(udp_stat victim RcvbufErrors); victim's datagrams $(udp_stat victim InDatagrams); backlog drops $(softnet_drops)" > /tmp/r-$r.losses
	sipp_ok /tmp/r-$r.sipp-reg > /tmp/r-$r.registered
	sipp_ok /tmp/r-$r.sipp-inv > /tmp/r-$r.calls
}

udp_stat() {	# NS FIELD: a UDP counter of the netns (/proc/net/snmp)
	n "$1" awk -v f="$2" '$1 == "Udp:" { if ($2 ~ /^[0-9]/) { print $i } else for (i = 2; i <= NF; i++) if ($i == f) break }' /proc/net/snmp
}

softnet_drops() {	# backlog drops over every CPU (the second column, hex)
	local s=0 a b rest
	while read -r a b rest; do s=$((s + 16#$b)); done < /proc/net/softnet_stat
	echo $s
}

sipp_ok() {	# successful calls sipp reported in its final statistics
	local c
	c=$(sed -n 's/^ *Successful call *| *[0-9]* *| *\([0-9]*\).*/\1/p' "$1" | tail -n1)
	echo "${c:-0}"
}

# lab_monitor_start / lab_monitor_stop: sipguardctl monitor in the server's
# netns, into /tmp/monitor.log
lab_monitor_start() {
	ip netns exec server "$SG_REPO/tools/sipguardctl/sipguardctl" monitor > /tmp/monitor.log 2>&1 &
	_lab_mon=$!
}
lab_monitor_stop() {
	kill "$_lab_mon" 2>/dev/null
	wait "$_lab_mon" 2>/dev/null
}

# lab_monitor_sample: the first line of each kind the monitor printed
lab_monitor_sample() {
	awk '{ k = $1 " " $3 } $1 == "ban" { k = "ban" } !seen[k]++' /tmp/monitor.log
}
