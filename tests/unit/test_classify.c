/* test_classify.c: the news / category classifier: clear-cut articles in English
 * and Russian, the URL section as evidence, too little text, a text in a language
 * the labels do not cover, NULL and empty inputs, and the stage of
 * recoupe_article_process that fills the analysis. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "classify/classify.h"
#include "recoupe.h"

static const char sport_en[] =
    "Manchester United beat Manchester City 2-1 at Old Trafford on Sunday. The striker scored twice in the second "
    "half as the home side climbed to third in the Premier League table. The coach praised his players after the "
    "match, saying the team showed character. City's goalkeeper made several saves but could not stop the late "
    "winner. The league leaders now face a difficult run of away games.";
static const char economy_en[] =
    "Stock markets fell on Monday as oil prices rose above $80 a barrel. The central bank said inflation remained "
    "high and interest rates would stay unchanged. Investors sold shares of banks and airlines, and the dollar "
    "gained against the euro. Analysts expect the company to report lower profits for the quarter, with revenue "
    "down 5% from a year earlier.";
static const char sport_ru[] =
    "Сборная России по хоккею обыграла команду Швеции со счётом 3:2 в финале чемпионата мира. Победную шайбу "
    "забросил нападающий в овертайме. Тренер сборной поблагодарил болельщиков за поддержку. Матч проходил в "
    "Москве, на трибунах собралось более десяти тысяч зрителей. В следующем сезоне команда сыграет в группе с "
    "Канадой и Финляндией.";

static void classify(const char *url, const char *title, const char *text, const char **cat, float *score, int *news) {
    assert_int_equal(classify_text(url, NULL, title, text, text ? strlen(text) : 0, cat, score, news), 0);
}

static void test_clear_cut(void **state) {
    (void)state;
    const char *cat;
    float score;
    int news;
    classify("https://example.com/2024/10/match-report", "United beat City 2-1 in the derby", sport_en, &cat, &score,
             &news);
    assert_string_equal(cat, "sports");
    assert_true(news);
    assert_true(score > 0.0f && score <= 1.0f);
    classify("https://example.com/2024/10/shares-fall", "Shares fall as oil prices rise", economy_en, &cat, &score,
             &news);
    assert_string_equal(cat, "economy");
    assert_true(news);
    classify(NULL, "Сборная России обыграла Швецию в финале чемпионата", sport_ru, &cat, &score, &news);
    assert_string_equal(cat, "sports");
    assert_true(news);
}

static void test_section_is_evidence(void **state) {
    (void)state;
    const char *c1, *c2;
    float s1, s2;
    int n1, n2;
    /* the same words under a sports section and without one: the section moves the score */
    classify("https://example.com/news/story", "A long day", "The team played and the city watched all day long.", &c1,
             &s1, &n1);
    classify("https://example.com/sport/football/story", "A long day",
             "The team played and the city watched all day long.", &c2, &s2, &n2);
    assert_string_equal(c2, "sports");
    assert_true(strcmp(c1, "sports") != 0 || s2 > s1);
    /* the last path segment is the slug, not a section */
    classify("https://example.com/news/sport", "A long day", "The team played and the city watched all day long.", &c2,
             &s2, &n2);
    assert_string_equal(c1, c2);
    assert_true(s1 == s2);
}

static void test_short_and_empty(void **state) {
    (void)state;
    const char *cat = NULL;
    float score = -1;
    int news = -1;
    classify(NULL, NULL, NULL, &cat, &score, &news);
    assert_non_null(cat);
    assert_true(score >= 0.0f && score <= 1.0f);
    assert_true(news == 0 || news == 1);
    classify("not a url", "", "", &cat, &score, &news);
    assert_non_null(cat);
    /* a text the labels' languages do not cover: news when long enough, not when short */
    classify(NULL, "Le conseil municipal vote le budget",
             "Le conseil municipal a voté mardi soir le budget de la commune pour l'année prochaine. Les élus de "
             "l'opposition ont dénoncé une hausse des impôts locaux, tandis que le maire a défendu des "
             "investissements nécessaires pour les écoles et les routes. Le débat a duré plus de trois heures "
             "et la séance s'est achevée tard dans la nuit, après le vote des derniers amendements déposés par "
             "les groupes. Le préfet doit encore examiner la délibération avant la fin du mois, comme le prévoit "
             "la loi, et les associations de contribuables annoncent déjà un recours devant le tribunal.",
             &cat, &score, &news);
    assert_true(news);
    classify(NULL, "Horoscope", "Bélier : une belle journée.", &cat, &score, &news);
    assert_false(news);
}

static void test_stage(void **state) {
    (void)state;
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->text = strdup(economy_en);
    a->title = strdup("Shares fall as oil prices rise");
    a->url = strdup("https://example.com/business/markets/shares-fall");
    assert_null(a->analysis.category);
    assert_int_equal(recoupe_article_process(a, RECOUPE_STAGE_CLASSIFY), RECOUPE_OK);
    assert_true(a->analysis.done & RECOUPE_STAGE_CLASSIFY);
    assert_true(a->analysis.done & RECOUPE_STAGE_ANALYSE);
    assert_string_equal(a->analysis.category, "economy");
    assert_true(a->analysis.is_news);
    recoupe_article_free(a);
    assert_int_equal(recoupe_article_process(NULL, RECOUPE_STAGE_CLASSIFY), RECOUPE_ERR_ARG);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clear_cut),
        cmocka_unit_test(test_section_is_evidence),
        cmocka_unit_test(test_short_and_empty),
        cmocka_unit_test(test_stage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
