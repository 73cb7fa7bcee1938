/* wc [-lwc] [file...]: count lines, words and bytes (all three without
 * options), one line per file and a "total" line for several files. */
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include "lib/cmd.h"

static int show_l, show_w, show_c;

struct counts { long lines, words, bytes; };

static int count(int fd, const char *name, struct counts *c)
{
    char buf[1024];
    ssize_t n;
    int in_word = 0;

    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            int blank = buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n';
            c->lines += buf[i] == '\n';
            c->words += !blank && !in_word;
            in_word = !blank;
        }
        c->bytes += n;
    }
    if (n < 0)
        cmd_error(name);
    return n < 0;
}

static void print(const struct counts *c, const char *name)
{
    if (show_l)
        printf("%7ld", c->lines);
    if (show_w)
        printf("%s%7ld", show_l ? " " : "", c->words);
    if (show_c)
        printf("%s%7ld", show_l || show_w ? " " : "", c->bytes);
    printf(name ? " %s\n" : "\n", name);
}

int main(int argc, char **argv)
{
    struct counts total = { 0, 0, 0 };
    int c, status = 0;

    cmd_init(argc, argv);
    while ((c = getopt(argc, argv, "lwc")) != -1) {
        if (c == 'l') show_l = 1;
        else if (c == 'w') show_w = 1;
        else if (c == 'c') show_c = 1;
        else cmd_usage("[-lwc] [file...]");
    }
    if (!show_l && !show_w && !show_c)
        show_l = show_w = show_c = 1;
    if (optind == argc) {
        status = count(0, "stdin", &total);
        print(&total, NULL);
        return status;
    }
    for (int i = optind; i < argc; i++) {
        struct counts one = { 0, 0, 0 };
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0 || count(fd, argv[i], &one)) {
            if (fd < 0)
                cmd_error(argv[i]);
            status = 1;
        } else {
            print(&one, argv[i]);
        }
        if (fd >= 0)
            close(fd);
        total.lines += one.lines; total.words += one.words; total.bytes += one.bytes;
    }
    if (argc - optind > 1)
        print(&total, "total");
    return status;
}
