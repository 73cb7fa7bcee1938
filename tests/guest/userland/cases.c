/* cases.c: what each command must print and return (cmd_test.c runs them
 * in this order; later cases see the files earlier ones made).  The RAM
 * disk holds /etc/motd, /data/hello.txt, /data/big.txt (lines 0000000 to
 * 0019999) and an empty /tmp. */
#include <stddef.h>
#include "cases.h"

#define HELLO "hello, file system\n"
#define MOTD  "Welcome to Lantern.\n"

const struct cmd_case cmd_cases[] = {
    { "true", "true", NULL, NULL, "", "", 0, 0 },
    { "false", "false", NULL, NULL, "", "", 1, 0 },
    { "echo", "echo_cmd", "hello world", NULL, "hello world\n", "", 0, 0 },
    { "echo_n", "echo_cmd", "-n a b", NULL, "a b", "", 0, 0 },
    { "echo_empty", "echo_cmd", NULL, NULL, "\n", "", 0, 0 },
    { "cat_file", "cat", "/data/hello.txt", NULL, HELLO, "", 0, 0 },
    { "cat_two", "cat", "/etc/motd /data/hello.txt", NULL, MOTD HELLO, "", 0, 0 },
    { "cat_stdin", "cat", NULL, "/etc/motd", MOTD, "", 0, 0 },
    { "cat_missing", "cat", "/nope /etc/motd", NULL, MOTD,
      "cat: /nope: no such entry\n", 1, 0 },
    { "cat_dir", "cat", "/etc", NULL, "", "cat: /etc: is a directory\n", 1, 0 },
    { "wc", "wc", "/data/hello.txt", NULL, "      1       3      19 /data/hello.txt\n", "", 0, 0 },
    { "wc_l_stdin", "wc", "-l", "/data/big.txt", "  20000\n", "", 0, 0 },
    { "wc_total", "wc", "-c /etc/motd /data/hello.txt", NULL,
      "     20 /etc/motd\n     19 /data/hello.txt\n     39 total\n", "", 0, 0 },
    { "wc_bad_option", "wc", "-z", NULL, "",
      "wc: unknown option -- 'z'\nusage: wc [-lwc] [file...]\n", 2, 0 },
    { "head", "head", "-n 3 /data/big.txt", NULL, "0000000\n0000001\n0000002\n", "", 0, 0 },
    { "head_default", "head", "/etc/motd", NULL, MOTD, "", 0, 0 },
    { "head_bad_n", "head", "-n x /etc/motd", NULL, "", "usage: head [-n N] [file]\n", 2, 0 },
    { "tail", "tail", "-n 2 /data/big.txt", NULL, "0019998\n0019999\n", "", 0, 0 },
    { "tail_stdin", "tail", "-n 1", "/data/hello.txt", HELLO, "", 0, 0 },
    { "tail_more_than_file", "tail", "-n 5 /etc/motd", NULL, MOTD, "", 0, 0 },
    { "grep", "grep", "^001999[89]$ /data/big.txt", NULL, "0019998\n0019999\n", "", 0, 0 },
    { "grep_n_i", "grep", "-n -i welcome /etc/motd", NULL, "1:" MOTD, "", 0, 0 },
    { "grep_c_v", "grep", "-c -v 0 /data/big.txt", NULL, "0\n", "", 1, 0 },
    { "grep_stdin", "grep", "file", "/data/hello.txt", HELLO, "", 0, 0 },
    { "grep_no_match", "grep", "zzz /etc/motd", NULL, "", "", 1, 0 },
    { "grep_bad_regex", "grep", "a( /etc/motd", NULL, "", NULL, 2, 0 },
    { "grep_missing", "grep", "a /nope", NULL, "", "grep: /nope: no such entry\n", 2, 0 },
    { "mkdir", "mkdir", "/tmp/d", NULL, "", "", 0, 0 },
    { "mkdir_exists", "mkdir", "/tmp/d", NULL, "", "mkdir: /tmp/d: already exists\n", 1, 0 },
    { "mkdir_p", "mkdir", "-p /tmp/d/e/f", NULL, "", "", 0, 0 },
    { "cp", "cp", "/data/hello.txt /tmp/d/h", NULL, "", "", 0, 0 },
    { "cp_into_dir", "cp", "/etc/motd /tmp/d", NULL, "", "", 0, 0 },
    { "cp_check", "cat", "/tmp/d/h /tmp/d/motd", NULL, HELLO MOTD, "", 0, 0 },
    { "cp_usage", "cp", "/etc/motd", NULL, "", "usage: cp from to\n", 2, 0 },
    { "ln", "ln", "/tmp/d/h /tmp/d/h2", NULL, "", "", 0, 0 },
    { "mv", "mv", "/tmp/d/h2 /tmp/d/e/h3", NULL, "", "", 0, 0 },
    { "ls", "ls", "/tmp/d", NULL, "e\nh\nmotd\n", "", 0, 0 },
    { "ls_a", "ls", "-a /tmp/d/e", NULL, ".\n..\nf\nh3\n", "", 0, 0 },
    { "ls_l", "ls", "-l /tmp/d/e", NULL,
      "drwxr-xr-x  2      128 f\n-rw-r--r--  2       19 h3\n", "", 0, 0 },
    { "ls_missing", "ls", "/nope", NULL, "", "ls: /nope: no such entry\n", 1, 0 },
    { "ls_file", "ls", "/etc/motd", NULL, "/etc/motd\n", "", 0, 0 },
    { "rmdir_not_empty", "rmdir", "/tmp/d/e", NULL, "", "rmdir: /tmp/d/e: directory not empty\n", 1, 0 },
    { "rm_dir_refused", "rm", "/tmp/d", NULL, "", "rm: /tmp/d: is a directory\n", 1, 0 },
    { "rm_f_missing", "rm", "-f /tmp/none", NULL, "", "", 0, 0 },
    { "rm_missing", "rm", "/tmp/none", NULL, "", "rm: /tmp/none: no such entry\n", 1, 0 },
    { "rmdir", "rmdir", "/tmp/d/e/f", NULL, "", "", 0, 0 },
    { "rm_r", "rm", "-r /tmp/d", NULL, "", "", 0, 0 },
    { "rm_r_check", "ls", "/tmp", NULL, "cmd.err\ncmd.out\n", "", 0, 0 },
};
const int cmd_ncases = sizeof(cmd_cases) / sizeof(cmd_cases[0]);

/* The second run (cmd_test:time), with its own boot modules: the kernel
 * takes at most 24. */
const struct cmd_case cmd_time_cases[] = {
    { "sleep", "sleep", "1", NULL, "", "", 0, 0 },     /* and takes >= 1 s */
    /* the sleep command itself is under test here: its bad-usage answers */
    { "sleep_usage", "sleep", "x", NULL, "", "usage: sleep seconds\n", 2, 0 },
    { "sleep_no_args", "sleep", NULL, NULL, "", "usage: sleep seconds\n", 2, 0 },
    { "sync", "sync", NULL, NULL, "", "", 0, 0 },
    { "uptime", "uptime", NULL, NULL, "up 0:00:", "", 0, 1 },
    { "uptime_usage", "uptime", "x", NULL, "", "usage: uptime \n", 2, 0 },
};
const int cmd_time_ncases = sizeof(cmd_time_cases) / sizeof(cmd_time_cases[0]);
