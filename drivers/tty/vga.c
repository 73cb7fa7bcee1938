/* vga.c: the VGA text screen (80x25 at 0xB8000) and its four virtual
 * consoles (docs/tty.md, "The VGA screen").
 *
 * Each console lives in VGA memory itself, one 4 KiB page each (VC n at
 * 0xB8000 + n * 0x1000), and the CRTC start address says which one the
 * screen shows: switching costs two port writes and nothing is copied.
 * Reads of VGA memory are slow (under QEMU a call into the VGA model for
 * each cell), so each console keeps a copy of its cells in RAM, written
 * with them and read instead of them (scrolling); a new incarnation fills
 * it from VGA memory.
 * The 96 bytes after a page's 4000 bytes of cells are off screen; each
 * console keeps its cursor and colour there (struct vc_saved), so a
 * restarted driver finds every screen, cursor and the visible console as
 * they were (only a half-received escape sequence is lost).
 *
 * Output: printable bytes, \b \r \n \t (bell ignored), wrap after column
 * 80 (pending until the next printable byte, as a VT100), scrolling; escapes ESC [ n A/B/C/D (cursor moves), ESC [ n K (erase in
 * line: 0 to the end, 1 to the start, 2 all), ESC [ r;c H, ESC [ n J
 * (0 to the end, 2 all), ESC [ n;n m (colours 30-37/40-47, 0 reset).  The
 * hardware cursor (CRTC 0x0E/0x0F) follows the visible console.
 *
 * The memory comes from VM (VM_MAPPHYS, the range RS's table grants
 * "tty"); without it (no VM, refused) vga_init fails and the driver runs
 * on the serial line alone. */
#include <string.h>
#include <sys.h>
#include <devio_calls.h>
#include <vm.h>
#include "tty.h"

#define VGA_PHYS    0xb8000u
#define VGA_LEN     (VC_COUNT * VC_PAGE)
#define COLS        80
#define ROWS        25
#define CELLS       (COLS * ROWS)
#define BLANK(a)    ((uint16_t)((a) << 8 | ' '))
#define CRTC_INDEX  0x3d4
#define CRTC_DATA   0x3d5
#define CRTC_START  0x0c        /* high byte; 0x0d low (in cells) */
#define CRTC_CURSOR 0x0e        /* high byte; 0x0f low (in cells) */
#define VC_MAGIC    0x31435654u /* "TVC1" */

struct vc_saved {               /* off screen, after each page's cells */
    uint32_t magic;
    uint16_t row, col;
    uint8_t attr;
};

struct vc {
    volatile uint16_t *cell;    /* the screen's cells (VGA memory) */
    uint16_t shadow[CELLS];     /* the same in RAM: reads come from here */
    volatile struct vc_saved *st;
    int row, col;
    uint8_t attr;
    int esc, npar;              /* 0 plain, 1 after ESC, 2 in ESC [ */
    int par[2];
};

static struct vc vcs[VC_COUNT];
static int visible = -1;        /* -1: no screen (vga_init failed) */

static void crtc_set(uint8_t reg, uint16_t v)
{
    sys_outb(CRTC_INDEX, reg);
    sys_outb(CRTC_DATA, (uint8_t)(v >> 8));
    sys_outb(CRTC_INDEX, reg + 1);
    sys_outb(CRTC_DATA, (uint8_t)v);
}

static uint16_t crtc_get(uint8_t reg)
{
    uint8_t hi = 0, lo = 0;
    sys_outb(CRTC_INDEX, reg);
    sys_inb(CRTC_DATA, &hi);
    sys_outb(CRTC_INDEX, reg + 1);
    sys_inb(CRTC_DATA, &lo);
    return (uint16_t)(hi << 8 | lo);
}

static void save(struct vc *v)
{
    v->st->row = (uint16_t)v->row;
    v->st->col = (uint16_t)v->col;
    v->st->attr = v->attr;
    v->st->magic = VC_MAGIC;
}

/* The column to draw at: a pending wrap (col == COLS) still shows the
 * cursor on the last column. */
static int col_at(const struct vc *v)
{
    return v->col < COLS ? v->col : COLS - 1;
}

static void cursor(const struct vc *v)
{
    if (v == &vcs[visible])
        crtc_set(CRTC_CURSOR, (uint16_t)(visible * (VC_PAGE / 2) + v->row * COLS + col_at(v)));
}

/* Every cell write goes to both copies (invariant: shadow == cells). */
static void set(struct vc *v, int i, uint16_t c)
{
    v->shadow[i] = c;
    v->cell[i] = c;
}

static void fill(struct vc *v, int from, int to)
{
    for (int i = from; i < to; i++)
        set(v, i, BLANK(v->attr));
}

static void scroll(struct vc *v);

/* A console the driver never wrote: VC 1 keeps what the kernel printed
 * (the cursor goes under its last line), the others start blank. */
static void fresh(struct vc *v, int n)
{
    v->attr = 0x07;
    v->row = v->col = 0;
    if (n != 0) {
        fill(v, 0, CELLS);
        return;
    }
    for (int i = 0; i < CELLS; i++)
        if ((v->shadow[i] & 0xff) != ' ' && (v->shadow[i] & 0xff) != 0)
            v->row = i / COLS + 1;
    if (v->row >= ROWS)
        scroll(v);
}

static void restore(struct vc *v, int n, uint32_t va)
{
    v->cell = (volatile uint16_t *)(uintptr_t)(va + (uint32_t)n * VC_PAGE);
    v->st = (volatile struct vc_saved *)(uintptr_t)(va + (uint32_t)n * VC_PAGE + CELLS * 2);
    v->esc = 0;
    for (int i = 0; i < CELLS; i++)
        v->shadow[i] = v->cell[i];
    if (v->st->magic == VC_MAGIC && v->st->row < ROWS && v->st->col <= COLS) {
        v->row = v->st->row;
        v->col = v->st->col;
        v->attr = v->st->attr;
    } else {
        fresh(v, n);
    }
}

static void scroll(struct vc *v)
{
    for (int i = 0; i < CELLS - COLS; i++)
        set(v, i, v->shadow[i + COLS]);
    fill(v, CELLS - COLS, CELLS);
    v->row = ROWS - 1;
}

static void newline(struct vc *v)
{
    if (++v->row == ROWS)
        scroll(v);
}

/* A byte in the last column leaves the wrap pending (col == COLS, as a
 * VT100 does): the next printable byte wraps first, so writing the
 * screen's last cell does not scroll. */
static void put(struct vc *v, char c)
{
    if (v->col >= COLS) {
        v->col = 0;
        newline(v);
    }
    set(v, v->row * COLS + v->col, (uint16_t)(v->attr << 8 | (uint8_t)c));
    v->col++;
}

static int clamp(int x, int lo, int hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

static void erase(struct vc *v, int n, int whole_screen)
{
    int at = v->row * COLS + col_at(v);
    int start = whole_screen ? 0 : v->row * COLS, end = whole_screen ? CELLS : start + COLS;
    if (n == 0)
        fill(v, at, end);
    else if (n == 1)
        fill(v, start, at + 1);
    else
        fill(v, start, end);
}

static void colour(struct vc *v, int n)
{
    static const uint8_t ansi[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };  /* ANSI -> VGA order */
    if (n == 0)
        v->attr = 0x07;
    else if (n >= 30 && n <= 37)
        v->attr = (uint8_t)((v->attr & 0xf0) | ansi[n - 30]);
    else if (n >= 40 && n <= 47)
        v->attr = (uint8_t)((v->attr & 0x0f) | ansi[n - 40] << 4);
}

/* The final byte of ESC [ params. */
static void csi(struct vc *v, char c)
{
    int n = v->npar ? v->par[0] : 0, n1 = n ? n : 1;
    v->col = col_at(v);         /* a move or erase ends a pending wrap */
    switch (c) {
    case 'A': v->row = clamp(v->row - n1, 0, ROWS - 1); break;
    case 'B': v->row = clamp(v->row + n1, 0, ROWS - 1); break;
    case 'C': v->col = clamp(v->col + n1, 0, COLS - 1); break;
    case 'D': v->col = clamp(v->col - n1, 0, COLS - 1); break;
    case 'K': erase(v, n, 0); break;
    case 'J': erase(v, n, 1); break;
    case 'm':
        colour(v, n);
        if (v->npar > 1)
            colour(v, v->par[1]);
        break;
    case 'H': case 'f':
        v->row = clamp(n1 - 1, 0, ROWS - 1);
        v->col = clamp((v->npar > 1 && v->par[1] ? v->par[1] : 1) - 1, 0, COLS - 1);
        break;
    }
}

/* One byte of an escape sequence (v->esc != 0). */
static void escape(struct vc *v, char c)
{
    if (v->esc == 1) {
        v->esc = c == '[' ? 2 : 0;
        v->npar = 0;
        v->par[0] = v->par[1] = 0;
        return;
    }
    if (c >= '0' && c <= '9') {
        if (!v->npar)
            v->npar = 1;
        if (v->par[v->npar - 1] < 1000)
            v->par[v->npar - 1] = v->par[v->npar - 1] * 10 + (c - '0');
    } else if (c == ';') {
        v->npar = v->npar < 2 ? (v->npar ? v->npar : 1) + 1 : 2;
    } else {
        csi(v, c);
        v->esc = 0;
    }
}

static void out_byte(struct vc *v, char c)
{
    if (v->esc) {
        escape(v, c);
        return;
    }
    switch (c) {
    case 0x1b: v->esc = 1; break;
    case '\n': v->col = col_at(v); newline(v); break;
    case '\r': v->col = 0; break;
    case '\b': if (v->col > 0) v->col--; break;
    case '\t': do put(v, ' '); while (v->col % 8); break;
    case '\a': break;
    default:   put(v, c);
    }
}

void vga_write(int n, const char *s, uint32_t len)
{
    if (visible < 0 || n < 0 || n >= VC_COUNT)
        return;
    struct vc *v = &vcs[n];
    for (uint32_t i = 0; i < len; i++)
        out_byte(v, s[i]);
    if (v->row >= ROWS)
        scroll(v);
    save(v);
    cursor(v);
}

/* Show console n (Alt-F1..F4): the CRTC start address and the cursor. */
void vga_switch(int n)
{
    if (visible < 0 || n < 0 || n >= VC_COUNT)
        return;
    visible = n;
    crtc_set(CRTC_START, (uint16_t)(n * (VC_PAGE / 2)));
    cursor(&vcs[n]);
}

int vga_visible(void)
{
    return visible;
}

/* Map the screen and take over what an earlier incarnation left. */
int vga_init(void)
{
    vir_bytes va = 0;
    int r = vm_mapphys(VGA_PHYS, VGA_LEN, &va);
    visible = -1;
    if (r != OK)
        return r;
    for (int n = 0; n < VC_COUNT; n++)
        restore(&vcs[n], n, va);
    uint16_t start = crtc_get(CRTC_START);
    visible = 0;
    vga_switch(start % (VC_PAGE / 2) == 0 && start / (VC_PAGE / 2) < VC_COUNT
               ? start / (VC_PAGE / 2) : 0);
    return OK;
}
