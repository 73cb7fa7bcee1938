/* cmd.h: what every command of commands/ shares (commands/lib/cmd.c).
 *
 * Conventions (docs/commands.md): errors go to stderr as
 * "name: path: message"; exit status 0 = success, 1 = an operation failed,
 * 2 = bad usage (with a "usage: ..." line). */
#ifndef CMD_H
#define CMD_H

extern const char *cmd_name;            /* argv[0] without its directory */

void cmd_init(int argc, char **argv);   /* sets cmd_name */
void cmd_error(const char *path);       /* "name: path: strerror(errno)" */
void cmd_msg(const char *path, const char *msg);  /* "name: path: msg" */
__attribute__((noreturn)) void cmd_usage(const char *usage);  /* exit 2 */
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
uint32_t cmd_hz(void);                  /* clock ticks per second */
/* head/tail's "[-n N] [file]": *n and the input, NULL after an open error */
FILE *cmd_lines_args(int argc, char **argv, long *n);
/* cp/mv: `to`, or `to/<base of from>` when `to` is a directory */
void cmd_target(const char *from, const char *to, char *dest, size_t size);

#endif
