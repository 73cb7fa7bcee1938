/* exit.c: normal process termination and atexit().
 *
 * exit(status): run the atexit() handlers, newest first (a handler may
 * itself call atexit; that one runs too), flush stdio, then _Exit().
 * _stdio_flushall is a weak reference: a program that never used stdio does
 * not drag the stdio code in just to flush nothing. */
#include <stdlib.h>
#include "../internal.h"

#define ATEXIT_MAX 16

extern void _stdio_flushall(void) __attribute__((weak));

static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

int atexit(void (*fn)(void))
{
    if (nhandlers == ATEXIT_MAX)
        return -1;
    handlers[nhandlers++] = fn;
    return 0;
}

void exit(int status)
{
    while (nhandlers > 0)
        handlers[--nhandlers]();
    if (_stdio_flushall)
        _stdio_flushall();
    _Exit(status);
}
