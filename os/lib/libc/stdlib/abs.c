/* abs.c: absolute values.  As in C, the most negative value has no
 * positive counterpart; the result for it is undefined (here: itself). */
#include <stdlib.h>

int abs(int x)
{
    return x < 0 ? -x : x;
}

long labs(long x)
{
    return x < 0 ? -x : x;
}

long long llabs(long long x)
{
    return x < 0 ? -x : x;
}
