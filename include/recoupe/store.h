/* recoupe/store.h: the SQLite store of articles and their analysis. Part of the public interface; include <recoupe.h>
 * for all of it. */
#ifndef RECOUPE_STORE_H
#define RECOUPE_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "core.h"
#include "dups.h"
#include "stories.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ store (src/store) */

/* The persistent store of a live index (what `recoupe serve` keeps its articles
 * in): one SQLite file in WAL mode. Each article is kept as extracted and
 * analysed (name, timestamp, title, date, site, url, declared and detected
 * language, text), with its max-age and the id of the story it was placed in, so
 * that a restart rebuilds the index without decoding or extracting again; an
 * FTS5 index over titles and texts serves search (BM25, snippets).
 *
 * Threads: the writing calls (begin, commit, put, delete, set_story, load) are
 * made from one thread at a time; recoupe_store_get and recoupe_store_search use
 * four read connections of their own (each under a lock) and may be called from any thread at
 * the same time as the writer, seeing what was committed. Writes go inside
 * recoupe_store_begin / recoupe_store_commit: one transaction for many articles
 * (group commit). Once recoupe_store_commit returned RECOUPE_OK the writes survive
 * the process being killed; with sync_full, a power loss too. Names are bound as
 * parameters, never spliced into SQL. Errors: RECOUPE_ERR_ARG for a NULL argument,
 * RECOUPE_ERR_IO for an SQLite failure (recoupe_store_error says which). */
typedef struct recoupe_store recoupe_store;

typedef struct recoupe_store_options {
    int sync_full; /* 1: synchronous=FULL (an fsync at each commit); 0: NORMAL */
    int wal_pages; /* the WAL is truncated after a commit once past this many pages; 0 = 4096 */
} recoupe_store_options;

/* What a stored article carries besides the article. */
typedef struct recoupe_store_row {
    int64_t max_age; /* seconds after its date it expires; 0 = never */
    uint64_t story;  /* the story id it was last placed in, 0 when unknown */
} recoupe_store_row;

/* Opens (creating when missing) the store at path; opt may be NULL (defaults).
 * *out is owned by the caller (recoupe_store_close). RECOUPE_OK, RECOUPE_ERR_IO
 * (not an SQLite file, no permission), RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_open(const char *path, const recoupe_store_options *opt,
                                                                 recoupe_store **out);
/* Checkpoints the WAL and closes. NULL is a no-op. */
RECOUPE_API void recoupe_store_close(recoupe_store *s);
/* The last SQLite message of the writing connection (static or the store's). Never NULL. */
RECOUPE_API const char *recoupe_store_error(const recoupe_store *s);
/* Starts a write transaction / commits it (checkpointing when the WAL is long).
 * A failed commit is rolled back and returns RECOUPE_ERR_IO. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_begin(recoupe_store *s);
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_commit(recoupe_store *s);
/* Stores article a under name, replacing an article of that name (*replaced, may
 * be NULL, says 1 then, else 0). The article is only read. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_put(recoupe_store *s, const char *name,
                                                                const recoupe_article *a, int64_t max_age,
                                                                uint64_t story, int *replaced);
/* Removes the article of that name: RECOUPE_OK, or RECOUPE_ERR_NOTFOUND. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_delete(recoupe_store *s, const char *name);
/* Records the story an article is in now (no error when the name is unknown). */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_set_story(recoupe_store *s, const char *name,
                                                                      uint64_t story);
/* Calls fn for every stored article, in the order they were stored. fn owns the
 * article (file and id are the name; the analysis fields are filled) and returns
 * 0 to go on, non-zero to stop. RECOUPE_OK, RECOUPE_ERR_IO, RECOUPE_ERR_NOMEM. */
typedef int (*recoupe_store_load_fn)(void *user, recoupe_article *a, const recoupe_store_row *row);
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_load(recoupe_store *s, recoupe_store_load_fn fn,
                                                                 void *user);
/* The stored article of that name as recoupe_store_load gives it: *out owned by
 * the caller; row may be NULL. RECOUPE_OK, RECOUPE_ERR_NOTFOUND, RECOUPE_ERR_IO, _NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_get(recoupe_store *s, const char *name,
                                                                recoupe_article **out, recoupe_store_row *row);
/* Full-text search: the articles whose title or text hold every word of q
 * (case and accents folded; q is words, never query syntax), best BM25 first, at
 * most limit (0 = 20). fn gets the name, title (may be NULL), a snippet with the
 * matches in [brackets], and a score (higher is better); the strings live for the
 * call only; non-zero stops. A q without words finds nothing. RECOUPE_OK, _IO. */
typedef int (*recoupe_store_hit_fn)(void *user, const char *name, const char *title, const char *snippet, double score);
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_search(recoupe_store *s, const char *q, size_t limit,
                                                                   recoupe_store_hit_fn fn, void *user);
/* The size of the database file in bytes (without its WAL); 0 for NULL. */
RECOUPE_API int64_t recoupe_store_bytes(recoupe_store *s);

/* The near-duplicate groups among the articles of story i (as recoupe_engine_story
 * numbers it), with their origin and relations: member.index is the member's
 * position in that story's articles[]. Found again on the story's grouped articles
 * (clustering keeps no relation), so the cost grows with those only. *out is owned
 * by the caller (recoupe_dup_groups_free); it holds no group when the story has
 * none, or when the engine was made with no_duplicates. RECOUPE_OK, RECOUPE_ERR_ARG
 * (e or out NULL), RECOUPE_ERR_NOTFOUND (i out of range), RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_engine_story_duplicates(recoupe_engine *e, size_t i,
                                                                              recoupe_dup_groups **out);
/* The near-duplicate groups (two or more live articles) the engine's stories hold;
 * 0 for NULL or when out of memory. */
RECOUPE_API size_t recoupe_engine_duplicate_group_count(recoupe_engine *e);

#ifdef __cplusplus
}
#endif
#endif
