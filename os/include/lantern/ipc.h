/* ipc.h: the IPC trap interface.
 *
 * A process enters the kernel with `int $IPC_VECTOR`:
 *      eax = IPC operation (below), ebx = partner endpoint (or ANY),
 *      ecx = address of a message (SENDA: address of an asynsend table),
 *      edx = SENDA table length (REPLY_RECV: the endpoint to receive from).
 * The status comes back in eax: OK (0) or a negative code from errno.h.
 *
 * Semantics (MINIX rendezvous IPC):
 *  SEND     blocks until the destination receives the message.
 *  RECEIVE  blocks until a message from `src` (or ANY) arrives; pending
 *           notifications are delivered first, then queued senders in order.
 *  SENDREC  SEND then RECEIVE from the same partner, atomically: the caller
 *           cannot be sent anything else in between (the reply path).
 *  NOTIFY   never blocks: sets a bit per source at the destination; several
 *           notifies from one source before a receive coalesce into one.
 *  SENDNB   like SEND but fails with ENOTREADY instead of blocking.
 *  REPLY_RECV  a server's turn in one trap: the reply in the message at ecx
 *           goes to ebx, which must be blocked in SENDREC waiting for this
 *           caller (else ENOTREADY, as SENDNB); then RECEIVE from edx (or
 *           ANY) into the same buffer.  If the reply part fails, nothing
 *           is received.  docs/ipc.md has the rules and the errors.
 *  SENDA    hands the kernel a table of asynsend entries; the kernel delivers
 *           each when its destination receives, and marks it done.
 */
#ifndef LANTERN_IPC_H
#define LANTERN_IPC_H

#include <lantern/types.h>

#define IPC_VECTOR        0x30   /* int $0x30: IPC trap */
#define KCALL_VECTOR      0x31   /* int $0x31: kernel call (request to SYSTEM) */

/* The operations, once (docs/ipc.md describes them; the tracer names them
 * from this list): X(NAME, number).  The numbers are also the bits of a trap
 * mask (TRAP_BIT in priv.h), so they stay below 32. */
#define IPC_OP_TABLE(X) \
    X(SEND, 1) X(RECEIVE, 2) X(SENDREC, 3) X(NOTIFY, 4) X(SENDNB, 5) \
    X(REPLY_RECV, 6) X(SENDA, 16)

#define IPC_OP_ENUM_(NAME, nr) IPC_##NAME = (nr),
enum { IPC_OP_TABLE(IPC_OP_ENUM_) };
#undef IPC_OP_ENUM_

/* bit n set for every valid operation n (trap masks use the same bits) */
#define IPC_OP_BIT_(NAME, nr) | (1u << (nr))
#define IPC_ALL_OPS       (0u IPC_OP_TABLE(IPC_OP_BIT_))

/* One entry of a SENDA table, in the sender's address space. */
typedef struct {
    uint32_t   flags;      /* AMF_* below; the kernel sets DONE and the result */
    endpoint_t dst;
    int32_t    result;     /* delivery status once AMF_DONE is set */
    uint32_t   reserved;
    uint8_t    msg[64];    /* a message (kept as bytes: no layout dependency) */
} asynmsg_t;

#define AMF_EMPTY    0x000   /* slot unused */
#define AMF_VALID    0x001   /* slot holds a message to deliver */
#define AMF_DONE     0x002   /* kernel delivered it (or failed: see result) */

#define SENDA_MAX_ENTRIES  128  /* RS posts 3 slots per service (servers/rs/asyn.c) */

#endif
