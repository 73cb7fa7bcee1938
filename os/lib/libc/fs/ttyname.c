/* ttyname.c: the name of the terminal open on a descriptor (unistd.h).
 *
 * A terminal is a device file that answers TCGETS; its name is the entry
 * of /dev with the same device number (st_rdev).  The answer lives in a
 * static buffer (overwritten by the next call).  Errors: NULL with errno
 * EBADF (not open), ENOTTY (not a terminal), ENOENT (no /dev entry). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <termios.h>
#include <sys/stat.h>

static int same_device(const char *path, dev_t rdev)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == rdev;
}

char *ttyname(int fd)
{
    static char name[5 + VFS_NAME_MAX + 4];
    struct termios t;
    struct stat st;
    struct dirent *e;
    DIR *d;

    if (fstat(fd, &st) < 0 || tcgetattr(fd, &t) < 0)
        return NULL;                   /* errno: EBADF or ENOTTY */
    if (!(d = opendir("/dev")))
        return NULL;
    while ((e = readdir(d))) {
        snprintf(name, sizeof(name), "/dev/%s", e->d_name);
        if (e->d_name[0] != '.' && same_device(name, st.st_rdev)) {
            closedir(d);
            return name;
        }
    }
    closedir(d);
    errno = ENOENT;
    return NULL;
}
