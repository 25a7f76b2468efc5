// SPDX-License-Identifier: GPL-2.0
/*
 * sipguardctl stats: the counters of the netns, as text (as in
 * /proc/net/sipguard/stats), JSON, or Prometheus' text exposition format
 * (metrics.c), on standard output or written atomically to a file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/genetlink.h>

#include "sip.h"
#include "names.h"
#include "sipguardctl.h"

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	struct sg_statsview *v = data;
	const struct nlattr *top, *a;

	mnl_attr_for_each(top, nlh, sizeof(struct genlmsghdr)) {
		int t = mnl_attr_get_type(top);

		if (t != SIPGUARD_A_STATS && t != SIPGUARD_A_DROPS)
			continue;
		mnl_attr_for_each_nested(a, top) {
			unsigned int i = mnl_attr_get_type(a) - 1;

			if (t == SIPGUARD_A_STATS && i < __SIPGUARD_STAT_MAX)
				v->stat[i] = mnl_attr_get_u64(a);
			else if (t == SIPGUARD_A_DROPS && i < __SIPGUARD_REASON_MAX)
				v->drop[i] = mnl_attr_get_u64(a);
		}
	}
	return MNL_CB_OK;
}

/* The counters; 0, or -errno (-EOPNOTSUPP unprinted if @quiet: no state). */
static int stats_read(struct sg_statsview *v, bool quiet)
{
	char buf[SG_BUF];

	memset(v, 0, sizeof(*v));
	return sg_nl_talk(sg_msg_start(buf, 0, SIPGUARD_CMD_STATS_GET, NLM_F_REQUEST | NLM_F_ACK),
			  stats_cb, v, &sg_top_an, quiet);
}

int sg_stats_get(struct sg_statsview *v)
{
	return stats_read(v, false) ? SG_EXIT_FAIL : 0;
}

/* Whether the netns has sipguard state (it was enabled once, or is now). */
bool sg_has_state(void)
{
	struct sg_statsview v;

	return stats_read(&v, true) != -EOPNOTSUPP;
}

static void stats_usage(FILE *f)
{
	fprintf(f,
		"Usage: sipguardctl stats [show] [-o text|json|prometheus] [-w FILE]\n"
		"       sipguardctl stats reset\n"
		"The counters of this network namespace, as in /proc/net/sipguard/stats;\n"
		"drop_REASON counts drop decisions, 'passed' those not enforced (monitor\n"
		"mode, action log). reset zeroes them and the patterns' hits.\n"
		"  -o prometheus   Prometheus' text format, labelled with the netns\n"
		"  -w FILE         write FILE atomically (a temporary file renamed over\n"
		"                  it), as node_exporter's textfile collector reads it\n");
}

enum { OUT_TEXT, OUT_JSON, OUT_PROMETHEUS };

static int stats_print(FILE *f, int format, const struct sg_statsview *v)
{
	json_t *j, *d;
	int i;

	switch (format) {
	case OUT_PROMETHEUS:
		return sg_metrics_write(f, v);
	case OUT_JSON:
		j = json_object();
		d = json_object();
		for (i = 0; i < __SIPGUARD_STAT_MAX; i++)
			json_object_set_new(j, sg_stat_names[i], json_integer((json_int_t)v->stat[i]));
		for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
			json_object_set_new(d, sg_reason_names[i], json_integer((json_int_t)v->drop[i]));
		json_object_set_new(j, "drops", d);
		json_dumpf(j, f, (opts.pretty ? JSON_INDENT(2) : JSON_COMPACT) | JSON_PRESERVE_ORDER);
		fputc('\n', f);
		json_decref(j);
		return 0;
	}
	for (i = 0; i < __SIPGUARD_STAT_MAX; i++)
		fprintf(f, "%s %llu\n", sg_stat_names[i], (unsigned long long)v->stat[i]);
	for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
		fprintf(f, "drop_%s %llu\n", sg_reason_names[i], (unsigned long long)v->drop[i]);
	return 0;
}

/* @path replaced in one rename(2): a reader sees the old file or the new. */
static int write_atomically(const char *path, int format, const struct sg_statsview *v)
{
	char *tmp;
	FILE *f;
	int err;

	if (asprintf(&tmp, "%s.tmp.%ld", path, (long)getpid()) < 0)
		return SG_EXIT_FAIL;
	f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "sipguardctl: stats: cannot write %s: %s\n", tmp, strerror(errno));
		free(tmp);
		return SG_EXIT_FAIL;
	}
	err = stats_print(f, format, v);
	if (fflush(f) || ferror(f))
		err = -1;
	if (fclose(f))
		err = -1;
	if (!err && rename(tmp, path)) {
		fprintf(stderr, "sipguardctl: stats: cannot rename %s to %s: %s\n", tmp, path,
			strerror(errno));
		err = -1;
	} else if (err) {
		fprintf(stderr, "sipguardctl: stats: writing %s failed\n", tmp);
	}
	if (err)
		unlink(tmp);
	free(tmp);
	return err ? SG_EXIT_FAIL : 0;
}

int cmd_stats(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", "prometheus" };
	char buf[SG_BUF];
	struct sg_statsview v;
	const char *path = NULL;
	int i = 1, format = opts.json ? OUT_JSON : OUT_TEXT, c;

	if (argc > 1 && (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help"))) {
		stats_usage(stdout);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "reset")) {
		if (argc > 2)
			return usage_error("stats reset: takes no arguments");
		if (sg_dry_run)
			return 0;
		if (sg_nl_open())
			return SG_EXIT_FAIL;
		return sg_send(sg_msg_start(buf, 0, SIPGUARD_CMD_STATS_RESET,
					    NLM_F_REQUEST | NLM_F_ACK), NULL, NULL);
	}
	if (argc > 1 && !strcmp(argv[1], "show"))
		i = 2;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			if ((c = want_word("-o", argv[++i], formats, 3)) < 0)
				return SG_EXIT_USAGE;
			format = c;
		} else if (!strcmp(argv[i], "-w") && i + 1 < argc) {
			path = argv[++i];
		} else {
			return usage_error("stats: unknown verb or option '%s' (show, reset, -o FORMAT, -w FILE, help)",
					   argv[i]);
		}
	}
	if (sg_dry_run)
		return 0;
	if (sg_nl_open())
		return SG_EXIT_FAIL;
	if (format == OUT_PROMETHEUS) {
		struct sg_cfgview cfg;
		int err;

		/* not enabled is a value too (sipguard_enabled 0); a netns
		 * never enabled has no counters to give */
		if (sg_config_get(&cfg))
			return SG_EXIT_FAIL;
		err = stats_read(&v, true);
		if (err && err != -EOPNOTSUPP)
			return SG_EXIT_FAIL;
		v.have = !err;
		v.enabled = cfg.enabled;
	} else if (sg_stats_get(&v)) {
		return SG_EXIT_FAIL;
	}
	if (path)
		return write_atomically(path, format, &v);
	if (stats_print(stdout, format, &v) || fflush(stdout))
		return SG_EXIT_FAIL;
	return 0;
}
