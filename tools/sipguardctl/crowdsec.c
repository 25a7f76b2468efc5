// SPDX-License-Identifier: GPL-2.0
/*
 * sipguardctl crowdsec: sipguard in a CrowdSec fleet, through CrowdSec's
 * Local API (LAPI), both ways.
 *
 *  bouncer  pulls the LAPI's decisions (GET /v1/decisions/stream, with the
 *           bouncer's X-Api-Key; startup=true first and on every resync)
 *           and mirrors the bans of scope Ip and Range into the deny set,
 *           each with the decision's expiry and the comment "crowdsec:"
 *           SCENARIO, which marks the entries the bouncer owns: it adds,
 *           re-asserts (deny replace) and deletes only those. A decision
 *           that touches the allow set is reported, never applied (the
 *           deny set is read before the allow set in the hook). An entry
 *           the operator made for the same prefix is left alone.
 *  report   turns sipguard's own bans (the "ban" events of the multicast
 *           group, as sipguardctl monitor shows them) into alerts pushed to
 *           the LAPI as a machine (POST /v1/alerts, a JWT from POST
 *           /v1/watchers/login), each with a ban decision as long as the
 *           ban: every bouncer of the fleet then enforces it.
 *
 * HTTP is libcurl's; the JSON jansson's.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <linux/genetlink.h>

#include "names.h"
#include "sipguardctl.h"

#define CS_OWNER	"crowdsec:"		/* comment prefix of the bouncer's entries */
#define CS_BODY_MAX	(256u << 20)		/* a stream answer larger than this is refused */
#define CS_SCENARIO	"sipguard/ban"		/* what report calls sipguard's bans */

static volatile sig_atomic_t cs_stop;

static void cs_on_signal(int sig)
{
	(void)sig;
	cs_stop = 1;
}

static void cs_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void cs_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("sipguardctl crowdsec: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* ---- HTTP ---------------------------------------------------------------- */

struct cs_body {
	char *data;
	size_t len;
	bool too_big;
};

static size_t cs_write(char *p, size_t size, size_t n, void *arg)
{
	struct cs_body *b = arg;
	size_t add = size * n;
	char *d;

	if (b->len + add > CS_BODY_MAX) {
		b->too_big = true;
		return 0;
	}
	d = realloc(b->data, b->len + add + 1);
	if (!d)
		return 0;
	memcpy(d + b->len, p, add);
	b->len += add;
	d[b->len] = '\0';
	b->data = d;
	return add;
}

/* libcurl, loaded when a crowdsec command runs (dlib.c) */
static struct {
	__typeof__(curl_global_init) *global_init;
	__typeof__(curl_global_cleanup) *global_cleanup;
	__typeof__(curl_easy_init) *easy_init;
	__typeof__(curl_easy_setopt) *easy_setopt;
	__typeof__(curl_easy_perform) *easy_perform;
	__typeof__(curl_easy_getinfo) *easy_getinfo;
	__typeof__(curl_easy_strerror) *easy_strerror;
	__typeof__(curl_easy_cleanup) *easy_cleanup;
	__typeof__(curl_slist_append) *slist_append;
	__typeof__(curl_slist_free_all) *slist_free_all;
} lcurl;

/* Load libcurl (dlib.c); -1, said on stderr, when it cannot be. */
static int lcurl_load(void)
{
	static const struct sg_dlsym syms[] = {
		SG_DLSYM(lcurl, global_init, curl_global_init),
		SG_DLSYM(lcurl, global_cleanup, curl_global_cleanup),
		SG_DLSYM(lcurl, easy_init, curl_easy_init),
		SG_DLSYM(lcurl, easy_setopt, curl_easy_setopt),
		SG_DLSYM(lcurl, easy_perform, curl_easy_perform),
		SG_DLSYM(lcurl, easy_getinfo, curl_easy_getinfo),
		SG_DLSYM(lcurl, easy_strerror, curl_easy_strerror),
		SG_DLSYM(lcurl, easy_cleanup, curl_easy_cleanup),
		SG_DLSYM(lcurl, slist_append, curl_slist_append),
		SG_DLSYM(lcurl, slist_free_all, curl_slist_free_all),
		{ NULL, NULL }
	};
	char err[256];

	if (sg_dlopen("libcurl.so.4", "libcurl4", syms, err, sizeof(err))) {
		fprintf(stderr, "sipguardctl: crowdsec: %s\n", err);
		return -1;
	}
	return 0;
}

/*
 * One request to @base + @path: GET, or POST of @body (JSON). The parsed
 * JSON answer in *@out (the caller frees it); the HTTP status, or -1 with
 * the reason logged.
 */
static long cs_http(const char *base, const char *path, const char *header, const char *body,
		    json_t **out)
{
	struct curl_slist *hdrs = NULL;
	struct cs_body b = { 0 };
	char url[1024], err[CURL_ERROR_SIZE] = "";
	json_error_t jerr;
	long status = -1;
	CURLcode rc;
	CURL *c;

	*out = NULL;
	snprintf(url, sizeof(url), "%s%s%s", base,
		 base[0] && base[strlen(base) - 1] == '/' ? "" : "/", path);
	c = lcurl.easy_init();
	if (!c) {
		cs_log("libcurl could not start");
		return -1;
	}
	if (header)
		hdrs = lcurl.slist_append(hdrs, header);
	hdrs = lcurl.slist_append(hdrs, "Content-Type: application/json");
	lcurl.easy_setopt(c, CURLOPT_URL, url);
	lcurl.easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	lcurl.easy_setopt(c, CURLOPT_USERAGENT, "sipguardctl-crowdsec/" SIPGUARDCTL_VERSION);
	lcurl.easy_setopt(c, CURLOPT_WRITEFUNCTION, cs_write);
	lcurl.easy_setopt(c, CURLOPT_WRITEDATA, &b);
	lcurl.easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	lcurl.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	lcurl.easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	lcurl.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	lcurl.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (body)
		lcurl.easy_setopt(c, CURLOPT_POSTFIELDS, body);
	rc = lcurl.easy_perform(c);
	if (rc != CURLE_OK) {
		cs_log("%s: %s", url, b.too_big ? "the answer is over 256 MiB" :
		       err[0] ? err : lcurl.easy_strerror(rc));
		goto out;
	}
	lcurl.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (b.len) {
		*out = json_loadb(b.data, b.len, 0, &jerr);
		if (!*out && status == 200) {
			cs_log("%s: the answer is not JSON: %s (line %d)", url, jerr.text, jerr.line);
			status = -1;
		}
	}
	if (status != 200 && status != 201 && status != -1) {
		json_t *m = *out ? json_object_get(*out, "message") : NULL;

		cs_log("%s: HTTP %ld%s%s", url, status, json_is_string(m) ? ": " : "",
		       json_is_string(m) ? json_string_value(m) : "");
	}
out:
	free(b.data);
	lcurl.slist_free_all(hdrs);
	lcurl.easy_cleanup(c);
	return status;
}

/* ---- decisions ------------------------------------------------------------ */

struct cs_dec {
	int64_t id;
	struct sg_prefix pfx;
	time_t until;
	char scenario[SIPGUARD_COMMENT_MAX];
	bool told;		/* its refusal was reported */
};

struct cs_state {
	const char *url;
	char key_header[512];
	struct cs_dec *v;
	size_t n, cap;
	struct sg_prefix lift[64];	/* deleted sipguard/ban decisions: the */
	unsigned int nlift;		/* bans to lift here */
};

static const char *cs_pfx_str(const struct sg_prefix *p, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	snprintf(buf, size, "%s/%u", sg_addr_str(&p->addr, p->family == AF_INET ? 4 : 16, a, sizeof(a)),
		 p->len);
	return buf;
}

static struct cs_dec *cs_find(struct cs_state *st, int64_t id)
{
	for (size_t i = 0; i < st->n; i++)
		if (st->v[i].id == id)
			return &st->v[i];
	return NULL;
}

/*
 * One decision of a stream answer into the table: a ban of scope Ip or
 * Range with time left. Others are counted, not kept.
 */
static void cs_take(struct cs_state *st, json_t *j, time_t now, bool lookup)
{
	const char *type = json_string_value(json_object_get(j, "type"));
	const char *scope = json_string_value(json_object_get(j, "scope"));
	const char *value = json_string_value(json_object_get(j, "value"));
	const char *dur = json_string_value(json_object_get(j, "duration"));
	const char *scen = json_string_value(json_object_get(j, "scenario"));
	json_t *jid = json_object_get(j, "id");
	struct cs_dec d = { 0 }, *old;
	uint32_t secs;

	if (!json_is_integer(jid) || !type || !scope || !value || !dur) {
		cs_log("a decision without id, type, scope, value or duration: ignored");
		return;
	}
	d.id = json_integer_value(jid);
	/* bans of an Ip or a Range only: no captcha, no other scope */
	if (strcasecmp(type, "ban") || (strcasecmp(scope, "ip") && strcasecmp(scope, "range")))
		return;
	if (sg_prefix_parse(value, strlen(value), &d.pfx)) {
		cs_log("decision %lld: '%s' is not an address or a prefix: ignored",
		       (long long)d.id, value);
		return;
	}
	if (sg_go_duration(dur, &secs)) {
		cs_log("decision %lld: duration '%s' is not a Go duration: ignored",
		       (long long)d.id, dur);
		return;
	}
	if (!secs)
		return;		/* over already */
	d.until = now + secs;
	snprintf(d.scenario, sizeof(d.scenario), CS_OWNER "%s", scen ? scen : "");
	old = lookup ? cs_find(st, d.id) : NULL;
	if (old) {
		d.told = old->told;
		*old = d;
		return;
	}
	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 256;
		struct cs_dec *v = realloc(st->v, cap * sizeof(*v));

		if (!v) {
			cs_log("out of memory");
			return;
		}
		st->v = v;
		st->cap = cap;
	}
	st->v[st->n++] = d;
}

/* A deny or allow set as the kernel holds it. */
struct cs_entry {
	struct sg_prefix pfx;
	uint32_t expires;
	bool ours;
};

static int cs_entry_cmp(const void *a, const void *b)
{
	return sg_prefix_cmp(&((const struct cs_entry *)a)->pfx, &((const struct cs_entry *)b)->pfx);
}

static int cs_set_read(int set, struct cs_entry **out, size_t *n)
{
	struct sg_prefixview pv = { 0 };
	size_t i;
	json_t *e;

	*out = NULL;
	*n = 0;
	pv.list = json_array();
	if (!pv.list || sg_prefix_dump(set, &pv)) {
		json_decref(pv.list);
		return -1;
	}
	*out = calloc(json_array_size(pv.list) + 1, sizeof(**out));
	if (!*out) {
		json_decref(pv.list);
		return -1;
	}
	json_array_foreach(pv.list, i, e) {
		const char *p = json_string_value(json_object_get(e, "prefix"));
		const char *c = json_string_value(json_object_get(e, "comment"));
		struct cs_entry *x = &(*out)[*n];

		if (!p || sg_prefix_parse(p, strlen(p), &x->pfx))
			continue;
		x->expires = json_integer_value(json_object_get(e, "expires"));
		x->ours = c && !strncmp(c, CS_OWNER, strlen(CS_OWNER));
		(*n)++;
	}
	json_decref(pv.list);
	qsort(*out, *n, sizeof(**out), cs_entry_cmp);
	return 0;
}

static struct cs_entry *cs_lookup(struct cs_entry *v, size_t n, const struct sg_prefix *p)
{
	struct cs_entry key = { .pfx = *p };

	return bsearch(&key, v, n, sizeof(*v), cs_entry_cmp);
}

/* The decisions, one per prefix (the longest-lasting), sorted by prefix. */
static int cs_dec_cmp(const void *a, const void *b)
{
	const struct cs_dec *x = a, *y = b;
	int c = sg_prefix_cmp(&x->pfx, &y->pfx);

	if (c)
		return c;
	return x->until < y->until ? 1 : x->until > y->until ? -1 : 0;
}

/*
 * Make the deny set's bouncer-owned entries what the decisions say: add
 * the missing, delete the gone, re-assert every expiry when @all (a
 * resync) or one that drifted by more than 2 s.
 */
enum { CS_SKIP, CS_TRUSTED, CS_THEIRS, CS_ENFORCE };

static int cs_apply(struct cs_state *st, bool all)
{
	struct cs_entry *deny = NULL, *allow = NULL, *e;
	size_t ndeny, nallow, i, k;
	unsigned long want = 0, added = 0, renewed = 0, deleted = 0, trusted = 0, theirs = 0;
	time_t now = time(NULL);
	char pbuf[INET6_ADDRSTRLEN + 8], ebuf[16], *argv[7];
	bool *keep = NULL;
	uint8_t *act = NULL;
	int err = 0;

	if (cs_set_read(SIPGUARD_SET_DENY, &deny, &ndeny) ||
	    cs_set_read(SIPGUARD_SET_ALLOW, &allow, &nallow)) {
		err = -1;
		goto out;
	}
	keep = calloc(ndeny + 1, sizeof(*keep));
	act = calloc(st->n + 1, sizeof(*act));
	if (!keep || !act) {
		err = -1;
		goto out;
	}
	/* by prefix, the longest-lasting first: one entry per prefix */
	qsort(st->v, st->n, sizeof(*st->v), cs_dec_cmp);
	for (i = 0; i < st->n; i++) {
		struct cs_dec *d = &st->v[i];
		bool touches = false;

		if (d->until <= now || (i && !sg_prefix_cmp(&d->pfx, &st->v[i - 1].pfx)))
			continue;
		for (k = 0; k < nallow && !touches; k++)
			touches = sg_prefix_overlap(&d->pfx, &allow[k].pfx);
		if (touches) {
			act[i] = CS_TRUSTED;
			trusted++;
			if (!d->told)
				cs_log("decision %lld (%s) on %s not enforced: it touches the allow set",
				       (long long)d->id, d->scenario + strlen(CS_OWNER),
				       cs_pfx_str(&d->pfx, pbuf, sizeof(pbuf)));
			d->told = true;
			continue;
		}
		e = cs_lookup(deny, ndeny, &d->pfx);
		if (e)
			keep[e - deny] = true;
		act[i] = e && !e->ours ? CS_THEIRS : CS_ENFORCE;
		if (act[i] == CS_THEIRS)
			theirs++;
		else
			want++;
	}
	sg_batching = true;
	/* the deletions first, then the additions: one request each (the
	 * pending queue splits very many) */
	for (i = 0; i < ndeny; i++) {
		if (!deny[i].ours || keep[i])
			continue;
		argv[0] = "deny"; argv[1] = "del";
		argv[2] = (char *)cs_pfx_str(&deny[i].pfx, pbuf, sizeof(pbuf));
		if ((err = sg_dispatch(3, argv)))
			goto flush;
		deleted++;
	}
	for (i = 0; i < st->n; i++) {
		struct cs_dec *d = &st->v[i];
		uint32_t left;

		if (act[i] != CS_ENFORCE)
			continue;
		e = cs_lookup(deny, ndeny, &d->pfx);
		left = d->until - now;
		if (e && !all && (e->expires > left ? e->expires - left : left - e->expires) <= 2)
			continue;
		snprintf(ebuf, sizeof(ebuf), "%u", left);
		argv[0] = "deny"; argv[1] = "replace";
		argv[2] = (char *)cs_pfx_str(&d->pfx, pbuf, sizeof(pbuf));
		argv[3] = "expires"; argv[4] = ebuf;
		argv[5] = "comment"; argv[6] = d->scenario;
		if ((err = sg_dispatch(7, argv)))
			goto flush;
		if (e)
			renewed++;
		else
			added++;
	}
flush:
	err = sg_pending_flush() ?: err;
	sg_batching = false;
	if (err)
		cs_log("the deny set refused the change; a full resync follows");
	else if (added || deleted || (renewed && !all))
		cs_log("%lu enforced: %lu added, %lu renewed, %lu deleted; not enforced: %lu trusted, %lu already denied by the operator",
		       want, added, renewed, deleted, trusted, theirs);
	else if (all)
		cs_log("resync: %lu enforced, %lu re-asserted; not enforced: %lu trusted, %lu already denied by the operator",
		       want, renewed, trusted, theirs);
out:
	free(deny);
	free(allow);
	free(keep);
	free(act);
	return err;
}

static int cs_id_cmp(const void *a, const void *b)
{
	const struct cs_dec *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * A sipguard/ban decision (a ban some node reported) that went away before
 * its time was deleted: sipguard's own ban of the address here goes too.
 */
static void cs_gone(struct cs_state *st, const struct cs_dec *d, time_t now)
{
	if (strcmp(d->scenario + strlen(CS_OWNER), CS_SCENARIO) || d->until <= now + 2)
		return;
	if (st->nlift < sizeof(st->lift) / sizeof(st->lift[0]))
		st->lift[st->nlift++] = d->pfx;
}

/* One pull; @startup: the whole list, not what changed since the last. */
static int cs_pull(struct cs_state *st, bool startup)
{
	json_t *j = NULL, *list, *d;
	time_t now = time(NULL);
	struct cs_dec *old = NULL, *x;
	size_t i, nold = 0;
	long status;

	status = cs_http(st->url, startup ? "v1/decisions/stream?startup=true" : "v1/decisions/stream",
			 st->key_header, NULL, &j);
	if (status != 200 || !json_is_object(j)) {
		if (status == 403)
			cs_log("the API key was refused (cscli bouncers add NAME gives one)");
		json_decref(j);
		return -1;
	}
	if (startup) {
		/* the whole list replaces the table */
		old = st->v;
		nold = st->n;
		st->v = NULL;
		st->n = st->cap = 0;
	} else {
		list = json_object_get(j, "deleted");
		json_array_foreach(list, i, d) {
			json_t *id = json_object_get(d, "id");

			if (!json_is_integer(id) || !(x = cs_find(st, json_integer_value(id))))
				continue;
			cs_gone(st, x, now);
			*x = st->v[--st->n];
		}
	}
	list = json_object_get(j, "new");
	json_array_foreach(list, i, d)
		cs_take(st, d, now, !startup);
	json_decref(j);
	if (startup) {
		/* what the old table knew: whether a refusal was reported, and
		 * which decisions were deleted meanwhile */
		qsort(st->v, st->n, sizeof(*st->v), cs_id_cmp);
		for (i = 0; i < nold; i++) {
			x = bsearch(&old[i], st->v, st->n, sizeof(*st->v), cs_id_cmp);
			if (x)
				x->told = old[i].told;
			else
				cs_gone(st, &old[i], now);
		}
		free(old);
	}
	return 0;
}

static int cs_read_line(const char *path, const char *key, char *out, size_t size)
{
	size_t klen = key ? strlen(key) : 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f = fopen(path, "r");
	int rc = -1;

	if (!f) {
		fprintf(stderr, "sipguardctl: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		char *s = line, *end;

		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
			line[--n] = '\0';
		if (key) {
			if (strncmp(s, key, klen) || s[klen] != ':')
				continue;
			s += klen + 1;
		}
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#')
			continue;
		/* a YAML scalar may be quoted */
		end = s + strlen(s);
		if (end - s >= 2 && (*s == '"' || *s == '\'') && end[-1] == *s) {
			s++;
			*--end = '\0';
		}
		if (strlen(s) >= size)
			break;
		strcpy(out, s);
		rc = 0;
		break;
	}
	free(line);
	fclose(f);
	if (rc)
		fprintf(stderr, "sipguardctl: %s: no %s%s\n", path, key ? key : "key",
			key ? " line" : " (one line: the bouncer's API key)");
	return rc;
}

static void cs_sleep(uint32_t secs)
{
	for (uint32_t i = 0; i < secs * 10 && !cs_stop; i++)
		usleep(100000);
}

static void cs_signals(void)
{
	struct sigaction sa = { .sa_handler = cs_on_signal };

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* sipguard's own bans of the deleted sipguard/ban decisions */
static void cs_lift(struct cs_state *st)
{
	char pbuf[INET6_ADDRSTRLEN + 8];

	for (unsigned int i = 0; i < st->nlift; i++)
		if (!sg_ban_request(SIPGUARD_CMD_BAN_DEL, &st->lift[i], 0, true))
			cs_log("lifted the ban of %s: its decision was deleted",
			       cs_pfx_str(&st->lift[i], pbuf, sizeof(pbuf)));
	st->nlift = 0;
}

static int cs_bouncer(const char *url, const char *key_file, uint32_t interval, uint32_t resync,
		      bool once)
{
	struct cs_state st = { .url = url };
	char key[400];
	time_t last_full = 0;
	bool full = true;
	int rc = 0;

	if (cs_read_line(key_file, NULL, key, sizeof(key)))
		return SG_EXIT_USAGE;
	snprintf(st.key_header, sizeof(st.key_header), "X-Api-Key: %s", key);
	if (sg_nl_open())
		return SG_EXIT_FAIL;
	cs_signals();
	if (!once)
		cs_log("pulling %s every %u s, resync every %u s", url, interval, resync);
	while (!cs_stop) {
		if (time(NULL) - last_full >= (time_t)resync)
			full = true;
		if (cs_pull(&st, full) || cs_apply(&st, full)) {
			rc = SG_EXIT_FAIL;
			full = true;	/* a delta lost, or not applied */
		} else {
			cs_lift(&st);
			rc = 0;
			if (full)
				last_full = time(NULL);
			full = false;
		}
		if (once)
			break;
		cs_sleep(interval);
	}
	free(st.v);
	return rc;
}

/* ---- report ------------------------------------------------------------ */

struct cs_reporter {
	char url[512], login[256], password[256];
	char auth[2048];	/* "Authorization: Bearer JWT" */
	unsigned long left;	/* count N: stop after N alerts */
	unsigned long sent;
	int err;
};

static int cs_login(struct cs_reporter *r)
{
	json_t *req = json_pack("{s:s,s:s,s:[s]}", "machine_id", r->login, "password", r->password,
				"scenarios", CS_SCENARIO), *ans = NULL;
	char *body = req ? json_dumps(req, JSON_COMPACT) : NULL;
	const char *tok;
	long status;

	json_decref(req);
	if (!body)
		return -1;
	status = cs_http(r->url, "v1/watchers/login", NULL, body, &ans);
	free(body);
	tok = json_string_value(json_object_get(ans, "token"));
	if (status != 200 || !tok) {
		if (status == 403 || status == 401)
			cs_log("the LAPI refused the login of machine '%s' (cscli machines add, or validate it)",
			       r->login);
		json_decref(ans);
		return -1;
	}
	snprintf(r->auth, sizeof(r->auth), "Authorization: Bearer %s", tok);
	json_decref(ans);
	return 0;
}

static void cs_time(char *buf, size_t size, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* One of sipguard's bans as an alert with a ban decision as long. */
static int cs_report_ban(struct cs_reporter *r, const struct sg_ban_attrs *b)
{
	char addr[INET6_ADDRSTRLEN], value[INET6_ADDRSTRLEN + 8], when[32], dur[24], msg[160];
	bool range = b->alen == 16 && b->len < 128;
	json_t *alert, *ans = NULL;
	char *body;
	long status;
	int tries;

	sg_addr_str(b->addr, b->alen, addr, sizeof(addr));
	if (range)
		snprintf(value, sizeof(value), "%s/%u", addr, b->len);
	else
		snprintf(value, sizeof(value), "%s", addr);
	cs_time(when, sizeof(when), time(NULL));
	snprintf(dur, sizeof(dur), "%us", b->remaining);
	snprintf(msg, sizeof(msg), "sipguard banned %s for %u s (ban %u)", value, b->remaining, b->count);
	alert = json_pack("[{s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:i,s:s,s:b,s:b,"
			  "s:[{s:s,s:[{s:s,s:s},{s:s,s:s}]}],"
			  "s:{s:s,s:s,s:s},"
			  "s:[{s:s,s:s,s:s,s:s,s:s,s:s}]}]",
			  "scenario", CS_SCENARIO, "scenario_hash", "", "scenario_version", SIPGUARDCTL_VERSION,
			  "message", msg, "events_count", (int)(b->offences ? b->offences : 1),
			  "start_at", when, "stop_at", when, "capacity", 0, "leakspeed", "0s",
			  "simulated", 0, "remediation", 1,
			  "events", "timestamp", when, "meta", "key", "source_ip", "value", addr,
			  "key", "service", "value", "sip",
			  "source", "scope", range ? "Range" : "Ip", "value", value, range ? "range" : "ip", value,
			  "decisions", "duration", dur, "origin", "sipguard", "scenario", CS_SCENARIO,
			  "scope", range ? "Range" : "Ip", "type", "ban", "value", value);
	body = alert ? json_dumps(alert, JSON_COMPACT) : NULL;
	json_decref(alert);
	if (!body)
		return -1;
	for (tries = 0; tries < 2; tries++) {
		if (!r->auth[0] && cs_login(r))
			break;
		status = cs_http(r->url, "v1/alerts", r->auth, body, &ans);
		json_decref(ans);
		ans = NULL;
		if (status == 200 || status == 201) {
			r->sent++;
			cs_log("reported %s (%u s)", value, b->remaining);
			free(body);
			return 0;
		}
		r->auth[0] = '\0';	/* the token expired, or the LAPI restarted: log in again */
	}
	free(body);
	return -1;
}

static int cs_event_cb(const struct nlmsghdr *nlh, void *data)
{
	struct cs_reporter *r = data;
	const struct nlattr *top;
	struct sg_ban_attrs b = { 0 };
	bool have_ban = false;
	int ev = -1;

	mnl_attr_for_each(top, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(top) == SIPGUARD_A_EVENT)
			ev = mnl_attr_get_u8(top);
		else if (mnl_attr_get_type(top) == SIPGUARD_A_BAN)
			have_ban = sg_ban_parse(top, &b);
	}
	if (ev != SIPGUARD_EVENT_BAN_ADDED || !have_ban || !b.remaining)
		return MNL_CB_OK;
	if (cs_report_ban(r, &b))
		r->err = SG_EXIT_FAIL;
	if (r->left && !--r->left)
		return MNL_CB_STOP;
	return MNL_CB_OK;
}

static int cs_report(const char *cred, const char *url, unsigned long count)
{
	static char buf[1 << 16];
	struct cs_reporter r = { .left = count };
	ssize_t n;
	int ret;

	if (cs_read_line(cred, "login", r.login, sizeof(r.login)) ||
	    cs_read_line(cred, "password", r.password, sizeof(r.password)))
		return SG_EXIT_USAGE;
	if (url)
		snprintf(r.url, sizeof(r.url), "%s", url);
	else if (cs_read_line(cred, "url", r.url, sizeof(r.url)))
		return SG_EXIT_USAGE;
	if (sg_nl_open() || sg_nl_events_fd() < 0)
		return SG_EXIT_FAIL;
	cs_signals();
	/* a wrong password is better found now than at the first ban */
	if (cs_login(&r))
		return SG_EXIT_FAIL;
	cs_log("reporting sipguard's bans to %s as machine '%s'", r.url, r.login);
	while (!cs_stop) {
		n = mnl_socket_recvfrom(sg_nl_socket(), buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				cs_log("events lost: the socket buffer overflowed (those bans are not reported)");
				continue;
			}
			cs_log("reading events: %s", strerror(errno));
			return SG_EXIT_FAIL;
		}
		ret = mnl_cb_run(buf, n, 0, 0, cs_event_cb, &r);
		if (ret <= MNL_CB_STOP)
			break;
	}
	return r.err;
}

/* ---- the command ------------------------------------------------------------ */

static void cs_usage(FILE *f)
{
	fprintf(f,
		"Usage: sipguardctl crowdsec bouncer url URL key-file FILE [interval SECONDS]\n"
		"                                   [resync SECONDS] [once]\n"
		"       sipguardctl crowdsec report credentials FILE [url URL] [count N]\n"
		"bouncer: mirror the ban decisions (scope Ip, Range) of CrowdSec's Local API\n"
		"into the deny set, with their expiry and the comment \"crowdsec:SCENARIO\";\n"
		"only entries with that comment are changed or deleted. Decisions touching\n"
		"the allow set are reported, not applied. Pulls every 'interval' (10 s),\n"
		"reads the whole list and re-asserts every expiry every 'resync' (300 s).\n"
		"FILE holds the key 'cscli bouncers add NAME' printed.\n"
		"report: push every ban sipguard makes to the Local API as an alert with a\n"
		"ban decision as long as the ban. FILE is a machine's credentials as\n"
		"'cscli machines add NAME -f FILE' writes them (url, login, password).\n");
}

int cmd_crowdsec(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "help";
	const char *url = NULL, *file = NULL;
	uint32_t interval = 10, resync = 300, count = 0;
	bool once = false, bouncer;
	int i, rc;

	if (!strcmp(verb, "help") || !strcmp(verb, "--help")) {
		cs_usage(stdout);
		return 0;
	}
	bouncer = !strcmp(verb, "bouncer");
	if (!bouncer && strcmp(verb, "report"))
		return usage_error("crowdsec: unknown verb '%s' (bouncer, report)", verb);
	for (i = 2; i < argc; i++) {
		const char *k = argv[i];

		if (bouncer && !strcmp(k, "once")) {
			once = true;
			continue;
		}
		if (i + 1 >= argc)
			return usage_error("crowdsec %s: %s needs a value", verb, k);
		if (!strcmp(k, "url")) {
			url = argv[++i];
			if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8))
				return usage_error("crowdsec: url '%s' is not http:// or https://", url);
			if (strlen(url) > 400)
				return usage_error("crowdsec: url: at most 400 bytes");
		} else if ((bouncer && !strcmp(k, "key-file")) || (!bouncer && !strcmp(k, "credentials"))) {
			file = argv[++i];
		} else if (bouncer && !strcmp(k, "interval")) {
			if (!sg_parse_u32("interval", argv[++i], 1, 3600, &interval))
				return SG_EXIT_USAGE;
		} else if (bouncer && !strcmp(k, "resync")) {
			if (!sg_parse_u32("resync", argv[++i], 1, 86400, &resync))
				return SG_EXIT_USAGE;
		} else if (!bouncer && !strcmp(k, "count")) {
			if (!sg_parse_u32("count", argv[++i], 1, UINT32_MAX, &count))
				return SG_EXIT_USAGE;
		} else {
			return usage_error(bouncer ?
				"crowdsec bouncer: unknown option '%s' (url, key-file, interval, resync, once)" :
				"crowdsec report: unknown option '%s' (credentials, url, count)", k);
		}
	}
	if (bouncer && (!url || !file))
		return usage_error("crowdsec bouncer: want url URL key-file FILE");
	if (!bouncer && !file)
		return usage_error("crowdsec report: want credentials FILE");
	if (sg_dry_run)
		return 0;
	if (lcurl_load())
		return SG_EXIT_FAIL;
	if (lcurl.global_init(CURL_GLOBAL_DEFAULT)) {
		fprintf(stderr, "sipguardctl: libcurl could not start\n");
		return SG_EXIT_FAIL;
	}
	rc = bouncer ? cs_bouncer(url, file, interval, resync, once) : cs_report(file, url, count);
	lcurl.global_cleanup();
	return rc;
}
