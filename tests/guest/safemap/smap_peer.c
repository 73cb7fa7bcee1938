/* smap_peer: the safemap suite's granter (tests/guest/safemap/sp.h).
 * RS starts one (the granter of most tests); the test spawns more copies
 * for the tests where a granter, grantee or intermediate link exits.  A
 * forked child (SP_FORK) shares buf copy-on-write until it writes. */
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sp.h"

static uint8_t buf[SP_BUF] __attribute__((aligned(4096)));
static uint8_t mbuf[SP_MBUF] __attribute__((aligned(4096)));
static endpoint_t child_ep = NONE;
static int child_pid = -1;
static cp_grant_id_t revoke_later = GRANT_INVALID;

static uint32_t *word(uint8_t *base, int32_t off)
{
    return (uint32_t *)(base + ((uint32_t)off % SP_BUF & ~3u));
}

/* The forked child: wait for SP_GO, write, exit 0 if it saw its own write
 * and, before it, the value the parent had at the fork. */
static void __attribute__((noreturn)) child(int32_t off, uint32_t value, uint32_t before)
{
    message m;
    while (ipc_receive(ANY, &m) != OK || m.m_type != SP_GO)
        ;
    int saw = *word(buf, off) == before;
    *word(buf, off) = value;
    _exit(saw && *word(buf, off) == value ? 0 : 1);
}

static int32_t do_fork(int32_t off, uint32_t value)
{
    uint32_t before = *word(buf, off);
    int pid = sp_fork(&child_ep);
    if (pid == 0)
        child(off, value, before);
    child_pid = pid;
    return pid;
}

static int32_t do_release(void)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = SP_GO;
    if (child_pid <= 0 || ipc_send(child_ep, &m) != OK)
        return -1;
    int st = sp_wait(child_pid);
    child_pid = -1;
    return st;
}

static int32_t handle(message *m)
{
    int32_t *i = &m->m_u.m1.i1;
    switch (m->m_type) {
    case SP_GRANT:
        return cpf_grant_direct(i[0], (vir_bytes)buf + (uint32_t)i[1], (uint32_t)i[2], (uint32_t)i[3]);
    case SP_GRANT_ABS:
        return cpf_grant_direct(i[0], m->m_u.m1.p1, (uint32_t)i[2], (uint32_t)i[3]);
    case SP_INDIRECT:
        return cpf_grant_indirect(i[0], i[1], i[2]);
    case SP_REVOKE:
        return cpf_revoke(i[0]);
    case SP_REVMAP:
        return sys_saferevmap(i[0]);
    case SP_SET:
        *word(buf, i[1]) = (uint32_t)i[2];
        return OK;
    case SP_GET:
        return (int32_t)*word(buf, i[1]);
    case SP_MAP:
        return sys_safemap(i[0], i[1], 0, (vir_bytes)mbuf, (uint32_t)i[2], i[3]);
    case SP_UNMAP:
        return sys_safeunmap((vir_bytes)mbuf);
    case SP_MGET:
        return (int32_t)*word(mbuf, i[1]);
    case SP_MSET:                      /* a read-only mapping: this write stops us */
        *word(mbuf, i[1]) = (uint32_t)i[2];
        return OK;
    case SP_FORK:
        return do_fork(i[1], (uint32_t)i[2]);
    case SP_RELEASE:
        return do_release();
    case SP_INFO:
        m->m_u.m1.p1 = (uint32_t)buf;
        m->m_u.m1.p2 = (uint32_t)handle & ~(PAGE - 1);
        m->m_u.m1.p3 = (uint32_t)mbuf;
        return OK;
    case SP_EXIT:
        return OK;
    case SP_REVOKE_IN:
        revoke_later = i[0];
        sys_setalarm((uint32_t)i[1]);
        return OK;
    }
    return EBADREQUEST;
}

int main(void)
{
    message m;
    sef_startup();
    for (;;) {
        if (sef_receive(ANY, &m) != OK)
            continue;
        if (IS_NOTIFY(m.m_type)) {
            if (m.m_source == CLOCK && revoke_later != GRANT_INVALID)
                cpf_revoke(revoke_later);
            revoke_later = GRANT_INVALID;
            continue;
        }
        int type = m.m_type;
        int32_t r = handle(&m);
        m.m_u.m1.i1 = r;
        m.m_type = r < 0 && type != SP_GET && type != SP_MGET ? r : OK;
        ipc_send(m.m_source, &m);
        if (type == SP_EXIT)
            exit(0);
    }
}
