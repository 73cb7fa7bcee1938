"""labs/grader/runs.py: boots a lab's runs with the harness, reads results.

Each run of the lab's suites.txt is one fresh boot: `lantern-test -f
suites.txt -k RUN`, one call per run, so each run's duration is measured on
its own.  Results are only the harness's `ok - ` / `not ok - ` lines, which
it prints from frames of the framed, nonce-protected result channel; the
console is never parsed for results.  -k keeps the run's logs: the console
and the port-0xE9 trace stream go to the grade folder (grade.py removes the
console again when no test graded on that run failed).
"""
import os
import random
import re
import shutil
import subprocess
import time

RESULT = re.compile(r"^(not ok|ok) - (\S+?)(?:: (.*))?$")


def list_runs(harness, suites):
    out = subprocess.run([harness, "-f", suites, "-l"], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError("lantern-test -l: " + out.stderr.strip())
    return [l for l in out.stdout.split("\n") if l.strip()]


def _parse(stdout):
    results, info, tail = {}, [], []
    for line in stdout.split("\n"):
        m = RESULT.match(line)
        if m:
            results[m.group(2)] = {"ok": m.group(1) == "ok", "reason": m.group(3) or ""}
        elif line.startswith("#   | "):
            tail.append(line[6:])
        elif line.startswith("#") and not line.lstrip("# ").startswith("logs:"):
            info.append(line.lstrip("# ").rstrip())     # (its log files: moved)
    return results, info, tail


def boot(harness, build, suites, qemu, run, out_dir, seed=None):
    """Boot one run; returns a dict describing it (see docs/grading.md).
    seed: a SEED for this boot only (RETRY), else the environment's."""
    cmd = [harness, "-B", build, "-f", suites, "-k"]
    if qemu:
        cmd += ["-q", qemu]
    env = dict(os.environ)
    if seed is not None:
        env["SEED"] = str(seed)
    t0 = time.monotonic()
    out = subprocess.run(cmd + [run], capture_output=True, text=True, env=env)
    took = time.monotonic() - t0
    results, info, tail = _parse(out.stdout)
    base = os.path.join(build, "test-logs", run.replace("/", "-"))
    keep = lambda ext, dst: (shutil.copyfile(base + ext, dst), dst)[1] \
        if os.path.exists(base + ext) else None
    failed = out.returncode != 0 or any(not r["ok"] for r in results.values())
    os.makedirs(out_dir, exist_ok=True)
    name = run.replace("/", "-")
    rec = {"run": run, "duration_s": round(took, 3), "harness_status": out.returncode,
           "failed": failed, "info": info, "console_tail": tail, "results": results,
           "seed": env.get("SEED") or None,
           "console": keep(".log", os.path.join(out_dir, name + ".console")),
           "trace": keep(".trace", os.path.join(out_dir, name + ".trace"))}
    for ext in (".log", ".results", ".trace", ".emulator", ".bochs"):
        if os.path.exists(base + ext):
            os.remove(base + ext)
    if out.returncode not in (0, 1):
        rec["error"] = (out.stderr.strip() or "lantern-test exited %d" % out.returncode)
    return rec


def retry(harness, build, suites, qemu, run, out_dir, times):
    """RETRY=n: boot a failed run n more times, each with a fresh random
    seed (jitter on, -icount: each one replays with make grade SEED=<s>).
    Returns [{"seed", "failed", "failures"}]; the score stays the first
    run's, this only says whether the failure depends on the seed."""
    tries = []
    for _ in range(times):
        seed = random.randrange(1, 1000000000)
        rec = boot(harness, build, suites, qemu, run, os.path.join(out_dir, "retry"), seed)
        bad = sorted(n for n, r in rec["results"].items() if not r["ok"])
        tries.append({"seed": seed, "failed": rec["failed"], "failures": bad})
    return tries
