/* vfs_admin.h: the VFS requests that are not POSIX calls, for tests and
 * tools: VFS's table counters (leak checks) and a sync that also drops
 * MFS's block cache (cold-cache benchmarks).  lantern/vfs.h documents them.
 * Both return OK or a negative error. */
#ifndef LIBSYS_VFS_ADMIN_H
#define LIBSYS_VFS_ADMIN_H

#include <lantern/vfs.h>

/* VFS_STATS: the open-file, vnode and pipe counts into *st. */
int vfs_stats(struct vfs_stats *st);

/* VFS_SYNC with flags 1: MFS writes its dirty blocks and forgets the cache. */
int vfs_drop_cache(void);

#endif
