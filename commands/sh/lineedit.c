/* lineedit.c: the line editor (keys in lineedit.h).
 *
 * The terminal's cursor is always kept at buf[cur] of the shown line:
 * every edit writes what changed and moves back with backspaces. */
#include <stdlib.h>
#include <string.h>
#include "lineedit.h"

#define CTRL(c) ((c) & 0x1f)

static void out(struct lineedit *le, const char *s, size_t n)
{
    if (n > 0)
        le->write(le->ctx, s, n);
}

static void back(struct lineedit *le, int n)
{
    while (n-- > 0)
        out(le, "\b", 1);
}

void le_init(struct lineedit *le, void (*write)(void *, const char *, size_t), void *ctx)
{
    memset(le, 0, sizeof(*le));
    le->write = write;
    le->ctx = ctx;
}

void le_start(struct lineedit *le)
{
    le->len = le->cur = le->esc = 0;
    le->buf[0] = '\0';
    le->hpos = le->nhist;
}

static void insert(struct lineedit *le, char c)
{
    if (le->len + 1 >= LE_MAX)
        return;                 /* full: the key is dropped */
    memmove(le->buf + le->cur + 1, le->buf + le->cur, (size_t)(le->len - le->cur + 1));
    le->buf[le->cur] = c;
    le->len++;
    out(le, le->buf + le->cur, (size_t)(le->len - le->cur));
    le->cur++;
    back(le, le->len - le->cur);
}

static void erase_before(struct lineedit *le)
{
    if (le->cur == 0)
        return;
    memmove(le->buf + le->cur - 1, le->buf + le->cur, (size_t)(le->len - le->cur + 1));
    le->cur--;
    le->len--;
    out(le, "\b", 1);
    out(le, le->buf + le->cur, (size_t)(le->len - le->cur));
    out(le, " ", 1);
    back(le, le->len - le->cur + 1);
}

static void move_to(struct lineedit *le, int pos)
{
    if (pos < le->cur)
        back(le, le->cur - pos);
    else
        out(le, le->buf + le->cur, (size_t)(pos - le->cur));
    le->cur = pos;
}

/* Show `text` instead of the current line, the cursor at its end. */
static void replace(struct lineedit *le, const char *text)
{
    int old = le->len, n = (int)strlen(text);

    if (n >= LE_MAX)
        n = LE_MAX - 1;
    move_to(le, 0);
    memcpy(le->buf, text, (size_t)n);
    le->buf[n] = '\0';
    le->len = le->cur = n;
    out(le, le->buf, (size_t)n);
    for (int i = n; i < old; i++)
        out(le, " ", 1);
    back(le, old > n ? old - n : 0);
}

static void history_move(struct lineedit *le, int delta)
{
    int to = le->hpos + delta;

    if (to < 0 || to > le->nhist)
        return;
    if (le->hpos == le->nhist)
        strcpy(le->saved, le->buf);
    le->hpos = to;
    replace(le, to == le->nhist ? le->saved : le->hist[to]);
}

static int escape(struct lineedit *le, int c)
{
    if (le->esc == 1) {
        le->esc = c == '[' ? 2 : 0;
        return LE_MORE;
    }
    le->esc = 0;
    switch (c) {
    case 'A': history_move(le, -1); break;
    case 'B': history_move(le, +1); break;
    case 'C': if (le->cur < le->len) move_to(le, le->cur + 1); break;
    case 'D': if (le->cur > 0) move_to(le, le->cur - 1); break;
    }
    return LE_MORE;
}

int le_key(struct lineedit *le, int c)
{
    if (le->esc)
        return escape(le, c);
    switch (c) {
    case '\r': case '\n':
        out(le, "\r\n", 2);
        return LE_DONE;
    case 0x1b:          le->esc = 1; break;
    case 0x7f: case CTRL('H'): erase_before(le); break;
    case CTRL('A'):     move_to(le, 0); break;
    case CTRL('E'):     move_to(le, le->len); break;
    case CTRL('U'):     replace(le, ""); break;     /* kill line, as the tty's VKILL */
    case CTRL('C'):
        out(le, "^C\r\n", 4);
        le_start(le);
        return LE_INTR;
    case CTRL('D'):
        if (le->len == 0)
            return LE_EOF;
        break;
    default:
        if (c >= ' ' && c < 0x7f)
            insert(le, (char)c);
    }
    return LE_MORE;
}

void le_history_add(struct lineedit *le, const char *line)
{
    char *copy;

    if (*line == '\0' || (le->nhist > 0 && strcmp(le->hist[le->nhist - 1], line) == 0))
        return;
    if ((copy = malloc(strlen(line) + 1)) == NULL)
        return;
    strcpy(copy, line);
    if (le->nhist == LE_HIST) {
        free(le->hist[0]);
        memmove(le->hist, le->hist + 1, sizeof(char *) * (LE_HIST - 1));
        le->nhist--;
    }
    le->hist[le->nhist++] = copy;
    le->hpos = le->nhist;
}

void le_free(struct lineedit *le)
{
    for (int i = 0; i < le->nhist; i++)
        free(le->hist[i]);
    le->nhist = 0;
}
