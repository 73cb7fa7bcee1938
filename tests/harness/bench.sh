#!/bin/bash
# tests/harness/bench.sh: `make bench`.  Runs the bench suite of
# tests/suites.txt and the boot timing through lantern-test, measures a clean
# build, appends the tracer's numbers if the tracer is built, and prints the
# table.
# Output: $B/bench.tsv, lines "metric<TAB>value<TAB>unit".  Never fails on
# speed: the exit status is non-zero only if something could not run at all.
set -u
: "${B:=build}" "${MAKE:=make}" "${BOOT_PROGRAMS:=rs pm init service trace}"
tsv=$B/bench.tsv
clean=$B/bench-clean

runner=("$B/tests/harness/lantern-test" -B "$B" --bench "$tsv"
        --boot-programs "$BOOT_PROGRAMS")
[ -n "${LANTERN_QEMU:-}" ] && runner+=(-q "$LANTERN_QEMU")
"${runner[@]}" || exit 1

# The safe-copy numbers once more under -icount shift=0, where the TSC
# counts instructions.  lantern-test keeps only ipc_roundtrip_cycles of its
# own icount=1 runs, so the bench/grant line runs here with -icount in the
# QEMU command (and no boot timing), and its cycle counts are renamed:
# safecopy_cycles_<size> -> safecopy_instructions_<size>, the 4 KiB ratio
# -> safecopy_4k_ratio_icount (a ratio of instructions).
qemu="${LANTERN_QEMU:-qemu-system-i386 -machine pc -accel tcg -m 128 -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04}"
case " $qemu " in *" -icount "*) ;; *) qemu="$qemu -icount shift=0" ;; esac
icount_tsv=$B/bench-icount.tsv
if "$B/tests/harness/lantern-test" -B "$B" -q "$qemu" --boot-samples 0 --bench "$icount_tsv" \
       -f <(grep '^bench/grant ' tests/suites.txt); then
    awk -F '\t' -v OFS='\t' '
        $1 ~ /^safecopy_cycles_/ { sub(/cycles/, "instructions", $1); $3 = "instructions"; print }
        $1 ~ /^safecopy_4k_ratio/ { sub(/safecopy_4k_ratio/, "safecopy_4k_ratio_icount", $1); print }
        $1 == "memcpy_4k_cycles" { $1 = "memcpy_4k_instructions"; $3 = "instructions"; print }
        $1 == "kcall_null_cycles" { $1 = "kcall_null_instructions"; $3 = "instructions"; print }
    ' "$icount_tsv" >> "$tsv"
else
    echo "# bench: the -icount safecopy run failed (its lines are missing)"
fi
rm -f "$icount_tsv"

# The clean build comes after the guest benchmarks, so that its aftermath
# (writeback, a busy host) does not fall on their timings.
echo "# bench: clean build into $clean"
rm -rf "$clean"
t0=$(date +%s.%N)
if $MAKE --no-print-directory -s B="$clean" all > "$B/bench-build.log" 2>&1; then
    t1=$(date +%s.%N)
    build_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
    rm -f "$B/bench-build.log"
else
    echo "# bench: the clean build failed, see $B/bench-build.log"
    build_s=
fi
rm -rf "$clean"
[ -n "$build_s" ] && printf 'build_s\t%s\ts\n' "$build_s" >> "$tsv"

# The IPC round trip's code (.text.hot) should fit one page: under QEMU a
# jump to another code page costs a block lookup (docs/benchmarks.md).
nm "$B/kernel/lantern.elf" 2>/dev/null | awk '
    $3 == "kernel_start" { s = $1 } $3 == "hot_text_end" { e = $1 }
    END { if (s != "" && e != "") print s, e }' | {
    read -r s e && printf 'kernel_hot_text_bytes\t%d\tbytes\n' $((0x$e - 0x$s)) >> "$tsv"
}

if [ -x "$B/tracer/lantern-trace" ]; then
    echo "# bench: $B/tracer/lantern-trace bench --tsv"
    if ! "$B/tracer/lantern-trace" bench --tsv >> "$tsv"; then
        echo "# bench: lantern-trace bench failed (its lines may be missing)"
    fi
fi

echo
awk -F '\t' '
    { m[NR] = $1; v[NR] = $2; u[NR] = $3
      if (length($1) > w1) w1 = length($1); if (length($2) > w2) w2 = length($2) }
    END { printf "%-" w1 "s  %" w2 "s  %s\n", "metric", "value", "unit"
          for (i = 1; i <= NR; i++) printf "%-" w1 "s  %" w2 "s  %s\n", m[i], v[i], u[i] }
' "$tsv"
echo
echo "# written to $tsv"
