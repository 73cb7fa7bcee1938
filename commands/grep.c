/* grep [-vcni] pattern [file...]: print the lines that match an extended
 * regular expression (os/lib/libc/regex).  Status: 0 a line matched,
 * 1 none did, 2 an error (bad pattern, unreadable file, usage). */
#include <stdio.h>
#include <string.h>
#include <regex.h>
#include <unistd.h>
#include "lib/cmd.h"

static int invert, count_only, numbers, names;

static long scan(const regex_t *re, FILE *f, const char *name)
{
    char line[1024];
    long matched = 0, lineno = 0;

    while (fgets(line, sizeof(line), f) != NULL) {
        size_t len = strlen(line);
        int hit;
        lineno++;
        if (len > 0 && line[len - 1] == '\n')
            line[len - 1] = '\0';
        hit = (regexec(re, line, 0, NULL, 0) == 0) != invert;
        if (!hit)
            continue;
        matched++;
        if (count_only)
            continue;
        if (names)
            printf("%s:", name);
        if (numbers)
            printf("%ld:", lineno);
        printf("%s\n", line);
    }
    if (count_only)
        printf(names ? "%s:%ld\n" : "%.0s%ld\n", name, matched);
    return matched;
}

int main(int argc, char **argv)
{
    int c, flags = REG_EXTENDED | REG_NOSUB, status = 1, err;
    regex_t re;
    char msg[100];

    cmd_init(argc, argv);
    while ((c = getopt(argc, argv, "vcni")) != -1) {
        if (c == 'v') invert = 1;
        else if (c == 'c') count_only = 1;
        else if (c == 'n') numbers = 1;
        else if (c == 'i') flags |= REG_ICASE;
        else cmd_usage("[-vcni] pattern [file...]");
    }
    if (optind >= argc)
        cmd_usage("[-vcni] pattern [file...]");
    if ((err = regcomp(&re, argv[optind], flags)) != 0) {
        regerror(err, &re, msg, sizeof(msg));
        cmd_msg(argv[optind], msg);
        return 2;
    }
    names = argc - optind > 2;
    if (++optind == argc)
        return scan(&re, stdin, "stdin") > 0 ? 0 : 1;
    for (int i = optind; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (f == NULL) {
            cmd_error(argv[i]);
            status = 2;
            continue;
        }
        if (scan(&re, f, argv[i]) > 0 && status == 1)
            status = 0;
        fclose(f);
    }
    regfree(&re);
    return status;
}
