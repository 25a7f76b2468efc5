#!/bin/bash
# sipguardctl inspect, as an operator uses it: the corpus verdicts, the
# captures, JSON output, and a clear error and exit status for bad input.
# TAP output.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
ctl=$repo/tools/sipguardctl/sipguardctl
corpus=${SG_CORPUS:-$repo/../shared/sip-corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
check_eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi; }

[ -x "$ctl" ] || { echo "not ok 1 - $ctl is built"; exit 1; }

# The corpus with the default policy.
# One deliberate exception: RFC 4475's dblreq, a REGISTER followed in the
# same datagram by a complete INVITE, which servers discard and capture
# tools and CDR collectors read: dropped as smuggled (README).
"$ctl" inspect "$corpus"/valid/* > "$tmp/valid" 2>&1
check_eq "valid/: exit status 1 (dblreq dropped)" "$?" 1
check_eq "valid/: every message accepted but dblreq" "$(grep -v ': accept$' "$tmp/valid" | sed "s|^$corpus/||")" \
	'valid/rfc4475_3.1.1.8_dblreq.sip: drop malformed smuggled in body: " INVITE sip:joe@example.com SIP"'
"$ctl" inspect "$corpus"/valid/rfc4475_3.1.1.8_dblreq.sip > /dev/null 2>&1
check_eq "valid/: dblreq alone exits 1" "$?" 1
"$ctl" inspect "$corpus"/attack/* > "$tmp/attack"
check_eq "attack/: exit status 1 (some dropped)" "$?" 1
# The attacks whose attack shows in the content, with their reasons.
want_drop() {	# FILE REASON
	if grep -q "^$corpus/attack/$1: drop $2 " "$tmp/attack"; then ok "attack/$1: drop $2"
	else not_ok "attack/$1: drop $2 ($(grep "/$1:" "$tmp/attack" | sed 's/.*: //'))"; fi
}
want_drop es2017-01_pjsip_cseq_method_overflow_options.sip malformed
want_drop es2017-02_pjsip_multipart_crash_invite_lfonly.sip malformed
want_drop es2018-02_pjsip_sdp_fmtp_nul_invite.sip malformed
want_drop es2021-02_voipmonitor_xss_useragent_register_1.sip injection
want_drop es2021-02_voipmonitor_xss_useragent_register_2.sip injection
want_drop es2021-03_voipmonitor_livesniffer_overflow_register_longuri.sip malformed
for f in "$corpus"/attack/sipvicious_gen_svcrack* "$corpus"/attack/sipvicious_gen_svmap* \
	 "$corpus"/attack/sipvicious_gen_svwar_register_ext* "$corpus"/attack/wild_sipvicious_* \
	 "$corpus"/attack/wild_tollfraud_sipcli_*INVITE*; do
	want_drop "$(basename "$f")" scanner
done
check_eq "attack/: the rest are the documented content-blind ones (README)" \
	"$(grep -c ': accept$' "$tmp/attack")" 15

# The field report's INVITE as captured (dots, no Call-ID, a cut body):
# an injection, whatever else is wrong with it.
out=$("$ctl" inspect "$repo/tests/corpus/inject/field-report-invite.sip")
check "the field report's INVITE: drop injection sql-tautology" \
	grep -q ": drop injection sql-tautology in contact: " <<< "$out"

# Scanner signatures: every tool message the defaults know is dropped as a
# scanner, every near miss is accepted (tests/corpus/scanners/SOURCES.md).
# Not in the defaults: svwar -c (nothing fixed but its tag's shape) and
# SIPp (opt-in: dist/patterns/opt-in.batch).
scan=$repo/tests/corpus/scanners
for f in "$scan"/*.sip; do
	b=$(basename "$f")
	out=$("$ctl" inspect "$f" 2>&1)
	case $b in
	legit-*|svwar-register-ext100-compact.sip|sipp-*)
		check_eq "scanners/$b: accept" "${out#"$f": }" accept ;;
	*)	check "scanners/$b: drop scanner" grep -q ": drop scanner pattern " <<< "$out" ;;
	esac
done
check "the opt-in signatures are a valid batch file (-check)" \
	"$ctl" -b "$repo/dist/patterns/opt-in.batch" -check
printf 'method register from any\nmethod register from add 192.0.2.0/24 comment office\nmethod invite from add 2001:db8::/32 expires 60\n' > "$tmp/method.batch"
check "a batch of method lines is valid (-check)" "$ctl" -b "$tmp/method.batch" -check
printf 'method register\n' > "$tmp/method-show.batch"
check "a method show line cannot be batched" \
	bash -c "! '$ctl' -b '$tmp/method-show.batch' -check 2> '$tmp/err' && grep -q 'cannot be batched' '$tmp/err'"

# Captures: valid ones accepted (on the ports they use), attacks dropped.
for f in "$corpus"/pcap/valid_*.pcap; do
	ports=5060,5061
	case $f in
	*ipv6frag*) ports=5062,15060,25060 ;;
	*ipip*) ports=5090,33093 ;;
	esac
	out=$("$ctl" inspect --pcap --ports $ports "$f" 2>&1)
	status=$?
	if [ $status -eq 0 ] && [ "$(echo "$out" | grep -c ': accept$')" -gt 0 ] &&
	   ! echo "$out" | grep -qv ': accept$'; then
		ok "$(basename "$f"): $(echo "$out" | wc -l) messages, all accepted"
	else
		not_ok "$(basename "$f"): status $status"; echo "$out" | grep -v ': accept$' | head -3 | sed 's/^/# /'
	fi
done
out=$("$ctl" inspect --pcap "$corpus/pcap/attack_initconf_BadUserAgent-sipvicious.pcap")
check_eq "svmap capture: all 26 probes dropped as scanner" "$(echo "$out" | grep -c ': drop scanner ')" 26
out=$("$ctl" inspect --pcap --ports 5062,15060,25060 "$corpus/pcap/valid_sngrep_ipv6frag.pcap")
check "IPv6 fragments reassembled (the 32 messages of the call)" test "$(echo "$out" | wc -l)" -eq 32

# TCP: a file is a stream, framed as the module frames it
ok_msg() { printf 'OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK%s\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: %s\r\nCSeq: 1 OPTIONS\r\n%bContent-Length: 0\r\n\r\n' "$1" "$1" "${2:-}"; }
{ printf '\r\n\r\n'; ok_msg 1; printf '\r\n'; ok_msg 2; ok_msg 3 'User-Agent: friendly-scanner\r\n'; ok_msg 4; } > "$tmp/stream"
"$ctl" inspect --tcp "$tmp/stream" > "$tmp/out" 2>&1
check_eq "--tcp: a stream of pipelined messages, judged one by one; the first bad one ends it" \
	"$(sed "s|$tmp/||" "$tmp/out")" "stream#1: accept
stream#2: accept
stream#3: drop scanner pattern 'friendly-scanner' in user-agent: \"friendly-scanner\""
{ ok_msg 1; ok_msg 2 | head -c 60; } > "$tmp/cut"
"$ctl" inspect --tcp "$tmp/cut" > "$tmp/out" 2> "$tmp/err"
check_eq "--tcp: exit 0 when all whole messages pass" "$?" 0
check "--tcp: an incomplete message at the end is said, not judged" \
	grep -q "60 bytes at the end are an incomplete message" "$tmp/err"
{ ok_msg 1 | sed 's/Content-Length: 0/X-No-Length: 0/'; } > "$tmp/nolen"
check "--tcp: a message without Content-Length is malformed (RFC 3261 18.3)" \
	bash -c "'$ctl' inspect --tcp '$tmp/nolen' | grep -q 'drop malformed missing-header in content-length'"
out=$("$ctl" inspect --pcap "$corpus/pcap/valid_suricata_sip-tcp_segmented.pcap")
check_eq "--pcap: a REGISTER in two TCP segments is reassembled and judged once" \
	"$(echo "$out" | sed "s|$corpus/pcap/||")" "valid_suricata_sip-tcp_segmented.pcap#6: accept"

# JSON
"$ctl" -j inspect "$corpus/attack/sipvicious_gen_svmap_options.sip" "$corpus/valid/kamailio_invite01.sip" > "$tmp/j"
check "-j gives valid JSON with the verdicts" python3 -c "
import json, sys
a = json.load(open('$tmp/j'))
assert len(a) == 2
assert a[0]['verdict'] == 'drop' and a[0]['reason'] == 'scanner' and a[0]['pattern'] == '\"sipvicious\"'
assert a[1]['verdict'] == 'accept' and a[1]['kind'] == 'request' and a[1]['method'] == 'INVITE'
"
"$ctl" -j -p inspect --pcap "$corpus/pcap/attack_initconf_BadUserAgent-sipvicious.pcap" > "$tmp/jp"
check "-j -p on a capture: indented JSON with src and dst" python3 -c "
import json
a = json.load(open('$tmp/jp'))
assert len(a) == 26 and ':' in a[0]['src'] and a[0]['transport'] == 'udp'
" 
check "-p indents" grep -q '^  {' "$tmp/jp"

# Bad input: a clear message, exit status 2, nothing on stdout.
bad() {	# DESCRIPTION EXPECTED-MESSAGE ARGS...
	local desc=$1 msg=$2
	shift 2
	"$ctl" "$@" > "$tmp/out" 2> "$tmp/err"
	local status=$?
	if [ $status -eq 2 ] && grep -q -- "$msg" "$tmp/err" && [ ! -s "$tmp/out" ]; then
		ok "$desc"
	else
		not_ok "$desc (status $status, stderr: $(head -c 200 "$tmp/err"))"
	fi
}
bad "a missing file" "No such file or directory" inspect /nonexistent.sip
bad "a directory" "Is a directory" inspect /tmp
bad "a capture given as a message" "use inspect --pcap" inspect "$corpus/pcap/attack_initconf_BadUserAgent-sipvicious.pcap"
bad "a message given as a capture" "cannot read capture" inspect --pcap "$corpus/valid/kamailio_invite01.sip"
bad "a capture without SIP on the ports" "no SIP traffic" inspect --pcap --ports 9999 "$corpus/pcap/attack_initconf_BadUserAgent-sipvicious.pcap"
bad "bad --ports" "want ports or ranges" inspect --pcap --ports 70000 "$corpus/pcap/attack_initconf_BadUserAgent-sipvicious.pcap"
bad "no file" "no file given" inspect
bad "an unknown option" "Usage" inspect --frobnicate x
bad "an unknown object" "unknown object 'inspekt'" inspekt x
bad "objects are matched exactly, not abbreviated" "unknown object 'insp'" insp x
head -c 2000000 /dev/zero > "$tmp/big"
bad "a file over 1 MiB" "over 1 MiB" inspect "$tmp/big"
check "inspect help" bash -c "'$ctl' inspect help | grep -q -- '--pcap'"
check "--version" bash -c "'$ctl' --version | grep -q '^sipguardctl [0-9]'"

# The man page renders cleanly and documents every object and option.
man=$repo/tools/sipguardctl/sipguardctl.8
check_eq "the man page has no groff warnings" "$(groff -ww -z -man "$man" 2>&1)" ""
MANWIDTH=80 man -l "$man" > "$tmp/man.txt" 2> "$tmp/man.err"
check "man -l renders it without errors" test ! -s "$tmp/man.err" -a -s "$tmp/man.txt"
for word in inspect --pcap --ports --tcp --strict-methods --json --pretty "EXIT STATUS" \
	status config allow deny pattern ban stats monitor save "BATCH FILES" --netns --batch -force \
	"config set" "mode enforce" "monitor mode" ports methods method-case trusted-checks "rate CLASS" \
	"global-rate" ban-threshold ban-window ban-time ban-max ban-forget ipv6-prefix max-message \
	max-line max-headers tcp-flows tcp-buffer "action REASON" expires comment "FIELD[,FIELD...]" "word-start" \
	auth-threshold auth-window unknown-threshold unknown-window "method CLASS from" "from any" drop_origin \
	"contact" "sdp" \
	"ban add" "stats [show]" "stats reset" "-o text|json|prometheus" "-w FILE" sipguard-metrics.timer \
	"enabled on|off" all_netns flush "count N" CAP_NET_ADMIN "module is not loaded" \
	sipguard.service /etc/sipguard/sipguard.conf /etc/modprobe.d/sipguard.conf EXAMPLES; do
	check "the man page documents $word" grep -qF -- "$word" "$tmp/man.txt"
done

# make install honours DESTDIR and PREFIX
make -s -C "$repo" install-tools DESTDIR="$tmp/root" PREFIX=/usr > /dev/null
check "make install puts the tool and its man page under DESTDIR" \
	test -x "$tmp/root/usr/sbin/sipguardctl" -a -f "$tmp/root/usr/share/man/man8/sipguardctl.8"
check "... sipguard.service, pointing at the installed tool" \
	grep -qx "ExecStart=/usr/sbin/sipguardctl -b /etc/sipguard/sipguard.conf" \
	"$tmp/root/lib/systemd/system/sipguard.service"
check "... the opt-in signatures" test -f "$tmp/root/usr/share/doc/sipguard/opt-in.batch"
check "... the fail2ban action, filters and jails" \
	test -f "$tmp/root/usr/share/doc/sipguard/fail2ban/action.d/sipguard.conf" -a \
	-f "$tmp/root/usr/share/doc/sipguard/fail2ban/jail.d/sipguard.conf"
check "... the metrics service and timer" grep -qx \
	"ExecStart=/usr/sbin/sipguardctl stats -o prometheus -w /var/lib/prometheus/node-exporter/sipguard.prom" \
	"$tmp/root/lib/systemd/system/sipguard-metrics.service"
check "... the CrowdSec bouncer's and reporter's units" grep -q \
	"ExecStart=/usr/sbin/sipguardctl crowdsec bouncer url" "$tmp/root/lib/systemd/system/sipguard-crowdsec-bouncer.service"
check "... the example policy and module options" \
	test -f "$tmp/root/etc/sipguard/sipguard.conf" -a -f "$tmp/root/etc/modprobe.d/sipguard.conf"
echo "allow add 192.0.2.0/24" > "$tmp/root/etc/sipguard/sipguard.conf"
make -s -C "$repo" install-tools DESTDIR="$tmp/root" PREFIX=/usr > /dev/null
check_eq "... and never replaces an operator's policy" "$(cat "$tmp/root/etc/sipguard/sipguard.conf")" \
	"allow add 192.0.2.0/24"
if command -v systemd-analyze > /dev/null; then
	sed "s|@SBINDIR@|$repo/tools/sipguardctl|" "$repo/dist/sipguard.service.in" > "$tmp/sipguard.service"
	check_eq "systemd-analyze verify finds nothing wrong with the unit" \
		"$(systemd-analyze verify --man=no "$tmp/sipguard.service" 2>&1)" ""
	sed "s|@SBINDIR@|$repo/tools/sipguardctl|" "$repo/dist/sipguard-metrics.service.in" \
		> "$tmp/sipguard-metrics.service"
	cp "$repo/dist/sipguard-metrics.timer" "$tmp/"
	check_eq "... nor with the metrics service and its timer" \
		"$(systemd-analyze verify --man=no "$tmp/sipguard-metrics.service" "$tmp/sipguard-metrics.timer" 2>&1)" ""
	for u in bouncer report; do
		sed "s|@SBINDIR@|$repo/tools/sipguardctl|" "$repo/dist/crowdsec/sipguard-crowdsec-$u.service.in" \
			> "$tmp/sipguard-crowdsec-$u.service"
	done
	check_eq "... nor with the CrowdSec bouncer's and reporter's units" \
		"$(systemd-analyze verify --man=no "$tmp/sipguard-crowdsec-bouncer.service" "$tmp/sipguard-crowdsec-report.service" 2>&1)" ""
else
	echo "ok - # SKIP systemd-analyze verify: no systemd-analyze"
fi
# libcurl and libpcap are loaded by the commands that use them: every other
# invocation (fail2ban's, a script's, a test loop's) maps 5 objects, not 43
check_eq "the tool links neither libcurl nor libpcap" \
	"$(ldd "$ctl" | grep -cE 'libcurl|libpcap')" 0
# without libcurl, crowdsec says what to install and changes nothing; the
# same for inspect --pcap without libpcap (each library hidden by an empty
# file bound over every copy ldconfig knows, in a mount namespace)
hide() {	# SONAME: the mount commands that hide it
	ldconfig -p | awk -v so="$1" '$1 == so { printf "mount --bind /dev/null %s && ", $NF }'
}
if [ -n "$(hide libcurl.so.4)" ] && [ -n "$(hide libpcap.so.0.8)" ] && unshare -m true 2> /dev/null; then
	echo 'k' > "$tmp/key"
	out=$(unshare -m sh -c "$(hide libcurl.so.4) exec '$ctl' crowdsec bouncer url http://127.0.0.1:9 key-file '$tmp/key' once" 2>&1)
	check_eq "crowdsec without libcurl: exit 1" "$?" 1
	check "... and names the package to install" bash -c "echo \"\$1\" | grep -q 'install libcurl4'" - "$out"
	out=$(unshare -m sh -c "$(hide libpcap.so.0.8) exec '$ctl' inspect --pcap '$corpus/pcap/attack_initconf_BadUserAgent-sipvicious.pcap'" 2>&1)
	check_eq "inspect --pcap without libpcap: exit 2 (inspect's error)" "$?" 2
	check "... and names the package to install" bash -c "echo \"\$1\" | grep -q 'install libpcap0.8'" - "$out"
else
	echo "ok - # SKIP a command without its library: libcurl.so.4 or libpcap.so.0.8 not known to ldconfig, or no mount namespace here"
fi
# the example policy is a valid batch file (checked without a kernel: all comments)
check "the example policy is a valid batch file" \
	bash -c "grep -v '^#' '$repo/dist/sipguard.conf' | grep -q . && exit 1; exit 0"

# Bad arguments are refused before the kernel is asked anything: a
# sentence and exit 2, module or not.
for args in "config set mode sideways" "config set ports 0" "config set ports 70000" \
	"config set methods FOO" "config set rate register 0/10" "config set rate bogus 1/1" \
	"config set global-rate reflect 1/1" "config set ban-time" "config set max-sources 5" \
	"config set action scanner maybe" "config set ipv6-prefix 129" "config set ban-window -1" \
	"allow add 10.0.0.1/8" "allow add nonsense" "allow add 10.0.0.0/8 expires 0" "allow del" \
	"deny frobnicate" "pattern add" "pattern add x field nose" "pattern add x match fuzzy" \
	"pattern add x field ua,nose" "pattern add x field ," "pattern add ' '" \
	"ban add 10.0.0.0/8" "ban add 10.0.0.1 for -3" "ban add 10.0.0.1 for 1e3" "stats frobnicate" \
	"monitor count 0" "config bogus" "save extra" \
	"config set auth-threshold -1" "config set auth-threshold 1000001" "config set auth-window 0" \
	"config set unknown-window x" "config set unknown-threshold" \
	"method bogus" "method register to add 10.0.0.1" "method register show extra" \
	"method register from add" "method register from add 10.0.0.1/8" \
	"method register from any extra" "method register from frobnicate" "method reflect from any" \
	"method register from add 10.0.0.1 expires 0" "stats -o xml" "stats -w" "stats show extra" \
	"config set enabled maybe" "config set ports $(seq -s, 1000 2 1512)"; do
	# shellcheck disable=SC2086
	msg=$("$ctl" $args 2>&1); rc=$?
	case "$msg" in
	"sipguardctl: "*) check_eq "'$args': refused with a sentence, exit 2" $rc 2 ;;
	*) check "'$args': refused with a sentence (got: $msg)" false ;;
	esac
done
printf 'allow add 192.0.2.0/24\nconfig set mode\n\nban add 1.2.3\n"unterminated\n' > "$tmp/bad.batch"
msg=$("$ctl" -b "$tmp/bad.batch" 2>&1); rc=$?
check_eq "a bad batch file: exit 2" $rc 2
check "... naming line 2" grep -q "bad.batch:2: the line above is wrong" <<< "$msg"
check "... and line 4" grep -q "bad.batch:4: the line above is wrong" <<< "$msg"
check "... and line 5's quote" grep -q "bad.batch:5: unterminated quote" <<< "$msg"
check "... and says nothing was applied" grep -q "nothing applied" <<< "$msg"
check "-force without -b: refused" bash -c "! '$ctl' -force status 2>/dev/null"

# Without the module (this host cannot load one, or has none installed),
# the tool says so in those words.
if [ ! -d /sys/module/sipguard ] && ! modprobe -n sipguard 2> /dev/null; then
	msg=$("$ctl" status 2>&1); rc=$?
	check_eq "without the module: exit 1" $rc 1
	check_eq "... and 'sipguard module is not loaded'" "$msg" \
		"sipguardctl: sipguard module is not loaded (modprobe sipguard)"
else
	echo "ok - # SKIP the module-not-loaded message: sipguard is loaded or loadable here"
fi

[ $failed -eq 0 ]
