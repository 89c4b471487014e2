/* serve_api.c: the request handlers of `recoupe serve`: the tgnews API (PUT and
 * DELETE /<name>, GET /threads) and the native JSON API under /api/.
 *
 * A PUT's article is read, decoded, extracted, analysed and given its story
 * features here, on the request's thread, before it is handed to the writer;
 * reads come from the index's snapshot or the store's read connection. Names are
 * checked before anything else: 1 to 255 bytes, no '/', no "..", no control
 * character (NUL arrives as one). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve_routes.h"

int serve_hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static const char *bad_name(const char *name) {
    size_t n = strlen(name);
    if (n == 0) return "an empty name";
    if (n > 255) return "a name over 255 bytes";
    if (strchr(name, '/')) return "a name with '/'";
    if (strstr(name, "..")) return "a name with '..'";
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return "a name with a control character";
    return NULL;
}

/* max-age=N from Cache-Control; -1 when missing or not a number */
static long long max_age_of(struct MHD_Connection *c) {
    const char *cc = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cache-Control");
    const char *p = cc ? strstr(cc, "max-age=") : NULL;
    if (!p) return -1;
    p += 8;
    if (*p < '0' || *p > '9') return -1;
    char *end;
    long long v = strtoll(p, &end, 10);
    return *end && *end != ',' && *end != ' ' ? -1 : v;
}

/* the article of a body, through every per-article stage; never NULL unless out of memory */
static recoupe_article *prepare(const char *name, const char *body, size_t len) {
    recoupe_article *a = NULL;
    if (recoupe_article_from_memory(name, body ? body : "", len, &a) != RECOUPE_OK || !a) {
        recoupe_article_free(a);
        if (!(a = recoupe_article_new())) return NULL; /* an empty or binary body: an empty article */
    }
    free(a->id);
    free(a->file);
    a->id = strdup(name);
    a->file = strdup(name);
    if (!a->id || !a->file) {
        recoupe_article_free(a);
        return NULL;
    }
    /* a failed stage leaves the article with less to go on, never a failed PUT */
    /* one trip: a failed stage leaves the article with less to go on, never a
     * failed PUT (the engine computes missing features itself) */
    if (recoupe_article_process(a, RECOUPE_STAGE_DECODE | RECOUPE_STAGE_EXTRACT | RECOUPE_STAGE_ANALYSE |
                                       RECOUPE_STAGE_FEATURES | RECOUPE_STAGE_CLASSIFY) != RECOUPE_OK)
        return a;
    return a;
}

int serve_put_named(struct MHD_Connection *c, void *req, serve_index *ix, const char *name, const char *body,
                    size_t len, long long max_age) {
    const char *why = bad_name(name);
    if (why) return serve_error(c, req, 400, why);
    recoupe_article *a = prepare(name, body, len);
    if (!a) return serve_error(c, req, 500, "out of memory");
    serve_job job = {.kind = JOB_PUT, .name = name, .a = a, .max_age = max_age};
    serve_index_submit(ix, &job);
    if (job.status >= 300) return serve_error(c, req, job.status, "the article could not be stored");
    if (job.status == 204) return serve_answer(c, req, 204, NULL, NULL, 0);
    return serve_json(c, req, 201, json_pack("{s:s}", "name", name));
}

int serve_put(struct MHD_Connection *c, void *req, serve_index *ix, const char *name, const char *body, size_t len) {
    const char *why = bad_name(name);
    if (why) return serve_error(c, req, 400, why);
    long long max_age = max_age_of(c);
    if (max_age < 0) return serve_error(c, req, 400, "Cache-Control: max-age=<seconds> is required");
    return serve_put_named(c, req, ix, name, body, len, max_age);
}

int serve_delete(struct MHD_Connection *c, void *req, serve_index *ix, const char *name) {
    const char *why = bad_name(name);
    if (why) return serve_error(c, req, 400, why);
    serve_job job = {.kind = JOB_DELETE, .name = name};
    serve_index_submit(ix, &job);
    if (job.status == 204) return serve_answer(c, req, 204, NULL, NULL, 0);
    return serve_error(c, req, job.status, job.status == 404 ? "no such article" : "the store failed");
}

static const char *arg(struct MHD_Connection *c, const char *key) {
    return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
}

/* a non-negative integer argument: 0 and *v set, 1 when absent, -1 when bad */
static int num_arg(struct MHD_Connection *c, const char *key, long long *v) {
    const char *s = arg(c, key);
    if (!s || !*s) return 1;
    char *end;
    long long x = strtoll(s, &end, 10);
    if (*end || x < 0 || *s == '-') return -1;
    *v = x;
    return 0;
}

/* the contest's categories: a story's is that of most of its news articles,
 * "other" when none was classified */
static const char *const categories[] = {"society",       "economy", "technology", "sports",
                                         "entertainment", "science", "other",      NULL};

static json_t *names_of(const snapshot *s, const snap_story *st) {
    json_t *a = json_array();
    for (size_t j = 0; a && j < st->n_art; j++)
        json_array_append_new(a, json_string(SNAP_STR(s, s->arts[st->art + j].name)));
    return a;
}

/* the story passes the period (counted back from the newest date) and language */
static int keep(const snapshot *s, const snap_story *st, long long period, const char *lang) {
    if (lang && *lang && strcmp(SNAP_STR(s, st->lang), lang) != 0) return 0;
    if (period >= 0 && st->last != INT64_MIN && s->newest != INT64_MIN && st->last < s->newest - period) return 0;
    return 1;
}

/* the story is of category cat (NULL: any) */
static int of_category(const snap_story *st, const char *cat) {
    return !cat || !strcmp(st->category ? st->category : "other", cat);
}

/* what GET /threads asks: the period (-1: all), the language (NULL: any) and the
 * category (NULL: any, each thread then saying its own) */
typedef struct threads_query {
    long long period;
    const char *lang, *cat;
} threads_query;

static json_t *make_threads(snapshot *s, void *user, const char **error) {
    (void)error;
    const threads_query *q = user;
    json_t *th = json_array();
    for (size_t i = 0; th && i < s->n_stories; i++) {
        const snap_story *st = &s->stories[i];
        if (!keep(s, st, q->period, q->lang) || !of_category(st, q->cat)) continue;
        json_t *o = json_pack("{s:s,s:o}", "title", SNAP_STR(s, st->title), "articles", names_of(s, st));
        if (o && !q->cat) json_object_set_new(o, "category", json_string(st->category ? st->category : "other"));
        json_array_append_new(th, o);
    }
    return th ? json_pack("{s:o}", "threads", th) : NULL;
}

int serve_threads(struct MHD_Connection *c, void *req, serve_index *ix) {
    long long period = -1;
    if (num_arg(c, "period", &period) < 0) return serve_error(c, req, 400, "period must be seconds");
    const char *lang = arg(c, "lang_code"), *cat = arg(c, "category");
    int any = !cat || !*cat || !strcmp(cat, "any"), known = any;
    for (int i = 0; !known && categories[i]; i++) known = !strcmp(cat, categories[i]);
    if (!known) return serve_error(c, req, 400, "unknown category");
    /* the answer depends on the snapshot and these three only: made once per
     * snapshot (a new one comes every 250 ms at most under a steady ingest) */
    char key[64];
    snprintf(key, sizeof key, "%lld %.16s %.8s", period, any ? "any" : cat, lang ? lang : "");
    int cacheable = !lang || strlen(lang) <= 8;
    threads_query q = {period, lang, any ? NULL : cat};
    return serve_snapshot_answer(c, req, serve_snapshot_fresh(ix), cacheable ? key : NULL, make_threads, &q);
}
