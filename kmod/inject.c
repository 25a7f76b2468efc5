// SPDX-License-Identifier: GPL-2.0
/*
 * Pure core: injection detection by syntax.
 *
 * The approach is libinjection's: read the value as SQL would, in the
 * contexts an application could have pasted it into, and judge the shape
 * of the tokens, not the presence of a quote or a word. sipguard's own
 * code, built in the kernel and in userspace from this one file.
 *
 * A value is read once, through a pipeline:
 *
 *  1. decoding (dec_next()): folds, tabs and '+' become blanks; %XX is
 *     decoded, then HTML character references (&#39; &#x27; &apos;
 *     &Tab; ...), then quoted-pairs (\' is '): what the server, the
 *     database or the browser behind it would read;
 *  2. a lexer (lex_*()): words and numbers (folded to lower case, keywords
 *     recognised), quotes, one- and two-character operators, comments
 *     (-- # and slash-star, which are separators: they never hide the
 *     text after them, so no comment can blind the lanes below);
 *  3. four SQL lanes (lane_*()): each reads the lexemes as SQL after a
 *     different string context. A value pasted into '...' starts inside a
 *     string, so its first ' closes it: lane "after '" starts inside a
 *     '-string, lane "as is" outside; the same two for ". Every quote in
 *     the value is a string's closing quote in exactly one lane of its
 *     kind, so whichever quote the attacker breaks out with, one lane sees
 *     the SQL the database would. In a '-lane a " is no quote (and the
 *     reverse): it is skipped, as are '.' and '`', so "a"."b" reads a b.
 *     Each lane keeps its last SG_WINDOW tokens and judges the shape that
 *     ends at each new token (lane_rules());
 *  4. markup (mk_*()): dangerous tags after '<', event handlers (by name)
 *     after a blank, a quote, a slash or a control byte, and
 *     javascript:/vbscript:/data:text/html schemes read without the HT,
 *     CR and LF browsers drop.
 *
 * The shapes (the first that matches wins; BREAK is a string closed by the
 * lane's quote, or a ')' right after one: see is_break() for what is not):
 *  - tautology: BREAK, OR/AND/XOR/||/&&/HAVING, [NOT] [(], X CMP Y, where
 *    CMP is = < > <= >= <> != <=> LIKE IS IN BETWEEN REGEXP RLIKE SOUNDS
 *    and one of X, Y is a literal or X and Y are the same word ("' or
 *    'a'<'b", "' or x='x", "' or a=a"); BREAK, OR, then an expression up
 *    to the end, a comment, ';' or '@' ("' or true-- ", "'||1#", "' or
 *    not 0#", "' or @@version#", "' or 2-1-- "; prose is words: "Kids' or
 *    Mom"); BREAK IS [NOT] NULL; BREAK then = or - touching it and an
 *    open string ("x'='x", "x'-'"). Without a quote (numeric context)
 *    only "1 or 1=1" (the same literal) and "-1 or 1" at the end count;
 *  - comment: BREAK right before -- (in a '-lane) or # ("admin'--",
 *    "alice'#x"), a slash-star after BREAK never closed, or a comment
 *    after BREAK that ends the value ("admin' #"); "O'Neil's #2" is none;
 *  - union: BREAK or a number, UNION [ALL|DISTINCT|DISTINCTROW], then
 *    VALUES, TABLE or '('; or SELECT and a select list (NULL, *, @@ or @,
 *    numbers and ',', a function call, FROM, a comment);
 *  - stacked: ';' after BREAK (or after a number that starts the value)
 *    then a statement word; without a break-out only the statements with
 *    their grammar: DROP TABLE|DATABASE|..., TRUNCATE TABLE, UPDATE x SET,
 *    EXEC xp_|sp_..., DECLARE @, SELECT with a select list ("Doe, Jane;
 *    Update Team", "Meeting moved; select a new time" are none);
 *  - time: SLEEP|PG_SLEEP|PG_SLEEP_FOR|RANDOMBLOB|BENCHMARK ( argument,
 *    after an operator, SELECT, FROM, '(' or ';' ("Sleep (2)" is none);
 *    WAITFOR DELAY|TIME 'time'; blanks and comments allowed before '(';
 *  - function: BREAK, AND/OR or - or =, a blind-injection function ("'
 *    and ascii(substring(...", "'-extractvalue("), a subquery after a
 *    BREAK ("' and 1<(select"), BREAK ORDER BY, or "1 order by 3".
 *
 * Cost: every byte is decoded once (a failed character reference reads at
 * most a few bytes ahead, and never again), every lexeme goes to the four
 * lanes at constant cost, every rule reads a bounded window. Linear in
 * the value, with SG_STEP() counting for the cost oracle.
 */
#include "inject.h"

#define SG_WORD_MAX	36	/* the longest keyword is a handler's */
#define SG_WINDOW	16	/* tokens a lane remembers: a power of two */

/* ------------------------------------------------------------------ */
/* keywords                                                            */

enum kw {
	K_NONE,
	/* SQL */
	K_OR, K_AND, K_XOR, K_NOT, K_TRUE, K_CMPW, K_UNION, K_SELECT, K_ALL,
	K_FROM, K_NULL, K_INSERT, K_INTO, K_UPDATE, K_SET, K_DELETE, K_DROP,
	K_OBJECT, K_CREATE, K_TRUNCATE, K_EXEC, K_DECLARE, K_SHUTDOWN,
	K_SLEEP, K_BENCHMARK, K_WAITFOR, K_DELAY, K_FUNC, K_ORDER, K_BY,
	K_HAVING, K_PROC, K_STMT, K_VALUES,
	/* markup */
	K_TAG, K_HANDLER,
};

struct kwent {
	const char *w;
	u8 len;
	u8 kw;
};

/*
 * Grouped by first letter: a word costs one index and a few compares.
 * K_OBJECT: what DROP, CREATE, ALTER, TRUNCATE act on. K_FUNC: functions of
 * blind and error-based injection. K_PROC: the procedure prefixes EXEC
 * runs (xp_cmdshell, sp_executesql) are recognised in word_kw(). The tags
 * are those that run script or load content; SIP has none of them.
 */
#define KW(w, k) { w, sizeof(w) - 1, k }
static const struct kwent kw_a[] = { KW("and", K_AND), KW("all", K_ALL), KW("alter", K_CREATE), KW("ascii", K_FUNC), KW("audio", K_TAG), KW("applet", K_TAG) };
static const struct kwent kw_b[] = { KW("between", K_CMPW), KW("benchmark", K_BENCHMARK), KW("by", K_BY), KW("body", K_TAG), KW("base", K_TAG) };
static const struct kwent kw_c[] = { KW("create", K_CREATE), KW("concat", K_FUNC), KW("char", K_FUNC), KW("cast", K_FUNC), KW("convert", K_FUNC), KW("count", K_FUNC), KW("char_length", K_FUNC), KW("current_user", K_FUNC), KW("coalesce", K_FUNC), KW("copy", K_STMT), KW("call", K_STMT) };
static const struct kwent kw_d[] = { KW("distinct", K_ALL), KW("distinctrow", K_ALL), KW("do", K_STMT), KW("delete", K_DELETE), KW("drop", K_DROP), KW("database", K_OBJECT), KW("declare", K_DECLARE), KW("delay", K_DELAY), KW("details", K_TAG) };
static const struct kwent kw_e[] = { KW("exec", K_EXEC), KW("execute", K_EXEC), KW("extractvalue", K_FUNC), KW("elt", K_FUNC), KW("exp", K_FUNC), KW("exists", K_FUNC), KW("embed", K_TAG) };
static const struct kwent kw_f[] = { KW("from", K_FROM), KW("false", K_TRUE), KW("function", K_OBJECT), KW("floor", K_FUNC), KW("form", K_TAG), KW("frame", K_TAG), KW("frameset", K_TAG) };
static const struct kwent kw_g[] = { KW("group", K_ORDER), KW("glob", K_CMPW), KW("grant", K_STMT), KW("group_concat", K_FUNC) };
static const struct kwent kw_h[] = { KW("having", K_HAVING), KW("hex", K_FUNC), KW("handler", K_STMT) };
static const struct kwent kw_i[] = { KW("insert", K_INSERT), KW("into", K_INTO), KW("is", K_CMPW), KW("in", K_CMPW), KW("index", K_OBJECT), KW("if", K_FUNC), KW("instr", K_FUNC), KW("ifnull", K_FUNC), KW("img", K_TAG), KW("iframe", K_TAG), KW("input", K_TAG), KW("image", K_TAG) };
static const struct kwent kw_l[] = { KW("like", K_CMPW), KW("login", K_OBJECT), KW("length", K_FUNC), KW("load_file", K_FUNC), KW("left", K_FUNC), KW("lower", K_FUNC), KW("locate", K_FUNC), KW("load", K_STMT), KW("link", K_TAG) };
static const struct kwent kw_m[] = { KW("mid", K_FUNC), KW("md5", K_FUNC), KW("meta", K_TAG), KW("marquee", K_TAG), KW("math", K_TAG) };
static const struct kwent kw_n[] = { KW("null", K_NULL), KW("not", K_NOT), KW("now", K_FUNC) };
static const struct kwent kw_o[] = { KW("or", K_OR), KW("order", K_ORDER), KW("ord", K_FUNC), KW("object", K_TAG) };
static const struct kwent kw_p[] = { KW("pg_sleep", K_SLEEP), KW("pg_sleep_for", K_SLEEP), KW("procedure", K_OBJECT), KW("pi", K_FUNC), KW("prepare", K_STMT) };
static const struct kwent kw_r[] = { KW("regexp", K_CMPW), KW("rlike", K_CMPW), KW("randomblob", K_SLEEP), KW("rand", K_FUNC), KW("replace", K_STMT), KW("rename", K_STMT), KW("revoke", K_STMT), KW("right", K_FUNC) };
static const struct kwent kw_s[] = { KW("select", K_SELECT), KW("set", K_SET), KW("shutdown", K_SHUTDOWN), KW("sleep", K_SLEEP), KW("sounds", K_CMPW), KW("schema", K_OBJECT), KW("substring", K_FUNC), KW("substr", K_FUNC), KW("sha1", K_FUNC), KW("sysdate", K_FUNC), KW("script", K_TAG), KW("svg", K_TAG), KW("style", K_TAG) };
static const struct kwent kw_t[] = { KW("table", K_OBJECT), KW("truncate", K_TRUNCATE), KW("true", K_TRUE), KW("time", K_DELAY), KW("trigger", K_OBJECT) };
static const struct kwent kw_u[] = { KW("union", K_UNION), KW("update", K_UPDATE), KW("user", K_OBJECT), KW("updatexml", K_FUNC), KW("upper", K_FUNC) };
static const struct kwent kw_v[] = { KW("view", K_OBJECT), KW("version", K_FUNC), KW("values", K_VALUES), KW("video", K_TAG) };
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
	['g' - 'a'] = { kw_g, ARRAY_SIZE(kw_g) },
	['h' - 'a'] = { kw_h, ARRAY_SIZE(kw_h) },
	['i' - 'a'] = { kw_i, ARRAY_SIZE(kw_i) },
	['l' - 'a'] = { kw_l, ARRAY_SIZE(kw_l) },
	['m' - 'a'] = { kw_m, ARRAY_SIZE(kw_m) },
	['n' - 'a'] = { kw_n, ARRAY_SIZE(kw_n) },
	['o' - 'a'] = { kw_o, ARRAY_SIZE(kw_o) },
	['p' - 'a'] = { kw_p, ARRAY_SIZE(kw_p) },
	['r' - 'a'] = { kw_r, ARRAY_SIZE(kw_r) },
	['s' - 'a'] = { kw_s, ARRAY_SIZE(kw_s) },
	['t' - 'a'] = { kw_t, ARRAY_SIZE(kw_t) },
	['u' - 'a'] = { kw_u, ARRAY_SIZE(kw_u) },
	['v' - 'a'] = { kw_v, ARRAY_SIZE(kw_v) },
	['w' - 'a'] = { kw_w, ARRAY_SIZE(kw_w) },
	['x' - 'a'] = { kw_x, ARRAY_SIZE(kw_x) },
};

/*
 * Event handlers: the attributes of HTML's GlobalEventHandlers,
 * WindowEventHandlers and DocumentAndElementEventHandlers, SVG's, and the
 * older ones browsers still run, sorted (a binary search per word that
 * starts with "on"; the prefilter lists the same words).
 */
#define SG_HANDLERS(X) \
	X("onabort") X("onactivate") X("onafterprint") X("onafterscriptexecute") \
	X("onanimationcancel") X("onanimationend") X("onanimationiteration") \
	X("onanimationstart") X("onauxclick") X("onbeforeactivate") X("onbeforecopy") \
	X("onbeforecut") X("onbeforedeactivate") X("onbeforeeditfocus") X("onbeforeinput") \
	X("onbeforematch") X("onbeforepaste") X("onbeforeprint") X("onbeforescriptexecute") \
	X("onbeforetoggle") X("onbeforeunload") X("onbegin") X("onblur") X("onbounce") \
	X("oncancel") X("oncanplay") X("oncanplaythrough") X("onchange") X("onclick") \
	X("onclose") X("oncontentvisibilityautostatechange") X("oncontextlost") \
	X("oncontextmenu") X("oncontextrestored") X("oncopy") X("oncuechange") X("oncut") \
	X("ondblclick") X("ondeactivate") X("ondrag") X("ondragend") X("ondragenter") \
	X("ondragexit") X("ondragleave") X("ondragover") X("ondragstart") X("ondrop") \
	X("ondurationchange") X("onemptied") X("onend") X("onended") X("onerror") \
	X("onerrorupdate") X("onfilterchange") X("onfinish") X("onfocus") X("onfocusin") \
	X("onfocusout") X("onformdata") X("onfullscreenchange") X("onfullscreenerror") \
	X("ongotpointercapture") X("onhashchange") X("onhelp") X("oninput") X("oninvalid") \
	X("onkeydown") X("onkeypress") X("onkeyup") X("onlanguagechange") X("onlayoutcomplete") \
	X("onload") X("onloadeddata") X("onloadedmetadata") X("onloadend") X("onloadstart") \
	X("onlosecapture") X("onlostpointercapture") X("onmessage") X("onmessageerror") \
	X("onmousedown") X("onmouseenter") X("onmouseleave") X("onmousemove") X("onmouseout") \
	X("onmouseover") X("onmouseup") X("onmousewheel") X("onmove") X("onmoveend") \
	X("onmovestart") X("onoffline") X("ononline") X("onpagehide") X("onpagereveal") \
	X("onpageshow") X("onpageswap") X("onpaste") X("onpause") X("onplay") X("onplaying") \
	X("onpointercancel") X("onpointerdown") X("onpointerenter") X("onpointerleave") \
	X("onpointermove") X("onpointerout") X("onpointerover") X("onpointerrawupdate") \
	X("onpointerup") X("onpopstate") X("onprogress") X("onpropertychange") X("onratechange") \
	X("onreadystatechange") X("onrejectionhandled") X("onrepeat") X("onreset") X("onresize") \
	X("onrowenter") X("onrowexit") X("onscroll") X("onscrollend") X("onsearch") \
	X("onsecuritypolicyviolation") X("onseeked") X("onseeking") X("onselect") \
	X("onselectionchange") X("onselectstart") X("onshow") X("onslotchange") X("onstalled") \
	X("onstart") X("onstop") X("onstorage") X("onsubmit") X("onsuspend") X("ontimeupdate") \
	X("ontoggle") X("ontouchcancel") X("ontouchend") X("ontouchmove") X("ontouchstart") \
	X("ontransitioncancel") X("ontransitionend") X("ontransitionrun") X("ontransitionstart") \
	X("onunhandledrejection") X("onunload") X("onurlflip") X("onvolumechange") \
	X("onwaiting") X("onwebkitanimationend") X("onwebkitanimationiteration") \
	X("onwebkitanimationstart") X("onwebkittransitionend") X("onwheel") X("onzoom")
#define SG_STR(w)	w,
static const char *const handlers[] = { SG_HANDLERS(SG_STR) };
#undef SG_STR

static bool is_handler(const char *word, u32 wlen)
{
	u32 lo = 0, hi = ARRAY_SIZE(handlers);

	while (lo < hi) {
		u32 mid = (lo + hi) / 2;
		int c = strncmp(handlers[mid], word, wlen);

		SG_STEP(1);
		if (!c && !handlers[mid][wlen])
			return true;
		/* a longer name the word starts is after it */
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static u8 word_kw(const char *word, u32 wlen)
{
	u32 i, j, first;

	if (wlen > SG_WORD_MAX || wlen < 2)
		return K_NONE;
	first = (u8)word[0] - 'a';
	if (first >= 26)
		return K_NONE;
	/* xp_cmdshell, sp_executesql, sp_oacreate ... */
	if (wlen >= 4 && (word[0] == 'x' || word[0] == 's') && word[1] == 'p' && word[2] == '_')
		return K_PROC;
	/* event handlers (onerror, onload, onmouseover ...) */
	if (first == 'o' - 'a' && wlen >= 5 && word[1] == 'n' && is_handler(word, wlen))
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

/* ------------------------------------------------------------------ */
/* lexemes and tokens                                                  */

enum tok_type {
	T_NONE,		/* the window's initial fill */
	T_STR,		/* a string literal in the lane's quote */
	T_NUM,		/* a word starting with a digit */
	T_WORD,		/* any other word; kw says which keyword */
	T_LOGIC,	/* || && (OR, AND, XOR are T_WORD with their kw) */
	T_CMP,		/* = < > <= >= <> != <=> == */
	T_LPAREN, T_RPAREN, T_SEMI, T_COMMA, T_AT, T_COLON, T_STAR, T_BANG,
	T_OTHER,
	/* lexemes that are no tokens */
	L_SQUOTE, L_DQUOTE, L_SKIP,	/* ' " and . ` (skipped by the lanes) */
	L_COMMENT,			/* -- # slash-star */
	L_LT, L_GT, L_SLASH,		/* T_CMP, T_CMP, T_OTHER in the lanes */
};

/* token flags */
#define TF_SPACE	0x01	/* blanks or a comment before it */
#define TF_TRUTHY	0x02	/* a number not 0, or a string starting with 1-9 */
#define TF_LITERAL	0x04	/* a string or number */
#define TF_OPEN		0x08	/* a string still open at the end */
#define TF_LANGLE	0x10	/* a '<' (maybe the start of <sip:...>) */
#define TF_NAME		0x20	/* "": the empty string a "-lane starts with
				 * when the value does (a display name) */
#define TF_DIGITS	0x40	/* a number of digits only */
#define TF_MINUS	0x80	/* a '-' (T_OTHER) */
#define TF_BREAKP	0x100	/* a ')' right after a BREAK: one too */
#define TF_EQ		0x400	/* = == != (not < > <= >= <>) */
#define TF_SKIPPED	0x800	/* a '.' or '`' right before it */
#define TF_CSKIP	0x2000	/* TF_SKIPPED by a comment's end alone */
#define TF_PLUS		0x1000	/* a '+' among the blanks before it (the
				 * matcher does not read '+' as a blank) */
#define TF_PROSE	0x200	/* in an as-is lane, one word in quotes after a
				 * blank ("Book room 'Maple' or 2"): quotation
				 * marks, no break-out */

struct tok {
	u8 type;
	u8 kw;
	u16 flags;
	u32 hash;	/* of a word, number or string's first word */
};

/* A lexeme from the lexer: a token type, or an L_ one. */
struct lexeme {
	u8 type;
	u8 kw;
	u16 flags;	/* TF_SPACE, TF_TRUTHY (numbers) */
	u8 c;		/* L_COMMENT: '-', '#' or '*' */
	u32 hash;
};

enum lane_state { LS_CODE, LS_STR };

struct lane {
	struct tok win[SG_WINDOW];	/* win[(n - 1) % SG_WINDOW]: the last */
	u32 n;				/* tokens pushed, from SG_WINDOW */
	u8 quote;			/* L_SQUOTE or L_DQUOTE */
	u8 state;
	u16 str_flags;			/* the open string's TF_ flags */
	u8 str_words;			/* lexemes in it, up to 4 */
	bool str_blank;			/* it opened after a blank, not first */
	bool o_lane;			/* starts inside a string */
	u32 str_hash;			/* and its first word */
	bool str_first;			/* its first lexeme seen */
	bool space;			/* blanks since the last token */
	bool skipped;			/* a '.' or '`' since the last token */
	bool skip_other;		/* ... and not only a comment's end */
	u8 pending;			/* enum sg_inject a select list would prove */
	bool pending_break;		/* and the SELECT came after a BREAK */
	u32 pending_at;			/* n when it was set */
	u32 pend_cmp;			/* n of a '< word' tautology awaiting ':' */
	u32 tail;			/* n at BREAK OR, while what follows is
					 * an expression; 0: none */
};

#define NLANES	4
#define SG_RING	16	/* holds the longest scheme, "data:text/html" */

struct scan {
	struct lane lane[NLANES];
	enum sg_inject hit;
	/* a comment after BREAK that proves an attack only if the value
	 * ends here, or a SIP delimiter follows (comment_next()) */
	bool pend_comment;
	/* a slash-star after BREAK: a comment that hides the rest of the
	 * query if it is never closed; closed, it was a blank ("x'/x/Or") */
	bool pend_block;
	/* markup */
	u8 mk_prev;		/* the decoded byte before the current lexeme */
	bool mk_lt;		/* the last lexeme was '<' (or "</") */
	bool mk_handler;	/* the last lexeme was a handler word after a
				 * blank, a quote or '/' */
	u8 ring[SG_RING];	/* the last non-blank decoded bytes, lower case */
	u32 rk;			/* how many went in */
};

_Static_assert((SG_WINDOW & (SG_WINDOW - 1)) == 0, "the window is a power of two");

static inline const struct tok *back(const struct lane *l, u32 k)
{
	return &l->win[(l->n - 1 - k) & (SG_WINDOW - 1)];
}

static bool is_logic(const struct tok *t)
{
	return t->type == T_LOGIC ||
	       (t->type == T_WORD && (t->kw == K_OR || t->kw == K_AND || t->kw == K_XOR));
}

static bool is_cmp(const struct tok *t)
{
	return t->type == T_CMP || (t->type == T_WORD && t->kw == K_CMPW);
}

/*
 * A string closed by the lane's quote, or a ')' right after one ("x')):
 * where an attacker broke out. Not the "" a "-lane reads before a display
 * name that starts the value ("Having Fun Daycare", "Order By Phone"), nor
 * quotation marks in prose (TF_PROSE), nor a ')' of prose ("(Tue) or 11").
 */
static bool is_break(const struct tok *t)
{
	return (t->type == T_STR && !(t->flags & (TF_OPEN | TF_NAME | TF_PROSE))) ||
	       (t->type == T_RPAREN && (t->flags & TF_BREAKP));
}

static bool is_operand(const struct tok *t)
{
	return t->type == T_STR || t->type == T_NUM ||
	       (t->type == T_WORD && (t->kw == K_NONE || t->kw == K_TRUE || t->kw == K_NULL ||
				      t->kw == K_FUNC || t->kw == K_OBJECT));
}

/* ------------------------------------------------------------------ */
/* the shapes                                                          */

/*
 * What a function call in SQL follows: an operator, SELECT, FROM, '(',
 * ';', a quote broken out of ("Sleep (2) Bedroom Suite" follows none, nor
 * does "eat well, sleep (8) hours": no ',').
 */
static bool in_expr(const struct tok *t)
{
	return is_logic(t) || is_cmp(t) || t->kw == K_SELECT || t->kw == K_FROM ||
	       t->type == T_LPAREN || t->type == T_SEMI || t->type == T_OTHER || is_break(t);
}

/*
 * A comparison X CMP Y just completed (t is Y): the tautology if a logic
 * operator comes before X (over NOT and '(') and a BREAK before that; in
 * numeric context, X and Y must be the same literal.
 */
static enum sg_inject taut_cmp(struct lane *l)
{
	const struct tok *y = back(l, 0), *c = back(l, 1), *x = back(l, 2), *b;
	u32 k = 3;

	/* "x IN (" is as good as the operand after it */
	if (!is_operand(x) || !is_cmp(c) ||
	    !(is_operand(y) || (y->type == T_LPAREN && c->type == T_WORD)))
		return SG_INJECT_NONE;
	while (k < 5 && (back(l, k)->type == T_LPAREN || back(l, k)->kw == K_NOT ||
			 back(l, k)->type == T_BANG))
		k++;
	/* ' having 1=1 compares as ' and 1=1 does */
	if (!is_logic(back(l, k)) && back(l, k)->kw != K_HAVING)
		return SG_INJECT_NONE;
	b = back(l, k + 1);
	/* a value may start with the break-out: " or "1"="1 */
	if (is_break(b) || (b->flags & TF_NAME)) {
		if ((x->flags | y->flags) & TF_LITERAL || x->hash == y->hash ||
		    c->type == T_WORD)
			return SG_INJECT_SQL_TAUTOLOGY;
		return SG_INJECT_NONE;
	}
	if ((b->type == T_NUM || b->type == T_WORD) && (x->flags & TF_LITERAL) &&
	    x->type == y->type && x->hash == y->hash && c->type == T_CMP)
		return SG_INJECT_SQL_TAUTOLOGY;
	return SG_INJECT_NONE;
}

/*
 * Token @k back, in an expression rather than in prose: a literal, an
 * operator, a parenthesis, a keyword of expressions, or a word that a
 * parenthesis or an operator stands next to (a function, a column).
 */
static bool sqlish(const struct lane *l, u32 k)
{
	const struct tok *t = back(l, k);
	u32 i;

	switch (t->type) {
	case T_NUM: case T_STR: case T_LPAREN: case T_RPAREN: case T_AT: case T_BANG:
	case T_CMP: case T_STAR: case T_OTHER: case T_LOGIC: case T_COMMA:
		return true;
	case T_WORD:
		if (t->kw != K_NONE && t->kw != K_OBJECT)
			return true;
		for (i = k ? k - 1 : k; i <= k + 1; i += 2)
			if (i != k && (back(l, i)->type == T_LPAREN || back(l, i)->type == T_RPAREN ||
				       is_cmp(back(l, i)) || back(l, i)->type == T_COMMA))
				return true;
		return false;
	default:
		return false;
	}
}

/* The value or statement ends here (the end, a comment, ';', '@'). */
static enum sg_inject at_terminator(struct lane *l)
{
	const struct tok *t = back(l, 0);

	if ((t->flags & TF_TRUTHY) && is_logic(back(l, 1)) && is_break(back(l, 2)))
		return SG_INJECT_SQL_TAUTOLOGY;
	/*
	 * BREAK, OR/AND, then an expression up to here: "' or not 0#",
	 * "' or -1#", "' or @@version#", "'or pi()#", "' or 2-1-- ". Prose
	 * ("Kids' or Mom") is words. lane_push() keeps l->tail.
	 */
	if (l->tail && l->n > l->tail && sqlish(l, 0))
		return SG_INJECT_SQL_TAUTOLOGY;
	/* no keyword: "x'='x" (MySQL: a string compared), "x'-'" (0); the
	 * operator right after the quote, as the prefilter's "'=" wants it */
	if ((t->flags & TF_OPEN) && t->type == T_STR && back(l, 2)->type == T_STR &&
	    is_break(back(l, 2)) && (back(l, 1)->flags & (TF_EQ | TF_MINUS)) &&
	    !(back(l, 1)->flags & (TF_SKIPPED | TF_SPACE)))
		return SG_INJECT_SQL_TAUTOLOGY;
	/* numeric context: -1 or 1 */
	if ((t->flags & TF_TRUTHY) && is_logic(back(l, 1)) && back(l, 2)->type == T_NUM &&
	    (back(l, 3)->flags & TF_MINUS))
		return SG_INJECT_SQL_TAUTOLOGY;
	/* ' union select password-- */
	if (l->pending && l->pending_break && l->n != l->pending_at && is_operand(t) &&
	    !(t->flags & TF_OPEN))
		return l->pending;
	return SG_INJECT_NONE;
}

/* A word that starts a statement. */
static bool is_stmt(const struct tok *t)
{
	switch (t->kw) {
	case K_STMT: case K_SELECT: case K_INSERT: case K_UPDATE: case K_DELETE:
	case K_DROP: case K_CREATE: case K_TRUNCATE: case K_EXEC: case K_DECLARE:
	case K_SHUTDOWN: case K_WAITFOR: case K_SET: case K_PROC:
		return t->type == T_WORD;
	default:
		return false;
	}
}

/* "1,2": the token before the ',' just read is a number. */
static bool pp_num(const struct lane *l)
{
	return back(l, 2)->type == T_NUM;
}

/* Evidence that a SELECT is SQL: what a select list starts with. */
static enum sg_inject select_list(struct lane *l)
{
	const struct tok *t = back(l, 0), *p = back(l, 1);

	/* after a break-out the list may be long ("select binary binary
	 * ... ha1,2 from"); in prose it is a few words */
	if (l->n - l->pending_at > (l->pending_break ? SG_WINDOW - 2 : 5) ||
	    (!l->pending_break && (t->type == T_CMP || t->type == T_COLON))) {
		l->pending = SG_INJECT_NONE;
		return SG_INJECT_NONE;
	}
	/* prose says "select option 2, then 3" and "select a time (see ..." */
	if (t->kw == K_FROM || t->kw == K_NULL || t->type == T_STAR ||
	    (t->type == T_AT && p->type == T_AT) ||
	    (t->type == T_NUM && p->type == T_COMMA && pp_num(l)) ||
	    (l->pending_break && is_operand(p) && t->type == T_COMMA) ||
	    (l->pending_break && t->type == T_AT) ||
	    (l->pending_break && t->type == T_LPAREN && p->type == T_WORD))
		return l->pending;
	return SG_INJECT_NONE;
}

/* Rules that end at the token just pushed. */
static enum sg_inject lane_rules(struct lane *l)
{
	const struct tok *t = back(l, 0), *p = back(l, 1), *pp = back(l, 2);
	enum sg_inject found;
	u32 k;

	if (l->pending && l->n != l->pending_at) {
		found = select_list(l);
		if (found)
			return found;
	}
	/* "x' or 2 <sip:..." is a name-addr, not "2 < sip" */
	if (l->pend_cmp) {
		u32 at = l->pend_cmp;

		l->pend_cmp = 0;
		if (!(t->type == T_COLON && !(t->flags & TF_SPACE) && l->n == at + 1))
			return SG_INJECT_SQL_TAUTOLOGY;
	}

	/* BREAK UNION VALUES|TABLE|(, with ALL or DISTINCT(ROW); a
	 * SELECT waits for its select list ("'union select' campaign") */
	if ((t->kw == K_VALUES || t->kw == K_OBJECT || t->type == T_LPAREN) &&
	    (t->type == T_LPAREN || (t->flags & TF_SPACE))) {
		k = p->kw == K_ALL ? 2 : 1;
		if (back(l, k)->kw == K_UNION &&
		    (is_break(back(l, k + 1)) || back(l, k + 1)->type == T_NUM))
			return SG_INJECT_SQL_UNION;
	}

	switch (t->type) {
	case T_STR:
	case T_NUM:
		/* sleep(5) pg_sleep (1.0) benchmark(5e6, randomblob(...), in
		 * an expression */
		if (p->type == T_LPAREN && (pp->kw == K_SLEEP || pp->kw == K_BENCHMARK) &&
		    in_expr(back(l, 3)))
			return SG_INJECT_SQL_TIME;
		break;
	case T_WORD:
		/* a statement after BREAK ';' (or a number's that starts the
		 * value): "';grant all", "';update k.subscriber set",
		 * "1;delete from cdr"; not prose's "Union mtg #3; select" */
		/* (in a "-lane only the statements with a trigger of their
		 * own: a '";' is in every RFC 5626 Contact; and the ';' where
		 * the prefilter's "';" sees it: no '.', '`' or '+' between; a
		 * comment may be, which its own triggers ("'" or ")" then a
		 * comment) cover: "x')", slash-star, star-slash, ";set @a=1") */
		if (is_stmt(t) && p->type == T_SEMI &&
		    ((t->kw != K_STMT && t->kw != K_SET) ||
		     (!(p->flags & TF_PLUS) &&
		      (!(p->flags & TF_SKIPPED) || (p->flags & TF_CSKIP)))) &&
		    (l->quote == L_SQUOTE || (t->kw != K_STMT && t->kw != K_SET)) &&
		    (is_break(pp) ||
		     (t->kw != K_STMT && t->kw != K_SET && pp->type == T_NUM &&
		      back(l, 3)->type == T_NONE)))
			return t->kw == K_WAITFOR ? SG_INJECT_SQL_TIME : SG_INJECT_SQL_STACKED;
		/* BREAK IS [NOT] NULL */
		if (t->kw == K_NULL &&
		    ((p->type == T_WORD && p->kw == K_CMPW && is_break(pp)) ||
		     (p->kw == K_NOT && pp->kw == K_CMPW && is_break(back(l, 3)))))
			return SG_INJECT_SQL_TAUTOLOGY;
		break;
	case T_LPAREN:
		/* blind and error-based: "' and ascii(", "'-extractvalue(" */
		if (p->kw == K_FUNC && is_break(back(l, 3)) &&
		    (is_logic(pp) ||
		     ((pp->flags & (TF_MINUS | TF_EQ)) && !(pp->flags & (TF_SKIPPED | TF_SPACE)) &&
		      back(l, 3)->type == T_STR)))
			return SG_INJECT_SQL_FUNC;
		if (p->kw == K_CMPW)
			return taut_cmp(l);
		return SG_INJECT_NONE;
	default:
		return SG_INJECT_NONE;
	}

	/* a comparison just completed */
	if (is_cmp(p)) {
		found = taut_cmp(l);
		if (found && p->type == T_CMP && (p->flags & TF_LANGLE) &&
		    t->type == T_WORD && !(t->flags & TF_SPACE)) {
			/* wait: a ':' next makes it <sip:... */
			l->pend_cmp = l->n;
			return SG_INJECT_NONE;
		}
		if (found)
			return found;
	}

	/* WAITFOR DELAY '0:0:5' ("Waitfor Delay Cafe" has no time) */
	if (t->type == T_STR && p->kw == K_DELAY && pp->kw == K_WAITFOR)
		return SG_INJECT_SQL_TIME;

	switch (t->kw) {
	case K_SELECT:
		/* UNION [ALL|DISTINCT] SELECT, "; SELECT", "' or (select" */
		k = p->kw == K_ALL ? 2 : 1;
		/* "union.select" is a qualified name, no UNION SELECT */
		if (back(l, k)->kw == K_UNION && (t->flags & TF_SPACE)) {
			const struct tok *b = back(l, k + 1);

			/* a BREAK or a number before: a select list after
			 * it is enough ("' union select password--"); but a
			 * display name is no BREAK ("Union Select Foods, Inc.") */
			l->pending = SG_INJECT_SQL_UNION;
			l->pending_break = is_break(b) || b->type == T_NUM;
			l->pending_at = l->n;
		} else if (p->type == T_SEMI) {
			l->pending = SG_INJECT_SQL_STACKED;
			l->pending_break = false;
			l->pending_at = l->n;
		} else if (p->type == T_LPAREN) {
			/* a subquery after a break-out: "' and 1<(select" */
			for (k = 2; k < SG_WINDOW; k++)
				if (is_break(back(l, k)))
					return SG_INJECT_SQL_FUNC;
		}
		break;
	case K_OBJECT:
		/* ; DROP TABLE, ; TRUNCATE TABLE (prose has "; create user
		 * account for Anna": CREATE only after a break-out) */
		if (pp->type == T_SEMI && (p->kw == K_DROP || p->kw == K_TRUNCATE))
			return SG_INJECT_SQL_STACKED;
		break;
	case K_SET:
		if (back(l, 3)->type == T_SEMI && pp->kw == K_UPDATE && p->type == T_WORD)
			return SG_INJECT_SQL_STACKED;
		break;
	case K_PROC:
		/* ; xp_cmdshell, ; exec xp_..., exec master..xp_ */
		if (p->type == T_SEMI || p->kw == K_EXEC || pp->kw == K_EXEC)
			return SG_INJECT_SQL_STACKED;
		break;
	case K_BY:
		/* ' order by 3--, ' group by x */
		if (p->kw == K_ORDER && is_break(pp))
			return SG_INJECT_SQL_FUNC;
		break;
	case K_NONE:
		/* numeric context: 1 order by 3 ("5 Order By Phone" is none) */
		if (t->type == T_NUM && p->kw == K_BY && pp->kw == K_ORDER &&
		    back(l, 3)->type == T_NUM)
			return SG_INJECT_SQL_FUNC;
		break;
	}
	/* ; DECLARE @x */
	if (t->type == T_WORD && p->type == T_AT && pp->kw == K_DECLARE &&
	    back(l, 3)->type == T_SEMI)
		return SG_INJECT_SQL_STACKED;
	return SG_INJECT_NONE;
}

/*
 * Token types a shape ends at (lane_rules()), or that end a statement
 * (at_terminator()); the others are only looked back at, or read while a
 * SELECT or a '<' waits (l->pending, l->pend_cmp). Skipping the rules for
 * them keeps a storm of punctuation at a few instructions a byte.
 */
#define RULE_TYPES	(1U << T_STR | 1U << T_NUM | 1U << T_WORD | 1U << T_LPAREN)

static inline void lane_push(struct scan *sc, struct lane *l, u8 type, u8 kw, u16 flags,
			     u32 hash)
{
	struct tok *t = &l->win[l->n & (SG_WINDOW - 1)];

	SG_STEP(1);
	/* a ';' ends the statement before it; a '@' ends a URI's user part,
	 * all of the value a server takes from it */
	if ((type == T_SEMI || type == T_AT) && !sc->hit)
		sc->hit = at_terminator(l);
	t->type = type;
	t->kw = kw;
	t->flags = flags | (l->space ? TF_SPACE : 0) | (l->skipped ? TF_SKIPPED : 0) |
		   (l->skipped && !l->skip_other ? TF_CSKIP : 0);
	t->hash = hash;
	l->space = false;
	l->skipped = false;
	l->skip_other = false;
	l->n++;
	/* the expression after BREAK OR: its start, while every token of it
	 * (judged once the next is known) is no prose */
	if (is_logic(t) && is_break(back(l, 1)))
		l->tail = l->n;
	else if (l->tail && l->n > l->tail + 1 && !sqlish(l, 1))
		l->tail = 0;
	if (!sc->hit && ((RULE_TYPES >> type & 1) || l->pending || l->pend_cmp))
		sc->hit = lane_rules(l);
}

/* A lexeme reaches a lane. */
static inline void lane_feed(struct scan *sc, struct lane *l, const struct lexeme *x)
{
	if (l->state == LS_STR) {
		if (x->type == l->quote) {
			u16 flags = l->str_flags;

			if (l->n == SG_WINDOW && !l->str_first && l->quote == L_DQUOTE)
				flags |= TF_NAME;
			/* 'a word or three' after a blank: quotation marks (a
			 * break-out's string as is spans SIP structure, "b\"
			 * <sip:x", more lexemes than that; in a lane that
			 * starts inside one, the break-out is its first) */
			if (l->str_blank && l->str_words <= 3)
				flags |= TF_PROSE;
			l->state = LS_CODE;
			lane_push(sc, l, T_STR, K_NONE, flags, l->str_hash);
			return;
		}
		if (l->str_words < 4)
			l->str_words++;
		if (!l->str_first) {
			/* '1 ...' is true in MySQL: what the string starts with */
			l->str_first = true;
			if (x->type == T_NUM)
				l->str_flags |= x->flags & TF_TRUTHY;
			l->str_hash = x->hash;
		}
		return;
	}
	switch (x->type) {
	case L_SQUOTE:
	case L_DQUOTE:
		/* the other quote is skipped, as '.' is */
		if (x->type != l->quote)
			l->skipped = l->skip_other = true;
		if (x->type == l->quote) {
			l->state = LS_STR;
			l->str_flags = TF_LITERAL;
			l->str_hash = 0;
			l->str_first = false;
			l->str_words = 0;
			l->str_blank = (x->flags & TF_SPACE) && l->n > SG_WINDOW;
			if (x->flags & TF_SPACE)
				l->space = true;
		}
		return;
	case L_SKIP:
		l->skipped = l->skip_other = true;
		return;
	case L_COMMENT:
		l->space = true;
		/* a stray end of comment breaks "string, comment" */
		if (x->c == '/')
			l->skipped = true;
		return;
	case L_LT:
		lane_push(sc, l, T_CMP, K_NONE, x->flags | TF_LANGLE, 0);
		return;
	case L_GT:
		lane_push(sc, l, T_CMP, K_NONE, x->flags, 0);
		return;
	case L_SLASH:
		lane_push(sc, l, T_OTHER, K_NONE, x->flags, 0);
		return;
	case T_RPAREN:
		lane_push(sc, l, T_RPAREN, K_NONE,
			  x->flags | (is_break(back(l, 0)) ? TF_BREAKP : 0), 0);
		return;
	default:
		lane_push(sc, l, x->type, x->kw, x->flags, x->hash);
	}
}

/* ------------------------------------------------------------------ */
/* markup                                                              */

/* Does the ring of the last non-blank bytes end with @w? */
static bool ring_ends(const struct scan *sc, const char *w, u32 n)
{
	u32 i;

	if (sc->rk < n)
		return false;
	for (i = 1; i <= n; i++)
		if (sc->ring[(sc->rk - i) & (SG_RING - 1)] != (u8)w[n - i])
			return false;
	return true;
}

/*
 * One decoded byte but HT, CR and LF: the schemes browsers run, read
 * without the bytes they drop ("java\tscript:", "jav&#x61;script:"),
 * checked at the byte that ends each.
 */
static void mk_scheme(struct scan *sc, u8 c)
{
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	sc->ring[sc->rk++ & (SG_RING - 1)] = c;
	switch (c) {
	case ':':
		if (ring_ends(sc, "javascript:", 11) || ring_ends(sc, "vbscript:", 9) ||
		    ring_ends(sc, "livescript:", 11))
			sc->hit = SG_INJECT_XSS_URI;
		break;
	case 'l':
		if (ring_ends(sc, "data:text/html", 14))
			sc->hit = SG_INJECT_XSS_URI;
		break;
	case 'g':
		if (ring_ends(sc, "data:image/svg", 14))
			sc->hit = SG_INJECT_XSS_URI;
		break;
	}
}

/* A lexeme, for the markup rules: all quotes are plain bytes here. */
static void mk_lexeme(struct scan *sc, const struct lexeme *x)
{
	bool lt = sc->mk_lt, handler = sc->mk_handler;

	sc->mk_lt = false;
	sc->mk_handler = false;
	if (x->type == L_LT) {
		sc->mk_lt = true;
		return;
	}
	if (x->type == T_WORD && !(x->flags & TF_SPACE) && lt && x->kw == K_TAG) {
		sc->hit = SG_INJECT_XSS_TAG;
		return;
	}
	/* a handler after a blank, a quote or '/': an attribute of its own */
	if (x->type == T_WORD && x->kw == K_HANDLER &&
	    (sc->mk_prev <= ' ' || sc->mk_prev == '"' || sc->mk_prev == '\'' ||
	     sc->mk_prev == '/' || sc->mk_prev == '`')) {
		sc->mk_handler = true;
		return;
	}
	if (x->type == T_CMP && x->c == '=' && handler)
		sc->hit = SG_INJECT_XSS_HANDLER;
}

/* ------------------------------------------------------------------ */
/* decoding                                                            */

struct dec {
	const u8 *s;
	size_t len, i;
};

static int hexval(u8 c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Stage 1: the next byte with %XX decoded, or -1 at the end. */
static int dec_pct(struct dec *d)
{
	u8 c;

	if (d->i >= d->len)
		return -1;
	c = d->s[d->i++];
	SG_STEP(1);
	if (c == '%' && d->i + 1 < d->len && hexval(d->s[d->i]) >= 0 &&
	    hexval(d->s[d->i + 1]) >= 0) {
		c = (u8)(hexval(d->s[d->i]) << 4 | hexval(d->s[d->i + 1]));
		d->i += 2;
	}
	return c;
}

static const struct { const char *name; u8 len; u8 c; } entities[] = {
	{ "apos", 4, '\'' }, { "quot", 4, '"' }, { "lt", 2, '<' }, { "gt", 2, '>' },
	{ "amp", 3, '&' }, { "colon", 5, ':' }, { "tab", 3, '\t' },
	{ "newline", 7, '\n' }, { "lpar", 4, '(' }, { "rpar", 4, ')' },
	{ "sol", 3, '/' }, { "bsol", 4, '\\' }, { "equals", 6, '=' },
	{ "num", 3, '#' }, { "semi", 4, ';' }, { "comma", 5, ',' },
	{ "period", 6, '.' }, { "excl", 4, '!' }, { "ast", 3, '*' },
	{ "verbar", 6, '|' }, { "vert", 4, '|' }, { "grave", 5, '`' },
	{ "commat", 6, '@' }, { "hyphen", 6, '-' }, { "dash", 4, '-' },
	{ "nbsp", 4, ' ' }, { "plus", 4, '+' }, { "percnt", 6, '%' },
	{ "lowbar", 6, '_' },
};

#define ENT_NAME_MAX	7

/*
 * Stage 2: after '&', a character reference: &#DDD; &#xHH; (the ';' is
 * optional, as in browsers; any number of leading zeros) or a named one.
 * Returns the byte it stands for (non-ASCII as 0x80, a word byte), or -1
 * and the position unmoved when there is none.
 */
static int dec_entity(struct dec *d)
{
	size_t start = d->i;
	char name[ENT_NAME_MAX];
	u32 v = 0, n = 0, i;
	int c = dec_pct(d);

	if (c == '#') {
		bool hex = false;

		c = dec_pct(d);
		if (c == 'x' || c == 'X') {
			hex = true;
			c = dec_pct(d);
		}
		while (c >= 0 && (hex ? hexval((u8)c) >= 0 : (c >= '0' && c <= '9'))) {
			if (v < 0x110000)
				v = v * (hex ? 16 : 10) + (u32)hexval((u8)c);
			n++;
			start = d->i;	/* digits are never read again */
			c = dec_pct(d);
		}
		if (!n)
			goto none;
		if (c != ';')
			d->i = start;	/* unread what ended the number */
		return v < 0x80 ? (int)v : 0x80;
	}
	while (c >= 0 && n < ENT_NAME_MAX && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
		name[n++] = (char)(c | 0x20);
		c = dec_pct(d);
	}
	if (c == ';' && n) {
		for (i = 0; i < ARRAY_SIZE(entities); i++)
			if (entities[i].len == n && !memcmp(entities[i].name, name, n))
				return entities[i].c;
	}
none:
	d->i = start;
	return -1;
}

/*
 * The next decoded byte, or -1: %XX, then character references, then
 * quoted-pairs (a backslash makes the next byte plain, but a quote is
 * still a quote: "x\" or \"1\"=\"1" reads x" or "1"="1). The caller makes
 * HT, CR, LF and '+' blanks. A NUL stays one (&#0; is U+FFFD to a
 * browser: it breaks a scheme, as it breaks a word).
 */
static int dec_next(struct dec *d)
{
	int c = dec_pct(d), e;

	if (c == '&') {
		e = dec_entity(d);
		if (e >= 0)
			c = e;
	}
	if (c == '\\') {
		e = dec_pct(d);
		if (e == '&') {
			int r = dec_entity(d);

			if (r >= 0)
				e = r;
		}
		if (e >= 0)
			c = e;
	}
	return c;
}

/* ------------------------------------------------------------------ */
/* the lexer                                                           */

#define IC_WORD		0x01	/* letter, digit, '_', '$' or non-ASCII */
#define IC_DIGIT	0x02
#define IC_UPPER	0x04
#define IC_PAIR		0x08	/* may start a two-byte operator */
#define IC_DECODE	0x10	/* dec_next() changes it or what follows */

static const u8 icls[256] = {
	['a' ... 'z'] = IC_WORD,
	['A' ... 'Z'] = IC_WORD | IC_UPPER,
	['0' ... '9'] = IC_WORD | IC_DIGIT,
	['_'] = IC_WORD, ['$'] = IC_WORD,
	[0x80 ... 0xff] = IC_WORD,
	['-'] = IC_PAIR, ['/'] = IC_PAIR, ['|'] = IC_PAIR,
	['<'] = IC_PAIR, ['>'] = IC_PAIR, ['!'] = IC_PAIR, ['='] = IC_PAIR,
	['*'] = IC_PAIR,
	['%'] = IC_DECODE, ['&'] = IC_PAIR | IC_DECODE, ['\\'] = IC_DECODE,
	['+'] = IC_DECODE, ['\t'] = IC_DECODE, ['\r'] = IC_DECODE, ['\n'] = IC_DECODE,
	[0] = IC_DECODE,
};

/* The lexeme of a one-byte operator; 0 (T_NONE) reads as T_OTHER. */
static const u8 ptok[256] = {
	['\''] = L_SQUOTE, ['"'] = L_DQUOTE, ['.'] = L_SKIP, ['`'] = L_SKIP,
	['='] = T_CMP, ['<'] = L_LT, ['>'] = L_GT, ['('] = T_LPAREN,
	[')'] = T_RPAREN, [';'] = T_SEMI, [','] = T_COMMA, ['@'] = T_AT,
	[':'] = T_COLON, ['*'] = T_STAR, ['!'] = T_BANG, ['#'] = L_COMMENT,
	['/'] = L_SLASH,
};

struct lexer {
	struct dec d;
	char word[SG_WORD_MAX];
	u32 wlen, hash;
	bool num, truthy, digits;
	bool space;		/* blanks since the last lexeme */
	bool plus;		/* a '+' among them */
	u8 op;			/* first byte of a maybe two-byte operator */
	u8 prev;		/* the last decoded byte */
};

/*
 * A comment in a lane after BREAK: proof at once when it is slash-star or
 * touches the quote ("admin'--"); else ("admin' #", "O'Neil's #2") only if
 * the value ends after it or a SIP delimiter follows, which the next
 * non-blank byte decides (comment_next()). A comment also ends what came
 * before it: a bare truthy operand, SHUTDOWN, a UNION SELECT.
 */
static void comment_seen(struct scan *sc, const struct lexeme *x)
{
	u32 i;

	if (x->c == '/') {		/* the end of slash-star: a blank */
		sc->pend_block = false;
		return;
	}
	for (i = 0; i < NLANES && !sc->hit; i++) {
		struct lane *l = &sc->lane[i];
		const struct tok *t;

		SG_STEP(1);
		if (l->state != LS_CODE)
			continue;
		t = back(l, 0);
		if (t->type == T_STR && is_break(t) && !l->skipped) {
			if (x->c == '*')
				sc->pend_block = true;	/* proof if never closed */
			/* "admin'--", "alice'#x"; after a " (MySQL only) "--"
			 * needs a blank after it: "yes"--finally is prose */
			else if (!(x->flags & TF_SPACE) &&
				 (x->c == '#' || l->quote == L_SQUOTE))
				sc->hit = SG_INJECT_SQL_COMMENT;
			else
				sc->pend_comment = true;
		}
		if (!sc->hit && l->pending && x->c == '*')
			sc->hit = l->pending;	/* UNION SELECT slash-star */
		/* a line comment ends the statement; a slash-star only if it
		 * is never closed (scan_end() looks then) */
		if (!sc->hit && x->c != '*')
			sc->hit = at_terminator(l);
	}
}

/* After a comment that waits, the next non-blank byte decides. */
static void comment_next(struct scan *sc, int c)
{
	if (c < 0 || c == '@' || c == '>' || c == '"' || c == ';' || c == ',' ||
	    c == '\'' || c == ')')
		sc->hit = SG_INJECT_SQL_COMMENT;
	sc->pend_comment = false;
}

/* Hand a lexeme to every lane and to the markup rules. */
static void emit(struct scan *sc, struct lexer *lx, u8 type, u8 kw, u16 flags, u8 c)
{
	struct lexeme x = {
		.type = type ? type : T_OTHER, .kw = kw, .c = c,
		.flags = flags | (lx->space ? TF_SPACE : 0) | (lx->plus ? TF_PLUS : 0),
	};
	u32 i;

	if (type == T_NUM || type == T_WORD)
		x.hash = lx->hash;
	if (x.type == T_OTHER && c == '-')
		x.flags |= TF_MINUS;
	if (x.type == T_CMP && c == '=')
		x.flags |= TF_EQ;
	lx->space = false;
	lx->plus = false;
	for (i = 0; i < NLANES && !sc->hit; i++)
		lane_feed(sc, &sc->lane[i], &x);
	if (!sc->hit && x.type == L_COMMENT)
		comment_seen(sc, &x);
	if (!sc->hit)
		mk_lexeme(sc, &x);
}

static void lex_word_end(struct scan *sc, struct lexer *lx)
{
	u8 kw = lx->num ? K_NONE : word_kw(lx->word, lx->wlen);
	u16 flags = lx->num ? TF_LITERAL : 0;

	if (lx->num && lx->digits)
		flags |= TF_DIGITS;

	if (lx->truthy || kw == K_TRUE)
		flags |= TF_TRUTHY;
	emit(sc, lx, lx->num ? T_NUM : T_WORD, kw, flags, 0);
	lx->wlen = 0;
	lx->hash = 0;
}

/* "slash-star-bang": MySQL runs what follows (after a version number), so
 * it is no comment but a blank. */
static bool mysql_exec_comment(struct lexer *lx)
{
	size_t save = lx->d.i;
	int c = dec_next(&lx->d), n;

	/* MariaDB's "slash-star-M-bang" too */
	if (c == 'M') {
		c = dec_next(&lx->d);
		if (c != '!') {
			lx->d.i = save;
			return false;
		}
	} else if (c != '!') {
		lx->d.i = save;
		return false;
	}
	for (n = 0; n < 6; n++) {
		save = lx->d.i;
		c = dec_next(&lx->d);
		if (c < '0' || c > '9') {
			lx->d.i = save;
			break;
		}
	}
	return true;
}

/* One decoded byte (-1: the end) into lexemes. */
static void lex_byte(struct scan *sc, struct lexer *lx, int c)
{
	u8 k = c >= 0 ? icls[c] : 0;

	if (k & IC_WORD) {
		if (unlikely(lx->op)) {
			emit(sc, lx, ptok[lx->op], K_NONE, 0, lx->op);
			lx->op = 0;
			if (sc->hit)
				return;
		}
		if (!lx->wlen) {
			lx->num = k & IC_DIGIT;
			lx->digits = true;
			lx->truthy = false;
			sc->mk_prev = lx->prev;
		}
		if (k & IC_UPPER)
			c += 'a' - 'A';
		if (lx->num && c >= '1' && c <= '9')
			lx->truthy = true;
		lx->digits &= !!(k & IC_DIGIT);
		lx->hash = lx->hash * 31 + (u32)c;
		if (lx->wlen < SG_WORD_MAX)
			lx->word[lx->wlen] = (char)c;
		lx->wlen++;
		lx->prev = (u8)c;
		return;
	}
	if (lx->wlen) {
		lex_word_end(sc, lx);
		if (sc->hit)
			return;
	}
	if (lx->op) {
		u8 a = lx->op;

		lx->op = 0;
		if ((a == '-' && c == '-') || (a == '/' && c == '*')) {
			if (a == '/' && mysql_exec_comment(lx))
				lx->space = true;
			else
				emit(sc, lx, L_COMMENT, K_NONE, 0, a == '-' ? '-' : '*');
			lx->prev = ' ';
			return;
		}
		if (a == '*' && c == '/') {
			emit(sc, lx, L_COMMENT, K_NONE, 0, '/');
			lx->space = true;
			lx->prev = ' ';
			return;
		}
		if ((a == '|' && c == '|') || (a == '&' && c == '&')) {
			emit(sc, lx, T_LOGIC, K_NONE, 0, a);
			lx->prev = (u8)c;
			return;
		}
		if ((a == '<' && (c == '>' || c == '=')) || (a == '>' && c == '=') ||
		    (a == '!' && c == '=') || (a == '=' && c == '=')) {
			/* '=' (TF_EQ) for == and !=; '<' for <= and <>, '>' for >= */
			emit(sc, lx, T_CMP, K_NONE, 0, a == '!' || a == '=' ? '=' : a);
			lx->prev = (u8)c;
			return;
		}
		emit(sc, lx, ptok[a], K_NONE, 0, a);
		if (sc->hit)
			return;
	}
	if (c < 0)
		return;
	if (c == ' ') {
		lx->space = true;
	} else {
		sc->mk_prev = lx->prev;
		if (k & IC_PAIR)
			lx->op = (u8)c;
		else
			emit(sc, lx, ptok[c], K_NONE, 0, (u8)c);
	}
	lx->prev = (u8)c;
}

/* The end of the value: open strings are tokens, and a last look. */
static void scan_end(struct scan *sc)
{
	u32 i;

	if (sc->pend_comment)
		comment_next(sc, -1);
	if (!sc->hit && sc->pend_block)
		sc->hit = SG_INJECT_SQL_COMMENT;
	for (i = 0; i < NLANES && !sc->hit; i++) {
		struct lane *l = &sc->lane[i];

		if (l->state == LS_STR)
			lane_push(sc, l, T_STR, K_NONE, l->str_flags | TF_OPEN, l->str_hash);
		if (!sc->hit && l->pend_cmp)
			sc->hit = SG_INJECT_SQL_TAUTOLOGY;
		if (!sc->hit)
			sc->hit = at_terminator(l);
	}
}

enum sg_inject sg_inject_scan(const u8 *s, size_t len)
{
	struct lexer lx;
	struct scan sc;
	u32 i;
	int c;

	memset(&sc, 0, sizeof(sc));
	memset(&lx, 0, sizeof(lx));
	lx.d.s = s;
	lx.d.len = len;
	lx.prev = ' ';
	for (i = 0; i < NLANES; i++) {
		struct lane *l = &sc.lane[i];

		l->n = SG_WINDOW;
		l->quote = i & 1 ? L_DQUOTE : L_SQUOTE;
		/* lanes 2 and 3 start inside a string: the value was pasted
		 * into one, and its first quote closes it */
		if (i >= 2) {
			l->state = LS_STR;
			l->str_flags = TF_LITERAL;
			l->o_lane = true;
		}
	}
	sc.mk_prev = ' ';

	do {
		/* bytes decoding leaves alone go straight through */
		if (lx.d.i < len && !(icls[s[lx.d.i]] & IC_DECODE)) {
			c = s[lx.d.i++];
			SG_STEP(1);
		} else
			c = dec_next(&lx.d);
		/* browsers drop HT, CR and LF inside a scheme, not blanks */
		if (c >= 0 && c != '\t' && c != '\r' && c != '\n')
			mk_scheme(&sc, (u8)c);
		if (c == '+')
			lx.plus = true;
		if (c == '\t' || c == '\r' || c == '\n' || c == '+')
			c = ' ';
		if (!sc.hit && sc.pend_comment && c != ' ')
			comment_next(&sc, c);
		if (!sc.hit)
			lex_byte(&sc, &lx, c);
	} while (c >= 0 && !sc.hit);
	if (!sc.hit)
		scan_end(&sc);
	return sc.hit;
}

/*
 * What every shape above needs at least one of, in the raw value: a logic
 * operator (OR AND XOR, '|' and '&' for || and &&), a quote and a comment
 * or a ')' and a comment after it (--, #, slash-star: blanks between are skipped), a keyword a shape starts with (UNION, SELECT, a statement,
 * SLEEP, BENCHMARK, WAITFOR, ORDER/GROUP BY, HAVING, xp_/sp_), a scheme
 * word, a dangerous tag, a word starting with "on" (handlers); or what
 * decoding can turn into any of them: '%', '&' (references), '\' (a
 * quoted-pair inside a word), '+'. Quotes are none of these: a display
 * name in quotes costs nothing more. A value with none of them cannot
 * match a shape, so it skips the lanes. The fuzzer checks this claim:
 * tests/fuzz/fuzz_inject.c.
 */
#define C(s)	{ s, sizeof(s) - 1, SG_FIELD_INJECT, 0 }
#define W(s)	{ s, sizeof(s) - 1, SG_FIELD_INJECT, SG_PAT_WORD }
#define S(s)	{ s, sizeof(s) - 1, SG_FIELD_INJECT, SG_PAT_WORD_START }
#define T(s)	{ "<" s, sizeof(s), SG_FIELD_INJECT, 0 }
const struct sg_acm_pattern sg_inject_triggers[] = {
	C("%"), C("|"), C("&"), C("\\"),
	/* a comment proves something after a closed quote only (SQL_COMMENT),
	 * or after a word that has its own trigger (UNION, SHUTDOWN, OR) */
	C("'--"), C("'#"), C("'/*"), C("\"--"), C("\"#"), C("\"/*"),
	/* '+' is a blank to the lexer, not to the matcher: "x'+#" */
	C("+--"), C("+#"), C("+/*"),
	/* and after the ')' a break-out closes, before what it hides from
	 * the ");" below: "x')# ; set @a=1" (the fuzzer's find) */
	C(")--"), C(")#"), C(")/*"),
	/* a comment's end, stray or not, right after either: "x'*" "/;set",
	 * or after a '+' ("x'+*" "/;set", the fuzzer's find) */
	C("'*/"), C(")*/"), C("+*/"),
	/* MySQL runs what is inside "slash-star-bang": it hides the word
	 * ("slash-star-bang 50000union"); MariaDB's has an M */
	C("/*!"), C("/*M!"),
	/* a statement after a break-out: "';replace into", "';grant", and
	 * after the ')'s a break-out closes ("values ('x'));grant": the
	 * lanes take any number of them, so every ')' ';' triggers) */
	C("';"), C(");"),
	/* no keyword: "x'='x", "x'-'", "x'!=''", and IS NULL */
	C("'="), C("'!"), C("'-"), C("\"="), C("\"!"), C("\"-"), W("null"),
	W("or"), W("and"), W("xor"), W("union"), W("select"), W("waitfor"),
	W("drop"), W("delete"), W("insert"), W("create"), W("alter"),
	W("truncate"), W("shutdown"), W("exec"), W("execute"), W("declare"),
	W("update"), W("sleep"), W("pg_sleep"), W("benchmark"), W("randomblob"),
	W("order"), W("group"), W("having"), S("xp_"), S("sp_"), W("pg_sleep_for"),
	/* the matcher reads "j a v a s c r i p t :" without its blanks */
	C("script"), C("data:"),
	/* a dangerous tag right after '<' */
	T("script"), T("img"), T("svg"), T("iframe"), T("object"), T("embed"),
	T("body"), T("style"), T("link"), T("meta"), T("form"), T("input"),
	T("video"), T("audio"), T("details"), T("marquee"), T("base"),
	T("math"), T("frame"), T("frameset"), T("applet"), T("image"),
#define WH(s)	W(s),
	SG_HANDLERS(WH)
#undef WH
};
#undef C
#undef W
#undef S
#undef T
const u32 sg_inject_ntriggers = ARRAY_SIZE(sg_inject_triggers);

enum sg_inject sg_inject_check(const struct sg_acm *pre, const u8 *s, size_t len)
{
	bool trigger = false;

	if (pre) {
		sg_acm_find_mark(pre, s, len, 0, SG_FIELD_INJECT, &trigger);
		if (!trigger)
			return SG_INJECT_NONE;
	}
	return sg_inject_scan(s, len);
}

static const char *const inject_names[__SG_INJECT_MAX] = {
	[SG_INJECT_NONE]		= "none",
	[SG_INJECT_SQL_TAUTOLOGY]	= "sql-tautology",
	[SG_INJECT_SQL_COMMENT]		= "sql-comment",
	[SG_INJECT_SQL_UNION]		= "sql-union",
	[SG_INJECT_SQL_STACKED]		= "sql-stacked",
	[SG_INJECT_SQL_TIME]		= "sql-time",
	[SG_INJECT_SQL_FUNC]		= "sql-function",
	[SG_INJECT_XSS_TAG]		= "markup-tag",
	[SG_INJECT_XSS_HANDLER]		= "markup-handler",
	[SG_INJECT_XSS_URI]		= "markup-uri",
};

const char *sg_inject_name(enum sg_inject what)
{
	return what < __SG_INJECT_MAX ? inject_names[what] : "unknown";
}
