// SPDX-License-Identifier: GPL-2.0
/*
 * Libraries that one command needs, loaded when that command runs (as
 * systemd loads libcryptsetup or libidn2): libcurl for `crowdsec`, libpcap
 * for `inspect --pcap`. Linked, they brought 38 shared objects to every
 * invocation, and most invocations are one request from a script, fail2ban
 * or a test loop, for which mapping them was most of the cost.
 */
#include <dlfcn.h>
#include <stdio.h>

#include "sipguardctl.h"

int sg_dlopen(const char *soname, const char *package, const struct sg_dlsym *syms,
	      char *err, size_t errlen)
{
	const struct sg_dlsym *s;
	void *h;

	h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(err, errlen, "%s (install %s)", dlerror(), package);
		return -1;
	}
	for (s = syms; s->name; s++) {
		*s->addr = dlsym(h, s->name);
		if (!*s->addr) {
			snprintf(err, errlen, "%s has no %s (install %s)", soname, s->name, package);
			/* nothing left pointing into what dlclose() unmaps */
			for (s = syms; s->name; s++)
				*s->addr = NULL;
			dlclose(h);
			return -1;
		}
	}
	return 0;	/* loaded for the life of the process */
}
