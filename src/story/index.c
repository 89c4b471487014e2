/* index.c: candidate neighbours through an inverted index, never all pairs.
 *
 * Each article is indexed under its top_terms strongest terms only. To find an
 * article's neighbours, the posting lists of its own top terms are walked and a
 * partial dot product (over top terms) accumulated per candidate; the best 4k
 * candidates are then scored exactly (cosine of the full vectors) and the k best
 * at or above min_sim kept. A posting list longer than max_posting (a term that is
 * everywhere in the window) is skipped: it would cost much and decide nothing.
 *
 * The time window: two dated articles more than `window` seconds apart are never
 * neighbours. In batch mode documents are in time order, so the window is a binary
 * search inside each posting list (undated documents, first in the order, are
 * always candidates).
 *
 * Determinism: each document's list depends only on the vectors, and ties go to
 * the lower document index, so the threads (documents are dealt out in blocks)
 * change nothing but the speed. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "story/story.h"
#include "util/threads.h"
#include "util/array.h"

/* ------------------------------------------------------------ postings map */

const story_posting *story_postings_get(const story_postings *p, uint64_t term) {
    return util_map_get(&p->m, term);
}

/* indices of the top `top` weights of v (ties: lower term first), into idx */
static size_t top_terms_of(const story_vec *v, size_t top, uint32_t *idx) {
    size_t k = 0;
    for (uint32_t i = 0; i < v->n; i++) {
        /* insertion into a small sorted list (top is ~16) */
        float w = v->v[i].tf;
        if (k == top && w <= v->v[idx[k - 1]].tf) continue;
        size_t j = k < top ? k++ : k - 1;
        while (j > 0 && v->v[idx[j - 1]].tf < w) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = i;
    }
    return k;
}

#define TOP_MAX 64
/* A query that finds fewer than k neighbours among the postings of its top terms
 * (an article whose strongest words are its own: places, names no other article
 * puts first) asks again with its RETRY_TOP strongest terms. */
#define RETRY_TOP TOP_MAX
#define CAND_MAX 256 /* candidates scored exactly per query, at most */

int story_postings_add(story_postings *p, uint32_t doc, const story_vec *v, size_t top_terms) {
    uint32_t idx[TOP_MAX];
    if (top_terms > TOP_MAX) top_terms = TOP_MAX;
    size_t k = top_terms_of(v, top_terms, idx);
    for (size_t i = 0; i < k; i++) {
        story_posting *l = util_map_put(&p->m, v->v[idx[i]].term, sizeof *l, 4096);
        if (!l) return -1;
        if (util_grow32(&l->docs, &l->cap, l->n + 1, sizeof *l->docs, 4) != 0) return -1;
        l->docs[l->n++] = doc;
    }
    return 0;
}

void story_postings_free(story_postings *p) {
    for (size_t i = 0; i < p->m.cap; i++)
        if (p->m.keys[i]) free(((story_posting *)util_map_at(&p->m, i))->docs);
    util_map_free(&p->m);
    memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------ one query */

/* first position in docs[lo..hi) whose ts >= t (docs in time order) */
static uint32_t lower_ts(const uint32_t *docs, uint32_t lo, uint32_t hi, const int64_t *ts, int64_t t) {
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ts[docs[mid]] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int nb_better(const story_nb *a, const story_nb *b) {
    return a->sim > b->sim || (a->sim == b->sim && a->doc < b->doc);
}

static int cmp_nb(const void *x, const void *y) {
    const story_nb *a = x, *b = y;
    return nb_better(a, b) ? -1 : nb_better(b, a) ? 1 : 0;
}

/* The query's terms in a small open-addressing table, so that the exact cosine
 * of each candidate is one probe per candidate term instead of a merge of two
 * sorted lists (whose branches the processor cannot predict). Most of a
 * candidate's terms are not the query's: a 4096-bit filter of the query's
 * terms (the top 12 bits of the same hash as the slot) turns those away with
 * one bit test, a wrong "maybe" in 3% of them at 128 terms, and only the rest
 * are probed. The products are added in the candidate's term order, as
 * story_vec_dot adds them: the same sum to the last bit. */
#define QTAB 256 /* > 2 * the longest vector (engine.c keeps 128 terms) */
#define QBITS 4096

typedef struct qtab {
    uint64_t bits[QBITS / 64];
    uint64_t term[QTAB];
    float w[QTAB];
} qtab;

static inline uint64_t qhash(uint64_t t) {
    return t * 0x9E3779B97F4A7C15ull;
}

static int qtab_fill(qtab *t, const story_vec *q) {
    if (q->n * 2 > QTAB) return 0;
    memset(t->term, 0, sizeof t->term);
    memset(t->bits, 0, sizeof t->bits);
    for (uint32_t i = 0; i < q->n; i++) {
        uint64_t term = q->v[i].term, h = qhash(term);
        if (!term) return 0; /* 0 marks an empty slot */
        size_t s = (size_t)(h >> 56), b = (size_t)(h >> 52);
        while (t->term[s]) s = (s + 1) & (QTAB - 1);
        t->term[s] = term;
        t->w[s] = q->v[i].tf;
        t->bits[b >> 6] |= 1ull << (b & 63);
    }
    return 1;
}

static double qtab_dot(const qtab *t, const story_vec *d) {
    double s = 0;
    for (uint32_t i = 0; i < d->n; i++) {
        uint64_t term = d->v[i].term, h = qhash(term);
        size_t b = (size_t)(h >> 52);
        if (!((t->bits[b >> 6] >> (b & 63)) & 1)) continue;
        size_t j = (size_t)(h >> 56);
        while (t->term[j] && t->term[j] != term) j = (j + 1) & (QTAB - 1);
        if (t->term[j]) s += (double)t->w[j] * d->v[i].tf;
    }
    return s;
}

/* ------------------------------------------------------------ batch index */

/* The batch index is built once over every document, so it is laid out flat
 * (compressed rows: one array of postings, term by term, documents in canonical
 * order) and each posting carries the document's weight on the term: the
 * candidates are then ranked by a true partial dot product (over the terms that
 * are among the top terms of both) rather than by the query's weights alone, and
 * the 4k scored exactly are the right ones more often. */
typedef struct wpost {
    uint32_t doc;
    float w;
} wpost;

typedef struct csr {
    util_map ids; /* term -> uint32_t id */
    size_t n_terms;
    size_t *start; /* n_terms + 1 */
    wpost *post;
} csr;

/* the id of term, made when add is set; UINT32_MAX when absent (or out of memory) */
static uint32_t csr_id(csr *c, uint64_t term, int add) {
    if (!add) {
        const uint32_t *id = util_map_get(&c->ids, term);
        return id ? *id : UINT32_MAX;
    }
    size_t before = c->ids.len;
    uint32_t *id = util_map_put(&c->ids, term, sizeof *id, 4096);
    if (!id) return UINT32_MAX;
    if (c->ids.len != before) *id = (uint32_t)c->n_terms++;
    return *id;
}

static void csr_free(csr *c) {
    util_map_free(&c->ids);
    free(c->start);
    free(c->post);
    memset(c, 0, sizeof *c);
}

static int csr_build(csr *c, const story_vec *vecs, size_t n, size_t top_terms) {
    uint32_t idx[TOP_MAX];
    size_t *count = NULL, cap_count = 0;
    if (top_terms > TOP_MAX) top_terms = TOP_MAX;
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < n; i++) { /* ids and counts */
        size_t k = top_terms_of(&vecs[i], top_terms, idx);
        for (size_t t = 0; t < k; t++) {
            uint64_t term = vecs[i].v[idx[t]].term;
            uint32_t id = csr_id(c, term ? term : 1, 1);
            if (id == UINT32_MAX) goto oom;
            if (id >= cap_count) {
                size_t old = cap_count;
                if (util_grow(&count, &cap_count, (size_t)id + 1, sizeof *count, 4096) != 0) goto oom;
                memset(count + old, 0, (cap_count - old) * sizeof *count);
            }
            count[id]++;
        }
    }
    c->start = malloc((c->n_terms + 1) * sizeof *c->start);
    if (!c->start) goto oom;
    size_t total = 0;
    for (size_t t = 0; t < c->n_terms; t++) {
        c->start[t] = total;
        total += count[t];
        count[t] = c->start[t]; /* now the fill position */
    }
    c->start[c->n_terms] = total;
    c->post = malloc((total ? total : 1) * sizeof *c->post);
    if (!c->post) goto oom;
    for (size_t i = 0; i < n; i++) { /* postings, documents in order */
        size_t k = top_terms_of(&vecs[i], top_terms, idx);
        for (size_t t = 0; t < k; t++) {
            uint64_t term = vecs[i].v[idx[t]].term;
            uint32_t id = csr_id(c, term ? term : 1, 0);
            c->post[count[id]++] = (wpost){(uint32_t)i, vecs[i].v[idx[t]].tf};
        }
    }
    free(count);
    return 0;
oom:
    free(count);
    csr_free(c);
    return -1;
}

/* first position in p[lo..hi) whose document's ts >= t (documents in time order) */
static size_t lower_ts_w(const wpost *p, size_t lo, size_t hi, const int64_t *ts, int64_t t) {
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ts[p[mid].doc] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t pick_and_score(const story_vec *vecs, const story_vec *q, const story_index_options *o, story_nb *out,
                             float *acc, const uint32_t *touched, size_t n_touched);

/* The neighbours of document self through the batch index. */
static size_t query_csr(csr *c, const story_vec *vecs, const int64_t *ts, const story_vec *q, int64_t qts,
                        uint32_t self, const story_index_options *o, size_t top, story_nb *out, float *acc,
                        uint32_t **touched, size_t *touched_cap) {
    uint32_t idx[TOP_MAX];
    if (top > TOP_MAX) top = TOP_MAX;
    size_t nt = top_terms_of(q, top, idx), n_touched = 0;
    int64_t w = o->window;
    for (size_t i = 0; i < nt; i++) {
        uint64_t term = q->v[idx[i]].term;
        uint32_t id = csr_id(c, term ? term : 1, 0);
        if (id == UINT32_MAX) continue;
        size_t b0 = c->start[id], b1 = c->start[id + 1], lo = b0, hi = b1, und = b0;
        if (w > 0 && qts != INT64_MIN) {
            und = lower_ts_w(c->post, b0, b1, ts, INT64_MIN + 1); /* undated prefix */
            lo = lower_ts_w(c->post, und, b1, ts, qts - w);
            hi = lower_ts_w(c->post, lo, b1, ts, qts + w + 1);
        }
        if ((hi - lo) + (und - b0) > o->max_posting) continue;
        float qw = q->v[idx[i]].tf;
        for (int part = 0; part < 2; part++) {
            size_t a = part ? lo : b0, b = part ? hi : und;
            for (size_t j = a; j < b; j++) {
                uint32_t d = c->post[j].doc;
                if (d == self) continue;
                if (acc[d] == 0) {
                    if (util_grow(&*touched, &*touched_cap, n_touched + 1, sizeof **touched, 1024) != 0)
                        goto done; /* out of memory: fewer candidates, still correct */
                    (*touched)[n_touched++] = d;
                }
                acc[d] += qw * c->post[j].w + 1e-9f; /* never 0 once touched */
            }
        }
    }
done:
    return pick_and_score(vecs, q, o, out, acc, *touched, n_touched);
}

/* ------------------------------------------------------------ live index */

static size_t query(const story_postings *p, const story_vec *vecs, const int64_t *ts, const uint8_t *alive,
                    const story_vec *q, int64_t qts, uint32_t self, const story_index_options *o, size_t top,
                    int time_sorted, story_nb *out, float *acc, uint32_t **touched, size_t *touched_cap) {
    uint32_t idx[TOP_MAX];
    if (top > TOP_MAX) top = TOP_MAX;
    size_t nt = top_terms_of(q, top, idx), n_touched = 0;
    int64_t w = o->window;
    for (size_t i = 0; i < nt; i++) {
        const story_posting *l = story_postings_get(p, q->v[idx[i]].term);
        if (!l) continue;
        uint32_t lo = 0, hi = l->n, und = 0;
        if (w > 0 && qts != INT64_MIN && time_sorted) {
            und = lower_ts(l->docs, 0, l->n, ts, INT64_MIN + 1); /* undated prefix */
            lo = lower_ts(l->docs, und, l->n, ts, qts - w);
            hi = lower_ts(l->docs, lo, l->n, ts, qts + w + 1);
        }
        if ((size_t)(hi - lo) + und > o->max_posting) continue;
        float qw = q->v[idx[i]].tf;
        for (int part = 0; part < 2; part++) {
            uint32_t a = part ? lo : 0, b = part ? hi : und;
            for (uint32_t j = a; j < b; j++) {
                uint32_t d = l->docs[j];
                if (d == self || (alive && !alive[d])) continue;
                if (w > 0 && qts != INT64_MIN && ts[d] != INT64_MIN && (ts[d] > qts + w || ts[d] < qts - w)) continue;
                if (acc[d] == 0) {
                    if (util_grow(&*touched, &*touched_cap, n_touched + 1, sizeof **touched, 1024) != 0)
                        goto done; /* out of memory: fewer candidates, still correct */
                    (*touched)[n_touched++] = d;
                }
                /* the partial dot: this document's weight on the term is not at hand
                 * cheaply; the query's weight ranks candidates well enough */
                acc[d] += qw;
            }
        }
    }
done:
    return pick_and_score(vecs, q, o, out, acc, *touched, n_touched);
}

/* Asks for the first lines of a vector's terms (the rest follow in sequence,
 * which the hardware's own prefetcher catches). */
static inline void prefetch_vec(const story_vec *v) {
    const char *p = (const char *)v->v;
    size_t bytes = (size_t)v->n * sizeof *v->v;
    if (bytes > 512) bytes = 512;
    for (size_t o = 0; o < bytes; o += 64) __builtin_prefetch(p + o);
}

/* The best 4k touched candidates by partial score (a bounded heap whose root is
 * the worst kept: O(touched log 4k), no sort of everything touched), then the
 * exact cosine of those; acc is left zero. */
static size_t pick_and_score(const story_vec *vecs, const story_vec *q, const story_index_options *o, story_nb *out,
                             float *acc, const uint32_t *touched, size_t n_touched) {
    size_t want = o->k * 4, nc = 0;
    if (want > CAND_MAX) want = CAND_MAX;
    story_nb cand[CAND_MAX];
    for (size_t i = 0; i < n_touched; i++) {
        uint32_t d = touched[i];
        story_nb c = {d, acc[d]};
        acc[d] = 0;
        if (nc < want) {
            size_t j = nc++; /* sift up: parents are worse than children */
            while (j > 0 && nb_better(&cand[(j - 1) / 2], &c)) {
                cand[j] = cand[(j - 1) / 2];
                j = (j - 1) / 2;
            }
            cand[j] = c;
        } else if (want && nb_better(&c, &cand[0])) {
            size_t j = 0; /* replace the worst, sift down */
            for (;;) {
                size_t l = 2 * j + 1, r = l + 1, m = j;
                const story_nb *worst = &c;
                if (l < nc && nb_better(worst, &cand[l])) {
                    m = l;
                    worst = &cand[l];
                }
                if (r < nc && nb_better(worst, &cand[r])) m = r;
                if (m == j) break;
                cand[j] = cand[m];
                j = m;
            }
            cand[j] = c;
        }
    }
    size_t k = 0;
    qtab qt;
    int use_qt = nc > 2 && qtab_fill(&qt, q);
    /* the candidates' vectors lie anywhere in memory: their records are fetched
     * all at once, and each one's terms while the one before is scored */
    for (size_t i = 0; i < nc; i++) __builtin_prefetch(&vecs[cand[i].doc]);
    for (size_t i = 0; i < nc && i < 2; i++) prefetch_vec(&vecs[cand[i].doc]);
    for (size_t i = 0; i < nc; i++) {
        if (i + 2 < nc) prefetch_vec(&vecs[cand[i + 2].doc]);
        double s = use_qt ? qtab_dot(&qt, &vecs[cand[i].doc]) : story_vec_dot(q, &vecs[cand[i].doc]);
        if (s < o->min_sim) continue;
        cand[k].doc = cand[i].doc;
        cand[k].sim = (float)s;
        k++;
    }
    qsort(cand, k, sizeof *cand, cmp_nb);
    if (k > o->k) k = o->k;
    memcpy(out, cand, k * sizeof *out);
    return k;
}

size_t story_knn_query(const story_postings *p, const story_vec *vecs, const int64_t *ts, const uint8_t *alive,
                       size_t n_docs, const story_vec *q, int64_t qts, uint32_t self, const story_index_options *o,
                       story_nb *out, float *acc) {
    (void)n_docs;
    uint32_t *touched = NULL;
    size_t cap = 0;
    size_t k = query(p, vecs, ts, alive, q, qts, self, o, o->top_terms, 0, out, acc, &touched, &cap);
    if (k < o->k && q->n > o->top_terms) /* few neighbours: look wider */
        k = query(p, vecs, ts, alive, q, qts, self, o, RETRY_TOP, 0, out, acc, &touched, &cap);
    free(touched);
    return k;
}

/* ------------------------------------------------------------ all documents */

/* The batch search in stages (story_knn_run_*), so that the engine can deal its
 * blocks out between its threads beside other work: the flat index is built
 * once (one thread), then blocks of BLOCK documents are queried by any thread,
 * each with its own scratch; each document's list depends only on the vectors,
 * so which thread takes which block changes nothing. */
#define BLOCK 512
#define SLOTS_MAX UTIL_JOBS_MAX

typedef struct knn_scratch {
    float *acc; /* n_docs floats, all zero between queries */
    uint32_t *touched;
    size_t cap;
} knn_scratch;

struct story_knn_run {
    csr p;
    int indexed;
    const story_vec *vecs;
    const int64_t *ts;
    size_t n, k;
    story_index_options o;
    story_nb *nb;    /* n * k */
    uint32_t *count; /* n */
    knn_scratch slot[SLOTS_MAX];
};

story_knn_run *story_knn_run_new(const story_vec *vecs, const int64_t *ts, size_t n, const story_index_options *o) {
    story_knn_run *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->vecs = vecs;
    r->ts = ts;
    r->n = n;
    r->o = *o;
    r->k = o->k ? o->k : 1;
    r->o.k = r->k;
    r->nb = malloc((n ? n : 1) * r->k * sizeof *r->nb);
    r->count = calloc(n ? n : 1, sizeof *r->count);
    if (!r->nb || !r->count) {
        story_knn_run_free(r);
        return NULL;
    }
    return r;
}

int story_knn_run_index(story_knn_run *r) {
    if (r->indexed) return 0;
    if (csr_build(&r->p, r->vecs, r->n, r->o.top_terms) != 0) return -1;
    r->indexed = 1;
    return 0;
}

size_t story_knn_run_blocks(const story_knn_run *r) {
    return (r->n + BLOCK - 1) / BLOCK;
}

int story_knn_run_block(story_knn_run *r, size_t b, int slot) {
    if (slot < 0 || slot >= SLOTS_MAX || !r->indexed) return -1;
    knn_scratch *s = &r->slot[slot];
    if (!s->acc && !(s->acc = calloc(r->n ? r->n : 1, sizeof *s->acc))) return -1;
    size_t lo = b * BLOCK, hi = lo + BLOCK < r->n ? lo + BLOCK : r->n;
    for (size_t i = lo; i < hi; i++) {
        r->count[i] = (uint32_t)query_csr(&r->p, r->vecs, r->ts, &r->vecs[i], r->ts[i], (uint32_t)i, &r->o,
                                          r->o.top_terms, r->nb + i * r->k, s->acc, &s->touched, &s->cap);
        if (r->count[i] < r->k && r->vecs[i].n > r->o.top_terms) /* few neighbours: look wider */
            r->count[i] = (uint32_t)query_csr(&r->p, r->vecs, r->ts, &r->vecs[i], r->ts[i], (uint32_t)i, &r->o,
                                              RETRY_TOP, r->nb + i * r->k, s->acc, &s->touched, &s->cap);
    }
    return 0;
}

/* the scratch and the index go (they are not needed once every block is done) */
static void knn_run_release(story_knn_run *r) {
    for (int t = 0; t < SLOTS_MAX; t++) {
        free(r->slot[t].acc);
        free(r->slot[t].touched);
        memset(&r->slot[t], 0, sizeof r->slot[t]);
    }
    csr_free(&r->p);
}

int story_knn_run_finish(story_knn_run *r, story_knn *out) {
    memset(out, 0, sizeof *out);
    knn_run_release(r);
    size_t n = r->n, k = r->k;
    out->off = malloc((n + 1) * sizeof *out->off);
    if (!out->off) {
        story_knn_run_free(r);
        return -1;
    }
    /* compact */
    story_nb *nb = r->nb;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        out->off[i] = m;
        memmove(nb + m, nb + i * k, r->count[i] * sizeof *nb);
        m += r->count[i];
    }
    out->off[n] = m;
    story_nb *sh = realloc(nb, (m ? m : 1) * sizeof *sh);
    out->nb = sh ? sh : nb;
    out->n_docs = n;
    r->nb = NULL;
    story_knn_run_free(r);
    return 0;
}

void story_knn_run_free(story_knn_run *r) {
    if (!r) return;
    knn_run_release(r);
    free(r->nb);
    free(r->count);
    free(r);
}

typedef struct job {
    story_knn_run *r;
    size_t *next; /* the next block to take */
    pthread_mutex_t *mu;
    int t;
    int failed;
} job;

static void *run_job(void *arg) {
    job *j = arg;
    for (;;) {
        pthread_mutex_lock(j->mu);
        size_t b = (*j->next)++;
        pthread_mutex_unlock(j->mu);
        if (b >= story_knn_run_blocks(j->r)) break;
        if (story_knn_run_block(j->r, b, j->t) != 0) j->failed = 1;
    }
    return NULL;
}

int story_knn_build(const story_vec *vecs, const int64_t *ts, size_t n, const story_index_options *o, story_knn *out) {
    memset(out, 0, sizeof *out);
    story_knn_run *r = story_knn_run_new(vecs, ts, n, o);
    if (!r) return -1;
    if (story_knn_run_index(r) != 0) {
        story_knn_run_free(r);
        return -1;
    }
    int jobs = o->jobs < 1 ? 1 : o->jobs > SLOTS_MAX ? SLOTS_MAX : o->jobs;
    job jb[SLOTS_MAX];
    pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    size_t next = 0;
    int failed = 0;
    for (int t = 0; t < jobs; t++) jb[t] = (job){r, &next, &mu, t, 0};
    util_fan_out(run_job, jb, sizeof *jb, jobs, 1); /* a thread not started: the others take its blocks */
    for (int t = 0; t < jobs; t++) failed |= jb[t].failed;
    if (failed) {
        story_knn_run_free(r);
        return -1;
    }
    return story_knn_run_finish(r, out);
}

void story_knn_free(story_knn *k) {
    free(k->nb);
    free(k->off);
    memset(k, 0, sizeof *k);
}
