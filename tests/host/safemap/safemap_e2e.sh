#!/bin/sh
# safemap_e2e.sh: record a real boot of the safemap run (rs vm pm init
# safemap_test smap_peer, cowmin=4096) with the grant and proc categories
# on (trace=all loses records: the run makes over a thousand maps), ingest
# the port-0xE9 stream, and check that the database holds the records of
# COW safecopies (COW_SHARE), COW breaks (COW_BREAK) and safemap
# (SAFEMAP, SAFEREVMAP, SAFEUNMAP, with their grant ids and results), and
# that the tracer's grant views show them: grant_life counts the maps as
# uses of the peer's grant, failed_safecopies lists failed safemap calls
# with their errno.  A plan catches a script that stops early.
. tests/host/results.sh
T=${1:-build/tracer/lantern-trace}; B=${B:-build}; K=$B/kernel/lantern.elf
P=$B/prog
r_plan safemap-trace 9
if [ ! -x "$T" ] || ! command -v sqlite3 >/dev/null; then
  r_not_ok setup "no $T or no sqlite3 (make deps; make)"; exit 1
fi
INITRD="$P/rs.elf rs,$P/vm.elf vm,$P/pm.elf pm,$P/init.elf init,$P/safemap_test.elf safemap_test,$P/smap_peer.elf smap_peer"
D=$(mktemp -d)
R_CLEANUP='[ $R_FAILED -eq 0 ] || sed "s/^/#   record: /" $D/record.log | tail -8; rm -rf $D'
timeout 120 qemu-system-i386 -machine pc -accel tcg -m 128 -no-reboot \
    -display none -serial file:$D/com1 -debugcon file:$D/e9 \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -kernel $K -initrd "$INITRD" -append "trace=grant,proc tracestream=1 tracesize=4096 cowmin=4096" \
    > $D/record.log 2>&1
if $T ingest -q -o $D/t.db $D/e9 >> $D/record.log 2>&1; then r_ok setup
else r_not_ok setup "ingest of the 0xE9 stream failed"; fi
chk() { # name want-min sql
  v=$(sqlite3 $D/t.db "$3" 2>&1)
  if [ "${v:-0}" -ge "$2" ] 2>/dev/null; then r_ok "$1"
  else r_not_ok "$1" "got '$v', want >= $2"; fi; }
# SAFEMAP = 38, SAFEREVMAP 39, SAFEUNMAP 40, COW_SHARE 41, COW_BREAK 42
# (os/include/lantern/trace_events.h); status is the call's result
chk cow_share_records 1 "SELECT count(*) FROM event WHERE type = 41 AND status = 0"
chk cow_break_records 1 "SELECT count(*) FROM event WHERE type = 42 AND status = 0"
# the six scenarios alone map at least 6 times, unmap 5, revoke 3
chk safemap_records 6 "SELECT count(*) FROM event WHERE type = 38 AND status = 0"
chk safeunmap_records 5 "SELECT count(*) FROM event WHERE type = 40 AND status = 0"
chk saferevmap_records 3 "SELECT count(*) FROM event WHERE type = 39 AND status = 0"
# a SAFEMAP record names the peer's grant, its bytes and the owner
chk safemap_fields 1 "SELECT count(*) FROM grant_event g JOIN endpoint p
  ON p.run_id = g.run_id AND p.ep = g.granter AND p.label = 'smap_peer'
  WHERE g.event = 'SAFEMAP' AND g.bytes = 16384 AND g.grant_id > 0 AND g.result = 0"
# grant_life: a grant used only by safemap (no copy through it) has its
# maps counted as uses (cpf_revoke_undoes_mappings' grant)
chk grant_life_maps 1 "SELECT count(*) FROM grant_life g WHERE g.n_ops >= 1
  AND EXISTS (SELECT 1 FROM grant_event e WHERE e.run_id = g.run_id AND e.granter = g.granter
   AND e.grant_id = g.grant_id AND e.event = 'SAFEMAP' AND e.result = 0)
  AND NOT EXISTS (SELECT 1 FROM grant_event e WHERE e.run_id = g.run_id AND e.granter = g.granter
   AND e.grant_id = g.grant_id AND e.event LIKE 'SAFECOPY%')"
q() { $T query --csv $D/t.db "$@" 2>>$D/record.log; }
q failed_safecopies > $D/failed.csv
if grep -q 'SAFEMAP.*,ENOSPC,' $D/failed.csv && grep -q 'SAFEUNMAP.*,ENOENT,' $D/failed.csv &&
   grep -q 'SAFEMAP.*,EINVAL,' $D/failed.csv && grep -q 'SAFEMAP.*,EPERM,' $D/failed.csv
then r_ok failed_safemaps_listed
else r_not_ok failed_safemaps_listed "no SAFEMAP ENOSPC/EINVAL/EPERM or SAFEUNMAP ENOENT row in failed_safecopies"; fi
