/* stories.c: the stories as JSON (recoupe_engine_json_with), one function per
 * shape: the tgnews contest's (threads, top, topics, languages) and the full
 * story records (stories). Each writes into one buffer with util/json.h's writer
 * what the engine's records hold (story/records.c builds them); the shapes are
 * documented in recoupe.h. A shape is one entry of the table below, so a new
 * one (an HTML report beside them) is a function and a line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "story/story.h"
#include "util/json.h"

/* what a shape prints: the stories selected, and how many at most */
typedef struct selection {
    size_t limit, min_size;
} selection;

static void names(buf *b, const recoupe_story *s) {
    buf_putc(b, '[');
    for (size_t j = 0; j < s->n_articles; j++) {
        json_sep(b);
        json_str(b, story_article_name(s->articles[j]));
    }
    buf_putc(b, ']');
}

/* "key": [the n strings of v] */
static void strings(buf *b, const char *key, const char *const *v, size_t n) {
    json_key(b, key);
    buf_putc(b, '[');
    for (size_t j = 0; j < n; j++) {
        json_sep(b);
        json_str(b, v[j]);
    }
    buf_putc(b, ']');
}

/* A story's first or last date, in the form its article gives it (ISO 8601, with
 * the offset when the article has one, a day alone when that is all it has), so
 * that a story's dates read like its articles'; in UTC ("+00:00") only when no
 * article of that instant has a date of its own. */
static void story_date(buf *b, const char *key, const recoupe_story *s, int64_t t) {
    json_key(b, key);
    if (t == INT64_MIN) {
        buf_puts(b, "null");
        return;
    }
    for (size_t i = 0; i < s->n_articles; i++) {
        const recoupe_article *a = s->articles[i];
        if (a->timestamp == t && a->date && *a->date) {
            json_str(b, a->date);
            return;
        }
    }
    char tmp[40];
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(tmp, sizeof tmp, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
    json_str(b, tmp);
}

static const char *prep_title(const recoupe_article *a) {
    const story_prep *p = a->analysis.slot[RECOUPE_SLOT_FEATURES].data;
    return p && p->magic == STORY_PREP_MAGIC ? p->title : a->title;
}

static int cmp_str(const void *x, const void *y) {
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* story indices by (topic id, index), ctx: the stories; runs of one topic by the
 * index of their first event, ctx: the sorted indices (qsort_r) */
static int cmp_topic_index(const void *x, const void *y, void *ctx) {
    const recoupe_story *st = ctx;
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    uint64_t ta = st[a].topic, tb = st[b].topic;
    if (ta != tb) return ta < tb ? -1 : 1;
    return a < b ? -1 : a > b;
}

static int cmp_first_event(const void *x, const void *y, void *ctx) {
    const size_t *ord = ctx;
    size_t a = ord[*(const size_t *)x], b = ord[*(const size_t *)y];
    return a < b ? -1 : a > b;
}

/* the news categories, in the contest's order */
static const char *const categories[] = {"society",       "economy", "technology", "sports",
                                         "entertainment", "science", "other"};
#define N_CATEGORIES (sizeof categories / sizeof categories[0])

RECOUPE_API const char *recoupe_story_category(const recoupe_story *s) {
    if (!s) return NULL;
    size_t count[N_CATEGORIES] = {0}, best = 0, any = 0;
    for (size_t j = 0; j < s->n_articles; j++) {
        const recoupe_analysis *an = &s->articles[j]->analysis;
        if (!(an->done & RECOUPE_STAGE_CLASSIFY) || !an->category || !an->is_news) continue;
        for (size_t k = 0; k < N_CATEGORIES; k++)
            if (!strcmp(an->category, categories[k])) count[k]++, any = 1;
    }
    for (size_t k = 1; k < N_CATEGORIES; k++)
        if (count[k] > count[best]) best = k;
    return any ? categories[best] : NULL;
}

/* the events of category cat (NULL: all), most important first, as thread objects */
static void events(buf *b, const recoupe_engine *e, const selection *sel, int top, const char *cat) {
    size_t shown = 0;
    for (size_t i = 0; i < e->n_stories && shown < sel->limit; i++) {
        if (e->stories[i].n_articles < sel->min_size) continue;
        const char *c = top ? recoupe_story_category(&e->stories[i]) : NULL;
        if (cat && (!c || strcmp(c, cat))) continue;
        shown++;
        json_sep(b);
        buf_putc(b, '{');
        json_kv_str(b, "title", e->stories[i].title);
        if (top) json_kv_str(b, "category", c ? c : "any");
        json_key(b, "articles");
        names(b, &e->stories[i]);
        buf_putc(b, '}');
    }
}

/* "threads" and "top": events, most important first; top: the "any" block, then
 * one block per category when the articles were classified */
static int shape_events(buf *b, const recoupe_engine *e, const selection *sel, int top) {
    if (!top) {
        events(b, e, sel, 0, NULL);
        return 0;
    }
    buf_puts(b, "{\"category\":\"any\",\"threads\":[");
    events(b, e, sel, 1, NULL);
    buf_puts(b, "]}");
    int classified = 0;
    for (size_t i = 0; i < e->n_stories && !classified; i++)
        classified = recoupe_story_category(&e->stories[i]) != NULL;
    for (size_t k = 0; classified && k < N_CATEGORIES; k++) {
        buf_puts(b, ",{\"category\":");
        json_str(b, categories[k]);
        buf_puts(b, ",\"threads\":[");
        events(b, e, sel, 1, categories[k]);
        buf_puts(b, "]}");
    }
    return 0;
}

static int shape_threads(buf *b, const recoupe_engine *e, const selection *sel) {
    return shape_events(b, e, sel, 0);
}
static int shape_top(buf *b, const recoupe_engine *e, const selection *sel) {
    return shape_events(b, e, sel, 1);
}

/* "topics": one entry per topic */
static int shape_topics(buf *b, const recoupe_engine *e, const selection *sel) {
    size_t limit = sel->limit, min_size = sel->min_size, shown = 0;
    /* events of one topic together, the topic titled by its most important event
     * and placed where that event is: the stories' indices sorted by (topic, index),
     * then the topics in the order of their first event */
    size_t n = e->n_stories, *ord = malloc((n ? n : 1) * 2 * sizeof *ord);
    if (!ord) return -1;
    size_t *first = ord + n; /* the topics' first events, in order */
    for (size_t i = 0; i < n; i++) ord[i] = i;
    qsort_r(ord, n, sizeof *ord, cmp_topic_index, e->stories);
    size_t nt = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || e->stories[ord[i]].topic != e->stories[ord[i - 1]].topic) first[nt++] = i;
    qsort_r(first, nt, sizeof *first, cmp_first_event, ord); /* by the index of the run's first event */
    for (size_t t = 0; t < nt && shown < limit; t++) {
        const recoupe_story *s = &e->stories[ord[first[t]]];
        size_t size = 0;
        for (size_t k = first[t]; k < n && e->stories[ord[k]].topic == s->topic; k++)
            size += e->stories[ord[k]].n_articles;
        if (size < min_size) continue;
        shown++;
        json_sep(b);
        buf_putc(b, '{');
        json_kv_str(b, "title", s->title);
        json_key(b, "articles");
        buf_putc(b, '[');
        for (size_t k = first[t]; k < n && e->stories[ord[k]].topic == s->topic; k++) {
            const recoupe_story *ev = &e->stories[ord[k]];
            for (size_t a = 0; a < ev->n_articles; a++) {
                json_sep(b);
                json_str(b, story_article_name(ev->articles[a]));
            }
        }
        buf_puts(b, "]}");
    }
    free(ord);
    return 0;
}

/* "languages": every article, by the language of its text */
static int shape_languages(buf *b, const recoupe_engine *e, const selection *sel) {
    (void)sel;
    size_t n = 0;
    /* pairs lang, name sorted: languages by code, articles by name; out of
     * memory is NULL, never a list with articles missing */
    char **pair = malloc((e->n_docs ? e->n_docs : 1) * sizeof *pair);
    if (!pair) b->err = 1;
    for (size_t i = 0; !b->err && i < e->n_docs; i++) {
        if (!e->docs[i].alive) continue;
        const recoupe_article *a = e->docs[i].a;
        const char *l = a->detected_lang[0] ? a->detected_lang : "und", *nm = story_article_name(a);
        size_t ll = strlen(l), nl = strlen(nm);
        char *p = malloc(ll + nl + 2);
        if (!p) {
            b->err = 1; /* the buffer refuses everything from here: NULL below */
            break;
        }
        memcpy(p, l, ll);
        p[ll] = '\t';
        memcpy(p + ll + 1, nm, nl + 1);
        pair[n++] = p;
    }
    if (pair) qsort(pair, n, sizeof *pair, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char *tab = strchr(pair[i], '\t');
        size_t ll = (size_t)(tab - pair[i]);
        if (i == 0 || strncmp(pair[i - 1], pair[i], ll + 1)) {
            if (i) buf_puts(b, "]}");
            json_sep(b);
            buf_putc(b, '{');
            json_key(b, "lang_code");
            json_strn(b, pair[i], ll);
            json_key(b, "articles");
            buf_putc(b, '[');
        }
        json_sep(b);
        json_str(b, tab + 1);
    }
    if (n) buf_puts(b, "]}");
    for (size_t i = 0; i < n; i++) free(pair[i]);
    free(pair);
    return 0;
}

/* "stories": the full records */
static int shape_stories(buf *b, const recoupe_engine *e, const selection *sel) {
    size_t limit = sel->limit, min_size = sel->min_size, shown = 0;
    char idbuf[24];
    for (size_t i = 0; i < e->n_stories && shown < limit; i++) {
        const recoupe_story *s = &e->stories[i];
        if (s->n_articles < min_size) continue;
        shown++;
        json_sep(b);
        buf_putc(b, '{');
        snprintf(idbuf, sizeof idbuf, "%016llx", (unsigned long long)s->id);
        json_kv_str(b, "id", idbuf);
        snprintf(idbuf, sizeof idbuf, "%016llx", (unsigned long long)s->topic);
        json_kv_str(b, "topic", idbuf);
        json_kv_str(b, "title", s->title);
        json_kv_str(b, "lang", s->lang);
        strings(b, "languages", s->languages, s->n_languages);
        json_kv_int(b, "size", (long long)s->n_articles);
        strings(b, "sources", s->sources, s->n_sources);
        json_kv_int(b, "independent_sources", (long long)s->independent_sources);
        story_date(b, "first", s, s->first);
        story_date(b, "last", s, s->last);
        json_kv_num(b, "importance", s->importance);
        json_kv_str(b, "category", recoupe_story_category(s));
        json_key(b, "articles");
        buf_putc(b, '[');
        for (size_t j = 0; j < s->n_articles; j++) {
            const recoupe_article *a = s->articles[j];
            json_sep(b);
            buf_putc(b, '{');
            json_kv_str(b, "name", story_article_name(a));
            json_kv_str(b, "title", prep_title(a));
            json_kv_str(b, "site", a->site);
            json_kv_str(b, "date", a->date);
            json_kv_str(b, "lang", a->detected_lang[0] ? a->detected_lang : "und");
            json_kv_num(b, "centrality", s->centrality[j]);
            buf_putc(b, '}');
        }
        buf_putc(b, ']');
        story_facts_members(b, s); /* "entities" and "claims" when the articles have facts */
        buf_putc(b, '}');
    }
    return 0;
}

static const struct {
    const char *name;
    int (*write)(buf *b, const recoupe_engine *e, const selection *sel);
} shapes[] = {
    {"threads", shape_threads},     {"top", shape_top},         {"topics", shape_topics},
    {"languages", shape_languages}, {"stories", shape_stories},
};

char *recoupe_engine_json(recoupe_engine *e, const char *shape) {
    return recoupe_engine_json_with(e, shape, NULL);
}

char *recoupe_engine_json_with(recoupe_engine *e, const char *shape, const recoupe_json_options *o) {
    if (!e || !shape) return NULL;
    size_t k = 0, n = sizeof shapes / sizeof shapes[0];
    while (k < n && strcmp(shapes[k].name, shape)) k++;
    if (k == n || story_records_build(e) != 0) return NULL;
    selection sel = {o && o->limit ? o->limit : SIZE_MAX, o ? o->min_size : 0};
    buf b = BUF_INIT;
    buf_init(&b, 0);
    buf_putc(&b, '[');
    if (shapes[k].write(&b, e, &sel) != 0 || buf_putc(&b, ']') != 0 || buf_putc(&b, '\n') != 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}
