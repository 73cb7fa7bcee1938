#!/bin/bash
# tests/harness/gdb-test.sh: the tools/gdb test.  Boots with
# `make qemu-nox-gdb` on a non-default port, attaches GDB in batch mode with
# the gdbinit `make gdb` would use, and checks that it stops at kmain with a
# source file and line.  Prints one ok/not ok line (a plan,
# tests/host/results.sh, catches a script that stops before printing it).
# Waits are on a condition with a wall-clock deadline (r_wait).
set -u
: "${B:=build}" "${MAKE:=make}"
. tests/host/results.sh
name=tools/gdb
r_plan tools 1
dir=$B/test-work/tools-gdb
logs=$B/test-logs
rm -rf "$dir"
mkdir -p "$dir"

. tests/harness/ports.sh
pick_test_port
[ -n "$port" ] || { r_not_ok gdb "no free TCP port"; exit; }

fail() {
    r_not_ok gdb "$*"
    mkdir -p "$logs"
    cp "$dir/qemu.log" "$logs/tools-gdb.log" 2>/dev/null
    cp "$dir/gdb.out" "$logs/tools-gdb.gdb" 2>/dev/null
    echo "#   logs: $logs/tools-gdb.log (make qemu-nox-gdb), $logs/tools-gdb.gdb (gdb)"
    if [ -s "$dir/gdb.out" ]; then
        tail -n 8 "$dir/gdb.out" | sed 's/^/#   | /'
    fi
    [ -n "${qpid:-}" ] && kill -- -"$qpid" 2>/dev/null
    rm -rf "$dir"
    exit
}

gdbinit=$dir/gdbinit
$MAKE --no-print-directory -s gdbinit B="$B" GDBPORT="$port" GDBINIT="$gdbinit" \
    > "$dir/make.out" 2>&1 || fail "make gdbinit failed: $(tail -n 1 "$dir/make.out")"

# make (and QEMU under it) in a session of its own, so the group can be killed.
setsid $MAKE --no-print-directory qemu-nox-gdb B="$B" GDBPORT="$port" \
    < /dev/null > "$dir/qemu.log" 2>&1 &
qpid=$!

listening_or_gone() { listening "$port" || ! kill -0 "$qpid" 2>/dev/null; }
R_DEADLINE=20 r_wait listening_or_gone
listening "$port" || kill -0 "$qpid" 2>/dev/null ||
    fail "make qemu-nox-gdb exited early: $(tail -n 1 "$dir/qemu.log")"
listening "$port" || fail "QEMU did not open GDB port $port within 20 s"
grep -q "Now run 'make gdb'" "$dir/qemu.log" || fail "make qemu-nox-gdb did not print \"Now run 'make gdb'\""

timeout 60 gdb -batch -n -x "$gdbinit" < /dev/null > "$dir/gdb.out" 2>&1
kill -- -"$qpid" 2>/dev/null
wait "$qpid" 2>/dev/null
qpid=

grep -Eq '^(Breakpoint|Thread) .*kmain ' "$dir/gdb.out" || fail "GDB did not stop at kmain"
grep -Eq 'kmain .* at [^ ]+\.[cS]:[0-9]+' "$dir/gdb.out" || fail "no source file and line at kmain"
grep -Eq '^[0-9]+[[:space:]]' "$dir/gdb.out" || fail "GDB showed no source line"
where=$(grep -Eo 'at [^ ]+\.[cS]:[0-9]+' "$dir/gdb.out" | head -n 1)
r_ok gdb
echo "#   $name: stopped in kmain $where (port $port)"
rm -rf "$dir" "$logs/tools-gdb.log" "$logs/tools-gdb.gdb"
rmdir "$B/test-work" 2>/dev/null
