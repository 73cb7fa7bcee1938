#!/bin/sh
# tests/host/cmocka-tap.sh: run one cmocka test program and turn its TAP
# output into our result lines.
#
#   sh tests/host/cmocka-tap.sh [-C DIR] [-g GROUPS] SUITE PROGRAM
#
# Prints "ok - SUITE/<test>" or "not ok - SUITE/<test>: <reason>" per test
# (a leading "test_" is dropped from the name).  A failing test's reason is
# made of the "# ..." lines cmocka prints after it, or the stray output just
# before it.  Exits 1 if anything failed.
#
# Why this is more than a filter on "not ok" lines: a test program that dies
# in the middle (abort, exit, a signal cmocka does not catch) simply stops
# printing, and the tests it never ran must not pass by omission.  So:
#   * every "1..N" plan (cmocka prints one per group, as the group starts)
#     must be followed by N results before the next plan or the end, else
#     "not ok - SUITE/plan: group K reported M of N results";
#   * at least one plan must appear, and with -g exactly GROUPS of them: a
#     program that exits 0 between two groups prints no short plan, so the
#     number of groups is the plan of plans (a new group must update it);
#   * the program must exit 0 when no test failed, and any exit by a signal
#     is a failure: "not ok - SUITE/run: ...".
# The output is kept in a temporary file rather than piped, so that the exit
# status of the program itself is what we look at.
dir=.; groups=0
if [ "${1:-}" = -C ]; then dir=$2; shift 2; fi
if [ "${1:-}" = -g ]; then groups=$2; shift 2; fi
suite=$1; prog=$2
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
(cd "$dir" && CMOCKA_MESSAGE_OUTPUT=TAP exec "$prog") > "$out" 2>&1
rc=$?
awk -v suite="$suite" -v rc="$rc" -v groups="$groups" '
    function bad(name, why) { print "not ok - " suite "/" name ": " why; failed++ }
    function flush() {
        if (name == "") return
        sub(/^; /, "", reason)
        bad(name, reason == "" ? "failed" : reason)
        name = ""; reason = ""
    }
    # the group that just ended must have reported all it planned
    function close_group() {
        flush()
        if (plans > 0 && seen < want)
            bad("plan", "group " plans " reported " seen " of " want " results")
    }
    /^1\.\.[0-9]+$/ { close_group(); plans++; want = substr($0, 4) + 0; seen = 0; next }
    /^ok [0-9]+ - / { flush(); sub(/^ok [0-9]+ - (test_)?/, "")
                      print "ok - " suite "/" $0; seen++; stray = ""; next }
    /^not ok [0-9]+ - / { flush(); sub(/^not ok [0-9]+ - (test_)?/, ""); name = $0
                          reason = stray; stray = ""; seen++; next }
    /^# (not )?ok - / { flush(); next }
    /^# / { line = substr($0, 3)
            if (sub(/: error: Failure!$/, "", line)) line = "at " line
            if (name != "") reason = reason "; " line
            next }
    /[^ \t]/ { stray = stray "; " $0 }
    END {
        close_group()
        if (plans == 0) bad("run", "no test plan in the output (exit status " rc ")")
        else if (groups > 0 && plans != groups)
            bad("plan", plans " of " groups " test groups ran (exit status " rc ")")
        if (rc > 128) bad("run", "test program killed by signal " (rc - 128))
        else if (rc != 0 && failed == 0) bad("run", "test program exited with status " rc)
        exit failed != 0
    }' "$out"
