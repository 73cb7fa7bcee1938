/* exec.c: start a process from an ELF boot module.
 *
 * Boot modules are untrusted input: every header field is checked before it
 * is used, and a bad module is refused with ENOEXEC (the boot continues
 * without it).  Each program must live inside one 16 MiB user window
 * (image/linkmap.txt); its stack occupies the top USER_STACK_SIZE bytes.
 */
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "boot.h"
#include "trace.h"
#include "segments.h"
#include "vmreq.h"

LANTERN_STATIC_ASSERT(sizeof(((struct proc *)0)->p_args) == ARGS_MAX + 1, "p_args size");

#define ELF_MAGIC 0x464c457fu
#define PT_LOAD   1
#define PF_X      1
#define PF_W      2

struct elf_header {
    uint32_t magic;
    uint8_t cls, data, version, osabi, pad[8];
    uint16_t type, machine;
    uint32_t version2, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

struct boot_module boot_modules[NR_BOOT_MODULES];
int nr_boot_modules;

int find_module(const char *name)
{
    for (int i = 0; i < nr_boot_modules; i++)
        if (!strncmp(boot_modules[i].name, name, sizeof(boot_modules[i].name)))
            return i;
    return -1;
}

static const struct elf_phdr *phdr_at(const struct boot_module *m, const struct elf_header *eh, int i)
{
    return (const struct elf_phdr *)(m->start + eh->phoff + (uint32_t)i * sizeof(struct elf_phdr));
}

/* Why the last image was refused (the boot's message names it). */
const char *exec_refusal = "";

static int refuse(const char *why)
{
    exec_refusal = why;
    return ENOEXEC;
}

static int loaded(const struct elf_phdr *ph) { return ph->type == PT_LOAD && ph->memsz > 0; }

/* The ELF header and the program header table. */
static int check_header(const struct elf_header *eh, uint32_t size)
{
    if (size < sizeof(*eh) || eh->magic != ELF_MAGIC)
        return refuse("not an ELF file");
    if (eh->cls != 1 || eh->data != 1 || eh->type != 2 || eh->machine != 3 ||
        eh->phentsize != sizeof(struct elf_phdr) || eh->phnum == 0 || eh->phnum > 16)
        return refuse("not a 32-bit i386 executable with 1..16 program headers");
    if (eh->phoff > size || size - eh->phoff < (uint32_t)eh->phnum * sizeof(struct elf_phdr))
        return refuse("program headers past the end of the file (truncated?)");
    return OK;
}

/* Segments: inside the file and the window, no two overlapping; the entry
 * point inside an executable one. */
static int check_segments(const struct boot_module *m, const struct elf_header *eh, vir_bytes window)
{
    uint32_t size = m->end - m->start;
    int entry_ok = 0;
    for (int i = 0; i < eh->phnum; i++) {
        const struct elf_phdr *ph = phdr_at(m, eh, i);
        if (!loaded(ph))
            continue;
        if (ph->filesz > ph->memsz || ph->offset > size || size - ph->offset < ph->filesz)
            return refuse("a segment runs past the end of the file (truncated?)");
        if (ph->vaddr + ph->memsz < ph->vaddr ||
            ph->vaddr + ph->memsz > window + USER_WINDOW - USER_STACK_SIZE)
            return refuse("a segment is too big for the program's 16 MiB window");
        for (int j = 0; j < i; j++) {
            const struct elf_phdr *q = phdr_at(m, eh, j);
            if (loaded(q) && ph->vaddr < q->vaddr + q->memsz && q->vaddr < ph->vaddr + ph->memsz)
                return refuse("two segments overlap");
        }
        entry_ok |= (ph->flags & PF_X) && eh->entry >= ph->vaddr && eh->entry - ph->vaddr < ph->memsz;
    }
    return entry_ok ? OK : refuse("the entry point is outside the executable segments");
}

/* Check the image and find its window: OK or ENOEXEC (exec_refusal says why). */
static int check_elf(const struct boot_module *m, vir_bytes *window)
{
    const struct elf_header *eh = (const struct elf_header *)m->start;
    vir_bytes lo = 0xffffffffu;
    int r;

    if ((r = check_header(eh, m->end - m->start)) != OK)
        return r;
    for (int i = 0; i < eh->phnum; i++) {
        const struct elf_phdr *ph = phdr_at(m, eh, i);
        if (loaded(ph) && ph->vaddr < lo)
            lo = ph->vaddr;
    }
    if (lo < USER_BASE || lo >= USER_LIMIT)
        return refuse("no loadable segment in the user windows");
    *window = lo & ~(USER_WINDOW - 1);
    return check_segments(m, eh, *window);
}

/* Map [va, va+len) with fresh pages, writable only for a segment with
 * PF_W (text and read-only data fault on a write, the kernel's writes
 * included: CR0.WP).  Pages already mapped (a segment sharing a page with
 * the previous one) are kept, made writable if this segment needs it. */
static int map_range(uint32_t *pd, vir_bytes va, uint32_t len, int writable)
{
    for (vir_bytes a = PAGE_ROUND_DOWN(va); a < va + len; a += PAGE_SIZE) {
        phys_bytes pa;
        int r;
        if (user_lookup(pd, a, 0)) {
            if (writable)
                user_allow_write(pd, a);
            continue;
        }
        if (!(pa = page_alloc()))
            return ENOMEM;
        if ((r = map_user_page(pd, a, pa, writable)) != OK) {
            page_free(pa);
            return r;
        }
    }
    return OK;
}

/* Copy the file bytes of every segment into its pages, which are mapped
 * (EFAULT if one is not), through the identity map, page by page. */
static int copy_segments(const struct boot_module *m, uint32_t *pd)
{
    const struct elf_header *eh = (const struct elf_header *)m->start;
    for (int i = 0; i < eh->phnum; i++) {
        const struct elf_phdr *ph = phdr_at(m, eh, i);
        for (uint32_t off = 0; ph->type == PT_LOAD && off < ph->filesz; ) {
            vir_bytes va = ph->vaddr + off;
            uint32_t chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));
            phys_bytes pa = user_lookup(pd, va, 0);
            if (!pa)
                return EFAULT;
            if (chunk > ph->filesz - off)
                chunk = ph->filesz - off;
            memcpy((void *)pa, (const void *)(m->start + ph->offset + off), chunk);
            off += chunk;
        }
    }
    return OK;
}

static int load_segments(const struct boot_module *m, uint32_t *pd)
{
    const struct elf_header *eh = (const struct elf_header *)m->start;
    for (int i = 0; i < eh->phnum; i++) {
        const struct elf_phdr *ph = phdr_at(m, eh, i);
        int r;
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        if ((r = map_range(pd, ph->vaddr, ph->memsz, (ph->flags & PF_W) != 0)) != OK)
            return r;
    }
    return copy_segments(m, pd);
}

/* VM's spawn request: the segments to map, the heap start, the stack. */
static void describe_segments(const struct boot_module *m, struct proc *p)
{
    const struct elf_header *eh = (const struct elf_header *)m->start;
    struct vm_request *rq = &p->p_vmreq;

    memset(rq, 0, sizeof(*rq));
    for (int i = 0; i < eh->phnum && rq->nseg < VMR_MAX_SEGS; i++) {
        const struct elf_phdr *ph = phdr_at(m, eh, i);
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        rq->seg[rq->nseg].va = ph->vaddr;
        rq->seg[rq->nseg].len = ph->memsz;
        rq->seg[rq->nseg++].writable = (ph->flags & PF_W) != 0;
    }
    rq->window = p->p_window;
    rq->heap_start = p->p_heap_start;
    rq->stack_top = p->p_window + USER_WINDOW;
}

/* The first page above every segment: where VM's heap starts. */
static vir_bytes heap_start(const struct boot_module *m)
{
    const struct elf_header *eh = (const struct elf_header *)m->start;
    vir_bytes end = 0;
    for (int i = 0; i < eh->phnum; i++) {
        const struct elf_phdr *ph = phdr_at(m, eh, i);
        if (ph->type == PT_LOAD && ph->memsz > 0 && ph->vaddr + ph->memsz > end)
            end = ph->vaddr + ph->memsz;
    }
    return PAGE_ROUND_UP(end);
}

/* Put argc, argv[] and the strings (argv[0] = program name, then the words
 * of args) at the top of the new stack; esp points at argc (see crt0.S).
 * The environment after argv's NULL is empty (one NULL): PM's exec puts
 * envp's pointers there. */
static int push_args(struct proc *p, vir_bytes top, const char *name, const char *args)
{
    char strs[16 + ARGS_MAX + 1];
    uint32_t offs[16], frame[2 + 17 + 1];
    size_t len = 0;
    int argc = 0;

    len = strlen(name) + 1;
    memcpy(strs, name, len);
    offs[argc++] = 0;
    for (const char *w = args ? args : ""; argc < 15; ) {
        while (*w == ' ')
            w++;
        if (!*w)
            break;
        offs[argc++] = len;
        while (*w && *w != ' ' && len < sizeof(strs) - 1)
            strs[len++] = *w++;
        strs[len++] = 0;
        if (len >= sizeof(strs) - 1)
            break;
    }
    vir_bytes sbase = (top - len) & ~3u, abase = sbase - sizeof(uint32_t) * (2 + argc + 2);
    frame[0] = (uint32_t)argc;
    frame[1] = abase + 2 * sizeof(uint32_t);
    for (int i = 0; i < argc; i++)
        frame[2 + i] = sbase + offs[i];
    frame[2 + argc] = 0;
    frame[3 + argc] = 0;                          /* an empty environment (crt0.S) */
    if (vm_copy_out(p, sbase, strs, len) != OK ||
        vm_copy_out(p, abase, frame, sizeof(uint32_t) * (4 + argc)) != OK)
        return E2BIG;
    p->p_reg.esp = abase;
    return OK;
}

/* Registers and flags of a loaded program, and the news of its start. */
static void make_ready(struct proc *p)
{
    p->p_reg.eflags = 0x202;                     /* IF on, IOPL 0 */
    p->p_ticks_left = p->p_quantum;
}

void exec_announce(struct proc *p, endpoint_t parent)
{
    p->p_misc_flags |= MF_EV_START;
    TRACE(PROC_START, (uint32_t)p->p_endpoint, (uint32_t)parent, 0, p->p_name);
    trace_set_label(p->p_endpoint, p->p_name);
    if (pm_proc)
        notify_from_kernel(SYSTEM, pm_proc);
}

/* The kernel pool's way, for the programs started before VM: map every
 * segment and USER_STACK_SIZE of stack, copy the image, push argv. */
static int load_now(const struct boot_module *m, struct proc *p, vir_bytes window)
{
    int r;
    if ((r = load_segments(m, p->p_pgdir)) != OK ||
        (r = map_range(p->p_pgdir, window + USER_WINDOW - USER_STACK_SIZE, USER_STACK_SIZE, 1)) != OK ||
        (r = push_args(p, window + USER_WINDOW - 16, m->name, p->p_args)) != OK) {
        pgdir_destroy(p->p_pgdir);
        p->p_pgdir = NULL;
        return r;
    }
    make_ready(p);
    return OK;
}

/* VM has mapped a spawned program's memory (VMR_SPAWN): fill it. */
int exec_finish(struct proc *p)
{
    const struct boot_module *m = &boot_modules[p->p_module];
    int r;
    if ((r = copy_segments(m, p->p_pgdir)) != OK ||
        (r = push_args(p, p->p_window + USER_WINDOW - 16, m->name, p->p_args)) != OK)
        return r;
    make_ready(p);
    return OK;
}

/* Load boot module `module` into the allocated slot p and make it ready to
 * run (the caller decides about RTS_NO_PRIV).  Once VM runs, VM maps the
 * memory first (VMR_SPAWN, vmreq.c): the process waits with RTS_VMREQUEST
 * and exec_finish() loads it when VM answers. */
int exec_module(int module, struct proc *p, endpoint_t parent, uint32_t arg, const char *args)
{
    const struct boot_module *m;
    vir_bytes window;
    uint32_t *pd;
    int r;

    if (module < 0 || module >= nr_boot_modules)
        return EINVAL;
    m = &boot_modules[module];
    if ((r = check_elf(m, &window)) != OK)
        return r;
    if (!(pd = pgdir_create()))
        return ENOMEM;
    p->p_pgdir = pd;
    p->p_cr3 = (uint32_t)pd;
    p->p_module = module;
    p->p_parent = parent;
    p->p_spawn_arg = arg;
    p->p_window = window;
    p->p_heap_start = heap_start(m);
    strncpy(p->p_args, args ? args : "", sizeof(p->p_args) - 1);
    p->p_args[sizeof(p->p_args) - 1] = 0;
    memcpy(p->p_name, m->name, sizeof(p->p_name));
    p->p_reg.cs = SEG_UCODE;
    p->p_reg.ds = p->p_reg.es = p->p_reg.fs = p->p_reg.gs = p->p_reg.ss = SEG_UDATA;
    p->p_reg.eip = ((const struct elf_header *)m->start)->entry;
    if (!vm_proc && (r = load_now(m, p, window)) != OK)
        return r;
    p->p_rts_flags = RTS_NO_PRIV;                /* the caller decides */
    exec_announce(p, parent);
    if (vm_proc) {
        describe_segments(m, p);
        vm_spawn_request(p);
    }
    return OK;
}
