/* mtypes.h: every message type of the system, in one table.
 *
 * MTYPE_TABLE(X) calls X(NAME, "protocol", "description") for each request
 * type of each protocol; NAME is the protocol header's own #define, so X can
 * use both the value (NAME) and its spelling (#NAME).  Kernel calls
 * (KCALL_TABLE, kcall.h) and NOTIFY (message.h) are message types too and
 * are added by the consumers from their own tables.  A new server (VM, DS,
 * VFS, a driver) defines <SERVER>_MTYPE_TABLE next to its #defines in its
 * protocol header and adds it here: the tracer's msg_type dictionary
 * (tracer/store/ddl.c), docs/message-types.md (docs/gen/gendocs.c) and the
 * tracer's e2e check "every message type of a boot has a name" follow.
 *
 * Invariant: no two entries share a value (checked by the tracer's unit
 * tests, test_pics.c), so a number names one request. */
#ifndef LANTERN_MTYPES_H
#define LANTERN_MTYPES_H

#include <lantern/rs.h>
#include <lantern/pm.h>
#include <lantern/blockdev.h>
#include <lantern/vm.h>
#include <lantern/ds.h>
#include <lantern/vfs.h>
#include <lantern/fsproto.h>
#include <lantern/chardev.h>

#define MTYPE_TABLE(X) \
    RS_MTYPE_TABLE(X) \
    SEF_MTYPE_TABLE(X) \
    PM_MTYPE_TABLE(X) \
    PM_PS_MTYPE_TABLE(X) \
    BDEV_MTYPE_TABLE(X) \
    VM_MTYPE_TABLE(X) \
    DS_MTYPE_TABLE(X) \
    VFS_MTYPE_TABLE(X) \
    FS_MTYPE_TABLE(X) \
    CDEV_MTYPE_TABLE(X) \
    CONSOLE_MTYPE_TABLE(X)

#endif
