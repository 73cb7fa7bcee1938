/* stdio.c: the standard streams and the buffer machinery of every FILE.
 *
 * stdin, stdout and stderr decide at their first use where they lead:
 *   - on descriptors 0/1/2 when the program asked for it (a command linked
 *     with _stdio_on_fds, commands/Makefrag) and the descriptor is open
 *     (fstat succeeds): a program started by the shell;
 *   - else on the kernel console (SYS_DIAGCTL) as before: servers, drivers
 *     and test programs never send VFS a request from stdio, which would
 *     deadlock VFS itself and the servers it calls.
 * Buffering: stdout is line buffered on the console or a terminal, fully
 * buffered on a file or pipe; stderr is unbuffered (flushed at the end of
 * each call, after stdout so the two stay in order); fopen'ed streams are
 * fully buffered.  exit() flushes everything (_stdio_flushall).
 * A console stream never holds more than STREAM_CONSOLE_MAX bytes, so a
 * full buffer is one kernel call and whole lines are never cut. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
#include "../internal.h"
#include "stream.h"

#define STD_BUF 1024

/* Defined (as 1) only by programs that want descriptors: weak undefined
 * elsewhere, so its address is NULL. */
extern const int _stdio_on_fds __attribute__((weak));

static char in_buf[STD_BUF], out_buf[STD_BUF], err_buf[STREAM_CONSOLE_MAX];
static struct lt_file in_stream = {
    .fd = STREAM_UNRESOLVED, .std_fd = 0, .bufmode = BUF_FULL,
    .readable = 1, .ungot = -1, .buf = in_buf, .cap = STD_BUF };
static struct lt_file out_stream = {
    .fd = STREAM_UNRESOLVED, .std_fd = 1, .bufmode = BUF_LINE,
    .writable = 1, .ungot = -1, .buf = out_buf, .cap = STD_BUF };
static struct lt_file err_stream = {
    .fd = STREAM_UNRESOLVED, .std_fd = 2, .bufmode = BUF_NONE,
    .writable = 1, .ungot = -1, .buf = err_buf, .cap = sizeof(err_buf) };
FILE *stdin = &in_stream;
FILE *stdout = &out_stream;
FILE *stderr = &err_stream;
struct lt_file *_stream_list;

int _stream_resolve(struct lt_file *f)
{
    struct stat st;

    if (f->fd != STREAM_UNRESOLVED)
        return 0;
    f->fd = STREAM_CONSOLE;
    if (&_stdio_on_fds != NULL && _stdio_on_fds &&
        fstat(f->std_fd, &st) == 0) {
        f->fd = f->std_fd;
        if (f == stdout && !S_ISCHR(st.st_mode))
            f->bufmode = BUF_FULL;
    }
    if (f->fd == STREAM_CONSOLE && f->cap > STREAM_CONSOLE_MAX)
        f->cap = STREAM_CONSOLE_MAX;
    return 0;
}

/* Write every waiting byte; a failed write drops them and marks an error. */
int _stream_flush(struct lt_file *f)
{
    size_t n = f->wlen;
    int r = 0;

    f->wlen = 0;
    if (n == 0)
        return 0;
    if (f->fd == STREAM_CONSOLE)
        r = _console_write(f->buf, n);
    else if (write(f->fd, f->buf, n) != (ssize_t)n)
        r = -1;
    if (r < 0) {
        f->error = 1;
        return EOF;
    }
    return 0;
}

/* Refill an empty read buffer: 0, or EOF at end of file or on an error. */
int _stream_fill(struct lt_file *f)
{
    ssize_t n;

    _stream_resolve(f);
    if (f == stdin)
        fflush(stdout);         /* a prompt shows before we wait for input */
    if (f->fd == STREAM_CONSOLE) {
        f->eof = 1;             /* the console has no input through stdio */
        return EOF;
    }
    n = read(f->fd, f->buf, f->cap);
    if (n <= 0) {
        if (n == 0)
            f->eof = 1;
        else
            f->error = 1;
        return EOF;
    }
    f->rpos = 0;
    f->rlen = (size_t)n;
    return 0;
}

void _stream_put(struct lt_file *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        f->buf[f->wlen++] = s[i];
        if (f->wlen == f->cap || (s[i] == '\n' && f->bufmode == BUF_LINE))
            _stream_flush(f);
    }
}

/* Before writing: decide the target, drop read-ahead, keep stdout's
 * earlier output ahead of stderr's. */
void _stream_begin_write(struct lt_file *f)
{
    _stream_resolve(f);
    f->rpos = f->rlen = 0;
    f->ungot = -1;
    if (f == stderr)
        _stream_flush(stdout);
}

int _stream_end_write(struct lt_file *f)
{
    if (f->bufmode == BUF_NONE)
        return _stream_flush(f);
    return f->error ? EOF : 0;
}

void _stdio_flushall(void)
{
    _stream_flush(stdout);
    _stream_flush(stderr);
    for (struct lt_file *f = _stream_list; f != NULL; f = f->next)
        _stream_flush(f);
}

int fflush(FILE *f)
{
    if (f == NULL) {
        _stdio_flushall();
        return 0;
    }
    return _stream_flush(f);
}

int feof(FILE *f)
{
    return f->eof;
}

int ferror(FILE *f)
{
    return f->error;
}

void clearerr(FILE *f)
{
    f->eof = f->error = 0;
}

int fileno(FILE *f)
{
    _stream_resolve(f);
    return f->fd >= 0 ? f->fd : -1;
}

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
    (void)buf;
    (void)size;                 /* our own buffer stays; only the mode */
    if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
        return -1;
    f->bufmode = mode == _IOFBF ? BUF_FULL : mode == _IOLBF ? BUF_LINE : BUF_NONE;
    return 0;
}

void perror(const char *s)
{
    if (s != NULL && *s != '\0')
        fprintf(stderr, "%s: %s\n", s, strerror(errno));
    else
        fprintf(stderr, "%s\n", strerror(errno));
}
