/* unlisted: a program RS's table (servers/rs/table.c) deliberately does not
 * know.  A boot image that contains it must panic, naming it. */
#include <sef.h>

int main(void)
{
    sef_startup();
    return 0;
}
