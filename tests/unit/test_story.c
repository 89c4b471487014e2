/* test_story.c: the story module: features, vectors, the index, clustering
 * invariants (order and job independence, duplicate groups whole) and the engine
 * (batch result, stable ids under incremental adds, removal). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "recoupe.h"
#include "story/story.h"

static const char *T[][2] = {
    {"Flood hits Riverton after record rainfall",
     "Heavy rain caused the Blue River to burst its banks in Riverton on Monday. Mayor Jane Holt said 300 homes were "
     "evacuated and the Riverton bridge was closed."},
    {"Riverton evacuates 300 homes as Blue River floods",
     "The Blue River flooded parts of Riverton after record rainfall. Mayor Jane Holt ordered 300 homes evacuated and "
     "closed the Riverton bridge."},
    {"Blue River flood: Riverton bridge closed, homes evacuated",
     "After record rainfall the Blue River burst its banks. In Riverton, 300 homes were evacuated, Mayor Jane Holt "
     "said, and the bridge stays closed."},
    {"Northfield council approves new tram line",
     "The Northfield city council voted to build a tram line linking the station to the university campus. "
     "Councillor Omar Reyes said works start in spring."},
    {"Tram line for Northfield gets council approval",
     "Northfield councillors approved the tram line between the station and the university campus, Councillor Omar "
     "Reyes said. Works start in spring."},
};
#define N (sizeof T / sizeof T[0])

static recoupe_article *art(size_t i, const char *name) {
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->file = strdup(name);
    a->title = strdup(T[i][0]);
    a->text = strdup(T[i][1]);
    strcpy(a->detected_lang, "en");
    a->timestamp = 1700000000 + (int64_t)i * 3600;
    return a;
}

static void test_features(void **state) {
    (void)state;
    story_feat *f = NULL, *g = NULL;
    size_t n = 0, m = 0;
    assert_int_equal(story_features(T[0][0], T[0][1], "en", NULL, &f, &n), 0);
    assert_int_equal(story_features(T[0][0], T[0][1], "en", NULL, &g, &m), 0);
    assert_true(n > 10);
    assert_int_equal(n, m);
    for (size_t i = 0; i < n; i++) {
        assert_true(f[i].term == g[i].term);
        assert_true(f[i].tf == g[i].tf);
    }
    for (size_t i = 1; i < n; i++) assert_true(f[i - 1].term < f[i].term);
    /* the entity "jane holt" is a feature, shared across languages */
    uint64_t ent = story_term('E', NULL, "jane holt", 9);
    int found = 0;
    for (size_t i = 0; i < n; i++) found |= f[i].term == ent;
    assert_true(found);
    free(f);
    free(g);
}

/* packing is lossless: the features of a real article (half-unit tf, the
 * marker's -1) come back bit for bit in the narrow form, and a tf that is not a
 * half-unit (or too large) keeps the whole array in the wide form */
static void test_features_pack(void **state) {
    (void)state;
    story_feat *f = NULL;
    size_t n = 0;
    assert_int_equal(story_features(T[0][0], T[0][1], "en", NULL, &f, &n), 0);
    uint64_t *pk = NULL;
    int wide = -1;
    assert_int_equal(story_feats_pack(f, n, &pk, &wide), 0);
    assert_int_equal(wide, 0);
    story_feat *g = calloc(n, sizeof *g);
    assert_non_null(g);
    story_feats_unpack(pk, n, wide, g);
    for (size_t i = 0; i < n; i++) {
        assert_true(pk[i] == f[i].term); /* the block is its own term array */
        assert_true(g[i].term == f[i].term);
        assert_memory_equal(&g[i].tf, &f[i].tf, sizeof(float));
        assert_memory_equal(&g[i].bg, &f[i].bg, sizeof(float));
    }
    free(pk);
    float odd[] = {0.3f, 40000.0f};
    for (size_t k = 0; k < 2; k++) {
        f[n / 2].tf = odd[k];
        assert_int_equal(story_feats_pack(f, n, &pk, &wide), 0);
        assert_int_equal(wide, 1);
        story_feats_unpack(pk, n, wide, g);
        for (size_t i = 0; i < n; i++) assert_memory_equal(&g[i], &f[i], sizeof *g);
        free(pk);
    }
    free(g);
    free(f);
}

static void test_vectors(void **state) {
    (void)state;
    story_df df = {0};
    story_feat *f[N];
    size_t n[N];
    for (size_t i = 0; i < N; i++) {
        assert_int_equal(story_features(T[i][0], T[i][1], "en", NULL, &f[i], &n[i]), 0);
        assert_int_equal(story_df_add(&df, f[i], n[i]), 0);
    }
    story_vec v[N];
    for (size_t i = 0; i < N; i++) assert_int_equal(story_vec_make(&df, f[i], n[i], 64, 2, &v[i]), 0);
    /* normalised over all terms: the kept part (df >= 2) is less than the whole */
    double self = story_vec_dot(&v[0], &v[0]);
    assert_true(self > 0.2 && self < 0.999);
    story_vec full;
    assert_int_equal(story_vec_make(&df, f[0], n[0], 0, 1, &full), 0);
    self = story_vec_dot(&full, &full);
    assert_true(self > 0.999 && self < 1.001);
    story_vec_free(&full);
    assert_true(story_vec_dot(&v[0], &v[1]) > story_vec_dot(&v[0], &v[3]) + 0.1);
    assert_true(story_vec_dot(&v[3], &v[4]) > story_vec_dot(&v[4], &v[1]) + 0.1);
    /* the index finds the same-event neighbour first */
    int64_t ts[N] = {0};
    for (size_t i = 0; i < N; i++) ts[i] = INT64_MIN;
    story_index_options io = {16, 4, 0.01, 0, 1000, 1};
    story_knn k;
    assert_int_equal(story_knn_build(v, ts, N, &io, &k), 0);
    assert_true(k.off[1] > k.off[0]);
    assert_true(k.nb[k.off[0]].doc == 1 || k.nb[k.off[0]].doc == 2);
    assert_true(k.nb[k.off[3]].doc == 4);
    /* jobs change nothing */
    story_knn k2;
    io.jobs = 2;
    assert_int_equal(story_knn_build(v, ts, N, &io, &k2), 0);
    assert_memory_equal(k.off, k2.off, (N + 1) * sizeof *k.off);
    assert_memory_equal(k.nb, k2.nb, k.off[N] * sizeof *k.nb);
    /* clustering: two events; a duplicate group (1 with 3) lands whole */
    uint32_t ev[N], tp[N], grp[N] = {UINT32_MAX, 7, UINT32_MAX, 7, UINT32_MAX};
    story_cluster_options co = {.event_threshold = 0.12, .topic_threshold = 0.04};
    assert_int_equal(story_cluster(&k, ts, NULL, N, &co, ev, tp), 0);
    assert_int_equal(ev[0], ev[1]);
    assert_int_equal(ev[0], ev[2]);
    assert_int_equal(ev[3], ev[4]);
    assert_int_not_equal(ev[0], ev[3]);
    for (size_t i = 0; i < N; i++) assert_int_equal(tp[ev[i]], tp[i]); /* events nest in topics */
    assert_int_equal(story_cluster(&k, ts, grp, N, &co, ev, tp), 0);
    assert_int_equal(ev[1], ev[3]);
    story_knn_free(&k);
    story_knn_free(&k2);
    for (size_t i = 0; i < N; i++) {
        story_vec_free(&v[i]);
        free(f[i]);
    }
    story_df_free(&df);
}

/* Russian stems are cut to a prefix: the noun and the adjective of one place
 * (Ставрополье / ставропольский) share a term; two different places do not */
static int shared_terms(const char *a, const char *b, const char *lang) {
    story_feat *f = NULL, *g = NULL;
    size_t n = 0, m = 0, c = 0;
    assert_int_equal(story_features(a, "", lang, NULL, &f, &n), 0);
    assert_int_equal(story_features(b, "", lang, NULL, &g, &m), 0);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++) c += f[i].term == g[j].term && story_aux_code(f[i].term) == STORY_AUX_NONE;
    free(f);
    free(g);
    return (int)c;
}

static void test_features_russian_prefix(void **state) {
    (void)state;
    int base = shared_terms("Новости Ставрополья", "Губернатор Закарпатья", "ru"); /* the language marker */
    assert_true(shared_terms("Новости Ставрополья", "Ставропольский губернатор", "ru") > base);
    assert_true(shared_terms("Закарпатье", "закарпатского отделения", "ru") > base);
}

/* a vector of n terms: `own` terms of its own (from base, weight wo) and the
 * shared terms 1..5 (weight ws), sorted by term */
static story_vec hand_vec(uint64_t base, size_t own, float wo, float ws) {
    story_vec v = {calloc(own + 5, sizeof(story_feat)), (uint32_t)(own + 5), 0};
    assert_non_null(v.v);
    for (size_t i = 0; i < 5; i++) v.v[i] = (story_feat){i + 1, ws, 0};
    for (size_t i = 0; i < own; i++) v.v[5 + i] = (story_feat){base + i, wo, 0};
    return v;
}

/* An article whose strongest terms are its own (names no other article puts
 * first) still finds its neighbours: with fewer than k neighbours among the
 * postings of its top terms, the query looks again with more of its terms. */
static void test_knn_wider_query(void **state) {
    (void)state;
    story_vec v[3] = {hand_vec(1000, 20, 0.2f, 0.05f), hand_vec(2000, 8, 0.1f, 0.3f), hand_vec(3000, 8, 0.1f, 0.3f)};
    int64_t ts[3] = {INT64_MIN, INT64_MIN, INT64_MIN};
    story_index_options io = {16, 4, 0.01, 0, 1000, 1};
    story_knn k;
    assert_int_equal(story_knn_build(v, ts, 3, &io, &k), 0);
    assert_int_equal(k.off[1] - k.off[0], 2); /* doc 0: both others, through the shared terms */
    assert_true(k.nb[k.off[0]].doc == 1 || k.nb[k.off[0]].doc == 2);
    story_knn_free(&k);
    /* the live index too */
    story_postings p = {0};
    for (uint32_t i = 1; i < 3; i++) assert_int_equal(story_postings_add(&p, i, &v[i], 16), 0);
    story_nb out[4];
    float acc[3] = {0};
    assert_int_equal(story_knn_query(&p, v, ts, NULL, 3, &v[0], INT64_MIN, 0, &io, out, acc), 2);
    story_postings_free(&p);
    for (size_t i = 0; i < 3; i++) story_vec_free(&v[i]);
}

/* stems are counted among the documents of their language (the marker's df),
 * entities among all; a word common in any text weighs less than a rare one */
static void test_language_df(void **state) {
    (void)state;
    static const char *ru[] = {"Наводнение в городе", "Мост закрыт после дождя", "Совет одобрил трамвай"};
    story_df df = {0};
    story_feat *f[4];
    size_t n[4];
    assert_int_equal(story_features(T[0][0], T[0][1], "en", NULL, &f[0], &n[0]), 0);
    for (size_t i = 0; i < 3; i++) assert_int_equal(story_features(ru[i], "", "ru", NULL, &f[i + 1], &n[i + 1]), 0);
    for (size_t i = 0; i < 4; i++) assert_int_equal(story_df_add(&df, f[i], n[i]), 0);
    assert_int_equal(story_df_get(&df, story_term('L', "en", "", 0)), 1);
    assert_int_equal(story_df_get(&df, story_term('L', "ru", "", 0)), 3);
    assert_true(story_term('S', "en", "flood", 5) & STORY_TERM_LANG_BIT);
    assert_false(story_term('E', NULL, "jane holt", 9) & STORY_TERM_LANG_BIT);
    /* "the" (background stop word) is weighed below "riverton" */
    story_vec v;
    assert_int_equal(story_vec_make(&df, f[0], n[0], 0, 1, &v), 0);
    float w_the = -1, w_riv = -1;
    uint64_t t_the = story_term('S', "en", "the", 3), t_riv = story_term('S', "en", "riverton", 8);
    for (uint32_t i = 0; i < v.n; i++) {
        if (v.v[i].term == t_the) w_the = v.v[i].tf;
        if (v.v[i].term == t_riv) w_riv = v.v[i].tf;
    }
    assert_true(w_riv > 0);
    assert_true(w_the < w_riv / 2);
    story_vec_free(&v);
    for (size_t i = 0; i < 4; i++) free(f[i]);
    story_df_free(&df);
}

/* two articles that are each other's only neighbours still do not link into one
 * event when their direct cosine is under the floor */
static void test_link_floor(void **state) {
    (void)state;
    story_nb ra[1] = {{1, (float)(STORY_LINK_FLOOR / 2)}}, rb[1] = {{0, (float)(STORY_LINK_FLOOR / 2)}};
    assert_true(story_second_order_rows(ra, 1, 0, rb, 1, 1) == 0);
    ra[0].sim = rb[0].sim = (float)(STORY_LINK_FLOOR * 2);
    assert_true(story_second_order_rows(ra, 1, 0, rb, 1, 1) > 0.99);
    /* no direct link at all: nothing at event level */
    story_nb rc[1] = {{5, 0.5f}}, rd[1] = {{5, 0.5f}};
    assert_true(story_second_order_rows(rc, 1, 0, rd, 1, 1) == 0);
}

/* the partition as a canonical string: for each article (by name), the smallest name in its story */
static void partition(recoupe_engine *e, char *out, size_t cap) {
    char rep[N][8];
    size_t ns = recoupe_engine_story_count(e);
    for (size_t s = 0; s < ns; s++) {
        const recoupe_story *st = recoupe_engine_story(e, s);
        const char *min = NULL;
        for (size_t j = 0; j < st->n_articles; j++)
            if (!min || strcmp(st->articles[j]->file, min) < 0) min = st->articles[j]->file;
        for (size_t j = 0; j < st->n_articles; j++) {
            size_t i = (size_t)(st->articles[j]->file[1] - '0');
            snprintf(rep[i], sizeof rep[i], "%s", min);
        }
    }
    out[0] = 0;
    for (size_t i = 0; i < N; i++) {
        strncat(out, rep[i], cap - strlen(out) - 1);
        strncat(out, ",", cap - strlen(out) - 1);
    }
}

static const char *names[N] = {"a0", "a1", "a2", "a3", "a4"};

static void test_engine_order(void **state) {
    (void)state;
    char p1[128], p2[128];
    recoupe_engine_options o = {0};
    o.no_duplicates = 1;
    recoupe_engine *e = recoupe_engine_new(&o);
    for (size_t i = 0; i < N; i++) assert_int_equal(recoupe_engine_add(e, art(i, names[i]), NULL), RECOUPE_OK);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    partition(e, p1, sizeof p1);
    assert_string_equal(p1, "a0,a0,a0,a3,a3,");
    uint64_t id0 = recoupe_engine_story(e, 0)->id;
    recoupe_engine_free(e);
    o.jobs = 2;
    e = recoupe_engine_new(&o);
    for (size_t i = N; i-- > 0;) assert_int_equal(recoupe_engine_add(e, art(i, names[i]), NULL), RECOUPE_OK);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    partition(e, p2, sizeof p2);
    assert_string_equal(p1, p2);
    assert_true(recoupe_engine_story(e, 0)->id == id0);
    char *json = recoupe_engine_json(e, "threads");
    assert_non_null(json);
    assert_non_null(strstr(json, "\"articles\":["));
    free(json);
    assert_null(recoupe_engine_json(e, "nonsense"));
    recoupe_engine_free(e);
}

/* options that are NaN are not numbers to compare with: every comparison with
 * NaN is false, so a NaN threshold merged nothing (every article a story of its
 * own); like 0, it means the default */
static void test_engine_nan_options(void **state) {
    (void)state;
    char p1[128];
    recoupe_engine_options o = {0};
    o.no_duplicates = 1;
    o.event_threshold = NAN;
    o.topic_threshold = NAN;
    recoupe_engine *e = recoupe_engine_new(&o);
    assert_non_null(e);
    for (size_t i = 0; i < N; i++) assert_int_equal(recoupe_engine_add(e, art(i, names[i]), NULL), RECOUPE_OK);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    partition(e, p1, sizeof p1);
    assert_string_equal(p1, "a0,a0,a0,a3,a3,");
    recoupe_engine_free(e);
}

/* handles are uint32_t (UINT32_MAX: none) and never reused: once 2^32 - 1 slots
 * were handed out, an add must fail rather than wrap to handle 0 (it wrote the
 * slot of e->docs[(uint32_t)n_docs]). The slot count is set by hand; the arrays
 * are not touched when the add is refused. */
static void test_engine_handles_full(void **state) {
    (void)state;
    recoupe_engine *e = recoupe_engine_new(NULL);
    assert_non_null(e);
    e->n_docs = UINT32_MAX;
    e->cap_docs = SIZE_MAX; /* no growth: the add would write at once */
    uint32_t h = 7;
    assert_int_equal(recoupe_engine_add(e, art(0, "a0"), &h), RECOUPE_ERR_NOMEM);
    assert_int_equal(h, 7);
    assert_int_equal(recoupe_engine_article_count(e), 0);
    e->n_docs = e->cap_docs = 0;
    recoupe_engine_free(e);
}

/* the selection of the printed stories: the most important first, at least
 * min_size articles; the languages list every article whatever the selection */
static void test_engine_json_with(void **state) {
    (void)state;
    recoupe_engine_options o = {0};
    o.no_duplicates = 1;
    recoupe_engine *e = recoupe_engine_new(&o);
    for (size_t i = 0; i < N; i++) assert_int_equal(recoupe_engine_add(e, art(i, names[i]), NULL), RECOUPE_OK);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    recoupe_json_options jo = {1, 0};
    char *all = recoupe_engine_json_with(e, "threads", NULL), *one = recoupe_engine_json_with(e, "threads", &jo);
    assert_non_null(all);
    assert_non_null(one);
    assert_non_null(strstr(all, "\"a3\""));
    assert_null(strstr(one, "\"a3\"")); /* the story of two goes, the story of three stays */
    assert_non_null(strstr(one, "\"a0\""));
    free(all);
    free(one);
    jo = (recoupe_json_options){0, 3};
    char *big = recoupe_engine_json_with(e, "stories", &jo), *none, *langs;
    assert_non_null(big);
    assert_non_null(strstr(big, "\"size\":3"));
    assert_null(strstr(big, "\"size\":2"));
    jo.min_size = 4;
    none = recoupe_engine_json_with(e, "topics", &jo);
    assert_string_equal(none, "[]\n");
    langs = recoupe_engine_json_with(e, "languages", &jo);
    assert_non_null(strstr(langs, "\"a4\""));
    free(big);
    free(none);
    free(langs);
    recoupe_engine_free(e);
}

/* a window of one second over dates 30,000 years apart: the near-duplicate
 * search is cut into the slices that hold articles, not into every slice of
 * the span (10^12 of them) */
static void test_engine_short_window_long_span(void **state) {
    (void)state;
    recoupe_engine_options o = {0};
    o.window = 1;
    recoupe_engine *e = recoupe_engine_new(&o);
    for (size_t i = 0; i < N; i++) {
        recoupe_article *a = art(i, names[i]);
        a->timestamp = i < 3 ? 1000 : (int64_t)1000000000000;
        assert_int_equal(recoupe_engine_add(e, a, NULL), RECOUPE_OK);
    }
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    assert_int_equal(recoupe_engine_article_count(e), N);
    recoupe_engine_free(e);
}

/* 20 articles on one flood, each with words of its own: neighbour rows of 8 that
 * are not symmetric. After a removal, no row the live adds read or write keeps the
 * removed article (a row that lists it, while its own row does not list back). */
static recoupe_article *flood(unsigned i) {
    static const char *const extra[] = {"bridge", "school",  "farm",    "harbour", "church",
                                        "market", "station", "stadium", "library", "hospital"};
    char title[128], text[512];
    snprintf(title, sizeof title, "Riverton flood: %s %u closed", extra[i % 10], i);
    snprintf(text, sizeof text,
             "The Blue River flooded Riverton after record rainfall. The %s and the %s were closed, Mayor Jane "
             "Holt said. Report %u, word%u, term%u.",
             extra[i % 10], extra[(i * 7 + 3) % 10], i, i * 13, i * 17);
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    char name[16];
    snprintf(name, sizeof name, "f%02u", i);
    a->file = strdup(name);
    a->title = strdup(title);
    a->text = strdup(text);
    strcpy(a->detected_lang, "en");
    a->timestamp = 1700000000 + (int64_t)i * 60;
    return a;
}

static void test_engine_remove_cleans_rows(void **state) {
    (void)state;
    recoupe_engine_options o = {0};
    o.no_duplicates = 1;
    o.recluster = -1;
    recoupe_engine *e = recoupe_engine_new(&o);
    uint32_t h[21];
    for (unsigned i = 0; i < 20; i++) assert_int_equal(recoupe_engine_add(e, flood(i), &h[i]), RECOUPE_OK);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    /* a pair x, b: b lists x among its first neighbours, x does not list b */
    uint32_t x = UINT32_MAX, b = UINT32_MAX;
    for (uint8_t j = 0; j < 4 && x == UINT32_MAX; j++)
        for (uint32_t i = 0; i < 20 && x == UINT32_MAX; i++) {
            if (j >= e->docs[i].n_row) continue;
            uint32_t c = e->docs[i].row[j].doc;
            int back = 0;
            for (uint8_t t = 0; t < e->docs[c].n_row; t++) back |= e->docs[c].row[t].doc == i;
            if (!back) x = c, b = i;
        }
    assert_true(x != UINT32_MAX); /* the fixture does make rows that are not symmetric */
    assert_int_equal(recoupe_engine_remove(e, x), RECOUPE_OK);
    /* a live add of b's twin: it is b's nearest, so it writes b's row */
    assert_int_equal(recoupe_engine_add(e, flood(b), &h[20]), RECOUPE_OK);
    int written = 0, lists_x = 0;
    for (uint8_t j = 0; j < e->docs[b].n_row; j++) {
        written |= e->docs[b].row[j].doc == h[20];
        lists_x |= e->docs[b].row[j].doc == x;
    }
    assert_true(written);
    assert_false(lists_x);
    recoupe_engine_free(e);
}

static void test_engine_incremental(void **state) {
    (void)state;
    recoupe_engine_options o = {0};
    o.no_duplicates = 1;
    recoupe_engine *e = recoupe_engine_new(&o);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK); /* empty: now live */
    uint32_t h[N];
    uint64_t first_id = 0;
    for (size_t i = 0; i < N; i++) {
        assert_int_equal(recoupe_engine_add(e, art(i, names[i]), &h[i]), RECOUPE_OK);
        if (i == 0) first_id = recoupe_engine_story(e, 0)->id;
        /* the story of a0 keeps its id as articles arrive */
        int seen = 0;
        for (size_t s = 0; s < recoupe_engine_story_count(e); s++) seen |= recoupe_engine_story(e, s)->id == first_id;
        assert_true(seen);
    }
    assert_int_equal(recoupe_engine_article_count(e), N);
    char p[128];
    partition(e, p, sizeof p);
    assert_string_equal(p, "a0,a0,a0,a3,a3,");
    assert_int_equal(recoupe_engine_remove(e, h[1]), RECOUPE_OK);
    assert_int_equal(recoupe_engine_remove(e, h[1]), RECOUPE_ERR_NOTFOUND);
    assert_int_equal(recoupe_engine_article_count(e), N - 1);
    size_t total = 0;
    for (size_t s = 0; s < recoupe_engine_story_count(e); s++) total += recoupe_engine_story(e, s)->n_articles;
    assert_int_equal(total, N - 1);
    recoupe_engine_free(e);
}

/* the event of each of 40 articles (8 rounds of the 5 texts, "r<round>a<text>"),
 * as the name of its event's smallest member */
static void partition40(recoupe_engine *e, char rep[40][8]) {
    for (size_t s = 0; s < recoupe_engine_story_count(e); s++) {
        const recoupe_story *st = recoupe_engine_story(e, s);
        const char *min = NULL;
        for (size_t j = 0; j < st->n_articles; j++)
            if (!min || strcmp(st->articles[j]->file, min) < 0) min = st->articles[j]->file;
        for (size_t j = 0; j < st->n_articles; j++) {
            const char *f = st->articles[j]->file;
            snprintf(rep[(f[1] - '0') * 5 + (f[3] - '0')], 8, "%s", min);
        }
    }
}

/* 32 live adds end on a re-clustering (after 16 adds from empty, then 16 more,
 * a quarter of 16 being less): they give the batch result, and the first story
 * keeps its id through both; recluster < 0 never re-clusters. */
#define M40 32
static void test_engine_recluster(void **state) {
    (void)state;
    char batch[40][8], live[40][8];
    for (int mode = 0; mode < 3; mode++) {
        recoupe_engine_options o = {0};
        o.no_duplicates = 1;
        if (mode == 2) o.recluster = -1;
        recoupe_engine *e = recoupe_engine_new(&o);
        if (mode) assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK); /* live from the start */
        uint64_t first_id = 0;
        for (size_t j = 0; j < M40; j++) {
            size_t r = j / N, i = j % N;
            char name[8];
            snprintf(name, sizeof name, "r%zua%zu", r, i);
            recoupe_article *a = art(i, name);
            a->timestamp += (int64_t)r * 60;
            assert_int_equal(recoupe_engine_add(e, a, NULL), RECOUPE_OK);
            if (mode && j == 0) first_id = recoupe_engine_story(e, 0)->id;
            if (mode) {
                int seen = 0;
                for (size_t s = 0; s < recoupe_engine_story_count(e); s++)
                    seen |= recoupe_engine_story(e, s)->id == first_id;
                assert_true(seen);
            }
        }
        if (!mode) assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
        partition40(e, mode ? live : batch);
        if (mode == 1)
            for (size_t i = 0; i < M40; i++) assert_string_equal(live[i], batch[i]);
        assert_int_equal(recoupe_engine_article_count(e), M40);
        recoupe_engine_free(e);
    }
}

/* ids over a re-clustering: the largest overlap keeps the old id, each old id
 * once; a split's other half gets a new id even when its own default is the old */
static void test_ids_carry(void **state) {
    (void)state;
    /* old: members 0-4 in story 100, 5-6 in story 200; new: {0,1,2} {3,4,5,6} */
    uint64_t old[7] = {100, 100, 100, 100, 100, 200, 200};
    uint32_t cl[7] = {0, 0, 0, 1, 1, 1, 1};
    uint64_t ids[2] = {100, 7}; /* cluster 0's own default happens to be 100 */
    assert_int_equal(story_ids_carry(old, cl, 7, ids, 2), 0);
    assert_true(ids[0] == 100); /* 3 of story 100 */
    assert_true(ids[1] == 200); /* 2 of 100 (taken) and 2 of 200 */
    /* a split where the larger half is cluster 1 and cluster 0's default is the old id */
    uint32_t cl2[7] = {0, 1, 1, 1, 1, 1, 1};
    uint64_t old2[7] = {100, 100, 100, 100, 100, 100, 100};
    uint64_t ids2[2] = {100, 9};
    assert_int_equal(story_ids_carry(old2, cl2, 7, ids2, 2), 0);
    assert_true(ids2[1] == 100);
    assert_true(ids2[0] != 100 && ids2[0] != 9);
    /* new members with no old id change nothing */
    uint64_t old3[3] = {0, 0, 0};
    uint32_t cl3[3] = {0, 1, 1};
    uint64_t ids3[2] = {5, 6};
    assert_int_equal(story_ids_carry(old3, cl3, 3, ids3, 2), 0);
    assert_true(ids3[0] == 5 && ids3[1] == 6);
}

/* a story keeps its id through a re-clustering even when an older article,
 * arriving late, becomes its first in canonical order */
static void test_engine_id_survives_recluster(void **state) {
    (void)state;
    recoupe_engine_options o = {0};
    o.no_duplicates = 1;
    recoupe_engine *e = recoupe_engine_new(&o);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    recoupe_article *a = art(0, "a0");
    assert_int_equal(recoupe_engine_add(e, a, NULL), RECOUPE_OK);
    uint64_t id = recoupe_engine_story(e, 0)->id;
    for (size_t i = 1; i < 3; i++) {
        recoupe_article *b = art(i, names[i]);
        b->timestamp -= 86400; /* a day before a0 */
        assert_int_equal(recoupe_engine_add(e, b, NULL), RECOUPE_OK);
    }
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    assert_int_equal(recoupe_engine_story_count(e), 1);
    assert_true(recoupe_engine_story(e, 0)->id == id);
    recoupe_engine_free(e);
}

/* recoupe_engine_add_batch: below the share that re-clusters, the same stories
 * and ids as the same adds one by one; a batch that reaches it ends on the batch
 * result, with the first story's id kept; NULLs and handles */
static void test_engine_add_batch(void **state) {
    (void)state;
    char one[128], many[128];
    uint64_t id_one = 0, id_many = 0;
    for (int mode = 0; mode < 2; mode++) {
        recoupe_engine_options o = {0};
        o.no_duplicates = 1;
        recoupe_engine *e = recoupe_engine_new(&o);
        assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
        uint32_t h[N];
        if (mode == 0) {
            for (size_t i = 0; i < N; i++) assert_int_equal(recoupe_engine_add(e, art(i, names[i]), &h[i]), RECOUPE_OK);
        } else {
            recoupe_article *a[N];
            for (size_t i = 0; i < N; i++) a[i] = art(i, names[i]);
            assert_int_equal(recoupe_engine_add_batch(e, a, 2, h), RECOUPE_OK);
            assert_null(a[0]);
            assert_null(a[1]);
            assert_int_equal(recoupe_engine_add_batch(e, a + 2, N - 2, h + 2), RECOUPE_OK);
        }
        for (size_t i = 0; i < N; i++) assert_int_equal(h[i], i);
        partition(e, mode ? many : one, sizeof one);
        size_t ns = recoupe_engine_story_count(e);
        uint64_t min = UINT64_MAX;
        for (size_t s = 0; s < ns; s++)
            if (recoupe_engine_story(e, s)->id < min) min = recoupe_engine_story(e, s)->id;
        *(mode ? &id_many : &id_one) = min;
        recoupe_engine_free(e);
    }
    assert_string_equal(one, "a0,a0,a0,a3,a3,");
    assert_string_equal(one, many);
    assert_true(id_one == id_many);

    /* 32 articles: 2 live, then 30 at once (past a quarter of none): held and
     * clustered, the batch result; the story of the first keeps its id */
    char batch[40][8], live[40][8];
    recoupe_engine_options o = {0};
    o.no_duplicates = 1;
    recoupe_engine *b = recoupe_engine_new(&o), *e = recoupe_engine_new(&o);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    recoupe_article *a[M40];
    uint32_t h[M40];
    for (size_t j = 0; j < M40; j++) {
        size_t r = j / N, i = j % N;
        char name[8];
        snprintf(name, sizeof name, "r%zua%zu", r, i);
        a[j] = art(i, name);
        a[j]->timestamp += (int64_t)r * 60;
        recoupe_article *c = art(i, name);
        c->timestamp = a[j]->timestamp;
        assert_int_equal(recoupe_engine_add(b, c, NULL), RECOUPE_OK);
    }
    assert_int_equal(recoupe_engine_cluster(b), RECOUPE_OK);
    assert_int_equal(recoupe_engine_add_batch(e, a, 2, h), RECOUPE_OK);
    uint64_t first = recoupe_engine_story(e, 0)->id;
    assert_int_equal(recoupe_engine_add_batch(e, a + 2, M40 - 2, h + 2), RECOUPE_OK);
    assert_int_equal(recoupe_engine_article_count(e), M40);
    for (size_t j = 0; j < M40; j++) assert_int_equal(h[j], j);
    partition40(b, batch);
    partition40(e, live);
    for (size_t i = 0; i < M40; i++) assert_string_equal(live[i], batch[i]);
    int seen = 0;
    for (size_t s = 0; s < recoupe_engine_story_count(e); s++) seen |= recoupe_engine_story(e, s)->id == first;
    assert_true(seen);
    /* removal by the handles it gave */
    assert_int_equal(recoupe_engine_remove(e, h[5]), RECOUPE_OK);
    assert_int_equal(recoupe_engine_article_count(e), M40 - 1);
    recoupe_engine_free(b);

    /* a NULL article: RECOUPE_ERR_ARG, no handle, the others held */
    recoupe_article *c[3] = {art(0, "x0"), NULL, art(1, "x1")};
    uint32_t hc[3] = {1, 2, 3};
    assert_int_equal(recoupe_engine_add_batch(e, c, 3, hc), RECOUPE_ERR_ARG);
    assert_true(hc[0] != UINT32_MAX && hc[1] == UINT32_MAX && hc[2] != UINT32_MAX);
    assert_int_equal(recoupe_engine_article_count(e), M40 + 1);
    /* nothing to add; a NULL engine frees what it is given; NULL array with n */
    assert_int_equal(recoupe_engine_add_batch(e, NULL, 0, NULL), RECOUPE_OK);
    recoupe_article *d[1] = {art(2, "x2")};
    assert_int_equal(recoupe_engine_add_batch(NULL, d, 1, hc), RECOUPE_ERR_ARG);
    assert_int_equal(hc[0], UINT32_MAX);
    assert_int_equal(recoupe_engine_add_batch(e, NULL, 1, NULL), RECOUPE_ERR_ARG);
    recoupe_engine_free(e);

    /* before the first clustering: held, waiting, as with recoupe_engine_add */
    e = recoupe_engine_new(&o);
    recoupe_article *w[N];
    for (size_t i = 0; i < N; i++) w[i] = art(i, names[i]);
    assert_int_equal(recoupe_engine_add_batch(e, w, N, NULL), RECOUPE_OK);
    assert_int_equal(recoupe_engine_story_count(e), 0);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    partition(e, many, sizeof many);
    assert_string_equal(many, "a0,a0,a0,a3,a3,");
    recoupe_engine_free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_features),
        cmocka_unit_test(test_features_russian_prefix),
        cmocka_unit_test(test_features_pack),
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_knn_wider_query),
        cmocka_unit_test(test_language_df),
        cmocka_unit_test(test_link_floor),
        cmocka_unit_test(test_engine_order),
        cmocka_unit_test(test_engine_json_with),
        cmocka_unit_test(test_engine_nan_options),
        cmocka_unit_test(test_engine_handles_full),
        cmocka_unit_test(test_engine_short_window_long_span),
        cmocka_unit_test(test_engine_remove_cleans_rows),
        cmocka_unit_test(test_engine_incremental),
        cmocka_unit_test(test_engine_recluster),
        cmocka_unit_test(test_ids_carry),
        cmocka_unit_test(test_engine_id_survives_recluster),
        cmocka_unit_test(test_engine_add_batch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
