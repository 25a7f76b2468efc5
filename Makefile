# SPDX-License-Identifier: GPL-2.0
#
# sipguard: the module (out of tree, through Kbuild), the tool, the tests.
# `make help` lists the targets.

VERSION := $(shell cat VERSION)

# The kernel to build against: the running one's build tree if it exists,
# otherwise the newest headers Debian's linux-headers-amd64 installed.
# Both are looked up when used, not when make starts: `make check` and
# `make demo` install the headers from inside their own recipe, and the
# inner makes they run must find them. An empty KDIR or KVER (from an
# environment that exported one before the headers existed) counts as unset,
# and neither is exported: each make looks for itself.
# KRUNNING and KHEADERS exist so a test can point the lookup elsewhere.
KRUNNING ?= /lib/modules/$(shell uname -r)/build
KHEADERS ?= /usr/src/linux-headers-*-amd64
ifeq ($(strip $(KDIR)),)
KDIR = $(firstword $(wildcard $(KRUNNING)) \
	$(lastword $(shell ls -d $(KHEADERS) 2>/dev/null | sort -V)))
endif
# Debian's headers keep the upstream version in kernel.release; the release
# modules are built for (vermagic) is UTS_RELEASE.
ifeq ($(strip $(KVER)),)
KVER = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
endif

DESTDIR ?=
PREFIX ?= /usr/local
MODDIR ?= /lib/modules/$(KVER)/extra

.PHONY: all module modules tools clean install install-tools help check demo unit kunit fuzz vm-test \
	dkms-test dkms-src module-clean print-kdir print-kver bench-parse bench-tcg bench fresh-check \
	debug-kernel module-debug kunit-module check-debug deb deb-test bench-ab nullhook

all: module tools

tools:
	$(MAKE) -C tools/sipguardctl

module modules:
	@test -n "$(KDIR)" -a -d "$(KDIR)" || { echo "no kernel build tree: install linux-headers-amd64 or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

module-clean:
	@if [ -n "$(KDIR)" ] && [ -d "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi

clean: module-clean
	@if [ -d tests/unit ]; then $(MAKE) -C tests/unit clean; fi
	@if [ -d tests/fuzz ]; then $(MAKE) -C tests/fuzz clean; fi
	@if [ -d tools/sipguardctl ]; then $(MAKE) -C tools/sipguardctl clean; fi
	rm -rf build

install: module tools install-tools
	install -D -m 0644 sipguard.ko $(DESTDIR)$(MODDIR)/sipguard.ko
	@if [ -z "$(DESTDIR)" ]; then depmod -a $(KVER); fi

# The tool, its man page, the boot-time unit and, unless they exist, the
# example policy and module options (an operator's own are never replaced).
UNITDIR ?= /lib/systemd/system
DOCDIR ?= $(PREFIX)/share/doc/sipguard
install-tools: tools
	$(MAKE) -C tools/sipguardctl install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|@SBINDIR@|$(PREFIX)/sbin|g' dist/sipguard.service.in > $(DESTDIR)$(UNITDIR)/sipguard.service
	sed 's|@SBINDIR@|$(PREFIX)/sbin|g' dist/sipguard-metrics.service.in \
		> $(DESTDIR)$(UNITDIR)/sipguard-metrics.service
	install -m 0644 dist/sipguard-metrics.timer $(DESTDIR)$(UNITDIR)/
	for u in bouncer report; do \
		sed 's|@SBINDIR@|$(PREFIX)/sbin|g' dist/crowdsec/sipguard-crowdsec-$$u.service.in \
			> $(DESTDIR)$(UNITDIR)/sipguard-crowdsec-$$u.service; \
	done
	chmod 0644 $(DESTDIR)$(UNITDIR)/sipguard.service $(DESTDIR)$(UNITDIR)/sipguard-metrics.service \
		$(DESTDIR)$(UNITDIR)/sipguard-crowdsec-*.service
	install -D -m 0644 dist/patterns/opt-in.batch $(DESTDIR)$(DOCDIR)/opt-in.batch
	for f in action.d/sipguard.conf filter.d/sipguard.conf filter.d/kamailio-auth.conf \
		 jail.d/sipguard.conf; do \
		install -D -m 0644 dist/fail2ban/$$f $(DESTDIR)$(DOCDIR)/fail2ban/$$f; \
	done
	test -e $(DESTDIR)/etc/sipguard/sipguard.conf || \
		install -D -m 0600 dist/sipguard.conf $(DESTDIR)/etc/sipguard/sipguard.conf
	test -e $(DESTDIR)/etc/modprobe.d/sipguard.conf || \
		install -D -m 0644 dist/modprobe.conf $(DESTDIR)/etc/modprobe.d/sipguard.conf

# The module's source as dkms wants it: /usr/src/sipguard-VERSION.
DKMS_SRC := Kbuild Makefile VERSION dkms.conf kmod uapi
dkms-src:
	install -d $(DESTDIR)/usr/src/sipguard-$(VERSION)
	cp -r $(DKMS_SRC) $(DESTDIR)/usr/src/sipguard-$(VERSION)/
	rm -rf $(DESTDIR)/usr/src/sipguard-$(VERSION)/kmod/tests
	find $(DESTDIR)/usr/src/sipguard-$(VERSION) \( -name '*.o' -o -name '.*.cmd' -o -name '*.ko' \) -delete

# The VM tier's debug kernel (KASAN, lockdep, kmemleak, UBSAN, failslab),
# built from linux-source-6.1 and cached (scripts/debug-kernel.sh), and the
# module built against it in build/debug-module/ (the sources copied there:
# one tree cannot hold objects for two kernels).
DEBUG_KDIR = $(shell scripts/debug-kernel.sh --print)
DEBUG_MOD := build/debug-module
debug-kernel:
	scripts/debug-kernel.sh > /dev/null

module-debug: debug-kernel
	mkdir -p $(DEBUG_MOD)
	cp -rpu $(DKMS_SRC) $(DEBUG_MOD)/
	$(MAKE) -C $(DEBUG_KDIR) M=$(CURDIR)/$(DEBUG_MOD) modules

# The KUnit suites as a module for the debug kernel (tests/kunit-vm.sh).
DEBUG_KUNIT := build/debug-kunit
kunit-module: debug-kernel
	mkdir -p $(DEBUG_KUNIT)
	cp -rpu kmod uapi $(DEBUG_KUNIT)/
	cp -pu kmod/tests/Kbuild.kunit $(DEBUG_KUNIT)/Kbuild
	$(MAKE) -C $(DEBUG_KDIR) M=$(CURDIR)/$(DEBUG_KUNIT) CONFIG_SIPGUARD_KUNIT_TEST=m modules

unit:
	$(MAKE) -C tests/unit check

kunit:
	tests/kunit.sh

# FUZZ_TIME seconds (default 600) of libFuzzer on the parser
fuzz:
	$(MAKE) -C tests/fuzz run

vm-test: module tools
	tests/vm/run-all.sh

dkms-test:
	tests/dkms-test.sh

demo:
	scripts/demo.sh

NULLHOOK := build/nullhook
# Side by side in one guest: no filter, sipguard, the iptables and
# nftables recipes (tests/bench/netbench.sh). Not a test: it prints ratios.
bench: all nullhook
	tests/vm/vm.sh -p -i -t 3600 -o build/bench tests/bench/netbench.sh > /dev/null; \
		status=$$?; cat build/bench/output.log; exit $$status

# make bench's floor for the fast path: an empty netfilter hook
# (tests/bench/nullhook), built in build/nullhook/ as the debug module is;
# kbuild always asked, as for the module, so new headers rebuild it
nullhook:
	@test -n "$(KDIR)" -a -d "$(KDIR)" || { echo "no kernel build tree: install linux-headers-amd64 or set KDIR" >&2; exit 1; }
	mkdir -p $(NULLHOOK)
	cp -pu tests/bench/nullhook/nullhook.c tests/bench/nullhook/Kbuild $(NULLHOOK)/
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(NULLHOOK) SG_SRC=$(CURDIR) modules

# make bench's instruction counter, a QEMU TCG plugin (vm.sh -i)
build/insncount.so: tests/bench/insncount.c
	@mkdir -p build
	$(CC) -std=gnu11 -O2 -Wall -Wextra -shared -fPIC -o $@ $< -lpthread

# Inspection by the work tree's module against REV's, in the same rounds
# (not a test): make bench-ab REV=<commit>
bench-ab:
	tests/bench/ab.sh "$(REV)"

# Parse cost: sipguard vs the iptables recipe vs libosip2 (not a test)
bench-parse:
	tests/bench/bench-parse.sh

# The parser's cost per message under QEMU's TCG (needs qemu-user; not a test)
bench-tcg:
	tests/bench/tcg-cost.sh

# Everything, with one summary line at the end.
check:
	scripts/check.sh

# Every VM test on the debug kernel, with the KUnit suites (not part of
# make check, which runs the hook, netlink and teardown tests there).
check-debug:
	scripts/check.sh --debug

# Debian packages (debian/): sipguard-dkms and sipguardctl, built from a
# copy of the work tree's committed files in build/deb/, then lintian.
deb:
	scripts/make-deb.sh

# The packages installed and purged in a guest (tests/vm/deb-install.sh),
# with the kernel log check; make fresh-check runs it after make check.
deb-test: deb module
	tests/vm/run-all.sh tests/vm/deb-install.sh

# The README's two commands on a Debian 12 root made from nothing
# (debootstrap), from a clean clone of HEAD. Not part of `make check`.
fresh-check:
	scripts/fresh-check.sh

print-kdir:
	@echo $(KDIR)

print-kver:
	@echo $(KVER)

help:
	@echo "make            build sipguard.ko against KDIR ($(KDIR)) and sipguardctl"
	@echo "make W=1        the same with extra warnings"
	@echo "make install    install the module, sipguardctl, its man page, sipguard.service,"
	@echo "                /etc/sipguard/sipguard.conf and /etc/modprobe.d/sipguard.conf"
	@echo "                examples (DESTDIR, PREFIX, MODDIR, UNITDIR honoured)"
	@echo "make dkms-src   copy the module source to DESTDIR/usr/src/sipguard-$(VERSION)"
	@echo "make demo       build, boot the test guest, show sipguard stopping attacks"
	@echo "make bench      sipguard against no filter and the iptables/nftables recipes, in the guest"
	@echo "make bench-ab REV=<commit>  the inspection against REV's module, same rounds, in the guest"
	@echo "make bench-parse  parse cost vs the iptables recipe and libosip2"
	@echo "make bench-tcg    the parser's cost per message under QEMU TCG (needs qemu-user)"
	@echo "make check      install test dependencies, run every test tier"
	@echo "make check-debug  every VM test, and KUnit, on the debug kernel (KASAN, lockdep, kmemleak)"
	@echo "make deb        Debian packages sipguard-dkms and sipguardctl in build/deb/, then lintian"
	@echo "make deb-test   those packages installed and purged in a guest"
	@echo "make fresh-check  make demo and make check in a new Debian 12 root (debootstrap)"
	@echo "make unit       userspace unit tests of the pure core (ASan, UBSan)"
	@echo "make kunit      KUnit suites on UML (kunit.py)"
	@echo "make fuzz       libFuzzer on the parser (FUZZ_TIME=600 seconds)"
	@echo "make vm-test    module tests in a QEMU guest booting Debian's kernel"
	@echo "make debug-kernel  build (or find cached) the VM tier's debug kernel"
	@echo "make module-debug  sipguard.ko for the debug kernel, in build/debug-module/"
	@echo "make dkms-test  dkms add/build against the installed headers"
