#!/usr/bin/env python3
"""labs/grader/grade.py: `make grade`'s grader (docs/grading.md).

    grade.py --labs DIR --student-labs DIR --build DIR --tools DIR --out DIR
             [--lab N] [--ref NAME --ref-commit SHA] [--qemu CMD]

For each lab folder <n>-<name> under --labs (the pristine copies taken from
GRADE_REF, or the tree's own labs/ without it): boot every run of its
suites.txt (runs.py), run its host checks (tests/checks.py, given the trace
of the run it names and the student's answers file from --student-labs),
score the results against rubric.txt (report.py), print the report and
write <out>/results.json.  The last line is `Score: N/M`; the exit status
is 0 only for full marks (1 otherwise, 2 when grading itself failed).
"""
import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import env      # noqa: E402
import report   # noqa: E402
import rubric   # noqa: E402
import runs     # noqa: E402


def lab_folders(root, only):
    found = []
    for d in sorted(os.listdir(root)):
        m = re.match(r"^(\d+)-", d)
        if m and os.path.isdir(os.path.join(root, d)) and (not only or m.group(1) == str(only)):
            found.append((int(m.group(1)), d))
    return sorted(found)


def title_of(folder):
    try:
        with open(os.path.join(folder, "README.md"), encoding="utf-8") as f:
            first = f.readline().strip().lstrip("# ")
    except OSError:
        return "(no README.md)"
    return re.sub(r"^Lab \d+:\s*", "", first)


def host_checks(args, num, folder, lab_runs, out):
    """Run tests/checks.py of the pristine lab, if it has one."""
    path = os.path.join(args.labs, folder, "tests", "checks.py")
    if not os.path.exists(path):
        return {}
    spec = importlib.util.spec_from_file_location("lab%d_checks" % num, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    run = next((r for r in lab_runs if r["run"] == mod.TRACE_RUN), None)
    student = [d for n, d in lab_folders(args.student_labs, num)]
    answers = os.path.join(args.student_labs, student[0] if student else folder, mod.ANSWERS)
    db = os.path.join(out, "lab%d-trace.db" % num)
    if os.path.exists(db):
        os.remove(db)
    why = None
    if not run or not run["trace"]:
        why = "no trace stream from run %s" % mod.TRACE_RUN
    else:
        ing = subprocess.run([os.path.join(args.tools, "tracer", "lantern-trace"), "ingest",
                              "-q", "-o", db, run["trace"]], capture_output=True, text=True)
        if ing.returncode != 0 or not os.path.exists(db):
            why = "lantern-trace ingest failed: " + (ing.stderr.strip() or str(ing.returncode))
    results = {}
    for q, name in mod.QUESTIONS:
        results[name] = {"ok": False, "reason": why, "run": run}
    if why is None:
        for r in mod.run(db, answers):
            results[r["name"]] = dict(r, run=run)
    return results


def grade_lab(args, num, folder):
    src = os.path.join(args.labs, folder)
    groups, tests = rubric.parse(os.path.join(src, "rubric.txt"))
    suites = os.path.join(src, "suites.txt")
    harness = os.path.join(args.build, "tests", "harness", "lantern-test")
    logs = os.path.join(args.out, "logs")
    lab_runs = [runs.boot(harness, args.build, suites, args.qemu, r, logs)
                for r in runs.list_runs(harness, suites)]
    for r in lab_runs:
        if r["failed"] and args.retry > 0:
            r["retries"] = runs.retry(harness, args.build, suites, args.qemu, r["run"], logs,
                                      args.retry)
    results = {}
    for r in lab_runs:
        for name, res in r["results"].items():
            results[name] = dict(res, run=r)
    results.update(host_checks(args, num, folder, lab_runs, args.out))
    graded, subtotals, extra = report.score(groups, tests, results, lab_runs)
    for r in lab_runs:          # keep the console only where something failed
        if r["console"] and not r["failed"] and all(
                t["ok"] for t in graded if t["run"] == r["run"]):
            os.remove(r["console"])
            r["console"] = None
    return {"number": num, "folder": folder, "title": title_of(src), "tests": graded,
            "groups": subtotals, "runs": lab_runs, "not_in_rubric": extra,
            "points": sum(t["points"] for t in graded),
            "max_points": sum(t["max_points"] for t in graded)}


def main():
    p = argparse.ArgumentParser()
    for opt in ("--labs", "--student-labs", "--build", "--tools", "--out"):
        p.add_argument(opt, required=True)
    p.add_argument("--lab", default="")
    p.add_argument("--ref", default="")
    p.add_argument("--ref-commit", default="")
    p.add_argument("--qemu", default="")
    p.add_argument("--retry", type=int, default=0)
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.ref:
        source = "tests, rubrics and grader from commit %s (GRADE_REF=%s)" % (
            args.ref_commit, args.ref)
    else:
        source = "tests, rubrics and grader from this tree (no GRADE_REF)"
    print("# grade: " + source)
    folders = lab_folders(args.labs, args.lab)
    if not folders:
        print("# grade: no lab %s under %s" % (args.lab or "folders", args.labs))
        return 2
    labs = []
    for num, folder in folders:
        labs.append(grade_lab(args, num, folder))
        report.print_lab(labs[-1])
    total = sum(l["points"] for l in labs)
    full = sum(l["max_points"] for l in labs)
    doc = {"score": total, "max_score": full, "perfect": total == full,
           "tests_from": {"grade_ref": args.ref or None,
                          "commit": args.ref_commit or None, "description": source},
           "environment": env.collect("."), "labs": labs}
    path = os.path.join(args.out, "results.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print("# results: %s" % path)
    print("Score: %d/%d" % (total, full))
    return 0 if total == full else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (rubric.RubricError, RuntimeError, OSError) as e:
        print("grade: %s" % e, file=sys.stderr)
        sys.exit(2)
