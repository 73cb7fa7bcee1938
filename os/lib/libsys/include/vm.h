/* vm.h: libsys's client of the VM server (lantern/vm.h has the protocol).
 * Each returns OK or a negative error.  libc's brk()/sbrk() (<unistd.h>)
 * make the VM_BRK requests. */
#ifndef LIBSYS_VM_H
#define LIBSYS_VM_H

#include <lantern/types.h>
#include <lantern/vm.h>

int vm_info(uint32_t out[VM_INFO_WORDS]);          /* VM_INFO: counts by VM_INFO_* */
int vm_copy_as(endpoint_t src, endpoint_t dst, vir_bytes va, uint32_t len);  /* admin */
int vm_fork(endpoint_t parent, endpoint_t child, vir_bytes msg_addr);     /* PM only */
int vm_exec_reset(endpoint_t ep, uint32_t window, uint32_t heap, uint32_t stack_top); /* PM only */
int vm_exec_seg(endpoint_t ep, uint32_t va, uint32_t len, int writable);            /* PM only */
int vm_check(uint32_t *bad_frame);                 /* admin: EIO names a bad frame */
/* VM_MAPPHYS: map device memory RS granted the caller; *va (0: VM picks)
 * in, the address out.  EPERM for a range the caller does not hold. */
int vm_mapphys(uint32_t base, uint32_t len, vir_bytes *va);

#endif
