/* crashd.h: the protocol of crashd, the rs and sef suites' test driver. */
#ifndef CRASHD_H
#define CRASHD_H

#define CD_ECHO   0x1100   /* reply: i1 init type, i2 restarts, i3 pings seen by
                              the program (must stay 0), i4 requests served,
                              p1 pings SEF answered (this incarnation) */
#define CD_CRASH  0x1101   /* fault (page fault on NULL): no reply */
#define CD_EXIT   0x1102   /* exit(3): no reply */
#define CD_HANG   0x1103   /* spin forever without receiving: no reply */

#endif
