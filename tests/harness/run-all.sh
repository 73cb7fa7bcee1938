#!/bin/bash
# tests/harness/run-all.sh: everything `make test` runs, in order, then the
# summary line.  Environment (set by tests/harness/Makefrag): B, MAKE, SUITE,
# EMU, KEEP_LOGS, HOST_TEST_TARGETS, LANTERN_QEMU.
#
#   1. each host unit test target in HOST_TEST_TARGETS (with SUITE=x: only
#      host-test-x), run as `make <target>`
#   2. lantern-test: the guest runs of tests/suites.txt (with SUITE: only
#      that suite)
#   3. the trace post-mortem checks (trace-postmortem.sh) and the tools
#      suite (tools/gdb; gdb-helpers.sh: the GDB helpers and port; doctor-test.sh)
# Every line starting with `ok - ` or `not ok - ` is a result; the last line
# is "N passed, N failed"; the exit status is 1 if any failed.  `make test`
# checks the dependencies first (make deps), so nothing has a reason to be
# skipped: an `ok - ... # SKIP` result counts as failed.  A host target that
# exits non-zero without a `not ok` line, or prints no result at all, is one
# more failure.
set -u
: "${B:=build}" "${MAKE:=make}" "${SUITE:=}" "${EMU:=}" "${HOST_TEST_TARGETS:=}"
export B MAKE KEEP_LOGS

all_out=$(mktemp)
trap 'rm -f "$all_out" "$all_out.t"' EXIT

{
    # 1. host unit tests
    for t in $HOST_TEST_TARGETS; do
        if [ -n "$SUITE" ] && [ "$t" != "host-test-$SUITE" ]; then
            continue
        fi
        echo "# host: make $t"
        $MAKE --no-print-directory -s "$t" B="$B" > "$all_out.t" 2>&1
        rc=$?
        cat "$all_out.t"
        if [ $rc -ne 0 ] && ! grep -q '^not ok - ' "$all_out.t"; then
            echo "not ok - host/$t: make $t exited with status $rc"
        elif ! grep -q '^\(not \)\?ok - ' "$all_out.t"; then
            echo "not ok - host/$t: make $t printed no results"
        fi
    done

    # 2. guest runs
    runner=("$B/tests/harness/lantern-test" -B "$B")
    [ -n "${LANTERN_QEMU:-}" ] && runner+=(-q "$LANTERN_QEMU")
    [ -n "$EMU" ] && runner+=(-e "$EMU")
    [ -n "$SUITE" ] && runner+=(-s "$SUITE")
    if [ -z "$SUITE" ] || [ -n "$("${runner[@]}" -l)" ]; then
        "${runner[@]}"
    fi

    # 3. host-side checks on a real kernel: trace post-mortem, tools
    if [ -z "$SUITE" ] || [ "$SUITE" = trace ]; then
        bash tests/harness/trace-postmortem.sh
    fi
    if [ -z "$SUITE" ] || [ "$SUITE" = tools ] || [ "$SUITE" = tools/gdb ]; then
        bash tests/harness/gdb-test.sh
        bash tests/harness/gdb-helpers.sh      # the GDB helpers and ports (tracer/gdb/)
        bash tests/harness/doctor-test.sh      # make doctor
    fi
} 2>&1 | tee "$all_out"

pass=$(grep -c '^ok - ' "$all_out")
skip=$(grep -c '^ok - .*# SKIP' "$all_out")
fail=$(grep -c '^not ok - ' "$all_out")
pass=$((pass - skip))
fail=$((fail + skip))
if [ $((pass + fail)) -eq 0 ]; then
    echo "# no tests ran${SUITE:+ (nothing matches SUITE=$SUITE)}"
fi
[ "$skip" -gt 0 ] && echo "# $skip skipped results counted as failed (dependencies are installed)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
