#!/bin/bash
# Allocation failures as in t-failslab.sh, for what takes longest there
# (make check-debug runs it; make check does not): a five-line batch (-b),
# every one of whose allocations failed in turn, must be applied
# whole or not at all; and every dump (stats, prefix sets, patterns, bans,
# config) either answers or says why, changing nothing.
# vm-timeout: 600
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/failslab-lib.sh"

modprobe sipguard
$CTL deny add 192.0.2.0/24 && $CTL deny add 2001:db8::/32 && $CTL pattern add scanner-one &&
	$CTL ban add 203.0.113.10 for 600 && $CTL allow add 198.51.100.0/24
check "entries in place for the dumps" [ $? -eq 0 ]

# all or nothing: a batch whose middle request fails is undone whole
cat > /tmp/policy.batch <<'EOF'
deny add 192.0.2.128/25 comment batch
pattern add batch-scanner
allow add 198.51.100.99
config set rate options 7/21
method invite from add 203.0.113.0/24
EOF
cat > /tmp/undo.batch <<'EOF'
deny del 192.0.2.128/25
pattern del batch-scanner
allow del 198.51.100.99
config set rate options 5/20
method invite from any
EOF
inject "batch (-b): five changes, all or none" "$CTL -b /tmp/undo.batch" -- $CTL -b /tmp/policy.batch

# read-only requests: they may fail, and change nothing either way
before=$(state)
check "the state is readable after the batch" [ $? -eq 0 ]
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

check "the module unloads" modprobe -r sipguard
