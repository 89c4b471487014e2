/* core.h: the core module's side for the rest of the engine: the worker pool
 * every front-end runs the per-article stages on. The article record itself is public (recoupe.h). */
#ifndef RECOUPE_CORE_CORE_H
#define RECOUPE_CORE_CORE_H

#include "recoupe.h"

/* Where the pool's articles come from: RECOUPE_OK with *out set (the pool owns
 * it), RECOUPE_ERR_DONE at the end, or another status that ends the run. */
typedef recoupe_status (*core_source_fn)(void *source, recoupe_article **out);

/* Takes articles from next(source) on the calling thread, runs work(a, user) on
 * util_jobs(jobs) threads (0 = every core) (work may be NULL), and emit(a, user) on the calling
 * thread in the order the source gave them; emit owns the article. A non-zero
 * emit stops the run and is returned; else RECOUPE_OK, the source's error, or
 * RECOUPE_ERR_NOMEM. */
recoupe_status core_pool_run(core_source_fn next, void *source, int jobs, recoupe_work_fn work, recoupe_emit_fn emit,
                             void *user);

#endif
