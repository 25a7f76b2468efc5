// SPDX-License-Identifier: GPL-2.0
/*
 * The writer's side of a netns' configuration. The hooks read one
 * immutable struct sg_config under RCU; every change builds a new one
 * under sn->lock and publishes it whole, so a reader never sees half a
 * change. What is compiled (the prefix sets, the pattern matcher) is
 * built from editable lists kept here: an rbtree of prefixes per set, with
 * their expiry and comment, and a list of scanner patterns with their hit
 * counters. Parts a new config does not change are shared with the old
 * one; only what the new one dropped is freed, after a grace period.
 */
#include <linux/rbtree.h>
#include <linux/slab.h>
#include <net/netns/generic.h>

#include "sipguard.h"

/* The injection prefilter never changes: one for every netns. */
static struct sg_acm *sg_inject_pre;

int sg_config_module_init(void)
{
	int err;

	sg_inject_pre = sg_acm_build(sg_inject_triggers, sg_inject_ntriggers, &err);
	return sg_inject_pre ? 0 : err;
}

void sg_config_module_exit(void)
{
	sg_acm_free(sg_inject_pre);
	sg_inject_pre = NULL;
}

static void sg_patset_free(struct sg_patset *ps)
{
	if (!ps)
		return;
	sg_acm_free(ps->acm);
	kvfree(ps->pats);
	kvfree(ps->ents);
	kfree(ps);
}

void sg_config_free(struct sg_config *cfg)
{
	int i;

	if (!cfg)
		return;
	for (i = 0; i < __SIPGUARD_SET_MAX; i++)
		sg_pset_free(cfg->sets[i]);
	sg_patset_free(cfg->pats);
	kvfree(cfg);
}

/* A replaced config, after the grace period: what it alone owned. */
static void sg_config_retire_rcu(struct rcu_head *rcu)
{
	struct sg_config *cfg = container_of(rcu, struct sg_config, rcu);
	int i;

	for (i = 0; i < __SIPGUARD_SET_MAX; i++)
		sg_pset_free(cfg->retired_sets[i]);
	sg_patset_free(cfg->retired_pats);
	kvfree(cfg);
}

/* A copy to edit: it shares every compiled part with @old until rebuilt. */
struct sg_config *sg_config_dup(const struct sg_config *old)
{
	struct sg_config *new = kvmalloc(sizeof(*new), GFP_KERNEL_ACCOUNT);

	if (!new)
		return NULL;
	memcpy(new, old, sizeof(*new));
	memset(new->retired_sets, 0, sizeof(new->retired_sets));
	new->retired_pats = NULL;
	return new;
}

/* Drop a copy that was never published, without the parts it shares. */
void sg_config_abort(struct sg_config *new, const struct sg_config *old)
{
	int i;

	for (i = 0; i < __SIPGUARD_SET_MAX; i++)
		if (new->sets[i] == old->sets[i])
			new->sets[i] = NULL;
	if (new->pats == old->pats)
		new->pats = NULL;
	sg_config_free(new);
}

/* The SIP policies as the hook uses them, from the config's own fields. */
static void sg_config_derive(struct sg_config *cfg)
{
	/* the patterns' matcher holds the triggers too */
	cfg->sip.matcher = cfg->pats ? cfg->pats->acm : sg_inject_pre;
	cfg->sip_trusted = cfg->sip;
	if (!cfg->trusted_checks) {
		cfg->sip_trusted.checks &= SG_CHECK_BODY;
		cfg->sip_trusted.methods = SIPGUARD_METHODS_ALL;
		cfg->sip_trusted.flags |= SG_POL_METHOD_ANYCASE;
	}
}

/*
 * Publish @new. The old config is freed after a grace period, with the
 * compiled parts @new no longer shares. Until then hooks may still be
 * reading it, so it is not touched but for its retired_* fields.
 */
void sg_config_publish(struct sg_net *sn, struct sg_config *new)
{
	struct sg_config *old = rcu_dereference_protected(sn->config,
							  lockdep_is_held(&sn->lock));
	int i;

	sg_config_derive(new);
	/* a new gen for every config: the hooks' drop memos taken under
	 * another are not used (sg_memo_hit()) */
	new->gen = ++sn->config_gen;
	rcu_assign_pointer(sn->config, new);
	/* a copy the source table uses outside the RCU config */
	if (sn->bans.forget != new->limits.ban.forget)
		sg_bantable_set_forget(&sn->bans, new->limits.ban.forget);
	WRITE_ONCE(sn->srcs.keep, max3(sn->srcs.idle, new->limits.ban.window,
				       max(new->limits.answer[SG_ANSWER_AUTH].window,
					   new->limits.answer[SG_ANSWER_UNKNOWN].window)));
	if (!old)
		return;
	for (i = 0; i < __SIPGUARD_SET_MAX; i++)
		old->retired_sets[i] = old->sets[i] != new->sets[i] ? old->sets[i] : NULL;
	old->retired_pats = old->pats != new->pats ? old->pats : NULL;
	call_rcu(&old->rcu, sg_config_retire_rcu);
}

/* --- prefix sets ------------------------------------------------------ */

struct sg_prefix_entry *sg_set_find(struct sg_net *sn, int set, const struct sg_prefix *p)
{
	struct rb_node *n = sn->sets[set].rb_node;

	while (n) {
		struct sg_prefix_entry *e = rb_entry(n, struct sg_prefix_entry, node);
		int c = sg_prefix_cmp(p, &e->pfx);

		if (!c)
			return e;
		n = c < 0 ? n->rb_left : n->rb_right;
	}
	return NULL;
}

/* The first entry after @p (or the first of all when @p is NULL). */
struct sg_prefix_entry *sg_set_next(struct sg_net *sn, int set, const struct sg_prefix *p)
{
	struct rb_node *n = sn->sets[set].rb_node, *best = NULL;

	if (!p)
		return rb_entry_safe(rb_first(&sn->sets[set]), struct sg_prefix_entry, node);
	while (n) {
		struct sg_prefix_entry *e = rb_entry(n, struct sg_prefix_entry, node);

		if (sg_prefix_cmp(p, &e->pfx) < 0) {
			best = n;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return rb_entry_safe(best, struct sg_prefix_entry, node);
}

struct sg_prefix_entry *sg_prefix_entry_new(const struct sg_prefix *p, u64 expires,
					    const char *comment)
{
	size_t clen = comment ? strlen(comment) + 1 : 0;
	struct sg_prefix_entry *e = kmalloc(sizeof(*e) + clen, GFP_KERNEL_ACCOUNT);

	if (!e)
		return NULL;
	RB_CLEAR_NODE(&e->node);
	e->pfx = *p;
	e->expires = expires;
	e->comment = clen ? e->text : NULL;
	if (clen)
		memcpy(e->text, comment, clen);
	return e;
}

/* Link @e in; -EEXIST (and nothing changes) if its prefix is there. */
int sg_set_insert(struct sg_net *sn, int set, struct sg_prefix_entry *e)
{
	struct rb_node **link = &sn->sets[set].rb_node, *parent = NULL;

	while (*link) {
		struct sg_prefix_entry *x = rb_entry(*link, struct sg_prefix_entry, node);
		int c = sg_prefix_cmp(&e->pfx, &x->pfx);

		if (!c)
			return -EEXIST;
		parent = *link;
		link = c < 0 ? &(*link)->rb_left : &(*link)->rb_right;
	}
	rb_link_node(&e->node, parent, link);
	rb_insert_color(&e->node, &sn->sets[set]);
	sn->set_len[set]++;
	sn->set_gen[set]++;
	if (e->expires)
		sn->expiring++;
	return 0;
}

void sg_set_erase(struct sg_net *sn, int set, struct sg_prefix_entry *e)
{
	rb_erase(&e->node, &sn->sets[set]);
	RB_CLEAR_NODE(&e->node);
	sn->set_len[set]--;
	sn->set_gen[set]++;
	if (e->expires)
		sn->expiring--;
}

/* Compile a set's entries into @cfg (whose old set, if any, stays shared). */
int sg_set_compile(struct sg_net *sn, int set, struct sg_config *cfg)
{
	struct sg_prefix_entry *e;
	struct sg_prefix *v;
	struct rb_node *n;
	u32 i = 0;
	int err;

	cfg->sets[set] = NULL;
	if (!sn->set_len[set])
		return 0;
	v = kvmalloc_array(sn->set_len[set], sizeof(*v), GFP_KERNEL_ACCOUNT);
	if (!v)
		return -ENOMEM;
	for (n = rb_first(&sn->sets[set]); n; n = rb_next(n)) {
		e = rb_entry(n, struct sg_prefix_entry, node);
		v[i++] = e->pfx;
	}
	err = sg_pset_build(v, i, &cfg->sets[set]);
	kvfree(v);
	return err;
}

static void sg_set_destroy(struct sg_net *sn, int set)
{
	struct sg_prefix_entry *e, *tmp;

	rbtree_postorder_for_each_entry_safe(e, tmp, &sn->sets[set], node)
		kfree(e);
	sn->sets[set] = RB_ROOT;
	sn->set_len[set] = 0;
	sn->set_gen[set]++;
}

/* Empty a set; the caller publishes a config without it. */
void sg_set_flush(struct sg_net *sn, int set)
{
	struct rb_node *n;

	for (n = rb_first(&sn->sets[set]); n; n = rb_next(n))
		if (rb_entry(n, struct sg_prefix_entry, node)->expires)
			sn->expiring--;
	sg_set_destroy(sn, set);
}

/*
 * Expired prefixes leave their set within a second: the worker runs while
 * any entry has an expiry, and republishes only when something expired.
 */
static void sg_expire_work(struct work_struct *work)
{
	struct sg_net *sn = container_of(to_delayed_work(work), struct sg_net, expire);
	struct sg_config *cfg, *new;
	struct sg_prefix_entry *e;
	struct rb_node *n, *next;
	u64 now = sg_now();
	bool changed[__SIPGUARD_SET_MAX] = { };
	int set, err = 0;

	mutex_lock(&sn->lock);
	cfg = rcu_dereference_protected(sn->config, lockdep_is_held(&sn->lock));
	new = sg_config_dup(cfg);
	if (!new)
		goto out;
	for (set = 0; set < __SIPGUARD_SET_MAX; set++) {
		/* a failed rebuild left the published sets behind the lists */
		changed[set] = sn->expire_retry;
		for (n = rb_first(&sn->sets[set]); n; n = next) {
			next = rb_next(n);
			e = rb_entry(n, struct sg_prefix_entry, node);
			if (e->expires && now >= e->expires) {
				sg_set_erase(sn, set, e);
				kfree(e);
				changed[set] = true;
			}
		}
		if (changed[set] && !err)
			err = sg_set_compile(sn, set, new);
	}
	if (!changed[0] && !changed[1]) {
		sg_config_abort(new, cfg);
	} else if (err) {
		/* the entries are gone from the lists; try again next time */
		sg_config_abort(new, cfg);
		sn->expire_retry = true;
	} else {
		sg_config_publish(sn, new);
		sn->expire_retry = false;
	}
out:
	if (sn->expiring || sn->expire_retry)
		queue_delayed_work(system_power_efficient_wq, &sn->expire, HZ);
	mutex_unlock(&sn->lock);
}

/* After a change that may have added an expiring entry. */
void sg_expire_kick(struct sg_net *sn)
{
	if (sn->expiring)
		mod_delayed_work(system_power_efficient_wq, &sn->expire, HZ);
}

/* --- scanner patterns ------------------------------------------------- */

struct sg_pattern *sg_pattern_find(struct sg_net *sn, const char *s, u16 len)
{
	struct sg_pattern *p;

	list_for_each_entry(p, &sn->patterns, list)
		if (p->len == len && !strncasecmp(p->str, s, len))
			return p;
	return NULL;
}

struct sg_pattern *sg_pattern_new(const char *s, u16 len, u8 fields, u8 flags)
{
	struct sg_pattern *p = kzalloc(sizeof(*p), GFP_KERNEL_ACCOUNT);

	if (!p)
		return NULL;
	memcpy(p->str, s, len);
	p->len = len;
	p->fields = fields;
	p->flags = flags;
	atomic64_set(&p->hits, 0);
	INIT_LIST_HEAD(&p->list);
	return p;
}

/* Compile the pattern list into @cfg->pats. */
int sg_patterns_compile(struct sg_net *sn, struct sg_config *cfg)
{
	struct sg_patset *ps;
	struct sg_pattern *p;
	u32 i = 0;
	int err = -ENOMEM;

	cfg->pats = NULL;
	if (!sn->npatterns)
		return 0;
	ps = kzalloc(sizeof(*ps), GFP_KERNEL_ACCOUNT);
	if (!ps)
		return -ENOMEM;
	ps->pats = kvcalloc(sn->npatterns, sizeof(*ps->pats), GFP_KERNEL_ACCOUNT);
	ps->ents = kvcalloc(sn->npatterns, sizeof(*ps->ents), GFP_KERNEL_ACCOUNT);
	if (!ps->pats || !ps->ents)
		goto err;
	list_for_each_entry(p, &sn->patterns, list) {
		ps->pats[i] = (struct sg_acm_pattern){ p->str, p->len, p->fields, p->flags };
		ps->ents[i++] = p;
	}
	ps->n = i;
	ps->acm = sg_acm_build2(ps->pats, i, sg_inject_triggers, sg_inject_ntriggers, &err);
	if (!ps->acm)
		goto err;
	cfg->pats = ps;
	return 0;
err:
	sg_patset_free(ps);
	return err;
}

/* Free patterns the published config no longer points to. */
void sg_pattern_free_rcu(struct sg_pattern *p)
{
	kfree_rcu(p, rcu);
}

/* --- the state of one netns ------------------------------------------- */

void sg_state_init(struct sg_net *sn)
{
	int i;

	mutex_init(&sn->lock);
	for (i = 0; i < __SIPGUARD_SET_MAX; i++)
		sn->sets[i] = RB_ROOT;
	INIT_LIST_HEAD(&sn->patterns);
	INIT_DELAYED_WORK(&sn->expire, sg_expire_work);
	ratelimit_state_init(&sn->event_rs, HZ, 20);
	ratelimit_set_flags(&sn->event_rs, RATELIMIT_MSG_ON_RELEASE);
	/* per netns, so that one namespace's flood cannot silence another's
	 * log lines */
	ratelimit_state_init(&sn->log_rs, 5 * HZ, 10);
	ratelimit_state_init(&sn->ban_log_rs, 5 * HZ, 10);
}

/* The hooks are gone; nothing reads the config any more. */
void sg_state_destroy(struct sg_net *sn)
{
	struct sg_pattern *p, *tmp;
	int i;

	cancel_delayed_work_sync(&sn->expire);
	for (i = 0; i < __SIPGUARD_SET_MAX; i++)
		sg_set_destroy(sn, i);
	list_for_each_entry_safe(p, tmp, &sn->patterns, list)
		kfree(p);
	sg_config_free(rcu_dereference_protected(sn->config, true));
	RCU_INIT_POINTER(sn->config, NULL);
}
