// SPDX-License-Identifier: GPL-2.0
/*
 * Pure core: token-bucket and ban arithmetic. Everything is u64
 * nanoseconds; every sum that could overflow is bounded first.
 */
#include "bucket.h"

int sg_rate_init(struct sg_rate *r, u32 pps, u32 burst)
{
	if (!pps || pps > SG_RATE_MAX || !burst || burst > SG_BURST_MAX)
		return -EINVAL;
	r->cost = SG_NSEC_PER_SEC / pps;
	r->max = r->cost * burst;	/* <= 1e9 * 1e6: no overflow */
	r->pps = pps;
	r->burst = burst;
	return 0;
}

void sg_bucket_init(struct sg_bucket *b, const struct sg_rate *r, u64 now)
{
	b->tokens = r->max;
	b->last = now;
}

static void sg_bucket_refill(struct sg_bucket *b, const struct sg_rate *r, u64 now)
{
	/* A clock read on another CPU may lag this entry's last refill: no
	 * time passed then, and "last" never moves backwards.
	 */
	if (now > b->last) {
		u64 elapsed = now - b->last;

		if (elapsed >= r->max - b->tokens)	/* long idle: full */
			b->tokens = r->max;
		else
			b->tokens += elapsed;
		b->last = now;
	}
	/* a rate changed to a smaller burst since the last packet */
	if (b->tokens > r->max)
		b->tokens = r->max;
}

bool sg_bucket_take(struct sg_bucket *b, const struct sg_rate *r, u64 now)
{
	sg_bucket_refill(b, r, now);
	if (b->tokens < r->cost)
		return false;
	b->tokens -= r->cost;
	return true;
}

u64 sg_share_batch(const struct sg_rate *r, unsigned int ncpus)
{
	u64 batch = r->max / 4 / (ncpus ? ncpus : 1);

	return batch < r->cost ? r->cost : batch;
}

bool sg_share_refill(struct sg_share *s, struct sg_bucket *b, const struct sg_rate *r,
		     u64 now, unsigned int ncpus)
{
	u64 batch = sg_share_batch(r, ncpus), moved = 0;

	sg_bucket_refill(b, r, now);
	if (b->tokens >= r->cost) {
		moved = b->tokens < batch ? b->tokens : batch;
		b->tokens -= moved;
		/* what the share held is under a packet's cost (sg_share_try) */
		s->tokens += moved - r->cost;
		s->max = r->max;
	}
	/* dry, or emptied: no refill before a packet's worth has accrued */
	if (b->tokens < r->cost)
		s->dry_until = now + (r->cost - b->tokens);
	return moved != 0;
}

static int parse_u32(const char *s, size_t len, u32 *out)
{
	u64 v = 0;
	size_t i;

	if (!len || len > 10)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (u64)(s[i] - '0');
	}
	if (v > U32_MAX)
		return -EINVAL;
	*out = (u32)v;
	return 0;
}

int sg_rates_parse(const char *s, size_t len, const char *const *names,
		   unsigned int n, struct sg_rate *rates)
{
	struct sg_rate parsed[8];
	size_t i = 0;
	unsigned int k;

	if (n > ARRAY_SIZE(parsed))
		return -EINVAL;
	memcpy(parsed, rates, n * sizeof(*rates));
	while (i < len) {
		size_t start = i, eq, slash, end;
		u32 pps, burst;

		while (i < len && s[i] != ',')
			i++;
		end = i++;
		for (eq = start; eq < end && s[eq] != '='; eq++)
			;
		for (slash = eq; slash < end && s[slash] != '/'; slash++)
			;
		if (eq == end || slash == end)
			return -EINVAL;
		for (k = 0; k < n; k++)
			if (strlen(names[k]) == eq - start && !memcmp(names[k], s + start, eq - start))
				break;
		if (k == n || parse_u32(s + eq + 1, slash - eq - 1, &pps) ||
		    parse_u32(s + slash + 1, end - slash - 1, &burst) ||
		    sg_rate_init(&parsed[k], pps, burst))
			return -EINVAL;
	}
	memcpy(rates, parsed, n * sizeof(*rates));
	return 0;
}

u64 sg_worth(const struct sg_bucket *b, const struct sg_rate *r, unsigned int n, u32 marks,
	     u64 now)
{
	u64 worth = (u64)marks * SG_MARK_WORTH;
	unsigned int i;

	for (i = 0; i < n; i++) {
		u64 tokens = b[i].tokens;

		if (now > b[i].last)
			tokens += now - b[i].last;
		if (tokens < r[i].max)
			worth += r[i].max - tokens;
	}
	return worth;
}

int sg_ban_params_check(const struct sg_ban_params *p)
{
	if (!p->threshold || !p->window || !p->time || p->max < p->time)
		return -EINVAL;
	return 0;
}

u64 sg_ban_length(const struct sg_ban_params *p, u32 bans)
{
	u64 len = p->time;

	/* doubling, without shifting past 64 bits or the cap */
	while (bans-- && len < p->max)
		len = len > p->max / 2 ? p->max : len * 2;
	return len < p->max ? len : p->max;
}

bool sg_ban_offence(struct sg_ban *b, const struct sg_ban_params *p, u64 now)
{
	if (sg_ban_active(b, now))
		return false;		/* already banned: nothing to add */
	if (b->bans && sg_elapsed(now, b->last_ban, p->forget))
		b->bans = 0;		/* a clean record again */
	if (!sg_offence_count(b, p, now))
		return false;
	return sg_ban_start(b, p, now);
}

bool sg_offence_count(struct sg_ban *b, const struct sg_ban_params *p, u64 now)
{
	if (!b->offences || sg_elapsed(now, b->window_start, p->window)) {
		b->window_start = now;
		b->offences = 0;
	}
	if (++b->offences < p->threshold)
		return false;
	b->offences = 0;
	return true;
}

bool sg_ban_start(struct sg_ban *b, const struct sg_ban_params *p, u64 now)
{
	if (sg_ban_active(b, now))
		return false;
	if (b->bans && sg_elapsed(now, b->last_ban, p->forget))
		b->bans = 0;
	b->until = now + sg_ban_length(p, b->bans);
	if (b->until < now)		/* cannot happen with a sane max */
		b->until = U64_MAX;
	if (b->bans < U32_MAX)
		b->bans++;
	b->last_ban = now;
	b->offences = 0;
	return true;
}
