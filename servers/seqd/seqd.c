/* seqd: hands out unique, increasing numbers (SEQ_NEXT, lantern/ds.h), and
 * never the same one twice, even across its own crashes.
 *
 * The promise needs state that outlives the process: the next number is
 * kept in DS as the U32 entry "seqd.next" (owned by the label "seqd", so a
 * restarted seqd, which has the same label, may overwrite it).  Each number
 * is written to DS *before* it is answered, so a crash between the two
 * loses a number but never repeats one.  The restart callback reads the
 * entry back; the fresh one starts at 1. */
#include <stdio.h>
#include <sef.h>
#include <datastore.h>

#define KEY "seqd.next"

static uint32_t next_nr;

static int init_fresh(int type, const sef_init_info_t *info)
{
    (void)type;
    (void)info;
    next_nr = 1;
    return ds_publish_u32(KEY, next_nr, DSF_OVERWRITE);
}

static int init_restart(int type, const sef_init_info_t *info)
{
    (void)type;
    (void)info;
    return ds_retrieve_u32(KEY, &next_nr);    /* an error: RS takes seqd down */
}

static int next(message *m)
{
    int r = ds_publish_u32(KEY, next_nr + 1, DSF_OVERWRITE);
    if (r != OK)
        return r;                              /* not saved: not handed out */
    m->m_u.m1.i1 = (int32_t)next_nr++;
    return OK;
}

int main(void)
{
    message m;
    endpoint_t who;

    sef_setcb_init_fresh(init_fresh);
    sef_setcb_init_restart(init_restart);
    sef_startup();
    sef_receive(ANY, &m);
    for (;;) {
        if (IS_NOTIFY(m.m_type)) {
            sef_receive(ANY, &m);
            continue;
        }
        who = m.m_source;
        m.m_type = m.m_type == SEQ_NEXT ? next(&m) : EBADREQUEST;
        sef_reply_receive(who, &m, ANY);
    }
}
