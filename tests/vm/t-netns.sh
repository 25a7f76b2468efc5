#!/bin/bash
# A module that stays in its lane: loaded, sipguard inspects the initial
# netns only; another netns has no sipguard state (no hooks, no
# /proc/net/sipguard, no tables) until its own admin enables it over
# netlink, and refusing that request leaves it so. all_netns=1 is the old
# way. Nobody but root can load the module through the family's name. The
# family runs its requests in parallel: a long rebuild in one netns does
# not hold the controller (genl_mutex) for every other netns.
. "$(dirname "$0")/lib.sh"

CTL=$SG_REPO/tools/sipguardctl/sipguardctl
NLF="python3 $SG_REPO/tests/vm/nlfuzz.py"
W=/tmp/t-netns
mkdir -p $W

netns_add client box other
link client 192.0.2.1/24 2001:db8::1/64 box 192.0.2.2/24 2001:db8::2/64
bg n box $SGNET registrar 5060 $W/reg.log
wait_listen box udp 5060
printf 'OPTIONS sip:100@192.0.2.2 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-x\r\nFrom: "sipvicious"<sip:100@1.1.1.1>;tag=1\r\nTo: <sip:100@192.0.2.2>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n' > $W/scan.sip
arrived() { lines $W/reg.log; }
arrived_ge() { [ "$(arrived)" -ge "$1" ]; }
# scan: one scanner probe from the client; prints how many arrived in all
# (once it arrived or the box's hook dropped it, 30 s at most: a loaded
# guest's registrar can log it seconds later)
_scanned() {
	local d
	d=$(sgstat box drop_scanner 2> /dev/null)
	[ "$(arrived)" -gt "$1" ] || [ "${d:-0}" -gt "$2" ]
}
scan() {
	local a d
	a=$(arrived)
	d=$(sgstat box drop_scanner 2> /dev/null)
	n client $SGNET udp-send 192.0.2.2 5060 --payload $W/scan.sip
	wait_for 30 _scanned "$a" "${d:-0}"
	sleep 0.2
	arrived
}
box() { n box $CTL "$@"; }

# ---- the default: the initial netns only ---------------------------------
# (the harness's modprobe.d says all_netns=1; the command line overrides it)
modprobe sipguard all_netns=0
check_eq "all_netns is off" "$(cat /sys/module/sipguard/parameters/all_netns)" N
check "the initial netns has /proc/net/sipguard" test -r /proc/net/sipguard/stats
check "a netns that existed at load has none" n box test ! -e /proc/net/sipguard
netns_add later
check "nor does one made after the load" n later test ! -e /proc/net/sipguard
check_eq "a scanner reaches the server in a netns not enabled" "$(scan)" 1

box status > $W/status 2>&1; rc=$?
check "status there: exit 0" test $rc -eq 0
check "... saying it is not enabled, and how to" \
	grep -q "not enabled in this network namespace (sipguardctl config set enabled on)" $W/status
check_eq "config show there: enabled off, with the defaults" \
	"$(box config | grep -E '^(enabled|mode|ports) ' | paste -sd' ')" "enabled off mode enforce ports 5060-5061"
box allow add 192.0.2.1 2> $W/err; rc=$?
check "allow add there: refused, exit 1" test $rc -eq 1
check "... with the kernel's reason" grep -q "sipguard is not enabled in this network namespace" $W/err
box ban show 2> $W/err; rc=$?
check "a dump there (ban show): refused with the same reason" \
	bash -c "[ $rc -eq 1 ] && grep -q 'sipguard is not enabled in this network namespace' $W/err"
box config set mode monitor 2> $W/err; rc=$?
check "config set without 'enabled' there: refused" test $rc -ne 0
check "... with the reason" grep -q "not enabled in this network namespace" $W/err
check "... and still no state" n box test ! -e /proc/net/sipguard

# a request that makes the state but is refused leaves none
box config set enabled on ipv6-prefix 48 ipv6-aggregate 56 2> $W/err; rc=$?
check "enabled on with a bad key: refused" test $rc -ne 0
check "... for that key" grep -q "ipv6-aggregate must be 0 or shorter than ipv6-prefix" $W/err
check "... and the netns still has no state" n box test ! -e /proc/net/sipguard
check_eq "... and a scanner still reaches the server" "$(scan)" 2

# a batch that fails in a netns never enabled: its undo leaves nothing on
printf 'config set enabled on\nallow add 10.0.0.0/8\nban add 10.0.0.1 for 60\n' > $W/failing.batch
box -b $W/failing.batch 2> $W/err; rc=$?
check "a batch enabling it, refused by the kernel at line 3: exit 1" \
	bash -c "[ $rc -eq 1 ] && grep -q 'failing.batch:3: refused' $W/err"
check "... and after its undo the netns does not inspect" bash -c "ip netns exec box $CTL status | grep -q 'not enabled'"
check_eq "... nor keeps the batch's allow line" "$(box allow show)" ""
check_eq "... and a scanner reaches the server" "$(scan)" 3

# ---- enabled by its own admin ---------------------------------------------
box config set enabled on
check "config set enabled on: accepted" test $? -eq 0
check "the netns now has /proc/net/sipguard" n box test -r /proc/net/sipguard/stats
check_eq "a scanner is dropped there now" "$(scan)" 3
check_eq "... counted in that netns" "$(sgstat box drop_scanner)" 1
check "status: loaded, mode enforce" bash -c "ip netns exec box $CTL status | grep -q '^sipguard: loaded, mode enforce'"
check_eq "config show: enabled on" "$(box config | grep '^enabled ')" "enabled on"
check "the other netns is untouched" n other test ! -e /proc/net/sipguard
box allow add 198.51.100.0/24 comment kept
box save > $W/saved
check_eq "save ends with enabled on, once the policy is in" "$(tail -n 1 $W/saved)" "config set enabled on"

box config set enabled off
check_eq "enabled off: a scanner reaches the server again" "$(scan)" 4
check_eq "... and the policy stays" "$(box allow show)" '198.51.100.0/24 comment kept'
check "status says it is off" bash -c "ip netns exec box $CTL status | grep -q 'not enabled'"
box config set enabled on
check_eq "on again: dropped again" "$(scan)" 4

# a TCP connection followed, then off while it goes on, then on again:
# followed afresh, not dropped as out of order for ever
bg n box $SGNET tcp-serve 5060 $W/tcp.log
wait_listen box tcp 5060
mkfifo $W/tcp.in
bg bash -c "ip netns exec client $SGNET tcp-client 192.0.2.2 5060 < $W/tcp.in"
exec 3> $W/tcp.in
n client $SGNET options 192.0.2.2 --transport tcp > $W/opt-tcp.sip
cat $W/opt-tcp.sip >&3
wait_lines 60 $W/tcp.log 1
box config set enabled off
cat $W/opt-tcp.sip >&3
wait_lines 60 $W/tcp.log 2
box config set enabled on
cat $W/opt-tcp.sip >&3
wait_lines 60 $W/tcp.log 3
check_eq "TCP: a message on, one off, one on again: all three arrive" "$(lines $W/tcp.log)" 3
exec 3>&-

# a save restores into a netns never enabled, enabling it
n other $CTL -b $W/saved
check "a save restored in a netns never enabled: accepted" test $? -eq 0
check_eq "... which now has that policy" "$(n other $CTL save)" "$(cat $W/saved)"

# ---- the state is charged to the memory cgroup of the admin who enabled it --
mount -t cgroup2 none /sys/fs/cgroup 2>/dev/null
echo +memory > /sys/fs/cgroup/cgroup.subtree_control
mkdir -p /sys/fs/cgroup/sgn
netns_add ctr
before=$(cat /sys/fs/cgroup/sgn/memory.current)
bash -c "echo \$\$ > /sys/fs/cgroup/sgn/cgroup.procs; exec ip netns exec ctr $CTL config set enabled on"
check "a container's admin enables its netns" n ctr test -r /proc/net/sipguard/stats
after=$(cat /sys/fs/cgroup/sgn/memory.current)
echo "# the enabling admin's cgroup: $((before / 1024)) kB -> $((after / 1024)) kB"
check_ge "... charged to that admin's memory cgroup (the tables' heads alone: 576 kB)" \
	"$(((after - before) / 1024))" 400
# what the admin adds is charged to the admin too: 20 000 prefixes (their
# entries and the compiled set), then 480 patterns of 128 bytes (the matcher)
python3 -c 'import random; r = random.Random(5)
for i in range(20000): print("allow add 10.%d.%d.%d" % (i >> 16, (i >> 8) & 255, i & 255))' > $W/prefixes.batch
python3 -c 'import random; r = random.Random(6)
for i in range(480): print("pattern add " + "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(128)))' > $W/patterns.batch
charged() {	# charged CMD...: what running CMD in the cgroup adds to it, kB
	local b a
	b=$(cat /sys/fs/cgroup/sgn/memory.current)
	bash -c 'echo $$ > /sys/fs/cgroup/sgn/cgroup.procs; exec "$@"' _ "$@" > /dev/null
	a=$(cat /sys/fs/cgroup/sgn/memory.current)
	echo $(((a - b) / 1024))
}
kb=$(charged ip netns exec ctr $CTL -b $W/prefixes.batch)
echo "# 20 000 prefixes: $kb kB charged to the admin's cgroup"
check_ge "20 000 prefixes: charged to the admin's cgroup (entries of 64 bytes and more: 1 250 kB)" "$kb" 1000
kb=$(charged ip netns exec ctr $CTL -b $W/patterns.batch)
echo "# 480 patterns of 128 bytes: $kb kB charged"
check_ge "480 patterns of 128 bytes: the matcher charged too (61 000 states: several MB)" "$kb" 2000

# ---- parallel requests: a rebuild in one netns, lookups in another --------
# Each add rebuilds a 60 KiB matcher (the longest request there is). With
# genl_mutex held for it, no controller lookup could finish inside it.
# A round proves something only if lookups ran while a rebuild did: a
# loaded guest can leave the lookups' process without a CPU all through
# the rebuilds. Blocked lookups show as ones that started in a rebuild's
# middle half and ended after the rebuild; a round where none started
# there is tried again (3 rounds at most).
rebuild_round() {
	box pattern flush
	bg n box $NLF --busy 20 > $W/busy.log 2>&1
	busy_pid=${_sg_pids[-1]}
	sleep 1
	n other $NLF --lookups 15 > $W/lk.log 2>&1
	wait "$busy_pid"
	read -r nops longest inside started <<< "$(python3 - $W/busy.log $W/lk.log <<'EOF'
import sys
ops = [tuple(map(float, l.split()[1:])) for l in open(sys.argv[1]) if l.startswith("op ")]
lks = [tuple(map(float, l.split()[1:])) for l in open(sys.argv[2]) if l.startswith("lk ")]
# the middle half of each rebuild: genl_mutex, if taken, is surely held then
mid = [(s + (e - s) / 4, e - (e - s) / 4) for s, e in ops]
inside = sum(1 for a, b in lks for s, e in mid if s < a and b < e)
started = sum(1 for a, b in lks for s, e in mid if s < a < e)
print(len(ops), "%.3f" % max((e - s for s, e in ops), default=0), inside, started)
EOF
)"
	echo "# $nops rebuilds of 60 KiB, the longest ${longest} s; $(grep -c '^lk' $W/lk.log) lookups, $started of them started inside the middle half of a rebuild, $inside finished there too"
}
for round in 1 2 3; do
	rebuild_round
	[ "${nops:-0}" -ge 3 ] && [ "${started:-0}" -eq 0 ] || break
	echo "# round $round: no lookup ran during a rebuild, nothing shown; again"
done
check "the rebuilds ran (at least 3)" test "${nops:-0}" -ge 3
[ "${nops:-0}" -ge 3 ] || sed -n '/^op /!s/^/# /p' $W/busy.log | head -n 5
check "lookups in another netns started and finished inside a rebuild (at least 3)" test "${inside:-0}" -ge 3
box pattern flush

# ---- all_netns=1: every netns from its creation ------------------------------
modprobe -r sipguard
modprobe sipguard all_netns=1
check "all_netns=1: a netns that existed has /proc/net/sipguard" n box test -r /proc/net/sipguard/stats
netns_add newer
check "... and one made after it" n newer test -r /proc/net/sipguard/stats
check_eq "... and a scanner is dropped at once" "$(scan)" 4
modprobe -r sipguard

# ---- no autoload: a user's lookup of the family loads nothing ----------------
check "the module is not loaded" bash -c "! grep -q '^sipguard ' /proc/modules"
setpriv --reuid=65534 --regid=65534 --clear-groups $CTL status > $W/nobody 2>&1; rc=$?
check "sipguardctl status as nobody: exit 1" test $rc -eq 1
check "... 'not loaded'" grep -q "module is not loaded" $W/nobody
setpriv --reuid=65534 --regid=65534 --clear-groups python3 -c '
import socket, struct
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16); s.bind((0, 0))
name = b"sipguard\0"; a = struct.pack("=HH", 4 + len(name), 2) + name + b"\0" * ((4 - len(name) % 4) % 4)
p = struct.pack("=BBH", 3, 1, 0) + a
s.send(struct.pack("=IHHII", 16 + len(p), 0x10, 5, 1, 0) + p); s.recv(4096)' 2>/dev/null
check "a raw family lookup as nobody: the module stays unloaded" \
	bash -c "! grep -q '^sipguard ' /proc/modules"
check "modinfo: no family alias to load it by" bash -c "! modinfo sipguard | grep -q 'alias:.*family-sipguard'"
n client $SGNET udp-send 192.0.2.2 5060 --payload $W/scan.sip
wait_for 30 arrived_ge 5	# not dropped: the module is gone
sleep 0.5
check_eq "... and nothing is dropped" "$(arrived)" 5

done_testing
