/* isatty.c: a terminal is a character device (VFS reports S_IFCHR). */
#include <unistd.h>
#include <sys/stat.h>

int isatty(int fd)
{
    struct stat st;

    return fstat(fd, &st) == 0 && S_ISCHR(st.st_mode);
}
