/* svg.h: SVG pictures of a trace for lab reports (`lantern-trace svg`).
 *   svg_chart     the sequence chart of a struct msc (msc.h): lifelines,
 *                 one <g class="msg"> arrow per message with its label, kernel
 *                 calls (<g class="kcall">) and blocked spans (<rect class=
 *                 "blocked">) on the lifelines, time in µs on the left;
 *   svg_timeline  per endpoint over time: running (<rect class="run">),
 *                 blocked on whom (<rect class="blocked">), kernel calls
 *                 (<line class="kcall">).
 * Both write standalone SVG 1.1 (valid XML: every text from the DB goes
 * through svg_text, which escapes markup and replaces bytes that are not
 * printable ASCII, so a hostile label cannot break the file). */
#ifndef TRACER_SVG_H
#define TRACER_SVG_H
#include <stdio.h>
#include "msc.h"

void svg_text(FILE *f, const char *s);          /* XML-escaped, printable ASCII only */
int  svg_chart(FILE *f, const struct msc *m, const char *title);

struct tl_opts { int64_t run_id, from, to; const char *eps; int max_spans; };
int  svg_timeline(sqlite3 *db, const struct tl_opts *o, FILE *f, char *err, size_t cap);

#endif
