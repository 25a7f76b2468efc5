#!/bin/bash
# Allocation failures in every configuration path (the debug kernel's fault
# injection): each command of sipguardctl is run again and again with its
# 1st, 2nd, 3rd ... kernel allocation made to fail (slab and pages; the
# per-task fail-nth, counted by failnth.c inside the netlink calls only), until
# the command runs through without reaching the failure. Every time:
#  - the command either succeeds with the whole change applied, or fails
#    with an error on stderr and nothing of the change applied (the policy
#    as `sipguardctl save` prints it, and the bans, as before it);
#  - a reply lost after the change was made (ENOBUFS: netlink could not
#    allocate the ack) leaves the whole change, never a part;
#  - the kernel log holds no report but the allocation failures themselves,
#    and kmemleak finds nothing once the module is unloaded (guest-init).
# The adds and sets here (make check); IPv6 prefixes, deletions, flushes, a
# batch, the dumps and a netns's first enabling in t-failslab-more.sh (make
# check-debug), for time.
# vm-timeout: 450
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/failslab-lib.sh"

modprobe sipguard

# every handler of the family that adds or sets something (allow, deny and
# the method sets share PREFIX_ADD; a method set's change republishes the
# config)
inject "deny add (IPv4, comment)" "$CTL deny del 192.0.2.0/24" -- $CTL deny add 192.0.2.0/24 comment failslab
$CTL deny add 198.51.100.0/24 comment before
inject "deny replace (of an entry there)" "$CTL deny replace 198.51.100.0/24 comment before" -- \
	$CTL deny replace 198.51.100.0/24 comment after
$CTL deny del 198.51.100.0/24
inject "method from add" "$CTL method register from any" -- $CTL method register from add 203.0.113.0/24
inject "pattern add (the matcher rebuilt)" "$CTL pattern del failslab-scanner" -- $CTL pattern add failslab-scanner
inject "config set ports and rates (a new config published)" \
	"$CTL config set ports 5060-5061 rate register 10/40" -- $CTL config set ports 5060,5070-5080 rate register 9/30
bans=1
inject "ban add" "$CTL ban del 203.0.113.9" -- $CTL ban add 203.0.113.9 for 600
bans=

# and everything still works: a deny entry drops, the tables take entries
check "after it all, deny add works" $CTL deny add 192.0.2.77
check "... and shows" sh -c "$CTL deny show | grep -q 192.0.2.77"
check "the module unloads" modprobe -r sipguard
