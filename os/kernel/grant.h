/* grant.h: checking grants (grant.c) and copying between two address
 * spaces (xcopy.c).  The kernel calls are in system/do_safecopy.c and
 * system/do_setgrant.c; the rules are in docs/grants.md. */
#ifndef GRANT_H
#define GRANT_H

#include "kernel.h"
#include <lantern/safecopies.h>

struct proc;

/* The safe-copy path, kept together in one stretch of kernel text right
 * after the IPC path (kernel.ld): under QEMU every jump to another code
 * page costs a block lookup (docs/benchmarks.md), and a 4 KiB safecopy
 * should cost little more than the copy itself (docs/grants.md). */
#define GRANT_TEXT __attribute__((section(".text.grant")))

/* The (granter, id) links of a chain, the caller's own first: safemap
 * keeps them so that revoking any link finds the mapping. */
struct grant_links {
    uint32_t      n;
    endpoint_t    ep[GRANT_MAX_DEPTH + 1];
    cp_grant_id_t gid[GRANT_MAX_DEPTH + 1];
};

/* One use of a grant: the request (in) and what it resolves to (out). */
struct grant_use {
    endpoint_t    granter;     /* in: the granter the caller names */
    cp_grant_id_t gid;         /* in: the id in the granter's table */
    uint32_t      access;      /* in: CPF_READ or CPF_WRITE */
    uint32_t      offset;      /* in: offset in the grant */
    uint32_t      bytes;       /* in: length of the copy */
    struct proc  *owner;       /* out: the process whose memory it is */
    vir_bytes     addr;        /* out: start of the range in owner's space */
    uint32_t      depth;       /* out: indirect links followed */
    struct grant_links *links; /* in: NULL, or where to note the chain (safemap) */
};

/* Check that the grant lets caller do u's copy, following indirect links;
 * OK (u->owner, u->addr set) or the error of docs/grants.md. */
int grant_verify(struct proc *caller, struct grant_use *u);

/* cowcopy.c: share the whole pages of a large copy through VM.  0: copy
 * as usual; 1: *result is the call's result (EDONTREPLY: waits for VM). */
int cow_safecopy(struct proc *caller, const struct grant_use *u, vir_bytes addr, int *result);

/* Copy n bytes from src's address sa to dst's address da, through the
 * identity map.  Every page of both ranges is checked (present, user, and
 * writable on dst's side) before the first byte moves: EFAULT leaves both
 * untouched.  OK or EFAULT. */
int xcopy(struct proc *src, vir_bytes sa, struct proc *dst, vir_bytes da, uint32_t n);
/* Is every page of [va, va + n) present and user (and writable)? */
int xcopy_range_ok(struct proc *p, vir_bytes va, uint32_t n, int write);

#endif
