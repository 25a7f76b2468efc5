// SPDX-License-Identifier: GPL-2.0
/*
 * Pure core: injection detection.
 *
 * The value is read once through a small pipeline: line folds become
 * spaces, %XX escapes are decoded, letters are folded to lower case, and a
 * tokeniser cuts the result into words, numbers, quotes and operators. Rules
 * look at the last few tokens, so nothing is copied but the current word
 * (at most SG_WORD_MAX bytes, to recognise keywords).
 *
 * What counts is SQL or markup *syntax*: a quote that closes a string and
 * is followed by OR and a comparison, a comment right after a quote, UNION
 * SELECT with a select list, a statement after ';', a time-delay call, a
 * dangerous tag or an event handler in markup. "Tim O'Reilly", "isn't" or a
 * company called "Union Select" are none of those.
 */
#include "inject.h"

#define SG_WORD_MAX	16
#define SG_WINDOW	8	/* tokens remembered */

enum tok_type {
	T_NONE, T_WORD, T_NUM, T_SQUOTE, T_DQUOTE, T_EQ, T_CMP, T_COMMENT,
	T_SEMI, T_LPAREN, T_RPAREN, T_LT, T_GT, T_AT, T_COLON, T_SLASH,
	T_OROP, T_OTHER,
};

enum kw {
	K_NONE, K_OR, K_AND, K_XOR, K_UNION, K_SELECT, K_ALL, K_DISTINCT,
	K_FROM, K_NULL, K_INSERT, K_INTO, K_UPDATE, K_SET, K_DELETE, K_DROP,
	K_TABLE, K_DATABASE, K_CREATE, K_ALTER, K_TRUNCATE, K_EXEC, K_DECLARE,
	K_SHUTDOWN, K_LIKE, K_IS, K_SLEEP, K_WAITFOR, K_DELAY, K_USER,
	K_JSURI, K_TAG, K_HANDLER,
};

/*
 * Keywords, grouped by first letter so that a word costs one index and a
 * few length compares. The tags are those that run script or load content;
 * SIP has none of them.
 */
struct kwent {
	const char *w;
	u8 len;
	u8 kw;
};

#define KW(w, k) { w, sizeof(w) - 1, k }
static const struct kwent kw_a[] = { KW("and", K_AND), KW("all", K_ALL), KW("alter", K_ALTER), KW("audio", K_TAG), KW("applet", K_TAG) };
static const struct kwent kw_b[] = { KW("benchmark", K_SLEEP), KW("body", K_TAG), KW("base", K_TAG) };
static const struct kwent kw_c[] = { KW("create", K_CREATE) };
static const struct kwent kw_d[] = { KW("distinct", K_DISTINCT), KW("delete", K_DELETE), KW("drop", K_DROP), KW("database", K_DATABASE), KW("declare", K_DECLARE), KW("delay", K_DELAY), KW("details", K_TAG) };
static const struct kwent kw_e[] = { KW("exec", K_EXEC), KW("execute", K_EXEC), KW("embed", K_TAG) };
static const struct kwent kw_f[] = { KW("from", K_FROM), KW("form", K_TAG), KW("frameset", K_TAG) };
static const struct kwent kw_i[] = { KW("insert", K_INSERT), KW("into", K_INTO), KW("is", K_IS), KW("img", K_TAG), KW("iframe", K_TAG), KW("input", K_TAG) };
static const struct kwent kw_j[] = { KW("javascript", K_JSURI) };
static const struct kwent kw_l[] = { KW("like", K_LIKE), KW("link", K_TAG) };
static const struct kwent kw_m[] = { KW("meta", K_TAG), KW("marquee", K_TAG), KW("math", K_TAG) };
static const struct kwent kw_n[] = { KW("null", K_NULL) };
static const struct kwent kw_o[] = { KW("or", K_OR), KW("object", K_TAG) };
static const struct kwent kw_p[] = { KW("pg_sleep", K_SLEEP) };
static const struct kwent kw_s[] = { KW("select", K_SELECT), KW("set", K_SET), KW("shutdown", K_SHUTDOWN), KW("sleep", K_SLEEP), KW("script", K_TAG), KW("svg", K_TAG), KW("style", K_TAG) };
static const struct kwent kw_t[] = { KW("table", K_TABLE), KW("truncate", K_TRUNCATE) };
static const struct kwent kw_u[] = { KW("union", K_UNION), KW("update", K_UPDATE), KW("user", K_USER) };
static const struct kwent kw_v[] = { KW("vbscript", K_JSURI), KW("video", K_TAG) };
static const struct kwent kw_w[] = { KW("waitfor", K_WAITFOR) };
static const struct kwent kw_x[] = { KW("xor", K_XOR) };
#undef KW

static const struct { const struct kwent *e; u8 n; } keywords[26] = {
	['a' - 'a'] = { kw_a, ARRAY_SIZE(kw_a) },
	['b' - 'a'] = { kw_b, ARRAY_SIZE(kw_b) },
	['c' - 'a'] = { kw_c, ARRAY_SIZE(kw_c) },
	['d' - 'a'] = { kw_d, ARRAY_SIZE(kw_d) },
	['e' - 'a'] = { kw_e, ARRAY_SIZE(kw_e) },
	['f' - 'a'] = { kw_f, ARRAY_SIZE(kw_f) },
	['i' - 'a'] = { kw_i, ARRAY_SIZE(kw_i) },
	['j' - 'a'] = { kw_j, ARRAY_SIZE(kw_j) },
	['l' - 'a'] = { kw_l, ARRAY_SIZE(kw_l) },
	['m' - 'a'] = { kw_m, ARRAY_SIZE(kw_m) },
	['n' - 'a'] = { kw_n, ARRAY_SIZE(kw_n) },
	['o' - 'a'] = { kw_o, ARRAY_SIZE(kw_o) },
	['p' - 'a'] = { kw_p, ARRAY_SIZE(kw_p) },
	['s' - 'a'] = { kw_s, ARRAY_SIZE(kw_s) },
	['t' - 'a'] = { kw_t, ARRAY_SIZE(kw_t) },
	['u' - 'a'] = { kw_u, ARRAY_SIZE(kw_u) },
	['v' - 'a'] = { kw_v, ARRAY_SIZE(kw_v) },
	['w' - 'a'] = { kw_w, ARRAY_SIZE(kw_w) },
	['x' - 'a'] = { kw_x, ARRAY_SIZE(kw_x) },
};

struct tok {
	u8 type;
	u8 kw;
	bool space_before;	/* whitespace between this and the previous token */
	u32 hash;		/* of the word or number, for "x = x" */
};

struct scan {
	struct tok win[SG_WINDOW];	/* win[(n - 1) % SG_WINDOW] is the last */
	u32 n;				/* tokens so far, from SG_WINDOW: the
					 * window starts full of T_NONE tokens */
	/* the token being built: sg_inject_scan() keeps the word in locals */
	bool space;			/* whitespace seen since the last token */
	u8 pending_op;			/* first char of a two-char operator */
	/* state across tokens */
	bool markup;			/* inside <tag ... of a dangerous tag */
	u32 union_at;			/* token count at UNION SELECT, or 0 */
	enum sg_inject pending;		/* what a FROM after it would prove */
	enum sg_inject hit;
	/* the last tokens pushed, all of type same_type without a word or a
	 * blank before them: how many */
	u32 same;
	u8 same_type;
	/* the count at the last token that was an OR or no operand */
	u32 stop_at;
};

_Static_assert((SG_WINDOW & (SG_WINDOW - 1)) == 0, "the window is a power of two");

/* The token @k back (0: the last); every rule looks back less than SG_WINDOW. */
static inline const struct tok *back(const struct scan *sc, u32 k)
{
	return &sc->win[(sc->n - 1 - k) & (SG_WINDOW - 1)];
}

/* Byte classes of the tokeniser: one lookup per byte on the hot path. */
#define IC_WORD		0x01	/* letter, digit, '_' or non-ASCII */
#define IC_DIGIT	0x02
#define IC_UPPER	0x04
#define IC_DECODE	0x08	/* '%', CR, LF: see sg_inject_scan() */
#define IC_SPACE	0x10	/* blanks between tokens */
#define IC_PAIR		0x20	/* may start a two-char operator: see feed() */

static const u8 icls[256] = {
	['a' ... 'z'] = IC_WORD,
	['A' ... 'Z'] = IC_WORD | IC_UPPER,
	['0' ... '9'] = IC_WORD | IC_DIGIT,
	['_'] = IC_WORD,
	[0x80 ... 0xff] = IC_WORD,
	['%'] = IC_DECODE, ['\r'] = IC_DECODE, ['\n'] = IC_DECODE,
	[' '] = IC_SPACE, ['\t'] = IC_SPACE,
	['-'] = IC_PAIR, ['|'] = IC_PAIR, ['&'] = IC_PAIR, ['<'] = IC_PAIR,
	['>'] = IC_PAIR, ['!'] = IC_PAIR, ['/'] = IC_PAIR,
};

/* The token of every other byte; T_NONE (0) is read as T_OTHER. */
static const u8 ptok[256] = {
	['\''] = T_SQUOTE, ['"'] = T_DQUOTE, ['='] = T_EQ, ['#'] = T_COMMENT,
	[';'] = T_SEMI, ['('] = T_LPAREN, [')'] = T_RPAREN, ['@'] = T_AT,
	[':'] = T_COLON,
};

/*
 * Token types that have rules of their own in rules_tok(); the others only
 * matter there while a UNION SELECT waits for its FROM, or as the tokens
 * the rules look back at. Skipping the call for them keeps a storm of
 * quotes or punctuation at a few instructions a byte.
 */
#define RULE_TYPES	(1U << T_WORD | 1U << T_NUM | 1U << T_EQ | 1U << T_CMP | \
			 1U << T_COMMENT | 1U << T_LPAREN | 1U << T_COLON | 1U << T_GT)

static u8 word_kw(const char *word, u32 wlen)
{
	u32 i, j, first;

	if (wlen > SG_WORD_MAX || wlen < 2)
		return K_NONE;
	first = (u8)word[0] - 'a';
	if (first >= 26)
		return K_NONE;
	/* on<letters>: event handlers (onerror, onload, onmouseover ...) */
	if (first == 'o' - 'a' && wlen >= 5 && word[1] == 'n')
		for (i = 2; i < wlen && word[i] >= 'a' && word[i] <= 'z'; i++)
			if (i + 1 == wlen)
				return K_HANDLER;
	for (i = 0; i < keywords[first].n; i++) {
		const struct kwent *k = &keywords[first].e[i];

		SG_STEP(1);
		if (k->len != wlen)
			continue;
		for (j = 1; j < wlen && k->w[j] == word[j]; j++)
			;
		if (j == wlen)
			return k->kw;
	}
	return K_NONE;
}

static bool is_or(const struct tok *t)
{
	return t->type == T_OROP ||
	       (t->type == T_WORD && (t->kw == K_OR || t->kw == K_AND || t->kw == K_XOR));
}

static bool is_operand(const struct tok *t)
{
	return t->type == T_WORD || t->type == T_NUM || t->type == T_SQUOTE ||
	       t->type == T_LPAREN || t->type == T_RPAREN;
}

/* Rules ending at a comparison: a quote, OR/AND, then operands only:
 * hi'or'x'='x  ' or 1=1  'or''='
 */
static enum sg_inject rules_cmp(const struct scan *sc)
{
	/* the nearest token before this one that is an OR or no operand,
	 * kept by tok_push(): the walk back over the operands in one step */
	u32 k = sc->n - 1 - sc->stop_at;

	if (k < 7 && is_or(back(sc, k)) &&
	    (back(sc, k + 1)->type == T_SQUOTE || back(sc, k + 1)->type == T_RPAREN))
		return SG_INJECT_SQL_TAUTOLOGY;
	return SG_INJECT_NONE;
}

/* Rules ending at a word or a number. */
static enum sg_inject rules_word(struct scan *sc, const struct tok *t)
{
	const struct tok *p = back(sc, 1);
	u32 k;

	/* the common case: a plain word after anything but '=', '<' or '/' */
	if (t->kw == K_NONE && p->type != T_EQ && p->type != T_LT && p->type != T_SLASH)
		return SG_INJECT_NONE;

	/* OR x = x with both sides the same word or number: or 1=1, and a=a */
	if (p->type == T_EQ && back(sc, 2)->type == t->type &&
	    back(sc, 2)->hash == t->hash && is_or(back(sc, 3)))
		return SG_INJECT_SQL_TAUTOLOGY;

	/* markup: a dangerous tag (<script, </script, <img ...); any other
	 * tag opens markup, unless a ':' makes it <sip:...
	 */
	if (t->type == T_WORD && !t->space_before &&
	    (p->type == T_LT || (p->type == T_SLASH && back(sc, 2)->type == T_LT))) {
		if (t->kw == K_TAG)
			return SG_INJECT_XSS_TAG;
		sc->markup = true;
	}

	switch (t->kw) {
	case K_LIKE:
	case K_IS:
		return rules_cmp(sc);
	case K_TABLE:
	case K_DATABASE:
	case K_FROM:
	case K_INTO:
	case K_USER:
		/* a statement after ';': ; drop table, ; delete from ... */
		if (back(sc, 2)->type == T_SEMI &&
		    ((p->kw == K_DROP && (t->kw == K_TABLE || t->kw == K_DATABASE)) ||
		     (p->kw == K_DELETE && t->kw == K_FROM) ||
		     (p->kw == K_INSERT && t->kw == K_INTO) ||
		     ((p->kw == K_CREATE || p->kw == K_ALTER) &&
		      (t->kw == K_TABLE || t->kw == K_USER)) ||
		     (p->kw == K_TRUNCATE && t->kw == K_TABLE)))
			return SG_INJECT_SQL_STACKED;
		break;
	case K_SHUTDOWN:
	case K_EXEC:
	case K_DECLARE:
		if (p->type == T_SEMI)
			return SG_INJECT_SQL_STACKED;
		break;
	case K_SET:
		if (back(sc, 3)->type == T_SEMI && back(sc, 2)->kw == K_UPDATE &&
		    p->type == T_WORD)
			return SG_INJECT_SQL_STACKED;
		break;
	case K_DELAY:
		if (p->kw == K_WAITFOR)
			return SG_INJECT_SQL_TIME;
		break;
	case K_SELECT:
		/* UNION [ALL|DISTINCT] SELECT, then a sign it is SQL: a quote,
		 * ')' or number before UNION, or FROM / NULL / a comment after
		 * it. The same for "; SELECT".
		 */
		k = (p->kw == K_ALL || p->kw == K_DISTINCT) ? 2 : 1;
		if (back(sc, k)->kw == K_UNION) {
			u8 before = back(sc, k + 1)->type;

			if (before == T_SQUOTE || before == T_RPAREN || before == T_NUM)
				return SG_INJECT_SQL_UNION;
			sc->union_at = sc->n;
			sc->pending = SG_INJECT_SQL_UNION;
		} else if (p->type == T_SEMI) {
			sc->union_at = sc->n;
			sc->pending = SG_INJECT_SQL_STACKED;
		}
		break;
	}
	return SG_INJECT_NONE;
}

/* Rules that end at the token just pushed. */
static enum sg_inject rules_tok(struct scan *sc)
{
	const struct tok *t = back(sc, 0), *p;
	enum sg_inject found;

	switch (t->type) {
	case T_WORD:
	case T_NUM:
		found = rules_word(sc, t);
		if (found)
			return found;
		break;
	case T_EQ:
		p = back(sc, 1);
		/* an event handler, in markup or after an attribute break-out */
		if (p->kw == K_HANDLER &&
		    (sc->markup || back(sc, 2)->type == T_DQUOTE ||
		     back(sc, 2)->type == T_SQUOTE))
			return SG_INJECT_XSS_HANDLER;
		return rules_cmp(sc);
	case T_CMP:
		return rules_cmp(sc);
	case T_COMMENT:
		/* a comment right after a closing quote: admin'-- */
		if (back(sc, 1)->type == T_SQUOTE)
			return SG_INJECT_SQL_COMMENT;
		break;
	case T_LPAREN:
		/* time-based probes: sleep(5), benchmark(...) */
		if (!t->space_before && back(sc, 1)->kw == K_SLEEP)
			return SG_INJECT_SQL_TIME;
		break;
	case T_COLON:
		/* javascript: and vbscript: URIs */
		if (!t->space_before && back(sc, 1)->kw == K_JSURI)
			return SG_INJECT_XSS_URI;
		if (!t->space_before)
			sc->markup = false;
		break;
	case T_GT:
		sc->markup = false;
		break;
	}

	if (sc->union_at && sc->union_at != sc->n) {
		if (t->kw == K_FROM || t->kw == K_NULL || t->type == T_COMMENT)
			return sc->pending;
		/* SIP structure ends the select list: "Union Select" <sip:..> */
		if (sc->n - sc->union_at >= 8 || t->type == T_DQUOTE ||
		    t->type == T_LT || t->type == T_GT || t->type == T_AT)
			sc->union_at = 0;
	}
	return SG_INJECT_NONE;
}

static inline void tok_push(struct scan *sc, u8 type, u8 kw, u32 hash)
{
	struct tok *t = &sc->win[sc->n & (SG_WINDOW - 1)];

	SG_STEP(1);
	/*
	 * A run of one punctuation token ("((((", "''''"): once the window
	 * holds nothing but that token, one more changes nothing the rules
	 * read (the token count aside, which only a pending UNION SELECT
	 * reads), so a storm of them costs no rules.
	 */
	if (!kw && !hash && !sc->space && type == sc->same_type) {
		if (sc->same >= SG_WINDOW && !sc->union_at)
			return;
		sc->same++;
	} else if (!kw && !hash && !sc->space) {
		sc->same_type = type;
		sc->same = 1;
	} else {
		sc->same_type = T_NONE;
		sc->same = 0;
	}
	t->type = type;
	t->kw = kw;
	t->hash = hash;
	t->space_before = sc->space;
	sc->space = false;
	sc->n++;
	if ((RULE_TYPES >> type & 1) || sc->union_at)
		sc->hit = rules_tok(sc);
	if (is_or(t) || !is_operand(t))
		sc->stop_at = sc->n - 1;
}

/* A word or number ended: @hash covers all of it, for "x = x". */
static void word_end(struct scan *sc, const char *word, u32 wlen, bool num, u32 hash)
{
	tok_push(sc, num ? T_NUM : T_WORD, num ? K_NONE : word_kw(word, wlen), hash);
}

/* A one-char operator that did not pair with the next byte. */
static void op_flush(struct scan *sc)
{
	u8 c = sc->pending_op;

	sc->pending_op = 0;
	tok_push(sc, c == '<' ? T_LT : c == '>' ? T_GT : c == '/' ? T_SLASH : T_OTHER,
		 K_NONE, 0);
}

/* Feed one decoded byte that is not a word character. */
static inline void feed(struct scan *sc, u8 c)
{
	u8 k = icls[c];

	if (sc->pending_op) {
		u8 first = sc->pending_op;

		sc->pending_op = 0;
		if ((first == '-' && c == '-') || (first == '/' && c == '*')) {
			tok_push(sc, T_COMMENT, K_NONE, 0);
			return;
		}
		if ((first == '|' && c == '|') || (first == '&' && c == '&')) {
			tok_push(sc, T_OROP, K_NONE, 0);
			return;
		}
		if ((first == '<' && (c == '>' || c == '=')) ||
		    (first == '>' && c == '=') || (first == '!' && c == '=')) {
			tok_push(sc, T_CMP, K_NONE, 0);
			return;
		}
		sc->pending_op = first;
		op_flush(sc);
	}
	if (k & IC_SPACE)
		sc->space = true;
	else if (k & IC_PAIR)
		sc->pending_op = c;
	else
		tok_push(sc, ptok[c] ? ptok[c] : T_OTHER, K_NONE, 0);
}

static int hexval(u8 c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

enum sg_inject sg_inject_scan(const u8 *s, size_t len)
{
	char word[SG_WORD_MAX];
	u32 wlen = 0, hash = 0;
	bool num = true;
	struct scan sc;
	size_t i;

	memset(&sc, 0, sizeof(sc));
	sc.n = SG_WINDOW;
	sc.stop_at = SG_WINDOW - 1;
	for (i = 0; i < len && !sc.hit; i++) {
		u8 c = s[i], k = icls[c];

		SG_STEP(1);
		if (unlikely(k & IC_DECODE)) {
			/* line folds read as blanks; %XX escapes are decoded */
			if (c != '%') {
				c = ' ';
			} else if (i + 2 < len && hexval(s[i + 1]) >= 0 &&
				   hexval(s[i + 2]) >= 0) {
				c = (u8)(hexval(s[i + 1]) << 4 | hexval(s[i + 2]));
				i += 2;
			}
			k = icls[c] & ~IC_DECODE;
		}
		if (k & IC_WORD) {
			if (unlikely(sc.pending_op))
				op_flush(&sc);
			if (k & IC_UPPER)
				c += 'a' - 'A';
			num &= !!(k & IC_DIGIT);
			hash = hash * 31 + c;
			if (wlen < SG_WORD_MAX)
				word[wlen] = (char)c;
			wlen++;
			continue;
		}
		if (wlen) {
			word_end(&sc, word, wlen, num, hash);
			wlen = 0;
			hash = 0;
			num = true;
			if (sc.hit)
				break;
		}
		feed(&sc, c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	}
	if (!sc.hit && sc.pending_op)
		op_flush(&sc);
	if (!sc.hit && wlen)
		word_end(&sc, word, wlen, num, hash);
	return sc.hit;
}

/*
 * What every rule above needs at least one of, in the raw value: a quote
 * or parenthesis (tautologies, comments, time calls, UNION after a quote),
 * '%' (an escape may hide anything), '|' or '&' (|| and &&), a keyword that
 * starts a rule (OR/AND/XOR, UNION, SELECT, a statement, WAITFOR,
 * javascript:, a dangerous tag), or a word starting with "on" (handlers;
 * in markup opened by any tag, or after a quote). A value with none of
 * them cannot match a rule, so it skips the tokeniser. The fuzzer checks
 * this claim: tests/fuzz/fuzz_sip.c.
 */
#define C(s)	{ s, 1, SG_FIELD_INJECT, 0 }
#define W(s)	{ s, sizeof(s) - 1, SG_FIELD_INJECT, SG_PAT_WORD }
const struct sg_acm_pattern sg_inject_triggers[] = {
	C("'"), C("("), C(")"), C("%"), C("|"), C("&"),
	W("or"), W("and"), W("xor"), W("union"), W("select"), W("waitfor"),
	W("drop"), W("delete"), W("insert"), W("create"), W("alter"),
	W("truncate"), W("shutdown"), W("exec"), W("execute"), W("declare"),
	W("update"), W("javascript"), W("vbscript"),
	W("script"), W("img"), W("svg"), W("iframe"), W("object"), W("embed"),
	W("body"), W("style"), W("link"), W("meta"), W("form"), W("input"),
	W("video"), W("audio"), W("details"), W("marquee"), W("base"),
	W("math"), W("frameset"), W("applet"),
	{ "on", 2, SG_FIELD_INJECT, SG_PAT_WORD_START },
};
#undef C
#undef W
const u32 sg_inject_ntriggers = ARRAY_SIZE(sg_inject_triggers);

enum sg_inject sg_inject_check(const struct sg_acm *pre, const u8 *s, size_t len)
{
	if (pre && sg_acm_find(pre, s, len, SG_FIELD_INJECT) < 0)
		return SG_INJECT_NONE;
	return sg_inject_scan(s, len);
}

static const char *const inject_names[__SG_INJECT_MAX] = {
	[SG_INJECT_NONE]		= "none",
	[SG_INJECT_SQL_TAUTOLOGY]	= "sql-tautology",
	[SG_INJECT_SQL_COMMENT]		= "sql-comment",
	[SG_INJECT_SQL_UNION]		= "sql-union",
	[SG_INJECT_SQL_STACKED]		= "sql-stacked",
	[SG_INJECT_SQL_TIME]		= "sql-time",
	[SG_INJECT_XSS_TAG]		= "markup-tag",
	[SG_INJECT_XSS_HANDLER]		= "markup-handler",
	[SG_INJECT_XSS_URI]		= "markup-uri",
};

const char *sg_inject_name(enum sg_inject what)
{
	return what < __SG_INJECT_MAX ? inject_names[what] : "unknown";
}
