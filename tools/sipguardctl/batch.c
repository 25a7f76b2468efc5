// SPDX-License-Identifier: GPL-2.0
/*
 * sipguardctl -b FILE: one command per line, as on the command line
 * without "sipguardctl" and its options. "#" starts a comment; words are
 * split at blanks, and "double quotes" keep blanks and '#' (\" and \\
 * inside them).
 *
 * All or nothing: every line is checked first and nothing is sent if one
 * is wrong. Then the lines run; if the kernel refuses one, the policy and
 * the bans are put back as they were before the batch (from a save taken
 * first). With -force, a bad line is reported and skipped and the others
 * run. In a netns never enabled, the batch first makes sipguard's state
 * there with "enabled off" (its lines need it, and so does the undo): the
 * packets are handled as before until a line says "enabled on".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipguardctl.h"

struct line {
	unsigned long no;
	int argc;
	char **argv;
};

struct lines {
	struct line *v;
	size_t n, cap;
};

#define MAX_WORDS 64

/* Split @s in place; 0, or -1 with the reason in @err. */
static int split(char *s, char **argv, int *argc, const char **err)
{
	char *out;

	*argc = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		if (!*s || *s == '#')
			return 0;
		if (*argc == MAX_WORDS) {
			*err = "too many words";
			return -1;
		}
		argv[(*argc)++] = out = s;
		if (*s == '"') {
			s++;
			while (*s && *s != '"') {
				if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
					s++;
				*out++ = *s++;
			}
			if (*s != '"') {
				*err = "unterminated quote";
				return -1;
			}
			s++;
			if (*s && *s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') {
				*err = "a quote must end a word";
				return -1;
			}
		} else {
			while (*s && *s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') {
				if (*s == '"') {
					*err = "a quote inside a word";
					return -1;
				}
				*out++ = *s++;
			}
		}
		if (*s)
			s++;
		*out = '\0';
	}
}

static int read_lines(FILE *f, const char *name, struct lines *ls)
{
	char *buf = NULL, *argv[MAX_WORDS];
	size_t cap = 0;
	unsigned long no = 0;
	const char *err;
	ssize_t n;
	int argc, bad = 0;

	while ((n = getline(&buf, &cap, f)) >= 0) {
		no++;
		if (memchr(buf, '\0', (size_t)n)) {
			fprintf(stderr, "sipguardctl: %s:%lu: a NUL byte in the line\n", name, no);
			bad = 1;
			continue;
		}
		if (split(buf, argv, &argc, &err)) {
			fprintf(stderr, "sipguardctl: %s:%lu: %s\n", name, no, err);
			bad = 1;
			continue;
		}
		if (!argc)
			continue;
		if (ls->n == ls->cap) {
			ls->cap = ls->cap ? ls->cap * 2 : 1024;
			ls->v = realloc(ls->v, ls->cap * sizeof(*ls->v));
			if (!ls->v) {
				perror("sipguardctl");
				exit(SG_EXIT_FAIL);
			}
		}
		ls->v[ls->n].no = no;
		ls->v[ls->n].argc = argc;
		ls->v[ls->n].argv = malloc((argc + 1) * sizeof(char *));
		if (!ls->v[ls->n].argv) {
			perror("sipguardctl");
			exit(SG_EXIT_FAIL);
		}
		for (int i = 0; i < argc; i++)
			ls->v[ls->n].argv[i] = strdup(argv[i]);
		ls->v[ls->n].argv[argc] = NULL;
		ls->n++;
	}
	free(buf);
	if (ferror(f)) {
		fprintf(stderr, "sipguardctl: reading %s: %s\n", name, strerror(errno));
		return -1;
	}
	return bad ? -1 : 0;
}

static void free_lines(struct lines *ls)
{
	for (size_t i = 0; i < ls->n; i++) {
		for (int k = 0; k < ls->v[i].argc; k++)
			free(ls->v[i].argv[k]);
		free(ls->v[i].argv);
	}
	free(ls->v);
	memset(ls, 0, sizeof(*ls));
}

static const char *const batch_objects[] = { "config", "allow", "deny", "pattern", "ban", "stats",
	"method" };

static bool batch_allowed(const struct line *l)
{
	/* method CLASS from add|del|any: "method [CLASS] [from] [show]" shows */
	if (!strcmp(l->argv[0], "method"))
		return l->argc > 3 && strcmp(l->argv[3], "show") && strcmp(l->argv[3], "list");
	for (size_t i = 0; i < sizeof(batch_objects) / sizeof(batch_objects[0]); i++)
		if (!strcmp(l->argv[0], batch_objects[i]))
			return l->argc < 2 || (strcmp(l->argv[1], "show") && strcmp(l->argv[1], "list") &&
					       strcmp(l->argv[1], "help"));
	return false;
}

/* Lines queued into one request with their neighbours (policy.c). */
static bool is_queued(const struct line *l)
{
	if (l->argc > 3 && !strcmp(l->argv[0], "method") && !strcmp(l->argv[2], "from"))
		return !strcmp(l->argv[3], "add") || !strcmp(l->argv[3], "del");
	return l->argc > 1 && (!strcmp(l->argv[0], "allow") || !strcmp(l->argv[0], "deny")) &&
	       (!strcmp(l->argv[1], "add") || !strcmp(l->argv[1], "replace") ||
		!strcmp(l->argv[1], "del"));
}

/*
 * Run the lines; 0, or the exit status of the first failure with
 * sg_batch_line set to its line (unless @force, which goes on).
 */
static int run(const struct lines *ls, const char *name, bool force, const bool *skip)
{
	int rc = 0, err;

	sg_batching = true;
	for (size_t i = 0; i < ls->n; i++) {
		if (skip && skip[i])
			continue;
		if (!is_queued(&ls->v[i])) {
			err = sg_pending_flush();
			if (err) {
				fprintf(stderr, "sipguardctl: %s:%lu: refused by the kernel\n", name, sg_batch_line);
				rc = err;
				if (!force)
					break;
			}
		}
		sg_batch_line = ls->v[i].no;
		err = sg_dispatch(ls->v[i].argc, ls->v[i].argv);
		if (err) {
			fprintf(stderr, "sipguardctl: %s:%lu: refused by the kernel\n", name, ls->v[i].no);
			rc = err;
			if (!force)
				break;
		}
	}
	if (!rc || force) {
		err = sg_pending_flush();
		if (err) {
			fprintf(stderr, "sipguardctl: %s:%lu: refused by the kernel\n", name, sg_batch_line);
			rc = err;
		}
	}
	sg_batching = false;
	return rc;
}

/* Put back a save taken before the batch; bans too. */
static int undo(char *policy, char *bans)
{
	struct lines ls = { 0 };
	FILE *f;
	int rc;

	fprintf(stderr, "sipguardctl: nothing applied: putting the policy back as it was\n");
	f = fmemopen(policy, strlen(policy), "r");
	rc = !f || read_lines(f, "(saved policy)", &ls) ? SG_EXIT_FAIL : 0;
	if (f)
		fclose(f);
	if (!rc) {
		char flush0[] = "ban", flush1[] = "flush";
		char *flush[] = { flush0, flush1, NULL };

		rc = run(&ls, "(saved policy)", false, NULL) ?:
		     sg_dispatch(2, flush);
	}
	free_lines(&ls);
	if (!rc && *bans) {
		f = fmemopen(bans, strlen(bans), "r");
		rc = !f || read_lines(f, "(saved bans)", &ls) ? SG_EXIT_FAIL : 0;
		if (f)
			fclose(f);
		if (!rc)
			rc = run(&ls, "(saved bans)", false, NULL);
		free_lines(&ls);
	}
	if (rc)
		fprintf(stderr, "sipguardctl: putting the policy back failed; check 'sipguardctl save'\n");
	return rc;
}

int sg_batch(const char *path, bool force, bool check)
{
	const char *name = strcmp(path, "-") ? path : "(stdin)";
	struct lines ls = { 0 };
	char *policy = NULL, *bans = NULL;
	size_t plen = 0, blen = 0;
	FILE *f, *mem;
	bool *skip;
	int rc = 0, bad = 0;

	f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		fprintf(stderr, "sipguardctl: cannot open %s: %s\n", path, strerror(errno));
		return SG_EXIT_USAGE;
	}
	bad = read_lines(f, name, &ls);
	if (f != stdin)
		fclose(f);
	skip = calloc(ls.n + 1, sizeof(*skip));
	if (!skip)
		return SG_EXIT_FAIL;

	/* first pass: every line checked, nothing sent */
	sg_dry_run = true;
	for (size_t i = 0; i < ls.n; i++) {
		if (!batch_allowed(&ls.v[i])) {
			fprintf(stderr, "sipguardctl: %s:%lu: '%s%s%s' cannot be batched (changes to config, allow, deny, method, pattern, ban, stats reset)\n",
				name, ls.v[i].no, ls.v[i].argv[0], ls.v[i].argc > 1 ? " " : "",
				ls.v[i].argc > 1 ? ls.v[i].argv[1] : "");
			skip[i] = true;
			bad = 1;
		} else if (sg_dispatch(ls.v[i].argc, ls.v[i].argv)) {
			fprintf(stderr, "sipguardctl: %s:%lu: the line above is wrong\n", name, ls.v[i].no);
			skip[i] = true;
			bad = 1;
		}
	}
	sg_dry_run = false;
	if (bad && (!force || check)) {
		fprintf(stderr, "sipguardctl: %s: nothing applied (-force runs the good lines)\n", name);
		rc = SG_EXIT_USAGE;
		goto out;
	}
	/* -check: every line is good, and that is all that was asked */
	if (check)
		goto out;
	if (sg_nl_open()) {
		rc = SG_EXIT_FAIL;
		goto out;
	}
	if (!sg_has_state()) {
		char a0[] = "config", a1[] = "set", a2[] = "enabled", a3[] = "off";
		char *prep[] = { a0, a1, a2, a3, NULL };

		if (sg_dispatch(4, prep)) {
			rc = SG_EXIT_FAIL;
			goto out;
		}
	}
	if (!force) {
		mem = open_memstream(&policy, &plen);
		if (!mem || sg_save(mem)) {
			rc = SG_EXIT_FAIL;
			goto out;
		}
		fclose(mem);
		mem = open_memstream(&bans, &blen);
		if (!mem || sg_save_bans(mem)) {
			rc = SG_EXIT_FAIL;
			goto out;
		}
		fclose(mem);
	}
	rc = run(&ls, name, force, skip);
	if (rc && !force)
		undo(policy, bans);
	if (!rc && bad)
		rc = SG_EXIT_USAGE;
out:
	free(policy);
	free(bans);
	free(skip);
	free_lines(&ls);
	return rc;
}
