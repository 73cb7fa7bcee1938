/* ksyms.h: the kernel's own symbol table, generated at build time from the
 * first link pass (tools/mksyms.sh), sorted by address. */
#ifndef KSYMS_H
#define KSYMS_H

struct ksym {
    unsigned int addr;
    char name[40];        /* inline: the table must not touch .rodata */
};

extern const struct ksym ksyms[];
extern const unsigned int ksyms_count;

/* Name of the function containing addr (and the offset), or NULL. */
const char *ksym_lookup(unsigned int addr, unsigned int *offset);

#endif
