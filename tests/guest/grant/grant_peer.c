/* grant_peer: a granter that the grant, safecopy and bench runs steer by
 * messages (gp.h).  It has no safe-copy calls itself (RS's table: kc_basic).
 * The same program runs as grant_magic, whose table line has MAGIC_GRANTS:
 * only its magic grants work. */
#include <string.h>
#include <sef.h>
#include "gp.h"

static uint8_t buf[GP_BUF_SIZE] __attribute__((aligned(4096)));
extern char _end[];

static int32_t handle(message *m)
{
    int32_t *i = &m->m_u.m1.i1;
    switch (m->m_type) {
    case GP_GRANT:
        return cpf_grant_direct(i[0], (vir_bytes)buf + (uint32_t)i[1], (uint32_t)i[2], (uint32_t)i[3]);
    case GP_GRANT_ABS:
        return cpf_grant_direct(i[0], m->m_u.m1.p1, (uint32_t)i[2], (uint32_t)i[3]);
    case GP_INDIRECT:
        return cpf_grant_indirect(i[0], i[1], i[2]);
    case GP_MAGIC:
        return cpf_grant_magic(i[0], i[1], m->m_u.m1.p1, (uint32_t)i[2], (uint32_t)i[3]);
    case GP_REVOKE:
        return cpf_revoke(i[0]);
    case GP_FILL:
        for (uint32_t k = 0; k < (uint32_t)i[2]; k++)
            buf[(uint32_t)i[1] + k] = gp_byte((uint32_t)i[0], k);
        return OK;
    case GP_SUM:
        return (int32_t)gp_sum((const uint8_t *)m->m_u.m1.p1, (uint32_t)i[2]);
    case GP_INFO:
        m->m_u.m1.p1 = (uint32_t)buf;
        m->m_u.m1.p2 = (uint32_t)_end;
        m->m_u.m1.p3 = (uint32_t)handle;
        return OK;
    case GP_TABLE:
        m->m_u.m1.p1 = (uint32_t)cpf_table(NULL);
        return (int32_t)cpf_table_size();
    }
    return EBADREQUEST;
}

int main(void)
{
    message m;
    sef_startup();
    for (;;) {
        if (sef_receive(ANY, &m) != OK || IS_NOTIFY(m.m_type))
            continue;
        int32_t r = handle(&m);
        m.m_u.m1.i1 = r;
        m.m_type = r < 0 && m.m_type != GP_SUM ? r : OK;
        ipc_send(m.m_source, &m);
    }
}
