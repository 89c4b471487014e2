/* story.h: the story module's internals (index, similarity, clustering).
 *
 * The way through, each step in its own file:
 *   features.c  an article -> its raw features: stems (per language), stem bigrams,
 *               entity-like sequences and numbers with their nouns (shared across
 *               languages), with counts; title terms count double.
 *   vectors.c   document frequencies of the corpus (stems per language, blended
 *               with the text layer's background shares); raw features -> TF-IDF
 *               vectors (sublinear tf), normalised over all terms, cut to the
 *               strongest terms.
 *   pair.c      the "same story?" decision for two articles: title, lead, entity,
 *               number and body signals combined by a learned logistic regression
 *               (weights in pair_weights.h, from bench/train_pairs.py).
 *   index.c     an inverted index over each article's top terms; for every article
 *               its K nearest neighbours (cosine), inside the time window, found
 *               without ever comparing all pairs.
 *   cluster.c   second-order similarity over the neighbour lists (floored by the
 *               direct cosine for events), then sparse average-link agglomeration
 *               with duplicate groups pre-merged and the time window enforced,
 *               event merges gated by the pair decision: events, then topics
 *               grown from them.
 *   prep.c      an article's features (RECOUPE_STAGE_FEATURES), from its analysis.
 *   engine.c    the public recoupe_engine_* API: batch and incremental modes.
 *   records.c   story records (title, centrality, sources, importance); their
 *               JSON shapes are in src/emit/stories.c.
 * The public face is the "stories" section of recoupe.h. */
#ifndef RECOUPE_STORY_STORY_H
#define RECOUPE_STORY_STORY_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "recoupe.h"

#include "util/map.h"

/* ------------------------------------------------------------ defaults */

/* The engine's tunables, in one place (engine.c applies them). Cosines are of
 * full-length-normalised TF-IDF vectors (see vectors.c), so long articles about
 * one event sit around 0.05-0.15 and near-paraphrases above 0.2. */
#define STORY_VEC_MAX_TERMS 128    /* terms kept per article vector */
#define STORY_MIN_SIM 0.015        /* cosine below this is no neighbour */
#define STORY_LINK_FLOOR 0.03      /* direct cosine below which two articles never link into one event */
#define STORY_EVENT_THRESHOLD 0.08 /* average link (second-order, floored) to be one event */
#define STORY_TOPIC_THRESHOLD 0.03 /* average link (second-order) to be one topic */
#define STORY_WINDOW_MAX ((int64_t)100000 * 366 * 86400) /* seconds; a longer window is no window */
#define STORY_RECLUSTER_MIN 16  /* live adds before the engine clusters everything again, at least */
#define STORY_RECLUSTER_SHARE 4 /* default recoupe_engine_options.recluster */
#define STORY_PAIR_GATE                                                                                                \
    0.5 /* pair decision (pair.c) that some pair across two clusters must reach to merge them into an event */

/* ------------------------------------------------------------ features */

/* One raw feature: a 64-bit term hash, its (title-weighted) count, and the
 * background share of its word(s) in the language (0..1, from the text layer's
 * table: how common it is in any text, whatever this corpus says).
 * The lowest bit of a term says whether it is keyed by language (stems, bigrams:
 * their document frequency is counted among the documents of that language) or
 * shared (entities, numbers: among all documents). Each document's features
 * hold one language marker (tf < 0) whose document frequency is the number of
 * documents of its language. */
typedef struct story_feat {
    uint64_t term;
    float tf;
    float bg;
} story_feat;

#define STORY_TERM_LANG_BIT 1ull

/* Bits 1-3 of a term say which family of the pair signals (pair.c) it feeds;
 * 0 is a term of the vector itself. An aux term is its base term (the stem's
 * 'S' term, whose document frequency weighs it) with the code in these bits;
 * document frequencies count only vector terms. */
#define STORY_AUX_SHIFT 1
#define STORY_AUX_MASK (7ull << STORY_AUX_SHIFT)
enum {
    STORY_AUX_NONE = 0,
    STORY_AUX_TITLE = 1,  /* a stem of the title */
    STORY_AUX_LEAD = 2,   /* a stem of the lead (first STORY_LEAD_SENTENCES sentences of the text) */
    STORY_AUX_ENTITY = 3, /* the stem of a capitalised word of the text not at a sentence start */
    STORY_AUX_TNUM = 4,   /* a title number's neighbour word ('<' before, '>' after); bg: the number's hash */
    STORY_AUX_LENGTH = 5  /* one per article: tf = its words */
};
#define STORY_LEAD_SENTENCES 2
#define STORY_STEM_PREFIX 5       /* letters kept of a Russian or Ukrainian stem (features.c) */
#define STORY_AUX_MAX_ENTITIES 32 /* entity words kept per article, the strongest */
static inline unsigned story_aux_code(uint64_t term) {
    return (unsigned)((term & STORY_AUX_MASK) >> STORY_AUX_SHIFT);
}
/* the background counts as this many pseudo-documents (as text_termstats does) */
#define STORY_BG_PRIOR_DOCS 20

/* Weights of the feature families (defaults in story_feature_options_default). */
typedef struct story_feature_options {
    float title_weight;  /* a title occurrence counts this many times (2) */
    float bigram_weight; /* stem bigrams (1) */
    float entity_weight; /* capitalised sequences not at a sentence start (1) */
    float number_weight; /* numbers, alone and with the word after them (0.5) */
} story_feature_options;

void story_feature_options_default(story_feature_options *o);

/* Raw features of a title + text in language lang (ISO 639-1, may be NULL or
 * "und": no stemming). Sorted by term, terms unique. *out is malloc'd (free()),
 * *n its count; returns 0, or -1 when out of memory. */
int story_features(const char *title, const char *text, const char *lang, const story_feature_options *o,
                   story_feat **out, size_t *n);
/* The same from tokens (an article's analysis: stemmed in lang). */
int story_features_tokens(const recoupe_token *title, size_t n_title, const recoupe_token *text, size_t n_text,
                          const char *lang, const story_feature_options *o, story_feat **out, size_t *n);
/* The same for an analysed article whose tokens are held (RECOUPE_STAGE_TOKENS):
 * its headline, and its text proper, in its detected language. */
int story_features_of(const recoupe_article *a, const story_feature_options *o, story_feat **out, size_t *n);

/* Raw features as an article holds them from its reading to its vector, packed
 * in one allocation: the n terms (so the block is its own term array), then
 * their bg (float), then their tf, as uint16 half-units offset by 2 (the
 * marker's -1 is 0) when every tf is a half-unit in 0..32766.5, as the default
 * feature weights make them, else as floats (*wide = 1). 14 bytes a feature
 * instead of 16, lossless: at a million articles the features held before the
 * vectors are made are the largest part of the memory (280 features, 4.5 KB an
 * article unpacked). pack: 0, or -1 when out of memory (*out NULL). unpack:
 * into out[0..n). */
int story_feats_pack(const story_feat *f, size_t n, uint64_t **out, int *wide);
void story_feats_unpack(const uint64_t *pk, size_t n, int wide, story_feat *out);

/* The term hash of a string under a family tag ('S' stem, 'B' bigram, 'E' entity,
 * 'N' number, 'L' language marker); exposed for the tests. */
uint64_t story_term(char family, const char *lang, const char *s, size_t len);

/* ------------------------------------------------------------ vectors */

/* A weighted, L2-normalised sparse vector sorted by term, followed in the same
 * allocation by the pair signals' aux terms (story_vec_aux): n_aux compact
 * entries sorted by key (so grouped by family), each family but TNUM and LENGTH
 * L2-normalised on its own. */
typedef struct story_vec {
    story_feat *v; /* tf field holds the weight */
    uint32_t n;
    uint32_t n_aux;
} story_vec;

/* An aux term, 8 bytes: key = family code << 29 | 29 bits of the base term's
 * hash (a collision between two of one pair's ~50 terms is a chance in 10^5);
 * w = the weight (TNUM: the number's hash; LENGTH: the words). */
typedef struct story_aux {
    uint32_t key;
    float w;
} story_aux;
#define STORY_AUX_KEY_BITS 29
#define STORY_AUX_KEY_MASK ((1u << STORY_AUX_KEY_BITS) - 1)
static inline const story_aux *story_vec_aux(const story_vec *v) {
    return (const story_aux *)(v->v + v->n);
}

/* Document frequencies: an open-addressing map term -> df. */
typedef struct story_df {
    util_map m; /* term (0 is remapped to 1) -> uint32_t documents */
    size_t n_docs;
} story_df;

int story_df_add(story_df *d, const story_feat *f, size_t n);     /* one document's terms: +1 each */
void story_df_remove(story_df *d, const story_feat *f, size_t n); /* -1 each */
/* the same from a document's terms alone (packed features, story_feats_pack) */
int story_df_add_terms(story_df *d, const uint64_t *terms, size_t n);
void story_df_remove_terms(story_df *d, const uint64_t *terms, size_t n);
uint32_t story_df_get(const story_df *d, uint64_t term);
void story_df_free(story_df *d);

/* Weights raw features into out (vector terms, then aux terms): (1 + ln tf) * ln(1 / share), share = (df + P bg)
 * / (N + P) with P = STORY_BG_PRIOR_DOCS and N the documents of the term's
 * language (all documents for entities and numbers); normalised over all terms;
 * then terms seen in fewer than min_df documents dropped (batch: 2, as they link
 * nothing; incremental: 1, as the next article may share them) and at most
 * max_terms strongest kept (0 = all), without renormalising. The marker (tf < 0)
 * is not a term of the vector. Returns 0 or -1 on out of memory. */
int story_vec_make(const story_df *d, const story_feat *f, size_t n, size_t max_terms, uint32_t min_df, story_vec *out);
void story_vec_free(story_vec *v);
/* qsort comparator of aux terms: by family code, then term */
int story_aux_cmp(const void *x, const void *y);
/* qsort comparator of story_feat by term */
int story_feat_cmp_term(const void *x, const void *y);
/* Sorts v[0..n) by term, stable (vectors.c: byte-wise radix). 0 or -1 (OOM). */
int story_feats_sort(story_feat *v, size_t n);
/* Dot product of two vectors (cosine, as both are normalised). */
double story_vec_dot(const story_vec *a, const story_vec *b);

/* ------------------------------------------------------------ pair decision (pair.c) */

#define STORY_PAIR_NSIG 9
/* the signals' names, in order (for the training tool and the tests) */
extern const char *const story_pair_signal_names[STORY_PAIR_NSIG];
/* The signals of a pair of vectors (with their aux terms) into x[STORY_PAIR_NSIG]. */
void story_pair_signals(const story_vec *a, const story_vec *b, double *x);
/* The probability that a and b tell the same story (0..1), from the signals /
 * from the vectors. */
double story_pair_score_of(const double *x);
double story_pair_score(const story_vec *a, const story_vec *b);
/* The gate: two clusters merge into one event only when some pair of articles
 * across them scores at least this (recoupe_engine_options.pair_gate, by
 * default STORY_PAIR_GATE). story_pair_gate_of: the gate of an option value
 * (0 = the default, negative or NaN = no gate, as 0). */
double story_pair_gate_of(double option);
/* The evidence a pair decision p brings that two clusters tell one story:
 * -ln(1 - p) (capped at p = 0.999). Summed over the pairs across two clusters, it
 * must reach story_pair_evidence(gate): "some pair across them is
 * the same story", with the pairs taken as independent witnesses. */
static inline double story_pair_evidence(double p) {
    return -log1p(-(p < 0.999 ? p : 0.999));
}

/* ------------------------------------------------------------ index and neighbours */

typedef struct story_nb {
    uint32_t doc;
    float sim;
} story_nb;

/* Neighbour lists: nb[off[i] .. off[i+1]) are doc i's, best first. */
typedef struct story_knn {
    story_nb *nb;
    size_t *off;
    size_t n_docs;
} story_knn;

typedef struct story_index_options {
    size_t top_terms;   /* terms of each article that go into the index (16) */
    size_t k;           /* neighbours kept per article (8) */
    double min_sim;     /* cosine below this is no neighbour (0.05) */
    int64_t window;     /* seconds; 0 = no window. Two dated articles further apart are never neighbours */
    size_t max_posting; /* a term whose posting list (inside the window) is longer is skipped (20000) */
    int jobs;           /* threads (1 or more); the result is the same whatever jobs is */
} story_index_options;

/* The inverted index: term -> the documents that have it among their top terms,
 * in the order they were added (canonical order in batch mode). */
typedef struct story_posting {
    uint32_t *docs;
    uint32_t n, cap;
} story_posting;

typedef struct story_postings {
    util_map m; /* term -> story_posting */
} story_postings;

/* Adds doc (ids must grow) under the top_terms strongest terms of v. 0 or -1 (OOM). */
int story_postings_add(story_postings *p, uint32_t doc, const story_vec *v, size_t top_terms);
const story_posting *story_postings_get(const story_postings *p, uint64_t term);
void story_postings_free(story_postings *p);

/* Neighbours of every document. vecs and ts (Unix seconds, INT64_MIN unknown) are
 * indexed by document; documents must be in canonical order (time, unknown dates
 * first), as ties between equal similarities go to the earlier document.
 * Returns 0 or -1. */
int story_knn_build(const story_vec *vecs, const int64_t *ts, size_t n, const story_index_options *o, story_knn *out);

/* Neighbours of one vector q (dated qts) among the indexed documents for which
 * alive[doc] is non-zero (alive may be NULL), self excluded (UINT32_MAX for none):
 * best first, at most o->k, written to out (capacity o->k). acc is scratch of
 * n_docs floats, all zero (left zero). Returns the count. */
size_t story_knn_query(const story_postings *p, const story_vec *vecs, const int64_t *ts, const uint8_t *alive,
                       size_t n_docs, const story_vec *q, int64_t qts, uint32_t self, const story_index_options *o,
                       story_nb *out, float *acc);
void story_knn_free(story_knn *k);

/* --- engine: the batch neighbour search in stages (index.c), for the engine's
 * scheduler (engine.c), which interleaves it with the near-duplicate slices.
 * new: the run over vecs / ts (indexed by document, canonical order, as for
 * story_knn_build; read only once the index is built); NULL on out of memory.
 * index: builds the flat index (one thread, once; the vectors must be ready).
 * block: queries block b (of story_knn_run_blocks) on scratch slot (0..63: one
 * per thread). finish: the result into out, and frees the run (also on error).
 * Every function but block and blocks returns 0 or -1; the result is
 * story_knn_build's whatever thread queries which block. */
typedef struct story_knn_run story_knn_run;
story_knn_run *story_knn_run_new(const story_vec *vecs, const int64_t *ts, size_t n, const story_index_options *o);
int story_knn_run_index(story_knn_run *r);
size_t story_knn_run_blocks(const story_knn_run *r);
int story_knn_run_block(story_knn_run *r, size_t b, int slot);
int story_knn_run_finish(story_knn_run *r, story_knn *out);
void story_knn_run_free(story_knn_run *r);

/* ------------------------------------------------------------ clustering */

typedef struct story_cluster_options {
    double event_threshold; /* average link (second-order) to merge into one event */
    double topic_threshold; /* lower: events merge into topics down to this */
    int64_t window;         /* seconds; two clusters whose dated spans are further apart never merge */
    const story_vec *vecs;  /* by document, with their aux terms: the pair decision gates event links
                               (NULL: no gate) */
    int jobs;               /* threads that weigh the edges (0 or 1: the calling one); no effect on the result */
    double pair_gate;       /* the gate (with vecs): 0 = STORY_PAIR_GATE, negative = none */
} story_cluster_options;

/* Event-level link of a and b from their neighbour lists: 0 unless one lists the
 * other with a cosine >= STORY_LINK_FLOOR; else the second-order similarity, the
 * cosine of the rows {self: best sim, neighbours: sims}. */
double story_second_order(const story_knn *k, uint32_t a, uint32_t b);
/* The same from two rows (best first) of documents a and b. */
double story_second_order_rows(const story_nb *ra, size_t na, uint32_t a, const story_nb *rb, size_t nb, uint32_t b);

/* The event link of a and b: returns the floored second-order similarity of
 * their rows, and writes to *p the pair decision of their vectors (va, vb; 0
 * when either is NULL or the link is 0). */
double story_event_link(const story_vec *va, const story_nb *ra, size_t na, uint32_t a, const story_vec *vb,
                        const story_nb *rb, size_t nb, uint32_t b, double *p);

/* Clusters n documents. group[i] (may be NULL) is a pre-merged group label (a
 * duplicate group: documents with the same label always end in the same event);
 * ts may hold INT64_MIN. Writes event[i] and topic[i]: for each document, the
 * smallest document index of its event / topic (so labels are canonical).
 * Returns 0 or -1 on out of memory. */
int story_cluster(const story_knn *k, const int64_t *ts, const uint32_t *group, size_t n,
                  const story_cluster_options *o, uint32_t *event, uint32_t *topic);

/* ------------------------------------------------------------ engine internals */

/* What RECOUPE_STAGE_FEATURES keeps in the article's RECOUPE_SLOT_FEATURES. */
typedef struct story_prep {
    uint32_t magic; /* STORY_PREP_MAGIC */
    uint64_t *pk;   /* raw features, packed (story_feats_pack); NULL once let go */
    size_t nf;
    int wide;          /* pk's tf are floats */
    uint64_t hash;     /* of title + text: ties in the canonical order */
    const char *title; /* the title used: the article's analysis.headline */
} story_prep;
#define STORY_PREP_MAGIC 0x53545259u

typedef struct story_doc {
    recoupe_article *a;
    story_prep *p; /* the article's RECOUPE_SLOT_FEATURES */
    int64_t ts;
    uint32_t event; /* index into engine events, UINT32_MAX none */
    uint32_t group; /* near-duplicate group label (a handle), UINT32_MAX none */
    uint64_t dup_key;
    story_nb row[16]; /* k nearest neighbours (handles), best first */
    uint8_t n_row;
    uint8_t alive;
} story_doc;

typedef struct story_event {
    uint64_t id;
    uint32_t topic;    /* index into engine topics */
    uint32_t *members; /* handles */
    uint32_t n, cap;
    int64_t tmin, tmax;
    int alive;
} story_event;

typedef struct story_topic {
    uint64_t id;
    uint32_t size;
    int64_t tmin, tmax;
} story_topic;

struct recoupe_engine {
    recoupe_engine_options o;
    story_index_options io;
    story_doc *docs;
    story_vec *vecs; /* by handle */
    int64_t *ts;     /* by handle */
    uint8_t *alive;  /* by handle */
    size_t n_docs, cap_docs, n_alive;
    story_df df;
    story_postings post; /* incremental mode: under handles */
    int post_ready;      /* post holds every live article (made at the first live add after a batch run) */
    story_event *events;
    size_t n_events, cap_events;
    story_topic *topics;
    size_t n_topics, cap_topics;
    recoupe_dups *dups;
    float *acc; /* query scratch, n_docs floats */
    size_t cap_acc;
    int live;           /* clustered once: adds are incremental */
    size_t n_clustered; /* articles held at the last recoupe_engine_cluster */
    size_t live_adds;   /* articles added live since */
    /* records (records.c) */
    int dirty;
    recoupe_story *stories;
    size_t n_stories;
    void *rec_mem; /* arena of the records' arrays */
};

/* Story ids over a re-clustering (ids.c): member i (n of them) had the old id
 * old_id[i] (0: none) and is now in cluster[i] < n_clusters; ids[c] holds cluster
 * c's own id and receives the old id it shares the most members with (largest
 * overlaps first, each old id once); a cluster left without keeps its own, made
 * different from every old id taken. 0, or -1 when out of memory. */
int story_ids_carry(const uint64_t *old_id, const uint32_t *cluster, size_t n, uint64_t *ids, size_t n_clusters);
/* The same for an engine's new events and topics (after recoupe_engine_cluster made
 * them): old_ev / old_tp by canonical index, ev / tp the labels, ev_of / tp_of
 * label -> index into e->events / e->topics. 0 or -1 when out of memory. */
int story_engine_carry_ids(recoupe_engine *e, const uint64_t *old_ev, const uint64_t *old_tp, const uint32_t *ev,
                           const uint32_t *tp, const uint32_t *ev_of, const uint32_t *tp_of, size_t n);

/* a stable 64-bit id from a document */
uint64_t story_doc_id(const story_doc *d);
/* the article's name in outputs: record id for JSONL/WARC, else the file's base name */
const char *story_article_name(const recoupe_article *a);
/* rebuilds e->stories when dirty; 0 or -1 */
int story_records_build(recoupe_engine *e);
void story_records_free(recoupe_engine *e);

/* --- engine: the batch's parallel part (batch.c) and what it needs of engine.c.
 * story_prep_features: makes p's raw features again when they were let go (0, or
 * -1 on out of memory). story_batch_run: for the n live articles in canonical
 * order (ord: their handles; ts: their dates), makes every vector (into
 * e->vecs by handle and vecs by rank; the features go once made), the neighbour
 * lists (knn, by rank) and, unless e->o.no_duplicates, the near-duplicate groups
 * (group[rank]: the smallest rank of the group, UINT32_MAX for none), on
 * e->o.jobs threads; the same whatever the threads. 0 or -1 (out of memory). */
int story_prep_features(recoupe_article *a, story_prep *p);
/* RECOUPE_STAGE_FEATURES: analyses the article when it was not (RECOUPE_STAGE_ANALYSE),
 * then makes its raw features (from its tokens when held, else tokenising it for
 * the while) into its RECOUPE_SLOT_FEATURES. Thread-safe for distinct articles. 0,
 * or -1 on out of memory (the article is left without features). */
int story_prepare_article(recoupe_article *a);
/* The features story_prepare_article left in the article, or NULL. */
story_prep *story_prep_of(const recoupe_article *a);
/* p's raw features unpacked into *buf (p->nf of them), a scratch buffer of *cap
 * features grown as needed (start with NULL and 0; free() it once done): made
 * again first when they were let go. 0, or -1 on out of memory. */
int story_prep_unpack(recoupe_article *a, story_prep *p, story_feat **buf, size_t *cap);
int story_batch_run(recoupe_engine *e, const uint32_t *ord, const int64_t *ts, size_t n, story_vec *vecs,
                    uint32_t *group, story_knn *knn);

/* claims.c: one report of a story's claim group: one value by one speaker, with
 * the outlets and articles carrying it (16 of each at most). */
typedef struct story_claim_report {
    const recoupe_claim *c;
    const recoupe_article *a;
    const char *outlets[16];
    const recoupe_article *arts[16];
    size_t n_outlets, n_arts;
} story_claim_report;

/* the claims of a story about one counted thing: its reports by statement date,
 * their spread, and whether current values disagree */
typedef struct story_claim_group {
    const char *key;
    const char *thing;
    story_claim_report *r;
    size_t n, cap;
    int disputed;
    double min, max;
} story_claim_group;

/* The claim groups of s (of two reports or more), disputed first: *out (free with
 * story_claim_groups_free) and *n. Strings point into the articles' facts. 0, or -1
 * when out of memory (then *out is NULL). */
int story_claim_groups(const recoupe_story *s, story_claim_group **out, size_t *n);
void story_claim_groups_free(story_claim_group *g, size_t n);

/* claims.c: one entity of a story, with the outlets naming it (counted as the
 * articles change outlet) and its mentions in all its articles */
typedef struct story_entity {
    const recoupe_entity *e;
    size_t sources, mentions;
} story_entity;
#define STORY_MAX_ENTITIES 256
/* The entities of s, most sources first (then most mentions), into out (cap of
 * them at most, and at most STORY_MAX_ENTITIES); returns how many. */
size_t story_entities(const recoupe_story *s, story_entity *out, size_t cap);

/* claims.c: appends ,"entities":[...],"claims":[...] for a story whose articles
 * carry facts (recoupe_article_facts); nothing when none does. */
struct buf;
void story_facts_members(struct buf *b, const recoupe_story *s);

#endif
