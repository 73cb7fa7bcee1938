/* ls [-la] [path...]: list directories (sorted names; dot files only with
 * -a) or name files.  -l: mode, links, size, name per line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/cmd.h"

static int all, longfmt;

static void mode_string(mode_t m, char out[11])
{
    static const char rwx[] = "rwxrwxrwx";

    out[0] = S_ISDIR(m) ? 'd' : S_ISFIFO(m) ? 'p' : S_ISCHR(m) ? 'c' : '-';
    for (int i = 0; i < 9; i++)
        out[1 + i] = (m & (0400 >> i)) ? rwx[i] : '-';
    out[10] = '\0';
}

static void show(const char *path, const char *name)
{
    struct stat st;
    char mode[11];

    if (!longfmt) {
        printf("%s\n", name);
        return;
    }
    if (stat(path, &st) < 0) {
        cmd_error(path);
        return;
    }
    mode_string(st.st_mode, mode);
    printf("%s %2u %8ld %s\n", mode, (unsigned)st.st_nlink, (long)st.st_size, name);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read all names (for sorting), then show them. */
static int list_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL, path[256];
    int n = 0;

    if (d == NULL) {
        cmd_error(dir);
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        char **a;
        if (e->d_name[0] == '.' && !all)
            continue;
        if ((a = realloc(names, sizeof(char *) * (size_t)(n + 1))) == NULL)
            break;
        names = a;
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof(char *), by_name);
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        show(path, names[i]);
        free(names[i]);
    }
    free(names);
    return 0;
}

static int list(const char *path, int several)
{
    struct stat st;

    if (stat(path, &st) < 0) {
        cmd_error(path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        show(path, path);
        return 0;
    }
    if (several)
        printf("%s:\n", path);
    return list_dir(path);
}

int main(int argc, char **argv)
{
    int c, status = 0;

    cmd_init(argc, argv);
    while ((c = getopt(argc, argv, "la")) != -1) {
        if (c == 'l') longfmt = 1;
        else if (c == 'a') all = 1;
        else cmd_usage("[-la] [path...]");
    }
    if (optind == argc)
        return list(".", 0);
    for (int i = optind; i < argc; i++)
        status |= list(argv[i], argc - optind > 1);
    return status;
}
