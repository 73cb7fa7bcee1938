/* cmd_record.c: `record`: boot Lantern with tracing on and ingest live.
 *
 * QEMU (default): guest RAM is a shared memory-backend file in /dev/shm;
 * the ingester polls it every 20 ms and does a final read after QEMU exits.
 * --bochs: runs the given emulator command with stdout (port 0xE9 with
 * port_e9_hack) going to the stream file, and follows that file. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>
#include "cli.h"

static void help(void)
{
    puts("usage: lantern-trace record [options]\n\n"
         "Boot Lantern with tracing on and ingest the trace live into a DB.\n\n"
         "  -o, --db FILE       database (default build/trace.db)\n"
         "  --kernel ELF        kernel (default build/kernel/lantern.elf)\n"
         "  --initrd LIST       QEMU -initrd module list\n"
         "  --append CMDLINE    kernel command line (default \"trace=all\")\n"
         "  --timeout S         stop the emulator after S seconds (default 60)\n"
         "  --bochs             use Bochs and the 0xE9 stream instead of shared RAM\n"
         "  --emu-cmd CMD       emulator command for --bochs\n"
         "  --stream FILE       stream file for --bochs (default build/trace-e9.bin)");
}

static pid_t spawn(char *const argv[], const char *out_path)
{
    pid_t p = fork();
    if (p == 0) {
        int fd = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) { dup2(fd, 1); close(fd); }
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    return p;
}

int cmd_record(int argc, char **argv)
{
    static const struct option lo[] = {
        { "db", 1, 0, 'o' }, { "kernel", 1, 0, 'k' }, { "initrd", 1, 0, 'i' },
        { "append", 1, 0, 'a' }, { "timeout", 1, 0, 't' }, { "bochs", 0, 0, 'b' },
        { "emu-cmd", 1, 0, 'e' }, { "stream", 1, 0, 's' }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 } };
    const char *db = "build/trace.db", *kernel = "build/kernel/lantern.elf", *initrd = NULL;
    const char *append = "trace=all", *emu = NULL, *stream = "build/trace-e9.bin";
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
        case 'h': help(); return 0;
        default: return usage_error("record", "bad option");
        }
    }
    char shm[128], tmo[32];
    snprintf(shm, sizeof shm, "/dev/shm/lantern-trace-%d.ram", (int)getpid());
    snprintf(tmo, sizeof tmo, "%d", timeout_s);
    struct ingest_opts o = { .db = db, .follow = 1 };
    pid_t pid;
    if (bochs) {
        char *const av[] = { "timeout", tmo, "sh", "-c", (char *)(emu ? emu : "bochs -q"), NULL };
        pid = spawn(av, stream);
        o.input = stream;
        o.format = TIN_STREAM;
    } else {
        char mem[256];
        snprintf(mem, sizeof mem, "memory-backend-file,id=ram,size=128M,mem-path=%s,share=on", shm);
        char *av[40];
        int n = 0;
        const char *fixed[] = { "timeout", tmo, "qemu-system-i386", "-machine", "pc,memory-backend=ram",
            "-accel", "tcg", "-m", "128", "-no-reboot", "-object", mem, "-kernel", kernel,
            "-append", append, "-display", "none", "-serial", "null",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", NULL };
        for (int i = 0; fixed[i]; i++) av[n++] = (char *)fixed[i];
        if (initrd) { av[n++] = "-initrd"; av[n++] = (char *)initrd; }
        av[n] = NULL;
        pid = spawn(av, NULL);
        o.input = shm;
        o.format = TIN_DUMP;
    }
    if (pid < 0) { perror("fork"); return 1; }
    o.until_pid = pid;
    install_stop_handlers();
    int rc = ingest_run(&o, NULL);
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    if (!bochs) unlink(shm);
    return rc;
}
