/* test_extract_flat.c: html_flatten (html_flat.c) bounds the depth of a parsed page
 * and keeps every text node, in document order, with paragraphs still inside
 * paragraph elements; pages shallower than the floor are left as they were. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>

#include "extract/html.h"

static htmlDocPtr parse(const char *html) {
    htmlDocPtr d = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | XML_PARSE_HUGE);
    assert_non_null(d);
    return d;
}

/* the deepest element under n, counting n's children as depth 1 */
static int max_depth(const xmlNode *n) {
    int best = 0, depth = 0;
    const xmlNode *k = n->children;
    if (!k) return 0;
    depth = 1;
    for (;;) {
        if (k->type == XML_ELEMENT_NODE && depth > best) best = depth;
        if (k->children && k->type == XML_ELEMENT_NODE) {
            k = k->children;
            depth++;
            continue;
        }
        while (k != n && !k->next) k = k->parent, depth--;
        if (k == n || depth == 0) break;
        k = k->next;
    }
    return best;
}

/* the text nodes in document order, each followed by '|', and in paragraph
 * elements (an ancestor <p>) marked with a leading 'P' */
static void texts(const xmlNode *n, char *out, size_t cap) {
    size_t o = strlen(out);
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE && k->content) {
            int in_p = 0;
            for (const xmlNode *a = k->parent; a; a = a->parent)
                if (a->type == XML_ELEMENT_NODE && html_tag_of(a) == T_P) in_p = 1;
            o += (size_t)snprintf(out + o, cap - o, "%s%s|", in_p ? "P" : "", (const char *)k->content);
        } else if (k->type == XML_ELEMENT_NODE) {
            texts(k, out, cap);
            o = strlen(out);
        }
    }
}

static char *nested(int n, const char *open, const char *close, const char *text) {
    size_t cap = (size_t)n * (strlen(open) + strlen(close) + strlen(text) + 8) + 64;
    char *b = malloc(cap);
    size_t o = (size_t)snprintf(b, cap, "<html><body>");
    for (int i = 0; i < n; i++) o += (size_t)snprintf(b + o, cap - o, "%s%s%d", open, text, i);
    for (int i = 0; i < n; i++) o += (size_t)snprintf(b + o, cap - o, "%s", close);
    snprintf(b + o, cap - o, "</body></html>");
    return b;
}

static void deep_divs_are_bounded_and_keep_their_text(void **state) {
    (void)state;
    char *html = nested(3000, "<div>", "</div>", "t");
    htmlDocPtr d = parse(html);
    assert_true(max_depth((xmlNode *)d) > 3000);
    char before[40000] = "", after[40000] = "";
    texts((xmlNode *)d, before, sizeof before);
    assert_int_equal(html_flatten((xmlNode *)d, 50), 0);
    assert_true(max_depth((xmlNode *)d) <= 50);
    texts((xmlNode *)d, after, sizeof after);
    assert_string_equal(before, after);
    xmlFreeDoc(d);
    free(html);
}

static void unclosed_inline_paragraphs_stay_paragraphs(void **state) {
    (void)state;
    char *html = nested(300, "<p><font size=2>", "", "para");
    htmlDocPtr d = parse(html);
    char before[40000] = "", after[40000] = "";
    texts((xmlNode *)d, before, sizeof before);
    assert_int_equal(html_flatten((xmlNode *)d, 40), 0);
    assert_true(max_depth((xmlNode *)d) <= 40);
    texts((xmlNode *)d, after, sizeof after);
    assert_string_equal(before, after);
    assert_non_null(strstr(after, "|Ppara299|"));  /* the last paragraph is still in a <p> */
    xmlFreeDoc(d);
    free(html);
}

static void shallow_pages_are_untouched(void **state) {
    (void)state;
    const char *html = "<html><body><div><p>One <b>two</b> three.</p><p>Four.</p></div></body></html>";
    htmlDocPtr d = parse(html), e = parse(html);
    assert_int_equal(html_flatten((xmlNode *)d, 200), 0);
    xmlChar *x = NULL, *y = NULL;
    int nx = 0, ny = 0;
    htmlDocDumpMemory(d, &x, &nx);
    htmlDocDumpMemory(e, &y, &ny);
    assert_string_equal((char *)x, (char *)y);
    xmlFree(x), xmlFree(y);
    xmlFreeDoc(d), xmlFreeDoc(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(deep_divs_are_bounded_and_keep_their_text),
        cmocka_unit_test(unclosed_inline_paragraphs_stay_paragraphs),
        cmocka_unit_test(shallow_pages_are_untouched),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
