/* cli.h: subcommand entry points of lantern-trace (one file each). */
#ifndef TRACER_CLI_H
#define TRACER_CLI_H
#include <stdint.h>
#include "../store/store.h"

int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_ui(int argc, char **argv);
int cmd_svg(int argc, char **argv);
int cmd_diff(int argc, char **argv);
void bench_pics(const char *db, const char *dir, const char *fmt, int tsv);   /* bench_pics.c */
sqlite3 *open_trace_db(const char *cmd, const char *path);   /* opendb.c; NULL: said why */

/* Shared ingest driver (ingest, record, bench). */
struct ingest_opts {
    const char *input, *db;
    enum tinput format;
    int follow;            /* keep reading a growing input */
    int until_pid;         /* with follow: stop after this process exits */
    int idle_exit_ms;      /* with follow: stop after this long without data */
    int stop_child;        /* until_pid leads a process group: wait for all of it,
                              stop it on SIGINT/SIGTERM, read to its end */
    int append, quiet;
    int progress;          /* record: live line (progress.c) */
};
int ingest_run(const struct ingest_opts *o, struct tdec *stats_out);
/* follow.c: the RAM-image and stream readers (see there for termination) */
int follow_dump(struct store *s, struct tdec *d, const struct ingest_opts *o);
int follow_stream(struct store *s, struct tdec *d, const struct ingest_opts *o);
int db_fresh(const char *path);   /* remove db + -wal + -shm */
int usage_error(const char *cmd, const char *msg);
extern volatile int g_stop;       /* set by SIGINT/SIGTERM */
void install_stop_handlers(void);
void ingest_summary(const char *db, const struct tdec *d);  /* one line on stderr */
void progress_tick(const struct tdec *d, int final);        /* progress.c */
extern int g_child_status;        /* follow.c: wait status of until_pid once reaped, else -1 */

#endif
