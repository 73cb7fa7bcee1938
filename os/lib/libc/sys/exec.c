/* exec.c: execve, execv, execvp (the PATH search), execl, execlp
 * (PM_EXEC, lantern/pm.h; docs/processes.md).
 *
 * execve lends PM its whole 16 MiB window for reading (one grant) and
 * sends the addresses of path, argv and envp: PM copies the strings
 * through the grant, so a bad pointer comes back as EFAULT instead of a
 * fault here.  On success nothing returns: the process runs the new
 * program.  execvp tries each directory of PATH ("/bin" when unset) for a
 * name without a '/', going on after ENOENT, ENOTDIR and EACCES (reported
 * as EACCES if one was seen, else the last error). */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <safecopies.h>
#include <lantern/pm.h>
#include <lantern/vm.h>

#define EXECL_MAX 64

int execve(const char *path, char *const argv[], char *const envp[])
{
    uint32_t here = (uint32_t)(vir_bytes)&here, base = here & ~(VM_WINDOW - 1);
    uint32_t len = base + VM_WINDOW ? VM_WINDOW : VM_WINDOW - 4096;     /* no wrap at 4 GiB */
    cp_grant_id_t g = cpf_grant_direct(PM_ENDPOINT, base, len, CPF_READ);
    message m;
    int r;

    if (g < 0) {
        errno = EFAULT;
        return -1;
    }
    memset(&m, 0, sizeof(m));
    m.m_type = PM_EXEC;
    m.m_u.m_u32[0] = (uint32_t)g;
    m.m_u.m_u32[1] = base;
    m.m_u.m_u32[2] = (uint32_t)(vir_bytes)path;
    m.m_u.m_u32[3] = (uint32_t)(vir_bytes)argv;
    m.m_u.m_u32[4] = (uint32_t)(vir_bytes)envp;
    r = ipc_sendrec(PM_ENDPOINT, &m);
    cpf_revoke(g);                  /* only an error comes back */
    errno = r != OK ? r : m.m_type;
    return -1;
}

int execv(const char *path, char *const argv[])
{
    return execve(path, argv, environ);
}

static int try_dirs(const char *file, char *const argv[])
{
    const char *p = getenv("PATH");
    char buf[256];
    int seen_eacces = 0;

    for (p = p ? p : "/bin"; ; p++) {
        const char *end = strchr(p, ':');
        size_t dl = end ? (size_t)(end - p) : strlen(p), fl = strlen(file);
        if (dl + 1 + fl + 1 <= sizeof buf) {
            memcpy(buf, p, dl);
            buf[dl] = '/';
            memcpy(buf + (dl ? dl + 1 : 0), file, fl + 1);
            execve(buf, argv, environ);
            if (errno == EACCES)
                seen_eacces = 1;
            else if (errno != ENOENT && errno != ENOTDIR)
                return -1;
        }
        if (!end)
            break;
        p = end;
    }
    errno = seen_eacces ? EACCES : ENOENT;
    return -1;
}

int execvp(const char *file, char *const argv[])
{
    if (!file || !*file) {
        errno = ENOENT;
        return -1;
    }
    if (strchr(file, '/'))
        return execve(file, argv, environ);
    return try_dirs(file, argv);
}

/* The variadic forms: at most EXECL_MAX arguments (E2BIG). */
static int collect(char **v, const char *arg0, va_list ap)
{
    int n = 0;
    for (const char *a = arg0; a; a = va_arg(ap, const char *)) {
        if (n == EXECL_MAX)
            return -1;
        v[n++] = (char *)a;
    }
    v[n] = NULL;
    return n;
}

int execl(const char *path, const char *arg0, ...)
{
    char *v[EXECL_MAX + 1];
    va_list ap;
    int n;

    va_start(ap, arg0);
    n = collect(v, arg0, ap);
    va_end(ap);
    if (n < 0) {
        errno = E2BIG;
        return -1;
    }
    return execve(path, v, environ);
}

int execlp(const char *file, const char *arg0, ...)
{
    char *v[EXECL_MAX + 1];
    va_list ap;
    int n;

    va_start(ap, arg0);
    n = collect(v, arg0, ap);
    va_end(ap);
    if (n < 0) {
        errno = E2BIG;
        return -1;
    }
    return execvp(file, v);
}
