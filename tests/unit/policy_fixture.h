/* SPDX-License-Identifier: GPL-2.0 */
/* The default policy with its matchers, as a cmocka group fixture. */
#ifndef _SG_POLICY_FIXTURE_H
#define _SG_POLICY_FIXTURE_H

#include "sip.h"

static struct sg_sip_policy pol;

static int setup(void **state)
{
	(void)state;
	return sg_sip_policy_init(&pol);
}

static int teardown(void **state)
{
	(void)state;
	sg_sip_policy_release(&pol);
	return 0;
}

#endif
