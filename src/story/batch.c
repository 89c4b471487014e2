/* batch.c: the parallel part of a batch run (recoupe_engine_cluster, engine.c):
 * the vectors, the neighbour lists (index.c, in stages) and the near-duplicate
 * groups, dealt out by one small scheduler over the engine's threads.
 *
 * It lives apart from engine.c because it is the one place where the batch's
 * work meets threads: every piece writes only its own outputs, so the result is
 * the same whatever the threads and whoever takes what (see story_batch_run). */
#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "story/story.h"
#include "util/threads.h"
#include "util/clock.h"
#include "util/array.h"

#define MAX_TERMS STORY_VEC_MAX_TERMS

/* ------------------------------------------------------------ near-duplicates */

/* Near-duplicate groups in batch mode. One duplicates index over a million
 * articles would relate every article to every other that shares a sentence with
 * it (a line of boilerplate, a quote reprinted all year): the work grows with the
 * square of the stream. Copies of one text come out within days of each other,
 * and a story never spans more than the window between its articles, so the
 * dated articles are cut into time slices of DUP_SLICE windows, each indexed with
 * the window before it (an article is in one or two indexes): two articles within
 * the window of each other always share an index; articles further apart may
 * (inside one slice) or may not be related. The slices are independent, so they
 * run on the engine's threads, and the groups (joined with union-find over the
 * canonical order) depend on neither the threads nor the input order. Undated
 * articles go into every index when that costs little (fewer of them than dated
 * ones per index), else into one index of their own. Without a window (or with
 * nothing dated) there is one index over everything, as before. */
#define DUP_SLICE 4

typedef struct dup_part {
    size_t lo, hi; /* canonical ranks of the dated articles in this index */
    int undated;   /* the undated ones (ranks [0, n_und)) too */
} dup_part;

/* (rank, rank) pairs to join, one list per thread */
typedef struct pair_list {
    uint32_t *v;
    size_t n, cap;
} pair_list;

static int pair_push(pair_list *l, uint32_t a, uint32_t b) {
    if (util_grow(&l->v, &l->cap, l->n + 1, 2 * sizeof *l->v, 1024) != 0) return -1; /* pairs */
    l->v[2 * l->n] = a;
    l->v[2 * l->n + 1] = b;
    l->n++;
    return 0;
}

static int dup_part_run(recoupe_engine *e, const uint32_t *ord, size_t n_und, const dup_part *pt, pair_list *out) {
    recoupe_dups *d = recoupe_dups_new(NULL);
    recoupe_dup_groups *g = NULL;
    int rc = -1;
    if (!d) return -1;
    for (size_t pass = 0; pass < 2; pass++) {
        size_t lo = pass ? pt->lo : 0, hi = pass ? pt->hi : pt->undated ? n_und : 0;
        for (size_t r = lo; r < hi; r++)
            if (recoupe_dups_add(d, e->docs[ord[r]].a, r, NULL) != RECOUPE_OK) goto out;
    }
    if (recoupe_dups_groups(d, &g) != RECOUPE_OK) goto out;
    for (size_t i = 0; i < g->n_groups; i++)
        for (size_t m = 1; m < g->groups[i].n_members; m++)
            if (pair_push(out, (uint32_t)g->groups[i].members[0].index, (uint32_t)g->groups[i].members[m].index) != 0)
                goto out;
    rc = 0;
out:
    recoupe_dup_groups_free(g);
    recoupe_dups_free(d);
    return rc;
}

static uint32_t uf_root(uint32_t *p, uint32_t x) {
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

/* first rank in [lo, hi) whose date is >= t (ranks are in date order there) */
static size_t first_at(const int64_t *ts, size_t lo, size_t hi, int64_t t) {
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ts[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t part_size(const dup_part *p, size_t n_und) {
    return p->hi - p->lo + (p->undated ? n_und : 0);
}

/* The slices of the near-duplicate search (ranks in canonical order), largest
 * first (so that the last ones, dealt out as threads free up, are short).
 * 0 or -1 (out of memory). */
static int dup_plan(const recoupe_engine *e, const int64_t *ts, size_t n, dup_part **out, size_t *n_out,
                    size_t *n_und_out) {
    size_t n_und = first_at(ts, 0, n, INT64_MIN + 1), n_parts = 0;
    int64_t w = e->o.window;
    dup_part *parts = NULL;
    if (w <= 0 || n_und == n) {
        if (!(parts = malloc(sizeof *parts))) return -1;
        parts[n_parts++] = (dup_part){n_und, n, 1};
    } else {
        int64_t t0 = ts[n_und], slice = DUP_SLICE * w;
        size_t k = (size_t)((ts[n - 1] - t0) / slice) + 1, dated = n - n_und;
        int und_everywhere = n_und <= dated / k; /* n_und * k <= dated, without overflow */
        /* only the slices that hold an article (each article is in its own slice, and in
         * the next one's overlap at most): a short window over years of dates would
         * otherwise mean millions of empty ones */
        size_t cap = k < 2 * dated ? k : 2 * dated;
        if (!(parts = malloc((cap + 1) * sizeof *parts))) return -1;
        for (size_t i = 0; i < k;) {
            int64_t from = t0 + (int64_t)i * slice;
            size_t lo = first_at(ts, n_und, n, i ? from - w : from);
            if (lo == n) break;
            if (ts[lo] >= from + slice) { /* slice i is empty: on to the next article's own */
                i = (size_t)((ts[lo] - t0) / slice);
                continue;
            }
            size_t hi = first_at(ts, lo, n, from + slice);
            parts[n_parts++] = (dup_part){lo, hi, und_everywhere};
            i++;
        }
        if (n_und && !und_everywhere) parts[n_parts++] = (dup_part){0, 0, 1};
    }
    for (size_t i = 1; i < n_parts; i++) { /* insertion sort by size, largest first (a few dozen slices) */
        dup_part x = parts[i];
        size_t j = i;
        while (j > 0 && part_size(&parts[j - 1], n_und) < part_size(&x, n_und)) {
            parts[j] = parts[j - 1];
            j--;
        }
        parts[j] = x;
    }
    *out = parts;
    *n_out = n_parts;
    *n_und_out = n_und;
    return 0;
}

/* group[i] (canonical rank i): the smallest rank of its near-duplicate group, or
 * UINT32_MAX when it has none, from the pairs the slices found (union-find: the
 * components, whatever order the pairs come in). 0 or -1 (out of memory). */
static int dup_join(const pair_list *lists, int n_lists, size_t n, uint32_t *group) {
    uint32_t *parent = malloc((n ? n : 1) * sizeof *parent);
    if (!parent) return -1;
    for (size_t i = 0; i < n; i++) parent[i] = (uint32_t)i;
    for (int t = 0; t < n_lists; t++)
        for (size_t i = 0; i < lists[t].n; i++) {
            uint32_t a = uf_root(parent, lists[t].v[2 * i]), b = uf_root(parent, lists[t].v[2 * i + 1]);
            if (a < b)
                parent[b] = a; /* the smaller rank is the root */
            else if (b < a)
                parent[a] = b;
        }
    for (size_t i = 0; i < n; i++) group[i] = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        uint32_t r = uf_root(parent, (uint32_t)i);
        if (r != i) group[i] = group[r] = r;
    }
    free(parent);
    return 0;
}

/* ------------------------------------------------------------ the scheduler */

/* The batch's parallel work, on the engine's threads, dealt out by one small
 * scheduler so that no core waits while work is left:
 *   1. vectors, in blocks of canonical ranks (weighted with the whole corpus's
 *      frozen document frequencies: each depends only on its own features);
 *   2. once every vector is made, the neighbour search's flat index (one
 *      thread), then its query blocks (index.c);
 *   3. the near-duplicate slices, largest first, which depend on neither.
 * A thread takes a vector block while any is left; else builds the index if no
 * one has; else a duplicates slice; else a query block; else waits for the
 * index. So the one-thread steps (the index, the last and largest slices) run
 * beside the others' work instead of after it. Each piece of work writes only
 * its own outputs (a vector, a block of neighbour lists, a thread's list of
 * duplicate pairs, joined afterwards with union-find), so the result depends
 * on neither the threads nor who took what.
 * Memory: the threads are all new, so they take the malloc arenas the reading
 * workers left, and the vectors fill the room the features free (the features
 * go once each vector is made); the free pages go back to the system when the
 * last vector is made. */
#define VEC_BLOCK 256
#define BATCH_JOBS_MAX UTIL_JOBS_MAX

typedef struct batch {
    recoupe_engine *e;
    const uint32_t *ord;
    story_vec *vecs; /* by canonical rank (shared with e->vecs, not owned) */
    size_t n;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t vec_next, vec_blocks, vec_done;
    int index_state; /* 0 not built, 1 being built, 2 built */
    story_knn_run *knn;
    size_t knn_next, knn_blocks;
    const dup_part *parts;
    size_t n_parts, part_next, n_und;
    pair_list pairs[BATCH_JOBS_MAX];
    int failed;
} batch;

typedef struct batch_thread {
    batch *b;
    int t;
    double cpu, wait;   /* seconds on this thread's clock, and waiting for the index (RECOUPE_TIMING) */
    size_t tasks[5];    /* taken, by kind */
    double task_cpu[5]; /* their seconds on this thread's clock, by kind (RECOUPE_TIMING) */
    int timing;
} batch_thread;

static int vec_block(batch *b, size_t blk) {
    recoupe_engine *e = b->e;
    int rc = 0;
    story_feat *f = NULL; /* the block's unpacking scratch */
    size_t cap = 0;
    for (size_t i = blk * VEC_BLOCK; i < b->n && i < (blk + 1) * VEC_BLOCK; i++) {
        uint32_t h = b->ord[i];
        story_prep *p = e->docs[h].p;
        story_vec_free(&e->vecs[h]);
        if (story_prep_unpack(e->docs[h].a, p, &f, &cap) != 0 ||
            story_vec_make(&e->df, f, p->nf, MAX_TERMS, 2, &e->vecs[h]) != 0) {
            rc = -1;
            continue;
        }
        b->vecs[i] = e->vecs[h];
        free(p->pk); /* made again when needed (prep_features) */
        p->pk = NULL;
        p->nf = 0;
    }
    free(f);
    return rc;
}

enum { TASK_NONE, TASK_VEC, TASK_INDEX, TASK_DUP, TASK_KNN };

static void *batch_run(void *arg) {
    batch_thread *bt = arg;
    batch *b = bt->b;
    double cpu0 = util_seconds(CLOCK_THREAD_CPUTIME_ID); /* 0 but when the calling thread runs a share */
    pthread_mutex_lock(&b->mu);
    for (;;) {
        int task = TASK_NONE;
        size_t x = 0;
        if (b->failed) break;
        if (b->vec_next < b->vec_blocks) {
            task = TASK_VEC;
            x = b->vec_next++;
        } else if (b->vec_done == b->vec_blocks && b->index_state == 0) {
            task = TASK_INDEX;
            b->index_state = 1;
        } else if (b->vec_done == b->vec_blocks && b->part_next < b->n_parts) {
            /* not before the last vectors: a vector block may make an article's
             * features again, its tokens held in the article for the while, and
             * a duplicates slice reads those tokens when the article holds them */
            task = TASK_DUP;
            x = b->part_next++;
        } else if (b->index_state == 2 && b->knn_next < b->knn_blocks) {
            task = TASK_KNN;
            x = b->knn_next++;
        } else if (b->index_state == 2) {
            break; /* nothing left to take */
        } else {
            double w0 = util_seconds(CLOCK_MONOTONIC);
            pthread_cond_wait(&b->cv, &b->mu); /* the index is being made, or the last vectors */
            bt->wait += util_seconds(CLOCK_MONOTONIC) - w0;
            continue;
        }
        bt->tasks[task]++;
        pthread_mutex_unlock(&b->mu);
        int rc = 0;
        double c0 = bt->timing ? util_seconds(CLOCK_THREAD_CPUTIME_ID) : 0;
        switch (task) {
            case TASK_VEC: rc = vec_block(b, x); break;
            case TASK_INDEX: rc = story_knn_run_index(b->knn); break;
            case TASK_DUP: rc = dup_part_run(b->e, b->ord, b->n_und, &b->parts[x], &b->pairs[bt->t]); break;
            case TASK_KNN: rc = story_knn_run_block(b->knn, x, bt->t); break;
        }
        if (bt->timing) bt->task_cpu[task] += util_seconds(CLOCK_THREAD_CPUTIME_ID) - c0;
        int trim = 0;
        pthread_mutex_lock(&b->mu);
        if (rc != 0) b->failed = 1;
        if (task == TASK_VEC && ++b->vec_done == b->vec_blocks) {
            trim = 1;
            pthread_cond_broadcast(&b->cv);
        }
        if (task == TASK_INDEX) {
            b->index_state = 2;
            pthread_cond_broadcast(&b->cv);
        }
#ifdef __GLIBC__
        if (trim) { /* the features' free pages go back */
            pthread_mutex_unlock(&b->mu);
            malloc_trim(0);
            pthread_mutex_lock(&b->mu);
        }
#else
        (void)trim;
#endif
    }
    pthread_cond_broadcast(&b->cv); /* a failure stops the others too */
    pthread_mutex_unlock(&b->mu);
    bt->cpu = util_seconds(CLOCK_THREAD_CPUTIME_ID) - cpu0;
    return NULL;
}

/* Vectors into e->vecs and vecs (by rank), the neighbour lists into knn, and,
 * unless the engine was told not to look for them, the near-duplicate groups
 * into group (by rank: see dup_join). 0 or -1 (out of memory). */
int story_batch_run(recoupe_engine *e, const uint32_t *ord, const int64_t *ts, size_t n, story_vec *vecs,
                    uint32_t *group, story_knn *knn) {
    int jobs = e->o.jobs < 1 ? 1 : e->o.jobs > BATCH_JOBS_MAX ? BATCH_JOBS_MAX : e->o.jobs, rc = -1;
    batch b = {.e = e, .ord = ord, .vecs = vecs, .n = n};
    dup_part *parts = NULL;
    b.vec_blocks = (n + VEC_BLOCK - 1) / VEC_BLOCK;
    b.index_state = 0;
    for (size_t i = 0; i < n; i++) group[i] = UINT32_MAX;
    if (!e->o.no_duplicates && n && dup_plan(e, ts, n, &parts, &b.n_parts, &b.n_und) != 0) return -1;
    b.parts = parts;
    if (!(b.knn = story_knn_run_new(vecs, ts, n, &e->io))) {
        free(parts);
        return -1;
    }
    b.knn_blocks = story_knn_run_blocks(b.knn);
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.cv, NULL);
    int timing = e->o.timing && e->o.on_message;
    batch_thread bt[BATCH_JOBS_MAX];
    for (int t = 0; t < jobs; t++) bt[t] = (batch_thread){.b = &b, .t = t, .timing = timing};
    util_fan_out(batch_run, bt, sizeof *bt, jobs, 0);
    for (int t = 0; timing && t < jobs; t++) {
        char msg[256];
        snprintf(msg, sizeof msg,
                 "timing:   thread %d cpu %.2f s, waited %.2f s; vectors %zu blocks %.2f s, index %zu "
                 "%.2f s, duplicates %zu slices %.2f s, neighbours %zu blocks %.2f s",
                 t, bt[t].cpu, bt[t].wait, bt[t].tasks[TASK_VEC], bt[t].task_cpu[TASK_VEC], bt[t].tasks[TASK_INDEX],
                 bt[t].task_cpu[TASK_INDEX], bt[t].tasks[TASK_DUP], bt[t].task_cpu[TASK_DUP], bt[t].tasks[TASK_KNN],
                 bt[t].task_cpu[TASK_KNN]);
        e->o.on_message(e->o.message_user, msg);
    }
    pthread_cond_destroy(&b.cv);
    pthread_mutex_destroy(&b.mu);
    if (!b.failed && b.knn_next >= b.knn_blocks && b.index_state == 2) {
        rc = story_knn_run_finish(b.knn, knn);
        b.knn = NULL;
        if (rc == 0 && parts) rc = dup_join(b.pairs, jobs, n, group);
    }
    story_knn_run_free(b.knn);
    for (int t = 0; t < jobs; t++) free(b.pairs[t].v);
    free(parts);
    return rc;
}
