/* table.c: RS's boot tables.
 *
 * The kernel's boot image says which programs exist; these tables say what
 * each may do.  boot_priv_table is in start order: RS makes the boot
 * processes runnable and initializes them in this order (SF_SYNCH_BOOT ones
 * before the next is allowed).  Every boot process must have a line here
 * (RS panics naming the missing one); lines for programs that are not in
 * this boot image are skipped, so one table serves every image. */
#include "rs.h"

#define SRV_F   (SYS_PROC | PREEMPTIBLE)
#define ALL_T   IPC_ALL_OPS
/* Test programs: may report results (TEST_PROC); the ones that steer the
 * trace recorder also get TRACE_CTL.  Only programs that report get
 * TEST_PROC, and only RS gives it: a process they spawn never has it. */
#define TEST_F  (SRV_F | TEST_PROC)
#define TRACE_F (SRV_F | TEST_PROC | TRACE_CTL)

static const int kc_all[] = { KC_ALL };
/* File servers (docs/files.md).  MFS copies through VFS's grants and lends
 * the driver its cache blocks; it admits RS, PM, VFS, the block drivers and
 * fs_test (whose requests it refuses with EPERM: the suite checks that).
 * VFS copies through every caller's grants and serves everyone. */
static const int kc_fs[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TRACECTL,
    SYS_SETGRANT, SYS_SAFECOPYFROM, SYS_SAFECOPYTO, KC_END };
static const char *const ipc_mfs[] = { "rs", "pm", "vfs", "ramdisk", "ata", "fs_test", NULL };
/* What a plain driver or server needs: nothing that changes another process,
 * and no test results.  Every process may register a grant table
 * (SYS_SETGRANT) to lend its memory; only the lines that list the safe
 * copies may copy through grants (docs/grants.md). */
static const int kc_basic[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TRACECTL,
    SYS_SETGRANT, KC_END };
/* The same for a test service that reports its own results. */
static const int kc_basic_test[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TRACECTL,
    SYS_TESTRESULT, SYS_SETGRANT, KC_END };
static const int kc_pm[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TRACECTL,
    SYS_PROCEVENT, SYS_SETGRANT, SYS_FORK,
    SYS_SAFECOPYFROM, SYS_EXEC, SYS_EXECCOPY,   /* exec: the caller's arguments, the new image */
    SYS_SAFECOPYTO,     /* shexec: PM_PROCLIST's rows into the caller's grant */
    SYS_SIGSEND,        /* signals (docs/signals.md); they use the safecopies too */
#ifdef LANTERN_CHECK
    SYS_PANIC,      /* CHECK=1: PM stops the system on a broken invariant */
#endif
    KC_END };
/* Test drivers: everything except SYS_PANIC, so the priv suite can check
 * that a parent cannot hand down a call it lacks. */
static const int kc_test[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TESTRESULT, SYS_TRACECTL,
    SYS_SHUTDOWN, SYS_SPAWN, SYS_PRIVCTL, SYS_SETGRANT, KC_END };

/* VM: its own kernel calls (the kernel also checks it is VM), PRIVCTL for
 * PRIV_QUERY (who is an admin, lantern/vm.h), GETINFO for VM_CHECK's walk,
 * PANIC (VM's death is the system's anyway: better with the reason); it
 * answers everyone, users included (VM_BRK, VM_INFO). */
static const int kc_vm[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TRACECTL, SYS_PRIVCTL,
    SYS_PANIC,      /* a broken count (frames.c, CHECK=1's check.c) stops the system */
    SYS_VMPOOL, SYS_VMMAP, SYS_VMUNMAP, SYS_VMQUERY, SYS_VMPROTECT, SYS_VMREQUEST,
    SYS_VMRESUME, SYS_VMREAP, SYS_VMSHARE, KC_END };

/* fuzz_svc, the fuzzer's service: the basic calls, the safe copies and
 * safemap (tests/guest/fuzz/). */
static const int kc_fuzz_svc[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TRACECTL,
    SYS_SETGRANT, SYS_SAFECOPYFROM, SYS_SAFECOPYTO, SYS_VSAFECOPY,
    SYS_SAFEMAP, SYS_SAFEUNMAP, SYS_SAFEREVMAP, KC_END };
/* smap_peer, the safemap suite's granter: the basic calls and the safemap
 * calls (it maps as a grantee in some tests) */
static const int kc_smap_peer[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TRACECTL,
    SYS_SETGRANT, SYS_SAFEMAP, SYS_SAFEREVMAP, SYS_SAFEUNMAP, KC_END };
/* priv_limited may talk to RS and PM only (the priv suite checks it). */
static const char *const ipc_limited[] = { "rs", "pm", NULL };
/* sec_probe, the security suite's low-rights service: RS, PM and the test. */
static const char *const ipc_probe[] = { "rs", "pm", "security_test", NULL };
/* security_kernel: what a parent that is not RS may hand down.  It may spawn
 * and set privileges, but not SYS_PANIC or SYS_PROCEVENT. */
static const int kc_security[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TESTRESULT, SYS_TRACECTL,
    SYS_SHUTDOWN, SYS_SPAWN, SYS_PRIVCTL, SYS_SETGRANT, KC_END };
/* sec_closed admits security_kernel but no user (a closed list); sec_open
 * admits users but not security_kernel.  Children of security_kernel may
 * reach neither (lantern/priv.h, "ipc_to"). */
static const char *const ipc_sec_closed[] = { "rs", "pm", "security_kernel", NULL };
static const char *const ipc_sec_open[] = { "rs", "pm", "user", NULL };
/* ds: the data store answers everyone (users retrieve and subscribe) and
 * copies values through its clients' grants and into RS's store area. */
static const int kc_ds[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TRACECTL,
    SYS_SETGRANT, SYS_SAFECOPYFROM, SYS_SAFECOPYTO,
    SYS_SAFEMAP, SYS_SAFEUNMAP, SYS_SAFEREVMAP,   /* MAP entries (docs/ds.md) */
    KC_END };
/* seqd keeps its counter in DS: it talks to RS, PM, DS and its users. */
static const char *const ipc_seqd[] = { "rs", "pm", "ds", "user", "ds_test", "ds_bench", NULL };
/* Block drivers (docs/drivers.md): the safe copies to move data through
 * their clients' grants, plus the device calls each needs and nothing
 * more.  The RAM disk alone reads and writes data boot modules
 * (SYS_BOOTMOD); the ATA driver alone touches ports and an IRQ (its ranges
 * are in boot_res_table below). */
static const int kc_ramdisk[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_SETGRANT,
    SYS_SAFECOPYFROM, SYS_SAFECOPYTO, SYS_BOOTMOD, KC_END };
static const int kc_ata[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_SETGRANT,
    SYS_SAFECOPYFROM, SYS_SAFECOPYTO, SYS_DEVIO, SYS_SDEVIO, SYS_IRQCTL, KC_END };
/* The drivers suite's test: the port and IRQ calls (to be refused outside
 * its one test port and line), but not SYS_BOOTMOD (ECALLDENIED). */
static const int kc_drv_test[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_TESTRESULT,
    SYS_TRACECTL, SYS_SHUTDOWN, SYS_SETGRANT, SYS_SAFECOPYFROM, SYS_SAFECOPYTO,
    SYS_DEVIO, SYS_SDEVIO, SYS_IRQCTL, KC_END };
/* tty (docs/tty.md): COM1's ports and IRQ, the safe copies to move data
 * through its client's grants; it answers its one client (VFS, or the tty
 * suite's test) and talks to RS (lookups) and PM (signals). */
static const int kc_tty[] = {
    SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, SYS_TIMES, SYS_SETALARM, SYS_SETGRANT,
    SYS_SAFECOPYFROM, SYS_SAFECOPYTO, SYS_DEVIO, SYS_IRQCTL, KC_END };
static const char *const ipc_tty[] = { "rs", "pm", "vfs", "tty_test", "signal_test", "vm", "vga_test", NULL };
/* console_kill (the console harness): RS, PM, and console_echo, a user */
static const char *const ipc_console_kill[] = { "rs", "pm", "user", NULL };
// LAB 1 BEGIN: echo's rights
/* echo (Lab 1) answers RS, PM and user processes, nobody else, and makes
 * only the calls SEF, exit and printf need. */
static const char *const ipc_echo[] = { "rs", "pm", "user", NULL };
static const int kc_echo[] = { SYS_GETINFO, SYS_EXIT, SYS_DIAGCTL, KC_END };
// LAB 1 STUB
// /* LAB 1: echo's IPC list and kernel calls go here. */
// LAB 1 END

const struct boot_priv boot_priv_table[] = {
    /* program       label           flags   traps  IPC targets            kernel calls */
    { "rs",          "rs",           SRV_F | ROOT_SYS_PROC, ALL_T, IPC_LIST_ALL, kc_all },
    /* VM first: it must hold the frame pool before anything spawns or faults */
    { "vm",          "vm",           SRV_F,  ALL_T, IPC_LIST_ALL,          kc_vm },
    { "pm",          "pm",           SRV_F,  ALL_T, IPC_LIST_ALL,          kc_pm },
    /* ds right after RS's core services, before every service that uses it */
    { "ds",          "ds",           SRV_F,  ALL_T, IPC_LIST_ALL,          kc_ds },
// LAB 1 BEGIN: echo's line
    { "echo",        "echo",         SRV_F,  ALL_T, ipc_echo,              kc_echo },
// LAB 1 STUB
//     /* LAB 1: echo's line goes here. */
// LAB 1 END
    /* test services and drivers */
    { "crashd",      "crashd",       SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic },
    { "priv_limited","priv_limited", TEST_F, ALL_T, ipc_limited,           kc_basic_test },
    { "sef_fail",    "sef_fail",     SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic },
    { "core_crash",  "core_crash",   SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic },
    { "priv_test",   "priv_test",    TEST_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_test },
    { "rs_test",     "rs_test",      TRACE_F,ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "sef_test",    "sef_test",     TEST_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "ipc_peer",    "ipc_peer",     SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "ipc_test",    "ipc_test",     TEST_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "fault_test",  "fault_test",   SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "trace_test",  "trace_test",   TRACE_F,ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    /* security_test admits users: its user-mode probes report to it by IPC */
    { "security_test","security_test",TRACE_F,ALL_T, IPC_LIST_ALL,         kc_all },
    { "sec_probe",   "sec_probe",    SRV_F,  ALL_T, ipc_probe,             kc_basic },
    { "panic_test",  "panic_test",   SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "restart_demo","restart_demo", SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "trace_demo",  "trace_demo",   SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "bench_peer",  "bench_peer",   SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "bench",       "bench",        TRACE_F,ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "rs_bench",    "rs_bench",     TEST_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "security_kernel", "security_kernel", TEST_F | BILLABLE, ALL_T, IPC_LIST_ALL_BUT_USER,
      kc_security },
    { "sec_closed",  "sec_closed",   SRV_F,  ALL_T, ipc_sec_closed,        kc_basic },
    { "sec_open",    "sec_open",     SRV_F,  ALL_T, ipc_sec_open,          kc_basic },
    { "hself",       "hself",        TEST_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_test },
    /* grant and safecopy suites: grant_peer lends memory (no safe copies
     * of its own), grant_magic is the same program with MAGIC_GRANTS */
    { "grant_test",  "grant_test",   TEST_F, ALL_T, IPC_LIST_ALL,          kc_all },
    { "safecopy_test","safecopy_test",TEST_F,ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "grant_peer",  "grant_peer",   SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic },
    { "grant_magic", "grant_magic",  SRV_F | MAGIC_GRANTS, ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic },
    { "grant_bench", "grant_bench",  TEST_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    /* DS (docs/ds.md): seqd keeps its state in DS; the ds suite's test
     * (admits users: its user-mode probe reports to it), two subscribers
     * (one program) and the benchmark */
    { "seqd",        "seqd",         SRV_F,  ALL_T, ipc_seqd,              kc_basic },
    { "ds_test",     "ds_test",      TEST_F, ALL_T, IPC_LIST_ALL,          kc_all },
    { "ds_sub1",     "ds_sub1",      SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic },
    { "ds_sub2",     "ds_sub2",      SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic },
    { "ds_bench",    "ds_bench",     TEST_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    /* block drivers and the drivers suite (docs/drivers.md); drv_kill is
     * the admin that kills a driver under load, drv_bench the benchmarks */
    { "ramdisk",     "ramdisk",      SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_ramdisk },
    { "ata",         "ata",          SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_ata },
    { "drv_test",    "drv_test",     TEST_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_drv_test },
    { "drv_kill",    "drv_kill",     SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic },
    { "drv_bench",   "drv_bench",    TEST_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_drv_test },
    /* the labs' tests (labs/<n>-<name>/tests/) */
    /* lab1_test admits users: its user-process copies report to it by IPC */
    { "lab1_test",   "lab1_test",    TEST_F, ALL_T, IPC_LIST_ALL,          kc_test },
    /* the tools suite's GDB checks (tests/guest/tools/): gdb_probe before
     * gdb_peer, which sends to it; gdb_peer's label is not its name */
    { "gdb_probe",   "gdb_probe",    SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    { "gdb_peer",    "peer",         SRV_F,  ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic },
    /* suite seed: seed_race admits users, its workers are user copies */
    { "seed_race",   "seed_race",    TEST_F, ALL_T, IPC_LIST_ALL,          kc_test },
    /* suite vm: vm_test is VM's admin (TEST_PROC), copies through grants and
     * reads VM_PAGEFAULT records (TRACE_CTL) */
    { "vm_test",     "vm_test",      TRACE_F,ALL_T, IPC_LIST_ALL,          kc_all },
    { "vm_bench",    "vm_bench",     TEST_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    /* fuzzing and fault injection (tests/guest/fuzz/): fuzz and its user
     * child admit users; fz_storm is an admin (SF_ADMIN below) with
     * TEST_PROC, the only kind of caller RS_FAULT accepts */
    { "fuzz",        "fuzz",         TEST_F, ALL_T, IPC_LIST_ALL,          kc_all },
    { "fuzz_svc",    "fuzz_svc",     SRV_F,  ALL_T, IPC_LIST_ALL,          kc_fuzz_svc },
    { "fz_storm",    "fz_storm",     TEST_F, ALL_T, IPC_LIST_ALL,          kc_all },
    { "fz_bootchk",  "fz_bootchk",   TEST_F, ALL_T, IPC_LIST_ALL,          kc_all },
    /* file servers and the fs suite (docs/files.md) */
    { "mfs",         "mfs",          SRV_F,  ALL_T, ipc_mfs,               kc_fs },
    { "vfs",         "vfs",          SRV_F,  ALL_T, IPC_LIST_ALL,          kc_fs },
    { "fs_test",     "fs_test",      TEST_F, ALL_T, IPC_LIST_ALL,          kc_test },
    { "fs_bench",    "fs_bench",     TEST_F, ALL_T, IPC_LIST_ALL,          kc_test },
    { "fs_persist",  "fs_persist",   TEST_F, ALL_T, IPC_LIST_ALL,          kc_test },
    /* the terminal driver and its suite (docs/tty.md) */
    { "tty",         "tty",          SRV_F,  ALL_T, ipc_tty,               kc_tty },
    { "tty_test",    "tty_test",     TEST_F, ALL_T, IPC_LIST_ALL,          kc_test },
    /* the screen's tests (tests/guest/vga): reads VGA memory and the CRTC */
    { "vga_test",    "vga_test",     TEST_F, ALL_T, IPC_LIST_ALL,          kc_drv_test },
    /* suite ttyvfs: kc_all for SYS_KILL (kills a waiting reader); admits
     * users (its children are user copies) */
    { "ttyvfs_test", "ttyvfs_test",  TEST_F, ALL_T, IPC_LIST_ALL,          kc_all },
    /* console_echo: a user program on /dev/console for the console harness;
     * console_kill: its admin (SF_ADMIN below) that restarts tty when
     * console_echo notifies it (admits users: console_echo is one) */
    { "console_echo","console_echo", 0,      0,     IPC_LIST_ALL,          kc_basic },
    { "console_kill","console_kill", SRV_F,  ALL_T, ipc_console_kill,      kc_basic },
    /* console2: console_watch, the shell console test's "other console":
     * a user program that asks console_kill to restart tty */
    { "console_watch","console_watch", 0,    0,     IPC_LIST_ALL,          kc_basic },
    /* suite proc (docs/processes.md): kc_all, so SYS_FORK's own refusal
     * (EPERM: PM only) is what the test sees */
    { "proc_test",   "proc_test",    TEST_F, ALL_T, IPC_LIST_ALL,          kc_all },
    /* shexec: suite ps (PM_PROCLIST); kc_all for SYS_KILL of its children */
    { "ps_test",     "ps_test",      TEST_F, ALL_T, IPC_LIST_ALL,          kc_all },
    /* shexec: suite userland (forks and execs /bin/sh on the disk's scripts) */
    { "userland_test", "userland_test", TEST_F, ALL_T, IPC_LIST_ALL,        kc_test },
    /* suite signal (docs/signals.md): kc_all, so SYS_SIGSEND's own refusal
     * (EPERM: PM only) is what the test sees; the tty's client for ^C;
     * TRACE_CTL to read SIG_FRAME / SIG_RETURN records */
    { "signal_test", "signal_test",  TRACE_F,ALL_T, IPC_LIST_ALL,          kc_all },
    { "sig_bench",   "sig_bench",    TEST_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    /* suite safemap (docs/grants.md "safemap"): safemap_test is the
     * grantee and VM's admin (VM_CHECK); smap_peer the granter, which maps
     * and revokes too (only the calls it needs); both admit users (forked
     * children talk to them) */
    { "safemap_test","safemap_test", TEST_F, ALL_T, IPC_LIST_ALL,          kc_all },
    { "smap_peer",   "smap_peer",    SRV_F,  ALL_T, IPC_LIST_ALL,          kc_smap_peer },
    { "safemap_bench","safemap_bench",TEST_F,ALL_T, IPC_LIST_ALL_BUT_USER, kc_all },
    /* shexec: console text for the harness's expect=prompt self-tests */
    { "prompt_probe", "prompt_probe", 0,     0,     IPC_LIST_ALL,          kc_basic },
    /* user programs */
    { "service",     "service",      0,      0,     IPC_LIST_ALL,          kc_basic },
    { "trace",       "trace",        0,      0,     IPC_LIST_ALL,          kc_basic },
    { "init",        "init",         0,      0,     IPC_LIST_ALL,          kc_basic },
    /* the shell and its commands (commands/Makefrag; docs/commands.md):
     * user programs, kept in the boot image only for spawning by tests;
     * cmd_test reports the commands suite */
#define CMD_LINE(prog) { prog, prog, 0, 0, IPC_LIST_ALL, kc_basic }
    CMD_LINE("sh"), CMD_LINE("true"), CMD_LINE("false"), CMD_LINE("echo_cmd"),
    CMD_LINE("cat"), CMD_LINE("mkdir"), CMD_LINE("rmdir"), CMD_LINE("rm"),
    CMD_LINE("ln"), CMD_LINE("mv"), CMD_LINE("cp"), CMD_LINE("sync"),
    CMD_LINE("wc"), CMD_LINE("head"), CMD_LINE("tail"), CMD_LINE("grep"),
    CMD_LINE("ls"), CMD_LINE("sleep"), CMD_LINE("uptime"), CMD_LINE("ps"),
    CMD_LINE("kill"),
#undef CMD_LINE
    { "cmd_test",    "cmd_test",     TEST_F, ALL_T, IPC_LIST_ALL,          kc_test },
    { NULL, NULL, 0, 0, NULL, NULL },
};

/* Resources of boot programs (lantern/priv.h: a parent hands down only
 * ranges inside its own).  The kernel enforces io[] and irq[] (SYS_DEVIO,
 * SYS_SDEVIO, SYS_IRQCTL: lantern/devio.h).  security_kernel's ranges are a
 * test's (it lacks the device calls); drv_test holds the POST port 0x80
 * and IRQ 5 (free on QEMU's and Bochs' PCs) to check the edges. */
static const struct boot_res boot_res_table[] = {
    { .program = "ata",
      .nr_io = 2, .io = { { 0x1f0, 0x1f7 }, { 0x3f6, 0x3f6 } },
      .nr_irq = 1, .irq = { 14 } },
    /* tty: COM1; the VGA CRTC's index/data ports and the colour text
     * memory (VM_MAPPHYS, docs/tty.md); the PS/2 keyboard's ports and IRQ 1 */
    { .program = "tty",
      .nr_io = 4, .io = { { 0x3f8, 0x3ff }, { 0x3d4, 0x3d5 }, { 0x60, 0x60 }, { 0x64, 0x64 } },
      .nr_mem = 1, .mem = { { 0xb8000, 0xbffff } },
      .nr_irq = 2, .irq = { 4, 1 } },
    /* vga_test reads the screen as the hardware shows it: the first 16 KiB
     * of the text memory (the four consoles) and the CRTC ports; the rest
     * of the window (0xbc000-0xbffff) is left out so that it can ask for
     * memory it does not hold */
    { .program = "vga_test",
      .nr_io = 1, .io = { { 0x3d4, 0x3d5 } },
      .nr_mem = 1, .mem = { { 0xb8000, 0xbbfff } } },
    { .program = "drv_test",
      .nr_io = 1, .io = { { 0x80, 0x80 } },
      .nr_irq = 1, .irq = { 5 } },
    { .program = "security_kernel",
      .nr_io = 1, .io = { { 0x100, 0x1ff } },
      .nr_mem = 1, .mem = { { 0x00200000, 0x002fffff } },
      .nr_irq = 1, .irq = { 5 } },
};

/* Dynamic services (RS_UP): the DSRV defaults. */
const struct boot_priv dsrv_priv = {
    NULL, NULL, SRV_F, ALL_T, IPC_LIST_ALL_BUT_USER, kc_basic,
};

const struct boot_sys boot_sys_table[] = {
    { "vm",      SF_CORE_SRV | SF_SYNCH_BOOT },   /* not restartable: docs/vm.md */
    { "pm",      SF_CORE_SRV | SF_SYNCH_BOOT },
    /* ds: its users find it initialized.  Not core: an admin may refresh it
     * (the ds suite does), and it comes back with its store (docs/ds.md). */
    { "ds",      SF_SYNCH_BOOT },
    { "core_crash", SF_CORE_SRV },
    /* Admins (SF_ADMIN): may change services, when RS started them from
     * these lines.  `service` is an admin only when RS runs it (RS_RUN). */
    { "rs_test", SF_ADMIN },
    { "sef_test", SF_ADMIN },
    { "rs_bench", SF_ADMIN },
    { "security_test", SF_ADMIN },
    { "trace_demo", SF_ADMIN },               /* make trace's scenario restarts crashd */
    { "lab1_test", SF_ADMIN },
    { "ds_test", SF_ADMIN },                  /* restarts seqd and DS's subscribers */
    { "fz_storm", SF_ADMIN },                 /* kill storms: RS_REFRESH and RS_FAULT */
    { "fs_test", SF_ADMIN },                  /* kills the block driver under a writer */
    { "drv_kill", SF_ADMIN },                 /* kills drivers under load (drivers suite) */
    { "drv_bench", SF_ADMIN },                /* driver_restart_ms */
    { "tty_test", SF_ADMIN },                 /* restarts tty under a waiting reader */
    { "vga_test", SF_ADMIN },                 /* restarts tty: the screens survive */
    { "init",    SF_USER },
    { "prompt_probe", SF_USER },              /* shexec: expect=prompt self-tests */
    { "console_kill", SF_ADMIN },             /* restarts tty for the console harness */
    { "ttyvfs_test", SF_ADMIN },              /* restarts tty under a reader waiting in VFS */
    { "init",    SF_USER },
    { "console_echo", SF_USER },              /* the console harness (ttyvfs) */
    { "console_watch", SF_USER },             /* console2: shell.script's other console */
    { "service", SF_USER | SF_NOSTART | SF_ADMIN },   /* kept for RS_RUN and spawning */
    { "trace",   SF_USER | SF_NOSTART },
    /* the commands: started by tests (SYS_SPAWN) or exec'ed from /bin */
#define CMD_SYS(prog) { prog, SF_USER | SF_NOSTART }
    CMD_SYS("sh"), CMD_SYS("true"), CMD_SYS("false"), CMD_SYS("echo_cmd"),
    CMD_SYS("cat"), CMD_SYS("mkdir"), CMD_SYS("rmdir"), CMD_SYS("rm"),
    CMD_SYS("ln"), CMD_SYS("mv"), CMD_SYS("cp"), CMD_SYS("sync"),
    CMD_SYS("wc"), CMD_SYS("head"), CMD_SYS("tail"), CMD_SYS("grep"),
    CMD_SYS("ls"), CMD_SYS("sleep"), CMD_SYS("uptime"), CMD_SYS("ps"),
    CMD_SYS("kill"),
#undef CMD_SYS
    { NULL,      0 },                         /* default */
};

const struct boot_dev boot_dev_table[] = {
    { "crashd",  0, 10 },                     /* heartbeat every 10 ticks */
    { NULL,      0, 0 },                      /* default: no device, no pings */
};

const struct boot_priv *table_priv(const char *program)
{
    for (const struct boot_priv *b = boot_priv_table; b->program; b++)
        if (!strcmp(b->program, program))
            return b;
    return NULL;
}

const struct boot_res *table_res(const char *program)
{
    for (unsigned i = 0; program && i < sizeof(boot_res_table) / sizeof(boot_res_table[0]); i++)
        if (!strcmp(boot_res_table[i].program, program))
            return &boot_res_table[i];
    return NULL;
}

uint32_t table_sys_flags(const char *label)
{
    const struct boot_sys *s = boot_sys_table;
    while (s->label && strcmp(s->label, label))
        s++;
    return s->sys_flags;
}

const struct boot_dev *table_dev(const char *label)
{
    const struct boot_dev *d = boot_dev_table;
    while (d->label && strcmp(d->label, label))
        d++;
    return d;
}
