// SPDX-License-Identifier: GPL-2.0
/*
 * sipguardctl method: the sources each class of requests is accepted from.
 *   method CLASS from add PREFIX [expires S] [comment TEXT]
 *   method CLASS from del PREFIX
 *   method CLASS from any           every source again (the default)
 *   method [CLASS] [show]
 * A class's set is a prefix set of its own (SIPGUARD_SET_REGISTER + class):
 * empty, the class is accepted from any source; else only from its
 * prefixes, and a request from elsewhere is dropped as "origin".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "sipguardctl.h"

#define NCLASSES	(SIPGUARD_CLASS_OTHER + 1)	/* the request classes */

static void method_usage(FILE *f)
{
	fprintf(f,
		"Usage: sipguardctl method CLASS from add PREFIX [expires SECONDS] [comment TEXT]\n"
		"       sipguardctl method CLASS from del PREFIX\n"
		"       sipguardctl method CLASS from any\n"
		"       sipguardctl method [CLASS] [show]\n"
		"CLASS is register, invite, options or other (every other request).\n"
		"A class with prefixes is accepted only from them, trusted sources included;\n"
		"a request of it from elsewhere is dropped as 'origin' (not an offence).\n"
		"'from any' (the default) accepts the class from every source.\n");
}

/* One class's set, as "CLASS from PREFIX" lines, or into @obj (-j). */
static int method_show_class(int cls, FILE *f, json_t *obj, const char *pre)
{
	struct sg_prefixview pv = { .f = f };
	char cmd[64];
	int err;

	snprintf(cmd, sizeof(cmd), "%s%s from %s", pre, sg_class_names[cls],
		 *pre ? "add " : "");
	pv.cmd = cmd;
	if (obj)
		pv.list = json_array();
	if (*pre)		/* save: the set replaced as a whole */
		fprintf(f, "%s%s from any\n", pre, sg_class_names[cls]);
	err = sg_prefix_dump(SIPGUARD_SET_REGISTER + cls, &pv);
	if (err) {
		json_decref(pv.list);
		return err;
	}
	if (obj)
		json_object_set_new(obj, sg_class_names[cls], pv.list);
	else if (!pv.n && !*pre)
		fprintf(f, "%s from any\n", sg_class_names[cls]);
	return 0;
}

/* The classes' sets as batch lines (save). */
int sg_method_save(FILE *f)
{
	int cls;

	for (cls = 0; cls < NCLASSES; cls++)
		if (method_show_class(cls, f, NULL, "method "))
			return SG_EXIT_FAIL;
	return 0;
}

int cmd_method(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "show";
	char obj[48];
	char *av[16];
	json_t *j;
	int cls, first, last, i;

	if (!strcmp(verb, "help") || !strcmp(verb, "--help")) {
		method_usage(stdout);
		return 0;
	}
	if (!strcmp(verb, "show") || !strcmp(verb, "list")) {
		if (argc > 2)
			return usage_error("method show: takes no arguments");
		first = 0;
		last = NCLASSES - 1;
	} else {
		if ((cls = want_word("method", verb, sg_class_names, NCLASSES)) < 0)
			return SG_EXIT_USAGE;
		first = last = cls;
		if (argc > 2 && strcmp(argv[2], "from"))
			return usage_error("method %s: want 'from', not '%s'", verb, argv[2]);
		if (argc > 3 && strcmp(argv[3], "show") && strcmp(argv[3], "list")) {
			snprintf(obj, sizeof(obj), "method %s from", verb);
			if (!strcmp(argv[3], "any")) {
				if (argc != 4)
					return usage_error("%s any: takes no arguments", obj);
				av[0] = obj;
				av[1] = "flush";
				av[2] = NULL;
				return sg_prefix_verbs(SIPGUARD_SET_REGISTER + cls, obj, 2, av);
			}
			if (strcmp(argv[3], "add") && strcmp(argv[3], "del"))
				return usage_error("%s: unknown verb '%s' (add, del, any, show)",
						   obj, argv[3]);
			if (argc - 2 > (int)(sizeof(av) / sizeof(av[0])))
				return usage_error("%s %s: too many arguments", obj, argv[3]);
			/* argv stays as it is: a batch runs each line twice */
			av[0] = obj;
			for (i = 3; i < argc; i++)
				av[i - 2] = argv[i];
			return sg_prefix_verbs(SIPGUARD_SET_REGISTER + cls, obj, argc - 2, av);
		}
		if (argc > 4)
			return usage_error("method %s from show: takes no arguments", verb);
	}
	if (sg_dry_run)
		return 0;
	if (sg_nl_open())
		return SG_EXIT_FAIL;
	j = opts.json ? json_object() : NULL;
	for (cls = first; cls <= last; cls++) {
		if (method_show_class(cls, stdout, j, "")) {
			json_decref(j);
			return SG_EXIT_FAIL;
		}
	}
	if (j)
		sg_json_out(j);
	return 0;
}
