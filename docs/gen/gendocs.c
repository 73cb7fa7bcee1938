/* gendocs: write the reference pages that are generated from the ABI's
 * X-macro tables, so the docs can never drift from the code:
 *   gendocs errors   > docs/errors.md        (ERRNO_TABLE)
 *   gendocs kcalls   > docs/kernel-calls.md  (KCALL_TABLE)
 *   gendocs trace    > docs/trace-events.md  (trace_events.h)
 *   gendocs mtypes   > docs/message-types.md (MTYPE_TABLE, KCALL_TABLE, NOTIFY)
 *   gendocs signals  > docs/signal-table.md  (SIGNAL_TABLE)
 * `make docs` runs it; the `docs` host test checks the committed pages. */
#include <stdio.h>
#include <string.h>
#include <lantern/errno.h>
#include <lantern/kcall.h>
#include <lantern/message.h>
#include <lantern/mtypes.h>
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>
#include <lantern/signal.h>

static void errors(void)
{
    puts("# Error codes\n");
    puts("Generated from `ERRNO_TABLE` in `os/include/lantern/errno.h` by `make docs`;");
    puts("do not edit. Inside the system (kernel, servers, drivers, libsys) every");
    puts("call returns `OK` (0) or the **negative** value of one of these codes.\n");
    puts("| name | value | meaning |");
    puts("|---|---|---|");
    puts("| `OK` | 0 | success |");
#define ROW(name, value, text) printf("| `%s` | -%d | %s |\n", #name, value, text);
    ERRNO_TABLE(ROW)
#undef ROW
    puts("\nWhich IPC operation returns which code is described in `docs/ipc.md`.");
}

static void kcalls(void)
{
    puts("# Kernel calls\n");
    puts("Generated from `KCALL_TABLE` in `os/include/lantern/kcall.h` by `make docs`;");
    puts("do not edit. A kernel call is `int $0x31` with `eax` = address of a message");
    puts("whose `m_type` is the call number; the result (OK or a negative error)");
    puts("comes back in `eax` and in the message's `m_type`. Unknown numbers give");
    puts("`EBADREQUEST`, a bad message address `EFAULT`. Argument layouts are");
    puts("documented next to each number in `kcall.h`; libsys wraps each call.\n");
    puts("| call | number | purpose |");
    puts("|---|---|---|");
#define ROW(name, nr, text) printf("| `SYS_%s` | %#x | %s |\n", #name, KCALL_BASE + nr, text);
    KCALL_TABLE(ROW)
#undef ROW
    puts("\n## Who may call\n");
    puts("Every process has a kernel-call mask (`kcall_mask` in `priv.h`); a call");
    puts("outside it fails with `ECALLDENIED` before its handler runs. User processes");
    puts("have `SYS_GETINFO`, `SYS_EXIT`, `SYS_DIAGCTL`, `SYS_TIMES`, `SYS_SETALARM`,");
    puts("`SYS_TRACECTL` and `SYS_SETGRANT` (`os/kernel/priv.c`); services have what");
    puts("RS's table gives them (`servers/rs/table.c`): every line has `SYS_SETGRANT`");
    puts("(any process may lend memory), and only the lines that list them have");
    puts("`SYS_SAFECOPYFROM`, `SYS_SAFECOPYTO` and `SYS_VSAFECOPY` (`docs/grants.md`).");
    puts("Two calls check a priv flag on top, which only RS gives (from its table)");
    puts("and no parent hands down:\n");
    puts("| call | allowed | refused |");
    puts("|---|---|---|");
    puts("| `SYS_TESTRESULT` | callers with `TEST_PROC`: the test programs RS starts from its table | `EPERM` (users and basic services: `ECALLDENIED`, they lack the call) |");
    puts("| `SYS_TRACECTL` `STATUS`, `MARK` | everyone with the call, users too | |");
    puts("| `SYS_TRACECTL` `ENABLE`, `DISABLE`, `MODE`, `CLEAR`, `ENDPOINT`, `READ` | RS and callers with `TRACE_CTL` | `EPERM` |");
    puts("| `SYS_TRACECTL` `SERVICE` | RS | `EPERM` |");
    puts("\nOne grant rule checks a priv flag the same way: a magic grant (of another");
    puts("process's memory) is honoured only if its granter has `MAGIC_GRANTS`, else");
    puts("the copy gets `EPERM` (`docs/grants.md`).");
    puts("\n`SYS_GETINFO` is open to all: `GETINFO_KINFO`'s copy of the command line");
    puts("has the harness nonce removed (the nonce never leaves the kernel).");
    puts("\n`SYS_VMPOOL` .. `SYS_VMREAP` are the VM server's alone (`lantern/vm.h`,");
    puts("`docs/vm.md`): the kernel answers `ECALLDENIED` to every process but the one");
    puts("that took the frame pool, whatever its mask says (RS's `kc_all` lines have");
    puts("them); `SYS_VMPOOL` itself only to module `vm` in its fixed slot, once.");
}

static const char *type_name(int t)
{
    switch (t) {
#define T(name, slots, text) case name: return text;
    TRACE_FIELD_TYPES(T)
#undef T
    }
    return "?";
}

static const char *cat_name(int c)
{
    switch (c) {
#define C(name, bit, text) case name: return text;
    TRACE_CATEGORIES(C)
#undef C
    }
    return "?";
}

static void trace(void)
{
    puts("# Trace events\n");
    puts("Generated from `os/include/lantern/trace_events.h` by `make docs`; do not");
    printf("edit. Trace format version %d; record layout and framing are in\n", TRACE_FORMAT_VERSION);
    puts("`docs/trace-format.md`. Fields fill the record's words `a[0..11]` in order;");
    puts("`text16` fields take four words.\n");
    puts("| id | event | category | meaning | fields |");
    puts("|---|---|---|---|---|");
#define F(name, type) printf("%s`%s`:%s", first ? "" : ", ", #name, type_name(type)), first = 0;
#define E(NAME, id, cat, text, FIELDS) { int first = 1; \
        printf("| %d | `%s` | %s | %s | ", id, #NAME, cat_name(cat), text); FIELDS(F) puts(" |"); }
    TRACE_EVENTS(E)
#undef E
#undef F
    puts("\n## Record flags (folded events)\n");
    puts("Bits of a record's `flags` byte (`TRACE_REC_FLAGS`, format version 2). Each");
    puts("stands for an event of the same kernel operation that did not get a record of");
    puts("its own; readers expand it into that event, right after the record (section");
    printf("\"Folded events\" of `docs/trace-format.md`). With `switch`, the endpoints are\n");
    printf("in the words `a[%d]` (from) and `a[%d]` (to).\n\n", TRACE_SWITCH_FROM_WORD,
           TRACE_SWITCH_TO_WORD);
    puts("| bit | flag | name | meaning |");
    puts("|---|---|---|---|");
#define FL(f, bit, name, text) printf("| %#04x | `%s` | %s | %s |\n", bit, #f, name, text);
    TRACE_REC_FLAGS(FL)
#undef FL
}

static void mtypes(void)
{
    puts("# Message types\n");
    puts("Generated from `MTYPE_TABLE` in `os/include/lantern/mtypes.h` (each protocol's");
    puts("table next to its `#define`s: `rs.h`, `pm.h`), `KCALL_TABLE` and `NOTIFY_MESSAGE`");
    puts("by `make docs`; do not edit. The tracer's `msg_type` table holds the same rows,");
    puts("so `lantern-trace` shows every `m_type` below by name. A reply's `m_type` is");
    puts("`OK` or a negative error (`docs/errors.md`), not a message type.\n");
    puts("| value | name | protocol | meaning |");
    puts("|---|---|---|---|");
#define ROW(name, proto, text) printf("| %#x | `%s` | %s | %s |\n", name, #name, proto, text);
    MTYPE_TABLE(ROW)
#undef ROW
#define ROW(name, nr, text) printf("| %#x | `SYS_%s` | kernel call | %s |\n", KCALL_BASE + nr, \
                                   #name, text);
    KCALL_TABLE(ROW)
#undef ROW
    printf("| %#x | `NOTIFY` | kernel | notification (`m_source` = the notifier) |\n",
           NOTIFY_MESSAGE);
}

static void signals(void)
{
    puts("# Signals\n");
    puts("Generated from `SIGNAL_TABLE` in `os/include/lantern/signal.h` by `make docs`;");
    puts("do not edit. libc's `<signal.h>` names, `strsignal()` and `kill -l` come from");
    puts("the same table; the model is in docs/signals.md. Numbers without a line are");
    puts("not signals (`EINVAL`).\n");
    puts("| name | number | default action | meaning |");
    puts("|---|---|---|---|");
#define SIGROW(name, nr, def, text) \
    printf("| `%s` | %d | %s | %s |\n", #name, nr, def == SIG_DEF_IGN ? "ignore" : "terminate", text);
    SIGNAL_TABLE(SIGROW)
#undef SIGROW
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "errors"))
        errors();
    else if (argc == 2 && !strcmp(argv[1], "kcalls"))
        kcalls();
    else if (argc == 2 && !strcmp(argv[1], "trace"))
        trace();
    else if (argc == 2 && !strcmp(argv[1], "mtypes"))
        mtypes();
    else if (argc == 2 && !strcmp(argv[1], "signals"))
        signals();
    else {
        fprintf(stderr, "usage: gendocs errors|kcalls|trace|mtypes|signals\n");
        return 2;
    }
    return 0;
}
