#!/bin/bash
# tests/harness/bench.sh: `make bench`.  Runs the bench suite of
# tests/suites.txt and the boot timing through lantern-test, measures a clean
# build, appends the tracer's numbers if the tracer is built, and prints the
# table.
# Output: $B/bench.tsv, lines "metric<TAB>value<TAB>unit".  Never fails on
# speed: the exit status is non-zero only if something could not run at all.
set -u
: "${B:=build}" "${MAKE:=make}" "${BOOT_PROGRAMS:=rs vm pm init service trace}"
tsv=$B/bench.tsv
clean=$B/bench-clean

runner=("$B/tests/harness/lantern-test" -B "$B" --bench "$tsv"
        --boot-programs "$BOOT_PROGRAMS")
[ -n "${LANTERN_QEMU:-}" ] && runner+=(-q "$LANTERN_QEMU")
"${runner[@]}" || exit 1

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
