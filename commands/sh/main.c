/* main.c: how the shell is started, and its interactive loop.
 *
 *   sh file [args]     run a script: $0 = file, $1.. = args
 *   sh -c text [name [args]]   run text: $0 = name (or sh)
 *   sh [-i]            read commands from stdin: a terminal (or -i) gives
 *                      the interactive loop, with a "$ " prompt on stderr
 *                      and line editing; anything else is read whole
 * A script or -c text is parsed whole and then run (parse.c takes a
 * complete text); the exit status is the last command's, or exit's. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "lineedit.h"
#include "sh.h"
#include "term.h"

extern char **environ;




static const char PROMPT[] = "$ ";

/* The whole of fd into a malloc'ed string, or NULL (read error, no memory). */
static char *slurp(int fd)
{
    size_t len = 0, cap = 1024;
    char *buf = malloc(cap), *bigger;
    ssize_t n;

    while (buf != NULL && (n = read(fd, buf + len, cap - len - 1)) > 0) {
        len += (size_t)n;
        if (len + 1 < cap)
            continue;
        bigger = realloc(buf, cap * 2);
        if (bigger == NULL)
            free(buf);
        buf = bigger;
        cap *= 2;
    }
    if (buf != NULL && n < 0) {
        free(buf);
        return NULL;
    }
    if (buf != NULL)
        buf[len] = '\0';
    return buf;
}

static int run_file(struct shell *sh, const char *path)
{
    int fd = open(path, O_RDONLY);
    char *text;

    if (fd < 0) {
        fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
        return 127;
    }
    text = slurp(fd);
    close(fd);
    if (text == NULL) {
        fprintf(stderr, "sh: %s: cannot read\n", path);
        return 2;
    }
    sh_run_text(sh, text);
    free(text);
    return sh->status;
}

static void put(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    if (write(2, s, n) < 0)
        return;                     /* nothing to do about a lost echo */
}

/* A line in raw mode through the line editor; NULL at the end (^D). */
static char *edit_line(struct lineedit *le)
{
    unsigned char c;
    int k = LE_MORE;

    le_start(le);
    while (k == LE_MORE || k == LE_INTR) {
        if (k == LE_INTR) {
            le_start(le);
            put(NULL, PROMPT, 2);
        }
        if (read(0, &c, 1) != 1)
            return NULL;
        k = le_key(le, c);
    }
    return k == LE_DONE ? strdup(le->buf) : NULL;
}

/* A line without raw mode (the terminal's own editing); NULL at the end. */
static char *plain_line(void)
{
    char buf[LE_MAX];
    size_t len = 0;
    char c = 0;

    while (len + 1 < sizeof(buf) && read(0, &c, 1) == 1) {
        if (c == '\n')
            break;
        buf[len++] = c;
    }
    if (len == 0 && c != '\n')
        return NULL;
    buf[len] = '\0';
    return strdup(buf);
}

/* Background jobs that have ended: reaped, so they free their slots. */
static void reap_jobs(void)
{
    int w;
    pid_t pid;

    while ((pid = waitpid(-1, &w, WNOHANG)) > 0)
        fprintf(stderr, "[%ld] done %d\n", (long)pid, sh_wait_status(w));
}

static int interactive(struct shell *sh)
{
    struct lineedit le;
    char *line;
    int raw;

    le_init(&le, put, NULL);
    term_init(sh);
    for (;;) {
        reap_jobs();
        put(NULL, PROMPT, 2);
        raw = term_raw() == 0;
        line = raw ? edit_line(&le) : plain_line();
        if (line == NULL) {
            term_cooked();
            break;
        }
        if (raw && line[0] != '\0')
            le_history_add(&le, line);
        sh_run_text(sh, line);      /* a job goes cooked itself (term.c) */
        term_cooked();
        free(line);
        if (sh->exiting)
            break;
    }
    le_free(&le);
    return sh->status;
}

static int from_stdin(struct shell *sh)
{
    char *text = slurp(0);

    if (text == NULL) {
        fprintf(stderr, "sh: stdin: cannot read\n");
        return 2;
    }
    sh_run_text(sh, text);
    free(text);
    return sh->status;
}

static int usage(void)
{
    fprintf(stderr, "usage: sh [-i] | sh file [args] | sh -c text [name [args]]\n");
    return 2;
}

int main(int argc, char **argv)
{
    static struct shell sh;
    int rc;

    vars_import(&sh.vars, environ);
    sh.argc = argc > 0 ? 1 : 0;
    sh.argv = argv;
    if (argc > 1 && strcmp(argv[1], "-c") == 0) {
        if (argc < 3)
            return usage();
        sh.argc = argc > 3 ? argc - 3 : 1;
        sh.argv = argc > 3 ? argv + 3 : argv;
        rc = sh_run_text(&sh, argv[2]);
    } else if (argc > 1 && strcmp(argv[1], "-i") != 0) {
        sh.argc = argc - 1;
        sh.argv = argv + 1;
        rc = run_file(&sh, argv[1]);
    } else {
        sh.interactive = argc > 1 || isatty(0);
        rc = sh.interactive ? interactive(&sh) : from_stdin(&sh);
    }
    fflush(NULL);
    return rc;
}
