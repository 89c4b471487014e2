/* process.c: the one trip of an article (recoupe_article_process) and the runs
 * of it over a reader on the worker pool (recoupe_pipeline_process,
 * recoupe_pipeline_run).
 *
 * This module sits above every per-article stage (read, extract, text, dedup,
 * story) and is the only one that knows them all: it calls each in the order of
 * the trip, and each writes what it finds into the article's analysis for the
 * ones after it. The text is tokenised once for all the stages asked; the tokens
 * are let go at the end unless the caller asked to keep them, so that an engine
 * holding a million articles does not hold their tokens. The commands and the
 * server run the same recoupe_pipeline_process on the same pool (src/core). */
#include "classify/classify.h"
#include "core/core.h"
#include "dedup/dedup.h"
#include "facts/facts_int.h"
#include "story/story.h"
#include "text/text.h"

#define NEEDS_ANALYSIS                                                                                                 \
    (RECOUPE_STAGE_CLASSIFY | RECOUPE_STAGE_TOKENS | RECOUPE_STAGE_NUMBERS | RECOUPE_STAGE_SIGN |                      \
     RECOUPE_STAGE_FEATURES | RECOUPE_STAGE_FACTS)

recoupe_status recoupe_article_process(recoupe_article *a, unsigned stages) {
    if (!a) return RECOUPE_ERR_ARG;
    recoupe_analysis *an = &a->analysis;
    if (stages & NEEDS_ANALYSIS) stages |= RECOUPE_STAGE_ANALYSE;
    stages &= ~an->done;
    recoupe_status st = RECOUPE_OK;
    if (stages & RECOUPE_STAGE_DECODE) {
        if ((st = recoupe_article_decode(a)) != RECOUPE_OK) return st;
        an->done |= RECOUPE_STAGE_DECODE;
    }
    if (stages & RECOUPE_STAGE_EXTRACT) {
        if ((st = recoupe_article_extract(a)) != RECOUPE_OK) return st;
        an->done |= RECOUPE_STAGE_EXTRACT;
    }
    if (stages & RECOUPE_STAGE_ANALYSE) {
        if (text_analysis_basic(a) != 0) return RECOUPE_ERR_NOMEM;
        an->done |= RECOUPE_STAGE_ANALYSE;
    }
    /* tokens once, for every stage that reads them */
    unsigned tokenised =
        stages & (RECOUPE_STAGE_TOKENS | RECOUPE_STAGE_SIGN | RECOUPE_STAGE_FEATURES | RECOUPE_STAGE_FACTS);
    int made = 0;
    if (tokenised && !(an->done & RECOUPE_STAGE_TOKENS)) {
        /* what the stages asked read: the duplicates only stems of 4 bytes */
        unsigned what = TEXT_ANALYSIS_ALL;
        if (!(stages & RECOUPE_STAGE_TOKENS))
            what = (stages & RECOUPE_STAGE_FEATURES) ? TEXT_ANALYSIS_TITLE | TEXT_ANALYSIS_SHORT_STEMS : 0;
        if (text_analysis_tokens(a, what) != 0) return RECOUPE_ERR_NOMEM;
        made = 1;
    }
    if ((stages & RECOUPE_STAGE_NUMBERS) && text_analysis_numbers(a) != 0) st = RECOUPE_ERR_NOMEM;
    if (st == RECOUPE_OK && (stages & RECOUPE_STAGE_SIGN) && dedup_sign_article(a) != 0) st = RECOUPE_ERR_NOMEM;
    if (st == RECOUPE_OK && (stages & RECOUPE_STAGE_FEATURES) && story_prepare_article(a) != 0) st = RECOUPE_ERR_NOMEM;
    if ((stages & RECOUPE_STAGE_CLASSIFY) && classify_article(a) == 0) an->done |= RECOUPE_STAGE_CLASSIFY;
    /* the facts read the same tokens; an article whose facts fail has none (less
     * to show, never the end of the run) */
    if ((stages & RECOUPE_STAGE_FACTS) && recoupe_article_facts(a) == RECOUPE_OK) an->done |= RECOUPE_STAGE_FACTS;
    if (made && !(stages & RECOUPE_STAGE_TOKENS)) recoupe_article_release(a, RECOUPE_STAGE_TOKENS);
    return st;
}

/* ------------------------------------------------------------ runs over a reader */

typedef struct run {
    unsigned stages;
    recoupe_work_fn work;
    void *user;
} run;

static recoupe_status from_reader(void *r, recoupe_article **out) {
    return recoupe_reader_next(r, out);
}

static void process_one(recoupe_article *a, void *user) {
    const run *r = user;
    recoupe_status st = recoupe_article_process(a, r->stages);
    if (st == RECOUPE_ERR_NOMEM)
        (void)recoupe_article_warn(a, (a->analysis.done & RECOUPE_STAGE_DECODE) ? "out of memory while processing"
                                                                                : "out of memory while decoding");
    if (r->work) r->work(a, r->user);
}

/* the pool's emit gets the run; the caller's is called with its own pointer */
typedef struct emit_run {
    run r;
    recoupe_emit_fn emit;
} emit_run;

static int emit_one(recoupe_article *a, void *user) {
    const emit_run *e = user;
    return e->emit(a, e->r.user);
}

recoupe_status recoupe_pipeline_process(recoupe_reader *r, int jobs, unsigned stages, recoupe_work_fn work,
                                        recoupe_emit_fn emit, void *user) {
    if (!r || !emit) return RECOUPE_ERR_ARG;
    emit_run e = {{stages | RECOUPE_STAGE_DECODE, work, user}, emit};
    return core_pool_run(from_reader, r, jobs, process_one, emit_one, &e);
}

recoupe_status recoupe_pipeline_run(recoupe_reader *r, int jobs, recoupe_work_fn work, recoupe_emit_fn emit,
                                    void *user) {
    return recoupe_pipeline_process(r, jobs, RECOUPE_STAGE_DECODE, work, emit, user);
}
