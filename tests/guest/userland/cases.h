/* cases.h: the table of command runs checked by cmd_test (cases.c). */
#ifndef USERLAND_CASES_H
#define USERLAND_CASES_H

struct cmd_case {
    const char *name;       /* the test name */
    const char *prog;       /* boot module */
    const char *args;       /* argv[1..], split at blanks */
    const char *in;         /* file on stdin, or NULL (no descriptor 0) */
    const char *out, *err;  /* exact expected stdout and stderr */
    int status;             /* expected exit status */
    int prefix;             /* 1: stdout must only start with out */
};

/* Run "files" (the default) and run "time" (cmd_test's argument). */
extern const struct cmd_case cmd_cases[], cmd_time_cases[];
extern const int cmd_ncases, cmd_time_ncases;

#endif
