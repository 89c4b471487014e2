/* test_report.c: the report's writer and page: escaping of everything that comes
 * from the input (text, attributes, URLs), which URLs may be links, the pieces
 * the page is cut into, and the whole page from an engine holding hostile
 * articles (no markup of theirs survives; errors of the writer are reported). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit/report.h"
#include "recoupe.h"

static char *escaped(const char *s) {
    buf b = BUF_INIT;
    report_escape(&b, s, strlen(s));
    return buf_detach(&b);
}

static void test_escape(void **state) {
    (void)state;
    char *e = escaped("</script><img src=x onerror=\"alert('1')\"> & co");
    assert_string_equal(e, "&lt;/script&gt;&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co");
    free(e);
    e = escaped("a\x01"
                "b\x7f"
                "c\td\n");
    assert_string_equal(e, "a\xEF\xBF\xBD"
                           "b\xEF\xBF\xBD"
                           "c\td\n");
    free(e);
    e = escaped("Снегопад — إربد");
    assert_string_equal(e, "Снегопад — إربد"); /* UTF-8 passes as it is */
    free(e);
    e = escaped("");
    assert_string_equal(e, "");
    free(e);
}

static int collect(void *user, const char *data, size_t len) {
    return buf_append(user, data, len);
}

static void test_textn_whole_code_points(void **state) {
    (void)state;
    buf b = BUF_INIT;
    report_out o;
    report_out_init(&o, collect, &b);
    report_textn(&o, "ab\xD0\xA1\xD0\xBD", 3); /* "abСн" cut inside С: only "ab" */
    report_text(&o, NULL);
    report_textn(&o, "<x>", 2);
    report_out_flush(&o, 1);
    assert_int_equal(o.status, RECOUPE_OK);
    assert_string_equal(buf_str(&b), "ab&lt;x");
    buf_free(&o.b);
    buf_free(&b);
}

static void test_url_ok(void **state) {
    (void)state;
    assert_true(report_url_ok("https://example.org/a?b=1&c=2#d"));
    assert_true(report_url_ok("HTTP://EXAMPLE.ORG"));
    assert_false(report_url_ok(NULL));
    assert_false(report_url_ok(""));
    assert_false(report_url_ok("javascript:alert(1)"));
    assert_false(report_url_ok("JavaScript:alert(1)"));
    assert_false(report_url_ok(" javascript:alert(1)"));
    assert_false(report_url_ok("data:text/html,<script>alert(1)</script>"));
    assert_false(report_url_ok("vbscript:x"));
    assert_false(report_url_ok("/relative/path"));
    assert_false(report_url_ok("//example.org/x"));
    assert_false(report_url_ok("http://"));
    assert_false(report_url_ok("https:///path"));
    assert_false(report_url_ok("https://exa mple.org"));
    assert_false(report_url_ok("https://example.org/\x01"));
    assert_false(report_url_ok("https://example.org\\@evil"));
}

static void test_url_host(void **state) {
    (void)state;
    char h[64];
    report_url_host("https://www.Example.ORG:8080/path?q", h, sizeof h);
    assert_string_equal(h, "example.org");
    report_url_host("http://user:pw@news.example.com/x", h, sizeof h);
    assert_string_equal(h, "news.example.com");
    report_url_host("javascript:alert(1)", h, sizeof h);
    assert_string_equal(h, "");
    report_url_host(NULL, h, sizeof h);
    assert_string_equal(h, "");
    report_url_host("https://a-very-long-host.example.org/", h, 8);
    assert_string_equal(h, "a-very-");
}

static void test_ellipsis(void **state) {
    (void)state;
    char out[64];
    report_ellipsis("short", 10, out, sizeof out);
    assert_string_equal(out, "short");
    report_ellipsis("Новосибирск", 4, out, sizeof out);
    assert_string_equal(out, "Ново\xE2\x80\xA6");
    report_ellipsis(NULL, 4, out, sizeof out);
    assert_string_equal(out, "");
    report_ellipsis("abcdefgh", 100, out, 6); /* out too small: cut, whole code points */
    assert_string_equal(out, "ab\xE2\x80\xA6");
}

static void test_scale(void **state) {
    (void)state;
    report_scale s = {100, 200, 10, 110};
    assert_true(report_scale_map(&s, 100) == 10);
    assert_true(report_scale_map(&s, 200) == 110);
    assert_true(report_scale_map(&s, 150) == 60);
    assert_true(report_scale_map(&s, 250) == 160); /* linear past the ends */
    report_scale inv = {0, 10, 200, 0};            /* a y axis: larger values higher up */
    assert_true(report_scale_map(&inv, 10) == 0);
    assert_true(report_scale_map(&inv, 5) == 100);
    report_scale empty = {5, 5, 0, 100};
    assert_true(report_scale_map(&empty, 5) == 50);
    assert_true(report_scale_map(&empty, 1e9) == 50);
}

static void test_time_ticks(void **state) {
    (void)state;
    int64_t t[16], step = 0;
    /* 2024-10-31 20:52 to 2024-11-03 08:00, at most 6: every 12 hours from 11-01 00:00 UTC */
    int64_t a = 1730407920, b = 1730620800;
    size_t n = report_time_ticks(a, b, 6, t, 16, &step);
    assert_int_equal(step, 43200);
    assert_int_equal(n, 5);
    assert_int_equal(t[0], 1730419200);
    assert_int_equal(t[4], 1730419200 + 4 * 43200);
    /* at most 2: every 2 days (from the epoch), the midnights of 11-01 and 11-03 */
    n = report_time_ticks(a, b, 2, t, 16, &step);
    assert_int_equal(step, 2 * 86400);
    assert_int_equal(n, 2);
    assert_int_equal(t[0], 1730419200);
    assert_int_equal(t[1], 1730419200 + 2 * 86400);
    /* cap smaller than the ticks: only cap written */
    assert_int_equal(report_time_ticks(a, b, 6, t, 2, &step), 2);
}

static void test_time_ticks_bounds(void **state) {
    (void)state;
    int64_t t[64], step = 0;
    struct {
        int64_t a, b;
        size_t max;
    } cases[] = {{1730407920, 1730620800, 6},
                 {0, 3600 * 5, 6},
                 {1700000000, 1700000000 + 86400 * 400, 6},
                 {-86400 * 3 - 5, 86400 * 2, 4},
                 {1700000000, 1700000000 + 3600 * 24 * 365 * 30LL, 5}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t n = report_time_ticks(cases[c].a, cases[c].b, cases[c].max, t, 64, &step);
        assert_true(n >= 1);
        assert_true(n <= cases[c].max);
        for (size_t i = 0; i < n; i++) {
            assert_true(t[i] >= cases[c].a && t[i] <= cases[c].b); /* inside the domain */
            assert_int_equal(t[i] % step, 0);                      /* round */
            if (i) assert_int_equal(t[i] - t[i - 1], step);
        }
        /* no smaller step of the list would have done */
        assert_true((cases[c].b - cases[c].a) / step + 1 <= (int64_t)cases[c].max);
    }
    assert_int_equal(report_time_ticks(10, 5, 6, t, 64, &step), 0);
}

static void test_time_label(void **state) {
    (void)state;
    char s[32];
    report_time_label(1730407920, 86400, s);
    assert_string_equal(s, "2024-10-31");
    report_time_label(1730404800, 3600, s);
    assert_string_equal(s, "10-31 20:00");
}

static void test_value_ticks(void **state) {
    (void)state;
    double t[16];
    size_t n = report_value_ticks(3000, 12000, 5, t, 16);
    assert_true(n >= 2 && n <= 5);
    assert_true(t[0] <= 3000 && t[n - 1] >= 12000);
    double st = t[1] - t[0];
    for (size_t i = 1; i < n; i++) assert_true(t[i] - t[i - 1] == st);
    /* the step is 1, 2 or 5 times a power of ten */
    double m = st;
    while (m >= 10) m /= 10;
    assert_true(m == 1 || m == 2 || m == 5);
    n = report_value_ticks(8000, 8000, 5, t, 16); /* one value: a range around it */
    assert_true(n >= 2 && t[0] <= 8000 && t[n - 1] >= 8000);
    n = report_value_ticks(-0.35, 0.8, 6, t, 16);
    assert_true(n >= 2 && n <= 6 && t[0] <= -0.35 && t[n - 1] >= 0.8);
    assert_int_equal(report_value_ticks(0.0 / 0.0, 1, 5, t, 16), 0);
    assert_int_equal(report_value_ticks(0, 1, 1, t, 16), 0);
}

static size_t count(const char *h, const char *needle) {
    size_t n = 0;
    for (const char *p = h; (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

static void test_values_chart(void **state) {
    (void)state;
    report_point p[] = {{1730407920, 8000, "US State Department"},
                        {1730407920 + 86400, 10000, "<b>NATO</b>"},
                        {1730407920 + 2 * 86400, 11000, "US State Department"},
                        {INT64_MIN, 12000, "undated speaker"},
                        {1730407920 + 3 * 86400, 12000, NULL}};
    buf b = BUF_INIT;
    report_out o;
    report_out_init(&o, collect, &b);
    report_svg_values(&o, "c1", "soldiers \"deployed\"", p, 5);
    report_out_flush(&o, 1);
    const char *h = buf_str(&b);
    assert_int_equal(o.status, RECOUPE_OK);
    assert_non_null(strstr(h, "<title id=\"c1-t\">soldiers &quot;deployed&quot;: values over time</title>"));
    assert_non_null(strstr(h, "<desc id=\"c1-d\">4 dated values from 8000 to 12000"));
    assert_null(strstr(h, "<b>"));
    assert_non_null(strstr(h, "&lt;b&gt;NATO&lt;/b&gt;"));
    assert_non_null(strstr(h, "unknown speaker"));
    assert_int_equal(count(h, "<path class=\"pt\""), 4 + 4); /* 4 dated marks + 4 legend entries */
    buf_free(&o.b);
    buf_free(&b);
}

static void test_values_many_speakers(void **state) {
    (void)state;
    report_point p[9];
    char names[9][24];
    for (int i = 0; i < 9; i++) {
        snprintf(names[i], sizeof names[i], "speaker %d", i);
        p[i] = (report_point){1700000000 + i * 3600 * 24, 100 + i, names[i]};
    }
    buf b = BUF_INIT;
    report_out o;
    report_out_init(&o, collect, &b);
    report_svg_values(&o, "c2", "x", p, 9);
    report_out_flush(&o, 1);
    const char *h = buf_str(&b);
    assert_non_null(strstr(h, ">other speakers</text>"));
    assert_null(strstr(h, ">speaker 6</text>")); /* the seventh shape is the others' */
    assert_non_null(strstr(h, ">speaker 5</text>"));
    buf_free(&o.b);
    buf_free(&b);
}

static recoupe_article *mk(const char *title, const char *site, const char *url, int64_t ts) {
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->file = strdup("x.jsonl");
    a->id = strdup(title);
    a->title = strdup(title);
    if (site) a->site = strdup(site);
    if (url) a->url = strdup(url);
    a->text = strdup("Heavy rain caused the Blue River to burst its banks in Riverton on Monday. Mayor Jane Holt said "
                     "300 homes were evacuated and the Riverton bridge was closed.");
    strcpy(a->detected_lang, "en");
    a->timestamp = ts;
    if (ts != INT64_MIN) a->date = strdup("2024-03-04T08:00:00Z");
    return a;
}

static void test_timeline(void **state) {
    (void)state;
    recoupe_article *arts[4] = {mk("a", "<Bugle>", NULL, 1709539200), mk("b", "<Bugle>", NULL, 1709539200 + 60),
                                mk("c", "Times", NULL, 1709539200 + 86400), mk("d", "Times", NULL, INT64_MIN)};
    const char *outlet[4] = {"<Bugle>", "<Bugle>", "Times", "Times"};
    unsigned char copy[4] = {0, 1, 0, 0};
    recoupe_story s = {0};
    s.articles = (const recoupe_article *const *)arts;
    s.n_articles = 4;
    s.first = 1709539200;
    s.last = 1709539200 + 86400;
    buf b = BUF_INIT;
    report_out o;
    report_out_init(&o, collect, &b);
    report_svg_timeline(&o, "t1", &s, outlet, copy);
    report_out_flush(&o, 1);
    const char *h = buf_str(&b);
    assert_int_equal(o.status, RECOUPE_OK);
    assert_int_equal(count(h, "<circle class=\"ar\""), 2); /* a (Bugle), c (Times) */
    assert_int_equal(count(h, "<rect class=\"cp\""), 1);   /* b, a copy */
    assert_null(strstr(h, "<Bugle>"));
    assert_non_null(strstr(h, "&lt;Bugle&gt;</text>"));
    assert_non_null(strstr(h, "3 dated articles, 2024-03-04 to 2024-03-05"));
    assert_non_null(strstr(h, "1 undated, not shown"));
    /* no dated article: a sentence, no chart */
    s.first = s.last = INT64_MIN;
    for (int i = 0; i < 4; i++) arts[i]->timestamp = INT64_MIN;
    buf_reset(&b);
    report_svg_timeline(&o, "t2", &s, outlet, copy);
    report_out_flush(&o, 1);
    assert_null(strstr(buf_str(&b), "<svg"));
    assert_non_null(strstr(buf_str(&b), "No article of this story is dated"));
    for (int i = 0; i < 4; i++) recoupe_article_free(arts[i]);
    buf_free(&o.b);
    buf_free(&b);
}

static void test_claims_table(void **state) {
    (void)state;
    const char *out1[] = {"Le Monde", "<b>Libé</b>"}, *out2[] = {"AFP"};
    report_claim agreed[] = {{"tanks", 12, NULL, NULL, "Army", "asserts", 1730407920, out2, 1}};
    report_claim disputed[] = {
        {"soldiers", 8000, "8 000", "up to", "US State Department", "asserts", 1730407920, out1, 2},
        {"soldiers", 10000, NULL, "about", "<script>NATO</script>", "reports", 1730407920 + 86400, out2, 1},
        {"soldiers", 3000, NULL, NULL, NULL, "denies", INT64_MIN, NULL, 0}};
    report_claim_group g[] = {{"tanks", 0, 12, 12, agreed, 1}, {"soldiers", 1, 3000, 10000, disputed, 3}};
    buf b = BUF_INIT;
    report_out o;
    report_out_init(&o, collect, &b);
    report_claims(&o, "s1", g, 2);
    const char *ent[] = {"Koursk", "Pyongyang <x>"};
    size_t n_ent[] = {5, 1};
    report_entities(&o, ent, n_ent, 2);
    report_out_flush(&o, 1);
    const char *h = buf_str(&b);
    assert_int_equal(o.status, RECOUPE_OK);
    /* disputed first, marked in words, then the agreed figure */
    const char *sold = strstr(h, "soldiers <span class=\"badge\">disputed</span>"), *tank = strstr(h, ">tanks<");
    assert_non_null(sold);
    assert_non_null(tank);
    assert_true(sold < tank);
    assert_int_equal(count(h, "class=\"disputed"), 3);
    assert_non_null(strstr(h, ">8 000</td>"));
    assert_non_null(strstr(h, ">10000</td>"));
    assert_non_null(strstr(h, "&lt;script&gt;NATO&lt;/script&gt;"));
    assert_non_null(strstr(h, "&lt;b&gt;Libé&lt;/b&gt;"));
    assert_null(strstr(h, "<script>"));
    assert_null(strstr(h, "<b>"));
    assert_non_null(strstr(h, "<td class=\"none\">undated</td>"));
    /* one chart, for the disputed group only: its two dated values */
    assert_int_equal(count(h, "<svg"), 1);
    assert_non_null(strstr(h, "<title id=\"s1-c0-t\">soldiers: values over time</title>"));
    assert_non_null(strstr(h, "2 dated values from 8000 to 10000"));
    assert_non_null(strstr(h, "<h3>Entities</h3>"));
    assert_non_null(strstr(h, "Pyongyang &lt;x&gt;</span> <span class=\"sub\">(1 source)</span>"));
    /* nothing to show: nothing written */
    buf_reset(&b);
    report_claims(&o, "s2", g, 0);
    report_entities(&o, ent, n_ent, 0);
    report_out_flush(&o, 1);
    assert_int_equal(b.len, 0);
    buf_free(&o.b);
    buf_free(&b);
}

static recoupe_engine *hostile_engine(void) {
    recoupe_engine *e = recoupe_engine_new(NULL);
    assert_non_null(e);
    const char *titles[] = {"</script><script>alert(1)</script>", "<img src=x onerror=alert(2)>",
                            "\"quoted\" 'single' & more", "Плохая погода"};
    const char *urls[] = {"javascript:alert(1)", "https://ok.example/a\"b", NULL, "data:text/html,x"};
    for (int i = 0; i < 4; i++)
        assert_int_equal(recoupe_engine_add(e,
                                            mk(titles[i], i == 2 ? "<i>Site</i>" : NULL, urls[i],
                                               i == 3 ? INT64_MIN : 1709539200 + i * 3600),
                                            NULL),
                         RECOUPE_OK);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    return e;
}

static void test_page_escapes_everything(void **state) {
    (void)state;
    recoupe_engine *e = hostile_engine();
    recoupe_report_options o = {.title = "<h1>x</h1>", .skipped = 2};
    size_t len = 0;
    char *page = recoupe_engine_report_html(e, &o, &len);
    assert_non_null(page);
    assert_int_equal(strlen(page), len);
    assert_int_equal(count(page, "<script"), 1); /* the page's own */
    assert_int_equal(count(page, "</script>"), 1);
    assert_null(strstr(page, "<img"));
    assert_null(strstr(page, "<i>Site"));
    assert_null(strstr(page, "<h1>x"));
    assert_null(strstr(page, "href=\"javascript"));
    assert_null(strstr(page, "href=\"data:"));
    assert_null(strstr(page, "a\"b"));
    assert_non_null(strstr(page, "href=\"https://ok.example/a&quot;b\""));
    assert_non_null(strstr(page, "&quot;quoted&quot; &#39;single&#39; &amp; more"));
    assert_non_null(strstr(page, "Плохая погода"));
    assert_non_null(strstr(page, "<dt>inputs skipped</dt><dd>2</dd>"));
    assert_non_null(strstr(page, "<td class=\"none\">undated</td>"));
    /* the same bytes again */
    char *again = recoupe_engine_report_html(e, &o, NULL);
    assert_non_null(again);
    assert_string_equal(page, again);
    free(again);
    free(page);
    recoupe_engine_free(e);
}

static int fail_second(void *user, const char *data, size_t len) {
    (void)data;
    (void)len;
    return ++*(int *)user > 1;
}

static void test_page_errors_and_limit(void **state) {
    (void)state;
    recoupe_engine *e = hostile_engine();
    assert_int_equal(recoupe_engine_report(NULL, NULL, collect, NULL), RECOUPE_ERR_ARG);
    assert_int_equal(recoupe_engine_report(e, NULL, NULL, NULL), RECOUPE_ERR_ARG);
    assert_null(recoupe_engine_report_html(NULL, NULL, NULL));
    /* a writer that fails: RECOUPE_ERR_IO, and it is not called again */
    recoupe_report_options big = {.max_articles = 1};
    int calls = 0;
    assert_int_equal(recoupe_engine_report(e, &big, fail_second, &calls), RECOUPE_OK); /* one piece: fits */
    assert_int_equal(calls, 1);
    calls = 1;
    assert_int_equal(recoupe_engine_report(e, &big, fail_second, &calls), RECOUPE_ERR_IO);
    assert_int_equal(calls, 2);
    /* a limit below the stories: the page says so */
    size_t ns = recoupe_engine_story_count(e);
    if (ns > 1) {
        recoupe_report_options lim = {.limit = 1};
        char *page = recoupe_engine_report_html(e, &lim, NULL);
        assert_non_null(page);
        assert_int_equal(count(page, "<section class=\"story\""), 1);
        char want[96];
        snprintf(want, sizeof want, "Only the 1 most important stories of %zu are drawn", ns);
        assert_non_null(strstr(page, want));
        free(page);
    }
    /* a language no story has: no story drawn, and said */
    recoupe_report_options none = {.lang = "zz"};
    char *page = recoupe_engine_report_html(e, &none, NULL);
    assert_non_null(page);
    assert_null(strstr(page, "<section class=\"story\""));
    assert_non_null(strstr(page, "No story."));
    free(page);
    recoupe_engine_free(e);
}

static void test_story_duplicates(void **state) {
    (void)state;
    recoupe_engine *e = recoupe_engine_new(NULL);
    assert_non_null(e);
    /* three copies of one text (different dates) and one other story */
    for (int i = 0; i < 3; i++)
        assert_int_equal(recoupe_engine_add(e,
                                            mk(i == 0   ? "first"
                                               : i == 1 ? "second"
                                                        : "third",
                                               NULL, NULL, 1709539200 + (2 - i) * 3600),
                                            NULL),
                         RECOUPE_OK);
    recoupe_article *other = mk("tram", NULL, NULL, 1709539200);
    free(other->text);
    other->text = strdup("The Northfield city council voted to build a tram line linking the station to the campus.");
    assert_int_equal(recoupe_engine_add(e, other, NULL), RECOUPE_OK);
    assert_int_equal(recoupe_engine_cluster(e), RECOUPE_OK);
    assert_int_equal(recoupe_engine_duplicate_group_count(e), 1);
    size_t ns = recoupe_engine_story_count(e), found = 0;
    for (size_t i = 0; i < ns; i++) {
        const recoupe_story *s = recoupe_engine_story(e, i);
        recoupe_dup_groups *g = NULL;
        assert_int_equal(recoupe_engine_story_duplicates(e, i, &g), RECOUPE_OK);
        assert_non_null(g);
        if (s->n_articles == 3) {
            assert_int_equal(g->n_groups, 1);
            assert_int_equal(g->groups[0].n_members, 3);
            /* index: the position in the story; the origin the earliest dated ("third") */
            const recoupe_dup_member *m = g->groups[0].members;
            for (size_t k = 0; k < 3; k++) assert_true(m[k].index < 3);
            assert_string_equal(s->articles[m[0].index]->title, "third");
            assert_int_equal(m[0].relation, RECOUPE_DUP_NONE);
            assert_int_equal(m[1].relation, RECOUPE_DUP_DUPLICATE);
            found = 1;
        } else
            assert_int_equal(g->n_groups, 0);
        recoupe_dup_groups_free(g);
    }
    assert_int_equal(found, 1);
    recoupe_dup_groups *g = NULL;
    assert_int_equal(recoupe_engine_story_duplicates(e, ns, &g), RECOUPE_ERR_NOTFOUND);
    assert_null(g);
    assert_int_equal(recoupe_engine_story_duplicates(NULL, 0, &g), RECOUPE_ERR_ARG);
    assert_int_equal(recoupe_engine_duplicate_group_count(NULL), 0);
    recoupe_engine_free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_textn_whole_code_points),
        cmocka_unit_test(test_url_ok),
        cmocka_unit_test(test_url_host),
        cmocka_unit_test(test_ellipsis),
        cmocka_unit_test(test_scale),
        cmocka_unit_test(test_time_ticks),
        cmocka_unit_test(test_time_ticks_bounds),
        cmocka_unit_test(test_time_label),
        cmocka_unit_test(test_value_ticks),
        cmocka_unit_test(test_values_chart),
        cmocka_unit_test(test_values_many_speakers),
        cmocka_unit_test(test_timeline),
        cmocka_unit_test(test_claims_table),
        cmocka_unit_test(test_page_escapes_everything),
        cmocka_unit_test(test_page_errors_and_limit),
        cmocka_unit_test(test_story_duplicates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
