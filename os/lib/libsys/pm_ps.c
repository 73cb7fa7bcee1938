/* pm_ps.c: PM_PROCLIST for ps (lantern/pm.h): the caller's array goes to
 * PM through a write grant made and revoked around the request. */
#include <string.h>
#include <safecopies.h>
#include <service.h>
#include <lantern/pm.h>

int pm_proclist(struct pm_proc_row *rows, int max, int *total)
{
    message m;
    cp_grant_id_t g;
    int r;

    if (max < 0)
        return EINVAL;
    g = cpf_grant_direct(PM_ENDPOINT, (vir_bytes)rows, (uint32_t)max * sizeof(*rows), CPF_WRITE);
    if (g < 0)
        return g;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_PROCLIST;
    m.m_u.m1.i1 = g;
    m.m_u.m1.i2 = max * (int32_t)sizeof(*rows);
    r = ipc_sendrec(PM_ENDPOINT, &m);
    cpf_revoke(g);
    if (r == OK)
        r = m.m_type;
    if (r == OK && total)
        *total = m.m_u.m1.i2;
    return r == OK ? m.m_u.m1.i1 : r;
}
