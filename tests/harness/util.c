/* util.c: lantern-test's small helpers: errors, allocation, time, files.
 *
 * Everything here is independent of Lantern; the other files of the runner
 * use it (harness.h).  Allocation failures and unrecoverable errors end the
 * runner with status 2 (die). */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <time.h>
#include "harness.h"

void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("lantern-test: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        die("out of memory");
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        die("out of memory");
    va_end(ap);
    return s;
}

double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* 32 random bits from /dev/urandom (run nonces, random seeds). */
uint32_t random_u32(void)
{
    uint32_t v = 0;
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd < 0 || read(fd, &v, sizeof v) != (ssize_t)sizeof v)
        die("cannot read /dev/urandom");
    close(fd);
    return v;
}

void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

void mkdirs(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = 0;
            mkdir(p, 0777);
            *s = '/';
        }
    }
    mkdir(p, 0777);
    free(p);
}

void rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d))) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char *sub = xasprintf("%s/%s", path, e->d_name);
                rm_rf(sub);
                free(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

/* 0, or -1 if either file could not be opened or a write failed. */
int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    int r = in && out ? 0 : -1;
    if (in && out) {
        char buf[65536];
        size_t n;
        while (r == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
            r = fwrite(buf, 1, n, out) == n ? 0 : -1;
    }
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        r = -1;
    return r;
}

void move_file(const char *from, const char *to)
{
    if (!file_exists(from))
        return;
    if (rename(from, to) == 0)
        return;
    copy_file(from, to);         /* different file system */
    unlink(from);
}

/* Last `n` lines of a text file, each printed as a diagnostic "#   | ...". */
void print_tail(const char *path, int n, const char *label)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    long start = size > 4096 ? size - 4096 : 0;
    fseek(f, start, SEEK_SET);
    char *buf = xmalloc(4097);
    size_t len = fread(buf, 1, 4096, f);
    fclose(f);
    buf[len] = 0;
    /* strip NULs and control characters except newline */
    for (size_t i = 0; i < len; i++)
        if (buf[i] == 0)
            buf[i] = ' ';
        else if ((unsigned char)buf[i] < 32 && buf[i] != '\n' && buf[i] != '\t' &&
                 buf[i] != '\r')
            buf[i] = '?';
    int lines = 0;
    long i = (long)len;
    while (i > 0 && buf[i - 1] == '\n')
        buf[--i] = 0;
    while (i > 0 && lines < n) {
        i--;
        if (buf[i] == '\n')
            lines++;
    }
    if (buf[i] == '\n')
        i++;
    if (!buf[i]) {
        free(buf);
        return;
    }
    printf("#   last lines of %s:\n", label);
    char *save, *line = strtok_r(buf + i, "\n", &save);
    while (line) {
        size_t l = strlen(line);
        while (l > 0 && (line[l - 1] == '\r' || line[l - 1] == ' '))
            line[--l] = 0;
        for (char *q = line; *q; q++)
            if (*q == '\r')
                *q = ' ';
        printf("#   | %s\n", line);
        line = strtok_r(NULL, "\n", &save);
    }
    free(buf);
}
