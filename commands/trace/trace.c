/* trace: control the kernel's trace ring from the shell.
 *
 *   trace status                     what is on, mode, records written, lost
 *   trace on  <categories|all>       e.g. trace on ipc,kcall
 *   trace off <categories|all>
 *   trace mode overwrite|discard
 *   trace clear                      forget every record
 *   trace only <label|endpoint|all>  record only these endpoints (adds one;
 *                                    all: everyone again)
 *   trace mark <tag> [text]          a MARK event, to find a moment in the trace
 *
 * Categories: the names in os/include/lantern/trace_events.h (ipc, kcall,
 * grant, sched, proc, vm, user, meta).  Exit status 0 on success, 1 when the
 * kernel refused, 2 on a usage error.
 *
 * Run as a user program (the only way RS's table runs it), only status and
 * mark work: steering the recorder needs TRACE_CTL, and the kernel refuses
 * the rest with EPERM (kcall.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <service.h>
#include <lantern/trace_events.h>
#include <lantern/trace_ring.h>

static const struct { const char *name; uint32_t bit; } cats[] = {
#define TRACE_CAT_ENTRY(sym, bit, name) { name, bit },
    TRACE_CATEGORIES(TRACE_CAT_ENTRY)
#undef TRACE_CAT_ENTRY
};

static int usage(void)
{
    fprintf(stderr, "usage: trace status | on <cats|all> | off <cats|all> | mode overwrite|discard\n"
                    "       trace clear | only <label|endpoint|all> | mark <tag> [text]\n");
    return 2;
}

/* "ipc,kcall" -> mask; 0 with *bad set for an unknown name. */
static uint32_t parse_cats(const char *list, int *bad)
{
    uint32_t mask = 0;
    char word[16];
    *bad = 0;
    if (!strcmp(list, "all"))
        return TC_ALL;
    while (*list) {
        size_t n = strcspn(list, ",");
        unsigned i;
        if (n >= sizeof(word)) {
            *bad = 1;
            return 0;
        }
        memcpy(word, list, n);
        word[n] = 0;
        for (i = 0; i < sizeof(cats) / sizeof(cats[0]) && strcmp(cats[i].name, word); i++)
            ;
        if (i == sizeof(cats) / sizeof(cats[0])) {
            fprintf(stderr, "trace: unknown category '%s'\n", word);
            *bad = 1;
            return 0;
        }
        mask |= cats[i].bit;
        list += n + (list[n] == ',');
    }
    return mask;
}

static int done(int r)
{
    if (r == OK)
        return 0;
    fprintf(stderr, "trace: %s\n", strerror(r));
    return 1;
}

static int status(void)
{
    message st;
    int r = sys_tracectl(TRACECTL_STATUS, 0, 0, 0, &st);
    if (r != OK)
        return done(r);
    printf("trace: on:");
    for (unsigned i = 0; i < sizeof(cats) / sizeof(cats[0]); i++)
        if (st.m_u.m2.w1 & cats[i].bit)
            printf(" %s", cats[i].name);
    printf("\n       mode %s, %u records in the ring, %llu written, %llu dropped (discard mode)\n",
           st.m_u.m2.w2 == TRACE_MODE_DISCARD ? "discard" : "overwrite", st.m_u.m2.w3,
           (unsigned long long)st.m_u.m2.t1, (unsigned long long)st.m_u.m2.t2);
    return 0;
}

static int only(const char *who)
{
    endpoint_t ep;
    char *end;
    if (!strcmp(who, "all"))
        return done(sys_tracectl(TRACECTL_ENDPOINT, ANY, 1, 0, NULL));
    ep = (endpoint_t)strtol(who, &end, 10);
    if (*end && rs_lookup(who, &ep) != OK) {
        fprintf(stderr, "trace: no service or endpoint '%s'\n", who);
        return 1;
    }
    return done(sys_tracectl(TRACECTL_ENDPOINT, ep, 1, 0, NULL));
}

int main(int argc, char **argv)
{
    int bad;
    if (argc < 2)
        return usage();
    if (!strcmp(argv[1], "status") && argc == 2)
        return status();
    if (!strcmp(argv[1], "clear") && argc == 2)
        return done(sys_tracectl(TRACECTL_CLEAR, 0, 0, 0, NULL));
    if ((!strcmp(argv[1], "on") || !strcmp(argv[1], "off")) && argc == 3) {
        uint32_t mask = parse_cats(argv[2], &bad);
        if (bad)
            return usage();
        return done(sys_tracectl(argv[1][1] == 'n' ? TRACECTL_ENABLE : TRACECTL_DISABLE,
                                 (int)mask, 0, 0, NULL));
    }
    if (!strcmp(argv[1], "mode") && argc == 3) {
        if (strcmp(argv[2], "overwrite") && strcmp(argv[2], "discard"))
            return usage();
        return done(sys_tracectl(TRACECTL_MODE, !strcmp(argv[2], "discard") ? TRACE_MODE_DISCARD
                                 : TRACE_MODE_OVERWRITE, 0, 0, NULL));
    }
    if (!strcmp(argv[1], "only") && argc == 3)
        return only(argv[2]);
    if (!strcmp(argv[1], "mark") && (argc == 3 || argc == 4))
        return done(sys_trace_mark((uint32_t)strtoul(argv[2], NULL, 0), 0, 0,
                                   argc == 4 ? argv[3] : ""));
    return usage();
}
