/* test_extract_arena.c: the per-thread arena under libxml2 (html_arena.c): pages
 * extracted one after another, large and small, on one thread and on two threads
 * at once, give the same text as a page extracted alone; and libxml2 keeps working
 * for the heap outside an extraction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"

static char *page(size_t paragraphs) {
    size_t cap = 200 + paragraphs * 200;
    char *b = malloc(cap);
    size_t o = (size_t)snprintf(b, cap, "<html><head><title>T</title></head><body><div class=\"story\">");
    for (size_t i = 0; i < paragraphs; i++)
        o += (size_t)snprintf(b + o, cap - o,
                              "<p>Paragraph %zu of the story, with a few words, commas, and a full stop.</p>", i);
    snprintf(b + o, cap - o, "</div></body></html>");
    return b;
}

static char *extract_text(const char *html) {
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->body = strdup(html);
    a->body_len = strlen(html);
    a->is_html = 1;
    assert_int_equal(recoupe_article_extract(a), RECOUPE_OK);
    char *t = a->text ? strdup(a->text) : NULL;
    recoupe_article_free(a);
    return t;
}

static void same_text_in_a_row(void **state) {
    (void)state;
    char *small = page(8), *big = page(60000); /* the big one outgrows the kept chunks */
    char *t0 = extract_text(small);
    assert_non_null(t0);
    for (int i = 0; i < 3; i++) {
        char *tb = extract_text(big);
        assert_non_null(tb);
        assert_non_null(strstr(tb, "Paragraph 59999 of the story"));
        free(tb);
        char *t = extract_text(small);
        assert_string_equal(t, t0);
        free(t);
    }
    free(t0), free(small), free(big);
}

typedef struct job {
    const char *html;
    const char *want;
    int ok;
} job;

static void *run(void *arg) {
    job *j = arg;
    j->ok = 1;
    for (int i = 0; i < 200; i++) {
        recoupe_article *a = recoupe_article_new();
        a->body = strdup(j->html);
        a->body_len = strlen(j->html);
        a->is_html = 1;
        if (recoupe_article_extract(a) != RECOUPE_OK || !a->text || strcmp(a->text, j->want)) j->ok = 0;
        recoupe_article_free(a);
    }
    return NULL;
}

static void two_threads(void **state) {
    (void)state;
    char *p1 = page(12), *p2 = page(300);
    char *w1 = extract_text(p1), *w2 = extract_text(p2);
    job j1 = {p1, w1, 0}, j2 = {p2, w2, 0};
    pthread_t a, b;
    assert_int_equal(pthread_create(&a, NULL, run, &j1), 0);
    assert_int_equal(pthread_create(&b, NULL, run, &j2), 0);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    assert_true(j1.ok);
    assert_true(j2.ok);
    free(p1), free(p2), free(w1), free(w2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_text_in_a_row),
        cmocka_unit_test(two_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
