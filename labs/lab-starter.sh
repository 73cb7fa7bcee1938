#!/bin/bash
# labs/lab-starter.sh N DEST: write lab N's starting tree (`make lab-starter`).
#
# Copies this tree's files (those git knows of or would add: tracked,
# modified and new files, not build/ nor ignored ones) to DEST, then replaces
# every LAB N region by its stub.  A region is three marker lines, each a
# comment of the file's own kind (//, # or --), alone on its line:
#
#     // LAB <n> BEGIN: what the student writes
#     ... the reference code (dropped) ...
#     // LAB <n> STUB
#     // ... the stub, commented out with the same leader (kept, uncommented) ...
#     // LAB <n> END
#
# Regions of other labs stay as they are (the reference), so the starter
# fails only lab N's tests.  An unterminated or nested region, or no region
# at all for lab N, is an error: a starter with the solution left in would
# be worse than none.
set -eu
n=${1:-}; dest=${2:-}
if ! [[ $n =~ ^[0-9]+$ ]] || [ -z "$dest" ]; then
    echo "usage: make lab-starter LAB=<n> DEST=<dir>" >&2
    exit 2
fi
if [ -e "$dest" ] && [ -n "$(ls -A "$dest" 2>/dev/null)" ]; then
    echo "lab-starter: $dest exists and is not empty" >&2
    exit 2
fi
if ! ls -d labs/"$n"-* >/dev/null 2>&1; then
    echo "lab-starter: there is no lab $n (labs/$n-*)" >&2
    exit 2
fi
mkdir -p "$dest"
git ls-files -z -c -o --exclude-standard | grep -zv '^build/' |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar -c --null -T - | tar -x -C "$dest"

# unstub FILE: rewrite FILE in place; prints the number of regions replaced.
unstub() {
    awk -v n="$n" '
    function marker(line, word,   re) {
        re = "^[ \t]*(//|#|--)[ \t]*LAB " n " " word "([^A-Za-z0-9_]|$)"
        return line ~ re
    }
    function leader(line) { sub(/^[ \t]*/, "", line); match(line, /^(\/\/|#|--)/)
                            return substr(line, 1, RLENGTH) }
    state == 0 && marker($0, "BEGIN") { state = 1; lead = leader($0); start = FNR; regions++; next }
    state == 0 && (marker($0, "STUB") || marker($0, "END")) { bad = "stray marker"; at = FNR; exit }
    state == 1 && marker($0, "STUB") { state = 2; next }
    state >= 1 && marker($0, "BEGIN") { bad = "nested BEGIN"; at = FNR; exit }
    state == 1 && marker($0, "END") { bad = "END without STUB"; at = FNR; exit }
    state == 1 { next }
    state == 2 && marker($0, "END") { state = 0; next }
    state == 2 { line = $0; sub(/^[ \t]*/, "", line)
                 if (substr(line, 1, length(lead)) != lead) { bad = "stub line not commented"; at = FNR; exit }
                 line = substr(line, length(lead) + 1); sub(/^ /, "", line); print line > out; next }
    { print > out }
    END { if (!bad && state) { bad = "region not closed"; at = start }
          if (bad) { printf "%s:%d: %s\n", FILENAME, at, bad > "/dev/stderr"; exit 1 }
          print regions + 0 }' out="$1.starter" "$1"
    mv "$1.starter" "$1"
}

total=0
cd "$dest"
while IFS= read -r -d '' f; do
    total=$((total + $(unstub "$f")))
done < <(grep -rlZE "^[[:space:]]*(//|#|--)[[:space:]]*LAB $n (BEGIN|STUB|END)" . || true)
if [ "$total" -eq 0 ]; then
    echo "lab-starter: no LAB $n regions in the tree" >&2
    exit 1
fi
echo "lab-starter: lab $n: $total regions replaced by their stubs in $dest"
