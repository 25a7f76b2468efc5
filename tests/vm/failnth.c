// SPDX-License-Identifier: GPL-2.0
/*
 * An LD_PRELOAD shim for t-failslab.sh: make the Nth fault-injectable
 * allocation (slab, and pages with fail_page_alloc) that the kernel makes
 * while serving sipguardctl's requests to the sipguard family fail. It uses
 * the kernel's per-task fail-nth (Documentation/fault-injection/
 * fault-injection.rst), open only across the netlink calls: from the first
 * request to the family, each sendto() (where genetlink runs the handler and
 * builds the ack) and each recvmsg() on a generic netlink socket (where a
 * dump goes on) count; the family lookup before, and the tool's own page
 * faults and exit, do not.
 *
 *   SG_FAIL_NTH=N   the allocation to fail (1 = the first)
 *   SG_FAIL_OUT=F   at exit, F holds "injected" (the Nth allocation happened
 *                   and failed), "unreached" (the requests made fewer than N)
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
static enum { UNARMED, COUNTING, INJECTED } state;
static unsigned long left;	/* allocations to go while COUNTING */

static void fail(const char *what)
{
	perror(what);
	_exit(99);
}

/* the window: fail-nth holds what is left only inside a netlink call */
static void window_open(void)
{
	char n[32];
	int len;

	if (state != COUNTING)
		return;
	len = snprintf(n, sizeof(n), "%lu", left);
	if (pwrite(nth_fd, n, len, 0) != len)
		fail("failnth: writing fail-nth");
}

static void window_close(void)
{
	char n[32] = "";

	if (state != COUNTING)
		return;
	/* 0 once the allocation failed, what is left otherwise */
	if (pread(nth_fd, n, sizeof(n) - 1, 0) <= 0)
		fail("failnth: reading fail-nth");
	left = strtoul(n, NULL, 10);
	if (!left)
		state = INJECTED;
	else if (pwrite(nth_fd, "0", 1, 0) != 1)
		fail("failnth: resetting fail-nth");
}

static int is_genl(int fd)
{
	int proto = 0;
	socklen_t plen = sizeof(proto);

	return !getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &plen) &&
	       proto == NETLINK_GENERIC;
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *to, socklen_t tolen)
{
	static ssize_t (*real)(int, const void *, size_t, int,
			       const struct sockaddr *, socklen_t);
	const struct nlmsghdr *nlh = buf;
	const char *n = getenv("SG_FAIL_NTH");
	ssize_t ret;

	if (!real)
		real = (ssize_t (*)(int, const void *, size_t, int,
				    const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "sendto");
	/* a family's own id (above the controller's) starts the count */
	if (state == UNARMED && n && to && to->sa_family == AF_NETLINK &&
	    len >= sizeof(*nlh) && nlh->nlmsg_type > GENL_ID_CTRL && is_genl(fd)) {
		/* opened before counting: the open allocates */
		nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
		if (nth_fd < 0)
			fail("failnth: /proc/thread-self/fail-nth");
		left = strtoul(n, NULL, 10);
		state = left ? COUNTING : INJECTED;
	}
	if (state != COUNTING || !is_genl(fd))
		return real(fd, buf, len, flags, to, tolen);
	window_open();
	ret = real(fd, buf, len, flags, to, tolen);
	window_close();
	return ret;
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	static ssize_t (*real)(int, struct msghdr *, int);
	ssize_t ret;

	if (!real)
		real = (ssize_t (*)(int, struct msghdr *, int))dlsym(RTLD_NEXT, "recvmsg");
	if (state != COUNTING || !is_genl(fd))
		return real(fd, msg, flags);
	window_open();
	ret = real(fd, msg, flags);
	window_close();
	return ret;
}

__attribute__((destructor)) static void report(void)
{
	const char *out = getenv("SG_FAIL_OUT");
	const char *what = state == INJECTED ? "injected" :
			   state == COUNTING ? "unreached" : "unarmed";
	FILE *f;

	if (out && (f = fopen(out, "w"))) {
		fprintf(f, "%s\n", what);
		fclose(f);
	}
}
