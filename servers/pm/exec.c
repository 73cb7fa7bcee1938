/* exec.c: PM_EXEC, execve (docs/processes.md).
 *
 *   1. read path, argv and envp through the caller's grant (exec_args.c);
 *   2. read the file's first 4 KiB through VFS (VFS_PM_READEXEC: as the
 *      caller sees the path) and check it (exec_elf.c);
 *   3. build the new stack in PM (so E2BIG is known now);
 *   4. check that the kernel will let PM change this process (a zero-byte
 *      SYS_EXECCOPY: EPERM for a system process) -- every error up to here
 *      is answered and the caller runs on;
 *   5. the point of no return: VM drops the old image and maps the new
 *      segments and stack (VM_EXEC_RESET, VM_EXEC_SEG); PM copies the
 *      file's bytes (VFS_PM_READEXEC into PM's buffer, SYS_EXECCOPY into
 *      the process) and the stack; VFS closes the close-on-exec files;
 *      SYS_EXEC sets eip/esp and the name and lets it run.  An error here
 *      ends the process (killed by PM: its parent reads SIGKILL).
 *
 * PM blocks on VFS and VM here, never the other way round (the direction
 * rule); the process waits in its SENDREC to PM the whole time, so nothing
 * of it runs while its memory changes.
 */
#include <string.h>
#include <stdio.h>
#include <vm.h>
#include "tree.h"
#include "exec.h"

#define STAGE_BYTES VFS_EXEC_READ_MAX

static struct exec_args args;
static struct exec_image img;
static uint8_t hdr[EXEC_HDR_BYTES];
static uint8_t stage[STAGE_BYTES];
static uint8_t stack_img[PM_EXEC_ARGS_MAX + 64];
static char path_buf[VFS_PATH_MAX];

/* One segment's file bytes, STAGE_BYTES at a time.  A short read or a
 * new size means the file changed since the check: EIO. */
static int copy_seg(endpoint_t ep, const struct exec_seg *s)
{
    uint32_t size, want;
    int n, r;

    for (uint32_t off = 0; off < s->filesz; off += want) {
        want = s->filesz - off < STAGE_BYTES ? s->filesz - off : STAGE_BYTES;
        n = vfs_read_exec(ep, path_buf, s->offset + off, stage, want, &size);
        if (n < 0)
            return n;
        if ((uint32_t)n != want || size != img.file_size)
            return EIO;
        if ((r = sys_execcopy(ep, s->va + off, stage, want)) != OK)
            return r;
    }
    return OK;
}

/* Past the point of no return: the new memory, filled. */
static int load(endpoint_t ep, uint32_t esp, uint32_t stack_len)
{
    int r;

    if ((r = vm_exec_reset(ep, img.window, img.heap_start, img.window + VM_WINDOW)) != OK)
        return r;
    for (uint32_t i = 0; i < img.nseg; i++)
        if ((r = vm_exec_seg(ep, img.seg[i].va, img.seg[i].memsz, img.seg[i].writable)) != OK)
            return r;
    for (uint32_t i = 0; i < img.nseg; i++)
        if ((r = copy_seg(ep, &img.seg[i])) != OK)
            return r;
    return sys_execcopy(ep, esp, stack_img, stack_len);
}

/* The name ps shows: the path's last component. */
static void base_name(const char *path, char name[16])
{
    const char *b = strrchr(path, '/');
    memset(name, 0, 16);
    strncpy(name, b && b[1] ? b + 1 : path, 15);
}

static int start(struct mproc *p, uint32_t esp)
{
    static char words[160];
    struct exec_start st;

    memset(&st, 0, sizeof(st));
    st.entry = img.entry;
    st.esp = esp;
    st.window = img.window;
    st.heap_start = img.heap_start;
    st.args = words;
    st.args_len = exec_args_words(&args, words, sizeof(words));
    base_name(args.path, st.name);
    vfs_tell(VFS_PM_EXEC, NONE, p->ep);             /* close-on-exec */
    sig_exec(p);                                    /* handlers: SIG_DFL */
    memcpy(p->name, st.name, sizeof(p->name));
    return sys_exec(p->ep, &st);
}

/* Steps 1-4: every error here is the caller's answer. */
static int prepare(struct mproc *p, const message *m, uint32_t *esp, uint32_t *stack_len)
{
    uint32_t size = 0;
    int r, n;

    if ((r = exec_args_read(&args, p->ep, m)) != OK)
        return r;
    memcpy(path_buf, args.path, sizeof(path_buf));
    if ((n = vfs_read_exec(p->ep, path_buf, 0, hdr, sizeof(hdr), &size)) < 0)
        return n;
    if ((r = exec_elf_check(hdr, (uint32_t)n, size, &img)) != OK)
        return r;
    if ((r = exec_args_stack(&args, img.window + VM_WINDOW, stack_img, sizeof(stack_img), esp,
                             stack_len)) != OK)
        return r;
    return sys_execcopy(p->ep, 0, NULL, 0);         /* may PM change it? (EPERM, EINVAL) */
}

int exec_proc(struct mproc *p, const message *m)
{
    uint32_t esp = 0, stack_len = 0;
    int r;

    if ((r = prepare(p, m, &esp, &stack_len)) != OK)
        return r;
    if ((r = load(p->ep, esp, stack_len)) != OK || (r = start(p, esp)) != OK) {
        printf("pm: exec of %s failed past the point of no return (%d): ending %d\n",
               args.path, r, p->ep);
        sys_kill(p->ep, 0);
    }
    return EDONTREPLY;
}
