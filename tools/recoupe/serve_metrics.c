/* serve_metrics.c: /healthz and /metrics of `recoupe serve`: request counts by
 * route and status class, and latency histograms by route, kept in atomic
 * counters (no lock on the request path), printed in the Prometheus text format
 * with the articles, stories and store size. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "serve_routes.h"

static const char *const route_names[R_COUNT] = {"put",  "delete",  "threads", "api",
                                                 "page", "healthz", "metrics", "other"};
static const double bounds[] = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};
enum { N_BOUNDS = sizeof bounds / sizeof bounds[0] };

static atomic_ullong counts[R_COUNT][6];          /* by status class 0xx..5xx */
static atomic_ullong hist[R_COUNT][N_BOUNDS + 1]; /* cumulative at print time */
static atomic_ullong micros[R_COUNT];

void serve_metrics_count(int route, int status, double seconds) {
    if (route < 0 || route >= R_COUNT) route = R_OTHER;
    int cls = status / 100;
    atomic_fetch_add(&counts[route][cls >= 0 && cls < 6 ? cls : 0], 1);
    int b = 0;
    while (b < N_BOUNDS && seconds > bounds[b]) b++;
    atomic_fetch_add(&hist[route][b], 1);
    atomic_fetch_add(&micros[route], (unsigned long long)(seconds * 1e6));
}

int serve_health(struct MHD_Connection *c, void *req, serve_index *ix) {
    snapshot *s = serve_snapshot_fresh(ix);
    int ready = serve_index_ready(ix);
    json_t *doc = json_pack("{s:s,s:I,s:I,s:I}", "status", ready ? "ok" : "loading", "articles",
                            (json_int_t)(s ? s->n_articles : 0), "stories", (json_int_t)(s ? s->n_stories : 0),
                            "backlog", (json_int_t)serve_index_backlog(ix));
    snapshot_release(s);
    return serve_json(c, req, ready ? 200 : 503, doc);
}

typedef struct out {
    char *p;
    size_t n, cap;
} out;

static void add(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(out *o, const char *fmt, ...) {
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int w = vsnprintf(o->p ? o->p + o->n : NULL, o->p ? o->cap - o->n : 0, fmt, ap);
        va_end(ap);
        if (w < 0) return;
        if (o->p && o->n + (size_t)w < o->cap) {
            o->n += (size_t)w;
            return;
        }
        size_t cap = (o->cap + (size_t)w + 1) * 2;
        char *p = realloc(o->p, cap);
        if (!p) return;
        o->p = p;
        o->cap = cap;
    }
}

int serve_metrics(struct MHD_Connection *c, void *req, serve_index *ix) {
    out o = {0};
    snapshot *s = serve_snapshot_fresh(ix);
    add(&o, "# HELP recoupe_ready 1 once the index is loaded.\n# TYPE recoupe_ready gauge\nrecoupe_ready %d\n",
        serve_index_ready(ix));
    add(&o, "# HELP recoupe_articles Articles indexed.\n# TYPE recoupe_articles gauge\nrecoupe_articles %zu\n",
        s ? s->n_articles : 0);
    add(&o, "# HELP recoupe_stories Stories (events).\n# TYPE recoupe_stories gauge\nrecoupe_stories %zu\n",
        s ? s->n_stories : 0);
    add(&o,
        "# HELP recoupe_backlog Writes committed that the stories do not show yet.\n# TYPE recoupe_backlog "
        "gauge\nrecoupe_backlog %zu\n",
        serve_index_backlog(ix));
    snapshot_release(s);
    add(&o,
        "# HELP recoupe_store_bytes Size of the store's database file.\n# TYPE recoupe_store_bytes gauge\n"
        "recoupe_store_bytes %lld\n",
        (long long)recoupe_store_bytes(serve_index_store(ix)));
    add(&o, "# HELP recoupe_requests_total Requests answered, by route and status class.\n"
            "# TYPE recoupe_requests_total counter\n");
    for (int r = 0; r < R_COUNT; r++)
        for (int k = 1; k < 6; k++) {
            unsigned long long v = atomic_load(&counts[r][k]);
            if (v) add(&o, "recoupe_requests_total{route=\"%s\",code=\"%dxx\"} %llu\n", route_names[r], k, v);
        }
    add(&o, "# HELP recoupe_request_seconds Request latency, by route.\n"
            "# TYPE recoupe_request_seconds histogram\n");
    for (int r = 0; r < R_COUNT; r++) {
        unsigned long long cum = 0;
        for (int b = 0; b <= N_BOUNDS; b++) {
            cum += atomic_load(&hist[r][b]);
            if (b < N_BOUNDS)
                add(&o, "recoupe_request_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n", route_names[r], bounds[b],
                    cum);
            else
                add(&o, "recoupe_request_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n", route_names[r], cum);
        }
        add(&o, "recoupe_request_seconds_sum{route=\"%s\"} %.6f\n", route_names[r],
            (double)atomic_load(&micros[r]) * 1e-6);
        add(&o, "recoupe_request_seconds_count{route=\"%s\"} %llu\n", route_names[r], cum);
    }
    if (!o.p) return serve_error(c, req, 500, "out of memory");
    return serve_answer(c, req, 200, "text/plain; version=0.0.4", o.p, o.n);
}
