/* serve_snap.c: snapshots of the stories for the server's readers.
 *
 * The writer thread copies what the engine holds (each story's id, title,
 * language, dates, importance, outlets, and the name, title, site, date and
 * language of its articles) into one immutable block: a few arrays and one
 * string buffer addressed by offsets, so that a snapshot of 100,000 articles is
 * a handful of allocations. Readers hold it by reference count. */
#include <stdlib.h>
#include <string.h>

#include "serve.h"

typedef struct strbuf {
    char *p;
    size_t n, cap;
    int failed;
} strbuf;

/* appends s (NULL or "" give offset 0) and returns its offset */
static size_t put_str(strbuf *b, const char *s) {
    if (!s || !*s || b->failed) return 0;
    size_t len = strlen(s) + 1;
    if (b->n + len > b->cap) {
        size_t c = b->cap * 2 + len;
        char *p = realloc(b->p, c);
        if (!p) {
            b->failed = 1;
            return 0;
        }
        b->p = p;
        b->cap = c;
    }
    memcpy(b->p + b->n, s, len);
    b->n += len;
    return b->n - len;
}

void snapshot_release(snapshot *s) {
    if (!s || atomic_fetch_sub(&s->refs, 1) != 1) return;
    for (size_t i = 0; i < s->n_answers; i++) {
        free(s->answers[i].key);
        free(s->answers[i].body);
    }
    pthread_mutex_destroy(&s->cache_lock);
    for (int i = 0; i < 8; i++) pthread_mutex_destroy(&s->making[i]);
    free(s->stories);
    free(s->arts);
    free(s->srcs);
    free(s->strings);
    free(s);
}

static const char *name_of(const recoupe_article *a) {
    return a->id ? a->id : a->file;
}

static int cmp_map(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* the public id of an engine id (map: sorted pairs from, to) */
uint64_t snapshot_public_id(const uint64_t *map, size_t n, uint64_t id) {
    const uint64_t *hit = n ? bsearch(&id, map, n, 2 * sizeof *map, cmp_map) : NULL;
    return hit ? hit[1] : id;
}

snapshot *snapshot_build(recoupe_engine *e, const uint64_t *map, size_t n_map, int64_t newest) {
    snapshot *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    atomic_init(&s->refs, 1);
    pthread_mutex_init(&s->cache_lock, NULL);
    for (int i = 0; i < 8; i++) pthread_mutex_init(&s->making[i], NULL);
    size_t ns = recoupe_engine_story_count(e), na = 0, nsrc = 0;
    for (size_t i = 0; i < ns; i++) {
        const recoupe_story *st = recoupe_engine_story(e, i);
        if (st) na += st->n_articles, nsrc += st->n_sources;
    }
    s->stories = calloc(ns ? ns : 1, sizeof *s->stories);
    s->arts = calloc(na ? na : 1, sizeof *s->arts);
    s->srcs = calloc(nsrc ? nsrc : 1, sizeof *s->srcs);
    strbuf b = {malloc(4096), 1, 4096, 0};
    if (!s->stories || !s->arts || !s->srcs || !b.p) goto bad;
    b.p[0] = 0;
    size_t k = 0, ks = 0, out = 0;
    for (size_t i = 0; i < ns; i++) {
        const recoupe_story *st = recoupe_engine_story(e, i);
        if (!st) continue;
        snap_story *d = &s->stories[out++];
        d->id = snapshot_public_id(map, n_map, st->id);
        d->title = put_str(&b, st->title);
        d->lang = put_str(&b, st->lang);
        d->first = st->first;
        d->last = st->last;
        d->importance = st->importance;
        d->independent_sources = st->independent_sources;
        d->category = recoupe_story_category(st);
        d->art = k;
        d->n_art = st->n_articles;
        for (size_t j = 0; j < st->n_articles; j++) {
            const recoupe_article *a = st->articles[j];
            snap_article *sa = &s->arts[k++];
            sa->name = put_str(&b, name_of(a));
            sa->title = put_str(&b, a->title);
            sa->site = put_str(&b, a->site);
            sa->date = put_str(&b, a->date);
            sa->lang = put_str(&b, a->detected_lang);
        }
        d->src = ks;
        d->n_src = st->n_sources;
        for (size_t j = 0; j < st->n_sources; j++) s->srcs[ks++] = put_str(&b, st->sources[j]);
    }
    if (b.failed) goto bad;
    s->n_stories = out;
    s->n_arts = k;
    s->n_srcs = ks;
    s->strings = b.p;
    s->strings_len = b.n;
    s->newest = newest;
    s->n_articles = recoupe_engine_article_count(e);
    return s;
bad:
    free(b.p);
    snapshot_release(s);
    return NULL;
}

const snap_story *snapshot_find(const snapshot *s, uint64_t id) {
    for (size_t i = 0; s && i < s->n_stories; i++)
        if (s->stories[i].id == id) return &s->stories[i];
    return NULL;
}

pthread_mutex_t *snapshot_making(snapshot *s, const char *key) {
    uint32_t h = 2166136261u;
    for (const char *p = key; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
    return &s->making[h % 8];
}

int snapshot_cached(snapshot *s, const char *key, char **body, size_t *len) {
    int found = 0;
    pthread_mutex_lock(&s->cache_lock);
    for (size_t i = 0; i < s->n_answers && !found; i++) {
        if (strcmp(s->answers[i].key, key) != 0) continue;
        found = (*body = malloc(s->answers[i].len + 1)) != NULL;
        if (found) memcpy(*body, s->answers[i].body, s->answers[i].len + 1), *len = s->answers[i].len;
        break;
    }
    pthread_mutex_unlock(&s->cache_lock);
    return found;
}

void snapshot_cache(snapshot *s, const char *key, const char *body, size_t len) {
    pthread_mutex_lock(&s->cache_lock);
    int known = 0;
    for (size_t i = 0; i < s->n_answers && !known; i++) known = !strcmp(s->answers[i].key, key);
    if (!known && s->n_answers < SNAP_ANSWERS) {
        char *k = strdup(key), *b = malloc(len + 1);
        if (k && b) {
            memcpy(b, body, len);
            b[len] = 0;
            s->answers[s->n_answers++] = (struct snap_answer){k, b, len};
        } else {
            free(k);
            free(b);
        }
    }
    pthread_mutex_unlock(&s->cache_lock);
}
