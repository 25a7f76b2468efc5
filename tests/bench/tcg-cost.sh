#!/bin/bash
# make bench-tcg: what one message costs sipguard's parser (and the ten
# Boyer-Moore scans of the iptables recipe) under QEMU's TCG, the emulator
# `make bench` runs its guest on. Not a test.
#
# callgrind counts the instructions the parser executes (`make
# bench-parse`); under TCG a byte loop costs more than its instructions
# say: every conditional branch ends a translated block, every return and
# every jump to another page is a hash lookup (helper_lookup_tb_ptr), every
# iteration of `rep stos` is a block of its own. Here the parser is built
# with the codegen flags of Debian's kernel build (no SSE, retpolines,
# -fno-jump-tables, the stack zeroed and guarded; returns plain, as the
# guest's alternatives patch them on QEMU's CPU model), run under
# qemu-user (qemu-x86_64, the same TCG) inside callgrind, and the host
# instructions QEMU spends per message taken as the difference between
# two runs of N1 and N2 messages (startup and translation cancel out).
# Deterministic: one number per message and method, the same every run.
#
# Needs qemu-user (not installed by make check: apt-get install qemu-user).
# Environment: TCG_FILES (default: make bench's INVITE, bench-invite.sip,
# and three corpus messages), TCG_N1/TCG_N2 (default 1000/3000).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
corpus=${SG_CORPUS:-$(cd "$repo/.." && pwd)/shared/sip-corpus}
out=$repo/build/bench-tcg
n1=${TCG_N1:-1000}
n2=${TCG_N2:-3000}

command -v qemu-x86_64 > /dev/null ||
	{ echo "bench-tcg: qemu-x86_64 missing: apt-get install qemu-user" >&2; exit 2; }
command -v valgrind > /dev/null ||
	{ echo "bench-tcg: valgrind missing: apt-get install valgrind" >&2; exit 2; }

rm -rf "$out"
mkdir -p "$out"
# the guest's return and indirect-branch thunks: a plain return, and the
# retpoline Debian's kernel patches in under "Spectre V2: Retpolines"
{
	printf '\t.text\n\t.globl __x86_return_thunk\n__x86_return_thunk:\n\tret\n\tint3\n'
	for r in rax rbx rcx rdx rsi rdi rbp r8 r9 r10 r11 r12 r13 r14 r15; do
		printf '\t.globl __x86_indirect_thunk_%s\n__x86_indirect_thunk_%s:\n' $r $r
		printf '\tcall 1f\n2:\tpause\n\tlfence\n\tjmp 2b\n1:\tmov %%%s, (%%rsp)\n\tret\n' $r
	done
	printf '\t.section .note.GNU-stack,"",@progbits\n'
} > "$out/thunks.S"
kflags=(-std=gnu11 -O2 -fno-strict-aliasing -fno-common -fno-delete-null-pointer-checks
	-fno-strict-overflow -fconserve-stack -fno-jump-tables -fcf-protection=none
	-falign-jumps=1 -falign-loops=1 -fno-asynchronous-unwind-tables
	-mno-sse -mno-mmx -mno-sse2 -mno-3dnow -mno-avx -mno-80387 -mno-fp-ret-in-387
	-mno-red-zone -mtune=generic -mharden-sls=all
	-mindirect-branch=thunk-extern -mindirect-branch-register -mfunction-return=keep
	-fstack-protector-strong -ftrivial-auto-var-init=zero)
core=(sip stream inject acmatch answer)
for c in "${core[@]}"; do
	gcc "${kflags[@]}" -I"$repo/kmod" -I"$repo/uapi" -c -o "$out/$c.o" "$repo/kmod/$c.c"
done
gcc -std=gnu11 -O2 -I"$repo/kmod" -I"$repo/uapi" -c -o "$out/bench_parse.o" "$here/bench_parse.c"
gcc -o "$out/bench_parse" "$out"/*.o "$out/thunks.S" -losipparser2

if [ -n "${TCG_FILES:-}" ]; then
	read -r -a files <<< "$TCG_FILES"
else
	files=("$here/bench-invite.sip" "$corpus"/valid/cloudshark_xlite_f1_INVITE.sip
	       "$corpus"/valid/huawei_register_f11_REGISTER.sip "$corpus"/valid/freeswitch_call_f4_200.sip)
fi

# host instructions of one qemu-user run of N messages
host() {
	valgrind --tool=callgrind --smc-check=all --callgrind-out-file=/dev/null \
		qemu-x86_64 "$out/bench_parse" loop "$1" "$2" "$3" 2>&1 | sed -n 's/.*Collected : //p'
}
# instructions of one native run of N messages (the same binary)
guest() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$out/bench_parse" loop "$1" "$2" "$3" 2>&1 | sed -n 's/.*Collected : //p'
}
printf '%-44s %8s %12s %12s %10s\n' "message (bytes)" method "instr/msg" "TCG host/msg" "host/instr"
for f in "${files[@]}"; do
	for m in 0 1; do
		a=$(host $m "$n1" "$f")
		b=$(host $m "$n2" "$f")
		g1=$(guest $m "$n1" "$f")
		g2=$(guest $m "$n2" "$f")
		h=$(((b - a) / (n2 - n1)))
		g=$(((g2 - g1) / (n2 - n1)))
		printf '%-44s %8s %12d %12d %10.1f\n' "$(basename "$f") ($(stat -c %s "$f"))" \
			"$([ $m = 0 ] && echo sipguard || echo bm10)" "$g" "$h" "$(echo "$h / $g" | bc -l)"
	done
done
