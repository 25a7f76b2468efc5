// SPDX-License-Identifier: GPL-2.0
/*
 * The parser's word-at-a-time byte finders (kmod/sip.c's scan(), static:
 * the file is included), against a byte loop that says the same in the
 * plainest way: every byte value at every position, every length and
 * start around the word boundaries, and random buffers with several hits.
 * Each buffer is a heap block of exactly its length, so AddressSanitizer
 * sees any read past either end (the last word is read where it ends).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../kmod/sip.c"

struct finder {
	const char *name;
	enum scan k;
	u8 arg;
};

static const struct finder finders[] = {
	{ "control byte (find_ctl)", SCAN_BELOW, 0x20 },
	{ "blank or control (find_blank)", SCAN_BELOW, 0x21 },
	{ "C_CTL (body)", SCAN_CTL, 0 },
	{ "LF", SCAN_EQ, '\n' },
	{ "colon", SCAN_EQ, ':' },
	{ "NUL", SCAN_EQ, 0x00 },
	{ "DEL", SCAN_EQ, 0x7f },
	{ "0x80", SCAN_EQ, 0x80 },
	{ "0xff", SCAN_EQ, 0xff },
};

/* the same question, a byte at a time, in the words of the comments */
static bool plain_hit(u8 b, const struct finder *f)
{
	switch (f->k) {
	case SCAN_BELOW:
		return b < f->arg || b == 0x7f;
	case SCAN_EQ:
		return b == f->arg;
	default:
		return (b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7f;
	}
}

/* scan() over an exact-size copy of @src, against the byte loop; 0 if they agree */
static int check_one(const struct finder *f, const u8 *src, size_t len)
{
	u8 *buf = malloc(len ? len : 1);
	size_t want = len, got;

	assert_non_null(buf);
	memcpy(buf, src, len);
	for (size_t i = 0; i < len; i++) {
		if (plain_hit(buf[i], f)) {
			want = i;
			break;
		}
	}
	got = (size_t)(scan(buf, buf + len, f->k, f->arg) - buf);
	if (f->k == SCAN_EQ) {
		const u8 *m = find_byte(buf, len, f->arg);

		if ((m ? (size_t)(m - buf) : len) != got) {
			print_error("%s: find_byte and scan disagree (len %zu)\n", f->name, len);
			free(buf);
			return 1;
		}
	}
	free(buf);
	if (got != want) {
		print_error("%s: len %zu: scan says %zu, the byte loop %zu\n", f->name, len, got,
			    want);
		return 1;
	}
	return 0;
}

/* clean bytes around the one tested: letters, and high bytes (top bit set) */
static const u8 fills[] = { 'a', ' ', 0x80, 0xfe, '~' };

static void test_every_byte_everywhere(void **state)
{
	u8 buf[40];
	int bad = 0;

	(void)state;
	for (size_t f = 0; f < ARRAY_SIZE(finders); f++) {
		for (size_t fi = 0; fi < ARRAY_SIZE(fills); fi++) {
			if (plain_hit(fills[fi], &finders[f]))
				continue;	/* not a clean byte for this finder */
			for (size_t len = 0; len <= sizeof(buf); len++) {
				memset(buf, fills[fi], sizeof(buf));
				bad += check_one(&finders[f], buf, len);	/* no hit */
				for (size_t pos = 0; pos < len; pos++) {
					for (unsigned int b = 0; b < 256; b++) {
						memset(buf, fills[fi], sizeof(buf));
						buf[pos] = (u8)b;
						bad += check_one(&finders[f], buf, len);
					}
				}
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* several hits, any bytes, every start alignment: xorshift, fixed seed */
static void test_random_buffers(void **state)
{
	u64 x = 0x9e3779b97f4a7c15ULL;
	u8 buf[96];
	int bad = 0;

	(void)state;
	for (int round = 0; round < 200000; round++) {
		size_t len = round % (sizeof(buf) + 1);
		unsigned int density = (unsigned int)(round / 97) % 4;	/* hits 1 in 4..64 */

		for (size_t i = 0; i < len; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[i] = (x >> 8) % (4u << (2 * density)) ? 'a' + (u8)(x % 26) : (u8)(x >> 24);
		}
		bad += check_one(&finders[round % ARRAY_SIZE(finders)], buf, len);
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_byte_everywhere),
		cmocka_unit_test(test_random_buffers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
