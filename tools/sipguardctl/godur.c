// SPDX-License-Identifier: GPL-2.0
/*
 * Go durations, as CrowdSec's Local API words a decision's time left
 * ("3h59m58.123456789s", "1.5h", "300ms", "-2.5s"), read as Go's
 * time.ParseDuration reads them: an optional sign and then one or more
 * decimal numbers each with a unit (ns, us, µs, μs, ms, s, m, h), or a bare
 * "0"; whole nanoseconds summed in 64 bits, a fraction's nanoseconds
 * truncated, past 2^63 ns an error. No exponents, no hex, no blanks:
 * strtod() would take "1e9s" and "0x10s", which Go refuses. It needs libc
 * only (sipguardctl.h for SECS_MAX), so the unit tests build it alone.
 */
#include <string.h>

#include "sipguardctl.h"

#define NS_MAX	(1ULL << 63)

int sg_go_duration(const char *s, uint32_t *secs)
{
	static const struct { const char *name; uint64_t ns; } units[] = {
		/* "ms" before "m" and "s" */
		{ "ns", 1 }, { "us", 1000 }, { "\xc2\xb5s", 1000 }, { "\xce\xbcs", 1000 },
		{ "ms", 1000000 }, { "s", 1000000000 }, { "m", 60000000000ULL },
		{ "h", 3600000000000ULL },
	};
	uint64_t total = 0;
	bool neg = false;

	*secs = 0;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!strcmp(s, "0"))
		return 0;
	if (!*s)
		return -1;
	while (*s) {
		uint64_t v = 0, f = 0, scale = 1;
		bool digits = false, fprec = true;
		size_t i, len = 0;

		for (; *s >= '0' && *s <= '9'; s++, digits = true) {
			if (v > (NS_MAX - (*s - '0')) / 10)
				return -1;		/* Go: overflow */
			v = v * 10 + (*s - '0');
		}
		if (*s == '.') {
			for (s++; *s >= '0' && *s <= '9'; s++, digits = true) {
				/* as Go: digits past 64 bits of precision are read, not kept */
				if (!fprec || f > (UINT64_MAX - 9) / 10 || scale > UINT64_MAX / 10) {
					fprec = false;
					continue;
				}
				f = f * 10 + (*s - '0');
				scale *= 10;
			}
		}
		if (!digits)
			return -1;
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
			len = strlen(units[i].name);
			if (!strncmp(s, units[i].name, len))
				break;
		}
		if (i == sizeof(units) / sizeof(units[0]))
			return -1;
		s += len;
		if (v > NS_MAX / units[i].ns)
			return -1;
		v *= units[i].ns;
		if (f) {
			v += (uint64_t)((double)f * ((double)units[i].ns / (double)scale));
			if (v > NS_MAX)
				return -1;
		}
		total += v;
		if (total > NS_MAX)
			return -1;
	}
	if (neg || !total)
		return 0;		/* over already (Go takes -2^63 ns too) */
	if (total == NS_MAX)
		return -1;		/* Go: past its largest positive duration */
	total = total / 1000000000 + (total % 1000000000 != 0);	/* rounded up */
	*secs = total >= SECS_MAX ? SECS_MAX : (uint32_t)total;
	return 0;
}
