/* relate.c: what one text is to another (duplicate, contains, rewrite) and how much.
 *
 * Checked in that order, the first that holds wins:
 *  - contains / contained with material of its own: the share of the smaller
 *    text's words that sit in sentences found verbatim (same token sequence) in
 *    the larger one is >= `contains`, and exceeds the same share the other way
 *    by >= `own` (the larger has material of its own; typos spread over both
 *    texts lower both shares alike and do not count). Sentences, not shingles, so that a new headline, an
 *    added paragraph or a boilerplate frame around a copy leaves the copied part
 *    whole. This comes first: a copy with a paragraph added is still above the
 *    duplicate threshold, and "contains" says more about it;
 *  - duplicate: estimated Jaccard of the shingle signatures >= threshold;
 *  - contains / contained without much of its own (shingles scrambled by edits);
 *  - rewrite: the share of the smaller text's words in sentences that align with
 *    a sentence of the other, either verbatim (a kept quotation) or by the
 *    Jaccard of their content-stem sets (a paraphrase keeps most stems and the
 *    named things). Compared through 128-bit stem sets: one AND and popcount
 *    per sentence pair.
 * Texts under DEDUP_MIN_WORDS words are only ever compared as duplicates: a
 * two-line snippet is contained in too many pages to say anything. */
#include "dedup/dedup.h"

#include <stdlib.h>

#define DEDUP_MIN_WORDS 25

void dedup_thresholds_default(dedup_thresholds *t)
{
    t->duplicate = 0.8;
    t->contains = 0.8;
    t->own = 0.1;
    t->rewrite = 0.6;
    t->align = 0.4;
}

double dedup_jaccard(const uint16_t *a, const uint16_t *b, size_t k)
{
    size_t eq = 0;
    for (size_t i = 0; i < k; i++) eq += a[i] == b[i];
    double p = (double)eq / (double)k;
    /* b-bit correction: two different minima agree with probability 2^-16 */
    const double c = 1.0 / 65536.0;
    double j = (p - c) / (1.0 - c);
    return j < 0 ? 0 : j;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

static int has_hash(const uint32_t *sorted, size_t n, uint32_t h)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sorted[mid] < h) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && sorted[lo] == h;
}

static size_t sorted_hashes(const dedup_sketch *s, uint32_t *out)
{
    size_t n = 0;
    for (uint32_t i = 0; i < s->n_sent; i++)
        if (s->sent[i].hash) out[n++] = s->sent[i].hash;
    qsort(out, n, sizeof *out, cmp_u32);
    return n;
}

double dedup_containment(const dedup_sketch *a, const dedup_sketch *b)
{
    uint32_t hb[DEDUP_MAX_SENT + 1];
    size_t nb = sorted_hashes(b, hb);
    double total = 0, found = 0;
    for (uint32_t i = 0; i < a->n_sent; i++) {
        const dedup_sentence *s = &a->sent[i];
        if (!s->hash) continue;
        total += s->words;
        if (has_hash(hb, nb, s->hash)) found += s->words;
    }
    return total > 0 ? found / total : 0;
}

static inline int popcount128(const uint64_t m[2])
{
    return __builtin_popcountll(m[0]) + __builtin_popcountll(m[1]);
}

double dedup_alignment(const dedup_sketch *a, const dedup_sketch *b, double align)
{
    uint32_t hb[DEDUP_MAX_SENT + 1];
    size_t nb = sorted_hashes(b, hb);
    double total = 0, found = 0;
    for (uint32_t i = 0; i < a->n_sent; i++) {
        const dedup_sentence *s = &a->sent[i];
        if (!s->hash) continue;
        total += s->words;
        if (has_hash(hb, nb, s->hash)) {
            found += s->words;
            continue;
        }
        int pa = popcount128(s->mask);
        if (pa < 2) continue;
        for (uint32_t j = 0; j < b->n_sent; j++) {
            const dedup_sentence *t = &b->sent[j];
            int inter = __builtin_popcountll(s->mask[0] & t->mask[0]) +
                        __builtin_popcountll(s->mask[1] & t->mask[1]);
            if (inter < 2) continue;
            int uni = pa + popcount128(t->mask) - inter;
            if ((double)inter >= align * (double)uni) {
                found += s->words;
                break;
            }
        }
    }
    return total > 0 ? found / total : 0;
}

enum dedup_relation dedup_relate(const dedup_sketch *a, const dedup_sketch *b,
                                 const dedup_thresholds *t, double *score)
{
    *score = 0;
    if (a->n_words == 0 || b->n_words == 0) return DEDUP_NONE;
    double j = dedup_jaccard(a->sig, b->sig, DEDUP_K);
    int big = a->n_words >= DEDUP_MIN_WORDS && b->n_words >= DEDUP_MIN_WORDS;
    double c_ab = 0, c_ba = 0;
    if (big) {
        c_ab = dedup_containment(a, b); /* a in b */
        c_ba = dedup_containment(b, a); /* b in a */
        /* one holds the other and has material of its own: contains, even when
         * the shingle sets are close enough to call it a duplicate */
        if (c_ba >= t->contains && c_ba - c_ab >= t->own) {
            *score = c_ba;
            return DEDUP_CONTAINS;
        }
        if (c_ab >= t->contains && c_ab - c_ba >= t->own) {
            *score = c_ab;
            return DEDUP_CONTAINED;
        }
    }
    if (j >= t->duplicate) {
        *score = j;
        return DEDUP_DUPLICATE;
    }
    if (!big) return DEDUP_NONE;
    if (c_ba >= t->contains && (c_ab < t->contains || a->n_words >= b->n_words)) {
        *score = c_ba;
        return DEDUP_CONTAINS;
    }
    if (c_ab >= t->contains) {
        *score = c_ab;
        return DEDUP_CONTAINED;
    }
    const dedup_sketch *small = a->n_words <= b->n_words ? a : b;
    const dedup_sketch *large = small == a ? b : a;
    double r = dedup_alignment(small, large, t->align);
    if (r >= t->rewrite) {
        *score = r;
        return DEDUP_REWRITE;
    }
    return DEDUP_NONE;
}

const char *dedup_relation_name(enum dedup_relation r)
{
    switch (r) {
    case DEDUP_DUPLICATE: return "duplicate";
    case DEDUP_CONTAINS: return "contains";
    case DEDUP_CONTAINED: return "contained";
    case DEDUP_REWRITE: return "rewrite";
    case DEDUP_NONE: break;
    }
    return "none";
}
