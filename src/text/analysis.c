/* analysis.c: the text layer's part of the one trip (text_analysis_*): what it
 * finds in an article is written into the record's analysis, once, for every
 * later stage to read.
 *
 * text_analysis_basic: the headline (the title, else the text's first line, which
 * then is not part of the text proper), the language of the text proper (its
 * first 4000 bytes, with the declared language as a prior; kept when the caller
 * set one), the date as Unix seconds and the outlet.
 * text_analysis_tokens: the tokens of the text and of the headline, each word
 * stemmed once in the detected language, and the sentences. The normalised
 * strings stay in the tokenizer's arenas and the stems in one buffer, all held by
 * the record's RECOUPE_SLOT_TEXT with its own free function, so that the record's
 * module frees them without knowing this one.
 * text_analysis_numbers: the numbers of the text (text_numbers). */
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"
#include "text/text.h"
#include "util/array.h"

#define HEADLINE_MAX 300 /* bytes of a first line standing in for a missing title */
#define DETECT_MAX 4000  /* bytes of the text proper the language is told from */
#define STEM_CAP 128

/* what RECOUPE_SLOT_TEXT holds */
typedef struct text_store {
    text_tokens text, title;
    char *stems;
} text_store;

static void store_free(void *p) {
    text_store *s = p;
    if (!s) return;
    text_tokens_free(&s->text);
    text_tokens_free(&s->title);
    free(s->stems);
    free(s);
}

/* the outlet: the site, else the URL's host */
static char *outlet_of(const recoupe_article *a) {
    if (a->site && *a->site) return strdup(a->site);
    if (a->url && *a->url) {
        const char *s = strstr(a->url, "://");
        s = s ? s + 3 : a->url;
        size_t l = strcspn(s, "/:?#");
        if (l && l < 256) return strndup(s, l);
    }
    return NULL;
}

int text_analysis_basic(recoupe_article *a) {
    recoupe_analysis *an = &a->analysis;
    const char *text = a->text ? a->text : (!a->is_html && a->body ? a->body : "");
    size_t start = 0, tl = 0;
    const char *head = a->title;
    if (!a->title || !*a->title) {
        /* no title: the text's first non-empty line stands in */
        const char *s = text;
        while (*s == '\n' || *s == '\r' || *s == ' ') s++;
        tl = strcspn(s, "\r\n");
        if (tl > HEADLINE_MAX) {
            tl = HEADLINE_MAX;
            while (tl > 0 && ((unsigned char)s[tl] & 0xC0) == 0x80) tl--; /* a whole character */
        }
        head = s;
        start = (size_t)(s - text) + tl;
    } else {
        tl = strlen(a->title);
    }
    free(an->headline);
    free(an->outlet);
    an->headline = strndup(head ? head : "", head ? tl : 0);
    an->outlet = outlet_of(a);
    if (!an->headline || (a->site && *a->site && !an->outlet)) return -1;
    an->text = text;
    an->text_len = strlen(text);
    an->body_start = start;
    if ((a->timestamp == INT64_MIN || a->timestamp == 0) && a->date) a->timestamp = text_iso8601_seconds(a->date);
    if (!a->detected_lang[0] || !strcmp(a->detected_lang, "und")) {
        size_t len = an->text_len - start;
        recoupe_detect_language(text + start, len > DETECT_MAX ? DETECT_MAX : len, a->lang, a->detected_lang,
                                &a->lang_confidence);
    }
    return 0;
}

/* the language stems are made in: the detected one ("und": none, words kept as they are) */
static const char *stem_lang(const recoupe_article *a) {
    const char *l = a->detected_lang;
    return l[0] && strcmp(l, "und") ? l : NULL;
}

static size_t utf8_len(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* the stems of an article, one NUL-terminated after the other */
typedef struct stem_buf {
    char *p;
    size_t len, cap;
} stem_buf;

/* tokens of tk as the record's tokens, stems written into *stems (offsets, made
 * pointers once the buffer stops moving) */
static int convert(const text_tokens *tk, const char *lang, int short_stems, stem_buf *stems, recoupe_token **out,
                   size_t *n) {
    *out = NULL;
    *n = 0;
    if (!tk->n) return 0;
    recoupe_token *v = malloc(tk->n * sizeof *v);
    if (!v) return -1;
    for (size_t i = 0; i < tk->n; i++) {
        const text_token *t = &tk->v[i];
        v[i] = (recoupe_token){.norm = t->s,
                               .norm_len = t->len,
                               .offset = t->offset,
                               .len = t->orig_len,
                               .sentence = t->sentence,
                               .kind = t->kind,
                               .flags = t->flags};
        /* stems serve content words: 3 letters or 4 bytes at least (the stories
         * and the duplicates look at no shorter one) */
        if ((t->kind != TEXT_WORD && t->kind != TEXT_CJK) ||
            (t->len < 4 && (!short_stems || utf8_len(t->s, t->len) < 3)))
            continue;
        if (util_grow(&stems->p, &stems->cap, stems->len + STEM_CAP, 1, 8 * tk->n + STEM_CAP) != 0) {
            free(v);
            return -1;
        }
        size_t at = stems->len, sl = text_stem(lang, t->s, t->len, stems->p + at, STEM_CAP);
        stems->len += sl + 1;
        v[i].stem = (const char *)(uintptr_t)(at + 1); /* an offset + 1 until the buffer is whole */
        v[i].stem_len = (uint32_t)sl;
    }
    *out = v;
    *n = tk->n;
    return 0;
}

static void fix_stems(recoupe_token *v, size_t n, const char *base) {
    for (size_t i = 0; i < n; i++)
        if (v[i].stem) v[i].stem = base + ((uintptr_t)v[i].stem - 1);
}

int text_analysis_tokens(recoupe_article *a, unsigned what) {
    recoupe_analysis *an = &a->analysis;
    recoupe_article_release(a, RECOUPE_STAGE_TOKENS);
    text_store *st = calloc(1, sizeof *st);
    if (!st) return -1;
    stem_buf stems = {0};
    const char *lang = stem_lang(a);
    size_t ns = an->text_len && (what & TEXT_ANALYSIS_SENTENCES) ? text_sentences(an->text, an->text_len, NULL, 0) : 0;
    uint32_t *starts = ns ? malloc(ns * sizeof *starts) : NULL;
    int title = (what & TEXT_ANALYSIS_TITLE) != 0, short_stems = (what & TEXT_ANALYSIS_SHORT_STEMS) != 0;
    if ((ns && !starts) || text_tokenize(an->text, an->text_len, &st->text) != 0 ||
        (title && text_tokenize(an->headline, strlen(an->headline), &st->title) != 0) ||
        convert(&st->text, lang, short_stems, &stems, &an->tokens, &an->n_tokens) != 0 ||
        (title && convert(&st->title, lang, short_stems, &stems, &an->title_tokens, &an->n_title_tokens) != 0))
        goto oom;
    if (ns) {
        ns = text_sentences(an->text, an->text_len, starts, ns);
        if (!(an->sentences = malloc(ns * sizeof *an->sentences))) goto oom;
        for (size_t i = 0; i < ns; i++) {
            uint32_t end = i + 1 < ns ? starts[i + 1] : (uint32_t)an->text_len;
            an->sentences[i] = (recoupe_span){starts[i], end - starts[i]};
        }
        an->n_sentences = ns;
    }
    free(starts);
    st->stems = stems.p;
    fix_stems(an->tokens, an->n_tokens, st->stems);
    fix_stems(an->title_tokens, an->n_title_tokens, st->stems);
    an->slot[RECOUPE_SLOT_TEXT] = (recoupe_slot){st, store_free};
    an->done |= RECOUPE_STAGE_TOKENS;
    return 0;
oom:
    free(starts);
    free(stems.p);
    store_free(st);
    free(an->tokens);
    free(an->title_tokens);
    an->tokens = an->title_tokens = NULL;
    an->n_tokens = an->n_title_tokens = 0;
    return -1;
}

int text_analysis_numbers(recoupe_article *a) {
    recoupe_analysis *an = &a->analysis;
    recoupe_article_release(a, RECOUPE_STAGE_NUMBERS);
    size_t n = text_numbers(stem_lang(a), an->text, an->text_len, NULL, 0);
    if (!n) return 0;
    text_number *v = malloc(n * sizeof *v);
    recoupe_number *out = malloc(n * sizeof *out);
    if (!v || !out) {
        free(v);
        free(out);
        return -1;
    }
    n = text_numbers(stem_lang(a), an->text, an->text_len, v, n);
    for (size_t i = 0; i < n; i++) {
        out[i] = (recoupe_number){.value = v[i].value, .offset = v[i].offset, .len = v[i].len, .is_year = v[i].is_year};
        memcpy(out[i].approx, v[i].approx, sizeof out[i].approx);
        memcpy(out[i].unit, v[i].unit, sizeof out[i].unit);
    }
    free(v);
    an->numbers = out;
    an->n_numbers = n;
    an->done |= RECOUPE_STAGE_NUMBERS;
    return 0;
}
