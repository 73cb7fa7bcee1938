/* queries.c: canned queries for the labs (`lantern-trace query <name>`).
 * Each is plain SQL over the documented schema; ?1 is an optional numeric
 * parameter (--arg) with the default shown in the description.
 * Endpoints and call ids are per run: every lookup matches run_id too.
 * Times are shown in microseconds (table clock, clock.c; *_us columns);
 * raw ticks stay in the tables for anyone who wants them. */
#include <string.h>
#include "store.h"

/* label of endpoint column `col` of a row that has run_id column `run` */
#define LBL(run, col) "coalesce((SELECT label FROM endpoint WHERE run_id = " run \
                      " AND ep = " col "), " col ")"

const struct canned canned_queries[] = {
{ "top_talkers", "caller -> callee pairs by number of calls (top ?1, default 20)",
  "SELECT caller, callee, count(*) AS calls, sum(status != 'OK') AS failed,\n"
  "  round(avg(latency_us), 3) AS avg_latency_us, count(DISTINCT run_id) AS runs\n"
  "FROM call_view GROUP BY caller, callee ORDER BY calls DESC LIMIT coalesce(?1, 20)" },
{ "latency_percentiles", "call latency p50/p90/p99/max in microseconds per message type",
  "WITH l AS (SELECT c.m_type, c.latency / k.ticks_per_us AS us,\n"
  "  row_number() OVER (PARTITION BY c.m_type ORDER BY c.latency) AS rn,\n"
  "  count(*) OVER (PARTITION BY c.m_type) AS n FROM ipc_call c\n"
  "  JOIN clock k ON k.run_id = c.run_id WHERE c.latency IS NOT NULL)\n"
  "SELECT coalesce(m.name, l.m_type) AS m_type, max(n) AS calls,\n"
  "  round(min(CASE WHEN rn >= 0.50 * n THEN us END), 3) AS p50_us,\n"
  "  round(min(CASE WHEN rn >= 0.90 * n THEN us END), 3) AS p90_us,\n"
  "  round(min(CASE WHEN rn >= 0.99 * n THEN us END), 3) AS p99_us,\n"
  "  round(max(us), 3) AS max_us\n"
  "FROM l LEFT JOIN msg_type m ON m.id = l.m_type GROUP BY l.m_type ORDER BY p99_us DESC" },
{ "slowest_calls", "the ?1 (default 20) slowest calls and their grant operations",
  "SELECT c.run_id, c.call_id, c.caller, c.callee, c.m_type, c.latency_us, c.service_us,\n"
  "  c.status,\n"
  "  (SELECT group_concat(t.name || '(' || coalesce(x.name, g.status) || ')', ' ')\n"
  "     FROM event g JOIN event_type t ON t.id = g.type\n"
  "     LEFT JOIN errno_name x ON x.code = g.status\n"
  "     WHERE g.run_id = c.run_id AND g.call_id = c.call_id AND t.family = 'grant') AS grant_ops\n"
  "FROM call_view c WHERE c.latency IS NOT NULL\n"
  "ORDER BY c.latency DESC LIMIT coalesce(?1, 20)" },
{ "failed_safecopies", "safecopies and safemap calls that failed, with the flow that explains them",
  "SELECT g.id, g.ts, g.event AS op, " LBL("g.run_id", "g.caller") " AS caller,\n"
  "  " LBL("g.run_id", "g.granter") " AS granter, g.grant_id, g.offset, g.bytes,\n"
  "  x.name AS result, g.call_id,\n"
  "  (SELECT kind FROM flow WHERE ev_to = g.id AND kind LIKE '%>use') AS after\n"
  "FROM grant_event g LEFT JOIN errno_name x ON x.code = g.result\n"
  "WHERE (g.event LIKE 'SAFECOPY%' OR g.event LIKE 'SAFE%MAP') AND g.result != 0\n"
  "ORDER BY g.id" },
{ "longest_blocked", "endpoints blocked the longest (open spans run to the trace end)",
  "SELECT " LBL("b.run_id", "b.ep") " AS ep, " LBL("b.run_id", "b.waits_for") " AS waits_for,\n"
  "  o.name AS op, round((b.t_block - rt.t0) / rt.ticks_per_us, 3) AS t_us,\n"
  "  round((coalesce(b.t_unblock, (SELECT max(ts) FROM event WHERE run_id = b.run_id))\n"
  "   - b.t_block) / rt.ticks_per_us, 3) AS blocked_us,\n"
  "  b.t_unblock IS NULL AS still_blocked\n"
  "FROM block_span b LEFT JOIN ipc_op o ON o.id = b.op\n"
  "LEFT JOIN run_time rt ON rt.run_id = b.run_id\n"
  "ORDER BY blocked_us DESC LIMIT coalesce(?1, 20)" },
{ "deadlock_cycles", "cycles in the waits-for graph of processes still blocked at the end",
  "WITH RECURSIVE w(run_id, ep, waits_for) AS (\n"
  "  SELECT run_id, ep, waits_for FROM block_span b WHERE t_unblock IS NULL\n"
  "   AND id = (SELECT max(id) FROM block_span c WHERE c.run_id = b.run_id AND c.ep = b.ep)),\n"
  " p(run_id, start, cur, mn, path, len) AS (\n"
  "  SELECT w.run_id, w.ep, w.waits_for, min(w.ep, w.waits_for),\n"
  "   " LBL("w.run_id", "w.ep") " || ' -> ' || " LBL("w.run_id", "w.waits_for") ", 1 FROM w\n"
  "  UNION ALL SELECT p.run_id, p.start, w.waits_for, min(p.mn, w.waits_for),\n"
  "   p.path || ' -> ' || " LBL("w.run_id", "w.waits_for") ", p.len + 1\n"
  "  FROM p JOIN w ON w.run_id = p.run_id AND w.ep = p.cur\n"
  "  WHERE p.cur != p.start AND p.len < 64)\n"
  "SELECT path AS cycle, len AS length, run_id FROM p WHERE cur = start AND mn = start" },
{ "before_panic", "the last ?1 (default 50) events before the (last) PANIC",
  "SELECT v.* FROM event_view v, (SELECT max(e.id) AS pid FROM event e\n"
  "  JOIN event_type t ON t.id = e.type WHERE t.name = 'PANIC') p\n"
  "WHERE v.id <= p.pid AND v.id > p.pid - coalesce(?1, 50) ORDER BY v.id" },
{ "grant_lifetimes", "grant lifetimes, longest first",
  "SELECT g.*, round(g.lifetime / k.ticks_per_us, 3) AS lifetime_us FROM grant_view g\n"
  "LEFT JOIN clock k ON k.run_id = g.run_id ORDER BY g.lifetime DESC LIMIT coalesce(?1, 20)" },
{ "restarts", "process starts, exits, faults and restarts with labels",
  "SELECT v.id, v.t_us, v.event, v.ep, v.ep_label, v.peer, v.peer_label, v.text\n"
  "FROM event_view v WHERE v.family = 'proc' AND v.event != 'PROC_LABEL' ORDER BY v.id" },
/* File and block I/O (docs/files.md): VFS requests 0xE00-0xE3F, VFS->MFS
 * 0xE40-0xE7F, block requests 0xF00-0xF0F (lantern/vfs.h, fsproto.h,
 * blockdev.h).  An IPC record keeps the first two payload words (a5, a6):
 * for FS_READ/FS_WRITE the inode number and the grant. */
{ "io_by_file", "FS_READ/FS_WRITE per inode: calls, bytes copied, time, block requests under them",
  "SELECT c.run_id, e.a5 AS ino, sum(c.m_type = 3655) AS reads, sum(c.m_type = 3656) AS writes,\n"
  "  sum(c.grant_bytes) AS bytes, round(sum(c.latency) / k.ticks_per_us, 3) AS total_us,\n"
  "  round(avg(c.latency) / k.ticks_per_us, 3) AS avg_us,\n"
  "  (SELECT count(*) FROM ipc_call b WHERE b.run_id = c.run_id AND b.caller = c.callee\n"
  "    AND b.m_type BETWEEN 3840 AND 3855 AND b.call_id IN (SELECT x.call_id FROM ipc_call x\n"
  "    JOIN ipc_call f ON f.run_id = x.run_id AND f.callee = x.caller\n"
  "     AND x.t_send BETWEEN f.t_recv AND f.t_reply\n"
  "    JOIN event fe ON fe.id = f.ev_send\n"
  "    WHERE x.run_id = c.run_id AND f.m_type IN (3655, 3656) AND fe.a5 = e.a5)) AS block_requests\n"
  "FROM ipc_call c JOIN event e ON e.id = c.ev_send LEFT JOIN clock k ON k.run_id = c.run_id\n"
  "WHERE c.m_type IN (3655, 3656) GROUP BY c.run_id, e.a5\n"
  "ORDER BY total_us DESC LIMIT coalesce(?1, 20)" },
{ "slowest_io", "the ?1 (default 20) slowest file and block requests, with what they waited for",
  "SELECT c.run_id, c.call_id, " LBL("c.run_id", "c.caller") " AS caller,\n"
  "  " LBL("c.run_id", "c.callee") " AS callee, coalesce(m.name, c.m_type) AS m_type,\n"
  "  e.a5 AS arg0, round(c.latency / k.ticks_per_us, 3) AS latency_us,\n"
  "  coalesce(x.name, c.status) AS status, c.grant_bytes,\n"
  "  (SELECT group_concat(coalesce(nm.name, n.m_type), ' ') FROM ipc_call n\n"
  "    LEFT JOIN msg_type nm ON nm.id = n.m_type\n"
  "    WHERE n.run_id = c.run_id AND n.caller = c.callee\n"
  "     AND n.t_send BETWEEN c.t_recv AND c.t_reply) AS nested_calls\n"
  "FROM ipc_call c JOIN event e ON e.id = c.ev_send LEFT JOIN clock k ON k.run_id = c.run_id\n"
  "LEFT JOIN msg_type m ON m.id = c.m_type LEFT JOIN errno_name x ON x.code = c.status\n"
  "WHERE (c.m_type BETWEEN 3584 AND 3711 OR c.m_type BETWEEN 3840 AND 3855)\n"
  "  AND c.latency IS NOT NULL ORDER BY c.latency DESC LIMIT coalesce(?1, 20)" },
{ "loss", "lost records by kind", "SELECT * FROM loss_summary" },
/* DS's MARKs (lantern/ds.h, DS_TRACE_TAG 0x4453): a0 = caller, a1 = request
 * type | (-result) << 16, text = the key's first 16 bytes (for DS_CHECK and
 * DS_RETRIEVE_LABEL the answer's key).  Needs trace category "user". */
{ "ds_activity", "DS requests by caller, request and key, with failures (trace=user)",
  "SELECT u.run_id, " LBL("u.run_id", "u.a0") " AS who,\n"
  "  coalesce(m.name, printf('0x%x', u.a1 & 65535)) AS request, u.text AS key,\n"
  "  count(*) AS n, sum(((u.a1 >> 16) & 65535) != 0) AS failed,\n"
  "  group_concat(DISTINCT x.name) AS errors\n"
  "FROM user_event u LEFT JOIN msg_type m ON m.id = (u.a1 & 65535)\n"
  "LEFT JOIN errno_name x ON x.code = -((u.a1 >> 16) & 65535) AND x.code != 0\n"
  "WHERE u.event = 'MARK' AND u.tag = 17491\n"
  "GROUP BY u.run_id, who, request, key ORDER BY u.run_id, min(u.id)" },
{ NULL, NULL, NULL }
};

const struct canned *canned_find(const char *name)
{
    for (const struct canned *c = canned_queries; c->name; c++)
        if (!strcmp(c->name, name)) return c;
    return NULL;
}
