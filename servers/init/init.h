/* init.h: INIT's parts (init.c: the banner and the reaping loop;
 * shell.c: the console and /bin/sh). */
#ifndef INIT_INIT_H
#define INIT_INIT_H

void shell_init(void);          /* console as 0, 1, 2; start /bin/sh if there is one */
void shell_reaped(int pid);     /* a child was reaped: the shell again if it was it */

#endif
