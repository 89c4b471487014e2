/* cluster.c: neighbour lists -> events nested in topics.
 *
 * Similarity: two articles about one event share their neighbours as well as
 * their words. The second-order similarity of a and b is the cosine of their rows
 * in the k-nearest-neighbour graph (the row of a: a itself at its best similarity,
 * and each neighbour at its similarity). It is high when a and b see the same
 * articles as close, which separates two events of one topic better than the raw
 * cosine, and is low for a pair whose only link is one shared name.
 *
 * The floor: the second-order score has no absolute level (two texts that are
 * each other's only close neighbours score 1 whatever their cosine), so at the
 * event level a pair links only when one lists the other as a neighbour with a
 * direct cosine of at least STORY_LINK_FLOOR; pairs joined only through shared
 * neighbours count 0 there. Topics use the plain second-order score.
 *
 * The pair gate: the second-order score says two articles see the same
 * neighbourhood, not that they tell the same story (two reports of one topic
 * do too). So an event merge also needs the pair decision (pair.c): the
 * evidence of the pairs across the two clusters, sum of -ln(1 - p) (pairs taken
 * as independent witnesses), must reach story_pair_evidence(gate), i.e. some pair
 * across them is the same story. A lone pair must score p >= gate; ten long
 * articles of one event whose pairs score 0.2-0.3 each still gather. Topics are
 * not gated.
 *
 * Clustering: average-link agglomeration over the sparse graph (a missing edge
 * counts 0, so a cluster is joined only by what most of its members agree on).
 * Candidates are held in a max-heap with lazy deletion: an entry carries the
 * version of both clusters and is dropped at pop time when either has changed.
 * Duplicate groups are merged before anything else, so a group lands whole.
 * Two passes: events (floored weights, from the duplicate groups, down to
 * event_threshold), then topics (plain weights, starting from the events, down
 * to topic_threshold), so each event lies inside one topic.
 *
 * The time window: two clusters whose dated spans are more than `window` apart
 * do not merge (a developing story grows from its latest article; an unrelated
 * event months later starts its own). Undated articles constrain nothing.
 *
 * Determinism: the heap orders by similarity, then by the lower cluster ids;
 * cluster ids are document indices in canonical order; so the result depends on
 * neither the input order nor the threads (which only weigh the edges, each on
 * its own). */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "story/story.h"
#include "util/threads.h"
#include "util/sort.h"
#include "util/array.h"

/* the second-order similarity itself (no floor) */
static double second_order_raw(const story_nb *ra, size_t na, uint32_t a, const story_nb *rb, size_t nb, uint32_t b) {
    if (!na || !nb) return 0;
    double sa = ra[0].sim, sb = rb[0].sim; /* self weight: the best similarity */
    double dot = 0, qa = sa * sa, qb = sb * sb;
    for (size_t i = 0; i < na; i++) qa += (double)ra[i].sim * ra[i].sim;
    for (size_t j = 0; j < nb; j++) qb += (double)rb[j].sim * rb[j].sim;
    /* a's row holds a (sa) and ra[]; b's row holds b (sb) and rb[] */
    for (size_t i = 0; i < na; i++) {
        if (ra[i].doc == b) dot += ra[i].sim * sb;
        for (size_t j = 0; j < nb; j++)
            if (ra[i].doc == rb[j].doc) dot += (double)ra[i].sim * rb[j].sim;
    }
    for (size_t j = 0; j < nb; j++)
        if (rb[j].doc == a) dot += rb[j].sim * sa;
    return dot / sqrt(qa * qb);
}

/* the direct cosine of a and b when one lists the other, else -1 */
static double direct_sim(const story_nb *ra, size_t na, uint32_t a, const story_nb *rb, size_t nb, uint32_t b) {
    double c = -1;
    for (size_t i = 0; i < na; i++)
        if (ra[i].doc == b && ra[i].sim > c) c = ra[i].sim;
    for (size_t j = 0; j < nb; j++)
        if (rb[j].doc == a && rb[j].sim > c) c = rb[j].sim;
    return c;
}

double story_second_order_rows(const story_nb *ra, size_t na, uint32_t a, const story_nb *rb, size_t nb, uint32_t b) {
    if (direct_sim(ra, na, a, rb, nb, b) < STORY_LINK_FLOOR) return 0;
    return second_order_raw(ra, na, a, rb, nb, b);
}

double story_second_order(const story_knn *k, uint32_t a, uint32_t b) {
    return story_second_order_rows(k->nb + k->off[a], k->off[a + 1] - k->off[a], a, k->nb + k->off[b],
                                   k->off[b + 1] - k->off[b], b);
}

double story_event_link(const story_vec *va, const story_nb *ra, size_t na, uint32_t a, const story_vec *vb,
                        const story_nb *rb, size_t nb, uint32_t b, double *p) {
    double s2 = story_second_order_rows(ra, na, a, rb, nb, b);
    *p = va && vb ? story_pair_score(va, vb) : 0;
    return s2;
}

static double second_order_topic(const story_knn *k, uint32_t a, uint32_t b) {
    return second_order_raw(k->nb + k->off[a], k->off[a + 1] - k->off[a], a, k->nb + k->off[b],
                            k->off[b + 1] - k->off[b], b);
}

/* ------------------------------------------------------------ heap */

typedef struct cand {
    float sim;
    uint32_t a, b;   /* a < b */
    uint32_t va, vb; /* versions at push time */
} cand;

typedef struct heap {
    cand *v;
    size_t n, cap;
} heap;

static int cand_before(const cand *x, const cand *y) {
    if (x->sim != y->sim) return x->sim > y->sim;
    if (x->a != y->a) return x->a < y->a;
    return x->b < y->b;
}

static int heap_push(heap *h, cand c) {
    if (util_grow(&h->v, &h->cap, h->n + 1, sizeof *h->v, 1024) != 0) return -1;
    size_t i = h->n++;
    while (i > 0) {
        size_t up = (i - 1) / 2;
        if (!cand_before(&c, &h->v[up])) break;
        h->v[i] = h->v[up];
        i = up;
    }
    h->v[i] = c;
    return 0;
}

static cand heap_pop(heap *h) {
    cand top = h->v[0], last = h->v[--h->n];
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        const cand *best = &last;
        if (l < h->n && cand_before(&h->v[l], best)) {
            m = l;
            best = &h->v[l];
        }
        if (r < h->n && cand_before(&h->v[r], best)) m = r;
        if (m == i) break;
        h->v[i] = h->v[m];
        i = m;
    }
    if (h->n) h->v[i] = last;
    return top;
}

/* ------------------------------------------------------------ clusters */

typedef struct link {
    uint32_t c;
    float sum;
    float ev; /* evidence of one story: sum of -ln(1 - p) over the pair decisions across (pair.c) */
} link;

typedef struct clu {
    link *nb;
    uint32_t n_nb, cap_nb;
    uint32_t size, version;
    int64_t tmin, tmax; /* INT64_MIN when no member is dated */
    int alive;
} clu;

static int link_add(clu *c, uint32_t other, float w, float best) {
    for (uint32_t i = 0; i < c->n_nb; i++)
        if (c->nb[i].c == other) {
            c->nb[i].sum += w;
            c->nb[i].ev += best;
            return 0;
        }
    if (util_grow32(&c->nb, &c->cap_nb, c->n_nb + 1, sizeof *c->nb, 8) != 0) return -1;
    c->nb[c->n_nb++] = (link){other, w, best};
    return 0;
}

static link link_take(clu *c, uint32_t other) {
    for (uint32_t i = 0; i < c->n_nb; i++)
        if (c->nb[i].c == other) {
            link l = c->nb[i];
            c->nb[i] = c->nb[--c->n_nb];
            return l;
        }
    return (link){other, 0, 0};
}

static int span_ok(const clu *a, const clu *b, int64_t window) {
    if (window <= 0 || a->tmin == INT64_MIN || b->tmin == INT64_MIN) return 1;
    int64_t gap = b->tmin > a->tmax ? b->tmin - a->tmax : a->tmin > b->tmax ? a->tmin - b->tmax : 0;
    return gap <= window;
}

/* a candidate merge, when the best pair between the clusters passes the gate */
static int push_pair(heap *h, const clu *cl, uint32_t x, uint32_t y, const link *l, double gate) {
    if (gate > 0 && l->ev < story_pair_evidence(gate)) return 0;
    float sum = l->sum;
    uint32_t a = x < y ? x : y, b = x < y ? y : x;
    cand c = {sum / ((float)cl[a].size * (float)cl[b].size), a, b, cl[a].version, cl[b].version};
    return heap_push(h, c);
}

static uint32_t uf_find(uint32_t *p, uint32_t x) {
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

static void labels(uint32_t *parent, size_t n, uint32_t *out) {
    /* parent[] is a union-find over documents whose roots are cluster ids; the
     * label is the smallest document index, which is the root by construction */
    for (size_t i = 0; i < n; i++) out[i] = uf_find(parent, (uint32_t)i);
}

#define REV_CAP 16

typedef struct edge {
    uint32_t a, b;
    float w;
    float p; /* the pair decision (1 when there is no gate) */
} edge;

static int cmp_u32pair(const void *x, const void *y) {
    const uint32_t *p = x, *q = y;
    if (p[0] != q[0]) return p[0] < q[0] ? -1 : 1;
    return p[1] < q[1] ? -1 : p[1] > q[1];
}

/* The pairs of build_edges, each (min, max), handed to pair(): pass 0 counts
 * them by their lower document, pass 1 writes each higher one at its place. */
typedef struct pair_sink {
    size_t *at;   /* pass 0: counts by lower document; pass 1: next write position */
    uint32_t *hi; /* pass 1: the higher documents, grouped by the lower one */
    int pass;
} pair_sink;

static inline void pair(pair_sink *s, uint32_t a, uint32_t b) {
    uint32_t lo = a < b ? a : b, hi = a < b ? b : a;
    if (s->pass == 0)
        s->at[lo]++;
    else
        s->hi[s->at[lo]++] = hi;
}

static void each_pair(const story_knn *k, size_t n, const uint32_t *rv, const uint32_t *rl, pair_sink *s) {
    for (size_t x = 0; x < n; x++) {
        uint32_t mem[REV_CAP + 1], nm = 0;
        mem[nm++] = (uint32_t)x;
        for (uint32_t j = rv[x]; j < rv[x + 1] && nm <= REV_CAP; j++) mem[nm++] = rl[j];
        for (uint32_t i = 0; i < nm; i++)
            for (uint32_t j = i + 1; j < nm; j++) pair(s, mem[i], mem[j]);
    }
    /* and each forward pair (a hub's far members were capped above) */
    for (size_t a = 0; a < n; a++)
        for (size_t j = k->off[a]; j < k->off[a + 1]; j++) pair(s, (uint32_t)a, k->nb[j].doc);
}

/* Every pair that shares a neighbour (or is one), once per pair, sorted by
 * (lower, higher) document. The documents that list x among their neighbours
 * are found through the reverse lists; a hub listed by very many keeps its
 * REV_CAP closest (bounded cost). The pairs are bucketed by their lower
 * document in two passes (count, then place) and each short bucket is sorted
 * on its own: linear, where one sort of all pairs was the longest one-thread
 * step of the clustering. */
static int build_edges(const story_knn *k, size_t n, edge **out, size_t *n_out) {
    size_t n_edges = k->off[n];
    uint32_t *rv = calloc(n + 1, sizeof *rv), *rl = calloc(n_edges ? n_edges : 1, sizeof *rl);
    uint32_t *fill = calloc(n + 1, sizeof *fill), *hi = NULL;
    size_t *at = calloc(n + 1, sizeof *at), *start = malloc((n + 1) * sizeof *start);
    edge *e = NULL;
    if (!rv || !rl || !fill || !at || !start) goto oom;
    for (size_t j = 0; j < n_edges; j++) rv[k->nb[j].doc + 1]++;
    for (size_t i = 0; i < n; i++) rv[i + 1] += rv[i];
    for (size_t a = 0; a < n; a++) /* in document order: lists come out sorted by document */
        for (size_t j = k->off[a]; j < k->off[a + 1]; j++) {
            uint32_t x = k->nb[j].doc;
            rl[rv[x] + fill[x]++] = (uint32_t)a;
        }
    pair_sink s = {at, NULL, 0};
    each_pair(k, n, rv, rl, &s);
    size_t m = 0;
    for (size_t a = 0; a < n; a++) {
        size_t c = at[a];
        start[a] = at[a] = m;
        m += c;
    }
    start[n] = m;
    hi = malloc((m ? m : 1) * sizeof *hi);
    if (!hi) goto oom;
    s = (pair_sink){at, hi, 1};
    each_pair(k, n, rv, rl, &s);
    free(rv);
    free(rl);
    free(fill);
    free(at);
    rv = NULL;
    rl = NULL;
    fill = NULL;
    at = NULL;
    size_t u = 0; /* unique pairs, then the edges */
    for (size_t a = 0; a < n; a++) {
        sort_u32(hi + start[a], start[a + 1] - start[a]);
        for (size_t j = start[a]; j < start[a + 1]; j++)
            if (j == start[a] || hi[j] != hi[j - 1]) u++;
    }
    e = malloc((u ? u : 1) * sizeof *e);
    if (!e) goto oom;
    size_t w = 0;
    for (size_t a = 0; a < n; a++)
        for (size_t j = start[a]; j < start[a + 1]; j++)
            if (j == start[a] || hi[j] != hi[j - 1]) e[w++] = (edge){(uint32_t)a, hi[j], 0, 1};
    free(hi);
    free(start);
    *out = e;
    *n_out = u;
    return 0;
oom:
    free(e);
    free(rv);
    free(rl);
    free(fill);
    free(at);
    free(start);
    free(hi);
    return -1;
}

/* Average-link agglomeration over the weighted edges, from the partition given
 * by group[] (documents with one label start merged; NULL: singletons), down to
 * threshold th. Writes each document's label (smallest index of its cluster). */
static int agglomerate(const edge *e, size_t m, const int64_t *ts, const uint32_t *group, size_t n, double th,
                       double gate, int64_t window, uint32_t *out) {
    int rc = -1;
    uint32_t *parent = malloc((n ? n : 1) * sizeof *parent);
    clu *cl = calloc(n ? n : 1, sizeof *cl);
    uint32_t *gp = NULL;
    heap h = {0};
    if (!parent || !cl) goto out;
    for (size_t i = 0; i < n; i++) {
        parent[i] = (uint32_t)i;
        cl[i].tmin = cl[i].tmax = INT64_MIN;
    }
    if (group) { /* union documents with one label (root = smallest index) */
        gp = malloc((n ? n : 1) * 2 * sizeof *gp);
        if (!gp) goto out;
        size_t g = 0;
        for (size_t i = 0; i < n; i++)
            if (group[i] != UINT32_MAX) {
                gp[2 * g] = group[i];
                gp[2 * g + 1] = (uint32_t)i;
                g++;
            }
        qsort(gp, g, 2 * sizeof *gp, cmp_u32pair);
        for (size_t i = 1; i < g; i++)
            if (gp[2 * i] == gp[2 * i - 2]) parent[gp[2 * i + 1]] = uf_find(parent, gp[2 * i - 1]);
    }
    for (size_t i = 0; i < n; i++) {
        clu *c = &cl[uf_find(parent, (uint32_t)i)];
        c->alive = 1;
        c->size++;
        if (ts && ts[i] != INT64_MIN) {
            if (c->tmin == INT64_MIN || ts[i] < c->tmin) c->tmin = ts[i];
            if (c->tmax == INT64_MIN || ts[i] > c->tmax) c->tmax = ts[i];
        }
    }
    for (size_t i = 0; i < m; i++) {
        uint32_t ra = uf_find(parent, e[i].a), rb = uf_find(parent, e[i].b);
        if (ra == rb || (e[i].w <= 0 && e[i].p <= 0)) continue;
        if (link_add(&cl[ra], rb, e[i].w, e[i].p) != 0 || link_add(&cl[rb], ra, e[i].w, e[i].p) != 0) goto out;
    }
    for (size_t c = 0; c < n; c++)
        for (uint32_t i = 0; i < cl[c].n_nb; i++)
            if (cl[c].nb[i].c > c && push_pair(&h, cl, (uint32_t)c, cl[c].nb[i].c, &cl[c].nb[i], gate) != 0) goto out;
    while (h.n && h.v[0].sim >= th) {
        cand c = heap_pop(&h);
        clu *A = &cl[c.a], *B = &cl[c.b];
        if (!A->alive || !B->alive || A->version != c.va || B->version != c.vb) continue;
        if (!span_ok(A, B, window)) continue;
        /* merge b into a (a < b: the lower id survives) */
        link_take(A, c.b);
        link_take(B, c.a);
        for (uint32_t i = 0; i < B->n_nb; i++) {
            uint32_t other = B->nb[i].c;
            link s = link_take(&cl[other], c.b);
            if (link_add(A, other, B->nb[i].sum, B->nb[i].ev) != 0 || link_add(&cl[other], c.a, s.sum, s.ev) != 0)
                goto out;
        }
        free(B->nb);
        B->nb = NULL;
        B->n_nb = B->cap_nb = 0;
        B->alive = 0;
        A->size += B->size;
        if (B->tmin != INT64_MIN) {
            if (A->tmin == INT64_MIN || B->tmin < A->tmin) A->tmin = B->tmin;
            if (A->tmax == INT64_MIN || B->tmax > A->tmax) A->tmax = B->tmax;
        }
        A->version++;
        parent[c.b] = c.a;
        for (uint32_t i = 0; i < A->n_nb; i++)
            if (push_pair(&h, cl, c.a, A->nb[i].c, &A->nb[i], gate) != 0) goto out;
    }
    labels(parent, n, out);
    rc = 0;
out:
    if (cl)
        for (size_t i = 0; i < n; i++) free(cl[i].nb);
    free(cl);
    free(parent);
    free(gp);
    free(h.v);
    return rc;
}

/* The event weights of edges [lo, hi): one thread's share. */
typedef struct weigh_job {
    const story_knn *k;
    const story_cluster_options *o;
    edge *e;
    float *topic_w; /* the topic pass's weights, by edge (NULL: made later) */
    size_t lo, hi;
} weigh_job;

static void *weigh_run(void *arg) {
    weigh_job *j = arg;
    const story_knn *k = j->k;
    const story_cluster_options *o = j->o;
    for (size_t i = j->lo; i < j->hi; i++) {
        edge *x = &j->e[i];
        uint32_t a = x->a, b = x->b;
        double p = 1;
        x->w =
            (float)story_event_link(o->vecs ? &o->vecs[a] : NULL, k->nb + k->off[a], k->off[a + 1] - k->off[a], a,
                                    o->vecs ? &o->vecs[b] : NULL, k->nb + k->off[b], k->off[b + 1] - k->off[b], b, &p);
        x->p = o->vecs ? (float)story_pair_evidence(p) : 0;
        if (j->topic_w) j->topic_w[i] = (float)second_order_topic(k, a, b);
    }
    return NULL;
}

static void weigh_edges(const story_knn *k, const story_cluster_options *o, edge *e, float *topic_w, size_t m) {
    int jobs = o->jobs < 1 ? 1 : o->jobs > UTIL_JOBS_MAX ? UTIL_JOBS_MAX : o->jobs;
    if (m < 4096) jobs = 1;
    weigh_job jb[UTIL_JOBS_MAX];
    for (int t = 0; t < jobs; t++)
        jb[t] = (weigh_job){k, o, e, topic_w, m * (size_t)t / (size_t)jobs, m * (size_t)(t + 1) / (size_t)jobs};
    util_fan_out(weigh_run, jb, sizeof *jb, jobs, 1);
}

int story_cluster(const story_knn *k, const int64_t *ts, const uint32_t *group, size_t n,
                  const story_cluster_options *o, uint32_t *event, uint32_t *topic) {
    edge *e = NULL;
    size_t m = 0;
    if (build_edges(k, n, &e, &m) != 0) return -1;
    /* events: the floored second-order similarity, from the duplicate groups,
     * each merge gated by the best pair decision between the two clusters (the
     * edges' weights on the threads: each edge is its own) */
    float *topic_w = malloc((m ? m : 1) * sizeof *topic_w); /* weighed on the threads too, when there is room */
    weigh_edges(k, o, e, topic_w, m);
    int rc = agglomerate(e, m, ts, group, n, o->event_threshold, o->vecs ? story_pair_gate_of(o->pair_gate) : 0,
                         o->window, event);
    /* topics: the plain second-order similarity, from the events, no gate */
    for (size_t i = 0; rc == 0 && i < m; i++) {
        e[i].w = topic_w ? topic_w[i] : (float)second_order_topic(k, e[i].a, e[i].b);
        e[i].p = 0;
    }
    free(topic_w);
    if (rc == 0) rc = agglomerate(e, m, ts, event, n, o->topic_threshold, 0, o->window, topic);
    free(e);
    return rc;
}
