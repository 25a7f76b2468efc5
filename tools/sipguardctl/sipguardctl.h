/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SIPGUARDCTL_H
#define _SIPGUARDCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

struct sg_opts {
	bool json;
	bool pretty;
	const char *netns;
};

extern struct sg_opts opts;

/* Every object: argc/argv start at its verb. Returns the exit status. */
int cmd_inspect(int argc, char **argv);

/* capture.c: SIP payloads of a pcap file, IP fragments reassembled. */
struct sg_capture_msg {
	unsigned long frame;		/* frame number of the last fragment */
	const uint8_t *data;
	size_t len;
	bool tcp;
	char src[64], dst[64];		/* "addr:port" / "[addr]:port" */
};

typedef int (*sg_capture_fn)(const struct sg_capture_msg *msg, void *arg);
int sg_capture_read(const char *path, const struct sg_portmap *ports,
		    sg_capture_fn fn, void *arg, char *err, size_t errlen);

#endif
