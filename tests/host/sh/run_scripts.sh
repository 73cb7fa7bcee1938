#!/bin/sh
# tests/host/sh/run_scripts.sh: the userland scripts through the host build
# of our shell.
#
#   sh tests/host/sh/run_scripts.sh BIN DIR
#
# BIN holds the host-built sh and commands (tests/host/sh/Makefrag); DIR is
# tests/userland.  Each case DIR/NAME.sh runs as `BIN/sh DIR/NAME.sh` in a
# fresh empty directory (the script stays where it is) (also its HOME) with PATH=BIN:/bin:/usr/bin, and
# must print exactly DIR/NAME.out on stdout and exit with DIR/NAME.status.
# NAME.guest.sh cases check Lantern-only output (ps's columns) and are
# left to the guest suite.
# Prints "ok - sh/script_NAME" or "not ok - sh/script_NAME: <reason>";
# a case without its .out or .status file fails; exits 1 if any failed.
# A case that runs longer than 60 s is killed by timeout(1) and fails.
bin=$(cd "$1" && pwd) || exit 1
dir=$(cd "$2" && pwd) || exit 1
failed=0; n=0
for script in "$dir"/*.sh; do
    name=$(basename "$script" .sh)
    case $name in *.guest) continue ;; esac     # Lantern-only output
    n=$((n + 1))
    res="sh/script_$name"
    if [ ! -f "$dir/$name.out" ] || [ ! -f "$dir/$name.status" ]; then
        echo "not ok - $res: no $name.out or $name.status"; failed=1; continue
    fi
    work=$(mktemp -d) || exit 1
    (cd "$work" && HOME="$work" PATH="$bin:/bin:/usr/bin" \
        timeout 60 "$bin/sh" "$script" > "$work/.stdout" 2> "$work/.stderr")
    rc=$?
    want=$(cat "$dir/$name.status")
    if [ "$rc" != "$want" ]; then
        echo "not ok - $res: status $rc, expected $want ($(head -c 200 "$work/.stderr" | tr '\n' ' '))"
        failed=1
    elif ! cmp -s "$work/.stdout" "$dir/$name.out"; then
        echo "not ok - $res: stdout differs: $(diff "$dir/$name.out" "$work/.stdout" | head -5 | tr '\n' ' ')"
        failed=1
    else
        echo "ok - $res"
    fi
    rm -rf "$work"
done
[ "$n" -gt 0 ] || { echo "not ok - sh/scripts: no scripts in $dir"; exit 1; }
exit $failed
