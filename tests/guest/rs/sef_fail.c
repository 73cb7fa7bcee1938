/* sef_fail: a boot service whose init always fails.  A boot image that
 * contains it must panic, naming it and the error (suite rs, panic runs). */
#include <sef.h>

static int init_fails(int type, const sef_init_info_t *info)
{
    (void)type;
    (void)info;
    return EIO;
}

int main(void)
{
    message m;
    sef_setcb_init_fresh(init_fails);
    sef_startup();
    for (;;)
        sef_receive(ANY, &m);
}
