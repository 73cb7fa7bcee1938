#!/bin/sh
# ui_pics_test.sh: the browser's names, units and keys (issue 16) in a
# detached tmux session.  Every check polls capture-pane until its screen
# condition holds or a 10 s deadline passes: no fixed sleeps.
T=${1:-build/tracer/lantern-trace}
D=$(mktemp -d); S=lt-pics-$$; fail=0
if ! command -v tmux >/dev/null; then echo "not ok - tracer-pics-ui/all: no tmux"; exit 1; fi
$T gen --stream $D/s.bin -n 20000 >/dev/null 2>&1 && $T ingest -q -o $D/t.db $D/s.bin 2>/dev/null
tmux new-session -d -s $S -x 100 -y 30 "$T ui $D/t.db"
screen() { tmux capture-pane -p -t $S 2>/dev/null; }
# until NAME has|lacks|gone PATTERN: poll for the condition, 10 s deadline
until_screen() {
  end=$(( $(date +%s) + 10 ))
  while [ $(date +%s) -le $end ]; do
    case $2 in
      has)   screen | grep -q -- "$3" && { echo "ok - tracer-pics-ui/$1"; return 0; } ;;
      lacks) tmux has-session -t $S 2>/dev/null && ! screen | grep -q -- "$3" &&
             { echo "ok - tracer-pics-ui/$1"; return 0; } ;;
      gone)  tmux has-session -t $S 2>/dev/null || { echo "ok - tracer-pics-ui/$1"; return 0; } ;;
    esac
    sleep 0.1
  done
  echo "not ok - tracer-pics-ui/$1: screen condition '$2 $3' not met in 10 s"; fail=1
  screen | sed 's/^/#   /' | head -12
}
keys() { tmux send-keys -t $S "$@"; }
until_screen header_us has "t(us) *event *ep *peer *what"
until_screen peer_field has "PROC_START .*parent=[a-z]"
keys / SYS_GETINFO Enter
until_screen kcall_name has "KCALL .*SYS_GETINFO"
keys Enter
until_screen detail_kcall has "call *SYS_GETINFO (1536)"
until_screen detail_us has "ticks = [0-9.]* us"
keys q
until_screen q_closes_detail lacks "detail"
until_screen still_in_list has "t(us) *event"
keys '?'
until_screen help_columns has "peer = other endpoint"
keys x q
until_screen q_quits gone
tmux kill-session -t $S 2>/dev/null
rm -rf $D
exit $fail
