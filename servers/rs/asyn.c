/* asyn.c: RS's one SENDA table (the kernel keeps one per process).
 *
 * RS must never wait for a service, so everything it sends unasked goes
 * out through SENDA: slot RS_ASYN_INIT + i carries the init request of
 * rproc[i], RS_ASYN_LABEL + i the DS_LABEL_UPDATE for rproc[i] (dslink.c),
 * RS_ASYN_FAULT + i an RS_FAULT order to rproc[i] (SEF_FAULT).  A slot
 * is simply overwritten by the next message for it: only the newest init or
 * label of a service matters.  The entry is made invalid while it is
 * rewritten, so the kernel never delivers half a message. */
#include "rs.h"

static asynmsg_t tab[RS_ASYN_SLOTS];

int rs_asyn_post(int slot, endpoint_t dst, const message *m)
{
    asynmsg_t *e = &tab[slot];
    e->flags = AMF_EMPTY;
    memset(e, 0, sizeof(*e));
    e->dst = dst;
    memcpy(e->msg, m, sizeof(*m));
    e->flags = AMF_VALID;
    return ipc_senda(tab, RS_ASYN_SLOTS);
}
