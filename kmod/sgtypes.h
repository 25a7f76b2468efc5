/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only header the pure core (addr.c, and later sip.c, the pattern
 * matcher and the token-bucket arithmetic) may include. It maps the few
 * kernel facilities the core uses onto libc, so the same files build into
 * the module, into sipguardctl, the unit tests, the fuzzers and benchmarks.
 */
#ifndef _SG_TYPES_H
#define _SG_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/socket.h>
#include <linux/in6.h>
#include <linux/inet.h>
#include <linux/limits.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/ctype.h>
#include <linux/sched.h>

#include <linux/sort.h>

/* Allocation for the pure core: only at configuration time, never per packet. */
/* charged to the memory cgroup of the admin who configures */
#define sg_zalloc(size)		kvzalloc(size, GFP_KERNEL_ACCOUNT)
#define sg_free(ptr)		kvfree(ptr)
#define sg_sort(base, n, size, cmp)	sort(base, n, size, cmp, NULL)
/* In long configuration-time loops, which may sleep as their allocations
 * do: a matcher of 60 KiB of patterns is seconds of work in a slow guest. */
#define sg_resched()		cond_resched()

/* Parse exactly @len bytes of @s as an address of family @af. */
static inline bool sg_pton(int af, const char *s, size_t len, void *dst)
{
	const char *end;

	if (af == AF_INET)
		return in4_pton(s, len, dst, -1, &end) && end == s + len;
	return in6_pton(s, len, dst, -1, &end) && end == s + len;
}

#else /* userspace */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdlib.h>
#include <stdio.h>
#include <ctype.h>

#define sg_zalloc(size)		calloc(1, size)
#define sg_free(ptr)		free(ptr)
#define sg_sort(base, n, size, cmp)	qsort(base, n, size, cmp)
#define sg_resched()		do { } while (0)

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;
typedef int32_t s32;
typedef int16_t s16;
typedef uint32_t __be32;
typedef uint16_t __be16;

#ifndef __always_inline
#define __always_inline	inline __attribute__((__always_inline__))
#endif
#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif
#ifndef fallthrough
#define fallthrough	__attribute__((__fallthrough__))
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
#ifndef U16_MAX
#define U16_MAX		((u16)~0U)
#define U32_MAX		((u32)~0U)
#define U64_MAX		((u64)~0ULL)
#endif

static inline bool sg_pton(int af, const char *s, size_t len, void *dst)
{
	char buf[INET6_ADDRSTRLEN + 1];

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return inet_pton(af, buf, dst) == 1;
}
#endif /* __KERNEL__ */

/*
 * The cost oracle: a userspace build with -DSG_COST counts one step for
 * every byte (or bounded unit of work) any loop of the pure core visits, so
 * the fuzzer can fail an input whose cost is not linear in its length
 * (tests/fuzz/fuzz_cost.c). Compiled out everywhere else.
 */
#if defined(SG_COST) && !defined(__KERNEL__)
extern unsigned long sg_cost_steps;
#define SG_STEP(n)	(sg_cost_steps += (n))
#else
#define SG_STEP(n)	do { } while (0)
#endif

#endif /* _SG_TYPES_H */
