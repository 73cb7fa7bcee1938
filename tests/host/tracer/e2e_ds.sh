#!/bin/sh
# e2e_ds.sh: the canned query ds_activity on a real boot.  The image is
# rs pm ds seqd ds_test:trace with trace=user,proc: DS writes one MARK per
# request (servers/ds/trace.c), PROC events label the endpoints.  ds_test
# publishes trace.key, retrieves it, subscribes to trace\..*, publishes
# trace.two and checks it (DS_CHECK answers trace.two), and asks for a key that does not exist; seqd
# publishes its counter seqd.next at its start.  The query must name each
# of those by caller, request and key, and the failed retrieve with ESRCH.
. tests/host/results.sh
T=${1:-build/tracer/lantern-trace}; B=${B:-build}; K=$B/kernel/lantern.elf
P=$B/prog
r_plan tracer 7
INITRD="$P/rs.elf rs,$P/pm.elf pm,$P/ds.elf ds,$P/seqd.elf seqd,$P/ds_test.elf ds_test trace"
D=$(mktemp -d)
R_CLEANUP='[ $R_FAILED -eq 0 ] || { sed "s/^/#   boot: /" $D/boot.log | tail -8; sed "s/^/#   query: /" $D/q.csv | head -20; }; rm -rf $D'
timeout 60 qemu-system-i386 -machine pc -accel tcg -m 128 -no-reboot \
    -display none -serial null -debugcon file:$D/e9 \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -kernel $K -initrd "$INITRD" -append "trace=user,proc tracestream=1" > $D/boot.log 2>&1
$T ingest -q -o $D/t.db $D/e9 >> $D/boot.log 2>&1
$T query --csv $D/t.db ds_activity > $D/q.csv 2>> $D/boot.log
row() { # name pattern: one CSV row of the query matches the extended regex
  if grep -Eq "$2" $D/q.csv; then r_ok "ds_activity_$1"
  else r_not_ok "ds_activity_$1" "no row matching /$2/"; fi; }
row publish ',ds_test,DS_PUBLISH,trace\.key,1,0,'
row retrieve ',ds_test,DS_RETRIEVE,trace\.key,1,0,'
row subscribe ',ds_test,DS_SUBSCRIBE,trace\\\.\.\*,1,0,'
row check ',ds_test,DS_CHECK,trace\.two,1,0,'
row failed ',ds_test,DS_RETRIEVE,trace\.none,1,1,ESRCH'
row service ',seqd,DS_PUBLISH,seqd\.next,'
n=$(grep -c DS_ $D/q.csv)
if [ "${n:-0}" -ge 6 ]; then r_ok ds_activity_rows; else r_not_ok ds_activity_rows "$n rows"; fi
