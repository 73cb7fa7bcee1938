/* boot.c: booting one run: the emulator command line, the ISO (for
 * boot=iso and Bochs), and the loop that feeds COM2 to the frame parser until
 * the guest powers off, the run has what it needs, or the timeout expires.
 *
 * Every path and string a boot needs lives in one struct boot_files, made
 * by files_init() and released by files_free(), so that no error path can
 * leak or free twice. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/wait.h>
#include "harness.h"

struct boot_files {
    char *cmdline, *kernel, *com1, *com2, *e9, *emuout;
    char *elfs[MAX_PROGS];          /* NULL past the last one */
    char *iso, *initrd, *bochsrc, *bochslog, *rc;
    char *disk, *disk_line;         /* the run's copy of disk=, its Bochs line */
    char *mods[8];                  /* module= files, NULL past the last */
    char *owned[8];                 /* argv strings to free ("file:...") */
    int nowned;
};

static void files_init(struct boot_files *f, const struct runctx *c, const char *work,
                       uint32_t nonce)
{
    const struct run *r = c->r;
    char seed[32] = "";
    memset(f, 0, sizeof *f);
    if (c->seeded)
        snprintf(seed, sizeof seed, " seed=%u", c->seed);
    f->cmdline = xasprintf("nonce=%08x%s%s%s", nonce, seed, *r->cmdline ? " " : "", r->cmdline);
    f->kernel = xasprintf("%s/kernel/lantern.elf", opt_build);
    f->com1 = xasprintf("%s/console.log", work);
    f->com2 = xasprintf("%s/results.bin", work);
    f->e9 = xasprintf("%s/trace-e9.bin", work);
    f->emuout = xasprintf("%s/emulator.out", work);
}

static void files_free(struct boot_files *f)
{
    char *all[] = { f->cmdline, f->kernel, f->com1, f->com2, f->e9, f->emuout, f->iso,
                    f->initrd, f->bochsrc, f->bochslog, f->rc, f->disk, f->disk_line };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        free(all[i]);
    for (int i = 0; i < 8; i++)
        free(f->mods[i]);
    for (int i = 0; i < MAX_PROGS; i++)
        free(f->elfs[i]);
    for (int i = 0; i < f->nowned; i++)
        free(f->owned[i]);
}

/* "file:<path>", freed with the files. */
static char *file_arg(struct boot_files *f, const char *path)
{
    char *s = xasprintf("file:%s", path);
    f->owned[f->nowned++] = s;
    return s;
}

/* disk= and module= name files in the build folder (drivers/Makefrag
 * makes them). */
static int check_data_files(struct boot_files *f, const struct run *r, char *err, size_t errlen)
{
    for (int i = 0; i < r->nmodules; i++) {
        f->mods[i] = xasprintf("%s/%s", opt_build, r->modules[i]);
        if (!file_exists(f->mods[i])) {
            snprintf(err, errlen, "module %s not built (%s)", r->modules[i], f->mods[i]);
            return -1;
        }
    }
    if (r->disk) {
        char *src = xasprintf("%s/%s", opt_build, r->disk);
        int ok = file_exists(src);
        if (!ok)
            snprintf(err, errlen, "disk %s not built (%s)", r->disk, src);
        free(src);
        if (!ok)
            return -1;
    }
    return 0;
}

/* Every run writes its own copy of the disk= image (in its work folder),
 * so a run that writes the disk leaves the next one the same image. */
static int copy_disk(struct boot_files *f, const struct run *r, const char *work,
                     char *err, size_t errlen)
{
    if (!r->disk)
        return 0;
    char *src = xasprintf("%s/%s", opt_build, r->disk);
    f->disk = xasprintf("%s/disk.img", work);
    int ok = copy_file(src, f->disk) == 0;
    if (!ok)
        snprintf(err, errlen, "cannot copy %s to %s", src, f->disk);
    free(src);
    return ok ? 0 : -1;
}

/* The kernel and every program must be built; "name:arg1:arg2" boots
 * build/prog/name.elf with arguments (see suites.txt). */
static int check_built(struct boot_files *f, const struct run *r, char *err, size_t errlen)
{
    if (!file_exists(f->kernel)) {
        snprintf(err, errlen, "kernel %s not built", f->kernel);
        return -1;
    }
    for (int i = 0; i < r->nprogs; i++) {
        size_t namelen = strcspn(r->progs[i], ":");
        f->elfs[i] = xasprintf("%s/prog/%.*s.elf", opt_build, (int)namelen, r->progs[i]);
        if (!file_exists(f->elfs[i])) {
            snprintf(err, errlen, "program %s not built (%s)", r->progs[i], f->elfs[i]);
            return -1;
        }
    }
    return check_data_files(f, r, err, errlen);
}

/* image/mkiso.sh builds a per-run ISO: its grub.cfg carries the nonce. */
static int make_iso(struct boot_files *f, const struct run *r, const char *work,
                    char *err, size_t errlen)
{
    char *pargv[MAX_PROGS + 8];
    int pargc = 0;
    f->iso = xasprintf("%s/lantern.iso", work);
    char *script = xasprintf("%s/mkiso.sh", opt_image), *mkout = xasprintf("%s/mkiso.out", work);
    pargv[pargc++] = "sh";
    pargv[pargc++] = script;
    pargv[pargc++] = f->iso;
    pargv[pargc++] = f->kernel;
    pargv[pargc++] = f->cmdline;
    for (int i = 0; i < r->nprogs; i++)
        pargv[pargc++] = f->elfs[i];
    for (int i = 0; i < r->nmodules; i++)
        pargv[pargc++] = f->mods[i];
    pargv[pargc] = NULL;
    struct emu mk;
    emu_start(&mk, pargv, mkout, 0);
    waitpid(mk.pid, &mk.status, 0);
    int ok = WIFEXITED(mk.status) && WEXITSTATUS(mk.status) == 0;
    if (ok)
        unlink(mkout);
    else
        snprintf(err, errlen, "building the ISO failed (see %s)", mkout);
    free(script);
    free(mkout);
    return ok ? 0 : -1;
}

/* QEMU's -initrd list: "<elf> <name> <args>,..." with the ':' of
 * "name:arg1:arg2" turned into spaces. */
static char *initrd_list(const struct boot_files *f, const struct run *r)
{
    size_t sz = 1;
    for (int i = 0; i < r->nprogs; i++)
        sz += strlen(f->elfs[i]) + strlen(r->progs[i]) + 2;
    for (int i = 0; i < r->nmodules; i++)
        sz += strlen(f->mods[i]) + 1;
    char *initrd = xmalloc(sz);
    initrd[0] = 0;
    for (int i = 0; i < r->nprogs; i++) {
        if (i)
            strcat(initrd, ",");
        strcat(initrd, f->elfs[i]);
        strcat(initrd, " ");
        strcat(initrd, r->progs[i]);
        for (char *c = initrd + strlen(initrd) - strlen(r->progs[i]); *c; c++)
            if (*c == ':')
                *c = ' ';
    }
    for (int i = 0; i < r->nmodules; i++) {     /* data modules: no name word */
        if (i || r->nprogs)
            strcat(initrd, ",");
        strcat(initrd, f->mods[i]);
    }
    return initrd;
}

static void qemu_argv(struct boot_files *f, const struct runctx *c, char **argv, int *argc)
{
    const struct run *r = c->r;
    split_cmd(opt_qemu, argv, argc);
    /* keys=1: the monitor on a socket, for TR_SENDKEY (keys.c); the VGA
     * card exists either way, only nothing displays it */
    if (c->mon_path)
        f->owned[f->nowned++] = xasprintf("unix:%s,server=on,wait=off", c->mon_path);
    const char *fixed[] = { "-display", "none", "-monitor",
                            c->mon_path ? f->owned[f->nowned - 1] : "none",
                            "-serial", file_arg(f, f->com1), "-serial", file_arg(f, f->com2),
                            "-debugcon", file_arg(f, f->e9) };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        argv[(*argc)++] = (char *)fixed[i];
    /* A seeded run replays only if idle time is deterministic too: with
     * sleep=off the virtual clock jumps to the next timer at once instead
     * of following the host's clock while the guest halts. */
    if (f->disk) {
        f->owned[f->nowned++] = xasprintf("file=%s,format=raw,if=ide,index=0", f->disk);
        argv[(*argc)++] = "-drive";
        argv[(*argc)++] = f->owned[f->nowned - 1];
    }
    if (r->icount || c->seeded) {
        argv[(*argc)++] = "-icount";
        argv[(*argc)++] = c->seeded ? "shift=0,sleep=off" : "shift=0";
    }
    if (f->iso) {
        argv[(*argc)++] = "-boot";
        argv[(*argc)++] = "d";
        argv[(*argc)++] = "-cdrom";
        argv[(*argc)++] = f->iso;
        return;
    }
    f->initrd = initrd_list(f, r);
    argv[(*argc)++] = "-kernel";
    argv[(*argc)++] = f->kernel;
    if (r->nprogs || r->nmodules) {
        argv[(*argc)++] = "-initrd";
        argv[(*argc)++] = f->initrd;
    }
    argv[(*argc)++] = "-append";
    argv[(*argc)++] = f->cmdline;
}

/* Bochs reads a bochsrc made from image/bochsrc.in; its clock already counts
 * instructions, so icount needs nothing. */
static void bochs_argv(struct boot_files *f, const char *work, char **argv, int *argc)
{
    f->bochsrc = xasprintf("%s/bochsrc", work);
    f->bochslog = xasprintf("%s/bochs.log", work);
    f->rc = xasprintf("%s/bochs.rc", opt_image);
    char *tmpl = xasprintf("%s/bochsrc.in", opt_image);
    /* the placeholder ends a comment line (image/bochsrc.in) */
    f->disk_line = f->disk ? xasprintf("\nata0-master: type=disk, path=\"%s\", mode=flat", f->disk)
                           : xstrdup(" none");
    const char *keys[] = { "@ISO@", "@COM1@", "@COM2@", "@LOG@", "@ATA0_DISK@" };
    const char *vals[] = { f->iso, f->com1, f->com2, f->bochslog, f->disk_line };
    subst_file(tmpl, f->bochsrc, keys, vals, 5);
    free(tmpl);
    const char *words[] = { "bochs", "-q", "-f", f->bochsrc, "-rc", f->rc };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        argv[(*argc)++] = (char *)words[i];
}

static void read_frames(struct runctx *c, int fd, uint32_t nonce)
{
    uint8_t buf[4096];
    ssize_t n;
    while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0)
        parse_bytes(c, nonce, buf, (size_t)n);
}

/* The run's clock.  Wall time by default.  With cputime=1 it is the
 * emulator's CPU time, which grows only while the emulator gets to run: a
 * loaded host slows the guest down but cannot make it time out early (the
 * grader's runs, docs/grading.md).  A guest halted for ever uses no CPU, so
 * the wall clock still ends such a run after 10 times the timeout. */
static int timed_out(const struct runctx *c, const struct emu *e)
{
    double wall = now_s() - c->t0;
    if (!c->r->cputime)
        return wall > c->r->timeout;
    return emu_cpu_s(e) > c->r->timeout || wall > 10.0 * c->r->timeout;
}

/* Run the emulator until it exits, the run has what it needs, or the
 * timeout; then stop it and read what is left of COM2. */
static void watch(struct runctx *c, char **argv, const struct boot_files *f, int use_pty,
                  uint32_t nonce, struct boot_result *br)
{
    struct emu e;
    /* The result file must exist (empty) before the emulator starts. */
    close(open(f->com2, O_WRONLY | O_CREAT | O_TRUNC, 0666));
    c->t0 = now_s();
    emu_start(&e, argv, f->emuout, use_pty);
    int fd = open(f->com2, O_RDONLY), con = -1;
    br->end = "timeout";
    for (;;) {
        int done = emu_poll(&e);
        read_frames(c, fd, nonce);
        if (!strcmp(c->r->expect, "prompt"))
            prompt_poll(c, &con, f->com1);      /* shexec: the shell's "$ " */
        if (done || c->o->want_stop) {
            br->end = done ? "exit" : "stopped";
            break;
        }
        if (timed_out(c, &e))
            break;
        sleep_ms(3);                /* poll interval: the run ends on a frame, an exit or timed_out() */
    }
    br->seconds = now_s() - c->t0;
    br->cpu_s = emu_cpu_s(&e);
    emu_stop(&e);
    read_frames(c, fd, nonce);
    if (fd >= 0)
        close(fd);
    if (con >= 0)
        close(con);
    br->exit_code = WIFEXITED(e.status) ? WEXITSTATUS(e.status) : -1;
}

/* Boot one run; fills c->o.  Work files live in `work`.  Returns 0, or -1
 * with `err` set if the run could not even be started. */
int boot_run(struct runctx *c, const char *work, struct boot_result *br,
             char *err, size_t errlen)
{
    const struct run *r = c->r;
    uint32_t nonce = random_u32();
    struct boot_files f;
    char **argv = argv_buf;
    int argc = 0, ret = -1;

    files_init(&f, c, work, nonce);
    c->mon_fd = -1;
    c->mon_path = r->keys ? xasprintf("%s/monitor.sock", work) : NULL;
    if (check_built(&f, r, err, errlen) < 0)
        goto out;
    if (!strcmp(r->boot, "iso") && make_iso(&f, r, work, err, errlen) < 0)
        goto out;
    if (copy_disk(&f, r, work, err, errlen) < 0)
        goto out;
    if (!strcmp(r->emu, "qemu"))
        qemu_argv(&f, c, argv, &argc);
    else
        bochs_argv(&f, work, argv, &argc);
    argv[argc] = NULL;
    if (opt_verbose && c->print)
        print_argv(argv);
    watch(c, argv, &f, strcmp(r->emu, "qemu") != 0, nonce, br);
    ret = 0;
out:
    keys_close(c);
    files_free(&f);
    return ret;
}
