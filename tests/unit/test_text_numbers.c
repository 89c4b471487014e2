/* test_text_numbers.c: the number parser: every form of the seed articles, locale
 * rules, scale and number words, approximations, units, years and dates, hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* The one quantity expected in s (lang), its value, approximation and unit. */
static void expect_one(const char *lang, const char *s, double value, const char *approx, const char *unit, int is_year,
                       const char *span) {
    text_number n[8];
    size_t c = text_numbers(lang, s, strlen(s), n, 8);
    if (c != 1) fail_msg("%s: %zu numbers, want 1", s, c);
    if (n[0].value < value - 1e-9 * (value + 1) || n[0].value > value + 1e-9 * (value + 1))
        fail_msg("%s: value %f, want %f", s, n[0].value, value);
    assert_string_equal(n[0].approx, approx);
    assert_string_equal(n[0].unit, unit);
    assert_int_equal(n[0].is_year, is_year);
    if (span) {
        assert_int_equal(n[0].len, strlen(span));
        assert_memory_equal(s + n[0].offset, span, strlen(span));
    }
}

static void test_seed_forms(void **state) {
    (void)state;
    expect_one("fr", "jusqu’à 8 000 soldats nord-coréens", 8000, "jusqu'à", "", 0, "8 000");
    expect_one("fr",
               "8\xc2\xa0"
               "000 soldats",
               8000, "", "", 0, NULL);
    expect_one("fr",
               "8\xe2\x80\xaf"
               "000 soldats",
               8000, "", "", 0, NULL);
    expect_one("fr", "environ 10.000 soldats", 10000, "environ", "", 0, "10.000");
    expect_one("fr", "a envoyé 1 500 soldats", 1500, "", "", 0, "1 500");
    expect_one("fr", "Pyongyang a envoyé 3.000 soldats", 3000, "", "", 0, NULL);
    expect_one("fr", "quelque 11 000 soldats", 11000, "quelque", "", 0, NULL);
    expect_one("fr", "pourrait atteindre 12 000 soldats", 12000, "", "", 0, NULL);
    expect_one("fr", "ont avancé de 478 km² sur le sol", 478, "", "km²", 0, "478");
    expect_one("fr", "avec quelque deux mille supplémentaires", 2000, "quelque", "", 0, "deux mille");
    expect_one("fr", "trois mille hommes", 3000, "", "", 0, "trois mille");
}

static void test_locale_rules(void **state) {
    (void)state;
    expect_one("en", "about 12,000 troops", 12000, "about", "", 0, NULL);
    expect_one("fr", "un taux de 1,5 point", 1.5, "", "", 0, NULL);
    expect_one("en", "a rate of 1.5 points", 1.5, "", "", 0, NULL);
    expect_one("en", "3.000 is odd in English", 3.0, "", "", 0, NULL);
    expect_one("de", "rund 10.000 Soldaten", 10000, "rund", "", 0, NULL);
    expect_one("en", "1,234,567 people", 1234567, "", "", 0, NULL);
    expect_one("fr", "1.234.567 personnes", 1234567, "", "", 0, NULL);
    expect_one("en", "1,234.5 tonnes", 1234.5, "", "tonnes", 0, NULL);
    expect_one("de", "1.234,5 Tonnen", 1234.5, "", "", 0, NULL);
    expect_one("fr", "1 234,5 tonnes", 1234.5, "", "tonnes", 0, NULL);
    /* unknown language: three digits after the separator make thousands */
    expect_one(NULL, "12,000 x", 12000, "", "", 0, NULL);
    expect_one("und", "2,5 x", 2.5, "", "", 0, NULL);
    expect_one("ru", "около 10 000 военных", 10000, "около", "", 0, NULL);
    expect_one("ru", "1,5 процента", 1.5, "", "процента", 0, NULL);
}

static void test_scales(void **state) {
    (void)state;
    expect_one("fr", "1,5 million de personnes", 1.5e6, "", "", 0, "1,5 million");
    expect_one("fr", "2,3 milliards d'euros", 2.3e9, "", "", 0, "2,3 milliards");
    expect_one("en", "10k runners", 10000, "", "", 0, "10k");
    expect_one("en", "up to $1.5bn", 1.5e9, "up to", "$", 0, NULL);
    expect_one("en", "3 million people", 3e6, "", "", 0, NULL);
    expect_one("ru", "3 млн рублей", 3e6, "", "рублей", 0, NULL);
    expect_one("ru", "более 2 млрд", 2e9, "более", "", 0, NULL);
    expect_one("fr", "plus de 12 %", 12, "plus de", "%", 0, NULL);
    expect_one("fr", "10 €", 10, "", "€", 0, NULL);
}

static void test_number_words(void **state) {
    (void)state;
    expect_one("en", "a dozen soldiers", 12, "", "", 0, "a dozen");
    expect_one("en", "two dozen", 24, "", "", 0, NULL);
    expect_one("en", "nearly three hundred and twenty people", 320, "nearly", "", 0, NULL);
    expect_one("en", "one million two hundred thousand", 1.2e6, "", "", 0, NULL);
    expect_one("fr", "quatre-vingt-dix soldats", 90, "", "", 0, "quatre-vingt-dix");
    expect_one("fr", "vingt et un ans", 21, "", "", 0, "vingt et un");
    expect_one("fr", "deux cent mille", 200000, "", "", 0, NULL);
    expect_one("fr", "mille milliards", 1e12, "", "", 0, NULL);
    expect_one("fr", "une dizaine de soldats", 10, "dizaine", "", 0, NULL);
    expect_one("ru", "тысяча солдат", 1000, "", "", 0, "тысяча");
    expect_one("ru", "около двух тысяч", 2000, "около", "", 0, NULL);
    expect_one("ru", "двести пятьдесят", 250, "", "", 0, NULL);
    /* other languages' number words count only in their language */
    expect_one("de", "etwa zwei Dutzend Soldaten", 24, "etwa", "", 0, NULL);
    expect_one("es", "casi tres mil soldados", 3000, "casi", "", 0, NULL);
    expect_one("it", "oltre due mila soldati", 2000, "oltre", "", 0, NULL);
    expect_one("uk", "дві тисячі солдатів", 2000, "", "", 0, NULL);
    expect_one("pt", "até três mil soldados", 3000, "até", "", 0, NULL);
    text_number m[4];
    assert_int_equal(text_numbers("en", "due to the storm", 16, m, 4), 0);
    assert_int_equal(text_numbers(NULL, "due to the storm", 16, m, 4), 0);
    /* a lone "one" / "un" is not a quantity */
    text_number n[4];
    assert_int_equal(text_numbers("fr", "un soldat et une femme", 22, n, 4), 0);
    assert_int_equal(text_numbers("en", "a soldier and one man", 21, n, 4), 0);
}

static void test_years_dates(void **state) {
    (void)state;
    expect_one("fr", "en 2024", 2024, "", "", 1, NULL);
    expect_one("en", "since 1991", 1991, "", "", 1, NULL);
    expect_one("ru", "в 2024 году", 2024, "", "", 1, NULL);
    /* a quantity in the year range when it has an approximation or a unit */
    expect_one("fr", "plus de 2000 soldats", 2000, "plus de", "", 0, NULL);
    text_number n[8];
    const char *d = "le 31 octobre 2024 à 20:52";
    size_t c = text_numbers("fr", d, strlen(d), n, 8);
    assert_int_equal(c, 4);
    for (size_t i = 0; i < c; i++) assert_int_equal(n[i].is_year, 1);
    const char *e = "On October 31, 2024, 3,000 troops";
    c = text_numbers("en", e, strlen(e), n, 8);
    assert_int_equal(c, 3);
    assert_int_equal(n[0].is_year, 1);
    assert_int_equal(n[1].is_year, 1);
    assert_int_equal(n[2].is_year, 0);
    assert_true(n[2].value == 3000);
    const char *f = "31/10/2024 et 31.10.2024";
    c = text_numbers("fr", f, strlen(f), n, 8);
    assert_int_equal(c, 4);
    for (size_t i = 0; i < c; i++) assert_int_equal(n[i].is_year, 1);
    const char *r = "31 октября 2024 года";
    c = text_numbers("ru", r, strlen(r), n, 8);
    assert_int_equal(c, 2);
    assert_int_equal(n[0].is_year, 1);
    assert_int_equal(n[1].is_year, 1);
}

static void test_count_and_cap(void **state) {
    (void)state;
    const char *s = "8 000, 1 500, 3.000 et 12 000 soldats; 478 km².";
    text_number n[2];
    assert_int_equal(text_numbers("fr", s, strlen(s), n, 2), 5);
    assert_true(n[0].value == 8000);
    assert_true(n[1].value == 1500);
    assert_int_equal(text_numbers("fr", s, strlen(s), NULL, 0), 5);
    /* ordinals and words that merely contain digits are not quantities */
    const char *o = "le 1er, la 2e, the 3rd, G7, covid-19";
    assert_int_equal(text_numbers("fr", o, strlen(o), n, 2), 0);
}

static void test_bad_input(void **state) {
    (void)state;
    text_number n[4];
    assert_int_equal(text_numbers("fr", "", 0, n, 4), 0);
    assert_int_equal(text_numbers("fr", NULL, 4, n, 4), 0);
    assert_int_equal(text_numbers(NULL, "\xff\xfe 12 \xc3", 7, n, 4), 1);
    /* a long run of digits and separators does not overflow anything */
    size_t big = 1 << 16;
    char *s = malloc(big + 1);
    for (size_t i = 0; i < big; i++) s[i] = (i % 4 == 3) ? ' ' : '9';
    s[big] = '\0';
    size_t c = text_numbers("fr", s, big, n, 4);
    assert_true(c <= big / 4);
    expect_one("fr", "999 999 999 999 999 999", 999999999999999999.0, "", "", 0, NULL);
    for (size_t i = 0; i < big; i++) s[i] = (i % 2) ? '.' : '1';
    c = text_numbers("en", s, big - 1, n, 4);
    assert_true(c >= 1);
    assert_int_equal(n[0].is_year, 1); /* 1.1.1.1...: not a quantity */
    free(s);
    const char *mix = "٣٠٠٠ جندي و ８０００ 兵";
    c = text_numbers("ar", mix, strlen(mix), n, 4);
    assert_int_equal(c, 2);
    assert_true(n[0].value == 3000);
    assert_true(n[1].value == 8000);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_forms),   cmocka_unit_test(test_locale_rules), cmocka_unit_test(test_scales),
        cmocka_unit_test(test_number_words), cmocka_unit_test(test_years_dates),  cmocka_unit_test(test_count_and_cap),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
