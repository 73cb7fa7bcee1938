/* main.c: from the boot loader to the first process.
 *
 * kmain() parses the multiboot information (command line, memory size, boot
 * modules), sets up the CPU (GDT/TSS, IDT, PIC, timer, paging), and starts
 * one process per boot module, in module order.  Every boot module is an
 * ELF program; the kernel keeps the images so SYS_SPAWN can start more
 * copies later.  A module the kernel could not reach (bootmod.h) is skipped.
 * A module that is not ELF and whose string does not name a ".elf" file is
 * a data module (a RAM-disk image): kept in memory for SYS_BOOTMOD, never
 * run.  A module named "*.elf" must be a valid program: one that is not ELF
 * is refused like any other bad program (exec.c), never taken for data.
 * (GRUB gives only the words after the path, so its programs are known by
 * their ELF magic.)
 * When every boot process has run once the kernel prints the banner and
 * tells the harness (TR_BOOTED). */
#include <lantern/testproto.h>
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "boot.h"
#include "bootmod.h"
#include "trace.h"
#include "arch.h"
#include "cpu.h"
#include "jitter.h"
#include "check.h"

#define MULTIBOOT_MAGIC 0x2BADB002
#define MBI_MEM     0x001
#define MBI_CMDLINE 0x004
#define MBI_MODS    0x008

struct multiboot_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
};
struct multiboot_module {
    uint32_t start, end, string, reserved;
};

struct boot_options boot_opts;
uint64_t boot_start_tsc;
static uint32_t tsc_khz;
static int booted;

uint32_t boot_tsc_khz(void) { return tsc_khz; }

const char *boot_option(const char *key)
{
    size_t n = strlen(key);
    const char *s = boot_opts.cmdline;
    while (*s) {
        while (*s == ' ')
            s++;
        if (!strncmp(s, key, n) && s[n] == '=')
            return s + n + 1;
        while (*s && *s != ' ')
            s++;
    }
    return NULL;
}

/* Hex digit values plus one (0: not a digit).  A table, not comparisons,
 * so that every valid nonce takes the same instructions to parse: a seeded
 * run under -icount must not start a few instructions later for a nonce
 * with letters in it (docs/testing.md, "Seeds"). */
static const uint8_t hex_value[256] = {
    ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7,
    ['7'] = 8, ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14,
    ['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15,
    ['F'] = 16,
};

static uint32_t parse_hex(const char *s)
{
    uint32_t v = 0;
    for (int i = 0; i < 8 && s && *s; i++, s++) {
        int d = hex_value[(uint8_t)*s] - 1;
        if (d < 0)
            break;
        v = v * 16 + (uint32_t)d;
    }
    return v;
}

/* Remove every "key=value" word from the command line (in place). */
static void strip_option(char *cmdline, const char *key)
{
    size_t n = strlen(key);
    char *s = cmdline, *out = cmdline;
    while (*s) {
        char *w = s;
        while (*s && *s != ' ')
            s++;
        if (!(!strncmp(w, key, n) && w[n] == '=')) {
            if (out != cmdline)
                *out++ = ' ';
            memmove(out, w, (size_t)(s - w));
            out += s - w;
        }
        while (*s == ' ')
            s++;
    }
    *out = 0;
}

/* Module name: basename of the first word of its string, minus ".elf". */
static void module_name(char *dst, const char *str)
{
    const char *base = str, *p;
    size_t n = 0;
    for (p = str; *p && *p != ' '; p++)
        if (*p == '/')
            base = p + 1;
    while (base + n < p && n < 15 && base[n] != '.')
        n++;
    memcpy(dst, base, n);
    dst[n] = 0;
}

/* A module string's first word (its path) ends in ".elf": a program
 * (image/mkiso.sh and the harness name every program so). */
static int names_program(const char *str)
{
    const char *end = str;
    while (*end && *end != ' ')
        end++;
    return end - str >= 4 && !memcmp(end - 4, ".elf", 4);
}

/* Module arguments: the words after the first one.  Boot loaders give
 * "<path> <name> [args]" (our GRUB config and QEMU -initrd lines name each
 * module), so a second word equal to the module's name is not an argument. */
static void module_args(char *dst, size_t max, const char *str, const char *name)
{
    size_t n = strlen(name);
    while (*str && *str != ' ')
        str++;
    while (*str == ' ')
        str++;
    if (!strncmp(str, name, n) && (str[n] == ' ' || str[n] == 0))
        for (str += n; *str == ' '; str++)
            ;
    strncpy(dst, str, max - 1);
    dst[max - 1] = 0;
}

static void copy_cstr(char *dst, uint32_t addr, size_t max)
{
    const char *s = (const char *)addr;
    size_t i = 0;
    for (; addr && s[i] && i < max - 1; i++)
        dst[i] = s[i];
    dst[i] = 0;
}

/* Check a module's address range (bootmod.h); say why one is skipped.
 * Runs before paging is on, so reading the module's name is safe. */
static int module_usable(uint32_t i, const char *name, const struct multiboot_module *mod,
                         phys_bytes mem_end)
{
    switch (bootmod_check(mod->start, mod->end, mem_end, KERNEL_MAP_LIMIT)) {
    case BOOTMOD_OK:
        return 1;
    case BOOTMOD_UNMAPPED:
        kprintf("boot: module %u (%s) at %#x-%#x lies above the kernel's identity map "
                "(%u MiB); skipped\n", i, name, mod->start, mod->end, KERNEL_MAP_LIMIT >> 20);
        return 0;
    default:
        kprintf("boot: module %u (%s) has a bad address range %#x-%#x; skipped\n", i, name,
                mod->start, mod->end);
        return 0;
    }
}

/* Read what we need from the multiboot structures and return the first
 * physical address that no boot-time data occupies. */
static phys_bytes parse_multiboot(uint32_t magic, const struct multiboot_info *mbi, phys_bytes *mem_end)
{
    extern char kernel_end[];
    phys_bytes used = (phys_bytes)kernel_end;

    if (magic != MULTIBOOT_MAGIC)
        panic("not started by a multiboot loader (magic %#x)", magic);
    if (mbi->flags & MBI_CMDLINE)
        copy_cstr(boot_opts.cmdline, mbi->cmdline, sizeof(boot_opts.cmdline));
    *mem_end = (mbi->flags & MBI_MEM) ? (mbi->mem_upper + 1024) * 1024 : 16 * 1024 * 1024;
    if (!(mbi->flags & MBI_MODS))
        return used;
    const struct multiboot_module *mods = (const struct multiboot_module *)mbi->mods_addr;
    for (uint32_t i = 0; i < mbi->mods_count; i++) {
        if (nr_boot_modules == NR_BOOT_MODULES) {
            kprintf("boot: more than %d modules; ignoring the rest\n", NR_BOOT_MODULES);
            break;
        }
        struct boot_module *bm = &boot_modules[nr_boot_modules];
        module_name(bm->name, mods[i].string ? (const char *)mods[i].string : "?");
        if (!module_usable(i, bm->name, &mods[i], *mem_end))
            continue;
        nr_boot_modules++;
        bm->start = mods[i].start;
        bm->end = mods[i].end;
        module_args(bm->args, sizeof(bm->args), mods[i].string ? (const char *)mods[i].string : "",
                    bm->name);
        /* A data module (a disk image) is kept but never run (SYS_BOOTMOD). */
        bm->is_data = !names_program(mods[i].string ? (const char *)mods[i].string : "") &&
                      (bm->end - bm->start < 4 || *(const uint32_t *)bm->start != 0x464c457fu);
        if (bm->end > used)
            used = bm->end;
    }
    return used;
}

static struct proc *start_boot_module(int module, int slot)
{
    struct proc *p = slot >= 0 ? proc_alloc_slot(slot) : proc_alloc();
    int r;

    if (!p)
        panic("boot: no process slot for module %s", boot_modules[module].name);
    if ((r = exec_module(module, p, NONE, 0, boot_modules[module].args)) != OK) {
        kprintf("boot: module %s refused: %s (error %d); the boot goes on without it\n",
                boot_modules[module].name, r == ENOEXEC ? exec_refusal : "cannot load it", r);
        return NULL;
    }
    p->p_misc_flags |= MF_BOOT;
    kprintf("boot: %-12s endpoint %d\n", p->p_name, p->p_endpoint);
    return p;
}

/* Start every boot module as a process.  rs, pm, init and vm get their
 * fixed slots (lantern/priv.h) wherever they are in the image.  Only RS
 * gets privileges here: every other process waits (RTS_NO_PRIV) until RS
 * gives it privileges and allows it to run. */
static void start_boot_processes(void)
{
    static const struct { int slot; const char *name; } fixed[] = {
        { RS_PROC_NR, "rs" }, { PM_PROC_NR, "pm" }, { INIT_PROC_NR, "init" },
        { VM_PROC_NR, "vm" } };
    struct proc *rs;

    if (find_module("rs") < 0)
        panic("boot: the boot image has no 'rs' module: nothing may run without RS");
    for (unsigned f = 0; f < ARRAY_SIZE(fixed); f++) {
        int mod = find_module(fixed[f].name);
        struct proc *p = mod >= 0 ? start_boot_module(mod, fixed[f].slot) : NULL;
        if (fixed[f].slot == PM_PROC_NR)
            pm_proc = p;
    }
    for (int i = 0; i < nr_boot_modules; i++) {
        int is_fixed = boot_modules[i].is_data;
        if (is_fixed)
            kprintf("boot: %-12s data module, %u bytes\n", boot_modules[i].name,
                    boot_modules[i].end - boot_modules[i].start);
        for (unsigned f = 0; f < ARRAY_SIZE(fixed); f++)
            is_fixed |= !strcmp(boot_modules[i].name, fixed[f].name);
        if (!is_fixed)
            start_boot_module(i, -1);
    }
    rs = proc_addr(RS_PROC_NR);
    if (is_free(rs))
        panic("boot: module rs could not be started");
    priv_boot_rs(rs);
    rs->p_priority = SERVER_Q;
    rts_clear(rs, RTS_NO_PRIV);
}

/* Called the first time each process runs; announces the end of the boot
 * once every boot process is running. */
void boot_proc_ran(struct proc *p)
{
    char names[TR_MAX_PAYLOAD];
    size_t n = 0;

    if (booted || !(p->p_misc_flags & MF_BOOT))
        return;
    for (int i = 0; i < NR_SLOTS; i++)
        if ((proc_table[i].p_misc_flags & (MF_BOOT | MF_RAN)) == MF_BOOT)
            return;
    booted = 1;
    for (int i = 0; i < NR_SLOTS; i++) {
        const struct proc *q = &proc_table[i];
        size_t len = strlen(q->p_name);
        if (!(q->p_misc_flags & MF_BOOT) || n + len + 2 > sizeof(names))
            continue;
        memcpy(names + n, q->p_name, len);
        n += len;
        names[n++] = ' ';
    }
    names[n ? n - 1 : 0] = 0;
    kprintf("\nLantern is up after %u ms. Boot processes running: %s\n\n",
            uptime_ticks * (1000 / HZ), names);
    testchan_send(TR_BOOTED, 0, names, (uint32_t)strlen(names));
}

void boot_report_fault(struct proc *p, const char *cause, uint32_t eip, uint32_t cr2)
{
    char buf[120];
    int n = 0;
    const char *parts[] = { p->p_name, ": ", cause };
    for (unsigned i = 0; i < ARRAY_SIZE(parts); i++)
        for (const char *s = parts[i]; *s && n < 100; s++)
            buf[n++] = *s;
    (void)eip;
    (void)cr2;
    testchan_send(TR_FAULT, 0, buf, (uint32_t)n);
}

void kmain(uint32_t magic, const struct multiboot_info *mbi)
{
    phys_bytes mem_end, free_start;

    console_init();
    boot_start_tsc = rdtsc();
    free_start = parse_multiboot(magic, mbi, &mem_end);
    boot_opts.nonce = parse_hex(boot_option("nonce"));
    boot_opts.test_mode = boot_option("nonce") != NULL;
    /* The nonce never leaves the kernel: not on the console, not in
     * GETINFO_KINFO's copy of the command line (testproto.h). */
    strip_option(boot_opts.cmdline, "nonce");
    kprintf("Lantern microkernel (i386). Command line: %s\n", boot_opts.cmdline);

    gdt_init();
    idt_init();
    pic_init();
    mem_init(free_start, mem_end);
    paging_init();
    tsc_khz = tsc_calibrate_khz();
    kprintf("memory: %u KiB usable, %u KiB free; TSC %u kHz; %d boot modules\n",
            mem_total_kb(), mem_free_kb(), tsc_khz, nr_boot_modules);
    trace_init();
    proc_init();
    jitter_init();
    CHECK_INIT();
    start_boot_processes();
    if (nr_boot_modules == 0)
        kprintf("boot: no boot modules: nothing to run\n");
    clock_init();
    schedule();
}
