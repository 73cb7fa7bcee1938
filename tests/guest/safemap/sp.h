/* sp.h: the safemap suite's shared pieces (tests/guest/safemap/).
 *
 * smap_peer is the granter (and, for the exit and indirect tests, a
 * grantee or an intermediate) the test steers by messages.  Every request
 * is a sendrec; the answer's m_type is OK or an error, m1.i1 the result. */
#ifndef SP_H
#define SP_H

#include <sys.h>
#include <sef.h>
#include <ltest.h>
#include <safecopies.h>
#include <lantern/safemap.h>

#define PAGE        4096u
#define SP_BUF      (64u * PAGE)       /* the peer's granted buffer */
#define SP_MBUF     (16u * PAGE)       /* where the peer maps (as a grantee) */

#define SP_GRANT     0x5301   /* i1 grantee, i2 offset in buf, i3 bytes, i4 access -> gid */
#define SP_GRANT_ABS 0x5302   /* i1 grantee, p1 address, i3 bytes, i4 access -> gid */
#define SP_INDIRECT  0x5303   /* i1 grantee, i2 from, i3 his gid -> gid */
#define SP_REVOKE    0x5304   /* i1 gid -> cpf_revoke() */
#define SP_REVMAP    0x5305   /* i1 gid -> sys_saferevmap() */
#define SP_SET       0x5306   /* i2 offset, i3 value: the word of buf at offset */
#define SP_GET       0x5307   /* i2 offset -> the word of buf */
#define SP_MAP       0x5308   /* i1 granter, i2 gid, i3 bytes, i4 writable -> sys_safemap(mbuf) */
#define SP_UNMAP     0x5309   /* -> sys_safeunmap(mbuf) */
#define SP_MGET      0x530a   /* i2 offset -> the word of mbuf */
#define SP_FORK      0x530b   /* i2 offset, i3 value: a child that, released, writes it -> pid */
#define SP_RELEASE   0x530c   /* release the child, wait -> its status */
#define SP_INFO      0x530d   /* -> p1 buf, p2 a text page, p3 mbuf */
#define SP_EXIT      0x530e   /* answer, then exit(0) */
#define SP_REVOKE_IN 0x530f   /* i1 gid, i2 ticks: cpf_revoke(gid) that many ticks later */
#define SP_GO        0x5310   /* peer -> its forked child: go on */
#define SP_MSET      0x5311   /* i2 offset, i3 value: write the word of mbuf */

#define SP_DEADLINE  500      /* ticks: the deadline of every wait */

/* safemap_test.c */
extern endpoint_t me, peer;
extern uint32_t peer_buf;
/* sp_common.c (both programs) */
int32_t sp_req(endpoint_t to, int type, int32_t i1, int32_t i2, int32_t i3, int32_t i4,
               uint32_t p1, message *out);
uint32_t sp_info(int word);                  /* vm_info word */
uint32_t sp_free(void);                      /* free frames: VM's and the kernel's */
int sp_settled(uint32_t free0, uint32_t smaps0); /* deadline poll: frames and records back */
void sp_tick(void);                          /* one clock tick (a poll interval) */
int sp_fork(endpoint_t *ep);                 /* PM_FORK: pid (0 in the child), -1 */
int sp_wait(int pid);                        /* the child's exit status, or -1 */

/* the groups, each reporting its tests */
void sm_seed_tests(void);      /* sm_seed.c: MINIX's six scenarios and the COW case */
#define SM_SEED_TESTS 14
void sm_life_tests(void);      /* sm_life.c: revocation in use, exits, indirect, limits */
#define SM_LIFE_TESTS 10
void sm_bad_tests(void);       /* sm_bad.c: bad input, each with its error */
#define SM_BAD_TESTS 23

#define S "safemap"

#endif
