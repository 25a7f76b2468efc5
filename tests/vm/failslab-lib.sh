# The allocation-failure tests' common part (t-failslab.sh,
# t-failslab-more.sh), sourced after lib.sh: on a kernel without fault
# injection the test is a skip; otherwise the fail-nth shim (failnth.c) is
# built, failslab and fail_page_alloc made to fail only what fail-nth asks,
# and the run dir marked so that the log check forgives the allocation
# failures' own reports. state() and inject() below.
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
