/* pt_exec.c: suite proc, execve (docs/processes.md).
 *
 * The programs exec'd are /bin/exec_child and /bin/exec_tiny of
 * build/fs/exec.img; they tell what they saw through their exit status.
 * The bad files are made here, in /tmp: text, truncated copies and copies
 * of exec_child with one header field broken.  Errors that come before
 * PM's point of no return are asked by proc_test itself (a system
 * process: a good file gives it EPERM, after every check passed), which
 * shows that the caller keeps running after each. */
#include <stdio.h>
#include <signal.h>
#include "pt.h"

#define CHILD "/bin/exec_child"
#define TINY  "/bin/exec_tiny"
#define STRESS 1000

static char *const env2[] = { "A=1", "EMPTY=", NULL };

/* Run fn in a forked child; its exit code (-1: it did not exit). */
static int in_child(int (*fn)(void))
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(fn());
    return pt_wait_code(pid);
}

static int child_args(void)
{
    char *const argv[] = { "exec_child", "args", "two words", "x", NULL };
    execve(CHILD, argv, env2);
    return 100 + errno;
}

static void args_test(void)
{
    int code = in_child(child_args);
    LT_CHECK(S, "exec_argv_envp", code == 42, "child exit %d (42: argv, envp, name, window)", code);
}

/* A copy of exec_child, first `len` bytes, with `val` (size bytes) at
 * `at` (at < 0: unchanged); at >= 0x10000: that offset inside the first
 * program header.  0 or an errno. */
static int make_bad(const char *name, uint32_t len, long at, uint32_t val, int size)
{
    static uint8_t buf[64 * 1024];
    int in = open(CHILD, O_RDONLY), out, n;
    if (in < 0)
        return errno;
    n = (int)read(in, buf, sizeof buf);
    close(in);
    if (n <= 0)
        return EIO;
    if (len > (uint32_t)n)
        len = (uint32_t)n;
    if (at >= 0x10000)
        at = (long)(*(uint32_t *)(buf + 28)) + (at - 0x10000);     /* e_phoff + field */
    if (at >= 0)
        memcpy(buf + at, &val, (size_t)size);
    if ((out = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0755)) < 0)
        return errno;
    n = (int)write(out, buf, len);
    close(out);
    return n == (int)len ? 0 : EIO;
}

/* An address the compiler cannot see through (it would warn). */
static char *const *bad_vec(uintptr_t v)
{
    volatile uintptr_t x = v;
    return (char *const *)x;
}

static int __attribute__((noinline)) exec_err(const char *path, char *const argv[], char *const envp[])
{
    errno = 0;
    int r = execve(path, argv, envp);
    return r == -1 ? errno : 1000;
}

struct bad_file { const char *name; uint32_t len; long at; uint32_t val; int size; };

static void bad_files_test(void)
{
    static const struct bad_file bad[] = {
        { "/tmp/trunc_hdr", 40, -1, 0, 0 },             /* inside the ELF header */
        { "/tmp/trunc_seg", 4096, -1, 0, 0 },           /* segments past the end */
        { "/tmp/bad_class", 65536, 4, 2, 1 },           /* 64-bit */
        { "/tmp/bad_mach", 65536, 18, 62, 2 },          /* x86-64 */
        { "/tmp/bad_type", 65536, 16, 3, 2 },           /* a shared object */
        { "/tmp/bad_phnum", 65536, 44, 0, 2 },
        { "/tmp/bad_phent", 65536, 42, 20, 2 },
        { "/tmp/bad_phoff", 65536, 28, 0x7ffffff0, 4 },
        { "/tmp/bad_entry", 65536, 24, 0x1000, 4 },     /* outside every segment */
        { "/tmp/bad_vaddr", 65536, 0x10008, 0x1000, 4 },/* below user space */
        { "/tmp/bad_memsz", 65536, 0x10014, 0x7fffffff, 4 },
        { "/tmp/bad_filesz", 65536, 0x10010, 0x7fffff, 4 },   /* > memsz, past the end */
    };
    char *const argv[] = { "x", NULL };
    char why[160] = "";
    int fd = open("/tmp/notelf", O_WRONLY | O_CREAT | O_TRUNC, 0755), bad_n = 0;
    write(fd, "#!/bin/sh\necho not an ELF file\n", 31);
    close(fd);
    int r = exec_err("/tmp/notelf", argv, NULL);
    if (r != ENOEXEC)
        snprintf(why, sizeof why, "notelf %d", r), bad_n++;
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int m = make_bad(bad[i].name, bad[i].len, bad[i].at, bad[i].val, bad[i].size);
        r = m ? 2000 + m : exec_err(bad[i].name, argv, NULL);
        if (r != ENOEXEC && !bad_n++)
            snprintf(why, sizeof why, "%s: %d", bad[i].name, r);
        unlink(bad[i].name);
    }
    unlink("/tmp/notelf");
    LT_CHECK(S, "exec_bad_files_enoexec", bad_n == 0, "%d wrong, first %s", bad_n, why);
}

static void path_errors_test(void)
{
    char *const argv[] = { "x", NULL };
    int dir = exec_err("/bin", argv, NULL), dev = exec_err("/dev/console", argv, NULL);
    int none = exec_err("/bin/nope", argv, NULL), notdir = exec_err("/data/hello.txt/x", argv, NULL);
    int empty = exec_err("", argv, NULL), sys = exec_err(TINY, argv, NULL);
    LT_CHECK(S, "exec_path_errors", dir == EACCES && dev == EACCES && none == ENOENT &&
             notdir == ENOTDIR && empty == ENOENT && sys == EPERM,
             "dir %d, device %d, missing %d, notdir %d, empty %d, system process %d",
             dir, dev, none, notdir, empty, sys);
}

static void bad_pointer_test(void)
{
    char *const argv[] = { "x", NULL };
    char *const bad_str[] = { "x", (char *)0x10, NULL };
    char *const bad_env[] = { (char *)0xb7fff000, NULL };
    int p = exec_err((const char *)bad_vec(0x10), argv, NULL), n = exec_err(NULL, argv, NULL);
    int a = exec_err(TINY, bad_vec(0x20), NULL), s = exec_err(TINY, bad_str, NULL);
    int e = exec_err(TINY, argv, bad_env), k = exec_err(TINY, argv, bad_vec(0xfff00000));
    LT_CHECK(S, "exec_bad_pointers_efault", p == EFAULT && n == EFAULT && a == EFAULT &&
             s == EFAULT && e == EFAULT && k == EFAULT,
             "path %d, NULL %d, argv %d, argv[1] %d, envp[0] %d, envp %d", p, n, a, s, e, k);
}

static void e2big_test(void)
{
    static char *many[PM_EXEC_NARGS_MAX + 8];
    static char huge[PM_EXEC_ARGS_MAX + 100];
    char *const one[] = { "x", huge, NULL };
    for (int i = 0; i < PM_EXEC_NARGS_MAX + 4; i++)
        many[i] = "a";
    memset(huge, 'h', sizeof huge - 1);
    int a = exec_err(TINY, many, NULL), b = exec_err(TINY, one, NULL);
    char longpath[300];
    memset(longpath, 'p', sizeof longpath - 1);
    longpath[0] = '/';
    longpath[sizeof longpath - 1] = 0;
    int c = exec_err(longpath, one + 2, NULL);
    LT_CHECK(S, "exec_e2big", a == E2BIG && b == E2BIG && c == ENAMETOOLONG,
             "%d strings %d, one huge %d, long path %d", PM_EXEC_NARGS_MAX + 4, a, b, c);
}

static int child_write(void)
{
    char *const argv[] = { "exec_child", "write", NULL };
    execv(CHILD, argv);
    return 100 + errno;
}

/* A pipe's write end as fd 1, kept across exec. */
static void fd_keep_test(void)
{
    int p[2], n = -1, eof = -1;
    char buf[16] = { 0 };
    if (pipe(p) != 0) {
        LT_CHECK(S, "exec_keeps_fds", 0, "pipe: errno %d", errno);
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        if (p[0] != 1)
            close(p[0]);
        if (p[1] != 1) {                /* a test program may have no fd 0-2: pipe() gave 0, 1 */
            dup2(p[1], 1);
            close(p[1]);
        }
        _exit(child_write());
    }
    close(p[1]);
    n = (int)read(p[0], buf, sizeof buf);
    eof = (int)read(p[0], buf + 10, 4);
    close(p[0]);
    int code = pt_wait_code(pid);
    LT_CHECK(S, "exec_keeps_fds", n == 8 && !memcmp(buf, "via exec", 8) && eof == 0 && code == 0,
             "read %d '%.8s', then %d, child %d", n, buf, eof, code);
}

static int cloexec_a, cloexec_b;

static int child_cloexec(void)
{
    char a[8], b[8];
    snprintf(a, sizeof a, "%d", cloexec_a);
    snprintf(b, sizeof b, "%d", cloexec_b);
    char *const argv[] = { "exec_child", "fd", a, b, NULL };
    execv(CHILD, argv);
    return 100 + errno;
}

static void cloexec_test(void)
{
    cloexec_a = open("/data/hello.txt", O_RDONLY | O_CLOEXEC);
    cloexec_b = open("/data/hello.txt", O_RDONLY);
    int c = open("/data/hello.txt", O_RDONLY);
    int set = fcntl(c, F_SETFD, FD_CLOEXEC);
    int code = in_child(child_cloexec);
    int swap = cloexec_a;
    cloexec_a = c;                      /* F_SETFD's flag works as O_CLOEXEC's */
    int code2 = in_child(child_cloexec);
    cloexec_a = swap;
    int still = fcntl(cloexec_a, F_GETFD);          /* the parent's flags unchanged */
    close(cloexec_a);
    close(cloexec_b);
    close(c);
    LT_CHECK(S, "exec_closes_cloexec", code == 0 && code2 == 0 && set == 0 && still == FD_CLOEXEC,
             "O_CLOEXEC child %d, F_SETFD child %d (%d), parent's flag %d", code, code2, set, still);
}

static int child_vp(void)
{
    char *const argv[] = { "exec_tiny", "5", NULL };
    setenv("PATH", "/nonexist:/data:/bin", 1);
    execvp("exec_tiny", argv);
    return 100 + errno;
}

static int child_lp(void)
{
    unsetenv("PATH");
    execlp("exec_tiny", "exec_tiny", "3", (char *)NULL);
    return 100 + errno;
}

static int child_vp_missing(void)
{
    char *const argv[] = { "nope", NULL };
    setenv("PATH", "/nonexist:/bin", 1);
    execvp("nope", argv);
    return errno == ENOENT ? 9 : 100 + errno;   /* failed, and runs on */
}

static void path_search_test(void)
{
    int a = in_child(child_vp), b = in_child(child_lp), c = in_child(child_vp_missing);
    LT_CHECK(S, "execvp_path_search", a == 5 && b == 3 && c == 9,
             "PATH with misses %d, no PATH (/bin) %d, missing everywhere %d", a, b, c);
}

static void stress_test(void)
{
    int bad = 0, i, code = 0;
    for (i = 0; i < STRESS && !bad; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            char arg[2] = { (char)('0' + i % 10), 0 };
            char *const argv[] = { "exec_tiny", arg, NULL };
            execv(TINY, argv);
            _exit(100 + errno);
        }
        code = pt_wait_code(pid);
        bad = code != i % 10;
    }
    LT_CHECK(S, "fork_exec_wait_stress_1000", !bad, "failed at %d: exit %d", i - 1, code);
}

/* PM's kernel calls and VM requests for exec: refused to anyone else. */
static void refusal_test(void)
{
    struct exec_start st;
    memset(&st, 0, sizeof(st));
    int ke = sys_exec(SELF, &st), kc = sys_execcopy(SELF, 0, NULL, 0);
    int vr = vm_exec_reset(SELF, 0xb8000000u, 0xb8100000u, 0xb9000000u);
    int vs = vm_exec_seg(SELF, 0xb8000000u, 4096, 1);
    pid_t pid = fork();
    if (pid == 0) {
        int a = sys_exec(SELF, &st), b = sys_execcopy(SELF, 0, NULL, 0);
        _exit(a == ECALLDENIED && b == ECALLDENIED ? 0 : 1);
    }
    int code = pt_wait_code(pid);
    LT_CHECK(S, "exec_calls_pm_only", ke == EPERM && kc == EPERM && vr == EPERM && vs == EPERM &&
             code == 0, "SYS_EXEC %d, SYS_EXECCOPY %d, VM_EXEC_RESET %d, VM_EXEC_SEG %d, "
             "user child %d", ke, kc, vr, vs, code);
}

const int pt_exec_n = 11;

/* exec: a caught signal goes back to SIG_DFL, an ignored one stays
 * ignored (POSIX): the child's handler was in the image exec dropped. */
static void on_term(int sig)
{
    (void)sig;
}

static int child_sig(void)
{
    char *const argv[] = { "exec_child", "sig", NULL };
    signal(SIGTERM, on_term);
    signal(SIGINT, SIG_IGN);
    execv(CHILD, argv);
    return 100 + errno;
}

static void exec_signal_test(void)
{
    int code = in_child(child_sig);
    LT_CHECK(S, "exec_resets_handlers", code == 0,
             "child exit %d (14: SIGTERM not SIG_DFL, 15: SIGINT not ignored)", code);
}

void pt_exec_tests(void)
{
    args_test();
    bad_files_test();
    path_errors_test();
    bad_pointer_test();
    e2big_test();
    fd_keep_test();
    cloexec_test();
    exec_signal_test();
    path_search_test();
    refusal_test();
    stress_test();
}
