/* term.c: the terminal modes and job control of an interactive shell.
 *
 * Guarded by __has_include so this file builds on a Lantern without
 * <termios.h> (ttyvfs branch) or <signal.h> (signals branch): each part
 * does nothing until its header exists.  Invariant: while a foreground
 * job runs, the terminal's process group is the job's; between jobs it is
 * the shell's, and the terminal is in cooked mode except while a line is
 * being edited. */
#include <unistd.h>
#include "sh.h"
#include "term.h"

#if __has_include(<signal.h>)
#include <signal.h>
#define HAVE_SIGNALS 1
#endif
#if __has_include(<termios.h>)
#include <termios.h>
#define HAVE_TERMIOS 1
#endif

static int ignoring;                /* term_init set SIGINT to SIG_IGN */
static int background;              /* this process is a & job */
static pid_t job_leader;            /* the running job's group; 0: the next fork leads */
static pid_t shell_pid;             /* the interactive shell (its children take the tty) */

#ifdef HAVE_TERMIOS
static struct termios cooked;       /* the mode the shell found */
static int have_cooked;
#endif

void term_init(struct shell *sh)
{
    if (!sh->interactive)
        return;
#ifdef HAVE_SIGNALS
    signal(SIGINT, SIG_IGN);        /* ^C is for the foreground job */
    signal(SIGQUIT, SIG_IGN);
#ifdef SIGTTOU                      /* job control: the host has it, Lantern not */
    signal(SIGTTOU, SIG_IGN);       /* tcsetpgrp from a background group */
#endif
    setpgid(0, 0);
    ignoring = 1;
    shell_pid = getpid();
#endif
#ifdef HAVE_TERMIOS
    have_cooked = tcgetattr(0, &cooked) == 0;
    tcsetpgrp(0, getpid());
#endif
}

int term_raw(void)
{
#ifdef HAVE_TERMIOS
    struct termios raw;

    if (!have_cooked)
        return -1;
    raw = cooked;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    return tcsetattr(0, TCSANOW, &raw);
#else
    return -1;
#endif
}

void term_cooked(void)
{
#ifdef HAVE_TERMIOS
    if (have_cooked)
        tcsetattr(0, TCSANOW, &cooked);
#endif
}

void term_foreground_group(struct shell *sh, pid_t pid, pid_t leader)
{
    (void)pid;                      /* unused without signals and termios */
    (void)leader;
    if (!sh->interactive)
        return;
#ifdef HAVE_SIGNALS
    setpgid(pid, leader);           /* also done by the child: no race */
#endif
#ifdef HAVE_TERMIOS
    if (pid == leader)
        tcsetpgrp(0, leader);
#endif
    job_leader = leader;
    term_cooked();                  /* after tcsetpgrp: typed-ahead ^C is the job's */
}

void term_foreground(struct shell *sh, pid_t job)
{
    term_foreground_group(sh, job, job);
}

void term_reclaim(struct shell *sh)
{
    if (!sh->interactive)
        return;
#ifdef HAVE_TERMIOS
    tcsetpgrp(0, getpid());
#endif
    job_leader = 0;
}

/* A foreground child takes the terminal itself, before it execs: its own
 * group (or its pipeline's) in the foreground first, then cooked mode, so
 * what was typed ahead (a ^C, a line, ^D: the tty processes it again when
 * cooked mode returns) reaches the program and not the shell, whichever
 * of the shell and the child runs first after the fork. */
static void take_terminal(void)
{
    if (getppid() != shell_pid)
        return;                     /* deeper (a stage's own children): its group */
#ifdef HAVE_SIGNALS
    pid_t g = job_leader ? job_leader : getpid();
    setpgid(0, g);
#ifdef HAVE_TERMIOS
    tcsetpgrp(0, g);
#endif
#endif
    term_cooked();
}

void term_child(void)
{
    if (!ignoring || background)
        return;                     /* signals are as the job should have them */
#ifdef HAVE_SIGNALS
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
#ifdef SIGTTOU
    signal(SIGTTOU, SIG_DFL);
#endif
#endif
    take_terminal();
}

void term_child_background(void)
{
    background = 1;
#ifdef HAVE_SIGNALS
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
#endif
}
