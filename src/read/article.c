/* article.c: the article record's life cycle (new, warn, free), the error
 * strings and the version. The record is a plain struct owned by whoever holds
 * it; every string in it is its own allocation, freed here. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"
#include "util/buf.h"

RECOUPE_API const char *recoupe_version(void) { return RECOUPE_VERSION; }

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
    if (a->priv && a->priv_free) a->priv_free(a->priv);
    recoupe_facts_free(a->facts);
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
