/* classify.c: news or not, and the news category, of one article.
 *
 * A multinomial logistic regression over eight classes (the seven tgnews
 * categories and not_news), trained by scripts/train_categories.py and embedded
 * (model.S). The features are computed here exactly as the script computes them:
 * the words of the headline and of the text's first bytes, lower-cased and cut to
 * a few code points (a crude stem that serves English and Russian alike), the
 * headline's words apart, the section words (URL path segments but the last, the
 * declared section), and four dense signals (log length, short text, share of
 * numbers, currency signs). Each sparse feature is looked up by its 32-bit FNV-1a
 * hash in the model's table, through an index built once. Reads only the article
 * record and the model: no state outlives a call but each thread's empty feature
 * table. */
#include "classify/classify.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

extern const unsigned char classify_blob[];
extern const unsigned char classify_blob_end[];

#define N_CLASSES 8
#define N_DENSE 4
#define NOT_NEWS 7
#define TEXT_BYTES 6000
#define SHORT_TOKENS 80
#define MIN_COVERAGE 0.5 /* share of an article's words the model knows, to trust them */
#define SET_SIZE 8192    /* a power of two */
#define MAX_TOKEN 64     /* bytes kept of a token (PREFIX code points fit) */

static const char *const names[N_CLASSES] = {"society",       "economy", "technology", "sports",
                                             "entertainment", "science", "other",      "not_news"};

typedef struct model {
    unsigned prefix;
    uint32_t n;
    const float *bias, *dense, *prior;
    const uint32_t *hash;
    const float *weight;
} model;

static int parse(model *m) {
    const unsigned char *p = classify_blob;
    size_t len = (size_t)(classify_blob_end - classify_blob);
    uint32_t hdr[4];
    if (len < 24 || memcmp(p, "RCCAT02", 8) != 0) return -1;
    memcpy(hdr, p + 8, sizeof hdr);
    if (hdr[0] != N_CLASSES || hdr[1] != N_DENSE || hdr[3] == 0 || hdr[3] > 16) return -1;
    size_t off = 24 + 16 * N_CLASSES;
    size_t need = off + 4 * (2 * N_CLASSES + N_DENSE * N_CLASSES) + (size_t)hdr[2] * 4 * (1 + N_CLASSES);
    if (len < need) return -1;
    for (int c = 0; c < N_CLASSES; c++)
        if (strncmp((const char *)p + 24 + 16 * c, names[c], 16) != 0) return -1;
    m->prefix = hdr[3];
    m->n = hdr[2];
    m->bias = (const float *)(const void *)(p + off);
    m->dense = m->bias + N_CLASSES;
    m->prior = m->dense + N_DENSE * N_CLASSES;
    m->hash = (const uint32_t *)(const void *)(m->prior + N_CLASSES);
    m->weight = (const float *)(const void *)(m->hash + m->n);
    return 0;
}

static uint32_t fnv(uint32_t h, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x01000193u;
    return h;
}

/* the features of one article: a set of hashes, a bit for each slot it fills (so
 * that reading and clearing it costs what was put in, not the table's size, in the
 * table's order), and the dense counts. One per thread, left empty after each
 * article. */
typedef struct feats {
    uint32_t set[SET_SIZE];
    char kind[SET_SIZE];            /* 'w' word, 't' headline word, 's' section word */
    uint64_t filled[SET_SIZE / 64]; /* a bit per slot in use */
    size_t used;
    size_t tokens, numbers, currency;
} feats;

static _Thread_local feats thread_feats;

static void add(feats *f, const char *pre, const char *tok, size_t n) {
    uint32_t h = fnv(fnv(0x811C9DC5u, pre, 2), tok, n);
    if (h == 0 || f->used >= SET_SIZE / 2) return;
    size_t i = (h * 2654435761u) & (SET_SIZE - 1);
    while (f->set[i]) {
        if (f->set[i] == h) return;
        i = (i + 1) & (SET_SIZE - 1);
    }
    f->set[i] = h;
    f->kind[i] = pre[0];
    f->filled[i / 64] |= (uint64_t)1 << (i % 64);
    f->used++;
}

/* one code point of s at *i (advanced), 0xFFFD on a bad byte; n bounds it */
static uint32_t next_cp(const char *s, size_t n, size_t *i) {
    const unsigned char *u = (const unsigned char *)s + *i;
    size_t left = n - *i;
    int len = u[0] < 0x80 ? 1 : (u[0] >> 5) == 6 ? 2 : (u[0] >> 4) == 14 ? 3 : (u[0] >> 3) == 30 ? 4 : 0;
    if (len == 0 || (size_t)len > left) {
        *i += 1;
        return len == 0 ? 0xFFFD : 0;
    }
    uint32_t c = len == 1 ? u[0] : len == 2 ? u[0] & 0x1Fu : len == 3 ? u[0] & 0x0Fu : u[0] & 0x07u;
    for (int k = 1; k < len; k++) c = (c << 6) | (u[k] & 0x3Fu);
    *i += (size_t)len;
    return c;
}

static int word_cp(uint32_t o) {
    if (o < 0x80) return (o >= '0' && o <= '9') || ((o | 0x20) >= 'a' && (o | 0x20) <= 'z');
    if (o < 0xC0 || (o >= 0x2000 && o <= 0x2BFF) || (o >= 0x3000 && o <= 0x303F) || (o >= 0xFE00 && o <= 0xFE6F) ||
        (o >= 0xFF00 && o <= 0xFF0F))
        return 0;
    return o != 0xD7 && o != 0xF7;
}

static uint32_t lower_cp(uint32_t o) {
    if ((o >= 0x41 && o <= 0x5A) || (o >= 0x410 && o <= 0x42F))
        o += 0x20;
    else if (o >= 0x400 && o <= 0x40F)
        o += 0x50;
    return o == 0x451 ? 0x435 : o;
}

static size_t put_utf8(char *b, uint32_t c) {
    if (c < 0x80) return b[0] = (char)c, 1;
    if (c < 0x800) return b[0] = (char)(0xC0 | (c >> 6)), b[1] = (char)(0x80 | (c & 0x3F)), 2;
    if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12)), b[1] = (char)(0x80 | ((c >> 6) & 0x3F)), b[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    b[0] = (char)(0xF0 | (c >> 18)), b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((c >> 6) & 0x3F)), b[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

enum { T_TITLE = 1, T_BODY = 2, T_SECTION = 4 };

/* the tokens of s[0..n) as features of the kinds in `how` */
static void scan(feats *f, const model *m, const char *s, size_t n, unsigned how) {
    char tok[MAX_TOKEN];
    size_t tl = 0, ncp = 0, i = 0;
    int digits = 1;
    while (i <= n) {
        /* ASCII letters and digits, most of the bytes: no decoding */
        unsigned char b = i < n ? (unsigned char)s[i] : 0x20;
        if (b < 0x80) {
            int digit = b >= '0' && b <= '9', letter = (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
            if (digit || letter) {
                if (ncp < m->prefix) tok[tl++] = (char)(letter ? b | 0x20 : b);
                digits &= digit;
                ncp++;
                i++;
                continue;
            }
        } else if ((b >> 5) == 6 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            /* a two-byte letter (Latin accents, Cyrillic, Greek ...), the rest of them */
            uint32_t c = ((uint32_t)(b & 0x1F) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
            if (c >= 0xC0 && c != 0xD7 && c != 0xF7) {
                if (ncp < m->prefix) tl += put_utf8(tok + tl, lower_cp(c));
                digits = 0;
                ncp++;
                i += 2;
                continue;
            }
        }
        uint32_t c = i < n ? next_cp(s, n, &i) : (i++, 0x20u);
        if (c && word_cp(c)) {
            if (ncp < m->prefix) tl += put_utf8(tok + tl, lower_cp(c));
            digits &= c >= '0' && c <= '9';
            ncp++;
            continue;
        }
        if ((how & T_BODY) &&
            (c == '$' || c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0x20BD || c == 0x20B4 || c == 0x20B9))
            f->currency++;
        if (ncp && (digits || ncp >= 2)) {
            const char *w = digits ? "#" : tok;
            size_t wl = digits ? 1 : tl;
            if (how & T_SECTION) {
                if (!digits) add(f, "s:", w, wl);
            } else {
                add(f, "w:", w, wl);
                if (how & T_TITLE) add(f, "t:", w, wl);
                if (how & T_BODY) f->tokens++, f->numbers += (size_t)digits;
            }
        }
        tl = ncp = 0;
        digits = 1;
    }
}

/* the URL's path segments but the last, as section words */
static void scan_url(feats *f, const model *m, const char *url) {
    const char *p = strstr(url, "://");
    if (!p) return;
    p += 3;
    size_t host = strcspn(p, "/?#");
    p += host;
    size_t len = strcspn(p, "?#");
    const char *last = NULL, *lend = NULL; /* the last non-empty segment seen */
    for (size_t i = 0; i < len;) {
        while (i < len && p[i] == '/') i++;
        size_t j = i;
        while (j < len && p[j] != '/') j++;
        if (j > i) {
            if (last) scan(f, m, last, (size_t)(lend - last), T_SECTION);
            last = p + i, lend = p + j;
        }
        i = j;
    }
}

/* The model's features by hash: an open-addressing index over its sorted table,
 * built once, so that a feature costs a probe or two instead of a binary search. */
#define INDEX_BITS 15 /* 32,768 slots: a model of up to 16,384 features */
static model M;
static int32_t index_of[1 << INDEX_BITS]; /* position in M.hash + 1; 0: empty */
static int model_ok;
static pthread_once_t model_once = PTHREAD_ONCE_INIT;

static size_t slot_of(uint32_t h) {
    return (size_t)((h * 2654435761u) >> (32 - INDEX_BITS));
}

static void load_model(void) {
    if (parse(&M) != 0 || M.n > (1u << INDEX_BITS) / 2) return;
    for (uint32_t k = 0; k < M.n; k++) {
        size_t i = slot_of(M.hash[k]);
        while (index_of[i]) i = (i + 1) & ((1u << INDEX_BITS) - 1);
        index_of[i] = (int32_t)k + 1;
    }
    model_ok = 1;
}

/* the position of feature h in the model, or -1 */
static long find_feature(uint32_t h) {
    for (size_t i = slot_of(h);; i = (i + 1) & ((1u << INDEX_BITS) - 1)) {
        int32_t k = index_of[i];
        if (!k) return -1;
        if (M.hash[k - 1] == h) return k - 1;
    }
}

int classify_text(const char *url, const char *section, const char *title, const char *text, size_t text_len,
                  const char **category, float *score, int *is_news) {
    pthread_once(&model_once, load_model);
    if (!model_ok) return -1;
    const model m = M;
    feats *f = &thread_feats; /* empty: each call leaves it so */
    if (title) scan(f, &m, title, strlen(title), T_TITLE);
    if (text) {
        size_t n = text_len > TEXT_BYTES ? TEXT_BYTES : text_len;
        while (n < text_len && n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--; /* whole code points */
        scan(f, &m, text, n, T_BODY);
    }
    if (url) scan_url(f, &m, url);
    if (section) scan(f, &m, section, strlen(section), T_SECTION);
    double z[N_CLASSES];
    double d[N_DENSE] = {log1p((double)f->tokens) / 8.0, f->tokens < SHORT_TOKENS ? 1.0 : 0.0,
                         f->tokens ? (double)f->numbers / (double)f->tokens : 0.0, log1p((double)f->currency) / 3.0};
    for (int c = 0; c < N_CLASSES; c++) {
        z[c] = m.bias[c];
        for (int k = 0; k < N_DENSE; k++) z[c] += d[k] * m.dense[k * N_CLASSES + c];
    }
    double zs[N_CLASSES]; /* the prior and the section words alone */
    for (int c = 0; c < N_CLASSES; c++) zs[c] = m.prior[c];
    size_t words = 0, known = 0;
    /* the slots in the table's order: the sums come out the same to the last bit */
    for (size_t wi = 0; wi < SET_SIZE / 64; wi++)
        for (uint64_t bits = f->filled[wi]; bits; bits &= bits - 1) {
            size_t i = wi * 64 + (size_t)__builtin_ctzll(bits);
            uint32_t h = f->set[i];
            words += f->kind[i] == 'w';
            long found = find_feature(h);
            if (found >= 0) {
                size_t lo = (size_t)found;
                known += f->kind[i] == 'w';
                for (int c = 0; c < N_CLASSES; c++) z[c] += m.weight[lo * N_CLASSES + c];
                if (f->kind[i] == 's') /* section words carry across languages */
                    for (int c = 0; c < N_CLASSES; c++) zs[c] += m.weight[lo * N_CLASSES + c];
            }
        }
    /* A text in a language the labels do not cover has few known words: its
     * weights say little, and the words' absence would read as not news. Then the
     * class comes from the prior and the section words, and news from the length. */
    size_t tokens = f->tokens;
    for (size_t wi = 0; wi < SET_SIZE / 64; wi++)
        for (uint64_t bits = f->filled[wi]; bits; bits &= bits - 1) f->set[wi * 64 + (size_t)__builtin_ctzll(bits)] = 0;
    memset(f->filled, 0, sizeof f->filled);
    f->used = f->tokens = f->numbers = f->currency = 0;
    int foreign = words > 0 && (double)known < MIN_COVERAGE * (double)words;
    if (foreign) memcpy(z, zs, sizeof z);
    int best = 0, news = 0;
    for (int c = 1; c < N_CLASSES; c++) {
        if (z[c] > z[best]) best = c;
        if (c != NOT_NEWS && z[c] > z[news]) news = c;
    }
    double sum = 0;
    for (int c = 0; c < N_CLASSES; c++) sum += exp(z[c] - z[best]);
    *category = names[news];
    *score = (float)(exp(z[news] - z[best]) / sum);
    *is_news = foreign ? tokens >= SHORT_TOKENS : best != NOT_NEWS;
    return 0;
}

int classify_article(recoupe_article *a) {
    recoupe_analysis *an = &a->analysis;
    return classify_text(a->url, NULL, an->headline, an->text, an->text_len, &an->category, &an->category_score,
                         &an->is_news);
}
