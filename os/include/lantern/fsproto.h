/* fsproto.h: the protocol between VFS and a file server (servers/mfs).
 *
 * Who may ask: VFS only.  MFS answers every other sender EPERM (it learns
 * VFS's endpoint from RS by the label "vfs").  Names come in a grant from
 * VFS (CPF_READ, `len` bytes, no NUL); data moves through the indirect
 * grant VFS makes of the user's grant, so MFS copies straight from or to
 * the user's buffer.  Inodes are named by number; VFS holds a reference
 * (FS_GETNODE / FS_PUTNODE) on each inode it has open, and MFS frees an
 * unlinked inode only when the last reference goes.
 *
 * Reply: m_type = result (>= 0) or a negative errno; requests that return
 * an inode fill struct fs_node in the payload.  An image MFS could not
 * mount answers every request EIO.
 */
#ifndef LANTERN_FSPROTO_H
#define LANTERN_FSPROTO_H

#include <lantern/types.h>
#include <lantern/message.h>

#define FS_RQ_BASE    0xE40
#define FS_LOOKUP     0xE40   /* dir, name -> node */
#define FS_CREATE     0xE41   /* dir, name, mode -> node (EEXIST) */
#define FS_MKDIR      0xE42   /* dir, name, mode -> node */
#define FS_UNLINK     0xE43   /* dir, name (not a directory: EISDIR) */
#define FS_RMDIR      0xE44   /* dir, name (ENOTEMPTY, ENOTDIR) */
#define FS_LINK       0xE45   /* dir, name, ino */
#define FS_RENAME     0xE46   /* dir, name -> dir2, name2 */
#define FS_READ       0xE47   /* ino, pos, count, grant -> bytes */
#define FS_WRITE      0xE48   /* ino, pos, count, grant -> bytes */
#define FS_TRUNC      0xE49   /* ino, pos = new size */
#define FS_STAT       0xE4A   /* ino -> node */
#define FS_GETDENTS   0xE4B   /* ino, pos (entry index), grant, count -> bytes; node.size = next pos */
#define FS_GETNODE    0xE4C   /* ino: VFS holds a reference */
#define FS_PUTNODE    0xE4D   /* ino: VFS drops its reference */
#define FS_SYNC       0xE4E   /* write every dirty block; pos = 1 also empties the cache */
#define FS_STATFS     0xE4F   /* -> free blocks, free inodes, cache counters (struct fs_statfs) */
#define FS_RQ_LAST    0xE7F

/* FS_MTYPE_TABLE(X): X(NAME, "protocol", "description"), see rs.h. */
#define FS_MTYPE_TABLE(X) \
    X(FS_LOOKUP,   "fs", "find a name in a directory") \
    X(FS_CREATE,   "fs", "create a regular file") \
    X(FS_MKDIR,    "fs", "create a directory") \
    X(FS_UNLINK,   "fs", "remove a name of a file") \
    X(FS_RMDIR,    "fs", "remove an empty directory") \
    X(FS_LINK,     "fs", "add a name for an inode") \
    X(FS_RENAME,   "fs", "move a name") \
    X(FS_READ,     "fs", "read file data into a grant") \
    X(FS_WRITE,    "fs", "write file data from a grant") \
    X(FS_TRUNC,    "fs", "set a file's size") \
    X(FS_STAT,     "fs", "an inode's status") \
    X(FS_GETDENTS, "fs", "directory entries into a grant") \
    X(FS_GETNODE,  "fs", "VFS takes a reference on an inode") \
    X(FS_PUTNODE,  "fs", "VFS drops a reference on an inode") \
    X(FS_SYNC,     "fs", "write dirty blocks to the device") \
    X(FS_STATFS,   "fs", "free blocks and inodes, cache counters")

struct fs_req {
    uint32_t ino;              /* the inode, or the directory */
    int32_t  grant;            /* name, or data */
    uint32_t len;              /* name length */
    uint32_t pos, count;
    uint32_t mode;
    uint32_t ino2;             /* FS_LINK: the inode; FS_RENAME: the new directory */
    int32_t  grant2;           /* FS_RENAME: the new name */
    uint32_t len2;
};
LANTERN_STATIC_ASSERT(sizeof(struct fs_req) <= MESSAGE_PAYLOAD, "fs_req fits a message");

struct fs_node {
    uint32_t ino, mode, nlinks, size;
    uint32_t atime, mtime, ctime;
    uint32_t rdev;             /* a device file's number (MFS_DEV), else 0 */
};

struct fs_statfs {
    uint32_t free_blocks, free_inodes;
    uint32_t cache_hits, cache_misses, retries;
    uint32_t inodes_in_use;    /* in MFS's inode table */
};
LANTERN_STATIC_ASSERT(sizeof(struct fs_statfs) <= MESSAGE_PAYLOAD, "fs_statfs fits a message");

#endif
