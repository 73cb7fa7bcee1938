#!/bin/sh
# grant_e2e.sh: record a real boot of the grant run (rs pm init grant_test
# grant_peer grant_magic) with every trace category on, ingest the port-0xE9
# stream, and check the tracer's grant views in the database: a grant's
# whole life (GRANT_CREATE, copies, GRANT_REVOKE, in that order, in
# grant_life), failed copies with their errno (failed_safecopies: EPERM
# after a revoke, EFAULT, ELOOP), the UI's grants view (its SQL, and the
# screen in tmux, polled with a deadline) and GRANT_SET.
# Without the harness nonce the tests run the same but report nothing; the
# last one powers the machine off.  A plan catches a script that stops
# early (tests/host/results.sh).
. tests/host/results.sh
T=${1:-build/tracer/lantern-trace}; B=${B:-build}; K=$B/kernel/lantern.elf
P=$B/prog
r_plan grant-trace 11
if [ ! -x "$T" ] || ! command -v sqlite3 >/dev/null; then
  r_not_ok setup "no $T or no sqlite3 (make deps; make)"; exit 1
fi
INITRD="$P/rs.elf rs,$P/pm.elf pm,$P/init.elf init,$P/grant_test.elf grant_test,$P/grant_peer.elf grant_peer,$P/grant_magic.elf grant_magic"
D=$(mktemp -d)
R_CLEANUP='[ $R_FAILED -eq 0 ] || sed "s/^/#   record: /" $D/record.log | tail -8; rm -rf $D'
timeout 60 qemu-system-i386 -machine pc -accel tcg -m 128 -no-reboot \
    -display none -serial file:$D/com1 -debugcon file:$D/e9 \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -kernel $K -initrd "$INITRD" -append "trace=all tracestream=1 tracesize=4096" \
    > $D/record.log 2>&1
if $T ingest -q -o $D/t.db $D/e9 >> $D/record.log 2>&1; then r_ok setup
else r_not_ok setup "ingest of the 0xE9 stream failed"; fi
chk() { # name want-min sql
  v=$(sqlite3 $D/t.db "$3" 2>&1)
  if [ "${v:-0}" -ge "$2" ] 2>/dev/null; then r_ok "$1"
  else r_not_ok "$1" "got '$v', want >= $2"; fi; }
# GRANT_SET = 32, GRANT_CREATE 33, GRANT_REVOKE 34, SAFECOPY_FROM 35, _TO 36,
# VSAFECOPY_EL 37 (os/include/lantern/trace_events.h)
chk grant_set 2 "SELECT count(DISTINCT ep) FROM event WHERE type = 32 AND status = 0"
# a whole life: created (first use), copied from, revoked, in that order
chk whole_life 1 "SELECT count(*) FROM grant_life WHERE ev_create IS NOT NULL
  AND ev_revoke IS NOT NULL AND ev_create < ev_revoke AND n_ops >= 1 AND bytes_copied > 0"
# the use after the revoke: a failed copy with EPERM, linked revoke>use
chk revoked_then_eperm 1 "SELECT count(*) FROM event e JOIN flow f ON f.ev_to = e.id
  WHERE e.type = 35 AND e.status = -1 AND f.kind = 'revoke>use'"
q() { $T query --csv $D/t.db "$@" 2>>$D/record.log; }
q failed_safecopies > $D/failed.csv
for err in EPERM EFAULT ELOOP; do
  if grep -q ",$err," $D/failed.csv; then r_ok "failed_safecopies_$err"
  else r_not_ok "failed_safecopies_$err" "no $err row in failed_safecopies"; fi
done
q grant_lifetimes 500 > $D/lives.csv
if grep -q 'grant_peer' $D/lives.csv; then r_ok grant_lifetimes_labels
else r_not_ok grant_lifetimes_labels "no grant of grant_peer in grant_lifetimes"; fi
# the UI's grants view (tracer/ui/main.c, view 4) reads grant_view
chk ui_grant_view 3 "SELECT count(*) FROM grant_view WHERE granter = 'grant_peer' AND n_ops > 0"
# the element of a vector with neither side SELF: its own EINVAL record
chk vsafecopy_element_einval 1 "SELECT count(*) FROM event WHERE type = 37 AND status = -22"
# the UI itself: view 4 (grant lifetimes) of this database shows grant_peer
S=lt-grant-$$
if command -v tmux >/dev/null; then
  R_CLEANUP="tmux kill-session -t $S 2>/dev/null; $R_CLEANUP"
  tmux new-session -d -s $S -x 160 -y 40 "$T ui $D/t.db"
  shows() { tmux capture-pane -p -t $S > $D/screen 2>/dev/null && grep -q "$1" $D/screen; }
  r_wait shows "PROC_START\|GRANT" && tmux send-keys -t $S 4
  if r_wait shows "grant lifetimes" && r_wait shows "grant_peer"; then r_ok ui_grants_screen
  else r_not_ok ui_grants_screen "view 4 lacks grant_peer after 10 s"; sed 's/^/#   | /' $D/screen | tail -5; fi
  tmux send-keys -t $S q q 2>/dev/null
else
  r_not_ok ui_grants_screen "tmux is not installed (make deps)"
fi
