/* sketch.c: a text's fingerprints for near-duplicate search.
 *
 * One pass over the text layer's tokens gives three things:
 *  - a MinHash signature of the word 3-shingles (duplicate detection). It is
 *    one-permutation hashing (Li, Owen, Zhang 2012): each shingle is hashed once
 *    (xxHash), the top bits pick one of K bins, the bin keeps its minimum; empty
 *    bins borrow from a filled one chosen by a fixed hash sequence ("optimal
 *    densification", Shrivastava 2017). One hash per shingle instead of K is what
 *    makes signing cheap. Bins keep DEDUP_BBITS = 8 bits (b-bit MinHash, Li
 *    and Koenig 2010): two different minima then agree with probability 1/256,
 *    which the Jaccard estimate corrects; on the labelled set 8 bits gave the
 *    same precision and recall as 16 for half the memory (docs/BENCHMARKS.md).
 *  - the same (16-bit bins) over the set of content stems (words of 4+ bytes,
 *    stemmed, and numbers), which survives paraphrase and finds rewrite candidates;
 *  - per sentence: a hash of its token sequence (containment) and a 128-bit set
 *    of its content stems (sentence alignment for rewrites).
 *  - the same (16-bit bins) over the unordered pairs of invariants (names,
 *    numbers) met in one sentence: a content-farm paraphrase changes the words
 *    and keeps these, and its candidates come from them (index.c).
 * Memory of a sketch: 336 bytes + 24 bytes per sentence (at most 255 sentences). */
#include "dedup/dedup.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "text/text.h"

static inline uint64_t rotl64(uint64_t x, int r) {
    return (x << r) | (x >> (64 - r));
}

static int log2_exact(size_t k) {
    int b = 0;
    while (((size_t)1 << b) < k) b++;
    return b;
}

/* One-permutation MinHash with optimal densification, in two halves so that the
 * callers can fuse the hashing of their elements with the scatter (no array of
 * element hashes, no second pass): minv_init, minv_put for each element hash,
 * minv_finish. */
#define EMPTY UINT32_MAX

static inline void minv_init(uint32_t *minv, size_t k) {
    for (size_t i = 0; i < k; i++) minv[i] = EMPTY;
}

/* branch-free: the minimum is a conditional move, whatever the data */
static inline void minv_put(uint32_t *minv, int shift, uint64_t x) {
    size_t bin = (size_t)(x >> shift);
    uint32_t v = (uint32_t)x;
    v -= v == EMPTY; /* EMPTY marks an empty bin */
    minv[bin] = v < minv[bin] ? v : minv[bin];
}

/* each bin's 32-bit minimum, empty bins filled by optimal densification */
static void minv_finish(const uint32_t *minv, uint32_t *out, size_t k) {
    size_t n_filled = 0;
    for (size_t i = 0; i < k; i++) n_filled += minv[i] != EMPTY;
    if (n_filled == 0) {
        memset(out, 0, k * sizeof *out);
        return;
    }
    for (size_t i = 0; i < k; i++) {
        if (minv[i] != EMPTY) {
            out[i] = minv[i];
            continue;
        }
        /* optimal densification: probe bins by a sequence that depends only on
         * (i, attempt), so that two documents borrow the same way */
        for (uint64_t attempt = 1;; attempt++) {
            size_t j = (size_t)(dedup_fmix64(((uint64_t)i << 32) ^ attempt ^ 0x9e3779b97f4a7c15ULL) & (k - 1));
            if (minv[j] != EMPTY) {
                out[i] = minv[j];
                break;
            }
        }
    }
}

static void minhash32(const uint64_t *h, size_t n, uint32_t *out, size_t k) {
    uint32_t minv[256];
    int shift = 64 - log2_exact(k);
    minv_init(minv, k);
    for (size_t i = 0; i < n; i++) minv_put(minv, shift, h[i]);
    minv_finish(minv, out, k);
}

void dedup_minhash(const uint64_t *h, size_t n, dedup_bin *sig, size_t k) {
    uint32_t v[256];
    minhash32(h, n, v, k);
    for (size_t i = 0; i < k; i++) sig[i] = (dedup_bin)v[i];
}

void dedup_minhash16(const uint64_t *h, size_t n, dedup_sbin *sig, size_t k) {
    uint32_t v[256];
    minhash32(h, n, v, k);
    for (size_t i = 0; i < k; i++) sig[i] = (dedup_sbin)v[i];
}

#define K_SHIFT (64 - 7)    /* log2(DEDUP_K) = 7 */
#define STEM_SHIFT (64 - 6) /* log2(DEDUP_STEM_K) = 6 */
#define INV_SHIFT (64 - 5)  /* log2(DEDUP_INV_K) = 5 */
_Static_assert(DEDUP_K == 128 && DEDUP_STEM_K == 64 && DEDUP_INV_K == 32,
               "K_SHIFT, STEM_SHIFT and INV_SHIFT follow the bin counts");

static inline void shingle_put(uint32_t *minv, const uint64_t *w);

void dedup_shingle_sig(const uint64_t *words, size_t n, dedup_bin sig[DEDUP_K]) {
    uint32_t minv[DEDUP_K], v[DEDUP_K];
    minv_init(minv, DEDUP_K);
    if (n < DEDUP_SHINGLE) {
        for (size_t i = 0; i < n; i++) minv_put(minv, K_SHIFT, dedup_fmix64(words[i]));
    } else {
        for (size_t i = 0; i + DEDUP_SHINGLE <= n; i++) shingle_put(minv, words + i);
    }
    minv_finish(minv, v, DEDUP_K);
    for (size_t i = 0; i < DEDUP_K; i++) sig[i] = (dedup_bin)v[i];
}

/* one element of the stem signature (the set of non-zero stem hashes): a word
 * without a stem (hash 0) goes to a bin past the end, without a branch (half the
 * words have none, in no predictable order) */
static inline void stem_put(uint32_t *minv, uint64_t x) {
    size_t bin = x ? (size_t)(x >> STEM_SHIFT) : DEDUP_STEM_K;
    uint32_t y = (uint32_t)x;
    y -= y == EMPTY;
    minv[bin] = y < minv[bin] ? y : minv[bin];
}

/* the shingle of the 3 words at w into the shingle signature */
static inline void shingle_put(uint32_t *minv, const uint64_t *w) {
    minv_put(minv, K_SHIFT, dedup_fmix64(w[0] ^ rotl64(w[1], 21) ^ rotl64(w[2], 42)));
}

/* a sentence's 32-bit hash, never 0 (0 marks a sentence too short to count) */
static uint32_t sentence_hash(uint64_t st) {
    uint32_t h = (uint32_t)dedup_fmix64(st);
    return h ? h : 1;
}

static int counts_as_word(const text_token *t) {
    return t->kind == TEXT_WORD || t->kind == TEXT_NUMBER || t->kind == TEXT_CJK || t->kind == TEXT_URL ||
           t->kind == TEXT_EMAIL;
}

/* The invariant signature: within each sentence, the first DEDUP_INV_SENT distinct
 * invariants (names, numbers), and every unordered pair of them as one element.
 * A pair survives what a paraphrase does (synonyms, clauses moved within the
 * sentence, sentences dropped), and two articles of one event that share names
 * pair them with other names and numbers. */
/* the hash of a set of invariants (sorted in place), never 0 */
static uint32_t invariant_set_hash(uint64_t *v, size_t m) {
    for (size_t i = 1; i < m; i++) {
        uint64_t x = v[i];
        size_t j = i;
        while (j && v[j - 1] > x) v[j] = v[j - 1], j--;
        v[j] = x;
    }
    uint64_t h = 0x51ed27a1b3c4d5e7ULL;
    for (size_t i = 0; i < m; i++) h = dedup_fmix64(h ^ v[i]);
    return (uint32_t)h ? (uint32_t)h : 1;
}

static int invariant_sig(const uint64_t *words, const uint32_t *sentence, const uint8_t *inv, size_t n, size_t n_sent,
                         dedup_sketch *out) {
    uint32_t minv[DEDUP_INV_K], v[DEDUP_INV_K];
    uint64_t cur[DEDUP_INV_SENT];
    size_t m = 0, pairs = 0;
    minv_init(minv, DEDUP_INV_K);
    out->inv_sent = malloc(n_sent * sizeof *out->inv_sent);
    if (!out->inv_sent) return -1;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || (i && sentence[i] != sentence[i - 1])) {
            if (m >= DEDUP_INV_SET && out->n_inv_sent < n_sent)
                out->inv_sent[out->n_inv_sent++] = invariant_set_hash(cur, m);
            for (size_t a = 0; a < m; a++)
                for (size_t b = a + 1; b < m; b++) {
                    uint64_t lo = cur[a] < cur[b] ? cur[a] : cur[b], hi = cur[a] ^ cur[b] ^ lo;
                    minv_put(minv, INV_SHIFT, dedup_fmix64(lo ^ rotl64(hi, 29) ^ 0x1f0e5a3c9b2d4e67ULL));
                    pairs++;
                }
            m = 0;
            if (i == n) break;
        }
        if (!inv[i] || m == DEDUP_INV_SENT) continue;
        size_t k = 0;
        while (k < m && cur[k] != words[i]) k++;
        if (k == m) cur[m++] = words[i];
    }
    out->n_inv = (uint16_t)(pairs > UINT16_MAX ? UINT16_MAX : pairs);
    if (!out->n_inv_sent) {
        free(out->inv_sent);
        out->inv_sent = NULL;
    }
    if (!pairs) return 0; /* no invariant: an all-zero signature, no keys */
    minv_finish(minv, v, DEDUP_INV_K);
    for (size_t i = 0; i < DEDUP_INV_K; i++) out->inv[i] = (dedup_sbin)v[i];
    return 0;
}

int dedup_sketch_hashes(const uint64_t *words, const uint64_t *stems, const uint32_t *sentence, const uint8_t *inv,
                        size_t n, dedup_sketch *out) {
    memset(out, 0, sizeof *out);
    if (n == 0) return 0;
    size_t n_sent = 1;
    for (size_t i = 1; i < n; i++) n_sent += sentence[i] != sentence[i - 1];
    if (n_sent > DEDUP_MAX_SENT) n_sent = DEDUP_MAX_SENT;
    out->sent = malloc(n_sent * sizeof *out->sent);
    if (!out->sent) return -1;
    /* One pass over the words does everything: the sentences (a running hash of
     * their words, their length, their stem set, kept in registers and written
     * once per sentence), the shingle and the stem MinHash. The sentence hash is
     * a chain of dependent multiplications; fused with the independent shingle
     * and stem work, the core runs both at once. */
    uint32_t mk[DEDUP_K], ms[DEDUP_STEM_K + 1];
    minv_init(mk, DEDUP_K);
    minv_init(ms, DEDUP_STEM_K + 1);
    int shingles = n >= DEDUP_SHINGLE; /* else single words (below) */
    size_t cur = 0, i = 0;
    const uint64_t st0 = 0x2545f4914f6cdd1dULL;
    uint64_t st = st0, m0 = 0, m1 = 0;
    uint32_t nw = 0;
    for (; i < n; i++) {
        if (i && sentence[i] != sentence[i - 1]) {
            out->sent[cur] = (dedup_sentence){nw >= 3 ? sentence_hash(st) : 0, nw, {m0, m1}};
            if (++cur == n_sent) break;
            st = st0, m0 = m1 = 0, nw = 0;
        }
        st = (rotl64(st, 27) ^ words[i]) * 0x9e3779b97f4a7c15ULL;
        nw++;
        uint64_t sh = stems[i], bit = (uint64_t)(sh != 0) << (sh & 63);
        /* both masks updated without a branch on which one */
        uint64_t hi = 0 - ((sh >> 6) & 1);
        m1 |= bit & hi;
        m0 |= bit & ~hi;
        stem_put(ms, sh);
        if (shingles && i + 2 < n) shingle_put(mk, words + i);
    }
    if (cur < n_sent) out->sent[cur] = (dedup_sentence){nw >= 3 ? sentence_hash(st) : 0, nw, {m0, m1}};
    for (; i < n; i++) { /* past DEDUP_MAX_SENT sentences: the signatures only */
        stem_put(ms, stems[i]);
        if (shingles && i + 2 < n) shingle_put(mk, words + i);
    }
    if (!shingles)
        for (i = 0; i < n; i++) minv_put(mk, K_SHIFT, dedup_fmix64(words[i]));
    uint32_t v[DEDUP_K];
    minv_finish(mk, v, DEDUP_K);
    for (i = 0; i < DEDUP_K; i++) out->sig[i] = (dedup_bin)v[i];
    minv_finish(ms, v, DEDUP_STEM_K);
    for (i = 0; i < DEDUP_STEM_K; i++) out->stems[i] = (dedup_sbin)v[i];
    if (inv && invariant_sig(words, sentence, inv, n, n_sent, out) != 0) {
        dedup_sketch_free(out);
        return -1;
    }
    out->n_sent = (uint16_t)n_sent;
    out->n_words = (uint32_t)n;
    /* sentences sorted by hash: comparing two texts is then one merge (relate.c);
     * their order in the text is not needed. Insertion sort: a few dozen records. */
    for (i = 1; i < n_sent; i++) {
        dedup_sentence x = out->sent[i];
        size_t j = i;
        while (j > 0 && out->sent[j - 1].hash > x.hash) {
            out->sent[j] = out->sent[j - 1];
            j--;
        }
        out->sent[j] = x;
    }
    /* distinct indexed sentences (a repeated one is one key of the index) */
    for (i = 0; i < n_sent; i++)
        out->n_indexed +=
            (uint16_t)(dedup_sentence_indexed(&out->sent[i]) && !(i && out->sent[i - 1].hash == out->sent[i].hash));
    return 0;
}

int dedup_sketch_text(const char *text, size_t len, const char *lang, dedup_sketch *out) {
    memset(out, 0, sizeof *out);
    if (!text || len == 0) return 0;
    text_tokens tk;
    if (text_tokenize(text, len, &tk) != 0) return -1;
    uint64_t *words = malloc((tk.n + 1) * sizeof *words);
    uint64_t *stems = malloc((tk.n + 1) * sizeof *stems);
    uint32_t *sentence = malloc((tk.n + 1) * sizeof *sentence);
    uint8_t *inv = malloc(tk.n + 1);
    int rc = -1;
    if (words && stems && sentence && inv) {
        size_t n = 0;
        char stem[128];
        for (size_t i = 0; i < tk.n; i++) {
            const text_token *t = &tk.v[i];
            if (!counts_as_word(t)) continue;
            words[n] = XXH3_64bits(t->s, t->len);
            sentence[n] = t->sentence;
            inv[n] = (uint8_t)dedup_is_invariant(t->kind == TEXT_NUMBER, t->kind == TEXT_WORD, t->flags);
            uint64_t sh = 0;
            if (t->kind == TEXT_NUMBER) {
                sh = XXH3_64bits_withSeed(t->s, t->len, 0x5eed);
            } else if ((t->kind == TEXT_WORD || t->kind == TEXT_CJK) && t->len >= DEDUP_MIN_STEM) {
                size_t sl = text_stem(lang, t->s, t->len, stem, sizeof stem);
                sh = XXH3_64bits_withSeed(stem, sl, 0x5eed);
            }
            stems[n++] = sh;
        }
        rc = dedup_sketch_hashes(words, stems, sentence, inv, n, out);
    }
    free(words), free(stems), free(sentence), free(inv);
    text_tokens_free(&tk);
    return rc;
}

int dedup_sketch_tokens(const recoupe_token *v, size_t nt, dedup_sketch *out) {
    memset(out, 0, sizeof *out);
    if (nt == 0) return 0;
    uint64_t *words = malloc((nt + 1) * sizeof *words);
    uint64_t *stems = malloc((nt + 1) * sizeof *stems);
    uint32_t *sentence = malloc((nt + 1) * sizeof *sentence);
    uint8_t *inv = malloc(nt + 1);
    int rc = -1;
    if (words && stems && sentence && inv) {
        size_t n = 0;
        for (size_t i = 0; i < nt; i++) {
            const recoupe_token *t = &v[i];
            if (!(t->kind == RECOUPE_TOKEN_WORD || t->kind == RECOUPE_TOKEN_NUMBER || t->kind == RECOUPE_TOKEN_CJK ||
                  t->kind == RECOUPE_TOKEN_URL || t->kind == RECOUPE_TOKEN_EMAIL))
                continue;
            words[n] = XXH3_64bits(t->norm, t->norm_len);
            sentence[n] = t->sentence;
            inv[n] =
                (uint8_t)dedup_is_invariant(t->kind == RECOUPE_TOKEN_NUMBER, t->kind == RECOUPE_TOKEN_WORD, t->flags);
            uint64_t sh = 0;
            if (t->kind == RECOUPE_TOKEN_NUMBER)
                sh = XXH3_64bits_withSeed(t->norm, t->norm_len, 0x5eed);
            else if (t->stem && t->norm_len >= DEDUP_MIN_STEM)
                sh = XXH3_64bits_withSeed(t->stem, t->stem_len, 0x5eed);
            stems[n++] = sh;
        }
        rc = dedup_sketch_hashes(words, stems, sentence, inv, n, out);
    }
    free(words), free(stems), free(sentence), free(inv);
    return rc;
}

void dedup_sketch_free(dedup_sketch *s) {
    if (!s) return;
    free(s->sent);
    free(s->inv_sent);
    s->sent = NULL;
    s->inv_sent = NULL;
    s->n_sent = s->n_inv_sent = 0;
}

int dedup_sketch_copy(dedup_sketch *dst, const dedup_sketch *src) {
    *dst = *src;
    dst->sent = NULL;
    dst->inv_sent = NULL;
    if (src->n_sent && !(dst->sent = malloc(src->n_sent * sizeof *src->sent))) goto oom;
    if (src->n_inv_sent && !(dst->inv_sent = malloc(src->n_inv_sent * sizeof *src->inv_sent))) goto oom;
    if (src->n_sent) memcpy(dst->sent, src->sent, src->n_sent * sizeof *src->sent);
    if (src->n_inv_sent) memcpy(dst->inv_sent, src->inv_sent, src->n_inv_sent * sizeof *src->inv_sent);
    return 0;
oom:
    dedup_sketch_free(dst);
    return -1;
}

size_t dedup_sketch_bytes(const dedup_sketch *s) {
    return sizeof *s + (size_t)s->n_sent * sizeof *s->sent + (size_t)s->n_inv_sent * sizeof *s->inv_sent;
}
