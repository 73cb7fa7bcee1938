#!/bin/bash
# tests/harness/trace-postmortem.sh: the trace suite's host-side checks on a
# real kernel.  Boots rs pm bench_peer panic_test in QEMU with the guest RAM
# in a shared file and the trace stream on port 0xE9; panic_test leaves a
# MARK "last-words" and makes the kernel panic.  Then, with lantern-trace:
#   postmortem_ram     the ring read back from the RAM file ends with that
#                      MARK, the kernel call and the PANIC record
#   postmortem_stream  the port stream (drained in the panic path) has the
#                      same records
#   torn_record        one record of the RAM file with a wrong sequence
#                      number is reported (diag) and skipped, the rest kept
# Prints ok / not ok lines, three of them (a plan, tests/host/results.sh,
# catches a script that stops early).  Needs build/tracer/lantern-trace and
# sqlite3; `make test` builds the one and checks for the other (make deps),
# so a missing one is a failure, not a skip.
set -u
: "${B:=build}"
. tests/host/results.sh
T=$B/tracer/lantern-trace; K=$B/kernel/lantern.elf; P=$B/prog
D=$(mktemp -d)
r_plan trace 3
R_CLEANUP='rm -rf "$D"'

if [ ! -x "$T" ] || ! command -v sqlite3 >/dev/null; then
    for c in postmortem_ram postmortem_stream torn_record; do
        r_not_ok $c "no $T or no sqlite3"
    done
    exit
fi
INITRD="$P/rs.elf rs,$P/pm.elf pm,$P/bench_peer.elf bench_peer,$P/panic_test.elf panic_test"
timeout 60 qemu-system-i386 -machine pc,memory-backend=ram -accel tcg -m 64 -no-reboot \
    -object memory-backend-file,id=ram,size=64M,mem-path=$D/ram,share=on \
    -display none -serial file:$D/com1 -serial null -debugcon file:$D/e9 \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -kernel $K -initrd "$INITRD" -append "nonce=5eed trace=all tracestream=1" \
    > $D/qemu.log 2>&1

q() { sqlite3 "$1" "$2" 2>&1; }
check() { # name condition-text got want
    if [ "$3" = "$4" ]; then r_ok "$1"
    else r_not_ok "$1" "$2: got '$3', want '$4'"; fi
}
# The last records, newest first: PANIC, then the SYS_PANIC kernel call,
# then the MARK.  96 = MARK, 16 = KCALL, 113 = PANIC (trace_events.h).
# Kernel records only: flags 256 marks events implied by a record's flags
# (format v2 folded events, e.g. a switch folded into the MARK).
TAIL="SELECT group_concat(type || CASE WHEN type = 96 THEN ':' || text ELSE '' END, ' ')
      FROM (SELECT type, text FROM event WHERE flags & 256 = 0 ORDER BY id DESC LIMIT 3)"
$T ingest -q -o $D/ram.db $D/ram > $D/ingest.log 2>&1
$T ingest -q -o $D/e9.db $D/e9 >> $D/ingest.log 2>&1
check postmortem_ram "newest records in the RAM file" "$(q $D/ram.db "$TAIL")" "113 16 96:last-words"
check postmortem_stream "stream has the same records" \
    "$(q $D/e9.db "SELECT count(*) || ' ' || ($TAIL)")" "$(q $D/ram.db "SELECT count(*) || ' ' || ($TAIL)")"

# Tear record 10: its seq (offset 8 in the record) no longer matches its
# index.  The ring follows the 16 KiB control block (trace_ring.h).
# (the kernel's own copy of the magic string is not page-aligned)
ctl=$(grep -obUaP 'LNTRACE\x00' $D/ram | cut -d: -f1 | awk '$1 % 4096 == 0' | head -1)
if [ -n "$ctl" ]; then
    cp $D/ram $D/torn
    printf '\xff\xff\xff\x7f' | dd of=$D/torn bs=1 seek=$((ctl + 16384 + 10 * 64 + 8)) \
        conv=notrunc status=none
    $T ingest -q -o $D/torn.db $D/torn >> $D/ingest.log 2>&1
    REC="SELECT count(*) FROM event WHERE flags & 256 = 0"    # kernel records
    total=$(q $D/ram.db "$REC")
    check torn_record "records kept, problems reported" \
        "$(q $D/torn.db "$REC")/$(q $D/torn.db "SELECT count(*) > 0 FROM diag")" \
        "$((total - 1))/1"
else
    check torn_record "control block in the RAM file" "none" "found"
fi
if [ $R_FAILED -ne 0 ]; then
    sed 's/^/#   | /' $D/ingest.log | tail -6
    tail -5 $D/com1 | sed 's/^/#   | console: /'
fi
