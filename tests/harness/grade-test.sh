#!/bin/bash
# tests/harness/grade-test.sh: suite `grade`, the checks of `make grade` and
# `make lab-starter` (docs/grading.md).  Run by `make host-test-grade`, part
# of `make test`.
#
#   reference_full        this tree scores full marks on every lab, exit 0
#   results_json          results.json has points, groups, seeds, durations,
#                         the environment and where the tests came from
#   starter<N>_builds     for every lab N: `make lab-starter LAB=N` builds
#   starter<N>_zero       ... scores 0 on every test of lab N, exit non-zero
#   starter<N>_others     ... and full marks on every other lab
#   student_tree_tests    a student tree (a clone of HEAD) whose echo has one
#                         kernel call too many, whose lab1_test no longer
#                         checks that, whose echo answers OK to a bad
#                         request, and whose Q3 answer is wrong: graded with
#                         its own tests, the weakened check passes (90/100)
#   grade_ref_pristine    the same tree with GRADE_REF=HEAD: the check comes
#                         from the commit and fails (80/100); the report
#                         says where the tests came from
#   failure_details       that failure keeps the run's console and shows the
#                         expected and actual values; the wrong SQL answer
#                         shows expected, actual and a diff (in both runs:
#                         the tree's own grader and the commit's)
#   retry_seeds           RETRY=2 on that tree (own tests): the failed run is
#                         booted twice more with random seeds, each listed
#                         with its failures, then "2 of 2 seeds fail: ...",
#                         and results.json keeps them; the failed run's
#                         rerun line says `make grade LAB=1`
# The student tree is a clone of HEAD with this working tree's uncommitted
# changes copied over it.
#   stalled_emulator      Lab 1's run with timeout=1, its QEMU stopped
#                         (SIGSTOP) for 2 s, as a loaded host would: with
#                         cputime=1 it passes; the same on the wall clock
#                         (the control) times out
# The inner makes run with a clean make environment, as a user's would.
set -u
: "${B:=build}"
. tests/host/results.sh
TOP=$PWD
D=$(mktemp -d)
R_CLEANUP='rm -rf "$D"'
labs=$(cd labs && ls -d [0-9]*-* | sed 's/-.*//' | sort -n)
nlabs=$(echo $labs | wc -w)
r_plan grade $((7 + 3 * nlabs))

mk() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u LANTERN_DEPS_CHECKED -u CHECK -u SEED -u RETRY \
    make --no-print-directory "$@"; }
# js FILE EXPR: evaluate a Python expression over results.json (as d)
js() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2" 2>&1; }
lab_points() { js "$1" "[ (l['number'], l['points'], l['max_points']) for l in d['labs'] ]"; }
show() { sed 's/^/#   /' "$1" | tail -${2:-8}; }

# 1. the reference tree
mk grade B="$B" > "$D/ref.out" 2>&1; st=$?
R="$B/grade/results.json"
if [ $st -eq 0 ] && [ -f "$R" ] && [ "$(js "$R" "d['perfect'] and d['score'] > 0")" = True ]; then
    r_ok reference_full
else
    r_not_ok reference_full "exit $st, $(grep '^Score' "$D/ref.out" || echo no score line)"
    show "$D/ref.out" 20
fi
want="all(t['max_points'] > 0 and 'duration_s' in t and 'seed' in t and t['run'] for l in d['labs'] for t in l['tests']) \
and all(g['max_points'] > 0 for l in d['labs'] for g in l['groups']) \
and all(d['environment'][k] for k in ('gcc', 'qemu', 'bochs', 'commit')) \
and 'this tree' in d['tests_from']['description']"
got=$(js "$R" "$want")
[ "$got" = True ] && r_ok results_json || r_not_ok results_json "results.json lacks fields: $got"

# 2. every lab's starter
for n in $labs; do
    S="$D/starter$n"
    if mk lab-starter LAB="$n" DEST="$S" > "$D/st$n.out" 2>&1 &&
        (cd "$S" && mk -j2 all) >> "$D/st$n.out" 2>&1; then
        r_ok "starter${n}_builds"
    else
        r_not_ok "starter${n}_builds" "make lab-starter LAB=$n, then make all, failed"
        show "$D/st$n.out"
    fi
    (cd "$S" && mk grade) > "$D/sg$n.out" 2>&1; st=$?
    SR="$S/build/grade/results.json"
    got=$(js "$SR" "[ (t['name'], t['points']) for l in d['labs'] if l['number'] == $n for t in l['tests'] if t['points'] ]")
    if [ $st -ne 0 ] && [ "$got" = "[]" ] && [ "$(js "$SR" "[l['number'] for l in d['labs']].count($n)")" = 1 ]; then
        r_ok "starter${n}_zero"
    else
        r_not_ok "starter${n}_zero" "exit $st; tests of lab $n with points: $got"
    fi
    got=$(js "$SR" "[ (l['number'], l['points'], l['max_points']) for l in d['labs'] if l['number'] != $n and l['points'] != l['max_points'] ]")
    n_other=$(js "$SR" "len([l for l in d['labs'] if l['number'] != $n])")
    if [ "$got" = "[]" ] && [ "$n_other" = $((nlabs - 1)) ]; then
        r_ok "starter${n}_others"
    else
        r_not_ok "starter${n}_others" "other labs not at full marks: $got ($n_other of $((nlabs - 1)) graded)"
    fi
done

# 3. GRADE_REF: a student tree that weakens a test
U="$D/student"
ref=$(git rev-parse HEAD)
git clone -q "$TOP" "$U" 2>> "$D/clone.out"
# the working tree's uncommitted changes too: the student's own grade runs
# the grader being tested, GRADE_REF=HEAD the committed one
git ls-files -z -m -o --exclude-standard | grep -zv '^build/' | tar -c --null -T - | tar -x -C "$U"
sed -i 's/SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, KC_END/SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, KC_END/' \
    "$U/servers/rs/table.c"
sed -i 's/"echo_kernel_calls", !strcmp(got, "GETINFO EXIT DIAGCTL")/"echo_kernel_calls", 1/' \
    "$U/labs/1-boot-rs/tests/lab1_test.c"
sed -i 's/^SELECT ep, slot, generation FROM endpoint/SELECT ep, slot, 9 FROM endpoint/' \
    "$U/labs/1-boot-rs/answers.sql"
sed -i 's/^        m->m_type = EBADREQUEST;/        m->m_type = OK;/' "$U/servers/echo/echo.c"
changed=$(git -C "$U" diff --stat | tail -1)
(cd "$U" && mk -j2 all && mk grade LAB=1) > "$D/own.out" 2>&1
UR="$U/build/grade/results.json"
got=$(js "$UR" "[ (t['name'], t['ok']) for t in d['labs'][0]['tests'] if t['name'] in ('lab1/echo_kernel_calls', 'lab1/sql_echo_endpoints') ]")
if [ "$got" = "[('lab1/echo_kernel_calls', True), ('lab1/sql_echo_endpoints', False)]" ] &&
    grep -q '^Score: 90/100$' "$D/own.out"; then
    r_ok student_tree_tests
else
    r_not_ok student_tree_tests "($changed) with its own tests: $got"
    show "$D/own.out"
fi
(cd "$U" && mk grade LAB=1 GRADE_REF="$ref") > "$D/gr.out" 2>&1; st=$?
got=$(js "$UR" "(d['tests_from']['commit'], [ (t['name'], t['ok']) for t in d['labs'][0]['tests'] if t['name'] == 'lab1/echo_kernel_calls' ], d['score'], d['max_score'])")
if [ $st -ne 0 ] && [ "$got" = "('$ref', [('lab1/echo_kernel_calls', False)], 80, 100)" ] &&
    grep -q "^# grade: tests, rubrics and grader from commit $ref" "$D/gr.out"; then
    r_ok grade_ref_pristine
else
    r_not_ok grade_ref_pristine "exit $st, got $got, want ('$ref', [('lab1/echo_kernel_calls', False)], 80, 100)"
    show "$D/gr.out"
fi
kc="[t for t in d['labs'][0]['tests'] if t['name'] == 'lab1/echo_kernel_calls'][0]"
q3="[t for t in d['labs'][0]['tests'] if t['name'] == 'lab1/sql_echo_endpoints'][0]"
got=$(cd "$U" && js build/grade/results.json "($kc['expected'], $kc['actual'], open($kc['console']).read().count('FAIL lab1/echo_kernel_calls'), \
'-3|3|0' in $q3['diff'] and '+3|3|9' in $q3['diff'] and $q3['expected'] != $q3['actual'])")
own=$(grep -c -e '^#       -3|3|0$' -e '^#       +3|3|9$' -e '^#     expected: -107 (EBADREQUEST)$' \
    -e '^#     actual:   reply 0$' -e '^#     console of lab1/main: build/grade/logs/lab1-main.console$' \
    "$D/own.out")
if [ "$got" = "('GETINFO EXIT DIAGCTL', 'GETINFO EXIT DIAGCTL TIMES', 1, True)" ] && [ "$own" = 6 ] &&
    grep -q '^#     console of lab1/main: ' "$D/gr.out" && grep -q '^#     expected: GETINFO EXIT DIAGCTL$' "$D/gr.out"; then
    r_ok failure_details
else
    r_not_ok failure_details "GRADE_REF run: $got; own run: $own of 6 expected/actual/diff/console lines"
    show "$D/gr.out" 30
fi

(cd "$U" && SEED= mk grade LAB=1 RETRY=2) > "$D/retry.out" 2>&1; st=$?
got=$(js "$UR" "[ (len(r.get('retries') or []), [t['failures'] for t in r.get('retries') or []]) for r in d['labs'][0]['runs'] ]")
seeds=$(sed -n 's/^#   retry SEED=\([0-9]*\): failed: lab1\/echo_bad_request$/\1/p' "$D/retry.out" | tr '\n' ' ')
if [ $st -ne 0 ] && [ "$got" = "[(2, [['lab1/echo_bad_request'], ['lab1/echo_bad_request']])]" ] &&
    grep -qx "#   2 of 2 seeds fail: ${seeds% }" "$D/retry.out" &&
    grep -qx '#   no seed (no jitter); rerun: make grade LAB=1' "$D/retry.out"; then
    r_ok retry_seeds
else
    r_not_ok retry_seeds "exit $st, retries $got, seeds '$seeds'"
    show "$D/retry.out"
fi

# 4. a stalled emulator is no timeout under cputime=1 (the control: it is
# on the wall clock).  Our own QEMU, found as the child of our harness.
# The 2 s between SIGSTOP and SIGCONT is the stimulus (how long the host
# "took the CPU away"), not a wait for anything.
stall() { # suites-file out: run it, stop its QEMU for 2 s once it is there
    "$B/tests/harness/lantern-test" -B "$B" -f "$1" > "$2" 2>&1 & local h=$! q=
    R_DEADLINE=20 r_wait eval 'q=$(pgrep -P $h -f qemu-system | head -1); [ -n "$q" ]'
    [ -n "$q" ] && kill -STOP "$q" && sleep 2 && kill -CONT "$q"
    wait $h
}
line='icount=1 timeout=1 cmdline="trace=all tracestream=1"  -- rs pm init echo lab1_test'
echo "lab1/main cputime=1 $line" > "$D/cpu.txt"
echo "lab1/main $line" > "$D/wall.txt"
stall "$D/cpu.txt" "$D/cpu.out"; cpu=$(grep -c '^ok - lab1/' "$D/cpu.out")
stall "$D/wall.txt" "$D/wall.out"
if [ "$cpu" = 11 ] && ! grep -q '^not ok' "$D/cpu.out" &&
    grep -q '^not ok - lab1/.*timeout after 1 s' "$D/wall.out"; then
    r_ok stalled_emulator
else
    r_not_ok stalled_emulator "cputime=1: $cpu of 11 passed; wall clock: $(grep -m1 '^not ok' "$D/wall.out" || echo 'no failure')"
    show "$D/cpu.out"
fi
