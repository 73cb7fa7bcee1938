/* tt_common.c: the tty suite's character-device client (tt.h). */
#include "tt.h"

endpoint_t tty_ep = NONE;
uint32_t last_id, last_state;

/* One request; returns the reply's m_type (or the IPC error). */
int req(int type, int minor, cp_grant_id_t g, uint32_t count, int32_t request,
               uint32_t flags, uint32_t target)
{
    static uint32_t next_id = 100;
    struct cdev_req rq = { .minor = minor, .grant = g, .count = count, .request = request,
                           .id = next_id++, .flags = flags, .target = target };
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = type;
    memcpy(m.m_u.m_u8, &rq, sizeof(rq));
    int r = ipc_sendrec(tty_ep, &m);
    if (r != OK)
        return r;
    last_id = m.m_u.m_u32[0];
    last_state = m.m_u.m_u32[1];
    if (type != CDEV_STATUS && last_id != rq.id)
        return EBADMSG;
    return m.m_type;
}

/* A read (or write) through a fresh grant over buf. */
int rw(int type, void *buf, uint32_t count, uint32_t flags)
{
    cp_grant_id_t g = cpf_grant_direct(tty_ep, (vir_bytes)buf, count,
                                       type == CDEV_READ ? CPF_WRITE : CPF_READ);
    int r = req(type, TTY_MINOR_CONSOLE, g, count, 0, flags, 0);
    if (last_state != CDEV_PENDING)
        cpf_revoke(g);
    return r;
}

int ioctl_buf(int32_t request, void *arg, uint32_t size, uint32_t access)
{
    cp_grant_id_t g = cpf_grant_direct(tty_ep, (vir_bytes)arg, size, access);
    int r = req(CDEV_IOCTL, TTY_MINOR_CONSOLE, g, 0, request, 0, 0);
    cpf_revoke(g);
    return r;
}

void type_str(const char *s)
{
    for (; *s; s++)
        ioctl_buf(TIOCSTI, (void *)s, 1, CPF_READ);
}

/* Wait for the NOTIFY, then fetch the finished request: its result. */
int wait_done(uint32_t *id)
{
    message m;
    int r = wait_message(tty_ep, NOTIFY_MESSAGE, DEADLINE, &m);
    if (r != OK)
        return r;
    r = req(CDEV_STATUS, 0, 0, 0, 0, 0, 0);
    *id = last_id;
    return last_state == CDEV_DONE ? r : EBADMSG;
}

/* Read one answer into buf (NUL-terminated); the reply's result. */
int read_now(char *buf, uint32_t size)
{
    memset(buf, 0, size);
    return rw(CDEV_READ, buf, size - 1, 0);
}

void set_mode(int canon, uint8_t vmin)
{
    struct lt_termios tio;
    ioctl_buf(TCGETS, &tio, sizeof(tio), CPF_WRITE);
    tio.c_lflag = canon ? (tio.c_lflag | LT_ICANON) : (tio.c_lflag & ~LT_ICANON);
    tio.c_cc[LT_VMIN] = vmin;
    ioctl_buf(TCSETS, &tio, sizeof(tio), CPF_READ);
}

