// SPDX-License-Identifier: GPL-2.0
/*
 * sipguardctl stats -o prometheus: the counters in Prometheus' text
 * exposition format (version 0.0.4), every sample labelled with the
 * network namespace, none with an address: the drops by reason, the bans
 * in force, the tables' fill. What node_exporter's textfile collector
 * reads (stats -w FILE writes it atomically; dist/ has a timer for it).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "sip.h"
#include "names.h"
#include "sipguardctl.h"

struct metric {
	const char *name;	/* after "sipguard_" */
	const char *help;
	bool gauge;
};

/* One per counter of the kernel's, in its order. */
static const struct metric metrics[__SIPGUARD_STAT_MAX] = {
	[SIPGUARD_STAT_PACKETS] = { "packets_total", "Packets sipguard's hooks saw." },
	[SIPGUARD_STAT_SIP_PACKETS] = { "sip_packets_total", "UDP and TCP packets to a SIP port." },
	[SIPGUARD_STAT_SIP_BYTES] = { "sip_bytes_total", "Their transport payload, after reassembly." },
	[SIPGUARD_STAT_ACCEPTED] = { "accepted_total", "SIP packets let through." },
	[SIPGUARD_STAT_REQUESTS] = { "requests_total", "SIP requests, accepted or dropped." },
	[SIPGUARD_STAT_RESPONSES] = { "responses_total", "SIP responses." },
	[SIPGUARD_STAT_KEEPALIVES] = { "keepalives_total", "CRLF keepalives and STUN." },
	[SIPGUARD_STAT_TRUSTED] = { "trusted_total", "SIP packets from trusted (allow set) sources." },
	[SIPGUARD_STAT_BANS] = { "bans_total", "Bans started." },
	[SIPGUARD_STAT_SOURCES_FULL] = { "sources_full_total", "New sources not tracked: the table was full." },
	[SIPGUARD_STAT_PASSED] = { "passed_total", "Drop decisions not enforced (monitor mode, action log)." },
	[SIPGUARD_STAT_TCP_MESSAGES] = { "tcp_messages_total", "SIP messages framed out of TCP streams." },
	[SIPGUARD_STAT_TCP_FLOWS_NEW] = { "tcp_flows_new_total", "TCP connections followed." },
	[SIPGUARD_STAT_TCP_FLOWS_FULL] = { "tcp_flows_full_total", "Data of new TCP connections dropped: the flow table was full." },
	[SIPGUARD_STAT_TCP_OUT_OF_ORDER] = { "tcp_out_of_order_total", "TCP segments past the next byte expected, dropped." },
	[SIPGUARD_STAT_TCP_OVERLAP] = { "tcp_overlap_total", "TCP retransmissions with other bytes: the flow blocked." },
	[SIPGUARD_STAT_TCP_HELD_FULL] = { "tcp_held_full_total", "TCP segments dropped: the flow's or the netns's buffer was full." },
	[SIPGUARD_STAT_TCP_BLOCKED] = { "tcp_blocked_total", "Data segments of blocked TCP flows dropped." },
	[SIPGUARD_STAT_TCP_OPAQUE] = { "tcp_opaque_total", "TCP flows to 5061 starting with TLS, not inspected." },
	[SIPGUARD_STAT_TCP_INVALID] = { "tcp_invalid_total", "TCP data segments the stack would discard or read otherwise, dropped." },
	[SIPGUARD_STAT_TCP_FIRST_CUT] = { "tcp_first_cut_total", "A connection's first data (SYN cookies, Fast Open) ending inside a message, dropped." },
	[SIPGUARD_STAT_TCP_UNVERIFIED] = { "tcp_unverified_total", "TCP retransmissions over bytes already let go, dropped." },
	[SIPGUARD_STAT_SOURCES] = { "sources", "Sources tracked now.", true },
	[SIPGUARD_STAT_TCP_FLOWS] = { "tcp_flows", "TCP connections followed now.", true },
	[SIPGUARD_STAT_TCP_HELD] = { "tcp_held_bytes", "Bytes the followed TCP connections hold now.", true },
	[SIPGUARD_STAT_AUTH_FAILURES] = { "auth_failures_total", "Authentication failures the server answered untrusted sources (401/407/403 to credentials)." },
	[SIPGUARD_STAT_UNKNOWN_TARGETS] = { "unknown_targets_total", "Unknown targets the server answered untrusted sources (404/484/604)." },
	[SIPGUARD_STAT_SOURCES_EVICTED] = { "sources_evicted_total", "Source entries evicted to make room for a new source." },
	[SIPGUARD_STAT_BANS_FULL] = { "bans_full_total", "Bans in force ended early: the ban table was full of them." },
	[SIPGUARD_STAT_BANS_ACTIVE] = { "bans_active", "Bans in force now.", true },
	[SIPGUARD_STAT_SOURCES_AGGREGATED] = { "sources_aggregated_total", "IPv6 aggregates limited as one source." },
	[SIPGUARD_STAT_BAN_ENTRIES] = { "ban_entries", "Ban table entries now: bans in force and the records of ended ones.", true },
};

/* A label value with \ " and newline escaped, as the format wants. */
static void put_label(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev;
}

/*
 * The netns's name: what -n said; else its name under /run/netns (ip
 * netns); else "init" for PID 1's; else "net:[INODE]", as /proc shows it.
 */
static void netns_label(char *out, size_t n)
{
	struct stat self, st;
	struct dirent *de;
	char path[300];
	DIR *d;

	if (opts.netns) {
		snprintf(out, n, "%s", opts.netns);
		return;
	}
	if (stat("/proc/self/ns/net", &self)) {
		snprintf(out, n, "unknown");
		return;
	}
	d = opendir("/run/netns");
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/run/netns/%s", de->d_name);
		if (!stat(path, &st) && same_file(&st, &self)) {
			snprintf(out, n, "%s", de->d_name);
			closedir(d);
			return;
		}
	}
	if (d)
		closedir(d);
	if (!stat("/proc/1/ns/net", &st) && same_file(&st, &self))
		snprintf(out, n, "init");
	else
		snprintf(out, n, "net:[%lu]", (unsigned long)self.st_ino);
}

static void head(FILE *f, const char *name, const char *help, bool gauge)
{
	fprintf(f, "# HELP sipguard_%s %s\n# TYPE sipguard_%s %s\n", name, help, name,
		gauge ? "gauge" : "counter");
}

int sg_metrics_write(FILE *f, const struct sg_statsview *v)
{
	char ns[256];
	int i;

	netns_label(ns, sizeof(ns));
	head(f, "enabled", "1 if sipguard inspects this network namespace.", true);
	fputs("sipguard_enabled{netns=\"", f);
	put_label(f, ns);
	fprintf(f, "\"} %d\n", v->enabled ? 1 : 0);
	if (!v->have)
		return ferror(f) ? -1 : 0;	/* never enabled: no counters */

	head(f, "drops_total", "Drop decisions, by reason (enforced or passed).", false);
	for (i = 0; i < __SIPGUARD_REASON_MAX; i++) {
		fputs("sipguard_drops_total{netns=\"", f);
		put_label(f, ns);
		fprintf(f, "\",reason=\"%s\"} %llu\n", sg_reason_names[i],
			(unsigned long long)v->drop[i]);
	}
	for (i = 0; i < __SIPGUARD_STAT_MAX; i++) {
		head(f, metrics[i].name, metrics[i].help, metrics[i].gauge);
		fprintf(f, "sipguard_%s{netns=\"", metrics[i].name);
		put_label(f, ns);
		fprintf(f, "\"} %llu\n", (unsigned long long)v->stat[i]);
	}
	return ferror(f) ? -1 : 0;
}
