// SPDX-License-Identifier: GPL-2.0
/*
 * sipguardctl: configure and inspect sipguard, iproute2 style:
 *   sipguardctl [OPTIONS] OBJECT VERB [ARGS]
 * Objects are matched exactly (no abbreviations), so scripts stay stable
 * when objects are added.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipguardctl.h"

#define SIPGUARDCTL_VERSION "0.1.0"

struct sg_opts opts;

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *what;
} objects[] = {
	{ "inspect", cmd_inspect, "judge message files or captures offline" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"Usage: sipguardctl [OPTIONS] OBJECT [VERB] [ARGS]\n"
		"       sipguardctl help | version\n"
		"Options:\n"
		"  -j, --json      JSON output\n"
		"  -p, --pretty    indented JSON\n"
		"  -V, --version   print the version\n"
		"  -h, --help      this help\n"
		"Objects:\n");
	for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
		fprintf(f, "  %-12s %s\n", objects[i].name, objects[i].what);
	fprintf(f, "'sipguardctl OBJECT help' describes an object. See sipguardctl(8).\n");
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	size_t i;
	int c;

	/* '+': stop at the object, its verbs have options of their own */
	while ((c = getopt_long(argc, argv, "+jpVh", lopts, NULL)) != -1) {
		switch (c) {
		case 'j': opts.json = true; break;
		case 'p': opts.pretty = true; break;
		case 'V': printf("sipguardctl %s\n", SIPGUARDCTL_VERSION); return 0;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[optind], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[optind], "version")) {
		printf("sipguardctl %s\n", SIPGUARDCTL_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++) {
		if (!strcmp(argv[optind], objects[i].name)) {
			char **args = argv + optind;
			int n = argc - optind;

			/* "OBJECT help" as iproute2 does */
			if (n > 1 && !strcmp(args[1], "help")) {
				char *h[] = { args[0], "--help", NULL };

				return objects[i].fn(2, h);
			}
			return objects[i].fn(n, args);
		}
	}
	fprintf(stderr, "sipguardctl: unknown object '%s' (try 'sipguardctl help')\n", argv[optind]);
	return 2;
}
