/* ipc_test.h: what the files of the ipc_test program share (ipc_test.c has
 * main and the helpers; ipc_test_reply.c tests IPC_REPLY_RECV). */
#ifndef IPC_TEST_H
#define IPC_TEST_H

#include <sys.h>
#include "peer.h"

extern endpoint_t echo_server;                 /* the boot ipc_peer, an echo server */
endpoint_t spawn_peer(int role, int param);    /* an ipc_peer copy with that role */
int wait_for_exit(endpoint_t ep);              /* ESRCDIED or EDEADSRCDST once it is gone */

#define REPLY_RECV_TESTS 13                    /* results test_reply_recv() reports */
void test_reply_recv(void);

#endif
