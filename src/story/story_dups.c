/* story_dups.c: the near-duplicate groups inside one story, for the report.
 *
 * Clustering keeps only a label per article (the group it was pre-merged with),
 * not the relations (who copied whom): batch runs drop their duplicate index once
 * the labels are made. A story's groups are found again, with their origin and
 * relations, by running recoupe_dups_find over the story's labelled articles only
 * (a group lands whole in one story, so nothing outside is needed): cheap, as
 * most articles carry no label. */
#include <stdlib.h>

#include "story/story.h"

typedef struct pos_of {
    const recoupe_article *a;
    size_t pos;
} pos_of;

static int cmp_pos(const void *x, const void *y) {
    const recoupe_article *a = ((const pos_of *)x)->a, *b = ((const pos_of *)y)->a;
    return a < b ? -1 : a > b;
}

/* the event a story record was built from */
static const story_event *event_of(const recoupe_engine *e, const recoupe_story *s) {
    for (size_t i = 0; i < e->n_events; i++)
        if (e->events[i].alive && e->events[i].n && e->events[i].id == s->id) return &e->events[i];
    return NULL;
}

recoupe_status recoupe_engine_story_duplicates(recoupe_engine *e, size_t i, recoupe_dup_groups **out) {
    if (!out) return RECOUPE_ERR_ARG;
    *out = NULL;
    if (!e) return RECOUPE_ERR_ARG;
    const recoupe_story *s = recoupe_engine_story(e, i);
    if (!s) return i < e->n_stories ? RECOUPE_ERR_NOMEM : RECOUPE_ERR_NOTFOUND;
    const story_event *E = event_of(e, s);
    size_t n = 0, cap = E ? E->n : 0;
    recoupe_article **arts = malloc((cap ? cap : 1) * sizeof *arts);
    pos_of *pos = malloc((s->n_articles ? s->n_articles : 1) * sizeof *pos);
    recoupe_status st = RECOUPE_ERR_NOMEM;
    if (!arts || !pos) goto done;
    for (size_t k = 0; k < cap; k++) {
        const story_doc *d = &e->docs[E->members[k]];
        if (d->group != UINT32_MAX) arts[n++] = d->a;
    }
    if (n < 2) { /* no group: an empty list */
        *out = calloc(1, sizeof **out);
        st = *out ? RECOUPE_OK : RECOUPE_ERR_NOMEM;
        goto done;
    }
    st = recoupe_dups_find(arts, n, NULL, out);
    if (st != RECOUPE_OK) goto done;
    /* member.index: from the position in arts to the position in s->articles */
    for (size_t k = 0; k < s->n_articles; k++) pos[k] = (pos_of){s->articles[k], k};
    qsort(pos, s->n_articles, sizeof *pos, cmp_pos);
    for (size_t g = 0; g < (*out)->n_groups; g++)
        for (size_t m = 0; m < (*out)->groups[g].n_members; m++) {
            recoupe_dup_member *mb = &(*out)->groups[g].members[m];
            pos_of key = {arts[mb->index], 0};
            const pos_of *p = bsearch(&key, pos, s->n_articles, sizeof *pos, cmp_pos);
            mb->index = p ? p->pos : SIZE_MAX; /* always found: arts are the story's */
        }
done:
    free(arts);
    free(pos);
    return st;
}

size_t recoupe_engine_duplicate_group_count(recoupe_engine *e) {
    if (!e) return 0;
    /* a label is the handle of one member of its group: count the labels that
     * at least two live articles carry (one bit set for "seen", one for "twice") */
    size_t n = 0, words = e->n_docs / 64 + 1;
    uint64_t *seen = calloc(2 * words, sizeof *seen), *twice = seen + words;
    if (!seen) return 0;
    for (size_t i = 0; i < e->n_docs; i++) {
        uint32_t g = e->docs[i].group;
        if (!e->docs[i].alive || g == UINT32_MAX || g >= e->n_docs) continue;
        uint64_t bit = 1ull << (g % 64);
        if (!(seen[g / 64] & bit))
            seen[g / 64] |= bit;
        else if (!(twice[g / 64] & bit)) {
            twice[g / 64] |= bit;
            n++;
        }
    }
    free(seen);
    return n;
}
