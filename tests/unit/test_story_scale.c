/* test_story_scale.c: what the stories engine does to stay linear on a long
 * stream. The batch index (flat postings with weights, the time window, posting
 * caps) against brute force; near-duplicate groups found per time slice (copies
 * within the window are joined even across a slice boundary, undated copies too,
 * far ones are not searched for); the live duplicates index made after a batch
 * run; the result independent of the input order and of the threads; the staged
 * search (story_knn_run_*) the same whichever thread queries which block. */
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

#define DAY 86400

/* ------------------------------------------------------------ the batch index */

/* A normalised vector over the given terms with weights 1, 2, 3... */
static story_vec vec_of(const uint64_t *terms, size_t n) {
    story_vec v = {.v = calloc(n, sizeof(story_feat)), .n = (uint32_t)n};
    double norm = 0;
    for (size_t i = 0; i < n; i++) norm += (double)(i + 1) * (i + 1);
    for (size_t i = 0; i < n; i++) {
        v.v[i].term = terms[i];
        v.v[i].tf = (float)((i + 1) / sqrt(norm));
    }
    qsort(v.v, n, sizeof *v.v, story_feat_cmp_term);
    return v;
}

#define GROUPS 12
#define PER 9
#define NDOC (GROUPS * PER)

/* Documents in groups: each draws 6 of its group's 10 terms plus, for the
 * posting-cap test, one term every document has. Groups are a day apart, and
 * group g has the words of group g + 6: with a window of 2 days a document shares
 * terms with its own group only (fewer than the 4k scored exactly), and group
 * g + 6 is out of reach. */
static void make_docs(story_vec *v, int64_t *ts, int common) {
    unsigned seed = 7;
    for (size_t g = 0; g < GROUPS; g++)
        for (size_t j = 0; j < PER; j++) {
            uint64_t t[8];
            size_t n = 0;
            uint8_t used[10] = {0};
            while (n < 6) {
                seed = seed * 1103515245u + 12345u;
                size_t w = (seed >> 16) % 10;
                if (used[w]) continue;
                used[w] = 1;
                t[n++] = 1000 + (g % 6) * 100 + w;
            }
            if (common) t[n++] = 42;
            size_t i = g * PER + j;
            v[i] = vec_of(t, n);
            ts[i] = 1700000000 + (int64_t)g * DAY + (int64_t)j * 60;
        }
}

static void test_knn_brute_force(void **state) {
    (void)state;
    story_vec v[NDOC];
    int64_t ts[NDOC];
    make_docs(v, ts, 0);
    story_index_options io = {
        .top_terms = 16, .k = 5, .min_sim = 0.01, .window = 2 * DAY, .max_posting = 1000, .jobs = 1};
    story_knn k;
    assert_int_equal(story_knn_build(v, ts, NDOC, &io, &k), 0);
    for (size_t q = 0; q < NDOC; q++) {
        /* brute force: every other document in the window, best first, ties to the lower index */
        story_nb best[NDOC];
        size_t nb = 0;
        for (size_t d = 0; d < NDOC; d++) {
            if (d == q || ts[d] > ts[q] + io.window || ts[d] < ts[q] - io.window) continue;
            double s = story_vec_dot(&v[q], &v[d]);
            if (s < io.min_sim) continue;
            size_t i = nb++;
            while (i > 0 && (best[i - 1].sim < (float)s)) {
                best[i] = best[i - 1];
                i--;
            }
            best[i] = (story_nb){(uint32_t)d, (float)s};
        }
        if (nb > io.k) nb = io.k;
        assert_int_equal(k.off[q + 1] - k.off[q], nb);
        for (size_t i = 0; i < nb; i++) {
            const story_nb *got = &k.nb[k.off[q] + i];
            assert_true(got->sim == best[i].sim);
            assert_int_equal(got->doc / PER, q / PER); /* its own group only */
            assert_true(ts[got->doc] >= ts[q] - io.window && ts[got->doc] <= ts[q] + io.window);
        }
    }
    /* the threads change nothing */
    story_knn k3;
    io.jobs = 3;
    assert_int_equal(story_knn_build(v, ts, NDOC, &io, &k3), 0);
    assert_memory_equal(k.off, k3.off, (NDOC + 1) * sizeof *k.off);
    assert_memory_equal(k.nb, k3.nb, k.off[NDOC] * sizeof *k.nb);
    story_knn_free(&k);
    story_knn_free(&k3);
    for (size_t i = 0; i < NDOC; i++) story_vec_free(&v[i]);
}

static void test_knn_posting_cap(void **state) {
    (void)state;
    story_vec v[NDOC];
    int64_t ts[NDOC];
    make_docs(v, ts, 1); /* term 42 in every document, with the top weight */
    /* no window: every document is in term 42's list; capped at 20 it is skipped,
     * and neighbours still come from the group terms */
    story_index_options io = {.top_terms = 16, .k = 5, .min_sim = 0.01, .window = 0, .max_posting = 20, .jobs = 2};
    story_knn k;
    assert_int_equal(story_knn_build(v, ts, NDOC, &io, &k), 0);
    for (size_t q = 0; q < NDOC; q++) {
        assert_true(k.off[q + 1] > k.off[q]);
        for (size_t j = k.off[q]; j < k.off[q + 1]; j++) assert_int_equal(k.nb[j].doc / PER % 6, q / PER % 6);
    }
    story_knn_free(&k);
    /* when term 42 is the only top term of a document (top_terms 1), the cap leaves it alone */
    io.top_terms = 1;
    assert_int_equal(story_knn_build(v, ts, NDOC, &io, &k), 0);
    assert_int_equal(k.off[NDOC], 0);
    story_knn_free(&k);
    /* without the cap, the common term links everyone to someone */
    io.max_posting = 100000;
    assert_int_equal(story_knn_build(v, ts, NDOC, &io, &k), 0);
    for (size_t q = 0; q < NDOC; q++) assert_true(k.off[q + 1] > k.off[q]);
    story_knn_free(&k);
    for (size_t i = 0; i < NDOC; i++) story_vec_free(&v[i]);
}

/* The staged search, as the engine's scheduler runs it: blocks taken in any
 * order, on any scratch slot, give story_knn_build's lists. */
static void test_knn_run_blocks(void **state) {
    (void)state;
    enum { N = 1300, G = 10 }; /* three blocks of 512 */
    story_vec *v = calloc(N, sizeof *v);
    int64_t *ts = calloc(N, sizeof *ts);
    assert_non_null(v);
    assert_non_null(ts);
    unsigned seed = 11;
    for (size_t i = 0; i < N; i++) {
        uint64_t t[7];
        size_t g = i / G;
        for (size_t j = 0; j < 7; j++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly the group's words, some of the next group's, one of anyone's */
            size_t w = (seed >> 16) % 14;
            t[j] = j == 6 ? 90000 + (seed >> 8) % 500 + 1000 * j : 1000 * (w < 10 ? g : g + 1) + w * 7 + j;
        }
        v[i] = vec_of(t, 7);
        ts[i] = 1700000000 + (int64_t)(i / G) * 3600;
    }
    story_index_options io = {.top_terms = 16, .k = 6, .min_sim = 0.01, .window = DAY, .max_posting = 1000, .jobs = 1};
    story_knn k1, k2;
    assert_int_equal(story_knn_build(v, ts, N, &io, &k1), 0);
    story_knn_run *r = story_knn_run_new(v, ts, N, &io);
    assert_non_null(r);
    size_t nb = story_knn_run_blocks(r);
    assert_int_equal(nb, 3);
    assert_int_equal(story_knn_run_block(r, 0, 0), -1); /* no index yet */
    assert_int_equal(story_knn_run_index(r), 0);
    for (size_t b = nb; b-- > 0;) assert_int_equal(story_knn_run_block(r, b, (int)(b % 2) * 5), 0);
    assert_int_equal(story_knn_run_finish(r, &k2), 0);
    assert_int_equal(k2.n_docs, N);
    assert_memory_equal(k1.off, k2.off, (N + 1) * sizeof *k1.off);
    assert_memory_equal(k1.nb, k2.nb, k1.off[N] * sizeof *k1.nb);
    assert_true(k1.off[N] > N); /* the test means something: most documents have neighbours */
    /* and on threads */
    story_knn k3;
    io.jobs = 2;
    assert_int_equal(story_knn_build(v, ts, N, &io, &k3), 0);
    assert_memory_equal(k1.nb, k3.nb, k1.off[N] * sizeof *k1.nb);
    /* a run dropped half way frees what it holds */
    r = story_knn_run_new(v, ts, N, &io);
    assert_non_null(r);
    assert_int_equal(story_knn_run_index(r), 0);
    assert_int_equal(story_knn_run_block(r, 1, 3), 0);
    story_knn_run_free(r);
    story_knn_free(&k1);
    story_knn_free(&k2);
    story_knn_free(&k3);
    for (size_t i = 0; i < N; i++) story_vec_free(&v[i]);
    free(v);
    free(ts);
}

/* ------------------------------------------------------------ duplicates per time slice */

static const char *TEXT[] = {
    "The harbour authority of Port Selden closed the northern quay on Tuesday after a crane collapsed onto a cargo "
    "ship. Two dock workers were taken to hospital with minor injuries, the authority said in a statement. Engineers "
    "will inspect the remaining cranes before the quay reopens next week. The shipping company said its vessel was "
    "not seriously damaged.",
    "Farmers in the Oldmere valley have begun harvesting a record crop of apples after an unusually warm spring. The "
    "regional growers union expects prices to fall by a fifth as supermarkets cut their orders. Several orchards "
    "have hired extra pickers from neighbouring towns to bring the fruit in before the first frosts arrive.",
    "The Kestrel Valley orchestra announced a new music director on Friday, ending a two year search. The conductor, "
    "who led opera houses in three countries, will begin with a season of contemporary works and school concerts. "
    "Ticket sales for the opening concert sold out within an hour, the orchestra said.",
    "A new cycling bridge across the Merrow river opened to the public on Sunday morning. The bridge links the old "
    "town with the university campus and is expected to carry four thousand cyclists a day. City officials said the "
    "project came in under budget and two months ahead of the planned schedule.",
};

static recoupe_article *doc(const char *name, size_t text, const char *site, int64_t ts) {
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->file = strdup(name);
    a->site = strdup(site);
    a->text = strdup(TEXT[text]);
    a->body = strdup(TEXT[text]); /* the raw payload, dropped by the engine */
    strcpy(a->detected_lang, "en");
    a->timestamp = ts;
    return a;
}

typedef struct spec {
    const char *name;
    size_t text;
    const char *site;
    double day; /* < 0: undated */
} spec;

/* t0 is the first date: slices are 4 windows (28 days) from it. */
static const spec S[] = {
    {"a1", 0, "one.example", 0},     {"a2", 0, "two.example", 1},    /* copies a day apart */
    {"b1", 1, "one.example", 27.5},  {"b2", 1, "two.example", 28.5}, /* across the slice boundary */
    {"c1", 2, "one.example", 100},   {"c2", 2, "two.example", 102},  /* later slice */
    {"c3", 2, "three.example", 200},                                 /* the same text, far later */
    {"d1", 3, "one.example", 50},    {"d2", 3, "two.example", -1},   /* an undated copy */
};
#define NS (sizeof S / sizeof S[0])

static const recoupe_story *story_with(recoupe_engine *e, const char *name) {
    for (size_t s = 0; s < recoupe_engine_story_count(e); s++) {
        const recoupe_story *st = recoupe_engine_story(e, s);
        for (size_t j = 0; j < st->n_articles; j++)
            if (!strcmp(st->articles[j]->file, name)) return st;
    }
    return NULL;
}

static recoupe_engine *batch(int reverse, int jobs) {
    recoupe_engine_options o = {0};
    o.jobs = jobs;
    recoupe_engine *e = recoupe_engine_new(&o);
    assert_non_null(e);
    for (size_t k = 0; k < NS; k++) {
        const spec *s = &S[reverse ? NS - 1 - k : k];
        int64_t ts = s->day < 0 ? INT64_MIN : 1700000000 + (int64_t)(s->day * DAY);
        assert_int_equal(recoupe_engine_add(e, doc(s->name, s->text, s->site, ts), NULL), RECOUPE_OK);
    }
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    return e;
}

static void test_dups_by_slice(void **state) {
    (void)state;
    recoupe_engine *e = batch(0, 1);
    /* each pair is one story of two outlets that are one voice (a duplicate group) */
    const char *pairs[][2] = {{"a1", "a2"}, {"b1", "b2"}, {"c1", "c2"}, {"d1", "d2"}};
    for (size_t i = 0; i < 4; i++) {
        const recoupe_story *st = story_with(e, pairs[i][0]);
        assert_non_null(st);
        assert_ptr_equal(st, story_with(e, pairs[i][1]));
        assert_int_equal(st->n_sources, 2);
        assert_int_equal(st->independent_sources, 1);
    }
    /* the copy 98 days later is a story of its own */
    const recoupe_story *far = story_with(e, "c3");
    assert_non_null(far);
    assert_ptr_not_equal(far, story_with(e, "c1"));
    assert_int_equal(far->n_articles, 1);
    /* the engine keeps the main text, not the raw payload */
    assert_null(far->articles[0]->body);
    assert_non_null(far->articles[0]->text);
    char *j1 = recoupe_engine_json(e, "stories");
    recoupe_engine_free(e);
    /* neither the order of the adds nor the threads change anything */
    e = batch(1, 3);
    char *j2 = recoupe_engine_json(e, "stories");
    assert_non_null(j1);
    assert_non_null(j2);
    assert_string_equal(j1, j2);
    free(j1);
    free(j2);
    recoupe_engine_free(e);
}

static void test_dups_live_after_batch(void **state) {
    (void)state;
    recoupe_engine *e = batch(0, 2);
    /* a copy of c3 arrives a day after it: it joins c3's story (not c1's, 99 days
     * earlier), as one more voice of the group */
    uint32_t h;
    assert_int_equal(recoupe_engine_add(e, doc("c4", 2, "four.example", 1700000000 + 201 * DAY), &h), RECOUPE_OK);
    const recoupe_story *st = story_with(e, "c4");
    assert_non_null(st);
    assert_ptr_equal(st, story_with(e, "c3"));
    assert_ptr_not_equal(st, story_with(e, "c1"));
    assert_int_equal(st->n_sources, 2);
    assert_int_equal(st->independent_sources, 1);
    /* and can leave again */
    assert_int_equal(recoupe_engine_remove(e, h), RECOUPE_OK);
    st = story_with(e, "c3");
    assert_non_null(st);
    assert_int_equal(st->n_articles, 1);
    assert_null(story_with(e, "c4"));
    recoupe_engine_free(e);
}

static void test_dups_undated_only(void **state) {
    (void)state;
    /* nothing dated: one duplicates index over everything */
    recoupe_engine *e = recoupe_engine_new(NULL);
    assert_non_null(e);
    assert_int_equal(recoupe_engine_add(e, doc("x1", 1, "one.example", INT64_MIN), NULL), RECOUPE_OK);
    assert_int_equal(recoupe_engine_add(e, doc("x2", 1, "two.example", INT64_MIN), NULL), RECOUPE_OK);
    assert_int_equal(recoupe_engine_add(e, doc("y1", 3, "one.example", INT64_MIN), NULL), RECOUPE_OK);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    const recoupe_story *st = story_with(e, "x1");
    assert_non_null(st);
    assert_ptr_equal(st, story_with(e, "x2"));
    assert_int_equal(st->independent_sources, 1);
    assert_ptr_not_equal(st, story_with(e, "y1"));
    recoupe_engine_free(e);
}

/* ------------------------------------------------------------ a story of many outlets */

static void prep_free_test(void *p) {
    free(p);
}

/* The record of one story of 60,000 articles from 20,000 outlets (three each),
 * the first 4,000 articles in duplicate pairs (article 2j with 2j + 1, so
 * outlets 2j and 2j + 1 are one voice): 20,000 sources, most frequent first and
 * then by name, 18,000 independent. The engine is filled by hand (no features:
 * empty vectors, every centrality 0). The record was quadratic in the members
 * (each member's outlet looked up among all outlets, each grouped member compared
 * with every other): seconds here, hours at a story of a million. */
static void test_records_many_outlets(void **state) {
    (void)state;
    enum { NA = 60000, NOUT = 20000, NG = 4000 };
    recoupe_engine *e = recoupe_engine_new(NULL);
    assert_non_null(e);
    e->docs = calloc(NA, sizeof *e->docs);
    e->vecs = calloc(NA, sizeof *e->vecs);
    e->ts = calloc(NA, sizeof *e->ts);
    e->alive = calloc(NA, 1);
    e->events = calloc(1, sizeof *e->events);
    e->topics = calloc(1, sizeof *e->topics);
    assert_true(e->docs && e->vecs && e->ts && e->alive && e->events && e->topics);
    e->cap_docs = e->n_docs = e->n_alive = NA;
    e->cap_events = e->n_events = e->cap_topics = e->n_topics = 1;
    story_event *E = &e->events[0];
    *E = (story_event){.id = 1,
                       .topic = 0,
                       .members = malloc(NA * sizeof *E->members),
                       .n = NA,
                       .cap = NA,
                       .tmin = INT64_MIN,
                       .tmax = INT64_MIN,
                       .alive = 1};
    e->topics[0] = (story_topic){1, NA, INT64_MIN, INT64_MIN};
    assert_non_null(E->members);
    for (uint32_t i = 0; i < NA; i++) {
        recoupe_article *a = recoupe_article_new();
        char site[32];
        snprintf(site, sizeof site, "site%05u.example", (unsigned)(i % NOUT));
        a->site = strdup(site);
        a->file = strdup("x.txt");
        strcpy(a->detected_lang, "en");
        story_prep *p = calloc(1, sizeof *p);
        assert_non_null(p);
        p->magic = STORY_PREP_MAGIC;
        p->title = "t";
        a->analysis.slot[RECOUPE_SLOT_FEATURES] = (recoupe_slot){p, prep_free_test};
        e->docs[i] = (story_doc){
            .a = a, .p = p, .ts = INT64_MIN, .event = 0, .group = i < NG ? (i & ~1u) : UINT32_MAX, .alive = 1};
        e->ts[i] = INT64_MIN;
        e->alive[i] = 1;
        E->members[i] = i;
    }
    e->live = 1;
    e->dirty = 1;
    assert_int_equal(recoupe_engine_story_count(e), 1);
    const recoupe_story *st = recoupe_engine_story(e, 0);
    assert_int_equal(st->n_articles, NA);
    assert_int_equal(st->n_sources, NOUT);
    assert_int_equal(st->independent_sources, NOUT - NG / 2);
    assert_string_equal(st->sources[0], "site00000.example");
    assert_string_equal(st->sources[NOUT - 1], "site19999.example");
    for (size_t i = 1; i < NOUT; i++) assert_true(strcmp(st->sources[i - 1], st->sources[i]) < 0);
    recoupe_engine_free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_knn_brute_force),       cmocka_unit_test(test_knn_posting_cap),
        cmocka_unit_test(test_knn_run_blocks),        cmocka_unit_test(test_dups_by_slice),
        cmocka_unit_test(test_dups_live_after_batch), cmocka_unit_test(test_dups_undated_only),
        cmocka_unit_test(test_records_many_outlets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
