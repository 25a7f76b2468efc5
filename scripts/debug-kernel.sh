#!/bin/bash
# The VM tier's debug kernel: Debian's linux-source-6.1 for x86_64, configured
# from allnoconfig plus tests/vm/debug-kernel.config (what the guest needs and
# the kernel's checkers: KASAN, lockdep, kmemleak, debug objects, UBSAN,
# fault injection), built once and cached like the UML build of tests/kunit.sh.
#
#   scripts/debug-kernel.sh           build it if needed; print the build tree
#   scripts/debug-kernel.sh --print   print the build tree, build nothing
#
# The build tree is also the KDIR the module is built against for it
# (make module-debug). A cold build takes ~17 minutes on 2 cores; a change of
# the config fragment rebuilds what it touches.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${SIPGUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sipguard}
tarball=/usr/src/linux-source-6.1.tar.xz
frag=$repo/tests/vm/debug-kernel.config

[ -r "$tarball" ] || { echo "debug-kernel: $tarball missing: install linux-source-6.1 (scripts/install-deps.sh)" >&2; exit 2; }
ver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
src=$cache/debug-kernel/linux-source-$ver
build=$cache/debug-kernel/build-$ver

if [ "${1:-}" = --print ]; then
	echo "$build"
	exit 0
fi

mkdir -p "$cache/debug-kernel"
# one builder at a time (make check and make demo may start together)
exec 9> "$cache/debug-kernel/lock"
flock 9

log() { echo "debug-kernel: $*" >&2; }

if [ ! -f "$src/.sipguard-extracted" ]; then
	log "extracting $tarball into $src (once per source version)"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -C "$src.tmp" --strip-components=1 -xf "$tarball"
	touch "$src.tmp/.sipguard-extracted"
	mv "$src.tmp" "$src"
fi

# The configuration: allnoconfig, the fragment merged in, olddefconfig; then
# every line of the fragment must hold (a symbol whose dependencies are not
# met is dropped silently by Kconfig: that would be a checker not running).
sum=$(cat "$frag" "$0" | sha256sum | cut -d' ' -f1)
mkdir -p "$build"
if [ "$(cat "$build/.sipguard-config" 2>/dev/null)" != "$sum" ]; then
	log "configuring $build from $(basename "$frag")"
	rm -f "$build/.sipguard-config" "$build/.sipguard-built"
	make -s -C "$src" O="$build" allnoconfig > /dev/null
	(cd "$src" && scripts/kconfig/merge_config.sh -m -O "$build" "$build/.config" "$frag") \
		> "$build/merge.log" 2>&1 || { cat "$build/merge.log" >&2; exit 1; }
	make -s -C "$src" O="$build" olddefconfig > /dev/null
	bad=0
	while IFS= read -r line; do
		case $line in
		'# CONFIG_'*' is not set')
			sym=${line#\# }; sym=${sym%% *}
			grep -q "^$sym=" "$build/.config" && { log "$sym is set, the fragment wants it off"; bad=1; } ;;
		CONFIG_*)
			grep -qxF "$line" "$build/.config" || { log "$line did not survive olddefconfig (a dependency is missing)"; bad=1; } ;;
		esac
	done < "$frag"
	[ $bad -eq 0 ] || exit 1
	echo "$sum" > "$build/.sipguard-config"
fi

if [ ! -f "$build/.sipguard-built" ] || [ "$build/.config" -nt "$build/.sipguard-built" ]; then
	log "building $(make -s -C "$src" O="$build" kernelrelease) in $build (cold: ~17 min on 2 cores; log: $build/build.log)"
	start=$SECONDS
	make -C "$src" O="$build" -j"$(nproc)" bzImage modules > "$build/build.log" 2>&1 &
	pid=$!
	# a progress line a minute: this is the longest step of a cold make check
	while kill -0 $pid 2> /dev/null; do
		for _ in $(seq 60); do kill -0 $pid 2> /dev/null || break; sleep 1; done
		kill -0 $pid 2> /dev/null &&
			log "$(( (SECONDS - start) / 60 )) min, $(grep -c '^  CC ' "$build/build.log") files compiled"
	done
	if ! wait $pid; then
		log "build failed:"
		grep -E -B3 -A3 'error:|Error [0-9]' "$build/build.log" | tail -n 30 >&2
		exit 1
	fi
	touch "$build/.sipguard-built"
	log "built in $((SECONDS - start)) s"
fi
echo "$build"
