/* SPDX-License-Identifier: GPL-2.0 */
/* The default policy with its matcher, built once for a libFuzzer harness. */
#ifndef _SG_FUZZ_POLICY_H
#define _SG_FUZZ_POLICY_H

#include <stdlib.h>

#include "sip.h"

static struct sg_sip_policy pol;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sg_sip_policy_init(&pol))
		abort();
	return 0;
}

#endif
