/* record.c: what each frame kind means for a run (struct outcome).
 *
 * handle_frame() gets only frames with the run's nonce and a good CRC
 * (frames.c).  Results are printed as they arrive; everything a run owes at
 * its end (missing or extra results, no TR_DONE, no boot) is judged later
 * from the counts kept here (verdict.c).  Frame kinds: testproto.h. */
#define _GNU_SOURCE
#include "harness.h"

/* A frame's payload, split at its NULs: "a\0b\0c" -> a, b, c ("" if absent). */
struct payload {
    char text[TR_MAX_PAYLOAD + 3];
    size_t len, l1;
    char *p2;
    const char *p3;
};

static void split_payload(struct payload *p, const char *pl, size_t len)
{
    memcpy(p->text, pl, len);
    memset(p->text + len, 0, 3);
    p->len = len;
    p->l1 = strlen(p->text);
    p->p2 = p->l1 < len ? p->text + p->l1 + 1 : p->text + len;
    p->p3 = p->p2 + strlen(p->p2) + 1;
    if (p->p3 > p->text + len)
        p->p3 = "";
}

struct suite_count *suite_of(struct outcome *o, const char *name, size_t n)
{
    if (n >= sizeof o->suites[0].name)
        n = sizeof o->suites[0].name - 1;
    for (int i = 0; i < o->nsuites; i++)
        if (strlen(o->suites[i].name) == n && !memcmp(o->suites[i].name, name, n))
            return &o->suites[i];
    if (o->nsuites == (int)(sizeof o->suites / sizeof o->suites[0]))
        return &o->suites[o->nsuites - 1];
    struct suite_count *s = &o->suites[o->nsuites++];
    memcpy(s->name, name, n);
    s->name[n] = 0;
    s->planned = -1;
    return s;
}

/* Make a payload string printable on one line. */
void clean_text(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 32 || (unsigned char)*s == 127)
            *s = ' ';
}

/* The kernel's TR_BOOTED: every boot process has run once.  Only timed (the
 * console line, boot_ms); expect=booted waits for RS's TR_BOOTDONE. */
static void on_booted(struct runctx *c)
{
    if (!c->o->booted) {
        c->o->booted = 1;
        c->o->booted_at = now_s() - c->t0;
    }
}

/* RS's TR_BOOTDONE (the kernel takes it from RS only): the boot is complete. */
static void on_bootdone(struct runctx *c)
{
    if (!c->o->bootdone) {
        c->o->bootdone = 1;
        c->o->bootdone_at = now_s() - c->t0;
    }
    if (!strcmp(c->r->expect, "booted"))
        c->o->want_stop = 1;
}

static void on_panic(struct runctx *c, const char *pl, size_t len)
{
    struct outcome *o = c->o;
    if (!o->panicked) {
        o->panicked = 1;
        snprintf(o->panic_text, sizeof o->panic_text, "%.*s", (int)len, pl);
        clean_text(o->panic_text);
    }
    o->want_stop = 1;   /* nothing useful comes after a panic */
}

/* Plans add up: a program restarted by RS plans again (and must finish). */
static void on_plan(struct runctx *c, struct payload *p, uint8_t status)
{
    struct suite_count *s = suite_of(c->o, p->text, p->l1);
    int n = *p->p2 ? atoi(p->p2) : status;
    s->planned = (s->planned < 0 ? 0 : s->planned) + n;
    s->plans++;
}

static void on_result(struct runctx *c, struct payload *p, uint8_t status)
{
    char *name = p->text, *sl = strchr(name, '/');
    suite_of(c->o, name, sl ? (size_t)(sl - name) : p->l1)->results++;
    clean_text(name);
    clean_text(p->p2);
    if (status == TR_OK)
        result_line(c, 1, name, NULL);
    else if (status == TR_SKIP)
        skip_line(c, name, *p->p2 ? p->p2 : "(no reason)");
    else
        result_line(c, 0, name, "%s", *p->p2 ? p->p2 : "failed (no reason given)");
}

static void on_bench(struct outcome *o, struct payload *p)
{
    if (o->nbench == (int)(sizeof o->bench / sizeof o->bench[0]))
        return;
    struct bench_metric *m = &o->bench[o->nbench++];
    snprintf(m->metric, sizeof m->metric, "%s", p->text);
    snprintf(m->value, sizeof m->value, "%s", p->p2);
    snprintf(m->unit, sizeof m->unit, "%s", p->p3);
    clean_text(m->metric);
    clean_text(m->value);
    clean_text(m->unit);
}

void handle_frame(struct runctx *c, uint8_t kind, uint8_t status, const char *pl, size_t len)
{
    struct outcome *o = c->o;
    int results = !strcmp(c->r->expect, "results") && !opt_bench;
    struct payload p;

    split_payload(&p, pl, len);
    o->frames++;
    if (opt_verbose && c->print)
        printf("#   frame kind=%u status=%u \"%s\"%s%s\n", kind, status, p.text,
               *p.p2 ? " / " : "", p.p2);
    switch (kind) {
    case TR_BOOTED:   on_booted(c); break;
    case TR_BOOTDONE: on_bootdone(c); break;
    case TR_PANIC:    on_panic(c, pl, len); break;
    case TR_PLAN:     on_plan(c, &p, status); break;
    case TR_DONE:     suite_of(o, p.text, p.l1)->dones++; break;
    case TR_RESULT:   if (results) on_result(c, &p, status); break;
    case TR_BENCH:
        if (opt_bench)
            on_bench(o, &p);
        else if (c->print)      /* a test's numbers (the fuzz run's counts) */
            printf("#   %s: %s = %s %s\n", c->r->name, p.text, p.p2, p.p3);
        break;
    case TR_SENDKEY:  keys_send(c, pl, len); break;
    case TR_FAULT:
        clean_text(p.text);
        if (c->print)
            printf("#   %s: guest fault: %s\n", c->r->name, p.text);
        break;
    default:
        break;
    }
}
