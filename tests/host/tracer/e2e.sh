#!/bin/sh
# e2e.sh: record a real boot of a scripted scenario with every trace
# category on and check the database through SQL.  The scenario is the ipc
# suite's image (rs pm ipc_test ipc_peer fault_test: IPC of every kind, spawns,
# exits and faults) plus crashd and restart_demo (one RS restart).  Event ids are those of os/include/lantern/trace_events.h.
# The guest's RAM is a shared file; after the guest powers off, the whole
# ring is read back from it (the post-mortem path) and, separately, from the
# port-0xE9 stream the kernel sent, with the same decoder.
# Then `record` (live ingest while the guest runs, ~0.5 s) must get exactly
# what post-mortem ingest gets from the same run's RAM file and stream, and
# `record --bochs` must get a complete trace from the 0xE9 stream.
# Bochs and grub-mkrescue are dependencies (image/deps.sh): without them the
# Bochs checks fail, they are not skipped.  A plan (tests/host/results.sh)
# catches a script that stops early.
. tests/host/results.sh
T=${1:-build/tracer/lantern-trace}; B=${B:-build}; K=$B/kernel/lantern.elf
P=$B/prog
r_plan tracer 23
INITRD="$P/rs.elf rs,$P/pm.elf pm,$P/crashd.elf crashd,$P/restart_demo.elf restart_demo,$P/ipc_test.elf ipc_test,$P/ipc_peer.elf ipc_peer,$P/fault_test.elf fault_test"
D=$(mktemp -d)
R_CLEANUP='[ $R_FAILED -eq 0 ] || sed "s/^/#   record: /" $D/record.log | tail -8; rm -rf $D'
timeout 60 qemu-system-i386 -machine pc,memory-backend=ram -accel tcg -m 128 -no-reboot \
    -object memory-backend-file,id=ram,size=128M,mem-path=$D/ram,share=on \
    -display none -serial null -debugcon file:$D/e9 \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -kernel $K -initrd "$INITRD" -append "trace=all tracestream=1" > $D/record.log 2>&1
$T ingest -q -o $D/t.db $D/ram >> $D/record.log 2>&1
$T ingest -q -o $D/s.db $D/e9 >> $D/record.log 2>&1
chk() { # name want-min sql [db]
  v=$(sqlite3 ${4:-$D/t.db} "$3" 2>&1)
  if [ "${v:-0}" -ge "$2" ] 2>/dev/null; then r_ok "e2e_$1"
  else r_not_ok "e2e_$1" "got '$v', want >= $2"; fi; }
chk events 500 "SELECT count(*) FROM event"
chk ipc_kinds 8 "SELECT count(DISTINCT type) FROM event WHERE type BETWEEN 1 AND 8"
chk calls 2 "SELECT count(*) FROM ipc_call WHERE ev_reply IS NOT NULL AND latency > 0"
chk flows 2 "SELECT count(*) FROM flow WHERE kind='reply>done'"
chk labels 3 "SELECT count(DISTINCT label) FROM endpoint WHERE label IN ('ipc_test','ipc_peer','fault_test')"
chk faults 7 "SELECT count(*) FROM event WHERE type=66"
# restart_demo crashes crashd once: RS restarts it (PROC_RESTART = 67, with
# the label) and the restarted crashd answers before the MARK "restarted".
chk rs_restart 1 "SELECT count(*) FROM event WHERE type=67 AND text='crashd' AND ep <> peer"
chk rs_restart_then_mark 1 "SELECT (SELECT min(id) FROM event WHERE type=67) < (SELECT min(id) FROM event WHERE type=96 AND text='restarted')"
chk kcalls 10 "SELECT count(*) FROM event WHERE type=16"
# format v2: switches, blocks, wake-ups and deliveries folded into IPC
# records come back as implied rows (flags 256) and feed the derived tables
chk folded_switch 20 "SELECT count(*) FROM event WHERE flags & 128 AND flags < 256"
chk implied_rows 50 "SELECT count(*) FROM event WHERE flags = 256 AND type IN (2, 48, 49, 50)"
chk block_spans 20 "SELECT count(*) FROM block_span WHERE t_unblock IS NOT NULL AND t_unblock >= t_block"
# REPLY_RECV (PM, crashd, the ipc suite): IPC_REPLY records (4) with
# src_receives (0x10), each followed by the server's implied SCHED_BLOCK (49)
# in RECEIVE (op 2)
chk reply_recv_folded 5 "SELECT count(*) FROM event r JOIN event b ON b.id = r.id + 3 WHERE r.type=4 AND r.flags & 16 AND r.flags < 256 AND b.type=49 AND b.flags = 256 AND b.ep = r.ep"
chk stream_same 1 "ATTACH '$D/s.db' AS s; SELECT (SELECT count(*) FROM event) >= 500 AND (SELECT count(*) FROM event) = (SELECT count(*) FROM s.event)"
chk integrity 1 "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check='ok'"

# live record of the same scenario; the same run's RAM file and stream are
# kept and ingested post-mortem.  Same events (count, ids, timestamps).
$T record -o $D/r.db --kernel $K --initrd "$INITRD" --append "trace=all tracestream=1" \
    --ram $D/rram --stream $D/re9 >> $D/record.log 2>&1
$T ingest -q -o $D/rp.db $D/rram >> $D/record.log 2>&1
$T ingest -q -o $D/rs.db $D/re9 >> $D/record.log 2>&1
SIG="SELECT count(*) || ':' || coalesce(sum(id), 0) || ':' || coalesce(sum(ts % 1000003), 0) FROM"
# "the same" also needs something to compare: two empty traces are equal
SAME="(SELECT count(*) FROM main.event) >= 500 AND"
chk record_events 500 "SELECT count(*) FROM event" $D/r.db
chk record_same_ram 1 "ATTACH '$D/rp.db' AS p; SELECT $SAME ($SIG main.event) = ($SIG p.event)" $D/r.db
chk record_same_stream 1 "ATTACH '$D/rs.db' AS p; SELECT $SAME ($SIG main.event) = ($SIG p.event)" $D/r.db
chk record_calls 2 "SELECT count(*) FROM ipc_call WHERE ev_reply IS NOT NULL" $D/r.db

# record --bochs: Bochs sends port 0xE9 to its stdout, record makes that the
# stream file and follows it.
if command -v bochs >/dev/null && command -v grub-mkrescue >/dev/null; then
  sh image/mkiso.sh $D/b.iso $K "trace=all tracestream=1 traceclock=bochs" \
      $P/rs.elf $P/pm.elf $P/ipc_test.elf $P/ipc_peer.elf $P/fault_test.elf >> $D/record.log 2>&1
  awk -v iso=$D/b.iso -v d=$D '{ gsub(/@ISO@/, iso); gsub(/@COM1@/, d "/com1");
      gsub(/@COM2@/, d "/com2"); gsub(/@LOG@/, d "/bochs.log"); print }' \
      image/bochsrc.in > $D/bochsrc
  $T record --bochs -o $D/b.db --stream $D/b.e9 --timeout 120 \
      --emu-cmd "bochs -q -f $D/bochsrc -rc image/bochs.rc" < /dev/null >> $D/record.log 2>&1
  $T ingest -q -o $D/bp.db $D/b.e9 >> $D/record.log 2>&1
  chk bochs_events 500 "SELECT count(*) FROM event" $D/b.db
  chk bochs_clock 1 "SELECT count(*) FROM run WHERE clock_name = 'bochs-ticks'" $D/b.db
  chk bochs_calls 2 "SELECT count(*) FROM ipc_call WHERE ev_reply IS NOT NULL" $D/b.db
  chk bochs_same_stream 1 "ATTACH '$D/bp.db' AS p; SELECT $SAME ($SIG main.event) = ($SIG p.event)" $D/b.db
else
  for c in events clock calls same_stream; do
    r_not_ok "e2e_bochs_$c" "no bochs or grub-mkrescue (make deps)"
  done
fi
