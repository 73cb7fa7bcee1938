/* trace.c: the kernel trace ring (format in <lantern/trace_ring.h>).
 *
 * One physically contiguous region: a 16 KiB control block (struct
 * trace_ctl + the schema block generated from trace_events.h) followed by
 * the ring pages, each TRACE_PAGE_RECS 64-byte records after the hot
 * window's variables (trace.h).  Writer protocol: fill the slot, compiler
 * barrier, store seq = low 32 bits of the record index; head is a hint.
 * The host reads it live (QEMU shared-memory RAM), from a dump after a
 * crash, or from frames the kernel sends on port 0xE9.
 *
 * Loss is never silent: overwrite mode loses the oldest records (readers see
 * it from head and seq), discard mode counts refused records in lost_discard
 * and writes one LOST record when space returns.
 */
#include "kernel.h"
#include "trace.h"
#include "proc.h"
#include "memory.h"
#include "cpu.h"
#include "boot.h"
#include <lantern/crc32.h>
#include <lantern/kcall.h>

HOT_DATA uint32_t trace_enabled;
HOT_DATA struct trace_ctl *trace_ctl;
HOT_DATA struct trace_writer trace_w;
HOT_DATA uint32_t trace_call_ids;
static uint32_t ep_filter[MAP_WORDS];    /* slots to trace when trace_w.filter_on */
static uint32_t lost_pending;            /* discard mode: LOST record owed */
static uint64_t lost_first_ts;
static uint64_t stream_pos;              /* next record to send on the port */
static int stream_on;
static uint8_t *ring_pages;              /* the first ring page (identity address) */
static uint32_t ring_npages;
static uint32_t *window_pte;             /* the window's page-table entry */
extern char hot_data_start[], hot_data_end[];   /* the window (kernel.ld) */

static const uint8_t event_slots[TEV_MAX_ID + 1] = {
#define TS_EVENT(NAME, id, cat, text, FIELDS) [id] = 0 FIELDS(TS_SLOT),
    TRACE_EVENTS(TS_EVENT)
#undef TS_EVENT
};
#define TS_CHECK(NAME, id, cat, text, FIELDS) \
    LANTERN_STATIC_ASSERT(0 FIELDS(TS_SLOT) <= TRACE_REC_WORDS, #NAME " fits a record");
TRACE_EVENTS(TS_CHECK)
#undef TS_CHECK

/* ---- schema block ------------------------------------------------------ */

static uint8_t *put_str(uint8_t *p, const char *s)
{
    size_t n = strlen(s) + 1;
    memcpy(p, s, n);
    return p + n;
}

static uint32_t write_schema(uint8_t *p)
{
    uint8_t *start = p;
    uint32_t *hdr = (uint32_t *)p;
    p += 16;
    hdr[0] = TRACE_SCHEMA_MAGIC;
    hdr[1] = TF_COUNT;
#define SC_TYPE(t, slots, name) *p++ = t; *p++ = slots; p = put_str(p, name);
    TRACE_FIELD_TYPES(SC_TYPE)
#undef SC_TYPE
    hdr[2] = 0;
#define SC_CAT(c, bit, name) *p++ = bit; p = put_str(p, name); hdr[2]++;
    TRACE_CATEGORIES(SC_CAT)
#undef SC_CAT
    hdr[3] = 0;
#define SC_FIELD(name, type) *p++ = type; p = put_str(p, #name); (*nf)++;
#define SC_EVENT(NAME, id, cat, text, FIELDS) { \
        uint8_t *nf; \
        *p++ = (id) & 0xff; *p++ = (id) >> 8; *p++ = cat; nf = p++; *nf = 0; \
        p = put_str(p, #NAME); p = put_str(p, text); \
        FIELDS(SC_FIELD) hdr[3]++; }
    TRACE_EVENTS(SC_EVENT)
#undef SC_EVENT
#undef SC_FIELD
    {
        uint32_t nflags = 0;
        uint8_t *count = p;
        p += 4;
#define SC_FLAG(f, bit, name, text) *p++ = bit; p = put_str(p, name); p = put_str(p, text); nflags++;
        TRACE_REC_FLAGS(SC_FLAG)
#undef SC_FLAG
        memcpy(count, &nflags, 4);
    }
    return (uint32_t)(p - start);
}

/* trace_w.slow sends every record through trace_begin_slow() and the
 * endpoint filter; the fast path (trace.h) handles the rest. */
static void update_slow(void)
{
    trace_w.slow = trace_ctl->mode == TRACE_MODE_DISCARD || lost_pending || trace_w.filter_on;
}

/* ---- ring pages and the window ------------------------------------------- */

/* Ring index i (0 <= i < nrec), by its identity address. */
static struct trace_rec *ring_slot(uint32_t i)
{
    return (struct trace_rec *)(ring_pages + trace_slot_offset(TRACE_PAGE_RECS, i));
}

static struct trace_rec *window_slots(void)
{
    return (struct trace_rec *)(hot_data_start + TRACE_WINDOW_HOT);
}

/* Point the window at ring page `page`, taking the hot variables along.
 * Nothing may write a hot variable between the copy and the remap: the
 * barrier makes the compiler finish its stores first, and kernel code runs
 * with interrupts off. */
static inline void window_move(uint32_t page)
{
    typedef uint32_t __attribute__((may_alias)) word;
    word *dst = (word *)(ring_pages + page * PAGE_SIZE);
    const word *src = (const word *)hot_data_start;
    uint32_t n = (uint32_t)(hot_data_end - hot_data_start + 3) / 4;

    barrier();
    for (uint32_t i = 0; i < n; i++)      /* a plain loop: rep movs is slow under TCG */
        dst[i] = src[i];
    kernel_remap_page(window_pte, (vir_bytes)hot_data_start, (phys_bytes)dst);
}

/* The window is full (trace_begin(); nothing is pending): publish the head
 * hint and move on to the next ring page, the first again after the last.
 * In .text.hot, next to the IPC path that calls it, so the call is a
 * chained jump under QEMU (kernel.h). */
HOT struct trace_rec *trace_turn_page(void)
{
    trace_ctl->head = trace_w.next;
    trace_w.page = trace_w.page + 1 == ring_npages ? 0 : trace_w.page + 1;
    window_move(trace_w.page);
    return window_slots();
}

/* ---- setup --------------------------------------------------------------- */

static uint32_t parse_categories(const char *v)
{
    uint32_t mask = 0;
    if (!v)
        return 0;
    if (!strncmp(v, "all", 3))
        return TC_ALL;
    while (*v && *v != ' ') {
#define PC(c, bit, name) \
        if (!strncmp(v, name, strlen(name))) mask |= bit;
        TRACE_CATEGORIES(PC)
#undef PC
        while (*v && *v != ',' && *v != ' ')
            v++;
        if (*v == ',')
            v++;
    }
    return mask;
}

static uint32_t parse_uint(const char *v, uint32_t dflt)
{
    uint32_t n = 0;
    if (!v || *v < '0' || *v > '9')
        return dflt;
    while (*v >= '0' && *v <= '9')
        n = n * 10 + (uint32_t)(*v++ - '0');
    return n;
}

void trace_init(void)
{
    const char *opt_clock = boot_option("traceclock");
    uint32_t kib = parse_uint(boot_option("tracesize"), 4096);
    uint32_t pages = (kib < 64 ? 64 : kib > 65536 ? 65536 : kib) / (PAGE_SIZE / 1024);
    uint32_t nrec = pages * TRACE_PAGE_RECS;
    phys_bytes region;

    if (hot_data_end - hot_data_start > TRACE_WINDOW_HOT)
        panic("trace: %d bytes of HOT_DATA, the window has room for %u",
              (int)(hot_data_end - hot_data_start), TRACE_WINDOW_HOT);
    region = pages_alloc_contig(TRACE_CTL_SIZE / PAGE_SIZE + pages);
    if (!region) {
        kprintf("trace: no room for a %u KiB ring; tracing off\n", kib);
        return;
    }
    trace_ctl = (struct trace_ctl *)region;
    ring_pages = (uint8_t *)region + TRACE_CTL_SIZE;
    ring_npages = pages;
    window_pte = kernel_pte((vir_bytes)hot_data_start);
    /* Readers find records past the published head by seq (trace.h), so
     * no slot may look written before it is: slot i starts as "written one
     * lap ago". */
    for (uint32_t i = 0; i < nrec; i++)
        ring_slot(i)->seq = i - nrec;

    memcpy(trace_ctl->magic, TRACE_MAGIC, sizeof(trace_ctl->magic));
    trace_ctl->version = TRACE_FORMAT_VERSION;
    trace_ctl->ctl_size = TRACE_CTL_SIZE;
    trace_ctl->rec_size = TRACE_REC_SIZE;
    trace_ctl->nrec = nrec;
    trace_ctl->ncpu = 1;
    trace_ctl->clock_domain = opt_clock && !strncmp(opt_clock, "icount", 6) ? TRACE_CLOCK_ICOUNT
                            : opt_clock && !strncmp(opt_clock, "bochs", 5) ? TRACE_CLOCK_BOCHS
                            : TRACE_CLOCK_TSC;
    trace_ctl->tsc_khz = boot_tsc_khz();
    trace_ctl->boot_id = (uint32_t)rdtsc() ^ boot_opts.nonce;
    trace_ctl->ring_phys = (uint32_t)ring_pages;
    trace_ctl->page_recs = TRACE_PAGE_RECS;
    trace_ctl->schema_off = sizeof(struct trace_ctl);
    trace_ctl->schema_len = write_schema((uint8_t *)trace_ctl + sizeof(struct trace_ctl));
    if (trace_ctl->schema_off + trace_ctl->schema_len > TRACE_CTL_SIZE)
        panic("trace: schema (%u bytes) does not fit the control block", trace_ctl->schema_len);
    trace_ctl->ctl_crc = 0;
    trace_ctl->ctl_crc = crc32_update(0, trace_ctl, __builtin_offsetof(struct trace_ctl, ctl_crc) + 4);
    trace_ctl->mode = boot_option("tracemode") && !strncmp(boot_option("tracemode"), "discard", 7)
                    ? TRACE_MODE_DISCARD : TRACE_MODE_OVERWRITE;
    update_slow();
    stream_on = parse_uint(boot_option("tracestream"), 0) != 0;
    trace_enabled = parse_categories(boot_option("trace")) | (boot_option("trace") ? TC_META : 0);
    trace_ctl->enabled = trace_enabled;
    trace_w.page = 0;
    window_move(0);
    trace_w.wp = window_slots();
    TRACE(BOOT, trace_ctl->boot_id, HZ, trace_ctl->tsc_khz);
}

/* ---- writing --------------------------------------------------------------- */
/* The fast path is trace_begin() in trace.h (overwrite mode, no endpoint
 * filter, nothing owed).  Everything else comes here: discard mode, where
 * the ring may be full, and an owed LOST record, which goes first. */

static int ring_full(uint32_t spare)
{
    return trace_ctl->mode == TRACE_MODE_DISCARD &&
           trace_w.next + spare - trace_ctl->tail >= trace_ctl->nrec;
}

/* The slow path's records never take a folded switch: trace_switch_record()
 * checks the endpoint filter first. */
static struct trace_rec *take_slot(uint32_t header)
{
    return trace_begin(header, 0);
}

static void write_lost_record(void)
{
    struct trace_rec *r;
    /* keep one slot free after the LOST record, so it is never itself lost */
    if (ring_full(1))
        return;
    r = take_slot(TEV_LOST);
    r->a[0] = lost_pending;
    r->a[1] = (uint32_t)lost_first_ts;
    r->a[2] = (uint32_t)(lost_first_ts >> 32);
    lost_pending = 0;
}

struct trace_rec *trace_begin_slow(uint32_t header)
{
    if (lost_pending)
        write_lost_record();
    update_slow();
    if (ring_full(0)) {
        if (!lost_pending++)
            lost_first_ts = rdtsc();
        trace_ctl->lost_discard++;
        trace_w.slow = 1;
        return NULL;
    }
    return take_slot(header);
}

/* The slow emitters: endpoint filter, then discard mode and owed LOST
 * records (trace_begin_slow). */
#define TP_SLOW(NAME, id, cat, text, FIELDS) \
    void trace_emit_slow_##NAME(uint32_t header_ FIELDS(TP_ARG)) \
    { \
        struct trace_rec *r_; \
        unsigned n_i = 0; \
        if (trace_w.filter_on && (cat) != TC_META && !(0 FIELDS(TP_EPSEL))) \
            return; \
        if (!(r_ = trace_begin_slow(header_))) \
            return; \
        FIELDS(TP_STORE) \
        (void)n_i; \
    }
TRACE_EVENTS(TP_SLOW)
#undef TP_SLOW

int trace_ep_selected(uint32_t ep)
{
    int nr = ENDPOINT_NR((endpoint_t)ep);
    return nr >= -NR_TASKS && nr < NR_PROCS && map_test(ep_filter, nr + NR_TASKS);
}

void trace_put_text16(uint32_t *dst, const char *s)
{
    char buf[16] = {0};
    for (int i = 0; s && i < 16 && s[i]; i++)
        buf[i] = s[i];
    memcpy(dst, buf, 16);
}

/* The slow side of trace_switch(): the endpoint filter is on, or the
 * pending record has no room for the switch words, or there is none. */
void trace_switch_record(uint32_t from, uint32_t to, uint32_t from_state, uint32_t to_prio)
{
    struct trace_rec *r = trace_w.pend;
    if (trace_w.filter_on && !trace_ep_selected(from) && !trace_ep_selected(to))
        return;
    if (r && event_slots[r->type] <= TRACE_SWITCH_FROM_WORD) {
        r->a[TRACE_SWITCH_FROM_WORD] = from;
        r->a[TRACE_SWITCH_TO_WORD] = to;
        r->flags |= TRF_SWITCH;
    } else {
        TRACE_EMIT(SCHED_SWITCH, TEV_SCHED_SWITCH, from, to, from_state, to_prio);
    }
}

void trace_set_label(int32_t ep, const char *label)
{
    TRACE(PROC_LABEL, (uint32_t)ep, (uint32_t)ENDPOINT_GEN(ep), label);
}

/* ---- the port stream --------------------------------------------------------- */

static void stream_out(const void *buf, uint32_t n)
{
    outsb(TRACE_PORT, buf, n);
}

static void stream_control_frame(void)
{
    uint8_t hdr[8] = { TRACE_SYNC0, TRACE_SYNC1, 0, 0 };
    uint32_t len = trace_ctl->schema_off + trace_ctl->schema_len, crc;
    memcpy(hdr + 4, &len, 4);
    crc = crc32_update(0, hdr + 2, 6);
    crc = crc32_update(crc, trace_ctl, len);
    stream_out(hdr, 8);
    stream_out(trace_ctl, len);
    stream_out(&crc, 4);
}

/* Send the records written since the last drain (a frame holds at most one
 * ring page's records, which are contiguous).  In
 * overwrite mode records that were overwritten before we got to them are
 * skipped (the reader sees the gap in sequence numbers); in discard mode the
 * stream is the consumer and advances tail. */
void trace_drain_stream(int all)
{
    static int sent_control;
    int frames = all ? 1 << 30 : 4;

    if (!trace_ctl)
        return;
    trace_publish_head();
    if (!stream_on)
        return;
    if (!sent_control++)
        stream_control_frame();
    if (trace_ctl->head - stream_pos > trace_ctl->nrec)
        stream_pos = trace_ctl->head - trace_ctl->nrec;
    while (stream_pos < trace_ctl->head && frames-- > 0) {
        uint64_t n = trace_ctl->head - stream_pos;
        uint32_t first = (uint32_t)(stream_pos % trace_ctl->nrec);
        uint32_t room = TRACE_PAGE_RECS - first % TRACE_PAGE_RECS;   /* rest of its page */
        uint8_t hdr[12] = { TRACE_SYNC0, TRACE_SYNC1 };
        uint32_t crc;
        if (n > room)
            n = room;
        hdr[2] = (uint8_t)n;
        hdr[3] = (uint8_t)(n >> 8);
        memcpy(hdr + 4, &stream_pos, 8);
        crc = crc32_update(0, hdr + 2, 10);
        crc = crc32_update(crc, ring_slot(first), (uint32_t)n * TRACE_REC_SIZE);
        stream_out(hdr, 12);
        stream_out(ring_slot(first), (uint32_t)n * TRACE_REC_SIZE);
        stream_out(&crc, 4);
        stream_pos += n;
        if (trace_ctl->mode == TRACE_MODE_DISCARD)
            trace_ctl->tail = stream_pos;
    }
}

void trace_panic(const char *msg)
{
    if (!trace_ctl)
        return;
    trace_enabled |= TC_META;
    TRACE(PANIC, current ? (uint32_t)current->p_endpoint : (uint32_t)KERNEL, msg,
          strlen(msg) > 16 ? msg + 16 : "");
    trace_ctl->panicked = 1;
    trace_drain_stream(1);
}

/* ---- SYS_TRACECTL ------------------------------------------------------------ */

/* Who may do what (kcall.h): everyone with the call may read the status and
 * write MARK records; only RS and the processes RS gave TRACE_CTL may steer
 * the recorder or read the ring back (TRACECTL_READ: it shows everyone's
 * messages); TRACECTL_SERVICE is RS's alone.  Checked before anything
 * else, so a refused caller gets EPERM whether or not there is a ring. */
static int trace_ctl_allowed(const struct proc *caller, int op)
{
    uint32_t flags = caller->p_priv->pi.flags;
    switch (op) {
    case TRACECTL_STATUS:
    case TRACECTL_MARK:
        return 1;
    case TRACECTL_SERVICE:
        return (flags & ROOT_SYS_PROC) != 0;
    default:
        return (flags & (ROOT_SYS_PROC | TRACE_CTL)) != 0;
    }
}

/* TRACECTL_READ: copy ring slots out exactly as they are, for tests that
 * check what the kernel did (the boot order, say) without trusting the
 * process that did it.  No check here: the reader keeps a record only if its
 * seq is the index it asked for (an unwritten, pending or overwritten slot
 * fails that), as every reader of the ring does. */
static int trace_read_out(struct proc *caller, const message *m)
{
    uint64_t first = (uint32_t)m->m_u.m1.i2 | (uint64_t)(uint32_t)m->m_u.m1.i3 << 32;
    uint32_t n = (uint32_t)m->m_u.m1.i4;

    if (n > TRACECTL_READ_MAX)
        return EINVAL;
    for (uint32_t k = 0; k < n; k++) {
        const struct trace_rec *rec = ring_slot((uint32_t)((first + k) % trace_ctl->nrec));
        int r = vm_copy_out(caller, m->m_u.m1.p1 + k * sizeof(*rec), rec, sizeof(*rec));
        if (r != OK)
            return r;
    }
    return OK;
}

int trace_ctl_call(struct proc *caller, message *m)
{
    if (!trace_ctl_allowed(caller, m->m_u.m1.i1))
        return EPERM;
    if (!trace_ctl)
        return ENOSYS;
    trace_publish_head();                   /* head == next from here on */
    switch (m->m_u.m1.i1) {
    case TRACECTL_ENABLE:
        trace_enabled |= (uint32_t)m->m_u.m1.i2 & TC_ALL;
        break;
    case TRACECTL_DISABLE:
        trace_enabled &= ~((uint32_t)m->m_u.m1.i2 & TC_ALL);
        break;
    case TRACECTL_MODE:
        if (m->m_u.m1.i2 != TRACE_MODE_OVERWRITE && m->m_u.m1.i2 != TRACE_MODE_DISCARD)
            return EINVAL;
        trace_ctl->mode = (uint32_t)m->m_u.m1.i2;
        update_slow();
        trace_ctl->tail = trace_ctl->head;
        break;
    case TRACECTL_CLEAR:
        trace_ctl->tail = trace_ctl->head;
        stream_pos = trace_ctl->head;
        break;
    case TRACECTL_MARK: {
        char text[17];
        memcpy(text, m->m_u.m_str + TRACECTL_MARK_TEXT_OFF, 16);
        text[16] = 0;
        TRACE(MARK, (uint32_t)caller->p_endpoint, (uint32_t)m->m_u.m1.i2,
              (uint32_t)m->m_u.m1.i3, (uint32_t)m->m_u.m1.i4, text);
        break;
    }
    case TRACECTL_ENDPOINT: {
        struct proc *p;
        if (m->m_u.m1.i2 == ANY) {
            trace_w.filter_on = 0;
            memset(ep_filter, 0, sizeof(ep_filter));
            update_slow();
            break;
        }
        if (endpoint_lookup(m->m_u.m1.i2, &p) != OK)
            return EINVAL;
        trace_w.filter_on = 1;
        update_slow();
        if (m->m_u.m1.i3)
            map_set(ep_filter, proc_index(p));
        else
            map_clear(ep_filter, proc_index(p));
        break;
    }
    case TRACECTL_SERVICE: {               /* RS names a service it (re)started */
        char label[17];
        memcpy(label, m->m_u.m_str + TRACECTL_MARK_TEXT_OFF, 16);
        label[16] = 0;
        trace_set_label(m->m_u.m1.i2, label);
        if (m->m_u.m1.i3 != NONE)
            TRACE(PROC_RESTART, (uint32_t)m->m_u.m1.i3, (uint32_t)m->m_u.m1.i2,
                  (uint32_t)m->m_u.m1.i4, label);
        break;
    }
    case TRACECTL_STATUS:
        break;
    case TRACECTL_READ: {
        int r = trace_read_out(caller, m);
        if (r != OK)
            return r;
        break;
    }
    default:
        return EINVAL;
    }
    trace_ctl->enabled = trace_enabled;
    m->m_u.m2.t1 = trace_ctl->head;
    m->m_u.m2.t2 = trace_ctl->lost_discard;
    m->m_u.m2.w1 = trace_enabled;
    m->m_u.m2.w2 = trace_ctl->mode;
    m->m_u.m2.w3 = trace_ctl->nrec;
    m->m_u.m2.w4 = trace_ctl->page_recs;
    return OK;
}
