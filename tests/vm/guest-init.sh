#!/bin/bash
# Stage 2 of the test guest, PID 1 on the overlay root: mount the usual
# filesystems afresh, run /sgvm/job, leave its status and the kernel log in
# /sgvm for the host, power off.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /var/tmp
mount -t tmpfs tmpfs /var/log
mount -t tmpfs tmpfs /var/run 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
# The work tree, mounted again at its own path: the tmpfs mounts above hide
# it when it lives under /tmp, /run or /var/tmp (a CI clone may).
repo=$(cat /sgvm/repo-path)
mkdir -p "$repo"
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000 sgrepo "$repo" ||
	echo "sgvm: cannot mount the work tree at $repo"
corpus=$(cat /sgvm/corpus-path)
mkdir -p "$corpus"
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000 sgcorpus "$corpus" ||
	echo "sgvm: cannot mount the corpus at $corpus"
hostname sgvm
ip link set lo up
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb

# The freshly built module and the module index the host made for it,
# installed into the tmpfs upper layer only, so that tests can
# `modprobe sipguard` like an operator would.
if [ -f /sgvm/modules/sipguard.ko ]; then
	mkdir -p "/lib/modules/$(uname -r)/extra"
	cp /sgvm/modules/sipguard.ko "/lib/modules/$(uname -r)/extra/"
	cp /sgvm/modules/modules.* "/lib/modules/$(uname -r)/"
fi
# The lab's SIP servers live in network namespaces, as in containers;
# sipguard inspects only the initial one unless told otherwise. The tests
# load it for every netns, as a host of such containers would configure
# it; t-netns.sh checks the default (all_netns=0 on its command line).
echo "options sipguard all_netns=1" > /etc/modprobe.d/sipguard-lab.conf

# kmemleak (the debug kernel): what boot left unreferenced is forgotten
# before the job, so that a report after it is the job's.
kml=/sys/kernel/debug/kmemleak
if [ -w $kml ]; then
	echo scan > $kml
	echo clear > $kml
fi

echo "sgvm: running job at $(cut -d" " -f1 /proc/uptime)s"
bash /sgvm/job > >(tee /sgvm/output.log) 2>&1
echo $? > /sgvm/rc.tmp

# After the job, with sipguard unloaded (its leaks become unreferenced only
# once its own data is gone), objects older than kmemleak's 5 s minimum age
# and referenced from nowhere are reported in /sgvm/kmemleak.log, which the
# host's log check reads.
if [ -w $kml ]; then
	if grep -q '^sipguard ' /proc/modules && ! modprobe -r sipguard; then
		echo "sgvm: sipguard did not unload after the job"
		echo 1 > /sgvm/rc.tmp
	fi
	sleep 6
	echo scan > $kml
	echo scan > $kml
	cat $kml > /sgvm/kmemleak.log
	echo "sgvm: kmemleak: $(grep -c 'unreferenced object' /sgvm/kmemleak.log) unreferenced objects after the job"
fi
sync
sleep 0.2	# let tee drain
dmesg > /sgvm/dmesg.log
mv /sgvm/rc.tmp /sgvm/rc
sync
# PID 1 must never exit (that panics); busybox calls reboot(2) directly.
# A reset, not a power-off: QEMU's -no-reboot ends on it whatever the
# kernel knows of ACPI.
busybox reboot -f
while :; do sleep 1; done
