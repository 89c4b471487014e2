/* span.c: the text of tokens as the article wrote it, and the punctuation
 * between two tokens: the helpers every part of src/facts reads the text with
 * (entities, claims, attribution), kept apart so that none calls another back. */
#include <string.h>

#include "facts/facts_int.h"
#include "util/buf.h"

char *facts_span(const facts_doc *d, size_t a, size_t b) {
    buf o = BUF_INIT;
    int sp = 0;
    for (size_t i = a; i < b && i < d->len; i++) {
        char ch = d->text[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            sp = o.len > 0;
            continue;
        }
        if (sp) buf_putc(&o, ' ');
        sp = 0;
        buf_putc(&o, ch);
    }
    return o.len ? buf_detach(&o) : (buf_free(&o), NULL);
}

char *facts_tokens_text(const facts_doc *d, size_t i, size_t j) {
    if (i >= j) return NULL;
    size_t b = 0;
    for (size_t k = i; k < j; k++) {
        size_t e = d->tok.v[k].offset + d->tok.v[k].orig_len;
        if (e > b) b = e;
    }
    return facts_span(d, d->tok.v[i].offset, b);
}

/* a punctuation mark between tokens i and i+1 (in the original text) */
int facts_punct_after(const facts_doc *d, size_t i, const char *set) {
    size_t j = i + 1, a = d->tok.v[i].offset + d->tok.v[i].orig_len;
    while (j < d->tok.n && d->tok.v[j].kind == TEXT_PART) { /* the parts of a compound lie inside it */
        size_t e = d->tok.v[j].offset + d->tok.v[j].orig_len;
        if (e > a) a = e;
        j++;
    }
    if (j >= d->tok.n) return 0;
    size_t b = d->tok.v[j].offset;
    for (size_t k = a; k < b && k < d->len; k++)
        if (strchr(set, d->text[k])) return 1;
    return 0;
}
