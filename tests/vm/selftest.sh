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

# The debug kernel's banners are not reports; a kmemleak finding is.
cp "$tmp/clean.log" "$tmp/banner.log"
printf '%s\n' '[    0.1] rcu: 	RCU lockdep checking is enabled.' \
	'[    0.1] Lock dependency validator: Copyright (c) 2006 Red Hat, Inc., Ingo Molnar' \
	'sgvm: kmemleak: 0 unreferenced objects after the job' >> "$tmp/banner.log"
"$here/check-log.sh" "$tmp/banner.log" 2>/dev/null
expect_status "check-log: the debug kernel's banners are not reports" 0 $?
printf '%s\n' 'unreferenced object 0xffff888004a1c000 (size 64):' \
	'  comm "sipguardctl", pid 231, jiffies 4294940000 (age 12.3s)' > "$tmp/kmemleak.log"
"$here/check-log.sh" "$tmp/banner.log" "$tmp/kmemleak.log" 2>/dev/null
expect_status "check-log flags a kmemleak report" 1 $?

# A run that fails allocations on purpose (a file "fault-injection" beside
# its log): the kernel's allocation-failure report is forgiven, nothing else.
mkdir -p "$tmp/fi"
{ cat "$tmp/clean.log"
  printf '%s\n' '[   50.1] sipguardctl: page allocation failure: order:0, mode:0xcc0(GFP_KERNEL), nodemask=(null)' \
	'[   50.1] CPU: 1 PID: 231 Comm: sipguardctl Tainted: G           O       6.1.192-sgdebug #2' \
	'[   50.1] Call Trace:' '[   50.1]  <TASK>' '[   50.1]  warn_alloc+0x1/0x2' '[   50.1]  </TASK>' \
	'[   50.2] Mem-Info:'; } > "$tmp/fi/dmesg.log"
"$here/check-log.sh" "$tmp/fi/dmesg.log" 2>/dev/null
expect_status "check-log flags an allocation failure where none was asked for" 1 $?
touch "$tmp/fi/fault-injection"
"$here/check-log.sh" "$tmp/fi/dmesg.log" 2>/dev/null
expect_status "check-log: an allocation failure asked for is not a report" 0 $?
echo '[   50.3] BUG: KASAN: use-after-free in sg_config_publish+0x40/0x100' >> "$tmp/fi/dmesg.log"
"$here/check-log.sh" "$tmp/fi/dmesg.log" 2>/dev/null
expect_status "check-log: ... but a KASAN report after it still is" 1 $?

# The whole chain, in a guest. A guest that ends by itself is given 600 s:
# a TCG boot on a loaded host took more than 120 (status 124) in one run.
# A guest that did not end as asked leaves its console's last lines here.
console_tail() {	# DIR
	[ -f "$1/console.log" ] && tail -n 15 "$1/console.log" | sed 's/^/# console: /'
	return 0
}
cat > "$tmp/warn.sh" <<'JOB'
echo "WARNING: CPU: 0 PID: 1 at selftest.c:1 injected+0x0/0x0" > /dev/kmsg
exit 0
JOB
t0=$SECONDS
"$here/vm.sh" -t 600 -o "$tmp/warn" "$tmp/warn.sh" > /dev/null 2>&1
st=$?
echo "# the WARNING guest ended in $((SECONDS - t0)) s"
[ $st -eq 1 ] || console_tail "$tmp/warn"
expect_status "vm.sh fails a job that exits 0 when the kernel log has a WARNING" 1 $st
printf 'echo hello\nexit 3\n' > "$tmp/status.sh"
"$here/vm.sh" -t 600 -o "$tmp/status" "$tmp/status.sh" > /dev/null 2>&1
st=$?
[ $st -eq 3 ] || console_tail "$tmp/status"
expect_status "vm.sh returns the job's exit status" 3 $st
grep -q '^hello$' "$tmp/status/output.log" 2>/dev/null
expect_status "vm.sh keeps the job's output" 0 $?
printf 'sleep 600\n' > "$tmp/hang.sh"
"$here/vm.sh" -t 25 -o "$tmp/hang" "$tmp/hang.sh" > /dev/null 2>&1
expect_status "vm.sh stops a guest that runs past its time" 124 $?

[ $failed -eq 0 ]
