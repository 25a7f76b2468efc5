// SPDX-License-Identifier: GPL-2.0
/*
 * Side-by-side comparison of three injection detectors on the same SIP
 * header values:
 *
 *   sipguard      kmod/inject.c, built in userspace, sg_inject_check(NULL, ...)
 *   libinjection  as embedded in ModSecurity v3 (Debian's libmodsecurity3):
 *                 SecRule ARGS "@detectSQLi" / "@detectXSS"
 *   OWASP CRS     Debian's modsecurity-crs (3.3.x): REQUEST-942 (SQLi) and
 *                 REQUEST-941 (XSS) at paranoia levels 1 and 2
 *
 * Inputs are two TSV files (HEADER<TAB>VALUE, '#' comments, C escapes in
 * VALUE): every entry of the first is an attack, every entry of the second
 * is legitimate. The report is a markdown table of attacks caught and false
 * positives per engine, the values on which libinjection or CRS disagree
 * with sipguard, and one machine-readable line. With --check it prints TAP
 * lines and fails unless sipguard catches every attack libinjection catches
 * and has no false positive (and so no more than libinjection).
 *
 * How a value reaches ModSecurity: as the only argument of a GET request,
 * "/?v=" followed by the value with every byte but [A-Za-z0-9._~-]
 * percent-encoded. ModSecurity decodes the query string once while it
 * parses it, so ARGS:v, the collection every 941/942 rule and our two
 * libinjection rules inspect, holds the raw value byte for byte; the rules
 * then apply their own transformations (urlDecodeUni, htmlEntityDecode ...)
 * on it. A query argument needs no request body phase set-up (content type,
 * body access) and puts the value nowhere else that a 941/942 rule reads:
 * REQUEST_FILENAME and REQUEST_BASENAME stay "/".
 *
 * All rules are loaded once into one RulesSet (executing paranoia level 2);
 * each value is one transaction. The rule ids that fire are read from the
 * server log callback (msc_set_log_cb), and each CRS id is attributed to
 * the paranoia level of the section of its rule file it stands in, so one
 * run gives both the PL1 and the PL2 verdicts. Nothing blocks: the engine
 * runs in DetectionOnly and REQUEST-949 (blocking evaluation) is not loaded.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <modsecurity/modsecurity.h>
#include <modsecurity/rules_set.h>
#include <modsecurity/transaction.h>
#include <modsecurity/intervention.h>

#include "inject.h"
#include "tsv.h"

/*
 * Our own rules: libinjection on ARGS:v as received, and %-decoded once.
 * No "noauditlog": in libmodsecurity 3.0.9 it silences the server log too.
 */
#define ID_SQLI_RAW	1000001
#define ID_SQLI_DEC	1000002
#define ID_XSS_RAW	1000003
#define ID_XSS_DEC	1000004
#define ID_SET_PL	1000010

static const char libinj_rules[] =
	"SecRule ARGS \"@detectSQLi\" \"id:1000001,phase:2,pass,log,capture,"
	"t:none,msg:'libinjection SQLi (raw)',logdata:'%{TX.0}'\"\n"
	"SecRule ARGS \"@detectSQLi\" \"id:1000002,phase:2,pass,log,capture,"
	"t:none,t:urlDecodeUni,msg:'libinjection SQLi (urlDecodeUni)',logdata:'%{TX.0}'\"\n"
	"SecRule ARGS \"@detectXSS\" \"id:1000003,phase:2,pass,log,"
	"t:none,msg:'libinjection XSS (raw)'\"\n"
	"SecRule ARGS \"@detectXSS\" \"id:1000004,phase:2,pass,log,"
	"t:none,t:urlDecodeUni,msg:'libinjection XSS (urlDecodeUni)'\"\n";

/* Loaded after crs-setup: PL2 for all of 941/942, read per rule as PL1/PL2. */
static const char pl_rules[] =
	"SecAction \"id:1000010,phase:1,pass,nolog,t:none,"
	"setvar:tx.paranoia_level=2,setvar:tx.executing_paranoia_level=2\"\n";

static const char *const crs_files[] = {
	"REQUEST-901-INITIALIZATION.conf",
	"REQUEST-941-APPLICATION-ATTACK-XSS.conf",
	"REQUEST-942-APPLICATION-ATTACK-SQLI.conf",
};

/* The setup file: upstream's crs-setup.conf.example; Debian installs it as
 * /etc/modsecurity/crs/crs-setup.conf. */
static const char *const setup_candidates[] = {
	"/usr/share/modsecurity-crs/crs-setup.conf.example",
	"/etc/modsecurity/crs/crs-setup.conf.example",
	"/etc/modsecurity/crs/crs-setup.conf",
};

/* Verdict bits of one value. */
#define F_SG		0x001
#define F_SQLI_RAW	0x002
#define F_SQLI_DEC	0x004
#define F_XSS_RAW	0x008
#define F_XSS_DEC	0x010
#define F_CRS1_SQLI	0x020	/* a PL1 rule of 942 */
#define F_CRS1_XSS	0x040	/* a PL1 rule of 941 */
#define F_CRS2_SQLI	0x080	/* a PL2 rule of 942 */
#define F_CRS2_XSS	0x100	/* a PL2 rule of 941 */
#define F_AMBIGUOUS	0x200	/* a log line we could not attribute for sure */

#define F_LSQLI		(F_SQLI_RAW | F_SQLI_DEC)
#define F_LXSS		(F_XSS_RAW | F_XSS_DEC)
#define F_LIBINJ	(F_LSQLI | F_LXSS)
#define F_CRS1		(F_CRS1_SQLI | F_CRS1_XSS)
#define F_CRS2		(F_CRS1 | F_CRS2_SQLI | F_CRS2_XSS)	/* PL2 runs PL1 too */

struct entry {
	const char *file;	/* basename of the corpus */
	unsigned line;
	char *header;
	unsigned char *val;
	size_t len;
	enum sg_inject sg;
	unsigned flags;
	char fp[16];		/* libinjection SQLi fingerprint */
	unsigned ids[48];	/* CRS rule ids that fired, in order */
	unsigned nids;
};

struct corpus {
	const char *path;
	const char *name;
	struct entry *e;
	size_t n, cap;
	unsigned bad_lines;	/* malformed, reported by tsv_next() */
};

/* id -> paranoia level of the 941/942 rules, from the rule files. */
struct crs_rule {
	unsigned id;
	unsigned char pl;
};

static struct crs_rule crs_rules[1024];
static unsigned ncrs_rules;
static char crs_version[64] = "unknown";
static char *known_files[8];	/* as given to msc_rules_add_file */
static unsigned nknown_files;

static struct entry *cur;	/* the value the log callback reports on */
static unsigned long log_lines, log_unattributed;

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "compare: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		die("out of memory");
	return p;
}

/*
 * The corpus, read with the parser the unit tests use (tests/corpus/tsv.h),
 * so that both see the same bytes. A malformed line is reported there and
 * makes the run fail once every line has been read.
 */
static void load_corpus(struct corpus *c)
{
	static struct tsv_entry t;
	FILE *f = fopen(c->path, "r");
	const char *slash;
	int r;

	if (!f)
		die("%s: %s", c->path, strerror(errno));
	slash = strrchr(c->path, '/');
	c->name = slash ? slash + 1 : c->path;
	t.line = 0;
	while ((r = tsv_next(f, c->path, &t)) != 0) {
		struct entry *e;

		if (r < 0) {
			c->bad_lines++;
			continue;
		}
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 256;
			c->e = xrealloc(c->e, c->cap * sizeof(*c->e));
		}
		e = &c->e[c->n++];
		memset(e, 0, sizeof(*e));
		e->file = c->name;
		e->line = t.line;
		e->header = strdup(t.header);
		e->len = t.len;
		e->val = malloc(t.len + 1);
		if (!e->header || !e->val)
			die("out of memory");
		memcpy(e->val, t.value, t.len);
		e->val[t.len] = '\0';
	}
	if (ferror(f))
		die("%s: read error", c->path);
	fclose(f);
}

/* ---- CRS rule files: which paranoia level each id belongs to ---------- */

static int crs_pl(unsigned id)
{
	unsigned i;

	for (i = 0; i < ncrs_rules; i++)
		if (crs_rules[i].id == id)
			return crs_rules[i].pl;
	return 0;
}

/*
 * The rule files are cut into sections by
 *   SecRule TX:EXECUTING_PARANOIA_LEVEL "@lt N" "...,skipAfter:END-..."
 * and a rule after the "@lt N" markers belongs to PL N. Cross-checked with
 * the rule's own tag:'paranoia-level/N' where it has one.
 */
static void index_crs_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *p;
	size_t cap = 0;
	unsigned pl = 1, last = 0;

	if (!f)
		die("%s: %s", path, strerror(errno));
	while (getline(&line, &cap, f) >= 0) {
		if (line[0] == '#')
			continue;
		p = strstr(line, "EXECUTING_PARANOIA_LEVEL \"@lt ");
		if (p) {
			pl = (unsigned)atoi(p + strlen("EXECUTING_PARANOIA_LEVEL \"@lt "));
			continue;
		}
		p = strstr(line, "\"id:");
		if (p) {
			unsigned id = (unsigned)strtoul(p + 4, NULL, 10);

			if ((id / 1000 == 941 || id / 1000 == 942) && id % 1000 >= 100) {
				if (ncrs_rules == sizeof(crs_rules) / sizeof(crs_rules[0]))
					die("%s: too many rules", path);
				crs_rules[ncrs_rules].id = id;
				crs_rules[ncrs_rules++].pl = (unsigned char)pl;
				last = id;
			}
		}
		p = strstr(line, "tag:'paranoia-level/");
		if (p && last) {
			int tagpl = atoi(p + strlen("tag:'paranoia-level/"));

			if (tagpl != crs_pl(last))
				fprintf(stderr, "compare: %s: rule %u is tagged paranoia-level/%d but stands in the PL%d section\n",
					path, last, tagpl, crs_pl(last));
		}
		p = strstr(line, "ver:'OWASP_CRS/");
		if (p) {
			char *q = p + strlen("ver:'");
			size_t n = strcspn(q, "'");

			if (n < sizeof(crs_version))
				snprintf(crs_version, sizeof(crs_version), "%.*s", (int)n, q);
		}
	}
	free(line);
	fclose(f);
}

/* ---- ModSecurity ------------------------------------------------------ */

static bool digits_then(const char **pp, const char *tail)
{
	const char *p = *pp;

	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (strncmp(p, tail, strlen(tail)))
		return false;
	*pp = p + strlen(tail);
	return true;
}

/*
 * The rule id of a text log line. The value itself appears in the line
 * (in "Value: `...'" before the id and in [data "..."] after it), so the id
 * is taken only where [file "F"] [line "N"] [id "N"] [rev " follows one of
 * the files we loaded; a value would have to spell out an installed path to
 * spoof it.
 */
static unsigned log_rule_id(const char *msg, const char **after)
{
	static const char mark_file[] = " [file \"";
	static const char no_file[] = "<<reference missing or not informed>>";
	const char *p = msg;
	unsigned i;

	while ((p = strstr(p, mark_file))) {
		const char *q = p + strlen(mark_file), *idp;
		size_t flen = 0;

		p++;
		if (!strncmp(q, no_file, strlen(no_file)))
			flen = strlen(no_file);
		for (i = 0; !flen && i < nknown_files; i++)
			if (!strncmp(q, known_files[i], strlen(known_files[i])))
				flen = strlen(known_files[i]);
		if (!flen)
			continue;
		q += flen;
		if (strncmp(q, "\"] [line \"", 10))
			continue;
		q += 10;
		if (!digits_then(&q, "\"] [id \""))
			continue;
		idp = q;
		if (!digits_then(&q, "\"] [rev \""))
			continue;
		*after = q;
		return (unsigned)strtoul(idp, NULL, 10);
	}
	return 0;
}

static void log_cb(void *data, const void *msgv)
{
	const char *msg = msgv, *after = NULL, *d;
	unsigned id, i;
	int pl;

	(void)data;
	if (!cur || !msg)
		return;
	log_lines++;
	/* COMPARE_DEBUG=1: every ModSecurity log line on stderr */
	if (getenv("COMPARE_DEBUG"))
		fprintf(stderr, "LOG %s\n", msg);
	id = log_rule_id(msg, &after);
	switch (id) {
	case ID_SQLI_RAW:
	case ID_SQLI_DEC:
		cur->flags |= id == ID_SQLI_RAW ? F_SQLI_RAW : F_SQLI_DEC;
		d = strstr(after, "[data \"");
		if (d && !cur->fp[0]) {
			d += 7;
			for (i = 0; i + 1 < sizeof(cur->fp) && d[i] && d[i] != '"'; i++)
				cur->fp[i] = d[i];
			cur->fp[i] = '\0';
		}
		return;
	case ID_XSS_RAW:
		cur->flags |= F_XSS_RAW;
		return;
	case ID_XSS_DEC:
		cur->flags |= F_XSS_DEC;
		return;
	}
	pl = id ? crs_pl(id) : 0;
	if (!pl) {
		log_unattributed++;
		if (!id)
			cur->flags |= F_AMBIGUOUS;
		return;
	}
	for (i = 0; i < cur->nids; i++)
		if (cur->ids[i] == id)
			return;		/* multiMatch: one line per match */
	if (cur->nids < sizeof(cur->ids) / sizeof(cur->ids[0]))
		cur->ids[cur->nids++] = id;
	if (id / 1000 == 942)
		cur->flags |= pl == 1 ? F_CRS1_SQLI : pl == 2 ? F_CRS2_SQLI : 0;
	else
		cur->flags |= pl == 1 ? F_CRS1_XSS : pl == 2 ? F_CRS2_XSS : 0;
}

static void add_file(RulesSet *rs, const char *path)
{
	const char *err = NULL;
	char *real = realpath(path, NULL);

	if (!real)
		die("%s: %s", path, strerror(errno));
	if (msc_rules_add_file(rs, real, &err) < 0)
		die("%s: %s", real, err ? err : "cannot load");
	if (nknown_files < sizeof(known_files) / sizeof(known_files[0]))
		known_files[nknown_files++] = real;
	else
		free(real);
}

static void add_rules(RulesSet *rs, const char *text)
{
	const char *err = NULL;

	if (msc_rules_add(rs, text, &err) < 0)
		die("rules: %s", err ? err : "cannot load");
}

static char *uri_buf;
static size_t uri_cap;

static const char *make_uri(const unsigned char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, o;

	if (uri_cap < 3 * len + 8) {
		uri_cap = 3 * len + 8;
		uri_buf = xrealloc(uri_buf, uri_cap);
	}
	memcpy(uri_buf, "/?v=", 4);
	for (i = 0, o = 4; i < len; i++) {
		unsigned char c = s[i];

		if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
			uri_buf[o++] = (char)c;
		} else {
			uri_buf[o++] = '%';
			uri_buf[o++] = hex[c >> 4];
			uri_buf[o++] = hex[c & 15];
		}
	}
	uri_buf[o] = '\0';
	return uri_buf;
}

static void msc_run(ModSecurity *ms, RulesSet *rs, struct entry *e, unsigned long seq)
{
	ModSecurityIntervention it;
	Transaction *t;
	char id[32];

	snprintf(id, sizeof(id), "sgcmp-%lu", seq);
	cur = e;
	t = msc_new_transaction_with_id(ms, rs, id, NULL);
	if (!t)
		die("msc_new_transaction failed");
	msc_process_connection(t, "192.0.2.1", 5060, "192.0.2.2", 80);
	msc_process_uri(t, make_uri(e->val, e->len), "GET", "1.1");
	msc_add_request_header(t, (const unsigned char *)"Host",
			       (const unsigned char *)"sipguard.test");
	msc_add_request_header(t, (const unsigned char *)"Accept",
			       (const unsigned char *)"*/*");
	msc_process_request_headers(t);
	msc_process_request_body(t);
	memset(&it, 0, sizeof(it));
	it.status = 200;
	msc_intervention(t, &it);
	free(it.url);
	free(it.log);
	msc_process_logging(t);
	msc_transaction_cleanup(t);
	cur = NULL;
}

/* ---- report ----------------------------------------------------------- */

/* The value as it would be written in the TSV, cut after @max bytes. */
static void print_value(FILE *o, const unsigned char *s, size_t len, size_t max)
{
	size_t i;

	for (i = 0; i < len && i < max; i++) {
		unsigned char c = s[i];

		switch (c) {
		case '\\': fputs("\\\\", o); break;
		case '\t': fputs("\\t", o); break;
		case '\r': fputs("\\r", o); break;
		case '\n': fputs("\\n", o); break;
		default:
			if (c < 0x20 || c >= 0x7f || c == '`')
				fprintf(o, "\\x%02x", c);
			else
				fputc(c, o);
		}
	}
	if (len > max)
		fprintf(o, "...(+%zu bytes)", len - max);
}

static unsigned count(const struct corpus *c, unsigned mask)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < c->n; i++)
		n += (c->e[i].flags & mask) != 0;
	return n;
}

static void cell(FILE *o, unsigned k, size_t n)
{
	if (n)
		fprintf(o, " %u (%.1f%%) |", k, 100.0 * k / (double)n);
	else
		fprintf(o, " %u |", k);
}

static void row(FILE *o, const char *name, const struct corpus *a,
		const struct corpus *l, unsigned mask)
{
	fprintf(o, "| %s |", name);
	cell(o, count(a, mask), a->n);
	cell(o, count(l, mask), l->n);
	fputc('\n', o);
}

static void describe(FILE *o, const struct entry *e)
{
	unsigned i, n1 = 0, n2 = 0;

	fprintf(o, "- `%s:%u` %s: `", e->file, e->line, e->header);
	print_value(o, e->val, e->len, 240);
	fprintf(o, "`\n  sipguard: %s", e->sg ? sg_inject_name(e->sg) : "-");
	fputs("; libinjection:", o);
	if (!(e->flags & F_LIBINJ))
		fputs(" -", o);
	if (e->flags & F_LSQLI)
		fprintf(o, " sqli(%s%s, fp %s)",
			e->flags & F_SQLI_RAW ? "raw" : "",
			(e->flags & F_LSQLI) == F_LSQLI ? "+decoded" :
			e->flags & F_SQLI_DEC ? "decoded" : "",
			e->fp[0] ? e->fp : "?");
	if (e->flags & F_LXSS)
		fprintf(o, " xss(%s%s)",
			e->flags & F_XSS_RAW ? "raw" : "",
			(e->flags & F_LXSS) == F_LXSS ? "+decoded" :
			e->flags & F_XSS_DEC ? "decoded" : "");
	fputs("; CRS-PL1:", o);
	for (i = 0; i < e->nids; i++)
		if (crs_pl(e->ids[i]) == 1)
			fprintf(o, "%s%u", n1++ ? "," : " ", e->ids[i]);
	if (!n1)
		fputs(" -", o);
	fputs("; CRS-PL2 adds:", o);
	for (i = 0; i < e->nids; i++)
		if (crs_pl(e->ids[i]) == 2)
			fprintf(o, "%s%u", n2++ ? "," : " ", e->ids[i]);
	if (!n2)
		fputs(" -", o);
	if (e->flags & F_AMBIGUOUS)
		fputs(" (a log line of this value could not be attributed)", o);
	fputc('\n', o);
}

typedef bool (*pick_fn)(const struct entry *e);

static bool pick_att_sg_missed(const struct entry *e)
{
	return !(e->flags & F_SG) && (e->flags & (F_LIBINJ | F_CRS1));
}

static bool pick_att_all_missed(const struct entry *e)
{
	return !(e->flags & (F_SG | F_LIBINJ | F_CRS1));
}

static bool pick_att_others_missed(const struct entry *e)
{
	return (e->flags & F_SG) &&
	       (!(e->flags & F_LIBINJ) || !(e->flags & F_CRS1));
}

static bool pick_leg_others_flag(const struct entry *e)
{
	return !(e->flags & F_SG) && (e->flags & (F_LIBINJ | F_CRS1));
}

static bool pick_leg_sg_flags(const struct entry *e)
{
	return e->flags & F_SG;
}

static bool pick_libinj_not_sg(const struct entry *e)
{
	return (e->flags & F_LIBINJ) && !(e->flags & F_SG);
}

static unsigned section(FILE *o, const char *title, const struct corpus *c, pick_fn pick)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < c->n; i++)
		n += pick(&c->e[i]);
	fprintf(o, "\n### %s: %u\n\n", title, n);
	for (i = 0; i < c->n; i++)
		if (pick(&c->e[i]))
			describe(o, &c->e[i]);
	return n;
}

static unsigned npick(const struct corpus *c, pick_fn pick)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < c->n; i++)
		n += pick(&c->e[i]);
	return n;
}

static void usage(FILE *o)
{
	fputs("usage: compare [--check] [--report] [--crs-dir DIR] [--crs-setup FILE]\n"
	      "               ATTACKS.tsv LEGIT.tsv\n"
	      "  default      markdown report: table, disagreements, summary line\n"
	      "  --check      TAP lines only; exit 1 unless sipguard catches every attack\n"
	      "               libinjection catches and has no false positive\n"
	      "  --report     with --check: the report too\n"
	      "  --crs-dir    CRS rules directory (/usr/share/modsecurity-crs/rules)\n"
	      "  --crs-setup  CRS setup file (crs-setup.conf.example; Debian installs it\n"
	      "               as /etc/modsecurity/crs/crs-setup.conf)\n", o);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "report", no_argument, NULL, 'r' },
		{ "crs-dir", required_argument, NULL, 'd' },
		{ "crs-setup", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *crs_dir = "/usr/share/modsecurity-crs/rules", *setup = NULL;
	bool check = false, report = false;
	struct corpus att = { 0 }, leg = { 0 };
	struct corpus *all[2] = { &att, &leg };
	struct timespec t0, t1;
	ModSecurity *ms;
	RulesSet *rs;
	unsigned long seq = 0;
	char path[PATH_MAX];
	const char *who;
	unsigned i, k;
	size_t j;
	int opt;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 'c': check = true; break;
		case 'r': report = true; break;
		case 'd': crs_dir = optarg; break;
		case 's': setup = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (argc - optind != 2) {
		usage(stderr);
		return 2;
	}
	if (!check)
		report = true;
	att.path = argv[optind];
	leg.path = argv[optind + 1];
	load_corpus(&att);
	load_corpus(&leg);
	if (att.bad_lines || leg.bad_lines)
		die("%u malformed corpus lines (see above)", att.bad_lines + leg.bad_lines);

	if (!setup) {
		for (i = 0; i < sizeof(setup_candidates) / sizeof(setup_candidates[0]); i++)
			if (!access(setup_candidates[i], R_OK)) {
				setup = setup_candidates[i];
				break;
			}
		if (!setup)
			die("no crs-setup.conf(.example) found; is modsecurity-crs installed? (--crs-setup)");
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ms = msc_init();
	msc_set_connector_info(ms, "sipguard-compare");
	msc_set_log_cb(ms, log_cb);
	who = msc_who_am_i(ms);
	rs = msc_create_rules_set();
	/*
	 * No "SecRequestBodyAccess Off": libmodsecurity 3.0.9 then skips the
	 * phase 2 rules (all of 941/942) in msc_process_request_body().
	 */
	add_rules(rs, "SecRuleEngine DetectionOnly\n"
		      "SecResponseBodyAccess Off\n");
	add_file(rs, setup);
	add_rules(rs, pl_rules);
	add_rules(rs, libinj_rules);
	for (i = 0; i < sizeof(crs_files) / sizeof(crs_files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", crs_dir, crs_files[i]);
		add_file(rs, path);
		if (i)
			index_crs_file(path);
	}
	if (!ncrs_rules)
		die("%s: no 941/942 rules found", crs_dir);

	for (k = 0; k < 2; k++) {
		for (j = 0; j < all[k]->n; j++) {
			struct entry *e = &all[k]->e[j];

			e->sg = sg_inject_check(NULL, e->val, e->len);
			if (e->sg != SG_INJECT_NONE)
				e->flags |= F_SG;
			msc_run(ms, rs, e, ++seq);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	unsigned sg_att = count(&att, F_SG), sg_fp = count(&leg, F_SG);
	unsigned li_att = count(&att, F_LIBINJ), li_fp = count(&leg, F_LIBINJ);
	unsigned li_not_sg = npick(&att, pick_libinj_not_sg);
	bool ok1 = li_not_sg == 0;
	bool ok2 = sg_fp <= li_fp && sg_fp == 0;
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

	if (report) {
		FILE *o = stdout;

		printf("# sipguard vs libinjection vs OWASP CRS\n\n");
		printf("- attacks: `%s` (%zu values)\n", att.path, att.n);
		printf("- legit: `%s` (%zu values)\n", leg.path, leg.n);
		printf("- sipguard: kmod/inject.c, sg_inject_check(NULL, value) (full scan)\n");
		printf("- libinjection: %s, `SecRule ARGS \"@detectSQLi\"` / `\"@detectXSS\"`, "
		       "on ARGS:v as is and after t:urlDecodeUni (either counts)\n", who ? who : "ModSecurity");
		printf("- CRS: %s from `%s`, setup `%s`, REQUEST-941 (XSS) + REQUEST-942 (SQLi); "
		       "PL1 = rules of the PL1 sections, PL2 = PL1 + PL2 sections; DetectionOnly, no 949 blocking\n",
		       crs_version, crs_dir, setup);
		printf("- transport: `GET /?v=<value, every byte but [A-Za-z0-9._~-] %%-encoded>`, so ARGS:v is the raw value\n");
		printf("- %lu transactions in %.2f s\n\n", seq, secs);

		printf("| engine | attacks caught (of %zu) | false positives (of %zu) |\n", att.n, leg.n);
		printf("|---|---|---|\n");
		row(o, "sipguard", &att, &leg, F_SG);
		row(o, "libinjection-sqli", &att, &leg, F_LSQLI);
		row(o, "libinjection-xss", &att, &leg, F_LXSS);
		row(o, "libinjection (either)", &att, &leg, F_LIBINJ);
		row(o, "CRS-PL1 942 (SQLi)", &att, &leg, F_CRS1_SQLI);
		row(o, "CRS-PL1 941 (XSS)", &att, &leg, F_CRS1_XSS);
		row(o, "CRS-PL1 (942+941)", &att, &leg, F_CRS1);
		row(o, "CRS-PL2 (942+941)", &att, &leg, F_CRS2);
		row(o, "any of libinjection, CRS-PL1", &att, &leg, F_LIBINJ | F_CRS1);

		printf("\n## Disagreements\n\n"
		       "Every value on which libinjection (either) or CRS-PL1 says otherwise than sipguard. "
		       "Values are written with the TSV escapes; `-` is no detection.\n");
		section(o, "Attacks sipguard misses that libinjection or CRS-PL1 catches", &att, pick_att_sg_missed);
		section(o, "Attacks sipguard catches that libinjection or CRS-PL1 misses", &att, pick_att_others_missed);
		section(o, "Legit values libinjection or CRS-PL1 flags that sipguard passes", &leg, pick_leg_others_flag);
		section(o, "Legit values sipguard flags (false positives, agreeing engines included)", &leg, pick_leg_sg_flags);
		printf("\n## Not disagreements\n");
		section(o, "Attacks every engine misses (sipguard, libinjection, CRS-PL1)", &att, pick_att_all_missed);
		if (log_unattributed)
			printf("\n%lu of %lu ModSecurity log lines named no 941/942 rule and were ignored\n",
			       log_unattributed, log_lines);
		printf("\nCOMPARE attacks=%zu legit=%zu sipguard=%u/%u libinjection=%u/%u "
		       "libinjection_sqli=%u/%u libinjection_xss=%u/%u crs_pl1=%u/%u crs_pl2=%u/%u "
		       "libinjection_not_sipguard=%u result=%s\n",
		       att.n, leg.n, sg_att, sg_fp, li_att, li_fp,
		       count(&att, F_LSQLI), count(&leg, F_LSQLI),
		       count(&att, F_LXSS), count(&leg, F_LXSS),
		       count(&att, F_CRS1), count(&leg, F_CRS1),
		       count(&att, F_CRS2), count(&leg, F_CRS2),
		       li_not_sg, ok1 && ok2 ? "PASS" : "FAIL");
	}

	if (check) {
		if (report)
			putchar('\n');
		printf("1..2\n");
		printf("%s - compare: sipguard catches every attack libinjection catches "
		       "(libinjection %u/%zu, sipguard %u/%zu, caught by libinjection only: %u)%s\n",
		       ok1 ? "ok" : "not ok", li_att, att.n, sg_att, att.n, li_not_sg,
		       att.n ? "" : " # SKIP no attack values");
		for (j = 0; j < att.n; j++)
			if (pick_libinj_not_sg(&att.e[j])) {
				printf("# missed %s:%u %s: ", att.e[j].file, att.e[j].line, att.e[j].header);
				print_value(stdout, att.e[j].val, att.e[j].len, 200);
				printf(" (libinjection %s%s)\n",
				       att.e[j].flags & F_LSQLI ? "sqli" : "",
				       att.e[j].flags & F_LXSS ? " xss" : "");
			}
		printf("%s - compare: sipguard has no false positive and no more than libinjection "
		       "(sipguard %u, libinjection %u, of %zu legit values)%s\n",
		       ok2 ? "ok" : "not ok", sg_fp, li_fp, leg.n,
		       leg.n ? "" : " # SKIP no legit values");
		for (j = 0; j < leg.n; j++)
			if (leg.e[j].flags & F_SG) {
				printf("# false positive %s:%u %s: ", leg.e[j].file, leg.e[j].line, leg.e[j].header);
				print_value(stdout, leg.e[j].val, leg.e[j].len, 200);
				printf(" (%s)\n", sg_inject_name(leg.e[j].sg));
			}
		printf("compare: %d passed, %d failed\n", ok1 + ok2, 2 - ok1 - ok2);
	}

	for (k = 0; k < 2; k++) {
		for (j = 0; j < all[k]->n; j++) {
			free(all[k]->e[j].header);
			free(all[k]->e[j].val);
		}
		free(all[k]->e);
	}
	for (i = 0; i < nknown_files; i++)
		free(known_files[i]);
	free(uri_buf);
	msc_rules_cleanup(rs);
	msc_cleanup(ms);
	return check && !(ok1 && ok2) ? 1 : 0;
}
