/* serve_index.c: the live index behind `recoupe serve`, and its concurrency.
 *
 * Two threads own what is not thread-safe. Request threads do the per-article
 * work (decode, extract, analyse, story features) in parallel, then queue a job
 * and wait. The writer owns the store: it takes every queued job at once, writes
 * them inside one transaction, deletes what the newest date made old, commits
 * (group commit: one fsync for the whole batch), and only then wakes the
 * requests: an answer 2xx means committed. It then hands the committed changes,
 * in commit order, to the placer, which owns the engine: the placer takes every
 * change queued (puts and deletes, in order; a run of puts goes to the engine in
 * one recoupe_engine_add_batch, so that a queue that grew during a re-clustering
 * is clustered once rather than placed live and clustered again), then, when its
 * queue stays empty for 20 ms, a reader waits, or the snapshot is over 250 ms
 * old, copies the stories into a new immutable snapshot and publishes it under a
 * short lock; GETs read a snapshot by reference and never wait behind the
 * ingest. So the answers to PUT wait for the store only, and the stories follow
 * (by the placer's backlog) rather than hold the ingest back; a reader that
 * finds no write queued waits until the stories have caught up (a client that
 * PUTs then GETs sees its article).
 *
 * Story ids: the engine keeps them across its re-clusterings; each stored article
 * carries the id of its story (the placer passes the changes to the writer, which
 * records them in its next transaction), so that after a restart (load, one batch
 * clustering) each new story takes the stored id most of its articles carry (the
 * largest overlaps first, each id once) and clients see the same ids. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "serve.h"
#include "serve_names.h"

/* queued for the placer at most; the writer waits beyond (the articles queued
 * are held in memory as the engine will hold them) */
#define MAX_BACKLOG 65536

typedef struct heap_item {
    int64_t expires;
    char *name;
} heap_item;

struct serve_index {
    recoupe_engine *e;
    recoupe_store *store;
    /* the writer's */
    table stored;
    heap_item *heap;
    size_t n_heap, cap_heap;
    int64_t newest;
    /* the placer's */
    table placed;
    uint64_t *ids; /* sorted (engine id, public id) pairs from the restart */
    size_t n_ids;
    int64_t placed_newest;
    double built, last_change;
    size_t applied; /* changes applied since the last snapshot */
    /* under qlock */
    pthread_mutex_t qlock;
    pthread_cond_t qcond, pcond, dcond; /* writer, placer, requests and readers */
    serve_job *head, *tail;
    change_list todo;    /* for the placer */
    change_list stories; /* for the writer */
    int stop, pstop, started;
    int dirty, want; /* the snapshot is behind the store; a reader waits for it */
    int late;        /* a reader waited for it in vain: the others do not, until the next snapshot */
    size_t backlog;  /* changes committed and not yet in a published snapshot */
    pthread_t writer, placer;
    /* the snapshot */
    pthread_mutex_t slock;
    snapshot *snap;
    atomic_int ready;
};

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* ---------------------------------------------------------------- the writer's side */

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

/* records a stored article's expiry (the writer's table); 0 or -1 */
static int stored_put(serve_index *ix, const char *name, int64_t ts, int64_t max_age) {
    entry *e = names_lookup(&ix->stored, name);
    if (!e && !(e = names_insert(&ix->stored, name))) return -1;
    e->expires = max_age > 0 && ts != INT64_MIN ? ts + max_age : INT64_MAX;
    if (ts != INT64_MIN && ts > ix->newest) ix->newest = ts;
    if (e->expires != INT64_MAX) heap_push(ix, e->expires, name);
    return 0;
}

/* deletes from the store what the newest date made old; the placer drops them */
static void expire(serve_index *ix, change_list *out) {
    while (ix->n_heap && ix->heap[0].expires < ix->newest) {
        heap_item it = heap_pop(ix);
        entry *e = names_lookup(&ix->stored, it.name);
        if (e && e->expires == it.expires) {
            if (recoupe_store_delete(ix->store, it.name) != RECOUPE_OK) { /* gone already */
            }
            names_unlink(&ix->stored, it.name);
            if (change_push_new(out, it.name, NULL, 0) != 0) { /* out of memory: served until the next restart */
            }
        }
        free(it.name);
    }
}

/* one job in the writer's transaction; the change for the placer goes to out */
static void run_job(serve_index *ix, serve_job *j, change_list *out) {
    if (j->kind == JOB_DELETE) {
        recoupe_status st = recoupe_store_delete(ix->store, j->name);
        j->status = st == RECOUPE_OK ? 204 : st == RECOUPE_ERR_NOTFOUND ? 404 : 500;
        if (st == RECOUPE_OK) {
            names_unlink(&ix->stored, j->name);
            if (change_push_new(out, j->name, NULL, 0) != 0) { /* out of memory: served until the next restart */
            }
        }
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
    if (stored_put(ix, j->name, a->timestamp, j->max_age) != 0 || change_push_new(out, j->name, a, 0) != 0) {
        j->status = 500; /* stored, not placed: the next restart places it */
        return;
    }
    j->status = replaced ? 204 : 201;
}

/* records the story ids the placer passed (inside the writer's transaction) */
static void record_stories(serve_index *ix) {
    pthread_mutex_lock(&ix->qlock);
    change_list l = ix->stories;
    ix->stories = (change_list){0};
    pthread_mutex_unlock(&ix->qlock);
    for (change *c = l.head; c; c = c->next)
        if (recoupe_store_set_story(ix->store, c->name, c->story) != RECOUPE_OK) { /* gone since */
        }
    change_list_free(&l);
}

/* waits for jobs (or story ids to record); NULL: stop */
static serve_job *next_batch(serve_index *ix, int *stories) {
    pthread_mutex_lock(&ix->qlock);
    while (!ix->head && !ix->stories.head && !ix->stop) pthread_cond_wait(&ix->qcond, &ix->qlock);
    /* the placer's backlog is bounded: past it, the writer waits for it */
    while (ix->todo.n >= MAX_BACKLOG && !ix->pstop) pthread_cond_wait(&ix->qcond, &ix->qlock);
    serve_job *batch = ix->head;
    ix->head = ix->tail = NULL;
    *stories = ix->stories.head != NULL;
    int stop = ix->stop && !batch && !*stories;
    pthread_mutex_unlock(&ix->qlock);
    return stop ? NULL : batch;
}

static void *writer(void *arg) {
    serve_index *ix = arg;
    for (;;) {
        int stories = 0;
        serve_job *batch = next_batch(ix, &stories);
        if (!batch && !stories) break;
        change_list out = {0};
        int began = recoupe_store_begin(ix->store) == RECOUPE_OK;
        for (serve_job *j = batch; j; j = j->next) {
            if (began)
                run_job(ix, j, &out);
            else
                j->status = 500;
        }
        int committed = 0;
        if (began) {
            expire(ix, &out);
            record_stories(ix);
            committed = recoupe_store_commit(ix->store) == RECOUPE_OK;
            if (!committed)
                for (serve_job *j = batch; j; j = j->next) j->status = 500;
        }
        if (!committed) change_list_free(&out); /* the store and the stories part until the next restart */
        pthread_mutex_lock(&ix->qlock);
        if (out.head) {
            ix->backlog += out.n;
            change_splice(&ix->todo, &out);
            ix->dirty = 1;
            pthread_cond_signal(&ix->pcond);
        }
        for (serve_job *j = batch; j; j = j->next) j->done = 1;
        pthread_cond_broadcast(&ix->dcond);
        pthread_mutex_unlock(&ix->qlock);
    }
    return NULL;
}

/* ---------------------------------------------------------------- the placer's side */

/* drops a placed article from the engine and the placer's table */
static void drop(serve_index *ix, const char *name) {
    entry *e = names_lookup(&ix->placed, name);
    if (!e) return;
    if (recoupe_engine_remove(ix->e, e->handle) != RECOUPE_OK) { /* cannot happen: it is held */
    }
    names_unlink(&ix->placed, name);
}

/* places a run of puts, one batch for the engine (the engine owns the articles,
 * c->a is NULL after); a name put twice in the run keeps its last article */
static void place_run(serve_index *ix, change **run, size_t n) {
    recoupe_article **arts = malloc((n ? n : 1) * sizeof *arts);
    uint32_t *handles = malloc((n ? n : 1) * sizeof *handles);
    entry **ents = malloc((n ? n : 1) * sizeof *ents);
    unsigned char *skip = calloc(n ? n : 1, 1);
    table seen = {0}; /* the names met from the end of the run */
    for (size_t i = n; skip && i-- > 0;) {
        if (names_lookup(&seen, run[i]->name))
            skip[i] = 1;
        else if (!names_insert(&seen, run[i]->name)) { /* out of memory: placed at the next restart */
            free(skip);
            skip = NULL;
        }
    }
    names_free(&seen);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        change *c = run[i];
        if (!skip || skip[i] || !arts || !handles || !ents) continue;
        drop(ix, c->name);
        entry *e = names_insert(&ix->placed, c->name);
        if (!e) continue;
        e->story = c->story;
        e->handle = UINT32_MAX;
        int64_t ts = c->a->timestamp;
        if (ts != INT64_MIN && ts > ix->placed_newest) ix->placed_newest = ts;
        arts[m] = c->a;
        ents[m++] = e;
        c->a = NULL;
    }
    if (m && recoupe_engine_add_batch(ix->e, arts, m, handles) != RECOUPE_OK) { /* the held ones have a handle */
    }
    for (size_t i = 0; i < m; i++) {
        ents[i]->handle = handles[i];
        if (handles[i] == UINT32_MAX) names_unlink(&ix->placed, ents[i]->name);
    }
    free(arts);
    free(handles);
    free(ents);
    free(skip);
}

/* applies changes in order: each run of puts in one batch, drops between */
static void apply(serve_index *ix, change_list *l) {
    change **run = malloc((l->n ? l->n : 1) * sizeof *run);
    size_t n = 0;
    for (change *c = l->head; c; c = c->next) {
        if (c->a && run) {
            run[n++] = c;
            continue;
        }
        if (n) place_run(ix, run, n), n = 0;
        if (!c->a) drop(ix, c->name);
        if (c->a && !run) { /* out of memory for the run: one by one */
            change *one[1] = {c};
            place_run(ix, one, 1);
        }
    }
    if (n) place_run(ix, run, n);
    free(run);
    change_list_free(l);
}

/* a new snapshot, published; the story ids that changed go to the writer */
static void rebuild(serve_index *ix) {
    snapshot *s = snapshot_build(ix->e, ix->ids, ix->n_ids, ix->placed_newest);
    ix->built = now_s();
    if (!s) return; /* readers keep the previous one */
    change_list ids = {0};
    for (size_t i = 0; i < s->n_stories; i++) {
        const snap_story *st = &s->stories[i];
        for (size_t j = 0; j < st->n_art; j++) {
            entry *e = names_lookup(&ix->placed, SNAP_STR(s, s->arts[st->art + j].name));
            if (e && e->story != st->id && change_push_new(&ids, e->name, NULL, st->id) == 0) e->story = st->id;
        }
    }
    pthread_mutex_lock(&ix->slock);
    snapshot *old = ix->snap;
    ix->snap = s;
    pthread_mutex_unlock(&ix->slock);
    snapshot_release(old);
    pthread_mutex_lock(&ix->qlock);
    ix->backlog -= ix->applied < ix->backlog ? ix->applied : ix->backlog;
    ix->applied = 0;
    ix->late = 0;
    if (ids.head) {
        change_splice(&ix->stories, &ids);
        pthread_cond_signal(&ix->qcond);
    }
    pthread_mutex_unlock(&ix->qlock);
}

static void *placer(void *arg) {
    serve_index *ix = arg;
    /* below the request threads and the writer: when the cores are short, the
     * ingest goes first and the placer's backlog grows (each re-clustering then
     * takes more of it at once); the engine's threads inherit it (Linux) */
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10) != 0) { /* stays at the server's */
    }
    pthread_mutex_lock(&ix->qlock);
    for (;;) {
        if (ix->todo.head) {
            change_list l = ix->todo;
            ix->todo = (change_list){0};
            pthread_cond_signal(&ix->qcond); /* a writer waiting on the backlog */
            pthread_mutex_unlock(&ix->qlock);
            ix->applied += l.n;
            apply(ix, &l);
            double t = now_s();
            ix->last_change = t;
            /* under a steady ingest, a new snapshot every 250 ms: building one
             * walks every story, too much to do after each small batch */
            int rebuilt = t - ix->built > 0.25;
            if (rebuilt) rebuild(ix);
            pthread_mutex_lock(&ix->qlock);
            if (rebuilt && !ix->todo.head) ix->dirty = ix->want = 0, pthread_cond_broadcast(&ix->dcond);
            continue;
        }
        if (ix->dirty && (ix->want || ix->pstop || now_s() - ix->last_change >= 0.02)) {
            pthread_mutex_unlock(&ix->qlock);
            rebuild(ix);
            pthread_mutex_lock(&ix->qlock);
            if (!ix->todo.head) ix->dirty = ix->want = 0;
            pthread_cond_broadcast(&ix->dcond);
            continue;
        }
        if (ix->pstop) break;
        if (ix->dirty) {
            struct timespec t;
            clock_gettime(CLOCK_REALTIME, &t);
            t.tv_nsec += 20 * 1000 * 1000;
            if (t.tv_nsec >= 1000000000) t.tv_sec++, t.tv_nsec -= 1000000000;
            pthread_cond_timedwait(&ix->pcond, &ix->qlock, &t);
        } else {
            pthread_cond_wait(&ix->pcond, &ix->qlock);
        }
    }
    pthread_mutex_unlock(&ix->qlock);
    return NULL;
}

/* ---------------------------------------------------------------- readers and requests */

snapshot *serve_snapshot(serve_index *ix) {
    pthread_mutex_lock(&ix->slock);
    snapshot *s = ix->snap;
    if (s) atomic_fetch_add(&s->refs, 1);
    pthread_mutex_unlock(&ix->slock);
    return s;
}

snapshot *serve_snapshot_fresh(serve_index *ix) {
    pthread_mutex_lock(&ix->qlock);
    /* an idle index brings its snapshot up to date for the reader (a client that
     * PUTs then GETs sees its article), for 250 ms at most (the placer may be
     * re-clustering a backlog: then the next readers take the snapshot there is,
     * until the placer publishes one); while writes are queued, the reader never
     * waits */
    if (ix->dirty && !ix->head && !ix->late && ix->started && !ix->stop) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        t.tv_nsec += 250 * 1000 * 1000;
        if (t.tv_nsec >= 1000000000) t.tv_sec++, t.tv_nsec -= 1000000000;
        ix->want = 1;
        pthread_cond_signal(&ix->pcond);
        while (ix->dirty && !ix->head && !ix->late && !ix->stop)
            if (pthread_cond_timedwait(&ix->dcond, &ix->qlock, &t) != 0) {
                ix->late = 1;
                break;
            }
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
    pthread_cond_broadcast(&ix->dcond); /* a reader waiting for an idle index waits no more */
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
            if (recoupe_article_process(l->a[k], RECOUPE_STAGE_FEATURES | RECOUPE_STAGE_CLASSIFY) != RECOUPE_OK)
                continue; /* add tries again */
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
    snapshot *s = snapshot_build(ix->e, NULL, 0, ix->placed_newest);
    if (!s) return;
    overlap *ov = calloc(s->n_arts + 1, sizeof *ov);
    size_t n = 0;
    for (size_t i = 0; ov && i < s->n_stories; i++) {
        const snap_story *st = &s->stories[i];
        size_t first = n;
        for (size_t j = 0; j < st->n_art; j++) {
            entry *e = names_lookup(&ix->placed, SNAP_STR(s, s->arts[st->art + j].name));
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
        recoupe_article *a = l.a[i];
        char *name = strdup(a->id);
        entry *e = NULL;
        if (name) drop(ix, name);
        if (!name || stored_put(ix, name, a->timestamp, l.rows[i].max_age) != 0 ||
            !(e = names_insert(&ix->placed, name))) {
            recoupe_article_free(a);
            free(name);
            ret = -1;
            continue;
        }
        e->story = l.rows[i].story;
        e->handle = UINT32_MAX;
        if (a->timestamp != INT64_MIN && a->timestamp > ix->placed_newest) ix->placed_newest = a->timestamp;
        /* not clustered yet: the article only waits */
        if (recoupe_engine_add(ix->e, a, &e->handle) != RECOUPE_OK && e->handle == UINT32_MAX)
            names_unlink(&ix->placed, name);
        free(name);
    }
    free(l.a);
    free(l.rows);
    pthread_mutex_destroy(&l.lock);
    if (ret == 0 && recoupe_engine_cluster(ix->e) != RECOUPE_OK) ret = -1;
    if (ret != 0) return ret;
    carry_ids(ix);
    if (recoupe_store_begin(ix->store) == RECOUPE_OK) {
        change_list gone = {0};
        expire(ix, &gone);
        apply(ix, &gone);
        rebuild(ix);
        record_stories(ix);
        if (recoupe_store_commit(ix->store) != RECOUPE_OK) return -1;
    }
    if (!ix->snap) return -1;
    if (pthread_create(&ix->placer, NULL, placer, ix) != 0) return -1;
    if (pthread_create(&ix->writer, NULL, writer, ix) != 0) {
        pthread_mutex_lock(&ix->qlock);
        ix->pstop = 1;
        pthread_cond_signal(&ix->pcond);
        pthread_mutex_unlock(&ix->qlock);
        pthread_join(ix->placer, NULL);
        return -1;
    }
    ix->started = 1;
    atomic_store(&ix->ready, 1);
    return 0;
}

/* ---------------------------------------------------------------- life */

serve_index *serve_index_new(recoupe_store *store) {
    serve_index *ix = calloc(1, sizeof *ix);
    if (!ix) return NULL;
    ix->store = store;
    ix->newest = ix->placed_newest = INT64_MIN;
    pthread_mutex_init(&ix->qlock, NULL);
    pthread_mutex_init(&ix->slock, NULL);
    pthread_cond_init(&ix->qcond, NULL);
    pthread_cond_init(&ix->pcond, NULL);
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

size_t serve_index_backlog(serve_index *ix) {
    pthread_mutex_lock(&ix->qlock);
    size_t n = ix->backlog;
    pthread_mutex_unlock(&ix->qlock);
    return n;
}

int serve_index_ready(serve_index *ix) {
    return atomic_load(&ix->ready);
}

recoupe_store *serve_index_store(serve_index *ix) {
    return ix->store;
}

void serve_index_free(serve_index *ix) {
    if (!ix) return;
    /* the writer commits what is queued, then the placer places it and makes the
     * last snapshot; the story ids it passed last are recorded here */
    pthread_mutex_lock(&ix->qlock);
    ix->stop = 1;
    pthread_cond_signal(&ix->qcond);
    pthread_mutex_unlock(&ix->qlock);
    if (ix->started) pthread_join(ix->writer, NULL);
    pthread_mutex_lock(&ix->qlock);
    ix->pstop = 1;
    pthread_cond_signal(&ix->pcond);
    pthread_mutex_unlock(&ix->qlock);
    if (ix->started) pthread_join(ix->placer, NULL);
    if (ix->stories.head && recoupe_store_begin(ix->store) == RECOUPE_OK) {
        record_stories(ix);
        if (recoupe_store_commit(ix->store) != RECOUPE_OK) { /* recorded at the next change */
        }
    }
    change_list_free(&ix->stories);
    change_list_free(&ix->todo);
    names_free(&ix->stored);
    names_free(&ix->placed);
    for (size_t i = 0; i < ix->n_heap; i++) free(ix->heap[i].name);
    free(ix->heap);
    free(ix->ids);
    snapshot_release(ix->snap);
    recoupe_engine_free(ix->e);
    pthread_mutex_destroy(&ix->qlock);
    pthread_mutex_destroy(&ix->slock);
    pthread_cond_destroy(&ix->qcond);
    pthread_cond_destroy(&ix->pcond);
    pthread_cond_destroy(&ix->dcond);
    free(ix);
}
