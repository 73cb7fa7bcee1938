/* boot.h: boot modules, the boot sequence and the test-result channel. */
#ifndef BOOT_H
#define BOOT_H

#include "kernel.h"

struct proc;

struct boot_module {
    phys_bytes start, end;      /* the ELF image, kept for SYS_SPAWN */
    char name[16];
    char args[64];              /* words after the file name: argv[1..] at boot */
    int is_data;                /* not an ELF program: never run; SYS_BOOTMOD's */
};

extern struct boot_module boot_modules[NR_BOOT_MODULES];
extern int nr_boot_modules;

uint32_t boot_tsc_khz(void);
extern uint64_t boot_start_tsc;          /* TSC at kmain() */
uint32_t boot_ticks(void);
void boot_proc_ran(struct proc *p);
void boot_report_fault(struct proc *p, const char *cause, uint32_t eip, uint32_t cr2);

/* exec.c */
#define ARGS_MAX 128             /* bytes of argument words given to a program */
int exec_module(int module, struct proc *p, endpoint_t parent, uint32_t arg, const char *args);
int find_module(const char *name);
/* Tell PM (and the trace) that p started; parent = its parent's endpoint. */
void exec_announce(struct proc *p, endpoint_t parent);
extern const char *exec_refusal;     /* why exec_module() gave ENOEXEC */
/* do_bootmod.c: the index-th data module (boot order), or NULL */
struct boot_module *data_module(int index);

/* testchan.c: framed records for the host harness (lantern/testproto.h) */
void testchan_send(int kind, int status, const void *payload, uint32_t len);

/* clock.c */
void clock_init(void);
void clock_tick(void);
extern volatile uint32_t uptime_ticks;

#endif
