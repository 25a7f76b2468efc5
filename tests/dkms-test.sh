#!/bin/bash
# dkms accepts the tree: add, build for every installed Debian header
# version (not the running kernel, which dkms allows), in private source and
# dkms trees so the system's /usr/src and /var/lib/dkms stay untouched.
# TAP-style output, counted by scripts/check.sh.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
version=$(cat "$repo/VERSION")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }

if grep -q "^PACKAGE_VERSION=\"$version\"$" "$repo/dkms.conf" &&
   grep -q "SG_VERSION	\"$version\"" "$repo/kmod/main.c"; then
	ok "dkms.conf, VERSION and MODULE_VERSION agree on $version"
else
	not_ok "dkms.conf, VERSION and MODULE_VERSION agree on $version"
fi

make -s -C "$repo" dkms-src DESTDIR="$tmp/root" > /dev/null
mkdir -p "$tmp/dkms"
dkms=(dkms --sourcetree "$tmp/root/usr/src" --dkmstree "$tmp/dkms")
if "${dkms[@]}" add -m sipguard -v "$version" > "$tmp/add.log" 2>&1; then
	ok "dkms add"
else
	not_ok "dkms add"; cat "$tmp/add.log"
fi

for hdr in /usr/src/linux-headers-*-amd64; do
	[ -f "$hdr/include/generated/utsrelease.h" ] || continue
	kver=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$hdr/include/generated/utsrelease.h")
	if "${dkms[@]}" build -m sipguard -v "$version" -k "$kver" \
		--kernelsourcedir "$hdr" > "$tmp/build.log" 2>&1 &&
	   ko=$(find "$tmp/dkms/sipguard/$version/$kver" -name sipguard.ko | head -n1) &&
	   [ -n "$ko" ] && modinfo -F vermagic "$ko" | grep -q "^$kver "; then
		ok "dkms build -k $kver gives a sipguard.ko for $kver"
	else
		not_ok "dkms build -k $kver"; tail -n 30 "$tmp/build.log"
		find "$tmp/dkms" -name make.log -exec tail -n 30 {} \;
	fi
done
[ "$failed" -eq 0 ] && [ "$n" -gt 2 ]
