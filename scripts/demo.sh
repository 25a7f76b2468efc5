#!/bin/bash
# make demo: install what is needed, build, boot the test guest and show
# sipguard at work (tests/vm/demo.sh runs inside the guest).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
scripts/install-deps.sh
make -s all > build-demo.log 2>&1 || { cat build-demo.log; exit 1; }
rm -f build-demo.log
echo "Booting the test guest (QEMU, Debian's kernel)..."
status=0
tests/vm/vm.sh -t 600 -o build/demo tests/vm/demo.sh > /dev/null || status=$?
cat build/demo/output.log
[ $status -eq 0 ] || echo "demo: failed (status $status); logs in build/demo/" >&2
exit $status
