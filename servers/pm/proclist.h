/* proclist.h: PM_PROCLIST, the process list for ps (proclist.c). */
#ifndef PM_PROCLIST_H
#define PM_PROCLIST_H

#include <sys.h>

int do_proclist(const message *rq, message *reply);

#endif
