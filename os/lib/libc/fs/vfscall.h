/* vfscall.h: the one way libc's file calls reach VFS (vfscall.c). */
#ifndef LIBC_FS_VFSCALL_H
#define LIBC_FS_VFSCALL_H

#include <lantern/vfs.h>
#include <lantern/message.h>

/* What a call lends VFS: up to two paths and one buffer.  The buffer goes
 * in the request's `grant` field, or `grant2` when buf_second is set. */
struct vfs_lend {
    const char *path, *path2;
    void *buf;
    uint32_t len;
    uint32_t access;          /* CPF_READ: VFS reads buf; CPF_WRITE: VFS fills it */
    int buf_second;
};

/* Send the request (m_type = type, payload *rq) with grants for what
 * `lend` names, revoke them, and return the answer: >= 0, or -1 with
 * errno set.  *reply gets the whole answer when not NULL. */
int _vfs_call(int type, struct vfs_req *rq, const struct vfs_lend *lend, message *reply);

#endif
