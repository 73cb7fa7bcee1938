/* mkbadelf.c: damaged boot modules for suite `badmods` (docs/fuzzing.md,
 * "Damaged boot modules").  From a good program image it writes one bad
 * variant:
 *
 *   mkbadelf KIND GOOD.elf OUT
 *     notelf    text, not an ELF file
 *     truncated cut in the middle of the second segment's data
 *     phdrs     the first 100 bytes (the program headers are cut off)
 *     overlap   the second loaded segment moved onto the first
 *     huge      the first loaded segment 2 GiB long
 *     entry     the entry point in the window but outside every segment
 *
 * The kernel must refuse each (ENOEXEC, with a message naming why) and
 * boot the rest. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ehdr { uint8_t ident[16]; uint16_t type, machine; uint32_t version, entry, phoff, shoff, flags;
              uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx; };
struct phdr { uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align; };

static uint8_t *slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *b;
    if (!f || fseek(f, 0, SEEK_END) || (*len = ftell(f)) < (long)sizeof(struct ehdr) ||
        fseek(f, 0, SEEK_SET) || !(b = malloc((size_t)*len)) || fread(b, 1, (size_t)*len, f) != (size_t)*len) {
        fprintf(stderr, "mkbadelf: cannot read %s\n", path);
        exit(1);
    }
    fclose(f);
    return b;
}

/* The n-th PT_LOAD header (n from 0), or exit. */
static struct phdr *load_phdr(uint8_t *b, long len, int n)
{
    struct ehdr *e = (struct ehdr *)b;
    for (int i = 0; i < e->phnum; i++) {
        struct phdr *p = (struct phdr *)(b + e->phoff + (uint32_t)i * sizeof(*p));
        if ((uint8_t *)(p + 1) <= b + len && p->type == 1 && n-- == 0)
            return p;
    }
    fprintf(stderr, "mkbadelf: not enough loadable segments\n");
    exit(1);
}

int main(int argc, char **argv)
{
    long len;
    if (argc != 4) {
        fprintf(stderr, "usage: mkbadelf notelf|truncated|phdrs|overlap|huge|entry GOOD.elf OUT\n");
        return 2;
    }
    uint8_t *b = slurp(argv[2], &len);
    const char *k = argv[1];
    if (!strcmp(k, "notelf")) {
        const char *t = "This is a text file, not a program.\n";
        len = (long)strlen(t);
        memcpy(b, t, (size_t)len);
    } else if (!strcmp(k, "truncated")) {
        struct phdr *p = load_phdr(b, len, 1);
        len = (long)(p->offset + p->filesz / 2);
    } else if (!strcmp(k, "phdrs")) {
        len = 100;
    } else if (!strcmp(k, "overlap")) {
        load_phdr(b, len, 1)->vaddr = load_phdr(b, len, 0)->vaddr + 0x10;
    } else if (!strcmp(k, "huge")) {
        load_phdr(b, len, 0)->memsz = 0x80000000u;
    } else if (!strcmp(k, "entry")) {
        ((struct ehdr *)b)->entry = (load_phdr(b, len, 0)->vaddr & ~0xffffffu) + 0x800000;
    } else {
        fprintf(stderr, "mkbadelf: unknown kind %s\n", k);
        return 2;
    }
    FILE *f = fopen(argv[3], "wb");
    if (!f || fwrite(b, 1, (size_t)len, f) != (size_t)len || fclose(f)) {
        fprintf(stderr, "mkbadelf: cannot write %s\n", argv[3]);
        return 1;
    }
    return 0;
}
