/* exec_child: what suite proc's exec tests run (tests/guest/proc/pt_exec.c).
 * A user process cannot report test results: it checks what it was given
 * and says so through its exit status (0 or 42 = as expected, else the
 * number of the check that failed).  Installed as /bin/exec_child in
 * build/fs/exec.img; linked at its own window, another than proc_test's.
 *
 *   exec_child args A B      argv is {exec_child, args, "two words", x},
 *                            envp {A=1, EMPTY=}; ps's name is exec_child;
 *                            exits 42
 *   exec_child fd N M        fd N is closed (close-on-exec), fd M is open
 *   exec_child write         writes "via exec" to fd 1
 *   exec_child sig           SIGTERM's action is SIG_DFL (the parent had
 *                            a handler), SIGINT's SIG_IGN (kept)
 */
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <service.h>
#include <signal.h>

static int check_args(int argc, char **argv)
{
    char name[16] = { 0 };
    int pid = 0;
    if (argc != 4 || strcmp(argv[2], "two words") || strcmp(argv[3], "x") || argv[4] != NULL)
        return 1;
    if (!environ || !environ[0] || strcmp(environ[0], "A=1") || strcmp(environ[1], "EMPTY=") ||
        environ[2] != NULL)
        return 2;
    if (strcmp(getenv("A"), "1") || getenv("B") != NULL)
        return 3;
    if (pm_getproc(SELF, &pid, NULL, NULL, name) != OK || strcmp(name, "exec_child"))
        return 4;
    if (((unsigned long)&check_args >> 24) != 0xb9)
        return 5;                       /* runs in its own window */
    return 42;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 10;
    if (!strcmp(argv[1], "args"))
        return check_args(argc, argv);
    if (!strcmp(argv[1], "fd") && argc == 4) {
        int closed = fcntl(atoi(argv[2]), F_GETFD), open_ = fcntl(atoi(argv[3]), F_GETFD);
        return closed == -1 && open_ == 0 ? 0 : 11;
    }
    if (!strcmp(argv[1], "sig")) {
        struct sigaction term, intr;
        if (sigaction(SIGTERM, NULL, &term) != 0 || term.sa_handler != SIG_DFL)
            return 14;
        return sigaction(SIGINT, NULL, &intr) == 0 && intr.sa_handler == SIG_IGN ? 0 : 15;
    }
    if (!strcmp(argv[1], "write"))
        return write(1, "via exec", 8) == 8 ? 0 : 12;
    return 13;
}
