/* boot.c: booting one run: the emulator command line, the ISO (for
 * boot=iso and Bochs), and the loop that feeds COM2 to the frame parser until
 * the guest powers off, the run has what it needs, or the timeout expires. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/wait.h>
#include "harness.h"

static uint32_t random_nonce(void)
{
    uint32_t v = 0;
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd < 0 || read(fd, &v, sizeof v) != (ssize_t)sizeof v)
        die("cannot read /dev/urandom");
    close(fd);
    return v;
}

/* Boot one run; fills `o`.  Work files live in `work`.  Returns 0, or -1 with
 * `err` set if the run could not even be started. */
int boot_run(struct runctx *c, const char *work, struct boot_result *br,
                    char *err, size_t errlen)
{
    const struct run *r = c->r;
    struct outcome *o = c->o;
    uint32_t nonce = random_nonce();
    char *cmdline = xasprintf("nonce=%08x%s%s", nonce, *r->cmdline ? " " : "", r->cmdline);
    char *kernel = xasprintf("%s/kernel/lantern.elf", opt_build);
    char *com1 = xasprintf("%s/console.log", work);
    char *com2 = xasprintf("%s/results.bin", work);
    char *e9 = xasprintf("%s/trace-e9.bin", work);
    char *emuout = xasprintf("%s/emulator.out", work);
    char *elfs[MAX_PROGS];
    int ret = -1;

    if (!file_exists(kernel)) {
        snprintf(err, errlen, "kernel %s not built", kernel);
        goto out_early;
    }
    for (int i = 0; i < r->nprogs; i++) {
        /* "name:arg1:arg2" boots name with arguments (see suites.txt) */
        size_t namelen = strcspn(r->progs[i], ":");
        elfs[i] = xasprintf("%s/prog/%.*s.elf", opt_build, (int)namelen, r->progs[i]);
        if (!file_exists(elfs[i])) {
            snprintf(err, errlen, "program %s not built (%s)", r->progs[i], elfs[i]);
            for (int j = 0; j <= i; j++)
                free(elfs[j]);
            goto out_early;
        }
    }

    int argc = 0;
    char **argv = argv_buf;
    char *iso = NULL, *initrd = NULL, *bochsrc = NULL, *bochslog = NULL, *rc = NULL;
    int use_pty = 0;

    if (!strcmp(r->boot, "iso")) {
        iso = xasprintf("%s/lantern.iso", work);
        int pargc = 0;
        char *pargv[MAX_PROGS + 8];
        pargv[pargc++] = "sh";
        pargv[pargc++] = xasprintf("%s/mkiso.sh", opt_image);
        pargv[pargc++] = iso;
        pargv[pargc++] = kernel;
        pargv[pargc++] = cmdline;
        for (int i = 0; i < r->nprogs; i++)
            pargv[pargc++] = elfs[i];
        pargv[pargc] = NULL;
        char *mkout = xasprintf("%s/mkiso.out", work);
        struct emu mk;
        emu_start(&mk, pargv, mkout, 0);
        waitpid(mk.pid, &mk.status, 0);
        free(pargv[1]);
        if (!WIFEXITED(mk.status) || WEXITSTATUS(mk.status) != 0) {
            snprintf(err, errlen, "building the ISO failed (see %s)", mkout);
            free(mkout);
            goto out;
        }
        unlink(mkout);
        free(mkout);
    }

    if (!strcmp(r->emu, "qemu")) {
        split_cmd(opt_qemu, argv, &argc);
        argv[argc++] = "-display";
        argv[argc++] = "none";
        argv[argc++] = "-monitor";
        argv[argc++] = "none";
        argv[argc++] = "-serial";
        argv[argc++] = xasprintf("file:%s", com1);
        argv[argc++] = "-serial";
        argv[argc++] = xasprintf("file:%s", com2);
        argv[argc++] = "-debugcon";
        argv[argc++] = xasprintf("file:%s", e9);
        if (r->icount) {
            argv[argc++] = "-icount";
            argv[argc++] = "shift=0";
        }
        if (iso) {
            argv[argc++] = "-boot";
            argv[argc++] = "d";
            argv[argc++] = "-cdrom";
            argv[argc++] = iso;
        } else {
            size_t sz = 1;
            for (int i = 0; i < r->nprogs; i++)
                sz += strlen(elfs[i]) + strlen(r->progs[i]) + 2;
            initrd = xmalloc(sz);
            initrd[0] = 0;
            for (int i = 0; i < r->nprogs; i++) {
                if (i)
                    strcat(initrd, ",");
                strcat(initrd, elfs[i]);
                strcat(initrd, " ");
                strcat(initrd, r->progs[i]);
                for (char *c = initrd + strlen(initrd) - strlen(r->progs[i]); *c; c++)
                    if (*c == ':')
                        *c = ' ';
            }
            argv[argc++] = "-kernel";
            argv[argc++] = kernel;
            if (r->nprogs) {
                argv[argc++] = "-initrd";
                argv[argc++] = initrd;
            }
            argv[argc++] = "-append";
            argv[argc++] = cmdline;
        }
    } else {
        bochsrc = xasprintf("%s/bochsrc", work);
        bochslog = xasprintf("%s/bochs.log", work);
        rc = xasprintf("%s/bochs.rc", opt_image);
        char *tmpl = xasprintf("%s/bochsrc.in", opt_image);
        const char *keys[] = { "@ISO@", "@COM1@", "@COM2@", "@LOG@" };
        const char *vals[] = { iso, com1, com2, bochslog };
        subst_file(tmpl, bochsrc, keys, vals, 4);
        free(tmpl);
        if (r->icount) {
            /* Bochs' clock already counts instructions */
        }
        argv[argc++] = "bochs";
        argv[argc++] = "-q";
        argv[argc++] = "-f";
        argv[argc++] = bochsrc;
        argv[argc++] = "-rc";
        argv[argc++] = rc;
        use_pty = 1;
    }
    argv[argc] = NULL;
    if (opt_verbose && c->print)
        print_argv(argv);

    /* The result file must exist (empty) before the emulator starts. */
    close(open(com2, O_WRONLY | O_CREAT | O_TRUNC, 0666));

    struct emu e;
    c->t0 = now_s();
    emu_start(&e, argv, emuout, use_pty);
    int fd = open(com2, O_RDONLY);
    br->end = "timeout";
    for (;;) {
        int done = emu_poll(&e);
        uint8_t buf[4096];
        ssize_t n;
        while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0)
            parse_bytes(c, nonce, buf, (size_t)n);
        if (done) {
            br->end = "exit";
            break;
        }
        if (o->want_stop) {
            br->end = "stopped";
            break;
        }
        if (now_s() - c->t0 > r->timeout)
            break;
        sleep_ms(3);
    }
    br->seconds = now_s() - c->t0;
    emu_stop(&e);
    {
        uint8_t buf[4096];
        ssize_t n;
        while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0)
            parse_bytes(c, nonce, buf, (size_t)n);
    }
    if (fd >= 0)
        close(fd);
    br->exit_code = WIFEXITED(e.status) ? WEXITSTATUS(e.status) : -1;
    ret = 0;

out:
    for (int i = 0; i < argc; i++)
        if (!strncmp(argv[i], "file:", 5))
            free(argv[i]);
    free(iso);
    free(initrd);
    free(bochsrc);
    free(bochslog);
    free(rc);
    for (int i = 0; i < r->nprogs; i++)
        free(elfs[i]);
out_early:
    free(cmdline);
    free(kernel);
    free(com1);
    free(com2);
    free(e9);
    free(emuout);
    return ret;
}
