/* svg.c: the sequence chart as SVG (svg.h).  Rows are evenly spaced in
 * event order (a chart of what happened, not to scale: one busy
 * microsecond and one idle second take a row each); the time of each row is
 * printed on the left in µs. */
#include <string.h>
#include "svg.h"

#define LEFT  96     /* time column */
#define COLW  150
#define TOP   76     /* title + endpoint boxes */
#define ROWH  24

void svg_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '&') fputs("&amp;", f);
        else if (c == '<') fputs("&lt;", f);
        else if (c == '>') fputs("&gt;", f);
        else if (c == '"') fputs("&quot;", f);
        else fputc(c >= 0x20 && c < 0x7f ? c : '?', f);
    }
}

static int cx(int col) { return LEFT + col * COLW + COLW / 2; }
static int ry(int row) { return TOP + row * ROWH + ROWH / 2; }

static void head(FILE *f, int w, int h, const char *title)
{
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" font-family=\"monospace\" font-size=\"11\">\n", w, h, w, h);
    fputs("<style>.life{stroke:#999;stroke-dasharray:4 3}.msg line,.msg path{stroke:#036;"
          "fill:none;marker-end:url(#arrow)}.notify line,.notify path{stroke-dasharray:5 3}"
          ".failed line,.failed path,.failed text{stroke:#c00;fill:#c00}.msg text{fill:#036}"
          ".kcall rect{fill:#fc6;stroke:#a60}.blocked{fill:#ddd;stroke:#888}.t{fill:#555}"
          ".box{fill:#eef;stroke:#336}</style>\n"
          "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
          "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#036\"/>"
          "</marker></defs>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n", f);
    fputs("<text x=\"8\" y=\"18\" font-size=\"13\">", f);
    svg_text(f, title);
    fputs("</text>\n", f);
}

static void lifelines(FILE *f, const struct msc *m, int bottom)
{
    fprintf(f, "<text class=\"t\" x=\"8\" y=\"%d\">%s</text>\n", TOP - 8,
            m->tpu > 0 ? "t (us)" : "t (ticks)");
    for (int c = 0; c < m->ncol; c++) {
        fprintf(f, "<g class=\"ep\"><rect class=\"box\" x=\"%d\" y=\"%d\" width=\"%d\" "
                "height=\"22\" rx=\"3\"/><text x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
                cx(c) - COLW / 2 + 8, TOP - 34, COLW - 16, cx(c), TOP - 19);
        svg_text(f, m->col[c].label);
        fprintf(f, "</text><line class=\"life\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>\n",
                cx(c), TOP - 12, cx(c), bottom);
    }
}

static void blocked(FILE *f, const struct msc *m, int i)
{
    const struct msc_item *it = &m->it[i];
    int end = it->end_row >= 0 ? it->end_row : m->n;
    fprintf(f, "<rect class=\"blocked\" x=\"%d\" y=\"%d\" width=\"10\" height=\"%d\">"
            "<title>", cx(it->from) - 5, ry(i), (end - i) * ROWH);
    svg_text(f, it->label);
    fputs("</title></rect>\n", f);
}

static void label(FILE *f, const struct msc_item *it, int x, int y, const char *anchor)
{
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">", x, y, anchor);
    svg_text(f, it->label);
    if (it->lat_us >= 0) fprintf(f, " %.1f us", it->lat_us);
    fputs("</text>", f);
}

static void message(FILE *f, const struct msc_item *it, int i)
{
    int x1 = cx(it->from), x2 = cx(it->to), y = ry(i);
    fprintf(f, "<g class=\"msg%s%s\" data-id=\"%lld\">", it->notify ? " notify" : "",
            it->failed ? " failed" : "", (long long)it->id);
    if (x1 == x2) {                                 /* to itself: a loop */
        fprintf(f, "<path d=\"M%d,%d h30 v10 h-30\"/>", x1, y - 5);
        label(f, it, x1 + 34, y + 4, "start");
    } else {
        fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", x1, y, x2, y);
        label(f, it, (x1 + x2) / 2, y - 4, "middle");
    }
    fputs("</g>\n", f);
}

static void kcall(FILE *f, const struct msc_item *it, int i)
{
    fprintf(f, "<g class=\"kcall%s\"><rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\"/>",
            it->failed ? " failed" : "", cx(it->from) - 6, ry(i) - 6);
    label(f, it, cx(it->from) + 10, ry(i) + 4, "start");
    fputs("</g>\n", f);
}

int svg_chart(FILE *f, const struct msc *m, const char *title)
{
    int w = LEFT + (m->ncol ? m->ncol : 1) * COLW + 20, bottom = TOP + m->n * ROWH + 8;
    head(f, w, bottom + 30, title);
    lifelines(f, m, bottom);
    for (int i = 0; i < m->n; i++)
        if (m->it[i].kind == MSC_BLOCK) blocked(f, m, i);
    for (int i = 0; i < m->n; i++) {
        const struct msc_item *it = &m->it[i];
        fprintf(f, "<text class=\"t\" x=\"8\" y=\"%d\">%.3f</text>", ry(i) + 4, msc_time(m, i));
        if (it->kind == MSC_MSG) message(f, it, i);
        else if (it->kind == MSC_KCALL) kcall(f, it, i);
        else fputc('\n', f);
    }
    if (m->next_id >= 0 || m->more_cols)
        fprintf(f, "<text class=\"t\" x=\"8\" y=\"%d\">(cut: %s; narrow the range with --from/--to "
                "or --ep)</text>\n", bottom + 20, m->more_cols ? "too many endpoints" : "more rows");
    fputs("</svg>\n", f);
    return ferror(f) ? -1 : 0;
}
