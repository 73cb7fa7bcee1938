/* service: ask RS to start, stop, restart or refresh a system service.
 *
 *   service up <program> [-label <label>] [-period <ticks>] [-args "<words>"]
 *   service down <label>
 *   service restart <label>      start a service that is down
 *   service refresh <label>      kill and restart a running service
 *   service status <label>
 *   service list
 *   service fault <label> wild|exit|loop   fault injection: RS refuses it
 *                                (EPERM) to `service`, which has no TEST_PROC;
 *                                only test programs may (docs/services.md)
 *
 * Exit status: 0 on success, 1 when RS refused (the error is printed),
 * 2 on a usage error.
 *
 * status and list work for anyone; the rest only when RS started this
 * process from its table (RS_RUN from an admin): otherwise RS answers
 * EPERM (lantern/rs.h). */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <service.h>

static int usage(void)
{
    fprintf(stderr, "usage: service up <program> [-label <label>] [-period <ticks>] [-args <words>]\n"
                    "       service down|restart|refresh|status <label>\n"
                    "       service list\n"
                    "       service fault <label> wild|exit|loop\n");
    return 2;
}

static int report(const char *what, const char *label, int r)
{
    if (r == OK)
        return 0;
    fprintf(stderr, "service: %s %s: %s (%s)\n", what, label, strerror(r),
            strerrorname_np(r) ? strerrorname_np(r) : "?");
    return 1;
}

static int do_up(int argc, char **argv)
{
    const char *label = NULL, *args = NULL;
    uint32_t period = 0;
    endpoint_t ep;

    for (int i = 3; i < argc; i += 2) {
        if (i + 1 >= argc)
            return usage();
        if (!strcmp(argv[i], "-label"))
            label = argv[i + 1];
        else if (!strcmp(argv[i], "-period"))
            period = (uint32_t)strtoul(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "-args"))
            args = argv[i + 1];
        else
            return usage();
    }
    int r = rs_up(argv[2], label, period, args, &ep);
    if (r == OK)
        printf("service: %s is up as endpoint %d\n", label ? label : argv[2], ep);
    return report("up", argv[2], r);
}

static int do_list(void)
{
    struct rs_pub p;
    printf("%-16s %-14s %9s %6s %s\n", "label", "program", "endpoint", "period", "flags");
    for (int i = 0; rs_pubtab(i, &p) == OK; i++)
        if (p.in_use)
            printf("%-16s %-14s %9d %6u %#x\n", p.label, p.program, p.endpoint, p.period,
                   p.sys_flags);
    return 0;
}

static int do_status(const char *label)
{
    struct rs_status st;
    int r = rs_status(label, &st);
    if (r == OK)
        printf("%s: endpoint %d, flags %#x, %u restarts, %u failures in a row\n",
               label, st.endpoint, st.flags, st.restarts, st.streak);
    return report("status", label, r);
}

static int do_fault(const char *label, const char *how)
{
    static const char *const kinds[] = { "wild", "exit", "loop" };
    for (int k = RS_FAULT_WILD; k <= RS_FAULT_LOOP; k++)
        if (!strcmp(how, kinds[k]))
            return report("fault", label, rs_fault(label, k));
    return usage();
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    if (!strcmp(argv[1], "list"))
        return do_list();
    if (argc < 3)
        return usage();
    if (!strcmp(argv[1], "up"))
        return do_up(argc, argv);
    if (!strcmp(argv[1], "fault") && argc == 4)
        return do_fault(argv[2], argv[3]);
    if (argc != 3)
        return usage();
    if (!strcmp(argv[1], "down"))
        return report("down", argv[2], rs_down(argv[2]));
    if (!strcmp(argv[1], "restart"))
        return report("restart", argv[2], rs_restart(argv[2]));
    if (!strcmp(argv[1], "refresh"))
        return report("refresh", argv[2], rs_refresh(argv[2]));
    if (!strcmp(argv[1], "status"))
        return do_status(argv[2]);
    return usage();
}
