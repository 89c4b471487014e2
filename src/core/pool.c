/* pool.c: the worker pool behind every command and the server (core_pool_run).
 *
 * The calling thread takes articles from a source (the reader: I/O is sequential
 * and cheap), workers process them, and the calling thread emits results in input
 * order. The pool knows only the article record: what a worker does and where the
 * articles come from are the caller's functions, so this bottom module calls no
 * module above it. Articles
 * sit in a ring of slots indexed by sequence number; a slot goes EMPTY -> READY
 * (read) -> BUSY (a worker has it) -> DONE, and the emitter waits only for the
 * oldest one. The ring bounds memory (a few articles per worker in flight) and makes
 * the output order the input order whatever the number of jobs. */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/core.h"
#include "util/threads.h"

enum { SLOT_EMPTY, SLOT_READY, SLOT_BUSY, SLOT_DONE };

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work_cv, done_cv;
    recoupe_article **art;
    unsigned char *state;
    size_t cap;
    size_t next_take; /* oldest READY sequence */
    size_t next_read, next_emit;
    int closing;
    recoupe_work_fn work;
    void *user;
} pool;

static void *worker(void *arg) {
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->closing && p->next_take == p->next_read) pthread_cond_wait(&p->work_cv, &p->mu);
        if (p->next_take == p->next_read && p->closing) break;
        size_t seq = p->next_take++;
        size_t i = seq % p->cap;
        p->state[i] = SLOT_BUSY;
        recoupe_article *a = p->art[i];
        pthread_mutex_unlock(&p->mu);
        if (p->work) p->work(a, p->user);
        pthread_mutex_lock(&p->mu);
        p->state[i] = SLOT_DONE;
        if (seq == p->next_emit) pthread_cond_signal(&p->done_cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

recoupe_status core_pool_run(core_source_fn next, void *source, int jobs, recoupe_work_fn work, recoupe_emit_fn emit,
                             void *user) {
    jobs = util_jobs(jobs);
    pool p = {.work = work, .user = user};
    p.cap = (size_t)jobs * 8;
    p.art = calloc(p.cap, sizeof *p.art);
    p.state = calloc(p.cap, 1);
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    if (!p.art || !p.state || !th) {
        free(p.art);
        free(p.state);
        free(th);
        return RECOUPE_ERR_NOMEM;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work_cv, NULL);
    pthread_cond_init(&p.done_cv, NULL);
    int started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&th[started], NULL, worker, &p) != 0) break;

    recoupe_status rs = RECOUPE_OK;
    int eof = started == 0; /* no worker at all: nothing can be processed */
    if (started == 0) rs = RECOUPE_ERR_NOMEM;
    pthread_mutex_lock(&p.mu);
    for (;;) {
        /* emit everything finished at the head, in order */
        while (p.next_emit < p.next_read && p.state[p.next_emit % p.cap] == SLOT_DONE) {
            size_t i = p.next_emit % p.cap;
            recoupe_article *a = p.art[i];
            p.art[i] = NULL;
            p.state[i] = SLOT_EMPTY;
            p.next_emit++;
            pthread_mutex_unlock(&p.mu);
            int e = rs == RECOUPE_OK ? emit(a, user) : (recoupe_article_free(a), 0);
            pthread_mutex_lock(&p.mu);
            if (e && rs == RECOUPE_OK) {
                rs = (recoupe_status)e;
                eof = 1;
            }
        }
        if (!eof && p.next_read - p.next_emit < p.cap) {
            pthread_mutex_unlock(&p.mu);
            recoupe_article *a = NULL;
            recoupe_status st = next(source, &a);
            pthread_mutex_lock(&p.mu);
            if (st == RECOUPE_OK) {
                size_t i = p.next_read % p.cap;
                p.art[i] = a;
                p.state[i] = SLOT_READY;
                p.next_read++;
                pthread_cond_signal(&p.work_cv);
            } else {
                eof = 1;
                if (st != RECOUPE_ERR_DONE && rs == RECOUPE_OK) rs = st;
            }
            continue;
        }
        if (eof && p.next_emit == p.next_read) break;
        pthread_cond_wait(&p.done_cv, &p.mu);
    }
    p.closing = 1;
    pthread_cond_broadcast(&p.work_cv);
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.work_cv);
    pthread_cond_destroy(&p.done_cv);
    free(p.art);
    free(p.state);
    free(th);
    return rs;
}
