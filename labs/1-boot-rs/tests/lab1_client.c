/* lab1_client.c: echo seen from a user process.
 *
 * lab1_test spawns a copy of itself as a user process with the arguments
 * "ping <parent endpoint> <request type> <value>".  The copy looks echo up
 * through RS, sends it the request with sendrec (a user process may only
 * SENDREC and RECEIVE), and hands what it saw to its parent with one more
 * sendrec (LAB1_REPORT), then exits.  The parent reports the results: the
 * child has no TEST_PROC and could not. */
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include "lab1.h"

int lab1_client_main(int argc, char **argv)
{
    struct ping p;
    message m;
    endpoint_t parent, echo = 0;

    if (argc < 5)
        return 2;
    parent = (endpoint_t)strtol(argv[2], NULL, 0);
    memset(&p, 0, sizeof(p));
    p.lookup = rs_lookup("echo", &echo);
    p.echo_ep = echo;
    if (p.lookup == OK) {
        memset(&m, 0, sizeof(m));
        m.m_type = (int)strtol(argv[3], NULL, 0);
        m.m_u.m1.i1 = (int)strtol(argv[4], NULL, 0);
        p.call = ipc_sendrec(echo, &m);
        p.type = m.m_type;
        p.value = m.m_u.m1.i1;
        p.init = m.m_u.m1.i2;
        p.restarts = m.m_u.m1.i3;
        p.served = m.m_u.m1.i4;
    }
    memset(&m, 0, sizeof(m));
    m.m_type = LAB1_REPORT;
    memcpy(m.m_u.m_u32, &p, sizeof(p));
    return ipc_sendrec(parent, &m) == OK ? 0 : 1;
}

/* The parent's side: spawn, wait for the report, answer it, reap. */
int ping_as_user(int type, int value, struct ping *out)
{
    struct whoami_info me;
    char args[64];
    endpoint_t child;
    message m;
    int r;

    if ((r = sys_whoami(&me)) != OK)
        return r;
    snprintf(args, sizeof(args), "ping %d %d %d", (int)me.endpoint, type, value);
    if ((r = sys_spawn_args("lab1_test", args, 0, &child)) != OK ||
        (r = sys_privctl(child, PRIV_SET_USER, NULL)) != OK ||
        (r = sys_privctl(child, PRIV_ALLOW, NULL)) != OK)
        return r;
    /* receive from the child only: a blocking receive ends when it reports
     * or, if it dies first, with an error from the kernel */
    if ((r = ipc_receive(child, &m)) != OK)
        return r;
    if (m.m_type != LAB1_REPORT)
        return EBADREQUEST;
    memcpy(out, m.m_u.m_u32, sizeof(*out));
    m.m_type = OK;
    ipc_sendnb(child, &m);
    struct pm_child c;
    do {
        r = pm_wait(0, &c);
    } while (r == OK && c.endpoint != child);
    return r;
}
