"""labs/grader/report.py: scores, the printed report and results.json.

score() turns one lab's rubric and its results into graded tests: the
points of a passed test, 0 for a failed or missing one (with the reason, and
for a failed check its expected and actual values, and a unified diff when
they are text of several lines), subtotals per group.  print_lab() prints
them as `ok - suite/test [p/P]` / `not ok - suite/test: reason [0/P]`, with
the kept console of the failing run.  The JSON layout is in docs/grading.md.
"""
import difflib
import re

GOT_WANT = re.compile(r"got (.*), want (.*)$")


def _diff(expected, actual):
    """A unified diff for text (a value with a newline, e.g. rows of a
    table); None for a single value, where expected/actual say it all."""
    if "\n" not in expected and "\n" not in actual:
        return None
    return "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        "expected", "actual"))


def _missing_reason(name, runs):
    suite = name.split("/")[0]
    mine = [r for r in runs if r["run"].split("/")[0] == suite]
    if not mine:
        return "no run of suite %s in suites.txt" % suite
    why = ["%s: %s" % (n, r["reason"]) for run in mine
           for n, r in run["results"].items() if not r["ok"]]
    why += [run["error"] for run in mine if run.get("error")]
    return "no result" + (" (" + "; ".join(why)[:300] + ")" if why else "")


def _graded(t, res, runs):
    g = dict(t, max_points=t["points"], points=0, ok=False, expected=None, actual=None,
             diff=None, run=None, console=None, duration_s=None, seed=None)
    if res is None:
        g["reason"] = _missing_reason(t["name"], runs)
    else:
        g.update(ok=res["ok"], reason=res.get("reason", ""),
                 points=t["points"] if res["ok"] else 0)
        if "expected" in res:
            g["expected"], g["actual"] = res["expected"], res["actual"]
        elif not res["ok"] and GOT_WANT.search(g["reason"]):
            m = GOT_WANT.search(g["reason"])
            g["actual"], g["expected"] = m.group(1), m.group(2)
        if not res["ok"] and g["expected"] is not None:
            g["diff"] = _diff(g["expected"], g["actual"] or "")
    run = res.get("run") if res else None
    run = run or next((r for r in runs if r["run"].split("/")[0] == t["name"].split("/")[0]), None)
    if run:
        g.update(run=run["run"], duration_s=run["duration_s"], seed=run["seed"],
                 console=run["console"] if not g["ok"] else None)
    return g


def score(groups, tests, results, runs):
    """results: name -> dict(ok, reason[, expected, actual][, run])."""
    graded = [_graded(t, results.get(t["name"]), runs) for t in tests]
    subtotals = [{"id": gr["id"], "title": gr["title"],
                  "points": sum(t["points"] for t in graded if t["group"] == gr["id"]),
                  "max_points": sum(t["max_points"] for t in graded if t["group"] == gr["id"])}
                 for gr in groups]
    run_names = {r["run"] for r in runs}
    extra = sorted(set(results) - {t["name"] for t in tests} - run_names)
    return graded, subtotals, extra


def _indent(text, prefix):
    return "\n".join(prefix + l for l in text.rstrip("\n").split("\n"))


def print_failure(t):
    if t["expected"] is not None and t["diff"]:
        print("#     expected:")
        print(_indent(t["expected"] or "(no rows)\n", "#       "))
        print("#     actual:")
        print(_indent(t["actual"] or "(no rows)\n", "#       "))
        print("#     diff:")
        print(_indent(t["diff"], "#       "))
    elif t["expected"] is not None:
        print("#     expected: %s" % t["expected"])
        print("#     actual:   %s" % t["actual"])
    if t["console"]:
        print("#     console of %s: %s" % (t["run"], t["console"]))


def print_retries(num, run):
    """The seed of a failed run and, with RETRY=n, how its retries went."""
    seed = run.get("seed")
    print("#   %s; rerun: make grade LAB=%s%s" % (
        "seed %s" % seed if seed else "no seed (no jitter)", num,
        " SEED=%s" % seed if seed else ""))
    tries = run.get("retries") or []
    for t in tries:
        print("#   retry SEED=%d: %s" % (t["seed"], "failed: " + ", ".join(t["failures"])
                                         if t["failed"] else "passed"))
    if tries:
        bad = [str(t["seed"]) for t in tries if t["failed"]]
        print("#   %d of %d seeds fail%s" % (len(bad), len(tries),
                                            (": " + " ".join(bad)) if bad else ""))


def print_lab(lab):
    print("== Lab %s: %s (%s)" % (lab["number"], lab["title"], lab["folder"]))
    for r in lab["runs"]:
        why = r["results"].get(r["run"], {}).get("reason") or r.get("error")
        print("# run %s: %.2f s%s" % (r["run"], r["duration_s"],
                                      (": " + why) if why else ", failed" if r["failed"] else ""))
        if r["failed"]:
            print_retries(lab["number"], r)
    for gr in lab["groups"]:
        print("  %s" % gr["title"])
        for t in (t for t in lab["tests"] if t["group"] == gr["id"]):
            if t["ok"]:
                print("ok - %s [%d/%d]" % (t["name"], t["points"], t["max_points"]))
            else:
                print("not ok - %s: %s [0/%d]" % (t["name"], t["reason"], t["max_points"]))
                print_failure(t)
        print("  subtotal: %d/%d" % (gr["points"], gr["max_points"]))
    for name in lab["not_in_rubric"]:
        print("# %s reported a result but is not in the rubric (no points)" % name)
    print("Lab %s: %d/%d" % (lab["number"], lab["points"], lab["max_points"]))
