/* pt_exec.c: suite proc, execve (milestone 2). */
#include "pt.h"

const int pt_exec_n = 0;

void pt_exec_tests(void)
{
}
