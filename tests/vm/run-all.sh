#!/bin/bash
# Run VM tests (default: every tests/vm/t-*.sh), each in a freshly booted
# guest, and print their TAP lines prefixed with the test's name, plus one
# line per test for its kernel log. Exit status: 0 when everything passed.
# SG_VM_JOBS=N runs N guests at a time.
# SG_KERNEL=debug runs them on the debug kernel (make module-debug first),
# named "debug/t-...", their logs in build/vm/runs-debug/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
kind=${SG_KERNEL:-debian}
if [ "$kind" = debug ]; then
	ko=$repo/build/debug-module/sipguard.ko runs=$repo/build/vm/runs-debug tag=debug/
else
	ko=$repo/sipguard.ko runs=$repo/build/vm/runs tag=
fi
[ -f "$ko" ] || { echo "run-all: build the module first (make, or make module-debug)" >&2; exit 2; }

tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=("$here"/t-*.sh)

# run_one TEST: boot a guest for TEST, then print its TAP lines and the
# kernel log's verdict; status 1 when anything failed.
run_one() {
	local t=$1 name out tmo status rc=0
	name=$tag$(basename "$t" .sh)
	out="$runs/$(basename "$t" .sh)"
	rm -rf "$out"
	mkdir -p "$out"
	# a test that needs longer says so in a "# vm-timeout: SECONDS" line
	tmo=$(sed -n 's/^# vm-timeout: \([0-9]*\)$/\1/p' "$t")
	# (KASAN, lockdep and kmemleak make the debug kernel several times slower)
	tmo=${tmo:-600}
	[ "$kind" = debug ] && tmo=$((tmo * 4))
	"$here/vm.sh" -k "$kind" -t "${SG_VM_TIMEOUT:-$tmo}" -o "$out" "$t" > "$out/vm.log" 2>&1
	status=$?
	sed -n "s,^\(not ok\|ok\) [0-9]* - ,\1 - $name: ,p" "$out/output.log" 2>/dev/null
	grep -q '^not ok' "$out/output.log" 2>/dev/null && rc=1
	if ! grep -q '^ok' "$out/output.log" 2>/dev/null; then
		echo "not ok - $name: no result (guest status $status)"
		sed 's/^/# /' "$out/vm.log"
		rc=1
	elif [ $status -ne 0 ] && ! grep -q '^not ok' "$out/output.log"; then
		echo "not ok - $name: exited $status"
		rc=1
	fi
	if "$here/check-log.sh" "$out/dmesg.log" "$out/console.log" "$out/kmemleak.log" 2> "$out/logcheck.log"; then
		echo "ok - $name: kernel log has no WARNING/BUG/oops/lockdep/KASAN report$([ -f "$out/kmemleak.log" ] && echo ', kmemleak found no leak after the unload')"
	else
		echo "not ok - $name: kernel log has reports"
		sed 's/^/# /' "$out/logcheck.log"
		rc=1
	fi
	sed -n 's/^vm: /# /p' "$out/vm.log"
	return $rc
}

# SG_VM_JOBS guests at a time (default 1), each test's lines printed in one
# block when it ends, in the order the tests end. The guests spend most of
# their time on the tests' timers (a SIPp scenario's pauses, a guesser's
# 3 a second), so a second and a third guest cost the first little.
jobs=${SG_VM_JOBS:-1}
case $jobs in ''|*[!0-9]*|0) echo "run-all: SG_VM_JOBS must be a positive number" >&2; exit 2 ;; esac
rc=0
blocks=$(mktemp -d)
trap 'rm -rf "$blocks"' EXIT
declare -A block=()
running=0
reap() {
	local pid status
	wait -n -p pid
	status=$?
	cat "${block[$pid]}"
	[ "$status" -eq 0 ] || rc=1
	unset "block[$pid]"
	running=$((running - 1))
}
i=0
for t in "${tests[@]}"; do
	[ "$running" -lt "$jobs" ] || reap
	i=$((i + 1))
	run_one "$t" > "$blocks/$i" 2>&1 &
	block[$!]=$blocks/$i
	running=$((running + 1))
done
while [ "$running" -gt 0 ]; do reap; done
exit $rc
