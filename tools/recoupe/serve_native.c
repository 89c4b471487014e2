/* serve_native.c: the native JSON API of `recoupe serve`, under /api/:
 * GET /api/stories (filters since, lang, q, limit), GET /api/stories/{id},
 * GET /api/search?q= (the store's FTS5 index, BM25, snippets),
 * GET /api/articles/{name} and POST /api/articles (a JSON Lines record, or HTML
 * with ?name=). Story ids are decimal strings: they are 64-bit and JavaScript's
 * numbers are not. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve_routes.h"

static json_t *str_or_null(const char *s) {
    return s && *s ? json_string(s) : json_null();
}

static json_t *id_json(uint64_t id) {
    char b[24];
    snprintf(b, sizeof b, "%llu", (unsigned long long)id);
    return json_string(b);
}

static json_t *time_json(int64_t t) {
    return t == INT64_MIN ? json_null() : json_integer((json_int_t)t);
}

static json_t *story_json(const snapshot *s, const snap_story *st, int full) {
    json_t *o = json_object();
    json_object_set_new(o, "id", id_json(st->id));
    json_object_set_new(o, "title", json_string(SNAP_STR(s, st->title)));
    json_object_set_new(o, "lang", json_string(SNAP_STR(s, st->lang)));
    json_object_set_new(o, "size", json_integer((json_int_t)st->n_art));
    json_object_set_new(o, "independent_sources", json_integer((json_int_t)st->independent_sources));
    json_object_set_new(o, "first", time_json(st->first));
    json_object_set_new(o, "last", time_json(st->last));
    json_object_set_new(o, "importance", json_real(st->importance));
    json_object_set_new(o, "category", json_string(st->category ? st->category : "other"));
    json_t *src = json_array();
    for (size_t j = 0; j < st->n_src; j++) json_array_append_new(src, json_string(SNAP_STR(s, s->srcs[st->src + j])));
    json_object_set_new(o, "sources", src);
    json_t *arts = json_array();
    for (size_t j = 0; j < st->n_art && (full || j < 3); j++) {
        const snap_article *a = &s->arts[st->art + j];
        json_array_append_new(
            arts, json_pack("{s:s,s:o,s:o,s:o,s:o}", "name", SNAP_STR(s, a->name), "title",
                            str_or_null(SNAP_STR(s, a->title)), "site", str_or_null(SNAP_STR(s, a->site)), "date",
                            str_or_null(SNAP_STR(s, a->date)), "lang", str_or_null(SNAP_STR(s, a->lang))));
    }
    json_object_set_new(o, "articles", arts);
    return o;
}

/* ASCII case-insensitive substring */
static int has_words(const char *hay, const char *needle) {
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++)
        if (strncasecmp(p, needle, n) == 0) return 1;
    return n == 0;
}

static int list_stories(struct MHD_Connection *c, void *req, serve_index *ix) {
    const char *lang = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
    const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "q");
    const char *since = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "since");
    const char *lim = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "limit");
    char *end;
    long long from = since && *since ? strtoll(since, &end, 10) : 0;
    if (since && *since && *end) return serve_error(c, req, 400, "since must be Unix seconds");
    long long limit = lim && *lim ? strtoll(lim, &end, 10) : 50;
    if ((lim && *lim && *end) || limit < 0) return serve_error(c, req, 400, "limit must be a count");
    snapshot *s = serve_snapshot_fresh(ix);
    json_t *arr = json_array();
    for (size_t i = 0; i < s->n_stories && (long long)json_array_size(arr) < limit; i++) {
        const snap_story *st = &s->stories[i];
        if (lang && *lang && strcmp(SNAP_STR(s, st->lang), lang)) continue;
        if (since && *since && st->last != INT64_MIN && st->last < from) continue;
        if (q && *q && !has_words(SNAP_STR(s, st->title), q)) continue;
        json_array_append_new(arr, story_json(s, st, 0));
    }
    json_t *doc = json_pack("{s:I,s:I,s:o}", "articles", (json_int_t)s->n_articles, "stories", (json_int_t)s->n_stories,
                            "results", arr);
    snapshot_release(s);
    return serve_json(c, req, 200, doc);
}

static int one_story(struct MHD_Connection *c, void *req, serve_index *ix, const char *id) {
    char *end;
    unsigned long long v = strtoull(id, &end, 10);
    if (!*id || *end || !isdigit((unsigned char)*id)) return serve_error(c, req, 400, "a story id is digits");
    snapshot *s = serve_snapshot_fresh(ix);
    const snap_story *st = snapshot_find(s, v);
    json_t *doc = st ? story_json(s, st, 1) : NULL;
    snapshot_release(s);
    if (!st) return serve_error(c, req, 404, "no such story");
    return serve_json(c, req, 200, doc);
}

static int on_hit(void *user, const char *name, const char *title, const char *snippet, double score) {
    json_array_append_new(user, json_pack("{s:s,s:o,s:o,s:f}", "name", name, "title", str_or_null(title), "snippet",
                                          str_or_null(snippet), "score", score));
    return 0;
}

typedef struct search_query {
    serve_index *ix;
    const char *q;
    size_t limit;
} search_query;

static json_t *make_search(snapshot *s, void *user, const char **error) {
    (void)s;
    const search_query *sq = user;
    json_t *arr = json_array();
    if (recoupe_store_search(serve_index_store(sq->ix), sq->q, sq->limit, on_hit, arr) != RECOUPE_OK) {
        json_decref(arr);
        *error = "the search failed";
        return NULL;
    }
    return json_pack("{s:s,s:o}", "q", sq->q, "results", arr);
}

static int search(struct MHD_Connection *c, void *req, serve_index *ix) {
    const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "q");
    const char *lim = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "limit");
    if (!q) return serve_error(c, req, 400, "q= is required");
    long long limit = lim ? atoll(lim) : 20;
    size_t n = limit > 0 && limit <= 1000 ? (size_t)limit : 20;
    /* the same search is answered once per snapshot, as /threads: the store moves
     * on with every commit, the answers a snapshot at a time (250 ms at most under
     * a steady ingest; an idle server's next snapshot has what was just put) */
    char key[512];
    int cacheable = strlen(q) < 400;
    if (cacheable) snprintf(key, sizeof key, "search %zu %s", n, q);
    search_query sq = {ix, q, n};
    return serve_snapshot_answer(c, req, serve_snapshot_fresh(ix), cacheable ? key : NULL, make_search, &sq);
}

static int get_article(struct MHD_Connection *c, void *req, serve_index *ix, const char *name) {
    recoupe_article *a = NULL;
    recoupe_store_row row;
    recoupe_status st = recoupe_store_get(serve_index_store(ix), name, &a, &row);
    if (st == RECOUPE_ERR_NOTFOUND) return serve_error(c, req, 404, "no such article");
    if (st != RECOUPE_OK) return serve_error(c, req, 500, "the store failed");
    char *js = recoupe_article_json(a, "id,url,title,date,site,author,lang,detected_lang,text", NULL);
    recoupe_article_free(a);
    json_t *doc = js ? json_loads(js, 0, NULL) : NULL;
    free(js);
    if (doc) {
        json_object_set_new(doc, "max_age", json_integer((json_int_t)row.max_age));
        json_object_set_new(doc, "story", id_json(row.story));
    }
    return serve_json(c, req, 200, doc);
}

/* POST /api/articles: a JSON object as JSON Lines has it (its "id" names it), or
 * HTML with ?name=; ?max_age= seconds (default 0: never expires) */
static int post_article(struct MHD_Connection *c, void *req, serve_index *ix, const char *body, size_t len) {
    const char *name = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "name");
    const char *ma = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "max_age");
    char idbuf[256] = "";
    if (!name && body && len && body[0] == '{') {
        json_t *o = json_loadb(body, len, 0, NULL);
        const char *id = json_string_value(json_object_get(o, "id"));
        if (id) snprintf(idbuf, sizeof idbuf, "%s", id);
        json_decref(o);
        name = idbuf;
    }
    if (!name || !*name) return serve_error(c, req, 400, "a name: the record's \"id\" or ?name=");
    return serve_put_named(c, req, ix, name, body, len, ma ? atoll(ma) : 0);
}

int serve_api(struct MHD_Connection *c, void *req, serve_index *ix, const char *method, const char *path,
              const char *body, size_t len) {
    int get = !strcmp(method, "GET");
    if (!strcmp(path, "stories")) return get ? list_stories(c, req, ix) : serve_error(c, req, 405, "GET only");
    if (!strncmp(path, "stories/", 8))
        return get ? one_story(c, req, ix, path + 8) : serve_error(c, req, 405, "GET only");
    if (!strcmp(path, "search")) return get ? search(c, req, ix) : serve_error(c, req, 405, "GET only");
    if (!strcmp(path, "articles"))
        return !strcmp(method, "POST") ? post_article(c, req, ix, body, len) : serve_error(c, req, 405, "POST only");
    if (!strncmp(path, "articles/", 9))
        return get ? get_article(c, req, ix, path + 9) : serve_error(c, req, 405, "GET only");
    return serve_error(c, req, 404, "no such path");
}
