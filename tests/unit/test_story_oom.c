/* test_story_oom.c: the stories engine when an allocation fails mid-way.
 *
 * Allocations fail on demand (oom_inject.h: the k-th one from when it is armed).
 * Each test sweeps k over every allocation of one engine call and checks that
 * the call reports the failure and leaves the engine whole: the articles it
 * holds still belong to stories it knows, the document frequencies count the
 * articles it holds, a handle is given for every article held, the JSON is
 * either NULL or the right one, and every article can still be removed.
 * Under the sanitizers (which bring their own allocator) the tests skip. */
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

#include "oom_inject.h"

static void arm(long k) {
    hit = 0;
    countdown = k;
}
static void disarm(void) {
    countdown = -1;
}

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
    {"Riverton bridge reopens after the Blue River flood",
     "The Riverton bridge closed by the Blue River flood reopened on Friday, Mayor Jane Holt said; 300 homes were "
     "evacuated after record rainfall."},
};
#define N 5 /* the first five go in before the call under test; T[N] is the one added live */

static recoupe_article *art(size_t i) {
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    char name[8];
    snprintf(name, sizeof name, "a%zu", i);
    a->file = strdup(name);
    a->title = strdup(T[i][0]);
    a->text = strdup(T[i][1]);
    strcpy(a->detected_lang, "en");
    a->timestamp = 1700000000 + (int64_t)i * 3600;
    return a;
}

/* an engine holding the first N articles, clustered (live) when `clustered` */
static recoupe_engine *engine(int clustered) {
    recoupe_engine_options o = {0};
    o.recluster = -1; /* only the calls of the tests cluster */
    o.jobs = 1;       /* one thread: the k-th allocation is the same one at every run */
    recoupe_engine *e = recoupe_engine_new(&o);
    assert_non_null(e);
    for (size_t i = 0; i < N; i++) assert_int_equal(recoupe_engine_add(e, art(i), NULL), RECOUPE_OK);
    if (clustered) assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    return e;
}

/* The engine is whole: each article held is in at most one live event that
 * lists it, each live event's members are articles held, the document
 * frequencies count the articles held, and the stories can be read. */
static void check_whole(recoupe_engine *e) {
    size_t alive = 0;
    for (size_t h = 0; h < e->n_docs; h++) {
        const story_doc *d = &e->docs[h];
        assert_int_equal(d->alive, e->alive[h]);
        if (!d->alive) continue;
        alive++;
        if (d->event == UINT32_MAX) continue;
        assert_true(d->event < e->n_events);
        const story_event *E = &e->events[d->event];
        assert_true(E->alive);
        size_t found = 0;
        for (uint32_t i = 0; i < E->n; i++) found += E->members[i] == h;
        assert_int_equal(found, 1);
        assert_true(E->topic < e->n_topics);
    }
    assert_int_equal(alive, e->n_alive);
    for (size_t i = 0; i < e->n_events; i++)
        for (uint32_t j = 0; e->events[i].alive && j < e->events[i].n; j++) {
            uint32_t h = e->events[i].members[j];
            assert_true(h < e->n_docs && e->docs[h].alive && e->docs[h].event == i);
        }
    assert_int_equal(e->df.n_docs, e->n_alive);
    size_t in_stories = 0, ns = recoupe_engine_story_count(e);
    for (size_t s = 0; s < ns; s++) in_stories += recoupe_engine_story(e, s)->n_articles;
    assert_true(in_stories <= e->n_alive);
}

/* every article held can be removed, then the engine clusters to nothing */
static void remove_all(recoupe_engine *e) {
    for (uint32_t h = 0; h < e->n_docs; h++)
        if (e->docs[h].alive) assert_int_equal(recoupe_engine_remove(e, h), RECOUPE_OK);
    assert_int_equal(recoupe_engine_article_count(e), 0);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    assert_int_equal(recoupe_engine_story_count(e), 0);
}

/* recoupe_engine_cluster failing at any allocation: a second clustering of a
 * live engine (the events of the first one are there to be replaced) */
static void test_oom_cluster(void **state) {
    (void)state;
    if (!OOM_INJECT) skip();
    long k = 0;
    for (;; k++) {
        recoupe_engine *e = engine(1);
        assert_int_equal(recoupe_engine_add(e, art(N), NULL), RECOUPE_OK);
        arm(k);
        recoupe_status st = recoupe_engine_cluster(e);
        int failed = hit;
        disarm();
        if (!failed) assert_int_equal(st, RECOUPE_OK);
        if (st != RECOUPE_OK) assert_int_equal(st, RECOUPE_ERR_NOMEM); /* some allocations have a fallback */
        check_whole(e);
        remove_all(e);
        recoupe_engine_free(e);
        if (!failed) break;
    }
    assert_true(k > 10); /* the sweep went through the call's allocations */
}

/* recoupe_engine_add failing at any allocation, live (after a clustering) */
static void test_oom_add_live(void **state) {
    (void)state;
    if (!OOM_INJECT) skip();
    long k = 0;
    for (;; k++) {
        recoupe_engine *e = engine(1);
        recoupe_article *a = art(N);
        assert_int_equal(recoupe_article_process(a, RECOUPE_STAGE_FEATURES), RECOUPE_OK);
        uint32_t h = UINT32_MAX;
        size_t before = recoupe_engine_article_count(e);
        arm(k);
        recoupe_status st = recoupe_engine_add(e, a, &h);
        int failed = hit;
        disarm();
        if (!failed) assert_int_equal(st, RECOUPE_OK);
        if (st != RECOUPE_OK) assert_int_equal(st, RECOUPE_ERR_NOMEM);
        check_whole(e);
        /* an article the engine holds has a handle, so that it can be removed */
        if (recoupe_engine_article_count(e) > before) {
            assert_true(h != UINT32_MAX);
            assert_true(e->docs[h].alive);
        }
        remove_all(e);
        recoupe_engine_free(e);
        if (!failed) break;
    }
    assert_true(k > 10);
}

/* the JSON of every shape: NULL when an allocation fails, never a part of it */
static void test_oom_json(void **state) {
    (void)state;
    if (!OOM_INJECT) skip();
    static const char *shapes[] = {"threads", "topics", "top", "languages", "stories"};
    recoupe_engine *e = engine(1);
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        char *want = recoupe_engine_json(e, shapes[s]);
        assert_non_null(want);
        long k = 0;
        for (;; k++) {
            e->dirty = 1; /* the records are made again inside the call */
            arm(k);
            char *got = recoupe_engine_json(e, shapes[s]);
            int failed = hit;
            disarm();
            if (got) assert_string_equal(got, want);
            if (!failed) assert_non_null(got);
            free(got);
            if (!failed) break;
        }
        assert_true(k > 2);
        free(want);
    }
    recoupe_engine_free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oom_cluster),
        cmocka_unit_test(test_oom_add_live),
        cmocka_unit_test(test_oom_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
