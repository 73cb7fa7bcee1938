/* jitter.h: seeded scheduling jitter (jitter.c says what and why). */
#ifndef JITTER_H
#define JITTER_H

#include "kernel.h"

struct proc;

/* Nonzero when the command line gave seed=<n>: only then does the clock
 * call jitter_tick().  Read once per clock tick, never on the IPC path. */
extern int jitter_on;

void jitter_init(void);                 /* reads seed=<n> (decimal) */
uint32_t jitter_seed(void);
void jitter_tick(struct proc *running); /* from clock_tick(), jitter_on only */

#endif
