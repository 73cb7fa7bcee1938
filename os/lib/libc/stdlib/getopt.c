/* getopt.c: POSIX getopt.  Options are grouped ("-ab"), an option taking
 * an argument takes the rest of its word or the next word; "--" ends the
 * options, as does the first word not starting with '-' (or "-" alone).
 * Errors: '?' (unknown option or missing argument; ':' instead for the
 * latter when optstring starts with ':'), with a message on stderr unless
 * opterr is 0 or optstring starts with ':'.
 * State: optind is the next word; `next` the next letter inside it. */
#include <unistd.h>
#include <string.h>
#include <stdio.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static const char *next;

static int fail(const char *prog, const char *msg, int c, int quiet)
{
    if (opterr && !quiet)
        fprintf(stderr, "%s: %s -- '%c'\n", prog, msg, c);
    return '?';
}

int getopt(int argc, char *const argv[], const char *optstring)
{
    int quiet = optstring[0] == ':';
    const char *spec;

    optarg = NULL;
    if (next == NULL || *next == '\0') {
        if (optind >= argc || argv[optind][0] != '-' || argv[optind][1] == '\0')
            return -1;
        if (strcmp(argv[optind], "--") == 0) {
            optind++;
            return -1;
        }
        next = argv[optind++] + 1;
    }
    optopt = (unsigned char)*next++;
    spec = optopt != ':' ? strchr(optstring, optopt) : NULL;
    if (spec == NULL)
        return fail(argv[0], "unknown option", optopt, quiet);
    if (spec[1] != ':')
        return optopt;
    if (*next != '\0') {
        optarg = (char *)next;
    } else if (optind < argc) {
        optarg = argv[optind++];
    } else {
        next = NULL;
        fail(argv[0], "option requires an argument", optopt, quiet);
        return quiet ? ':' : '?';
    }
    next = NULL;
    return optopt;
}
