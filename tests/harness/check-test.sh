#!/bin/sh
# tests/harness/check-test.sh: suite `check` (make test SUITE=check): the
# CHECK=1 build's invariant checks (os/kernel/check.c), in a few boots.
#
#   build               make CHECK=1 all builds into $CB (build/check, or
#                       $B itself when make test runs with CHECK=1)
#   not_in_normal_build the normal kernel ($B) has none of the checks
#   break-*             tests/check-suites.txt: each boots the CHECK kernel
#                       with checkbreak=<name> (the kernel's four, PM's
#                       pmtree, RS's rstables, VM's vmref); it must panic naming the invariant (the
#                       harness's expect=panic:)
#   control             the same image without a break boots cleanly
#   run-<suite>-<run>   a few ordinary runs of tests/suites.txt pass under
#                       the checks (every kernel exit checked)
# `make test CHECK=1` runs every suite in the check build; this suite is
# the short version that the normal `make test` runs.
# Environment: B (build dir), MAKE, CHECK.
. tests/host/results.sh
B=${B:-build}; MAKE=${MAKE:-make}
if [ "${CHECK:-0}" = 1 ]; then CB=$B; else CB=$B/check; fi
RUNS="ipc/main priv/main grant/main security/kernel vm/main fuzz/main"
r_plan check $((10 + $(echo $RUNS | wc -w)))
D=$(mktemp -d)
R_CLEANUP='rm -rf $D'

if $MAKE --no-print-directory -s CHECK=1 B="$CB" all > "$D/build.log" 2>&1; then
    r_ok build
else
    r_not_ok build "make CHECK=1 all failed: $(tail -3 "$D/build.log" | tr '\n' ' ')"
fi
if [ "${CHECK:-0}" = 1 ]; then
    r_ok not_in_normal_build    # this make test is the check build itself
elif nm "$B/kernel/lantern.elf" 2>/dev/null | grep -q ' kmain$' &&
     ! nm "$B/kernel/lantern.elf" | grep -q 'check_kernel_exit\|check_frame'; then
    r_ok not_in_normal_build
else
    r_not_ok not_in_normal_build "$B/kernel/lantern.elf has check symbols (or no kmain)"
fi

H=$CB/tests/harness/lantern-test
$H -B "$CB" -f tests/check-suites.txt > "$D/breaks.out" 2>&1
grep '^\(not \)\?ok - ' "$D/breaks.out"
for n in break-runq break-priv break-slot break-poison break-pmtree break-rstables break-vmref control; do
    grep -q "^\(not \)\?ok - check/$n\b" "$D/breaks.out" ||
        { echo "not ok - check/$n: no result from the run"; R_FAILED=1; }
    R_SEEN=$((R_SEEN + 1))
done
grep -q '^not ok - ' "$D/breaks.out" && R_FAILED=1

for run in $RUNS; do
    name=run-$(echo "$run" | tr / -)
    $H -B "$CB" "$run" > "$D/$name.out" 2>&1
    bad=$(grep '^not ok - ' "$D/$name.out" | head -3 | tr '\n' ' ')
    if [ -z "$bad" ] && grep -q '^ok - ' "$D/$name.out"; then r_ok "$name"
    else r_not_ok "$name" "under CHECK=1: ${bad:-no results}"; fi
done
