#!/bin/sh
# image/mkiso.sh OUT.iso KERNEL.elf "CMDLINE" PROG.elf|DATA [PROG.elf|DATA...]
#
# Builds a GRUB (multiboot v1) boot ISO: the kernel as /boot/lantern.elf and
# each program as /boot/<name>.elf, passed as a module whose string is
# "/boot/<name>.elf <name>"; any other file is a data module (RAM-disk
# image), "/boot/<file>".  grub.cfg comes from image/grub.cfg.in.
# Used by `make image` and by the test runner (boot=iso runs).
set -eu
[ $# -ge 3 ] || { echo "usage: $0 OUT.iso KERNEL.elf CMDLINE [PROG.elf...]" >&2; exit 2; }
out=$1 kernel=$2 cmdline=$3
shift 3
here=$(dirname "$0")
stage=$out.d
rm -rf "$stage"
mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/lantern.elf"
mods=""
for elf in "$@"; do
    case $elf in
    *.elf)
        name=$(basename "$elf" .elf)
        cp "$elf" "$stage/boot/$name.elf"
        mods="$mods    module /boot/$name.elf $name
";;
    *)  # a data module (a disk image): the kernel keeps it, never runs it
        name=$(basename "$elf")
        cp "$elf" "$stage/boot/$name"
        mods="$mods    module /boot/$name
";;
    esac
done
# Substitute with awk (no sed metacharacter trouble in the command line).
CMDLINE=$cmdline MODULES=$mods awk '
    /@MODULES@/ { printf "%s", ENVIRON["MODULES"]; next }
    { gsub(/@CMDLINE@/, ENVIRON["CMDLINE"]); print }
' "$here/grub.cfg.in" > "$stage/boot/grub/grub.cfg"
log=$out.log
if ! grub-mkrescue -o "$out.tmp" "$stage" >"$log" 2>&1; then
    cat "$log" >&2
    rm -rf "$stage" "$out.tmp"
    exit 1
fi
mv "$out.tmp" "$out"
rm -rf "$stage" "$log"
