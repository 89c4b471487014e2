/* test_read_oom.c: decoding, and reading a JSON Lines record, when an allocation
 * fails mid-way.
 *
 * Allocations fail on demand (oom_inject.h: the k-th one from when it is armed).
 * Decoding a body is swept over k: each call either succeeds with the whole body
 * or says RECOUPE_ERR_NOMEM, never hands back a body cut where memory ran out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "recoupe.h"

#include "oom_inject.h"

/* decodes body (is_html, content_type) with the k-th allocation failing, for every
 * k until one run passes without a failure; each run gives the reference or NOMEM */
static void sweep(const char *body, size_t len, const char *content_type) {
    recoupe_article *ref = recoupe_article_new();
    ref->body = malloc(len + 1);
    memcpy(ref->body, body, len + 1);
    ref->body_len = len;
    if (content_type) ref->content_type = strdup(content_type);
    assert_int_equal(recoupe_article_decode(ref), RECOUPE_OK);
    int failures = 0;
    for (long k = 0;; k++) {
        recoupe_article *a = recoupe_article_new();
        a->body = malloc(len + 1);
        memcpy(a->body, body, len + 1);
        a->body_len = len;
        if (content_type) a->content_type = strdup(content_type);
        hit = 0;
        countdown = k;
        recoupe_status st = recoupe_article_decode(a);
        countdown = -1;
        if (st == RECOUPE_OK) {
            assert_int_equal(a->body_len, ref->body_len);
            assert_memory_equal(a->body, ref->body, ref->body_len);
            assert_string_equal(a->encoding, ref->encoding);
        } else {
            assert_int_equal(st, RECOUPE_ERR_NOMEM);
            failures++;
        }
        recoupe_article_free(a);
        if (!hit) break;
    }
    assert_true(failures > 0);
    recoupe_article_free(ref);
}

/* mostly UTF-8 with many stray bytes: the repair grows its buffer past the first guess */
static void decode_repair_out_of_memory(void **state) {
    (void)state;
    if (!OOM_INJECT) skip();
    char body[4096];
    size_t n = 0;
    for (int i = 0; i < 300; i++) {
        memcpy(body + n, "\xC3\xA9\xFF", 3);
        n += 3;
    }
    body[n] = 0;
    sweep(body, n, NULL);
}

/* windows-1252 with the euro sign (three bytes of UTF-8 for one): iconv's output grows */
static void decode_convert_out_of_memory(void **state) {
    (void)state;
    if (!OOM_INJECT) skip();
    char body[4096];
    size_t n = 0;
    for (int i = 0; i < 1000; i++) body[n++] = (char)0x80;
    body[n] = 0;
    sweep(body, n, "text/html; charset=windows-1252");
}

/* a JSON Lines record with every field, read with the k-th allocation failing: each
 * read gives the whole record (every field as the reference has it) or no article,
 * never one with a field gone missing where memory ran out */
static void jsonl_record_out_of_memory(void **state) {
    (void)state;
    if (!OOM_INJECT) skip();
    static const char line[] =
        "{\"id\":\"r1\",\"url\":\"https://example.org/a\",\"title\":\"T\",\"date\":\"2024-10-31\","
        "\"site\":\"S\",\"lang\":\"fr\",\"author\":\"A\",\"description\":\"D\",\"html\":\"<p>x</p>\","
        "\"text\":\"x\"}\n";
    recoupe_article *ref = NULL;
    assert_int_equal(recoupe_article_from_memory("a.jsonl", line, sizeof line - 1, &ref), RECOUPE_OK);
    const char *want[] = {ref->id,     ref->url,         ref->title, ref->date, ref->site, ref->lang,
                          ref->author, ref->description, ref->text,  ref->body, ref->file};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) assert_non_null(want[i]);
    int failures = 0;
    for (long k = 0;; k++) {
        recoupe_article *a = NULL;
        hit = 0;
        countdown = k;
        recoupe_status st = recoupe_article_from_memory("a.jsonl", line, sizeof line - 1, &a);
        countdown = -1;
        if (st == RECOUPE_OK) {
            const char *got[] = {a->id,     a->url,         a->title, a->date, a->site, a->lang,
                                 a->author, a->description, a->text,  a->body, a->file};
            for (size_t i = 0; i < sizeof got / sizeof *got; i++) {
                assert_non_null(got[i]);
                assert_string_equal(got[i], want[i]);
            }
        } else {
            assert_null(a);
            failures++;
        }
        recoupe_article_free(a);
        if (!hit) break;
    }
    assert_true(failures > 0);
    recoupe_article_free(ref);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decode_repair_out_of_memory),
        cmocka_unit_test(decode_convert_out_of_memory),
        cmocka_unit_test(jsonl_record_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
