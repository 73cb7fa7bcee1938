/* kcall.h: kernel calls, i.e. requests to the SYSTEM task.
 *
 * A process makes a kernel call with `int $KCALL_VECTOR`, eax = address of a
 * message whose m_type is the call number.  The kernel handles it at once in
 * the caller's context (the SYSTEM task is conceptual, as in MINIX >= 3.2),
 * through one dispatch table generated from KCALL_TABLE, and writes the
 * result into the message's m_type (OK or a negative errno) and eax.
 *
 * KCALL_TABLE(X) calls X(NAME, number, "description").  Adding a call is:
 * one line here, one handler `do_<name>` in os/kernel/system/, one wrapper in
 * libsys.  Numbers are dense from KCALL_BASE so the dispatch is an index.
 *
 * Who may call: a call that is not in the caller's kernel-call mask
 * (priv.h) fails with ECALLDENIED before its handler runs.  User processes
 * have GETINFO, EXIT, DIAGCTL, TIMES, SETALARM, TRACECTL, SETGRANT, SIGRETURN
 * and SAFEREVMAP;
 * services get the calls RS's table gives them.  Some calls check a priv flag on top and
 * refuse with EPERM: SYS_TESTRESULT (TEST_PROC) and SYS_TRACECTL's steering
 * operations (TRACE_CTL), see below.  SYS_VMPOOL..SYS_VMREAP are VM's
 * alone: the kernel refuses them with ECALLDENIED to every process but the
 * one that took the frame pool (lantern/vm.h), whatever its mask says.
 * SYS_SAFEMAP and SYS_SAFEUNMAP are for processes whose RS line lists
 * them (test programs: kc_all); SYS_SAFEREVMAP is every process's, users
 * included, since it only undoes mappings of the caller's own grants and
 * cpf_revoke() needs it (lantern/safemap.h, docs/grants.md).
 * The device calls (DEVIO, SDEVIO,
 * IRQCTL, BOOTMOD: lantern/devio.h) refuse with EPERM a port or IRQ line
 * outside the caller's io[] / irq[] ranges (priv.h).
 */
#ifndef LANTERN_KCALL_H
#define LANTERN_KCALL_H

#include <lantern/types.h>

#define KCALL_BASE 0x600

#define KCALL_TABLE(X) \
    X(GETINFO,   0, "query kernel information (see GETINFO_*)") \
    X(EXIT,      1, "terminate the caller (or a target, for privileged callers)") \
    X(DIAGCTL,   2, "print a diagnostic string on the kernel console") \
    X(TIMES,     3, "read uptime ticks, TSC and per-process time") \
    X(SETALARM,  4, "request a NOTIFY from CLOCK after some ticks") \
    X(TESTRESULT,5, "report a test result on the harness channel (test programs only: TEST_PROC)") \
    X(SHUTDOWN,  6, "power the machine off with an exit status") \
    X(TRACECTL,  7, "read the trace ring's status, write a MARK; steering it needs TRACE_CTL") \
    X(SPAWN,     8, "start a new process from a boot module") \
    X(PANIC,     9, "a system process asks the kernel to panic") \
    X(PRIVCTL,  10, "set, allow or query a process's privileges (see priv.h)") \
    X(PROCEVENT,11, "PM fetches the next process start/exit event") \
    X(SETGRANT, 12, "register the caller's grant table (everyone; see safecopies.h)") \
    X(SAFECOPYFROM,13, "copy from a granter's memory through a grant (CPF_READ)") \
    X(SAFECOPYTO,14, "copy to a granter's memory through a grant (CPF_WRITE)") \
    X(VSAFECOPY,15, "a vector of safe copies, each with its own result") \
    X(VMPOOL,   16, "VM takes the pool of user frames (once; VM only, see vm.h)") \
    X(VMMAP,    17, "VM maps a frame in a process, zeroed, copied or shared (VM only)") \
    X(VMUNMAP,  18, "VM removes a mapping and gets its frame back (VM only)") \
    X(VMQUERY,  19, "VM reads a mapping, the next mapping, or a program's layout (VM only)") \
    X(VMPROTECT,20, "VM sets write / copy-on-write bits on a range (VM only)") \
    X(VMREQUEST,21, "VM fetches the next page fault, copy fault or spawn (VM only)") \
    X(VMRESUME, 22, "VM answers a request: go on, or fail / kill (VM only)") \
    X(VMREAP,   23, "VM takes the frames of dead address spaces (VM only)") \
    X(DEVIO,    24, "in/out of a byte, word or long on one I/O port in the caller's io[] (devio.h)") \
    X(SDEVIO,   25, "string in/out (rep ins/outs) between one port in io[] and the caller's buffer") \
    X(IRQCTL,   26, "set, enable, disable or remove the caller's policy for an IRQ line in irq[]") \
    X(BOOTMOD,  27, "size, read or write a data boot module (the RAM disk's backing store)") \
    X(VMSHARE,  28, "VM shares pages copy-on-write between two processes, a batch (VM only)") \
    X(SAFEMAP,  29, "the grantee maps a granter's pages through a CPF_MAP grant (safemap.h)") \
    X(SAFEREVMAP,30, "a grant's granter undoes every mapping made through it (safemap.h)") \
    X(SAFEUNMAP,31, "the grantee undoes one of its mappings (safemap.h)") \
    X(FORK,     32, "PM makes a child slot copying a parent that awaits PM's reply (PM only; see below)") \
    X(EXEC,     33, "PM starts a new image in a user process that awaits its exec reply (PM only)") \
    X(EXECCOPY, 34, "PM copies bytes into a user process that awaits its exec reply (PM only)") \
    X(SIGSEND,  35, "PM has the kernel run a signal handler: a frame when the target next returns to user mode (PM only)") \
    X(SIGRETURN,36, "a process returns from its signal handler: the frame's checked context is restored (everyone)")

enum kcall_nr {
#define LANTERN_KCALL_ENUM(name, nr, text) SYS_##name = KCALL_BASE + (nr),
    KCALL_TABLE(LANTERN_KCALL_ENUM)
#undef LANTERN_KCALL_ENUM
    SYS_LAST_PLUS_ONE
};
#define NR_KCALLS (SYS_LAST_PLUS_ONE - KCALL_BASE)
/* How many calls the table defines: fewer than NR_KCALLS while numbers
 * are reserved; a number without a call gives EBADREQUEST. */
#define LANTERN_KCALL_ONE(name, nr, text) + 1
enum { NR_KCALLS_DEFINED = 0 KCALL_TABLE(LANTERN_KCALL_ONE) };
#undef LANTERN_KCALL_ONE

/* SYS_GETINFO requests (m1.i1), answer copied to m1.p1 (at most m1.i2 bytes).
 * Open to every caller; nothing in the answers is secret (the command line
 * in struct kinfo has the harness nonce removed: it never leaves the
 * kernel). */
#define GETINFO_WHOAMI     1   /* reply: m1.i1 = endpoint, m_str+8 = name */
#define GETINFO_PROCTAB    2   /* array of struct proc_info, one per live slot */
#define GETINFO_BOOTMODS   3   /* array of struct bootmod_info */
#define GETINFO_KINFO      4   /* struct kinfo */

/* SYS_DIAGCTL (m1.i1) */
#define DIAGCTL_PRINT      1   /* print m1.i2 bytes at m1.p1 */

/* SYS_SETALARM: m1.i1 = ticks from now (0 cancels); reply m1.i2 = ticks left
 * of the previous alarm. */

/* SYS_TESTRESULT: m1.i1 = TR_* kind, m1.i2 = status, m1.p1/i3 = text, len.
 * See testproto.h.  Only test programs may report: the caller's priv must
 * have TEST_PROC, which RS gives to the programs its table marks as tests
 * and which no parent hands down; anyone else gets EPERM (user processes
 * and basic services do not have the call at all: ECALLDENIED).  Kinds
 * other than TR_PLAN, TR_RESULT, TR_DONE, TR_BENCH and TR_SENDKEY (the
 * keyboard tests' keys, testproto.h), or TR_BOOTDONE from RS: EPERM. */

/* Benchmark floor: `int $BENCH_FLOOR_VECTOR` from user mode is a trap that
 * only reloads CR3 and returns (see docs/benchmarks.md). */
#define BENCH_FLOOR_VECTOR 0x32

/* SYS_EXIT: m1.i1 = status; m1.i2 = target endpoint (SELF for the caller) */

/* SYS_FORK (PM only: anyone else EPERM): m1.i1 = the parent's endpoint,
 * which must be blocked in a SENDREC to PM (else EINVAL) and be neither a
 * kernel task nor RS, PM or VM (EPERM).  The child is a user process (the
 * shared user priv) with a copy of the parent's registers and window and an
 * empty page directory; it waits for PM's reply like its parent.  Reply:
 * m1.i1 = the child's endpoint, m1.p1 = the parent's (and child's) message
 * buffer, which VM_FORK keeps writable.  EAGAIN: no free slot; ENOMEM: no
 * page directory.  The child's start comes to PM as a process event. */

/* SYS_EXEC and SYS_EXECCOPY (PM only: anyone else EPERM; system/do_exec.c,
 * docs/processes.md).  The target must be a user process (the shared user
 * priv; else EPERM) blocked in a SENDREC to PM (else EINVAL).
 *   SYS_EXECCOPY m_u32[0] target, [1] address in the target (mapped pages,
 *                read-only ones too; EFAULT if not), [2] address in PM,
 *                [3] length (at most 64 KiB, else EINVAL).
 *   SYS_EXEC     m_u32[0] target, [1] entry, [2] esp, [3] the 16 MiB window
 *                (entry and esp inside it, else EINVAL), [4] heap start,
 *                [5]/[6] address and length in PM of the argument words
 *                ps shows, m_str[32..47] the new name.  The registers are
 *                reset, the grant table forgotten, and the process runs
 *                the new image: its SENDREC to PM ends without a reply. */
#define EXEC_NAME_OFF 32
/* SYS_SIGSEND and SYS_SIGRETURN: lantern/signal.h, docs/signals.md. */

/* SYS_SPAWN: m_str[0..15] = boot module name (NUL terminated, < 16 chars);
 * m_u32[4], m_u32[5] = address and length of an argument string (words
 * separated by spaces, at most 128 bytes; it becomes argv[1..]); the spawn
 * argument is m_u32[13].  Reply: m1.i1 = the new endpoint.  The child learns
 * its argument and parent through GETINFO_WHOAMI.  A child of a system
 * process is born without privileges (see priv.h). */
#define SPAWN_ARGS_PTR_WORD 4
#define SPAWN_ARGS_LEN_WORD 5
#define SPAWN_ARG_WORD      13

/* GETINFO_WHOAMI reply layout */
struct whoami_info {
    int32_t  endpoint;
    int32_t  parent;       /* endpoint of the spawner, NONE for boot processes */
    uint32_t spawn_arg;    /* argument given to SYS_SPAWN, 0 at boot */
    uint32_t reserved;
    char     name[16];
};

/* SYS_TIMES reply: m2.t1 = TSC now, m2.w1 = uptime ticks, m2.w2 = user ticks,
 * m2.w3 = system ticks of the caller, m2.w4 = HZ. */

/* SYS_TRACECTL: m1.i1 = TRACECTL_* operation.
 * Who may do what (checked first, so the answer does not depend on whether
 * there is a ring):
 *   STATUS, MARK                      everyone with the call (users too)
 *   ENABLE, DISABLE, MODE, CLEAR,     RS and processes with TRACE_CTL (which
 *   ENDPOINT, READ, unknown operations only RS gives, from its table); else EPERM
 *   SERVICE                           RS only (ROOT_SYS_PROC); else EPERM
 * A user program never steers the recorder: the boot options trace=,
 * tracemode= and tracesize= set it up (docs/trace-format.md). */
#define TRACECTL_ENABLE   1   /* m1.i2 = TC_* categories to switch on */
#define TRACECTL_DISABLE  2   /* m1.i2 = TC_* categories to switch off */
#define TRACECTL_MODE     3   /* m1.i2 = TRACE_MODE_OVERWRITE / _DISCARD */
#define TRACECTL_CLEAR    4   /* forget every record (head = tail) */
#define TRACECTL_MARK     5   /* MARK event: m1.i2 tag, m1.i3 a0, m1.i4 a1,
                                 m_str[24..39] text (16 chars) */
#define TRACECTL_ENDPOINT 6   /* m1.i2 endpoint (ANY = all), m1.i3 1 = trace it, 0 = not */
#define TRACECTL_STATUS   7   /* reply: m2.t1 head, m2.t2 lost_discard,
                                 m2.w1 enabled mask, m2.w2 mode, m2.w3 nrec,
                                 m2.w4 records per ring page */
#define TRACECTL_SERVICE  8   /* RS only: m1.i2 endpoint, m1.i3 old endpoint
                                 (NONE: first start), m1.i4 restarts,
                                 m_str[24..39] label: PROC_LABEL (+ PROC_RESTART) */
#define TRACECTL_READ     9   /* RS and TRACE_CTL holders: copy m1.i4 (<= TRACECTL_READ_MAX)
                                 ring slots, from record index m1.i2 (low) /
                                 m1.i3 (high), as struct trace_rec to m1.p1.
                                 A slot is record i only if its seq == (u32)i */
#define TRACECTL_READ_MAX 64
#define TRACECTL_MARK_TEXT_OFF 24

/* SYS_SHUTDOWN: m1.i1 = exit status given to the emulator (0 = success). */

/* Basic per-process information exported by GETINFO_PROCTAB. */
struct proc_info {
    int32_t  endpoint;
    int32_t  nr;
    uint32_t flags;        /* PI_* */
    uint32_t priority;
    uint32_t user_ticks;
    uint32_t sys_ticks;
    char     name[16];
    int32_t  parent;       /* the spawner or forking parent; NONE for boot processes */
    /* shexec (ps): whom a blocked process waits for.  PI_SENDING: the
     * endpoint it sends to; PI_RECEIVING: the one it receives from (ANY
     * for anyone); NONE when it is not blocked in IPC. */
    int32_t  ipc_partner;
};
#define PI_RUNNABLE   0x1
#define PI_BLOCKED    0x2
#define PI_STOPPED    0x4   /* faulted or exited, slot not yet reaped */
#define PI_TASK       0x8
#define PI_NOPRIV     0x10  /* waiting for RS to give it privileges */
#define PI_BOOT       0x20  /* started from the boot image */
#define PI_SYS        0x40  /* system process (own priv slot) */
#define PI_SENDING    0x80  /* shexec: blocked sending to ipc_partner */
#define PI_RECEIVING  0x100 /* shexec: blocked receiving from ipc_partner */

struct kinfo {
    uint32_t hz;
    uint32_t uptime_ticks;
    uint32_t mem_total_kb;
    uint32_t mem_free_kb;
    uint32_t nr_boot_procs;
    uint32_t tsc_khz;      /* calibrated against the PIT; 0 if unknown */
    uint32_t start_tsc_lo; /* TSC when the kernel started (kmain) */
    uint32_t start_tsc_hi;
    char     cmdline[128];
};

#endif
