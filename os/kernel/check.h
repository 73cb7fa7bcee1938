/* check.h: the CHECK=1 build's invariant checks (check.c says which).
 *
 * Only a kernel compiled with -DLANTERN_CHECK (make CHECK=1, build dir
 * build/check) has them; in the normal build every hook below is an empty
 * statement, so the IPC path and its page (.text.hot) do not change. */
#ifndef CHECK_H
#define CHECK_H

#include "kernel.h"

#ifdef LANTERN_CHECK
void check_init(void);                  /* reads checkbreak=<name> */
void check_kernel_exit(void);           /* the run queues; panics if broken */
void check_tick(void);                  /* slots, privileges, poisoned frames */
void check_frame_freed(phys_bytes pa);  /* poison a freed frame */
void check_frame_taken(phys_bytes pa);  /* was it written while free? */
#define CHECK_INIT()            check_init()
#define CHECK_KERNEL_EXIT()     check_kernel_exit()
#define CHECK_TICK()            check_tick()
#define CHECK_FRAME_FREED(pa)   check_frame_freed(pa)
#define CHECK_FRAME_TAKEN(pa)   check_frame_taken(pa)
#else
#define CHECK_INIT()            do { } while (0)
#define CHECK_KERNEL_EXIT()     do { } while (0)
#define CHECK_TICK()            do { } while (0)
#define CHECK_FRAME_FREED(pa)   do { (void)(pa); } while (0)
#define CHECK_FRAME_TAKEN(pa)   do { (void)(pa); } while (0)
#endif

#endif
