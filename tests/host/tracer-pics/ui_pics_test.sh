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
keys x 3
until_screen endpoints_us has "blocked_us"
keys q 4
until_screen grants_us has "lifetime_us"
keys q
# the sequence chart (5): columns, arrows, kernel calls, paging, flow, Enter
SQ="sqlite3 $D/t.db"
CHART_TYPES="(SELECT id FROM event_type WHERE name IN ('IPC_SEND', 'IPC_SENDREC', 'IPC_REPLY',
  'IPC_NOTIFY', 'IPC_SENDNB', 'IPC_SENDA', 'KCALL', 'SCHED_BLOCK', 'SCHED_UNBLOCK'))"
REQ=$($SQ "SELECT min(id) FROM event WHERE type = (SELECT id FROM event_type WHERE name =
  'IPC_SENDREC') AND call_id IN (SELECT call_id FROM ipc_call WHERE ev_reply IS NOT NULL)")
REPLY=$($SQ "SELECT ev_reply FROM ipc_call WHERE ev_send = $REQ")
LAST=$($SQ "SELECT max(id) FROM event WHERE type IN $CHART_TYPES AND ep IS NOT NULL AND run_id = 1")
keys g 5
until_screen chart_opens has "chart | run 1 | id"
until_screen chart_columns has "t(us) *[a-z]* *[a-z]"
until_screen chart_arrow has "[-.]>\|<[-.]"
until_screen chart_page_time has "page [0-9.]* ms"
ROW=$($SQ "SELECT id FROM event WHERE type IN $CHART_TYPES AND ep IS NOT NULL AND run_id = 1
  ORDER BY id LIMIT 2")
FIRST=$(echo $ROW | cut -d' ' -f1); SECOND=$(echo $ROW | cut -d' ' -f2)
P2=$($SQ "SELECT id FROM event WHERE type IN $CHART_TYPES AND ep IS NOT NULL AND run_id = 1
  ORDER BY id LIMIT 1 OFFSET 27")          # 30 rows: 27 chart rows a page
keys g
until_screen chart_first has "| id $FIRST |"
keys j
until_screen chart_down has "| id $SECOND |"
keys k ' '
until_screen chart_page_down has "| id $P2 |"
keys b
until_screen chart_page_up has "| id $FIRST |"
keys G
until_screen chart_end has "| id $LAST |"
KC=$($SQ "SELECT min(id) FROM event WHERE type = (SELECT id FROM event_type WHERE name = 'KCALL')
  AND ep IS NOT NULL")
keys q f "id >= $KC" Enter        # the list cursor to KC: filter, g, clear the filter
until_screen filter_to_kcall has "filter: id >= $KC"
keys g f Enter 5
until_screen chart_kcall has "\[SYS_[A-Z]*\]"
keys q f "id >= $REQ" Enter
until_screen filter_to_request has "filter: id >= $REQ"
keys g f Enter 5
until_screen chart_at_request has "| id $REQ |"
keys l
until_screen chart_flow_to_reply has "| id $REPLY |"
keys h
until_screen chart_back has "| id $REQ |"
keys Enter
until_screen chart_enter_lists has " $REQ/"
ERR=$($SQ "SELECT min(id) FROM event WHERE status = -1 AND id > $REQ")     # EPERM
HIT=$($SQ "SELECT min(id) FROM event WHERE id >= $ERR AND type IN $CHART_TYPES AND ep IS NOT NULL")
keys 5 / EPERM Enter
until_screen chart_search has "| id $HIT |"
keys q
until_screen chart_q_back has "t(us) *event"
keys q
until_screen q_quits gone
tmux kill-session -t $S 2>/dev/null
rm -rf $D
exit $fail
