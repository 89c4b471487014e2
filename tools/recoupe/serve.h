/* serve.h: what the parts of `recoupe serve` share: the index (a writer thread
 * that owns the store, fed by a queue of jobs, and a placer thread that owns the
 * engine, fed by the writer's committed changes) and the snapshot of the stories
 * that readers use without waiting for either (serve_index.c); the HTTP
 * front-end (serve_http.c); the embedded web page (serve_page.c). */
#ifndef RECOUPE_SERVE_H
#define RECOUPE_SERVE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "recoupe.h"

/* An article of a snapshot: offsets into snapshot.strings (0: none). */
typedef struct snap_article {
    size_t name, title, site, date, lang;
} snap_article;

typedef struct snap_story {
    uint64_t id;
    size_t title, lang;  /* offsets into strings */
    int64_t first, last; /* Unix seconds, INT64_MIN when undated */
    double importance;
    size_t art, n_art; /* its articles: arts[art .. art + n_art), most central first */
    size_t src, n_src; /* its outlets: srcs[src .. src + n_src) (offsets), most frequent first */
    size_t independent_sources;
    const char *category; /* the news category of most of its articles (static), NULL: none classified */
} snap_story;

#define SNAP_ANSWERS 64 /* answers a snapshot keeps (the checker's 16 /threads, searches) */

/* The stories at one moment, read-only once published (but for its cache of
 * answers, under its lock); reference counted. */
typedef struct snapshot {
    atomic_int refs;
    snap_story *stories; /* most important first */
    size_t n_stories;
    snap_article *arts;
    size_t n_arts;
    size_t *srcs;
    size_t n_srcs;
    char *strings; /* NUL-terminated strings; offset 0 is "" */
    size_t strings_len;
    int64_t newest;    /* the latest article date indexed (INT64_MIN: none) */
    size_t n_articles; /* articles held */
    /* answers made from it, by query (see snapshot_cached): the same GET between
     * two snapshots is answered once */
    pthread_mutex_t cache_lock;
    struct snap_answer {
        char *key, *body;
        size_t len;
    } answers[SNAP_ANSWERS];
    size_t n_answers;
    /* one reader makes an answer, the others of the same query wait for it
     * (snapshot_making): a new snapshot under 64 readers is not 64 times the work */
    pthread_mutex_t making[8];
} snapshot;

enum { JOB_PUT, JOB_DELETE };

/* One write: PUT (article prepared on the request thread, owned by the job until
 * the writer takes it) or DELETE. status is the HTTP answer once done. */
typedef struct serve_job {
    int kind;
    const char *name;
    recoupe_article *a;
    int64_t max_age;
    int status;
    int done;
    struct serve_job *next;
} serve_job;

typedef struct serve_index serve_index;

/* Creates the index over an open store (not owned). NULL when out of memory. */
serve_index *serve_index_new(recoupe_store *store);
/* Loads every stored article into the engine (prepared on jobs threads), clusters,
 * publishes the first snapshot and starts the writer and the placer. 0, or -1 (message printed). */
int serve_index_load(serve_index *ix, int jobs);
/* 1 once loaded. */
int serve_index_ready(serve_index *ix);
/* Changes committed that the published stories do not show yet (the placer's backlog). */
size_t serve_index_backlog(serve_index *ix);
/* Queues a job and waits until the writer committed it (group commit). */
void serve_index_submit(serve_index *ix, serve_job *job);
/* Stops the writer (after the queued jobs), then the placer (after the committed
 * changes), and frees everything. NULL is a no-op. */
void serve_index_free(serve_index *ix);
/* The current snapshot (NULL before loading), held until snapshot_release. */
snapshot *serve_snapshot(serve_index *ix);
void snapshot_release(snapshot *s);
/* The same, brought up to date first when the index is idle (no write queued):
 * what a reader that just wrote expects; it waits 250 ms at most (the placer may
 * be behind by a re-clustering), and not at all once a reader waited so in vain,
 * until the next snapshot. While writes are queued it does not wait. */
snapshot *serve_snapshot_fresh(serve_index *ix);
/* A new snapshot of the engine's stories; map holds sorted (engine id, public id)
 * pairs (n_map of them) that rename stories. NULL when out of memory. */
snapshot *snapshot_build(recoupe_engine *e, const uint64_t *map, size_t n_map, int64_t newest);
/* The public id of an engine story id under map. */
uint64_t snapshot_public_id(const uint64_t *map, size_t n_map, uint64_t id);
/* The string at offset off of s. */
#define SNAP_STR(s, off) ((s)->strings + (off))
/* The story of that id in s, or NULL. */
/* The lock a reader holds while it makes the answer to key (one of a few, by the
 * key's hash): lock it, look in the cache again, make and cache the answer, unlock. */
pthread_mutex_t *snapshot_making(snapshot *s, const char *key);
/* A copy (malloc'd, *body) of the answer cached under key, 1; 0 when none. */
int snapshot_cached(snapshot *s, const char *key, char **body, size_t *len);
/* Caches a copy of an answer made from s under key (nothing when full or out of memory). */
void snapshot_cache(snapshot *s, const char *key, const char *body, size_t len);
const snap_story *snapshot_find(const snapshot *s, uint64_t id);
/* The store, for searches and lookups from request threads. */
recoupe_store *serve_index_store(serve_index *ix);

/* The web page (HTML with its CSS and script), embedded at build time. */
extern const char serve_page[];
extern const size_t serve_page_len;

/* Server settings. */
typedef struct serve_config {
    const char *bind; /* numeric address, default 127.0.0.1 */
    unsigned port;    /* 0: any free port */
    const char *db;
    int jobs; /* HTTP threads */
    size_t max_body;
    int sync_full;
    unsigned timeout; /* idle connection timeout, seconds */
    unsigned per_ip;  /* connections per client address */
    int quiet;
} serve_config;

/* Runs the server until SIGTERM or SIGINT. Returns the exit status. */
int serve_run(const serve_config *cfg);

#endif
