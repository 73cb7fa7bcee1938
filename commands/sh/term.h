/* term.h: the terminal and job control (term.c).
 *
 * Only an interactive shell uses them: each foreground job gets its own
 * process group and the terminal (tcsetpgrp), the shell ignores SIGINT
 * and the signals of a background terminal write, the line is edited in
 * raw mode and commands run in cooked mode.  Where the system lacks
 * <termios.h> or <signal.h> (Lantern before its tty and signal work is
 * merged) these calls do nothing and the shell reads plain lines. */
#ifndef SH_TERM_H
#define SH_TERM_H

#include <sys/types.h>

struct shell;

void term_init(struct shell *sh);           /* at start: signals, our group */
int  term_raw(void);                        /* 0, or -1: no raw mode here */
void term_cooked(void);
void term_foreground(struct shell *sh, pid_t job);   /* give it the terminal */
/* A pipeline stage: into the group of its first stage (leader). */
void term_foreground_group(struct shell *sh, pid_t pid, pid_t leader);
void term_reclaim(struct shell *sh);        /* the terminal back to the shell */
void term_child(void);                      /* in a child: default signals */
void term_child_background(void);           /* a & job: ignores ^C */

#endif
