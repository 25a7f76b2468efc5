#!/bin/bash
# make check: install what the tests need, then run every tier (build,
# unit, KUnit, dkms, VM), counting TAP "ok"/"not ok" lines; the last line is
# the summary "N passed, M failed[, K skipped]". Full logs: build/check/.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 2
logs=$repo/build/check
# The shared corpus beside the clone (CI: a fresh clone with shared/ beside it)
export SG_CORPUS=${SG_CORPUS:-$(cd "$repo/.." && pwd)/shared/sip-corpus}
mkdir -p "$logs"
passed=0 failed=0 skipped=0
failures=()	# the "not ok" lines, repeated above the summary
t0=$SECONDS

# count LOG STATUS NAME: add a tier's TAP lines to the totals; a tier that
# failed without saying why, or ran nothing, is one failure.
count() {
	local log=$1 status=$2 name=$3 ok=0 nok=0 skip=0 okskip=0
	if [ ! -f "$log" ]; then
		echo "not ok - $name left no log"
		failed=$((failed + 1))
		return
	fi
	# TAP: a "# SKIP" directive makes a line a skip, whether ok or not ok
	ok=$(grep -c '^ok' "$log")
	nok=$(grep -c '^not ok' "$log")
	skip=$(grep -Eic '^(not )?ok[^#]*# SKIP' "$log")
	okskip=$(grep -Eic '^ok[^#]*# SKIP' "$log")
	passed=$((passed + ok - okskip))
	nok=$((nok - (skip - okskip)))
	skipped=$((skipped + skip))
	failed=$((failed + nok))
	local line
	while IFS= read -r line; do
		failures+=("$name: $line")
	done < <(grep '^not ok' "$log" | grep -Eiv '^not ok[^#]*# SKIP')
	if [ "$status" -ne 0 ] && [ "$nok" -eq 0 ] && [ "$skip" -eq 0 ]; then
		line="not ok - $name exited with status $status (log: $log)"
	elif [ "$ok" -eq 0 ] && [ "$nok" -eq 0 ]; then
		line="not ok - $name ran no test (log: $log)"
	else
		return
	fi
	echo "$line"
	failures+=("$name: $line")
	failed=$((failed + 1))
}

# tier NAME COMMAND...: run, show TAP lines as they come, keep the rest.
tier() {
	local name=$1 start=$SECONDS status
	shift
	echo "== $name"
	"$@" > "$logs/$name.log" 2>&1 < /dev/null &
	local pid=$!
	tail -n +1 -f --pid=$pid "$logs/$name.log" 2>/dev/null | grep --line-buffered -E '^(not ok|ok|#)'
	wait $pid
	status=$?
	count "$logs/$name.log" $status "$name"
	echo "== $name: $((SECONDS - start)) s"
}

step_deps() {
	if scripts/install-deps.sh; then echo "ok - dependencies installed"; else echo "not ok - dependencies installed"; return 1; fi
}

step_build() {
	# the kernel tree lookup as a fresh machine meets it (headers installed
	# after the outer make started)
	tests/build/test-kdir.sh | sed 's/^\(\(not \)\?ok\) [0-9]* -/\1 - build env:/'
	make module-clean > /dev/null 2>&1
	if make W=1 > "$logs/build-w1.txt" 2>&1; then
		echo "ok - sipguard.ko builds"
	else
		echo "not ok - sipguard.ko builds"; sed 's/^/# /' "$logs/build-w1.txt"; return 1
	fi
	if grep -qE 'warning:|error:' "$logs/build-w1.txt"; then
		echo "not ok - W=1 build has no warnings"
		grep -E 'warning:|error:' "$logs/build-w1.txt" | sed 's/^/# /'
	else
		echo "ok - W=1 build has no warnings"
	fi
	# make bench's empty hook (tests/bench/nullhook), built nowhere else
	# in make check
	rm -rf build/nullhook
	if make W=1 nullhook > "$logs/build-nullhook.txt" 2>&1 &&
	   ! grep -qE 'warning:|error:' "$logs/build-nullhook.txt"; then
		echo "ok - make bench's empty hook builds with W=1 and no warning"
	else
		echo "not ok - make bench's empty hook builds with W=1 and no warning"
		sed 's/^/# /' "$logs/build-nullhook.txt"
	fi
	if make -C tools/sipguardctl clean > /dev/null && \
	   make -C tools/sipguardctl CFLAGS="-O2 -g -Werror" > "$logs/build-tools.txt" 2>&1; then
		echo "ok - sipguardctl builds without warnings"
	else
		echo "not ok - sipguardctl builds without warnings"; cat "$logs/build-tools.txt"
	fi
	rm -rf "$logs/destdir"
	if make install DESTDIR="$logs/destdir" PREFIX=/usr > "$logs/install.txt" 2>&1 &&
	   [ -f "$logs/destdir/lib/modules/$(make -s print-kver)/extra/sipguard.ko" ] &&
	   [ -x "$logs/destdir/usr/sbin/sipguardctl" ]; then
		echo "ok - make install DESTDIR=... installs the module and the tool there"
	else
		echo "not ok - make install DESTDIR=... installs the module and the tool there"; cat "$logs/install.txt"
	fi
	# every parameter the source declares has a description in modinfo
	local p missing=0 params
	params=$(sed -n 's/^module_param\(_named\|_cb\)\?(\([a-z0-9_]*\),.*/\2/p' kmod/*.c)
	[ -n "$params" ] || { echo "# no module parameters found in kmod/*.c"; missing=1; }
	for p in $params; do
		modinfo -F parm sipguard.ko | grep -q "^$p:.\{10,\}" || { echo "# no description for $p"; missing=1; }
	done
	[ $missing -eq 0 ] && echo "ok - modinfo documents every parameter" || echo "not ok - modinfo documents every parameter"
	modinfo sipguard.ko | sed 's/^/# /'
}

step_unit() {
	make -C tests/unit all || { echo "not ok - unit tests build"; return 1; }
	local t status=0
	for t in tests/unit/test_*; do
		[ -x "$t" ] || continue
		CMOCKA_MESSAGE_OUTPUT=TAP "$t" || status=1
	done
	return $status
}

# The debug kernel (scripts/debug-kernel.sh; cached, ~17 min of two cores
# cold): started niced in the background once the packages are in, so that
# it builds in the time the other tiers leave idle (the guests of the VM
# tier wait on timers much of the time); its tier waits for it, then builds
# the module against it.
debug_started=
start_debug_kernel() {
	rm -f "$logs/debug-kernel.rc"
	# the status in a file: the tier that waits for it runs in a subshell,
	# which cannot wait(1) for its parent's child
	( nice -n 19 scripts/debug-kernel.sh > "$logs/debug-kernel.path" 2> "$logs/debug-kernel.txt"
	  echo $? > "$logs/debug-kernel.rc" ) &
	debug_started=1
}
step_debug_kernel() {
	local kdir status=0
	if [ -n "$debug_started" ]; then
		echo "# waiting for the debug kernel's build (started in the background, log: $logs/debug-kernel.txt)"
		while [ ! -s "$logs/debug-kernel.rc" ]; do sleep 5; done
		status=$(cat "$logs/debug-kernel.rc")
	else
		scripts/debug-kernel.sh > "$logs/debug-kernel.path" 2> "$logs/debug-kernel.txt" || status=$?
	fi
	sed 's/^/# /' "$logs/debug-kernel.txt" | grep -v ' min, [0-9]* files compiled'
	kdir=$(cat "$logs/debug-kernel.path")
	if [ "$status" -ne 0 ] || [ -z "$kdir" ] || [ ! -f "$kdir/arch/x86/boot/bzImage" ]; then
		echo "not ok - debug kernel: builds"; return 1
	fi
	echo "ok - debug kernel: $(cat "$kdir/include/config/kernel.release") with every option of tests/vm/debug-kernel.config (KASAN, lockdep, kmemleak, UBSAN, failslab)"
	if make W=1 module-debug > "$logs/build-debug-module.txt" 2>&1 &&
	   ! grep -qE 'warning:|error:' "$logs/build-debug-module.txt"; then
		echo "ok - sipguard.ko builds against the debug kernel, W=1 without warnings"
	else
		echo "not ok - sipguard.ko builds against the debug kernel, W=1 without warnings"
		# as TAP comments, so that a reader of the summary sees why
		{ grep -E 'warning:|error:' "$logs/build-debug-module.txt" ||
		  tail -n 20 "$logs/build-debug-module.txt"; } | sed 's/^/# /'
		return 1
	fi
}

# kunit.py prints its own format; turn its result lines into TAP. The
# suites run on the debug kernel, as a module in a guest (tests/kunit-vm.sh);
# make kunit runs them on UML (tests/kunit.sh).
step_kunit() {
	tests/kunit-vm.sh > "$logs/kunit-raw.txt" 2>&1
	local status=$?
	sed -n -e 's/^\[[0-9:]*\] \[PASSED\] \(.*\)/ok - kunit: \1/p' \
		-e 's/^\[[0-9:]*\] \[FAILED\] \(.*\)/not ok - kunit: \1/p' \
		-e 's/^\[[0-9:]*\] \[SKIPPED\] \(.*\)/ok - kunit: \1 # SKIP/p' \
		-e 's/^\[[0-9:]*\] \(Testing complete.*\)/# \1/p' \
		-e 's/^\[[0-9:]*\] \(Elapsed time.*\)/# \1/p' "$logs/kunit-raw.txt"
	# suite-level lines ("==== [PASSED] name ====") are not tests: not counted
	# a result line with errors (KTAP parse errors) or crashes is a failure
	if grep -Eq 'Testing complete.*(failed|errors|crashed)' "$logs/kunit-raw.txt"; then
		echo "not ok - kunit: $(sed -n 's/^\[[0-9:]*\] Testing complete\. //p' "$logs/kunit-raw.txt")"
		status=1
	fi
	# the guest's kernel log: no KASAN/lockdep/UBSAN report, no leak
	if tests/vm/check-log.sh build/vm/runs/kunit/dmesg.log build/vm/runs/kunit/kmemleak.log 2> "$logs/kunit-logcheck.txt"; then
		echo "ok - kunit: kernel log has no report, kmemleak found no leak"
	else
		echo "not ok - kunit: kernel log has reports"; sed 's/^/# /' "$logs/kunit-logcheck.txt"
		status=1
	fi
	[ $status -eq 0 ] || tail -n 40 "$logs/kunit-raw.txt" | sed 's/^/# /'
	return $status
}

# libFuzzer, a fixed count of inputs from seed 1 each (about a minute
# each here): the crash fuzzer, the injection detector alone and the cost
# oracle; a finding fails. A count, not a time, and a replay (see
# tests/fuzz/Makefile): every machine tries the same inputs, a loaded one
# only later, so CI finds what a local run finds. FUZZ_TIME=N (seconds)
# and FUZZ_SEED=0 (random) look further.
fuzz_len() {
	if [ -n "${FUZZ_TIME:-}" ]; then
		echo "FUZZ_TIME=$FUZZ_TIME FUZZ_SEED=${FUZZ_SEED:-0}"
	else
		echo "FUZZ_RUNS=$1 FUZZ_SEED=${FUZZ_SEED:-1}"
	fi
}
fuzz_said() {
	local n
	n=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 \2/p' "$1")
	echo "${n% *} $2 in ${n#* } s"
}
# fuzz_finding FILE...: what a finding looks like, on the console (a CI
# log is all there is of a clean clone's run): its size, and its start
# and end escaped, enough to rebuild its shape.
fuzz_finding() {
	local f
	for f in "$@"; do
		[ -f "$f" ] || continue
		echo "# finding $f: $(stat -c %s "$f") bytes"
		head -c 600 "$f" | od -An -c -w32 | sed 's/^/#   /'
		echo "#   ..."
		tail -c 200 "$f" | od -An -c -w32 | sed 's/^/#   /'
	done
}
step_fuzz() {
	local status=0
	# a finding shown is one of this run: earlier ones are kept aside
	mkdir -p build/fuzz/findings/earlier
	find build/fuzz/findings -maxdepth 1 -type f -exec mv -t build/fuzz/findings/earlier {} +
	# a harness that does not build is no finding: say which it is
	if make -C tests/fuzz fuzz_sip fuzz_inject fuzz_cost cost_calibrate > "$logs/fuzz-build.txt" 2>&1; then
		echo "ok - fuzz: the harnesses build (clang, libFuzzer, ASan, UBSan)"
	else
		echo "not ok - fuzz: the harnesses build"; tail -n 8 "$logs/fuzz-build.txt" | sed 's/^/# /'
		return 1
	fi
	# shellcheck disable=SC2046 # two words, on purpose
	if make -C tests/fuzz run $(fuzz_len 12000) > "$logs/fuzz-raw.txt" 2>&1; then
		echo "ok - fuzz: $(fuzz_said "$logs/fuzz-raw.txt" inputs), no finding"
	else
		echo "not ok - fuzz: a finding (build/fuzz/findings/)"
		grep -E -A12 'ERROR: (AddressSanitizer|libFuzzer)|runtime error' "$logs/fuzz-raw.txt" | head -n 40 | sed 's/^/# /'
		fuzz_finding build/fuzz/findings/{crash,leak,oom,timeout}-*
		status=1
	fi
	# shellcheck disable=SC2046
	if make -C tests/fuzz run-inject $(fuzz_len 500000) > "$logs/fuzz-inject-raw.txt" 2>&1; then
		echo "ok - fuzz: the injection detector alone, $(fuzz_said "$logs/fuzz-inject-raw.txt" values), no finding"
	else
		echo "not ok - fuzz: the injection detector, a finding (build/fuzz/findings/inject-*)"
		grep -E -A12 'prefilter:|cost oracle:|ERROR: (AddressSanitizer|libFuzzer)|runtime error' \
			"$logs/fuzz-inject-raw.txt" | head -n 40 | sed 's/^/# /'
		fuzz_finding build/fuzz/findings/inject-*
		status=1
	fi
	# the oracle's own check: the step counter is live, and the corpus
	# and the adversarial set stay under its limit
	if make -s -C tests/fuzz cost-calibrate > "$logs/fuzz-cost-calibrate.txt" 2>&1; then
		echo "ok - cost oracle: the counter is live; $(tail -n 1 "$logs/fuzz-cost-calibrate.txt" | sed 's/^ *//') steps per byte"
	else
		echo "not ok - cost oracle calibration"; tail -n 5 "$logs/fuzz-cost-calibrate.txt" | sed 's/^/# /'
		status=1
	fi
	# shellcheck disable=SC2046
	if make -C tests/fuzz run-cost $(fuzz_len 40000) > "$logs/fuzz-cost-raw.txt" 2>&1; then
		echo "ok - cost oracle: $(fuzz_said "$logs/fuzz-cost-raw.txt" "inputs up to 64 KiB"), none super-linear"
	else
		echo "not ok - cost oracle: an input costs more than its length allows (build/fuzz/findings/cost-*)"
		grep -E -A3 'cost oracle:|ERROR: libFuzzer' "$logs/fuzz-cost-raw.txt" | head -n 20 | sed 's/^/# /'
		fuzz_finding build/fuzz/findings/cost-*
		status=1
	fi
	return $status
}

# The VM tests on the debug kernel in make check: the hook under traffic
# across loads and unloads (t-reload), and the netlink adds and sets with
# config publication, every allocation failing in turn (t-failslab): the
# code with the locks, RCU and allocations. The others run on Debian's
# kernel, the users' one; DEBUG_ONLY ones (fault injection, which Debian's
# kernel lacks) only in make check-debug, which runs every VM test on the
# debug kernel. (On the debug guest a test takes 3-8 times as long: the
# list is what a cold make check can hold in an hour.)
DEBUG_VM="t-failslab t-reload"
DEBUG_ONLY="t-failslab-more"
# The VM tier runs SG_VM_JOBS guests at a time (tests/vm/run-all.sh): the
# longest first, so that the last to start is a short one.
export SG_VM_JOBS=${SG_VM_JOBS:-3}
SLOW_FIRST="t-nat t-answers t-tcp t-pressure t-netlink t-srcstate t-lab t-netns t-kamtcp"

if [ "${1:-}" = --debug ]; then
	tier deps step_deps
	tier build step_build	# sipguardctl and the tests' tools
	tier debug-kernel step_debug_kernel
	tier kunit step_kunit
	tier vm-debug env SG_KERNEL=debug tests/vm/run-all.sh
else
	debug_tests=() debian_tests=()
	all=()
	for t in $SLOW_FIRST; do [ -f "tests/vm/$t.sh" ] && all+=("tests/vm/$t.sh"); done
	for t in tests/vm/t-*.sh; do
		case " $SLOW_FIRST " in *" $(basename "$t" .sh) "*) ;; *) all+=("$t") ;; esac
	done
	for t in "${all[@]}"; do
		name=$(basename "$t" .sh)
		case " $DEBUG_ONLY " in *" $name "*) continue ;; esac
		case " $DEBUG_VM " in
		*" $name "*) debug_tests+=("$t") ;;
		*) debian_tests+=("$t") ;;
		esac
	done
	tier deps step_deps
	start_debug_kernel
	tier build step_build
	tier unit step_unit
	tier cli tests/cli/test-inspect.sh
	tier compare make -s -C tests/compare check
	tier fuzz step_fuzz
	tier dkms tests/dkms-test.sh
	tier bench tests/vm/selftest.sh
	tier vm tests/vm/run-all.sh "${debian_tests[@]}"
	tier debug-kernel step_debug_kernel
	tier kunit step_kunit
	tier vm-debug env SG_KERNEL=debug tests/vm/run-all.sh "${debug_tests[@]}"
fi

echo "== total: $((SECONDS - t0)) s"
if [ ${#failures[@]} -gt 0 ]; then
	echo "== failed:"
	printf '%s\n' "${failures[@]}"
fi
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
