/* exec.h: PM's execve (exec.c, exec_args.c, exec_elf.c; docs/processes.md). */
#ifndef PM_EXEC_H
#define PM_EXEC_H

#include <sys.h>
#include <lantern/pm.h>
#include <lantern/vfs.h>

/* exec_args.c: what the caller asked for */
struct exec_args {
    endpoint_t ep;
    int32_t  grant;            /* the caller's window, CPF_READ */
    uint32_t base;             /* where that grant starts */
    uint32_t argc, envc, nstr, len;
    uint32_t off[PM_EXEC_NARGS_MAX];    /* each string's offset in strs */
    char     path[VFS_PATH_MAX];
    char     strs[PM_EXEC_ARGS_MAX];
};
int exec_args_read(struct exec_args *a, endpoint_t ep, const message *m);
int exec_args_stack(const struct exec_args *a, uint32_t top, uint8_t *out, uint32_t room,
                    uint32_t *esp, uint32_t *len);
uint32_t exec_args_words(const struct exec_args *a, char *out, uint32_t room);

/* exec_elf.c: the program's header, checked */
#define EXEC_MAX_SEGS 8
#define EXEC_HDR_BYTES 4096    /* the ELF and program headers must lie in these */
struct exec_seg {
    uint32_t va, memsz, offset, filesz;
    int writable;
};
struct exec_image {
    uint32_t entry, window, heap_start, nseg, file_size;
    struct exec_seg seg[EXEC_MAX_SEGS];
};
/* OK or ENOEXEC: hdr holds the file's first n bytes of size bytes. */
int exec_elf_check(const uint8_t *hdr, uint32_t n, uint32_t size, struct exec_image *img);

#endif
