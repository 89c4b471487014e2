/* test_story_pair.c: the "same story?" pair decision (src/story/pair.c): each
 * signal on small articles written for it (title, lead, title-vs-lead, body,
 * length, entities, number conflict and agreement), the learned score's
 * direction, and the gate in the clustering (a pair the decision rejects does
 * not become one event, whatever its neighbour rows say). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "recoupe.h"
#include "story/story.h"

enum { TITLE, LEAD, CROSS, BODY, BODY_L, ENTITY, CONFLICT, AGREE, LENGTH };

/* filler articles, so that document frequencies make the test words rare */
static const char *FILL[][2] = {
    {"Markets close higher on bank results", "Shares rose on Tuesday as banks reported profits. Traders said the mood "
                                             "was calm. Oil prices were flat."},
    {"School year starts with new timetable", "Pupils returned to classes on Monday. Teachers said the new timetable "
                                              "works. Parents were pleased."},
    {"Museum opens a hall of old maps", "The city museum opened a hall of maps drawn by sailors. Curators said the "
                                        "maps were restored over two years."},
    {"Cyclists race through the hills", "The hill race drew two hundred riders. The winner finished in four hours. "
                                        "Crowds lined the roads."},
};
#define NFILL (sizeof FILL / sizeof FILL[0])

typedef struct set {
    story_df df;
    story_feat *f[NFILL + 2];
    size_t n[NFILL + 2];
    story_vec v[NFILL + 2];
} set;

/* vectors of a and b weighed among the fillers; v[0] is a, v[1] is b */
static void make(set *s, const char *ta, const char *xa, const char *tb, const char *xb) {
    memset(s, 0, sizeof *s);
    const char *t[NFILL + 2][2] = {{ta, xa}, {tb, xb}};
    for (size_t i = 0; i < NFILL; i++) {
        t[i + 2][0] = FILL[i][0];
        t[i + 2][1] = FILL[i][1];
    }
    for (size_t i = 0; i < NFILL + 2; i++) {
        assert_int_equal(story_features(t[i][0], t[i][1], "en", NULL, &s->f[i], &s->n[i]), 0);
        assert_int_equal(story_df_add(&s->df, s->f[i], s->n[i]), 0);
    }
    for (size_t i = 0; i < NFILL + 2; i++)
        assert_int_equal(story_vec_make(&s->df, s->f[i], s->n[i], 128, 1, &s->v[i]), 0);
}

static void drop(set *s) {
    for (size_t i = 0; i < NFILL + 2; i++) {
        story_vec_free(&s->v[i]);
        free(s->f[i]);
    }
    story_df_free(&s->df);
}

static void signals(const char *ta, const char *xa, const char *tb, const char *xb, double *x) {
    set s;
    make(&s, ta, xa, tb, xb);
    story_pair_signals(&s.v[0], &s.v[1], x);
    double y[STORY_PAIR_NSIG];
    story_pair_signals(&s.v[1], &s.v[0], y); /* symmetric */
    for (int i = 0; i < STORY_PAIR_NSIG; i++) assert_true(x[i] > y[i] - 1e-9 && x[i] < y[i] + 1e-9);
    drop(&s);
}

static void test_title(void **state) {
    (void)state;
    double x[STORY_PAIR_NSIG], y[STORY_PAIR_NSIG];
    signals("Volcano erupts at Lisbon harbour", "Ash covered the coast.", "Lisbon harbour volcano erupts",
            "Flights were stopped.", x);
    assert_true(x[TITLE] > 0.9); /* the same stems in another order */
    signals("Volcano erupts near Lisbon harbour", "Ash covered the coast.", "Parliament votes pension reform",
            "Flights were stopped.", y);
    assert_true(y[TITLE] < 0.01);
}

static void test_lead(void **state) {
    (void)state;
    double x[STORY_PAIR_NSIG], y[STORY_PAIR_NSIG];
    /* the shared words in the first two sentences: lead; in the fourth: not */
    signals("One", "Glacier collapse buries alpine valley. Rescuers search the valley. Later news. More.", "Two",
            "Glacier collapse buries alpine valley. Rescuers search the valley. Other news. Again.", x);
    assert_true(x[LEAD] > 0.5);
    signals("One", "Later news. More. Other things here. Glacier collapse buries alpine valley.", "Two",
            "Other news. Again. Different things here. Glacier collapse buries alpine valley.", y);
    assert_true(y[LEAD] < x[LEAD] / 2);
    assert_true(y[BODY] > 0); /* the body still shares them */
}

static void test_cross(void **state) {
    (void)state;
    double x[STORY_PAIR_NSIG];
    /* a's headline is b's lead in other order */
    signals("Glacier collapse buries alpine valley", "Reports came in the morning.", "Breaking",
            "An alpine valley was buried as a glacier collapsed. Rescuers arrived.", x);
    assert_true(x[CROSS] > 0.4);
    assert_true(x[TITLE] < 0.01);
}

static void test_body_and_length(void **state) {
    (void)state;
    set s;
    const char *body = "Engineers replaced the bridge cables over the northern canal. Traffic returned on Friday.";
    make(&s, "A", body, "B", body);
    double x[STORY_PAIR_NSIG];
    story_pair_signals(&s.v[0], &s.v[1], x);
    assert_true(x[BODY] > story_vec_dot(&s.v[0], &s.v[1]) - 1e-9 && x[BODY] < story_vec_dot(&s.v[0], &s.v[1]) + 1e-9);
    assert_true(x[BODY] > 0.5);
    /* length: ln(words / 200) of the geometric mean; body_l = body sqrt(words / 200) */
    assert_true(x[LENGTH] < 0);
    double words = 200 * exp(x[LENGTH]);
    assert_true(words > 10 && words < 20);
    assert_true(x[BODY_L] > x[BODY] * sqrt(words / 200) - 1e-6 && x[BODY_L] < x[BODY] * sqrt(words / 200) + 1e-6);
    drop(&s);
    /* a longer article has a larger length signal */
    char lon[4096] = "";
    for (int i = 0; i < 40; i++) strcat(lon, "Engineers replaced the bridge cables over the northern canal again. ");
    double y[STORY_PAIR_NSIG];
    signals("A", lon, "B", lon, y);
    assert_true(y[LENGTH] > x[LENGTH] + 1);
}

static void test_entity(void **state) {
    (void)state;
    double x[STORY_PAIR_NSIG], y[STORY_PAIR_NSIG], z[STORY_PAIR_NSIG];
    /* capitalised words not at a sentence start: entities, matched by their stems */
    signals("One", "On Monday the minister Ingrid Solberg met the Kestrel union.", "Two",
            "Talks between Kestrel and Solberg's office ended.", x);
    assert_true(x[ENTITY] > 0.5);
    /* the same words in lower case are no entities */
    signals("One", "On monday the minister ingrid solberg met the kestrel union.", "Two",
            "Talks between kestrel and solberg's office ended.", y);
    assert_true(y[ENTITY] < 0.01);
    /* at a sentence start they are not either */
    signals("One", "Kestrel met. Solberg spoke.", "Two", "Kestrel left. Solberg stayed.", z);
    assert_true(z[ENTITY] < 0.01);
    /* a title's capitalised words count, unless the title capitalises most words */
    signals("Talks with minister Solberg end over budget", "No comment was given.", "Budget row",
            "The minister Solberg left the talks.", x);
    assert_true(x[ENTITY] > 0.3);
    signals("Talks With Minister Solberg End Over Budget", "No comment was given.", "Budget row",
            "The minister Solberg left the talks.", y);
    assert_true(y[ENTITY] < 0.01);
}

static void test_numbers(void **state) {
    (void)state;
    double x[STORY_PAIR_NSIG], y[STORY_PAIR_NSIG], z[STORY_PAIR_NSIG];
    const char *txt = "Rain and wind are expected in the north.";
    signals("Weather forecast for 8 November", txt, "Weather forecast for 16 November", txt, x);
    assert_true(x[CONFLICT] == 1 && x[AGREE] == 0);
    assert_true(story_pair_score_of(x) == 0); /* the conflict rule */
    signals("Weather forecast for 8 November", txt, "Weather forecast for 8 November", txt, y);
    assert_true(y[CONFLICT] == 0 && y[AGREE] == 1);
    assert_true(story_pair_score_of(y) > 0.5);
    /* different nouns with different numbers: no conflict */
    signals("Weather forecast for 8 November", txt, "Storm leaves 16 homes without power", txt, z);
    assert_true(z[CONFLICT] == 0 && z[AGREE] == 0);
}

/* the learned score rises with each similarity signal */
static void test_score_direction(void **state) {
    (void)state;
    double x[STORY_PAIR_NSIG] = {0};
    double base = story_pair_score_of(x);
    assert_true(base > 0 && base < 0.5);
    for (int i = 0; i < STORY_PAIR_NSIG; i++) {
        if (i == CONFLICT || i == AGREE || i == LENGTH) continue;
        x[i] = 1;
        assert_true(story_pair_score_of(x) >= base);
        x[i] = 0;
    }
    x[TITLE] = x[LEAD] = x[CROSS] = x[BODY] = x[BODY_L] = x[ENTITY] = 1;
    assert_true(story_pair_score_of(x) > 0.9);
    assert_true(story_pair_evidence(0) == 0);
    assert_true(story_pair_evidence(0.5) > 0.69 && story_pair_evidence(0.5) < 0.7);
    assert_true(story_pair_evidence(1) < 7.0); /* capped */
}

/* two articles whose rows say "one event" but whose pair decision says no stay
 * apart at the event level (and still share a topic); without vectors (no gate)
 * they merge */
static void test_gate(void **state) {
    (void)state;
    set s;
    const char *txt = "Rain and wind are expected in the north.";
    make(&s, "Weather forecast for 8 November", txt, "Weather forecast for 16 November", txt);
    story_nb nb[2] = {{1, 0.9f}, {0, 0.9f}};
    size_t off[3] = {0, 1, 2};
    story_knn k = {nb, off, 2};
    int64_t ts[2] = {INT64_MIN, INT64_MIN};
    uint32_t ev[2], tp[2];
    story_cluster_options co = {.event_threshold = 0.08, .topic_threshold = 0.03};
    assert_int_equal(story_cluster(&k, ts, NULL, 2, &co, ev, tp), 0);
    assert_int_equal(ev[0], ev[1]);
    co.vecs = s.v;
    assert_int_equal(story_cluster(&k, ts, NULL, 2, &co, ev, tp), 0);
    assert_int_not_equal(ev[0], ev[1]);
    assert_int_equal(tp[0], tp[1]);
    drop(&s);
    /* the same rows, a pair that agrees: one event */
    make(&s, "Weather forecast for 8 November", txt, "Weather forecast for 8 November", txt);
    co.vecs = s.v;
    assert_int_equal(story_cluster(&k, ts, NULL, 2, &co, ev, tp), 0);
    assert_int_equal(ev[0], ev[1]);
    drop(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title),           cmocka_unit_test(test_lead),   cmocka_unit_test(test_cross),
        cmocka_unit_test(test_body_and_length), cmocka_unit_test(test_entity), cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_score_direction), cmocka_unit_test(test_gate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
