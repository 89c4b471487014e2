/* engine.c: the stories engine (recoupe_engine_*): batch and incremental modes.
 *
 * Batch (recoupe_engine_cluster): the articles held are put in canonical order
 * (date, undated first; then a hash of title + text; then the name), which makes
 * the result independent of the order they were added in; vectors are weighted
 * with the corpus's document frequencies; neighbours come from the inverted index
 * (index.c); near-duplicate groups come from the duplicates index (src/dedup);
 * those three run on the engine's threads under one scheduler (batch.c);
 * cluster.c makes events and topics. Then the engine is "live".
 *
 * Incremental (every add or remove once live): a new article is weighted with the
 * document frequencies of the moment, its neighbours found in the live inverted
 * index, and the neighbours' own lists updated; it joins the event (then the
 * topic) with the best average second-order similarity when that passes the same
 * thresholds as batch and the event's dated span is within the window, else it
 * starts a new one. A near-duplicate of an article already in an event joins that
 * event. An event's id comes from the article that started it (in batch, its
 * first article in canonical order). A live article is never moved, so once the
 * live adds reach 1/recluster of the articles of the last clustering the add
 * clusters everything again (a geometric schedule: total work linear, about 4x
 * one batch run over a stream); ids survive it (ids.c: each new story takes the
 * old id it shares the most articles with). The difference from a batch run over the same articles is measured in
 * bench/eval_story.sh (incremental vs batch agreement). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "story/story.h"
#include "util/clock.h"
#include "util/threads.h"
#include "text/text.h"
#include "util/array.h"

#define MAX_TERMS STORY_VEC_MAX_TERMS
#define DAY 86400

/* ------------------------------------------------------------ phase timings */

/* recoupe_engine_options.timing reports, through on_message, the wall and CPU
 * (all threads) seconds of each phase of a batch run: where the time goes and
 * how many cores each phase keeps busy; and the process's resident memory at the
 * phase's end and its peak so far (Linux: /proc/self/status), to see which phase
 * sets the peak. */
typedef struct phase_clock {
    const recoupe_engine *e;
    double wall, cpu;
} phase_clock;

static int timing_on(const recoupe_engine *e) {
    return e->o.timing && e->o.on_message;
}

static void phase_start(phase_clock *c, const recoupe_engine *e) {
    c->e = e;
    if (!timing_on(e)) return;
    c->wall = util_seconds(CLOCK_MONOTONIC);
    c->cpu = util_seconds(CLOCK_PROCESS_CPUTIME_ID);
}

/* VmRSS and VmHWM of /proc/self/status in MiB (0 where unknown) */
static void memory_mib(double *rss, double *peak) {
    *rss = *peak = 0;
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return;
    char line[128];
    long kb;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "VmRSS: %ld", &kb) == 1) *rss = kb / 1024.0;
        if (sscanf(line, "VmHWM: %ld", &kb) == 1) *peak = kb / 1024.0;
    }
    fclose(f);
}

static void phase_mark(phase_clock *c, const char *what) {
    if (!timing_on(c->e)) return;
    double w = util_seconds(CLOCK_MONOTONIC), u = util_seconds(CLOCK_PROCESS_CPUTIME_ID), rss, peak;
    memory_mib(&rss, &peak);
    char msg[256];
    snprintf(msg, sizeof msg, "timing: %-12s wall %7.2f s  cpu %7.2f s  (%.2f cores)  rss %6.0f MiB  peak %6.0f MiB",
             what, w - c->wall, u - c->cpu, w > c->wall ? (u - c->cpu) / (w - c->wall) : 0.0, rss, peak);
    c->e->o.on_message(c->e->o.message_user, msg);
    c->wall = w;
    c->cpu = u;
}

/* ------------------------------------------------------------ engine */

recoupe_engine *recoupe_engine_new(const recoupe_engine_options *opt) {
    recoupe_engine *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    if (opt) e->o = *opt;
    /* written so that NaN takes the default too (every comparison with it is false) */
    if (!(e->o.event_threshold > 0)) e->o.event_threshold = STORY_EVENT_THRESHOLD;
    if (!(e->o.topic_threshold > 0)) e->o.topic_threshold = STORY_TOPIC_THRESHOLD;
    if (e->o.window == 0) e->o.window = 7 * DAY;
    if (e->o.window < 0) e->o.window = 0;
    /* longer than any span of dates: no window, and no overflow in the date arithmetic */
    if (e->o.window > STORY_WINDOW_MAX) e->o.window = 0;
    e->o.jobs = util_jobs(e->o.jobs);
    if (e->o.recluster == 0) e->o.recluster = STORY_RECLUSTER_SHARE;
    e->io = (story_index_options){.top_terms = 16,
                                  .k = 8,
                                  .min_sim = STORY_MIN_SIM,
                                  .window = e->o.window,
                                  .max_posting = 20000,
                                  .jobs = e->o.jobs};
    /* the duplicates index is made when needed: per time slice in batch mode, for
     * the latest window once live (see dup_plan and live_dups) */
    return e;
}

static void events_free(recoupe_engine *e) {
    for (size_t i = 0; i < e->n_events; i++) free(e->events[i].members);
    free(e->events);
    free(e->topics);
    e->events = NULL;
    e->topics = NULL;
    e->n_events = e->cap_events = e->n_topics = e->cap_topics = 0;
}

void recoupe_engine_free(recoupe_engine *e) {
    if (!e) return;
    for (size_t i = 0; i < e->n_docs; i++) {
        recoupe_article_free(e->docs[i].a);
        story_vec_free(&e->vecs[i]);
    }
    free(e->docs);
    free(e->vecs);
    free(e->ts);
    free(e->alive);
    story_df_free(&e->df);
    story_postings_free(&e->post);
    events_free(e);
    recoupe_dups_free(e->dups);
    free(e->acc);
    story_records_free(e);
    free(e);
}

size_t recoupe_engine_article_count(const recoupe_engine *e) {
    return e ? e->n_alive : 0;
}

uint64_t story_doc_id(const story_doc *d) {
    const char *name = story_article_name(d->a);
    uint64_t h = d->p->hash ^ XXH64(name, strlen(name), 7) ^ (uint64_t)d->ts * 0x9E3779B97F4A7C15ull;
    return h & 0x7fffffffffffffffull; /* fits a JSON number's sign-free integer text */
}

static int64_t doc_ts(const recoupe_article *a) {
    return a->timestamp && a->timestamp != INT64_MIN ? a->timestamp : INT64_MIN;
}

static int event_new(recoupe_engine *e, uint64_t id, uint32_t *out) {
    if (util_grow(&e->events, &e->cap_events, e->n_events + 1, sizeof *e->events, 64) != 0) return -1;
    story_event *ev = &e->events[e->n_events];
    memset(ev, 0, sizeof *ev);
    ev->id = id;
    ev->tmin = ev->tmax = INT64_MIN;
    ev->alive = 1;
    *out = (uint32_t)e->n_events++;
    return 0;
}

static int topic_new(recoupe_engine *e, uint64_t id, uint32_t *out) {
    if (util_grow(&e->topics, &e->cap_topics, e->n_topics + 1, sizeof *e->topics, 64) != 0) return -1;
    e->topics[e->n_topics] = (story_topic){id, 0, INT64_MIN, INT64_MIN};
    *out = (uint32_t)e->n_topics++;
    return 0;
}

static void span_add(int64_t *tmin, int64_t *tmax, int64_t ts) {
    if (ts == INT64_MIN) return;
    if (*tmin == INT64_MIN || ts < *tmin) *tmin = ts;
    if (*tmax == INT64_MIN || ts > *tmax) *tmax = ts;
}

static int event_join(recoupe_engine *e, uint32_t ev, uint32_t h) {
    story_event *E = &e->events[ev];
    if (util_grow32(&E->members, &E->cap, E->n + 1, sizeof *E->members, 4) != 0) return -1;
    E->members[E->n++] = h;
    span_add(&E->tmin, &E->tmax, e->docs[h].ts);
    story_topic *T = &e->topics[E->topic];
    T->size++;
    span_add(&T->tmin, &T->tmax, e->docs[h].ts);
    e->docs[h].event = ev;
    return 0;
}

static int within(int64_t tmin, int64_t tmax, int64_t ts, int64_t window) {
    if (!window || ts == INT64_MIN || tmin == INT64_MIN) return 1;
    return ts >= tmin - window && ts <= tmax + window;
}

/* ------------------------------------------------------------ canonical order */

/* handles by date (undated first), then content hash, then name; ctx: the engine
 * (qsort_r: no shared state, so two engines sort on two threads at once) */
static int cmp_canonical(const void *x, const void *y, void *ctx) {
    const recoupe_engine *e = ctx;
    const story_doc *a = &e->docs[*(const uint32_t *)x], *b = &e->docs[*(const uint32_t *)y];
    if (a->ts != b->ts) return a->ts < b->ts ? -1 : 1;
    if (a->p->hash != b->p->hash) return a->p->hash < b->p->hash ? -1 : 1;
    int c = strcmp(story_article_name(a->a), story_article_name(b->a));
    if (c) return c;
    return *(const uint32_t *)x < *(const uint32_t *)y ? -1 : 1;
}

/* ------------------------------------------------------------ near-duplicates (batch mode: batch.c) */
#define NO_DUP_KEY UINT64_MAX

/* The live duplicates index, made at the first add after a batch run from the
 * articles of the latest window (and the undated ones): older articles are out
 * of reach of any new story anyway. ts is the new article's date. */
static int live_dups(recoupe_engine *e, int64_t ts) {
    if (e->dups) return 0;
    if (!(e->dups = recoupe_dups_new(NULL))) return -1;
    int64_t latest = ts;
    for (size_t i = 0; i < e->n_docs; i++)
        if (e->docs[i].alive && e->ts[i] != INT64_MIN && (latest == INT64_MIN || e->ts[i] > latest)) latest = e->ts[i];
    for (size_t i = 0; i < e->n_docs; i++) {
        story_doc *d = &e->docs[i];
        if (!d->alive) continue;
        if (e->o.window > 0 && d->ts != INT64_MIN && latest != INT64_MIN && d->ts < latest - e->o.window) continue;
        if (recoupe_dups_add(e->dups, d->a, i, &d->dup_key) != RECOUPE_OK) {
            /* out of memory: no half index (the next add makes it whole), no key into it */
            recoupe_dups_free(e->dups);
            e->dups = NULL;
            for (size_t j = 0; j < e->n_docs; j++) e->docs[j].dup_key = NO_DUP_KEY;
            return -1;
        }
    }
    return 0;
}

/* the event and topic ids each article had, by canonical rank (0: none), for
 * ids.c to carry over; 0 or -1 (out of memory: the caller frees what is set) */
static int old_ids(const recoupe_engine *e, const uint32_t *ord, size_t n, uint64_t **old_ev, uint64_t **old_tp) {
    *old_ev = calloc(n ? n : 1, sizeof **old_ev);
    *old_tp = calloc(n ? n : 1, sizeof **old_tp);
    if (!*old_ev || !*old_tp) return -1;
    for (size_t i = 0; i < n; i++) {
        const story_doc *d = &e->docs[ord[i]];
        if (d->event == UINT32_MAX || d->event >= e->n_events) continue;
        (*old_ev)[i] = e->events[d->event].id;
        (*old_tp)[i] = e->topics[e->events[d->event].topic].id;
    }
    return 0;
}

recoupe_status recoupe_engine_cluster(recoupe_engine *e) {
    if (!e) return RECOUPE_ERR_ARG;
    size_t n = e->n_alive;
    recoupe_status st = RECOUPE_ERR_NOMEM;
    uint32_t *ord = malloc((n ? n : 1) * sizeof *ord), *rank = malloc((e->n_docs ? e->n_docs : 1) * sizeof *rank);
    story_vec *vecs = calloc(n ? n : 1, sizeof *vecs);
    int64_t *ts = malloc((n ? n : 1) * sizeof *ts);
    uint32_t *group = malloc((n ? n : 1) * sizeof *group), *ev = malloc((n ? n : 1) * sizeof *ev),
             *tp = malloc((n ? n : 1) * sizeof *tp), *ev_of = NULL, *tp_of = NULL;
    uint64_t *old_ev = NULL, *old_tp = NULL;
    story_knn knn = {0};
    phase_clock pc;
    phase_start(&pc, e);
    if (!ord || !rank || !vecs || !ts || !group || !ev || !tp) goto out;
    size_t m = 0;
    for (size_t i = 0; i < e->n_docs; i++)
        if (e->docs[i].alive) ord[m++] = (uint32_t)i;
    qsort_r(ord, n, sizeof *ord, cmp_canonical, e);
    phase_mark(&pc, "order");
    for (size_t i = 0; i < n; i++) {
        story_doc *d = &e->docs[ord[i]];
        rank[ord[i]] = (uint32_t)i;
        ts[i] = d->ts;
        d->group = UINT32_MAX;
    }
    /* near-duplicate groups, found again from scratch (the live index goes: it is
     * made anew from the latest window at the next live add) */
    recoupe_dups_free(e->dups);
    e->dups = NULL;
    for (size_t i = 0; i < e->n_docs; i++) e->docs[i].dup_key = NO_DUP_KEY;
    if (story_batch_run(e, ord, ts, n, vecs, group, &knn) != 0) goto out;
    for (size_t i = 0; i < n; i++)
        if (group[i] != UINT32_MAX) e->docs[ord[i]].group = ord[group[i]];
    for (size_t i = 0; i < n; i++) /* labels are handles, as in live mode */
        if (group[i] != UINT32_MAX) group[i] = ord[group[i]];
    phase_mark(&pc, "vec+dup+knn");
    story_cluster_options co = {e->o.event_threshold, e->o.topic_threshold, e->o.window, vecs, e->o.jobs,
                                e->o.pair_gate};
    if (story_cluster(&knn, ts, group, n, &co, ev, tp) != 0) goto out;
    phase_mark(&pc, "cluster");
    /* events and topics: labels are canonical indices of their first member; the
     * ids of the stories there were before are carried over (ids.c) */
    if (e->n_events && old_ids(e, ord, n, &old_ev, &old_tp) != 0) goto out;
    events_free(e);
    /* no article is in an event until it joins a new one: were an allocation below
     * to fail, none may point into the events just freed */
    for (size_t i = 0; i < n; i++) e->docs[ord[i]].event = UINT32_MAX;
    ev_of = malloc((n ? n : 1) * sizeof *ev_of);
    tp_of = malloc((n ? n : 1) * sizeof *tp_of);
    if (!ev_of || !tp_of) goto out;
    for (size_t i = 0; i < n; i++) {
        story_doc *d = &e->docs[ord[i]];
        if (tp[i] == i && topic_new(e, story_doc_id(d), &tp_of[i]) != 0) goto out;
        if (ev[i] == i) {
            if (event_new(e, story_doc_id(d), &ev_of[i]) != 0) goto out;
            e->events[ev_of[i]].topic = tp_of[tp[i]];
        }
        if (event_join(e, ev_of[ev[i]], ord[i]) != 0) goto out;
        /* neighbour rows, under handles, for incremental adds */
        size_t k = knn.off[i + 1] - knn.off[i];
        if (k > sizeof d->row / sizeof d->row[0]) k = sizeof d->row / sizeof d->row[0];
        for (size_t j = 0; j < k; j++) {
            d->row[j].doc = ord[knn.nb[knn.off[i] + j].doc];
            d->row[j].sim = knn.nb[knn.off[i] + j].sim;
        }
        d->n_row = (uint8_t)k;
    }
    if (old_ev && story_engine_carry_ids(e, old_ev, old_tp, ev, tp, ev_of, tp_of, n) != 0) goto out;
    /* the live index, for what comes next, is made at the first live add (a
     * batch run alone, as `recoupe threads`, never needs it) */
    story_postings_free(&e->post);
    e->post_ready = 0;
    e->live = 1;
    e->n_clustered = n;
    e->live_adds = 0;
    e->dirty = 1;
    phase_mark(&pc, "events");
    st = RECOUPE_OK;
out:
    story_knn_free(&knn);
    free(ord);
    free(rank);
    free(vecs);
    free(ts);
    free(group);
    free(ev);
    free(tp);
    free(ev_of);
    free(tp_of);
    free(old_ev);
    free(old_tp);
    return st;
}

/* ------------------------------------------------------------ incremental */

/* Drops the entries of d's row whose article was removed: a removal cleans the
 * rows of the neighbours it listed, but rows are not symmetric, and a row that
 * lists it is cleaned here, when it is next read or written. */
static void row_purge(const recoupe_engine *e, story_doc *d) {
    uint8_t k = 0;
    for (uint8_t i = 0; i < d->n_row; i++)
        if (e->docs[d->row[i].doc].alive) d->row[k++] = d->row[i];
    d->n_row = k;
}

static void row_insert(story_doc *d, uint32_t h, float sim, size_t k) {
    size_t n = d->n_row;
    if (n == k && !(sim > d->row[n - 1].sim)) return;
    size_t i = n < k ? n++ : n - 1;
    while (i > 0 && d->row[i - 1].sim < sim) {
        d->row[i] = d->row[i - 1];
        i--;
    }
    d->row[i] = (story_nb){h, sim};
    d->n_row = (uint8_t)n;
}

/* A near-duplicate of an article already placed goes where it is: the first of
 * its direct relatives that is (one query of the duplicate index; the whole
 * group, through relatives of relatives, would cost the square of its size at
 * every add of a wire copy reprinted a thousand times). UINT32_MAX: none. */
static uint32_t forced_event(recoupe_engine *e, uint32_t h) {
    story_doc *d = &e->docs[h];
    uint32_t forced = UINT32_MAX;
    if (e->dups) {
        size_t *rel = NULL, nrel = 0;
        if (recoupe_dups_related(e->dups, d->dup_key, &rel, &nrel) == RECOUPE_OK) {
            for (size_t i = 0; i < nrel && forced == UINT32_MAX; i++) {
                size_t o = rel[i];
                if (o != h && o < e->n_docs && e->alive[o] && e->docs[o].event != UINT32_MAX) {
                    forced = e->docs[o].event;
                    if (e->docs[o].group == UINT32_MAX) e->docs[o].group = (uint32_t)o; /* a group of two now */
                    d->group = e->docs[o].group;
                }
            }
        }
        free(rel);
    }
    return forced;
}

/* the best of `cands` (index, score) at or above th; ties: lower index */
static int add_live(recoupe_engine *e, uint32_t h) {
    story_doc *d = &e->docs[h];
    story_feat *f = NULL;
    size_t cap = 0;
    int rc = story_prep_unpack(d->a, d->p, &f, &cap) != 0
                 ? -1
                 : story_vec_make(&e->df, f, d->p->nf, MAX_TERMS, 1, &e->vecs[h]);
    free(f);
    if (rc != 0) return -1;
    if (e->cap_acc < e->n_docs) {
        size_t nc = e->n_docs * 2;
        float *p = realloc(e->acc, nc * sizeof *p);
        if (!p) return -1;
        memset(p + e->cap_acc, 0, (nc - e->cap_acc) * sizeof *p);
        e->acc = p;
        e->cap_acc = nc;
    }
    if (!e->post_ready) { /* the live index over the articles held (see recoupe_engine_cluster) */
        for (size_t i = 0; i < e->n_docs; i++)
            if (i != h && e->docs[i].alive &&
                story_postings_add(&e->post, (uint32_t)i, &e->vecs[i], e->io.top_terms) != 0) {
                story_postings_free(&e->post); /* made whole next time */
                return -1;
            }
        e->post_ready = 1;
    }
    size_t k = e->io.k > 16 ? 16 : e->io.k;
    story_index_options io = e->io;
    io.k = k;
    story_nb nb[16];
    size_t n = story_knn_query(&e->post, e->vecs, e->ts, e->alive, e->n_docs, &e->vecs[h], d->ts, h, &io, nb, e->acc);
    if (story_postings_add(&e->post, h, &e->vecs[h], e->io.top_terms) != 0) return -1;
    memcpy(d->row, nb, n * sizeof *nb);
    d->n_row = (uint8_t)n;
    for (size_t i = 0; i < n; i++) {
        row_purge(e, &e->docs[nb[i].doc]);
        row_insert(&e->docs[nb[i].doc], h, nb[i].sim, k);
    }
    uint32_t forced = forced_event(e, h);
    /* average second-order similarity to each neighbouring event and topic */
    uint32_t evs[16], tps[16];
    double evsum[16] = {0}, tpsum[16] = {0}, evev[16] = {0}; /* evev: pair evidence (pair.c), as in batch */
    size_t nev = 0, ntp = 0;
    for (size_t i = 0; i < n; i++) {
        const story_doc *b = &e->docs[nb[i].doc];
        if (b->event == UINT32_MAX) continue;
        double p, s2 = story_event_link(&e->vecs[h], d->row, d->n_row, h, &e->vecs[nb[i].doc], b->row, b->n_row,
                                        nb[i].doc, &p);
        uint32_t E = b->event, T = e->events[E].topic;
        size_t j = 0;
        while (j < nev && evs[j] != E) j++;
        if (j == nev) evs[nev++] = E;
        evsum[j] += s2;
        evev[j] += story_pair_evidence(p);
        j = 0;
        while (j < ntp && tps[j] != T) j++;
        if (j == ntp) tps[ntp++] = T;
        tpsum[j] += s2;
    }
    uint32_t best = forced;
    double best_s = 0;
    for (size_t j = 0; j < nev && forced == UINT32_MAX; j++) {
        const story_event *E = &e->events[evs[j]];
        double s = evsum[j] / E->n; /* average link of {a} to E, as in batch */
        if (s >= e->o.event_threshold && evev[j] >= story_pair_evidence(story_pair_gate_of(e->o.pair_gate)) &&
            within(E->tmin, E->tmax, d->ts, e->o.window) && (s > best_s || (s == best_s && evs[j] < best))) {
            best = evs[j];
            best_s = s;
        }
    }
    if (best == UINT32_MAX) {
        uint32_t topic = UINT32_MAX;
        for (size_t j = 0; j < ntp; j++) {
            const story_topic *T = &e->topics[tps[j]];
            double s = tpsum[j] / (T->size ? T->size : 1);
            if (s >= e->o.topic_threshold && within(T->tmin, T->tmax, d->ts, e->o.window) &&
                (s > best_s || (s == best_s && tps[j] < topic))) {
                topic = tps[j];
                best_s = s;
            }
        }
        if (topic == UINT32_MAX && topic_new(e, story_doc_id(d), &topic) != 0) return -1;
        if (event_new(e, story_doc_id(d), &best) != 0) return -1;
        e->events[best].topic = topic;
    }
    return event_join(e, best, h);
}

/* Adds a; place = 0 only holds it (counted in the document frequencies, in no
 * story and in no live index: for a clustering that follows at once). */
static recoupe_status add_one(recoupe_engine *e, recoupe_article *a, uint32_t *handle, int place) {
    if (!a) return RECOUPE_ERR_ARG;
    if (story_prepare_article(a) != 0) {
        recoupe_article_free(a);
        return RECOUPE_ERR_NOMEM;
    }
    if (e->n_docs >= UINT32_MAX) { /* handles are uint32 and UINT32_MAX means none: the engine is full */
        recoupe_article_free(a);
        return RECOUPE_ERR_NOMEM;
    }
    if (e->n_docs == e->cap_docs) {
        size_t nc = e->cap_docs ? e->cap_docs * 2 : 256;
        story_doc *d = realloc(e->docs, nc * sizeof *d);
        if (d) e->docs = d;
        story_vec *v = realloc(e->vecs, nc * sizeof *v);
        if (v) e->vecs = v;
        int64_t *t = realloc(e->ts, nc * sizeof *t);
        if (t) e->ts = t;
        uint8_t *al = realloc(e->alive, nc);
        if (al) e->alive = al;
        if (!d || !v || !t || !al) {
            recoupe_article_free(a);
            return RECOUPE_ERR_NOMEM;
        }
        e->cap_docs = nc;
    }
    if (a->text && a->body) {
        /* the raw payload is not needed once the main text is known (features and
         * duplicates read the text): at a million articles it is a gigabyte */
        free(a->body);
        a->body = NULL;
        a->body_len = 0;
    }
    uint32_t h = (uint32_t)e->n_docs;
    story_doc *d = &e->docs[h];
    memset(d, 0, sizeof *d);
    d->a = a;
    d->p = story_prep_of(a);
    d->ts = doc_ts(a);
    d->event = UINT32_MAX;
    d->group = UINT32_MAX;
    e->vecs[h] = (story_vec){0};
    e->ts[h] = d->ts;
    e->alive[h] = 0;
    e->n_docs++;
    if (story_df_add_terms(&e->df, d->p->pk, d->p->nf) != 0) goto oom;
    d->dup_key = NO_DUP_KEY;
    if (!place) {
        d->alive = 1;
        e->n_alive++;
        e->alive[h] = 1;
        e->dirty = 1;
        if (handle) *handle = h;
        return RECOUPE_OK;
    }
    if (e->live && !e->o.no_duplicates &&
        (live_dups(e, d->ts) != 0 || recoupe_dups_add(e->dups, a, h, &d->dup_key) != RECOUPE_OK)) {
        story_df_remove_terms(&e->df, d->p->pk, d->p->nf); /* the dead slot is not counted */
        goto oom;
    }
    d->alive = 1;
    e->n_alive++;
    if (e->live && add_live(e, h) != 0) {
        e->alive[h] = 1; /* counted in; its story may be missing, the next cluster call fixes it */
        e->dirty = 1;
        if (handle) *handle = h; /* held: the caller can remove it */
        return RECOUPE_ERR_NOMEM;
    }
    e->alive[h] = 1;
    e->dirty = 1;
    if (handle) *handle = h;
    /* live placement puts an article once, with the document frequencies of the
     * moment, and never moves it; so the stories catch up with the batch result by
     * a whole clustering once the live adds reach 1/recluster of the articles of
     * the last one (a geometric schedule: the total work stays linear) */
    if (e->live && e->o.recluster > 0 && ++e->live_adds >= STORY_RECLUSTER_MIN &&
        e->live_adds * (size_t)e->o.recluster >= e->n_clustered)
        return recoupe_engine_cluster(e);
    return RECOUPE_OK;
oom:
    /* the slot stays, dead, so that handles keep their meaning */
    e->alive[h] = 0;
    return RECOUPE_ERR_NOMEM;
}

recoupe_status recoupe_engine_add(recoupe_engine *e, recoupe_article *a, uint32_t *handle) {
    if (!e) {
        recoupe_article_free(a);
        return RECOUPE_ERR_ARG;
    }
    return add_one(e, a, handle, 1);
}

/* One by one while the batch stays below the share that re-clusters; a batch
 * that reaches it is only held, and clustered once with everything else (what
 * adding it one by one ends on, without placing live the articles the
 * clustering would place again). */
recoupe_status recoupe_engine_add_batch(recoupe_engine *e, recoupe_article **a, size_t n, uint32_t *handles) {
    for (size_t i = 0; handles && i < n; i++) handles[i] = UINT32_MAX;
    if (!e || (n && !a)) {
        for (size_t i = 0; a && i < n; i++) recoupe_article_free(a[i]);
        return RECOUPE_ERR_ARG;
    }
    size_t adds = e->live_adds + n;
    int whole =
        e->live && e->o.recluster > 0 && adds >= STORY_RECLUSTER_MIN && adds * (size_t)e->o.recluster >= e->n_clustered;
    recoupe_status st = RECOUPE_OK, s1;
    for (size_t i = 0; i < n; i++) {
        uint32_t h = UINT32_MAX;
        s1 = add_one(e, a[i], &h, !whole);
        a[i] = NULL;
        if (handles) handles[i] = h;
        if (s1 != RECOUPE_OK && st == RECOUPE_OK) st = s1;
    }
    if (!whole) return st;
    /* counted as live adds: should the clustering fail, the next add tries again */
    e->live_adds = adds;
    s1 = recoupe_engine_cluster(e);
    return st != RECOUPE_OK ? st : s1;
}

recoupe_status recoupe_engine_remove(recoupe_engine *e, uint32_t handle) {
    if (!e || handle >= e->n_docs || !e->docs[handle].alive) return RECOUPE_ERR_NOTFOUND;
    story_doc *d = &e->docs[handle];
    d->alive = 0;
    e->alive[handle] = 0;
    e->n_alive--;
    if (story_prep_features(d->a, d->p) == 0) story_df_remove_terms(&e->df, d->p->pk, d->p->nf);
    if (e->dups) (void)recoupe_dups_remove(e->dups, d->dup_key);
    if (d->event != UINT32_MAX) {
        story_event *E = &e->events[d->event];
        for (uint32_t i = 0; i < E->n; i++)
            if (E->members[i] == handle) {
                memmove(E->members + i, E->members + i + 1, (E->n - i - 1) * sizeof *E->members);
                E->n--;
                break;
            }
        if (!E->n) E->alive = 0;
        if (e->topics[E->topic].size) e->topics[E->topic].size--;
        d->event = UINT32_MAX;
    }
    /* the others' neighbour rows forget it */
    for (uint8_t i = 0; i < d->n_row; i++) {
        story_doc *b = &e->docs[d->row[i].doc];
        for (uint8_t j = 0; j < b->n_row; j++)
            if (b->row[j].doc == handle) {
                memmove(b->row + j, b->row + j + 1, (size_t)(b->n_row - j - 1) * sizeof *b->row);
                b->n_row--;
                break;
            }
    }
    story_vec_free(&e->vecs[handle]);
    recoupe_article_free(d->a);
    d->a = NULL;
    d->p = NULL;
    e->dirty = 1;
    return RECOUPE_OK;
}
