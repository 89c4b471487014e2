/* recoupe/facts.h: facts: entities and claims with who said them. Part of the public interface; include <recoupe.h> for
 * all of it. */
#ifndef RECOUPE_FACTS_H
#define RECOUPE_FACTS_H

#include <stddef.h>
#include <stdint.h>
#include "core.h"
#include "stories.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ facts (src/facts) */

/* Facts: who said which number. Per article, a pure function of its text, its
 * language and its date gives the named entities (people, organisations, places,
 * with their mentions merged) and the quantity claims: each number that states a
 * quantity, with what is counted, where, who the article attributes it to, in what
 * stance (asserted, conditional, forecast, denied), and when it was said.
 * Not claims: dates, years, clock times, ages, durations, ordinals, page, phone
 * and law article numbers, scores. A figure nobody is said to have given is still
 * a claim, with said_by NULL (the outlet's own).
 * Languages: French and English fully; Russian for places and attribution verbs;
 * other languages give numbers and places with less attribution. */

typedef enum recoupe_entity_kind {
    RECOUPE_ENTITY_OTHER = 0,
    RECOUPE_ENTITY_PERSON,
    RECOUPE_ENTITY_ORG,
    RECOUPE_ENTITY_PLACE
} recoupe_entity_kind;

/* One entity of an article: its mentions merged ("Antony Blinken", "Blinken"). */
typedef struct recoupe_entity {
    char *name;    /* the most complete form seen, as written */
    char *key;     /* the merge key across articles and languages: "place:KR" for a
                    * place the gazetteer knows (any spelling), else the folded name */
    char *role;    /* a role written beside it ("président ukrainien"), or NULL */
    char *country; /* ISO 3166-1 alpha-2 of the place or of the capital it names, or NULL */
    recoupe_entity_kind kind;
    size_t mentions; /* how often the article names it */
    size_t first;    /* byte offset of its first mention in the text */
} recoupe_entity;

typedef enum recoupe_stance {
    RECOUPE_STANCE_ASSERTED = 0, /* given as a fact */
    RECOUPE_STANCE_CONDITIONAL,  /* reported with distance or as an estimate: "auraient été", "estimated" */
    RECOUPE_STANCE_FORECAST,     /* a figure to come: "pourrait atteindre", "could reach", "d'ici" */
    RECOUPE_STANCE_DENIED        /* "dément", "denies" */
} recoupe_stance;

typedef enum recoupe_qualifier {
    RECOUPE_QUAL_EXACT = 0, /* [value, value] */
    RECOUPE_QUAL_ABOUT,     /* "environ", "quelque", "about": value, interval +-10% */
    RECOUPE_QUAL_AT_MOST,   /* "jusqu'à", "up to", "moins de": [, value] */
    RECOUPE_QUAL_AT_LEAST,  /* "plus de", "more than", "au moins": (value, ) */
    RECOUPE_QUAL_RANGE      /* "11 000 à 12 000": [low, high] */
} recoupe_qualifier;

/* One quantity claim. Offsets are bytes of the text the facts were taken from. */
typedef struct recoupe_claim {
    double value;     /* the number (the low end of a range) */
    double low, high; /* the interval the qualifier gives; NAN for an open end */
    recoupe_qualifier qualifier;
    char *thing;     /* what is counted, head word and modifiers ("soldats nord-coréens"),
                      * or NULL */
    char *thing_key; /* the stem of the head word, for grouping ("soldat"), or NULL */
    char *where;     /* the place stated ("région de Koursk"), or NULL */
    char *said_by;   /* who says it, the most complete name, or NULL (the outlet's own) */
    char *role;      /* the speaker's role or organisation, or NULL */
    int speaker;     /* index of the speaker in recoupe_facts.entities, or -1 */
    recoupe_stance stance;
    int64_t stated;            /* Unix seconds (midnight UTC) of the statement's day; the article's
                                * date when the text gives none; INT64_MIN when neither is known */
    char *sentence;            /* the sentence, as written */
    size_t start, end;         /* the sentence's bytes [start, end) in the text */
    size_t num_start, num_end; /* the number's bytes */
} recoupe_claim;

/* The facts of one article. Owned by whoever got it; free with recoupe_facts_free. */
typedef struct recoupe_facts {
    recoupe_entity *entities; /* first mentioned first */
    size_t n_entities;
    recoupe_claim *claims; /* in text order */
    size_t n_claims;
    int truncated; /* 1 when a limit was reached (4096 claims, 4096 entities, sentences
                    * over 64 KiB are skipped): what is kept is still right */
} recoupe_facts;

/* Extracts the facts of text (len bytes of UTF-8, NUL not needed). lang is an ISO
 * 639-1 code ("fr", "en", "ru"; NULL or "und": read with the rules common to all),
 * timestamp the article's date in Unix seconds (INT64_MIN when unknown), used to
 * resolve "jeudi" or "hier". Pure and thread-safe. Time and memory are linear in
 * len. *out receives a new recoupe_facts (maybe empty, never NULL on success) that
 * the caller frees. RECOUPE_OK, RECOUPE_ERR_ARG (out NULL, or text NULL with len > 0),
 * RECOUPE_ERR_NOMEM (*out is then NULL). */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_facts_extract(const char *text, size_t len, const char *lang,
                                                                    int64_t timestamp, recoupe_facts **out);
/* Frees facts and every string they hold. NULL is a no-op. */
RECOUPE_API void recoupe_facts_free(recoupe_facts *f);

/* Fills a->facts (replacing what was there; the facts are held by the article's
 * RECOUPE_SLOT_FACTS slot and freed with it) from a->text (else a plain-text body),
 * a->detected_lang (else a->lang) and a->timestamp (else a->date), reading the
 * analysis's tokens when it holds those of that text. Thread-safe for
 * distinct articles: run it on the worker pool. RECOUPE_OK, RECOUPE_ERR_ARG (NULL),
 * RECOUPE_ERR_NOMEM (a->facts is then NULL). */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_article_facts(recoupe_article *a);

/* "asserted", "conditional", "forecast", "denied"; "exact", "about", "at_most",
 * "at_least", "range"; "other", "person", "org", "place". Never NULL. */
RECOUPE_API const char *recoupe_stance_name(recoupe_stance s);
RECOUPE_API const char *recoupe_qualifier_name(recoupe_qualifier q);
RECOUPE_API const char *recoupe_entity_kind_name(recoupe_entity_kind k);

/* One claim as a JSON object (no newline) with the members named in fields (a
 * comma-separated list; NULL: all): file id value low high qualifier thing where
 * said_by role stance stated sentence start end. file and id come from a (may be
 * NULL: null). start and end are the sentence's offsets in code points. Returns a
 * malloc'd string the caller frees; NULL on OOM or an unknown name (*bad_field, if
 * not NULL, then points at it). */
RECOUPE_API char *recoupe_claim_json(const recoupe_article *a, const recoupe_claim *c, const char *fields,
                                     const char **bad_field);
/* One entity as a JSON object: file id name key kind role country mentions. */
RECOUPE_API char *recoupe_entity_json(const recoupe_article *a, const recoupe_entity *e);

/* The claim groups of a story (see recoupe_engine_story), as one JSON object
 * {"story": id, "title", "groups": [...]}, each group {"thing", "key", "disputed", "min", "max", "ratio", "values":
 * [{"value", "low", "high", "qualifier", "said_by", "role", "stance", "stated", "where", "outlets":
 * [...], "articles": [...]}]}, disputed groups first, values by statement date.
 * Claims of the same value, speaker and thing from near-duplicate copies count as
 * one report. A group is disputed when two values given as current facts
 * (asserted or conditional) have intervals that do not overlap. Reads the facts of
 * the story's articles (recoupe_article_facts; articles without facts add
 * nothing). Returns a malloc'd string the caller frees, NULL on OOM. */
RECOUPE_API char *recoupe_story_claims_json(const recoupe_story *s);
/* The story's entities ranked by the number of distinct outlets naming them:
 * [{"name", "key", "kind", "sources", "mentions"}]. NULL on OOM. */
RECOUPE_API char *recoupe_story_entities_json(const recoupe_story *s);

#ifdef __cplusplus
}
#endif
#endif
