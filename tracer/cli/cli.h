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

/* Shared ingest driver (ingest, record, bench). */
struct ingest_opts {
    const char *input, *db;
    enum tinput format;
    int follow;            /* keep reading a growing input */
    int until_pid;         /* with follow: stop after this process exits */
    int idle_exit_ms;      /* with follow: stop after this long without data */
    int append, quiet;
};
int ingest_run(const struct ingest_opts *o, struct tdec *stats_out);
int db_fresh(const char *path);   /* remove db + -wal + -shm */
int usage_error(const char *cmd, const char *msg);
extern volatile int g_stop;       /* set by SIGINT/SIGTERM */
void install_stop_handlers(void);

#endif
