/* rm [-r] [-f] path...: remove files; -r removes directories with their
 * contents; -f says nothing about missing files (and its status stays 0). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include "lib/cmd.h"

static int force, recursive;

static int remove_path(const char *path);

static int remove_dir(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char child[256];
    int status = 0;

    if (d == NULL) {
        cmd_error(path);
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
        status |= remove_path(child);
    }
    closedir(d);
    if (rmdir(path) < 0) {
        cmd_error(path);
        return 1;
    }
    return status;
}

static int remove_path(const char *path)
{
    struct stat st;

    if (stat(path, &st) < 0) {
        if (force && errno == ENOENT)
            return 0;
        cmd_error(path);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (recursive)
            return remove_dir(path);
        cmd_msg(path, "is a directory");
        return 1;
    }
    if (unlink(path) < 0) {
        cmd_error(path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int c, status = 0;

    cmd_init(argc, argv);
    while ((c = getopt(argc, argv, "rf")) != -1) {
        if (c == 'r')
            recursive = 1;
        else if (c == 'f')
            force = 1;
        else
            cmd_usage("[-rf] path...");
    }
    if (optind >= argc && !force)
        cmd_usage("[-rf] path...");
    for (int i = optind; i < argc; i++)
        status |= remove_path(argv[i]);
    return status;
}
