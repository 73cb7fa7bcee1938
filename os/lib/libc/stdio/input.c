/* input.c: the reading calls of stdio (getc, fgets, fread, ungetc).
 * A stream that was written to is flushed before it reads. */
#include <stdio.h>
#include "stream.h"

static int begin_read(FILE *f)
{
    _stream_resolve(f);
    if (!f->readable) {
        f->error = 1;
        return EOF;
    }
    if (f->wlen > 0)
        _stream_flush(f);
    return 0;
}

int fgetc(FILE *f)
{
    int c;

    if (begin_read(f) == EOF)
        return EOF;
    if (f->ungot >= 0) {
        c = f->ungot;
        f->ungot = -1;
        return c;
    }
    if (f->rpos == f->rlen && _stream_fill(f) == EOF)
        return EOF;
    return (unsigned char)f->buf[f->rpos++];
}

int getc(FILE *f)
{
    return fgetc(f);
}

int getchar(void)
{
    return fgetc(stdin);
}

/* One byte of push-back, as C guarantees. */
int ungetc(int c, FILE *f)
{
    if (c == EOF || f->ungot >= 0)
        return EOF;
    f->ungot = (unsigned char)c;
    f->eof = 0;
    return (unsigned char)c;
}

char *fgets(char *restrict s, int size, FILE *restrict f)
{
    int i = 0, c = 0;

    if (size <= 0)
        return NULL;
    while (i < size - 1 && (c = fgetc(f)) != EOF) {
        s[i++] = (char)c;
        if (c == '\n')
            break;
    }
    if (i == 0)
        return NULL;
    s[i] = '\0';
    return s;
}

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
    unsigned char *d = p;
    size_t want = size * n, got = 0;
    int c;

    if (size == 0 || n == 0)
        return 0;
    while (got < want && (c = fgetc(f)) != EOF)
        d[got++] = (unsigned char)c;
    return got / size;
}
