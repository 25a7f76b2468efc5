#!/bin/bash
# make deb: the Debian packages sipguard-dkms (the module's source, built
# by dkms for each kernel on the target) and sipguardctl (the tool, its
# man page, units and examples), from debian/ with debhelper and dh-dkms,
# then lintian. The work tree's tracked files are copied to build/deb/src
# and built there, so the tree itself stays clean; the .deb files land in
# build/deb/.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$repo/build/deb
"$repo/scripts/install-deps.sh" > /dev/null
rm -rf "$out"
mkdir -p "$out/src"
git -C "$repo" ls-files -z | (cd "$repo" && tar --null -T - -cf -) | tar -xf - -C "$out/src"
cd "$out/src"
if ! dpkg-buildpackage -b -us -uc > "$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log" >&2
	echo "make deb: dpkg-buildpackage failed (log: $out/build.log)" >&2
	exit 1
fi
cd "$out"
ls ./*.deb
# every tag lintian prints is shown, info ones too; errors and warnings fail
# (each override in debian/*.lintian-overrides says why)
lintian -I --fail-on error,warning ./*.changes 2>&1 | grep -v "running with root privileges"
exit "${PIPESTATUS[0]}"
