#!/bin/bash
# The Debian packages in a guest, as an operator installs them: `apt install
# ./sipguard-dkms_*.deb ./sipguardctl_*.deb` builds the module through dkms
# for the running kernel, `modprobe sipguard` loads that build and
# `sipguardctl status` talks to it; `apt purge` then leaves nothing behind
# (none of the files the packages listed or dkms built, no dkms entry, no
# package). Needs `make deb` first; run by `make deb-test`.
# vm-timeout: 1800
. "$(dirname "$0")/lib.sh"

debs=("$SG_REPO"/build/deb/sipguard-dkms_*_all.deb "$SG_REPO"/build/deb/sipguardctl_*_amd64.deb)
for d in "${debs[@]}"; do
	[ -f "$d" ] || { not_ok "the packages exist (make deb): $d"; exit 1; }
done
kver=$(uname -r)
# the harness's own sipguard.ko must not stand in for the package's
rm -f "/lib/modules/$kver/extra/sipguard.ko"
depmod -a "$kver"
check "before: no sipguard module for $kver" bash -c "! modinfo sipguard > /dev/null 2>&1"

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q "${debs[@]}" > /tmp/install.log 2>&1
rc=$?
check "apt install of both packages: exit 0" test $rc -eq 0
[ $rc -eq 0 ] || tail -n 30 /tmp/install.log | sed 's/^/# /'
check "dkms built and installed sipguard for $kver" \
	bash -c "dkms status sipguard | grep -q \"$kver.*installed\""
check "modinfo finds the dkms build" bash -c "modinfo -n sipguard | grep -q '/updates/dkms/'"
check "modprobe sipguard" modprobe sipguard
check_eq "sipguardctl status talks to it" "$(sipguardctl status | head -n1 | cut -d, -f1)" "sipguard: loaded"
check "the man page is installed" test -f /usr/share/man/man8/sipguardctl.8.gz
check_eq "the example policy is root's only" "$(stat -c %a /etc/sipguard/sipguard.conf)" 600
check "the unit is installed, not enabled" bash -c \
	"test -f /lib/systemd/system/sipguard.service && ! test -e /etc/systemd/system/multi-user.target.wants/sipguard.service"
modprobe -r sipguard
# what the packages and dkms put on the disk (walking all of /usr over the
# guest's 9p root would take minutes): the packages' own lists, dkms's tree
# and build, the conffiles' directories
{ dpkg -L sipguard-dkms sipguardctl; echo /var/lib/dkms/sipguard;
  ls -d /lib/modules/"$kver"/updates/dkms/sipguard.ko* /etc/sipguard /usr/src/sipguard-* 2> /dev/null; } |
	grep -v -e '^/\.$' -e '^/[a-z]*$' | sort -u > /tmp/installed.txt
check_ge "the list of what was installed is not empty" "$(wc -l < /tmp/installed.txt)" 20

apt-get purge -y -q sipguard-dkms sipguardctl > /tmp/purge.log 2>&1
rc=$?
check "apt purge: exit 0" test $rc -eq 0
[ $rc -eq 0 ] || tail -n 30 /tmp/purge.log | sed 's/^/# /'
check "no dkms entry left" bash -c "[ -z \"\$(dkms status sipguard)\" ]"
left=
for p in sipguard-dkms sipguardctl; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2> /dev/null)
	case $st in ""|*not-installed) ;; *) left="$left $p($st)" ;; esac
done
check_eq "no package left" "$left" ""
left=
while IFS= read -r f; do
	# directories Debian itself owns stay (/usr/share/doc, /lib/systemd/system)
	[ -e "$f" ] && ! dpkg -S "$f" > /dev/null 2>&1 && left="$left $f"
done < /tmp/installed.txt
check_eq "purge leaves no file behind (of $(wc -l < /tmp/installed.txt) installed)" "$left" ""
[ -z "$left" ] || echo "$left" | head -n 20 | sed 's/^/# /'
