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

/* Last character of s[0..len) that is not a space or closing quote/bracket, or 0. */
static unsigned char last_mark(const char *s, size_t len) {
    while (len) {
        unsigned char c = (unsigned char)s[len - 1];
        if (c == ' ' || c == '\n' || c == ')' || c == '"' || c == '\'') len--;
        else if ((c & 0xC0) == 0x80 || c >= 0xC0) {
            /* a closing quote such as » ” ’ or another non-ASCII letter: step over it */
            size_t k = len - 1;
            while (k && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
            if (len - k >= 2 && ((unsigned char)s[k] == 0xC2 || (unsigned char)s[k] == 0xE2)) {
                len = k;
                continue;
            }
            return c;
        } else {
            return c;
        }
    }
    return 0;
}

/* A full stop, exclamation or question mark, ASCII or CJK (。！？．), ends p? */
static int full_stop(const char *p, size_t len, unsigned char e) {
    if (e == '.' || e == '!' || e == '?') return 1;
    if (len >= 3) {
        const unsigned char *q = (const unsigned char *)p + len - 3;
        if (q[0] == 0xE3 && q[1] == 0x80 && q[2] == 0x82) return 1;
        if (q[0] == 0xEF && q[1] == 0xBC && (q[2] == 0x81 || q[2] == 0x9F || q[2] == 0x8E)) return 1;
    }
    return 0;
}

void html_trim_tail(buf *out) {
    /* colon-ended lines go always; short lines only when at most two of them end the
     * text (more are a list of the article: results, prices, places) */
    size_t cut[3];
    int weak = 0;
    for (int dropped = 0; dropped < 8 && out->len; dropped++) {
        size_t end = weak ? cut[weak - 1] - 2 : out->len;
        size_t start = end;
        while (start >= 2 && !(out->p[start - 1] == '\n' && out->p[start - 2] == '\n')) start--;
        if (start < 2) break;  /* never the first paragraph */
        const char *p = out->p + start;
        size_t len = end - start;
        size_t chars = extract_utf8_count(p, len);
        unsigned char e = last_mark(p, len);
        if (!weak && e == ':' && chars <= 150) {
            out->len = start - 2;
            out->p[out->len] = 0;
            continue;
        }
        int bracketed = p[0] == '(' && p[len - 1] == ')';
        if (chars <= 50 && !full_stop(p, len, e) && !bracketed && weak < 3) {
            cut[weak++] = start;
            continue;
        }
        break;
    }
    if (weak && weak <= 2) {
        out->len = cut[weak - 1] - 2;
        out->p[out->len] = 0;
    }
}
