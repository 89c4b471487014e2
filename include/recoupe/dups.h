/* recoupe/dups.h: near-duplicates, wire copies and rewrites, and their origin. Part of the public interface; include
 * <recoupe.h> for all of it. */
#ifndef RECOUPE_DUPS_H
#define RECOUPE_DUPS_H

#include <stddef.h>
#include <stdint.h>
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ duplicates (src/dedup) */

/* Near-duplicates: copies, excerpts and rewrites of the same text, grouped, with
 * the origin named. An index (recoupe_dups) takes articles one by one and can
 * drop them again (a server expiring old news); recoupe_dups_groups() returns
 * the connected groups. recoupe_dups_find() does it all for an array of
 * articles (what story clustering calls first, so that a group lands whole in
 * one story).
 *
 * An article's text is a->text, else a->body; its language (for stemming)
 * a->detected_lang, else a->lang; its date a->timestamp when set (non-zero and
 * not INT64_MIN), else a->date (ISO 8601).
 * Memory: about 1.6 KB per indexed 500-word article (1.6 GB for a million),
 * bounded by 272 bytes of signatures + 24 bytes a sentence (255 sentences at
 * most) + 10-20 bytes per bucket entry (37 LSH bands + one per second sentence of
 * 6+ words; table segments split at load 0.8) + the file and id strings. */

/* How a member relates to its group's origin. */
typedef enum recoupe_dup_relation {
    RECOUPE_DUP_NONE = 0,  /* the origin itself */
    RECOUPE_DUP_DUPLICATE, /* the same text give or take small edits: shingle Jaccard >= threshold */
    RECOUPE_DUP_CONTAINS,  /* the member reproduces most of the origin, plus material of its own */
    RECOUPE_DUP_CONTAINED, /* the member is an excerpt: most of it is in the origin */
    RECOUPE_DUP_REWRITE    /* the member paraphrases the origin sentence by sentence */
} recoupe_dup_relation;

/* Bits for recoupe_dups_options.relations. CONTAINS covers both directions. */
#define RECOUPE_DUP_BIT(rel) (1u << (rel))

/* Options. Zero-initialise, then set what you need. */
typedef struct recoupe_dups_options {
    double threshold;   /* duplicate: estimated Jaccard of word 3-shingles; 0 = 0.8 */
    double contains;    /* contains: share of the smaller text's words in sentences found
                         * verbatim in the larger; 0 = 0.8 */
    double rewrite;     /* rewrite: share of the smaller text's words in aligned sentences; 0 = 0.6 */
    unsigned relations; /* RECOUPE_DUP_BIT()s of the relations that join a group; 0 = all */
} recoupe_dups_options;

typedef struct recoupe_dups recoupe_dups;

/* One member of a group. Strings belong to the recoupe_dup_groups. */
typedef struct recoupe_dup_member {
    const char *file;              /* the article's file, or NULL */
    const char *id;                /* the article's id, or NULL */
    size_t index;                  /* the index given to recoupe_dups_add (array position for
                                    * recoupe_dups_find) */
    uint64_t key;                  /* the key recoupe_dups_add returned */
    int64_t timestamp;             /* Unix seconds, INT64_MIN when unknown */
    recoupe_dup_relation relation; /* to the origin; RECOUPE_DUP_NONE for the origin */
    double score;                  /* 0..1: Jaccard, containment or aligned share */
    size_t via;                    /* when the member is not itself related to the origin: the
                                    * position in members[] of the one it was joined through
                                    * (relation and score are then to that one); else SIZE_MAX */
} recoupe_dup_member;

typedef struct recoupe_dup_group {
    recoupe_dup_member *members; /* members[0] is the origin: the earliest dated, ties the longest */
    size_t n_members;            /* >= 2 */
} recoupe_dup_group;

typedef struct recoupe_dup_groups {
    recoupe_dup_group *groups; /* ordered by their origin's insertion order */
    size_t n_groups;
} recoupe_dup_groups;

/* A new, empty index. opt may be NULL (defaults); it is copied. NULL when out of memory. */
RECOUPE_API recoupe_dups *recoupe_dups_new(const recoupe_dups_options *opt);
/* Frees the index. NULL is a no-op. */
RECOUPE_API void recoupe_dups_free(recoupe_dups *d);

/* Indexes an article (the article is not kept: it may be freed after). The
 * sketch is the one recoupe_article_process(a, RECOUPE_STAGE_SIGN) left in the
 * article (thread-safe for distinct articles: a pool's workers sign while this
 * only files, on one thread); an article not signed is sketched here. index is the caller's own number for it,
 * given back in members. *key (may be NULL) receives the handle for
 * recoupe_dups_remove. An article without text is indexed but never related to
 * anything. RECOUPE_OK or RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_dups_add(recoupe_dups *d, const recoupe_article *a, size_t index,
                                                               uint64_t *key);
/* Drops an article. RECOUPE_ERR_NOTFOUND for a key not (or no longer) in the index. */
RECOUPE_API recoupe_status recoupe_dups_remove(recoupe_dups *d, uint64_t key);
/* Articles indexed, and the bytes the index holds. */
RECOUPE_API size_t recoupe_dups_count(const recoupe_dups *d);
RECOUPE_API size_t recoupe_dups_memory(const recoupe_dups *d);

/* The groups of two or more related articles in the index now. *out is owned by
 * the caller (recoupe_dup_groups_free). RECOUPE_OK or RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_dups_groups(recoupe_dups *d, recoupe_dup_groups **out);
/* The articles related to one directly (by the relations that join a group), not
 * through others as recoupe_dups_group_of finds them: their indices as given to
 * recoupe_dups_add, ascending, into *out (malloc'd, *n of them; the caller frees
 * it; NULL when none). One query of the index, so cheap whatever the size of the
 * group. RECOUPE_OK, RECOUPE_ERR_NOTFOUND for an unknown key, RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_dups_related(recoupe_dups *d, uint64_t key, size_t **out,
                                                                   size_t *n);
/* The group of one article (n_groups is 0 when it has no relative, else 1).
 * RECOUPE_ERR_NOTFOUND for an unknown key. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_dups_group_of(recoupe_dups *d, uint64_t key,
                                                                    recoupe_dup_groups **out);
/* Everything in one call for an array of articles: member.index is the position in
 * the array. opt may be NULL. *out is owned by the caller. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_dups_find(recoupe_article *const *articles, size_t n,
                                                                const recoupe_dups_options *opt,
                                                                recoupe_dup_groups **out);
/* Frees groups. NULL is a no-op. */
RECOUPE_API void recoupe_dup_groups_free(recoupe_dup_groups *g);

/* The groups as JSON, the shape `recoupe dups` prints:
 *   [{"origin": FILE, "origin_id": ID, "members": [{"file", "id", "relation", "score"
 *     (, "via": FILE when joined through another member)}]}]
 * members lists every member but the origin. Returns a malloc'd NUL-terminated
 * string (the caller frees it), NULL on out of memory. g NULL gives "[]". */
RECOUPE_API char *recoupe_dup_groups_json(const recoupe_dup_groups *g);

/* "duplicate", "contains", "contained", "rewrite", "origin" (for NONE). Never NULL. */
RECOUPE_API const char *recoupe_dup_relation_name(recoupe_dup_relation r);
/* Parses a relation name ("contained" and "contains" both give CONTAINS);
 * RECOUPE_DUP_NONE when unknown. */
RECOUPE_API recoupe_dup_relation recoupe_dup_relation_parse(const char *name);

#ifdef __cplusplus
}
#endif
#endif
