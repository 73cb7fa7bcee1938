/* ddl.c: database schema (docs/trace-schema.md is the reference).
 *
 * Static tables are created once; per-run content (dictionaries from the
 * X-macro tables, the event_type/event_field tables and the per-family
 * views) comes from the trace's own schema block.  Changes are add-only and
 * bump STORE_SCHEMA_VERSION (stored in meta.schema_version). */
#include "../common/lerrno.h"
#include <stdio.h>
#include <string.h>
#include <lantern/endpoint.h>
#include <lantern/ipc.h>
#include <lantern/kcall.h>
#include <lantern/message.h>
#include <lantern/mtypes.h>
#include "store.h"

static const char static_ddl[] =
"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value);\n"
"CREATE TABLE IF NOT EXISTS run(run_id INTEGER PRIMARY KEY, boot_id INT, version INT,\n"
"  clock_domain INT, clock_name TEXT, tsc_khz INT, nrec INT, mode TEXT, ncpu INT,\n"
"  id_base INT, first_id INT, last_id INT, source TEXT, lost_discard INT, panicked INT);\n"
"CREATE TABLE IF NOT EXISTS trace_loss(id INTEGER PRIMARY KEY, run_id INT, cpu INT,\n"
"  kind TEXT, count INT, at_id INT, ts_first INT, ts_last INT);\n"
"CREATE TABLE IF NOT EXISTS diag(id INTEGER PRIMARY KEY, run_id INT, offset INT, message TEXT);\n"
"CREATE TABLE IF NOT EXISTS category(bit INTEGER PRIMARY KEY, name TEXT);\n"
"CREATE TABLE IF NOT EXISTS rec_flag(bit INTEGER PRIMARY KEY, name TEXT, description TEXT);\n"
"CREATE TABLE IF NOT EXISTS field_type(id INTEGER PRIMARY KEY, name TEXT, slots INT);\n"
"CREATE TABLE IF NOT EXISTS event_type(id INTEGER PRIMARY KEY, name TEXT, family TEXT,\n"
"  description TEXT, nfields INT);\n"
"CREATE TABLE IF NOT EXISTS event_field(type INT, idx INT, name TEXT, ftype TEXT,\n"
"  word INT, slots INT, col TEXT, PRIMARY KEY(type, idx)) WITHOUT ROWID;\n"
"CREATE VIEW IF NOT EXISTS op AS SELECT id, family, name FROM event_type;\n"
"CREATE TABLE IF NOT EXISTS errno_name(code INTEGER PRIMARY KEY, name TEXT, description TEXT);\n"
"CREATE TABLE IF NOT EXISTS kcall_name(nr INTEGER PRIMARY KEY, name TEXT, description TEXT);\n"
"CREATE TABLE IF NOT EXISTS msg_type(id INTEGER PRIMARY KEY, name TEXT, protocol TEXT,\n"
"  description TEXT);\n"
/* ticks_per_us: clock.c; t0: the run's first stored event (ids are in ts
 * order), so t_us columns count from the start of what was recorded */
"CREATE TABLE IF NOT EXISTS clock(run_id INTEGER PRIMARY KEY, ticks_per_us REAL, basis TEXT);\n"
"CREATE VIEW IF NOT EXISTS run_time AS SELECT r.run_id, c.ticks_per_us, c.basis,\n"
"  (SELECT ts FROM event WHERE id >= r.first_id ORDER BY id LIMIT 1) AS t0\n"
"  FROM run r LEFT JOIN clock c ON c.run_id = r.run_id;\n"
"CREATE TABLE IF NOT EXISTS ipc_op(id INTEGER PRIMARY KEY, name TEXT);\n"
"CREATE TABLE IF NOT EXISTS endpoint(ep_uid INTEGER PRIMARY KEY, ep INT, slot INT,\n"
"  generation INT, label TEXT, run_id INT, first_ts INT, last_ts INT, first_id INT,\n"
"  last_id INT, n_events INT, n_sent INT, n_recv INT, blocked INT, restarts INT,\n"
"  exited INT, parent INT, UNIQUE(run_id, ep));\n"
"CREATE TABLE IF NOT EXISTS event(id INTEGER PRIMARY KEY, ts INT, type INT, run_id INT,\n"
"  call_id INT, from_grant INT, from_call INT, ep INT, peer INT, status INT, m_type INT,\n"
"  cpu INT, flags INT, a0 INT, a1 INT, a2 INT, a3 INT, a4 INT, a5 INT, a6 INT, a7 INT,\n"
"  a8 INT, a9 INT, a10 INT, a11 INT, text TEXT);\n"
"CREATE TABLE IF NOT EXISTS ipc_call(run_id INT, call_id INT, op INT, caller INT,\n"
"  callee INT, m_type INT, t_send INT, t_recv INT, t_reply INT, status INT, ev_send INT,\n"
"  ev_recv INT, ev_reply INT, latency INT, service INT, n_grant_ops INT,\n"
"  grant_bytes INT, n_grant_errors INT, n_kcalls INT, ev_done INT,\n"
"  PRIMARY KEY(run_id, call_id)) WITHOUT ROWID;\n"
"CREATE TABLE IF NOT EXISTS grant_life(id INTEGER PRIMARY KEY, granter INT, grant_id INT,\n"
"  grantee INT, access INT, bytes INT, t_create INT, t_revoke INT, ev_create INT,\n"
"  ev_revoke INT, n_ops INT, bytes_copied INT, n_errors INT, last_result INT, run_id INT);\n"
"CREATE TABLE IF NOT EXISTS block_span(id INTEGER PRIMARY KEY, ep INT, waits_for INT,\n"
"  op INT, t_block INT, t_unblock INT, ev_block INT, ev_unblock INT, by INT, run_id INT);\n"
/* flow edges are stored on their target event (every edge ends at the event
 * being ingested): from_call = the call's previous step, from_grant = the
 * grant's create/revoke; kind follows from the two ends' types.  A call edge
 * joins two events of the same (run_id, call_id), so event_call finds the
 * edges out of an event; event_from_grant does it for grant edges. */
"CREATE VIEW IF NOT EXISTS flow AS\n"
"  SELECT 2 * e.id AS id, f.id AS ev_from, e.id AS ev_to,\n"
"   CASE WHEN t.family = 'grant' THEN 'call>grant' WHEN t.name = 'KCALL' THEN 'call>kcall'\n"
"    WHEN t.name = 'IPC_REPLY' THEN 'recv>reply' WHEN ft.name = 'IPC_REPLY' THEN 'reply>done'\n"
"    ELSE 'send>recv' END AS kind, e.call_id AS call_id\n"
"  FROM event e JOIN event f ON f.run_id = e.run_id AND f.call_id = e.call_id\n"
"   AND f.id = e.from_call\n"
"  JOIN event_type t ON t.id = e.type JOIN event_type ft ON ft.id = f.type\n"
"  UNION ALL\n"
"  SELECT 2 * e.id + 1, f.id, e.id,\n"
"   CASE WHEN t.name = 'GRANT_REVOKE' THEN 'create>revoke'\n"
"    WHEN ft.name = 'GRANT_REVOKE' THEN 'revoke>use' ELSE 'create>use' END,\n"
"   CASE WHEN t.name = 'GRANT_REVOKE' THEN NULL ELSE nullif(e.call_id, 0) END\n"
"  FROM event e JOIN event f ON f.id = e.from_grant\n"
"  JOIN event_type t ON t.id = e.type JOIN event_type ft ON ft.id = f.type;\n"
"CREATE VIEW IF NOT EXISTS event_view AS SELECT e.id, e.ts, t.name AS event,\n"
"  t.family, e.ep, s.label AS ep_label, e.peer, d.label AS peer_label, e.call_id,\n"
"  coalesce(m.name, e.m_type) AS m_type, coalesce(x.name, e.status) AS status, e.text,\n"
"  e.run_id, round((e.ts - rt.t0) / rt.ticks_per_us, 3) AS t_us\n"
"  FROM event e LEFT JOIN event_type t ON t.id = e.type\n"
"  LEFT JOIN run_time rt ON rt.run_id = e.run_id\n"
"  LEFT JOIN endpoint s ON s.run_id = e.run_id AND s.ep = e.ep\n"
"  LEFT JOIN endpoint d ON d.run_id = e.run_id AND d.ep = e.peer\n"
"  LEFT JOIN msg_type m ON m.id = e.m_type LEFT JOIN errno_name x ON x.code = e.status;\n"
"CREATE VIEW IF NOT EXISTS call_view AS SELECT c.call_id, t.name AS op,\n"
"  coalesce(a.label, c.caller) AS caller, coalesce(b.label, c.callee) AS callee,\n"
"  coalesce(m.name, c.m_type) AS m_type, c.t_send, c.latency, c.service,\n"
"  coalesce(x.name, c.status) AS status, c.n_grant_ops, c.grant_bytes,\n"
"  c.n_grant_errors, c.ev_send, c.ev_recv, c.ev_reply, c.run_id,\n"
"  round(c.latency / k.ticks_per_us, 3) AS latency_us,\n"
"  round(c.service / k.ticks_per_us, 3) AS service_us\n"
"  FROM ipc_call c LEFT JOIN event_type t ON t.id = c.op\n"
"  LEFT JOIN clock k ON k.run_id = c.run_id\n"
"  LEFT JOIN endpoint a ON a.run_id = c.run_id AND a.ep = c.caller\n"
"  LEFT JOIN endpoint b ON b.run_id = c.run_id AND b.ep = c.callee\n"
"  LEFT JOIN msg_type m ON m.id = c.m_type LEFT JOIN errno_name x ON x.code = c.status;\n"
"CREATE VIEW IF NOT EXISTS grant_view AS SELECT g.id, coalesce(a.label, g.granter) AS granter,\n"
"  g.grant_id, coalesce(b.label, g.grantee) AS grantee, g.access, g.bytes, g.t_create,\n"
"  g.t_revoke, g.t_revoke - g.t_create AS lifetime, g.n_ops, g.bytes_copied, g.n_errors,\n"
"  x.name AS last_result, g.ev_create, g.ev_revoke, g.run_id\n"
"  FROM grant_life g LEFT JOIN endpoint a ON a.run_id = g.run_id AND a.ep = g.granter\n"
"  LEFT JOIN endpoint b ON b.run_id = g.run_id AND b.ep = g.grantee\n"
"  LEFT JOIN errno_name x ON x.code = g.last_result;\n"
"CREATE VIEW IF NOT EXISTS ipc_view AS SELECT * FROM event_view WHERE family = 'ipc';\n"
"CREATE VIEW IF NOT EXISTS loss_summary AS SELECT kind, sum(count) AS lost, count(*) AS reports\n"
"  FROM trace_loss GROUP BY kind;\n";

int ddl_create(sqlite3 *db)
{
    char *err = NULL;
    if (sqlite3_exec(db, static_ddl, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "lantern-trace: schema: %s\n", err);
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

int ddl_indexes(sqlite3 *db)
{
    /* secondary indexes, created with the tables (store_open) and kept per
     * row: event rows arrive in id order and call ids grow with time, so
     * both indexes grow at their right edge, which costs less than one
     * CREATE INDEX (table scan + sort) at the end, and the UI can use them
     * while following.  call_id first: `call_id = N` alone (UI filter) can
     * use it too.  The flow view needs no others (see its comment). */
    return sqlite3_exec(db,
        "CREATE INDEX IF NOT EXISTS event_call ON event(call_id, run_id) WHERE call_id IS NOT NULL;"
        "CREATE INDEX IF NOT EXISTS event_from_grant ON event(from_grant) WHERE from_grant IS NOT NULL;",
        NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* ---- dictionaries from the X-macro tables ------------------------------ */
static int dict_put(sqlite3 *db, const char *sql, int64_t id, const char *a, const char *b)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, a, -1, SQLITE_TRANSIENT);
    if (b) sqlite3_bind_text(st, 3, b, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* msg_type rows: every protocol's table (lantern/mtypes.h), the kernel calls
 * and NOTIFY: the UI, the canned queries and docs name m_type through it. */
static int mtype_put(sqlite3 *db, int64_t id, const char *name, const char *proto,
                     const char *text)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO msg_type VALUES(?,?,?,?)", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, proto, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

#define ERRNO_SQL "INSERT OR REPLACE INTO errno_name VALUES(?,?,?)"
#define KCALL_SQL "INSERT OR REPLACE INTO kcall_name VALUES(?,?,?)"
#define IPCOP_SQL "INSERT OR REPLACE INTO ipc_op VALUES(?,?)"

#define KERNEL_TASKS(X) X(IDLE) X(CLOCK) X(SYSTEM) X(KERNEL)
/* magic endpoints that appear in fields (PROC_START's parent of a boot
 * process is NONE): named so no column shows them as a bare number */
#define MAGIC_EPS(X) X(ANY) X(NONE) X(SELF)

/* Kernel tasks and the magic endpoints have fixed values; label them (per
 * run) with their lower-case names. */
static int task_ep(sqlite3 *db, int64_t run_id, int ep, const char *name)
{
    char l[LABEL_MAX];
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof l; i++) l[i] = (char)(name[i] | 0x20);
    l[i] = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO endpoint(ep, slot, generation, label, run_id) "
                           "VALUES(?1, ?1, 0, ?2, ?3)", -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int(st, 1, ep);
    sqlite3_bind_text(st, 2, l, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, run_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int dictionaries(sqlite3 *db, int64_t run_id)
{
    int bad = 0;
#define D_ERR(name, value, text) bad |= dict_put(db, ERRNO_SQL, -(value), #name, text);
    ERRNO_TABLE(D_ERR)
    bad |= dict_put(db, ERRNO_SQL, OK, "OK", "success");
#define D_KC(name, nr, text) \
    bad |= dict_put(db, KCALL_SQL, KCALL_BASE + (nr), "SYS_" #name, text); \
    bad |= mtype_put(db, KCALL_BASE + (nr), "SYS_" #name, "kernel", text);
    KCALL_TABLE(D_KC)
#define D_MT(name, proto, text) bad |= mtype_put(db, name, #name, proto, text);
    MTYPE_TABLE(D_MT)
    bad |= mtype_put(db, NOTIFY_MESSAGE, "NOTIFY", "kernel", "notification (m_source = notifier)");
#define D_OP(name, nr) bad |= dict_put(db, IPCOP_SQL, nr, "IPC_" #name, NULL);
    IPC_OP_TABLE(D_OP)
#define D_TASK(name) bad |= task_ep(db, run_id, name, #name);
    KERNEL_TASKS(D_TASK)
    MAGIC_EPS(D_TASK)
    return bad;
}

/* ---- per-run content from the trace's schema block -------------------- */
static const char *const host_names[TS_MAX_ID + 1] = {
#define HN(NAME, id, cat, text, fields) [id] = #NAME,
    TRACE_EVENTS(HN)
#undef HN
};

int host_event_id(const char *name)
{
    for (int i = 0; i <= TS_MAX_ID; i++)
        if (host_names[i] && !strcmp(host_names[i], name)) return i;
    return 0;
}

/* Column of `event` holding field i of event e (see ingest.c for the rule). */
void ddl_field_col(const struct ts_event *e, int i, char *out, size_t cap)
{
    const struct ts_field *f = &e->f[i];
    int first_text = 1;
    for (int k = 0; k < i; k++) if (e->f[k].kind == TF_TEXT16) first_text = 0;
    if (i == e->ep) snprintf(out, cap, "ep");
    else if (i == e->peer) snprintf(out, cap, "peer");
    else if (i == e->call_id) snprintf(out, cap, "call_id");
    else if (i == e->status) snprintf(out, cap, "status");
    else if (i == e->m_type) snprintf(out, cap, "m_type");
    else if (f->kind == TF_TEXT16) snprintf(out, cap, first_text ? "text" : "NULL");
    else snprintf(out, cap, "a%u", f->word);
}

static int exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "lantern-trace: %s\n  in: %.200s\n", err, sql);
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

static int schema_tables(sqlite3 *db, const struct tschema *sch)
{
    sqlite3_stmt *c, *t, *f;
    int bad = 0;
    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO event_type VALUES(?,?,?,?,?)", -1, &t, NULL);
    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO event_field VALUES(?,?,?,?,?,?,?)", -1, &f, NULL);
    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO category VALUES(?,?)", -1, &c, NULL);
    for (uint32_t i = 0; i < sch->ncats; i++) {
        sqlite3_bind_int(c, 1, sch->cats[i].bit);
        sqlite3_bind_text(c, 2, sch->cats[i].name, -1, SQLITE_STATIC);
        bad |= sqlite3_step(c) != SQLITE_DONE;
        sqlite3_reset(c);
    }
    /* record flags (format v2 flag table) and the host-only implied bit */
    bad |= dict_put(db, "INSERT OR REPLACE INTO rec_flag VALUES(?,?,?)", TDEC_IMPLIED, "implied",
                    "host: event implied by the kernel record before it (folded event)");
    for (uint32_t i = 0; i < sch->nflags; i++)
        bad |= dict_put(db, "INSERT OR REPLACE INTO rec_flag VALUES(?,?,?)", sch->flags[i].bit,
                        sch->flags[i].name, sch->flags[i].text);
    for (int id = 0; id <= TS_MAX_ID; id++) {
        const struct ts_event *e = tschema_event(sch, (unsigned)id);
        if (!e) continue;
        sqlite3_bind_int(t, 1, id);
        sqlite3_bind_text(t, 2, e->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(t, 3, tschema_cat_name(sch, e->category), -1, SQLITE_STATIC);
        sqlite3_bind_text(t, 4, e->text, -1, SQLITE_STATIC);
        sqlite3_bind_int(t, 5, e->nfields);
        bad |= sqlite3_step(t) != SQLITE_DONE;
        sqlite3_reset(t);
        for (int i = 0; i < e->nfields; i++) {
            char col[16];
            ddl_field_col(e, i, col, sizeof col);
            sqlite3_bind_int(f, 1, id);
            sqlite3_bind_int(f, 2, i);
            sqlite3_bind_text(f, 3, e->f[i].name, -1, SQLITE_STATIC);
            sqlite3_bind_text(f, 4, sch->types[e->f[i].schema_type].name, -1, SQLITE_STATIC);
            sqlite3_bind_int(f, 5, e->f[i].word);
            sqlite3_bind_int(f, 6, e->f[i].slots);
            sqlite3_bind_text(f, 7, col, -1, SQLITE_TRANSIENT);
            bad |= sqlite3_step(f) != SQLITE_DONE;
            sqlite3_reset(f);
        }
    }
    sqlite3_finalize(c);
    sqlite3_finalize(t);
    sqlite3_finalize(f);
    return bad ? -1 : 0;
}

/* One view per family: <family>_event with a column per distinct field name,
 * each a CASE over the event types that have it. */
static int family_view(sqlite3 *db, const struct tschema *sch, const char *fam)
{
    static char sql[65536];
    char names[64][TS_NAME];
    int nn = 0;
    size_t n = (size_t)snprintf(sql, sizeof sql,
        "DROP VIEW IF EXISTS %s_event; CREATE VIEW %s_event AS SELECT e.id, e.run_id, e.ts, "
        "e.cpu, e.type, t.name AS event", fam, fam);
    for (int id = 0; id <= TS_MAX_ID; id++) {
        const struct ts_event *e = tschema_event(sch, (unsigned)id);
        if (!e || strcmp(tschema_cat_name(sch, e->category), fam)) continue;
        for (int i = 0; i < e->nfields; i++) {
            int seen = 0;
            for (int k = 0; k < nn; k++) if (!strcmp(names[k], e->f[i].name)) seen = 1;
            if (seen || nn == 64) continue;
            memcpy(names[nn++], e->f[i].name, TS_NAME);
            n += (size_t)snprintf(sql + n, sizeof sql - n, ", CASE e.type");
            for (int j = id; j <= TS_MAX_ID; j++) {
                const struct ts_event *o = tschema_event(sch, (unsigned)j);
                if (!o || o->category != e->category) continue;
                for (int q = 0; q < o->nfields; q++) {
                    if (strcmp(o->f[q].name, e->f[i].name)) continue;
                    char col[16];
                    ddl_field_col(o, q, col, sizeof col);
                    n += (size_t)snprintf(sql + n, sizeof sql - n, " WHEN %d THEN e.%s", j, col);
                }
            }
            n += (size_t)snprintf(sql + n, sizeof sql - n, " END AS \"%s\"", e->f[i].name);
        }
    }
    n += (size_t)snprintf(sql + n, sizeof sql - n,
        " FROM event e JOIN event_type t ON t.id = e.type WHERE t.family = '%s';", fam);
    if (n >= sizeof sql) return -1;
    /* "e.NULL" is not a column: turn it into a plain NULL */
    for (char *p = strstr(sql, "e.NULL"); p; p = strstr(p, "e.NULL")) memmove(p, p + 2, strlen(p + 2) + 1);
    return exec(db, sql);
}

int ddl_run(sqlite3 *db, const struct tschema *sch, int64_t run_id)
{
    if (dictionaries(db, run_id) || schema_tables(db, sch)) return -1;
    for (uint32_t i = 0; i < sch->ncats; i++)
        if (family_view(db, sch, sch->cats[i].name)) return -1;
    return 0;
}
