// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/sipguard/: counters of the netns that reads them, as
 * "name value" lines a shell script can grep.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "sipguard.h"
#include "names.h"

static void sg_stats_fold_raw(const struct sg_net *sn, u64 out[SG_STAT_MAX])
{
	int cpu, i;

	memset(out, 0, SG_STAT_MAX * sizeof(out[0]));
	for_each_possible_cpu(cpu) {
		const struct sg_pcpu_stats *st = per_cpu_ptr(sn->stats, cpu);
		u64 v[SG_STAT_MAX];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&st->syncp);
			for (i = 0; i < SG_STAT_MAX; i++)
				v[i] = u64_stats_read(&st->cnt[i]);
		} while (u64_stats_fetch_retry(&st->syncp, start));
		for (i = 0; i < SG_STAT_MAX; i++)
			out[i] += v[i];
	}
}

/*
 * The counters since the last reset (per-CPU sums minus a base), and the
 * gauges, read from the tables (their per-CPU slots stay zero).
 */
void sg_stats_fold(const struct sg_net *sn, u64 out[SG_STAT_MAX])
{
	int i;

	sg_stats_fold_raw(sn, out);
	for (i = 0; i < SG_STAT_MAX; i++) {
		u64 base = READ_ONCE(sn->stats_base[i]);

		/* a reset between our sum and this read moved the base past
		 * it: zero, not 2^64 */
		out[i] = out[i] > base ? out[i] - base : 0;
	}
	out[SIPGUARD_STAT_SOURCES] = atomic_read(&sn->srcs.count);
	out[SIPGUARD_STAT_TCP_FLOWS] = atomic_read(&sn->flows.count);
	out[SIPGUARD_STAT_TCP_HELD] = atomic_long_read(&sn->flows.held);
	out[SIPGUARD_STAT_BANS_ACTIVE] = atomic_read(&sn->bans.active);
	out[SIPGUARD_STAT_BAN_ENTRIES] = atomic_read(&sn->bans.count);
}

/*
 * Zeroing per-CPU counters from another CPU would race with the hooks'
 * updates; moving the base does not. Under the config mutex.
 */
void sg_stats_reset(struct sg_net *sn)
{
	u64 raw[SG_STAT_MAX];
	int i;

	sg_stats_fold_raw(sn, raw);
	for (i = 0; i < SG_STAT_MAX; i++)
		WRITE_ONCE(sn->stats_base[i], raw[i]);
}

static int sg_stats_show(struct seq_file *seq, void *v)
{
	/* the state the file was made for: it goes before the state does */
	struct sg_net *sn = pde_data(file_inode(seq->file));
	u64 cnt[SG_STAT_MAX];
	int i;

	sg_stats_fold(sn, cnt);
	for (i = 0; i < SG_STAT_DROP; i++)
		seq_printf(seq, "%s %llu\n", sg_stat_names[i], cnt[i]);
	for (i = 0; i < __SIPGUARD_REASON_MAX; i++)
		seq_printf(seq, "drop_%s %llu\n", sg_reason_name(i),
			   cnt[SG_STAT_DROP + i]);
	return 0;
}

int sg_proc_init(struct net *net, struct sg_net *sn)
{
	struct proc_dir_entry *dir;

	dir = proc_net_mkdir(net, "sipguard", net->proc_net);
	if (!dir)
		return -ENOMEM;
	if (!proc_create_net_single("stats", 0444, dir, sg_stats_show, sn)) {
		remove_proc_subtree("sipguard", net->proc_net);
		return -ENOMEM;
	}
	return 0;
}

void sg_proc_exit(struct net *net)
{
	remove_proc_subtree("sipguard", net->proc_net);
}
