/* exec_elf.c: exec's check of a program file (docs/processes.md).
 *
 * A file from the disk is untrusted input: every field is checked before
 * it is used, and anything wrong is ENOEXEC (never a crash).  Accepted: a
 * 32-bit little-endian i386 ELF executable whose ELF and program headers
 * lie in its first EXEC_HDR_BYTES; 1..EXEC_MAX_SEGS loadable segments,
 * each inside the file and inside one 16 MiB user window (the window of
 * the lowest segment: every program in /bin has its own, image/linkmap.txt),
 * below that window's stack reserve (VM_STACK_MAX), none overlapping
 * another; the entry point inside an executable segment.  Other program
 * header types are ignored, as the kernel's loader does (os/kernel/exec.c).
 */
#include <string.h>
#include <lantern/vm.h>
#include "exec.h"

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

static int check_header(const struct elf_header *eh, uint32_t n)
{
    if (n < sizeof(*eh) || eh->magic != ELF_MAGIC)
        return ENOEXEC;
    if (eh->cls != 1 || eh->data != 1 || eh->type != 2 || eh->machine != 3 ||
        eh->phentsize != sizeof(struct elf_phdr) || eh->phnum == 0 || eh->phnum > 16)
        return ENOEXEC;
    if (eh->phoff > n || n - eh->phoff < (uint32_t)eh->phnum * sizeof(struct elf_phdr))
        return ENOEXEC;
    return OK;
}

/* One loadable segment: inside the file and a user window. */
static int check_seg(const struct elf_phdr *ph, uint32_t size)
{
    if (ph->filesz > ph->memsz || ph->offset > size || size - ph->offset < ph->filesz)
        return ENOEXEC;
    if (ph->vaddr < VM_USER_BASE || ph->vaddr >= VM_USER_LIMIT || ph->memsz > VM_WINDOW)
        return ENOEXEC;
    return OK;
}

static int add_seg(struct exec_image *img, const struct elf_phdr *ph)
{
    struct exec_seg *s;

    if (img->nseg == EXEC_MAX_SEGS)
        return ENOEXEC;
    for (uint32_t j = 0; j < img->nseg; j++) {
        const struct exec_seg *q = &img->seg[j];
        if (ph->vaddr < q->va + q->memsz && q->va < ph->vaddr + ph->memsz)
            return ENOEXEC;                         /* overlap */
    }
    s = &img->seg[img->nseg++];
    s->va = ph->vaddr;
    s->memsz = ph->memsz;
    s->offset = ph->offset;
    s->filesz = ph->filesz;
    s->writable = (ph->flags & PF_W) != 0;
    return OK;
}

/* Every segment in the lowest one's window, below the stack reserve;
 * the heap starts at the first page above them all. */
static int place(struct exec_image *img)
{
    uint32_t lo = 0xffffffffu, end = 0;

    for (uint32_t i = 0; i < img->nseg; i++)
        if (img->seg[i].va < lo)
            lo = img->seg[i].va;
    img->window = lo & ~(VM_WINDOW - 1);
    for (uint32_t i = 0; i < img->nseg; i++) {
        uint32_t e = img->seg[i].va - img->window + img->seg[i].memsz;
        if (e > VM_WINDOW - VM_STACK_MAX)
            return ENOEXEC;
        if (e > end)
            end = e;
    }
    img->heap_start = img->window + ((end + 4095) & ~4095u);
    return OK;
}

int exec_elf_check(const uint8_t *hdr, uint32_t n, uint32_t size, struct exec_image *img)
{
    const struct elf_header *eh = (const struct elf_header *)hdr;
    int entry_ok = 0, r;

    memset(img, 0, sizeof(*img));
    if ((r = check_header(eh, n)) != OK)
        return r;
    for (int i = 0; i < eh->phnum; i++) {
        struct elf_phdr ph;
        memcpy(&ph, hdr + eh->phoff + (uint32_t)i * sizeof(ph), sizeof(ph));
        if (ph.type != PT_LOAD || ph.memsz == 0)
            continue;
        if ((r = check_seg(&ph, size)) != OK || (r = add_seg(img, &ph)) != OK)
            return r;
        entry_ok |= (ph.flags & PF_X) && eh->entry >= ph.vaddr && eh->entry - ph.vaddr < ph.memsz;
    }
    if (!img->nseg || !entry_ok || (r = place(img)) != OK)
        return ENOEXEC;
    img->entry = eh->entry;
    img->file_size = size;
    return OK;
}
