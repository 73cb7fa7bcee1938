/* harness.h: the parts of lantern-test, the host side of Lantern's guest
 * test harness (docs/testing.md), and what they share.
 *
 *   suites.c   reads tests/suites.txt into runs[]; selected() filters them
 *   frames.c   finds the kernel's frames in the COM2 bytes
 *   record.c   what each frame kind means: updates a struct outcome
 *   emu.c      starts, polls and stops emulator processes
 *   boot.c     boots one run and feeds its frames to the decoder
 *   verdict.c  prints result lines, judges a finished run, keeps logs
 *   bench.c    --bench: the bench suite and boot_ms
 *   util.c     errors, allocation, time, files
 *   seed.c     SEED: the run's seed and the rerun command
 *   keys.c     keys=1: TR_SENDKEY frames typed through QEMU's monitor
 *
 * An outcome belongs to one run; nothing in it survives into the next. */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <lantern/testproto.h>

#define MAX_PROGS 32
#define MAX_RUNS  256
#define MAX_ARGS  96

struct run {
    char *name;          /* "ipc/main" */
    char *suite;         /* "ipc" */
    char *emu;           /* qemu | bochs */
    char *boot;          /* kernel | iso */
    int timeout;
    char *expect;        /* results | booted | prompt | panic:<text> */
    char *xfail;         /* NULL, or: the run must fail, a reason containing this */
    char *cmdline;
    int icount;
    const char *seed;     /* seed=<n>: the run's own seed when SEED is not given */
    int cputime;         /* 1: timeout counts the emulator's CPU seconds */
    int keys;            /* keys=1: QEMU's monitor on a socket, TR_SENDKEY typed (keys.c) */
    char *progs[MAX_PROGS];
    int nprogs;
    char *disk;          /* disk=<file>: copied, attached as the primary IDE master */
    char *modules[8];    /* module=<file>: data boot modules, after the programs */
    int nmodules;
    int lineno;
};

extern struct run runs[MAX_RUNS];
extern int nruns;

/* options (lantern-test.c) */
extern const char *opt_build, *opt_suites, *opt_image, *opt_qemu, *opt_emu;
extern char *opt_filter[64];
extern int nfilter;
extern int opt_keep, opt_verbose, opt_list;
extern const char *opt_bench, *opt_boot_programs, *opt_build_s;
extern int opt_boot_samples;

struct suite_count {
    char name[96];
    int planned;         /* sum of the TR_PLAN counts; -1: no plan frame */
    int results;         /* TR_RESULT frames */
    int plans, dones;    /* TR_PLAN and TR_DONE frames: each plan owes a done */
};

struct bench_metric {
    char metric[96], value[64], unit[32];
};

struct outcome {
    /* counters */
    int passed, failed, skipped;
    int frames, bad_crc, bad_nonce, garbage;
    /* state */
    int booted;          /* the kernel's TR_BOOTED: every boot process ran */
    double booted_at;    /* seconds since emulator start */
    int bootdone;        /* RS's TR_BOOTDONE: every boot service initialised */
    double bootdone_at;
    int panicked;
    char panic_text[TR_MAX_PAYLOAD + 1];
    int want_stop;       /* the run has what it needs: stop the emulator */
    /* shexec: the shell's first "$ " prompt on the console (prompt.c) */
    int prompted;
    double prompt_at;    /* seconds since emulator start */
    int con_state;       /* 0 at a line's start, 1 after "$" there, 2 elsewhere */
    char fail_reasons[4096];  /* "name: reason; ..." of every failure (xfail) */
    struct suite_count suites[32];
    int nsuites;
    struct bench_metric bench[64];
    int nbench;
    /* parser buffer */
    uint8_t buf[1 << 16];
    size_t len;
};

struct runctx {
    const struct run *r;
    struct outcome *o;
    double t0;
    int print;           /* print result lines (not in bench boot timing) */
    int seeded;          /* SEED given: kernel seed=<n>, QEMU -icount sleep=off */
    uint32_t seed;
    int mon_fd;          /* keys=1: the monitor connection, -1 until made (keys.c) */
    char *mon_path;      /* keys=1: the monitor's socket, else NULL */
};

struct emu {
    pid_t pid;
    int ptm;             /* Bochs: pty master, -1 otherwise */
    int term_fd;         /* where the pty output goes */
    int exited;
    int status;
};

struct boot_result {
    double seconds;
    const char *end;     /* "exit", "timeout", "stopped" */
    int exit_code;       /* emulator exit status, -1 if killed */
    double cpu_s;        /* the emulator's CPU seconds when the run ended */
};

/* util.c */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void *xmalloc(size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
double now_s(void);
void sleep_ms(int ms);
uint32_t random_u32(void);
void mkdirs(const char *path);
void rm_rf(const char *path);
int file_exists(const char *p);
void move_file(const char *from, const char *to);
int copy_file(const char *from, const char *to);
void print_tail(const char *path, int n, const char *label);

/* suites.c */
void parse_suites(const char *path);
int selected(const struct run *r);

/* frames.c */
void crc_init(void);
void parse_bytes(struct runctx *c, uint32_t nonce, const uint8_t *data, size_t n);

/* prompt.c (shexec): expect=prompt and boot_to_shell_ms */
void prompt_poll(struct runctx *c, int *fd, const char *console_path);
void bench_boot_to_shell(FILE *out);    /* the boot_to_shell_ms row */

/* record.c */
struct suite_count *suite_of(struct outcome *o, const char *name, size_t n);
void clean_text(char *s);
void handle_frame(struct runctx *c, uint8_t kind, uint8_t status, const char *pl, size_t len);

/* emu.c */
extern char *argv_buf[MAX_ARGS];
void split_cmd(const char *cmd, char **argv, int *argc);
void print_argv(char **argv);
void emu_start(struct emu *e, char **argv, const char *out, int use_pty);
int emu_poll(struct emu *e);
double emu_cpu_s(const struct emu *e);   /* CPU seconds used so far */
void emu_stop(struct emu *e);
void subst_file(const char *tmpl, const char *out, const char *keys[],
                const char *vals[], int n);

/* keys.c */
void keys_send(struct runctx *c, const char *payload, size_t len);
void keys_close(struct runctx *c);

/* boot.c */
int boot_run(struct runctx *c, const char *work, struct boot_result *br,
             char *err, size_t errlen);

/* verdict.c */
void result_line(struct runctx *c, int ok, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void skip_line(struct runctx *c, const char *name, const char *why);
int do_run(const struct run *r, struct outcome *o, int print, struct boot_result *br);

/* seed.c */
void seed_choose(struct runctx *c);
void seed_rerun_line(const struct runctx *c);

/* bench.c */
int bench_main(void);

#endif
