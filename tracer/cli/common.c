/* common.c: helpers shared by the subcommands (stop flag, usage errors,
 * the one-line ingest summary). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

volatile int g_stop;

static void on_signal(int sig) { (void)sig; g_stop = 1; }

void install_stop_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int usage_error(const char *cmd, const char *msg)
{
    fprintf(stderr, "lantern-trace %s: %s (try: lantern-trace %s --help)\n", cmd, msg, cmd);
    return 2;
}


void ingest_summary(const char *db, const struct tdec *d)
{
    fprintf(stderr, "lantern-trace: %llu records (+%llu implied events) into %s (lost: %llu "
            "overwrite, %llu torn, %llu gap; %llu problems)\n", (unsigned long long)d->n_rec,
            (unsigned long long)d->n_implied, db,
            (unsigned long long)d->n_lost[TL_OVERWRITE], (unsigned long long)d->n_lost[TL_TORN],
            (unsigned long long)d->n_lost[TL_GAP], (unsigned long long)d->n_diag);
}
