/* testproto.h: the test-result channel between the guest kernel and the host
 * harness.
 *
 * Test programs report through the SYS_TESTRESULT kernel call, and only
 * they may: the caller needs the priv flag TEST_PROC, which RS gives to the
 * test programs of its table and nobody hands down (EPERM otherwise; see
 * kcall.h).  Only the kernel writes to the result port (COM2), in framed
 * records that carry the per-run nonce the harness put on the kernel command
 * line (`nonce=<hex>`).  The kernel drops the nonce from its copy of the
 * command line as soon as it has read it, so no process can learn it
 * (GETINFO_KINFO, the console), nor write the port: no amount of printing
 * "ok" on the console can fake a result.
 *
 * Frame (little-endian):
 *     'L' 'T' 'R' '1'     magic
 *     u32  nonce
 *     u8   kind           TR_*
 *     u8   status         TR_OK / TR_FAIL / TR_SKIP, or per kind
 *     u16  len            payload bytes (<= TR_MAX_PAYLOAD)
 *     u8   payload[len]
 *     u32  crc32          IEEE CRC-32 of everything from nonce to payload end
 */
#ifndef LANTERN_TESTPROTO_H
#define LANTERN_TESTPROTO_H

#include <lantern/types.h>

#define TR_MAGIC          "LTR1"
#define TR_MAX_PAYLOAD    240
#define TR_PORT           0x2f8      /* COM2 */

/* kinds */
#define TR_PLAN      1   /* payload "suite\0<planned count in decimal>" */
#define TR_RESULT    2   /* payload "suite/test\0reason"; status TR_OK/FAIL/SKIP */
#define TR_DONE      3   /* payload "suite": the suite's program finished */
#define TR_BOOTED    4   /* kernel: every boot process started; payload names */
#define TR_PANIC     5   /* kernel panicked; payload the panic message */
#define TR_BENCH     6   /* payload "metric\0value\0unit" */
#define TR_FAULT     7   /* kernel: a user process faulted; payload description */
#define TR_SERVICE   8   /* a boot service is up; payload its name */
#define TR_BOOTDONE  9   /* RS: every boot service is initialised (its table's
                            SF_SYNCH_BOOT order, every init answered); payload
                            the labels started.  The kernel takes it from RS
                            only (EPERM for anyone else). */
#define TR_SENDKEY  10   /* a test asks the harness to type on the PS/2
                            keyboard: payload QEMU key names separated by
                            spaces ("h i ret", "alt-f2"); runs with keys=1
                            only (QEMU's monitor sendkey); a name with other
                            bytes than [A-Za-z0-9_-] is refused (branch vga,
                            docs/tty.md).  From TEST_PROC programs only. */

/* result status */
#define TR_OK        0
#define TR_FAIL      1
#define TR_SKIP      2

#endif
