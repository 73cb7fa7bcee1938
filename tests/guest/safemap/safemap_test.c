/* safemap_test: suite `safemap` (docs/grants.md "safemap", docs/testing.md).
 *
 * The requestor (grantee) of MINIX's test/safemap, driving smap_peer (the
 * granter) by requests instead of notify ping-pong: each step of a
 * scenario is a request, so the order is the one the reference's
 * notifications enforce.  Every test ends with no mapping of its own left
 * and checks that VM's free frames and live mappings are back where they
 * were (deadline poll: VM reaps lazily) and that every frame's count
 * matches its mappings (VM_CHECK). */
#include <string.h>
#include <vm.h>
#include "sp.h"

endpoint_t me, peer;
uint32_t peer_buf;

int main(void)
{
    struct whoami_info w;
    message info;

    sef_startup();
    sys_whoami(&w);
    me = w.endpoint;
    peer = sys_find_proc("smap_peer");
    ltest_plan(S, SM_SEED_TESTS + SM_LIFE_TESTS + SM_BAD_TESTS);
    sp_req(peer, SP_INFO, 0, 0, 0, 0, 0, &info);
    peer_buf = info.m_u.m1.p1;
    sm_seed_tests();
    sm_life_tests();
    sm_bad_tests();
    ltest_finish();
}
