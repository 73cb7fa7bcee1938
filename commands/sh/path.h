/* path.h: finding and starting a program (path.c). */
#ifndef SH_PATH_H
#define SH_PATH_H

struct shell;

/* Exec argv[0] with the shell's exported variables as the environment: a
 * name with a '/' as it is, else each directory of $PATH in turn (/bin
 * when PATH is unset).  Returns only on failure, with the status to exit
 * with: 127 not found, 126 found but not executable (message on stderr). */
int path_exec(struct shell *sh, char **argv);

#endif
