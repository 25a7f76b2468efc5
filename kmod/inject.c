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

static const struct { const char *w; u8 kw; } keywords[] = {
	{ "or", K_OR }, { "and", K_AND }, { "xor", K_XOR },
	{ "union", K_UNION }, { "select", K_SELECT }, { "all", K_ALL },
	{ "distinct", K_DISTINCT }, { "from", K_FROM }, { "null", K_NULL },
	{ "insert", K_INSERT }, { "into", K_INTO }, { "update", K_UPDATE },
	{ "set", K_SET }, { "delete", K_DELETE }, { "drop", K_DROP },
	{ "table", K_TABLE }, { "database", K_DATABASE }, { "create", K_CREATE },
	{ "alter", K_ALTER }, { "truncate", K_TRUNCATE }, { "exec", K_EXEC },
	{ "execute", K_EXEC }, { "declare", K_DECLARE },
	{ "shutdown", K_SHUTDOWN }, { "like", K_LIKE }, { "is", K_IS },
	{ "sleep", K_SLEEP }, { "pg_sleep", K_SLEEP }, { "benchmark", K_SLEEP },
	{ "waitfor", K_WAITFOR }, { "delay", K_DELAY }, { "user", K_USER },
	{ "javascript", K_JSURI }, { "vbscript", K_JSURI },
	/* tags that run script or load content; SIP has none of them */
	{ "script", K_TAG }, { "img", K_TAG }, { "svg", K_TAG },
	{ "iframe", K_TAG }, { "object", K_TAG }, { "embed", K_TAG },
	{ "body", K_TAG }, { "style", K_TAG }, { "link", K_TAG },
	{ "meta", K_TAG }, { "form", K_TAG }, { "input", K_TAG },
	{ "video", K_TAG }, { "audio", K_TAG }, { "details", K_TAG },
	{ "marquee", K_TAG }, { "base", K_TAG }, { "math", K_TAG },
	{ "frameset", K_TAG }, { "applet", K_TAG },
};

struct tok {
	u8 type;
	u8 kw;
	bool space_before;	/* whitespace between this and the previous token */
	u32 hash;		/* of the word or number, for "x = x" */
};

struct scan {
	struct tok win[SG_WINDOW];	/* win[(n - 1) % SG_WINDOW] is the last */
	u32 n;				/* tokens so far */
	/* the token being built */
	char word[SG_WORD_MAX];
	u32 wlen, whash;
	u8 wtype;			/* T_WORD, T_NUM or T_NONE */
	bool space;			/* whitespace seen since the last token */
	u8 pending_op;			/* first char of a two-char operator */
	/* state across tokens */
	bool markup;			/* inside <tag ... of a dangerous tag */
	u32 union_at;			/* token count at UNION SELECT, or 0 */
	enum sg_inject pending;		/* what a FROM after it would prove */
	enum sg_inject hit;
};

static const struct tok *back(const struct scan *sc, u32 k)
{
	static const struct tok none;

	if (k >= sc->n || k >= SG_WINDOW)
		return &none;
	return &sc->win[(sc->n - 1 - k) % SG_WINDOW];
}

static bool is_word_char(u8 c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
	       c >= 0x80;
}

static u8 word_kw(const struct scan *sc)
{
	u32 i;

	if (sc->wlen > SG_WORD_MAX)
		return K_NONE;
	/* on<letters>=: event handlers (onerror, onload, onmouseover ...) */
	if (sc->wlen >= 5 && sc->word[0] == 'o' && sc->word[1] == 'n')
		for (i = 2; i < sc->wlen && sc->word[i] >= 'a' && sc->word[i] <= 'z'; i++)
			if (i + 1 == sc->wlen)
				return K_HANDLER;
	for (i = 0; i < ARRAY_SIZE(keywords); i++)
		if (strlen(keywords[i].w) == sc->wlen &&
		    !memcmp(keywords[i].w, sc->word, sc->wlen))
			return keywords[i].kw;
	return K_NONE;
}

static bool is_or(const struct tok *t)
{
	return t->type == T_OROP ||
	       (t->type == T_WORD && (t->kw == K_OR || t->kw == K_AND || t->kw == K_XOR));
}

static bool is_cmp(const struct tok *t)
{
	return t->type == T_EQ || t->type == T_CMP ||
	       (t->type == T_WORD && (t->kw == K_LIKE || t->kw == K_IS));
}

static bool is_operand(const struct tok *t)
{
	return t->type == T_WORD || t->type == T_NUM || t->type == T_SQUOTE ||
	       t->type == T_LPAREN || t->type == T_RPAREN;
}

/* Rules that end at the token just pushed. */
static void rules(struct scan *sc)
{
	const struct tok *t = back(sc, 0), *p = back(sc, 1);
	u32 k;

	/* A quote, then OR/AND, then a comparison through operands only:
	 * hi'or'x'='x  ' or 1=1  'or''='
	 */
	if (is_cmp(t)) {
		for (k = 1; k < 7 && is_operand(back(sc, k)) && !is_or(back(sc, k)); k++)
			;
		if (k < 7 && is_or(back(sc, k)) &&
		    (back(sc, k + 1)->type == T_SQUOTE || back(sc, k + 1)->type == T_RPAREN)) {
			sc->hit = SG_INJECT_SQL_TAUTOLOGY;
			return;
		}
	}
	/* OR x = x with both sides the same word or number: or 1=1, and a=a */
	if ((t->type == T_NUM || t->type == T_WORD) && p->type == T_EQ &&
	    back(sc, 2)->type == t->type && back(sc, 2)->hash == t->hash &&
	    is_or(back(sc, 3))) {
		sc->hit = SG_INJECT_SQL_TAUTOLOGY;
		return;
	}
	/* a comment right after a closing quote: admin'-- */
	if (t->type == T_COMMENT && p->type == T_SQUOTE) {
		sc->hit = SG_INJECT_SQL_COMMENT;
		return;
	}
	/* a statement after ';': ; drop table, ; delete from, ; insert into */
	if (back(sc, 2)->type == T_SEMI && p->type == T_WORD && t->type == T_WORD &&
	    ((p->kw == K_DROP && (t->kw == K_TABLE || t->kw == K_DATABASE)) ||
	     (p->kw == K_DELETE && t->kw == K_FROM) ||
	     (p->kw == K_INSERT && t->kw == K_INTO) ||
	     (p->kw == K_CREATE && (t->kw == K_TABLE || t->kw == K_USER)) ||
	     (p->kw == K_ALTER && (t->kw == K_TABLE || t->kw == K_USER)) ||
	     (p->kw == K_TRUNCATE && t->kw == K_TABLE))) {
		sc->hit = SG_INJECT_SQL_STACKED;
		return;
	}
	if (p->type == T_SEMI && t->type == T_WORD &&
	    (t->kw == K_SHUTDOWN || t->kw == K_EXEC || t->kw == K_DECLARE)) {
		sc->hit = SG_INJECT_SQL_STACKED;
		return;
	}
	if (back(sc, 3)->type == T_SEMI && back(sc, 2)->kw == K_UPDATE &&
	    p->type == T_WORD && t->kw == K_SET) {
		sc->hit = SG_INJECT_SQL_STACKED;
		return;
	}
	/* time-based probes: sleep(5), benchmark(...), waitfor delay */
	if (t->type == T_LPAREN && !t->space_before && p->kw == K_SLEEP) {
		sc->hit = SG_INJECT_SQL_TIME;
		return;
	}
	if (t->kw == K_DELAY && p->kw == K_WAITFOR) {
		sc->hit = SG_INJECT_SQL_TIME;
		return;
	}
	/* UNION [ALL|DISTINCT] SELECT, then a sign it is SQL: a quote or ')'
	 * or number before UNION, or FROM / NULL / a comment after it. The
	 * same for "; SELECT".
	 */
	if (t->kw == K_SELECT) {
		k = (p->kw == K_ALL || p->kw == K_DISTINCT) ? 2 : 1;
		if (back(sc, k)->kw == K_UNION) {
			u8 before = back(sc, k + 1)->type;

			if (before == T_SQUOTE || before == T_RPAREN || before == T_NUM) {
				sc->hit = SG_INJECT_SQL_UNION;
				return;
			}
			sc->union_at = sc->n;
			sc->pending = SG_INJECT_SQL_UNION;
		} else if (p->type == T_SEMI) {
			sc->union_at = sc->n;
			sc->pending = SG_INJECT_SQL_STACKED;
		}
	} else if (sc->union_at) {
		if (t->kw == K_FROM || t->kw == K_NULL || t->type == T_COMMENT) {
			sc->hit = sc->pending;
			return;
		}
		/* SIP structure ends the select list: "Union Select" <sip:..> */
		if (sc->n - sc->union_at >= 8 || t->type == T_DQUOTE ||
		    t->type == T_LT || t->type == T_GT || t->type == T_AT)
			sc->union_at = 0;
	}

	/* Markup. A dangerous tag: <script, </script, <img ... */
	if (t->type == T_WORD && !t->space_before &&
	    (p->type == T_LT || (p->type == T_SLASH && back(sc, 2)->type == T_LT))) {
		if (t->kw == K_TAG) {
			sc->hit = SG_INJECT_XSS_TAG;
			return;
		}
		sc->markup = true;	/* <a ..., unless a ':' makes it <sip:... */
	}
	if (t->type == T_GT || (t->type == T_COLON && !t->space_before))
		sc->markup = false;
	/* An event handler, in markup or after an attribute break-out */
	if (t->type == T_EQ && p->kw == K_HANDLER &&
	    (sc->markup || back(sc, 2)->type == T_DQUOTE ||
	     back(sc, 2)->type == T_SQUOTE || back(sc, 2)->type == T_SLASH)) {
		sc->hit = SG_INJECT_XSS_HANDLER;
		return;
	}
	/* javascript: and vbscript: URIs */
	if (t->type == T_COLON && !t->space_before && p->kw == K_JSURI) {
		sc->hit = SG_INJECT_XSS_URI;
		return;
	}
}

static void tok_push(struct scan *sc, u8 type, u8 kw, u32 hash)
{
	struct tok *t = &sc->win[sc->n % SG_WINDOW];

	t->type = type;
	t->kw = kw;
	t->hash = hash;
	t->space_before = sc->space;
	sc->space = false;
	sc->n++;
	rules(sc);
}

static void word_end(struct scan *sc)
{
	if (sc->wtype == T_NONE)
		return;
	tok_push(sc, sc->wtype, sc->wtype == T_WORD ? word_kw(sc) : K_NONE,
		 sc->whash);
	sc->wtype = T_NONE;
	sc->wlen = 0;
	sc->whash = 0;
}

/* A one-char operator that did not pair with the next byte. */
static void op_flush(struct scan *sc)
{
	u8 c = sc->pending_op;

	sc->pending_op = 0;
	tok_push(sc, c == '<' ? T_LT : c == '>' ? T_GT : c == '/' ? T_SLASH : T_OTHER,
		 K_NONE, 0);
}

/* Feed one decoded, lower-cased byte. */
static void feed(struct scan *sc, u8 c)
{
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

	if (is_word_char(c)) {
		if (sc->wtype == T_NONE)
			sc->wtype = (c >= '0' && c <= '9') ? T_NUM : T_WORD;
		else if (sc->wtype == T_NUM && !(c >= '0' && c <= '9'))
			sc->wtype = T_WORD;
		if (sc->wlen < SG_WORD_MAX)
			sc->word[sc->wlen] = (char)c;
		sc->wlen++;
		sc->whash = sc->whash * 31 + c;
		return;
	}
	word_end(sc);
	switch (c) {
	case ' ':
	case '\t':
		sc->space = true;
		break;
	case '\'':
		tok_push(sc, T_SQUOTE, K_NONE, 0);
		break;
	case '"':
		tok_push(sc, T_DQUOTE, K_NONE, 0);
		break;
	case '=':
		tok_push(sc, T_EQ, K_NONE, 0);
		break;
	case '#':
		tok_push(sc, T_COMMENT, K_NONE, 0);
		break;
	case ';':
		tok_push(sc, T_SEMI, K_NONE, 0);
		break;
	case '(':
		tok_push(sc, T_LPAREN, K_NONE, 0);
		break;
	case ')':
		tok_push(sc, T_RPAREN, K_NONE, 0);
		break;
	case '@':
		tok_push(sc, T_AT, K_NONE, 0);
		break;
	case ':':
		tok_push(sc, T_COLON, K_NONE, 0);
		break;
	case '-': case '|': case '&': case '<': case '>': case '!': case '/':
		sc->pending_op = c;
		break;
	default:
		tok_push(sc, T_OTHER, K_NONE, 0);
		break;
	}
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
	struct scan sc;
	size_t i;

	memset(&sc, 0, sizeof(sc));
	for (i = 0; i < len && !sc.hit; i++) {
		u8 c = s[i];

		if (c == '%' && i + 2 < len &&
		    hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			c = (u8)(hexval(s[i + 1]) << 4 | hexval(s[i + 2]));
			i += 2;
		} else if (c == '\r' || c == '\n') {
			c = ' ';
		}
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		feed(&sc, c);
	}
	if (!sc.hit) {
		if (sc.pending_op)
			op_flush(&sc);
		if (!sc.hit)
			word_end(&sc);
	}
	return sc.hit;
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
