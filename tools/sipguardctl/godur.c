// SPDX-License-Identifier: GPL-2.0
/*
 * Go durations, as CrowdSec's Local API words a decision's time left
 * ("3h59m58.123456789s", "1.5h", "300ms", "-2.5s"): the grammar of Go's
 * time.ParseDuration, an optional sign and then one or more decimal numbers
 * each with a unit (ns, us, µs, μs, ms, s, m, h), or a bare "0". No
 * exponents, no hex, no blanks: strtod() would take "1e9s" and "0x10s",
 * which Go refuses. Only libc, so the unit tests build it alone.
 */
#include <string.h>

#include "sipguardctl.h"

int sg_go_duration(const char *s, uint32_t *secs)
{
	static const struct { const char *name; double scale; } units[] = {
		{ "ns", 1e-9 }, { "us", 1e-6 }, { "\xc2\xb5s", 1e-6 }, { "\xce\xbcs", 1e-6 },
		{ "ms", 1e-3 }, { "s", 1 }, { "m", 60 }, { "h", 3600 },
	};
	double total = 0;
	bool neg = false;

	*secs = 0;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!strcmp(s, "0"))
		return 0;
	if (!*s)
		return -1;
	while (*s) {
		double v = 0, scale = 1;
		bool digits = false;
		size_t i, len = 0;

		for (; *s >= '0' && *s <= '9'; s++, digits = true)
			v = v * 10 + (*s - '0');
		if (*s == '.')
			for (s++; *s >= '0' && *s <= '9'; s++, digits = true)
				v += (*s - '0') * (scale /= 10);
		if (!digits)
			return -1;
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
			len = strlen(units[i].name);
			/* "m" must not take the m of "ms": the longer names come first */
			if (!strncmp(s, units[i].name, len))
				break;
		}
		if (i == sizeof(units) / sizeof(units[0]))
			return -1;
		s += len;
		total += v * units[i].scale;
	}
	if (neg || total <= 0)
		return 0;		/* over already */
	if (total >= SECS_MAX)
		*secs = SECS_MAX;
	else
		*secs = (uint32_t)total + (total > (uint32_t)total);
	return 0;
}
