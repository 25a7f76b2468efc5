// SPDX-License-Identifier: GPL-2.0
/*
 * An LD_PRELOAD shim for t-failslab.sh: make the Nth fault-injectable
 * allocation (slab, and pages with fail_page_alloc) fail from sipguardctl's
 * first request to the sipguard family on. It uses the kernel's per-task
 * fail-nth (Documentation/fault-injection/fault-injection.rst): the count
 * starts when the request is sent, so it runs through the genetlink core,
 * sipguard's handler and the reply; the family lookup before is not counted.
 *
 *   SG_FAIL_NTH=N   the allocation to fail (1 = the first)
 *   SG_FAIL_OUT=F   at exit, F holds "injected" (the Nth allocation happened
 *                   and failed), "unreached" (the command made fewer than N)
 *                   or "unarmed" (no request to the family was sent)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

static int nth_fd = -1;

static void arm(void)
{
	const char *n = getenv("SG_FAIL_NTH");

	if (!n || nth_fd >= 0)
		return;
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (nth_fd < 0 || write(nth_fd, n, strlen(n)) != (ssize_t)strlen(n)) {
		perror("failnth: /proc/thread-self/fail-nth");
		_exit(99);
	}
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *to, socklen_t tolen)
{
	static ssize_t (*real)(int, const void *, size_t, int,
			       const struct sockaddr *, socklen_t);
	const struct nlmsghdr *nlh = buf;
	int proto = 0;
	socklen_t plen = sizeof(proto);

	if (!real)
		real = (ssize_t (*)(int, const void *, size_t, int,
				    const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "sendto");
	/* generic netlink, and a family's own id (above the controller's) */
	if (to && to->sa_family == AF_NETLINK && len >= sizeof(*nlh) &&
	    nlh->nlmsg_type > GENL_ID_CTRL &&
	    !getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &plen) && proto == NETLINK_GENERIC)
		arm();
	return real(fd, buf, len, flags, to, tolen);
}

__attribute__((destructor)) static void report(void)
{
	const char *out = getenv("SG_FAIL_OUT");
	const char *what = "unarmed";
	char left[32] = "";
	FILE *f;

	if (nth_fd >= 0) {
		/* 0 once the Nth allocation failed, what is left otherwise */
		if (pread(nth_fd, left, sizeof(left) - 1, 0) <= 0)
			strcpy(left, "?");
		what = atoi(left) == 0 && left[0] == '0' ? "injected" : "unreached";
		if (pwrite(nth_fd, "0", 1, 0) != 1)
			what = "reset failed";
	}
	if (out && (f = fopen(out, "w"))) {
		fprintf(f, "%s\n", what);
		fclose(f);
	}
}
