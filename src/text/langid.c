/* langid.c: language identification, text_language() and its public wrappers.
 *
 * Evidence is combined in log space: recoupe's n-gram naive Bayes model gives a
 * log-likelihood per language (langid_ngram.c); CLD2 (full tables, best effort)
 * gives a top language, which adds a bonus to that language, growing with the
 * length of the text (CLD2 guesses on a few words, and guesses English most);
 * the declared language of the page adds a prior. The
 * n-gram model alone is stronger than CLD2 on short text (a sentence, two words);
 * CLD2 helps on long text and on languages the model does not know, which it may
 * then answer on its own when it is sure. Long texts are sampled (the first
 * LANGID_SAMPLE bytes) so the cost per article is bounded. */
#include <ctype.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"
#include "text/langid.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/json.h"

#define LANGID_SAMPLE 4096      /* bytes of text scored by each detector, at most */
#define LANGID_FIRST 600         /* bytes judged first; enough when ... */
#define LANGID_DECISIVE 40.0     /* ... the top two languages are this far apart (log) */
#define CLD2_BONUS 24.0          /* log-space bonus for CLD2's answer, at full strength */
#define CLD2_FULL_FEATURES 100   /* ... reached with this many n-gram features (a sentence) */
#define CLD2_BONUS_EN 16.0       /* English, the commonest language of mixed text, gets more */
#define DECLARED_BONUS 4.0       /* log-space prior for the declared language */
#define CONF_TEMPERATURE 3.0     /* softens naive Bayes' over-confident posteriors */
#define CONF_FEATURES 50         /* ... and more so past this many features */
#define UND_CONFIDENCE 0.0      /* below this, "und" */

void langid_canon_code(const char *in, char out[8])
{
    char c[8] = {0};
    size_t n = 0;
    if (in != NULL)
        for (; in[n] && n < 7 && isalpha((unsigned char)in[n]); n++)
            c[n] = (char)tolower((unsigned char)in[n]);
    c[n] = '\0';
    static const char *const map[][2] = {
        {"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"no", "nb"}, {"mo", "ro"},
        {"sh", "sr"}, {"fil", "tl"}, {"zho", "zh"}, {"eng", "en"}, {"fra", "fr"}, {"fre", "fr"},
        {"deu", "de"}, {"ger", "de"}, {"rus", "ru"}, {"spa", "es"}, {"ita", "it"}, {"por", "pt"},
        {"nld", "nl"}, {"dut", "nl"}, {"pol", "pl"}, {"ukr", "uk"}, {"ara", "ar"}, {"chi", "zh"},
        {"nob", "nb"}, {"nno", "nn"}, {"jpn", "ja"}, {"kor", "ko"}, {"tur", "tr"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(c, map[i][0]) == 0) {
            strcpy(out, map[i][1]);
            return;
        }
    if (n < 2 || n > 3 || strcmp(c, "un") == 0 || strcmp(c, "xx") == 0 || strcmp(c, "und") == 0 ||
        strcmp(c, "zxx") == 0 || strcmp(c, "mul") == 0) {
        strcpy(out, "und");
        return;
    }
    memcpy(out, c, n + 1);
}

typedef struct langid_result {
    char code[8];
    float confidence;
} langid_result;

static void set_result(langid_result *r, const char *code, float conf)
{
    snprintf(r->code, sizeof r->code, "%s", code);
    r->confidence = conf;
}

/* The detector behind every entry point. method: 0 combined, 1 n-grams, 2 CLD2. */
static void detect(const char *s, size_t len, const char *declared, int method, langid_result *r)
{
    set_result(r, "und", 0.0f);
    if (s == NULL || len == 0)
        return;
    char decl[8];
    langid_canon_code(declared, decl);
    /* a long text is first judged on its beginning; the rest is read only when the
     * n-gram model's top two languages are still close there */
    const langid_model *m = method == 2 ? NULL : langid_model_get();
    double sc[LANGID_MAX_LANGS];
    size_t nf = 0, sample = len < LANGID_SAMPLE ? len : LANGID_SAMPLE;
    if (m != NULL && len > LANGID_FIRST) {
        nf = langid_model_score(m, s, len, LANGID_FIRST, sc);
        double a = -1e300, b = -1e300;
        for (size_t l = 0; l < langid_model_n_langs(m); l++)
            if (sc[l] > a) {
                b = a;
                a = sc[l];
            } else if (sc[l] > b) {
                b = sc[l];
            }
        if (nf > 0 && a - b >= LANGID_DECISIVE)
            sample = LANGID_FIRST;
        else
            nf = 0;
    }
    while (sample < len && sample > 0 && ((unsigned char)s[sample] & 0xC0) == 0x80)
        sample--; /* never cut a code point in two for CLD2 */

    langid_cld2 cld;
    int have_cld = 0;
    if (method != 1)
        have_cld = langid_cld2_detect(s, sample, strcmp(decl, "und") ? decl : NULL, &cld) == 0;
    if (method == 2) {
        if (have_cld && cld.text_bytes > 0)
            set_result(r, cld.code[0], cld.reliable ? 0.9f : 0.5f);
        return;
    }

    if (m == NULL) { /* a broken build: CLD2 alone */
        if (have_cld && cld.text_bytes > 0)
            set_result(r, cld.code[0], cld.reliable ? 0.9f : 0.5f);
        return;
    }
    size_t nl = langid_model_n_langs(m);
    if (nf == 0)
        nf = langid_model_score(m, s, len, sample, sc);
    if (nf == 0)
        return; /* no letters: no language */
    if (method == 0) {
        if (have_cld && cld.text_bytes > 0) {
            int k = langid_model_find(m, cld.code[0]);
            if (k >= 0)
                sc[k] += CLD2_BONUS * (double)(nf < CLD2_FULL_FEATURES ? nf : CLD2_FULL_FEATURES) /
                             CLD2_FULL_FEATURES +
                         (strcmp(cld.code[0], "en") == 0 ? CLD2_BONUS_EN : 0.0);
        }
        int d = langid_model_find(m, decl);
        if (d >= 0)
            sc[d] += DECLARED_BONUS;
    }
    size_t best = 0;
    for (size_t l = 1; l < nl; l++)
        if (sc[l] > sc[best])
            best = l;
    /* naive Bayes margins grow with the length of the text: per-feature margins
     * tell a clear text from a mixed one */
    double temp = CONF_TEMPERATURE * (nf > CONF_FEATURES ? (double)nf / CONF_FEATURES : 1.0);
    double z = 0;
    for (size_t l = 0; l < nl; l++)
        z += exp((sc[l] - sc[best]) / temp);
    float conf = (float)(1.0 / z);
    /* a language the model does not know, which CLD2 is sure of, on a text long
     * enough for CLD2 to be right (on a few words it is often sure and wrong) */
    if (method == 0 && have_cld && cld.reliable && cld.percent[0] >= 90 &&
        nf >= 3 * CLD2_FULL_FEATURES && strcmp(cld.code[0], "und") != 0 &&
        langid_model_find(m, cld.code[0]) < 0 && conf < 0.5f) {
        set_result(r, cld.code[0], 0.8f);
        return;
    }
    set_result(r, conf < UND_CONFIDENCE ? "und" : langid_model_code(m, best), conf);
}

float text_language(const char *s, size_t len, const char *declared, char code[8])
{
    langid_result r;
    detect(s, len, declared, 0, &r);
    memcpy(code, r.code, 8);
    return r.confidence;
}

void recoupe_detect_language(const char *text, size_t len, const char *declared, char code[8],
                             float *confidence)
{
    recoupe_detect_language_with(text, len, declared, RECOUPE_LANGID_BEST, code, confidence);
}

void recoupe_detect_language_with(const char *text, size_t len, const char *declared,
                                  recoupe_langid_method method, char code[8], float *confidence)
{
    langid_result r;
    int m = method == RECOUPE_LANGID_NGRAM ? 1 : method == RECOUPE_LANGID_CLD2 ? 2 : 0;
    detect(text, len, declared, m, &r);
    if (code != NULL)
        memcpy(code, r.code, 8);
    if (confidence != NULL)
        *confidence = r.confidence;
}

/* ------------------------------------------------------------ paragraphs, lines, JSON */

/* Next paragraph at or after *pos: skips blank lines; returns 0 at the end. */
static int next_paragraph(const char *s, size_t len, size_t *pos, size_t *start, size_t *plen)
{
    size_t i = *pos;
    for (;;) { /* skip blank lines */
        size_t j = i;
        while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
            j++;
        if (j < len && s[j] == '\n') {
            i = j + 1;
            continue;
        }
        if (j >= len)
            return 0;
        break;
    }
    size_t b = i;
    for (;;) { /* up to a blank line */
        const char *nl = memchr(s + i, '\n', len - i);
        size_t eol = nl ? (size_t)(nl - s) : len;
        size_t j = eol + 1;
        i = nl ? j : len;
        if (i >= len)
            break;
        while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
            j++;
        if (j >= len || s[j] == '\n')
            break;
    }
    *start = b;
    *plen = i - b;
    *pos = i;
    return 1;
}

size_t recoupe_detect_paragraph_languages(const char *text, size_t len, const char *declared,
                                          recoupe_lang_span *out, size_t cap)
{
    if (text == NULL || len == 0)
        return 0;
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
            if (m == NULL || langid_model_score(m, text + start, plen, 256, sc) == 0)
                continue; /* no letters */
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

char *recoupe_detect_line_languages(const char *text, size_t len, recoupe_langid_method method)
{
    int m = method == RECOUPE_LANGID_NGRAM ? 1 : method == RECOUPE_LANGID_CLD2 ? 2 : 0;
    buf b = BUF_INIT;
    size_t i = 0;
    while (text != NULL && i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t eol = nl ? (size_t)(nl - text) : len;
        size_t n = eol - i;
        if (n > 0 && text[i + n - 1] == '\r')
            n--;
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
    if (b.p == NULL)
        return strdup("");
    return buf_detach(&b);
}

char *recoupe_lang_json(const recoupe_article *a)
{
    if (a == NULL)
        return NULL;
    buf b = BUF_INIT;
    buf_putc(&b, '{');
    json_kv_str(&b, "file", a->file);
    json_kv_str(&b, "id", a->id);
    json_kv_str(&b, "lang", a->detected_lang[0] ? a->detected_lang : "und");
    json_kv_num(&b, "confidence", a->lang_confidence);
    json_kv_str(&b, "declared", a->lang);
    buf_putc(&b, '}');
    if (b.err) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}
