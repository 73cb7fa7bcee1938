#!/bin/sh
# e2e.sh: record a real boot of a scripted scenario with every trace
# category on and check the database through SQL.  The scenario is the ipc
# suite's image (ipc_test ipc_peer fault_test): IPC of every kind, spawns,
# exits and faults.  Event ids are those of os/include/lantern/trace_events.h.
# The guest's RAM is a shared file; after the guest powers off, the whole
# ring is read back from it (the post-mortem path) and, separately, from the
# port-0xE9 stream the kernel sent, with the same decoder.
T=${1:-build/tracer/lantern-trace}; B=${B:-build}; K=$B/kernel/lantern.elf
P=$B/prog
INITRD="$P/rs.elf rs,$P/pm.elf pm,$P/ipc_test.elf ipc_test,$P/ipc_peer.elf ipc_peer,$P/fault_test.elf fault_test"
D=$(mktemp -d); fail=0
timeout 60 qemu-system-i386 -machine pc,memory-backend=ram -accel tcg -m 128 -no-reboot \
    -object memory-backend-file,id=ram,size=128M,mem-path=$D/ram,share=on \
    -display none -serial null -debugcon file:$D/e9 \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -kernel $K -initrd "$INITRD" -append "trace=all tracestream=1" > $D/record.log 2>&1
$T ingest -q -o $D/t.db $D/ram >> $D/record.log 2>&1
$T ingest -q -o $D/s.db $D/e9 >> $D/record.log 2>&1
chk() { # name want-min sql
  v=$(sqlite3 $D/t.db "$3" 2>&1)
  if [ "${v:-0}" -ge "$2" ] 2>/dev/null; then echo "ok - tracer/e2e_$1"
  else echo "not ok - tracer/e2e_$1: got '$v', want >= $2"; fail=1; fi; }
chk events 500 "SELECT count(*) FROM event"
chk ipc_kinds 8 "SELECT count(DISTINCT type) FROM event WHERE type BETWEEN 1 AND 8"
chk calls 2 "SELECT count(*) FROM ipc_call WHERE ev_reply IS NOT NULL AND latency > 0"
chk flows 2 "SELECT count(*) FROM flow WHERE kind='reply>done'"
chk labels 3 "SELECT count(DISTINCT label) FROM endpoint WHERE label IN ('ipc_test','ipc_peer','fault_test')"
chk faults 6 "SELECT count(*) FROM event WHERE type=66"
chk kcalls 10 "SELECT count(*) FROM event WHERE type=16"
chk stream_same 1 "ATTACH '$D/s.db' AS s; SELECT (SELECT count(*) FROM event) = (SELECT count(*) FROM s.event)"
chk integrity 1 "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check='ok'"
[ $fail -eq 0 ] || sed 's/^/#   record: /' $D/record.log | tail -5
rm -rf $D; exit $fail
