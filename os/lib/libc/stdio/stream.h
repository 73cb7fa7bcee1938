/* stream.h: the FILE structure shared by the stdio files (never installed).
 *
 * A stream is either on the kernel console (fd == STREAM_CONSOLE: output
 * through SYS_DIAGCTL, input always at end of file) or on a descriptor.
 * stdin/stdout/stderr start unresolved (fd == STREAM_UNRESOLVED) and pick
 * one of the two at their first use (_stream_resolve, stdio.c).
 * Invariants between calls: a stream is in at most one direction at a time:
 * wlen > 0 only while writing, rpos < rlen only while reading; wlen < cap. */
#ifndef _LANTERN_LIBC_STREAM_H
#define _LANTERN_LIBC_STREAM_H

#include <stddef.h>

#define STREAM_CONSOLE    (-1)
#define STREAM_UNRESOLVED (-2)
#define STREAM_CONSOLE_MAX 200      /* the kernel's DIAGCTL_PRINT limit */

enum { BUF_FULL, BUF_LINE, BUF_NONE };

struct lt_file {
    int     fd;             /* descriptor, STREAM_CONSOLE or STREAM_UNRESOLVED */
    int     std_fd;         /* 0/1/2 for the standard streams, else -1 */
    int     bufmode;        /* BUF_FULL, BUF_LINE, BUF_NONE */
    int     readable, writable;
    int     eof, error;
    int     ungot;          /* a byte pushed back by ungetc, or -1 */
    char   *buf;
    size_t  cap;            /* size of buf */
    size_t  wlen;           /* output bytes waiting in buf */
    size_t  rpos, rlen;     /* input: next byte, bytes in buf */
    int     owns_buf;       /* buf came from malloc (fopen/fdopen) */
    struct lt_file *next;   /* the list of open fopen'ed streams */
};

int  _stream_resolve(struct lt_file *f);        /* 0, or EOF */
int  _stream_flush(struct lt_file *f);          /* write out wlen bytes */
int  _stream_fill(struct lt_file *f);           /* read more; 0 or EOF */
void _stream_put(struct lt_file *f, const char *s, size_t n);
void _stream_begin_write(struct lt_file *f);
int  _stream_end_write(struct lt_file *f);
extern struct lt_file *_stream_list;            /* fopen'ed streams */

#endif
