# tests/harness/gdb-port-checks.sh: the GDB port checks of the tools suite,
# sourced by tests/harness/gdb-helpers.sh (which sets B, MAKE, dir, port,
# default, progs, failed and has a QEMU waiting on $port when
# port_busy_check runs).
#
#   port_busy_check   a second `make qemu-nox-gdb` on the busy port stops at
#                     once with the "already in use" message, before QEMU,
#                     and leaves the first QEMU alone
#   no_qemu_check     `make gdb` with nothing on the port says so and does
#                     not start GDB
#   print_port_check  `make print-gdbport` prints the port that qemu-gdb
#                     gives QEMU and the gdbinit gives GDB, by default
#                     (uid % 5000 + 25000) and with GDBPORT=n

port_busy_check() {
    local out=$dir/busy.out st
    timeout 120 $MAKE --no-print-directory qemu-nox-gdb B="$B" GDBPORT="$port" \
        PROGRAMS="$progs" < /dev/null > "$out" 2>&1
    st=$?
    if [ "$st" -eq 0 ] || [ "$st" -eq 124 ]; then
        r_not_ok gdb-port-busy "second make qemu-nox-gdb on port $port: exit status $st"
    elif ! grep -q "GDB port $port is already in use" "$out"; then
        r_not_ok gdb-port-busy "no 'already in use' message: $(tail -n 1 "$out")"
    elif grep -q "^qemu-system" "$out"; then
        r_not_ok gdb-port-busy "QEMU was started anyway"
    elif ! listening "$port"; then
        r_not_ok gdb-port-busy "the first QEMU is gone"
    else
        r_ok gdb-port-busy
        return
    fi
    failed=1
}

no_qemu_check() {
    local out=$dir/noqemu.out st
    R_DEADLINE=10 r_wait eval '! listening "$port"'
    timeout 60 $MAKE --no-print-directory gdb B="$B" GDBPORT="$port" GDBINIT="$dir/gdbinit" \
        PROGRAMS="$progs" < /dev/null > "$out" 2>&1
    st=$?
    if [ "$st" -eq 0 ] || ! grep -q "Nothing is listening on GDB port $port" "$out"; then
        r_not_ok gdb-no-qemu "make gdb with nothing on port $port: status $st, $(tail -n 1 "$out")"
        failed=1
    elif grep -q "^gdb " "$out"; then
        r_not_ok gdb-no-qemu "GDB was started anyway"
        failed=1
    else
        r_ok gdb-no-qemu
    fi
}

# The port of the -gdb option in `make -n qemu-nox-gdb`, and of the
# gdbinit's target remote line, for the make arguments "$@".
qemu_port() { $MAKE --no-print-directory -n qemu-nox-gdb B="$B" "$@" | grep -o -- '-gdb tcp::[0-9]*' |
              grep -o '[0-9]*$'; }
gdbinit_port() { $MAKE --no-print-directory -s gdbinit B="$B" GDBINIT="$dir/gdbinit-$1" "${@:2}" \
                 > /dev/null && grep -o 'localhost:[0-9]*' "$dir/gdbinit-$1" | grep -o '[0-9]*$'; }

print_port_check() {
    local dflt set q g q2 g2
    dflt=$($MAKE --no-print-directory -s print-gdbport B="$B")
    set=$($MAKE --no-print-directory -s print-gdbport B="$B" GDBPORT="$port")
    q=$(qemu_port); g=$(gdbinit_port d)
    q2=$(qemu_port GDBPORT="$port"); g2=$(gdbinit_port s GDBPORT="$port")
    if [ "$dflt" != "$default" ]; then
        r_not_ok print-gdbport "default port $dflt, want uid % 5000 + 25000 = $default"
    elif [ "$q" != "$dflt" ] || [ "$g" != "$dflt" ]; then
        r_not_ok print-gdbport "print-gdbport $dflt, QEMU gets $q, gdbinit has $g"
    elif [ "$set" != "$port" ] || [ "$q2" != "$port" ] || [ "$g2" != "$port" ]; then
        r_not_ok print-gdbport "GDBPORT=$port: print-gdbport $set, QEMU $q2, gdbinit $g2"
    else
        r_ok print-gdbport
        return
    fi
    failed=1
}
