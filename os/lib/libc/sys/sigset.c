/* sigset.c: signal sets and names (<signal.h>), from SIGNAL_TABLE. */
#include <errno.h>
#include <string.h>
#include <signal.h>

static const struct { int nr; const char *name, *text; } sigs[] = {
#define LIBC_SIG_ROW(name, nr, def, text) { nr, #name, text },
    SIGNAL_TABLE(LIBC_SIG_ROW)
#undef LIBC_SIG_ROW
};
#define NSIGS (int)(sizeof(sigs) / sizeof(sigs[0]))

static int row(int sig)
{
    for (int i = 0; i < NSIGS; i++)
        if (sigs[i].nr == sig)
            return i;
    return -1;
}

static int bad(void)
{
    errno = EINVAL;
    return -1;
}

int sigemptyset(sigset_t *set) { *set = 0; return 0; }
int sigfillset(sigset_t *set) { *set = ~SIG_BIT(SIGKILL); return 0; }

int sigaddset(sigset_t *set, int sig)
{
    if (row(sig) < 0)
        return bad();
    *set |= SIG_BIT(sig);
    return 0;
}

int sigdelset(sigset_t *set, int sig)
{
    if (row(sig) < 0)
        return bad();
    *set &= ~SIG_BIT(sig);
    return 0;
}

int sigismember(const sigset_t *set, int sig)
{
    if (row(sig) < 0)
        return bad();
    return (*set & SIG_BIT(sig)) != 0;
}

const char *strsignal(int sig)
{
    int i = row(sig);
    return i < 0 ? "unknown signal" : sigs[i].text;
}

const char *signame(int sig)
{
    int i = row(sig);
    return i < 0 ? NULL : sigs[i].name + 3;     /* past "SIG" */
}

int sig_by_name(const char *name)
{
    if (!strncmp(name, "SIG", 3))
        name += 3;
    for (int i = 0; i < NSIGS; i++)
        if (!strcmp(sigs[i].name + 3, name))
            return sigs[i].nr;
    return -1;
}
