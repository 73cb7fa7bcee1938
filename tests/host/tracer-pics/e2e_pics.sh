#!/bin/sh
# e2e_pics.sh: record real boots and check issue 16's names and units.
#   $1 lantern-trace, $2 the `make trace` scenario's -initrd list
#   (trace_demo: kernel calls, IPC with RS and PM, a spawned program, an RS
#   restart, then SYS_SHUTDOWN), $3 the normal boot's -initrd list.
# Checks: record says what it does and how to stop, prints a live line and
# stops by itself when the guest shuts down; every message type in the run
# has a name (requests in msg_type, replies' statuses in errno_name); times
# in µs agree with the wall clock the recording took and with the guest's
# PIT (QEMU and Bochs); `svg` draws the run; `diff` finds the one changed
# message of a variant and none between two runs or two emulators; `bench`
# has its two metrics; `ui` without a
# terminal refuses with a clear message and writes no escape codes.
T=$1; INITRD=$2; BOOT=$3; B=${B:-build}; K=$B/kernel/lantern.elf
D=$(mktemp -d); fail=0
ok() { echo "ok - tracer-pics/e2e_$1"; }
bad() { echo "not ok - tracer-pics/e2e_$1: $2"; fail=1; }
chk() { # name want-min sql [db]
  v=$(sqlite3 ${4:-$D/t.db} "$3" 2>&1)
  if [ "${v:-0}" -ge "$2" ] 2>/dev/null; then ok "$1"; else bad "$1" "got '$v', want >= $2"; fi; }
has() { # name file text
  if grep -q -- "$3" "$2"; then ok "$1"; else bad "$1" "output lacks '$3'"; fi; }

# Every run here boots with RS's period at 10 s (rs_delta=1000 ticks), so no
# periodic check falls inside the scenario: the runs' messages then follow
# the programs, not the clock, and two emulators (or a CHECK=1 build, whose
# checks make Bochs's instruction-counted clock run further) agree.
APPEND="trace=all rs_delta=1000"
t0=$(date +%s%N)
$T record -o $D/t.db --kernel $K --initrd "$INITRD" --append "$APPEND" --timeout 60 \
    < /dev/null > $D/out 2> $D/err
t1=$(date +%s%N)
has record_says_what $D/err "booting Lantern in QEMU"
has record_says_how_to_stop $D/err "Ctrl-C"
has record_live_line $D/err "events, [0-9]*/s, lost 0"
has record_stops_at_shutdown $D/err "the guest shut down"
chk demo_restart 1 "SELECT count(*) FROM event WHERE type = 67 AND text = 'crashd'"
chk demo_done 1 "SELECT count(*) FROM event WHERE type = 96 AND text = 'done'"

# every message type of the run has a name: a request's in msg_type, a
# reply's (m_type = OK or -errno) in errno_name
UNNAMED="SELECT count(*) FROM event WHERE m_type IS NOT NULL AND m_type NOT IN
  (SELECT id FROM msg_type) AND NOT (m_type <= 0 AND m_type IN (SELECT code FROM errno_name))"
chk all_named 1 "SELECT ($UNNAMED) = 0"
chk named_kinds 12 "SELECT count(DISTINCT m.name) FROM event e JOIN msg_type m ON m.id = e.m_type"
chk rs_pm_names 4 "SELECT count(DISTINCT m_type) FROM call_view WHERE m_type IN
  ('RS_LOOKUP', 'RS_PUBTAB', 'RS_STATUS', 'RS_REFRESH', 'PM_WAIT', 'PM_GETPROC')"
chk kcall_names 5 "SELECT count(DISTINCT m.name) FROM event e JOIN msg_type m ON m.id = e.m_type
  WHERE e.type = 16 AND m.name LIKE 'SYS_%'"

# µs: the run's span converted with the calibrated TSC (wall clock under
# TCG) is positive and no longer than the wall time record took
wall_us=$(( (t1 - t0) / 1000 ))
chk us_clock 1 "SELECT count(*) FROM clock WHERE ticks_per_us > 100"
chk us_span_vs_wall 1 "SELECT (max(t_us) > 1000) AND (max(t_us) < $wall_us) FROM event_view"
chk us_latency 1 "SELECT count(*) FROM call_view WHERE latency_us > 0 AND latency_us < $wall_us"
# against the guest's own clock: trace_demo's SETALARM of N ticks is
# answered by CLOCK's NOTIFY N ticks of the PIT later (+-1 tick); in µs that
# is N * 1e6 / hz, hz from the BOOT event.  A wrong conversion (x10) fails.
ALARM="SELECT (n.ts - a.ts) / k.ticks_per_us AS us, a.a4 * 1e6 / b.a1 AS want, 1e6 / b.a1 AS tick
  FROM event a JOIN endpoint p ON p.run_id = a.run_id AND p.ep = a.ep AND p.label = 'trace_demo'
  JOIN event n ON n.type = 5 AND n.ep = -3 AND n.peer = a.ep AND n.id > a.id
  JOIN event b ON b.type = 114 JOIN clock k ON k.run_id = a.run_id
  WHERE a.type = 16 AND a.m_type = 1540 ORDER BY n.id LIMIT 1"
chk us_alarm_vs_pit 1 "SELECT us BETWEEN want - tick AND want + tick FROM ($ALARM)"
$T stats $D/t.db > $D/stats 2>&1
has stats_span_us $D/stats "span_us"
has stats_blocked_us $D/stats "blocked_us"
$T query $D/t.db latency_percentiles > $D/lat 2>&1
has percentiles_us $D/lat "p50_us"
has percentiles_names $D/lat "RS_PUBTAB"

# the normal boot (init runs until the timeout): its message types too
$T record -o $D/boot.db --kernel $K --initrd "$BOOT" --append "$APPEND" --timeout 3 \
    < /dev/null > /dev/null 2> $D/boot.err
has boot_timeout_said $D/boot.err "still running after 3 s"
chk boot_all_named 1 "SELECT ($UNNAMED) = 0 AND (SELECT count(*) FROM event) > 100" $D/boot.db

# svg of the real run: one arrow per message, names in the labels; the
# timeline has a row for trace_demo; bad input gets a clear error
MSGS="SELECT count(*) FROM event WHERE ep IS NOT NULL AND peer IS NOT NULL AND type IN
  (SELECT id FROM event_type WHERE name IN ('IPC_SEND', 'IPC_SENDREC', 'IPC_REPLY',
  'IPC_NOTIFY', 'IPC_SENDNB', 'IPC_SENDA'))"
if $T svg $D/t.db --max 100000 -o $D/c.svg 2> $D/svg.err; then
  n=$(grep -o '<g class="msg' $D/c.svg | wc -l); want=$(sqlite3 $D/t.db "$MSGS")
  [ "$n" -eq "$want" ] && [ "$n" -gt 50 ] && ok svg_one_arrow_per_message ||
    bad svg_one_arrow_per_message "$n arrows, $want messages"
  has svg_names $D/c.svg ">RS_PUBTAB [0-9.]* us<"
else bad svg_chart "$(cat $D/svg.err)"; fi
if $T svg $D/t.db --timeline -o $D/tl.svg 2> $D/svg.err; then has svg_timeline_row $D/tl.svg ">trace_demo<"
else bad svg_timeline "$(cat $D/svg.err)"; fi
$T svg $D/err --timeline -o $D/x.svg 2> $D/svg.err; rc=$?
[ $rc -eq 1 ] && grep -q "not a trace database" $D/svg.err && [ ! -e $D/x.svg ] &&
  ok svg_bad_db || bad svg_bad_db "rc $rc: $(cat $D/svg.err)"
$T svg $D/t.db --from 50 --to 10 -o $D/x.svg 2> $D/svg.err; rc=$?
[ $rc -eq 2 ] && grep -q "before --from" $D/svg.err && ok svg_bad_range || bad svg_bad_range "rc $rc"

# diff: a second run of the same scenario is the same (other timestamps);
# trace_demo_b (one RS_STATUS is an RS_LOOKUP), booted under the same module
# name, differs in exactly that message
mkdir -p $D/v && cp $B/prog/trace_demo_b.elf $D/v/trace_demo.elf
VARIANT=$(echo "$INITRD" | sed "s|[^,]*trace_demo.elf trace_demo|$D/v/trace_demo.elf trace_demo|")
$T record -o $D/a2.db --kernel $K --initrd "$INITRD" --append "$APPEND" < /dev/null > /dev/null 2>&1
$T record -o $D/b.db --kernel $K --initrd "$VARIANT" --append "$APPEND" < /dev/null > /dev/null 2>&1
$T diff $D/t.db $D/a2.db > $D/same.out 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "the message sequences are the same" $D/same.out && ok diff_same_run ||
  bad diff_same_run "rc $rc: $(tail -3 $D/same.out)"
$T diff $D/t.db $D/b.db > $D/diff.out 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "^first divergence: trace_demo>rs" $D/diff.out &&
  grep -q "^>.*IPC_SENDREC RS_STATUS .*| IPC_SENDREC RS_LOOKUP" $D/diff.out &&
  grep -q "substitution: 1 message(s) of A, 1 of B" $D/diff.out && grep -q "^1 endpoint pairs\|, 1 differ" $D/diff.out &&
  ok diff_one_message || bad diff_one_message "rc $rc: $(head -c 300 $D/diff.out)"
$T diff --json $D/t.db $D/b.db > $D/diff.json 2>&1
J="SELECT json_valid(j) AND json_extract(j, '\$.first.pair') = 'trace_demo>rs' AND
  json_extract(j, '\$.first.kind') = 'substitution' AND json_extract(j, '\$.differing_pairs') = 1
  AND (SELECT count(*) FROM json_each(j, '\$.first.context') c WHERE
  json_extract(c.value, '\$.differs') AND json_extract(c.value, '\$.a') = 'IPC_SENDREC RS_STATUS'
  AND json_extract(c.value, '\$.b') = 'IPC_SENDREC RS_LOOKUP') = 1 FROM (SELECT readfile('$D/diff.json') AS j)"
chk diff_json 1 "$J" $D/b.db
# the same scenario under Bochs (another emulator, other timing, another
# clock): the same message sequences, and the alarm agrees with the PIT
ELFS=$(echo "$INITRD" | tr ',' '\n' | cut -d' ' -f1 | tr '\n' ' ')
sh image/mkiso.sh $D/b.iso $K "$APPEND tracestream=1 traceclock=bochs" $ELFS > $D/iso.log 2>&1
awk -v iso=$D/b.iso -v d=$D '{ gsub(/@ISO@/, iso); gsub(/@COM1@/, d "/com1");
    gsub(/@COM2@/, d "/com2"); gsub(/@LOG@/, d "/bochs.log"); print }' image/bochsrc.in > $D/bochsrc
$T record --bochs -o $D/bochs.db --stream $D/b.e9 --timeout 120 \
    --emu-cmd "bochs -q -f $D/bochsrc -rc image/bochs.rc" < /dev/null > /dev/null 2>&1
$T diff $D/t.db $D/bochs.db > $D/bochs.out 2>&1; rc=$?
[ $rc -eq 0 ] && ok diff_qemu_vs_bochs || bad diff_qemu_vs_bochs "rc $rc: $(head -c 300 $D/bochs.out)"
# --ignore leaves out exactly the pairs it matches: the variant's one
# differing pair ignored, the runs are the same
$T diff --ignore 'trace_demo>rs' $D/t.db $D/b.db > $D/ign.out 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q ", 0 differ (1 ignored)" $D/ign.out && ok diff_ignore ||
  bad diff_ignore "rc $rc: $(head -c 300 $D/ign.out)"
chk bochs_us_alarm_vs_pit 1 "SELECT us BETWEEN want - tick AND want + tick FROM ($ALARM)" $D/bochs.db
$T diff $D/t.db $D/err > /dev/null 2> $D/diff.err; rc=$?
[ $rc -eq 2 ] && grep -q "not a trace database" $D/diff.err && ok diff_bad_db || bad diff_bad_db "rc $rc"

# bench: the two metrics are there and meet their goals (a small DB; the
# diff runs are always 1M events)
$T bench -n 20000 --tsv > $D/bench.tsv 2> $D/bench.err
awk -F'\t' '$1 == "msc_page_ms" && $2 > 0 && $2 <= 5 { p = 1 }
  $1 == "diff_1m_s" && $2 > 0 && $2 < 10 { d = 1 } END { exit !(p && d) }' $D/bench.tsv &&
  ok bench_metrics || bad bench_metrics "$(grep -E 'msc_page|diff_1m' $D/bench.tsv | tr '\t\n' '  ')"

# ui without a terminal
timeout 10 $T ui $D/t.db < /dev/null > $D/ui.out 2> $D/ui.err; rc=$?   # a broken check would hang
if [ $rc -eq 2 ] && grep -q "needs a terminal" $D/ui.err && ! grep -q "$(printf '\033')" $D/ui.out
then ok ui_needs_terminal; else bad ui_needs_terminal "rc $rc, $(head -c 100 $D/ui.err)"; fi

[ $fail -eq 0 ] || sed 's/^/#   record: /' $D/err | tail -8
rm -rf $D; exit $fail
