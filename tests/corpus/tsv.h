/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The header-value corpora (tests/corpus/inject/attacks.tsv,
 * tests/corpus/legit/values.tsv): HEADER<TAB>VALUE per line, '#' lines are
 * comments, VALUE with the escapes \\ \t \r \n \xHH. Header-only, for the
 * unit tests and tests/compare.
 */
#ifndef _SG_TSV_H
#define _SG_TSV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tsv_entry {
	char header[64];
	unsigned char value[8192];
	size_t len;
	unsigned int line;
};

static int tsv_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * The next entry of @f into @e: 1, 0 at the end, -1 on a malformed line
 * (reported on stderr with @path).
 */
static int tsv_next(FILE *f, const char *path, struct tsv_entry *e)
{
	static char line[16384];

	while (fgets(line, sizeof(line), f)) {
		char *tab, *p;
		size_t n = strlen(line);

		e->line++;
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (!n || line[0] == '#')
			continue;
		tab = strchr(line, '\t');
		if (!tab || (size_t)(tab - line) >= sizeof(e->header)) {
			fprintf(stderr, "%s:%u: want HEADER<TAB>VALUE\n", path, e->line);
			return -1;
		}
		memcpy(e->header, line, (size_t)(tab - line));
		e->header[tab - line] = '\0';
		e->len = 0;
		for (p = tab + 1; *p && e->len < sizeof(e->value); p++) {
			int c = (unsigned char)*p;

			if (c == '\\') {
				switch (*++p) {
				case '\\': c = '\\'; break;
				case 't': c = '\t'; break;
				case 'r': c = '\r'; break;
				case 'n': c = '\n'; break;
				case 'x':
					if (tsv_hex(p[1]) < 0 || tsv_hex(p[2]) < 0)
						goto bad;
					c = tsv_hex(p[1]) << 4 | tsv_hex(p[2]);
					p += 2;
					break;
				default:
					goto bad;
				}
			}
			e->value[e->len++] = (unsigned char)c;
		}
		return 1;
bad:
		fprintf(stderr, "%s:%u: bad escape\n", path, e->line);
		return -1;
	}
	return 0;
}

#endif /* _SG_TSV_H */
