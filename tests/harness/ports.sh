# tests/harness/ports.sh: TCP ports for the GDB tests (sourced, bash).
#
#   listening PORT    is anything listening on PORT?
#   pick_test_port    sets $default to this user's default GDB port (as
#                     image/Makefrag computes it) and $port to a free port
#                     that is not it (so a student's `make qemu-gdb` and a
#                     test never meet), or to "" when 8 tries found none
listening() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

pick_test_port() {
    local p
    default=$(( $(id -u) % 5000 + 25000 ))
    port=
    for _ in 1 2 3 4 5 6 7 8; do
        p=$(( 30000 + RANDOM % 5000 ))
        [ "$p" -ne "$default" ] && ! listening "$p" && { port=$p; return; }
    done
}
