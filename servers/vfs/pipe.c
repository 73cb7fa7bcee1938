/* pipe.c: pipes, kept in VFS (no file server involved).
 *
 * A pipe is a PIPE_SIZE ring buffer with counts of open read and write
 * ends.  A read of an empty pipe with writers, and a write to a full pipe
 * with readers, are suspended: VFS answers EDONTREPLY now and the real
 * answer later (reply()), when a write, a read or a close changes the
 * pipe.  A write moves what fits and answers with that count (libc's
 * write() loops for the rest); it never waits once some bytes went.  A read
 * with no writers left gets 0 (end of file); a write with no readers EPIPE.
 * Suspended calls of a process that dies are dropped (pipe_forget).
 */
#include <string.h>
#include <safecopies.h>
#include "vfs.h"

struct pipe {
    int used;
    uint8_t buf[PIPE_SIZE];
    uint32_t head, len;       /* ring: bytes at head .. head+len */
    int readers, writers;
};

struct susp {
    endpoint_t ep;            /* NONE = free */
    struct filp *f;
    int write;
    int32_t grant;
    uint32_t count;
};

static struct pipe pipes[NR_PIPES];
static struct susp susps[NR_FPROCS];

void pipe_init(void)
{
    for (int i = 0; i < NR_FPROCS; i++)
        susps[i].ep = NONE;
}

static int is_write_end(int flags)
{
    return (flags & VFS_O_ACCMODE) == VFS_O_WRONLY;
}

int pipe_make(struct fproc *fp, message *m)
{
    struct pipe *p = NULL;
    struct filp *fr, *fw;
    int err, rfd, wfd;

    for (int i = 0; i < NR_PIPES && !p; i++)
        if (!pipes[i].used)
            p = &pipes[i];
    if (!p)
        return ENFILE;
    if ((rfd = fd_alloc(fp, 0)) < 0)
        return rfd;
    fp->fd[rfd] = (struct filp *)1;   /* reserve while finding the second */
    wfd = fd_alloc(fp, 0);
    fp->fd[rfd] = NULL;
    if (wfd < 0)
        return wfd;
    if (!(fr = filp_new(VFS_O_RDONLY, &err)))
        return err;
    if (!(fw = filp_new(VFS_O_WRONLY, &err))) {
        fr->refs = 0;
        return err;
    }
    memset(p, 0, sizeof(*p));
    p->used = 1;
    p->readers = p->writers = 1;
    fr->pipe = fw->pipe = p;
    fp->fd[rfd] = fr;
    fp->fd[wfd] = fw;
    m->m_u.m_i32[0] = rfd;
    m->m_u.m_i32[1] = wfd;
    return OK;
}

/* Move bytes between the ring and the caller's grant: the count moved, 0
 * if the call must wait, or an error. */
static int transfer(struct pipe *p, endpoint_t ep, int write, int32_t grant, uint32_t count)
{
    uint32_t done = 0;

    while (done < count && (write ? p->len < PIPE_SIZE : p->len > 0)) {
        uint32_t at = write ? (p->head + p->len) % PIPE_SIZE : p->head;
        uint32_t room = write ? PIPE_SIZE - p->len : p->len;
        uint32_t n = PIPE_SIZE - at;
        int r;
        if (n > room) n = room;
        if (n > count - done) n = count - done;
        r = write ? sys_safecopyfrom(ep, grant, done, (vir_bytes)&p->buf[at], n)
                  : sys_safecopyto(ep, grant, done, (vir_bytes)&p->buf[at], n);
        if (r != OK)
            return done ? (int)done : r;
        if (write)
            p->len += n;
        else
            p->head = (p->head + n) % PIPE_SIZE, p->len -= n;
        done += n;
    }
    return (int)done;
}

/* The answer a call would get now, or 0 meaning "wait". */
static int try_call(struct pipe *p, endpoint_t ep, int write, int32_t grant, uint32_t count,
                    int *wait)
{
    int r;

    *wait = 0;
    if (write && !p->readers)
        return EPIPE;
    if (count == 0)
        return 0;
    r = transfer(p, ep, write, grant, count);
    if (r == 0 && (write || p->writers))
        *wait = 1;
    return r;
}

/* Retry every suspended call on p; answer those that can finish. */
static void wake(struct pipe *p)
{
    for (int again = 1; again;) {
        again = 0;
        for (int i = 0; i < NR_FPROCS; i++) {
            struct susp *s = &susps[i];
            int wait, r;
            if (s->ep == NONE || s->f->pipe != p)
                continue;
            r = try_call(p, s->ep, s->write, s->grant, s->count, &wait);
            if (wait)
                continue;
            reply(s->ep, r, NULL);
            s->ep = NONE;
            again = 1;
        }
    }
}

int pipe_rw(struct fproc *fp, struct filp *f, int write, int32_t grant, uint32_t count)
{
    int wait, r;

    if (write != is_write_end(f->flags))
        return EBADF;
    r = try_call(f->pipe, fp->ep, write, grant, count, &wait);
    if (!wait) {
        if (r > 0)
            wake(f->pipe);
        return r;
    }
    for (int i = 0; i < NR_FPROCS; i++)
        if (susps[i].ep == NONE) {
            susps[i] = (struct susp){ fp->ep, f, write, grant, count };
            return EDONTREPLY;
        }
    return EAGAIN;
}

void pipe_end_closed(struct pipe *p, int flags)
{
    if (is_write_end(flags))
        p->writers--;
    else
        p->readers--;
    if (!p->readers && !p->writers)
        p->used = 0;
    else
        wake(p);
}

void pipe_forget(endpoint_t ep)
{
    for (int i = 0; i < NR_FPROCS; i++)
        if (susps[i].ep == ep)
            susps[i].ep = NONE;
}

uint32_t pipes_in_use(void)
{
    uint32_t n = 0;
    for (int i = 0; i < NR_PIPES; i++)
        n += pipes[i].used != 0;
    return n;
}

/* VFS_PM_UNPAUSE (unpause.c): a suspended pipe call of ep ends with EINTR
 * (a signal handler is to run).  Nothing moved yet: a suspended call is
 * one that moved no byte. */
int pipe_interrupt(endpoint_t ep)
{
    for (int i = 0; i < NR_FPROCS; i++)
        if (susps[i].ep == ep) {
            susps[i].ep = NONE;
            reply(ep, EINTR, NULL);
            return OK;
        }
    return ESRCH;
}
