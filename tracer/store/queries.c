/* queries.c: canned queries for the labs (`lantern-trace query <name>`).
 * Each is plain SQL over the documented schema; ?1 is an optional numeric
 * parameter (--arg) with the default shown in the description. */
#include <string.h>
#include "store.h"

#define LBL(col) "coalesce((SELECT label FROM endpoint WHERE ep = " col "), " col ")"

const struct canned canned_queries[] = {
{ "top_talkers", "caller -> callee pairs by number of calls (top ?1, default 20)",
  "SELECT caller, callee, count(*) AS calls, sum(status != 'OK') AS failed,\n"
  "  CAST(avg(latency) AS INT) AS avg_latency\n"
  "FROM call_view GROUP BY caller, callee ORDER BY calls DESC LIMIT coalesce(?1, 20)" },
{ "latency_percentiles", "call latency p50/p90/p99/max per message type",
  "WITH l AS (SELECT m_type, latency,\n"
  "  row_number() OVER (PARTITION BY m_type ORDER BY latency) AS rn,\n"
  "  count(*) OVER (PARTITION BY m_type) AS n FROM ipc_call WHERE latency IS NOT NULL)\n"
  "SELECT coalesce(m.name, l.m_type) AS m_type, max(n) AS calls,\n"
  "  min(CASE WHEN rn >= 0.50 * n THEN latency END) AS p50,\n"
  "  min(CASE WHEN rn >= 0.90 * n THEN latency END) AS p90,\n"
  "  min(CASE WHEN rn >= 0.99 * n THEN latency END) AS p99, max(latency) AS max\n"
  "FROM l LEFT JOIN msg_type m ON m.id = l.m_type GROUP BY l.m_type ORDER BY p99 DESC" },
{ "slowest_calls", "the ?1 (default 20) slowest calls and their grant operations",
  "SELECT c.call_id, c.caller, c.callee, c.m_type, c.latency, c.service, c.status,\n"
  "  (SELECT group_concat(t.name || '(' || coalesce(x.name, g.status) || ')', ' ')\n"
  "     FROM event g JOIN event_type t ON t.id = g.type\n"
  "     LEFT JOIN errno_name x ON x.code = g.status\n"
  "     WHERE g.call_id = c.call_id AND t.family = 'grant') AS grant_ops\n"
  "FROM call_view c WHERE c.latency IS NOT NULL\n"
  "ORDER BY c.latency DESC LIMIT coalesce(?1, 20)" },
{ "failed_safecopies", "safecopies that failed, with the flow that explains them",
  "SELECT g.id, g.ts, g.event AS op, " LBL("g.caller") " AS caller,\n"
  "  " LBL("g.granter") " AS granter, g.grant_id, g.offset, g.bytes,\n"
  "  x.name AS result, g.call_id,\n"
  "  (SELECT kind FROM flow WHERE ev_to = g.id AND kind LIKE '%>use') AS after\n"
  "FROM grant_event g LEFT JOIN errno_name x ON x.code = g.result\n"
  "WHERE g.event LIKE 'SAFECOPY%' AND g.result != 0 ORDER BY g.id" },
{ "longest_blocked", "endpoints blocked the longest (open spans run to the trace end)",
  "SELECT " LBL("b.ep") " AS ep, " LBL("b.waits_for") " AS waits_for,\n"
  "  o.name AS op, b.t_block,\n"
  "  coalesce(b.t_unblock, (SELECT max(ts) FROM event)) - b.t_block AS blocked,\n"
  "  b.t_unblock IS NULL AS still_blocked\n"
  "FROM block_span b LEFT JOIN ipc_op o ON o.id = b.op\n"
  "ORDER BY blocked DESC LIMIT coalesce(?1, 20)" },
{ "deadlock_cycles", "cycles in the waits-for graph of processes still blocked at the end",
  "WITH RECURSIVE w(ep, waits_for) AS (\n"
  "  SELECT ep, waits_for FROM block_span b WHERE t_unblock IS NULL\n"
  "   AND id = (SELECT max(id) FROM block_span c WHERE c.ep = b.ep)),\n"
  " p(start, cur, mn, path, len) AS (\n"
  "  SELECT w.ep, w.waits_for, min(w.ep, w.waits_for), " LBL("w.ep") " || ' -> ' || " LBL("w.waits_for") ", 1 FROM w\n"
  "  UNION ALL SELECT p.start, w.waits_for, min(p.mn, w.waits_for),\n"
  "   p.path || ' -> ' || " LBL("w.waits_for") ", p.len + 1\n"
  "  FROM p JOIN w ON w.ep = p.cur WHERE p.cur != p.start AND p.len < 64)\n"
  "SELECT path AS cycle, len AS length FROM p WHERE cur = start AND mn = start" },
{ "before_panic", "the last ?1 (default 50) events before the (last) PANIC",
  "SELECT v.* FROM event_view v, (SELECT max(e.id) AS pid FROM event e\n"
  "  JOIN event_type t ON t.id = e.type WHERE t.name = 'PANIC') p\n"
  "WHERE v.id <= p.pid AND v.id > p.pid - coalesce(?1, 50) ORDER BY v.id" },
{ "grant_lifetimes", "grant lifetimes, longest first",
  "SELECT * FROM grant_view ORDER BY lifetime DESC LIMIT coalesce(?1, 20)" },
{ "restarts", "process starts, exits, faults and restarts with labels",
  "SELECT v.id, v.ts, v.event, v.ep, v.ep_label, v.peer, v.peer_label, v.text\n"
  "FROM event_view v WHERE v.family = 'proc' AND v.event != 'PROC_LABEL' ORDER BY v.id" },
{ "loss", "lost records by kind", "SELECT * FROM loss_summary" },
{ NULL, NULL, NULL }
};

const struct canned *canned_find(const char *name)
{
    for (const struct canned *c = canned_queries; c->name; c++)
        if (!strcmp(c->name, name)) return c;
    return NULL;
}
