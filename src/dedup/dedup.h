/* dedup.h: near-duplicates, containment and rewrites, inside the engine.
 *
 * A text becomes a dedup_sketch (sketch.c): fixed-size MinHash signatures plus one
 * small record per sentence. Sketches go into a dedup_index (index.c), which finds
 * candidate pairs through three bucket tables (LSH over word shingles, LSH over
 * content stems, exact sentence fingerprints); dedup_relate (relate.c) decides
 * the relation of a pair; groups.c joins related documents and names an origin.
 *
 * The public face is the recoupe_dups_* section of recoupe.h (groups.c). */
#ifndef RECOUPE_DEDUP_DEDUP_H
#define RECOUPE_DEDUP_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "recoupe.h"

/* ------------------------------------------------------------ sketches */

/* Bits kept of each MinHash bin (b-bit MinHash). The shingle signature keeps 8:
 * on the labelled set 8 and 16 bits gave the same precision and recall
 * (docs/BENCHMARKS.md), and 8 halves its memory; its LSH bands of 8 rows still
 * make 64-bit keys. The stem signature keeps 16: its bands have 3 rows, and 24-bit
 * keys would collide at random once the index holds millions of documents. */
typedef uint8_t dedup_bin;   /* a shingle-signature bin */
typedef uint16_t dedup_sbin; /* a stem-signature bin */

/* MurmurHash3's finaliser: a cheap, well-mixing 64-bit permutation (sketch
 * densification, bucket placement). */
static inline uint64_t dedup_fmix64(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

#define DEDUP_BBITS 8
#define DEDUP_SBITS 16

#define DEDUP_K 128        /* MinHash bins over word shingles (one-permutation hashing) */
#define DEDUP_STEM_K 64    /* MinHash bins over the set of content stems */
#define DEDUP_SHINGLE 3    /* words per shingle */
#define DEDUP_MAX_SENT 255 /* sentences kept per document (the rest is ignored) */
#define DEDUP_MIN_STEM 4   /* a word of at least this many bytes is a content word */
#define DEDUP_INV_K 32     /* MinHash bins over the pairs of invariants of each sentence */
#define DEDUP_INV_SENT 10  /* invariants of a sentence that make its pairs (the first ones) */
#define DEDUP_INV_SET 2    /* invariants a sentence needs for its set to be a key */

/* What a paraphrase keeps: a number, or a capitalised word that does not open its
 * sentence (a name). Such a word's hash goes with it into dedup_sketch_hashes. */
static inline int dedup_is_invariant(int is_number, int is_word, unsigned flags) {
    /* flags: the text layer's (TEXT_CAPITALISED 1, TEXT_SENTENCE_START 4), which
     * recoupe_token's flags repeat */
    return is_number || (is_word && (flags & 1) && !(flags & 4));
}

/* One sentence: what containment and rewrite alignment compare. */
typedef struct dedup_sentence {
    uint32_t hash;    /* hash of its normalised token sequence; 0 when too short to count */
    uint32_t words;   /* word and number tokens in it */
    uint64_t mask[2]; /* 128-bit set of its content stems (one bit per stem hash) */
} dedup_sentence;

typedef struct dedup_sketch {
    dedup_bin sig[DEDUP_K];         /* b-bit one-permutation MinHash of word 3-shingles */
    dedup_sbin stems[DEDUP_STEM_K]; /* same (16 bits) over the set of content stems */
    dedup_sbin inv[DEDUP_INV_K];    /* same over the unordered pairs of invariants met in one
                                     * sentence (names, numbers): what a rewrite keeps */
    uint16_t n_inv;                 /* such pairs (0: no invariant keys) */
    uint16_t n_inv_sent;            /* sentences in inv_sent */
    uint32_t *inv_sent;             /* malloc'd: for each sentence of DEDUP_INV_SET+ invariants,
                                     * the hash of their set (distinct, sorted); NULL when none */
    uint32_t n_words;               /* word and number tokens */
    uint16_t n_sent;                /* sentences in sent[] (<= DEDUP_MAX_SENT) */
    uint16_t n_indexed;             /* distinct ones of them dedup_sentence_indexed() files */
    dedup_sentence *sent;           /* malloc'd, n_sent of them, sorted by hash (not text order) */
} dedup_sketch;

/* Sketches a UTF-8 text; lang (ISO 639-1, may be NULL) picks the stemmer.
 * Returns 0, or -1 on out of memory (out is then empty and freeable). */
int dedup_sketch_text(const char *text, size_t len, const char *lang, dedup_sketch *out);
/* The same from an article's tokens (recoupe_analysis.tokens, stemmed in the
 * article's language): the same sketch as dedup_sketch_text on the text they were
 * read from, in that language. 0, or -1 on OOM. */
int dedup_sketch_tokens(const recoupe_token *v, size_t n, dedup_sketch *out);
/* The same from analysed tokens: for each of n word tokens, its hash (xxHash of the
 * normalised form), the hash of its content stem (0 when it has none), its
 * sentence index (non-decreasing) and whether it is an invariant (inv: may be NULL,
 * none is). What the benchmark times as "signing". */
int dedup_sketch_hashes(const uint64_t *words, const uint64_t *stems, const uint32_t *sentence, const uint8_t *inv,
                        size_t n, dedup_sketch *out);
void dedup_sketch_free(dedup_sketch *s);
/* A deep copy of src into dst (its arrays malloc'd anew). 0, or -1 on OOM (dst
 * then empty and freeable). */
int dedup_sketch_copy(dedup_sketch *dst, const dedup_sketch *src);
/* Bytes a sketch holds (for the memory accounting of the index). */
size_t dedup_sketch_bytes(const dedup_sketch *s);

/* One-permutation MinHash with optimal densification of a set given as 64-bit
 * element hashes (duplicates allowed). k is a power of two <= 256; sig gets the
 * low DEDUP_BBITS bits of each bin's minimum. An empty set gives an all-zero signature. */
void dedup_minhash(const uint64_t *h, size_t n, dedup_bin *sig, size_t k);
/* The same keeping 16 bits (the stem signature). */
void dedup_minhash16(const uint64_t *h, size_t n, dedup_sbin *sig, size_t k);

/* Signatures of a sequence of word hashes: the shingle signature (3-word shingles,
 * single words when there are fewer than 3). Used by sketching and the benchmark. */
void dedup_shingle_sig(const uint64_t *words, size_t n, dedup_bin sig[DEDUP_K]);

/* ------------------------------------------------------------ relations */

enum dedup_relation {
    DEDUP_NONE = 0,
    DEDUP_DUPLICATE, /* shingle Jaccard >= threshold */
    DEDUP_CONTAINS,  /* a holds most of b's sentences, and material of its own */
    DEDUP_CONTAINED, /* the reverse: a is an excerpt of b */
    DEDUP_REWRITE    /* the same sentences, paraphrased */
};

typedef struct dedup_thresholds {
    double duplicate; /* shingle Jaccard, default 0.8 */
    double contains;  /* share of the smaller text's words in sentences found in the larger, default 0.8 */
    double own;       /* containment one way minus the other way that makes "contains"
                       * win over "duplicate" (material of its own), default 0.1 */
    double rewrite;   /* share of the smaller text's words in aligned sentences, default 0.6 */
    double align;     /* stem-set Jaccard for two sentences to align, default 0.4 */
} dedup_thresholds;

void dedup_thresholds_default(dedup_thresholds *t);

/* Estimated Jaccard of two b-bit signatures of k bins (8 and 16 bits). */
double dedup_jaccard(const dedup_bin *a, const dedup_bin *b, size_t k);
double dedup_jaccard16(const dedup_sbin *a, const dedup_sbin *b, size_t k);
/* Share of a's words (in counted sentences) whose sentence also occurs in b. */
double dedup_containment(const dedup_sketch *a, const dedup_sketch *b);
/* Share of a's words in sentences that align with a sentence of b (stem-set
 * Jaccard >= align, or the same sentence). */
double dedup_alignment(const dedup_sketch *a, const dedup_sketch *b, double align);
/* The relation of a to b and its score (0..1). */
enum dedup_relation dedup_relate(const dedup_sketch *a, const dedup_sketch *b, const dedup_thresholds *t,
                                 double *score);
const char *dedup_relation_name(enum dedup_relation r);

/* ------------------------------------------------------------ bucket table */

/* A multimap from 32-bit keys to 32-bit document slots: open addressing with
 * linear probing, 8 bytes an entry, in segments of DEDUP_SEG_SLOTS slots found
 * through a directory on the key's top bits (extendible hashing); a segment
 * splits alone when its load reaches 0.8, so the load stays between 0.4 and 0.8
 * (10 to 20 bytes an entry). A key holds at most DEDUP_BUCKET_CAP documents
 * (further ones are not stored: a hot key, such as a boilerplate sentence, says
 * little). Key 0 is reserved (mapped to 1). Zero-initialised = empty. */
#define DEDUP_BUCKET_CAP 200
#define DEDUP_SEG_SLOTS 32768

typedef struct dedup_segment {
    uint64_t *slot; /* DEDUP_SEG_SLOTS of key << 32 | doc; 0 = empty */
    uint32_t n;     /* entries */
    uint32_t depth; /* top bits of the mixed key its entries share */
} dedup_segment;

typedef struct dedup_chunk {
    void *p;
    size_t bytes; /* 0: one calloc'd segment, else an mmap'd chunk */
} dedup_chunk;

typedef struct dedup_buckets {
    uint64_t **dir;    /* 2^depth: each entry's segment slots (what a probe reads) */
    uint32_t *dir_seg; /* the same as segment numbers (what an insertion reads) */
    unsigned depth;
    dedup_segment *seg;
    size_t n_seg, cap_seg;
    dedup_chunk *chunks; /* the memory segments live in */
    size_t n_chunks, cap_chunks;
    uint64_t *chunk_next; /* next free segment in the last chunk */
    size_t chunk_left;
    size_t n; /* entries */
} dedup_buckets;

int dedup_buckets_add(dedup_buckets *b, uint32_t key, uint32_t doc); /* 0, 1 when capped, -1 OOM */
void dedup_buckets_remove(dedup_buckets *b, uint32_t key, uint32_t doc);
/* Query and insertion in one probe: calls fn(doc, user) (fn may be NULL) for each
 * other document under key, then adds doc. Returns as dedup_buckets_add. */
int dedup_buckets_each_add(dedup_buckets *b, uint32_t key, uint32_t doc, void (*fn)(uint32_t doc, void *user),
                           void *user);
/* Calls fn(doc, user) for each document under key. */
void dedup_buckets_each(const dedup_buckets *b, uint32_t key, void (*fn)(uint32_t doc, void *user), void *user);
/* Starts loading the key's home slot into the cache: a query computes all its
 * keys, prefetches them, then probes, so that its cache misses overlap. */
void dedup_buckets_prefetch(const dedup_buckets *b, uint32_t key);
/* Bytes the table holds (segments, directory, records). */
size_t dedup_buckets_bytes(const dedup_buckets *b);
void dedup_buckets_free(dedup_buckets *b);

/* ------------------------------------------------------------ index */

/* LSH layout: DEDUP_BANDS bands of DEDUP_ROWS rows over the shingle signature
 * (threshold ~ (1/16)^(1/8) = 0.71; P(candidate | J = 0.8) = 0.947, 0.994 at
 * J = 0.85; copies are also found through their shared sentences), and
 * DEDUP_STEM_BANDS x DEDUP_STEM_ROWS over the stem signature (threshold ~0.36;
 * P(candidate | J = 0.5) = 0.94). */
#define DEDUP_BANDS 16
#define DEDUP_ROWS 8
#define DEDUP_STEM_BANDS 21
#define DEDUP_STEM_ROWS 3
#define DEDUP_STEM_MIN_BANDS 2 /* stem bands a candidate must share */
#define DEDUP_INV_BANDS 16
#define DEDUP_INV_ROWS 2
#define DEDUP_INV_MIN_BANDS 2  /* invariant bands a candidate must share */
#define DEDUP_INV_MIN 6        /* invariant pairs a text needs for invariant keys */
#define DEDUP_SENT_MIN_WORDS 6 /* sentences shorter than this are not indexed */
#define DEDUP_SENT_SAMPLE 1    /* a sentence is indexed when (hash & this) == 0 */

/* A sentence goes into the sentence table when it is long enough to say something
 * and its hash is even: half the sentences, chosen by content, so that two texts
 * sharing a passage index the same sentences of it. */
static inline int dedup_sentence_indexed(const dedup_sentence *s) {
    return s->hash && s->words >= DEDUP_SENT_MIN_WORDS && (s->hash & DEDUP_SENT_SAMPLE) == 0;
}

typedef struct dedup_doc {
    dedup_sketch sk;
    int64_t timestamp; /* INT64_MIN when unknown */
    uint64_t seq;      /* insertion order, the last tie-break */
    char *file;        /* copies, for output */
    char *id;
    size_t index; /* caller's index (position in an array), or SIZE_MAX */
} dedup_doc;

typedef struct dedup_index {
    dedup_doc **doc; /* by slot; NULL = free */
    size_t n_slots, cap_slots, n_docs;
    uint32_t *free_slots;
    size_t n_free, cap_free;
    dedup_buckets lsh, stem_lsh, sent, inv_lsh;
    uint64_t next_seq;
    int use_stem_lsh; /* rewrite candidates (on by default) */
    int use_inv_lsh;  /* rewrite candidates through the invariants (on by default) */
} dedup_index;

void dedup_index_init(dedup_index *ix);
void dedup_index_free(dedup_index *ix);
/* Adds a document (takes ownership of d, also on failure). Returns the slot or -1 on OOM. */
long dedup_index_add(dedup_index *ix, dedup_doc *d);
/* Queries, then adds, in one pass over the keys (what a stream does with each new
 * document): *found gets the candidate count as dedup_index_candidates gives it
 * (the document itself not included), up to cap written to out. Returns the slot
 * or -1 on OOM (d freed). */
long dedup_index_add_query(dedup_index *ix, dedup_doc *d, uint32_t *out, size_t cap, size_t *found);
/* Removes and frees the document in slot; no-op for a free slot. */
void dedup_index_remove(dedup_index *ix, uint32_t slot);
/* Candidate slots for the sketch (its own slot included when indexed): documents
 * sharing an LSH band or at least two indexed sentences (one for a text of one or
 * two sentences). Writes up to cap, returns the number found (may exceed cap). */
size_t dedup_index_candidates(const dedup_index *ix, const dedup_sketch *sk, uint32_t *out, size_t cap);
/* Bytes the index holds (tables + documents), for the memory figure. */
size_t dedup_index_bytes(const dedup_index *ix);
void dedup_doc_free(dedup_doc *d);
/* 1 when a comes before b as the origin of a group (groups.c): the earlier dated,
 * a dated one before an undated one, then the more complete, then the first added. */
int dedup_doc_before(const dedup_doc *a, const dedup_doc *b);

/* RECOUPE_STAGE_SIGN: the article's sketch (from its tokens when the analysis
 * holds them) into its RECOUPE_SLOT_SIGN, which recoupe_dups_add reads.
 * Thread-safe for distinct articles. 0, or -1 on OOM. */
int dedup_sign_article(recoupe_article *a);

#endif
