/* lineedit.h: the interactive line editor of the shell.
 *
 * Fed one input byte at a time (the terminal in raw mode: no echo, no
 * line discipline), it keeps the line, echoes and redraws through an
 * output callback with plain terminal moves (backspace to go left,
 * rewriting characters to go right), and keeps a history:
 *   printable       insert at the cursor
 *   DEL or ^H       delete the character before the cursor
 *   ESC [ D / C     cursor left / right
 *   ESC [ A / B     older / newer history line (the line being typed is
 *                   kept and comes back below the newest)
 *   ^A / ^E         start / end of line
 *   ^U              kill the whole line (as the tty's VKILL)
 *   Enter (CR, LF)  the line is done
 *   ^D              end of input on an empty line
 *   ^C              the line is dropped
 * Portable C (host-tested in tests/host/sh/). */
#ifndef SH_LINEEDIT_H
#define SH_LINEEDIT_H

#include <stddef.h>

#define LE_MAX  256             /* longest line, NUL included */
#define LE_HIST 32              /* history lines kept */

enum { LE_MORE, LE_DONE, LE_EOF, LE_INTR };

struct lineedit {
    char buf[LE_MAX];
    int len, cur;               /* 0 <= cur <= len < LE_MAX; buf[len] == 0 */
    int esc;                    /* 0; 1 after ESC; 2 after ESC [ */
    char *hist[LE_HIST];        /* oldest first, malloc'ed */
    int nhist;
    int hpos;                   /* line shown: hist[hpos], or nhist = new line */
    char saved[LE_MAX];         /* the new line while browsing the history */
    void (*write)(void *ctx, const char *s, size_t n);
    void *ctx;
};

void le_init(struct lineedit *le, void (*write)(void *, const char *, size_t), void *ctx);
void le_start(struct lineedit *le);             /* an empty new line */
int  le_key(struct lineedit *le, int c);        /* LE_MORE, LE_DONE... */
void le_history_add(struct lineedit *le, const char *line);
void le_free(struct lineedit *le);

#endif
