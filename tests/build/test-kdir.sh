#!/bin/bash
# The kernel tree lookup as a fresh machine meets it: `make check` and
# `make demo` start with no headers installed, install them from inside
# their recipe, then run inner makes that must find them. Simulated with a
# headers directory that appears only after the outer make has started, an
# environment without KDIR/KVER, and one with both exported empty (what the
# old Makefile did). TAP on stdout.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }

hdr=$tmp/src/linux-headers-6.1.0-99-amd64
# The recipe of the outer make creates the headers (a stand-in tree whose
# Makefile says which module directory it was asked to build), then runs
# inner makes as check.sh and demo.sh do.
late="late: ; mkdir -p $hdr/include/generated && \
echo '#define UTS_RELEASE \"6.1.0-99-amd64\"' > $hdr/include/generated/utsrelease.h && \
printf 'modules:\\n\\t@echo stand-in tree built \$\$(M)\\n' > $hdr/Makefile && \
\$(MAKE) -s --no-print-directory print-kdir print-kver && \$(MAKE) -s --no-print-directory module"

run() { # run NAME ENV...: the outer make with that environment
	local name=$1; shift
	rm -rf "$tmp/src"
	if ! env "$@" make -s --no-print-directory -C "$repo" --eval "$late" \
		KRUNNING="$tmp/none" KHEADERS="$tmp/src/linux-headers-*-amd64" late \
		> "$tmp/out" 2>&1; then
		nok "$name: the outer make succeeds"; sed 's/^/# /' "$tmp/out"; return
	fi
	if [ "$(sed -n 1p "$tmp/out")" = "$hdr" ] && [ "$(sed -n 2p "$tmp/out")" = "6.1.0-99-amd64" ]; then
		ok "$name: headers installed after make started are found (KDIR, KVER)"
	else
		nok "$name: headers installed after make started are found (KDIR, KVER)"; sed 's/^/# /' "$tmp/out"
	fi
	if grep -qx "stand-in tree built $repo" "$tmp/out"; then
		ok "$name: the module is built against them"
	else
		nok "$name: the module is built against them"; sed 's/^/# /' "$tmp/out"
	fi
}

run "no KDIR in the environment" -u KDIR -u KVER
run "KDIR and KVER exported empty" KDIR= KVER=

# An explicit KDIR still wins.
mkdir -p "$tmp/explicit"
if [ "$(env -u KVER make -s --no-print-directory -C "$repo" KDIR="$tmp/explicit" print-kdir)" = "$tmp/explicit" ]; then
	ok "an explicit KDIR is used as given"
else
	nok "an explicit KDIR is used as given"
fi
# No tree at all: a sentence, not a failure deep inside kbuild.
if env -u KDIR -u KVER make -s -C "$repo" KRUNNING="$tmp/none" KHEADERS="$tmp/none-*" module > "$tmp/out" 2>&1; then
	nok "without headers, make module fails"
elif grep -q "no kernel build tree: install linux-headers-amd64 or set KDIR" "$tmp/out"; then
	ok "without headers, make module says what to install"
else
	nok "without headers, make module says what to install"; sed 's/^/# /' "$tmp/out"
fi
exit $fail
