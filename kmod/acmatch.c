// SPDX-License-Identifier: GPL-2.0
/*
 * Pure core: Aho-Corasick matcher (Aho and Corasick, CACM 1975) compiled to
 * a DFA. Built once per configuration change with sg_zalloc(); the packet
 * path only reads it. Bytes are folded to lower case and mapped to classes,
 * one per byte value that occurs in some pattern plus class 0 for all
 * others, so the table is nstates x nclasses u16 and not x 256.
 */
#include "acmatch.h"

/*
 * Signatures of attack tools, matched on whole words: "sipcli" must not
 * hit "MySIPClient". Sources: the tools' own defaults (SIPVicious sends
 * "friendly-scanner" and the display name "sipvicious"), published
 * honeypot and SBC reports of scanner traffic.
 */
#define UA	SG_FIELD_UA
#define FROM	SG_FIELD_FROM_NAME
#define P(s, f)	{ s, sizeof(s) - 1, f, SG_PAT_WORD }
const struct sg_acm_pattern sg_default_scanners[] = {
	P("friendly-scanner", UA),
	P("sipvicious", UA | FROM),
	P("sipcli", UA),
	P("sip-scan", UA),
	P("sipscan", UA),
	P("vaxsipuseragent", UA),
	P("pplsip", UA),
	P("iwar", UA),
	P("sundayddr", UA),
	P("sivus", UA),
	P("smap", UA),
	P("sipsak-scan", UA),
	P("voipscanner", UA),
	P("sip-vicious", UA),
};
#undef P
#undef UA
#undef FROM
const u32 sg_default_nscanners = ARRAY_SIZE(sg_default_scanners);

static u8 fold(u8 c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool is_alnum(u8 c)
{
	c = fold(c);
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

void sg_acm_free(struct sg_acm *m)
{
	if (!m)
		return;
	sg_free(m->delta);
	sg_free(m->out);
	sg_free(m->out_link);
	sg_free(m->hit);
	sg_free(m->pats);
	sg_free(m);
}

static int acm_classes(struct sg_acm *m, const struct sg_acm_pattern *pats, u32 n)
{
	u32 i, j, c;

	for (i = 0; i < n; i++) {
		if (!pats[i].len || pats[i].len > SG_ACM_MAX_PATLEN)
			return -EINVAL;
		for (j = 0; j < pats[i].len; j++) {
			c = fold((u8)pats[i].str[j]);
			if (c < 0x20 || c == 0x7f)	/* never in a header value */
				return -EINVAL;
			if (!m->cls[c])
				m->cls[c] = (u8)++m->nclasses;
		}
	}
	m->nclasses++;			/* class 0: bytes in no pattern */
	if (m->nclasses > 256)
		return -EINVAL;
	for (c = 'A'; c <= 'Z'; c++)
		m->cls[c] = m->cls[c + ('a' - 'A')];
	m->cls['\t'] = m->cls['\r'] = m->cls['\n'] = m->cls[' '];
	return 0;
}

struct sg_acm *sg_acm_build(const struct sg_acm_pattern *pats, u32 n, int *err)
{
	struct sg_acm *m;
	u16 *fail = NULL, *queue = NULL;
	u32 i, j, total = 1, head = 0, tail = 0;
	int e = -ENOMEM;

	if (!n || n > SG_ACM_MAX_PATTERNS) {
		*err = -EINVAL;
		return NULL;
	}
	for (i = 0; i < n; i++)
		total += pats[i].len;
	if (total > SG_ACM_MAX_STATES) {
		*err = -E2BIG;
		return NULL;
	}

	m = sg_zalloc(sizeof(*m));
	if (!m)
		goto err;
	e = acm_classes(m, pats, n);
	if (e)
		goto err;
	e = -ENOMEM;
	m->delta = sg_zalloc((size_t)total * m->nclasses * sizeof(*m->delta));
	m->out = sg_zalloc((size_t)total * sizeof(*m->out));
	m->out_link = sg_zalloc((size_t)total * sizeof(*m->out_link));
	m->hit = sg_zalloc((size_t)total);
	m->pats = sg_zalloc((size_t)n * sizeof(*m->pats));
	fail = sg_zalloc((size_t)total * sizeof(*fail));
	queue = sg_zalloc((size_t)total * sizeof(*queue));
	if (!m->delta || !m->out || !m->out_link || !m->hit || !m->pats || !fail || !queue)
		goto err;

	/* The trie. State 0 is the root; 0 as a trie edge means "none". */
	m->nstates = 1;
	m->npatterns = n;
	for (i = 0; i < n; i++) {
		u32 s = 0;

		for (j = 0; j < pats[i].len; j++) {
			u16 *next = &m->delta[s * m->nclasses + m->cls[(u8)pats[i].str[j]]];

			if (!*next)
				*next = (u16)m->nstates++;
			s = *next;
		}
		m->pats[i].len = pats[i].len;
		m->pats[i].flags = pats[i].flags;
		if (m->out[s]) {
			/* the same string twice: one pattern, fields merged */
			m->pats[m->out[s] - 1].fields |= pats[i].fields;
			m->pats[m->out[s] - 1].flags &= pats[i].flags;
		} else {
			m->out[s] = (u16)(i + 1);
			m->pats[i].fields = pats[i].fields;
		}
	}

	/* Breadth first: failure links, then the missing DFA edges. A state's
	 * failure is shallower, so its row is complete when we need it.
	 */
	for (j = 0; j < m->nclasses; j++)
		if (m->delta[j])
			queue[tail++] = m->delta[j];
	while (head < tail) {
		u32 s = queue[head++];

		for (j = 0; j < m->nclasses; j++) {
			u16 *t = &m->delta[s * m->nclasses + j];
			u16 f = m->delta[fail[s] * m->nclasses + j];

			if (*t) {
				fail[*t] = f;
				m->out_link[*t] = m->out[f] ? f : m->out_link[f];
				queue[tail++] = *t;
			} else {
				*t = f;
			}
		}
	}
	for (i = 0; i < total; i++)
		m->hit[i] = m->out[i] || m->out_link[i];
	sg_free(fail);
	sg_free(queue);
	*err = 0;
	return m;

err:
	sg_free(fail);
	sg_free(queue);
	sg_acm_free(m);
	*err = e;
	return NULL;
}

static bool acm_accept(const struct sg_acm *m, u32 pat, const u8 *s, size_t len,
		       size_t end, u8 field)
{
	const struct sg_acm_pat *p = &m->pats[pat];
	size_t start = end + 1 - p->len;

	if (!(p->fields & field))
		return false;
	if ((p->flags & (SG_PAT_WORD | SG_PAT_WORD_START)) && start > 0 &&
	    is_alnum(s[start - 1]))
		return false;
	if ((p->flags & SG_PAT_WORD) && end + 1 < len && is_alnum(s[end + 1]))
		return false;
	return true;
}

int sg_acm_find(const struct sg_acm *m, const u8 *s, size_t len, u8 field)
{
	const u16 *delta = m->delta;
	u32 nc = m->nclasses, st = 0;
	size_t i;

	SG_STEP(len);
	for (i = 0; i < len; i++) {
		st = delta[st * nc + m->cls[s[i]]];
		if (unlikely(m->hit[st])) {
			u32 o = m->out[st] ? st : m->out_link[st];

			/* at most one per pattern that is a suffix of another:
			 * bounded by SG_ACM_MAX_PATLEN */
			for (; o; o = m->out_link[o]) {
				SG_STEP(1);
				if (acm_accept(m, m->out[o] - 1, s, len, i, field))
					return m->out[o] - 1;
			}
		}
	}
	return -1;
}
