/* scenario.c: the scripted scenario (see scenario.h).
 * Invariant: the same options always produce byte-identical output. */
#include "../common/lerrno.h"
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <lantern/endpoint.h>
#include <lantern/ipc.h>
#include <lantern/kcall.h>
#include <lantern/message.h>
#include "scenario.h"
#include "writer.h"

enum { P_RS, P_DS, P_VM, P_PM, P_VFS, P_TTY, P_MEM, P_INIT, P_SH, P_CAT, P_DLA, P_DLB, NPROC };
static const char *const plabel[NPROC] = {
    "rs", "ds", "vm", "pm", "vfs", "tty", "memory", "init", "sh", "cat", "dl_a", "dl_b"
};

struct sc {
    const struct gen_opts *o;
    struct tw w;
    FILE *stream;
    uint64_t ts, rng, emitted, torn_every, live_per_ms, drains;
    uint32_t call, grant_seq;
    int32_t ep[NPROC];
    uint32_t revoked_grant;
    int32_t revoked_owner;
};

static uint32_t rnd(struct sc *s)
{
    s->rng ^= s->rng << 13; s->rng ^= s->rng >> 7; s->rng ^= s->rng << 17;
    return (uint32_t)(s->rng >> 11);
}

static uint64_t tick(struct sc *s)
{
    s->ts += 200 + rnd(s) % 3000;
    return s->ts;
}

/* After every record: torn injection, stream drain, live pacing. */
static void after(struct sc *s)
{
    s->emitted++;
    if (s->torn_every && s->emitted % s->torn_every == 0 && s->w.next)
        tw_slot(&s->w, s->w.next - 1)->seq += 7;
    if (s->stream && s->emitted % s->o->drain_every == 0) {
        tw_stream_drain(&s->w, s->stream, 256);
        if (++s->drains % 16 == 0) tw_stream_ctl(&s->w, s->stream);   /* re-anchor */
    }
    if (s->live_per_ms && s->emitted % s->live_per_ms == 0) {
        struct timespec t = { 0, 1000000 };
        nanosleep(&t, NULL);
    }
}

#define EMIT(EV, ...) do { tw_##EV(&s->w, tick(s), (struct tw_##EV){ __VA_ARGS__ }); after(s); } while (0)
/* A record with folded events (format v2): FOLD is a struct tw_fold. */
#define EMIT_F(EV, FOLD, ...) do { tw_##EV##_fold(&s->w, tick(s), (struct tw_##EV){ __VA_ARGS__ }, \
                                                  FOLD); after(s); } while (0)

static void start_proc(struct sc *s, int p, int32_t parent)
{
    EMIT(PROC_START, .ep = s->ep[p], .parent = parent, .flags = 0, .label = plabel[p]);
    EMIT(PROC_LABEL, .ep = s->ep[p], .gen = (uint32_t)ENDPOINT_GEN(s->ep[p]), .label = plabel[p]);
}

static void boot(struct sc *s)
{
    EMIT(BOOT, .boot_id = s->w.ctl->boot_id, .hz = 100, .tsc_khz = s->w.ctl->tsc_khz);
    for (int p = 0; p < NPROC; p++) s->ep[p] = ENDPOINT(0, p);
    for (int p = 0; p < P_DLA; p++) {
        start_proc(s, p, p == P_RS ? KERNEL : s->ep[P_RS]);
        EMIT(GRANT_SET, .caller = s->ep[p], .table = 0x08000000u + 0x1000u * (uint32_t)p,
             .entries = 64, .result = OK);
    }
}

static void grant_op(struct sc *s, int ev, int32_t caller, int32_t granter, int32_t grantee,
                     uint32_t gid, uint32_t bytes, int32_t result, uint32_t call_id)
{
    struct tw_GRANT_CREATE g = { .caller = caller, .granter = granter, .grantee = grantee,
        .grant_id = gid, .offset = 0, .bytes = bytes, .result = result, .access = 3,
        .depth = 0, .final_granter = granter, .call_id = call_id, .addr = 0x0804a000u };
    tw_emit(&s->w, (uint16_t)ev, tick(s), (uint32_t *)&g);
    after(s);
}

/* The calls KCALL_TABLE defines: the numbers may have gaps (kcall.h). */
static const uint32_t kcall_nrs[] = {
#define SC_KCALL_NR(name, nr, text) KCALL_BASE + (nr),
    KCALL_TABLE(SC_KCALL_NR)
#undef SC_KCALL_NR
};

static void kernel_call(struct sc *s, int32_t who, uint32_t call_id)
{
    uint32_t i = rnd(s) % NR_KCALLS_DEFINED;
    EMIT(KCALL, .caller = who, .call = kcall_nrs[i],
         .result = i == NR_KCALLS_DEFINED - 1 ? LE_EPERM : OK, .call_id = call_id, .a0 = rnd(s),
         .a1 = 0);
}

/* One client -> server SENDREC round trip with its grant traffic, folded
 * as the kernel does it (3 records for the 10 events): the SENDREC to the
 * server waiting in RECEIVE (delivered, server woken, client blocked,
 * switch to the server), the REPLY (delivered, client woken), and the
 * server's SCHED_BLOCK in its next RECEIVE (switch back to the client). */
static void round_trip(struct sc *s)
{
    static const int servers[] = { P_VFS, P_VFS, P_VFS, P_PM, P_VM, P_DS, P_TTY };
    static const int clients[] = { P_INIT, P_SH, P_CAT, P_CAT };
    int32_t c = s->ep[clients[rnd(s) % 4]], sv = s->ep[servers[rnd(s) % 7]];
    int32_t mt = 0x100 + (int32_t)(rnd(s) % 6);
    uint32_t id = ++s->call, gid = ++s->grant_seq & 0xffff, bytes = 512u << (rnd(s) % 4);
    int with_grant = sv == s->ep[P_VFS] || sv == s->ep[P_TTY];
    if (with_grant)
        grant_op(s, TEV_GRANT_CREATE, c, c, sv, gid, bytes, OK, 0);
    EMIT_F(IPC_SENDREC, ((struct tw_fold){ TRF_DELIVERED | TRF_DST_WOKE | TRF_SRC_BLOCKED |
                                           TRF_SWITCH, c, sv }),
           .src = c, .dst = sv, .m_type = mt, .status = OK, .call_id = id, .p0 = gid, .p1 = bytes);
    if (rnd(s) % 4 == 0) kernel_call(s, sv, id);
    if (with_grant) {
        int bad = rnd(s) % 40 == 0;
        grant_op(s, rnd(s) & 1 ? TEV_SAFECOPY_TO : TEV_SAFECOPY_FROM, sv, c, sv, gid,
                 bad ? bytes * 2 : bytes, bad ? LE_EPERM : OK, id);
    }
    if (s->revoked_grant && rnd(s) % 50 == 0) {
        grant_op(s, TEV_SAFECOPY_FROM, sv, s->revoked_owner, sv, s->revoked_grant, 512,
                 LE_EPERM, id);
        s->revoked_grant = 0;
    }
    EMIT_F(IPC_REPLY, ((struct tw_fold){ TRF_DELIVERED | TRF_DST_WOKE, 0, 0 }),
           .src = sv, .dst = c, .m_type = OK, .status = OK, .call_id = id, .p0 = bytes, .p1 = 0);
    EMIT_F(SCHED_BLOCK, ((struct tw_fold){ TRF_SWITCH, sv, c }),
           .ep = sv, .state = 0x2, .waits_for = ANY, .op = IPC_RECEIVE);
    if (with_grant) {
        grant_op(s, TEV_GRANT_REVOKE, c, c, sv, gid, bytes, OK, 0);
        s->revoked_grant = gid;
        s->revoked_owner = c;
    }
}

static void side_traffic(struct sc *s)
{
    uint32_t r = rnd(s) % 16, id = ++s->call;
    if (r == 0) {
        EMIT(IRQ, .irq = 0, .interrupted = s->ep[P_SH]);
        EMIT(IPC_NOTIFY, .src = CLOCK, .dst = s->ep[P_PM], .m_type = NOTIFY_MESSAGE,
             .status = OK, .call_id = id);
        EMIT(IPC_RECEIVE, .src = CLOCK, .dst = s->ep[P_PM], .m_type = NOTIFY_MESSAGE,
             .status = OK, .call_id = id);
    } else if (r == 1) {
        EMIT(IPC_SEND, .src = s->ep[P_DS], .dst = s->ep[P_RS], .m_type = 0x300,
             .status = OK, .call_id = id);
        EMIT(IPC_RECEIVE, .src = s->ep[P_DS], .dst = s->ep[P_RS], .m_type = 0x300,
             .status = OK, .call_id = id);
    } else if (r == 2) {
        EMIT(IPC_FAIL, .op = IPC_SENDNB, .src = s->ep[P_TTY], .dst = s->ep[P_SH],
             .m_type = 0x401, .status = LE_ENOTREADY, .call_id = id);
    } else if (r == 3) {
        EMIT(IPC_SENDA, .src = s->ep[P_RS], .dst = s->ep[P_DS], .m_type = 0x301,
             .status = OK, .call_id = id);
        EMIT(IPC_RECEIVE, .src = s->ep[P_RS], .dst = s->ep[P_DS], .m_type = 0x301,
             .status = OK, .call_id = id);
    } else if (r == 4) {
        EMIT(IPC_SENDNB, .src = s->ep[P_PM], .dst = s->ep[P_VFS], .m_type = 0x201,
             .status = OK, .call_id = id);
        EMIT(VM_PAGEFAULT, .ep = s->ep[P_CAT], .addr = 0x0805c000u, .err = 6,
             .eip = 0x08048123u, .result = OK);
    }
}

static void restart_tty(struct sc *s)
{
    int32_t old = s->ep[P_TTY];
    EMIT(PROC_FAULT, .ep = old, .trapno = 14, .eip = 0x0804812cu, .cr2 = 0, .err = 4);
    EMIT(PROC_EXIT, .ep = old, .status = LE_EFAULT, .by = KERNEL);
    s->ep[P_TTY] = ENDPOINT(ENDPOINT_GEN(old) + 1, ENDPOINT_NR(old));
    EMIT(PROC_RESTART, .old_ep = old, .new_ep = s->ep[P_TTY], .restarts = 1, .label = "tty");
    start_proc(s, P_TTY, s->ep[P_RS]);
}

static void finale(struct sc *s)
{
    if (s->o->deadlock) {
        start_proc(s, P_DLA, s->ep[P_RS]);
        start_proc(s, P_DLB, s->ep[P_RS]);
        int32_t a = s->ep[P_DLA], b = s->ep[P_DLB];
        EMIT(IPC_SENDREC, .src = a, .dst = b, .m_type = 0x500, .call_id = ++s->call);
        EMIT(SCHED_BLOCK, .ep = a, .state = 0x3, .waits_for = b, .op = IPC_SENDREC);
        EMIT(IPC_SENDREC, .src = b, .dst = a, .m_type = 0x500, .call_id = ++s->call);
        EMIT(SCHED_BLOCK, .ep = b, .state = 0x3, .waits_for = a, .op = IPC_SENDREC);
    }
    if (s->o->panic) {
        EMIT(PANIC, .ep = KERNEL, .text = "watchdog: syste", .text2 = "m hung");
        tw_publish(&s->w);                 /* the panic path publishes head exactly */
    }
}

static void script(struct sc *s)
{
    uint64_t n = s->o->events, restart_at = n * 2 / 5, k = 0;
    boot(s);
    while (s->emitted < n) {
        round_trip(s);
        side_traffic(s);
        if (++k % 1000 == 0)
            EMIT(MARK, .ep = s->ep[P_SH], .tag = (uint32_t)(k / 1000), .a0 = 0, .a1 = 0,
                 .text = "lab checkpoint");
        if (restart_at && s->emitted >= restart_at) { restart_tty(s); restart_at = 0; }
    }
    finale(s);
}

void gen_defaults(struct gen_opts *o)
{
    memset(o, 0, sizeof *o);
    o->events = 20000;
    o->nrec = 1024 * TW_PAGE_RECS;
    o->page_recs = TW_PAGE_RECS;
    o->lazy_head = 1;
    o->mode = TRACE_MODE_OVERWRITE;
    o->clock = TRACE_CLOCK_TSC;
    o->seed = 1;
    o->drain_every = 1024;
    o->deadlock = 1;
}

/* Junk around the region: pseudo-random bytes plus a decoy magic with a
 * bad CRC, so the control-page finder has something to reject. */
static void fill_junk(uint8_t *p, size_t n, uint64_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        p[i] = (uint8_t)(seed >> 56);
    }
    if (n >= 2 * 4096) memcpy(p + 4096, TRACE_MAGIC, 8);
}

static uint8_t *map_ram(const struct gen_opts *o, size_t total, int *fd)
{
    *fd = open(o->ram, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (*fd < 0 || ftruncate(*fd, (off_t)total)) return NULL;
    void *m = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_SHARED, *fd, 0);
    return m == MAP_FAILED ? NULL : m;
}

static void corrupt_file(const char *path, uint32_t flips, uint32_t seed)
{
    FILE *f = fopen(path, "r+b");
    if (!f) return;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    uint64_t r = seed * 2654435761u + 1;
    for (uint32_t i = 0; i < flips && len > 0; i++) {
        r = r * 6364136223846793005ull + 1;
        fseek(f, (long)((r >> 20) % (uint64_t)len), SEEK_SET);
        int c = fgetc(f);
        fseek(f, -1, SEEK_CUR);
        fputc(c ^ 0x5a, f);
    }
    fclose(f);
}

int gen_run(const struct gen_opts *o)
{
    struct sc s;
    memset(&s, 0, sizeof s);
    s.o = o;
    s.rng = 0x9e3779b97f4a7c15ull ^ o->seed;
    s.ts = 1000000;
    s.torn_every = o->torn ? o->events / (o->torn + 1) : 0;
    if (s.torn_every == 0 && o->torn) s.torn_every = 1;
    s.live_per_ms = o->live_ms ? o->events / o->live_ms + 1 : 0;
    const char *bad = tw_check_geometry(o->nrec, o->page_recs);
    if (bad) { fprintf(stderr, "gen: nrec %u, page_recs %u: %s\n", o->nrec, o->page_recs, bad); return -1; }
    size_t region = tw_region_size(o->nrec, o->page_recs), total = GEN_CTL_OFFSET + region + 65536;
    int fd = -1;
    uint8_t *mem = o->ram ? map_ram(o, total, &fd) : calloc(1, total);
    if (!mem) { perror(o->ram ? o->ram : "calloc"); return -1; }
    fill_junk(mem, GEN_CTL_OFFSET, o->seed);
    fill_junk(mem + GEN_CTL_OFFSET + region, 65536, o->seed + 1);
    s.stream = o->stream_fp;
    if (o->stream && !(s.stream = fopen(o->stream, "wb"))) { perror(o->stream); return -1; }
    /* ring_phys: the first ring page, as the kernel sets it */
    tw_init(&s.w, mem + GEN_CTL_OFFSET, o->nrec, o->page_recs, o->mode, o->clock,
            0x1a2b3c00u + o->seed, GEN_CTL_OFFSET + TRACE_CTL_SIZE);
    s.w.lazy_head = o->lazy_head;
    if (s.stream) tw_stream_ctl(&s.w, s.stream);
    script(&s);
    if (s.stream) {
        tw_stream_drain(&s.w, s.stream, 256);
        tw_stream_ctl(&s.w, s.stream);          /* final counters */
        if (s.stream != o->stream_fp) fclose(s.stream);
        else fflush(s.stream);
    }
    if (o->stream && o->corrupt) corrupt_file(o->stream, o->corrupt, o->seed);
    if (o->ram) { munmap(mem, total); close(fd); }
    else free(mem);
    return 0;
}
