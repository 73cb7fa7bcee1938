-- labs/1-boot-rs/answers.sql: your answers to Lab 1's trace questions
-- (README.md, "Part 3").  The grader records the boot of its run lab1/main
-- (trace=all), ingests it with lantern-trace, runs each query below on that
-- database (read-only) and compares the rows with the answer it computes
-- itself from the raw events.  Keep the "-- Qn:" lines: they split the file.
-- One SELECT per question; the order of rows matters where the question says
-- so.  Try them with:  build/tracer/lantern-trace query build/trace.db "..."
-- or sqlite3 on the database `make grade` keeps (build/grade/lab1-trace.db).

-- Q1: In the order RS sent them, the label of every process that received a
-- SEF init request (message type RS_INIT = 1812, sent by rs with IPC_SENDA).
-- One column (label), one row per request, restarts included.
-- LAB 1 BEGIN
SELECT e.label
FROM event AS ev
JOIN endpoint AS e ON e.run_id = ev.run_id AND e.ep = ev.peer
JOIN endpoint AS r ON r.run_id = ev.run_id AND r.ep = ev.ep AND r.label = 'rs'
JOIN event_type AS t ON t.id = ev.type AND t.name = 'IPC_SENDA'
WHERE ev.m_type = 1812 AND ev.flags & 256 = 0
ORDER BY ev.id;
-- LAB 1 STUB
-- SELECT 'not answered yet';
-- LAB 1 END

-- Q2: For each of those requests, in the same order: the label and how long
-- the service took to answer, in the trace's time units: the ts of its own
-- RS_INIT message to rs (IPC_SENDA) minus the ts of RS's request.
-- Two columns (label, took).
-- LAB 1 BEGIN
WITH req AS (
    SELECT ev.id, ev.ts, ev.run_id, ev.peer AS svc
    FROM event AS ev JOIN event_type AS t ON t.id = ev.type AND t.name = 'IPC_SENDA'
    JOIN endpoint AS r ON r.run_id = ev.run_id AND r.ep = ev.ep AND r.label = 'rs'
    WHERE ev.m_type = 1812 AND ev.flags & 256 = 0),
ans AS (
    SELECT ev.id, ev.ts, ev.run_id, ev.ep AS svc
    FROM event AS ev JOIN event_type AS t ON t.id = ev.type AND t.name = 'IPC_SENDA'
    JOIN endpoint AS r ON r.run_id = ev.run_id AND r.ep = ev.peer AND r.label = 'rs'
    WHERE ev.m_type = 1812 AND ev.flags & 256 = 0)
SELECT e.label,
       (SELECT min(a.ts) FROM ans AS a
        WHERE a.run_id = q.run_id AND a.svc = q.svc AND a.id > q.id) - q.ts AS took
FROM req AS q JOIN endpoint AS e ON e.run_id = q.run_id AND e.ep = q.svc
ORDER BY q.id;
-- LAB 1 STUB
-- SELECT 'not answered yet', 0;
-- LAB 1 END

-- Q3: Every endpoint echo had during the run, in the order they first
-- appeared, with its process slot and generation.
-- Three columns (ep, slot, generation).
-- LAB 1 BEGIN
SELECT ep, slot, generation FROM endpoint WHERE label = 'echo' ORDER BY first_id;
-- LAB 1 STUB
-- SELECT 0, 0, 0;
-- LAB 1 END

-- Q4: Every IPC the kernel refused with ECALLDENIED (an IPC_FAIL event):
-- the label of the process that tried and the label of the one it tried to
-- reach, in trace order.  Two columns (sender, target).
-- LAB 1 BEGIN
SELECT s.label, d.label
FROM event AS ev
JOIN event_type AS t ON t.id = ev.type AND t.name = 'IPC_FAIL'
JOIN errno_name AS n ON n.code = ev.status AND n.name = 'ECALLDENIED'
JOIN endpoint AS s ON s.run_id = ev.run_id AND s.ep = ev.ep
JOIN endpoint AS d ON d.run_id = ev.run_id AND d.ep = ev.peer
ORDER BY ev.id;
-- LAB 1 STUB
-- SELECT 'not answered yet', '';
-- LAB 1 END
