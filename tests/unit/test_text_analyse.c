/* test_text_analyse.c: recoupe_article_analyse (language and timestamp of an
 * article) and the ISO 8601 reader behind the timestamp. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"
#include "text/text.h"

static void test_iso8601(void **state) {
    (void)state;
    assert_true(text_iso8601_seconds("1970-01-01") == 0);
    assert_true(text_iso8601_seconds("2024-10-31") == 1730332800);
    assert_true(text_iso8601_seconds("2024-10-31T20:52:00Z") == 1730407920);
    assert_true(text_iso8601_seconds("2024-10-31T20:52:00+01:00") == 1730404320);
    assert_true(text_iso8601_seconds("2024-10-31T20:52+0100") == 1730404320);
    assert_true(text_iso8601_seconds("2024-10-31 20:52:00.123-04:00") == 1730422320);
    assert_true(text_iso8601_seconds("2024-02-29") == 1709164800);
    assert_true(text_iso8601_seconds("1969-12-31T23:59:59Z") == -1);
    assert_true(text_iso8601_seconds(" 2024-10-31\n") == 1730332800);
    /* not dates */
    assert_true(text_iso8601_seconds(NULL) == INT64_MIN);
    assert_true(text_iso8601_seconds("") == INT64_MIN);
    assert_true(text_iso8601_seconds("2023-02-29") == INT64_MIN);
    assert_true(text_iso8601_seconds("2024-13-01") == INT64_MIN);
    assert_true(text_iso8601_seconds("2024-10-31T25:00") == INT64_MIN);
    assert_true(text_iso8601_seconds("31 octobre 2024") == INT64_MIN);
    assert_true(text_iso8601_seconds("2024-10-31T20:52:00+01:00 garbage") == INT64_MIN);
    assert_true(text_iso8601_seconds("2024-10") == INT64_MIN);
}

static void analyse(const char *text, const char *title, const char *declared, const char *date, char lang[8],
                    float *conf, int64_t *ts) {
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->text = text ? strdup(text) : NULL;
    a->title = title ? strdup(title) : NULL;
    a->lang = declared ? strdup(declared) : NULL;
    a->date = date ? strdup(date) : NULL;
    assert_int_equal(recoupe_article_analyse(a), RECOUPE_OK);
    memcpy(lang, a->detected_lang, 8);
    *conf = a->lang_confidence;
    *ts = a->timestamp;
    recoupe_article_free(a);
}

static void test_analyse(void **state) {
    (void)state;
    char lang[8];
    float conf;
    int64_t ts;
    analyse("Selon Washington, jusqu'à 8 000 soldats nord-coréens ont été déployés dans la région "
            "de Koursk, en Russie, où ils pourraient bientôt prendre part aux combats.",
            NULL, NULL, "2024-10-31T20:52:00+01:00", lang, &conf, &ts);
    assert_string_equal(lang, "fr");
    assert_true(conf > 0.5f);
    assert_true(ts == 1730404320);
    analyse("According to Washington, up to 8,000 North Korean soldiers have been deployed to the "
            "Kursk region of Russia, where they could soon join the fighting.",
            NULL, "en", NULL, lang, &conf, &ts);
    assert_string_equal(lang, "en");
    assert_true(ts == INT64_MIN);
    analyse("", "По данным Вашингтона, до 8000 северокорейских солдат переброшены в Курскую область", NULL,
            "2024-10-31", lang, &conf, &ts);
    assert_string_equal(lang, "ru");
    assert_true(ts == 1730332800);
    /* nothing to go on */
    analyse(NULL, NULL, NULL, "soon", lang, &conf, &ts);
    assert_string_equal(lang, "und");
    assert_true(ts == INT64_MIN);
    assert_int_equal(recoupe_article_analyse(NULL), RECOUPE_ERR_ARG);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso8601),
        cmocka_unit_test(test_analyse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
