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
 * Memory of a sketch: 272 bytes + 24 bytes per sentence (at most 255 sentences). */
#include "dedup/dedup.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "text/text.h"

static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

/* MurmurHash3's finaliser: a cheap, well-mixing 64-bit permutation. */
static inline uint64_t fmix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

static int log2_exact(size_t k)
{
    int b = 0;
    while (((size_t)1 << b) < k) b++;
    return b;
}

/* one-permutation MinHash with optimal densification: each bin's 32-bit minimum */
static void minhash32(const uint64_t *h, size_t n, uint32_t *out, size_t k)
{
    uint32_t minv[256];
    int shift = 64 - log2_exact(k);
    for (size_t i = 0; i < k; i++) minv[i] = UINT32_MAX;
    /* branch-free: the minimum is a conditional move, whatever the data */
    for (size_t i = 0; i < n; i++) {
        uint64_t x = h[i];
        size_t bin = (size_t)(x >> shift);
        uint32_t v = (uint32_t)x;
        v -= v == UINT32_MAX; /* UINT32_MAX marks an empty bin */
        minv[bin] = v < minv[bin] ? v : minv[bin];
    }
    size_t n_filled = 0;
    for (size_t i = 0; i < k; i++) n_filled += minv[i] != UINT32_MAX;
    if (n_filled == 0) {
        memset(out, 0, k * sizeof *out);
        return;
    }
    for (size_t i = 0; i < k; i++) {
        if (minv[i] != UINT32_MAX) {
            out[i] = minv[i];
            continue;
        }
        /* optimal densification: probe bins by a sequence that depends only on
         * (i, attempt), so that two documents borrow the same way */
        for (uint64_t attempt = 1;; attempt++) {
            size_t j = (size_t)(fmix64(((uint64_t)i << 32) ^ attempt ^ 0x9e3779b97f4a7c15ULL) & (k - 1));
            if (minv[j] != UINT32_MAX) {
                out[i] = minv[j];
                break;
            }
        }
    }
}

void dedup_minhash(const uint64_t *h, size_t n, dedup_bin *sig, size_t k)
{
    uint32_t v[256];
    minhash32(h, n, v, k);
    for (size_t i = 0; i < k; i++) sig[i] = (dedup_bin)v[i];
}

void dedup_minhash16(const uint64_t *h, size_t n, dedup_sbin *sig, size_t k)
{
    uint32_t v[256];
    minhash32(h, n, v, k);
    for (size_t i = 0; i < k; i++) sig[i] = (dedup_sbin)v[i];
}

void dedup_shingle_sig(const uint64_t *words, size_t n, uint64_t *scratch, dedup_bin sig[DEDUP_K])
{
    size_t m = 0;
    if (n < DEDUP_SHINGLE) {
        for (size_t i = 0; i < n; i++) scratch[m++] = fmix64(words[i]);
    } else {
        for (size_t i = 0; i + DEDUP_SHINGLE <= n; i++)
            scratch[m++] = fmix64(words[i] ^ rotl64(words[i + 1], 21) ^ rotl64(words[i + 2], 42));
    }
    dedup_minhash(scratch, m, sig, DEDUP_K);
}

/* a sentence's 32-bit hash, never 0 (0 marks a sentence too short to count) */
static uint32_t sentence_hash(uint64_t st)
{
    uint32_t h = (uint32_t)fmix64(st);
    return h ? h : 1;
}

static int counts_as_word(const text_token *t)
{
    return t->kind == TEXT_WORD || t->kind == TEXT_NUMBER || t->kind == TEXT_CJK ||
           t->kind == TEXT_URL || t->kind == TEXT_EMAIL;
}

int dedup_sketch_hashes(const uint64_t *words, const uint64_t *stems, const uint32_t *sentence,
                        size_t n, dedup_sketch *out)
{
    memset(out, 0, sizeof *out);
    if (n == 0) return 0;
    size_t n_sent = 1;
    for (size_t i = 1; i < n; i++) n_sent += sentence[i] != sentence[i - 1];
    if (n_sent > DEDUP_MAX_SENT) n_sent = DEDUP_MAX_SENT;
    uint64_t *scratch = malloc(n * sizeof *scratch);
    out->sent = calloc(n_sent, sizeof *out->sent);
    if (!scratch || !out->sent) {
        free(scratch);
        dedup_sketch_free(out);
        return -1;
    }
    /* sentences: a running hash of their words, their length, their stem set */
    size_t cur = 0;
    uint64_t st = 0x2545f4914f6cdd1dULL;
    for (size_t i = 0; i < n; i++) {
        if (i && sentence[i] != sentence[i - 1]) {
            dedup_sentence *s = &out->sent[cur];
            s->hash = s->words >= 3 ? sentence_hash(st) : 0;
            if (++cur == n_sent) break;
            st = 0x2545f4914f6cdd1dULL;
        }
        dedup_sentence *s = &out->sent[cur];
        st = (rotl64(st, 27) ^ words[i]) * 0x9e3779b97f4a7c15ULL;
        s->words++;
        uint64_t sh = stems[i];
        s->mask[(sh >> 6) & 1] |= (uint64_t)(sh != 0) << (sh & 63);
    }
    if (cur < n_sent) {
        dedup_sentence *s = &out->sent[cur];
        s->hash = s->words >= 3 ? sentence_hash(st) : 0;
    }
    out->n_sent = (uint32_t)n_sent;
    out->n_words = (uint32_t)n;
    /* sentences sorted by hash: comparing two texts is then one merge (relate.c);
     * their order in the text is not needed. Insertion sort: a few dozen records. */
    for (size_t i = 1; i < n_sent; i++) {
        dedup_sentence x = out->sent[i];
        size_t j = i;
        while (j > 0 && out->sent[j - 1].hash > x.hash) {
            out->sent[j] = out->sent[j - 1];
            j--;
        }
        out->sent[j] = x;
    }
    dedup_shingle_sig(words, n, scratch, out->sig);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        scratch[m] = stems[i];
        m += stems[i] != 0;
    }
    dedup_minhash16(scratch, m, out->stems, DEDUP_STEM_K);
    free(scratch);
    return 0;
}

int dedup_sketch_text(const char *text, size_t len, const char *lang, dedup_sketch *out)
{
    memset(out, 0, sizeof *out);
    if (!text || len == 0) return 0;
    text_tokens tk;
    if (text_tokenize(text, len, &tk) != 0) return -1;
    uint64_t *words = malloc((tk.n + 1) * sizeof *words);
    uint64_t *stems = malloc((tk.n + 1) * sizeof *stems);
    uint32_t *sentence = malloc((tk.n + 1) * sizeof *sentence);
    int rc = -1;
    if (words && stems && sentence) {
        size_t n = 0;
        char stem[128];
        for (size_t i = 0; i < tk.n; i++) {
            const text_token *t = &tk.v[i];
            if (!counts_as_word(t)) continue;
            words[n] = XXH3_64bits(t->s, t->len);
            sentence[n] = t->sentence;
            uint64_t sh = 0;
            if (t->kind == TEXT_NUMBER) {
                sh = XXH3_64bits_withSeed(t->s, t->len, 0x5eed);
            } else if ((t->kind == TEXT_WORD || t->kind == TEXT_CJK) && t->len >= DEDUP_MIN_STEM) {
                size_t sl = text_stem(lang, t->s, t->len, stem, sizeof stem);
                sh = XXH3_64bits_withSeed(stem, sl, 0x5eed);
            }
            stems[n++] = sh;
        }
        rc = dedup_sketch_hashes(words, stems, sentence, n, out);
    }
    free(words), free(stems), free(sentence);
    text_tokens_free(&tk);
    return rc;
}

void dedup_sketch_free(dedup_sketch *s)
{
    if (!s) return;
    free(s->sent);
    s->sent = NULL;
    s->n_sent = 0;
}

size_t dedup_sketch_bytes(const dedup_sketch *s)
{
    return sizeof *s + (size_t)s->n_sent * sizeof *s->sent;
}
