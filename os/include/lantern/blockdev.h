/* blockdev.h: the block-device protocol between file servers and block
 * drivers (drivers/ramdisk, drivers/ata).
 *
 * A client (MFS, or a drivers-suite test) sends a request with sendrec and
 * gets one reply.  Data never moves by raw address: the client makes a grant
 * over its own buffer (CPF_WRITE for a read, CPF_READ for a write) and the
 * driver copies through it with sys_safecopyto/from.  Vectored requests name
 * a grant over an array of struct bdev_iovec, each element with its own
 * grant.
 *
 * Positions and counts are bytes.  A transfer must start on a BDEV_SECTOR
 * boundary and be a multiple of BDEV_SECTOR (else EINVAL); one that runs
 * past the end of the device is cut short there; the reply's m_type is the
 * number of bytes moved (>= 0) or a negative errno (lantern/errno.h).
 *
 * Who may ask: the processes the driver's RS table line admits (its IPC
 * list); a type the driver does not know gets EBADREQUEST, a minor it does
 * not have ENXIO, a write to a read-only device EROFS, a transfer the
 * device fails EIO.
 */
#ifndef LANTERN_BLOCKDEV_H
#define LANTERN_BLOCKDEV_H

#include <lantern/types.h>
#include <lantern/message.h>

#define BDEV_SECTOR     512u
#define BDEV_IOV_MAX    64     /* elements in one vectored request (else EINVAL) */

#define BDEV_RQ_BASE    0xF00
#define BDEV_OPEN       0xF00  /* minor, access (BDEV_R_BIT | BDEV_W_BIT) */
#define BDEV_CLOSE      0xF01  /* minor */
#define BDEV_READ       0xF02  /* minor, grant, pos, count */
#define BDEV_WRITE      0xF03  /* minor, grant, pos, count */
#define BDEV_GATHER     0xF04  /* vectored read: grant over count bdev_iovecs */
#define BDEV_SCATTER    0xF05  /* vectored write: grant over count bdev_iovecs */
#define BDEV_IOCTL      0xF06  /* minor, request (BIOC_*), grant */
#define BDEV_RQ_LAST    0xF0F

/* BDEV_MTYPE_TABLE(X): X(NAME, "protocol", "description"), see rs.h. */
#define BDEV_MTYPE_TABLE(X) \
    X(BDEV_OPEN,    "bdev", "open a minor device for reading and/or writing") \
    X(BDEV_CLOSE,   "bdev", "close a minor device") \
    X(BDEV_READ,    "bdev", "read sectors into the client's grant") \
    X(BDEV_WRITE,   "bdev", "write sectors from the client's grant") \
    X(BDEV_GATHER,  "bdev", "vectored read (grant over bdev_iovec[])") \
    X(BDEV_SCATTER, "bdev", "vectored write (grant over bdev_iovec[])") \
    X(BDEV_IOCTL,   "bdev", "device control, e.g. BIOC_GETINFO")

#define BDEV_R_BIT      0x1
#define BDEV_W_BIT      0x2

#define BIOC_GETINFO    1      /* grant (CPF_WRITE) receives struct bdev_info */

/* The request, in the message payload (m_type = BDEV_*). */
struct bdev_req {
    int32_t  minor;
    int32_t  access;           /* BDEV_OPEN */
    int32_t  grant;            /* data, iovec array, or ioctl argument */
    uint32_t pos_lo, pos_hi;   /* byte position (64 bits) */
    uint32_t count;            /* bytes, or iovec elements */
    int32_t  request;          /* BDEV_IOCTL */
    uint32_t id;               /* the client's tag, echoed in the reply */
};
LANTERN_STATIC_ASSERT(sizeof(struct bdev_req) <= MESSAGE_PAYLOAD, "bdev_req fits a message");

struct bdev_iovec {
    int32_t  grant;
    uint32_t size;             /* bytes, a multiple of BDEV_SECTOR */
};

struct bdev_info {
    uint32_t size_lo, size_hi; /* device size in bytes */
    uint32_t sector;           /* BDEV_SECTOR */
    uint32_t flags;            /* BDEV_INFO_READONLY */
};
#define BDEV_INFO_READONLY 0x1

/* Reply: m_type = bytes moved or -errno; payload u32[0] = the request's id. */

#endif
