/* vt_common.c: the screen tests' helpers (vt.h): the character-device
 * client (writes to a minor through a grant), VM_MAPPHYS, and the screen
 * as the hardware shows it (this program's own mapping of VGA memory, the
 * CRTC registers through its ports). */
#include "vt.h"

#define VC_PAGE 0x1000

endpoint_t tty_ep = NONE;
uint32_t vt_last_state;
static volatile const uint16_t *screen;

static int request(int type, int minor, cp_grant_id_t g, uint32_t count, int32_t ioctl,
                   uint32_t flags)
{
    static uint32_t next_id = 1000;
    struct cdev_req rq = { .minor = minor, .grant = g, .count = count, .request = ioctl,
                           .id = next_id++, .flags = flags };
    message m;
    memset(&m, 0, sizeof(m));
    m.m_type = type;
    memcpy(m.m_u.m_u8, &rq, sizeof(rq));
    int r = ipc_sendrec(tty_ep, &m);
    vt_last_state = m.m_u.m_u32[1];
    return r != OK ? r : m.m_type;
}

int vt_req(int type, int minor, cp_grant_id_t g, uint32_t count, int32_t ioctl)
{
    return request(type, minor, g, count, ioctl, 0);
}

int vt_req_flags(int type, int minor, cp_grant_id_t g, uint32_t count, uint32_t flags)
{
    return request(type, minor, g, count, 0, flags);
}

int vt_write(int minor, const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    cp_grant_id_t g = cpf_grant_direct(tty_ep, (vir_bytes)s, n, CPF_READ);
    int r = vt_req(CDEV_WRITE, minor, g, n, 0);
    cpf_revoke(g);
    return r;
}

int vt_mapphys(uint32_t base, uint32_t len, uint32_t *va)
{
    vir_bytes at = 0;
    int r = vm_mapphys(base, len, &at);
    *va = (uint32_t)at;
    return r;
}

int vt_map_screen(void)
{
    uint32_t va = 0;
    int r = vt_mapphys(0xb8000, 4 * VC_PAGE, &va);
    if (r == OK)
        screen = (volatile const uint16_t *)va;
    return r;
}

void vt_row(int vc, int row, char *out)
{
    int n = 0;
    for (int c = 0; c < COLS; c++)
        out[c] = screen ? (char)(screen[vc * VC_PAGE / 2 + row * COLS + c] & 0xff) : '?';
    for (n = COLS; n > 0 && (out[n - 1] == ' ' || out[n - 1] == 0); n--)
        ;
    out[n] = 0;
}

int vt_find(int vc, const char *text, int *row, int *col)
{
    char line[COLS + 1];
    for (int r = ROWS - 1; r >= 0; r--) {
        vt_row(vc, r, line);
        char *p = strstr(line, text);
        if (p) {
            *row = r;
            *col = (int)(p - line);
            return 1;
        }
    }
    return 0;
}

uint16_t vt_crtc(uint8_t reg)
{
    uint8_t hi = 0, lo = 0;
    sys_outb(0x3d4, reg);
    sys_inb(0x3d5, &hi);
    sys_outb(0x3d4, reg + 1);
    sys_inb(0x3d5, &lo);
    return (uint16_t)(hi << 8 | lo);
}

int vt_wait_tty(endpoint_t old)
{
    uint32_t deadline = sys_uptime() + DEADLINE;
    endpoint_t ep = old;
    while (ep == old && (int32_t)(deadline - sys_uptime()) > 0) {
        message m;
        wait_message(NONE, 0, 1, &m);          /* poll interval, inside the deadline */
        if (rs_lookup("tty", &ep) != OK)
            ep = old;
    }
    tty_ep = ep;
    return ep != old ? OK : ETIMEDOUT;
}
