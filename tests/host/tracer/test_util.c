/* test_util.c: see test_util.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "test_util.h"
#include "../../../tracer/decode/decoder.h"
#include "../../../tracer/store/store.h"
#include "../../../tracer/cli/cli.h"

sqlite3 *tt_ingest(const char *in, const char *db)
{
    struct ingest_opts o = { .input = in, .db = db, .quiet = 1 };
    sqlite3 *h;
    assert_int_equal(ingest_run(&o, NULL), 0);
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    return h;
}

int64_t tt_q1(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}
