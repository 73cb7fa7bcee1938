/* fuzz.h: the seeded kernel-call, IPC and server-request fuzzer
 * (docs/fuzzing.md).
 *
 * Three processes fuzz at once, each with its own role and privileges:
 * `fuzz` (FZ_MAIN: a test program with every kernel call), `fuzz_svc`
 * (FZ_SVC: a service with the basic calls and the safe copies) and a user
 * child of `fuzz` (FZ_USER).  Each draws rows from the tables below; a row
 * makes one call with random arguments and returns its result, which must
 * be one of the row's documented codes.  Adding a kernel call or a server
 * request is one row: a name, a function that makes the call, the roles that
 * may draw it, and the codes the call is documented to return (for every
 * caller: a caller without the call gets ECALLDENIED, a user without the
 * trap ETRAPDENIED, so those are listed where they apply).
 *
 * What a row may not do (so that a run always ends): block on a process
 * that never answers (fz_block_target), kill or stop a fuzzing process,
 * report a test result or power off from a role that has those calls
 * (those calls are drawn only by the roles that lack them). */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <string.h>
#include <sys.h>
#include <ltest.h>
#include <safecopies.h>
#include <service.h>

#define S "fuzz"
#define FZ_PAGE      4096u
#define FZ_MAX_CODES 16
#define FZ_END       1            /* ends a row's code list (no result is positive) */

enum fz_role { FZ_MAIN = 1, FZ_SVC = 2, FZ_USER = 4, FZ_ALL = 7 };

/* spawn arguments (GETINFO_WHOAMI's spawn_arg) of the fuzzer's children */
#define FZ_ARG_USER   1           /* fuzz as a user process */
#define FZ_ARG_THROW  2           /* exit at once (the SPAWN rows' children) */

struct fz_row {
    const char *name;
    int (*run)(void);
    unsigned roles;
    int codes[FZ_MAX_CODES];
};

/* The row tables (fz_kcall.c, fz_ipc.c, fz_grant.c, fz_server.c, fz_smap.c). */
extern const struct fz_row fz_kcall_rows[], fz_ipc_rows[], fz_grant_rows[], fz_server_rows[];
extern const unsigned fz_kcall_n, fz_ipc_n, fz_grant_n, fz_server_n;
extern const struct fz_row fz_smap_rows[];
extern const unsigned fz_smap_n;
void fz_smap_start(void);                 /* fz_smap.c: standing map grants */
void fz_smap_cleanup(void);               /* fz_smap.c: undo our mappings and map grants */

/* The fuzzing process's state (fz_gen.c). */
#define FZ_MAX_LIVE 24
struct fz_state {
    uint32_t rng;
    enum fz_role role;
    endpoint_t self, main, svc, user;
    endpoint_t live[FZ_MAX_LIVE];        /* live endpoints seen in GETINFO_PROCTAB */
    unsigned nlive;
    endpoint_t stale[8];                 /* endpoints of children that have exited */
    unsigned nstale;
    endpoint_t echo;
    uint32_t grant_calls;                /* SETGRANT / SAFECOPY* / VSAFECOPY made */
};
extern struct fz_state fz;
extern uint8_t fz_scratch[];             /* 2 pages the kernel may write into */

uint32_t fz_rand(void);
uint32_t fz_below(uint32_t n);
uint32_t fz_pick(const uint32_t *v, uint32_t n);
void fz_seed(uint32_t seed, enum fz_role role);
void fz_learn_live(void);
endpoint_t fz_endpoint(void);
endpoint_t fz_block_target(void);
vir_bytes fz_addr(uint32_t *len);
uint32_t fz_len(void);
void fz_message(message *m);
int fz_raw_kcall(vir_bytes msg);
void fz_note_stale(endpoint_t ep);

/* The run (fz_run.c): `calls` calls drawn from every table. */
struct fz_result {
    uint32_t calls, grant_calls;
    int32_t  bad_call;                   /* -1: every result was documented */
    int32_t  bad_result;
    uint32_t bad_row;                    /* row index in fz_row_at() order */
    uint32_t digest;                     /* a hash of every (row, result): replays match */
};
#define FZ_COVER_WORDS 64                /* one 16-bit code mask per row, two rows a word */
extern uint32_t fz_cover[FZ_COVER_WORDS];
void fz_run(uint32_t calls, struct fz_result *res);
unsigned fz_nrows(void);
const struct fz_row *fz_row_at(unsigned i);
unsigned fz_pairs(const uint32_t *cover);
void fz_revoke_all(void);                 /* fz_grant.c: our grants, at the end */
int fz_main(uint32_t seed, uint32_t calls); /* fz_main.c: the test program's run */

/* The private protocol between the fuzzing processes (fuzz.c). */
#define FZ_REPORT    0x1f00       /* m_u32: fz_result words, the cover grant id, flags */

#endif
