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

struct sg_opts opts;

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *what;
} objects[] = {
	{ "status", cmd_status, "is the module loaded, what it holds, what it dropped" },
	{ "config", cmd_config, "show or set the configuration of this network namespace" },
	{ "allow", cmd_prefix, "trusted sources: never rate-limited nor banned" },
	{ "deny", cmd_prefix, "sources dropped before any parsing" },
	{ "method", cmd_method, "the sources each class of requests is accepted from" },
	{ "pattern", cmd_pattern, "scanner signatures, with hit counters" },
	{ "ban", cmd_ban, "list, add and lift bans" },
	{ "stats", cmd_stats, "counters, by drop reason" },
	{ "monitor", cmd_monitor, "watch bans and drops as they happen" },
	{ "save", cmd_save, "print the running policy as a batch file" },
	{ "inspect", cmd_inspect, "judge message files or captures offline" },
	{ "crowdsec", cmd_crowdsec, "CrowdSec's Local API: enforce its decisions, report bans to it" },
};

/* Run one command line (argv[0] is the object); an exit status. */
int sg_dispatch(int argc, char **argv)
{
	size_t i;

	for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++) {
		if (strcmp(argv[0], objects[i].name))
			continue;
		/* "OBJECT help" as iproute2 does; inspect has its own --help */
		if (argc > 1 && !strcmp(argv[1], "help") && objects[i].fn == cmd_inspect) {
			char *h[] = { argv[0], "--help", NULL };

			return objects[i].fn(2, h);
		}
		/* arguments are checked in full before the kernel is asked
		 * anything: a bad one gets its own message, module or not
		 */
		if (objects[i].fn != cmd_inspect && !sg_dry_run && !sg_batching &&
		    !(argc > 1 && (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help")))) {
			int rc;

			sg_dry_run = true;
			rc = objects[i].fn(argc, argv);
			sg_dry_run = false;
			if (rc)
				return rc;
		}
		return objects[i].fn(argc, argv);
	}
	fprintf(stderr, "sipguardctl: unknown object '%s' (try 'sipguardctl help')\n", argv[0]);
	return SG_EXIT_USAGE;
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"Usage: sipguardctl [OPTIONS] OBJECT [VERB] [ARGS]\n"
		"       sipguardctl [OPTIONS] -b FILE\n"
		"       sipguardctl help | version\n"
		"Options:\n"
		"  -j, --json      JSON output\n"
		"  -p, --pretty    indented JSON\n"
		"  -n, --netns NAME  act in network namespace NAME (/run/netns/NAME), as ip -n\n"
		"  -b, --batch FILE  run the commands in FILE (- for standard input): all or nothing\n"
		"  -force          with -b: skip bad lines and run the others\n"
		"  -check          with -b: check every line, apply nothing\n"
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
		{ "netns", required_argument, NULL, 'n' },
		{ "batch", required_argument, NULL, 'b' },
		{ "force", no_argument, NULL, 'f' },
		{ "check", no_argument, NULL, 'c' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	const char *batch = NULL;
	bool force = false, check = false;
	int c;

	/* '+': stop at the object, its verbs have options of their own;
	 * _only: "-force" as iproute2 spells it
	 */
	while ((c = getopt_long_only(argc, argv, "+jpn:b:Vh", lopts, NULL)) != -1) {
		switch (c) {
		case 'j': opts.json = true; break;
		case 'p': opts.pretty = true; break;
		case 'n': opts.netns = optarg; break;
		case 'b': batch = optarg; break;
		case 'f': force = true; break;
		case 'c': check = true; break;
		case 'V': printf("sipguardctl %s\n", SIPGUARDCTL_VERSION); return 0;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (batch) {
		if (optind < argc) {
			fprintf(stderr, "sipguardctl: -b takes its commands from the file, not from the command line\n");
			return SG_EXIT_USAGE;
		}
		return sg_batch(batch, force, check);
	}
	if (force || check) {
		fprintf(stderr, "sipguardctl: -%s goes with -b FILE\n", force ? "force" : "check");
		return SG_EXIT_USAGE;
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
	return sg_dispatch(argc - optind, argv + optind);
}
