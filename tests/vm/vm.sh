#!/bin/bash
# Boot Debian's packaged kernel (or, with -k debug, the debug kernel of
# scripts/debug-kernel.sh) under QEMU TCG with the host's root shared
# read-only (9p) under a tmpfs overlay, load nothing but what the job asks
# for, run one job script inside, and report its status.
#
#   tests/vm/vm.sh [-k debian|debug] [-t SECONDS] [-o OUTDIR] [-m MEM] [-p] [-i] SCRIPT [ARGS...]
#
# -p pins QEMU's threads on the host: the thread of the guest's CPU 1
# alone on the host's last CPU, every other thread (CPU 0, the main loop,
# 9p workers) on the others, so that what the guest measures on its CPU 1
# (make bench's receiver) is not shared with the rest of the guest.
#
# -i loads tests/bench/insncount.c (built as build/insncount.so) into QEMU:
# the guest instructions each vCPU ran, in OUTDIR/insns, which the guest
# reads as /sgvm/insns (make bench's instruction counts).
#
# SG_KERNEL=debug in the environment is the same as -k debug. On the debug
# kernel the module is build/debug-module/sipguard.ko (make module-debug),
# and after the job the guest unloads sipguard and runs a kmemleak scan.
#
# The guest sees the host's files at the same paths, so SCRIPT runs from the
# work tree; the freshly built sipguard.ko is installed in the guest's
# overlay so `modprobe sipguard` works there. Exit status: the job's, or 1
# when the kernel log holds a WARNING, BUG, oops, lockdep, KASAN or refcount
# report, or 124 when the guest did not finish in time.
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
timeout=300
out=
mem=
kind=${SG_KERNEL:-debian}
pin=
plugin=
usage="usage: $0 [-k debian|debug] [-t SECONDS] [-o OUTDIR] [-m MEM] [-p] [-i] SCRIPT [ARGS...]"

while getopts "k:t:o:m:pi" opt; do
	case $opt in
	k) kind=$OPTARG ;;
	t) timeout=$OPTARG ;;
	o) out=$OPTARG ;;
	m) mem=$OPTARG ;;
	p) pin=1 ;;
	i) plugin=1 ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
script=$(realpath "$1"); shift

case $kind in
debian)
	kver=${KVER:-$(make -s -C "$repo" print-kver)}
	kernel=/boot/vmlinuz-$kver
	[ -r "$kernel" ] || { echo "vm: $kernel missing: install linux-image-amd64 (scripts/install-deps.sh)" >&2; exit 2; }
	[ -d "/lib/modules/$kver/kernel" ] || { echo "vm: /lib/modules/$kver missing" >&2; exit 2; }
	modtree=/lib/modules/$kver
	ko=$repo/sipguard.ko
	: "${mem:=2048}"
	;;
debug)
	# everything the guest needs is built in; modules.builtin tells
	# modprobe so, and the module index is made from it below
	dbg=$("$repo/scripts/debug-kernel.sh" --print)
	kernel=$dbg/arch/x86/boot/bzImage
	[ -r "$kernel" ] || { echo "vm: $kernel missing: make debug-kernel" >&2; exit 2; }
	kver=$(cat "$dbg/include/config/kernel.release")
	modtree=$dbg
	ko=$repo/build/debug-module/sipguard.ko
	if [ -f "$ko" ] && [ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" != "$kver" ]; then
		echo "vm: $ko is not built for $kver: make module-debug" >&2
		exit 2
	fi
	# KASAN's shadow and kmemleak's pool come on top of the tests' needs
	: "${mem:=3072}"
	;;
*) echo "$usage" >&2; exit 2 ;;
esac

# The initramfs only holds busybox, stage 1 and the modules 9p needs (none
# for the debug kernel, which has them built in).
initrd=$repo/build/vm/initramfs-$kver.cpio.gz
if [ ! -s "$initrd" ] || [ "$here/initramfs-init" -nt "$initrd" ]; then
	stage=$(mktemp -d)
	mkdir -p "$stage/bin" "$stage/modules" "$(dirname "$initrd")"
	cp /bin/busybox "$stage/bin/busybox"
	cp "$here/initramfs-init" "$stage/init"
	for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev \
		 virtio_pci netfs fscache 9pnet 9pnet_virtio 9p overlay; do
		[ "$kind" = debug ] && break
		f=$(find "/lib/modules/$kver/kernel" -name "$m.ko*" | head -n1)
		[ -n "$f" ] || { echo "vm: module $m not found for $kver" >&2; exit 2; }
		case $f in
		*.ko) cp "$f" "$stage/modules/$m.ko" ;;
		*.ko.xz) xz -dc "$f" > "$stage/modules/$m.ko" ;;
		*.ko.zst) zstd -qdc "$f" > "$stage/modules/$m.ko" ;;
		esac
	done
	(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) > "$initrd.tmp.$$" &&
		mv "$initrd.tmp.$$" "$initrd"
	rm -rf "$stage"
fi

# The SIP corpus (shared/ beside the clone), shared read-only like the tree.
corpus=${SG_CORPUS:-$(cd "$repo/.." && pwd)/shared/sip-corpus}
[ -d "$corpus" ] || corpus=$repo/tests/corpus

if [ -z "$out" ]; then
	mkdir -p "$repo/build/vm/runs"
	out=$(mktemp -d "$repo/build/vm/runs/$(basename "$script" .sh).XXXXXX")
fi
mkdir -p "$out"
rm -f "$out/rc" "$out/rc.tmp" "$out/dmesg.log" "$out/output.log" "$out/kmemleak.log" "$out/insns"
qemu_plugin=()
if [ -n "$plugin" ]; then
	make -s -C "$repo" build/insncount.so || exit 2
	qemu_plugin=(-plugin "$repo/build/insncount.so,out=$out/insns")
fi
# depmod over 9p takes ~20 s under TCG; index the module on the host, in a
# staging tree that links to the real one, and let the guest copy the index.
rm -rf "$out/modules"
if [ -f "$ko" ]; then
	stage=$out/depmod/lib/modules/$kver
	mkdir -p "$stage/extra" "$out/modules"
	if [ "$kind" = debug ]; then
		# no module but sipguard: the built-in list is the whole tree
		cp "$modtree/modules.builtin" "$modtree/modules.builtin.modinfo" "$stage/"
	else
		for f in "$modtree"/*; do
			case $(basename "$f") in
			modules.*) cp "$f" "$stage/" ;;
			# a sipguard installed on the host (make install, dkms) must
			# not shadow the one under test: out-of-tree trees are left out
			extra|updates) ;;
			*) ln -s "$f" "$stage/" ;;
			esac
		done
	fi
	cp "$ko" "$stage/extra/"
	depmod -b "$out/depmod" "$kver" || exit 2
	cp "$stage"/modules.* "$out/modules/"
	cp "$ko" "$out/modules/"
	rm -rf "$out/depmod"
fi
{
	echo "cd $(printf %q "$repo")"
	printf 'export SG_REPO=%q SG_OUT=/sgvm SG_CORPUS=%q SG_KERNEL=%q\n' "$repo" "$corpus" "$kind"
	printf 'exec bash %q' "$script"
	for a in "$@"; do printf ' %q' "$a"; done
	echo
} > "$out/job"
echo "$repo" > "$out/repo-path"
echo "$corpus" > "$out/corpus-path"

# the debug kernel leaves PCI interrupt routing to the MP table: ACPI's
# _PRT evaluation under KASAN and kmemleak costs a minute of TCG at boot
# and trips the soft-lockup watchdog
append=
[ "$kind" = debug ] && append=" acpi=noirq"
# pin_threads QEMU_PID: for as long as it runs (threads come and go), the
# thread named "CPU 1/TCG" on the host's last CPU, the others on the rest
pin_threads() {
	local last=$(($(nproc) - 1)) t comm said= one others
	[ "$last" -ge 1 ] || { echo "vm: -p needs 2 host CPUs" >&2; return; }
	while kill -0 "$1" 2>/dev/null; do
		one= others=0
		for t in /proc/"$1"/task/*; do
			comm=$(cat "$t/comm" 2>/dev/null) || continue
			if [ "$comm" = "CPU 1/TCG" ]; then
				taskset -pc "$last" "${t##*/}" > /dev/null 2>&1 && one=${t##*/}
			else
				taskset -pc "0-$((last - 1))" "${t##*/}" > /dev/null 2>&1 &&
					others=$((others + 1))
			fi
		done
		if [ -z "$said" ] && [ -n "$one" ]; then
			echo "vm: -p: QEMU's CPU 1/TCG (thread $one) on host CPU $last, $others other threads on 0-$((last - 1))" >&2
			said=1
		fi
		sleep 1
	done
	[ -n "$said" ] || echo "vm: -p: QEMU had no thread named CPU 1/TCG: nothing pinned alone" >&2
}
start=$(date +%s.%N)
if [ -n "$pin" ]; then
	# QEMU: the child of this shell's timeout (comm is cut to 15 bytes)
	( for _ in $(seq 300); do
		tp=$(pgrep -n -x -P $$ timeout) &&
			q=$(pgrep -n -x -P "$tp" qemu-system-x86) && pin_threads "$q" && exit
		sleep 0.2
	  done; echo "vm: -p: QEMU not found, nothing pinned" >&2 ) &
fi
timeout --foreground -k 10 "$timeout" \
	qemu-system-x86_64 -accel tcg -smp 2 -m "$mem" -name sgvm,debug-threads=on \
	-nographic -no-reboot -nic none "${qemu_plugin[@]}" \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 rdinit=/init quiet loglevel=5 panic=-1 sgvm_init=$here/guest-init.sh$append" \
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
	-virtfs "local,path=$out,mount_tag=sgvm,security_model=none,multidevs=remap" \
	-virtfs "local,path=$repo,mount_tag=sgrepo,security_model=none,readonly=on,multidevs=remap" \
	-virtfs "local,path=$corpus,mount_tag=sgcorpus,security_model=none,readonly=on,multidevs=remap" \
	< /dev/null > "$out/console.log" 2>&1
qrc=$?
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
printf 'vm: %s finished in %.1f s (log: %s)\n' "$(basename "$script")" "$elapsed" "$out"

if [ $qrc -eq 124 ] || [ $qrc -eq 137 ]; then
	echo "vm: guest did not finish within ${timeout}s; console tail:" >&2
	tail -n 40 "$out/console.log" >&2
	exit 124
fi
if [ ! -f "$out/rc" ]; then
	echo "vm: guest stopped without a result; console tail:" >&2
	tail -n 40 "$out/console.log" >&2
	exit 1
fi
rc=$(cat "$out/rc")

# Any report in the kernel log fails the run, whatever the job said.
if ! "$here/check-log.sh" "$out/dmesg.log" "$out/console.log" "$out/kmemleak.log"; then
	[ "$rc" -eq 0 ] && rc=1
fi
exit "$rc"
