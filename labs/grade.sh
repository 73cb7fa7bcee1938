#!/bin/bash
# labs/grade.sh: what `make grade [LAB=n] [GRADE_REF=commit]` runs, after the
# tree's own build (labs/Makefrag).  Environment: B, MAKE, LAB, GRADE_REF,
# LANTERN_QEMU.
#
# Without GRADE_REF, the labs' tests, rubrics and the grader come from this
# tree.  With GRADE_REF, they come from that commit, never from the working
# tree: `git archive` extracts labs/ of the commit into $B/grade/ref, the
# tree is built again into $B/grade/build with the test programs compiled
# from those pristine copies (GRADE_TESTS), and the grader that runs is the
# commit's labs/grader.  The student's code (kernel, servers, answers.sql)
# is what gets graded.  The report and results.json say where the tests
# came from.
set -eu
: "${B:=build}" "${MAKE:=make}" "${LAB:=}" "${GRADE_REF:=}" "${LANTERN_QEMU:=}" "${RETRY:=}"
out=$B/grade
rm -rf "$out"
mkdir -p "$out"
labs=labs; grader=labs/grader; build=$B; commit=
if [ -n "$GRADE_REF" ]; then
    if ! commit=$(git rev-parse -q --verify "$GRADE_REF^{commit}"); then
        echo "grade: GRADE_REF=$GRADE_REF is not a commit of this repository" >&2
        exit 2
    fi
    mkdir -p "$out/ref"
    git archive "$commit" labs | tar -x -C "$out/ref"
    labs=$out/ref/labs; grader=$out/ref/labs/grader
    echo "# grade: building with the tests of $commit into $out/build"
    if ! $MAKE --no-print-directory -s B="$out/build" GRADE_TESTS="$labs" all \
            > "$out/build.log" 2>&1; then
        tail -20 "$out/build.log" >&2
        echo "grade: the build with the pristine tests failed ($out/build.log)" >&2
        exit 2
    fi
    build=$out/build
fi
exec python3 "$grader/grade.py" --labs "$labs" --student-labs labs --build "$build" \
    --tools "$B" --out "$out" --lab "$LAB" --ref "$GRADE_REF" --ref-commit "$commit" \
    --qemu "$LANTERN_QEMU" ${RETRY:+--retry "$RETRY"}
