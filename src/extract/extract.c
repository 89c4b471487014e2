/* extract.c: recoupe_article_extract(), the extraction stage.
 *
 * It picks the HTML or the plain-text path from a->is_html, collects what that path
 * found in an extract_found, then fills only the article fields that are still
 * empty: what the input carried (JSON Lines title/date/site/lang/text, a WARC URL)
 * is more trustworthy than what a page layout suggests. Warnings are prefixed
 * "extract: " so that a user sees which stage raised them. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

static void take(char **dst, char **src) {
    if (!*dst && *src) {
        *dst = *src;
        *src = NULL;
    }
}

recoupe_status recoupe_article_extract(recoupe_article *a) {
    if (!a) return RECOUPE_ERR_ARG;
    extract_found f;
    memset(&f, 0, sizeof f);
    recoupe_status st = RECOUPE_OK;
    if (a->body && a->is_html) {
        st = extract_html(a->body, a->body_len ? a->body_len : strlen(a->body), &f);
    } else if (a->body && !a->text) {
        st = extract_plain(a->body, a->body_len ? a->body_len : strlen(a->body), a->title != NULL, &f);
    } else if (a->text && (!a->title || !a->date)) {
        /* JSON Lines with a text but no title or date: look for them in the text, keep the text */
        st = extract_plain(a->text, strlen(a->text), 0, &f);
        free(f.text);
        f.text = NULL;
    }
    if (st) {
        extract_found_free(&f);
        return st;
    }
    take(&a->title, &f.title);
    take(&a->date, &f.date);
    take(&a->site, &f.site);
    take(&a->author, &f.author);
    take(&a->lang, &f.lang);
    take(&a->description, &f.description);
    take(&a->url, &f.url);
    take(&a->text, &f.text);
    for (int i = 0; i < f.n_warn && st == RECOUPE_OK; i++) st = recoupe_article_warn(a, "extract: %s", f.warn[i]);
    extract_found_free(&f);
    return st;
}
