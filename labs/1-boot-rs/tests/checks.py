"""labs/1-boot-rs/tests/checks.py: Lab 1's host checks, the trace questions.

The grader (labs/grader/grade.py) imports this file from the pristine copy of
the lab (GRADE_REF) and calls run(db, answers).  `db` is the SQLite trace
database of the graded boot (run TRACE_RUN, ingested with lantern-trace);
`answers` is the student's answers.sql.  Each question's reference answer is
computed here, from the raw `event` rows with plain Python loops, not with
SQL over the tracer's views: a student's query is compared with an answer
reached another way, on the same boot.  A question passes when its rows are
equal, in order, to the reference rows (values compared as text).
"""
import re
import sqlite3
import time

TRACE_RUN = "lab1/main"
ANSWERS = "answers.sql"
RS_INIT = 1812
QUESTIONS = [("Q1", "lab1/sql_boot_order"), ("Q2", "lab1/sql_init_latency"),
             ("Q3", "lab1/sql_echo_endpoints"), ("Q4", "lab1/sql_refused")]


def _events(con):
    """Kernel records (not implied events) in id order, with type names."""
    names = dict(con.execute("SELECT id, name FROM event_type"))
    rows = con.execute("SELECT id, ts, type, run_id, ep, peer, m_type, status "
                       "FROM event WHERE flags & 256 = 0 ORDER BY id")
    for r in rows:
        yield dict(zip(("id", "ts", "type", "run", "ep", "peer", "m_type", "status"), r),
                   name=names.get(r[2], "?"))


def _labels(con):
    return {(run, ep): label for run, ep, label in
            con.execute("SELECT run_id, ep, label FROM endpoint")}


def reference(con):
    """The four answers, as lists of tuples of text."""
    lab = _labels(con)
    deny = con.execute("SELECT code FROM errno_name WHERE name = 'ECALLDENIED'").fetchone()
    q1, q2, q4, pending = [], [], [], []
    for e in _events(con):
        who, to = lab.get((e["run"], e["ep"])), lab.get((e["run"], e["peer"]))
        if e["name"] == "IPC_SENDA" and e["m_type"] == RS_INIT and who == "rs":
            q1.append((to,))
            pending.append([e["run"], e["peer"], to, e["ts"], None])
        elif e["name"] == "IPC_SENDA" and e["m_type"] == RS_INIT and to == "rs":
            for p in pending:               # the oldest open request of this sender
                if p[0] == e["run"] and p[1] == e["ep"] and p[4] is None:
                    p[4] = e["ts"] - p[3]
                    break
        elif e["name"] == "IPC_FAIL" and deny and e["status"] == deny[0]:
            q4.append((who, to))
    q2 = [(p[2], p[4]) for p in pending]
    eps = {}
    for run, ep, slot, gen, label, first in con.execute(
            "SELECT run_id, ep, slot, generation, label, first_id FROM endpoint"):
        if label == "echo":
            eps[(first if first is not None else 1 << 62, run, ep)] = (ep, slot, gen)
    q3 = [eps[k] for k in sorted(eps)]
    text = lambda rows: [tuple("" if v is None else str(v) for v in r) for r in rows]
    return {"Q1": text(q1), "Q2": text(q2), "Q3": text(q3), "Q4": text(q4)}


def split_answers(path):
    """{"Q1": sql, ...}: the lines after each "-- Qn:" line, comments dropped."""
    out, cur = {}, None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"--\s*(Q\d+):", line)
            if m:
                cur = m.group(1)
                out[cur] = ""
            elif cur and not line.lstrip().startswith("--"):
                out[cur] += line
    return {k: v.strip().rstrip(";").strip() for k, v in out.items()}


def _no_attach(action, *_):
    return sqlite3.SQLITE_DENY if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH) \
        else sqlite3.SQLITE_OK


def _student_rows(db, sql):
    """The student's query: read-only, no ATTACH (no other files), 10 s."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    con.execute("PRAGMA query_only = ON")
    con.set_authorizer(_no_attach)
    deadline = time.monotonic() + 10
    con.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10000)
    try:
        rows = con.execute(sql).fetchall()
    finally:
        con.close()
    return [tuple("" if v is None else str(v) for v in r) for r in rows]


def _table(rows):
    return "\n".join("|".join(r) for r in rows) + ("\n" if rows else "")


def run(db, answers):
    """One result per question: dict(name, ok, reason, expected, actual)."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    ref = reference(con)
    con.close()
    try:
        sqls = split_answers(answers)
    except OSError as e:
        sqls, missing = {}, "cannot read %s: %s" % (answers, e.strerror)
    else:
        missing = None
    results = []
    for q, name in QUESTIONS:
        res = dict(name=name, expected=_table(ref[q]), actual="")
        if q not in sqls or not sqls[q]:
            res.update(ok=False, reason=missing or "no query after '-- %s:' in %s" % (q, ANSWERS))
        else:
            try:
                got = _student_rows(db, sqls[q])
                res.update(actual=_table(got), ok=got == ref[q],
                           reason="" if got == ref[q] else
                           "%s: the query gave %d rows, not the reference's %d rows" % (q, len(got), len(ref[q])))
            except sqlite3.Error as e:
                res.update(ok=False, reason="%s: SQL error: %s" % (q, e))
        results.append(res)
    return results
