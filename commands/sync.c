/* sync: write every cached block to the disks. */
#include <unistd.h>

int main(void)
{
    sync();
    return 0;
}
