/* hself: the guest half of the harness self-tests (suite `harness`).
 *
 * It reports on the result channel exactly as a test program must not, so
 * that the runner's own checks can be seen to catch it.  One argument picks
 * the mistake (suites.txt passes it as hself:<mode>):
 *   exact    plan 2, report 2, TR_DONE: a correct program (the control run)
 *   nodone   plan 2, report 2, power off without TR_DONE (a program that
 *            dies after its last result)
 *   extra    plan 2, report 3, TR_DONE
 *   fewer    plan 3, report 2, TR_DONE
 * Every reported result passes: only the bookkeeping is wrong. */
#include <string.h>
#include <sys.h>
#include <sef.h>
#include <ltest.h>

#define S "hself"

static void report(int n)
{
    static const char *const names[] = { "first", "second", "third" };
    for (int i = 0; i < n; i++)
        LT_CHECK(S, names[i], 1, "never fails");
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "exact";
    int fewer = !strcmp(mode, "fewer"), extra = !strcmp(mode, "extra");

    sef_startup();
    ltest_plan(S, fewer ? 3 : 2);
    report(extra ? 3 : 2);
    if (!strcmp(mode, "nodone"))
        sys_shutdown(0);                 /* no TR_DONE */
    ltest_finish();
}
