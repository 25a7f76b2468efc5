// SPDX-License-Identifier: GPL-2.0
/*
 * make bench's instruction counter: a QEMU TCG plugin that counts the
 * guest instructions each vCPU executes, and writes the counts to a file
 * the guest reads (through the 9p share of its output directory), so that
 * the bench can take the instructions the receiving CPU spent on its
 * packets: a measure the host's load does not move, where time does.
 *
 *   qemu-system-x86_64 ... -plugin build/insncount.so,out=FILE
 *
 * FILE holds one line, rewritten every millisecond:
 *   "<vCPU 0's instructions> <vCPU 1's> <the two XORed with CHECK>\n"
 * in fixed-width decimal; a reader takes a line whose check holds (a
 * read that met a write half done has one that does not).
 *
 * A profile, of vCPU 0: the guest writes "reset" or "dump" to FILE.ctl;
 * the plugin, within a millisecond, zeroes its counts (reset) or writes
 * FILE.prof (dump): one line "<block's address, hex> <instructions the
 * block ran since the reset>" for each translation block that ran; then
 * it removes FILE.ctl, which tells the guest it is done. The guest maps
 * the addresses to symbols (/proc/kallsyms).
 *
 * Debian ships QEMU with plugins enabled but not the plugin header
 * (qemu-plugin.h): the few declarations of the API (version 1, QEMU 7.2)
 * this plugin calls are written out below, as documented in QEMU's
 * docs/devel/tcg-plugins.rst. A translation block's instructions are
 * counted when the block runs, one callback a block; a block left early
 * (a fault, an interrupt taken inside it) is counted whole, which the
 * bench's millions of instructions a configuration do not see.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* --- the QEMU plugin API, version 1 (QEMU 7.2), as far as used here --- */
typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
typedef struct qemu_info_t qemu_info_t;	/* not read */
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, qemu_plugin_vcpu_udata_cb_t cb,
					  enum qemu_plugin_cb_flags flags, void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))
/* --- end of the API --- */

QEMU_PLUGIN_EXPORT int qemu_plugin_version = 1;

#define MAX_VCPUS	2
#define CHECK		UINT64_C(0x5eedc0de5eedc0de)

/* one translation block: vCPU 0's runs of it (the profile) */
struct block {
	uint64_t vaddr;
	uint64_t insns;
	volatile uint64_t runs;
};
/* blocks are never moved (a run adds to its own): kept in chunks */
#define CHUNK	4096
struct chunk {
	struct block b[CHUNK];
	unsigned int used;
	struct chunk *next;
};
static struct chunk *chunks;
static pthread_mutex_t chunk_lock = PTHREAD_MUTEX_INITIALIZER;
static char *ctl_path, *prof_path;

/* each vCPU's thread adds to its own count only; 64-bit aligned stores
 * are whole to the writer thread's loads on the hosts QEMU runs on */
static volatile uint64_t count[MAX_VCPUS];
static int out_fd = -1;
static pthread_t writer;
static volatile int stopping;

static void tb_exec(unsigned int vcpu, void *arg)
{
	struct block *b = arg;

	if (vcpu < MAX_VCPUS)
		count[vcpu] += b->insns;
	if (vcpu == 0)
		b->runs++;
}

static struct block *block_new(uint64_t vaddr, uint64_t insns)
{
	struct block *b = NULL;

	pthread_mutex_lock(&chunk_lock);
	if (!chunks || chunks->used == CHUNK) {
		struct chunk *c = calloc(1, sizeof(*c));

		if (!c)
			goto out;
		c->next = chunks;
		chunks = c;
	}
	b = &chunks->b[chunks->used++];
	b->vaddr = vaddr;
	b->insns = insns;
out:
	pthread_mutex_unlock(&chunk_lock);
	return b;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	struct block *b = block_new(qemu_plugin_tb_vaddr(tb), qemu_plugin_tb_n_insns(tb));

	(void)id;
	if (b)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, tb_exec, QEMU_PLUGIN_CB_NO_REGS, b);
}

/* "reset" or "dump" in the control file: done, and the file removed */
static void control(void)
{
	char cmd[16] = "";
	struct chunk *c;
	unsigned int i;
	FILE *f = fopen(ctl_path, "r");

	if (!f)
		return;
	if (!fgets(cmd, sizeof(cmd), f)) {
		fclose(f);
		return;		/* being written: the next turn */
	}
	fclose(f);
	pthread_mutex_lock(&chunk_lock);
	if (!strncmp(cmd, "reset", 5)) {
		for (c = chunks; c; c = c->next)
			for (i = 0; i < c->used; i++)
				c->b[i].runs = 0;
	} else if (!strncmp(cmd, "dump", 4)) {
		FILE *out = fopen(prof_path, "w");

		for (c = chunks; out && c; c = c->next)
			for (i = 0; i < c->used; i++)
				if (c->b[i].runs)
					fprintf(out, "%" PRIx64 " %" PRIu64 "\n", c->b[i].vaddr,
						c->b[i].runs * c->b[i].insns);
		if (out)
			fclose(out);
		else
			fprintf(stderr, "insncount: %s: %s\n", prof_path, strerror(errno));
	}
	pthread_mutex_unlock(&chunk_lock);
	unlink(ctl_path);
}

static void write_counts(void)
{
	uint64_t a = count[0], b = count[1];
	char line[3 * 21 + 1];
	int len = snprintf(line, sizeof(line), "%020" PRIu64 " %020" PRIu64 " %020" PRIu64 "\n",
			   a, b, a ^ b ^ CHECK);

	if (pwrite(out_fd, line, len, 0) != len)
		fprintf(stderr, "insncount: write: %s\n", strerror(errno));
}

static void *write_loop(void *arg)
{
	const struct timespec ms = { 0, 1000000 };

	(void)arg;
	while (!stopping) {
		write_counts();
		control();
		nanosleep(&ms, NULL);
	}
	return NULL;
}

static void at_exit(qemu_plugin_id_t id, void *arg)
{
	(void)id, (void)arg;
	stopping = 1;
	pthread_join(writer, NULL);
	write_counts();
	close(out_fd);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	const char *out = NULL;
	int i;

	(void)info;
	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			out = argv[i] + 4;
		else {
			fprintf(stderr, "insncount: unknown argument %s (want out=FILE)\n", argv[i]);
			return -1;
		}
	if (!out) {
		fprintf(stderr, "insncount: no out=FILE\n");
		return -1;
	}
	if (asprintf(&ctl_path, "%s.ctl", out) < 0 || asprintf(&prof_path, "%s.prof", out) < 0)
		return -1;
	unlink(ctl_path);
	out_fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out_fd < 0) {
		fprintf(stderr, "insncount: %s: %s\n", out, strerror(errno));
		return -1;
	}
	write_counts();
	if (pthread_create(&writer, NULL, write_loop, NULL)) {
		fprintf(stderr, "insncount: cannot start the writer thread\n");
		close(out_fd);
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
