/* html_text.c: turns a DOM subtree into text the way a reader sees it: block
 * elements start paragraphs (joined by a blank line), <br> breaks a line, table
 * cells are separated by a space, runs of white space collapse to one space, and
 * <pre> keeps its lines. A pending-break level (0 none, 1 space, 2 line,
 * 3 paragraph) is carried between calls so that separate subtrees chosen by the
 * content scorer join cleanly. */
#include <string.h>

#include "extract/html.h"

static void want(int *pending, int level) {
    if (*pending < level) *pending = level;
}

static void flush(buf *out, int *pending) {
    if (out->len) {
        if (*pending == 1) buf_putc(out, ' ');
        else if (*pending == 2) buf_putc(out, '\n');
        else if (*pending == 3) buf_append(out, "\n\n", 2);
    }
    *pending = 0;
}

static void put_text(const char *s, buf *out, int *pending, int pre) {
    size_t len = strlen(s), i = 0;
    while (i < len) {
        if (pre && s[i] == '\n') {
            want(pending, 2);
            i++;
            continue;
        }
        size_t sp = extract_space_len(s + i, len - i);
        if (sp) {
            want(pending, 1);
            i += sp;
            continue;
        }
        size_t j = i;
        while (j < len && !extract_space_len(s + j, len - j) && !(pre && s[j] == '\n')) j++;
        flush(out, pending);
        buf_append(out, s + i, j - i);
        i = j;
    }
}

static void ser(const xmlNode *n, buf *out, int *pending, int pre, int depth) {
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) put_text((const char *)c->content, out, pending, pre);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || depth > 400) continue;
        int t = html_tag_of(c);
        switch (t) {
        case T_BR:
            want(pending, 2);
            continue;
        case T_TD: case T_TH:
            want(pending, 1);
            ser(c, out, pending, pre, depth + 1);
            want(pending, 1);
            continue;
        case T_SCRIPT: case T_STYLE: case T_TEMPLATE: case T_NOSCRIPT:
            continue;
        default:
            break;
        }
        if (html_is_block(t)) {
            want(pending, t == T_TR ? 2 : 3);
            ser(c, out, pending, pre || t == T_PRE, depth + 1);
            want(pending, t == T_TR ? 2 : 3);
        } else {
            ser(c, out, pending, pre, depth + 1);
        }
    }
}

void html_serialise(const xmlNode *n, buf *out, int *pending) {
    want(pending, 3);
    ser(n, out, pending, html_tag_of(n) == T_PRE, 0);
    want(pending, 3);
}

void html_serialise_end(buf *out) {
    while (out->len && (out->p[out->len - 1] == '\n' || out->p[out->len - 1] == ' ')) out->p[--out->len] = 0;
}
