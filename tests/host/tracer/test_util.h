/* test_util.h: helpers shared by the tracer's cmocka tests (test_tracer.c,
 * test_fold.c, test_store.c, test_pages.c).  Every helper fails the running
 * test through cmocka's asserts instead of returning an error. */
#ifndef TRACER_TEST_UTIL_H
#define TRACER_TEST_UTIL_H
#include <stdint.h>
#include <sqlite3.h>

/* `lantern-trace ingest` of file `in` into a new database `db`; returns it open. */
sqlite3 *tt_ingest(const char *in, const char *db);
/* The single integer a query returns. */
int64_t tt_q1(sqlite3 *db, const char *sql);

#endif
