#!/bin/sh
# ui_test.sh: drive `lantern-trace ui` in a detached tmux session, check the
# screen with capture-pane.  One "ok - tracer-ui/<name>" line per check.
T=${1:-build/tracer/lantern-trace}
D=$(mktemp -d); S=lt-ui-$$; fail=0
if ! command -v tmux >/dev/null; then echo "ok - tracer-ui/all # SKIP no tmux"; exit 0; fi
$T gen --stream $D/s.bin -n 20000 --panic >/dev/null 2>&1 && $T ingest -q -o $D/t.db $D/s.bin 2>/dev/null
tmux new-session -d -s $S -x 120 -y 30 "$T ui $D/t.db"
keys() { tmux send-keys -t $S "$@"; sleep 0.4; }
check() { # name pattern
  if tmux capture-pane -p -t $S | grep -q -- "$2"; then echo "ok - tracer-ui/$1"
  else echo "not ok - tracer-ui/$1: screen lacks '$2'"; fail=1; fi; }
sleep 0.5
check first_page "PROC_START"
check status_bar "clock tsc"
keys G;            check end_panic "PANIC"
keys g / EPERM Enter; check search_eperm "EPERM"
keys Enter;        check detail_pane "detail"
keys o;            check same_call "flow #"
keys / IPC_SENDREC Enter; check flag_names "flags: delivered src_blocked dst_woke switch"
keys j;            check implied "implied by IPC_SENDREC"
keys 2;            check calls_view "calls timeline"
keys q 3;          check endpoints_view "vfs"
keys q 4;          check grants_view "grant lifetimes"
keys q f 'errno:EPERM' Enter; check filter "filter: errno:EPERM"
keys ':' 'SELECT count(*) AS n FROM event' Enter; check sql_prompt "SQL result"
keys q '?';        check help "follow mode"
keys x;            tmux resize-window -t $S -x 90 -y 20 2>/dev/null; sleep 0.3; check resize "PROC_START\|ts"
keys q; sleep 0.3
tmux kill-session -t $S 2>/dev/null
rm -rf $D
exit $fail
