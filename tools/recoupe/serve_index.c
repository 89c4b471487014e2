/* serve_index.c: the live index behind `recoupe serve`, and its concurrency.
 *
 * The engine is used from one thread at a time, so one writer thread owns it and
 * the store. Request threads do the per-article work (decode, extract, analyse,
 * story features) in parallel, then queue a job and wait. The writer takes every
 * queued job at once, applies them to the engine and the store inside one
 * transaction, expires what the newest date made old, commits (group commit: one
 * fsync for the whole batch), and only then wakes the requests: an answer 2xx
 * means committed. After a batch, when the queue is empty or the snapshot is
 * over 100 ms old, the writer copies the stories into a new immutable snapshot
 * and publishes it under a short lock; GETs read a snapshot by reference and
 * never wait behind the ingest.
 *
 * Story ids: the engine keeps them across its re-clusterings; each stored article
 * carries the id of its story, so that after a restart (load, one batch
 * clustering) each new story takes the stored id most of its articles carry (the
 * largest overlaps first, each id once) and clients see the same ids. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"

typedef struct entry {
    char *name;
    uint32_t handle;
    int64_t expires; /* INT64_MAX: never */
    uint64_t story;  /* public id last stored */
    struct entry *next;
} entry;

typedef struct heap_item {
    int64_t expires;
    char *name;
} heap_item;

struct serve_index {
    recoupe_engine *e;
    recoupe_store *store;
    entry **slots;
    size_t n_slots, n_entries;
    heap_item *heap;
    size_t n_heap, cap_heap;
    uint64_t *ids; /* sorted (engine id, public id) pairs from the restart */
    size_t n_ids;
    int64_t newest;
    pthread_mutex_t qlock;
    pthread_cond_t qcond, dcond;
    serve_job *head, *tail;
    int stop, started;
    int dirty, want; /* the snapshot is behind the engine; a reader waits for it */
    pthread_t writer;
    pthread_mutex_t slock;
    snapshot *snap;
    atomic_int ready;
    double built;
};

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* ---------------------------------------------------------------- name table */

static uint64_t hash(const char *s) {
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static entry **slot_of(serve_index *ix, const char *name) {
    entry **p = &ix->slots[hash(name) & (ix->n_slots - 1)];
    while (*p && strcmp((*p)->name, name) != 0) p = &(*p)->next;
    return p;
}

static int grow(serve_index *ix) {
    size_t n = ix->n_slots ? ix->n_slots * 2 : 1024;
    entry **s = calloc(n, sizeof *s);
    if (!s) return -1;
    for (size_t i = 0; i < ix->n_slots; i++)
        for (entry *e = ix->slots[i], *nx; e; e = nx) {
            nx = e->next;
            entry **d = &s[hash(e->name) & (n - 1)];
            e->next = *d;
            *d = e;
        }
    free(ix->slots);
    ix->slots = s;
    ix->n_slots = n;
    return 0;
}

static entry *lookup(serve_index *ix, const char *name) {
    return ix->n_slots ? *slot_of(ix, name) : NULL;
}

static void unlink_entry(serve_index *ix, const char *name) {
    entry **p = slot_of(ix, name), *e = *p;
    if (!e) return;
    *p = e->next;
    free(e->name);
    free(e);
    ix->n_entries--;
}

static entry *insert(serve_index *ix, const char *name) {
    if (ix->n_entries + 1 > ix->n_slots / 2 && grow(ix) != 0) return NULL;
    entry *e = calloc(1, sizeof *e);
    if (!e || !(e->name = strdup(name))) {
        free(e);
        return NULL;
    }
    entry **p = slot_of(ix, name);
    e->next = *p;
    *p = e;
    ix->n_entries++;
    return e;
}

/* ---------------------------------------------------------------- expiry heap */

static void heap_push(serve_index *ix, int64_t expires, const char *name) {
    if (ix->n_heap == ix->cap_heap) {
        size_t c = ix->cap_heap ? ix->cap_heap * 2 : 1024;
        heap_item *h = realloc(ix->heap, c * sizeof *h);
        if (!h) return; /* not expired then, still served: the next restart expires it */
        ix->heap = h;
        ix->cap_heap = c;
    }
    char *n = strdup(name);
    if (!n) return;
    size_t i = ix->n_heap++;
    while (i && ix->heap[(i - 1) / 2].expires > expires) {
        ix->heap[i] = ix->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    ix->heap[i] = (heap_item){expires, n};
}

static heap_item heap_pop(serve_index *ix) {
    heap_item top = ix->heap[0], last = ix->heap[--ix->n_heap];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= ix->n_heap) break;
        if (c + 1 < ix->n_heap && ix->heap[c + 1].expires < ix->heap[c].expires) c++;
        if (ix->heap[c].expires >= last.expires) break;
        ix->heap[i] = ix->heap[c];
        i = c;
    }
    if (ix->n_heap) ix->heap[i] = last;
    return top;
}

/* ---------------------------------------------------------------- engine and store */

/* places an article in the engine and the table (the engine owns it); 0 or -1 */
static int place(serve_index *ix, recoupe_article *a, const char *name, int64_t max_age, uint64_t story) {
    entry *e = lookup(ix, name);
    if (e) {
        if (recoupe_engine_remove(ix->e, e->handle) != RECOUPE_OK) { /* cannot happen: it is held */
        }
    } else if (!(e = insert(ix, name))) {
        recoupe_article_free(a);
        return -1;
    }
    int64_t ts = a->timestamp;
    e->expires = max_age > 0 && ts != INT64_MIN ? ts + max_age : INT64_MAX;
    e->story = story;
    if (ts != INT64_MIN && ts > ix->newest) ix->newest = ts;
    if (recoupe_engine_add(ix->e, a, &e->handle) != RECOUPE_OK && recoupe_engine_article_count(ix->e) == 0) {
        unlink_entry(ix, name);
        return -1;
    }
    if (e->expires != INT64_MAX) heap_push(ix, e->expires, name);
    return 0;
}

static int drop(serve_index *ix, const char *name) {
    entry *e = lookup(ix, name);
    if (!e) return 0;
    if (recoupe_engine_remove(ix->e, e->handle) != RECOUPE_OK) { /* cannot happen: it is held */
    }
    unlink_entry(ix, name);
    return 1;
}

/* removes what the newest date made old, from the engine and the store */
static void expire(serve_index *ix) {
    while (ix->n_heap && ix->heap[0].expires < ix->newest) {
        heap_item it = heap_pop(ix);
        entry *e = lookup(ix, it.name);
        if (e && e->expires == it.expires) {
            if (recoupe_store_delete(ix->store, it.name) != RECOUPE_OK) { /* gone already */
            }
            drop(ix, it.name);
        }
        free(it.name);
    }
}

static void run_job(serve_index *ix, serve_job *j) {
    if (j->kind == JOB_DELETE) {
        recoupe_status st = recoupe_store_delete(ix->store, j->name);
        j->status = st == RECOUPE_OK ? 204 : st == RECOUPE_ERR_NOTFOUND ? 404 : 500;
        if (st == RECOUPE_OK) drop(ix, j->name);
        return;
    }
    int replaced = 0;
    recoupe_article *a = j->a;
    j->a = NULL;
    if (recoupe_store_put(ix->store, j->name, a, j->max_age, 0, &replaced) != RECOUPE_OK) {
        recoupe_article_free(a);
        j->status = 500;
        return;
    }
    j->status = place(ix, a, j->name, j->max_age, 0) != 0 ? 500 : replaced ? 204 : 201;
}

/* ---------------------------------------------------------------- snapshots */

/* a new snapshot, and the story of each article recorded in the store when it
 * changed (inside the writer's transaction) */
static void rebuild(serve_index *ix) {
    snapshot *s = snapshot_build(ix->e, ix->ids, ix->n_ids, ix->newest);
    if (!s) return; /* readers keep the previous one */
    for (size_t i = 0; i < s->n_stories; i++) {
        const snap_story *st = &s->stories[i];
        for (size_t j = 0; j < st->n_art; j++) {
            entry *e = lookup(ix, SNAP_STR(s, s->arts[st->art + j].name));
            if (e && e->story != st->id && recoupe_store_set_story(ix->store, e->name, st->id) == RECOUPE_OK)
                e->story = st->id;
        }
    }
    pthread_mutex_lock(&ix->slock);
    snapshot *old = ix->snap;
    ix->snap = s;
    pthread_mutex_unlock(&ix->slock);
    snapshot_release(old);
    ix->built = now_s();
}

snapshot *serve_snapshot(serve_index *ix) {
    pthread_mutex_lock(&ix->slock);
    snapshot *s = ix->snap;
    if (s) atomic_fetch_add(&s->refs, 1);
    pthread_mutex_unlock(&ix->slock);
    return s;
}

/* ---------------------------------------------------------------- the writer */

/* a rebuild of the snapshot in a transaction of its own (the stories recorded) */
static void rebuild_alone(serve_index *ix) {
    if (recoupe_store_begin(ix->store) != RECOUPE_OK) return;
    rebuild(ix);
    if (recoupe_store_commit(ix->store) != RECOUPE_OK) { /* the stories are recorded at the next one */
    }
}

/* waits for jobs; when the snapshot is behind and the queue is empty, rebuilds
 * it once it is 20 ms old or a reader asks for it. Returns the batch (NULL: stop). */
static serve_job *next_batch(serve_index *ix) {
    pthread_mutex_lock(&ix->qlock);
    for (;;) {
        if (ix->head || ix->stop) break;
        if (ix->dirty && (ix->want || now_s() - ix->built >= 0.02)) {
            pthread_mutex_unlock(&ix->qlock);
            rebuild_alone(ix);
            pthread_mutex_lock(&ix->qlock);
            ix->dirty = ix->want = 0;
            pthread_cond_broadcast(&ix->dcond);
            continue;
        }
        if (ix->dirty) {
            struct timespec t;
            clock_gettime(CLOCK_REALTIME, &t);
            t.tv_nsec += 20 * 1000 * 1000;
            if (t.tv_nsec >= 1000000000) t.tv_sec++, t.tv_nsec -= 1000000000;
            pthread_cond_timedwait(&ix->qcond, &ix->qlock, &t);
        } else {
            pthread_cond_wait(&ix->qcond, &ix->qlock);
        }
    }
    serve_job *batch = ix->head;
    ix->head = ix->tail = NULL;
    pthread_mutex_unlock(&ix->qlock);
    return batch;
}

static void *writer(void *arg) {
    serve_index *ix = arg;
    serve_job *batch;
    while ((batch = next_batch(ix))) {
        int began = recoupe_store_begin(ix->store) == RECOUPE_OK, rebuilt = 0;
        for (serve_job *j = batch; j; j = j->next) {
            if (began)
                run_job(ix, j);
            else
                j->status = 500;
        }
        if (began) {
            expire(ix);
            /* under a steady ingest, a new snapshot every 250 ms: building one
             * walks every story, too much to do after each small batch */
            if (now_s() - ix->built > 0.25) rebuild(ix), rebuilt = 1;
            if (recoupe_store_commit(ix->store) != RECOUPE_OK)
                for (serve_job *j = batch; j; j = j->next) j->status = 500;
        }
        pthread_mutex_lock(&ix->qlock);
        ix->dirty = !rebuilt;
        for (serve_job *j = batch; j; j = j->next) j->done = 1;
        pthread_cond_broadcast(&ix->dcond);
        pthread_mutex_unlock(&ix->qlock);
    }
    if (ix->dirty) rebuild_alone(ix);
    return NULL;
}

snapshot *serve_snapshot_fresh(serve_index *ix) {
    pthread_mutex_lock(&ix->qlock);
    /* an idle index brings its snapshot up to date for the reader (a client that
     * PUTs then GETs sees its article); during an ingest, the reader never waits */
    if (ix->dirty && !ix->head && ix->started && !ix->stop) {
        ix->want = 1;
        pthread_cond_signal(&ix->qcond);
        while (ix->dirty && !ix->head && !ix->stop) pthread_cond_wait(&ix->dcond, &ix->qlock);
    }
    pthread_mutex_unlock(&ix->qlock);
    return serve_snapshot(ix);
}

void serve_index_submit(serve_index *ix, serve_job *job) {
    job->done = 0;
    job->next = NULL;
    pthread_mutex_lock(&ix->qlock);
    if (ix->stop) {
        job->status = 503;
        pthread_mutex_unlock(&ix->qlock);
        return;
    }
    if (ix->tail)
        ix->tail->next = job;
    else
        ix->head = job;
    ix->tail = job;
    pthread_cond_signal(&ix->qcond);
    while (!job->done) pthread_cond_wait(&ix->dcond, &ix->qlock);
    pthread_mutex_unlock(&ix->qlock);
    recoupe_article_free(job->a); /* not taken when the job failed early */
    job->a = NULL;
}

/* ---------------------------------------------------------------- loading */

typedef struct loaded {
    recoupe_article **a;
    recoupe_store_row *rows;
    size_t n, cap;
    size_t next;
    pthread_mutex_t lock;
} loaded;

static int on_row(void *user, recoupe_article *a, const recoupe_store_row *row) {
    loaded *l = user;
    if (l->n == l->cap) {
        size_t c = l->cap ? l->cap * 2 : 1024;
        recoupe_article **na = realloc(l->a, c * sizeof *na);
        if (na) l->a = na;
        recoupe_store_row *nr = na ? realloc(l->rows, c * sizeof *nr) : NULL;
        if (nr) l->rows = nr;
        if (!na || !nr) {
            recoupe_article_free(a);
            return 1;
        }
        l->cap = c;
    }
    l->a[l->n] = a;
    l->rows[l->n++] = *row;
    return 0;
}

static void *prepare_some(void *arg) {
    loaded *l = arg;
    for (;;) {
        pthread_mutex_lock(&l->lock);
        size_t i = l->next;
        l->next += 256;
        pthread_mutex_unlock(&l->lock);
        if (i >= l->n) break;
        for (size_t k = i; k < l->n && k < i + 256; k++)
            if (recoupe_article_process(l->a[k], RECOUPE_STAGE_FEATURES) != RECOUPE_OK) continue; /* add tries again */
    }
    return NULL;
}

typedef struct overlap {
    uint64_t from, to;
    size_t count;
} overlap;

static int cmp_overlap(const void *a, const void *b) {
    const overlap *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    return x->to < y->to ? -1 : x->to > y->to;
}

static int cmp_pair(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* after the restart's clustering: each story takes the stored id most of its
 * articles carry, the largest overlaps first, each stored id and story once */
static void carry_ids(serve_index *ix) {
    snapshot *s = snapshot_build(ix->e, NULL, 0, ix->newest);
    if (!s) return;
    overlap *ov = calloc(s->n_arts + 1, sizeof *ov);
    size_t n = 0;
    for (size_t i = 0; ov && i < s->n_stories; i++) {
        const snap_story *st = &s->stories[i];
        size_t first = n;
        for (size_t j = 0; j < st->n_art; j++) {
            entry *e = lookup(ix, SNAP_STR(s, s->arts[st->art + j].name));
            if (!e || !e->story) continue;
            size_t k = first;
            while (k < n && ov[k].to != e->story) k++;
            if (k == n) ov[n++] = (overlap){st->id, e->story, 0};
            ov[k].count++;
        }
    }
    if (ov) qsort(ov, n, sizeof *ov, cmp_overlap);
    ix->ids = malloc((n + 1) * 2 * sizeof *ix->ids);
    for (size_t i = 0; ix->ids && i < n; i++) {
        int taken = 0;
        for (size_t k = 0; k < ix->n_ids && !taken; k++)
            taken = ix->ids[2 * k] == ov[i].from || ix->ids[2 * k + 1] == ov[i].to;
        if (taken) continue;
        ix->ids[2 * ix->n_ids] = ov[i].from;
        ix->ids[2 * ix->n_ids + 1] = ov[i].to;
        ix->n_ids++;
    }
    if (ix->ids) qsort(ix->ids, ix->n_ids, 2 * sizeof *ix->ids, cmp_pair);
    free(ov);
    snapshot_release(s);
}

int serve_index_load(serve_index *ix, int jobs) {
    loaded l = {0};
    pthread_mutex_init(&l.lock, NULL);
    recoupe_status st = recoupe_store_load(ix->store, on_row, &l);
    int ret = 0;
    if (st != RECOUPE_OK) {
        fprintf(stderr, "recoupe: cannot read the store: %s\n", recoupe_strerror(st));
        ret = -1;
    }
    pthread_t th[64];
    int nt = jobs < 1 ? 1 : jobs > 64 ? 64 : jobs;
    for (int i = 0; i < nt; i++)
        if (pthread_create(&th[i], NULL, prepare_some, &l) != 0) nt = i;
    prepare_some(&l);
    for (int i = 0; i < nt; i++) pthread_join(th[i], NULL);
    for (size_t i = 0; i < l.n; i++) {
        const char *name = l.a[i]->id;
        char *copy = strdup(name);
        if (!copy || place(ix, l.a[i], copy, l.rows[i].max_age, l.rows[i].story) != 0) ret = -1;
        free(copy);
    }
    free(l.a);
    free(l.rows);
    pthread_mutex_destroy(&l.lock);
    if (ret == 0 && recoupe_engine_cluster(ix->e) != RECOUPE_OK) ret = -1;
    if (ret != 0) return ret;
    carry_ids(ix);
    if (recoupe_store_begin(ix->store) == RECOUPE_OK) {
        expire(ix);
        rebuild(ix);
        if (recoupe_store_commit(ix->store) != RECOUPE_OK) return -1;
    }
    if (!ix->snap) return -1;
    if (pthread_create(&ix->writer, NULL, writer, ix) != 0) return -1;
    ix->started = 1;
    atomic_store(&ix->ready, 1);
    return 0;
}

/* ---------------------------------------------------------------- life */

serve_index *serve_index_new(recoupe_store *store) {
    serve_index *ix = calloc(1, sizeof *ix);
    if (!ix) return NULL;
    ix->store = store;
    ix->newest = INT64_MIN;
    pthread_mutex_init(&ix->qlock, NULL);
    pthread_mutex_init(&ix->slock, NULL);
    pthread_cond_init(&ix->qcond, NULL);
    pthread_cond_init(&ix->dcond, NULL);
    atomic_init(&ix->ready, 0);
    /* the restart's batch clustering on every core (the result does not depend on it) */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    recoupe_engine_options eo = {.jobs = cores > 0 ? (int)cores : 1};
    if (!(ix->e = recoupe_engine_new(&eo))) {
        free(ix);
        return NULL;
    }
    return ix;
}

int serve_index_ready(serve_index *ix) {
    return atomic_load(&ix->ready);
}

recoupe_store *serve_index_store(serve_index *ix) {
    return ix->store;
}

void serve_index_free(serve_index *ix) {
    if (!ix) return;
    pthread_mutex_lock(&ix->qlock);
    ix->stop = 1;
    pthread_cond_signal(&ix->qcond);
    pthread_mutex_unlock(&ix->qlock);
    if (ix->started) pthread_join(ix->writer, NULL);
    for (size_t i = 0; i < ix->n_slots; i++)
        for (entry *e = ix->slots[i], *nx; e; e = nx) {
            nx = e->next;
            free(e->name);
            free(e);
        }
    free(ix->slots);
    for (size_t i = 0; i < ix->n_heap; i++) free(ix->heap[i].name);
    free(ix->heap);
    free(ix->ids);
    snapshot_release(ix->snap);
    recoupe_engine_free(ix->e);
    pthread_mutex_destroy(&ix->qlock);
    pthread_mutex_destroy(&ix->slock);
    pthread_cond_destroy(&ix->qcond);
    pthread_cond_destroy(&ix->dcond);
    free(ix);
}
