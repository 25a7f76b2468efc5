#!/bin/sh
# Install everything sipguard's build, tests, demo and benchmarks need, from
# Debian 12 packages only. Idempotent: packages already present are skipped,
# so both README commands can call it on every run.
set -eu

# Build: module against Debian's packaged headers, the tool, the unit tests,
# the fuzzers (clang's libFuzzer and sanitizer runtimes: libclang-rt-14-dev,
# which clang does not pull in), dkms; systemd-analyze for the unit file;
# ModSecurity v3 (its libinjection) and the OWASP CRS rules that
# tests/compare measures the injection detector against; libcurl for
# `sipguardctl crowdsec`, a client of CrowdSec's Local API.
BUILD="build-essential pkg-config kmod dkms linux-headers-amd64
       libmnl-dev libpcap-dev libjansson-dev libcmocka-dev clang
       libclang-rt-14-dev libosip2-dev valgrind systemd
       libmodsecurity-dev modsecurity-crs libcurl4-openssl-dev"
# VM bench: Debian's kernel booted under QEMU TCG from a busybox initramfs.
VM="linux-image-amd64 qemu-system-x86 busybox-static cpio"
# KUnit on UML, and the VM tier's debug kernel, from Debian's kernel source
# (libelf-dev: objtool, which an x86_64 build runs).
KUNIT="linux-source-6.1 xz-utils python3 flex bison bc libelf-dev"
# make deb: debhelper with dh-dkms, then lintian
DEB="debhelper dh-dkms lintian"
# What the tests run inside the guest (the guest shares the host's root);
# prometheus for promtool, which checks `sipguardctl stats -o prometheus`;
# linux-perf for make bench's profiles of the targets it does not meet;
# ethtool for t-tcp's receive batches (GRO on veth turns its NAPI on).
GUEST="iproute2 iptables nftables conntrack tcpdump tshark procps
       util-linux python3-scapy kamailio sip-tester sipvicious
       netsniff-ng tcpreplay man-db groff-base socat prometheus
       fail2ban crowdsec linux-perf ethtool"

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: must run as root (apt-get install)" >&2
	exit 1
fi

missing=""
for p in $BUILD $VM $KUNIT $DEB $GUEST; do
	# dpkg-query reports "install ok installed" only for fully installed packages.
	if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "install-deps: all packages present"
	exit 0
fi

echo "install-deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer once, non-interactively.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -q
# shellcheck disable=SC2086
# crowdsec's postinst registers the machine with CrowdSec's Central API
# (network) unless online_api_credentials.yaml exists and is not empty: the
# tests use only a Local API, and a machine without network must not fail
# here. An installation that has the file already is left alone.
case " $missing " in
*" crowdsec "*)
	if [ ! -s /etc/crowdsec/online_api_credentials.yaml ]; then
		mkdir -p /etc/crowdsec
		echo "# no Central API: set up by sipguard's scripts/install-deps.sh" \
			> /etc/crowdsec/online_api_credentials.yaml
	fi ;;
esac
apt-get install -y -q --no-install-recommends $missing
