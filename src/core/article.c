/* article.c: the article record's life cycle (new, warn, release, free), the
 * error strings and the version. The record is a plain struct owned by whoever
 * holds it; every string in it is its own allocation, freed here. The analysis
 * the stages hang on it is freed here too: its arrays are plain allocations, and
 * each slot a stage of an upper module fills carries the function that frees it,
 * so this bottom module never names a module above it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"
#include "util/buf.h"

RECOUPE_API const char *recoupe_version(void) {
    return RECOUPE_VERSION;
}

RECOUPE_API const char *recoupe_strerror(recoupe_status st) {
    switch (st) {
        case RECOUPE_OK: return "no error";
        case RECOUPE_ERR_NOMEM: return "out of memory";
        case RECOUPE_ERR_IO: return "cannot read";
        case RECOUPE_ERR_TOO_BIG: return "too large";
        case RECOUPE_ERR_FORMAT: return "malformed input";
        case RECOUPE_ERR_EMPTY: return "empty input";
        case RECOUPE_ERR_BINARY: return "binary data, not text";
        case RECOUPE_ERR_ARG: return "bad argument";
        case RECOUPE_ERR_NOTFOUND: return "not found";
        case RECOUPE_ERR_DONE: return "no more records";
    }
    return "unknown error";
}

RECOUPE_API recoupe_article *recoupe_article_new(void) {
    recoupe_article *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    a->timestamp = INT64_MIN;
    return a;
}

RECOUPE_API void recoupe_article_free(recoupe_article *a) {
    if (!a) return;
    recoupe_article_release(a, ~0u);
    free(a->file);
    free(a->id);
    free(a->url);
    free(a->content_type);
    free(a->fetched);
    free(a->body);
    free(a->title);
    free(a->date);
    free(a->site);
    free(a->author);
    free(a->lang);
    free(a->description);
    free(a->text);
    for (size_t i = 0; i < a->n_warnings; i++) free(a->warnings[i]);
    free(a->warnings);
    free(a);
}

static void slot_clear(recoupe_slot *s) {
    if (s->data && s->free) s->free(s->data);
    s->data = NULL;
    s->free = NULL;
}

RECOUPE_API void recoupe_article_release(recoupe_article *a, unsigned stages) {
    if (!a) return;
    recoupe_analysis *an = &a->analysis;
    if (stages & RECOUPE_STAGE_TOKENS) {
        free(an->tokens);
        free(an->title_tokens);
        free(an->sentences);
        an->tokens = an->title_tokens = NULL;
        an->sentences = NULL;
        an->n_tokens = an->n_title_tokens = an->n_sentences = 0;
        slot_clear(&an->slot[RECOUPE_SLOT_TEXT]);
    }
    if (stages & RECOUPE_STAGE_NUMBERS) {
        free(an->numbers);
        an->numbers = NULL;
        an->n_numbers = 0;
    }
    if (stages & RECOUPE_STAGE_SIGN) slot_clear(&an->slot[RECOUPE_SLOT_SIGN]);
    if (stages & RECOUPE_STAGE_FEATURES) slot_clear(&an->slot[RECOUPE_SLOT_FEATURES]);
    if (stages & RECOUPE_STAGE_FACTS) {
        slot_clear(&an->slot[RECOUPE_SLOT_FACTS]);
        a->facts = NULL; /* a view of that slot */
    }
    if (stages == ~0u) { /* the whole analysis: the article is going */
        for (int i = 0; i < RECOUPE_SLOTS; i++) slot_clear(&an->slot[i]);
        free(an->outlet);
        free(an->headline);
        an->outlet = an->headline = NULL;
    }
    an->done &= ~stages;
}

RECOUPE_API recoupe_status recoupe_article_warn(recoupe_article *a, const char *fmt, ...) {
    buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    int r = buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (r) {
        buf_free(&b);
        return RECOUPE_ERR_NOMEM;
    }
    char **w = realloc(a->warnings, (a->n_warnings + 1) * sizeof *w);
    if (!w) {
        buf_free(&b);
        return RECOUPE_ERR_NOMEM;
    }
    a->warnings = w;
    a->warnings[a->n_warnings++] = buf_detach(&b);
    return RECOUPE_OK;
}
