/* trace_ring.h: in-memory layout of the kernel trace ring (format v3).
 *
 * Plain data, shared by the kernel (writer) and the host tracer (reader of a
 * live shared-memory file, a memory dump, or the port stream).  Documented in
 * docs/trace-format.md; the event schema is in trace_events.h.
 *
 * Region = a 16 KiB control block (struct trace_ctl, then the schema block),
 * then the ring pages, all physically contiguous and page aligned.  The host
 * finds the control page in a RAM image by scanning page boundaries for
 * TRACE_MAGIC and checking ctl_crc.
 *
 * Ring pages (version 3): each 4 KiB ring page holds page_recs records at
 * its end; its first 4096 - 64 * page_recs bytes are not records (the kernel
 * keeps its hot variables there while it writes that page: see
 * docs/trace-format.md, "Ring pages").  nrec = pages * page_recs, and ring
 * index i (= seq mod nrec) lives at
 *   ring + (i / page_recs) * 4096 + (4096 - 64 * page_recs) + (i % page_recs) * 64.
 * Versions 1 and 2 have page_recs == 0, meaning 64: records are contiguous
 * and nrec is a power of two.  trace_slot_offset() below is that formula.
 *
 * Writer protocol (kernel, interrupts off):  i = next; slot of i % nrec;
 *   fill ts/type/cpu/flags/a[]; compiler barrier; rec.seq = (u32)i.
 *   The last record of a kernel entry is committed (seq) when the kernel
 *   leaves, so that a context switch can be folded into it.  head is a
 *   hint (see below).  Words of a[] beyond the event's fields are undefined
 *   (not zeroed), except the two switch words when the record has TRF_SWITCH.
 * Reader protocol: a record at index i is valid iff rec.seq == (u32)i; any
 * other value means the slot was torn or overwritten since: count it lost.
 * ctl.head may lag the records written (version 2 and later): readers walk
 * forward from it while the next slot holds the next seq.
 */
#ifndef LANTERN_TRACE_RING_H
#define LANTERN_TRACE_RING_H

#include <lantern/types.h>

#define TRACE_MAGIC            "LNTRACE"     /* 8 bytes with the NUL */
#define TRACE_FORMAT_VERSION   3   /* 2: folded events (record flags); 3: ring pages */
#define TRACE_PAGE_SIZE        4096
#define TRACE_REC_SIZE         64
#define TRACE_REC_WORDS        12
#define TRACE_CTL_SIZE         16384   /* control block: struct + schema */

/* clock domains */
#define TRACE_CLOCK_TSC        0   /* rdtsc: wall-ish cycles under TCG */
#define TRACE_CLOCK_ICOUNT     1   /* qemu -icount: instructions */
#define TRACE_CLOCK_BOCHS      2   /* Bochs ticks */

/* modes */
#define TRACE_MODE_OVERWRITE   0   /* flight recorder: oldest records lost */
#define TRACE_MODE_DISCARD     1   /* newest records dropped when full */

struct trace_rec {
    uint64_t ts;
    uint32_t seq;          /* low 32 bits of the record index, written last */
    uint16_t type;         /* TEV_* */
    uint8_t  cpu;
    uint8_t  flags;        /* TRF_* (trace_events.h): folded events */
    uint32_t a[TRACE_REC_WORDS];
};
LANTERN_STATIC_ASSERT(sizeof(struct trace_rec) == TRACE_REC_SIZE, "64-byte records");

/* The control page.  Fields up to ctl_crc are static after boot and covered
 * by ctl_crc (CRC-32 with ctl_crc itself taken as 0); the rest changes. */
struct trace_ctl {
    char     magic[8];
    uint32_t version;
    uint32_t ctl_size;       /* TRACE_CTL_SIZE */
    uint32_t rec_size;       /* TRACE_REC_SIZE */
    uint32_t nrec;           /* records in the ring: pages * page_recs */
    uint32_t ncpu;
    uint32_t clock_domain;
    uint32_t tsc_khz;
    uint32_t boot_id;
    uint32_t ring_phys;      /* physical address of record 0 of cpu 0 */
    uint32_t schema_off;     /* from the start of the control page */
    uint32_t schema_len;
    uint32_t ctl_crc;
    /* ---- dynamic part ---- */
    uint32_t mode;
    uint32_t enabled;        /* TC_* mask in force */
    uint64_t head;           /* records ever written (per cpu 0) */
    uint64_t tail;           /* consumer position (discard mode / stream) */
    uint64_t lost_overwrite; /* maintained by readers; kernel keeps 0 */
    uint64_t lost_discard;   /* records refused in discard mode */
    uint32_t panicked;       /* set by the panic path before the final drain */
    uint32_t page_recs;      /* v3: records per ring page (static; 0 before v3 = 64) */
    uint32_t reserved[6];
};

/* The same layout on the i386 guest and the x86-64 host (where a u64 is
 * 8-byte aligned but only 4-byte aligned on i386): */
LANTERN_STATIC_ASSERT(__builtin_offsetof(struct trace_ctl, head) == 64, "trace_ctl layout");
LANTERN_STATIC_ASSERT(sizeof(struct trace_ctl) == 128, "trace_ctl size");

/* Byte offset of ring index i (0 <= i < nrec) from the first ring page. */
static inline uint64_t trace_slot_offset(uint32_t page_recs, uint32_t i)
{
    uint32_t per = page_recs ? page_recs : TRACE_PAGE_SIZE / TRACE_REC_SIZE;
    return (uint64_t)(i / per) * TRACE_PAGE_SIZE +
           (TRACE_PAGE_SIZE - per * TRACE_REC_SIZE) + (uint64_t)(i % per) * TRACE_REC_SIZE;
}

/* Schema block (at schema_off), all little-endian, strings NUL-terminated:
 *   u32 magic 'SCHM', u32 n_types, u32 n_categories, u32 n_events
 *   n_types      x { u8 id, u8 slots, char name[] }
 *   n_categories x { u8 bit, char name[] }
 *   n_events     x { u16 id, u8 category, u8 nfields, char name[], char text[],
 *                    nfields x { u8 type, char name[] } }
 *   u32 n_flags (version 2; not aligned)
 *   n_flags      x { u8 bit, char name[], char text[] }
 * It is generated from trace_events.h by the kernel at boot. */
#define TRACE_SCHEMA_MAGIC  0x4d484353u   /* "SCHM" */

/* Stream framing on the debug port (Bochs, QEMU fallback, panic drain):
 *   u8 0xA5, u8 0x5A, u16 nrec, u32 first_seq_lo, u32 first_seq_hi,
 *   nrec x 64-byte records, u32 crc32 over everything after the sync bytes.
 *   (A frame's records are consecutive; the kernel sends at most one ring
 *   page's worth, 64 at most.)
 * A frame with nrec == 0 carries the control page + schema instead:
 *   u8 0xA5, u8 0x5A, u16 0, u32 len, then len bytes, u32 crc32. */
#define TRACE_SYNC0   0xA5
#define TRACE_SYNC1   0x5A
#define TRACE_PORT    0xE9

#endif
