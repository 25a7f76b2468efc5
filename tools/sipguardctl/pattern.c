// SPDX-License-Identifier: GPL-2.0
/*
 * sipguardctl pattern: scanner signatures, each with the fields it is
 * looked for in and how it must sit in the text.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>

#include "sipguardctl.h"

/* The words of SIPGUARD_FIELD_*, in bit order; "any" is all of them. */
static const char *const field_words[] = { "ua", "from", "to", "contact", "header", "sdp" };
#define NFIELDS	(sizeof(field_words) / sizeof(field_words[0]))
static const char *const match_words[] = { "substring", "word", "word-start" };

static int match_index(uint8_t flags)
{
	return flags & SIPGUARD_MATCH_WORD ? 1 : flags & SIPGUARD_MATCH_WORD_START ? 2 : 0;
}

/* "ua,from" for 0x03, "any" for all. */
static void fields_str(uint8_t fields, char *out, size_t size)
{
	unsigned int i;

	*out = '\0';
	if (fields == SIPGUARD_FIELD_ALL) {
		snprintf(out, size, "any");
		return;
	}
	for (i = 0; i < NFIELDS; i++)
		if (fields & (1U << i))
			snprintf(out + strlen(out), size - strlen(out), "%s%s", *out ? "," : "",
				 field_words[i]);
}

/* "ua,from,sdp" or "any": the bits, or -1 (with a message). */
static int parse_fields(const char *s)
{
	char buf[128], *tok, *save = NULL;
	int fields = 0, c;

	if (strlen(s) >= sizeof(buf))
		return usage_error("field: too long: '%s'", s), -1;
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "any")) {
			fields |= SIPGUARD_FIELD_ALL;
			continue;
		}
		/* the word of old for "from": the display name is in From */
		if (!strcmp(tok, "from-name"))
			tok = "from";
		if ((c = want_word("field", tok, field_words, NFIELDS)) < 0)
			return -1;
		fields |= 1 << c;
	}
	if (!fields)
		return usage_error("field: want ua, from, to, contact, header, sdp or any, "
				   "comma-separated, not '%s'", s), -1;
	return fields;
}

struct patview {
	json_t *list;
	FILE *f;
	bool save;
	unsigned long n;
	struct outbuf ob;
};

static void pat_reset(void *data)
{
	struct patview *v = data;

	v->n = 0;
	if (v->list)
		json_array_clear(v->list);
	outbuf_reset(&v->ob);
}

static int pattern_cb(const struct nlmsghdr *nlh, void *data)
{
	struct patview *v = data;
	const struct nlattr *top, *a;
	const char *s = NULL;
	size_t len = 0;
	uint8_t fields = 0, match = 0;
	uint64_t hits = 0;
	char fw[64];

	mnl_attr_for_each(top, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(top) != SIPGUARD_A_PATTERN)
			continue;
		mnl_attr_for_each_nested(a, top) {
			switch (mnl_attr_get_type(a)) {
			case SIPGUARD_PATTERN_A_STRING:
				s = mnl_attr_get_payload(a);
				len = mnl_attr_get_payload_len(a);
				break;
			case SIPGUARD_PATTERN_A_FIELDS: fields = mnl_attr_get_u8(a); break;
			case SIPGUARD_PATTERN_A_MATCH: match = mnl_attr_get_u8(a); break;
			case SIPGUARD_PATTERN_A_HITS: hits = mnl_attr_get_u64(a); break;
			}
		}
	}
	if (!s || !fields || (fields & ~SIPGUARD_FIELD_ALL))
		return MNL_CB_OK;
	fields_str(fields, fw, sizeof(fw));
	v->n++;
	if (v->list) {
		json_array_append_new(v->list, json_pack("{s:s%,s:s,s:s,s:I}", "pattern", s, len,
				      "field", fw, "match", match_words[match_index(match)],
				      "hits", (json_int_t)hits));
		return MNL_CB_OK;
	}
	if (!v->ob.f)
		return MNL_CB_OK;
	if (v->save)
		fputs("pattern add ", v->ob.f);
	put_word(v->ob.f, s, len);
	fprintf(v->ob.f, " field %s match %s", fw, match_words[match_index(match)]);
	if (!v->save)
		fprintf(v->ob.f, " hits %llu", (unsigned long long)hits);
	fputc('\n', v->ob.f);
	return MNL_CB_OK;
}

static int pattern_dump(struct patview *v)
{
	int err;

	v->ob.to = v->list ? NULL : v->f;
	err = sg_nl_dump(SIPGUARD_CMD_PATTERN_GET, NULL, NULL, pattern_cb, v, pat_reset, false);
	outbuf_end(&v->ob, !err);
	return err ? SG_EXIT_FAIL : 0;
}

static int pattern_dump_view(void *view)
{
	return pattern_dump(view);
}

int sg_pattern_save(FILE *f)
{
	struct patview v = { .f = f, .save = true };

	return pattern_dump(&v);
}

int sg_pattern_count(unsigned long *n)
{
	struct patview v = { 0 };
	int err = pattern_dump(&v);

	*n = v.n;
	return err;
}

static void pattern_usage(FILE *f)
{
	fprintf(f,
		"Usage: sipguardctl pattern add STRING [field FIELD[,FIELD...]] [match substring|word|word-start]\n"
		"       sipguardctl pattern del STRING\n"
		"       sipguardctl pattern flush\n"
		"       sipguardctl pattern [show]\n"
		"Scanner signatures, matched without case and without blanks (a fold or\n"
		"blank inside the text does not hide one) in the FIELDs: ua (User-Agent\n"
		"and Server, the default), from, to, contact (their whole values), header\n"
		"(every header that holds text, and the Request-URI), sdp (the s= and o=\n"
		"lines of an SDP body), or any. 'word' matches only between\n"
		"non-alphanumerics. show prints how many packets each dropped (hits).\n");
}

int cmd_pattern(int argc, char **argv)
{
	static char buf[SG_BUF];
	const char *verb = argc > 1 ? argv[1] : "show";
	struct patview v = { .f = stdout };
	struct nlmsghdr *nlh;
	struct nlattr *n;
	int i, c, solid = 0;
	int fields = SIPGUARD_FIELD_UA, match = 0;

	if (!strcmp(verb, "help") || !strcmp(verb, "--help")) {
		pattern_usage(stdout);
		return 0;
	}
	if (!sg_dry_run && sg_nl_open())
		return SG_EXIT_FAIL;
	if (!strcmp(verb, "add") || !strcmp(verb, "del")) {
		bool add = !strcmp(verb, "add");
		size_t len;

		if (argc < 3 || (!add && argc != 3))
			return usage_error(add ? "pattern add: want STRING [field FIELD[,FIELD...]] [match substring|word|word-start]"
					       : "pattern del: want one STRING");
		len = strlen(argv[2]);
		if (!len || len > SIPGUARD_PATTERN_MAX)
			return usage_error("pattern: want 1-%d bytes, not %zu", SIPGUARD_PATTERN_MAX, len);
		for (i = 0; argv[2][i]; i++) {
			if ((unsigned char)argv[2][i] < 0x20 || (unsigned char)argv[2][i] > 0x7e)
				return usage_error("pattern: want printable ASCII");
			solid += argv[2][i] != ' ';
		}
		if (!solid)
			return usage_error("pattern: want something besides blanks (they are not matched)");
		for (i = 3; i < argc; i += 2) {
			if (i + 1 >= argc)
				return usage_error("pattern add: %s needs a value", argv[i]);
			if (!strcmp(argv[i], "field")) {
				if ((c = parse_fields(argv[i + 1])) < 0)
					return SG_EXIT_USAGE;
				fields = c;
			} else if (!strcmp(argv[i], "match")) {
				if ((c = want_word("match", argv[i + 1], match_words, 3)) < 0)
					return SG_EXIT_USAGE;
				match = c == 1 ? SIPGUARD_MATCH_WORD : c == 2 ? SIPGUARD_MATCH_WORD_START : 0;
			} else {
				return usage_error("pattern add: unknown option '%s' (field, match)", argv[i]);
			}
		}
		nlh = sg_msg_start(buf, 0, add ? SIPGUARD_CMD_PATTERN_ADD : SIPGUARD_CMD_PATTERN_DEL,
				   NLM_F_REQUEST | NLM_F_ACK);
		n = mnl_attr_nest_start(nlh, SIPGUARD_A_PATTERN);
		mnl_attr_put(nlh, SIPGUARD_PATTERN_A_STRING, len, argv[2]);
		if (add) {
			mnl_attr_put_u8(nlh, SIPGUARD_PATTERN_A_FIELDS, fields);
			mnl_attr_put_u8(nlh, SIPGUARD_PATTERN_A_MATCH, match);
		}
		mnl_attr_nest_end(nlh, n);
		return sg_send(nlh, NULL, NULL);
	}
	return list_verbs(argc, argv, SIPGUARD_CMD_PATTERN_FLUSH, -1, pattern_dump_view, &v, &v.list);
}
