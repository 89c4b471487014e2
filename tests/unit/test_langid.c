/* test_langid.c: language identification: the n-gram model, CLD2 with its full
 * tables, their combination, the declared language, paragraphs and lines, codes,
 * and bad input (empty, no letters, 1 MB without a space, mark floods, emoji,
 * control characters, right-to-left and mixed scripts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"
#include "text/langid.h"
#include "text/text.h"

static const char *detect(const char *s, const char *declared, float *conf) {
    static char code[8];
    recoupe_detect_language(s, strlen(s), declared, code, conf);
    return code;
}

static void test_french_english_russian(void **state) {
    (void)state;
    float c;
    assert_string_equal(detect("Le gouvernement a annoncé une nouvelle réforme des retraites.", NULL, &c), "fr");
    assert_true(c > 0.5f);
    assert_string_equal(detect("The government announced a new pension reform on Tuesday.", NULL, &c), "en");
    assert_string_equal(detect("Правительство объявило о новой пенсионной реформе.", NULL, &c), "ru");
    assert_string_equal(detect("Уряд оголосив про нову пенсійну реформу.", NULL, &c), "uk");
    assert_string_equal(detect("Die Regierung hat eine neue Rentenreform angekündigt.", NULL, &c), "de");
    assert_string_equal(detect("政府宣布了新的养老金改革方案。", NULL, &c), "zh");
    assert_string_equal(detect("أعلنت الحكومة عن إصلاح جديد لنظام التقاعد", NULL, &c), "ar");
    assert_string_equal(detect("הממשלה הודיעה על רפורמה חדשה בפנסיות", NULL, &c), "he");
    /* text_language is the same detector */
    char code[8];
    const char *s = "Les soldats sont arrivés dans la région de Koursk.";
    float tc = text_language(s, strlen(s), NULL, code);
    assert_string_equal(code, "fr");
    assert_true(tc > 0.5f && tc <= 1.0f);
}

static void test_short_text(void **state) {
    (void)state;
    float c;
    assert_string_equal(detect("soldats déployés", NULL, &c), "fr");
    assert_string_equal(detect("deployed soldiers", NULL, &c), "en");
    assert_string_equal(detect("развёрнутые солдаты", NULL, &c), "ru");
}

static void test_declared_prior(void **state) {
    (void)state;
    float c;
    /* "information" is French and English alike: the declared language decides */
    assert_string_equal(detect("information", "fr-FR", &c), "fr");
    assert_string_equal(detect("information", "EN", &c), "en");
    /* a wrong declaration does not override a clear text */
    assert_string_equal(detect("Правительство объявило о новой пенсионной реформе.", "en", &c), "ru");
}

static void test_no_letters(void **state) {
    (void)state;
    float c = 1;
    char code[8] = "xx";
    recoupe_detect_language(NULL, 0, NULL, code, &c);
    assert_string_equal(code, "und");
    assert_true(c == 0.0f);
    assert_string_equal(detect("", NULL, &c), "und");
    assert_string_equal(detect("1234 5678 !!! ... -- 3,14", NULL, &c), "und");
    assert_string_equal(detect("\xF0\x9F\x98\x80\xF0\x9F\x8E\x89 \xF0\x9F\x91\x8D", NULL, &c), "und"); /* emoji */
    recoupe_detect_language("abc", 3, NULL, code, NULL); /* confidence may be NULL */
}

/* a text made of n copies of a sentence, in a static buffer */
static const char *repeat(const char *sentence, int n) {
    static char buf[8192];
    buf[0] = '\0';
    for (int i = 0; i < n && strlen(buf) + strlen(sentence) + 2 < sizeof buf; i++) {
        strcat(buf, sentence);
        strcat(buf, " ");
    }
    return buf;
}

static void test_long_texts(void **state) {
    (void)state;
    float c;
    /* longer than 600 bytes: judged on samples of the beginning (script, words,
     * n-grams), with the full treatment only when those are unsure */
    const char *fr = repeat("Les soldats nord-coréens seraient arrivés dans la région de Koursk, selon les "
                            "services de renseignement, qui évoquent plusieurs milliers d'hommes.",
                            6);
    assert_true(strlen(fr) > 600);
    assert_string_equal(detect(fr, NULL, &c), "fr");
    assert_true(c > 0.9f);
    assert_string_equal(detect(repeat("The soldiers are said to have reached the Kursk region, according to "
                                      "intelligence services that speak of several thousand men.",
                                      6),
                               NULL, &c),
                        "en");
    assert_string_equal(detect(repeat("Уряд оголосив про нову пенсійну реформу, яка, на думку експертів, "
                                      "торкнеться мільйонів пенсіонерів.",
                                      6),
                               NULL, &c),
                        "uk");
    /* a wrong declaration does not override a clear long text */
    assert_string_equal(detect(repeat("Правительство объявило о новой пенсионной реформе, которая, по мнению "
                                      "экспертов, затронет миллионы пенсионеров.",
                                      6),
                               "en", &c),
                        "ru");
    assert_true(c > 0.9f);
    /* scripts that name their language */
    assert_string_equal(detect(repeat("政府宣布了新的养老金改革方案，专家认为这将影响数百万退休人员。", 8), NULL, &c),
                        "zh");
    assert_string_equal(
        detect(repeat("政府は新しい年金改革を発表し、専門家は数百万人の退職者に影響すると述べた。", 8), NULL, &c),
        "ja");
    assert_string_equal(detect(repeat("정부는 새로운 연금 개혁안을 발표했으며 전문가들은 수백만 명의 퇴직자에게 영향을 "
                                      "미칠 것이라고 말했다.",
                                      6),
                               NULL, &c),
                        "ko");
    assert_string_equal(detect(repeat("Η κυβέρνηση ανακοίνωσε μια νέα μεταρρύθμιση του συνταξιοδοτικού "
                                      "συστήματος.",
                                      8),
                               NULL, &c),
                        "el");
    assert_true(c > 0.9f);
    /* the beginning has no letters: the detector reads on */
    char mixed[4096];
    memset(mixed, 0, sizeof mixed);
    for (int i = 0; i < 100; i++) strcat(mixed, "12 345; ");
    strcat(mixed, "Le gouvernement a annoncé une nouvelle réforme des retraites mardi soir.");
    assert_string_equal(detect(mixed, NULL, &c), "fr");
    /* long and letterless */
    mixed[800] = '\0';
    assert_string_equal(detect(mixed, NULL, &c), "und");
    assert_true(c == 0.0f);
}

static void test_unsure_is_und(void **state) {
    (void)state;
    float c = -1;
    /* too little evidence: the best language's confidence is under 0.2 */
    assert_string_equal(detect("xyz", NULL, &c), "und");
    assert_true(c > 0.0f && c < 0.2f);
    assert_string_equal(detect("ma", NULL, &c), "und");
    assert_true(c > 0.0f && c < 0.2f);
    /* the same letters in a sentence are no longer unsure */
    assert_string_equal(detect("Ma mère est arrivée hier soir à la gare de Lyon.", NULL, &c), "fr");
    assert_true(c >= 0.2f);
    /* a line judged unsure prints und, like a line without letters */
    char *out = recoupe_detect_line_languages("xyz\n", 4, RECOUPE_LANGID_BEST);
    assert_non_null(out);
    assert_string_equal(out, "und\n");
    free(out);
}

static void test_bad_input(void **state) {
    (void)state;
    float c;
    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++) big[i] = "abcdefghij"[i % 10];
    big[n] = '\0';
    char code[8];
    recoupe_detect_language(big, n, NULL, code, &c); /* 1 MB without a space */
    assert_true(strlen(code) >= 2 && strlen(code) <= 3);
    /* a flood of combining marks on one letter */
    size_t m = 0;
    big[m++] = 'e';
    while (m + 2 < 200000) {
        big[m++] = (char)0xCC;
        big[m++] = (char)0x81;
    }
    recoupe_detect_language(big, m, NULL, code, &c);
    assert_true(strlen(code) >= 2 && strlen(code) <= 3);
    free(big);
    /* control characters and NULs inside the text */
    const char ctl[] = "Le gouvernement\x01\x02 a annoncé\0 une réforme\x7f des retraites.";
    recoupe_detect_language(ctl, sizeof ctl - 1, NULL, code, &c);
    assert_string_equal(code, "fr");
    /* invalid UTF-8 never reaches here, but must not crash */
    const char bad[] = "caf\xC3 \xFF\xFE r\xE9sum\xE9 \xED\xA0\x80";
    recoupe_detect_language(bad, sizeof bad - 1, NULL, code, &c);
    /* mixed scripts: the longer part wins */
    assert_string_equal(detect("Путин заявил в понедельник, что переговоры продолжатся (Reuters)", NULL, &c), "ru");
}

static void test_paragraphs(void **state) {
    (void)state;
    const char *s = "Les soldats nord-coréens seraient arrivés dans la région de Koursk, selon les services "
                    "de renseignement.\n\n  \nThe North Korean soldiers are said to have reached the Kursk "
                    "region, according to the intelligence services.\n\n12 000\n";
    recoupe_lang_span sp[4];
    size_t n = recoupe_detect_paragraph_languages(s, strlen(s), NULL, sp, 4);
    assert_int_equal(n, 2);
    assert_string_equal(sp[0].code, "fr");
    assert_string_equal(sp[1].code, "en");
    assert_int_equal(sp[0].offset, 0);
    assert_memory_equal(s + sp[1].offset, "The North", 9);
    assert_int_equal(recoupe_detect_paragraph_languages(s, strlen(s), NULL, NULL, 0), 2);
    assert_int_equal(recoupe_detect_paragraph_languages("", 0, NULL, sp, 4), 0);
}

static void test_lines(void **state) {
    (void)state;
    const char *s = "Le chat dort sur le canapé du salon.\r\n\n42\nThe cat sleeps on the sofa.";
    char *out = recoupe_detect_line_languages(s, strlen(s), RECOUPE_LANGID_BEST);
    assert_non_null(out);
    assert_string_equal(out, "fr\nund\nund\nen\n");
    free(out);
    out = recoupe_detect_line_languages("", 0, RECOUPE_LANGID_NGRAM);
    assert_string_equal(out, "");
    free(out);
}

static void test_methods_and_cld2_full_tables(void **state) {
    (void)state;
    assert_int_equal(langid_cld2_full_tables(), 1);
    /* Zulu: only CLD2's full tables know it */
    const char *zu = "Ngiyabonga kakhulu ngosizo lwakho, umndeni wami uzojabula kakhulu uma ufika ekhaya.";
    char code[8];
    float c;
    recoupe_detect_language_with(zu, strlen(zu), NULL, RECOUPE_LANGID_CLD2, code, &c);
    assert_string_equal(code, "zu");
    recoupe_detect_language_with(zu, strlen(zu), NULL, RECOUPE_LANGID_NGRAM, code, &c);
    assert_string_equal(code, "zu");
    langid_cld2 r;
    assert_int_equal(langid_cld2_detect("Bonjour à tous, comment allez-vous aujourd'hui ?", 49, "fr", &r), 0);
    assert_string_equal(r.code[0], "fr");
}

static void test_codes(void **state) {
    (void)state;
    char out[8];
    static const char *const cases[][2] = {
        {"iw", "he"},  {"no", "nb"}, {"zh-Hant", "zh"}, {"fr-FR", "fr"}, {"EN_us", "en"},     {"", "und"},
        {"un", "und"}, {"x", "und"}, {"fra", "fr"},     {"nn", "nn"},    {"xxx-Latn", "xxx"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        langid_canon_code(cases[i][0], out);
        assert_string_equal(out, cases[i][1]);
    }
    langid_canon_code(NULL, out);
    assert_string_equal(out, "und");
}

static void test_model(void **state) {
    (void)state;
    const langid_model *m = langid_model_get();
    assert_non_null(m);
    assert_true(langid_model_n_langs(m) >= 70);
    assert_true(langid_model_find(m, "fr") >= 0);
    assert_int_equal(langid_model_find(m, "qq"), -1);
    assert_string_equal(langid_model_code(m, 100000), "und");
    /* malformed images are refused */
    unsigned char junk[64] = "RCLID01";
    assert_null(langid_model_parse(junk, sizeof junk));
    assert_null(langid_model_parse(NULL, 0));
    double sc[LANGID_MAX_LANGS];
    assert_int_equal(langid_model_score(m, "!!! 123", 7, 0, sc), 0);
    assert_true(langid_model_score(m, "bonjour", 7, 0, sc) > 0);
    /* one type at a time: whole words, then 3-grams of " le " and " monde " */
    assert_int_equal(langid_model_score_types(m, "le monde!", 9, 0, 1u << 5, sc), 2);
    assert_int_equal(langid_model_score_types(m, "le monde!", 9, 0, 1u << 2, sc), 2 + 5);
    assert_int_equal(langid_model_score_types(m, "le monde!", 9, 0, 0, sc), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_french_english_russian),
        cmocka_unit_test(test_short_text),
        cmocka_unit_test(test_declared_prior),
        cmocka_unit_test(test_no_letters),
        cmocka_unit_test(test_long_texts),
        cmocka_unit_test(test_unsure_is_und),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_methods_and_cld2_full_tables),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
