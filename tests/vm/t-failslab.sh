#!/bin/bash
# Allocation failures in every configuration path (the debug kernel's fault
# injection): each command of sipguardctl is run again and again with its
# 1st, 2nd, 3rd ... kernel allocation made to fail (slab and pages; the
# per-task fail-nth, counted by failnth.c inside the netlink calls only), until
# the command runs through without reaching the failure. Every time:
#  - the command either succeeds with the whole change applied, or fails
#    with an error on stderr and nothing of the change applied (the policy
#    as `sipguardctl save` prints it, and the bans, as before it);
#  - a reply lost after the change was made (ENOBUFS: netlink could not
#    allocate the ack) leaves the whole change, never a part;
#  - the kernel log holds no report but the allocation failures themselves,
#    and kmemleak finds nothing once the module is unloaded (guest-init).
# The batch (-b) must stay all or nothing; enabling a new netns must leave
# either the whole state or none.
# vm-timeout: 450
. "$(dirname "$0")/lib.sh"

CTL=$SG_REPO/tools/sipguardctl/sipguardctl
if [ ! -e /proc/self/fail-nth ] || [ ! -d /sys/kernel/debug/failslab ]; then
	ok "failslab runs # SKIP this kernel has no fault injection (the debug kernel has)"
	exit 0
fi
# what the log check forgives: the allocation-failure reports this test causes
touch "$SG_OUT/fault-injection"

gcc -O2 -Wall -shared -fPIC -o /tmp/failnth.so "$SG_REPO/tests/vm/failnth.c" -ldl ||
	{ not_ok "the fail-nth shim builds"; exit 1; }
for a in failslab fail_page_alloc; do
	d=/sys/kernel/debug/$a
	echo N > $d/ignore-gfp-wait	# GFP_KERNEL allocations too
	echo 0 > $d/verbose		# fail-nth counts; no stack per failure
	echo 0 > $d/probability		# nothing fails at random
done
echo 0 > /sys/kernel/debug/fail_page_alloc/min-order

modprobe sipguard
ip netns add ctr

# state: the policy and the bans' addresses (their remaining time moves)
state() { "$CTL" "$@" save && "$CTL" "$@" ban show | awk '{ print $1, $2 }'; }

# inject LABEL UNDO -- CMD...: CMD with its Nth allocation failing, for
# N = 1, 2, ... until CMD makes fewer allocations than N. UNDO (a shell
# command) takes a successful CMD back. The policy before and after a clean
# run of CMD are the only states allowed.
inject() {
	local label=$1 undo=$2 n=1 rc res cur out bad=0 fails=0 oks=0 lost=0
	shift 3
	state > /tmp/before || { not_ok "$label: state readable"; return; }
	"$@" > /dev/null 2> /tmp/err || { not_ok "$label: runs without a failure"; cat /tmp/err; return; }
	state > /tmp/after
	bash -c "$undo" > /dev/null
	state > /tmp/cur
	if ! cmp -s /tmp/before /tmp/cur || cmp -s /tmp/before /tmp/after; then
		not_ok "$label: the command changes the state and the undo takes it back"
		diff /tmp/before /tmp/cur | sed 's/^/# /'
		return
	fi
	while [ $n -le 2000 ]; do
		SG_FAIL_NTH=$n SG_FAIL_OUT=/tmp/res LD_PRELOAD=/tmp/failnth.so "$@" > /dev/null 2> /tmp/err
		rc=$?
		res=$(cat /tmp/res 2> /dev/null)
		state > /tmp/cur || { echo "# $label, allocation $n: the state cannot be read afterwards"; bad=1; break; }
		if [ "$res" = unreached ]; then
			[ $rc -eq 0 ] && cmp -s /tmp/cur /tmp/after ||
				{ echo "# $label: the clean run (no allocation $n) failed or changed something else"; bad=1; }
			break
		fi
		[ "$res" = injected ] || { echo "# $label, allocation $n: the shim says '$res'"; bad=1; break; }
		if [ $rc -eq 0 ]; then
			oks=$((oks + 1))
			cmp -s /tmp/cur /tmp/after ||
				{ echo "# $label, allocation $n failed: success claimed, the change not all there"; diff /tmp/after /tmp/cur | sed 's/^/# /'; bad=1; }
		elif cmp -s /tmp/cur /tmp/before; then
			fails=$((fails + 1))
			[ -s /tmp/err ] || { echo "# $label, allocation $n failed: exit $rc without a word"; bad=1; }
		elif cmp -s /tmp/cur /tmp/after && grep -q 'No buffer space' /tmp/err; then
			lost=$((lost + 1))	# the ack lost, the change whole
		else
			echo "# $label, allocation $n failed: exit $rc, '$(head -c 200 /tmp/err)', and the state is neither before nor after:"
			diff /tmp/before /tmp/cur | sed 's/^/# /'
			bad=1
		fi
		# back to the state before, whichever it is
		if ! cmp -s /tmp/cur /tmp/before; then
			bash -c "$undo" > /dev/null
			state > /tmp/cur
			cmp -s /tmp/cur /tmp/before || { echo "# $label: the undo failed after allocation $n"; bad=1; break; }
		fi
		n=$((n + 1))
	done
	[ $n -le 2000 ] || { echo "# $label: still allocating after 2000"; bad=1; }
	echo "# $label: $((n - 1)) allocations failed one by one: refused $fails, succeeded anyway $oks, ack lost $lost"
	[ $bad -eq 0 ] && [ $n -gt 1 ]
	check "$label: every allocation failure refused cleanly or was survived" [ $? -eq 0 ]
}

inject "deny add (IPv4, comment)" "$CTL deny del 192.0.2.0/24" -- $CTL deny add 192.0.2.0/24 comment failslab
inject "deny add (IPv6)" "$CTL deny del 2001:db8:1::/48" -- $CTL deny add 2001:db8:1::/48
inject "allow add" "$CTL allow del 198.51.100.7" -- $CTL allow add 198.51.100.7
inject "method from add" "$CTL method register from any" -- $CTL method register from add 203.0.113.0/24
inject "pattern add (the matcher rebuilt)" "$CTL pattern del friendly-scanner" -- $CTL pattern add friendly-scanner
inject "pattern add, word, every field" "$CTL pattern del sipvicious-x" -- $CTL pattern add sipvicious-x field any match word
inject "config set ports and rates (a new config published)" \
	"$CTL config set ports 5060 rate register 5/10" -- $CTL config set ports 5060,5070-5080 rate register 9/30
inject "ban add" "$CTL ban del 203.0.113.9" -- $CTL ban add 203.0.113.9 for 600
inject "ban add (IPv6)" "$CTL ban del 2001:db8:66::1" -- $CTL ban add 2001:db8:66::1 for 600

# with entries in place: deletions, flushes, dumps
$CTL deny add 192.0.2.0/24 && $CTL deny add 2001:db8::/32 && $CTL pattern add scanner-one &&
	$CTL ban add 203.0.113.10 for 600 && $CTL allow add 198.51.100.0/24
inject "deny del" "$CTL deny add 192.0.2.0/24" -- $CTL deny del 192.0.2.0/24
inject "deny flush" "$CTL deny add 192.0.2.0/24; $CTL deny add 2001:db8::/32" -- $CTL deny flush
inject "pattern del" "$CTL pattern add scanner-one" -- $CTL pattern del scanner-one
inject "ban flush" "$CTL ban add 203.0.113.10 for 600" -- $CTL ban flush

# all or nothing: a batch whose middle request fails is undone whole
cat > /tmp/policy.batch <<'EOF'
deny add 192.0.2.128/25 comment batch
pattern add batch-scanner
allow add 198.51.100.99
config set rate options 7/21
method invite from add 203.0.113.0/24
EOF
inject "batch (-b): five changes, all or none" \
	"$CTL deny del 192.0.2.128/25; $CTL pattern del batch-scanner; $CTL allow del 198.51.100.99; $CTL config set rate options 5/10; $CTL method invite from any" \
	-- $CTL -b /tmp/policy.batch

# read-only requests: they may fail, and change nothing either way
check "the state is readable after all that" state
before=$(state)
for cmd in "stats" "deny show" "pattern show" "ban show" "config show" "status"; do
	n=1 bad=0
	while [ $n -le 500 ]; do
		# shellcheck disable=SC2086
		SG_FAIL_NTH=$n SG_FAIL_OUT=/tmp/res LD_PRELOAD=/tmp/failnth.so $CTL $cmd > /dev/null 2> /tmp/err
		rc=$?
		[ "$(cat /tmp/res)" = injected ] || break
		[ $rc -eq 0 ] || [ -s /tmp/err ] || bad=1
		n=$((n + 1))
	done
	[ "$(state)" = "$before" ] || bad=1
	echo "# $cmd: $((n - 1)) allocations failed one by one"
	check "$cmd: each failure reported or survived, nothing changed" [ $bad -eq 0 ]
done

# a netns enabled for the first time: all of its state, or none of it
n=1 bad=0 fails=0
while [ $n -le 3000 ]; do
	SG_FAIL_NTH=$n SG_FAIL_OUT=/tmp/res LD_PRELOAD=/tmp/failnth.so \
		$CTL -n ctr config set enabled on > /dev/null 2> /tmp/err
	rc=$?
	res=$(cat /tmp/res)
	if [ "$res" = unreached ]; then
		[ $rc -eq 0 ] && ip netns exec ctr test -e /proc/net/sipguard/stats || bad=1
		break
	fi
	if [ $rc -eq 0 ]; then
		ip netns exec ctr $CTL deny show > /dev/null 2>&1 &&
			ip netns exec ctr test -e /proc/net/sipguard/stats || { echo "# enabled on, allocation $n failed: success claimed, no state"; bad=1; }
	else
		fails=$((fails + 1))
		if ip netns exec ctr $CTL deny show > /dev/null 2>&1 || ip netns exec ctr test -e /proc/net/sipguard; then
			echo "# enabled on, allocation $n failed: refused ($(head -c 200 /tmp/err)) yet state is left"
			bad=1
		fi
	fi
	ip netns del ctr
	ip netns add ctr
	n=$((n + 1))
done
echo "# a new netns's enabling: $((n - 1)) allocations failed one by one, $fails refused"
[ $bad -eq 0 ] && [ $n -gt 1 ] && [ $n -le 3000 ]
check "enabling a netns: all of its state or none" [ $? -eq 0 ]

# and everything still works: a deny entry drops, the tables take entries
check "after it all, deny add works" $CTL deny add 192.0.2.77
check "... and shows" sh -c "$CTL deny show | grep -q 192.0.2.77"
ip netns del ctr
check "the module unloads" modprobe -r sipguard
