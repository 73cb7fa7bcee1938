/* opendb.c: open a trace DB read-only for the picture and diff commands,
 * with one clear error for a file that is missing, not SQLite, or not a
 * trace database (no meta.schema_version, no event table). */
#include <stdio.h>
#include <sys/stat.h>
#include "cli.h"

sqlite3 *open_trace_db(const char *cmd, const char *path)
{
    sqlite3 *db = NULL;
    struct stat sb;
    sqlite3_stmt *st = NULL;
    if (stat(path, &sb)) { perror(path); return NULL; }
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT (SELECT value FROM meta WHERE key = 'schema_version'), "
                           "(SELECT count(*) FROM event WHERE id < 0)", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        sqlite3_finalize(st);
        sqlite3_busy_timeout(db, 5000);
        return db;
    }
    fprintf(stderr, "lantern-trace %s: %s is not a trace database (%s)\n", cmd, path,
            db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return NULL;
}
