/* kill [-s NAME | -NAME | -N] pid...   send a signal (default SIGTERM)
 * kill -l                               list the signals
 *
 * A negative pid names a process group (after `--` or a signal option:
 * `kill -TERM -5`, `kill -- -5`).  Names come with or without "SIG", in
 * upper case; numbers and names are those of SIGNAL_TABLE (docs/signals.md).
 * Exit status: 0 if every pid was signalled, 1 if one failed, 2 bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include "lib/cmd.h"

#define USAGE "[-s name | -name | -n] pid... | -l"

static void list(void)
{
    for (int n = 1; n < NSIG; n++)
        if (signame(n))
            printf("%2d %-6s %s\n", n, signame(n), strsignal(n));
}

/* A signal given as a name or a number; -1 if it is neither. */
static int parse_signal(const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (*s && !*end)
        return n >= 0 && n < NSIG && (n == 0 || signame((int)n)) ? (int)n : -1;
    return sig_by_name(s);
}

static int parse_pid(const char *s, long *pid)
{
    char *end;
    *pid = strtol(s, &end, 10);
    return *s && !*end && *pid != 0;
}

/* The options; returns the index of the first pid, sets *sig. */
static int options(int argc, char **argv, int *sig)
{
    int i = 1;
    *sig = SIGTERM;
    if (i < argc && !strcmp(argv[i], "-s")) {
        if (i + 1 >= argc || (*sig = parse_signal(argv[i + 1])) < 0)
            cmd_usage(USAGE);
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && strcmp(argv[i], "--") &&
               (*sig = parse_signal(argv[i] + 1)) >= 0) {
        i++;
    } else if (i < argc && argv[i][0] == '-' && strcmp(argv[i], "--")) {
        cmd_usage(USAGE);
    }
    if (i < argc && !strcmp(argv[i], "--"))
        i++;
    return i;
}

int main(int argc, char **argv)
{
    int sig, status = 0;

    cmd_init(argc, argv);
    if (argc == 2 && !strcmp(argv[1], "-l")) {
        list();
        return 0;
    }
    int i = options(argc, argv, &sig);
    if (i >= argc)
        cmd_usage(USAGE);
    for (; i < argc; i++) {
        long pid;
        if (!parse_pid(argv[i], &pid)) {
            cmd_msg(argv[i], "not a process id");
            status = 1;
        } else if (kill((pid_t)pid, sig) < 0) {
            cmd_error(argv[i]);
            status = 1;
        }
    }
    return status;
}
