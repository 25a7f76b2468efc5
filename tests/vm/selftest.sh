#!/bin/bash
# Tests of the VM bench itself: the checks the other VM tests rely on must
# be able to fail. TAP output.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "$repo/build/vm-selftest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
expect_status() {	# DESC WANT GOT
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (status $3, want $2)"; fi
}

# check-log.sh on sample logs.
printf '%s\n' '[    3.8] sipguard: loading out-of-tree module taints kernel.' \
	'[    3.8] sipguard: module verification failed: signature and/or required key missing - tainting kernel' \
	'[    3.9] sipguard: loaded 0.1.0' > "$tmp/clean.log"
"$here/check-log.sh" "$tmp/clean.log" 2>/dev/null
expect_status "check-log: an unsigned module's taint line is not a report" 0 $?
for report in \
	'WARNING: CPU: 1 PID: 77 at net/netfilter/core.c:123 nf_hook_slow+0x1/0x2' \
	'BUG: KASAN: slab-out-of-bounds in sg_inspect+0x40/0x100' \
	'BUG: kernel NULL pointer dereference, address: 0000000000000008' \
	'Oops: 0000 [#1] PREEMPT SMP NOPTI' \
	'WARNING: possible circular locking dependency detected' \
	'refcount_t: underflow; use-after-free.' \
	'UBSAN: shift-out-of-bounds in kmod/addr.c:90:3' \
	'=============================' ; do
	cp "$tmp/clean.log" "$tmp/bad.log"
	echo "[    4.0] $report" >> "$tmp/bad.log"
	"$here/check-log.sh" "$tmp/bad.log" 2>/dev/null
	status=$?
	case $report in
	====*) expect_status "check-log: a separator line alone is not a report" 0 $status ;;
	*) expect_status "check-log flags: ${report:0:40}" 1 $status ;;
	esac
done

# The whole chain, in a guest.
cat > "$tmp/warn.sh" <<'JOB'
echo "WARNING: CPU: 0 PID: 1 at selftest.c:1 injected+0x0/0x0" > /dev/kmsg
exit 0
JOB
"$here/vm.sh" -t 120 -o "$tmp/warn" "$tmp/warn.sh" > /dev/null 2>&1
expect_status "vm.sh fails a job that exits 0 when the kernel log has a WARNING" 1 $?
printf 'echo hello\nexit 3\n' > "$tmp/status.sh"
"$here/vm.sh" -t 120 -o "$tmp/status" "$tmp/status.sh" > /dev/null 2>&1
expect_status "vm.sh returns the job's exit status" 3 $?
grep -q '^hello$' "$tmp/status/output.log" 2>/dev/null
expect_status "vm.sh keeps the job's output" 0 $?
printf 'sleep 600\n' > "$tmp/hang.sh"
"$here/vm.sh" -t 25 -o "$tmp/hang" "$tmp/hang.sh" > /dev/null 2>&1
expect_status "vm.sh stops a guest that runs past its time" 124 $?

[ $failed -eq 0 ]
