/* report_svg.c: the report's charts, inline SVG: the scales and round ticks they
 * share, a story's timeline (its articles by outlet over time) and a figure's
 * values over time (one mark shape per speaker). The size of either is bounded
 * whatever the story (marks are per outlet lane and time slot, not per article),
 * so a story of thousands of articles stays a light page. Meaning is carried by
 * shape and text, never by colour alone; each chart has a title, a description
 * and a visible caption. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emit/report.h"

#define HOUR 3600
#define DAY 86400

double report_scale_map(const report_scale *s, double v) {
    if (s->d1 == s->d0) return (s->r0 + s->r1) / 2;
    return s->r0 + (v - s->d0) * (s->r1 - s->r0) / (s->d1 - s->d0);
}

size_t report_time_ticks(int64_t t0, int64_t t1, size_t max, int64_t *out, size_t cap, int64_t *step) {
    static const int64_t steps[] = {HOUR,    3 * HOUR, 6 * HOUR, 12 * HOUR, DAY,      2 * DAY,
                                    7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY,  365 * DAY};
    size_t ns = sizeof steps / sizeof steps[0];
    if (t1 < t0 || !max) return 0;
    int64_t st = steps[ns - 1];
    for (size_t i = 0; i < ns; i++)
        if ((t1 - t0) / steps[i] + 1 <= (int64_t)max) {
            st = steps[i];
            break;
        }
    while ((t1 - t0) / st + 1 > (int64_t)max) st *= 2; /* spans of centuries */
    if (step) *step = st;
    /* the first multiple of st at or after t0 (floor division for negative t0) */
    int64_t q = t0 / st - (t0 % st != 0 && t0 < 0);
    int64_t t = q * st < t0 ? (q + 1) * st : q * st;
    size_t n = 0;
    for (; t <= t1 && n < max; t += st) {
        if (n < cap) out[n] = t;
        n++;
    }
    return n < cap ? n : cap;
}

void report_time_label(int64_t t, int64_t step, char out[32]) {
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) {
        strcpy(out, "?");
        return;
    }
    strftime(out, 32, step >= DAY ? "%Y-%m-%d" : "%m-%d %H:%M", &tm);
}

size_t report_value_ticks(double v0, double v1, size_t max, double *out, size_t cap) {
    if (!isfinite(v0) || !isfinite(v1) || max < 2) return 0;
    if (v1 < v0) {
        double x = v0;
        v0 = v1;
        v1 = x;
    }
    double span = v1 - v0;
    if (span == 0) span = fabs(v0) > 0 ? fabs(v0) : 1; /* one value: a range around it */
    double p = pow(10, floor(log10(span / (double)(max - 1))));
    static const double mult[] = {1, 2, 5, 10, 20, 50, 100};
    double st = p * 100, lo = 0, hi = 0;
    for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++) {
        st = p * mult[i];
        lo = floor(v0 / st) * st;
        hi = ceil(v1 / st) * st;
        if (hi == lo) hi = lo + st;
        if ((hi - lo) / st + 1 <= (double)max + 1e-9) break;
    }
    size_t n = 0;
    for (double t = lo; t <= hi + st * 1e-9 && n < cap; t = lo + st * (double)(n)) out[n++] = t;
    return n;
}

/* ------------------------------------------------------------ timeline */

enum { TL_W = 720, TL_L = 180, TL_R = 20, TL_LANE = 20, TL_SLOT = 5, TL_LANES = 10 };

typedef struct lane_of {
    const char *name;
    size_t i; /* article position, then (after ranking) the lane */
} lane_of;

static int cmp_name(const void *x, const void *y) {
    return strcmp(((const lane_of *)x)->name, ((const lane_of *)y)->name);
}

typedef struct run {
    const char *name;
    size_t count, first; /* first: the run's start in the sorted lane_of */
} run;

static int cmp_run(const void *x, const void *y) {
    const run *a = x, *b = y;
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    return strcmp(a->name, b->name);
}

static void day_of(int64_t t, char out[32]) {
    report_time_label(t, DAY, out);
}

/* the lanes: lane[i] for each article position (SIZE_MAX undated), names[] of the
 * lanes; returns the number of lanes, 0 on out of memory */
static size_t timeline_lanes(const recoupe_story *s, const char *const *outlet, size_t *lane, const char **names,
                             size_t *n_dated) {
    size_t n = s->n_articles, nd = 0, nr = 0, nl;
    lane_of *v = malloc((n ? n : 1) * sizeof *v);
    run *r = malloc((n ? n : 1) * sizeof *r);
    if (!v || !r) {
        free(v);
        free(r);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        lane[i] = SIZE_MAX;
        if (s->articles[i]->timestamp != INT64_MIN) v[nd++] = (lane_of){outlet[i], i};
    }
    qsort(v, nd, sizeof *v, cmp_name);
    for (size_t i = 0; i < nd; i++) {
        if (!nr || strcmp(r[nr - 1].name, v[i].name)) r[nr++] = (run){v[i].name, 0, i};
        r[nr - 1].count++;
    }
    qsort(r, nr, sizeof *r, cmp_run);
    nl = nr <= TL_LANES + 1 ? nr : TL_LANES + 1;
    for (size_t k = 0; k < nr; k++) {
        size_t l = k < nl ? k : nl - 1;
        if (k < nl) names[l] = r[k].name;
        for (size_t j = r[k].first; j < r[k].first + r[k].count; j++) lane[v[j].i] = l;
    }
    if (nr > nl) names[nl - 1] = NULL; /* "other outlets" */
    *n_dated = nd;
    free(v);
    free(r);
    return nl ? nl : 1;
}

static void timeline_marks(report_out *o, const recoupe_story *s, const size_t *lane, const char **names, size_t nl,
                           const unsigned char *is_copy, const report_scale *x) {
    size_t slots = (TL_W - TL_L - TL_R) / TL_SLOT + 1;
    size_t *cnt = calloc(nl * slots * 2, sizeof *cnt);
    int64_t *when = calloc(nl * slots * 2, sizeof *when);
    if (!cnt || !when) {
        free(cnt);
        free(when);
        o->status = o->status ? o->status : RECOUPE_ERR_NOMEM;
        return;
    }
    for (size_t i = 0; i < s->n_articles; i++) {
        if (lane[i] == SIZE_MAX) continue;
        double px = report_scale_map(x, (double)s->articles[i]->timestamp) - TL_L;
        size_t sl = px <= 0 ? 0 : (size_t)(px / TL_SLOT);
        if (sl >= slots) sl = slots - 1;
        size_t c = (lane[i] * slots + sl) * 2 + (is_copy && is_copy[i]);
        if (!cnt[c]++) when[c] = s->articles[i]->timestamp;
    }
    for (size_t c = 0; c < nl * slots * 2; c++) {
        if (!cnt[c]) continue;
        size_t l = c / 2 / slots, sl = c / 2 % slots;
        double cx = TL_L + (sl + 0.5) * TL_SLOT, cy = 10 + l * TL_LANE + TL_LANE / 2.0;
        double rad = 3.5 + fmin(4.0, log2((double)cnt[c]));
        char day[32];
        day_of(when[c], day);
        if (c % 2)
            report_rawf(o, "<rect class=\"cp\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>", cx - rad,
                        cy - rad, 2 * rad, 2 * rad);
        else
            report_rawf(o, "<circle class=\"ar\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"><title>", cx, cy, rad);
        report_text(o, names[l] ? names[l] : "other outlets");
        report_rawf(o, ": %zu %s%s, %s</title></%s>\n", cnt[c], c % 2 ? "cop" : "article",
                    c % 2 ? (cnt[c] > 1 ? "ies" : "y") : (cnt[c] > 1 ? "s" : ""), day, c % 2 ? "rect" : "circle");
    }
    free(cnt);
    free(when);
}

static void axis(report_out *o, const report_scale *x, int64_t t0, int64_t t1, double y, int xl, int xr) {
    int64_t ticks[8], step = DAY;
    size_t nt = report_time_ticks(t0, t1, 6, ticks, 8, &step);
    report_rawf(o, "<line class=\"ax\" x1=\"%d\" y1=\"%.0f\" x2=\"%d\" y2=\"%.0f\"/>\n", xl, y, xr, y);
    for (size_t k = 0; k < nt; k++) {
        char lab[32];
        double tx = report_scale_map(x, (double)ticks[k]);
        report_time_label(ticks[k], step, lab);
        report_rawf(o,
                    "<line class=\"ax\" x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\"/>"
                    "<text class=\"tk\" x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%s</text>\n",
                    tx, y, tx, y + 4, tx, y + 16, lab);
    }
}

/* the text alternative: <desc> and the caption say the same */
static void timeline_summary(report_out *o, const recoupe_story *s, size_t nd, size_t nl, const char **names) {
    char a[32], b[32];
    day_of(s->first, a);
    day_of(s->last, b);
    report_rawf(o, "%zu dated article%s, %s to %s", nd, nd == 1 ? "" : "s", a, b);
    if (names[0]) {
        report_raw(o, "; most from ");
        report_text(o, names[0]);
    }
    if (nl > TL_LANES && !names[nl - 1]) report_raw(o, "; the smaller outlets share the last lane");
    if (nd < s->n_articles) report_rawf(o, "; %zu undated, not shown", s->n_articles - nd);
    report_raw(o, ". Discs: articles; hollow squares: copies of another article; larger marks hold more.");
}

void report_svg_timeline(report_out *o, const char *id, const recoupe_story *s, const char *const *outlet,
                         const unsigned char *is_copy) {
    size_t n = s->n_articles, nd = 0;
    size_t *lane = malloc((n ? n : 1) * sizeof *lane);
    const char **names = calloc(TL_LANES + 1, sizeof *names);
    size_t nl = lane && names ? timeline_lanes(s, outlet, lane, names, &nd) : 0;
    if (!nl) {
        o->status = o->status ? o->status : RECOUPE_ERR_NOMEM;
    } else if (!nd) {
        report_rawf(o, "<p class=\"none\">No article of this story is dated: no timeline.</p>\n");
    } else {
        int64_t t0 = s->first, t1 = s->last;
        if (t1 - t0 < HOUR) t0 -= 12 * HOUR, t1 += 12 * HOUR; /* one moment: half a day either side */
        report_scale x = {(double)t0, (double)t1, TL_L + TL_SLOT, TL_W - TL_R - TL_SLOT};
        int h = 10 + (int)nl * TL_LANE + 24;
        report_rawf(o,
                    "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
                    "aria-labelledby=\"%s-t %s-d\"><title id=\"%s-t\">Timeline: articles by outlet over time</title>"
                    "<desc id=\"%s-d\">",
                    TL_W, h, TL_W, h, id, id, id, id);
        timeline_summary(o, s, nd, nl, names);
        report_raw(o, "</desc>\n");
        for (size_t l = 0; l < nl; l++) {
            char lab[128];
            report_ellipsis(names[l] ? names[l] : "other outlets", 26, lab, sizeof lab);
            double y = 10 + l * TL_LANE + TL_LANE / 2.0;
            report_rawf(o,
                        "<line class=\"ln\" x1=\"%d\" y1=\"%.0f\" x2=\"%d\" y2=\"%.0f\"/><text x=\"%d\" y=\"%.0f\" "
                        "text-anchor=\"end\">",
                        TL_L, y, TL_W - TL_R, y, TL_L - 6, y + 4);
            report_text(o, lab);
            report_raw(o, "</text>\n");
        }
        timeline_marks(o, s, lane, names, nl, is_copy, &x);
        axis(o, &x, t0, t1, 10 + nl * TL_LANE + 2, TL_L, TL_W - TL_R);
        report_raw(o, "</svg><figcaption>");
        timeline_summary(o, s, nd, nl, names);
        report_raw(o, "</figcaption></figure>\n");
    }
    free(lane);
    free(names);
}

/* ------------------------------------------------------------ values over time */

enum { VC_W = 720, VC_H = 220, VC_L = 70, VC_R = 190, VC_T = 10, VC_B = 30, VC_SHAPES = 7 };

/* mark k (0..6) at (x, y): disc, square, triangle, diamond, plus, cross, star */
static void shape(report_out *o, size_t k, double x, double y) {
    static const char *const paths[VC_SHAPES] = {
        "M%.1f %.1fm-4 0a4 4 0 1 0 8 0a4 4 0 1 0 -8 0",
        "M%.1f %.1fm-4 -4h8v8h-8z",
        "M%.1f %.1fm0 -5l5 9h-10z",
        "M%.1f %.1fm0 -5l5 5l-5 5l-5 -5z",
        "M%.1f %.1fm-5 -1.5h3.5v-3.5h3v3.5h3.5v3h-3.5v3.5h-3v-3.5h-3.5z",
        "M%.1f %.1fm-5 -3l2 -2l3 3l3 -3l2 2l-3 3l3 3l-2 2l-3 -3l-3 3l-2 -2l3 -3z",
        "M%.1f %.1fm0 -5l1.5 3.5h3.5l-2.8 2.3l1 3.7l-3.2 -2.2l-3.2 2.2l1 -3.7l-2.8 -2.3h3.5z"};
    report_raw(o, "<path class=\"pt\" d=\"");
    report_rawf(o, paths[k < VC_SHAPES ? k : VC_SHAPES - 1], x, y);
    report_raw(o, "\"/>");
}

/* the speakers, in order of first appearance: spk[i] the index of p[i]'s; past
 * cap, the last index holds all the others */
static size_t speakers(const report_point *p, size_t n, size_t *spk, const char **names, size_t cap) {
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        const char *sp = p[i].speaker ? p[i].speaker : "unknown speaker";
        size_t k = 0;
        while (k < ns && k < cap && strcmp(names[k], sp)) k++;
        if (k == ns && ns < cap)
            names[ns++] = sp;
        else if (k == ns)
            names[cap - 1] = "other speakers"; /* the last shape serves them all */
        spk[i] = k < cap ? k : cap - 1;
    }
    return ns;
}

void report_svg_values(report_out *o, const char *id, const char *what, const report_point *p, size_t n) {
    size_t *spk = malloc((n ? n : 1) * sizeof *spk), nd = 0;
    const char *names[VC_SHAPES];
    if (!spk) {
        o->status = o->status ? o->status : RECOUPE_ERR_NOMEM;
        return;
    }
    size_t ns = speakers(p, n, spk, names, VC_SHAPES);
    int64_t t0 = INT64_MAX, t1 = INT64_MIN;
    double v0 = INFINITY, v1 = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (p[i].t == INT64_MIN || !isfinite(p[i].value)) continue;
        nd++;
        t0 = p[i].t < t0 ? p[i].t : t0;
        t1 = p[i].t > t1 ? p[i].t : t1;
        v0 = fmin(v0, p[i].value);
        v1 = fmax(v1, p[i].value);
    }
    if (!nd) {
        report_raw(o, "<p class=\"none\">No dated value of ");
        report_text(o, what);
        report_raw(o, ": no chart.</p>\n");
        free(spk);
        return;
    }
    if (t1 - t0 < HOUR) t0 -= 12 * HOUR, t1 += 12 * HOUR;
    double vt[8];
    size_t nv = report_value_ticks(v0, v1, 5, vt, 8);
    report_scale x = {(double)t0, (double)t1, VC_L + 8, VC_W - VC_R - 8};
    report_scale y = {vt[0], vt[nv - 1], VC_H - VC_B, VC_T};
    char a[32], b[32];
    day_of(t0, a);
    day_of(t1, b);
    report_rawf(o,
                "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
                "aria-labelledby=\"%s-t %s-d\"><title id=\"%s-t\">",
                VC_W, VC_H, VC_W, VC_H, id, id, id);
    report_text(o, what);
    report_rawf(o,
                ": values over time</title><desc id=\"%s-d\">%zu dated values from %g to %g, %s to %s, by %zu "
                "speaker%s; each speaker has a mark shape of its own, named in the legend.</desc>\n",
                id, nd, v0, v1, a, b, ns, ns == 1 ? "" : "s");
    for (size_t k = 0; k < nv; k++) {
        double ty = report_scale_map(&y, vt[k]);
        report_rawf(o,
                    "<line class=\"ln\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/><text class=\"tk\" x=\"%d\" "
                    "y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
                    VC_L, ty, VC_W - VC_R, ty, VC_L - 6, ty + 4, vt[k]);
    }
    for (size_t i = 0; i < n; i++) {
        if (p[i].t == INT64_MIN || !isfinite(p[i].value)) continue;
        report_raw(o, "<g>");
        shape(o, spk[i], report_scale_map(&x, (double)p[i].t), report_scale_map(&y, p[i].value));
        report_raw(o, "<title>");
        report_text(o, names[spk[i]]);
        day_of(p[i].t, a);
        report_rawf(o, ": %g, %s</title></g>\n", p[i].value, a);
    }
    for (size_t k = 0; k < ns; k++) {
        char lab[128];
        report_ellipsis(names[k], 24, lab, sizeof lab);
        shape(o, k, VC_W - VC_R + 16, VC_T + 12 + 18.0 * k);
        report_rawf(o, "<text x=\"%d\" y=\"%.0f\">", VC_W - VC_R + 26, VC_T + 16 + 18.0 * k);
        report_text(o, lab);
        report_raw(o, "</text>\n");
    }
    axis(o, &x, t0, t1, VC_H - VC_B, VC_L, VC_W - VC_R);
    report_raw(o, "</svg><figcaption>");
    report_text(o, what);
    report_rawf(o,
                ": %zu dated values, from %g to %g, by %zu speaker%s (the table above lists each).</figcaption>"
                "</figure>\n",
                nd, v0, v1, ns, ns == 1 ? "" : "s");
    free(spk);
}
