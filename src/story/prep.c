/* prep.c: the story stage of an article's trip (RECOUPE_STAGE_FEATURES): its raw
 * features, made from the tokens of its analysis on a pool's worker, kept in its
 * RECOUPE_SLOT_FEATURES (with the function that frees them) for the engine to
 * read when the article is added; and made again from the text when a batch run
 * let them go (see prep_make). */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "story/story.h"
#include "text/text.h"

static void prep_free(void *p) {
    story_prep *s = p;
    if (!s) return;
    free(s->pk);
    free(s);
}

story_prep *story_prep_of(const recoupe_article *a) {
    const recoupe_slot *s = &a->analysis.slot[RECOUPE_SLOT_FEATURES];
    return s->free == prep_free ? s->data : NULL;
}

/* The raw features are what the document frequencies count and the vectors are
 * weighted from. A batch run lets them go once an article's vector is made (at a
 * million articles they are half of the memory: four kilobytes an article); they
 * are made again, the same, from the headline and the text when needed: a removal
 * (to count the article out of the document frequencies) or the next batch run.
 * The article's tokens are used when it holds them, else made for the while. */
static int prep_make(recoupe_article *a, story_prep *p) {
    int held = (a->analysis.done & RECOUPE_STAGE_TOKENS) != 0;
    if (!held && text_analysis_tokens(a, TEXT_ANALYSIS_TITLE | TEXT_ANALYSIS_SHORT_STEMS) != 0) return -1;
    story_feat *f;
    size_t n;
    int rc = story_features_of(a, NULL, &f, &n);
    if (!held) recoupe_article_release(a, RECOUPE_STAGE_TOKENS);
    if (rc != 0) return -1;
    rc = story_feats_pack(f, n, &p->pk, &p->wide);
    p->nf = rc == 0 ? n : 0;
    free(f);
    return rc;
}

int story_prep_features(recoupe_article *a, story_prep *p) {
    if (p->pk) return 0;
    return prep_make(a, p);
}

int story_prep_unpack(recoupe_article *a, story_prep *p, story_feat **buf, size_t *cap) {
    if (story_prep_features(a, p) != 0) return -1;
    if (p->nf > *cap) {
        size_t nc = p->nf > 2 * *cap ? p->nf : 2 * *cap;
        story_feat *b = realloc(*buf, nc * sizeof *b);
        if (!b) return -1;
        *buf = b;
        *cap = nc;
    }
    story_feats_unpack(p->pk, p->nf, p->wide, *buf);
    return 0;
}

int story_prepare_article(recoupe_article *a) {
    if (story_prep_of(a)) return 0;
    recoupe_analysis *an = &a->analysis;
    if (!(an->done & RECOUPE_STAGE_ANALYSE)) {
        if (text_analysis_basic(a) != 0) return -1;
        an->done |= RECOUPE_STAGE_ANALYSE;
    }
    story_prep *p = calloc(1, sizeof *p);
    if (!p) return -1;
    p->magic = STORY_PREP_MAGIC;
    p->title = an->headline;
    const char *text = an->text + an->body_start;
    if (prep_make(a, p) != 0) {
        prep_free(p);
        return -1;
    }
    p->hash = XXH64(p->title, strlen(p->title), 0) ^ XXH64(text, strlen(text), 1);
    an->slot[RECOUPE_SLOT_FEATURES] = (recoupe_slot){p, prep_free};
    an->done |= RECOUPE_STAGE_FEATURES;
    return 0;
}
