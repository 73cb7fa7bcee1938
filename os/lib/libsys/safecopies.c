/* safecopies.c: this process's grant table (docs/grants.md).
 *
 * Invariants:
 *   - once registered, `table` (entries long) is the table the kernel has:
 *     a bigger table is registered before the old one is dropped, and a
 *     failed registration leaves the old one in place;
 *   - a slot's cp_gen is the generation of the last grant it held; taking
 *     the slot again increments it (1 after GRANT_GEN_MAX, never 0), so the
 *     id of a revoked grant never matches the slot's next grant;
 *   - cp_flags is written last when a grant is made and cleared first (one
 *     atomic exchange) when it is revoked: the kernel, which reads the entry
 *     while this process is stopped, sees a whole grant or none.  The
 *     kernel may set CPF_TRACED in a live entry (grant.c); the exchange
 *     returns it, and the revocation of a traced grant is reported.
 */
#include <stdlib.h>
#include <string.h>
#include <safecopies.h>

static cp_grant_t first_table[GRANT_FIRST_ENTRIES] __attribute__((aligned(32)));
static cp_grant_t *table = first_table;
static uint32_t entries = GRANT_FIRST_ENTRIES;
static int registered;

uint32_t cpf_table_size(void)
{
    return entries;
}

const cp_grant_t *cpf_table(uint32_t *n)
{
    if (n)
        *n = entries;
    return table;
}

int cpf_reload(void)
{
    int r = sys_setgrant(table, entries);
    registered = r == OK;
    return r;
}

/* Twice (plus two) as many entries, registered before the old are dropped. */
static int grow(void)
{
    uint32_t n = (entries + 1) * 2;
    cp_grant_t *t, *old = table;
    int r;

    if (n > GRANT_MAX_ENTRIES)
        n = GRANT_MAX_ENTRIES;
    if (n <= entries || !(t = malloc(n * sizeof(*t))))
        return ENOSPC;
    memcpy(t, table, entries * sizeof(*t));
    memset(t + entries, 0, (n - entries) * sizeof(*t));
    if ((r = sys_setgrant(t, n)) != OK) {
        free(t);
        return r;
    }
    table = t;
    entries = n;
    registered = 1;
    if (old != first_table)
        free(old);
    return OK;
}

/* Take a free slot (a new generation, CPF_USED, not yet valid). */
static int take_slot(void)
{
    int r;

    if (!registered && (r = sys_setgrant(table, entries)) != OK)
        return r;
    registered = 1;
    for (;;) {
        for (uint32_t i = 0; i < entries; i++) {
            cp_grant_t *e = &table[i];
            if (e->cp_flags & CPF_USED)
                continue;
            e->cp_gen = e->cp_gen >= GRANT_GEN_MAX ? 1 : e->cp_gen + 1;
            e->cp_flags = CPF_USED;
            return (int)i;
        }
        if ((r = grow()) != OK)
            return r;
    }
}

/* Make the filled slot a grant: the flags go last. */
static cp_grant_id_t publish(int slot, uint32_t flags)
{
    __atomic_store_n(&table[slot].cp_flags, flags | CPF_USED | CPF_VALID, __ATOMIC_RELEASE);
    return GRANT_ID(table[slot].cp_gen, slot);
}

static int bad_range(vir_bytes addr, uint32_t bytes, uint32_t access)
{
    if (!(access & CPF_ACCESS) || (access & ~CPF_ACCESS))
        return 1;
    if (addr + bytes < addr)
        return 1;
    return (access & CPF_MAP) && ((addr | bytes) & (4096 - 1));
}

static cp_grant_id_t make(endpoint_t to, endpoint_t from, vir_bytes addr, uint32_t bytes,
                          uint32_t flags)
{
    int s = take_slot();
    if (s < 0)
        return s;
    table[s].cp_to = to;
    table[s].cp_from = from;
    table[s].cp_addr = addr;
    table[s].cp_len = bytes;
    table[s].cp_grant = GRANT_INVALID;
    return publish(s, flags);
}

cp_grant_id_t cpf_grant_direct(endpoint_t to, vir_bytes addr, uint32_t bytes, uint32_t access)
{
    if (bad_range(addr, bytes, access))
        return EINVAL;
    return make(to, NONE, addr, bytes, CPF_DIRECT | access);
}

cp_grant_id_t cpf_grant_magic(endpoint_t to, endpoint_t from, vir_bytes addr, uint32_t bytes,
                              uint32_t access)
{
    if (bad_range(addr, bytes, access))
        return EINVAL;
    return make(to, from, addr, bytes, CPF_MAGIC | access);
}

/* No access bits: the final grant of the chain decides. */
cp_grant_id_t cpf_grant_indirect(endpoint_t to, endpoint_t from, cp_grant_id_t his_gid)
{
    int s = take_slot();
    if (s < 0)
        return s;
    table[s].cp_to = to;
    table[s].cp_from = from;
    table[s].cp_addr = 0;
    table[s].cp_len = 0;
    table[s].cp_grant = his_gid;
    return publish(s, CPF_INDIRECT);
}

/* The entry of g if g is a grant we hold now, else NULL. */
static cp_grant_t *live(cp_grant_id_t g)
{
    cp_grant_t *e;
    if (!GRANT_WELL_FORMED(g) || GRANT_SLOT(g) >= entries)
        return NULL;
    e = &table[GRANT_SLOT(g)];
    if (!(e->cp_flags & CPF_VALID) || e->cp_gen != GRANT_GEN(g))
        return NULL;
    return e;
}

int cpf_revoke(cp_grant_id_t g)
{
    cp_grant_t *e = live(g), old;

    if (!e)
        return EINVAL;
    if (e->cp_flags & CPF_MAP)
        sys_saferevmap(g);              /* mappings first: no grantee left mapped */
    old = *e;
    old.cp_flags = __atomic_exchange_n(&e->cp_flags, 0, __ATOMIC_SEQ_CST);
    if (old.cp_flags & CPF_TRACED)
        sys_grant_revoked(g, &old);     /* only the trace needs it */
    return OK;
}

int cpf_lookup(cp_grant_id_t g, endpoint_t *granter, endpoint_t *grantee)
{
    cp_grant_t *e = live(g);

    if (!e)
        return EINVAL;
    if (granter)
        *granter = (e->cp_flags & CPF_DIRECT) ? SELF : e->cp_from;
    if (grantee)
        *grantee = e->cp_to;
    return OK;
}
