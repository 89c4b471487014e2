/* langid_ngram.c: recoupe's character n-gram language model, read and scored.
 *
 * The model (made by scripts/train_langid.py, which documents the layout) is naive
 * Bayes with one multinomial per feature type: n-grams of 1..5 code points inside
 * each lower-cased word padded with spaces, and the whole word. Features are looked
 * up by a 64-bit FNV-1a hash: the low bits pick a bucket, the top 16 bits are a
 * fingerprint; each stored feature lists only the languages that saw it, with a
 * log-quantised count. Scoring is therefore sparse: every feature adds the
 * "unseen" log-probability of each language (counted once per type at the end) and
 * then the bonus log(1 + count/alpha) of the few languages that did see it.
 * The model image is used in place (embedded with .incbin, or read from a file). */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/langid.h"
#include "util/array.h"

#define MAX_WORD 24     /* longer runs (CJK) get no whole-word feature */
#define MAX_WORD_CP 256 /* a run is cut into pieces of this many code points */

struct langid_model {
    size_t n_langs, n_buckets;
    char codes[LANGID_MAX_LANGS][8];
    double unseen[LANGID_TYPES][LANGID_MAX_LANGS]; /* weight * log(alpha / (N + alpha V)) */
    float bonus[LANGID_TYPES][256];                /* weight * log(1 + count(q) / alpha) */
    const uint32_t *starts;                        /* n_buckets + 1 offsets into data */
    const unsigned char *data;
    size_t data_len;
    void *owned; /* file image to free, or NULL */
};

static uint32_t rd32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static float rdf(const unsigned char *p) {
    uint32_t u = rd32(p);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

langid_model *langid_model_parse(const unsigned char *p, size_t len) {
    if (p == NULL || len < 28 || memcmp(p, "RCLID01", 8) != 0) return NULL;
    uint32_t version = rd32(p + 8), n_langs = rd32(p + 12), n_types = rd32(p + 16);
    uint32_t n_buckets = rd32(p + 20), data_len = rd32(p + 24);
    if (version != 1 || n_langs == 0 || n_langs > LANGID_MAX_LANGS || n_types != LANGID_TYPES || n_buckets == 0 ||
        (n_buckets & (n_buckets - 1)) != 0)
        return NULL;
    size_t off = 28;
    size_t need = off + (size_t)n_langs * 8 + 4 * (2 * LANGID_TYPES + 1) + 4 * (size_t)LANGID_TYPES * n_langs +
                  4 * LANGID_TYPES + 4 * ((size_t)n_buckets + 1) + data_len;
    if (need != len) return NULL;
    langid_model *m = calloc(1, sizeof *m);
    if (m == NULL) return NULL;
    m->n_langs = n_langs;
    m->n_buckets = n_buckets;
    for (size_t i = 0; i < n_langs; i++, off += 8) {
        memcpy(m->codes[i], p + off, 7);
        m->codes[i][7] = '\0';
    }
    float alpha[LANGID_TYPES], weight[LANGID_TYPES];
    for (int t = 0; t < LANGID_TYPES; t++, off += 4) alpha[t] = rdf(p + off);
    for (int t = 0; t < LANGID_TYPES; t++, off += 4) weight[t] = rdf(p + off);
    float qscale = rdf(p + off);
    off += 4;
    const unsigned char *totals = p + off;
    off += 4 * (size_t)LANGID_TYPES * n_langs;
    for (int t = 0; t < LANGID_TYPES; t++) {
        double vocab = rd32(p + off + 4 * (size_t)t);
        double a = alpha[t] > 0 ? alpha[t] : 0.5;
        for (size_t l = 0; l < n_langs; l++) {
            double n = rd32(totals + 4 * ((size_t)t * n_langs + l));
            m->unseen[t][l] = weight[t] * log(a / (n + a * vocab + 1.0));
        }
        m->bonus[t][0] = 0;
        for (int q = 1; q < 256; q++) m->bonus[t][q] = (float)(weight[t] * log1p(expm1(q / (double)qscale) / a));
    }
    off += 4 * LANGID_TYPES;
    if (off % 4 != 0) { /* cannot happen with this layout; keeps the u32 reads aligned */
        free(m);
        return NULL;
    }
    m->starts = (const uint32_t *)(const void *)(p + off);
    off += 4 * ((size_t)n_buckets + 1);
    m->data = p + off;
    m->data_len = data_len;
    if (m->starts[n_buckets] != data_len) {
        free(m);
        return NULL;
    }
    for (size_t b = 0; b < n_buckets; b++)
        if (m->starts[b] > m->starts[b + 1]) {
            free(m);
            return NULL;
        }
    return m;
}

void langid_model_free(langid_model *m) {
    if (m == NULL) return;
    free(m->owned);
    free(m);
}

size_t langid_model_n_langs(const langid_model *m) {
    return m ? m->n_langs : 0;
}

const char *langid_model_code(const langid_model *m, size_t i) {
    return (m && i < m->n_langs) ? m->codes[i] : "und";
}

int langid_model_find(const langid_model *m, const char *code) {
    if (m == NULL || code == NULL) return -1;
    for (size_t i = 0; i < m->n_langs; i++)
        if (strcmp(m->codes[i], code) == 0) return (int)i;
    return -1;
}

/* ------------------------------------------------------------ the process-wide model */

extern const unsigned char text_langid_blob[];
extern const unsigned char text_langid_blob_end[];

static langid_model *g_model;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static langid_model *load_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (util_grow(&buf, &cap, len + 1, 1, 1u << 20) != 0) {
            free(buf);
            fclose(f);
            return NULL;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    fclose(f);
    langid_model *m = langid_model_parse(buf, len);
    if (m == NULL)
        free(buf);
    else
        m->owned = buf;
    return m;
}

static void load_once(void) {
    if (g_model == NULL)
        g_model = langid_model_parse(text_langid_blob, (size_t)(text_langid_blob_end - text_langid_blob));
}

const langid_model *langid_model_get(void) {
    pthread_once(&g_once, load_once);
    return g_model;
}

/* a model file instead of the built-in one, before the first detection (the
 * once-control then keeps it): 0, -1 when it cannot be used, -2 when a model
 * was already in use */
int langid_model_use_file(const char *path) {
    if (g_model != NULL) return -2;
    g_model = load_file(path);
    return g_model != NULL ? 0 : -1;
}

/* ------------------------------------------------------------ features and scores */

#define FNV_OFF 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static inline uint64_t fnv_bytes(uint64_t h, const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * FNV_PRIME;
    return h;
}

/* Features are looked up in batches: the bucket offsets of a whole batch are
 * prefetched, then the buckets themselves, then read, so that the cache misses of
 * a batch overlap instead of queueing (the table is larger than the caches). */
#define BATCH 64

typedef struct scorer {
    const langid_model *m;
    float acc[256];             /* per language byte: the bonuses (only the first
                                 * n_langs are read: no bounds check per entry) */
    size_t count[LANGID_TYPES]; /* features seen per type */
    unsigned types;             /* bit t set: features of type t are scored */
    size_t n;                   /* pending features */
    uint64_t h[BATCH];
    uint32_t lo[BATCH], hi[BATCH];
    unsigned char type[BATCH];
} scorer;

static void flush(scorer *sc) {
    const langid_model *m = sc->m;
    size_t n = sc->n, mask = m->n_buckets - 1;
    for (size_t i = 0; i < n; i++) __builtin_prefetch(m->starts + (sc->h[i] & mask));
    for (size_t i = 0; i < n; i++) {
        size_t b = (size_t)(sc->h[i] & mask);
        sc->lo[i] = m->starts[b];
        sc->hi[i] = m->starts[b + 1];
        __builtin_prefetch(m->data + sc->lo[i]);
    }
    for (size_t i = 0; i < n; i++) {
        uint16_t fp = (uint16_t)(sc->h[i] >> 48);
        const unsigned char *p = m->data + sc->lo[i], *end = m->data + sc->hi[i];
        while (p + 3 <= end) {
            uint16_t f = (uint16_t)(p[0] | p[1] << 8);
            unsigned k = p[2];
            p += 3;
            if (p + 2 * k > end) break;
            if (f == fp) {
                const float *bonus = m->bonus[sc->type[i]];
                for (unsigned j = 0; j < k; j++) sc->acc[p[2 * j]] += bonus[p[2 * j + 1]];
                break;
            }
            p += 2 * k;
        }
    }
    sc->n = 0;
}

static inline void add_feature(scorer *sc, int type, uint64_t h) {
    if (!(sc->types >> type & 1u)) return;
    sc->count[type]++;
    sc->h[sc->n] = h;
    sc->type[sc->n] = (unsigned char)type;
    if (++sc->n == BATCH) flush(sc);
}

/* The features of one word: w holds the UTF-8 of " word " and cp_off[i] the byte
 * offset of its i-th code point (n_cp of them, cp_off[n_cp] = end). */
static void word_features(scorer *sc, const unsigned char *w, const uint32_t *cp_off, size_t n_cp) {
    for (size_t i = 0; i < n_cp && (sc->types & 0x1Fu) != 0; i++) {
        uint64_t h = FNV_OFF;
        for (size_t n = 1; n <= 5 && i + n <= n_cp; n++) {
            h = fnv_bytes(h, w + cp_off[i + n - 1], cp_off[i + n] - cp_off[i + n - 1]);
            if (n == 1 && w[cp_off[i]] == ' ') continue;
            add_feature(sc, (int)n - 1, h);
        }
    }
    size_t letters = n_cp - 2;
    if (letters <= MAX_WORD) {
        unsigned char one = 1;
        uint64_t h = fnv_bytes(FNV_OFF, &one, 1);
        h = fnv_bytes(h, w + cp_off[1], cp_off[n_cp - 1] - cp_off[1]);
        add_feature(sc, 5, h);
    }
}

static int is_letter(utf8proc_int32_t c) {
    switch (utf8proc_category(c)) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
        case UTF8PROC_CATEGORY_ME: return 1;
        default: return 0;
    }
}

/* Code points of two UTF-8 bytes (Latin with diacritics, Greek, Cyrillic, Hebrew,
 * Arabic...) are classified through a table made once from utf8proc: 0 for a
 * non-letter, else the lower-case code point (TWO_SLOW when it needs utf8proc). */
#define TWO_SLOW 0xFFFFu
static uint16_t g_two[0x800];
static pthread_once_t g_two_once = PTHREAD_ONCE_INIT;

static void make_two(void) {
    for (utf8proc_int32_t c = 0x80; c < 0x800; c++) {
        if (!is_letter(c)) continue;
        utf8proc_int32_t lc = utf8proc_tolower(c);
        g_two[c] = lc >= 0x80 && lc < 0x800 ? (uint16_t)lc : (uint16_t)TWO_SLOW;
    }
}

size_t langid_model_score(const langid_model *m, const char *s, size_t len, size_t max_bytes, double *scores) {
    return langid_model_score_types(m, s, len, max_bytes, LANGID_ALL_TYPES, scores);
}

size_t langid_model_score_types(const langid_model *m, const char *s, size_t len, size_t max_bytes, unsigned types,
                                double *scores) {
    if (m == NULL) return 0;
    for (size_t l = 0; l < m->n_langs; l++) scores[l] = 0;
    if (s == NULL || len == 0) return 0;
    pthread_once(&g_two_once, make_two);
    scorer sc = {.m = m, .types = types};
    unsigned char w[4 * MAX_WORD_CP + 8];
    uint32_t cp_off[MAX_WORD_CP + 3];
    size_t n_cp = 0, wl = 0, i = 0;
    if (max_bytes == 0 || max_bytes > len) max_bytes = len;
    for (;;) {
        utf8proc_int32_t c = -1;
        int at_end = i >= len, letter;
        unsigned char a = at_end ? 0 : (unsigned char)s[i];
        if (a != 0 && a < 0x80) { /* ASCII: no table lookups */
            i++;
            letter = (unsigned)((a | 0x20) - 'a') < 26;
            if (letter) {
                if (n_cp == 0) {
                    w[0] = ' ';
                    cp_off[0] = 0;
                    wl = 1;
                    n_cp = 1;
                }
                cp_off[n_cp++] = (uint32_t)wl;
                w[wl++] = (unsigned char)(a | 0x20);
            }
        } else if (a >= 0xC2 && a < 0xE0 && i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
                   g_two[(a & 0x1Fu) << 6 | ((unsigned char)s[i + 1] & 0x3Fu)] != TWO_SLOW) {
            /* two bytes: the table */
            unsigned lc = g_two[(a & 0x1Fu) << 6 | ((unsigned char)s[i + 1] & 0x3Fu)];
            i += 2;
            letter = lc != 0;
            if (letter) {
                if (n_cp == 0) {
                    w[0] = ' ';
                    cp_off[0] = 0;
                    wl = 1;
                    n_cp = 1;
                }
                cp_off[n_cp++] = (uint32_t)wl;
                w[wl++] = (unsigned char)(0xC0 | lc >> 6);
                w[wl++] = (unsigned char)(0x80 | (lc & 0x3F));
            }
        } else if (!at_end) {
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
            if (k <= 0) {
                k = 1;
                c = -1;
            }
            i += (size_t)k;
            letter = c >= 0 && is_letter(c);
        } else {
            letter = 0;
        }
        if (letter && c >= 0x80) {
            if (n_cp == 0) {
                w[0] = ' ';
                cp_off[0] = 0;
                wl = 1;
                n_cp = 1;
            }
            utf8proc_int32_t lc = utf8proc_tolower(c);
            cp_off[n_cp++] = (uint32_t)wl;
            wl += (size_t)utf8proc_encode_char(lc, w + wl);
        }
        if (n_cp > 0 && (!letter || n_cp >= MAX_WORD_CP + 1)) {
            cp_off[n_cp++] = (uint32_t)wl;
            w[wl++] = ' ';
            cp_off[n_cp] = (uint32_t)wl;
            word_features(&sc, w, cp_off, n_cp);
            n_cp = 0;
        }
        if (at_end || (i >= max_bytes && n_cp == 0)) break;
    }
    flush(&sc);
    for (size_t l = 0; l < m->n_langs; l++) scores[l] = sc.acc[l];
    size_t total = 0;
    for (int t = 0; t < LANGID_TYPES; t++) {
        total += sc.count[t];
        if (sc.count[t] == 0) continue;
        for (size_t l = 0; l < m->n_langs; l++) scores[l] += (double)sc.count[t] * m->unseen[t][l];
    }
    return total;
}
