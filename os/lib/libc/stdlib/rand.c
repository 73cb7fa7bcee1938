/* rand.c: pseudo-random numbers with xorshift32 (Marsaglia, 2003).
 *
 * Invariant: state is never 0 (xorshift would then stay at 0 forever).
 * The sequence is the same on every run unless srand() is called; it is
 * not suitable for anything security related. */
#include <stdlib.h>
#include <stdint.h>

static uint32_t state = 2463534242u;

void srand(unsigned int seed)
{
    /* Spread small seeds over all bits so srand(1) and srand(2) differ at
     * once; avoid the forbidden all-zero state. */
    state = (uint32_t)seed * 2654435761u ^ 0x9e3779b9u;
    if (state == 0)
        state = 2463534242u;
}

int rand(void)
{
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return (int)(state >> 1);           /* 0 .. RAND_MAX (2^31 - 1) */
}
