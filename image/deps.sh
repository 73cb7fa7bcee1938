#!/bin/sh
# image/deps.sh: the one dependency check for Lantern.
#
#   sh image/deps.sh [GROUP...]      groups: build run bochs debug tracer test
#                                    (default: all of them)
#
# Checks with dpkg-query (fast, no network) that the Debian packages the build,
# the emulators, the debugger, the tracer and the tests need are installed.
# Quiet when everything is present.  If something is missing: as root it runs
# `apt-get update` and installs the missing packages; otherwise it prints the
# exact command to run and exits 1.

set -eu

pkgs_build="gcc-multilib"
pkgs_run="qemu-system-x86 grub-pc-bin grub-common xorriso mtools"
pkgs_bochs="bochs bochsbios vgabios bochs-term"
pkgs_debug="gdb tmux iproute2"
pkgs_tracer="libncurses-dev libsqlite3-dev libcmocka-dev sqlite3"
pkgs_test="libcmocka-dev clang python3"

[ $# -gt 0 ] || set -- build run bochs debug tracer test

want=""
for g in "$@"; do
    case "$g" in
    build)  want="$want $pkgs_build" ;;
    run)    want="$want $pkgs_run" ;;
    bochs)  want="$want $pkgs_bochs" ;;
    debug)  want="$want $pkgs_debug" ;;
    tracer) want="$want $pkgs_tracer" ;;
    test)   want="$want $pkgs_test" ;;
    all)    want="$want $pkgs_build $pkgs_run $pkgs_bochs $pkgs_debug $pkgs_tracer $pkgs_test" ;;
    *) echo "deps.sh: unknown group '$g' (build run bochs debug tracer test all)" >&2
       exit 2 ;;
    esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "deps.sh: not a Debian system (no dpkg-query); make sure these are installed:" >&2
    echo "   $want" >&2
    exit 0
fi

# One dpkg-query call for all packages (about 30 ms); unknown packages print
# nothing, so compare the installed list against the wanted list.
want=$(printf '%s\n' $want | sort -u)
installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' $want 2>/dev/null |
            awk '$1 == "ii" { sub(/:.*/, "", $2); print $2 }' | sort -u)
missing=""
for p in $want; do
    case " $(echo $installed) " in
    *" $p "*) ;;
    *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

missing=${missing# }
if [ "$(id -u)" -ne 0 ]; then
    echo "Lantern needs these Debian packages, which are not installed:" >&2
    echo "    $missing" >&2
    echo "Install them with:" >&2
    echo "    sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y $missing" >&2
    exit 1
fi

echo "deps.sh: installing missing packages: $missing" >&2
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
