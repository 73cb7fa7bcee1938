/* safemap.h: safemap, the ABI (docs/grants.md, "safemap").
 *
 * A grantee maps the pages a grant covers into its own address space,
 * instead of copying them: afterwards both processes read (and, with a
 * writable mapping, write) the same physical frames.  The granter marks
 * the grant CPF_MAP (libsys refuses CPF_MAP unless the grant's address
 * and length are page aligned).
 *
 * SYS_SAFEMAP     (the grantee) [0] granter, [1] grant id, [2] offset in
 *                 the grant, [3] address in the caller, [4] bytes, [5]
 *                 SMAP_* flags.  The grant needs CPF_MAP | CPF_READ, plus
 *                 CPF_WRITE for SMAP_WRITE.  offset, address and bytes
 *                 must be page aligned and bytes > 0, and the resolved
 *                 address in the owner's space too (EINVAL).  Indirect
 *                 chains are followed (every link checked now, at map
 *                 time); the memory mapped is the final owner's.  The
 *                 caller's range must lie in its data, bss or heap (below
 *                 its break: EFAULT otherwise) and overlap none of its
 *                 live mappings (EBUSY); what it had there is dropped.
 * SYS_SAFEREVMAP  (any link of the grant) [1] grant id: every mapping made
 *                 through that grant of the caller's table (the caller is
 *                 the owner or any link of an indirect chain) is undone.
 *                 OK also when there was none.
 * SYS_SAFEUNMAP   (the grantee) [3] the start address of one of its
 *                 mappings: that mapping is undone.  ENOENT: none starts
 *                 there.
 *
 * Undoing a mapping (unmap, revoke) leaves the grantee a private copy of
 * the pages as they were at that moment, at the same address: no hole, and
 * from then on neither side sees the other's writes.  The owner's memory
 * is untouched.  An exit of the grantee drops its mappings; an exit of the
 * owner leaves each grantee the frames, now its own alone.
 *
 * Errors (all three): ECALLDENIED (not in the caller's kernel-call mask:
 * user processes for SAFEMAP and SAFEUNMAP), EINVAL (alignment, a zero
 * length, a range that wraps or leaves user space, unknown flags, a
 * malformed grant id, mapping one's own memory), the grant's errors
 * (EPERM, EBADSRCDST, EDEADSRCDST, ELOOP: docs/grants.md), EPERM also
 * when VM or a kernel task would be a side, ENOSPC (VM's SAFEMAP_MAX
 * records are all in use), ENOMEM (no frame for a page or a private copy),
 * EFAULT (the caller's range is not its data/heap, a writable mapping of
 * a read-only page of the owner, an owner page VM cannot bring in), EBUSY,
 * ENOENT.  The result is VM's: the caller waits until VM has done it.
 *
 * Plain data only: the host tracer includes this header too.
 */
#ifndef LANTERN_SAFEMAP_H
#define LANTERN_SAFEMAP_H

#include <lantern/types.h>

#define SMAP_EP      0
#define SMAP_GID     1
#define SMAP_OFFSET  2
#define SMAP_ADDR    3
#define SMAP_BYTES   4
#define SMAP_FLAGS   5

#define SMAP_WRITE   0x1          /* a writable mapping (needs CPF_WRITE) */

/* VM's mapping records, for the whole system (servers/vm/smap.c): one per
 * SYS_SAFEMAP that succeeded and is not undone yet.  More: ENOSPC. */
#define SAFEMAP_MAX  1024
/* Pages in one mapping (4 MiB): bounds the work VM does in one request. */
#define SAFEMAP_MAX_PAGES 1024

#endif
