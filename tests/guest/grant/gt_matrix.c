/* gt_matrix.c: the bad-input matrix of the grant run.  Every row makes one
 * bad request and must get its documented error (docs/grants.md); rows
 * that change our own registration also check that our table works
 * afterwards.  The ok rows at the edges show the checks are not too wide. */
#include <string.h>
#include "gtt.h"

extern char _end[];
static uint8_t buf[PAGE] __attribute__((aligned(4096)));
static uint8_t spare[64];
static cp_grant_id_t g_read, g_write, g_pm, g_revoked, g_stale, g_magic;
static int32_t peer_entries;

static int from(endpoint_t granter, cp_grant_id_t g, uint32_t off, vir_bytes addr, uint32_t n)
{
    return sys_safecopyfrom(granter, g, off, addr, n);
}

/* Our own table still works: a grant to ourselves copies. */
static int own_table_ok(void)
{
    cp_grant_id_t g = cpf_grant_direct(me, (vir_bytes)buf, 16, CPF_READ);
    int r = sys_safecopyfrom(me, g, 0, (vir_bytes)spare, 16);
    cpf_revoke(g);
    return r == OK;
}

static int setgrant_then_ok(vir_bytes table, uint32_t n)
{
    int r = sys_setgrant((const cp_grant_t *)table, n);
    return own_table_ok() ? r : EGENERIC;
}

static int id_negative(void)      { return from(peer, -5, 0, (vir_bytes)buf, 16); }
static int id_gen_zero(void)      { return from(peer, GRANT_ID(0, GRANT_SLOT(g_read)), 0, (vir_bytes)buf, 16); }
static int id_beyond_table(void)  { return from(peer, GRANT_ID(1, peer_entries + 3), 0, (vir_bytes)buf, 16); }
static int id_revoked(void)       { return from(peer, g_revoked, 0, (vir_bytes)buf, 16); }
static int id_stale(void)         { return from(peer, g_stale, 0, (vir_bytes)buf, 16); }
static int granter_any(void)      { return from(ANY, g_read, 0, (vir_bytes)buf, 16); }
static int granter_no_table(void) { return from(INIT_ENDPOINT, g_read, 0, (vir_bytes)buf, 16); }
static int granter_task(void)     { return from(SYSTEM, g_read, 0, (vir_bytes)buf, 16); }
static int wrong_grantee(void)    { return from(peer, g_pm, 0, (vir_bytes)buf, 16); }
static int magic_unpriv(void)     { return from(peer, g_magic, 0, (vir_bytes)buf, 16); }
static int write_read_grant(void) { return sys_safecopyto(peer, g_read, 0, (vir_bytes)buf, 16); }
static int read_write_grant(void) { return from(peer, g_write, 0, (vir_bytes)buf, 16); }
static int offset_past_end(void)  { return from(peer, g_read, PAGE + 1, (vir_bytes)buf, 0); }
static int length_past_end(void)  { return from(peer, g_read, 1, (vir_bytes)buf, PAGE); }
static int offset_len_wraps(void) { return from(peer, g_read, 0xffffff00u, (vir_bytes)buf, 0x200); }
static int edge_at_end(void)      { return from(peer, g_read, PAGE, (vir_bytes)buf, 0); }
static int edge_whole(void)       { return from(peer, g_read, 0, (vir_bytes)buf, PAGE); }
static int grant_wraps(void)      { return cpf_grant_direct(peer, 0xfffff000u, 0x2000, CPF_READ); }
static int grant_bad_bits(void)   { return cpf_grant_direct(peer, (vir_bytes)buf, 16, 0x80); }
static int grant_map_unaligned(void) { return cpf_grant_direct(peer, (vir_bytes)buf + 1, PAGE, CPF_MAP); }
static int own_unmapped(void)     { return from(peer, g_read, 0, (vir_bytes)_end - 8, 16); }
static int own_readonly(void)     { return from(peer, g_read, 0, (vir_bytes)&own_table_ok, 16); }
static int table_unmapped(void)   { return setgrant_then_ok((vir_bytes)_end, 4); }
static int table_straddles(void)  { return setgrant_then_ok((vir_bytes)_end - 32, 2); }
static int table_too_big(void)    { return setgrant_then_ok((vir_bytes)buf, GRANT_MAX_ENTRIES + 1); }

static int setgrant_bad_op(void)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m_u32[0] = (uint32_t)buf;
    m.m_u.m_u32[1] = 1;
    m.m_u.m_u32[2] = 7;
    int r = kernel_call(SYS_SETGRANT, &m);
    return own_table_ok() ? r : EGENERIC;
}

/* With no table registered our grants are gone (EPERM); cpf_reload()
 * brings them back. */
static int no_table(void)
{
    cp_grant_id_t g = cpf_grant_direct(me, (vir_bytes)buf, 16, CPF_READ);
    int r0 = sys_setgrant(NULL, 0);
    int r = sys_safecopyfrom(me, g, 0, (vir_bytes)spare, 16);
    int back = cpf_reload() == OK && sys_safecopyfrom(me, g, 0, (vir_bytes)spare, 16) == OK;
    cpf_revoke(g);
    return r0 == OK && back ? r : EGENERIC;
}

static int vec_too_long(void)
{
    static struct vscp_vec v[SCPVEC_NR + 1];
    return sys_vsafecopy(v, SCPVEC_NR + 1);
}

static int vec_unmapped(void)  { return sys_vsafecopy((struct vscp_vec *)_end, 1); }
static int vec_readonly(void)  { return sys_vsafecopy((struct vscp_vec *)&own_table_ok, 1); }

static int vec_neither_self(void)
{
    struct vscp_vec v = { .v_from = peer, .v_to = me, .v_gid = g_read, .v_addr = (vir_bytes)buf,
                          .v_bytes = 16, .v_result = 12345 };
    int r = sys_vsafecopy(&v, 1);
    return v.v_result == r ? r : EGENERIC;
}

static int revoked_note_live(void)
{
    cp_grant_id_t g = cpf_grant_direct(me, (vir_bytes)buf, 16, CPF_READ);
    cp_grant_t copy = cpf_table(NULL)[GRANT_SLOT(g)];
    int r = sys_grant_revoked(g, &copy);
    cpf_revoke(g);
    return r;
}

struct row { const char *name; int (*run)(void); int want; };
static const struct row rows[] = {
    { "bad_id_negative",           id_negative,      EINVAL },
    { "bad_id_generation_zero",    id_gen_zero,      EINVAL },
    { "bad_id_beyond_table",       id_beyond_table,  EPERM },
    { "bad_id_revoked",            id_revoked,       EPERM },
    { "bad_id_stale",              id_stale,         EPERM },
    { "bad_granter_any",           granter_any,      EBADSRCDST },
    { "bad_granter_no_table",      granter_no_table, EPERM },
    { "bad_granter_kernel_task",   granter_task,     EPERM },
    { "bad_wrong_grantee",         wrong_grantee,    EPERM },
    { "bad_magic_unprivileged",    magic_unpriv,     EPERM },
    { "bad_access_write_on_read",  write_read_grant, EPERM },
    { "bad_access_read_on_write",  read_write_grant, EPERM },
    { "bad_offset_past_end",       offset_past_end,  EPERM },
    { "bad_length_past_end",       length_past_end,  EPERM },
    { "bad_offset_length_overflow",offset_len_wraps, EPERM },
    { "ok_offset_at_end_0_bytes",  edge_at_end,      OK },
    { "ok_whole_grant",            edge_whole,       OK },
    { "bad_grant_range_wraps",     grant_wraps,      EINVAL },
    { "bad_grant_access_bits",     grant_bad_bits,   EINVAL },
    { "bad_grant_map_unaligned",   grant_map_unaligned, EINVAL },
    { "bad_own_buffer_unmapped",   own_unmapped,     EFAULT },
    { "bad_own_buffer_readonly",   own_readonly,     EFAULT },
    { "bad_table_unmapped",        table_unmapped,   EFAULT },
    { "bad_table_straddles_end",   table_straddles,  EFAULT },
    { "bad_table_too_big",         table_too_big,    E2BIG },
    { "bad_setgrant_op",           setgrant_bad_op,  EINVAL },
    { "bad_no_table_registered",   no_table,         EPERM },
    { "bad_vsafecopy_too_long",    vec_too_long,     E2BIG },
    { "bad_vsafecopy_unmapped",    vec_unmapped,     EFAULT },
    { "bad_vsafecopy_readonly",    vec_readonly,     EFAULT },
    { "bad_vsafecopy_neither_self",vec_neither_self, EINVAL },
    { "bad_revoked_note_live",     revoked_note_live,EINVAL },
};

int gt_matrix_rows(void)
{
    return (int)(sizeof(rows) / sizeof(rows[0]));
}

static void setup(void)
{
    message t;
    g_read = gt_req(peer, GP_GRANT, me, 0, PAGE, CPF_READ, 0, NULL);
    g_write = gt_req(peer, GP_GRANT, me, 0, PAGE, CPF_WRITE, 0, NULL);
    g_pm = gt_req(peer, GP_GRANT, PM_ENDPOINT, 0, PAGE, CPF_READ, 0, NULL);
    g_revoked = gt_req(peer, GP_GRANT, me, 0, PAGE, CPF_READ, 0, NULL);
    gt_req(peer, GP_REVOKE, g_revoked, 0, 0, 0, 0, NULL);
    g_stale = gt_req(peer, GP_GRANT, me, 0, PAGE, CPF_READ, 0, NULL);
    gt_req(peer, GP_REVOKE, g_stale, 0, 0, 0, 0, NULL);
    gt_req(peer, GP_GRANT, me, 0, 64, CPF_READ, 0, NULL);     /* reuses g_stale's slot */
    peer_entries = gt_req(peer, GP_TABLE, 0, 0, 0, 0, 0, &t);
    /* a magic grant of our own buffer, made by peer, which lacks MAGIC_GRANTS */
    g_magic = gt_req(peer, GP_MAGIC, me, me, 16, CPF_READ, (uint32_t)buf, NULL);
}

void gt_matrix_tests(void)
{
    char name[48];
    setup();
    for (int i = 0; i < gt_matrix_rows(); i++) {
        int got = rows[i].run();
        strncpy(name, rows[i].name, sizeof(name) - 1);
        name[sizeof(name) - 1] = 0;
        LT_CHECK(S, name, got == rows[i].want, "got %d, want %d", got, rows[i].want);
    }
}
