/* report.h: the report's internals (src/emit/report*.c): the HTML writer with its
 * escaping, the scales and ticks of the SVG charts, and the charts themselves.
 * The public entry points are recoupe_engine_report / _report_html (recoupe.h). */
#ifndef RECOUPE_EMIT_REPORT_H
#define RECOUPE_EMIT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "recoupe.h"
#include "util/buf.h"

/* ------------------------------------------------------------ writer (report_html.c) */

/* A buffer flushed to the caller's write function every ~64 KiB; write NULL keeps
 * everything in b (recoupe_engine_report_html). Errors are sticky: once one
 * happened every append is dropped and status says which. */
typedef struct report_out {
    buf b;
    recoupe_write_fn write;
    void *user;
    recoupe_status status; /* RECOUPE_OK, RECOUPE_ERR_IO or RECOUPE_ERR_NOMEM */
} report_out;

void report_out_init(report_out *o, recoupe_write_fn write, void *user);
/* Hands what is buffered to write (with force, however little there is). */
void report_out_flush(report_out *o, int force);
/* Markup written as it is: only for the report's own literals, never input. */
void report_raw(report_out *o, const char *s);
void report_rawf(report_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Input text, escaped for both element content and a quoted attribute value:
 * & < > " ' become references, C0 controls (but tab, CR, LF) and DEL become U+FFFD.
 * NULL writes nothing. _n: at most n bytes (never cutting a UTF-8 sequence). */
void report_text(report_out *o, const char *s);
void report_textn(report_out *o, const char *s, size_t n);
/* Appends the escape of s to b (what report_text writes). */
void report_escape(buf *b, const char *s, size_t n);
/* 1 when url may be a link target: http:// or https:// (any case) followed by a
 * host, with no control character or space in it; 0 for NULL, javascript:, data:,
 * relative and every other URL. */
int report_url_ok(const char *url);
/* The host of an http(s) URL without "www." into out (cap bytes), or "" when
 * there is none. */
void report_url_host(const char *url, char *out, size_t cap);
/* s cut to at most max code points, "…" appended when cut, into out (cap bytes). */
void report_ellipsis(const char *s, size_t max, char *out, size_t cap);

/* ------------------------------------------------------------ scales (report_svg.c) */

/* A linear map from the domain [d0, d1] to the range [r0, r1]. An empty domain
 * (d0 == d1) maps everything to the middle of the range. */
typedef struct report_scale {
    double d0, d1, r0, r1;
} report_scale;

double report_scale_map(const report_scale *s, double v);
/* Round time ticks inside [t0, t1] (Unix seconds), at most max of them: multiples
 * of the first step of 1 h, 3 h, 6 h, 12 h, 1, 2, 7, 14 days, 1, 3 months, 1 year
 * (months as 30 and 91 days, from the epoch, so on midnights UTC) that gives no
 * more than max. Writes up to cap into out, returns how many; *step the step. */
size_t report_time_ticks(int64_t t0, int64_t t1, size_t max, int64_t *out, size_t cap, int64_t *step);
/* A tick's label in UTC: "2024-10-31" for steps of a day or more, else
 * "10-31 20:00". */
void report_time_label(int64_t t, int64_t step, char out[32]);
/* Round value ticks covering [v0, v1]: multiples of 1, 2 or 5 times a power of
 * ten, at most max (>= 2) of them, the first <= v0 and the last >= v1. Writes up
 * to cap; returns how many (0 when v0 or v1 is not finite). */
size_t report_value_ticks(double v0, double v1, size_t max, double *out, size_t cap);

/* ------------------------------------------------------------ charts (report_svg.c) */

/* The timeline of a story: its dated articles by outlet over time (the ten
 * busiest outlets a lane each, the others on one lane), one mark per outlet and
 * time slot, its size growing with the articles in it; copies (members of a
 * duplicate group that are not its origin) drawn hollow square, the others as
 * discs, so shape, not colour, tells them apart. outlet[i] is article i's outlet
 * name, is_copy[i] (may be NULL) whether it is a copy. Comes with a <title>, a
 * <desc> and a visible caption saying what it shows; when no article is dated,
 * only a sentence. id: a unique prefix for the SVG's element ids. */
void report_svg_timeline(report_out *o, const char *id, const recoupe_story *s, const char *const *outlet,
                         const unsigned char *is_copy);

/* One value of a figure at a time, said by a speaker (for the claims chart). */
typedef struct report_point {
    int64_t t; /* INT64_MIN: undated (not drawn, counted) */
    double value;
    const char *speaker; /* NULL: unknown */
} report_point;

/* A chart of a figure's values over time: one mark shape per speaker (six
 * shapes, then all the others share a seventh, "other speakers"), a legend naming
 * each, each mark's <title> giving speaker, value and date, and a <title>, a
 * <desc> and a caption summing it up (values, dates, speakers); what the chart
 * adds to the claims table beside it is the picture. Undated values are left
 * out of the drawing. */
void report_svg_values(report_out *o, const char *id, const char *what, const report_point *p, size_t n);

/* ------------------------------------------------------------ facts (report_claims.c) */

/* One quantity claim as the report shows it: who said which figure of what, when,
 * and where it was reported. Strings may be NULL (shown as unknown). */
typedef struct report_claim {
    const char *thing;          /* what is counted: "soldiers" */
    double value;               /* the figure, as a number */
    const char *value_text;     /* the figure as written ("8 000"), or NULL: value is printed */
    const char *qualifier;      /* "up to", "about", or NULL */
    const char *speaker;        /* who said it */
    const char *stance;         /* "asserts", "denies", "reports", or NULL */
    int64_t said;               /* the statement's date (Unix seconds), INT64_MIN unknown */
    const char *const *outlets; /* the outlets that carried it */
    size_t n_outlets;
} report_claim;

/* The claims about one thing in a story; disputed when they disagree. */
typedef struct report_claim_group {
    const char *thing;
    int disputed;
    double lo, hi; /* the spread of the values */
    const report_claim *claims;
    size_t n_claims;
} report_claim_group;

/* The story's claims table (h3 "Claims"): disputed groups first (in their
 * order), their rows marked "disputed" in words and by a heavier rule, not by
 * colour alone; then, for each disputed group, the chart of its values over
 * time (report_svg_values). id: a unique prefix for the charts' element ids.
 * n 0 writes nothing. */
void report_claims(report_out *o, const char *id, const report_claim_group *g, size_t n);
/* The story's entities (h3 "Entities"), the most widely named first: name and the
 * outlets naming it. n 0 writes nothing. */
void report_entities(report_out *o, const char *const *names, const size_t *sources, size_t n);

#endif
