/* check.h: PM's self-checks, only in the CHECK=1 build (check.c). */
#ifndef PM_CHECK_H
#define PM_CHECK_H

#ifdef LANTERN_CHECK
void pm_check_tree(void);
void pm_check_break(void);
#define PM_CHECK()       pm_check_tree()
#define PM_CHECK_BREAK() pm_check_break()
#else
#define PM_CHECK()       do { } while (0)
#define PM_CHECK_BREAK() do { } while (0)
#endif

#endif
