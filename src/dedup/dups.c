/* dups.c: the public index of near-duplicates (recoupe_dups_* in recoupe.h).
 *
 * An article becomes a dedup_doc: its sketch, its date, copies of file and id
 * (the article itself is not kept, so the caller may free it at once). Keys
 * handed out are (insertion number << 32 | slot): a slot is reused after a
 * removal, the insertion number tells a stale key from the new occupant. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dedup/dedup_int.h"
#include "text/text.h"

recoupe_dups *recoupe_dups_new(const recoupe_dups_options *opt) {
    recoupe_dups *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    dedup_index_init(&d->ix);
    dedup_thresholds_default(&d->th);
    d->relations = ~0u;
    if (opt) {
        if (opt->threshold > 0) d->th.duplicate = opt->threshold;
        if (opt->contains > 0) d->th.contains = opt->contains;
        if (opt->rewrite > 0) d->th.rewrite = opt->rewrite;
        if (opt->relations) d->relations = opt->relations;
    }
    return d;
}

void recoupe_dups_free(recoupe_dups *d) {
    if (!d) return;
    dedup_index_free(&d->ix);
    free(d);
}

static char *dup_str(const char *s) {
    return s ? strdup(s) : NULL;
}

static void lang_of(const recoupe_article *a, char out[3]) {
    const char *l = NULL;
    if (a->detected_lang[0] && strcmp(a->detected_lang, "und") != 0)
        l = a->detected_lang;
    else if (a->lang && a->lang[0])
        l = a->lang;
    out[0] = 0;
    if (l && l[0] && l[1] && (l[2] == 0 || l[2] == '-' || l[2] == '_')) {
        out[0] = (char)(l[0] | 0x20);
        out[1] = (char)(l[1] | 0x20);
        out[2] = 0;
    }
}

recoupe_status dedup_doc_from_article(const recoupe_article *a, size_t index, int names, dedup_doc **out) {
    *out = NULL;
    dedup_doc *doc = calloc(1, sizeof *doc);
    if (!doc) return RECOUPE_ERR_NOMEM;
    const char *text = a->text ? a->text : a->body;
    size_t len = a->text ? strlen(a->text) : (a->body ? (a->body_len ? a->body_len : strlen(a->body)) : 0);
    char lang[3];
    lang_of(a, lang);
    /* the article's tokens when they are of this text, stemmed in this language */
    const recoupe_analysis *an = &a->analysis;
    const char *sl = a->detected_lang[0] && strcmp(a->detected_lang, "und") ? a->detected_lang : "";
    if ((an->done & RECOUPE_STAGE_TOKENS) && an->text == text && text && !strcmp(lang, sl)) {
        if (dedup_sketch_tokens(an->tokens, an->n_tokens, &doc->sk) != 0) goto oom;
    } else if (dedup_sketch_text(text, len, lang[0] ? lang : NULL, &doc->sk) != 0) {
        goto oom;
    }
    doc->timestamp = (a->timestamp != 0 && a->timestamp != INT64_MIN) ? a->timestamp : text_iso8601_seconds(a->date);
    doc->index = index;
    if (names) {
        doc->file = dup_str(a->file);
        doc->id = dup_str(a->id);
        if ((a->file && !doc->file) || (a->id && !doc->id)) goto oom;
    }
    *out = doc;
    return RECOUPE_OK;
oom:
    dedup_doc_free(doc);
    return RECOUPE_ERR_NOMEM;
}

uint64_t dedup_key(const dedup_doc *doc, uint32_t slot) {
    return (doc->seq & 0xffffffffu) << 32 | slot;
}

dedup_doc *dedup_doc_by_key(const recoupe_dups *d, uint64_t key, uint32_t *slot) {
    uint32_t s = (uint32_t)key;
    if (s >= d->ix.n_slots || !d->ix.doc[s]) return NULL;
    if ((d->ix.doc[s]->seq & 0xffffffffu) != key >> 32) return NULL;
    if (slot) *slot = s;
    return d->ix.doc[s];
}

static void signed_free(void *p) {
    dedup_doc_free(p);
}

int dedup_sign_article(recoupe_article *a) {
    recoupe_article_release(a, RECOUPE_STAGE_SIGN);
    dedup_doc *doc;
    if (dedup_doc_from_article(a, 0, 0, &doc) != RECOUPE_OK) return -1; /* names: the article's, when added */
    a->analysis.slot[RECOUPE_SLOT_SIGN] = (recoupe_slot){doc, signed_free};
    a->analysis.done |= RECOUPE_STAGE_SIGN;
    return 0;
}

/* a copy of a signed article's document, with the article's names (the article
 * stays the caller's) */
static dedup_doc *doc_copy(const dedup_doc *p, const recoupe_article *a, size_t index) {
    dedup_doc *doc = malloc(sizeof *doc);
    if (!doc) return NULL;
    *doc = *p;
    doc->index = index;
    doc->file = doc->id = NULL;
    int rc = dedup_sketch_copy(&doc->sk, &p->sk);
    doc->file = dup_str(a->file);
    doc->id = dup_str(a->id);
    if (rc != 0 || (a->file && !doc->file) || (a->id && !doc->id)) {
        dedup_doc_free(doc);
        return NULL;
    }
    return doc;
}

recoupe_status recoupe_dups_add(recoupe_dups *d, const recoupe_article *a, size_t index, uint64_t *key) {
    if (!d || !a) return RECOUPE_ERR_ARG;
    dedup_doc *doc;
    recoupe_status st = RECOUPE_OK;
    const recoupe_slot *sign = &a->analysis.slot[RECOUPE_SLOT_SIGN];
    if (sign->data && sign->free == signed_free) {
        if (!(doc = doc_copy(sign->data, a, index))) return RECOUPE_ERR_NOMEM;
    } else {
        st = dedup_doc_from_article(a, index, 1, &doc);
    }
    if (st != RECOUPE_OK) return st;
    long slot = dedup_index_add(&d->ix, doc);
    if (slot < 0) return RECOUPE_ERR_NOMEM;
    if (key) *key = dedup_key(d->ix.doc[slot], (uint32_t)slot);
    return RECOUPE_OK;
}

recoupe_status recoupe_dups_remove(recoupe_dups *d, uint64_t key) {
    uint32_t slot;
    if (!d || !dedup_doc_by_key(d, key, &slot)) return RECOUPE_ERR_NOTFOUND;
    dedup_index_remove(&d->ix, slot);
    return RECOUPE_OK;
}

size_t recoupe_dups_count(const recoupe_dups *d) {
    return d ? d->ix.n_docs : 0;
}

size_t recoupe_dups_memory(const recoupe_dups *d) {
    return d ? sizeof *d + dedup_index_bytes(&d->ix) - sizeof d->ix : 0;
}

const char *recoupe_dup_relation_name(recoupe_dup_relation r) {
    return r == RECOUPE_DUP_NONE ? "origin" : dedup_relation_name((enum dedup_relation)r);
}

recoupe_dup_relation recoupe_dup_relation_parse(const char *name) {
    if (!name) return RECOUPE_DUP_NONE;
    if (!strcmp(name, "duplicate")) return RECOUPE_DUP_DUPLICATE;
    if (!strcmp(name, "contains") || !strcmp(name, "contained")) return RECOUPE_DUP_CONTAINS;
    if (!strcmp(name, "rewrite")) return RECOUPE_DUP_REWRITE;
    return RECOUPE_DUP_NONE;
}
