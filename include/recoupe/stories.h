/* recoupe/stories.h: the story engine: articles grouped into stories. Part of the public interface; include <recoupe.h>
 * for all of it. */
#ifndef RECOUPE_STORIES_H
#define RECOUPE_STORIES_H

#include <stddef.h>
#include <stdint.h>
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ stories (src/story) */

/* Stories: articles about one event, grouped across outlets and languages, titled
 * and ranked. An engine (recoupe_engine) takes articles one by one. Batch mode:
 * add everything, then recoupe_engine_cluster(); the result depends neither on the
 * order of the adds nor on jobs. Incremental mode (for a server): once clustered,
 * each add or remove updates the stories in place, and a story keeps its id as
 * articles arrive. A live add places the article once, with the document
 * frequencies of the moment; so that the stories do not drift from what a batch
 * run would say, the engine clusters everything again (inside the add that
 * triggers it) once the live adds reach a share of the articles held at the last
 * clustering (options.recluster; a geometric schedule, so the total work stays
 * linear: about 4x one batch run over a whole stream at the default); story ids
 * are carried over by overlap (see recoupe_story.id). Tolerance,
 * measured by bench/eval_story.sh as the B-cubed F1 of the incremental partition
 * against the batch one on the same articles fed one by one from an empty engine:
 * 1.00 on the bundled sample (examples/koursk), at least 0.95 for events and
 * topics on rpm2 (200 undated French articles). recoupe_engine_cluster may also
 * be called at any time to get the batch result back.
 *
 * Similarity: TF-IDF cosine over stems, stem bigrams, entities and numbers (stems
 * weighed among the articles of their language); two articles link into one event
 * only when each is among the other's nearest neighbours with a cosine of at
 * least 0.03, with a weight that is the overlap of their neighbour lists
 * (second-order similarity); events join into topics on that overlap alone.
 *
 * Stories come at two levels: events (what `recoupe threads` prints, the tgnews
 * "threads") and topics, each a group of events ("Ingrid Betancourt freed" and
 * "Betancourt's first summer of freedom" are two events of one topic).
 *
 * Importance (documented formula, higher first):
 *   importance = ln(1 + S) * (1 + ln(1 + V)) * (0.5 + 0.5 * D) * R
 *   S  independent sources: distinct outlets (the site, else the URL's host, else
 *      the article itself: an article of unknown outlet counts as one of its own),
 *      a near-duplicate group counting once;
 *   V  velocity: articles within 24 hours of the story's first one (all of them
 *      when undated);
 *   D  diversity: distinct outlets / articles (1 when every article is from a
 *      different outlet);
 *   R  recency: 0.5 ^ ((T - last) / 24 h), T the latest date in the engine; 1 undated. */

/* One engine is used from one thread at a time (its calls are not locked); distinct
 * engines may be used from distinct threads at once. */
typedef struct recoupe_engine recoupe_engine;

/* Options. Zero-initialise, then set what you need (0 means the default). */
typedef struct recoupe_engine_options {
    double event_threshold; /* average-link similarity to be one event; 0 = 0.08 */
    double topic_threshold; /* to be one topic; 0 = 0.03 */
    int64_t window;         /* seconds between an article and its story's most recent member;
                             * 0 = 7 days, negative = no window */
    int jobs;               /* threads for batch clustering; 0 = the number of cores */
    int no_duplicates;      /* 1: do not look for near-duplicate groups */
    int recluster;          /* live mode: cluster everything again once the live adds reach
                             * 1/recluster of the articles of the last clustering (and 16);
                             * 0 = 4, negative = never (only explicit recoupe_engine_cluster) */
    double pair_gate;       /* the pair decision some pair across two clusters must reach for
                             * them to merge into one event; 0 = 0.5, negative = no gate */
    int timing;             /* 1: report the wall and CPU seconds and the memory of each phase
                             * of a clustering through on_message ("timing: ..." lines) */
    /* Called on the engine's thread with a line of report (no newline), e.g. the
     * timing lines; may be NULL. The library never prints. */
    void (*on_message)(void *user, const char *message);
    void *message_user;
} recoupe_engine_options;

/* One story (an event). Everything belongs to the engine and stays valid until
 * the next add, remove or cluster call. */
typedef struct recoupe_story {
    uint64_t id;                            /* stable: from the article that started it, and kept
                                             * through re-clusterings by the new story that holds
                                             * most of its articles */
    uint64_t topic;                         /* id of the topic it belongs to */
    const char *title;                      /* headline of the most central article in the main language */
    const recoupe_article *const *articles; /* by centrality, most central first */
    const float *centrality;                /* cosine of each article to the story's centroid */
    size_t n_articles;
    const char *lang;             /* main language ("und" when unknown) */
    const char *const *languages; /* distinct, most frequent first */
    size_t n_languages;
    const char *const *sources; /* distinct outlets, most frequent first */
    size_t n_sources;
    size_t independent_sources; /* outlets, a near-duplicate group counting once */
    int64_t first, last;        /* Unix seconds; INT64_MIN when undated */
    double importance;
} recoupe_story;

/* A new engine; opt may be NULL (defaults) and is copied. NULL when out of memory. */
RECOUPE_API recoupe_engine *recoupe_engine_new(const recoupe_engine_options *opt);
/* Frees the engine and every article it holds. NULL is a no-op. */
RECOUPE_API void recoupe_engine_free(recoupe_engine *e);

/* Adds an article; the engine takes ownership of it (also on error). The engine
 * reads the analysis recoupe_article_process(a, RECOUPE_STAGE_FEATURES) left in
 * it (a pool's workers make it; title and text are the analysis's headline and
 * text); an article not processed so is analysed here, on the calling thread. *handle (may be
 * NULL) receives its number for recoupe_engine_remove whenever the engine holds the
 * article, which it also does after a RECOUPE_ERR_NOMEM from a live add that could
 * not place it in a story (the next recoupe_engine_cluster places it). Before the
 * first recoupe_engine_cluster the article only waits; after, it joins a story at
 * once. RECOUPE_OK, RECOUPE_ERR_ARG, RECOUPE_ERR_NOMEM (also once 2^32 - 1 articles
 * were added to one engine). */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_engine_add(recoupe_engine *e, recoupe_article *a,
                                                                 uint32_t *handle);
/* Adds n articles as one step; the engine takes ownership of every one of them
 * (also on error; each a[i] is set to NULL). a may be NULL when n is 0; handles
 * (may be NULL) has room for n: handles[i] is the handle of a[i], UINT32_MAX for
 * one the engine does not hold. Before the first recoupe_engine_cluster, the same
 * as n recoupe_engine_add calls. Once live, a batch that leaves the live adds below
 * the share that re-clusters (options.recluster) places its articles one by one,
 * in order, exactly as recoupe_engine_add would; a batch that reaches it is held
 * whole and the engine clusters everything once, at the end, so the stories are
 * those of the batch result, where adding the same articles one by one would place
 * the first of them live, cluster, and place the rest live again. Story ids are
 * carried over as by any re-clustering. A server that queues articles while the
 * engine is busy passes the queue here: the longer the queue, the fewer articles
 * are placed live before a clustering places them all. Returns RECOUPE_OK, or the
 * first error of the adds (RECOUPE_ERR_ARG for a NULL article, RECOUPE_ERR_NOMEM),
 * else that of the clustering (RECOUPE_ERR_NOMEM: the articles are held, and the
 * next add or recoupe_engine_cluster places them); RECOUPE_ERR_ARG when e is NULL
 * or a is NULL with n > 0 (the articles given are freed). */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_engine_add_batch(recoupe_engine *e, recoupe_article **a, size_t n,
                                                                       uint32_t *handles);
/* Removes an article (it is freed); its story shrinks, keeps its id, and goes when
 * empty. RECOUPE_ERR_NOTFOUND for an unknown or removed handle. */
RECOUPE_API recoupe_status recoupe_engine_remove(recoupe_engine *e, uint32_t handle);
/* Clusters every article held from scratch (batch mode), then switches to
 * incremental mode. RECOUPE_OK or RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_engine_cluster(recoupe_engine *e);

/* The stories now, most important first (ties: lower id). NULL when out of
 * memory or i out of range. */
RECOUPE_API size_t recoupe_engine_story_count(recoupe_engine *e);
RECOUPE_API const recoupe_story *recoupe_engine_story(recoupe_engine *e, size_t i);
/* The news category of most of the story's articles that were classified as news
 * (RECOUPE_STAGE_CLASSIFY; ties: the first in the order society, economy,
 * technology, sports, entertainment, science, other): a static string, or NULL when
 * none of them was (or s is NULL). */
RECOUPE_API const char *recoupe_story_category(const recoupe_story *s);
/* Articles held (not removed). */
RECOUPE_API size_t recoupe_engine_article_count(const recoupe_engine *e);

/* The stories as JSON, in one of these shapes (tgnews contest shapes first):
 *   "threads"    [{"title", "articles": [name, ...]}]        events, most important first
 *   "topics"     the same shape, one entry per topic
 *   "top"        [{"category": "any", "threads": [{"title", "category", "articles"}]}]
 *   "languages"  [{"lang_code", "articles": [name, ...]}]
 *   "stories"    [{"id", "topic", "title", "lang", "languages", "size", "sources",
 *                  "independent_sources", "first", "last", "importance",
 *                  "articles": [{"name", "title", "site", "date", "lang", "centrality"}]}]
 * An article's name is its record id for JSON Lines / WARC records, else its file's
 * base name. Returns a malloc'd string (the caller frees it), or NULL when out of
 * memory or when the shape is unknown. */
RECOUPE_API char *recoupe_engine_json(recoupe_engine *e, const char *shape);

/* Which stories recoupe_engine_json_with prints. Zero-initialise: all of them. */
typedef struct recoupe_json_options {
    size_t limit;    /* at most this many, the most important (topics: topics); 0 = all */
    size_t min_size; /* only those of at least this many articles (topics: in all their events); 0 = all */
} recoupe_json_options;

/* recoupe_engine_json with a selection of the stories (o may be NULL: all). The
 * "languages" shape lists every article whatever o says. */
RECOUPE_API char *recoupe_engine_json_with(recoupe_engine *e, const char *shape, const recoupe_json_options *o);

#ifdef __cplusplus
}
#endif
#endif
