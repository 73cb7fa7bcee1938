#!/bin/bash
# image/doctor.sh: `make doctor`, a check of the tools Lantern needs.
#
#   GDBPORT=n QEMU=qemu-system-i386 bash image/doctor.sh
#
# image/deps.sh asks dpkg whether the packages are installed; this asks the
# tools themselves whether they work as the build and the targets use them:
# gcc must link 32-bit code (gcc-multilib's libgcc), QEMU must have TCG and
# isa-debug-exit, GDB must have Python (the helpers in tracer/gdb/), Bochs
# its term display, and the GDB port must be free.  A tool found on PATH
# that is not Debian's (pyenv, a hand-built QEMU) is checked like any other.
#
# One line per check: "ok" with the version, or "PROBLEM" with what is
# wrong; then exactly what to do: one `sudo apt-get install -y ...` for
# every missing package, and the settings to change.  Exit status 1 if
# anything needs doing.  Nothing is installed or changed here.
set -u
GDBPORT=${GDBPORT:-$(( $(id -u) % 5000 + 25000 ))}
QEMU=${QEMU:-qemu-system-i386}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pkgs=()
settings=()

ok() { printf '  ok       %-10s %s\n' "$1" "$2"; }
# problem WHAT MESSAGE [PACKAGE]: PACKAGE is what to apt-get install
problem() {
    printf '  PROBLEM  %-10s %s\n' "$1" "$2"
    [ -n "${3:-}" ] && pkgs+=("$3")
}
have() { command -v "$1" > /dev/null 2>&1; }
first_line() { "$@" 2>&1 | head -n 1; }

check_gcc() {
    have gcc || { problem gcc "no gcc on PATH" gcc; return; }
    local v lib
    v=$(gcc -dumpfullversion 2>/dev/null)
    lib=$(gcc -m32 -print-libgcc-file-name 2>/dev/null)
    printf 'int f(unsigned long long a, unsigned b) { return a %% b; }\n' > "$tmp/t.c"
    if [ ! -f "$lib" ] || ! gcc -m32 -ffreestanding -nostdlib -shared -o "$tmp/t.so" \
            "$tmp/t.c" "$lib" > "$tmp/gcc.out" 2>&1; then
        problem gcc "gcc $v cannot link 32-bit code (no -m32 libgcc)" gcc-multilib
    else
        ok gcc "$v, links -m32 code ($lib)"
    fi
    if ! ld -V 2>/dev/null | grep -q elf_i386; then
        problem ld "ld has no elf_i386 emulation" binutils
    else
        ok ld "$(first_line ld -V | sed 's/.*) //')"
    fi
}

check_qemu() {
    have "$QEMU" || { problem qemu "no $QEMU on PATH" qemu-system-x86; return; }
    local v
    v=$(first_line "$QEMU" --version | sed 's/^QEMU emulator version //')
    if ! "$QEMU" -accel help 2>/dev/null | grep -qx tcg; then
        problem qemu "$QEMU $v has no TCG accelerator" qemu-system-x86
    elif ! "$QEMU" -device help 2>/dev/null | grep -q '"isa-debug-exit"'; then
        problem qemu "$QEMU $v has no isa-debug-exit device (tests power off with it)" qemu-system-x86
    else
        ok qemu "$v (TCG, isa-debug-exit)"
    fi
    if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
        ok kvm "/dev/kvm usable (Lantern runs on TCG, -accel tcg, anyway: same timing everywhere)"
    else
        ok kvm "no usable /dev/kvm: TCG only, which is what Lantern uses (nothing to do)"
    fi
}

check_bochs() {
    have bochs || { problem bochs "no bochs on PATH (make bochs, the Bochs test runs)" bochs; return; }
    local v
    v=$(dpkg-query -W -f='${Version}' bochs 2>/dev/null)
    if ! ls /usr/lib/*/bochs/plugins/ /usr/lib/bochs/plugins/ 2>/dev/null | grep -q '^libbx_term'; then
        problem bochs "bochs ${v:-?} has no term display (display_library: term)" bochs-term
    else
        ok bochs "${v:-version unknown (not a Debian package)}, term display"
    fi
    [ -f /usr/share/bochs/BIOS-bochs-latest ] || problem bochs "no BIOS image" bochsbios
}

check_gdb() {
    have gdb || { problem gdb "no gdb on PATH" gdb; return; }
    local v py
    v=$(first_line gdb --version | sed 's/^GNU gdb //')
    py=$(gdb -n -batch -ex 'python import sys; print(sys.version.split()[0])' 2>/dev/null | tail -n 1)
    if [ -z "$py" ]; then
        problem gdb "gdb $v has no Python (the helpers in tracer/gdb/ need it): use Debian's gdb" gdb
    elif ! gdb -n -batch -ex 'set architecture i386' > /dev/null 2>&1; then
        problem gdb "gdb $v does not know i386" gdb
    else
        ok gdb "$v, Python $py, i386"
    fi
}

check_libs() {
    local v
    v=$(pkg-config --modversion ncursesw 2>/dev/null ||
        sed -n 's/^#define NCURSES_VERSION "\(.*\)"/\1/p' /usr/include/curses.h 2>/dev/null)
    [ -n "$v" ] && ok ncurses "$v" || problem ncurses "no ncurses headers (the tracer UI)" libncurses-dev
    v=$(sed -n 's/^#define SQLITE_VERSION *"\(.*\)"/\1/p' /usr/include/sqlite3.h 2>/dev/null)
    [ -n "$v" ] && ok sqlite "library $v" || problem sqlite "no SQLite headers (the tracer)" libsqlite3-dev
    if have sqlite3; then ok sqlite3 "$(sqlite3 --version | cut -d' ' -f1) (command line)"
    else problem sqlite3 "no sqlite3 command (the tests query trace databases)" sqlite3; fi
    [ -f /usr/include/cmocka.h ] && ok cmocka "headers present" ||
        problem cmocka "no cmocka headers (host unit tests)" libcmocka-dev
}

check_image() {
    have grub-mkrescue && [ -d /usr/lib/grub/i386-pc ] && ok grub "$(grub-mkrescue --version |
        sed 's/.*(GRUB) //'), i386-pc" || problem grub "no grub-mkrescue for i386-pc (make image)" grub-pc-bin
    have xorriso && ok xorriso "$(first_line xorriso -version | cut -d' ' -f2)" ||
        problem xorriso "no xorriso (make image)" xorriso
    have mformat && ok mtools "$(first_line mformat --version | sed 's/.* //')" ||
        problem mtools "no mtools (make image)" mtools
    have tmux && ok tmux "$(tmux -V)" || problem tmux "no tmux (the tracer UI tests)" tmux
}

# A free port to suggest: the next ones after $1 that nothing listens on.
free_port() {
    local p=$1
    while [ $((p += 1)) -lt 65535 ]; do
        ss -Hltn "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return; }
    done
}

check_port() {
    have ss || { problem gdbport "no ss to check GDB port $GDBPORT" iproute2; return; }
    if ss -Hltn "sport = :$GDBPORT" 2>/dev/null | grep -q .; then
        local p
        p=$(free_port "$GDBPORT")
        problem gdbport "$GDBPORT is in use (a QEMU left running? make print-gdbport shows yours)"
        settings+=("stop the program on port $GDBPORT, or use another port with every target:"
               "    make qemu-gdb GDBPORT=$p     and     make gdb GDBPORT=$p")
    else
        ok gdbport "$GDBPORT is free (make print-gdbport)"
    fi
}

echo "make doctor: the tools Lantern uses"
check_gcc; check_qemu; check_bochs; check_gdb; check_libs; check_image; check_port
if [ ${#pkgs[@]} -eq 0 ] && [ ${#settings[@]} -eq 0 ]; then
    echo "Everything Lantern needs is here."
    exit 0
fi
echo "To do:"
if [ ${#pkgs[@]} -gt 0 ]; then
    list=$(printf '%s\n' "${pkgs[@]}" | sort -u | tr '\n' ' ')
    echo "    sudo apt-get update && sudo apt-get install -y ${list% }"
fi
for line in "${settings[@]}"; do echo "    $line"; done
exit 1
