/* pool.c: the space for STR and MEM values, st.pool, in DS_POOL_UNIT
 * units.  The allocation map (one bit per unit) is derived: after a restart
 * it is rebuilt from the live entries (pool_mark).  First fit; a value
 * always takes whole units, so offsets stay unit aligned. */
#include "ds.h"

static uint32_t map[DS_POOL_UNITS / 32];

static uint32_t units(uint32_t bytes) { return (bytes + DS_POOL_UNIT - 1) / DS_POOL_UNIT; }
static int used(uint32_t u) { return (map[u / 32] >> (u % 32)) & 1; }

static void set_range(uint32_t first, uint32_t n, int on)
{
    for (uint32_t u = first; u < first + n; u++) {
        if (on)
            map[u / 32] |= 1u << (u % 32);
        else
            map[u / 32] &= ~(1u << (u % 32));
    }
}

void pool_reset(void) { memset(map, 0, sizeof(map)); }

int pool_range_ok(uint32_t off, uint32_t bytes)
{
    return off % DS_POOL_UNIT == 0 && bytes > 0 && bytes <= DS_MEM_MAX &&
           off < DS_POOL_BYTES && bytes <= DS_POOL_BYTES - off;
}

int pool_alloc(uint32_t bytes, uint32_t *off)
{
    uint32_t need = units(bytes ? bytes : 1), run = 0;
    for (uint32_t u = 0; u < DS_POOL_UNITS; u++) {
        if (!(u % 32) && map[u / 32] == 0xffffffffu) {
            run = 0;                            /* a full word: skip it */
            u += 31;
            continue;
        }
        run = used(u) ? 0 : run + 1;
        if (run == need) {
            set_range(u + 1 - need, need, 1);
            *off = (u + 1 - need) * DS_POOL_UNIT;
            return OK;
        }
    }
    return ENOSPC;
}

void pool_free(uint32_t off, uint32_t bytes)
{
    set_range(off / DS_POOL_UNIT, units(bytes ? bytes : 1), 0);
}

/* Rebuilding: a live value's units.  A unit already taken means two entries
 * claim it; the second keeps its bytes but the map stays consistent. */
void pool_mark(uint32_t off, uint32_t bytes)
{
    set_range(off / DS_POOL_UNIT, units(bytes ? bytes : 1), 1);
}
