/* html_dom.c: small DOM helpers over libxml2 for the HTML path: tag kinds by
 * binary search over a sorted name table, attribute access, collapsed text, and
 * the class/id weight that readability made standard (positive words such as
 * article/content/story, negative ones such as comment/share/sidebar). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "extract/html.h"

typedef struct {
    const char *name;
    int tag;
} tag_name;

static int tag_lookup(const char *name);

static const tag_name TAGS[] = {
    /* sorted by name */
    {"a", T_A},
    {"abbr", T_ABBR},
    {"address", T_ADDRESS},
    {"area", T_AREA},
    {"article", T_ARTICLE},
    {"aside", T_ASIDE},
    {"audio", T_AUDIO},
    {"b", T_B},
    {"base", T_BASE},
    {"blockquote", T_BLOCKQUOTE},
    {"body", T_BODY},
    {"br", T_BR},
    {"button", T_BUTTON},
    {"canvas", T_CANVAS},
    {"caption", T_CAPTION},
    {"center", T_CENTER},
    {"cite", T_CITE},
    {"code", T_CODE},
    {"dd", T_DD},
    {"del", T_DEL},
    {"details", T_DETAILS},
    {"dialog", T_DIALOG},
    {"div", T_DIV},
    {"dl", T_DL},
    {"dt", T_DT},
    {"em", T_EM},
    {"embed", T_EMBED},
    {"fieldset", T_FIELDSET},
    {"figcaption", T_FIGCAPTION},
    {"figure", T_FIGURE},
    {"font", T_FONT},
    {"footer", T_FOOTER},
    {"form", T_FORM},
    {"h1", T_H1},
    {"h2", T_H2},
    {"h3", T_H3},
    {"h4", T_H4},
    {"h5", T_H5},
    {"h6", T_H6},
    {"head", T_HEAD},
    {"header", T_HEADER},
    {"hr", T_HR},
    {"html", T_HTML},
    {"i", T_I},
    {"iframe", T_IFRAME},
    {"img", T_IMG},
    {"input", T_INPUT},
    {"ins", T_INS},
    {"label", T_LABEL},
    {"li", T_LI},
    {"link", T_LINK},
    {"main", T_MAIN},
    {"map", T_MAP},
    {"mark", T_MARK},
    {"math", T_MATH},
    {"menu", T_MENU},
    {"meta", T_META},
    {"nav", T_NAV},
    {"noscript", T_NOSCRIPT},
    {"object", T_OBJECT},
    {"ol", T_OL},
    {"option", T_OPTION},
    {"output", T_OUTPUT},
    {"p", T_P},
    {"param", T_PARAM},
    {"picture", T_PICTURE},
    {"pre", T_PRE},
    {"q", T_Q},
    {"s", T_S},
    {"script", T_SCRIPT},
    {"section", T_SECTION},
    {"select", T_SELECT},
    {"small", T_SMALL},
    {"source", T_SOURCE},
    {"span", T_SPAN},
    {"strong", T_STRONG},
    {"style", T_STYLE},
    {"sub", T_SUB},
    {"summary", T_SUMMARY},
    {"sup", T_SUP},
    {"svg", T_SVG},
    {"table", T_TABLE},
    {"tbody", T_TBODY},
    {"td", T_TD},
    {"template", T_TEMPLATE},
    {"textarea", T_TEXTAREA},
    {"tfoot", T_TFOOT},
    {"th", T_TH},
    {"thead", T_THEAD},
    {"time", T_TIME},
    {"title", T_TITLE},
    {"tr", T_TR},
    {"track", T_TRACK},
    {"u", T_U},
    {"ul", T_UL},
    {"video", T_VIDEO},
    {"wbr", T_WBR},
};

/* The kind is looked up once per element and kept in the node's `extra` field,
 * which libxml2's HTML parser leaves unused (it serves XPath and XSLT). */
int html_tag_of(const xmlNode *n) {
    if (!n || n->type != XML_ELEMENT_NODE || !n->name) return T_OTHER;
    if (n->extra) return n->extra - 1;
    int t = tag_lookup((const char *)n->name);
    ((xmlNode *)n)->extra = (unsigned short)(t + 1);
    return t;
}

static int tag_lookup(const char *name) {
    size_t lo = 0, hi = sizeof TAGS / sizeof TAGS[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(name, TAGS[mid].name);
        if (!c) return TAGS[mid].tag;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return T_OTHER;
}

int html_is_block(int tag) {
    switch (tag) {
        case T_P:
        case T_DIV:
        case T_SECTION:
        case T_ARTICLE:
        case T_MAIN:
        case T_H1:
        case T_H2:
        case T_H3:
        case T_H4:
        case T_H5:
        case T_H6:
        case T_UL:
        case T_OL:
        case T_LI:
        case T_DL:
        case T_DT:
        case T_DD:
        case T_TABLE:
        case T_TBODY:
        case T_THEAD:
        case T_TFOOT:
        case T_TR:
        case T_CAPTION:
        case T_PRE:
        case T_BLOCKQUOTE:
        case T_FIGURE:
        case T_FIGCAPTION:
        case T_FORM:
        case T_FIELDSET:
        case T_NAV:
        case T_ASIDE:
        case T_FOOTER:
        case T_HEADER:
        case T_DIALOG:
        case T_ADDRESS:
        case T_BODY:
        case T_HTML:
        case T_CENTER:
        case T_DETAILS:
        case T_SUMMARY:
        case T_MENU:
        case T_HR: return 1;
        default: return 0;
    }
}

int html_named(const xmlNode *n, const char *const *words) {
    const char *v[2] = {html_attr(n, "class"), html_attr(n, "id")};
    for (int k = 0; k < 2; k++) {
        if (!v[k]) continue;
        const char *p = v[k];
        while (*p) {
            while (*p && !((*p | 32) >= 'a' && (*p | 32) <= 'z')) p++;
            size_t l = 0;
            char w[24];
            /* words end at a non-letter or at a camel-case hump: "AuthorBox" */
            while (p[l] && ((p[l] | 32) >= 'a' && (p[l] | 32) <= 'z') &&
                   !(l && p[l] >= 'A' && p[l] <= 'Z' && p[l - 1] >= 'a' && p[l - 1] <= 'z')) {
                if (l + 1 < sizeof w) w[l] = (char)(p[l] | 32);
                l++;
            }
            if (!l) break;
            if (l < sizeof w) {
                w[l] = 0;
                for (int i = 0; words[i]; i++)
                    if (!strcmp(w, words[i])) return 1;
            }
            p += l;
        }
    }
    return 0;
}

const char *html_attr(const xmlNode *n, const char *name) {
    if (!n || n->type != XML_ELEMENT_NODE) return NULL;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        /* name is lower case: a first-letter test spares most comparisons */
        if (a->name && (a->name[0] | 32) == name[0] && strcasecmp((const char *)a->name, name) == 0) {
            const xmlNode *c = a->children;
            if (c && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !c->next)
                return c->content ? (const char *)c->content : "";
            return "";
        }
    }
    return NULL;
}

/* The next node of n's subtree in document order, or NULL past its last one; *depth
 * follows the moves (no recursion, so any depth is walked). */
static xmlNode *next_in(xmlNode *top, xmlNode *n, int *depth) {
    if (n->children) {
        (*depth)++;
        return n->children;
    }
    while (n != top && !n->next) {
        n = n->parent;
        (*depth)--;
    }
    return n == top ? NULL : n->next;
}

/* Unhooks every descendant of n and hangs them under n in document order, each
 * emptied of its children: the text stays in order and paragraph elements still
 * separate it, only the nesting goes. */
static void flatten_under(xmlNode *n) {
    xmlNode *first = n->children, *last = NULL;
    if (!first) return;
    int d = 0;
    xmlNode *k = first, *prev = NULL;
    /* first pass: the order; second: the links (a node's children are read before
     * they are cut) */
    size_t count = 0;
    for (xmlNode *q = first; q; q = next_in(n, q, &d)) count++;
    xmlNode **all = malloc(count * sizeof *all);
    if (!all) return; /* out of memory: the tree stays as it was */
    size_t i = 0;
    d = 0;
    for (xmlNode *q = first; q; q = next_in(n, q, &d)) all[i++] = q;
    for (i = 0; i < count; i++) {
        k = all[i];
        k->parent = n;
        k->prev = prev;
        k->next = NULL;
        if (prev) prev->next = k;
        if (k->type == XML_ELEMENT_NODE || k->type == XML_DOCUMENT_NODE) k->children = k->last = NULL;
        prev = k;
    }
    last = prev;
    n->children = first;
    n->last = last;
    free(all);
}

size_t html_flatten(xmlDoc *doc, int max) {
    xmlNode *root = (xmlNode *)doc, *n = doc ? doc->children : NULL;
    size_t flattened = 0;
    int depth = 1;
    while (n) {
        if (depth >= max && n->type == XML_ELEMENT_NODE && n->children) {
            flatten_under(n);
            flattened++;
            /* go on after n's subtree, now flat */
            while (n != root && !n->next) {
                n = n->parent;
                depth--;
            }
            n = n == root ? NULL : n->next;
            continue;
        }
        n = next_in(root, n, &depth);
    }
    return flattened;
}

static void text_rec(const xmlNode *n, buf *b, int depth) {
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) buf_puts(b, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && depth < HTML_WALK_DEPTH) {
            int t = html_tag_of(c);
            if (t == T_SCRIPT || t == T_STYLE || t == T_TEMPLATE) continue;
            if (html_is_block(t) || t == T_BR) buf_putc(b, ' ');
            text_rec(c, b, depth + 1);
            if (html_is_block(t)) buf_putc(b, ' ');
        }
    }
}

char *html_text_of(const xmlNode *n) {
    buf b;
    buf_init(&b, 1 << 20);
    text_rec(n, &b, 0);
    char *s = extract_clean_space(buf_str(&b), b.len);
    buf_free(&b);
    return s;
}

/* ------------------------------------------------------------ word lists */

static pthread_mutex_t WORDS_LOCK = PTHREAD_MUTEX_INITIALIZER;

static void words_index(html_words *ws) {
    memset(ws->head, 255, sizeof ws->head);
    int n = 0;
    while (ws->w[n] && n < 63) n++;
    for (int i = n - 1; i >= 0; i--) { /* chains keep the list's order */
        unsigned char c = (unsigned char)ws->w[i][0];
        ws->len[i] = (uint8_t)strlen(ws->w[i]);
        ws->next[i] = ws->head[c];
        ws->head[c] = (uint8_t)i;
    }
}

int html_words_in(html_words *ws, const char *s, size_t len) {
    if (!atomic_load_explicit(&ws->ready, memory_order_acquire)) {
        pthread_mutex_lock(&WORDS_LOCK);
        if (!atomic_load_explicit(&ws->ready, memory_order_relaxed)) {
            words_index(ws);
            atomic_store_explicit(&ws->ready, 1, memory_order_release);
        }
        pthread_mutex_unlock(&WORDS_LOCK);
    }
    for (size_t i = 0; i < len; i++) {
        for (uint8_t k = ws->head[(unsigned char)s[i]]; k != 255; k = ws->next[k]) {
            size_t l = ws->len[k], j = 1; /* the first byte matched: it is the index */
            if (l > len - i) continue;
            const char *w = ws->w[k];
            while (j < l && s[i + j] == w[j]) j++;
            if (j == l) return 1;
        }
    }
    return 0;
}

size_t html_lower(const char *v, char *out, size_t cap) {
    size_t o = 0;
    for (; *v && o + 1 < cap; v++) out[o++] = (char)(*v >= 'A' && *v <= 'Z' ? *v + 32 : *v);
    out[o] = 0;
    return o;
}

/* Lower-cased "class id" into out; returns its length. */
static size_t class_id(const xmlNode *n, char *out, size_t cap) {
    size_t o = 0;
    const char *v[2] = {html_attr(n, "class"), html_attr(n, "id")};
    for (int k = 0; k < 2; k++) {
        if (!v[k]) continue;
        for (const char *p = v[k]; *p && o + 2 < cap; p++) {
            char c = *p;
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        if (o + 1 < cap) out[o++] = ' '; /* room for the NUL stays */
    }
    out[o] = 0;
    return o;
}

static const char *const POSITIVE[] = {"article", "body", "content", "entry", "hentry", "h-entry", "main",
                                       "page",    "post", "text",    "blog",  "story",  NULL};
static const char *const NEGATIVE[] = {"-ad-",     "hidden",  "banner",     "combx",      "comment",  "com-",
                                       "contact",  "foot",    "gdpr",       "masthead",   "media",    "meta",
                                       "outbrain", "taboola", "promo",      "related",    "scroll",   "share",
                                       "shoutbox", "sidebar", "skyscraper", "sponsor",    "shopping", "tags",
                                       "tool",     "widget",  "social",     "newsletter", NULL};
static html_words POS = HTML_WORDS(POSITIVE), NEG = HTML_WORDS(NEGATIVE);

int html_class_weight(const xmlNode *n) {
    char s[512];
    size_t len = class_id(n, s, sizeof s);
    if (!len) return 0;
    int w = 0;
    if (html_words_in(&NEG, s, len)) w -= 25;
    if (html_words_in(&POS, s, len)) w += 25;
    return w;
}
