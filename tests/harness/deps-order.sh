#!/bin/bash
# tests/harness/deps-order.sh: on a machine without the Debian packages, does
# every user-facing make target install them before it compiles anything?
#
# Suite `deps`, one test per target: `ok - deps/<target>`.
#
# How: a fake PATH in front of the real one.  `dpkg-query` reports nothing
# installed and `id -u` says root, so image/deps.sh decides to install;
# `apt-get` only logs its call.  The compilers and linkers (gcc, cc, ld, as)
# log their call and fail, so make stops at the first compile; the emulators
# and gdb log and exit 0.  The build goes to a fresh directory (B=...) so
# there is always something to compile.  The test passes when the log has an
# `apt-get` line before any compiler line.  (A target that compiled nothing
# at all, like `gdb`, must still have run apt-get.)
#
# The make of `make test` exports MAKEFLAGS (with LANTERN_DEPS_CHECKED=1 and
# its jobserver): the inner makes here run without it, like a user's make.
set -u
targets=(all image qemu qemu-nox qemu-gdb qemu-nox-gdb gdb bochs trace bench test grade lab-starter doctor fuzz)
[ $# -gt 0 ] && targets=("$@")

work=$(mktemp -d)
. tests/host/results.sh
R_CLEANUP='rm -rf "$work"'
r_plan deps ${#targets[@]}
mkdir "$work/bin"
log="$work/log"

fake() {   # fake NAME STATUS [OUTPUT]: logs its name, prints OUTPUT, exits STATUS
    printf '#!/bin/sh\necho %s >> "%s"\n%s\nexit %s\n' "$1" "$log" "${3:-}" "$2" \
        > "$work/bin/$1"
    chmod +x "$work/bin/$1"
}
fake dpkg-query 0
fake apt-get 0
fake id 0 'echo 0'
for t in gcc cc ld as clang; do fake "$t" 1; done
for t in qemu-system-i386 bochs gdb tmux; do fake "$t" 0; done

for target in "${targets[@]}"; do
    rm -f "$log"; rm -rf "$work/build"
    env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u LANTERN_DEPS_CHECKED \
        PATH="$work/bin:$PATH" DISPLAY= \
        timeout 120 make --no-print-directory "$target" B="$work/build" \
        < /dev/null > "$work/out" 2>&1
    first=$(grep -m1 -E '^(apt-get|gcc|cc|ld|as|clang)$' "$log" 2>/dev/null)
    if [ "$first" = apt-get ]; then
        r_ok "$target"
    else
        r_not_ok "$target" "first call was '${first:-none}', want apt-get before any compiler"
        sed 's/^/#   /' "$work/out" | tail -5
    fi
done
