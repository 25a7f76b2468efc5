// SPDX-License-Identifier: GPL-2.0
/*
 * The netlink side of sipguardctl, on libmnl: the family's id and events
 * group from the generic-netlink controller, requests and dumps, and
 * errors turned into sentences: the kernel's extack message with the name
 * of the attribute it points at, found by walking the request we sent.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "sipguardctl.h"

static struct mnl_socket *sg_nl;
static uint16_t sg_family_id;
static uint32_t sg_events_group;
static uint32_t sg_seq;
uint32_t sg_nl_err_off;

/* Enter /run/netns/NAME, as ip -n does. */
static int sg_enter_netns(const char *name)
{
	char path[256];
	int fd;

	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "sipguardctl: cannot open network namespace \"%s\": %s\n",
			name, strerror(errno));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET)) {
		fprintf(stderr, "sipguardctl: cannot enter network namespace \"%s\": %s\n",
			name, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int sg_ctrl_group_cb(const struct nlattr *a, void *data)
{
	struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { };
	const struct nlattr *g;

	mnl_attr_for_each_nested(g, a) {
		const struct nlattr *x;

		memset(tb, 0, sizeof(tb));
		mnl_attr_for_each_nested(x, g)
			if (mnl_attr_get_type(x) <= CTRL_ATTR_MCAST_GRP_MAX)
				tb[mnl_attr_get_type(x)] = (struct nlattr *)x;
		if (tb[CTRL_ATTR_MCAST_GRP_NAME] && tb[CTRL_ATTR_MCAST_GRP_ID] &&
		    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]), SIPGUARD_MCGRP_EVENTS))
			*(uint32_t *)data = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return MNL_CB_OK;
}

static int sg_ctrl_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	(void)data;
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
			sg_family_id = mnl_attr_get_u16(a);
		else if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GROUPS)
			sg_ctrl_group_cb(a, &sg_events_group);
	}
	return MNL_CB_OK;
}

/* Nothing of ours to name in a controller request. */
static const struct sg_attr_names sg_no_names = { 0 };

int sg_nl_open(void)
{
	char buf[SG_BUF];
	struct nlmsghdr *nlh;
	int one = 1, err;

	if (sg_nl)
		return 0;
	if (opts.netns && sg_enter_netns(opts.netns))
		return -1;
	sg_nl = mnl_socket_open(NETLINK_GENERIC);
	if (!sg_nl || mnl_socket_bind(sg_nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		fprintf(stderr, "sipguardctl: cannot open a netlink socket: %s\n", strerror(errno));
		return -1;
	}
	mnl_socket_setsockopt(sg_nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(sg_nl, NETLINK_CAP_ACK, &one, sizeof(one));

	/* the family exists once root loaded the module: it has no alias the
	 * controller could load it by (loading changes packet handling) */
	nlh = sg_msg_start(buf, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_REQUEST | NLM_F_ACK);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, SIPGUARD_GENL_NAME);
	err = sg_nl_talk(nlh, sg_ctrl_cb, NULL, &sg_no_names, true);
	if (err == -ENOENT) {
		fprintf(stderr, "sipguardctl: sipguard module is not loaded (modprobe sipguard)\n");
		return -1;
	}
	if (err)
		return -1;
	return 0;
}

struct nlmsghdr *sg_msg_start(char *buf, uint16_t type, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type ? type : sg_family_id;
	nlh->nlmsg_flags = flags;
	if (!sg_seq)
		sg_seq = (uint32_t)time(NULL);
	nlh->nlmsg_seq = ++sg_seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = SIPGUARD_GENL_VERSION;
	return nlh;
}

/*
 * The name of the attribute at @off in the message we sent, as
 * "config.ban-max" or "prefix.addr", by walking its nests with @names.
 */
static void sg_attr_path(const struct nlattr *a, size_t len, size_t off,
			 const struct sg_attr_names *names, char *out, size_t size)
{
	while (len >= sizeof(*a) && a->nla_len >= sizeof(*a) && a->nla_len <= len) {
		size_t alen = NLA_ALIGN(a->nla_len);
		uint16_t type = a->nla_type & NLA_TYPE_MASK;
		const char *name = names && type < names->n ? names->name[type] : NULL;
		char here[48];

		if (off < alen) {
			snprintf(here, sizeof(here), "%s", name ? name : "?");
			if (*out)
				strncat(out, ".", size - strlen(out) - 1);
			strncat(out, here, size - strlen(out) - 1);
			if (off >= sizeof(*a) && names && type < names->n && names->nested &&
			    names->nested[type])
				sg_attr_path((const struct nlattr *)((const char *)a + NLA_HDRLEN),
					     a->nla_len - NLA_HDRLEN, off - NLA_HDRLEN,
					     names->nested[type], out, size);
			return;
		}
		off -= alen;
		if (alen > len)
			break;
		len -= alen;
		a = (const struct nlattr *)((const char *)a + alen);
	}
}

struct sg_talk {
	mnl_cb_t cb;
	void *data;
	const struct nlmsghdr *req;
	const struct sg_attr_names *names;
	bool quiet;
	bool interrupted;
	bool reported;		/* an error was printed, or left to the caller */
};

/* An error message: the extack text, the attribute it names, its range. */
static int sg_error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct sg_talk *t = data;
	const char *msg = NULL;
	char path[160] = "", range[64] = "";
	const struct nlattr *a;
	int err;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e)))
		return MNL_CB_ERROR;
	err = e->error;
	if (!err)
		return MNL_CB_STOP;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		mnl_attr_for_each(a, nlh, sizeof(*e)) {
			switch (mnl_attr_get_type(a)) {
			case NLMSGERR_ATTR_MSG:
				if (!mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
					msg = mnl_attr_get_str(a);
				break;
			case NLMSGERR_ATTR_OFFS: {
				uint32_t off = mnl_attr_get_u32(a);
				size_t hdr = NLMSG_HDRLEN + GENL_HDRLEN;

				sg_nl_err_off = off;
				if (t->req && off >= hdr && off < t->req->nlmsg_len)
					sg_attr_path((const struct nlattr *)((const char *)t->req + hdr),
						     t->req->nlmsg_len - hdr, off - hdr, t->names,
						     path, sizeof(path));
				break;
			}
			case NLMSGERR_ATTR_POLICY: {
				const struct nlattr *p;
				uint64_t lo = 0, hi = 0;
				bool has_lo = false, has_hi = false;

				mnl_attr_for_each_nested(p, a) {
					if (mnl_attr_get_type(p) == NL_POLICY_TYPE_ATTR_MIN_VALUE_U) {
						lo = mnl_attr_get_u64(p);
						has_lo = true;
					} else if (mnl_attr_get_type(p) == NL_POLICY_TYPE_ATTR_MAX_VALUE_U) {
						hi = mnl_attr_get_u64(p);
						has_hi = true;
					}
				}
				if (has_lo && has_hi)
					snprintf(range, sizeof(range), " (valid: %llu-%llu)",
						 (unsigned long long)lo, (unsigned long long)hi);
				break;
			}
			}
		}
	}
	errno = -err;
	t->reported = true;
	if (t->quiet && (err == -ENOENT || err == -EOPNOTSUPP))
		return MNL_CB_ERROR;
	if (err == -EPERM && !msg) {
		fprintf(stderr, "sipguardctl: permission denied: sipguardctl needs CAP_NET_ADMIN\n");
		errno = EPERM;
		return MNL_CB_ERROR;
	}
	fprintf(stderr, "sipguardctl: %s%s%s%s\n", msg ? msg : strerror(-err),
		*path ? " (attribute " : "", path, *path ? ")" : "");
	if (*range)
		fprintf(stderr, "sipguardctl: %s%s\n", path, range);
	return MNL_CB_ERROR;
}

/*
 * The end of a dump; it carries the dump's error, if it failed, and then
 * (NLM_F_ACK_TLVS) the kernel's message after the error code.
 */
static int sg_done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct sg_talk *t = data;
	const char *msg = NULL;
	const struct nlattr *a;
	int err = 0;

	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int))
		memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	if (err >= 0)
		return MNL_CB_STOP;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		mnl_attr_for_each(a, nlh, sizeof(int))
			if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
			    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
				msg = mnl_attr_get_str(a);
	}
	t->reported = true;
	errno = -err;
	if (t->quiet && (err == -ENOENT || err == -EOPNOTSUPP))
		return MNL_CB_ERROR;
	fprintf(stderr, "sipguardctl: %s\n", msg ? msg : strerror(-err));
	return MNL_CB_ERROR;
}

static int sg_noop_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	return MNL_CB_OK;
}

static int sg_data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct sg_talk *t = data;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		t->interrupted = true;
	return t->cb ? t->cb(nlh, t->data) : MNL_CB_OK;
}

/*
 * Send @nlh and run @cb on each reply until the ack or the end of the dump.
 * 0, or -errno with the error already printed (except ENOENT and
 * EOPNOTSUPP, "not enabled in this netns", when @quiet,
 * for the caller to word).
 */
int sg_nl_talk(struct nlmsghdr *nlh, mnl_cb_t cb, void *data,
	       const struct sg_attr_names *names, bool quiet)
{
	static char buf[1 << 16];
	struct sg_talk t = { cb, data, nlh, names, quiet, false, false };
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_NOOP] = sg_noop_cb, [NLMSG_ERROR] = sg_error_cb,
		[NLMSG_DONE] = sg_done_cb, [NLMSG_OVERRUN] = sg_noop_cb,
	};
	uint32_t portid = mnl_socket_get_portid(sg_nl);
	struct nlmsghdr *m;
	ssize_t n;
	int ret, left;

	sg_nl_err_off = 0;
	if (mnl_socket_sendto(sg_nl, nlh, nlh->nlmsg_len) < 0) {
		fprintf(stderr, "sipguardctl: sending to the kernel: %s\n", strerror(errno));
		return -errno;
	}
	do {
		n = mnl_socket_recvfrom(sg_nl, buf, sizeof(buf));
		if (n < 0) {
			fprintf(stderr, "sipguardctl: reading from the kernel: %s\n", strerror(errno));
			return -errno;
		}
		/* libmnl stops at a message marked NLM_F_DUMP_INTR, leaving the
		 * rest of the dump in the socket; note the mark, take it off,
		 * read the dump to its end, and let the caller start again
		 */
		for (m = (struct nlmsghdr *)buf, left = (int)n; mnl_nlmsg_ok(m, left);
		     m = mnl_nlmsg_next(m, &left)) {
			if (m->nlmsg_flags & NLM_F_DUMP_INTR) {
				m->nlmsg_flags &= ~NLM_F_DUMP_INTR;
				t.interrupted = true;
			}
		}
		errno = 0;
		ret = mnl_cb_run2(buf, n, nlh->nlmsg_seq, portid, sg_data_cb, &t, ctl,
				  NLMSG_MIN_TYPE);
	} while (ret > MNL_CB_STOP);
	if (ret < 0) {
		if (!t.reported)
			fprintf(stderr, "sipguardctl: a bad reply from the kernel: %s\n",
				strerror(errno ? errno : EIO));
		return errno ? -errno : -EIO;
	}
	if (t.interrupted)
		return -EINTR;
	return 0;
}

/*
 * A dump, restarted while the kernel says the set changed under it; after
 * ten tries, an error, or with @partial_ok the last try with a warning.
 */
int sg_nl_dump(uint8_t cmd, void (*fill)(struct nlmsghdr *nlh, void *arg), void *arg,
	       mnl_cb_t cb, void *data, void (*reset)(void *data), bool partial_ok)
{
	char buf[SG_BUF];
	struct nlmsghdr *nlh;
	int err, tries = 0;

	do {
		if (reset)
			reset(data);
		nlh = sg_msg_start(buf, 0, cmd, NLM_F_REQUEST | NLM_F_DUMP);
		if (fill)
			fill(nlh, arg);
		err = sg_nl_talk(nlh, cb, data, NULL, false);
	} while (err == -EINTR && ++tries < 10);
	if (err == -EINTR && partial_ok) {
		fprintf(stderr, "sipguardctl: the list changed while it was read\n");
		return 0;
	}
	if (err == -EINTR)
		fprintf(stderr, "sipguardctl: the set kept changing during 10 dumps\n");
	return err;
}

int sg_nl_events_fd(void)
{
	if (!sg_events_group) {
		fprintf(stderr, "sipguardctl: the kernel has no sipguard events group\n");
		return -1;
	}
	if (mnl_socket_setsockopt(sg_nl, NETLINK_ADD_MEMBERSHIP, &sg_events_group,
				  sizeof(sg_events_group)) < 0) {
		if (errno == EPERM)
			fprintf(stderr, "sipguardctl: permission denied: sipguardctl needs CAP_NET_ADMIN\n");
		else
			fprintf(stderr, "sipguardctl: joining the events group: %s\n", strerror(errno));
		return -1;
	}
	return mnl_socket_get_fd(sg_nl);
}

struct mnl_socket *sg_nl_socket(void)
{
	return sg_nl;
}
