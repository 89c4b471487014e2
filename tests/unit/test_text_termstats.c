/* test_text_termstats.c: document frequencies, the background table and stop words,
 * learned from the fixture texts of tests/fixtures/text (French, English, Russian). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#ifndef FIXTURES
#define FIXTURES "tests/fixtures/text"
#endif

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return s;
}

/* Adds every fixture text of a language; returns how many. */
static size_t add_fixtures(text_termstats *ts, const char *lang) {
    char pattern[256];
    snprintf(pattern, sizeof pattern, "%s/%s_*.txt", FIXTURES, lang);
    glob_t g;
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        size_t len;
        char *s = slurp(g.gl_pathv[i], &len);
        text_tokens t;
        assert_int_equal(text_tokenize(s, len, &t), 0);
        assert_int_equal(text_termstats_add_tokens(ts, lang, &t), 0);
        text_tokens_free(&t);
        free(s);
    }
    size_t n = g.gl_pathc;
    globfree(&g);
    return n;
}

#define IS_STOP(ts, lang, w) text_termstats_is_stopword(ts, lang, w, strlen(w))

static void test_counts(void **state) {
    (void)state;
    text_termstats *ts = text_termstats_new(0);
    assert_non_null(ts);
    const char *d1[] = {"le", "pont", "le", "le"};
    const char *d2[] = {"le", "maire"};
    assert_int_equal(text_termstats_add(ts, "fr", d1, NULL, 4), 0);
    assert_int_equal(text_termstats_add(ts, "FR-ca", d2, NULL, 2), 0);
    uint32_t lens[] = {2, 4};
    const char *d3[] = {"thexx", "bridge"};
    assert_int_equal(text_termstats_add(ts, "en", d3, lens, 2), 0);
    assert_int_equal(text_termstats_docs(ts, "fr"), 2);
    assert_int_equal(text_termstats_docs(ts, "en"), 1);
    assert_int_equal(text_termstats_docs(ts, "ru"), 0);
    assert_int_equal(text_termstats_df(ts, "fr", "le", 2), 2); /* once per document */
    assert_int_equal(text_termstats_df(ts, "fr", "pont", 4), 1);
    assert_int_equal(text_termstats_df(ts, "en", "pont", 4), 0); /* per language */
    assert_int_equal(text_termstats_df(ts, "en", "th", 2), 1);
    assert_int_equal(text_termstats_df(ts, "en", "brid", 4), 1);
    /* NULL and "" language count as "und" */
    assert_int_equal(text_termstats_add(ts, NULL, d2, NULL, 2), 0);
    assert_int_equal(text_termstats_docs(ts, "und"), 1);
    assert_int_equal(text_termstats_docs(ts, ""), 1);
    text_termstats_free(ts);
    text_termstats_free(NULL);
}

static void test_growth(void **state) {
    (void)state;
    text_termstats *ts = text_termstats_new(0);
    char w[32];
    for (int d = 0; d < 3; d++) {
        const char *terms[1];
        for (int i = 0; i < 5000; i++) {
            snprintf(w, sizeof w, "w%d", i);
            terms[0] = w;
            assert_int_equal(text_termstats_add(ts, "xx", terms, NULL, 1), 0);
        }
    }
    assert_int_equal(text_termstats_docs(ts, "xx"), 15000);
    assert_int_equal(text_termstats_df(ts, "xx", "w4999", 5), 3);
    assert_int_equal(text_termstats_df(ts, "xx", "w5000", 5), 0);
    text_termstats_free(ts);
}

static void test_background(void **state) {
    (void)state;
    /* the generated table knows the function words of the sample languages */
    assert_true(text_termstats_background("fr", "de", 2) > 0.5);
    assert_true(text_termstats_background("en", "the", 3) > 0.5);
    assert_true(text_termstats_background("ru", "и", strlen("и")) > 0.5);
    assert_true(text_termstats_background("fr-FR", "de", 2) > 0.5);
    /* topic words of one sample only are not in it */
    assert_true(text_termstats_background("fr", "koursk", 6) == 0);
    assert_true(text_termstats_background("fr", "soldats", 7) < 0.3);
    assert_true(text_termstats_background("en", "rights", 6) < 0.3);
    assert_true(text_termstats_background("xx", "de", 2) == 0);
    /* with no corpus at all, the background decides */
    assert_true(IS_STOP(NULL, "fr", "de"));
    assert_true(IS_STOP(NULL, "en", "the"));
    assert_false(IS_STOP(NULL, "fr", "pont"));
    assert_false(IS_STOP(NULL, "ru", "мост"));
}

static void test_learned_stopwords(void **state) {
    (void)state;
    text_termstats *ts = text_termstats_new(0);
    assert_int_equal(add_fixtures(ts, "fr"), 4);
    assert_int_equal(add_fixtures(ts, "en"), 4);
    assert_int_equal(add_fixtures(ts, "ru"), 4);
    assert_true(IS_STOP(ts, "fr", "la"));
    assert_true(IS_STOP(ts, "fr", "l'"));
    assert_true(IS_STOP(ts, "en", "the"));
    assert_true(IS_STOP(ts, "en", "and"));
    assert_true(IS_STOP(ts, "ru", "в"));
    assert_false(IS_STOP(ts, "fr", "rivière"));
    assert_false(IS_STOP(ts, "en", "bridge"));
    assert_false(IS_STOP(ts, "ru", "мост"));

    /* a word in every document of a large corpus becomes a stop word of that corpus,
     * whatever the background says; a word in few documents stops being one */
    text_termstats *big = text_termstats_new(0.5);
    for (int i = 0; i < 200; i++) {
        const char *d[] = {"koursk", i % 10 == 0 ? "de" : "soldats"};
        assert_int_equal(text_termstats_add(big, "fr", d, NULL, 2), 0);
    }
    assert_true(IS_STOP(big, "fr", "koursk"));
    assert_true(IS_STOP(big, "fr", "soldats"));
    assert_false(IS_STOP(big, "fr", "de"));
    /* idf falls as the share rises, and is finite for unknown words */
    double rare = text_termstats_idf(big, "fr", "inconnu", 7);
    double common = text_termstats_idf(big, "fr", "koursk", 6);
    assert_true(rare > common);
    assert_true(rare < 10);
    assert_true(common >= 0);
    text_termstats_free(big);
    text_termstats_free(ts);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_background),
        cmocka_unit_test(test_learned_stopwords),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
