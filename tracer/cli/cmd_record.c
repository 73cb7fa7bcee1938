/* cmd_record.c: `record`: boot Lantern with tracing on and ingest live.
 *
 * QEMU (default): guest RAM is a memory-backend file that record creates
 * (and sizes) itself before QEMU starts, so the file exists for the whole
 * run and stays readable after QEMU exits; the reader (follow.c) polls it
 * every 20 ms and makes a final full pass once QEMU has exited.
 * --bochs: runs the emulator command with stdout (port 0xE9 with
 * port_e9_hack) going to the stream file, and follows that file. */
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli.h"

#define GUEST_MB 128

static void help(void)
{
    puts("usage: lantern-trace record [options]\n\n"
         "Boot Lantern with tracing on and ingest the trace live into a DB.  Prints a\n"
         "live line (events, rate, loss) and stops when the guest shuts down, at the\n"
         "timeout, or on Ctrl-C (what was recorded is kept).\n\n"
         "  -o, --db FILE       database (default build/trace.db)\n"
         "  --kernel ELF        kernel (default build/kernel/lantern.elf)\n"
         "  --initrd LIST       QEMU -initrd module list\n"
         "  --append CMDLINE    kernel command line (default \"trace=all\")\n"
         "  --timeout S         stop the emulator after S seconds (default 60)\n"
         "  --ram FILE          QEMU: guest RAM file, kept afterwards (default: a\n"
         "                      temporary file in /dev/shm, removed)\n"
         "  --stream FILE       Bochs: the 0xE9 stream file (default build/trace-e9.bin);\n"
         "                      QEMU: also save port 0xE9 there (-debugcon)\n"
         "  --bochs             use Bochs and the 0xE9 stream instead of shared RAM\n"
         "  --emu-cmd CMD       emulator command for --bochs (its stdout is the stream)");
}

/* The emulator runs in its own session (pgid = pid, no controlling tty,
 * stdin /dev/null): record alone decides when it stops, and Bochs' term
 * display cannot block on (or take) the user's terminal. */
static pid_t spawn(char *const argv[], const char *out_path)
{
    pid_t p = fork();
    if (p == 0) {
        setsid();
        int in = open("/dev/null", O_RDONLY);
        int fd = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in >= 0) { dup2(in, 0); close(in); }
        if (fd >= 0) { dup2(fd, 1); close(fd); }
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    return p;
}

/* The guest RAM file, created empty and full-size before QEMU opens it. */
static int make_ram(const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, (off_t)GUEST_MB << 20)) { perror(path); return -1; }
    return fd;
}

static pid_t start_qemu(const char *tmo, const char *kernel, const char *initrd,
                        const char *append, const char *ram, const char *stream)
{
    char mem[512], con[512];
    snprintf(mem, sizeof mem, "memory-backend-file,id=ram,size=%dM,mem-path=%s,share=on",
             GUEST_MB, ram);
    snprintf(con, sizeof con, "file:%s", stream ? stream : "");
    char *av[40];
    int n = 0;
    const char *fixed[] = { "timeout", tmo, "qemu-system-i386", "-machine", "pc,memory-backend=ram",
        "-accel", "tcg", "-m", "128", "-no-reboot", "-object", mem, "-kernel", kernel,
        "-append", append, "-display", "none", "-serial", "null",
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", NULL };
    for (int i = 0; fixed[i]; i++) av[n++] = (char *)fixed[i];
    if (initrd) { av[n++] = "-initrd"; av[n++] = (char *)initrd; }
    if (stream) { av[n++] = "-debugcon"; av[n++] = con; }
    av[n] = NULL;
    return spawn(av, NULL);
}

/* What record does, said before it starts (the emulator may take seconds to
 * show anything), and how to stop it. */
static void announce(const char *emu, const char *what, const char *append, const char *db,
                     int timeout_s)
{
    fprintf(stderr, "lantern-trace record: booting Lantern in %s (%s, \"%s\"),\n"
            "  ingesting the trace live into %s.\n"
            "  Stops by itself when the guest shuts down, after %d s (--timeout), or on\n"
            "  Ctrl-C; the trace recorded so far is kept in every case.\n",
            emu, what, append, db, timeout_s);
}

/* Why the emulator ended (timeout(1) exits 124; QEMU's isa-debug-exit
 * gives (status << 1) | 1 when the guest powers off). */
static void why_stopped(int timeout_s)
{
    int st = g_child_status;
    if (g_stop) fprintf(stderr, "lantern-trace record: stopped by the user\n");
    else if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 124)
        fprintf(stderr, "lantern-trace record: the guest was still running after %d s "
                "(--timeout): stopped it\n", timeout_s);
    else if (st != -1 && WIFEXITED(st))
        fprintf(stderr, "lantern-trace record: the guest shut down (emulator exit status %d)\n",
                WEXITSTATUS(st));
}

int cmd_record(int argc, char **argv)
{
    static const struct option lo[] = {
        { "db", 1, 0, 'o' }, { "kernel", 1, 0, 'k' }, { "initrd", 1, 0, 'i' },
        { "append", 1, 0, 'a' }, { "timeout", 1, 0, 't' }, { "bochs", 0, 0, 'b' },
        { "emu-cmd", 1, 0, 'e' }, { "stream", 1, 0, 's' }, { "ram", 1, 0, 'r' },
        { "help", 0, 0, 'h' }, { 0, 0, 0, 0 } };
    const char *db = "build/trace.db", *kernel = "build/kernel/lantern.elf", *initrd = NULL;
    const char *append = "trace=all", *emu = NULL, *stream = NULL, *ram = NULL;
    int bochs = 0, timeout_s = 60, c;
    while ((c = getopt_long(argc, argv, "o:h", lo, NULL)) != -1) {
        switch (c) {
        case 'o': db = optarg; break;
        case 'k': kernel = optarg; break;
        case 'i': initrd = optarg; break;
        case 'a': append = optarg; break;
        case 't': timeout_s = atoi(optarg); break;
        case 'b': bochs = 1; break;
        case 'e': emu = optarg; break;
        case 's': stream = optarg; break;
        case 'r': ram = optarg; break;
        case 'h': help(); return 0;
        default: return usage_error("record", "bad option");
        }
    }
    char shm[128], tmo[32];
    snprintf(shm, sizeof shm, "/dev/shm/lantern-trace-%d.ram", (int)getpid());
    snprintf(tmo, sizeof tmo, "%d", timeout_s);
    struct ingest_opts o = { .db = db, .follow = 1, .stop_child = 1 };
    int ram_fd = -1;
    pid_t pid;
    if (bochs) {
        char *const av[] = { "timeout", tmo, "sh", "-c", (char *)(emu ? emu : "bochs -q"), NULL };
        o.input = stream ? stream : "build/trace-e9.bin";
        o.format = TIN_STREAM;
        close(open(o.input, O_WRONLY | O_CREAT | O_TRUNC, 0644));  /* no stale data */
        pid = spawn(av, o.input);
    } else {
        o.input = ram ? ram : shm;
        o.format = TIN_DUMP;
        if ((ram_fd = make_ram(o.input)) < 0) return 1;
        pid = start_qemu(tmo, kernel, initrd, append, o.input, stream);
    }
    if (pid < 0) { perror("fork"); return 1; }
    o.until_pid = pid;
    o.progress = 1;
    install_stop_handlers();
    announce(bochs ? "Bochs" : "QEMU", bochs ? o.input : kernel, append, db, timeout_s);
    static struct tdec d;
    int rc = ingest_run(&o, &d);
    if (kill(-pid, 0) == 0) kill(-pid, SIGKILL);  /* only after an error: nothing to lose */
    int st;
    if (waitpid(pid, &st, 0) == pid) g_child_status = st;  /* else follow.c reaped it */
    why_stopped(timeout_s);
    if (ram_fd >= 0) close(ram_fd);
    if (!bochs && !ram) unlink(shm);
    ingest_summary(db, &d);
    return rc;
}
