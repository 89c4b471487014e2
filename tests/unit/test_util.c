/* test_util.c: the capped buffer and the JSON writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/json.h"

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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_grows_and_stays_terminated),
        cmocka_unit_test(buf_cap_refuses_and_sticks),
        cmocka_unit_test(json_escapes_strings),
        cmocka_unit_test(json_members_get_commas),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
