/* check.h: RS's self-checks, only in the CHECK=1 build (check.c). */
#ifndef RS_CHECK_H
#define RS_CHECK_H

#ifdef LANTERN_CHECK
void rs_check_tables(void);
void rs_check_break(void);
#define RS_CHECK()       rs_check_tables()
#define RS_CHECK_BREAK() rs_check_break()
#else
#define RS_CHECK()       do { } while (0)
#define RS_CHECK_BREAK() do { } while (0)
#endif

#endif
