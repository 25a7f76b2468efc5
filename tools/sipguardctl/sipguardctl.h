/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SIPGUARDCTL_H
#define _SIPGUARDCTL_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <libmnl/libmnl.h>
#include <linux/sipguard.h>

#include "addr.h"

/* nl.c: names of the attributes of one nest, to word kernel errors */
struct sg_attr_names {
	unsigned int n;
	const char *const *name;			/* by attribute type */
	const struct sg_attr_names *const *nested;	/* by type, or NULL */
};

struct sg_opts {
	bool json;
	bool pretty;
	const char *netns;
};

extern struct sg_opts opts;

#define SIPGUARDCTL_VERSION "0.1.0"

/* Bytes of a request we build */
#define SG_BUF	16384

/* Exit statuses */
#define SG_EXIT_FAIL	1	/* the kernel refused, or something failed */
#define SG_EXIT_USAGE	2	/* bad arguments */

/* Every object: argv[0] is the object, argv[1] its verb. Returns the exit status. */
int cmd_inspect(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_prefix(int argc, char **argv);	/* allow, deny */
int cmd_pattern(int argc, char **argv);
int cmd_ban(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_save(int argc, char **argv);
int cmd_method(int argc, char **argv);
int cmd_crowdsec(int argc, char **argv);
int sg_batch(const char *path, bool force, bool check);
int sg_dispatch(int argc, char **argv);

/*
 * godur.c: a Go duration (CrowdSec's) in whole seconds, rounded up, capped
 * at SECS_MAX; 0 when it is not positive. -1 when it is not one.
 */
int sg_go_duration(const char *s, uint32_t *secs);

/* dlib.c: a library loaded when a command needs it; the reason in @err */
struct sg_dlsym {
	const char *name;
	void **addr;
};
#define SG_DLSYM(table, member, sym) { #sym, (void **)&(table).member }
int sg_dlopen(const char *soname, const char *package, const struct sg_dlsym *syms,
	      char *err, size_t errlen);

/* policy.c, for batches */
extern bool sg_dry_run;		/* check and build requests, send nothing */
extern bool sg_batching;	/* queue consecutive prefix adds and dels */
extern unsigned long sg_batch_line;
int sg_pending_flush(void);
int sg_save(FILE *f);		/* the policy as batch lines */
bool sg_has_state(void);	/* stats.c: the netns was enabled once */
int sg_save_bans(FILE *f);	/* the bans as "ban add" lines */
int sg_pattern_save(FILE *f);	/* the patterns as "pattern add" lines */
int sg_pattern_count(unsigned long *n);
int sg_method_save(FILE *f);	/* the classes' sources as "method" lines */

/* Shared by the object files (policy.c has them). */
#define SECS_MAX	(10U * 366 * 24 * 3600)	/* the longest time an attribute takes */
#define NAMES(a)	(sizeof(a) / sizeof((a)[0]))
extern const struct sg_attr_names sg_top_an;	/* the family's attributes, for errors */
extern const char *const sg_config_names[__SIPGUARD_CONFIG_A_MAX];
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool sg_parse_u32(const char *key, const char *s, uint32_t min, uint32_t max, uint32_t *out);
int sg_word(const char *s, const char *const *names, unsigned int n);	/* -1: none */
void sg_json_out(json_t *j);		/* print and free */
const char *sg_addr_str(const void *a, size_t len, char *buf, size_t size);
int want_word(const char *key, const char *s, const char *const *names, unsigned int n);
int sg_send(struct nlmsghdr *nlh, mnl_cb_t cb, void *data);	/* unless a dry pass */
/*
 * "OBJECT flush" and "OBJECT [show]", alike for every list: @dump fills
 * @view, whose JSON array (for -j) is *@list.
 */
int list_verbs(int argc, char **argv, uint8_t flush_cmd, int set,
	       int (*dump)(void *view), void *view, json_t **list);
/* A word for the shell: quoted when it holds blanks, quotes or '#'. */
void put_word(FILE *f, const char *s, size_t len);
/*
 * What a dump prints goes to a buffer first: a dump the kernel marks
 * interrupted is run again, and its first lines must not be printed twice.
 */
struct outbuf {
	FILE *to;		/* where the text goes once the dump is whole; NULL: nowhere */
	FILE *f;		/* the buffer the callbacks write to */
	char *buf;
	size_t len;
};
FILE *outbuf_reset(struct outbuf *o);
void outbuf_end(struct outbuf *o, bool ok);


extern uint32_t sg_nl_err_off;	/* offset the kernel's last error pointed at, or 0 */
int sg_nl_open(void);
struct nlmsghdr *sg_msg_start(char *buf, uint16_t type, uint8_t cmd, uint16_t flags);
int sg_nl_talk(struct nlmsghdr *nlh, mnl_cb_t cb, void *data,
	       const struct sg_attr_names *names, bool quiet);
int sg_nl_dump(uint8_t cmd, void (*fill)(struct nlmsghdr *nlh, void *arg), void *arg,
	       mnl_cb_t cb, void *data, void (*reset)(void *data), bool partial_ok);
int sg_nl_events_fd(void);
struct mnl_socket *sg_nl_socket(void);

/* config.c: the config as the kernel gave it */
struct sg_cfgview {
	bool have;
	bool have_enabled;	/* a module older than "enabled" is on everywhere */
	uint8_t enabled, mode, trusted, v6, v6agg, mcase;
	char ports[SIPGUARD_PORT_RANGES_MAX * sizeof("65535-65535,")];
	uint32_t methods, ban[5], answer[4], maxmsg, maxline, maxhdr, maxsrc, tcpflows, v6spread;
	uint64_t tcpbuf;
	uint32_t rate[__SIPGUARD_CLASS_MAX][2], grate[SIPGUARD_CLASS_OTHER + 1][2];
	uint8_t action[__SIPGUARD_REASON_MAX];
};

int sg_config_get(struct sg_cfgview *v);

/* stats.c: the counters */
struct sg_statsview {
	uint64_t stat[__SIPGUARD_STAT_MAX], drop[__SIPGUARD_REASON_MAX];
	bool have;		/* -o prometheus: the counters were read */
	bool enabled;		/* -o prometheus: the netns inspects */
};

int sg_stats_get(struct sg_statsview *v);

/* metrics.c: @v in Prometheus' text exposition format */
int sg_metrics_write(FILE *f, const struct sg_statsview *v);
/* as "config set" lines (save) or "key value" lines (show) */
void sg_config_print(const struct sg_cfgview *v, FILE *f, bool as_commands);

/* prefix.c: a prefix set's dump (allow, deny, a class's sources) */
struct sg_prefixview {
	json_t *list;		/* -j */
	FILE *f;		/* text: where it ends up */
	const char *cmd;	/* save: "allow add " */
	int set;
	unsigned long n;
	struct outbuf ob;
};

int sg_prefix_dump(int set, struct sg_prefixview *pv);
/* "OBJECT add|del|flush|show" on set @set, @obj naming it in messages */
int sg_prefix_verbs(int set, const char *obj, int argc, char **argv);

/* ban.c: the bans in force */
struct sg_banview {
	json_t *list;
	FILE *f;
	bool as_commands;
	unsigned long n;
	struct outbuf ob;
};

int sg_ban_dump(struct sg_banview *v);
struct sg_ban_attrs {
	const void *addr;
	size_t alen;
	uint8_t len; uint32_t remaining, count, offences;
};

bool sg_ban_parse(const struct nlattr *nest, struct sg_ban_attrs *b);
int sg_ban_request(uint8_t cmd, const struct sg_prefix *p, uint32_t secs, bool quiet);

/* capture.c: SIP payloads of a pcap file, IP fragments reassembled. */
struct sg_capture_msg {
	unsigned long frame;		/* frame number of the last fragment */
	const uint8_t *data;
	size_t len;
	bool tcp;
	bool syn;			/* TCP: the segment is a SYN */
	uint32_t seq;			/* TCP: its sequence number */
	char src[64], dst[64];		/* "addr:port" / "[addr]:port" */
};

typedef int (*sg_capture_fn)(const struct sg_capture_msg *msg, void *arg);
int sg_capture_read(const char *path, const struct sg_portmap *ports,
		    sg_capture_fn fn, void *arg, char *err, size_t errlen);

#endif
