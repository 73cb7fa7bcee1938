/* message.h: the fixed-size IPC message.
 *
 * Every message is exactly 64 bytes: the kernel fills in m_source (so a
 * receiver can trust it), the sender chooses m_type, and the 56-byte payload
 * is interpreted by the protocol named by m_type.  Payload layouts are plain
 * unions of fixed-width words so the host tracer can decode them too.
 */
#ifndef LANTERN_MESSAGE_H
#define LANTERN_MESSAGE_H

#include <lantern/types.h>

#define MESSAGE_SIZE      64
#define MESSAGE_PAYLOAD   56

typedef struct {
    endpoint_t m_source;   /* filled in by the kernel on delivery */
    int32_t    m_type;     /* request code, reply status, or notify flag */
    union {
        uint32_t m_u32[14];
        int32_t  m_i32[14];
        uint8_t  m_u8[56];
        char     m_str[56];
        struct { int32_t i1, i2, i3, i4; uint32_t p1, p2, p3; } m1;
        struct { uint64_t t1, t2; uint32_t w1, w2, w3, w4; } m2;
        /* NOTIFY deliveries: who fired, when, and the pending bitmap. */
        struct { uint32_t timestamp; uint32_t pending_lo, pending_hi; } notify;
    } m_u;
} message;

LANTERN_STATIC_ASSERT(sizeof(message) == MESSAGE_SIZE, "message must be 64 bytes");

/* m_type bit that marks a kernel-generated notification.  Notifications are
 * delivered as ordinary messages with m_source = the notifier. */
#define NOTIFY_MESSAGE    0x1000
#define IS_NOTIFY(type)   (((type) & ~0xff) == NOTIFY_MESSAGE)

#endif
