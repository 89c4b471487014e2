/* test_util.c: the capped buffer, the JSON writer and the uint32 sort. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/json.h"
#include "util/sort.h"

static void buf_grows_and_stays_terminated(void **state) {
    (void)state;
    buf b = BUF_INIT;
    assert_string_equal(buf_str(&b), "");
    for (int i = 0; i < 1000; i++) assert_int_equal(buf_puts(&b, "abc"), 0);
    assert_int_equal(b.len, 3000);
    assert_int_equal(strlen(b.p), 3000);
    assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), 0);
    assert_string_equal(b.p + 3000, "42-x");
    buf_free(&b);
}

static void buf_cap_refuses_and_sticks(void **state) {
    (void)state;
    buf b;
    buf_init(&b, 10);
    assert_int_equal(buf_puts(&b, "0123456789"), 0);
    assert_int_equal(buf_putc(&b, 'x'), -1);
    assert_int_equal(b.len, 10);
    assert_true(b.err);
    assert_int_equal(buf_puts(&b, ""), -1); /* sticky */
    buf_reset(&b);
    assert_int_equal(buf_puts(&b, "ok"), 0);
    char *s = buf_detach(&b);
    assert_string_equal(s, "ok");
    free(s);
    assert_null(b.p);
}

static void json_escapes_strings(void **state) {
    (void)state;
    buf b = BUF_INIT;
    json_str(&b, "a\"b\\c\nd\te\x01 é");
    assert_string_equal(b.p, "\"a\\\"b\\\\c\\nd\\te\\u0001 é\"");
    buf_reset(&b);
    json_str(&b, NULL);
    assert_string_equal(b.p, "null");
    buf_free(&b);
}

/* bytes that are no UTF-8 (a file name, a WARC header) come out as U+FFFD, one per
 * byte; valid sequences (2, 3, 4 bytes, U+2028) pass; NUL inside a string is escaped */
static void json_strings_stay_utf8(void **state) {
    (void)state;
    buf b = BUF_INIT;
    json_str(&b, "caf\xE9.txt");
    assert_string_equal(b.p, "\"caf\xEF\xBF\xBD.txt\"");
    buf_reset(&b);
    /* overlong '/', a surrogate, past U+10FFFF, a lone continuation, a truncated tail */
    json_str(&b, "\xC0\xAF|\xED\xA0\x80|\xF4\x90\x80\x80|\x80|\xE2\x82");
    assert_string_equal(b.p,
                        "\"\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"
                        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\"");
    buf_reset(&b);
    json_str(&b, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xE2\x80\xA8");
    assert_string_equal(b.p, "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xE2\x80\xA8\"");
    buf_reset(&b);
    json_strn(&b, "a\0b", 3);
    assert_string_equal(b.p, "\"a\\u0000b\"");
    buf_free(&b);
}

static void json_members_get_commas(void **state) {
    (void)state;
    buf b = BUF_INIT;
    buf_putc(&b, '{');
    json_kv_str(&b, "a", "x");
    json_kv_int(&b, "n", -3);
    json_kv_bool(&b, "t", 1);
    json_key(&b, "l");
    buf_putc(&b, '[');
    json_sep(&b);
    json_str(&b, "1");
    json_sep(&b);
    json_str(&b, "2");
    buf_putc(&b, ']');
    json_kv_num(&b, "f", 0.5);
    buf_putc(&b, '}');
    assert_string_equal(b.p, "{\"a\":\"x\",\"n\":-3,\"t\":true,\"l\":[\"1\",\"2\"],\"f\":0.5}");
    buf_free(&b);
}

/* short lists (insertion) and long ones (qsort) come out ascending, duplicates kept */
static void sort_u32_short_and_long(void **state) {
    (void)state;
    for (size_t n = 0; n <= 200; n += 7) {
        uint32_t v[200];
        size_t sum = 0;
        for (size_t i = 0; i < n; i++) {
            v[i] = (uint32_t)((i * 2654435761u) % 50); /* repeats once n > 50 */
            sum += v[i];
        }
        sort_u32(v, n);
        for (size_t i = 1; i < n; i++) assert_true(v[i - 1] <= v[i]);
        for (size_t i = 0; i < n; i++) sum -= v[i];
        assert_int_equal(sum, 0);
    }
    uint32_t big[3] = {UINT32_MAX, 0, 7};
    sort_u32(big, 3);
    assert_true(big[0] == 0 && big[1] == 7 && big[2] == UINT32_MAX);
}

static int cmp_u32_ref(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* the radix sort of longer lists (on the stack, and past it on the heap) gives
 * qsort's order over the whole 32-bit range, keys sharing bytes included */
static void sort_u32_radix_as_qsort(void **state) {
    (void)state;
    static const size_t sizes[] = {33, 100, 2048, 2049, 10000};
    uint32_t seed = 12345;
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        uint32_t *v = malloc(n * sizeof *v), *w = malloc(n * sizeof *w);
        assert_non_null(v);
        assert_non_null(w);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1664525u + 1013904223u;
            v[i] = k % 2 ? seed : (seed & 0x00FF00FFu) | 0xAB000000u; /* some bytes all alike */
        }
        memcpy(w, v, n * sizeof *v);
        sort_u32(v, n);
        qsort(w, n, sizeof *w, cmp_u32_ref);
        assert_memory_equal(v, w, n * sizeof *v);
        free(v);
        free(w);
    }
}

static void json_utf8_validity_and_hex(void **state) {
    (void)state;
    assert_true(json_utf8_valid("caf\xc3\xa9", 5));
    assert_true(json_utf8_valid("", 0));
    assert_false(json_utf8_valid("caf\xe9", 4));      /* Latin-1 */
    assert_false(json_utf8_valid("\xc3", 1));         /* cut sequence */
    assert_false(json_utf8_valid("\xed\xa0\x80", 3)); /* a surrogate */
    buf b = BUF_INIT;
    buf_putc(&b, '{');
    json_kv_hex(&b, "file_bytes", "a\xe9/", 3);
    buf_putc(&b, '}');
    assert_false(b.err);
    assert_string_equal(b.p, "{\"file_bytes\":\"61e92f\"}");
    buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_grows_and_stays_terminated), cmocka_unit_test(buf_cap_refuses_and_sticks),
        cmocka_unit_test(json_utf8_validity_and_hex),     cmocka_unit_test(json_escapes_strings),
        cmocka_unit_test(json_strings_stay_utf8),         cmocka_unit_test(json_members_get_commas),
        cmocka_unit_test(sort_u32_short_and_long),        cmocka_unit_test(sort_u32_radix_as_qsort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
