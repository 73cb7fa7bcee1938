/* mirror.c: the copy of DS's store that survives DS (docs/ds.md, "DS
 * restarts").
 *
 * RS lends DS an area of its own memory, DS_STORE_BYTES long, through a
 * direct grant (read and write) to DS's current endpoint, made anew at every
 * start of DS and passed in the init request.  DS writes every change of
 * `st` through to the same offset of that area (mirror()), each change
 * before the request is answered and before any subscriber is notified, and
 * reads the whole area back in its restart callback (mirror_load()).
 * RS never looks inside it.
 *
 * Limits: a crash between two mirror() calls of one request can leave that
 * request half written; ds_rebuild_derived() then drops entries that do
 * not make sense, recounts the pending bits and rebuilds the pool map, so
 * the store is consistent, but that one request may be lost or half seen.
 * A mirror write that fails (RS's grant gone) is counted and printed, and
 * DS goes on serving from memory. */
#include "ds.h"

static int32_t gid = -1;
static uint32_t failures;

void mirror_attach(int32_t g, uint32_t bytes)
{
    gid = (bytes >= sizeof(st)) ? g : -1;
}

void mirror(const void *part, uint32_t bytes)
{
    uint32_t off = (uint32_t)((const uint8_t *)part - (const uint8_t *)&st);
    if (gid < 0)
        return;
    if (sys_safecopyto(RS_ENDPOINT, gid, off, (vir_bytes)part, bytes) != OK && !failures++)
        printf("ds: cannot write to RS's store area: DS will not survive a restart\n");
}

void mirror_all(void)
{
    mirror(&st, sizeof(st));
}

int mirror_load(void)
{
    int r;
    if (gid < 0)
        return ENOENT;
    if ((r = sys_safecopyfrom(RS_ENDPOINT, gid, 0, (vir_bytes)&st, sizeof(st))) != OK)
        return r;
    if (st.magic != DS_STORE_MAGIC || st.bytes != sizeof(st))
        return EBADMSG;
    return OK;
}
