#!/bin/bash
# make fresh-check: the README's promise, checked. On a Debian 12 root made
# from nothing with debootstrap, from a clean clone of HEAD with shared/
# beside it, as root with a login's clean environment, run `make demo` and
# then `make check`, exactly as a user of a fresh machine would.
# Not part of `make check`: run it as root on a Debian 12 machine.
#
# Stages (one progress line each, full logs in $FRESH_DIR/logs/):
#   host-deps   debootstrap on this machine (apt-get), if missing
#   base        debootstrap --variant=minbase bookworm, from the mirror this
#               machine's apt uses (never a mirror named here), plus the
#               only packages installed by hand: git, make, ca-certificates
#               (minbase lacks them; "after `git clone`, make ..." needs git
#               and make, and a clone over https needs ca-certificates).
#               Everything else must come from scripts/install-deps.sh.
#   root        a new copy of the base; /etc/resolv.conf from this machine
#   clone       `git clone` of HEAD into /root/sipguard, shared/ copied to
#               /root/shared beside it (read-only, as CI lays it)
#   demo        `make demo` in the clone
#   check       `make check` in the clone
#   deb         `make deb-test` in the clone: the Debian packages built
#               (lintian), installed, used and purged in a guest (kept out
#               of make check's hour)
#
# Environment:
#   FRESH_DIR=DIR       work directory (default: build/fresh in the repository)
#   FRESH_KEEP_ROOT=1   reuse the debootstrapped base of an earlier run if it
#                       exists (the root, the clone and every cache in it are
#                       new each run all the same); default: build it anew
#   FRESH_VARIANT=V     debootstrap variant (default minbase; "" for the
#                       default required+important set)
#   FRESH_CLEAN=1       remove the root at the end (default: keep it for
#                       inspection; the next run removes it first)
#
# Everything runs in a private mount and PID namespace: the mounts made for
# the root (proc, sysfs, a tmpfs /dev with its own devpts, /dev/shm, /run,
# /tmp) are unmounted on exit, on failure and on Ctrl-C, and vanish with the
# namespace even if this script is killed outright, as do the processes
# started in the root. /dev is a tmpfs with the few device nodes a build
# needs, never a bind of (or a second devtmpfs on) the machine's /dev, so
# no later `rm -rf` can reach the machine's devices.
set -u
set -o pipefail

self=$(realpath "$0")
repo=$(cd "$(dirname "$self")/.." && pwd)

die() { echo "fresh-check: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot, mounts)"

# Re-run inside a private mount and PID namespace (see above).
if [ -z "${FRESH_CHECK_NS:-}" ]; then
	exec unshare --mount --propagation private --pid --fork --kill-child --mount-proc \
		-- env FRESH_CHECK_NS=1 bash "$self" "$@"
fi

fresh=${FRESH_DIR:-$repo/build/fresh}
mkdir -p "$fresh" || die "cannot create $fresh"
fresh=$(cd "$fresh" && pwd)
case $fresh in
/ | /bin | /boot | /dev | /etc | /home | /lib* | /proc | /root | /run | /sys | /tmp | /usr | /var)
	die "FRESH_DIR=$fresh: refusing a system directory" ;;
esac
base=$fresh/base
root=$fresh/root
logs=$fresh/logs
suite=bookworm
variant=${FRESH_VARIANT-minbase}
guest_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

exec 9> "$fresh/.lock"
flock -n 9 || die "another fresh-check holds $fresh/.lock"

t0=$SECONDS
timings=()
elapsed() { printf '%02d:%02d' $(((SECONDS - t0) / 60)) $(((SECONDS - t0) % 60)); }
say() { echo "[fresh-check $(elapsed)] $*"; }

# ---------------------------------------------------------------- mounts

# Every mount point at or under DIR, deepest first.
mounts_under() {
	findmnt -rn -o TARGET | sed 's/\\x20/ /g' |
		awk -v d="$1" '$0 == d || index($0, d "/") == 1' | sort -r
}

# Stop the processes whose root is DIR (only ours: the namespace is ours).
kill_in_root() {
	local dir=$1 sig p pids
	for sig in TERM KILL; do
		pids=
		for p in /proc/[0-9]*; do
			[ "$(readlink "$p/root" 2>/dev/null)" = "$dir" ] && pids="$pids ${p#/proc/}"
		done
		[ -n "$pids" ] || return 0
		# shellcheck disable=SC2086
		kill -s $sig $pids 2>/dev/null
		sleep 2
	done
}

umount_under() {
	local t
	mounts_under "$1" | while IFS= read -r t; do
		umount "$t" 2>/dev/null || umount -l "$t" 2>/dev/null || echo "fresh-check: cannot unmount $t" >&2
	done
	[ -z "$(mounts_under "$1")" ]
}

# rm -rf DIR, only when nothing is mounted under it, never across a mount.
safe_rm() {
	local dir=$1
	[ -e "$dir" ] || return 0
	umount_under "$dir" || die "mounts remain under $dir; not removing it"
	rm -rf --one-file-system "$dir"
}

# What a real machine has mounted, inside the root DIR.
mount_root() {
	local r=$1
	mount -t proc -o nosuid,nodev,noexec proc "$r/proc" || return 1
	mount -t sysfs -o nosuid,nodev,noexec sysfs "$r/sys" || return 1
	mount -t tmpfs -o nosuid,mode=0755,size=64M dev "$r/dev" || return 1
	mknod -m 0666 "$r/dev/null" c 1 3 || return 1
	mknod -m 0666 "$r/dev/zero" c 1 5 || return 1
	mknod -m 0666 "$r/dev/full" c 1 7 || return 1
	mknod -m 0666 "$r/dev/random" c 1 8 || return 1
	mknod -m 0666 "$r/dev/urandom" c 1 9 || return 1
	mknod -m 0666 "$r/dev/tty" c 5 0 || return 1
	# /dev/kvm, where this machine has one (QEMU runs TCG here anyway)
	if [ -c /dev/kvm ]; then mknod -m 0660 "$r/dev/kvm" c 10 232; fi
	ln -s /proc/self/fd "$r/dev/fd" || return 1
	ln -s /proc/self/fd/0 "$r/dev/stdin" || return 1
	ln -s /proc/self/fd/1 "$r/dev/stdout" || return 1
	ln -s /proc/self/fd/2 "$r/dev/stderr" || return 1
	mkdir -p "$r/dev/pts" "$r/dev/shm" || return 1
	mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5,nosuid,noexec devpts "$r/dev/pts" || return 1
	ln -s pts/ptmx "$r/dev/ptmx" || return 1
	mount -t tmpfs -o nosuid,nodev,mode=1777 shm "$r/dev/shm" || return 1
	mount -t tmpfs -o nosuid,nodev,mode=0755 run "$r/run" || return 1
	mkdir -m 1777 "$r/run/lock" || return 1
	mount -t tmpfs -o nosuid,nodev,mode=1777 tmp "$r/tmp" || return 1
}

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	for d in "$root" "$base.tmp" "$base"; do
		[ -d "$d" ] || continue
		kill_in_root "$d"
		umount_under "$d" || echo "fresh-check: mounts left under $d" >&2
	done
	if [ "${FRESH_CLEAN:-0}" = 1 ]; then
		safe_rm "$root"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'echo; say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM

# ---------------------------------------------------------------- stages

# stage NAME COMMAND...: run with its output in logs/NAME.log; one line
# when it starts, one when it ends, with its time.
stage() {
	local name=$1 start=$SECONDS status=0
	shift
	say "$name ..."
	"$@" > "$logs/$name.log" 2>&1 < /dev/null || status=$?
	stage_done "$name" "$start" "$status"
	return "$status"
}

# live_stage NAME FILTER COMMAND...: the same, showing the log's lines that
# match FILTER (an ERE) while it runs.
live_stage() {
	local name=$1 filter=$2 start=$SECONDS status=0 pid
	shift 2
	say "$name ..."
	"$@" > "$logs/$name.log" 2>&1 < /dev/null &
	pid=$!
	tail -n +1 -f --pid=$pid "$logs/$name.log" 2>/dev/null |
		grep --line-buffered -E "$filter" | sed -u "s/^/    $name| /"
	wait $pid || status=$?
	stage_done "$name" "$start" "$status"
	return "$status"
}

stage_done() {
	local name=$1 start=$2 status=$3 d result
	d=$((SECONDS - start))
	if [ "$status" -eq 0 ]; then result=ok; else result="failed (status $status)"; fi
	timings+=("$(printf '  %-10s %6d s  %s' "$name" "$d" "$result")")
	say "$name: $result in $d s (log: $logs/$name.log)"
}

print_timings() {
	echo "Stage times:"
	printf '%s\n' "${timings[@]}"
	printf '  %-10s %6d s\n' total $((SECONDS - t0))
}

# fail WHY: the verdict for a stage that stopped the run.
fail() {
	print_timings
	echo "fresh-check: FAIL: $*"
	exit 1
}

# in_root DIR COMMAND: COMMAND (a shell string) as root in the root DIR,
# with a root login's environment and nothing else of ours.
in_root() {
	chroot "$1" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash \
		PATH="$guest_path" TERM="${TERM:-dumb}" LANG=C.UTF-8 \
		/bin/bash -c "umask 022; cd /root && $2"
}

# ---------------------------------------------------------------- mirrors

# host_uri SUITE: the first URI this machine's apt fetches SUITE from, from
# deb822 .sources files (debian.sources first) or one-line .list files.
host_uri() {
	local s=$1 f
	for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		awk -v s="$s" '
			function flush() {
				if (enabled && (" " types " ") ~ / deb / && (" " suites " ") ~ (" " s " ") && uris != "") {
					split(uris, u, /[ \t]+/); print u[1]; found = 1; exit
				}
				types = suites = uris = ""; enabled = 1
			}
			BEGIN { enabled = 1 }
			/^[ \t]*#/ { next }
			/^[ \t]*$/ { flush(); next }
			{
				key = tolower($0); sub(/:.*/, "", key)
				val = $0; sub(/^[^:]*:[ \t]*/, "", val); sub(/[ \t]+$/, "", val)
				if (key == "types") types = val
				else if (key == "suites") suites = val
				else if (key == "uris") uris = val
				else if (key == "enabled" && tolower(val) == "no") enabled = 0
			}
			END { if (!found) flush() }' "$f" | head -n1 | grep . && return 0
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" |
			awk -v s="$s" '$1 == "deb" && $3 == s { print $2; exit }' | grep . && return 0
	done
	return 1
}

mirror=$(host_uri "$suite" | sed 's|/*$||') ||
	die "no 'deb' source for $suite in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
updates_mirror=$(host_uri "$suite-updates" | sed 's|/*$||') || updates_mirror=$mirror
security_mirror=$(host_uri "$suite-security" | sed 's|/*$||') || security_mirror=

# ---------------------------------------------------------------- run

mkdir -p "$logs"
rm -f "$logs"/*.log
rm -rf "$logs/inner"
say "work directory $fresh; repository $repo at $(git -C "$repo" rev-parse --short HEAD)"
say "mirrors: $mirror ($suite, $suite-updates: $updates_mirror), security: ${security_mirror:-none found}"
[ -n "$security_mirror" ] || say "warning: this machine's apt has no $suite-security source; the root will have none either"
[ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] ||
	say "note: the work tree has uncommitted changes; the root gets HEAD only"

step_host_deps() {
	if [ "$(dpkg-query -W -f='${Status}' debootstrap 2>/dev/null)" = "install ok installed" ]; then
		echo "debootstrap $(dpkg-query -W -f='${Version}' debootstrap) already installed"
		return 0
	fi
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-cache show debootstrap > /dev/null 2>&1; then
		apt-get -o DPkg::Lock::Timeout=900 update -q || return 1
	fi
	apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends debootstrap && return 0
	# stale package lists: update once and try again
	apt-get -o DPkg::Lock::Timeout=900 update -q &&
		apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends debootstrap
}

# The apt sources a Debian 12 installation has, with this machine's mirrors.
write_sources() {
	local r=$1
	{
		echo "deb $mirror $suite main"
		echo "deb $updates_mirror $suite-updates main"
		[ -z "$security_mirror" ] || echo "deb $security_mirror $suite-security main"
	} > "$r/etc/apt/sources.list"
	rm -f "$r/etc/apt/sources.list.d/"*
}

step_base() {
	local tmp=$base.tmp
	safe_rm "$tmp"
	safe_rm "$base"
	rm -f "$fresh/base.ok"
	mkdir -p "$tmp"
	debootstrap ${variant:+--variant="$variant"} --include=git,make,ca-certificates \
		"$suite" "$tmp" "$mirror" || return 1
	write_sources "$tmp"
	# What every installed machine has and debootstrap may leave out.
	[ -s "$tmp/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$tmp/etc/hosts"
	[ -s "$tmp/etc/hostname" ] || echo fresh-check > "$tmp/etc/hostname"
	# No daemon a package installs is started from the chroot (kamailio
	# would listen on this machine's port 5060); a real machine starts it
	# under systemd, which the tests do not use either: they run in a VM.
	printf '#!/bin/sh\nexit 101\n' > "$tmp/usr/sbin/policy-rc.d"
	chmod 0755 "$tmp/usr/sbin/policy-rc.d"
	# No package lists or downloaded packages: install-deps.sh fetches its own.
	rm -rf "$tmp/var/lib/apt/lists/"* "$tmp/var/cache/apt/"*.bin
	find "$tmp/var/cache/apt/archives" -name '*.deb' -delete
	umount_under "$tmp" || return 1
	mv "$tmp" "$base"
	echo "$mirror $variant" > "$fresh/base.ok"
	echo "base: $(du -sh --one-file-system "$base" | cut -f1)"
	# shellcheck disable=SC2016
	chroot "$base" dpkg-query -W -f='${Package} ${Version}\n' | sort > "$logs/base-packages.txt"
	echo "base: $(wc -l < "$logs/base-packages.txt") packages (list: $logs/base-packages.txt)"
}

step_root() {
	safe_rm "$root" || return 1
	cp -a --one-file-system "$base" "$root" || return 1
	rm -f "$root/etc/resolv.conf"
	cat /etc/resolv.conf > "$root/etc/resolv.conf" || return 1
	mount_root "$root" || return 1
	echo "mounted in the root:"
	mounts_under "$root" | sort
}

step_clone() {
	local src_shared
	git clone --no-hardlinks "$repo" "$root/root/sipguard" || return 1
	git -C "$root/root/sipguard" log -1 --format='HEAD %H %s' || return 1
	src_shared=$(cd "$repo/.." && pwd)/shared
	if [ -d "$src_shared" ]; then
		cp -a "$src_shared" "$root/root/shared" || return 1
		echo "shared: $(du -sh "$root/root/shared" | cut -f1) copied from $src_shared"
	else
		echo "no $src_shared beside the repository: the tests fall back to tests/corpus"
	fi
	# what the user starts from
	in_root "$root" 'ls -la /root /root/sipguard; env; command -v git make'
}

# ---- host-deps, base, root, clone
stage host-deps step_host_deps || fail "could not install debootstrap on this machine"

if [ "${FRESH_KEEP_ROOT:-0}" = 1 ] && [ -d "$base" ] &&
   [ "$(cat "$fresh/base.ok" 2>/dev/null)" = "$mirror $variant" ]; then
	say "base: reusing $base (FRESH_KEEP_ROOT=1)"
	timings+=("$(printf '  %-10s %6s    %s' base - reused)")
else
	stage base step_base || fail "debootstrap failed (log: $logs/base.log)"
fi
stage root step_root || fail "could not make the root (log: $logs/root.log)"
stage clone step_clone || fail "could not clone the repository into the root"

# ---- the README's two commands
demo_status=0 check_status=0
live_stage demo '^(install-deps:|Booting|demo:|vm:)' \
	in_root "$root" 'cd sipguard && make demo' || demo_status=$?
live_stage check '^(== |not ok)' \
	in_root "$root" 'cd sipguard && make check' || check_status=$?
deb_status=0
live_stage deb '^(ok|not ok|lintian|E:|W:)' \
	in_root "$root" 'cd sipguard && make deb-test' || deb_status=$?

# ---- keep the inner logs beside ours (not the modules or disk images)
mkdir -p "$logs/inner"
(cd "$root/root/sipguard/build" 2>/dev/null &&
	find check demo vm/runs -type f \( -name '*.log' -o -name '*.txt' \) -print0 2>/dev/null |
	xargs -0r cp --parents -t "$logs/inner") || true

# ---- results
echo
echo "==== make demo (status $demo_status)"
if grep -q '^Booting the test guest' "$logs/demo.log"; then
	sed -n '/^Booting the test guest/,$p' "$logs/demo.log"
else
	tail -n 40 "$logs/demo.log"
fi
echo
echo "==== make check (status $check_status)"
grep -E '^not ok' "$logs/check.log" | sed 's/^/  /'
last=$(tail -n 1 "$logs/check.log")
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/check.log" | tail -n 1)
echo "last line of make check: $last"
[ "$last" = "$summary" ] || echo "summary line of make check: ${summary:-(none)}"
echo
print_timings

why=
[ "$demo_status" -eq 0 ] || why="$why; make demo exited $demo_status"
[ "$check_status" -eq 0 ] || why="$why; make check exited $check_status"
[ "$deb_status" -eq 0 ] || why="$why; make deb-test exited $deb_status"
if [ -z "$summary" ]; then
	why="$why; make check printed no summary line"
elif ! echo "$summary" | grep -q ' 0 failed'; then
	why="$why; make check: $summary"
fi
if [ -n "$why" ]; then
	echo "fresh-check: FAIL${why/#;/:} (logs: $logs)"
	exit 1
fi
echo "fresh-check: PASS: make demo, make check ($summary) and make deb-test on a fresh Debian 12 root in $((SECONDS - t0)) s"
