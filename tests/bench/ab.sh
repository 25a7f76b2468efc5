#!/bin/bash
# make bench-ab REV=<commit>: the inspection of the work tree's module
# against REV's, side by side in the same rounds of one guest (netbench.sh
# configurations nofilter, inspect and inspectb), so that a parser change
# is judged against the code before it on the same host at the same time,
# not against a run of another hour. Not a test: it prints ratios.
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
rev=${1:-}
[ -n "$rev" ] || { echo "usage: make bench-ab REV=<commit>" >&2; exit 2; }
git -C "$repo" rev-parse --verify -q "$rev^{commit}" > /dev/null ||
	{ echo "bench-ab: $rev: no such commit" >&2; exit 2; }
src=$repo/build/ab/src
rm -rf "$repo/build/ab"
mkdir -p "$src"
echo "bench-ab: building $rev's module (build B) in build/ab/"
git -C "$repo" archive "$rev" Kbuild Makefile VERSION kmod uapi | tar -x -C "$src"
make -s -C "$src" module > "$repo/build/ab/build.log" 2>&1 ||
	{ cat "$repo/build/ab/build.log" >&2; exit 1; }
cp "$src/sipguard.ko" "$repo/build/ab/sipguard.ko"
make -s -C "$repo" module tools
tests=$repo/tests
"$tests/vm/vm.sh" -p -i -t 3000 -o "$repo/build/bench-ab" "$tests/bench/netbench.sh" \
	nofilter inspect inspectb > /dev/null && status=0 || status=$?
cat "$repo/build/bench-ab/output.log"
exit $status
