/* fopen.c: streams on files (fopen, fdopen, fclose).  Each has its own
 * malloc'ed buffer and is fully buffered; open streams are kept on
 * _stream_list so exit() can flush them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "stream.h"

#define FILE_BUF 1024

/* "r", "w", "a", optional '+' (and 'b', ignored): open flags, or -1. */
static int mode_flags(const char *mode, int *rd, int *wr)
{
    int plus = strchr(mode, '+') != NULL;

    *rd = mode[0] == 'r' || plus;
    *wr = mode[0] != 'r' || plus;
    switch (mode[0]) {
    case 'r': return plus ? O_RDWR : O_RDONLY;
    case 'w': return (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC;
    case 'a': return (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND;
    default:  return -1;
    }
}

static FILE *new_stream(int fd, int rd, int wr)
{
    FILE *f = calloc(1, sizeof(*f));

    if (f == NULL || (f->buf = malloc(FILE_BUF)) == NULL) {
        free(f);
        errno = ENOMEM;
        return NULL;
    }
    f->fd = fd;
    f->std_fd = -1;
    f->bufmode = BUF_FULL;
    f->readable = rd;
    f->writable = wr;
    f->ungot = -1;
    f->cap = FILE_BUF;
    f->owns_buf = 1;
    f->next = _stream_list;
    _stream_list = f;
    return f;
}

FILE *fdopen(int fd, const char *mode)
{
    int rd, wr;

    if (fd < 0 || mode_flags(mode, &rd, &wr) < 0) {
        errno = EINVAL;
        return NULL;
    }
    return new_stream(fd, rd, wr);
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
    int rd, wr, flags = mode_flags(mode, &rd, &wr), fd;
    FILE *f;

    if (flags < 0) {
        errno = EINVAL;
        return NULL;
    }
    if ((fd = open(path, flags, 0644)) < 0)
        return NULL;
    if ((f = new_stream(fd, rd, wr)) == NULL)
        close(fd);
    return f;
}

static void unlink_stream(FILE *f)
{
    for (FILE **pp = &_stream_list; *pp != NULL; pp = &(*pp)->next)
        if (*pp == f) {
            *pp = f->next;
            return;
        }
}

/* A standard stream is flushed and closed but its structure stays. */
int fclose(FILE *f)
{
    int r = _stream_flush(f);

    if (f->fd >= 0 && close(f->fd) < 0)
        r = EOF;
    if (f->std_fd >= 0) {
        f->fd = STREAM_CONSOLE;
        return r;
    }
    unlink_stream(f);
    if (f->owns_buf)
        free(f->buf);
    free(f);
    return r;
}
