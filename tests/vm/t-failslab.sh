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

# state: the policy, and for the ban commands the bans' addresses (their
# remaining time moves); a process costs ~0.5 s on the debug guest
bans=
state() {
	"$CTL" save || return
	[ -z "$bans" ] || "$CTL" ban show | awk '{ print $1, $2 }'
}

# inject LABEL UNDO -- CMD...: CMD with its Nth allocation failing, for
# N = 1, 2, ... until CMD makes fewer allocations than N. UNDO (a shell
# command) takes a successful CMD back. The policy before and after a clean
# run of CMD are the only states allowed. (Few processes a run: each costs
# a good part of a second on the debug guest.)
inject() {
	local label=$1 undo=$2 n=1 rc res cur err before after bad=0 fails=0 oks=0 lost=0
	shift 3
	before=$(state) || { not_ok "$label: state readable"; return; }
	"$@" > /dev/null 2> /tmp/err || { not_ok "$label: runs without a failure"; cat /tmp/err; return; }
	after=$(state)
	eval "$undo" > /dev/null
	cur=$(state)
	if [ "$cur" != "$before" ] || [ "$after" = "$before" ]; then
		not_ok "$label: the command changes the state and the undo takes it back"
		diff <(echo "$before") <(echo "$cur") | sed 's/^/# /'
		return
	fi
	while [ $n -le 2000 ]; do
		SG_FAIL_NTH=$n SG_FAIL_OUT=/tmp/res LD_PRELOAD=/tmp/failnth.so "$@" > /dev/null 2> /tmp/err
		rc=$?
		res= err=
		read -r res < /tmp/res
		read -r -d '' err < /tmp/err
		cur=$(state) || { echo "# $label, allocation $n: the state cannot be read afterwards"; bad=1; break; }
		if [ "$res" = unreached ]; then
			[ $rc -eq 0 ] && [ "$cur" = "$after" ] ||
				{ echo "# $label: the clean run (no allocation $n) failed or changed something else"; bad=1; }
			break
		fi
		[ "$res" = injected ] || { echo "# $label, allocation $n: the shim says '$res'"; bad=1; break; }
		if [ $rc -eq 0 ]; then
			oks=$((oks + 1))
			[ "$cur" = "$after" ] ||
				{ echo "# $label, allocation $n failed: success claimed, the change not all there"; diff <(echo "$after") <(echo "$cur") | sed 's/^/# /'; bad=1; }
		elif [ "$cur" = "$before" ]; then
			fails=$((fails + 1))
			[ -n "$err" ] || { echo "# $label, allocation $n failed: exit $rc without a word"; bad=1; }
		elif [ "$cur" = "$after" ] && [[ $err == *"No buffer space"* ]]; then
			lost=$((lost + 1))	# the ack lost, the change whole
		else
			echo "# $label, allocation $n failed: exit $rc, '${err:0:200}', and the state is neither before nor after:"
			diff <(echo "$before") <(echo "$cur") | sed 's/^/# /'
			bad=1
		fi
		# back to the state before, whichever it is
		if [ "$cur" != "$before" ]; then
			eval "$undo" > /dev/null
			cur=$(state)
			[ "$cur" = "$before" ] || { echo "# $label: the undo failed after allocation $n"; bad=1; break; }
		fi
		n=$((n + 1))
	done
	[ $n -le 2000 ] || { echo "# $label: still allocating after 2000"; bad=1; }
	# the clean run's change taken back: the next command starts from before
	eval "$undo" > /dev/null
	[ "$(state)" = "$before" ] || { echo "# $label: the undo failed after the clean run"; bad=1; }
	echo "# $label: $((n - 1)) allocations failed one by one: refused $fails, succeeded anyway $oks, ack lost $lost"
	[ $bad -eq 0 ] && [ $n -gt 1 ]
	check "$label: every allocation failure refused cleanly or was survived" [ $? -eq 0 ]
}

# every handler of the family that changes something (allow, deny and the
# method sets share PREFIX_ADD; a method set's change republishes the config)
inject "deny add (IPv4, comment)" "$CTL deny del 192.0.2.0/24" -- $CTL deny add 192.0.2.0/24 comment failslab
inject "deny add (IPv6)" "$CTL deny del 2001:db8:1::/48" -- $CTL deny add 2001:db8:1::/48
inject "method from add" "$CTL method register from any" -- $CTL method register from add 203.0.113.0/24
inject "pattern add (the matcher rebuilt)" "$CTL pattern del failslab-scanner" -- $CTL pattern add failslab-scanner
inject "config set ports and rates (a new config published)" \
	"$CTL config set ports 5060-5061 rate register 10/40" -- $CTL config set ports 5060,5070-5080 rate register 9/30
bans=1
inject "ban add" "$CTL ban del 203.0.113.9" -- $CTL ban add 203.0.113.9 for 600
bans=

# with entries in place: deletions, flushes, dumps
$CTL deny add 192.0.2.0/24 && $CTL deny add 2001:db8::/32 && $CTL pattern add scanner-one &&
	$CTL ban add 203.0.113.10 for 600 && $CTL allow add 198.51.100.0/24
inject "deny del" "$CTL deny add 192.0.2.0/24" -- $CTL deny del 192.0.2.0/24
inject "deny flush" "$CTL deny add 192.0.2.0/24; $CTL deny add 2001:db8::/32" -- $CTL deny flush
inject "pattern del" "$CTL pattern add scanner-one" -- $CTL pattern del scanner-one
bans=1
inject "ban flush" "$CTL ban add 203.0.113.10 for 600" -- $CTL ban flush
bans=

# all or nothing: a batch whose middle request fails is undone whole
cat > /tmp/policy.batch <<'EOF'
deny add 192.0.2.128/25 comment batch
pattern add batch-scanner
allow add 198.51.100.99
config set rate options 7/21
method invite from add 203.0.113.0/24
EOF
inject "batch (-b): five changes, all or none" \
	"$CTL deny del 192.0.2.128/25; $CTL pattern del batch-scanner; $CTL allow del 198.51.100.99; $CTL config set rate options 5/20; $CTL method invite from any" \
	-- $CTL -b /tmp/policy.batch

# read-only requests: they may fail, and change nothing either way
check "the state is readable after all that" state
before=$(state)
for cmd in "stats" "deny show" "pattern show" "ban show" "config show"; do
	n=1 bad=0
	while [ $n -le 500 ]; do
		# shellcheck disable=SC2086
		SG_FAIL_NTH=$n SG_FAIL_OUT=/tmp/res LD_PRELOAD=/tmp/failnth.so $CTL $cmd > /dev/null 2> /tmp/err
		rc=$?
		res=
		read -r res < /tmp/res
		[ "$res" = injected ] || break
		[ $rc -eq 0 ] || [ -s /tmp/err ] || bad=1
		n=$((n + 1))
	done
	[ "$res" = unreached ] && [ "$(state)" = "$before" ] || bad=1
	echo "# $cmd: $((n - 1)) allocations failed one by one"
	check "$cmd: each failure reported or survived, nothing changed" [ $bad -eq 0 ]
done

# a netns enabled for the first time: all of its state, or none of it
n=1 bad=0 fails=0 lost=0
while [ $n -le 3000 ]; do
	SG_FAIL_NTH=$n SG_FAIL_OUT=/tmp/res LD_PRELOAD=/tmp/failnth.so \
		$CTL -n ctr config set enabled on > /dev/null 2> /tmp/err
	rc=$?
	res=
	read -r res < /tmp/res
	if [ "$res" = unreached ]; then
		[ $rc -eq 0 ] && ip netns exec ctr test -e /proc/net/sipguard/stats || bad=1
		break
	fi
	if [ $rc -eq 0 ]; then
		ip netns exec ctr test -e /proc/net/sipguard/stats || { echo "# enabled on, allocation $n failed: success claimed, no state"; bad=1; }
	elif ! ip netns exec ctr test -e /proc/net/sipguard; then
		fails=$((fails + 1))
	elif grep -q 'reading from the kernel: No buffer space' /tmp/err &&
	     ip netns exec ctr test -e /proc/net/sipguard/stats; then
		lost=$((lost + 1))	# the ack lost, the netns enabled whole
	else
		echo "# enabled on, allocation $n failed: refused ($(head -c 200 /tmp/err)) yet state is left"
		bad=1
	fi
	ip netns del ctr
	ip netns add ctr
	n=$((n + 1))
done
echo "# a new netns's enabling: $((n - 1)) allocations failed one by one: refused $fails, ack lost $lost"
[ $bad -eq 0 ] && [ $n -gt 1 ] && [ $n -le 3000 ]
check "enabling a netns: all of its state or none" [ $? -eq 0 ]

# and everything still works: a deny entry drops, the tables take entries
check "after it all, deny add works" $CTL deny add 192.0.2.77
check "... and shows" sh -c "$CTL deny show | grep -q 192.0.2.77"
ip netns del ctr
check "the module unloads" modprobe -r sipguard
