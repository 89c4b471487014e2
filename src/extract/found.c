/* found.c: extract_found, what one extraction found, and its warnings. Both paths
 * (html_body.c, plain.c) fill one and extract.c, which calls them, merges it into
 * the article; kept apart from extract.c so that the paths never call back into
 * their caller. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

void extract_found_free(extract_found *f) {
    free(f->title), free(f->date), free(f->site), free(f->author), free(f->lang);
    free(f->description), free(f->url), free(f->text);
    memset(f, 0, sizeof *f);
}

void extract_found_warn(extract_found *f, const char *msg) {
    for (int i = 0; i < f->n_warn; i++)
        if (f->warn[i] == msg) return;
    if (f->n_warn < (int)(sizeof f->warn / sizeof f->warn[0])) f->warn[f->n_warn++] = msg;
}
