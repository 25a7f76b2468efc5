#!/bin/bash
# No false bans: the legitimate crowds behind one address, with the
# README's setting for a big NATed office (rate register 50/1000, rate
# options 50/200; the defaults are sized for a phone or a small office):
#  1. 200 phones behind one NAT address (SIPp, users 2000-2199, the right
#     password) registering at the same moment, as after an outage, then
#     re-registering every 60 s for 5 minutes: every registration
#     completes, no failure is counted, nothing dropped, no ban;
#  2. a PBX sending OPTIONS keepalives for 2 000 extensions from one
#     address, every 60 s (34 a second): every one answered, no ban.
# vm-timeout: 1200
. "$(dirname "$0")/lib.sh"

kdir=$SG_REPO/tests/vm/kamailio
CTL=$SG_REPO/tools/sipguardctl/sipguardctl
lab
kamailio_start
modprobe sipguard allow=192.0.2.0/24
n server $CTL config set rate register 50/1000 rate options 50/200

# phones.xml: six registrations, 60 s apart, each REGISTER, 401, REGISTER
# with the digest, 200.
{
	echo '<?xml version="1.0" encoding="ISO-8859-1" ?>'
	echo '<scenario name="phone">'
	for r in 1 2 3 4 5 6; do
		for step in 1 2; do
			cseq=$(( 2 * r - 2 + step ))
			cat <<XML
  <send retrans="500">
    <![CDATA[
      REGISTER sip:[remote_ip] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:[field0]@[remote_ip]>;tag=[pid]p[call_number]
      To: <sip:[field0]@[remote_ip]>
      Call-ID: [call_id]
      CSeq: $cseq REGISTER
      Contact: <sip:[field0]@[local_ip]:[local_port]>
XML
			[ "$step" = 2 ] && echo '      [authentication username=phone password=sipguard-test]'
			cat <<XML
      Max-Forwards: 70
      Expires: 120
      User-Agent: Yealink SIP-T46S 66.86.0.15
      Content-Length: 0

    ]]>
  </send>
XML
			# A retransmitted REGISTER is answered again, and the
			# registrar's challenges are stateless (a new nonce each):
			# a second 401 may come while the phone waits for its 200,
			# a second 200 while it waits for the next challenge. A
			# phone ignores them; so does the scenario (any number).
			if [ "$step" = 1 ]; then
				if [ "$r" -gt 1 ]; then
					echo "  <label id=\"$((10 + r))\"/>"
					echo "  <recv response=\"200\" optional=\"true\" next=\"$((10 + r))\"/>"
				fi
				echo '  <recv response="401" auth="true"/>'
			else
				echo "  <label id=\"$((20 + r))\"/>"
				echo "  <recv response=\"401\" optional=\"true\" next=\"$((20 + r))\"/>"
				echo '  <recv response="200"/>'
			fi
		done
		[ "$r" -lt 6 ] && echo '  <pause milliseconds="60000"/>'
	done
	echo '</scenario>'
} > /tmp/phones.xml
{ echo SEQUENTIAL; seq 2000 2199; } > /tmp/phones.csv

# SIPp's count of retransmissions, and of calls failed by cause, from the
# last line of its statistics
retransmissions() {
	awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "Retransmissions(C)") c = i }
		   END { print (c && $c != "" ? $c : "?") }' "$1"
}
failures() {
	awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) name[i] = $i }
		   { for (i in name) v[i] = $i }
		   END { for (i in name) if (name[i] ~ /^Failed.*\(C\)$/ && v[i] + 0 > 0) s = s " " name[i] "=" v[i];
			 print (s == "" ? " none" : s) }' "$1"
}

# 1. 200 phones, one address (the victim's netns stands for the office NAT)
t0=$SECONDS
n victim sipp -sf /tmp/phones.xml 198.51.100.1:5060 -i 198.51.100.9 -p 5060 \
	-inf /tmp/phones.csv -m 200 -l 200 -r 200 -rp 1000 -timeout 500 -timeout_error \
	-max_non_invite_retrans 10 \
	-trace_stat -stf /tmp/phones.stat -nostdin > /tmp/phones.out 2>&1
status=$?
# every registration of every phone authenticated, a retransmission of
# one (the registrar answers it again) counted once
auth=$(grep -o 'sgreg 198.51.100.9 .*' /tmp/kamailio.log | sort -u | wc -l)
# a slow server makes the phones retransmit, and every copy is charged
# to the office's bucket: a failure says how many there were
echo "# 200 phones: sipp exit $status after $((SECONDS - t0)) s, $(retransmissions /tmp/phones.stat) retransmissions, failed:$(failures /tmp/phones.stat), $auth registrations authenticated ($(grep -c 'sgauth 198.51.100.9 ' /tmp/kamailio.log) REGISTERs); auth_failures $(sgstat server auth_failures), drop_rate $(sgstat server drop_rate), bans $(sgstat server bans)"
check_eq "200 phones: every registration completed (sipp exit status)" "$status" 0
check_eq "200 phones: 1 200 registrations authenticated (6 each)" "$auth" 1200
check_eq "200 phones: no authentication failure counted" "$(sgstat server auth_failures)" 0
check_eq "200 phones: no ban" "$(sgstat server bans)" 0
check_eq "200 phones: nothing dropped" "$(sgstat server drop_rate)" 0

# 2. A PBX qualifying 2 000 extensions a minute: 34 OPTIONS a second for
#    90 s, each to an extension.
cat > /tmp/options.xml <<'XML'
<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="qualify">
  <send retrans="500">
    <![CDATA[
      OPTIONS sip:[field0]@[remote_ip] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:pbx@[local_ip]>;tag=[pid]o[call_number]
      To: <sip:[field0]@[remote_ip]>
      Call-ID: [call_id]
      CSeq: 1 OPTIONS
      Max-Forwards: 70
      User-Agent: Asterisk PBX 18.10.0
      Content-Length: 0

    ]]>
  </send>
  <recv response="200"/>
</scenario>
XML
{ echo SEQUENTIAL; seq 3000 4999; } > /tmp/exts.csv
n victim sipp -sf /tmp/options.xml 198.51.100.1:5060 -i 198.51.100.9 -p 5062 \
	-inf /tmp/exts.csv -m 3060 -r 34 -timeout 200 -timeout_error \
	-trace_stat -stf /tmp/options.stat -nostdin > /tmp/options.out 2>&1
status=$?
echo "# PBX keepalives: sipp exit $status, $(retransmissions /tmp/options.stat) retransmissions; drop_rate $(sgstat server drop_rate), bans $(sgstat server bans)"
check_eq "PBX keepalives: all 3 060 answered (sipp exit status)" "$status" 0
check_eq "PBX keepalives: nothing dropped" "$(sgstat server drop_rate)" 0
check_eq "PBX keepalives: no ban" "$(sgstat server bans)" 0
done_testing
