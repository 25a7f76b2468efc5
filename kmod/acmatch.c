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
 * Signatures of attack tools, researched from their sources and captures
 * (tests/corpus/scanners/SOURCES.md has each one's origin, and a tool
 * message and a legitimate near miss for each is tested). A string that
 * several fields carry is one entry with its fields or'ed. Tools that can
 * be told apart only by a shape (svwar -c's From tag) or that send nothing
 * fixed (nmap's sip-call-spoof, Metasploit's random User-Agent but for its
 * tag) are not here; opt-in ones (SIPp, iWar, PortSIP's SDK samples) are
 * in dist/patterns/opt-in.batch.
 */
#define UA	SG_FIELD_UA
#define FROM	SG_FIELD_FROM
#define TO	SG_FIELD_TO
#define CONTACT	SG_FIELD_CONTACT
#define HDR	SG_FIELD_HEADER
#define SDP	SG_FIELD_SDP
#define W(s, f)	{ s, sizeof(s) - 1, f, SG_PAT_WORD }
#define P(s, f)	{ s, sizeof(s) - 1, f, 0 }
const struct sg_acm_pattern sg_default_scanners[] = {
	W("friendly-scanner", HDR),		/* sipvicious: User-Agent, any field */
	P("\"sipvicious\"", FROM | TO),		/* svmap's display name, -c too */
	W("1.1.1.1", FROM | TO | CONTACT),	/* svmap's From, svcrack's Contact */
	W("tag=3206210844", FROM),		/* svcrack's fixed From tag */
	W("Nmap NSE", UA | FROM | TO | CONTACT),	/* nselib/sip.lua */
	P("<sip:nm@nm>;tag=root", FROM),	/* nmap -sV's SIPOptions probe */
	P("<sip:nm2@nm2>", TO),
	W("pplsip", UA),			/* sippts */
	W("sipptk", UA),			/* sippts, Perl */
	W("SIPPTS", SDP),			/* sippts' s= line */
	W("sipcli", UA | SDP),			/* sipcli: UA, o= and s= */
	W("tag=70c00e8c", FROM),		/* Metasploit's SIP probes */
	W("sipsak", UA),			/* sipsak (allow-list monitors) */
	P("sip:sipsak@", FROM),
	W("SIVuS_VoIP_Scanner", HDR),		/* SIVuS (ET 2008609) */
	P("sivus-discovery@vopsecurity.org", HDR),	/* SIVuS (ET 2008610) */
	P("sip:smap@", HDR),			/* smap (ET 2008526) */
	W("sundayddr", UA),			/* sundayddr (ET 2011766) */
	W("sipsscuser", FROM),			/* sundayddr (ET 2012204) */
	P("sip:thisisthecanary@", HDR),		/* sipscan (ET 2008641) */
	W("Hacker", UA),			/* erase_registrations (ET 2008640) */
	W("VaxSIPUserAgent", UA),		/* VaxVoIP SDK bots */
};
#undef W
#undef P
#undef UA
#undef FROM
#undef TO
#undef CONTACT
#undef HDR
#undef SDP
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
	sg_free(m->next);
	sg_free(m->out);
	sg_free(m->out_link);
	sg_free(m->hit);
	sg_free(m->pats);
	sg_free(m);
}

static bool is_blank(u8 c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int acm_classes(struct sg_acm *m, const struct sg_acm_pattern *pats, u32 n)
{
	u32 i, j, c, solid;

	for (i = 0; i < n; i++) {
		if (!pats[i].len || pats[i].len > SG_ACM_MAX_PATLEN)
			return -EINVAL;
		for (j = 0, solid = 0; j < pats[i].len; j++) {
			c = fold((u8)pats[i].str[j]);
			if (c < 0x20 || c == 0x7f)	/* never in a header value */
				return -EINVAL;
			if (is_blank((u8)c))
				continue;
			solid++;
			if (!m->cls[c])
				m->cls[c] = (u8)++m->nclasses;
		}
		if (!solid)
			return -EINVAL;
	}
	m->nclasses++;			/* class 0: bytes in no pattern */
	m->blank = (u8)m->nclasses++;	/* the last: blanks, where no state moves */
	if (m->nclasses > 256)
		return -EINVAL;
	for (c = 'A'; c <= 'Z'; c++)
		m->cls[c] = m->cls[c + ('a' - 'A')];
	m->cls[' '] = m->cls['\t'] = m->cls['\r'] = m->cls['\n'] = m->blank;
	return 0;
}

/* Does every pattern that ends in state @st want a word's end after it? */
static bool acm_word_end(const struct sg_acm *m, u32 st)
{
	u32 o = m->out[st] ? st : m->out_link[st];

	if (!o)
		return false;
	for (; o; o = m->out_link[o])
		if (!(m->pats[m->out[o] - 1].flags & SG_PAT_WORD))
			return false;
	return true;
}

struct sg_acm *sg_acm_build(const struct sg_acm_pattern *pats, u32 n, int *err)
{
	struct sg_acm *m;
	u16 *fail = NULL, *queue = NULL;
	u32 i, j, total = 1, head = 0, tail = 0;
	int e = -ENOMEM;

	if (!n || n > SG_ACM_MAX_PATTERNS + SG_ACM_MAX_EXTRA) {
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
		u32 s = 0, solid = 0;

		for (j = 0; j < pats[i].len; j++) {
			u8 c = m->cls[(u8)pats[i].str[j]];
			u16 *next;

			if (c == m->blank)
				continue;
			next = &m->delta[s * m->nclasses + c];
			if (!*next)
				*next = (u16)m->nstates++;
			s = *next;
			solid++;
		}
		m->pats[i].len = (u16)solid;
		m->pats[i].flags = pats[i].flags;
		if (solid != pats[i].len)
			m->pats[i].flags |= SG_PAT_BLANKS;
		m->fields |= pats[i].fields;
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

		if (!(head & 255))
			sg_resched();
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
	/* a blank leaves every state where it is */
	for (i = 0; i < total; i++)
		m->delta[i * m->nclasses + m->blank] = (u16)i;
	for (i = 0; i < total; i++)
		m->hit[i] = m->out[i] || m->out_link[i];
	/*
	 * What the hot loop reads: per state and class, the next state's row
	 * (its index times nclasses), shifted left by two, with its hit flag
	 * in bit 0 and in bit 1 whether every pattern ending there wants a
	 * word's end: one load and no multiply per byte.
	 */
	e = -ENOMEM;
	m->next = sg_zalloc((size_t)m->nstates * m->nclasses * sizeof(*m->next));
	if (!m->next)
		goto err;
	for (i = 0; i < m->nstates * m->nclasses; i++) {
		u16 t = m->delta[i];

		if (!(i & 16383))
			sg_resched();

		m->next[i] = (u32)t * m->nclasses << 2 | m->hit[t] | (acm_word_end(m, t) ? 2 : 0);
	}
	sg_free(m->delta);
	m->delta = NULL;
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

/*
 * A signature without blanks found across blanks: only across a fold
 * ("friendly-" CRLF SP "scanner"), which a server may unfold to nothing;
 * a plain blank ("SIP Vicious" for "sipvicious") is no match. A signature
 * with blanks ("Nmap NSE") takes any ("Nmap" CRLF SP "NSE").
 */
static bool acm_blanks_ok(const struct sg_acm_pat *p, const u8 *s, size_t start, size_t end,
			  u8 field)
{
	bool fold = false;
	size_t i;

	if ((p->flags & SG_PAT_BLANKS) || field == SG_FIELD_INJECT || start == SIZE_MAX ||
	    end + 1 - start == p->len)
		return true;
	for (i = start; i <= end; i++) {
		SG_STEP(1);
		if (s[i] == '\n')
			fold = true;
		else if (s[i] == ' ' || s[i] == '\t') {
			if (!fold)
				return false;
		} else if (s[i] != '\r') {
			fold = false;
		}
	}
	return true;
}

/* Pattern @pat was found at @start..@end of @s: does it apply here? */
static bool acm_accept(const struct sg_acm *m, u32 pat, const u8 *s, size_t len,
		       size_t start, size_t end, u8 field)
{
	const struct sg_acm_pat *p = &m->pats[pat];

	if (!(p->fields & field) || !acm_blanks_ok(p, s, start, end, field))
		return false;
	if ((p->flags & (SG_PAT_WORD | SG_PAT_WORD_START)) && start > 0 && start != SIZE_MAX &&
	    is_alnum(s[start - 1]))
		return false;
	if ((p->flags & SG_PAT_WORD) && end + 1 < len && is_alnum(s[end + 1]))
		return false;
	return true;
}

/*
 * Where the match of @plen bytes (blanks not counted) ending at @end
 * started: right before it when no blank falls there, else found walking
 * back. Both walks come out of *@budget (a value's walks together are
 * bounded by twice its length and a little). Past the budget, SIZE_MAX: unknown, and the
 * start boundary is not asked for (a word pattern may then be found inside
 * a word, never missed: the value's sender spent the budget).
 */
static size_t acm_start(const u8 *s, size_t end, u32 plen, size_t *budget)
{
	size_t i = end + 1;
	u32 n = 0;

	if (*budget < plen)
		return SIZE_MAX;
	*budget -= plen;
	SG_STEP(plen);
	for (n = 0; n < plen && !is_blank(s[end - n]); n++)
		;
	if (n == plen)
		return end + 1 - plen;
	for (n = 0; i > 0 && n < plen && *budget; (*budget)--) {
		i--;
		SG_STEP(1);
		n += !is_blank(s[i]);
	}
	return n == plen ? i : SIZE_MAX;
}

/*
 * Blanks (and so folds) are skipped: the automaton does not move on them,
 * so the hot loop is one table load per byte; a state that matched stays
 * one over the blanks after it, which are no new match.
 */
/* What a walk keeps between bytes, for acm_hit(). */
struct acm_walk {
	const u8 *s;
	size_t len, budget;
	u8 field, mark;
	bool *marked;
};

/*
 * A hit state was reached at the byte before @p: the pattern found for
 * w->field (its index), or -1 to go on, or -2 when nothing more is to learn.
 */
static int acm_hit(const struct sg_acm *m, struct acm_walk *w, const u8 *p, u32 v)
{
	size_t i = (size_t)(p - 1 - w->s);
	u32 st, o;

	/* ".org" is no "or": every pattern ending here wants a word's end,
	 * and a letter follows; and a blank moves no state: the hit was
	 * counted at the byte before it */
	if (((v & 2) && i + 1 < w->len && is_alnum(*p)) || is_blank(w->s[i]))
		return -1;
	st = (v >> 2) / m->nclasses;
	o = m->out[st] ? st : m->out_link[st];
	/* at most one per pattern that is a suffix of another: bounded by
	 * SG_ACM_MAX_PATLEN */
	for (; o; o = m->out_link[o]) {
		u32 pat = m->out[o] - 1;
		size_t start = acm_start(w->s, i, m->pats[pat].len, &w->budget);

		SG_STEP(1);
		if (w->field && acm_accept(m, pat, w->s, w->len, start, i, w->field))
			return (int)pat;
		if (w->mark && acm_accept(m, pat, w->s, w->len, start, i, w->mark)) {
			*w->marked = true;
			w->mark = 0;
			if (!w->field)
				return -2;
		}
	}
	return -1;
}

/* acm_hit() for a state @v reached at the byte before @p, if a hit: -1 to go on */
static __always_inline int acm_step(const struct sg_acm *m, struct acm_walk *w, const u8 *p,
				    u32 v)
{
	return unlikely(v & 1) ? acm_hit(m, w, p, v) : -1;
}

/*
 * The bytes of [@p, @e) from state *@vp, each state reached looked at, in
 * order: the tail, and a turn (acm_turn()) that reached a hit. The state
 * after them in *@vp; acm_hit()'s answer, or -1.
 */
static __always_inline int acm_walk_bytes(const struct sg_acm *m, struct acm_walk *w,
					  const u32 *next, const u8 *cls, const u8 *p,
					  const u8 *e, u32 *vp)
{
	u32 v = *vp;
	int r = -1;

	while (p < e && r == -1) {
		v = next[(v >> 2) + cls[*p++]];
		r = acm_step(m, w, p, v);
	}
	*vp = v;
	return r;
}

/* Byte @i of the word @x read from memory. */
static __always_inline u8 acm_byte(u64 x, unsigned int i)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (u8)(x >> (56 - 8 * i));
#else
	return (u8)(x >> (8 * i));
#endif
}

/*
 * A turn of @n bytes (8 or 4, a constant) read as one word, with one
 * branch for them all: -1 to go on (the state after them in *@vp), else
 * acm_hit()'s answer. A hit state among them is rare; the turn is then
 * walked again byte by byte from the state before it, each state looked
 * at in order.
 */
static __always_inline int acm_turn(const struct sg_acm *m, struct acm_walk *w,
				    const u32 *next, const u8 *cls, const u8 *p,
				    unsigned int n, u32 *vp)
{
	u32 v = *vp, hit = 0;
	unsigned int i;
	u64 x = 0;

	memcpy(&x, p, n);	/* the first n bytes of x, in memory order */
#pragma GCC unroll 8
	for (i = 0; i < n; i++) {
		v = next[(v >> 2) + cls[acm_byte(x, i)]];
		hit |= v;
	}
	if (likely(!(hit & 1))) {
		*vp = v;
		return -1;
	}
	return acm_walk_bytes(m, w, next, cls, p, p + n, vp);
}

/*
 * Blanks (and so folds) are skipped: the automaton does not move on them.
 * The hot loop is one table load per byte, eight bytes a turn read as one
 * word, with one branch for the eight (acm_turn()), then four the same
 * way, then the tail byte by byte. Everything else happens at a hit
 * (acm_hit()), which the table's low bit flags. Branches, not loads, are
 * what a byte loop pays most for on a kernel whose returns and jumps are
 * mitigated, and under an emulator.
 */
int sg_acm_find_mark(const struct sg_acm *m, const u8 *s, size_t len, u8 field, u8 mark,
		     bool *marked)
{
	struct acm_walk w = {
		.s = s, .len = len, .budget = 2 * len + 2 * SG_ACM_MAX_PATLEN,
		.field = m->fields & field ? field : 0,	/* no pattern looks there */
		.mark = *marked ? 0 : mark, .marked = marked,
	};
	/* in locals: the stores through @marked would make the compiler
	 * load them again on every byte */
	const u32 *next = m->next;
	const u8 *cls = m->cls, *p = s, *e = s + len;
	u32 v = 0;
	int r = -1;

	SG_STEP(len);
	if (!(w.field | w.mark))
		return -1;
	while (e - p >= 8) {
		r = acm_turn(m, &w, next, cls, p, 8, &v);
		if (r != -1)
			return r < 0 ? -1 : r;
		p += 8;
	}
	if (e - p >= 4) {
		r = acm_turn(m, &w, next, cls, p, 4, &v);
		if (r != -1)
			return r < 0 ? -1 : r;
		p += 4;
	}
	r = acm_walk_bytes(m, &w, next, cls, p, e, &v);
	return r < 0 ? -1 : r;
}

int sg_acm_find(const struct sg_acm *m, const u8 *s, size_t len, u8 field)
{
	bool marked = false;

	return sg_acm_find_mark(m, s, len, field, 0, &marked);
}

struct sg_acm *sg_acm_build2(const struct sg_acm_pattern *a, u32 na,
			     const struct sg_acm_pattern *b, u32 nb, int *err)
{
	struct sg_acm_pattern *all;
	struct sg_acm *m;

	if (na > SG_ACM_MAX_PATTERNS || nb > SG_ACM_MAX_EXTRA) {
		*err = -EINVAL;
		return NULL;
	}
	all = sg_zalloc((size_t)(na + nb) * sizeof(*all));
	if (!all) {
		*err = -ENOMEM;
		return NULL;
	}
	memcpy(all, a, (size_t)na * sizeof(*a));
	memcpy(all + na, b, (size_t)nb * sizeof(*b));
	m = sg_acm_build(all, na + nb, err);
	sg_free(all);
	return m;
}
