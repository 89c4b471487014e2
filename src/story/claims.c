/* claims.c: the claims of a story, grouped. The claims of its articles (their
 * recoupe_facts) group by counted thing (the stem of the head word); within a
 * group, one value by one speaker is one report, whatever the number of articles
 * repeating it: near-duplicate copies repeat their origin's figures, and the
 * outlets and articles that carry a report are listed beside it. A group is
 * disputed when two values given as current facts (asserted or conditional, not
 * forecast or denied) have intervals that do not overlap; the spread is min, max
 * and max/min of its values, which are ordered by the day they were said so that
 * a figure growing over time reads as a timeline. Story entities are ranked by
 * the number of distinct outlets naming them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"
#include "story/story.h"
#include "util/json.h"
#include "util/array.h"

typedef story_claim_report report;
typedef story_claim_group group;

/* the outlet that carries a claim: the site, never a file name ("unknown" when
 * the article names none) */
static const char *outlet(const recoupe_article *a) {
    return a->site ? a->site : "unknown";
}

static int same(const char *x, const char *y) {
    return (!x && !y) || (x && y && !strcmp(x, y));
}

static int add(group *g, const recoupe_article *a, const recoupe_claim *c) {
    for (size_t i = 0; i < g->n; i++) {
        report *r = &g->r[i];
        if (r->c->value == c->value && same(r->c->said_by, c->said_by)) {
            int seen = 0;
            for (size_t k = 0; k < r->n_outlets; k++) seen |= !strcmp(r->outlets[k], outlet(a));
            if (!seen && r->n_outlets < 16) r->outlets[r->n_outlets++] = outlet(a);
            seen = 0;
            for (size_t k = 0; k < r->n_arts; k++) seen |= r->arts[k] == a;
            if (!seen && r->n_arts < 16) r->arts[r->n_arts++] = a;
            return 0;
        }
    }
    if (util_grow(&g->r, &g->cap, g->n + 1, sizeof *g->r, 8) != 0) return -1;
    report *r = &g->r[g->n++];
    memset(r, 0, sizeof *r);
    r->c = c;
    r->a = a;
    r->outlets[r->n_outlets++] = outlet(a);
    r->arts[r->n_arts++] = a;
    return 0;
}

static int current(const recoupe_claim *c) {
    return c->stance == RECOUPE_STANCE_ASSERTED || c->stance == RECOUPE_STANCE_CONDITIONAL;
}

static void judge(group *g) {
    double maxlow = -INFINITY, minhigh = INFINITY;
    for (size_t i = 0; i < g->n; i++) {
        const recoupe_claim *c = g->r[i].c;
        if (!current(c)) continue;
        if (!isnan(c->low) && c->low > maxlow) maxlow = c->low;
        if (!isnan(c->high) && c->high < minhigh) minhigh = c->high;
    }
    g->disputed = maxlow > minhigh;
}

static int by_date(const void *x, const void *y) {
    const report *a = x, *b = y;
    if (a->c->stated != b->c->stated) return a->c->stated < b->c->stated ? -1 : 1;
    return a->c->value < b->c->value ? -1 : a->c->value > b->c->value;
}

static void value_json(buf *b, const report *r) {
    const recoupe_claim *c = r->c;
    char *one = recoupe_claim_json(r->a, c, "value,low,high,qualifier,said_by,role,stance,stated,where", NULL);
    if (!one) {
        b->err = 1;
        return;
    }
    buf_append(b, one, strlen(one) - 1);
    free(one);
    json_key(b, "outlets");
    buf_putc(b, '[');
    for (size_t k = 0; k < r->n_outlets; k++) {
        json_sep(b);
        json_str(b, r->outlets[k]);
    }
    buf_puts(b, "]");
    json_key(b, "articles");
    buf_putc(b, '[');
    for (size_t k = 0; k < r->n_arts; k++) {
        json_sep(b);
        json_str(b, r->arts[k]->id ? r->arts[k]->id : r->arts[k]->file);
    }
    buf_puts(b, "]}");
}

static void group_json(buf *b, const group *g) {
    double mn = g->min, mx = g->max;
    json_sep(b);
    buf_putc(b, '{');
    json_kv_str(b, "thing", g->thing);
    json_kv_str(b, "key", g->key);
    json_kv_bool(b, "disputed", g->disputed);
    json_kv_num(b, "min", mn);
    json_kv_num(b, "max", mx);
    json_kv_num(b, "ratio", mn > 0 ? mx / mn : NAN);
    json_key(b, "values");
    buf_putc(b, '[');
    for (size_t i = 0; i < g->n; i++) {
        json_sep(b);
        value_json(b, &g->r[i]);
    }
    buf_puts(b, "]}");
}

/* the spread of g's values, and its values ordered by the day they were said */
static void finish(group *g) {
    g->min = INFINITY;
    g->max = -INFINITY;
    for (size_t i = 0; i < g->n; i++) {
        if (g->r[i].c->value < g->min) g->min = g->r[i].c->value;
        if (g->r[i].c->value > g->max) g->max = g->r[i].c->value;
    }
    qsort(g->r, g->n, sizeof *g->r, by_date);
    judge(g);
}

int story_claim_groups(const recoupe_story *s, story_claim_group **out, size_t *n_out) {
    group *g = NULL;
    size_t ng = 0, cap = 0;
    int err = 0;
    *out = NULL;
    *n_out = 0;
    for (size_t i = 0; i < s->n_articles && !err; i++) {
        const recoupe_article *a = s->articles[i];
        const recoupe_facts *f = a->facts;
        for (size_t k = 0; f && k < f->n_claims && !err; k++) {
            const recoupe_claim *c = &f->claims[k];
            if (!c->thing_key || !c->said_by) continue; /* only attributed figures of a known thing */
            size_t j = 0;
            while (j < ng && strcmp(g[j].key, c->thing_key)) j++;
            if (j == ng) {
                if (util_grow(&g, &cap, ng + 1, sizeof *g, 8) != 0) {
                    err = 1;
                    break;
                }
                memset(&g[ng], 0, sizeof *g);
                g[ng].key = c->thing_key;
                g[ng].thing = c->thing;
                ng++;
            }
            if (add(&g[j], a, c) < 0) err = 1;
        }
    }
    /* kept: groups of two reports or more, the disputed ones first, each pass in order */
    for (size_t j = 0; j < ng; j++) finish(&g[j]);
    group *k = err || !ng ? NULL : malloc(ng * sizeof *k);
    size_t kept = 0;
    if (ng && !k) err = 1;
    for (int pass = 1; pass >= 0 && k; pass--)
        for (size_t j = 0; j < ng; j++)
            if (g[j].disputed == pass && g[j].n >= 2) {
                k[kept++] = g[j];
                g[j].r = NULL;
            }
    story_claim_groups_free(g, ng);
    if (err || !kept) {
        story_claim_groups_free(k, kept);
        return err ? -1 : 0;
    }
    *out = k;
    *n_out = kept;
    return 0;
}

void story_claim_groups_free(story_claim_group *g, size_t n) {
    for (size_t j = 0; g && j < n; j++) free(g[j].r);
    free(g);
}

/* writes the groups array of s into b; -1 on OOM */
static int groups(buf *b, const recoupe_story *s) {
    group *g;
    size_t ng;
    int err = story_claim_groups(s, &g, &ng);
    buf_putc(b, '[');
    for (size_t j = 0; j < ng; j++) group_json(b, &g[j]);
    buf_putc(b, ']');
    story_claim_groups_free(g, ng);
    return err;
}

RECOUPE_API char *recoupe_story_claims_json(const recoupe_story *s) {
    if (!s) return NULL;
    buf b = BUF_INIT;
    buf_putc(&b, '{');
    json_kv_int(&b, "story", (long long)s->id);
    json_kv_str(&b, "title", s->title);
    json_key(&b, "groups");
    int err = groups(&b, s);
    buf_putc(&b, '}');
    if (err || b.err) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}

size_t story_entities(const recoupe_story *s, story_entity *out, size_t cap) {
    /* entities by key: sources counted as the outlet changes (an article of unknown outlet counting as
     * one of its own, as the story's sources do), a linear merge bounded by cap per story */
    const recoupe_article *last[STORY_MAX_ENTITIES];
    size_t ne = 0;
    if (cap > STORY_MAX_ENTITIES) cap = STORY_MAX_ENTITIES;
    for (size_t i = 0; i < s->n_articles; i++) {
        const recoupe_facts *f = s->articles[i]->facts;
        for (size_t k = 0; f && k < f->n_entities; k++) {
            const recoupe_entity *x = &f->entities[k];
            if (!x->mentions) continue;
            size_t j = 0;
            while (j < ne && strcmp(out[j].e->key, x->key)) j++;
            if (j == ne) {
                if (ne == cap) continue;
                out[ne] = (story_entity){x, 0, 0};
                last[ne] = NULL;
                ne++;
            }
            out[j].mentions += x->mentions;
            const recoupe_article *a = s->articles[i];
            if (!last[j] || (last[j] != a && (!a->site || !last[j]->site || strcmp(last[j]->site, a->site))))
                out[j].sources++;
            last[j] = a;
        }
    }
    for (size_t n = 0; n < ne; n++) { /* most sources first, then most mentions */
        size_t best = n;
        for (size_t j = n + 1; j < ne; j++)
            if (out[j].sources > out[best].sources ||
                (out[j].sources == out[best].sources && out[j].mentions > out[best].mentions))
                best = j;
        story_entity t = out[n];
        out[n] = out[best];
        out[best] = t;
    }
    return ne;
}

static void entities(buf *out, const recoupe_story *s) {
    story_entity e[STORY_MAX_ENTITIES];
    size_t ne = story_entities(s, e, STORY_MAX_ENTITIES);
    buf_putc(out, '[');
    for (size_t n = 0; n < ne; n++) {
        json_sep(out);
        buf_putc(out, '{');
        json_kv_str(out, "name", e[n].e->name);
        json_kv_str(out, "key", e[n].e->key);
        json_kv_str(out, "kind", recoupe_entity_kind_name(e[n].e->kind));
        json_kv_int(out, "sources", (long long)e[n].sources);
        json_kv_int(out, "mentions", (long long)e[n].mentions);
        buf_putc(out, '}');
    }
    buf_putc(out, ']');
}

RECOUPE_API char *recoupe_story_entities_json(const recoupe_story *s) {
    if (!s) return NULL;
    buf b = BUF_INIT;
    entities(&b, s);
    return b.err ? (buf_free(&b), NULL) : buf_detach(&b);
}

void story_facts_members(buf *b, const recoupe_story *s) {
    size_t i = 0;
    while (i < s->n_articles && !s->articles[i]->facts) i++;
    if (i == s->n_articles) return;
    json_key(b, "entities");
    entities(b, s);
    json_key(b, "claims");
    if (groups(b, s) < 0) b->err = 1;
}
