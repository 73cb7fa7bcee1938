#!/bin/bash
# tests/harness/badmods-test.sh: suite `badmods` (make test SUITE=badmods).
# Boots tests/badmods-suites.txt: six damaged boot modules (mkbadelf.c)
# among good ones.  The guest's own results (fz_bootchk: none of them runs,
# the rest answers) are printed as they come; then, from the console log,
# one result per module: the kernel printed its refusal with the reason.
# Environment: B (build dir).
. tests/host/results.sh
B=${B:-build}
declare -A why=(
  [notelf]="not an ELF file"
  [truncated]="runs past the end of the file"
  [phdrs]="program headers past the end of the file"
  [overlap]="two segments overlap"
  [huge]="too big for the program's 16 MiB window"
  [entry]="entry point is outside the executable segments"
)
D=$(mktemp -d)
R_CLEANUP='rm -rf $D'
r_plan badmods ${#why[@]}
$B/tests/harness/lantern-test -B "$B" -k -f tests/badmods-suites.txt > "$D/out" 2>&1
grep '^\(not \)\?ok - ' "$D/out"
grep -q '^not ok - ' "$D/out" && R_FAILED=1
grep -q '^ok - badmods/rest_boots' "$D/out" || { echo "not ok - badmods/guest: no result from fz_bootchk"; R_FAILED=1; }
log=$B/test-logs/badmods-boot.log
for k in "${!why[@]}"; do
    if grep -a -q "boot: module bad_$k refused: .*${why[$k]}" "$log" 2>/dev/null; then
        r_ok "refused_$k"
    else
        r_not_ok "refused_$k" "no 'boot: module bad_$k refused: ...${why[$k]}' line in $log"
    fi
done
rm -f "$B"/test-logs/badmods-boot.*
