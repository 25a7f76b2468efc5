#!/bin/bash
# Fail when a kernel log holds a report a test must never cause: WARNING,
# BUG, oops, lockdep, KASAN, UBSAN, refcount, RCU stall, hung task, leak.
# The "module verification failed" taint of an unsigned out-of-tree module
# is expected and not a report.
set -u
pattern='WARNING:|BUG:|Oops|general protection fault|kernel BUG|Call Trace:|'
pattern+='possible recursive locking|possible circular locking|inconsistent lock state|'
pattern+='suspicious RCU usage|lockdep|KASAN|UBSAN|refcount_t:|rcu_sched self-detected stall|'
pattern+='rcu: INFO|INFO: task .* blocked|unreferenced object|list_add corruption|list_del corruption'
found=0
for f in "$@"; do
	[ -f "$f" ] || continue
	if grep -E "$pattern" "$f" > /dev/null; then
		echo "check-log: kernel reports in $f:" >&2
		grep -E -B2 -A20 "$pattern" "$f" | head -n 80 >&2
		found=1
	fi
done
exit $found
