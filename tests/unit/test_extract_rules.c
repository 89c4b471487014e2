/* test_extract_rules.c: the main-text rules added on top of the content scorer,
 * one fixture each: the lead found from the page's description (and the dek in the
 * page header left out), the tail of short furniture lines, the heading of a dropped
 * list of links, prose kept inside a block named like a menu, NUL bytes in a page,
 * caption and credit lines, closing notices (subscribe, get the app), an author
 * box named in camel case and a comment section named in German, a page
 * swallowed by a stray tag in a <noscript>, an article cut into page-builder
 * rows of one template, a standfirst named "intro" above the body, a table of
 * contents inside the article, and the lead in the article's own <header>. Each fixture fails without its rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"

static recoupe_article *extract(const char *name) {
    char path[512];
    const char *dir = getenv("FIXTURES");
    snprintf(path, sizeof path, "%s/extract/%s", dir ? dir : "tests/fixtures", name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *b = malloc(1 << 20);
    assert_non_null(b);
    size_t len = fread(b, 1, (1 << 20) - 1, f);
    b[len] = 0;
    fclose(f);
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->body = b;
    a->body_len = len;
    a->is_html = 1;
    assert_int_equal(recoupe_article_extract(a), RECOUPE_OK);
    assert_non_null(a->text);
    return a;
}

/* The same on a page given inline. */
static recoupe_article *extract_html(const char *html) {
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->body = strdup(html);
    assert_non_null(a->body);
    a->body_len = strlen(html);
    a->is_html = 1;
    assert_int_equal(recoupe_article_extract(a), RECOUPE_OK);
    return a;
}

static void noscript_swallowing_the_page_kept(void **state) {
    (void)state;
    char page[16384];
    size_t o = 0;
    /* a stray open tag inside <noscript> swallows the article: the noscript is kept */
    o += (size_t)snprintf(page + o, sizeof page - o, "<html><body><noscript><div class=\"story\">");
    for (int i = 0; i < 12; i++)
        o += (size_t)snprintf(page + o, sizeof page - o,
                              "<p>Paragraph %d of the harbour story, with commas, names, and figures, all of it "
                              "text that a reader came for, and a full stop.</p>",
                              i);
    snprintf(page + o, sizeof page - o, "</body></html>");
    recoupe_article *a = extract_html(page);
    assert_non_null(a->text);
    assert_non_null(strstr(a->text, "Paragraph 11 of the harbour story"));
    recoupe_article_free(a);
}

static void lead_from_description(void **state) {
    (void)state;
    recoupe_article *a = extract("lead.html");
    /* the intro sits outside the article's container: it comes first, once */
    const char *lead = "After eight months of repairs, the ferry";
    assert_true(strncmp(a->text, lead, strlen(lead)) == 0);
    assert_null(strstr(a->text + 1, lead));
    assert_non_null(strstr(a->text, "\n\nThe ship, built in 1998"));
    recoupe_article_free(a);

    /* the same sentence as a dek in the page header, next to the title: left out */
    a = extract("lead_header.html");
    assert_null(strstr(a->text, lead));
    assert_true(strncmp(a->text, "The ship, built in 1998", 23) == 0);
    recoupe_article_free(a);
}

static void tail_furniture_dropped(void **state) {
    (void)state;
    recoupe_article *a = extract("tail.html");
    static const char *const gone[] = {"Foto:", "Seite teilen", "interessieren"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
        if (strstr(a->text, gone[i])) fail_msg("text still has \"%s\"", gone[i]);
    size_t l = strlen(a->text);
    const char *end = "Familien in der Innenstadt.";
    assert_true(l > strlen(end) && strcmp(a->text + l - strlen(end), end) == 0);
    recoupe_article_free(a);

    /* three short lines or more at the end are a list of the article: kept */
    a = extract("tail_list.html");
    assert_non_null(strstr(a->text, "Here are the hours for the week:"));
    assert_non_null(strstr(a->text, "Monday: 9 to 12"));
    assert_non_null(strstr(a->text, "Wednesday: 9 to 16"));
    recoupe_article_free(a);
}

static void link_list_heading_dropped(void **state) {
    (void)state;
    recoupe_article *a = extract("linklist_heading.html");
    assert_null(strstr(a->text, "More on this topic"));
    assert_null(strstr(a->text, "Council installs new bins"));
    /* the article goes on after the list */
    assert_non_null(strstr(a->text, "Next year the group hopes"));
    assert_non_null(strstr(a->text, "Anyone who wants to join"));
    /* a question announces what follows: it stays */
    assert_non_null(strstr(a->text, "Which parts of the river need help most?"));
    recoupe_article_free(a);
}

static void prose_in_menu_block_kept(void **state) {
    (void)state;
    recoupe_article *a = extract("prose_in_menu.html");
    assert_non_null(strstr(a->text, "Night trains are coming back"));
    assert_non_null(strstr(a->text, "in time for breakfast."));
    assert_null(strstr(a->text, "Travel News"));
    recoupe_article_free(a);
}

static void nul_bytes_skipped(void **state) {
    (void)state;
    recoupe_article *a = extract("nul.html");
    assert_non_null(strstr(a->text, "This paragraph comes after a run of NUL bytes"));
    assert_non_null(strstr(a->text, "A second paragraph follows"));
    recoupe_article_free(a);
}

static void credit_lines_dropped(void **state) {
    (void)state;
    recoupe_article *a = extract("credits.html");
    static const char *const gone[] = {"Abbildung 3:", "Foto:", "Agentur"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
        if (strstr(a->text, gone[i])) fail_msg("text still has \"%s\"", gone[i]);
    /* a label word inside a sentence is text */
    assert_non_null(strstr(a->text, "Die Quelle der meisten Unfälle"));
    assert_non_null(strstr(a->text, "Der Lawinenlagebericht erscheint"));
    recoupe_article_free(a);
}

static void closing_notices_dropped(void **state) {
    (void)state;
    recoupe_article *a = extract("notice.html");
    assert_null(strstr(a->text, "Subscribe now"));
    assert_null(strstr(a->text, "download the app"));
    /* a quotation that mentions subscribers is someone speaking: kept */
    assert_non_null(strstr(a->text, "\"Our subscribers tell us"));
    assert_non_null(strstr(a->text, "before returning home for the second one."));
    recoupe_article_free(a);
}

static void author_box_and_comments_dropped(void **state) {
    (void)state;
    recoupe_article *a = extract("author_comments.html");
    assert_null(strstr(a->text, "Max Muster angelt"));    /* class="ArticleAuthorBox" */
    assert_null(strstr(a->text, "Sehr schöner Beitrag")); /* class="kommentare" */
    assert_non_null(strstr(a->text, "Die Schonzeiten sind"));
    recoupe_article_free(a);
}

static void long_class_and_id(void **state) {
    (void)state;
    /* a class attribute longer than the class/id scratch buffer, then an id: the
     * buffer must hold its terminating NUL (found by ASan on a real page) */
    char cls[1200];
    memset(cls, 'a', sizeof cls - 1);
    cls[sizeof cls - 1] = 0;
    char *b = malloc(4096);
    assert_non_null(b);
    int n = snprintf(b, 4096, "<html><body><div class=\"%s\" id=\"main\"><p>%s</p></div></body></html>", cls,
                     "A paragraph of the article, long enough to be scored as text by the extractor.");
    assert_true(n > 0 && n < 4096);
    recoupe_article *a = recoupe_article_new();
    a->body = b;
    a->body_len = (size_t)n;
    a->is_html = 1;
    assert_int_equal(recoupe_article_extract(a), RECOUPE_OK);
    assert_non_null(a->text);
    assert_non_null(strstr(a->text, "A paragraph of the article"));
    recoupe_article_free(a);
}

static void twin_blocks_joined(void **state) {
    (void)state;
    recoupe_article *a = extract("twin_blocks.html");
    assert_non_null(strstr(a->text, "For more than a century"));
    /* the rows of the same template beside the chosen one hold prose: they come too */
    assert_non_null(strstr(a->text, "The logbooks themselves survived"));
    assert_non_null(strstr(a->text, "Their transcriptions will go online"));
    /* a row of the template that is only links does not */
    assert_null(strstr(a->text, "Walk the cape path"));
    assert_null(strstr(a->text, "Coastal Notes, a newsletter"));
    recoupe_article_free(a);
}

static void twin_blocks_joined_deep(void **state) {
    (void)state;
    /* the same rows, the text four levels below the row */
    recoupe_article *a = extract("twin_blocks_deep.html");
    assert_non_null(strstr(a->text, "The logbooks themselves survived"));
    assert_non_null(strstr(a->text, "Their transcriptions will go online"));
    assert_null(strstr(a->text, "Walk the cape path"));
    recoupe_article_free(a);
}

static void named_intro_first(void **state) {
    (void)state;
    recoupe_article *a = extract("intro_block.html");
    /* the block named as the intro, above the chosen body, comes first */
    const char *intro = strstr(a->text, "The winter timetable starts on Monday");
    const char *body = strstr(a->text, "The operator says the change");
    assert_non_null(intro);
    assert_non_null(body);
    assert_true(intro < body);
    /* a teaser after the article is not a standfirst */
    assert_null(strstr(a->text, "Harbour works to start"));
    recoupe_article_free(a);
}

static void table_of_contents_dropped(void **state) {
    (void)state;
    recoupe_article *a = extract("toc.html");
    /* the box named "toc": its list sits in a <nav> (pruned), its title would stay */
    assert_null(strstr(a->text, "Table of Contents"));
    /* the headings it pointed to are the article's */
    assert_non_null(strstr(a->text, "How to do it"));
    assert_non_null(strstr(a->text, "Stand the bottle upright"));
    recoupe_article_free(a);
}

static void article_header_kept(void **state) {
    (void)state;
    recoupe_article *a = extract("article_header.html");
    /* the <header> inside <main> is the article's: its lead is not pruned with the
     * page's banner, and goes first */
    const char *lead = strstr(a->text, "After a cold spring");
    const char *body = strstr(a->text, "Growers say the frost");
    assert_non_null(lead);
    assert_non_null(body);
    assert_true(lead < body);
    assert_null(strstr(a->text, "A late but heavy apple harvest"));
    recoupe_article_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lead_from_description),     cmocka_unit_test(tail_furniture_dropped),
        cmocka_unit_test(link_list_heading_dropped), cmocka_unit_test(prose_in_menu_block_kept),
        cmocka_unit_test(nul_bytes_skipped),         cmocka_unit_test(credit_lines_dropped),
        cmocka_unit_test(closing_notices_dropped),   cmocka_unit_test(author_box_and_comments_dropped),
        cmocka_unit_test(long_class_and_id),         cmocka_unit_test(noscript_swallowing_the_page_kept),
        cmocka_unit_test(twin_blocks_joined),        cmocka_unit_test(named_intro_first),
        cmocka_unit_test(twin_blocks_joined_deep),   cmocka_unit_test(table_of_contents_dropped),
        cmocka_unit_test(article_header_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
