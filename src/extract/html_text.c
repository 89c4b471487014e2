/* html_text.c: turns a DOM subtree into text the way a reader sees it: block
 * elements start paragraphs (joined by a blank line), <br> breaks a line, table
 * cells are separated by a space, runs of white space collapse to one space, and
 * <pre> keeps its lines. A pending-break level (0 none, 1 space, 2 line,
 * 3 paragraph) is carried between calls so that separate subtrees chosen by the
 * content scorer join cleanly. */
#include <string.h>
#include <strings.h>

#include "extract/html.h"

static void want(int *pending, int level) {
    if (*pending < level) *pending = level;
}

static void flush(buf *out, int *pending) {
    if (out->len) {
        if (*pending == 1)
            buf_putc(out, ' ');
        else if (*pending == 2)
            buf_putc(out, '\n');
        else if (*pending == 3)
            buf_append(out, "\n\n", 2);
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
        if (c->type != XML_ELEMENT_NODE || depth > HTML_WALK_DEPTH) continue;
        int t = html_tag_of(c);
        switch (t) {
            case T_BR: want(pending, 2); continue;
            case T_TD:
            case T_TH:
                want(pending, 1);
                ser(c, out, pending, pre, depth + 1);
                want(pending, 1);
                continue;
            case T_SCRIPT:
            case T_STYLE:
            case T_TEMPLATE:
            case T_NOSCRIPT: continue;
            default: break;
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
        if (c == ' ' || c == '\n' || c == ')' || c == '"' || c == '\'')
            len--;
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

/* Words of the notices that close many pages: subscribe, newsletter, your account,
 * get the app, follow us. Matched ASCII case-insensitively inside short paragraphs. */
static const char *const NOTICE[] = {"subscri",        "suscri",       "abonn",       "abbona",       "newsletter",
                                     "connectez-vous", "votre compte", "inicia sesi", "download the", " app.",
                                     "follow us",      "folgen sie",   "suivez-nous", "guenos",       NULL};

static int notice(const char *p, size_t len) {
    /* a quotation is someone speaking, not the page */
    if (len && (p[0] == '"' || (len >= 3 && (!memcmp(p, "\xE2\x80\x9C", 3) || !memcmp(p, "\xE2\x80\x9E", 3))) ||
                (len >= 2 && !memcmp(p, "\xC2\xAB", 2))))
        return 0;
    for (int i = 0; NOTICE[i]; i++)
        if (extract_memcasemem(p, len, NOTICE[i])) return 1;
    return 0;
}

void html_trim_tail(buf *out) {
    /* The run of furniture paragraphs at the end: notices (subscribe, your account,
     * app, follow us) among the last three, lines ending in a colon, and short lines
     * without a full stop. Three short lines or more are a list of the article
     * (results, prices, hours): those stay. */
    enum { STRONG = 1, WEAK = 2 };
    size_t starts[8];
    int kinds[8], n = 0, weak = 0;
    size_t end = out->len;
    while (n < 8) {
        size_t start = end;
        while (start >= 2 && !(out->p[start - 1] == '\n' && out->p[start - 2] == '\n')) start--;
        if (start < 2) break; /* never the first paragraph */
        const char *p = out->p + start;
        size_t len = end - start;
        size_t chars = extract_utf8_count(p, len);
        unsigned char e = last_mark(p, len);
        int bracketed = p[0] == '(' && p[len - 1] == ')';
        int kind = 0;
        if ((e == ':' && chars <= 150) || (n < 3 && chars <= 300 && notice(p, len)))
            kind = STRONG;
        else if (chars <= 50 && (e == '!' || e == '?' || !full_stop(p, len, e)) && !bracketed)
            kind = WEAK;
        if (!kind) break;
        if (kind == WEAK) weak++;
        starts[n] = start, kinds[n++] = kind;
        end = start - 2;
    }
    int cut = n;
    if (weak >= 3) {
        cut = 0;
        while (cut < n && kinds[cut] == STRONG) cut++;
    }
    if (cut) {
        out->len = starts[cut - 1] - 2;
        out->p[out->len] = 0;
    }
}

/* Labels that open a picture caption or credit line: "Foto: ...", "Abbildung 4: ...",
 * "Crédits photos : ...". Compared ASCII case-insensitively with the words before
 * the colon. */
static const char *const CREDIT[] = {"foto",
                                     "fotos",
                                     "photo",
                                     "photos",
                                     "bild",
                                     "bilder",
                                     "abbildung",
                                     "abb",
                                     "titelbild",
                                     "beitragsbild",
                                     "credit",
                                     "credits",
                                     "cr\xC3\xA9"
                                     "dit",
                                     "cr\xC3\xA9"
                                     "dits",
                                     "cr\xC3\xA9"
                                     "dits photos",
                                     "image",
                                     "picture",
                                     "grafik",
                                     "illustration",
                                     "fotograf\xC3\xAD"
                                     "a",
                                     "bildquelle",
                                     "quelle",
                                     "source",
                                     "fuente",
                                     "titelfoto",
                                     "symbolbild",
                                     "header image",
                                     "featured image",
                                     NULL};

/* "Label:" or "Label 4:" at the start of a short paragraph, or a short line with a
 * copyright sign: a caption or a credit, not text. */
static int credit_line(const char *p, size_t len, size_t chars) {
    if (chars > 160) return 0;
    if (chars <= 100 && memmem(p, len, "\xC2\xA9", 2)) return 1;
    const char *colon = memchr(p, ':', len < 32 ? len : 32);
    if (!colon) return 0;
    size_t l = (size_t)(colon - p);
    while (l && (p[l - 1] == ' ' || (p[l - 1] >= '0' && p[l - 1] <= '9') || p[l - 1] == '.')) l--;
    if (!l) return 0;
    for (int i = 0; CREDIT[i]; i++)
        if (strlen(CREDIT[i]) == l && strncasecmp(p, CREDIT[i], l) == 0) return 1;
    return 0;
}

void html_drop_credits(buf *out) {
    size_t r = 0, w = 0;
    while (r < out->len) {
        const char *e = memmem(out->p + r, out->len - r, "\n\n", 2);
        size_t end = e ? (size_t)(e - out->p) : out->len;
        size_t len = end - r;
        if (!credit_line(out->p + r, len, extract_utf8_count(out->p + r, len))) {
            if (w) out->p[w++] = '\n', out->p[w++] = '\n';
            memmove(out->p + w, out->p + r, len);
            w += len;
        }
        r = e ? end + 2 : end;
    }
    out->len = w;
    if (out->p) out->p[w] = 0;
}
