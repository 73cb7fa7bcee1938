/* exec_args.c: exec's path, argv and envp, read from the caller, and the
 * new stack built from them (docs/processes.md).
 *
 * The caller lends PM its window (one CPF_READ grant); every pointer is
 * read through it, a page-bounded piece at a time, so a bad pointer is a
 * failed safecopy (EFAULT), never a fault in PM or the caller.  Limits:
 * PM_EXEC_ARGS_MAX bytes of strings and pointers together and
 * PM_EXEC_NARGS_MAX strings (E2BIG), VFS_PATH_MAX for the path
 * (ENAMETOOLONG).
 *
 * The stack (what crt0.S expects), from the top of the window down:
 *   16 bytes of nothing, the strings, then (4-byte aligned) argc, a
 *   pointer to argv[0], argv[0..argc-1], NULL, envp[0..envc-1], NULL.
 */
#include <string.h>
#include <safecopies.h>
#include <lantern/pm.h>
#include <lantern/vfs.h>
#include "exec.h"

#define PAGE 4096u

/* Copy from the caller at addr until a NUL (kept) or max bytes: the
 * length with the NUL, or EFAULT / E2BIG (no NUL in max bytes). */
static int copy_str(const struct exec_args *a, uint32_t addr, char *dst, uint32_t max)
{
    uint32_t off = 0;

    while (off < max) {
        uint32_t n = PAGE - (addr + off) % PAGE;
        char *nul;
        if (n > max - off)
            n = max - off;
        if (addr + off < a->base || sys_safecopyfrom(a->ep, a->grant, addr + off - a->base,
                                                     (vir_bytes)dst + off, n) != OK)
            return EFAULT;
        if ((nul = memchr(dst + off, 0, n)))
            return (int)(nul - dst) + 1;
        off += n;
    }
    return E2BIG;
}

static int copy_word(const struct exec_args *a, uint32_t addr, uint32_t *w)
{
    if (addr < a->base || (addr & 3))
        return EFAULT;
    return sys_safecopyfrom(a->ep, a->grant, addr - a->base, (vir_bytes)w, 4) == OK ? OK : EFAULT;
}

/* The strings of one NULL-terminated vector (argv or envp) appended. */
static int copy_vector(struct exec_args *a, uint32_t vec, uint32_t *count)
{
    uint32_t p;
    int r;

    *count = 0;
    for (uint32_t i = 0; vec; i++) {
        if ((r = copy_word(a, vec + 4 * i, &p)) != OK)
            return r;
        if (!p)
            return OK;
        if (a->nstr >= PM_EXEC_NARGS_MAX)
            return E2BIG;
        r = copy_str(a, p, a->strs + a->len, sizeof(a->strs) - a->len);
        if (r < 0)
            return r;
        a->off[a->nstr++] = a->len;
        a->len += (uint32_t)r;
        (*count)++;
        if (a->len + 4 * (a->nstr + 4) > PM_EXEC_ARGS_MAX)
            return E2BIG;
    }
    return OK;
}

int exec_args_read(struct exec_args *a, endpoint_t ep, const message *m)
{
    const uint32_t *w = m->m_u.m_u32;
    int r;

    memset(a, 0, offsetof(struct exec_args, strs));
    a->ep = ep;
    a->grant = (int32_t)w[0];
    a->base = w[1];
    if (!w[2])
        return EFAULT;
    if ((r = copy_str(a, w[2], a->path, VFS_PATH_MAX)) < 0)
        return r == E2BIG ? ENAMETOOLONG : r;
    if (r == 1)
        return ENOENT;                              /* "" */
    if ((r = copy_vector(a, w[3], &a->argc)) != OK)
        return r;
    return copy_vector(a, w[4], &a->envc);
}

/* The stack image in out (at most room bytes), to go at *esp. */
int exec_args_stack(const struct exec_args *a, uint32_t top, uint8_t *out, uint32_t room,
                    uint32_t *esp, uint32_t *len)
{
    uint32_t words = 2 + a->argc + 1 + a->envc + 1;
    uint32_t sbase = (top - 16 - a->len) & ~3u, base = sbase - 4 * words;
    uint32_t *v;

    *len = top - 16 - base;
    if (*len > room)
        return E2BIG;
    v = (uint32_t *)out;
    v[0] = a->argc;
    v[1] = base + 8;
    for (uint32_t i = 0, k = 2; i < a->nstr; i++, k++) {
        if (i == a->argc)
            v[k++] = 0;                             /* argv's NULL */
        v[k] = sbase + a->off[i];
    }
    v[2 + a->argc] = 0;
    v[words - 1] = 0;
    memcpy(out + (sbase - base), a->strs, a->len);
    *esp = base;
    return OK;
}

/* argv[1..] joined by spaces, for ps (SYS_EXEC keeps ARGS_MAX bytes). */
uint32_t exec_args_words(const struct exec_args *a, char *out, uint32_t room)
{
    uint32_t n = 0;

    for (uint32_t i = 1; i < a->argc && n + 1 < room; i++) {
        const char *s = a->strs + a->off[i];
        if (n)
            out[n++] = ' ';
        while (*s && n + 1 < room)
            out[n++] = *s++;
    }
    out[n] = 0;
    return n;
}
