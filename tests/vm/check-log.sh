#!/bin/bash
# Fail when a kernel log holds a report a test must never cause: WARNING,
# BUG, oops, lockdep, KASAN, UBSAN, refcount, RCU stall, hung task, leak.
# The "module verification failed" taint of an unsigned out-of-tree module
# is expected and not a report. Where a test made allocations fail on
# purpose (it leaves a file "fault-injection" beside the log: t-failslab),
# the kernel's own allocation-failure reports (warn_alloc: a header line,
# a stack, Mem-Info) are what it asked for, and are left out; nothing else.
set -u
pattern='WARNING:|BUG:|Oops|general protection fault|kernel BUG|Call Trace:|'
pattern+='possible recursive locking|possible circular locking|inconsistent lock state|'
pattern+='suspicious RCU usage|lockdep|KASAN|UBSAN|refcount_t:|rcu_sched self-detected stall|'
pattern+='rcu: INFO|INFO: task .* blocked|unreferenced object|list_add corruption|list_del corruption'
# the debug kernel's banners, and the guest's kmemleak line when it found
# nothing, name a checker without being a report
banner='RCU lockdep checking is enabled|Lock dependency validator|sgvm: kmemleak: 0 unreferenced objects'
found=0
for f in "$@"; do
	[ -f "$f" ] || continue
	if [ -e "$(dirname "$f")/fault-injection" ]; then
		text=$(awk '/page allocation failure: order:|vmalloc error: size / { skip = 1 }
			    !skip { print }
			    skip && /<\/TASK>/ { skip = 0 }' "$f")
	else
		text=$(cat "$f")
	fi
	text=$(grep -Ev "$banner" <<< "$text")
	if grep -E "$pattern" <<< "$text" > /dev/null; then
		echo "check-log: kernel reports in $f:" >&2
		grep -E -B2 -A20 "$pattern" <<< "$text" | head -n 80 >&2
		found=1
	fi
done
exit $found
