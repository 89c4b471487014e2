/* vectors.c: the corpus's document frequencies and TF-IDF vectors.
 *
 * Document frequencies come from the articles the engine holds, not from a fixed
 * list: the corpus decides what is common (a word in every article about a summit
 * is noise inside that corpus). The map is util/map.h's, over 64-bit term
 * hashes; removal only decrements (a term at df 0 stays as a zero entry,
 * harmless).
 *
 * Weights are sublinear tf (1 + ln tf) times an idf that does not trust a small
 * corpus alone: idf = ln(1 / share), share = (df + P bg) / (N + P), where bg is
 * the background share of the word in its language (the text layer's table) and
 * P = STORY_BG_PRIOR_DOCS pseudo-documents. A stem's N is the number of documents
 * of its language (a mixed stream must not make every English word rare because
 * most articles are Russian); entities and numbers count among all documents.
 *
 * The vector is normalised over all its terms, then the terms seen in fewer than
 * min_df documents (they link nothing) and all but the strongest max_terms are
 * dropped without renormalising: a text that says much of its own stays less
 * similar to anything than a text made only of shared words (renormalising the
 * shared part alone made two articles of a tiny corpus look alike whatever they
 * said). The cut bounds memory and dot-product cost at a million articles. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "story/story.h"
#include "util/map.h"

/* the counts: uint32_t values of d->m */
static inline uint32_t *df_vals(const story_df *d) {
    return d->m.vals;
}

/* The document-frequency table is far bigger than the caches at a million
 * articles: each lookup is a cache miss or two. The slots of the terms a few
 * places ahead are fetched while the current one is weighed. */
#define DF_AHEAD 12
static inline void df_prefetch(const story_df *d, uint64_t term) {
    if (!d->m.cap) return;
    size_t s = util_map_home(term ? term : 1, d->m.cap);
    __builtin_prefetch(&d->m.keys[s]);
    __builtin_prefetch(&df_vals(d)[s]);
}

/* The terms of a document, at a stride: story_feat arrays (stride 16) and packed
 * features (plain term arrays, stride 8) are both counted without a copy. */
#define TERM_AT(base, stride, i) (*(const uint64_t *)((const char *)(base) + (i) * (stride)))

static void df_uncount(story_df *d, const void *base, size_t stride, size_t n);

static int df_add_terms(story_df *d, const void *base, size_t stride, size_t n) {
    for (size_t i = 0; i < n && i < DF_AHEAD; i++) df_prefetch(d, TERM_AT(base, stride, i));
    for (size_t i = 0; i < n; i++) {
        if (i + DF_AHEAD < n) df_prefetch(d, TERM_AT(base, stride, i + DF_AHEAD));
        uint64_t term = TERM_AT(base, stride, i);
        if (story_aux_code(term)) continue; /* aux terms are weighed by their base term */
        uint32_t *c = util_map_put(&d->m, term ? term : 1, sizeof(uint32_t), 1024);
        if (!c) {
            df_uncount(d, base, stride, i); /* all or nothing: the terms counted so far go back */
            return -1;
        }
        (*c)++;
    }
    d->n_docs++;
    return 0;
}

/* the terms of a document counted out (the document count is the caller's) */
static void df_uncount(story_df *d, const void *base, size_t stride, size_t n) {
    for (size_t i = 0; i < n; i++) {
        uint64_t term = TERM_AT(base, stride, i);
        if (story_aux_code(term)) continue;
        uint32_t *c = util_map_get(&d->m, term ? term : 1);
        if (c && *c) (*c)--;
    }
}

static void df_remove_terms(story_df *d, const void *base, size_t stride, size_t n) {
    df_uncount(d, base, stride, n);
    if (d->n_docs) d->n_docs--;
}

int story_df_add(story_df *d, const story_feat *f, size_t n) {
    return df_add_terms(d, f, sizeof *f, n);
}
void story_df_remove(story_df *d, const story_feat *f, size_t n) {
    df_remove_terms(d, f, sizeof *f, n);
}
int story_df_add_terms(story_df *d, const uint64_t *terms, size_t n) {
    return df_add_terms(d, terms, sizeof *terms, n);
}
void story_df_remove_terms(story_df *d, const uint64_t *terms, size_t n) {
    df_remove_terms(d, terms, sizeof *terms, n);
}

uint32_t story_df_get(const story_df *d, uint64_t term) {
    const uint32_t *c = util_map_get(&d->m, term ? term : 1);
    return c ? *c : 0;
}

void story_df_free(story_df *d) {
    util_map_free(&d->m);
    d->n_docs = 0;
}

static int cmp_weight_desc(const void *x, const void *y) {
    const story_feat *a = x, *b = y;
    if (a->tf != b->tf) return a->tf > b->tf ? -1 : 1;
    return a->term < b->term ? -1 : a->term > b->term;
}

/* Sorts v[0..n) by term, stable (equal terms keep their order, so their
 * weights add up in the same order every time): LSD radix, eight passes of
 * one byte, all counted in one first pass; a pass where every term has the same
 * byte is skipped; insertion for 32 or fewer. Several times faster than qsort's
 * comparisons through a function pointer, on the few thousand features of an
 * article or the summed vectors of a story. 0, or -1 when out of memory. */
int story_feats_sort(story_feat *v, size_t n) {
    if (n <= 32) { /* short: insertion, stable too */
        for (size_t i = 1; i < n; i++) {
            story_feat x = v[i];
            size_t j = i;
            while (j > 0 && v[j - 1].term > x.term) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
        return 0;
    }
    story_feat *tmp = malloc(n * sizeof *tmp);
    if (!tmp) return -1;
    size_t count[8][256] = {{0}}; /* 16 KB on the stack: no allocation per call */
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < 8; d++) count[d][(v[i].term >> (8 * d)) & 0xFF]++;
    story_feat *src = v, *dst = tmp;
    for (int d = 0; d < 8; d++) {
        if (count[d][(src[0].term >> (8 * d)) & 0xFF] == n) continue; /* one value: nothing moves */
        size_t pos = 0;
        for (int b = 0; b < 256; b++) {
            size_t c = count[d][b];
            count[d][b] = pos;
            pos += c;
        }
        for (size_t i = 0; i < n; i++) dst[count[d][(src[i].term >> (8 * d)) & 0xFF]++] = src[i];
        story_feat *t = src;
        src = dst;
        dst = t;
    }
    if (src != v) memcpy(v, src, n * sizeof *v);
    free(tmp);
    return 0;
}

int story_feat_cmp_term(const void *x, const void *y) {
    const story_feat *a = x, *b = y;
    return a->term < b->term ? -1 : a->term > b->term;
}

static int cmp_aux_key(const void *x, const void *y) {
    const story_aux *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return a->w < b->w ? -1 : a->w > b->w;
}

int story_aux_cmp(const void *x, const void *y) {
    const story_feat *a = x, *b = y;
    unsigned ca = story_aux_code(a->term), cb = story_aux_code(b->term);
    if (ca != cb) return ca < cb ? -1 : 1;
    return a->term < b->term ? -1 : a->term > b->term;
}

/* The k-th largest of w[0..n) (k >= 1, n >= k; w is reordered). */
static float kth_largest(float *w, size_t n, size_t k) {
    size_t lo = 0, hi = n - 1, want = k - 1;
    while (lo < hi) {
        float piv = w[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (w[i] > piv) i++;
            while (w[j] < piv) j--;
            if (i <= j) {
                float t = w[i];
                w[i] = w[j];
                w[j] = t;
                i++;
                if (j == 0) break;
                j--;
            }
        }
        if (want <= j)
            hi = j;
        else if (want >= i)
            lo = i;
        else
            return w[want];
    }
    return w[want];
}

/* Keeps the max strongest of v[0..k) (sorted by term) in term order, ties going
 * to the lower term: what sorting by weight (cmp_weight_desc), cutting and
 * sorting back by term gives, without the two sorts. Returns max. */
static size_t keep_strongest(story_feat *v, size_t k, size_t max) {
    float stack[512], *w = k <= 512 ? stack : malloc(k * sizeof *w);
    if (!w) { /* out of memory: the sorts */
        qsort(v, k, sizeof *v, cmp_weight_desc);
        qsort(v, max, sizeof *v, story_feat_cmp_term);
        return max;
    }
    for (size_t i = 0; i < k; i++) w[i] = v[i].tf;
    float t = kth_largest(w, k, max);
    size_t above = 0;
    for (size_t i = 0; i < k; i++) above += v[i].tf > t;
    size_t ties = max - above, m = 0;
    for (size_t i = 0; i < k; i++)
        if (v[i].tf > t || (v[i].tf == t && ties && ties--)) v[m++] = v[i];
    if (w != stack) free(w);
    return m;
}

/* idf = ln(1 / share) of a term of df documents among docs (see above) */
static double idf_of(uint32_t df, double docs, float bg) {
    if (df == 0) df = 1; /* not counted (yet): as rare as can be */
    double share = (df + STORY_BG_PRIOR_DOCS * (double)bg) / (docs + STORY_BG_PRIOR_DOCS);
    double floor = 1.0 / (docs + STORY_BG_PRIOR_DOCS + 1);
    return -log(share > floor ? share : floor);
}

/* The aux terms (the pair signals' families) into v[0..): title, lead and entity
 * stems weighted (1 + ln tf) idf of their base term, each family normalised on
 * its own (entities cut to the strongest STORY_AUX_MAX_ENTITIES first); title
 * numbers and the length as they are. Returns the count, sorted by term. */
static size_t make_aux(const story_df *d, const story_feat *f, size_t n, double n_lang, double n_all, story_feat *v) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned code = story_aux_code(f[i].term);
        if (!code || f[i].tf <= 0) continue;
        v[k] = f[i];
        if (code == STORY_AUX_TITLE || code == STORY_AUX_LEAD || code == STORY_AUX_ENTITY) {
            uint64_t base = f[i].term & ~STORY_AUX_MASK;
            double idf = idf_of(story_df_get(d, base), base & STORY_TERM_LANG_BIT ? n_lang : n_all, f[i].bg);
            if (idf <= 0) continue;
            v[k].tf = (float)((1 + log(f[i].tf)) * idf);
        } else if (code == STORY_AUX_TNUM)
            v[k].tf = f[i].bg; /* the number's hash: compared, not weighed */
        k++;
    }
    qsort(v, k, sizeof *v, story_aux_cmp);
    /* entities: the strongest only */
    size_t e0 = 0, e1 = 0;
    while (e0 < k && story_aux_code(v[e0].term) < STORY_AUX_ENTITY) e0++;
    e1 = e0;
    while (e1 < k && story_aux_code(v[e1].term) == STORY_AUX_ENTITY) e1++;
    if (e1 - e0 > STORY_AUX_MAX_ENTITIES) {
        qsort(v + e0, e1 - e0, sizeof *v, cmp_weight_desc);
        qsort(v + e0, STORY_AUX_MAX_ENTITIES, sizeof *v, story_aux_cmp);
        memmove(v + e0 + STORY_AUX_MAX_ENTITIES, v + e1, (k - e1) * sizeof *v);
        k -= e1 - e0 - STORY_AUX_MAX_ENTITIES;
    }
    for (size_t i = 0; i < k;) {
        unsigned code = story_aux_code(v[i].term);
        size_t j = i;
        double q = 0;
        while (j < k && story_aux_code(v[j].term) == code) q += (double)v[j].tf * v[j].tf, j++;
        if (code == STORY_AUX_TITLE || code == STORY_AUX_LEAD || code == STORY_AUX_ENTITY)
            for (size_t x = i; x < j && q > 0; x++) v[x].tf = (float)(v[x].tf / sqrt(q));
        i = j;
    }
    return k;
}

int story_vec_make(const story_df *d, const story_feat *f, size_t n, size_t max_terms, uint32_t min_df,
                   story_vec *out) {
    out->v = NULL;
    out->n = out->n_aux = 0;
    if (!n) return 0;
    story_feat *v = malloc(n * sizeof *v), *aux = malloc(n * sizeof *aux);
    if (!v || !aux) {
        free(v);
        free(aux);
        return -1;
    }
    double n_all = (double)(d->n_docs ? d->n_docs : 1), n_lang = n_all, norm = 0;
    for (size_t i = 0; i < n; i++)
        if (f[i].tf < 0) { /* the language marker */
            uint32_t nl = story_df_get(d, f[i].term);
            if (nl) n_lang = nl;
        }
    size_t k = 0;
    for (size_t i = 0; i < n && i < DF_AHEAD; i++) df_prefetch(d, f[i].term);
    for (size_t i = 0; i < n; i++) {
        if (i + DF_AHEAD < n) df_prefetch(d, f[i + DF_AHEAD].term);
        if (f[i].tf <= 0 || story_aux_code(f[i].term)) continue;
        uint32_t df = story_df_get(d, f[i].term);
        /* the share of documents with the term, the background counted as
         * STORY_BG_PRIOR_DOCS pseudo-documents; idf = ln(1 / share) */
        double idf = idf_of(df, f[i].term & STORY_TERM_LANG_BIT ? n_lang : n_all, f[i].bg);
        if (idf <= 0) continue;
        double tf = f[i].tf >= 1 ? 1 + log(f[i].tf) : f[i].tf;
        double w = tf * idf;
        norm += w * w; /* every term counts in the norm, also those dropped below */
        if ((df ? df : 1) < min_df) continue;
        v[k].term = f[i].term;
        v[k].tf = (float)w;
        v[k].bg = f[i].bg;
        k++;
    }
    if (max_terms && k > max_terms) k = keep_strongest(v, k, max_terms);
    if (k == 0 || norm <= 0) k = 0;
    /* normalised by the full vector's length, not the kept part's: the dot product
     * of two cut vectors is then (a lower bound of) their true cosine, and a text
     * with much of its own keeps that in its similarities */
    norm = sqrt(norm);
    for (size_t i = 0; i < k; i++) v[i].tf = (float)(v[i].tf / norm);
    size_t na = make_aux(d, f, n, n_lang, n_all, aux);
    if (k + na == 0) {
        free(v);
        free(aux);
        return 0;
    }
    /* the aux terms packed after the vector, 8 bytes each */
    story_aux *pk = (story_aux *)(v + k);
    for (size_t i = 0; i < na; i++) {
        uint64_t base = aux[i].term & ~STORY_AUX_MASK;
        uint32_t h = (uint32_t)(base >> 32) ^ (uint32_t)base;
        pk[i].key = (uint32_t)story_aux_code(aux[i].term) << STORY_AUX_KEY_BITS | (h & STORY_AUX_KEY_MASK);
        pk[i].w = (aux[i].tf);
    }
    free(aux);
    qsort(pk, na, sizeof *pk, cmp_aux_key);
    story_feat *p = realloc(v, k * sizeof *v + na * sizeof *pk);
    out->v = p ? p : v;
    out->n = (uint32_t)k;
    out->n_aux = (uint32_t)na;
    return 0;
}

void story_vec_free(story_vec *v) {
    free(v->v);
    v->v = NULL;
    v->n = v->n_aux = 0;
}

double story_vec_dot(const story_vec *a, const story_vec *b) {
    double s = 0;
    uint32_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->v[i].term < b->v[j].term)
            i++;
        else if (a->v[i].term > b->v[j].term)
            j++;
        else
            s += (double)a->v[i++].tf * b->v[j++].tf;
    }
    return s;
}
