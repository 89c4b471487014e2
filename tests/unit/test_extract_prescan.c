/* test_extract_prescan.c: the cut before parsing (html_prescan.c). What it drops:
 * script and style content, the attributes the extraction never reads;
 * what it keeps: JSON-LD, the attributes it reads, a canonical link's href, markup
 * hidden in comments. And on pages written to trip a tokenizer (comments closed
 * oddly, quotes inside bogus attributes, "</scripts", self-closed scripts, PIs,
 * doctypes) libxml2 builds the same tree from the cut page as from the whole one,
 * less the dropped text and attributes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/html.h"

static char *cut(const char *html) {
    size_t len = strlen(html);
    char *out = malloc(len + 1);
    assert_non_null(out);
    size_t n = html_prescan(html, len, out);
    assert_true(n <= len);
    out[n] = 0;
    return out;
}

static void cut_is(const char *html, const char *want) {
    char *got = cut(html);
    assert_string_equal(got, want);
    free(got);
}

static void drops_scripts_and_styles(void **state) {
    (void)state;
    cut_is("<p>a</p><script>var x = \"<p>no</p>\"; if (a < b) f();</script><p>b</p>",
           "<p>a</p><script></script><p>b</p>");
    cut_is("<STYLE type=\"text/css\">p { color: red }</STYLE >x", "<STYLE type=\"text/css\"></STYLE >x");
    cut_is("<script>a</SCRIPT><style>b</style>", "<script></SCRIPT><style></style>");
}

static void keeps_jsonld(void **state) {
    (void)state;
    const char *ld = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>";
    cut_is(ld, ld);
    const char *bare = "<script type=application/ld+json>{}</script>";
    cut_is(bare, bare);
    /* a type written with entities may decode to JSON-LD: kept */
    const char *ent = "<script type=\"application&#x2F;ld&#x2B;json\">{}</script>";
    cut_is(ent, ent);
}

static void cuts_unread_attributes(void **state) {
    (void)state;
    cut_is("<img src=\"https://example.com/a.jpg\" class=\"wide\" width=300 async>", "<img class=\"wide\" >");
    cut_is("<a href=\"https://example.com/a/very/long/path\" data-x=1>x</a>", "<a >x</a>");
    cut_is("<div id=a aria-hidden=\"true\" role=main style=\"x\" hidden>",
           "<div id=a aria-hidden=\"true\" role=main style=\"x\" hidden>");
    const char *canon = "<link rel=\"canonical\" href=\"https://example.com/a/very/long/path\">";
    cut_is(canon, canon);
    /* <meta> keeps all of its attributes */
    const char *meta = "<meta charset=utf-8><meta property=\"og:title\" name=x content=\"A title\">";
    cut_is(meta, meta);
    /* a value that runs into "/>" is still one value: the tag is not self-closed */
    cut_is("<br clear=all/><p class=a/>", "<br ><p class=a/>");
}

static void leaves_comments_and_stops_when_unsure(void **state) {
    (void)state;
    const char *c = "<!-- <script>x</script> --><p>t</p>";
    char *got = cut(c);
    assert_string_equal(got, c);
    free(got);
    /* a comment closed by "--!>" (libxml2 versions differ): nothing after it is cut */
    const char *odd = "<!-- a --!><script>x</script>";
    cut_is(odd, odd);
    /* a script without an end runs to the end of the page */
    const char *open = "<script>x<p>t</p>";
    cut_is(open, open);
    /* "</scripts" does not close a script */
    const char *s = "<script>x</scripts>y</script>";
    cut_is(s, s);
}

/* ------------------------------------------------------------ same tree */

static const char *const USED[] = {"aria-hidden", "class", "content", "datetime", "hidden",   "id", "itemprop",
                                   "lang",        "role",  "style",   "type",     "xml:lang", NULL};

static int used(const xmlNode *el, const char *name) {
    if (!strcmp((const char *)el->name, "meta")) return 1;
    if (!strcmp(name, "href") || !strcmp(name, "rel")) return !strcmp((const char *)el->name, "link");
    for (int i = 0; USED[i]; i++)
        if (!strcmp(USED[i], name)) return 1;
    return 0;
}

static void dump(const xmlNode *n, buf *b, int raw) {
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            buf_puts(b, "<");
            buf_puts(b, (const char *)n->name);
            const char *type = NULL;
            for (xmlAttr *a = n->properties; a; a = a->next) {
                xmlChar *v = xmlNodeGetContent((xmlNode *)a);
                if (!strcmp((const char *)a->name, "type") && v) type = strstr((char *)v, "ld+json") ? "ld" : "";
                if (used(n, (const char *)a->name)) {
                    buf_puts(b, " ");
                    buf_puts(b, (const char *)a->name);
                    buf_puts(b, "=");
                    buf_puts(b, v ? (const char *)v : "(none)");
                }
                xmlFree(v);
            }
            buf_puts(b, ">");
            int r = (!strcmp((const char *)n->name, "script") && !(type && *type)) ||
                    !strcmp((const char *)n->name, "style");
            dump(n->children, b, r);
            buf_puts(b, "</>");
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (!raw && n->content) {
                buf_puts(b, "{");
                buf_puts(b, (const char *)n->content);
                buf_puts(b, "}");
            }
        } else if (n->type == XML_COMMENT_NODE) {
            buf_puts(b, "<!");
            if (n->content) buf_puts(b, (const char *)n->content);
            buf_puts(b, ">");
        }
    }
}

static char *tree(const char *html, size_t len) {
    htmlDocPtr d = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    buf b;
    buf_init(&b, 1 << 20);
    dump(d ? d->children : NULL, &b, 0);
    xmlFreeDoc(d);
    char *s = strdup(buf_str(&b));
    buf_free(&b);
    return s;
}

static void same_tree(const char *html) {
    char *c = cut(html);
    char *a = tree(html, strlen(html)), *b = tree(c, strlen(c));
    if (strcmp(a, b)) fail_msg("page %s\nwhole: %s\ncut:   %s", html, a, b);
    free(a), free(b), free(c);
}

static void same_tree_on_tricky_pages(void **state) {
    (void)state;
    static const char *const PAGES[] = {
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x.dtd\"><html><body><p>a</p></body></html>",
        "<?xml version=\"1.0\"?><html><script>x</script><p>t</p></html>",
        "<div @click=\"a > b\" data-long=\"0123456789abcdefghij\">t</div><script>x</script>",
        "<div a=\"b\"c=\"dddddddddddddddddddddd\"><p>t</p></div><style>s</style>",
        "<!--> <script>x</script> -->t<script>y</script>", "<!---> <p>c</p> --><script>y</script>",
        "<script/><p>after a self-closed script</p><script>x</script>", "<script></div>x</script><p>t</p>",
        "<script><p>x</script><p>t</p>", "<![CDATA[<script>]]>x</script><p>t</p>",
        "</ div><script>x</script></div x><p>t</p>", "<? pi><script>x</script><p>t</p>",
        "<textarea><script>x</script></textarea><noscript><p>n</p></noscript>",
        "<a href='x>yyyyyyyyyyyyyyyyyyyyyyy'>l</a><script>if (a<b) {}</script>",
        "<p class=\"c\" srcset=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">t &amp; <b>u</b></p>",
        "<div \"x\"><script>z</script>t</div>",
        "<script type=x src=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">var s = '</style>';</script>t",
        "t<script>\n</script ><style>a{}</style\n>u",
        /* libxml2 names an element for the part after its prefix: this is a <link> */
        "<xml:link rel=\"canonical\" href=\"https://example.com/a/long/path\"><og:meta property=\"og:title\">",
        "<x:script>var a = 1;</x:script><p>t</p><svg:style>s</svg:style>",
        /* a doctype right after a doctype is text, and what follows it markup */
        "<p>a<!DOCTYPE html><!DOCTYPE <script type=\"application/ld+json\" src=y>{\"a\": \"<a "
        "href='aaaaaaaaaaaaaaaaaa'>\"}</script>b</p>",
        "<p>a<!DOCTYPE html></p><script>x</script>",
        /* a bare name, a dropped attribute, then a stray '=': the '=' is no value of the name */
        "<p class rel=\"x\"=\"a\" data-x=\"b\">t</p><p id data-y=1 =\"c\">u</p>", NULL};
    for (int i = 0; PAGES[i]; i++) same_tree(PAGES[i]);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(drops_scripts_and_styles),  cmocka_unit_test(keeps_jsonld),
        cmocka_unit_test(cuts_unread_attributes),    cmocka_unit_test(leaves_comments_and_stops_when_unsure),
        cmocka_unit_test(same_tree_on_tricky_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
