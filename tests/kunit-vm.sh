#!/bin/bash
# sipguard's KUnit suites on the VM tier's debug kernel (KASAN, lockdep,
# kmemleak, UBSAN; scripts/debug-kernel.sh): built as sipguard_kunit.ko,
# loaded in a guest, their KTAP read by kunit.py parse from the same kernel
# source. Prints what `kunit.py run` prints, so make check reads both alike.
# tests/kunit.sh runs the same suites on UML.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
dbg=$("$repo/scripts/debug-kernel.sh") || exit 1
make -s -C "$repo" kunit-module > /dev/null || { echo "kunit-vm: sipguard_kunit.ko does not build" >&2; exit 1; }
out=$repo/build/vm/runs/kunit
rm -rf "$out"
"$repo/tests/vm/vm.sh" -k debug -t 900 -o "$out" "$repo/tests/vm/kunit-job.sh"
status=$?
[ -s "$out/kunit.ktap" ] || { echo "kunit-vm: no KTAP output (guest status $status)" >&2; tail -n 30 "$out/console.log" >&2; exit 1; }
src=$(dirname "$dbg")/linux-source-$(basename "$dbg" | sed 's/^build-//')
python3 "$src/tools/testing/kunit/kunit.py" parse "$out/kunit.ktap" || status=1
exit $status
