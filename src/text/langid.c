/* langid.c: language identification, text_language() and its public wrappers.
 *
 * Evidence is combined in log space: recoupe's n-gram naive Bayes model gives a
 * log-likelihood per language (langid_ngram.c); CLD2 (full tables, best effort)
 * gives a top language, which adds a bonus to that language, growing with the
 * length of the text (CLD2 guesses on a few words, and guesses English most);
 * the declared language of the page adds a prior. The
 * n-gram model alone is stronger than CLD2 on short text (a sentence, two words);
 * CLD2 helps on long text and on languages the model does not know, which it may
 * then answer on its own when it is sure.
 *
 * Articles are the common case and must cost little (the text layer's budget is
 * tens of MB/s): a text longer than LANGID_SHORT is first judged by cheap looks at
 * its beginning (detect_long: its script when that names one language, then its
 * first words alone, then more words, then every n-gram of its first 600 bytes),
 * each answering only when the model's top two languages are far apart there; CLD2
 * runs only on the texts those looks leave unsure. Sentences and word pairs, where
 * every feature counts, keep the full treatment. */
#include <ctype.h>
#include <stdio.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"
#include "text/langid.h"
#include "text/text.h"
#include "util/buf.h"

#define LANGID_SAMPLE 4096 /* bytes of text scored by each detector, at most */
#define LANGID_SHORT 256   /* longer texts are first judged on samples: */
#define FAST_BYTES 400     /* the script and the whole words of this many bytes, */
#define FAST_TYPES (1u << 5)
#define FAST_DECISIVE 40.0      /* enough when the top two are this far apart (log), */
#define FAST_GROWTH 4           /* else the words of this many times more text, */
#define MID_BYTES 600           /* else every feature type on this many bytes, */
#define MID_DECISIVE 40.0       /* enough when the top two are this far apart */
#define SCRIPT_CONFIDENCE 0.95f /* a text in a script that names its language */
#define CLD2_BONUS 24.0         /* log-space bonus for CLD2's answer, at full strength */
#define CLD2_FULL_FEATURES 100  /* ... reached with this many n-gram features (a sentence) */
#define CLD2_BONUS_EN 16.0      /* English, the commonest language of mixed text, gets more */
#define DECLARED_BONUS 4.0      /* log-space prior for the declared language */
#define CONF_TEMPERATURE                                                                                               \
    1.5                    /* softens naive Bayes' over-confident posteriors, times                                    \
                            * the square root of the number of features (calibrated                                    \
                            * on held-out sentences and word pairs) */
#define UND_CONFIDENCE 0.2 /* below this, "und" (such answers are right 1 time in 4) */

typedef struct langid_result {
    char code[8];
    float confidence;
} langid_result;

static void set_result(langid_result *r, const char *code, float conf) {
    snprintf(r->code, sizeof r->code, "%s", code);
    r->confidence = conf;
}

/* recoupe_langid_config.full gives every text the full treatment (no sampling):
 * the reference the benchmark compares the sampled answers with. */
static int g_full;

static int langid_full_treatment(void) {
    return g_full;
}

recoupe_status recoupe_langid_configure(const recoupe_langid_config *c) {
    g_full = c != NULL && c->full;
    if (c == NULL || c->model_path == NULL || *c->model_path == '\0') return RECOUPE_OK;
    int rc = langid_model_use_file(c->model_path);
    return rc == 0 ? RECOUPE_OK : rc == -1 ? RECOUPE_ERR_IO : RECOUPE_ERR_ARG;
}

/* ------------------------------------------------------------ the script of a text */

/* Scripts that name one language of the model, and the ones the fast path treats
 * apart (written without spaces: n-grams of 3 code points and words say little). */
enum script {
    SC_OTHER,
    SC_LATIN,
    SC_HAN,
    SC_KANA,
    SC_HANGUL,
    SC_THAI,
    SC_GREEK,
    SC_HEBREW,
    SC_GEORGIAN,
    SC_ARMENIAN,
    SC_BENGALI,
    SC_GURMUKHI,
    SC_GUJARATI,
    SC_TAMIL,
    SC_TELUGU,
    SC_SINHALA,
    SC_N
};

/* the language each script stands for on its own ("" when several languages share it) */
static const char *const script_lang[SC_N] = {
    [SC_HAN] = "zh",      [SC_KANA] = "ja",     [SC_HANGUL] = "ko",   [SC_THAI] = "th",    [SC_GREEK] = "el",
    [SC_HEBREW] = "he",   [SC_GEORGIAN] = "ka", [SC_ARMENIAN] = "hy", [SC_BENGALI] = "bn", [SC_GURMUKHI] = "pa",
    [SC_GUJARATI] = "gu", [SC_TAMIL] = "ta",    [SC_TELUGU] = "te",   [SC_SINHALA] = "si",
};

static enum script script_of(uint32_t c) {
    if (c < 0x80) return ((c | 0x20) - 'a') < 26 ? SC_LATIN : SC_OTHER;
    if (c < 0x250) return (c >= 0xC0 && c != 0xD7 && c != 0xF7) ? SC_LATIN : SC_OTHER;
    if (c >= 0x370 && c < 0x400) return SC_GREEK;
    if (c >= 0x530 && c < 0x590) return SC_ARMENIAN;
    if (c >= 0x590 && c < 0x600) return SC_HEBREW;
    if (c >= 0x980 && c < 0xA00) return SC_BENGALI;
    if (c >= 0xA00 && c < 0xA80) return SC_GURMUKHI;
    if (c >= 0xA80 && c < 0xB00) return SC_GUJARATI;
    if (c >= 0xB80 && c < 0xC00) return SC_TAMIL;
    if (c >= 0xC00 && c < 0xC80) return SC_TELUGU;
    if (c >= 0xD80 && c < 0xE00) return SC_SINHALA;
    if (c >= 0xE00 && c < 0xE80) return SC_THAI;
    if (c >= 0x10A0 && c < 0x1100) return SC_GEORGIAN;
    if ((c >= 0x1100 && c < 0x1200) || (c >= 0x3130 && c < 0x3190) || (c >= 0xAC00 && c < 0xD7B0)) return SC_HANGUL;
    if (c >= 0x1E00 && c < 0x1F00) return SC_LATIN;
    if (c >= 0x1F00 && c < 0x2000) return SC_GREEK;
    if (c >= 0x3040 && c < 0x3100) return SC_KANA;
    if ((c >= 0x3400 && c < 0xA000) || (c >= 0xF900 && c < 0xFB00) || (c >= 0x20000 && c < 0x2FA20)) return SC_HAN;
    return SC_OTHER; /* Cyrillic, Arabic, Devanagari...: shared by several languages */
}

/* Counts the letters of each script in the first max_bytes of s (a rough count:
 * code points of the ranges above; other letters count as SC_OTHER when they are
 * not ASCII), and in *ascii the ASCII letters. Returns the number of code points
 * classified. */
static size_t script_census(const char *s, size_t len, size_t max_bytes, size_t counts[SC_N], size_t *ascii) {
    memset(counts, 0, SC_N * sizeof counts[0]);
    *ascii = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + (len < max_bytes ? len : max_bytes);
    size_t total = 0;
    while (p < end) {
        uint32_t c = *p++;
        if (c >= 0x80) { /* a multi-byte sequence; invalid bytes are skipped */
            int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
            if (n == 0 || end - p < n) continue;
            c &= 0x3Fu >> n;
            for (int k = 0; k < n; k++) c = c << 6 | (p[k] & 0x3Fu);
            p += n;
            counts[script_of(c)]++;
            total++;
        } else if (((c | 0x20) - 'a') < 26) {
            counts[SC_LATIN]++;
            (*ascii)++;
            total++;
        }
    }
    return total;
}

/* The language a long text's script names on its own, or NULL: at least
 * SCRIPT_SHARE of its first letters in one such script. Japanese is kana with
 * kanji: a sample where kana is at least a tenth of Han and kana together. */
static const char *script_language(const size_t counts[SC_N], size_t total) {
    if (total < 20) return NULL;
    size_t cjk = counts[SC_HAN] + counts[SC_KANA];
    if (cjk * 10 >= total * 7) return counts[SC_KANA] * 10 >= cjk ? "ja" : "zh";
    for (int k = SC_HANGUL; k < SC_N; k++)
        if (counts[k] * 10 >= total * 7) return script_lang[k];
    return NULL;
}

/* ------------------------------------------------------------ the detector */

static void top_two(const double *sc, size_t n, size_t *best, double *margin) {
    size_t a = 0;
    for (size_t l = 1; l < n; l++)
        if (sc[l] > sc[a]) a = l;
    double b = -1e300;
    for (size_t l = 0; l < n; l++)
        if (l != a && sc[l] > b) b = sc[l];
    *best = a;
    *margin = n > 1 ? sc[a] - b : 1e300;
}

/* The confidence is the posterior of the best language with the log-likelihoods
 * divided by a temperature: naive Bayes treats overlapping n-grams as independent,
 * so its margins grow with the length of the text far faster than the evidence
 * does. A temperature growing as the square root of the number of features makes
 * the confidence calibrated on held-out data: answers given with 0.6 are right
 * about 0.7 of the time, with 0.8 about 0.85, with 0.96 about 0.97. */
static float confidence_of(const double *sc, size_t n, size_t best, size_t nf) {
    double temp = CONF_TEMPERATURE * sqrt((double)(nf > 0 ? nf : 1));
    double z = 0;
    for (size_t l = 0; l < n; l++) z += exp((sc[l] - sc[best]) / temp);
    return (float)(1.0 / z);
}

/* The first looks at a long text, cheapest first: its script when that names one
 * language; then the whole words of its first FAST_BYTES characters (about), then
 * of FAST_GROWTH times more; then every feature type on its first MID_BYTES. Each
 * look answers only when the model's top two languages are far apart there.
 * Returns 1 with r set, 0 when the text needs the full treatment. */
static int detect_long(const langid_model *m, const char *s, size_t len, int decl_idx, langid_result *r) {
    size_t counts[SC_N], ascii;
    size_t total = script_census(s, len, FAST_BYTES, counts, &ascii);
    const char *sl = script_language(counts, total);
    if (sl != NULL && langid_model_find(m, sl) >= 0) {
        set_result(r, sl, SCRIPT_CONFIDENCE);
        return 1;
    }
    size_t nl = langid_model_n_langs(m), best;
    double sc[LANGID_MAX_LANGS], margin;
    /* words mean little in scripts written without spaces (a Han run is one long
     * "word"): those go straight to the n-grams */
    size_t spaceless = counts[SC_HAN] + counts[SC_KANA] + counts[SC_HANGUL] + counts[SC_THAI];
    if (spaceless * 10 < total) {
        /* the samples count characters: twice the bytes when most are not ASCII
         * (Cyrillic, Greek, Arabic...) */
        size_t bytes = ascii * 2 >= total ? FAST_BYTES : 2 * FAST_BYTES;
        for (int look = 0; look < 2; look++, bytes *= FAST_GROWTH) {
            size_t nf = langid_model_score_types(m, s, len, bytes, FAST_TYPES, sc);
            if (nf == 0) break;
            if (decl_idx >= 0) sc[decl_idx] += DECLARED_BONUS;
            top_two(sc, nl, &best, &margin);
            if (margin >= FAST_DECISIVE) {
                set_result(r, langid_model_code(m, best), confidence_of(sc, nl, best, nf));
                return 1;
            }
            if (bytes >= len) break; /* the first look saw it all */
        }
    }
    size_t nf = langid_model_score(m, s, len, MID_BYTES, sc);
    if (nf == 0) return 0;
    if (decl_idx >= 0) sc[decl_idx] += DECLARED_BONUS;
    top_two(sc, nl, &best, &margin);
    if (margin >= MID_DECISIVE) {
        set_result(r, langid_model_code(m, best), confidence_of(sc, nl, best, nf));
        return 1;
    }
    return 0;
}

/* The detector behind every entry point. method: 0 combined, 1 n-grams, 2 CLD2.
 * Short texts (a title, a sentence, a few words), and long ones the first looks
 * leave unsure, get the full treatment: every feature type on up to LANGID_SAMPLE
 * bytes, with CLD2's answer on the same bytes. */
static void detect(const char *s, size_t len, const char *declared, int method, langid_result *r) {
    set_result(r, "und", 0.0f);
    if (s == NULL || len == 0) return;
    char decl[8];
    langid_canon_code(declared, decl);
    const langid_model *m = method == 2 ? NULL : langid_model_get();
    int decl_idx = m != NULL && strcmp(decl, "und") != 0 ? langid_model_find(m, decl) : -1;
    if (m != NULL && len > LANGID_SHORT && langid_full_treatment() == 0 && detect_long(m, s, len, decl_idx, r)) return;
    size_t sample = len < LANGID_SAMPLE ? len : LANGID_SAMPLE;
    while (sample < len && sample > 0 && ((unsigned char)s[sample] & 0xC0) == 0x80)
        sample--; /* never cut a code point in two for CLD2 */

    langid_cld2 cld;
    int have_cld = 0;
    if (method != 1) have_cld = langid_cld2_detect(s, sample, strcmp(decl, "und") ? decl : NULL, &cld) == 0;
    if (method == 2 || m == NULL) { /* CLD2 alone (or a broken build) */
        if (have_cld && cld.text_bytes > 0) set_result(r, cld.code[0], cld.reliable ? 0.9f : 0.5f);
        return;
    }
    size_t nl = langid_model_n_langs(m);
    double sc[LANGID_MAX_LANGS];
    size_t nf = langid_model_score(m, s, len, sample, sc);
    if (nf == 0) return; /* no letters: no language */
    if (method == 0 && have_cld && cld.text_bytes > 0) {
        int k = langid_model_find(m, cld.code[0]);
        if (k >= 0)
            sc[k] += CLD2_BONUS * (double)(nf < CLD2_FULL_FEATURES ? nf : CLD2_FULL_FEATURES) / CLD2_FULL_FEATURES +
                     (strcmp(cld.code[0], "en") == 0 ? CLD2_BONUS_EN : 0.0);
    }
    if (method == 0 && decl_idx >= 0) sc[decl_idx] += DECLARED_BONUS;
    size_t best;
    double margin;
    top_two(sc, nl, &best, &margin);
    float conf = confidence_of(sc, nl, best, nf);
    /* a language the model does not know, which CLD2 is sure of, on a text long
     * enough for CLD2 to be right (on a few words it is often sure and wrong) */
    if (method == 0 && have_cld && cld.reliable && cld.percent[0] >= 90 && nf >= 3 * CLD2_FULL_FEATURES &&
        strcmp(cld.code[0], "und") != 0 && langid_model_find(m, cld.code[0]) < 0 && conf < 0.5f) {
        set_result(r, cld.code[0], 0.8f);
        return;
    }
    set_result(r, conf < UND_CONFIDENCE ? "und" : langid_model_code(m, best), conf);
}

float text_language(const char *s, size_t len, const char *declared, char code[8]) {
    langid_result r;
    detect(s, len, declared, 0, &r);
    memcpy(code, r.code, 8);
    return r.confidence;
}

void recoupe_detect_language(const char *text, size_t len, const char *declared, char code[8], float *confidence) {
    recoupe_detect_language_with(text, len, declared, RECOUPE_LANGID_BEST, code, confidence);
}

void recoupe_detect_language_with(const char *text, size_t len, const char *declared, recoupe_langid_method method,
                                  char code[8], float *confidence) {
    langid_result r;
    int m = method == RECOUPE_LANGID_NGRAM ? 1 : method == RECOUPE_LANGID_CLD2 ? 2 : 0;
    detect(text, len, declared, m, &r);
    if (code != NULL) memcpy(code, r.code, 8);
    if (confidence != NULL) *confidence = r.confidence;
}

/* ------------------------------------------------------------ paragraphs, lines, JSON */

/* Next paragraph at or after *pos: skips blank lines; returns 0 at the end. */
static int next_paragraph(const char *s, size_t len, size_t *pos, size_t *start, size_t *plen) {
    size_t i = *pos;
    for (;;) { /* skip blank lines */
        size_t j = i;
        while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) j++;
        if (j < len && s[j] == '\n') {
            i = j + 1;
            continue;
        }
        if (j >= len) return 0;
        break;
    }
    size_t b = i;
    for (;;) { /* up to a blank line */
        const char *nl = memchr(s + i, '\n', len - i);
        size_t eol = nl ? (size_t)(nl - s) : len;
        size_t j = eol + 1;
        i = nl ? j : len;
        if (i >= len) break;
        while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) j++;
        if (j >= len || s[j] == '\n') break;
    }
    *start = b;
    *plen = i - b;
    *pos = i;
    return 1;
}

size_t recoupe_detect_paragraph_languages(const char *text, size_t len, const char *declared, recoupe_lang_span *out,
                                          size_t cap) {
    if (text == NULL || len == 0) return 0;
    langid_result whole;
    detect(text, len, declared, 0, &whole);
    /* the whole text's language acts as the declared one for each paragraph */
    const char *prior = strcmp(whole.code, "und") != 0 ? whole.code : declared;
    size_t pos = 0, start, plen, n = 0;
    while (next_paragraph(text, len, &pos, &start, &plen)) {
        langid_result r;
        detect(text + start, plen, prior, 0, &r);
        if (r.confidence <= 0.0f && strcmp(r.code, "und") == 0) {
            const langid_model *m = langid_model_get();
            double sc[LANGID_MAX_LANGS];
            if (m == NULL || langid_model_score(m, text + start, plen, 256, sc) == 0) continue; /* no letters */
        }
        if (n < cap && out != NULL) {
            out[n].offset = start;
            out[n].len = plen;
            memcpy(out[n].code, r.code, 8);
            out[n].confidence = r.confidence;
        }
        n++;
    }
    return n;
}

char *recoupe_detect_line_languages(const char *text, size_t len, recoupe_langid_method method) {
    int m = method == RECOUPE_LANGID_NGRAM ? 1 : method == RECOUPE_LANGID_CLD2 ? 2 : 0;
    buf b = BUF_INIT;
    size_t i = 0;
    while (text != NULL && i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t eol = nl ? (size_t)(nl - text) : len;
        size_t n = eol - i;
        if (n > 0 && text[i + n - 1] == '\r') n--;
        langid_result r;
        detect(text + i, n, NULL, m, &r);
        buf_puts(&b, r.code);
        buf_putc(&b, '\n');
        i = nl ? eol + 1 : len;
    }
    if (b.err) {
        buf_free(&b);
        return NULL;
    }
    if (b.p == NULL) return strdup("");
    return buf_detach(&b);
}
