/* unistd.h: the heap break (sys/brk.c).  Both fail with errno ENOMEM. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stdint.h>

int brk(void *addr);                 /* 0 or -1 */
void *sbrk(intptr_t increment);      /* the old break, or (void *)-1 */

#endif
