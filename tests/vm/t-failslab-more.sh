#!/bin/bash
# Allocation failures as in t-failslab.sh, for what takes longest (make
# check-debug runs it; make check does not, for time: ~25 min on the debug
# guest): IPv6 prefixes, deletions and flushes as t-failslab does the adds;
# a five-line batch (-b), every one of whose allocations failed in turn,
# must be applied whole or not at all; every dump (stats, prefix
# sets, patterns, bans, config) either answers or says why, changing
# nothing; and a netns enabled for the first time gets all of its state
# or none of it.
# vm-timeout: 900
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/failslab-lib.sh"

# the module's default (the harness loads with all_netns=1): ctr has no
# state until it is enabled
modprobe sipguard all_netns=0
ip netns add ctr
check "a new netns starts without state" ip netns exec ctr test ! -e /proc/net/sipguard

# an IPv6 prefix into an empty set, as t-failslab does IPv4
inject "deny add (IPv6)" "$CTL deny del 2001:db8:1::/48" -- $CTL deny add 2001:db8:1::/48

$CTL deny add 192.0.2.0/24 && $CTL deny add 2001:db8::/32 && $CTL pattern add scanner-one &&
	$CTL ban add 203.0.113.10 for 600 && $CTL allow add 198.51.100.0/24
check "entries in place for the deletions and the dumps" [ $? -eq 0 ]

# deletions and flushes, with the entries above in place
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

# a netns enabled for the first time: all of its state, or none of it.
# Its tables' heads are vmalloc'd, hundreds of single pages whose failures
# all take vmalloc's one error path: single pages are left out here (the
# slab allocations, vmalloc's own among them, and larger pages still fail)
echo 1 > /sys/kernel/debug/fail_page_alloc/min-order
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

ip netns del ctr
check "the module unloads" modprobe -r sipguard
