/* sketch.c: a text's fingerprints for near-duplicate search.
 *
 * One pass over the text layer's tokens gives three things:
 *  - a MinHash signature of the word 3-shingles (duplicate detection). It is
 *    one-permutation hashing (Li, Owen, Zhang 2012): each shingle is hashed once
 *    (xxHash), the top bits pick one of K bins, the bin keeps its minimum; empty
 *    bins borrow from a filled one chosen by a fixed hash sequence ("optimal
 *    densification", Shrivastava 2017). One hash per shingle instead of K is what
 *    makes signing cheap. Bins keep 16 bits (b-bit MinHash, Li and Koenig 2010):
 *    the chance that two different minima agree is 2^-16, a negligible bias,
 *    for half the memory of 32-bit values (measured in docs/BENCHMARKS.md).
 *  - the same over the set of content stems (words of 4+ bytes, stemmed, and
 *    numbers), which survives paraphrase and finds rewrite candidates;
 *  - per sentence: a hash of its token sequence (containment) and a 128-bit set
 *    of its content stems (sentence alignment for rewrites).
 * Memory of a sketch: 384 bytes + 24 bytes per sentence (at most 255 sentences). */
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

void dedup_minhash(const uint64_t *h, size_t n, uint16_t *sig, size_t k)
{
    uint32_t minv[256];
    uint8_t filled[256];
    int shift = 64 - log2_exact(k);
    size_t n_filled = 0;
    memset(filled, 0, k);
    for (size_t i = 0; i < n; i++) {
        uint64_t x = h[i];
        size_t bin = (size_t)(x >> shift);
        uint32_t v = (uint32_t)x;
        if (!filled[bin]) {
            filled[bin] = 1;
            minv[bin] = v;
            n_filled++;
        } else if (v < minv[bin]) {
            minv[bin] = v;
        }
    }
    if (n_filled == 0) {
        memset(sig, 0, k * sizeof *sig);
        return;
    }
    for (size_t i = 0; i < k; i++) {
        if (filled[i] == 1) {
            sig[i] = (uint16_t)minv[i];
            continue;
        }
        /* optimal densification: probe bins by a sequence that depends only on
         * (i, attempt), so that two documents borrow the same way */
        for (uint64_t attempt = 1;; attempt++) {
            size_t j = (size_t)(fmix64(((uint64_t)i << 32) ^ attempt ^ 0x9e3779b97f4a7c15ULL) & (k - 1));
            if (filled[j] == 1) {
                sig[i] = (uint16_t)minv[j];
                break;
            }
        }
    }
}

void dedup_shingle_sig(const uint64_t *words, size_t n, uint64_t *scratch, uint16_t sig[DEDUP_K])
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

static int counts_as_word(const text_token *t)
{
    return t->kind == TEXT_WORD || t->kind == TEXT_NUMBER || t->kind == TEXT_CJK ||
           t->kind == TEXT_URL || t->kind == TEXT_EMAIL;
}

int dedup_sketch_text(const char *text, size_t len, const char *lang, dedup_sketch *out)
{
    memset(out, 0, sizeof *out);
    if (!text || len == 0) return 0;
    text_tokens tk;
    if (text_tokenize(text, len, &tk) != 0) return -1;
    uint64_t *words = malloc((tk.n + 1) * sizeof *words);
    uint64_t *scratch = malloc((tk.n + 1) * sizeof *scratch);
    uint64_t *stems = malloc((tk.n + 1) * sizeof *stems);
    size_t n_sent_max = tk.n_sentences < DEDUP_MAX_SENT ? tk.n_sentences : DEDUP_MAX_SENT;
    out->sent = calloc(n_sent_max + 1, sizeof *out->sent);
    if (!words || !scratch || !stems || !out->sent) {
        free(words), free(scratch), free(stems);
        text_tokens_free(&tk);
        dedup_sketch_free(out);
        return -1;
    }
    size_t n_words = 0, n_stems = 0;
    long cur = -1;                 /* sentence being filled (index in out->sent) */
    unsigned cur_sentence = ~0u;   /* its text-layer index */
    uint64_t st = 0;               /* running hash of the sentence's words */
    char stem[128];
    for (size_t i = 0; i <= tk.n; i++) {
        const text_token *t = i < tk.n ? &tk.v[i] : NULL;
        if (t && !counts_as_word(t)) continue;
        if (!t || t->sentence != cur_sentence) {
            /* close the current sentence */
            if (cur >= 0) {
                dedup_sentence *s = &out->sent[cur];
                s->hash = s->words >= 3 ? (uint32_t)fmix64(st) : 0;
                if (s->hash == 0 && s->words >= 3) s->hash = 1;
            }
            if (!t) break;
            cur_sentence = t->sentence;
            if ((size_t)(cur + 1) >= n_sent_max) {
                cur = -2; /* past the cap: stop recording sentences */
            } else if (cur != -2) {
                cur++;
                st = 0x2545f4914f6cdd1dULL;
            }
        }
        uint64_t wh = XXH3_64bits(t->s, t->len);
        words[n_words++] = wh;
        dedup_sentence *s = cur >= 0 ? &out->sent[cur] : NULL;
        if (s) {
            st = (rotl64(st, 27) ^ wh) * 0x9e3779b97f4a7c15ULL;
            s->words++;
        }
        uint64_t sh = 0;
        if (t->kind == TEXT_NUMBER) {
            sh = XXH3_64bits_withSeed(t->s, t->len, 0x5eed);
        } else if ((t->kind == TEXT_WORD || t->kind == TEXT_CJK) && t->len >= DEDUP_MIN_STEM) {
            size_t sl = text_stem(lang, t->s, t->len, stem, sizeof stem);
            sh = XXH3_64bits_withSeed(stem, sl, 0x5eed);
        }
        if (sh) {
            stems[n_stems++] = sh;
            if (s) s->mask[(sh >> 6) & 1] |= (uint64_t)1 << (sh & 63);
        }
    }
    out->n_sent = cur >= 0 ? (uint32_t)(cur + 1) : (cur == -2 ? (uint32_t)n_sent_max : 0);
    out->n_words = (uint32_t)n_words;
    dedup_shingle_sig(words, n_words, scratch, out->sig);
    dedup_minhash(stems, n_stems, out->stems, DEDUP_STEM_K);
    free(words), free(scratch), free(stems);
    text_tokens_free(&tk);
    return 0;
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
