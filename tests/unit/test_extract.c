/* test_extract.c: the extraction stage on fixtures written for it: each metadata
 * source (JSON-LD, OpenGraph, named meta, <time>, canonical link, html lang, title
 * rules), each cleanup rule (navigation, cookie notice, byline, caption, share bar,
 * ad label, related links, comments, footer, scripts), fields the input already
 * carries, plain text, and pages that are not articles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"

static char *slurp(const char *name, size_t *len) {
    char path[512];
    const char *dir = getenv("FIXTURES");
    snprintf(path, sizeof path, "%s/extract/%s", dir ? dir : "tests/fixtures", name);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *b = malloc(1 << 20);
    *len = fread(b, 1, (1 << 20) - 1, f);
    b[*len] = 0;
    fclose(f);
    return b;
}

/* An article as decode leaves it, from a fixture file. */
static recoupe_article *load(const char *name, int is_html) {
    size_t len = 0;
    char *body = slurp(name, &len);
    assert_non_null(body);
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->body = body;
    a->body_len = len;
    a->is_html = is_html;
    return a;
}

static recoupe_article *extract(const char *name, int is_html) {
    recoupe_article *a = load(name, is_html);
    assert_int_equal(recoupe_article_extract(a), RECOUPE_OK);
    return a;
}

static int has_warning(const recoupe_article *a, const char *part) {
    for (size_t i = 0; i < a->n_warnings; i++)
        if (strstr(a->warnings[i], part)) return 1;
    return 0;
}

static void jsonld_wins_over_meta(void **state) {
    (void)state;
    recoupe_article *a = extract("jsonld.html", 1);
    assert_string_equal(a->title, "Harbour bridge reopens after repairs");
    assert_string_equal(a->date, "2023-05-04T09:30:00+02:00");
    assert_string_equal(a->site, "The Daily Example");
    assert_string_equal(a->author, "Ada Writer, Bo Editor");
    assert_string_equal(a->description, "The bridge is open again.");
    assert_string_equal(a->url, "https://news.example.org/2023/05/04/bridge");
    assert_string_equal(a->lang, "en");
    assert_non_null(strstr(a->text, "The harbour bridge reopened"));
    assert_non_null(strstr(a->text, "noon.\n\nEngineers"));
    assert_null(strstr(a->text, "Harbour bridge reopens")); /* the headline is not body text */
    assert_int_equal(a->n_warnings, 0);
    recoupe_article_free(a);
}

static void opengraph_and_named_meta(void **state) {
    (void)state;
    recoupe_article *a = extract("opengraph.html", 1);
    assert_string_equal(a->title, "Les vendanges commencent tôt cette année");
    assert_string_equal(a->site, "Le Journal d'Exemple");
    assert_string_equal(a->date, "2022-08-20T07:15:00+02:00");
    assert_string_equal(a->author, "Claire Plume");
    assert_string_equal(a->url, "https://journal.example.fr/vendanges");
    assert_string_equal(a->lang, "fr"); /* og:locale when <html lang> is missing */
    assert_string_equal(a->description, "Les vignerons récoltent deux semaines plus tôt.");
    recoupe_article_free(a);
}

static void dublin_core_and_title_suffix(void **state) {
    (void)state;
    recoupe_article *a = extract("metatags.html", 1);
    assert_string_equal(a->title, "Neue Radwege in der Altstadt"); /* " - Stadtblatt" cut */
    assert_string_equal(a->date, "2020-03-15");
    assert_string_equal(a->author, "Max Muster");
    assert_string_equal(a->lang, "de");
    assert_null(a->url);
    recoupe_article_free(a);
}

static void time_element_and_h1(void **state) {
    (void)state;
    recoupe_article *a = extract("timetag.html", 1);
    assert_string_equal(a->date, "2019-11-02T18:00:00-05:00");
    /* a <title> under 15 characters gives way to the only <h1> */
    assert_string_equal(a->title, "Storm closes mountain pass for the weekend");
    assert_null(strstr(a->text, "November 2"));
    recoupe_article_free(a);
}

static void implausible_dates_rejected(void **state) {
    (void)state;
    recoupe_article *a = extract("future.html", 1);
    assert_null(a->date);
    recoupe_article_free(a);
}

static void boilerplate_removed_article_kept(void **state) {
    (void)state;
    recoupe_article *a = extract("boilerplate.html", 1);
    const char *t = a->text;
    assert_non_null(t);
    /* the article: paragraphs, subheading, quote and list, in order */
    const char *p1 = strstr(t, "The town council voted");
    const char *h = strstr(t, "\n\nFunding\n\n");
    const char *q = strstr(t, "\"This is a place for everyone");
    const char *li = strstr(t, "About forty thousand books");
    assert_non_null(p1);
    assert_non_null(h);
    assert_non_null(q);
    assert_non_null(li);
    assert_true(p1 < h && h < q && q < li);
    /* and nothing around it */
    static const char *const gone[] = {"Home",       "cookies",       "By Jo Reporter", "Photo: Town News",
                                       "Share on",   "Advertisement", "Pool to close",  "comments",
                                       "Great news", "Copyright",     "script text"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++) {
        if (strstr(t, gone[i])) fail_msg("text still has \"%s\"", gone[i]);
    }
    recoupe_article_free(a);
}

static void input_fields_are_kept(void **state) {
    (void)state;
    recoupe_article *a = load("jsonld.html", 1);
    a->title = strdup("Title from the input");
    a->date = strdup("2020-01-01");
    assert_int_equal(recoupe_article_extract(a), RECOUPE_OK);
    assert_string_equal(a->title, "Title from the input");
    assert_string_equal(a->date, "2020-01-01");
    assert_string_equal(a->site, "The Daily Example"); /* missing ones are filled */
    recoupe_article_free(a);

    /* JSON Lines: no body, a text; only title and date are looked for */
    a = recoupe_article_new();
    a->text = strdup("Heading of the story here\npublished 5 March 2024, 10:30\nBody.");
    assert_int_equal(recoupe_article_extract(a), RECOUPE_OK);
    assert_string_equal(a->text, "Heading of the story here\npublished 5 March 2024, 10:30\nBody.");
    assert_string_equal(a->title, "Heading of the story here");
    assert_string_equal(a->date, "2024-03-05T10:30:00");
    recoupe_article_free(a);
}

static void plain_text_rules(void **state) {
    (void)state;
    recoupe_article *a = extract("plain_fr.txt", 0);
    assert_string_equal(a->title, "Grève des transports : le trafic reste perturbé dans toute la région ce jeudi");
    assert_string_equal(a->site, "Le Quotidien");
    assert_string_equal(a->date, "2024-03-14T07:45:00");
    const char *t = a->text;
    assert_true(strncmp(t, "Le mouvement social", 19) == 0);                    /* lead first */
    assert_non_null(strstr(t, "\n\nUne sortie de crise encore lointaine\n\n")); /* subheading kept */
    assert_non_null(strstr(t, "semaine dernière, qui"));                        /* repeated link marker cut */
    static const char *const gone[] = {"Menu",
                                       "Société",
                                       "dossier",
                                       "Jean Exemple/AFP",
                                       "publié le",
                                       "Suivez notre direct",
                                       "toutes les informations",
                                       "nouvelle fenêtre",
                                       "Commentaires",
                                       "Aucun commentaire",
                                       "Bouton retour"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++) {
        if (strstr(t, gone[i])) fail_msg("text still has \"%s\"", gone[i]);
    }
    recoupe_article_free(a);
}

static void not_articles_warn(void **state) {
    (void)state;
    recoupe_article *a = extract("onlyjs.html", 1);
    assert_true(a->text == NULL || strlen(a->text) < 80);
    assert_true(has_warning(a, "no main text"));
    recoupe_article_free(a);

    a = extract("index.html", 1);
    assert_true(has_warning(a, "short"));
    recoupe_article_free(a);

    static const char *const bodies[] = {
        "", "<", "<html><body></body></html>", "<p>", "\xEF\xBB\xBF", "<script>", "<!--", "<table><tr><td>"};
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        for (int html = 0; html < 2; html++) {
            a = recoupe_article_new();
            a->body = strdup(bodies[i]);
            a->body_len = strlen(bodies[i]);
            a->is_html = html;
            assert_int_equal(recoupe_article_extract(a), RECOUPE_OK);
            assert_true(a->n_warnings >= 1);
            recoupe_article_free(a);
        }
    }
    assert_int_equal(recoupe_article_extract(NULL), RECOUPE_ERR_ARG);
}

static void hostile_pages_end(void **state) {
    (void)state;
    /* 100,000 nested unclosed divs, then a big table: must end, quickly, with no crash */
    size_t n = 100000;
    char *b = malloc(n * 5 + 4 * 1000000 + 64);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) memcpy(b + o, "<div>", 5), o += 5;
    o += (size_t)sprintf(b + o, "deep text");
    o += (size_t)sprintf(b + o, "<table>");
    for (size_t i = 0; i < 200000 && o < n * 5 + 3900000; i++) o += (size_t)sprintf(b + o, "<tr><td>%zu</td></tr>", i);
    b[o] = 0;
    recoupe_article *a = recoupe_article_new();
    a->body = b;
    a->body_len = o;
    a->is_html = 1;
    assert_int_equal(recoupe_article_extract(a), RECOUPE_OK);
    recoupe_article_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonld_wins_over_meta),
        cmocka_unit_test(opengraph_and_named_meta),
        cmocka_unit_test(dublin_core_and_title_suffix),
        cmocka_unit_test(time_element_and_h1),
        cmocka_unit_test(implausible_dates_rejected),
        cmocka_unit_test(boilerplate_removed_article_kept),
        cmocka_unit_test(input_fields_are_kept),
        cmocka_unit_test(plain_text_rules),
        cmocka_unit_test(not_articles_warn),
        cmocka_unit_test(hostile_pages_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
