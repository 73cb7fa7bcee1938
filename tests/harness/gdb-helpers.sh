#!/bin/bash
# tests/harness/gdb-helpers.sh: the tools suite's checks of the GDB helpers
# (tracer/gdb/) and of the GDB port handling, against a real boot.
#
# One boot of rs pm init gdb_probe gdb_peer (tests/guest/tools/) with
# tracing on, under `make qemu-nox-gdb` on a free port that is not the
# default one.  GDB in batch mode, with the gdbinit `make gdb` generates,
# runs tests/harness/gdb_helpers_check.py, which compares each helper's
# output with what the kernel and RS told gdb_probe (GETINFO_PROCTAB,
# PRIV_QUERY, RS's public table).  The trace tail is compared here with the
# host tracer's reading of a RAM dump taken at the same stop.  Results:
#   tools/gdb-ps, gdb-priv, gdb-grants, gdb-break-proc   (from GDB's CHECK lines)
#   tools/gdb-stop-hook     the line printed at kmain and at gdb_probe_ready
#   tools/gdb-trace-tail    lantern-trace-tail -r == lantern-trace on a dump
#   tools/gdb-ps-waits      what lantern-ps says blocked processes wait for ==
#                           the open blocked spans the tracer finds in that dump
#   tools/gdb-port-busy     a second make qemu-nox-gdb on the same port
#   tools/gdb-no-qemu       make gdb with nothing on the port
#   tools/print-gdbport     the port make prints is the one QEMU and GDB use
# Waits end on a condition with a deadline (r_wait), never after a sleep.
set -u
: "${B:=build}" "${MAKE:=make}"
. tests/host/results.sh
r_plan tools 10
dir=$B/test-work/tools-gdb-helpers
logs=$B/test-logs
rm -rf "$dir"
mkdir -p "$dir"
progs="rs pm init gdb_probe gdb_peer"
qpid=
R_CLEANUP='[ -n "$qpid" ] && kill -- -"$qpid" 2>/dev/null; rm -rf "$dir"; rmdir "$B/test-work" 2>/dev/null'

. tests/harness/ports.sh
pick_test_port

keep_logs() {
    mkdir -p "$logs"
    cp "$dir/qemu.log" "$logs/tools-gdb-helpers.log" 2>/dev/null
    cp "$dir/gdb.out" "$logs/tools-gdb-helpers.gdb" 2>/dev/null
    echo "#   logs: $logs/tools-gdb-helpers.log, $logs/tools-gdb-helpers.gdb"
}
# fail_all REASON: every result not printed yet fails with REASON
fail_all() {
    for t in gdb-ps gdb-priv gdb-grants gdb-break-proc gdb-stop-hook gdb-trace-tail \
             gdb-ps-waits gdb-port-busy gdb-no-qemu print-gdbport; do
        r_not_ok "$t" "$1"
    done
    keep_logs
    exit
}
[ -n "$port" ] || fail_all "no free TCP port"

$MAKE --no-print-directory -s gdbinit B="$B" GDBPORT="$port" GDBINIT="$dir/gdbinit" \
    PROGRAMS="$progs" > "$dir/make.out" 2>&1 || fail_all "make gdbinit failed"
setsid $MAKE --no-print-directory qemu-nox-gdb B="$B" GDBPORT="$port" PROGRAMS="$progs" \
    CMDLINE="trace=all tracesize=64" < /dev/null > "$dir/qemu.log" 2>&1 &
qpid=$!
listening_or_gone() { listening "$port" || ! kill -0 "$qpid" 2>/dev/null; }
R_DEADLINE=30 r_wait listening_or_gone
listening "$port" || fail_all "QEMU did not open GDB port $port: $(tail -n 1 "$dir/qemu.log")"

. tests/harness/gdb-port-checks.sh
port_busy_check

cat > "$dir/cmds" <<CMDS
source tests/harness/gdb_helpers_check.py
python OUT.update(tail='$dir/tail.txt', ps='$dir/ps.txt', ram='$dir/ram.bin', ram_size=128 << 20)
python main()
CMDS
timeout 180 gdb -batch -n -x "$dir/gdbinit" -x "$dir/cmds" < /dev/null > "$dir/gdb.out" 2>&1
failed=0
for t in gdb-ps gdb-priv gdb-grants gdb-break-proc; do
    line=$(grep -m1 "^CHECK $t " "$dir/gdb.out")
    case "$line" in
    "CHECK $t ok") r_ok "$t" ;;
    "CHECK $t fail "*) r_not_ok "$t" "${line#CHECK $t fail }"; failed=1 ;;
    *) r_not_ok "$t" "no result from GDB: $(grep -m1 -E '^CHECK (error|setup)|Error|rror' \
                      "$dir/gdb.out")"; failed=1 ;;
    esac
done

. tests/harness/gdb-output-checks.sh
stop_hook_check
tail_check
waits_check

# QEMU's session: SIGTERM, and SIGKILL if the port is still open after 10 s.
kill -- -"$qpid" 2>/dev/null
R_DEADLINE=10 r_wait eval '! listening "$port"' || kill -KILL -- -"$qpid" 2>/dev/null
wait "$qpid" 2>/dev/null
qpid=
no_qemu_check
print_port_check
if [ "$failed" = 0 ]; then
    rm -f "$logs/tools-gdb-helpers.log" "$logs/tools-gdb-helpers.gdb"
else
    keep_logs
fi
