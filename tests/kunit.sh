#!/bin/bash
# Run sipguard's KUnit suites with kunit.py on UML, from Debian's
# linux-source-6.1, in a scratch copy of the kernel tree kept in a cache
# directory (never in /usr/src). The module's sources are linked into that
# tree as net/sipguard/, so the suites always test the work tree as it is.
# The UML build directory is cached too: a cold build takes ~5-7 minutes on
# 2 cores, a warm one seconds.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${SIPGUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sipguard}
tarball=/usr/src/linux-source-6.1.tar.xz

[ -r "$tarball" ] || { echo "kunit: $tarball missing: install linux-source-6.1 (scripts/install-deps.sh)" >&2; exit 2; }
ver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
src=$cache/kunit/linux-source-$ver
build=$cache/kunit/build-$ver

if [ ! -f "$src/.sipguard-extracted" ]; then
	echo "kunit: extracting $tarball into $src (once per source version)"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -C "$src.tmp" --strip-components=1 -xf "$tarball"
	# Hook net/sipguard/ into the tree's Kconfig and Makefile.
	echo 'source "net/sipguard/Kconfig"' >> "$src.tmp/net/Kconfig"
	echo 'obj-$(CONFIG_SIPGUARD_KUNIT_TEST) += sipguard/' >> "$src.tmp/net/Makefile"
	touch "$src.tmp/.sipguard-extracted"
	mv "$src.tmp" "$src"
fi

# (Re)point the links at this work tree: a clone elsewhere reuses the cache.
# make judges by mtimes, and another tree's files may be older than the
# objects built from the last one: when the links move, the objects go.
mkdir -p "$src/net/sipguard"
if [ "$(readlink "$src/net/sipguard/kmod")" != "$repo/kmod" ]; then
	rm -rf "$build/net/sipguard"
fi
ln -sfn "$repo/kmod" "$src/net/sipguard/kmod"
ln -sfn "$repo/uapi" "$src/net/sipguard/uapi"
ln -sfn "$repo/kmod/tests/Kconfig.kunit" "$src/net/sipguard/Kconfig"
ln -sfn "$repo/kmod/tests/Kbuild.kunit" "$src/net/sipguard/Makefile"

cd "$src"
exec python3 tools/testing/kunit/kunit.py run \
	--kunitconfig="$repo/kmod/tests/.kunitconfig" \
	--build_dir="$build" \
	--jobs="$(nproc)" \
	--timeout=600 \
	"$@"
