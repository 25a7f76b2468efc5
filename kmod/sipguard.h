/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What crosses files inside the module: per-netns state, the RCU-published
 * configuration, counters, and the entry points of each file.
 */
#ifndef _SG_SIPGUARD_H
#define _SG_SIPGUARD_H

#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/u64_stats_sync.h>
#include <linux/sipguard.h>

#include "addr.h"
#include "sip.h"
#include "srctable.h"
#include "prefixset.h"

/* See hook.c for why: after defrag, before raw and conntrack. */
#define SG_HOOK_PRIORITY	(NF_IP_PRI_CONNTRACK_DEFRAG + 50)

/* Prefixes an allow= or deny= parameter may list. */
#define SG_PARAM_PREFIXES	64

/*
 * The configuration of one netns. Readers (the hooks) see it under RCU;
 * today it is built once from the module parameters when the netns is
 * created. The run-time writer (the netlink family) will build a new copy
 * under one config mutex, publish it with rcu_assign_pointer() and free
 * the old one after a grace period.
 */
struct sg_config {
	struct rcu_head rcu;
	struct sg_sip_policy sip;	/* owns its matchers */
	struct sg_sip_policy sip_trusted; /* shares them: framing checks only */
	struct sg_limits limits;
	struct sg_pset *allow;		/* trusted sources; NULL: none */
	struct sg_pset *deny;		/* dropped first; NULL: none */
	struct sg_portmap ports;
};

/*
 * How much of a SIP payload the hook maps: the header section must end
 * within it; a body beyond it is not checked. Non-linear skbs (reassembled
 * fragments, TCP with frags) are copied into a per-CPU buffer this size.
 */
#define SG_WINDOW	16384

enum sg_stat {
	SG_STAT_PACKETS,	/* every packet the hooks saw */
	SG_STAT_SIP_PACKETS,	/* UDP or TCP to a SIP port */
	SG_STAT_SIP_BYTES,	/* their transport payload, after reassembly */
	SG_STAT_ACCEPTED,	/* SIP packets let through */
	SG_STAT_REQUESTS,	/* of them or dropped: requests */
	SG_STAT_RESPONSES,	/* responses (accepted, not inspected further) */
	SG_STAT_KEEPALIVES,	/* CRLF keepalives and STUN */
	SG_STAT_TRUSTED,	/* SIP packets from trusted sources */
	SG_STAT_BANS,		/* bans started */
	SG_STAT_SOURCES_FULL,	/* new sources not tracked: table at max_sources */
	SG_STAT_DROP,		/* first of one counter per enum sipguard_reason */
	SG_STAT_MAX = SG_STAT_DROP + __SIPGUARD_REASON_MAX
};

struct sg_pcpu_stats {
	u64_stats_t cnt[SG_STAT_MAX];
	struct u64_stats_sync syncp;
};

struct sg_net {
	struct net *net;
	struct sg_config __rcu *config;
	struct sg_pcpu_stats __percpu *stats;
	struct sg_srctable srcs;
	struct nf_hook_ops ops[4];
};

extern unsigned int sg_net_id;

static inline void sg_count(struct sg_net *sn, enum sg_stat s, u64 n)
{
	struct sg_pcpu_stats *st = this_cpu_ptr(sn->stats);

	u64_stats_update_begin(&st->syncp);
	u64_stats_add(&st->cnt[s], n);
	u64_stats_update_end(&st->syncp);
}

void sg_stats_fold(const struct sg_net *sn, u64 out[SG_STAT_MAX]);

/* main.c */
extern unsigned int sg_max_sources;
struct sg_config *sg_config_new_default(void);
void sg_config_free(struct sg_config *cfg);

/* hook.c */
int sg_hook_init(void);
void sg_hook_exit(void);
int sg_hook_register(struct sg_net *sn);
void sg_hook_unregister(struct sg_net *sn);

/* proc.c */
int sg_proc_init(struct net *net);
void sg_proc_exit(struct net *net);

#endif /* _SG_SIPGUARD_H */
