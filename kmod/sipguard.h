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
#include <linux/rbtree.h>
#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <linux/sipguard.h>
#include <net/genetlink.h>

#include "addr.h"
#include "sip.h"
#include "srctable.h"
#include "bantable.h"
#include "prefixset.h"
#include "tcpflow.h"

/* See hook.c for why: after defrag, before raw and conntrack. */
#define SG_HOOK_PRIORITY	(NF_IP_PRI_CONNTRACK_DEFRAG + 50)

/* The longest time a netlink attribute or parameter may give, in seconds. */
#define SG_SECS_MAX		(10U * 366 * 24 * 3600)	/* ten years */

/* Prefixes an allow= or deny= parameter may list. */
#define SG_PARAM_PREFIXES	64

/* A scanner pattern as the writer keeps it, with its hit counter. */
struct sg_pattern {
	struct list_head list;
	struct rcu_head rcu;
	atomic64_t hits;
	u16 len;
	u8 fields;		/* SG_FIELD_* */
	u8 flags;		/* SG_PAT_* */
	char str[SIPGUARD_PATTERN_MAX + 1];
};

/* The patterns compiled, part of a config. */
struct sg_patset {
	struct sg_acm *acm;
	struct sg_acm_pattern *pats;	/* for log lines */
	struct sg_pattern **ents;	/* for the hit counters */
	u32 n;
};

/* A prefix of an allow or deny set as the writer keeps it. */
struct sg_prefix_entry {
	struct rb_node node;
	struct sg_prefix pfx;
	u64 expires;		/* sg_now() deadline; 0: never */
	const char *comment;	/* NULL or text[] */
	char text[];
};

/*
 * The configuration of one netns, immutable once published. Readers (the
 * hooks) see it under RCU; a writer (netlink, the expiry worker) copies
 * it under sn->lock, changes the copy, and publishes it whole
 * (config.c). Compiled parts are shared between versions until rebuilt.
 */
struct sg_config {
	struct rcu_head rcu;
	struct sg_sip_policy sip;	/* borrows pats->acm and the injection prefilter */
	struct sg_sip_policy sip_trusted; /* the same: framing checks only */
	struct sg_limits limits;
	struct sg_pset *sets[__SIPGUARD_SET_MAX]; /* allow, deny, per class; NULL: empty */
	struct sg_patset *pats;		/* NULL: no scanner patterns */
	struct sg_portmap ports;
	u8 mode;			/* enum sipguard_mode */
	u32 tcp_flows;			/* TCP flows followed at most (0: none) */
	u64 tcp_buffer;			/* bytes they may hold */
	bool trusted_checks;		/* every check on trusted sources too */
	u8 actions[__SIPGUARD_REASON_MAX]; /* enum sipguard_action */
	u64 gen;			/* sn->config_gen when published: never 0 */
	/*
	 * Set when a successor replaces this config: the compiled parts the
	 * successor does not share, freed with it after a grace period.
	 * Readers never look here; the fields above stay as they were until
	 * the last reader is gone.
	 */
	struct sg_pset *retired_sets[__SIPGUARD_SET_MAX];
	struct sg_patset *retired_pats;
};

/*
 * How much of a SIP payload the hook maps: all of it, since a UDP message
 * (after defrag) is at most 65 535 bytes, so the module judges exactly
 * what `sipguardctl inspect` judges. A linear skb is read in place; a
 * non-linear one (reassembled fragments, GRO) is copied into a per-CPU
 * buffer of this size, allocated once at load (64 KiB per possible CPU),
 * the way nf_conntrack_ftp copies into its buffer. Only a TCP segment
 * longer than this (TSO/GRO) is cut to it.
 */
#define SG_WINDOW	SG_SIP_MAX_MSG

/*
 * Counters: one per enum sipguard_stat (the gauges' slots stay zero: they
 * are read from the tables), then one per enum sipguard_reason (decisions,
 * enforced or not).
 */
#define SG_STAT_DROP	__SIPGUARD_STAT_MAX
#define SG_STAT_MAX	(SG_STAT_DROP + __SIPGUARD_REASON_MAX)

/* The gauges among enum sipguard_stat. */
static inline bool sg_stat_is_gauge(unsigned int i)
{
	return i == SIPGUARD_STAT_SOURCES || i == SIPGUARD_STAT_TCP_FLOWS ||
	       i == SIPGUARD_STAT_TCP_HELD || i == SIPGUARD_STAT_BANS_ACTIVE;
}

struct sg_pcpu_stats {
	u64_stats_t cnt[SG_STAT_MAX];
	struct u64_stats_sync syncp;
};

/*
 * Each CPU's memo of the last source its hook dropped as banned (UDP,
 * enforced, hook.c): the source address as the packet bears it, the gens
 * of the config and of the ban table it was taken at, and the ban's end
 * in jiffies, a tick early. While both gens hold and the end has not
 * come, a packet from that address to a SIP port is dropped as banned
 * before anything else is read: the config (the deny set, the mode, the
 * action, the IPv6 prefix length) and the ban are what they were. Unless
 * the drop events have a listener, which the memo asks once a tick.
 */
struct sg_drop_memo {
	union {
		__be32 ip;
		struct in6_addr ip6;
	} saddr;
	u64 cfg_gen;		/* 0: no memo */
	unsigned long until;	/* jiffies */
	unsigned long quiet;	/* the tick no drop event listener was found in */
	u32 ban_gen;
	u16 family;
};

struct sg_net {
	struct net *net;
	struct sg_config __rcu *config;
	struct sg_pcpu_stats __percpu *stats;
	struct sg_drop_memo __percpu *memo;
	u64 stats_base[SG_STAT_MAX];	/* subtracted: "stats reset" */
	struct sg_srctable srcs;
	struct sg_bantable bans;
	struct mem_cgroup *memcg;	/* the netns creator's: charged for what packets add */
	struct sg_flowtable flows;
	struct nf_hook_ops ops[4];
	bool enabled;			/* the hooks are registered; under lock */
	struct ratelimit_state event_rs; /* drop samples on "events" */
	struct ratelimit_state log_rs;	/* drop lines in the kernel log */
	struct ratelimit_state ban_log_rs; /* ban lines in the kernel log */
	atomic_t events_suppressed;

	/* the writer's side (config.c), under lock */
	struct mutex lock;
	struct rb_root sets[__SIPGUARD_SET_MAX];
	u32 set_len[__SIPGUARD_SET_MAX];
	u32 expiring;			/* prefixes with an expiry */
	bool expire_retry;
	struct delayed_work expire;
	struct list_head patterns;
	u32 npatterns;
	/* bumped by every change of a set or of the patterns: dumps check them */
	unsigned int set_gen[__SIPGUARD_SET_MAX];
	unsigned int pattern_gen;
	u64 config_gen;			/* configs published */
};

extern unsigned int sg_net_id;

/* main.c: a netns's state exists once it was enabled, or is being made */
struct sg_net *sg_net_get(struct net *net);
struct sg_net *sg_net_create_begin(struct net *net, bool *fresh);
void sg_net_create_end(struct sg_net *sn, bool fresh, int err);
int sg_net_set_enabled(struct sg_net *sn, bool on);
struct sg_config *sg_config_default(void);

static inline void sg_count(struct sg_net *sn, unsigned int s, u64 n)
{
	struct sg_pcpu_stats *st = this_cpu_ptr(sn->stats);

	u64_stats_update_begin(&st->syncp);
	u64_stats_add(&st->cnt[s], n);
	u64_stats_update_end(&st->syncp);
}

void sg_stats_fold(const struct sg_net *sn, u64 out[SG_STAT_MAX]);

void sg_stats_reset(struct sg_net *sn);

/* main.c */
extern unsigned int sg_max_sources;
extern unsigned int sg_max_bans;
extern unsigned int sg_tcp_flows;
extern unsigned long sg_tcp_buffer;

/* config.c */
int sg_config_module_init(void);
void sg_config_module_exit(void);
void sg_state_init(struct sg_net *sn);
void sg_state_destroy(struct sg_net *sn);
void sg_config_free(struct sg_config *cfg);
struct sg_config *sg_config_dup(const struct sg_config *old);
void sg_config_abort(struct sg_config *new, const struct sg_config *old);
void sg_config_publish(struct sg_net *sn, struct sg_config *new);
struct sg_prefix_entry *sg_prefix_entry_new(const struct sg_prefix *p, u64 expires,
					    const char *comment);
struct sg_prefix_entry *sg_set_find(struct sg_net *sn, int set, const struct sg_prefix *p);
struct sg_prefix_entry *sg_set_next(struct sg_net *sn, int set, const struct sg_prefix *p);
int sg_set_insert(struct sg_net *sn, int set, struct sg_prefix_entry *e);
void sg_set_erase(struct sg_net *sn, int set, struct sg_prefix_entry *e);
void sg_set_flush(struct sg_net *sn, int set);
int sg_set_compile(struct sg_net *sn, int set, struct sg_config *cfg);
void sg_expire_kick(struct sg_net *sn);
struct sg_pattern *sg_pattern_find(struct sg_net *sn, const char *s, u16 len);
struct sg_pattern *sg_pattern_new(const char *s, u16 len, u8 fields, u8 flags);
int sg_patterns_compile(struct sg_net *sn, struct sg_config *cfg);
void sg_pattern_free_rcu(struct sg_pattern *p);

/* netlink.c */
int sg_netlink_init(void);
void sg_netlink_exit(void);
void sg_event_ban(struct sg_net *sn, enum sipguard_event ev, const struct sg_src_key *key,
		  u64 until, u32 bans, u64 now);
void __sg_event_drop(struct sg_net *sn, const struct sg_config *cfg, u8 reason, int family,
		     const void *addr, const struct sg_sip_result *res, const u8 *data,
		     bool passed);

extern struct genl_family sg_family;
extern bool sg_events_on;	/* the family is registered */
enum { SG_MCGRP_EVENTS };

/* Anyone in @sn listening to the events group? Inline: every drop asks. */
static inline bool sg_listened(struct sg_net *sn)
{
	return READ_ONCE(sg_events_on) &&
	       genl_has_listeners(&sg_family, sn->net, SG_MCGRP_EVENTS);
}

static inline void sg_event_drop(struct sg_net *sn, const struct sg_config *cfg, u8 reason,
				 int family, const void *addr, const struct sg_sip_result *res,
				 const u8 *data, bool passed)
{
	if (sg_listened(sn))
		__sg_event_drop(sn, cfg, reason, family, addr, res, data, passed);
}

/* hook.c */

/* What the pipeline needs to know of a packet, whatever its family. */
struct sg_pkt {
	const void *saddr;	/* point into the skb's network header */
	const void *daddr;
	int family;
	int ifindex;		/* where it came in */
	unsigned int l4off;	/* offset of the transport header */
	u8 proto;
};

/* One packet's judgement, from the source's lookup to the verdict. */
struct sg_ctx {
	struct sg_net *sn;
	const struct sg_config *cfg;
	const struct sg_pkt *p;
	struct sg_src *src;	/* NULL until needed */
	struct sg_src_key key;
	u64 now;
	bool trusted;
	u8 *scratch;		/* this CPU's SG_WINDOW bytes */
};

unsigned int sg_drop(struct sg_net *sn, const struct sg_config *cfg,
		     enum sipguard_reason reason, const struct sg_pkt *p,
		     const void *addr, const struct sg_sip_result *res, const u8 *data);
void sg_offence(struct sg_net *sn, const struct sg_config *cfg, struct sg_src *src,
		const struct sg_src_key *key, const struct sg_pkt *p, u64 now);
unsigned int sg_judge(struct sg_ctx *c, const struct sg_sip_result *res, const u8 *data);
int sg_hook_init(void);
void sg_hook_exit(void);
int sg_hook_register(struct sg_net *sn);
void sg_hook_unregister(struct sg_net *sn);

/* proc.c */
int sg_proc_init(struct net *net, struct sg_net *sn);
void sg_proc_exit(struct net *net);

#endif /* _SG_SIPGUARD_H */
