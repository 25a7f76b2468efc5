#!/bin/bash
# Guest job of tests/kunit-vm.sh: load sipguard_kunit.ko (its suites run as
# it loads) and leave their KTAP output in $SG_OUT/kunit.ktap. A module's
# suites print no top-level header on 6.1; it is written here, with the
# number of suites, so that kunit.py parse reads the whole run.
set -u
ko=$SG_REPO/build/debug-kunit/sipguard_kunit.ko
insmod "$ko" || { echo "kunit-job: insmod $ko failed"; exit 1; }
rmmod sipguard_kunit
dmesg --notime | sed -n '/^    KTAP version 1$/,$p' > /tmp/suites
{
	echo "KTAP version 1"
	echo "1..$(grep -c '^    # Subtest:' /tmp/suites)"
	cat /tmp/suites
} > "$SG_OUT/kunit.ktap"
echo "kunit-job: $(grep -c '^    # Subtest:' /tmp/suites) suites"
