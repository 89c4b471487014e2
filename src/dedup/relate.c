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
#include <string.h>

#define DEDUP_MIN_WORDS 25
#define DEDUP_MIN_STEM_JACCARD 0.2

void dedup_thresholds_default(dedup_thresholds *t) {
    t->duplicate = 0.8;
    t->contains = 0.8;
    t->own = 0.1;
    t->rewrite = 0.6;
    t->align = 0.4;
}

static double bbit_correct(size_t eq, size_t k, int bits) {
    double p = (double)eq / (double)k;
    /* b-bit correction: two different minima agree with probability 2^-b */
    double c = 1.0 / (double)(1u << bits);
    double j = (p - c) / (1.0 - c);
    return j < 0 ? 0 : j;
}

double dedup_jaccard(const dedup_bin *a, const dedup_bin *b, size_t k) {
    size_t eq = 0;
    for (size_t i = 0; i < k; i++) eq += a[i] == b[i];
    return bbit_correct(eq, k, DEDUP_BBITS);
}

double dedup_jaccard16(const dedup_sbin *a, const dedup_sbin *b, size_t k) {
    size_t eq = 0;
    for (size_t i = 0; i < k; i++) eq += a[i] == b[i];
    return bbit_correct(eq, k, DEDUP_SBITS);
}

/* Sentences are sorted by hash in a sketch (sketch.c), so one merge finds the
 * sentences two texts share: no sorting, no allocation per pair. Fills found_a /
 * found_b (may be NULL) with 1 for each sentence that has its twin in the other
 * text, and returns the shared words on each side. */
static void merge_shared(const dedup_sketch *a, const dedup_sketch *b, double *wa, double *wb, uint8_t *found_a) {
    uint32_t i = 0, j = 0;
    *wa = *wb = 0;
    while (i < a->n_sent && !a->sent[i].hash) i++;
    while (j < b->n_sent && !b->sent[j].hash) j++;
    while (i < a->n_sent && j < b->n_sent) {
        uint32_t ha = a->sent[i].hash, hb = b->sent[j].hash;
        if (ha < hb) {
            i++;
        } else if (hb < ha) {
            j++;
        } else {
            /* runs of the same hash (a sentence repeated) count on both sides */
            uint32_t i2 = i, j2 = j;
            while (i2 < a->n_sent && a->sent[i2].hash == ha) {
                *wa += a->sent[i2].words;
                if (found_a) found_a[i2] = 1;
                i2++;
            }
            while (j2 < b->n_sent && b->sent[j2].hash == ha) *wb += b->sent[j2++].words;
            i = i2, j = j2;
        }
    }
}

static double counted_words(const dedup_sketch *s) {
    double w = 0;
    for (uint32_t i = 0; i < s->n_sent; i++)
        if (s->sent[i].hash) w += s->sent[i].words;
    return w;
}

double dedup_containment(const dedup_sketch *a, const dedup_sketch *b) {
    double wa, wb, total = counted_words(a);
    merge_shared(a, b, &wa, &wb, NULL);
    return total > 0 ? wa / total : 0;
}

/* popcount without relying on the POPCNT instruction being enabled */
static inline int pop64(uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return (int)((x * 0x0101010101010101ULL) >> 56);
}

static inline int popcount128(const uint64_t m[2]) {
    return pop64(m[0]) + pop64(m[1]);
}

double dedup_alignment(const dedup_sketch *a, const dedup_sketch *b, double align) {
    uint8_t found[DEDUP_MAX_SENT + 1] = {0};
    double wa, wb, total = counted_words(a);
    merge_shared(a, b, &wa, &wb, found);
    double aligned = wa;
    int pb[DEDUP_MAX_SENT + 1];
    for (uint32_t j = 0; j < b->n_sent; j++) pb[j] = popcount128(b->sent[j].mask);
    for (uint32_t i = 0; i < a->n_sent; i++) {
        const dedup_sentence *s = &a->sent[i];
        if (!s->hash || found[i]) continue;
        int pa = popcount128(s->mask);
        if (pa < 2) continue;
        for (uint32_t j = 0; j < b->n_sent; j++) {
            const dedup_sentence *t = &b->sent[j];
            int inter = pop64(s->mask[0] & t->mask[0]) + pop64(s->mask[1] & t->mask[1]);
            if (inter < 2) continue;
            if ((double)inter >= align * (double)(pa + pb[j] - inter)) {
                aligned += s->words;
                break;
            }
        }
    }
    return total > 0 ? aligned / total : 0;
}

enum dedup_relation dedup_relate(const dedup_sketch *a, const dedup_sketch *b, const dedup_thresholds *t,
                                 double *score) {
    *score = 0;
    if (a->n_words == 0 || b->n_words == 0) return DEDUP_NONE;
    double j = dedup_jaccard(a->sig, b->sig, DEDUP_K);
    int big = a->n_words >= DEDUP_MIN_WORDS && b->n_words >= DEDUP_MIN_WORDS;
    double c_ab = 0, c_ba = 0;
    if (big) {
        double wa, wb, ta = counted_words(a), tb = counted_words(b);
        merge_shared(a, b, &wa, &wb, NULL);
        c_ab = ta > 0 ? wa / ta : 0; /* a in b */
        c_ba = tb > 0 ? wb / tb : 0; /* b in a */
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
    /* a paraphrase keeps most content stems: below this, no sentence alignment
     * is tried (it is the one quadratic step) */
    if (dedup_jaccard16(a->stems, b->stems, DEDUP_STEM_K) < DEDUP_MIN_STEM_JACCARD) return DEDUP_NONE;
    const dedup_sketch *small = a->n_words <= b->n_words ? a : b;
    const dedup_sketch *large = small == a ? b : a;
    double r = dedup_alignment(small, large, t->align);
    /* of the same length, either is the smaller: both ways, so that the
     * relation of a to b is the relation of b to a (group membership must not
     * depend on which of the two asks) */
    if (a->n_words == b->n_words) {
        double r2 = dedup_alignment(b, a, t->align);
        if (r2 > r) r = r2;
    }
    if (r >= t->rewrite) {
        *score = r;
        return DEDUP_REWRITE;
    }
    return DEDUP_NONE;
}

const char *dedup_relation_name(enum dedup_relation r) {
    switch (r) {
        case DEDUP_DUPLICATE: return "duplicate";
        case DEDUP_CONTAINS: return "contains";
        case DEDUP_CONTAINED: return "contained";
        case DEDUP_REWRITE: return "rewrite";
        case DEDUP_NONE: break;
    }
    return "none";
}
