#!/bin/sh
# ui_test.sh: drive `lantern-trace ui` in a detached tmux session, check the
# screen with capture-pane.  One "ok - tracer-ui/<name>" line per check.
#
# No fixed sleeps: after sending keys, each check polls capture-pane (with a
# deadline, tests/host/results.sh r_wait) until the screen has changed from
# what it was before the keys AND shows the expected text.  "Changed" keeps a
# check from passing on text that was already on the previous screen when the
# keys had no effect.  tmux is a dependency (image/deps.sh), so its absence
# is a failure, not a skip.
. tests/host/results.sh
T=${1:-build/tracer/lantern-trace}
D=$(mktemp -d); S=lt-ui-$$
r_plan tracer-ui 19
R_CLEANUP='tmux kill-session -t $S 2>/dev/null; rm -rf $D'

if ! command -v tmux >/dev/null; then r_not_ok tmux "tmux is not installed"; exit; fi
if $T gen --stream $D/s.bin -n 20000 --panic >/dev/null 2>&1 &&
   $T ingest -q -o $D/t.db $D/s.bin 2>/dev/null; then r_ok setup
else r_not_ok setup "gen or ingest failed"; fi
screen() { tmux capture-pane -p -t $S 2>/dev/null > $D/now; }
# the screen differs from $D/before and matches the pattern $1
shows() { screen && ! cmp -s $D/now $D/before && grep -q -- "$1" $D/now; }
keys() { screen; cp $D/now $D/before; tmux send-keys -t $S "$@"; }
check() { # name pattern
  if r_wait shows "$2"; then r_ok "$1"
  else r_not_ok "$1" "screen lacks '$2' after 10 s"; sed 's/^/#   | /' $D/now | tail -5; fi; }

: > $D/before
tmux new-session -d -s $S -x 120 -y 30 "$T ui $D/t.db"
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
keys x;            check help_closed "PROC_START\|ts"
screen; cp $D/now $D/before
tmux resize-window -t $S -x 90 -y 20 2>/dev/null
check resize "PROC_START\|ts"
gone() { ! tmux has-session -t $S 2>/dev/null; }
# The detail pane opened above is still open: the first q closes it (the
# browser stays), the second quits.
pane_closed() { screen && ! grep -q "detail" $D/now; }
tmux send-keys -t $S q
if r_wait pane_closed && ! gone; then r_ok q_closes_pane_first
else r_not_ok q_closes_pane_first "after q: pane still open, or the browser quit"; fi
tmux send-keys -t $S q
if r_wait gone; then r_ok quit; else r_not_ok quit "ui still running 10 s after q"; fi
