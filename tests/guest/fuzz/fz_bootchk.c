/* fz_bootchk.c: the guest half of suite `badmods` (damaged boot modules,
 * tests/harness/badmods-test.sh): every module whose name starts with
 * "bad_" was given to the kernel (GETINFO_BOOTMODS) but no process runs it
 * (GETINFO_PROCTAB), and the rest of the system boots and answers (RS and
 * PM round trips).  The host script checks the console's refusal lines. */
#include <string.h>
#include <sys.h>
#include <ltest.h>
#include <service.h>
#include <sef.h>

#define S "badmods"

static char mods[NR_BOOT_MODULES][16];
static struct proc_info tab[NR_TASKS + NR_PROCS];

static int running(const char *name, int nprocs)
{
    for (int i = 0; i < nprocs; i++)
        if (!strncmp(tab[i].name, name, 16))
            return 1;
    return 0;
}

int main(void)
{
    message m;
    struct rs_pub pub;
    int pid, ppid, nbad = 0, started = 0;
    endpoint_t parent;
    char name[16];

    sef_startup();
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = GETINFO_BOOTMODS;
    m.m_u.m1.i2 = sizeof(mods);
    m.m_u.m1.p1 = (uint32_t)mods;
    int r = kernel_call(SYS_GETINFO, &m), nmods = r == OK ? m.m_u.m1.i3 / 16 : 0;
    int nprocs = sys_proctab(tab, NR_TASKS + NR_PROCS);
    for (int i = 0; i < nmods; i++)
        if (!strncmp(mods[i], "bad_", 4)) {
            nbad++;
            started += running(mods[i], nprocs);
        }
    ltest_plan(S, 2);
    LT_CHECK(S, "bad_modules_not_started", nbad >= 6 && started == 0,
             "%d bad modules in the image, %d of them running", nbad, started);
    LT_CHECK(S, "rest_boots", running("echo", nprocs) && rs_pubtab(0, &pub) == OK &&
             pm_getproc(SELF, &pid, &ppid, &parent, name) == OK,
             "echo running %d, RS or PM did not answer", running("echo", nprocs));
    ltest_finish();
}
