/* html_prescan.c: cuts from a page, before libxml2 parses it, the bytes that the
 * extraction never reads: the content of <script> and <style> elements (other than
 * JSON-LD) and the attributes it never asks for (src, srcset, data-*, onclick, the
 * href of links...), name and value.
 *
 * Why: libxml2's HTML tokenizer decodes and copies every byte one character at a
 * time and builds a node for every attribute, and on news pages 40% of the bytes
 * are scripts and styles and a further tenth are attributes nobody reads; the
 * parser spent 40% of its time on them. A scan that finds them with memchr and
 * drops them costs a few percent of that.
 *
 * The scan follows libxml2 2.9's own tokenizer (htmlParseContentInternal,
 * htmlParseStartTag, htmlParseComment, htmlParseScript) so that the tree it
 * builds from the shortened page is the tree it would have built from the whole
 * one, without the dropped text: a script's content ends at the first "</script"
 * in any case; comments end at "-->"; a start tag's attributes are names of
 * [A-Za-z0-9:_.-] with quoted or bare values, and a bogus attribute is skipped up
 * to the next blank or '>' without regard to quotes, as libxml2 does. Wherever its
 * reading of the page could differ from libxml2's (a comment closed by "--!>",
 * an end tag with attributes, an element name over 100 characters, a non-ASCII
 * attribute name, a script without an end), the scan stops cutting and copies the
 * rest of the page as it is: the output is then only less short. The tokenizer it
 * follows is libxml2 2.9's (checked against 2.9.14 on the evaluation pages and by a
 * differential fuzz); under another version of libxml2 it copies the page uncut. */
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "extract/html.h"

/* Attributes the extraction reads (every html_attr caller asks for one of these):
 * the others go, name and value. <meta> keeps all of its own (charset among them). */
enum { TAG_OTHER, TAG_LINK, TAG_META };

static int attr_used(const char *name, size_t len, int tag) {
    /* aria-hidden class content datetime hidden id itemprop lang role style type
     * xml:lang, and <link rel=canonical href=...> */
    if (tag == TAG_META) return 1;
#define IS(w) (!memcmp(name, w, sizeof w - 1))
    switch (len) {
        case 2: return IS("id");
        case 3: return tag == TAG_LINK && IS("rel");
        case 4: return IS("lang") || IS("role") || IS("type") || (tag == TAG_LINK && IS("href"));
        case 5: return IS("class") || IS("style");
        case 6: return IS("hidden");
        case 7: return IS("content");
        case 8: return IS("datetime") || IS("itemprop") || IS("xml:lang");
        case 11: return IS("aria-hidden");
        default: return 0;
    }
#undef IS
}

static int blank(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
static int letter(unsigned char c) {
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}
static int name_char(unsigned char c) {
    return letter(c) || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' || c == '.';
}

typedef struct scan {
    const char *in;
    size_t len;
    char *out;
    size_t o;    /* bytes written */
    size_t done; /* input copied (or dropped) up to here */
} scan;

/* Drops in[from..to): copies what lies before it first. */
static void cut(scan *s, size_t from, size_t to) {
    memmove(s->out + s->o, s->in + s->done, from - s->done); /* out may be in */
    s->o += from - s->done;
    s->done = to;
}

static const char *memcase(const char *s, size_t len, const char *needle, size_t nlen) {
    for (size_t i = 0; i + nlen <= len; i++) {
        size_t k = 0;
        while (k < nlen && (s[i + k] | 32) == needle[k]) k++;
        if (k == nlen) return s + i;
    }
    return NULL;
}

/* A type attribute that says, or may say once its entities are decoded, JSON-LD. */
static int maybe_ldjson(const char *v, size_t len) {
    return memcase(v, len, "ld+json", 7) || memchr(v, '&', len);
}

/* A start tag at p ('<' then a letter). Returns the position after it, or 0 to stop.
 * *raw gets 1 for <script> / <style> (2 when its content is to be kept). */
static size_t start_tag(scan *s, size_t p, int *raw, int *is_style) {
    const char *in = s->in;
    size_t len = s->len, i = p + 1, n = 0;
    while (i < len && name_char((unsigned char)in[i])) i++, n++;
    if (n >= 100) return 0;
    char name[8] = {0};
    for (size_t k = 0; k < n && k < 7; k++) name[k] = (char)(in[p + 1 + k] | 32);
    int script = n == 6 && !memcmp(name, "script", 6), style = n == 5 && !memcmp(name, "style", 5);
    /* the element libxml2 makes is named for the part after a prefix: <og:meta> is a meta */
    const char *local = in + p + 1;
    size_t ll = n;
    const char *colon = n > 1 ? memchr(local + 1, ':', n - 1) : NULL;
    if (colon) ll = n - (size_t)(colon + 1 - local), local = colon + 1;
    int tag = ll == 4 && memcase(local, 4, "link", 4)   ? TAG_LINK
              : ll == 4 && memcase(local, 4, "meta", 4) ? TAG_META
                                                        : TAG_OTHER;
    int ldjson = 0;
    while (i < len && blank((unsigned char)in[i])) i++;
    while (i < len && in[i] != '>' && !(in[i] == '/' && i + 1 < len && in[i + 1] == '>')) {
        unsigned char c = (unsigned char)in[i];
        if (c >= 0x80) return 0;
        if (letter(c) || c == '_' || c == ':') {
            size_t a = i;
            char an[16];
            size_t al = 0;
            while (i < len && name_char((unsigned char)in[i])) {
                if (al < sizeof an) an[al++] = (char)(in[i] | 32);
                i++;
            }
            if (i - a >= 100 || (i < len && (unsigned char)in[i] >= 0x80)) return 0;
            if (i - a > sizeof an) al = 0; /* longer than any name kept */
            while (i < len && blank((unsigned char)in[i])) i++;
            if (i < len && in[i] == '=') {
                i++;
                while (i < len && blank((unsigned char)in[i])) i++;
                size_t v = i;
                if (i < len && (in[i] == '"' || in[i] == '\'')) {
                    const char *q = memchr(in + i + 1, in[i], len - i - 1);
                    if (!q) return 0;
                    v = i + 1;
                    i = (size_t)(q - in);
                    if (script && al == 4 && !memcmp(an, "type", 4)) ldjson |= maybe_ldjson(in + v, i - v);
                    i++;
                } else {
                    while (i < len && !blank((unsigned char)in[i]) && in[i] != '>') i++;
                    if (script && al == 4 && !memcmp(an, "type", 4)) ldjson |= maybe_ldjson(in + v, i - v);
                }
            }
            if (!attr_used(an, al, tag)) {
                /* with the blanks after it: libxml2 skips those before the next one. Not
                 * when an '=' follows: it would give a value to a bare name before. */
                while (i < len && blank((unsigned char)in[i])) i++;
                if (i >= len || in[i] != '=') cut(s, a, i);
            }
        } else if (c == '.') {
            return 0;
        } else {
            /* a bogus attribute: skipped to the next blank or the end of the tag */
            while (i < len && !blank((unsigned char)in[i]) && in[i] != '>' &&
                   !(in[i] == '/' && i + 1 < len && in[i + 1] == '>'))
                i++;
        }
        while (i < len && blank((unsigned char)in[i])) i++;
    }
    if (i >= len) return 0;
    if (in[i] == '/') return i + 2; /* <script/> has no content */
    *raw = (script || style) ? 1 + ldjson : 0;
    *is_style = style;
    return i + 1;
}

/* The content of a script or style element starting at p: returns where it ends
 * (the "</script" that closes it), or 0 to stop. */
static size_t raw_end(const scan *s, size_t p, int style) {
    const char *in = s->in;
    size_t len = s->len;
    const char *name = style ? "style" : "script";
    size_t nl = style ? 5 : 6;
    if (p + 1 < len && in[p] == '<' &&
        (in[p + 1] == '/' || letter((unsigned char)in[p + 1]) || in[p + 1] == '_' || in[p + 1] == ':')) {
        /* libxml2 looks for an end tag before it reads raw text: only the element's own is safe */
        if (!(in[p + 1] == '/' && len - p - 2 >= nl && memcase(in + p + 2, nl, name, nl))) return 0;
    }
    for (size_t i = p; i < len;) {
        const char *lt = memchr(in + i, '<', len - i);
        if (!lt) return 0;
        size_t e = (size_t)(lt - in);
        if (e + 2 + nl <= len && in[e + 1] == '/' && memcase(in + e + 2, nl, name, nl)) {
            /* "</scripts" would close nothing in libxml2's reading of it */
            if (e + 2 + nl < len && name_char((unsigned char)in[e + 2 + nl])) return 0;
            return e;
        }
        i = e + 1;
    }
    return 0;
}

size_t html_prescan(const char *in, size_t len, char *out) {
    scan s = {.in = in, .len = len, .out = out};
    size_t i = 0;
    int version = atoi(xmlParserVersion);
    if (version < 20900 || version >= 21000) i = len; /* another tokenizer: nothing is cut */
    while (i < len) {
        const char *lt = memchr(in + i, '<', len - i);
        if (!lt) break;
        size_t p = (size_t)(lt - in);
        if (p + 1 >= len) break;
        unsigned char c = (unsigned char)in[p + 1];
        if (c == '!') {
            if (p + 3 < len && in[p + 2] == '-' && in[p + 3] == '-') {
                /* "<!-->" and "<!--->" end abruptly in some versions only */
                if (p + 4 < len && (in[p + 4] == '>' || (in[p + 4] == '-' && p + 5 < len && in[p + 5] == '>'))) break;
                const char *e = memmem(in + p + 4, len - p - 4, "-->", 3);
                if (!e) break;
                if (memmem(in + p + 4, (size_t)(e - in) + 3 - (p + 4), "--!>", 4)) break;
                i = (size_t)(e - in) + 3;
            } else if (len - p >= 9 && memcase(in + p + 2, 7, "doctype", 7)) {
                /* ends at the first '>', unless a quoted literal would hold it */
                const char *gt = memchr(in + p, '>', len - p);
                if (!gt) break;
                size_t g = (size_t)(gt - in), k = p + 9;
                char q = 0;
                for (; k < len && (q || in[k] != '>'); k++)
                    if (q ? in[k] == q : (in[k] == '"' || in[k] == '\'')) q = q ? 0 : in[k];
                if (k != g) break;
                i = g + 1;
                /* libxml2 reads on from a doctype in the same step, where "</" and a second
                 * "<!DOCTYPE" are text: not followed here */
                if (i + 1 < len && in[i] == '<' &&
                    (in[i + 1] == '/' || (in[i + 1] == '!' && !(i + 3 < len && in[i + 2] == '-' && in[i + 3] == '-'))))
                    break;
            } else {
                i = p + 1; /* "<" is text */
            }
        } else if (c == '?') {
            if (p + 2 >= len) break;
            unsigned char d = (unsigned char)in[p + 2];
            if (d >= 0x80) break;
            if (letter(d) || d == '_' || d == ':') {
                const char *gt = memchr(in + p, '>', len - p);
                if (!gt) break;
                i = (size_t)(gt - in) + 1;
            } else {
                i = p + 2;
            }
        } else if (c == '/') {
            if (p + 2 >= len) break;
            unsigned char d = (unsigned char)in[p + 2];
            if (letter(d)) {
                size_t k = p + 2;
                while (k < len && name_char((unsigned char)in[k])) k++;
                if (k - p - 2 >= 100) break;
                while (k < len && blank((unsigned char)in[k])) k++;
                if (k >= len || in[k] != '>') break;
                i = k + 1;
            } else if (d == '_' || d == ':' || d == '.' || d >= 0x80) {
                break;
            } else {
                i = p + 2;
            }
        } else if (letter(c)) {
            int raw = 0, style = 0;
            size_t k = start_tag(&s, p, &raw, &style);
            if (!k) break;
            i = k;
            if (raw) {
                size_t e = raw_end(&s, k, style);
                if (!e) break;
                if (raw == 1) cut(&s, k, e);
                i = e;
            }
        } else if (c == '_' || c == ':' || c == '.') {
            break;
        } else {
            i = p + 1;
        }
    }
    cut(&s, len, len);
    return s.o;
}
