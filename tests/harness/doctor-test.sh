#!/bin/bash
# tests/harness/doctor-test.sh: the tools suite's checks of `make doctor`
# (image/doctor.sh).
#   tools/doctor          on this machine (every package installed by
#                         image/deps.sh, a free port): exit 0, "Everything
#                         Lantern needs is here.", and the versions it shows
#                         are the ones the tools themselves report
#   tools/doctor-problems a QEMU that is not there (QEMU=), a gdb without
#                         Python (a stub first on PATH) and a GDB port a real
#                         QEMU listens on: exit 1, a PROBLEM line for each,
#                         the one apt-get line with exactly those packages,
#                         and a GDBPORT to use that is really free
# The listening QEMU is waited for with r_wait (a deadline), not a sleep.
set -u
: "${B:=build}" "${MAKE:=make}"
. tests/host/results.sh
r_plan tools 2
dir=$B/test-work/tools-doctor
rm -rf "$dir"
mkdir -p "$dir/bin"
qpid=
R_CLEANUP='[ -n "$qpid" ] && kill -- -"$qpid" 2>/dev/null; rm -rf "$dir"; rmdir "$B/test-work" 2>/dev/null'
listening() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
free_port() {
    local p
    for _ in 1 2 3 4 5 6 7 8; do
        p=$(( 35000 + RANDOM % 5000 ))
        listening "$p" || { echo "$p"; return; }
    done
}

# ---- tools/doctor: this machine -------------------------------------------
port=$(free_port)
$MAKE --no-print-directory -s doctor GDBPORT="$port" > "$dir/ok.out" 2>&1
st=$?
gccv=$(gcc -dumpfullversion)
qemuv=$(qemu-system-i386 --version | head -n 1 | sed 's/^QEMU emulator version //')
gdbv=$(gdb --version | head -n 1 | sed 's/^GNU gdb //')
sqlv=$(sqlite3 --version | cut -d' ' -f1)
why=
[ "$st" -eq 0 ] || why="exit status $st: $(grep -m1 PROBLEM "$dir/ok.out")"
grep -q '^Everything Lantern needs is here\.$' "$dir/ok.out" || why=${why:-"no all-good line"}
for want in "gcc        $gccv," "qemu       $qemuv " "gdb        $gdbv," "sqlite3    $sqlv " \
            "gdbport    $port is free"; do
    grep -qF "ok       $want" "$dir/ok.out" || why=${why:-"no 'ok       $want' line"}
done
if [ -n "$why" ]; then r_not_ok doctor "$why"; else r_ok doctor; fi

# ---- tools/doctor-problems -------------------------------------------------
port=$(free_port)
setsid qemu-system-i386 -machine pc -accel tcg -nodefaults -display none -monitor none -S \
    -gdb tcp::"$port" < /dev/null > "$dir/qemu.log" 2>&1 &
qpid=$!
R_DEADLINE=20 r_wait listening "$port"
cat > "$dir/bin/gdb" <<'STUB'
#!/bin/sh
# a gdb built without Python
case "$*" in *--version*) echo "GNU gdb (stub) 13.1"; exit 0 ;; esac
case "$*" in *python*) echo "Python scripting is not supported in this copy of GDB." >&2; exit 1 ;; esac
exit 0
STUB
chmod +x "$dir/bin/gdb"
PATH="$PWD/$dir/bin:$PATH" GDBPORT="$port" QEMU=/nonexistent/qemu-system-i386 \
    bash image/doctor.sh > "$dir/bad.out" 2>&1
st=$?
suggested=$(grep -o 'make gdb GDBPORT=[0-9]*' "$dir/bad.out" | grep -o '[0-9]*$')
why=
listening "$port" || why="the QEMU on port $port did not listen"
[ "$st" -eq 1 ] || why=${why:-"exit status $st, want 1"}
for p in qemu gdb gdbport; do
    grep -Eq "^  PROBLEM  $p " "$dir/bad.out" || why=${why:-"no PROBLEM line for $p"}
done
grep -qx '    sudo apt-get update && sudo apt-get install -y gdb qemu-system-x86' "$dir/bad.out" ||
    why=${why:-"apt-get line: $(grep apt-get "$dir/bad.out")"}
if [ -z "$suggested" ] || listening "$suggested" || [ "$suggested" = "$port" ]; then
    why=${why:-"suggested port '${suggested}' is not a free one"}
fi
if [ -n "$why" ]; then
    r_not_ok doctor-problems "$why"
    sed 's/^/#   | /' "$dir/bad.out"
else
    r_ok doctor-problems
fi
