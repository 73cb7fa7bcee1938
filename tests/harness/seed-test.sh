#!/bin/sh
# tests/harness/seed-test.sh: suite `seed` (make test SUITE=seed): seeded
# runs replay, and different seeds interleave differently.
#
# seed_race (tests/guest/seed/seed_race.c) runs two equal-priority user
# workers that write trace MARKs "A" / "B" as they go; its run in
# tests/seed-suites.txt streams the trace on port 0xE9, which the harness
# keeps with -k.  Each boot goes through the real path, SEED in the
# environment of lantern-test (as `make test SEED=n` gives it):
#   same_seed_same_trace   SEED=4242 twice: the two databases hold the same
#                          events, timestamps included, in order (see
#                          events() for the one exception)
#   seeds_differ           SEED=4242 and SEED=4243: the orders of the MARKs
#                          differ (a different interleaving)
#   seed_on_cmdline        the kernel printed "jitter: seed 4242"
#   rerun_line             a failing seeded run prints its seed and the
#                          command that reruns it with that seed
#   bad_seed_refused       SEED=banana stops the runner with a message
# Environment: B (build dir), LANTERN_RERUN (the rerun command's start:
# "make test CHECK=1" in the check build).
. tests/host/results.sh
B=${B:-build}; T=$B/tracer/lantern-trace; H=$B/tests/harness/lantern-test
r_plan seed 5
D=$(mktemp -d)
R_CLEANUP='rm -rf $D'

# boot seed/race with SEED=$1 and ingest its trace into $D/$2.db
race() {
    SEED=$1 $H -B "$B" -f tests/seed-suites.txt -k seed/race > "$D/$2.out" 2>&1
    cp "$B/test-logs/seed-race.trace" "$D/$2.trace" 2>/dev/null
    cp "$B/test-logs/seed-race.log" "$D/$2.log" 2>/dev/null
    $T ingest -q -o "$D/$2.db" "$D/$2.trace" > /dev/null 2>&1
}
# every column of every event, timestamps (the TSC) included, except the
# BOOT record's boot_id, which mixes in the run's nonce, fresh for every boot
# by design.  (The kernel parses the nonce through a table so that its
# digits cannot shift the instruction count, and with it every timestamp.)
events() { sqlite3 "$D/$1.db" "SELECT id, ts, type, ep, peer, status, m_type, flags,
    CASE WHEN type = 114 THEN NULL ELSE a0 END, a1, a2, a3, a4, a5, a6, a7, text FROM event ORDER BY id"; }
marks() { sqlite3 "$D/$1.db" "SELECT group_concat(text, '') FROM
    (SELECT text FROM event WHERE type = 96 AND a1 = 24301 ORDER BY id)"; }

race 4242 a; race 4242 b; race 4243 c
for x in a b c; do
    grep -q '^ok - seed/race_ran' "$D/$x.out" || sed 's/^/#   /' "$D/$x.out"
done
na=$(events a | wc -l); nb=$(events b | wc -l)
if [ "$na" -gt 100 ] && events a > "$D/a.ev" && events b > "$D/b.ev" &&
   cmp -s "$D/a.ev" "$D/b.ev"; then
    r_ok same_seed_same_trace
else
    r_not_ok same_seed_same_trace "SEED=4242 twice: $na and $nb events, first difference: $(diff "$D/a.ev" "$D/b.ev" 2>&1 | sed -n 2p)"
fi
ma=$(marks a); mc=$(marks c)
if [ ${#ma} -eq 48 ] && [ ${#mc} -eq 48 ] && [ "$ma" != "$mc" ]; then
    r_ok seeds_differ
else
    r_not_ok seeds_differ "SEED=4242 gave '$ma', SEED=4243 gave '$mc' (want 48 marks each, different orders)"
fi
if grep -q 'jitter: seed 4242' "$D/a.log" 2>/dev/null; then r_ok seed_on_cmdline
else r_not_ok seed_on_cmdline "no 'jitter: seed 4242' on the console"; fi

SEED=31337 $H -B "$B" -f tests/seed-suites.txt seed/fails > "$D/fails.out" 2>&1
want="#   seed 31337; rerun: ${LANTERN_RERUN:-make test} SUITE=seed/fails SEED=31337"
if grep -q '^not ok - hself/missing-3' "$D/fails.out" && grep -qxF "$want" "$D/fails.out"; then
    r_ok rerun_line
else
    r_not_ok rerun_line "no '$want' after the failure: $(grep '^#   \(seed\|no seed\)' "$D/fails.out")"
fi

SEED=banana $H -B "$B" -f tests/seed-suites.txt seed/fails > "$D/bad.out" 2>&1
rc=$?
if [ $rc -ne 0 ] && grep -q 'SEED=banana' "$D/bad.out" && ! grep -q '^ok - \|^not ok - ' "$D/bad.out"; then
    r_ok bad_seed_refused
else
    r_not_ok bad_seed_refused "exit $rc: $(head -2 "$D/bad.out" | tr '\n' ' ')"
fi
