/* unistd.h: the POSIX file calls of Lantern's libc (os/lib/libc/fs/) and
 * the heap break (sys/brk.c: brk and sbrk fail with errno ENOMEM).
 * They return -1 and set errno (a negative lantern/errno.h code) on error. */
#ifndef _LANTERN_LIBC_UNISTD_H
#define _LANTERN_LIBC_UNISTD_H

#include <sys/types.h>
#include <stdint.h>

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

int close(int fd);
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
off_t lseek(int fd, off_t offset, int whence);
int rmdir(const char *path);
int unlink(const char *path);
int link(const char *oldpath, const char *newpath);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
int dup(int fd);
int dup2(int fd, int fd2);
int pipe(int fds[2]);
int truncate(const char *path, off_t length);
int ftruncate(int fd, off_t length);
int fsync(int fd);
void sync(void);
/* Lantern: give a child (spawned by the caller) a copy of descriptor fd
 * as its fd2 (-1: the lowest free); the child's descriptor or -1. */
int givefd(int fd, int32_t child, int fd2);

int isatty(int fd);                  /* 1 on a character device, else 0 */
char *ttyname(int fd);               /* "/dev/console"..., or NULL (fs/ttyname.c) */

/* getopt (stdlib/getopt.c): POSIX option parsing, "ab:" style. */
extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);
/* Processes (sys/proc.c, docs/processes.md): fork returns the child's pid
 * in the parent, 0 in the child, -1 with errno EAGAIN at the process limit. */
pid_t fork(void);
pid_t getpid(void);
pid_t getppid(void);
void _exit(int status) __attribute__((noreturn));   /* no flushing: _Exit */
/* exec (sys/exec.c, docs/processes.md): -1 with errno, or no return. */
extern char **environ;
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);       /* PATH search, "/bin" if unset */
int execl(const char *path, const char *arg0, ...);     /* NULL-terminated */
int execlp(const char *file, const char *arg0, ...);

int brk(void *addr);                 /* 0 or -1 */
void *sbrk(intptr_t increment);      /* the old break, or (void *)-1 */

#endif
