/* records.c: story records (recoupe_story); their JSON shapes are src/emit's.
 *
 * A record is rebuilt from the engine's events whenever they changed and someone
 * asks. Centrality is the cosine of an article to its story's centroid (the sum
 * of the members' vectors): the most central article is the one that says what
 * the others say, so its headline titles the story (among the articles in the
 * story's main language, so that one English wire copy does not title a French
 * story). Independent sources count outlets, joined when their articles are
 * near-duplicates of each other (a wire story reprinted by five sites is one
 * voice). The importance formula is documented in recoupe.h.
 * All arrays of all records live in one arena freed at the next rebuild. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "story/story.h"
#include "util/arena.h"
#include "util/array.h"

#define DAY 86400

typedef util_arena arena;

static void *arena_alloc(arena *ar, size_t size) {
    return util_arena_alloc(ar, size);
}

static void arena_free(arena *ar) {
    util_arena_free(ar);
    free(ar);
}

void story_records_free(recoupe_engine *e) {
    arena_free(e->rec_mem);
    e->rec_mem = NULL;
    free(e->stories);
    e->stories = NULL;
    e->n_stories = 0;
}

const char *story_article_name(const recoupe_article *a) {
    if (a->line > 0 && a->id && *a->id) return a->id;
    if (a->file && *a->file) {
        const char *s = strrchr(a->file, '/');
        return s ? s + 1 : a->file;
    }
    return a->id ? a->id : "";
}

/* the outlet: the site, else the URL's host, else the article itself (its name:
 * an article of unknown outlet counts as a source of its own, and is shown as
 * "unknown", see unknown_outlets) */
static const char *source_of(const recoupe_article *a, char *out, size_t cap) {
    if (a->site && *a->site) return a->site;
    if (a->url && *a->url) {
        const char *s = strstr(a->url, "://");
        s = s ? s + 3 : a->url;
        size_t l = strcspn(s, "/:?#");
        if (l && l < cap) {
            memcpy(out, s, l);
            out[l] = 0;
            return out;
        }
    }
    return story_article_name(a);
}

typedef struct member {
    uint32_t h;
    float c;
} member;

/* The outlets a reader sees: those known, and "unknown" once for every article
 * of unknown outlet (a file name is not an outlet). sv (ns distinct outlets, the
 * name of the article standing for an unknown one) is rewritten in place, in its
 * order; gsrc[i] is member i's index in sv. Returns the new count. */
static size_t unknown_outlets(const recoupe_engine *e, const member *m, size_t n, const uint32_t *gsrc, const char **sv,
                              size_t ns) {
    for (size_t i = 0; i < n; i++)
        if (sv[gsrc[i]] == story_article_name(e->docs[m[i].h].a)) sv[gsrc[i]] = NULL; /* NULL: unknown */
    size_t k = 0;
    int shown = 0;
    for (size_t i = 0; i < ns; i++) {
        if (sv[i]) {
            sv[k++] = sv[i];
        } else if (!shown) {
            sv[k++] = "unknown";
            shown = 1;
        }
    }
    return k;
}

/* members by centrality, then name, then handle; ctx: the engine (qsort_r) */
static int cmp_member(const void *x, const void *y, void *ctx) {
    const recoupe_engine *e = ctx;
    const member *a = x, *b = y;
    if (a->c != b->c) return a->c > b->c ? -1 : 1;
    int c = strcmp(story_article_name(e->docs[a->h].a), story_article_name(e->docs[b->h].a));
    if (c) return c;
    return a->h < b->h ? -1 : a->h > b->h;
}

static int cmp_story(const void *x, const void *y) {
    const recoupe_story *a = x, *b = y;
    if (a->importance != b->importance) return a->importance > b->importance ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

typedef struct count {
    const char *s;
    size_t n, first;
} count;

static int cmp_count(const void *x, const void *y) {
    const count *a = x, *b = y;
    if (a->n != b->n) return a->n > b->n ? -1 : 1;
    return strcmp(a->s, b->s);
}

/* distinct strings of v[0..n) with their counts, most frequent first */
static size_t distinct(const char **v, size_t n, count *out) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < k && strcmp(out[j].s, v[i])) j++;
        if (j == k) out[k++] = (count){v[i], 0, i};
        out[j].n++;
    }
    qsort(out, k, sizeof *out, cmp_count);
    return k;
}

/* a member's string (or group) with its index, for the sorts below */
typedef struct keyed {
    const char *s;
    uint32_t group;
    uint32_t i;
} keyed;

static int cmp_keyed_str(const void *x, const void *y) {
    const keyed *a = x, *b = y;
    int c = strcmp(a->s, b->s);
    return c ? c : a->i < b->i ? -1 : a->i > b->i;
}

static int cmp_keyed_group(const void *x, const void *y) {
    const keyed *a = x, *b = y;
    if (a->group != b->group) return a->group < b->group ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* distinct() by sorting, for many distinct strings: out as distinct() makes it
 * (most frequent first, then by string), and idx[i] the place of v[i] in out.
 * ks is scratch of n. out[].first holds, until the last sort, a run's number. */
static size_t distinct_sorted(const char **v, size_t n, keyed *ks, count *out, uint32_t *idx) {
    for (size_t i = 0; i < n; i++) ks[i] = (keyed){v[i], 0, (uint32_t)i};
    qsort(ks, n, sizeof *ks, cmp_keyed_str);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!k || strcmp(out[k - 1].s, ks[i].s)) {
            out[k] = (count){ks[i].s, 0, k};
            k++;
        }
        out[k - 1].n++;
        idx[ks[i].i] = (uint32_t)(k - 1); /* the run, for now */
    }
    qsort(out, k, sizeof *out, cmp_count);
    for (size_t j = 0; j < k; j++) ks[out[j].first].group = (uint32_t)j; /* run -> place (ks reused) */
    for (size_t i = 0; i < n; i++) idx[i] = ks[idx[i]].group;
    return k;
}

/* Sets m[i] to member i of E with its centrality: the cosine of its vector to the
 * centroid, the members' vectors summed (terms merged by sorting); then sorts m. */
static int rank_members(recoupe_engine *e, const story_event *E, member *m) {
    size_t n = E->n;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += e->vecs[E->members[i]].n;
    story_feat *all = malloc((total ? total : 1) * sizeof *all);
    if (!all) return -1;
    size_t t = 0;
    for (size_t i = 0; i < n; i++) {
        const story_vec *v = &e->vecs[E->members[i]];
        if (v->n) memcpy(all + t, v->v, v->n * sizeof *all); /* an empty vector's v is NULL */
        t += v->n;
    }
    if (story_feats_sort(all, t) != 0) { /* stable: the weights add up in member order */
        free(all);
        return -1;
    }
    size_t u = 0;
    for (size_t i = 0; i < t; i++) {
        if (u && all[u - 1].term == all[i].term)
            all[u - 1].tf += all[i].tf;
        else
            all[u++] = all[i];
    }
    double norm = 0;
    for (size_t i = 0; i < u; i++) norm += (double)all[i].tf * all[i].tf;
    norm = norm > 0 ? sqrt(norm) : 1;
    story_vec centroid = {all, (uint32_t)u, 0};
    for (size_t i = 0; i < n; i++) {
        m[i].h = E->members[i];
        m[i].c = (float)(story_vec_dot(&e->vecs[m[i].h], &centroid) / norm);
    }
    free(all);
    qsort_r(m, n, sizeof *m, cmp_member, (void *)e);
    return 0;
}

/* The story's articles and centralities in member order, with each member's
 * language and outlet (srcbuf: 128 bytes a member) and the time span. */
static int fill_articles(recoupe_engine *e, arena *ar, const member *m, size_t n, const char **langs, const char **srcs,
                         char *srcbuf, recoupe_story *s) {
    const recoupe_article **arts = arena_alloc(ar, n * sizeof *arts);
    float *cen = arena_alloc(ar, n * sizeof *cen);
    if (!arts || !cen) return -1;
    int64_t first = INT64_MIN, last = INT64_MIN;
    for (size_t i = 0; i < n; i++) {
        const story_doc *d = &e->docs[m[i].h];
        arts[i] = d->a;
        cen[i] = m[i].c;
        langs[i] = d->a->detected_lang[0] ? d->a->detected_lang : "und";
        srcs[i] = source_of(d->a, srcbuf + i * 128, 128);
        if (d->ts != INT64_MIN) {
            if (first == INT64_MIN || d->ts < first) first = d->ts;
            if (last == INT64_MIN || d->ts > last) last = d->ts;
        }
    }
    s->articles = (const recoupe_article *const *)arts;
    s->centrality = cen;
    s->n_articles = n;
    s->first = first;
    s->last = last;
    return 0;
}

/* The story's languages, most frequent first, and its title: the headline of the
 * most central article in the main language. cnt: scratch of n. */
static int set_languages(recoupe_engine *e, arena *ar, const member *m, size_t n, const char **langs, count *cnt,
                         recoupe_story *s) {
    size_t nl = distinct(langs, n, cnt);
    const char **lv = arena_alloc(ar, nl * sizeof *lv);
    if (!lv) return -1;
    for (size_t i = 0; i < nl; i++) lv[i] = cnt[i].s;
    s->languages = lv;
    s->n_languages = nl;
    s->lang = lv[0];
    s->title = "";
    for (size_t i = 0; i < n; i++)
        if (!strcmp(langs[i], s->lang)) {
            s->title = e->docs[m[i].h].p->title;
            break;
        }
    return 0;
}

/* sources: distinct outlets; independent: outlets joined through duplicate
 * groups. By sorting, not by scanning the outlets (or the other members) for
 * each member: a story of thousands of articles from thousands of outlets was
 * quadratic here. gsrc[i]: member i's outlet, an index into sv. cnt: scratch of n. */
static int set_sources(recoupe_engine *e, arena *ar, const member *m, size_t n, const char **srcs, count *cnt,
                       recoupe_story *s, size_t *outlets) {
    uint32_t *gsrc = arena_alloc(ar, n * sizeof *gsrc);
    keyed *ks = arena_alloc(ar, n * sizeof *ks);
    if (!gsrc || !ks) return -1;
    size_t ns = distinct_sorted(srcs, n, ks, cnt, gsrc);
    const char **sv = arena_alloc(ar, ns * sizeof *sv);
    uint32_t *parent = arena_alloc(ar, ns * sizeof *parent);
    if (!sv || !parent) return -1;
    for (size_t i = 0; i < ns; i++) {
        sv[i] = cnt[i].s;
        parent[i] = (uint32_t)i;
    }
    size_t ng = 0; /* the members in a duplicate group, by group: each joined to the one before */
    for (size_t i = 0; i < n; i++)
        if (e->docs[m[i].h].group != UINT32_MAX) ks[ng++] = (keyed){NULL, e->docs[m[i].h].group, (uint32_t)i};
    qsort(ks, ng, sizeof *ks, cmp_keyed_group);
    for (size_t x = 1; x < ng; x++)
        if (ks[x].group == ks[x - 1].group) {
            uint32_t a = gsrc[ks[x - 1].i], b = gsrc[ks[x].i];
            while (parent[a] != a) a = parent[a];
            while (parent[b] != b) b = parent[b];
            if (a != b) parent[a > b ? a : b] = a < b ? a : b;
        }
    size_t indep = 0;
    for (size_t i = 0; i < ns; i++) indep += parent[i] == i;
    s->sources = sv;
    *outlets = ns; /* for the importance, an article of unknown outlet is one of its own */
    s->n_sources = unknown_outlets(e, m, n, gsrc, sv, ns);
    s->independent_sources = indep;
    return 0;
}

/* The importance of s (recoupe.h), its members m, at time T; outlets: its
 * distinct outlets, each article of unknown outlet counted as one */
static double importance_of(const recoupe_engine *e, const member *m, const recoupe_story *s, size_t outlets,
                            int64_t T) {
    size_t n = s->n_articles;
    size_t v24 = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t ts = e->docs[m[i].h].ts;
        if (s->first == INT64_MIN || (ts != INT64_MIN && ts - s->first <= DAY)) v24++;
    }
    double D = (double)outlets / n;
    double R = (T == INT64_MIN || s->last == INT64_MIN) ? 1.0 : pow(0.5, (double)(T - s->last) / DAY);
    return log(1.0 + (double)s->independent_sources) * (1.0 + log(1.0 + (double)v24)) * (0.5 + 0.5 * D) * R;
}

static int build_one(recoupe_engine *e, arena *ar, const story_event *E, int64_t T, recoupe_story *s) {
    size_t n = E->n;
    member *m = arena_alloc(ar, n * sizeof *m);
    const char **langs = arena_alloc(ar, n * sizeof *langs), **srcs = arena_alloc(ar, n * sizeof *srcs);
    count *cnt = arena_alloc(ar, n * sizeof *cnt);
    char *srcbuf = arena_alloc(ar, n * 128);
    if (!m || !langs || !srcs || !cnt || !srcbuf) return -1;
    if (rank_members(e, E, m) != 0) return -1;
    if (fill_articles(e, ar, m, n, langs, srcs, srcbuf, s) != 0) return -1;
    s->id = E->id;
    s->topic = e->topics[E->topic].id;
    if (set_languages(e, ar, m, n, langs, cnt, s) != 0) return -1;
    size_t outlets = 0;
    if (set_sources(e, ar, m, n, srcs, cnt, s, &outlets) != 0) return -1;
    s->importance = importance_of(e, m, s, outlets, T);
    return 0;
}

int story_records_build(recoupe_engine *e) {
    if (!e->dirty && e->stories) return 0;
    story_records_free(e);
    arena *ar = calloc(1, sizeof *ar);
    if (!ar) return -1;
    e->rec_mem = ar;
    size_t n = 0;
    for (size_t i = 0; i < e->n_events; i++) n += e->events[i].alive && e->events[i].n;
    e->stories = calloc(n ? n : 1, sizeof *e->stories);
    if (!e->stories) return -1;
    int64_t T = INT64_MIN;
    for (size_t i = 0; i < e->n_docs; i++)
        if (e->docs[i].alive && e->docs[i].ts != INT64_MIN && (T == INT64_MIN || e->docs[i].ts > T)) T = e->docs[i].ts;
    size_t k = 0;
    for (size_t i = 0; i < e->n_events; i++) {
        const story_event *E = &e->events[i];
        if (!E->alive || !E->n) continue;
        if (build_one(e, ar, E, T, &e->stories[k]) != 0) {
            story_records_free(e);
            return -1;
        }
        k++;
    }
    qsort(e->stories, k, sizeof *e->stories, cmp_story);
    e->n_stories = k;
    e->dirty = 0;
    return 0;
}

size_t recoupe_engine_story_count(recoupe_engine *e) {
    if (!e || story_records_build(e) != 0) return 0;
    return e->n_stories;
}

const recoupe_story *recoupe_engine_story(recoupe_engine *e, size_t i) {
    if (!e || story_records_build(e) != 0 || i >= e->n_stories) return NULL;
    return &e->stories[i];
}
