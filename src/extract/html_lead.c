/* html_lead.c: finds the lead (standfirst) of a page from its own description.
 *
 * News and magazine pages often set the lead apart from the body: a bold teaser
 * paragraph in the header block, above the picture, outside the container that
 * the content scorer picks. The page's description (JSON-LD or <meta>) is most of
 * the time that lead, verbatim or cut short. So the lead is the block element whose
 * visible text starts like the description and agrees with it over most of its
 * length; when the main text does not already hold it, extract_html puts it first.
 * Headings and blocks named as parts of the title (subtitle, dek, strapline) are
 * not leads: they go with the headline, which is not body text either.
 * The search is one walk over text nodes comparing a short prefix, so it costs
 * little; a text equal to the description only inside <meta> or a script is
 * never found, as those are not text nodes of the body.
 * A standfirst can also be told by its name: html_find_intro gives the block
 * named "intro", "lead" or "teaser" that holds a short run of prose above the
 * chosen nodes, near them (within a few ancestors), for the main text to put
 * first, whatever the description says. */
#include <stdlib.h>
#include <string.h>

#include "extract/html_tree.h"

/* How many bytes of d match the start of s, white-space runs in either side
 * matching any run in the other. *s_used gets the bytes of s consumed. */
static size_t ws_match(const char *s, size_t slen, const char *d, size_t dlen, size_t *s_used) {
    size_t i = 0, j = 0, sp;
    while (i < slen && j < dlen) {
        size_t a = extract_space_len(s + i, slen - i), b = extract_space_len(d + j, dlen - j);
        if (a || b) {
            if (!a || !b) break;
            while (i < slen && (sp = extract_space_len(s + i, slen - i))) i += sp;
            while (j < dlen && (sp = extract_space_len(d + j, dlen - j))) j += sp;
            continue;
        }
        if (s[i] != d[j]) break;
        i++, j++;
    }
    if (s_used) *s_used = i;
    return j;
}

static size_t skip_space(const char *s, size_t len) {
    size_t i = 0, sp;
    while (i < len && (sp = extract_space_len(s + i, len - i))) i += sp;
    return i;
}

typedef struct lead_search {
    const char *d;
    size_t dlen, key;
    int tries;
    char *found;
} lead_search;

static xmlNode *block_of(xmlNode *n) {
    for (xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
        int t = html_tag_of(p);
        if (t == T_BODY || t == T_HTML) return NULL;
        if (html_is_block(t)) return t >= T_H1 && t <= T_H6 ? NULL : p;
    }
    return NULL;
}

/* A block (or its container) named as a title part: a dek or subtitle that goes with
 * the headline ("sub-head", "dek", "strapline", "article-heading"), which the
 * article's text does not repeat, unlike a lead paragraph ("intro", "lead", "teaser"). */
static int is_dek(const xmlNode *n) {
    static const char *const WORDS[] = {"heading", "title", "headline", "dek", "sub", "strap", NULL};
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        int t = html_tag_of(n);
        if (t == T_BODY) return 0;
        const char *c = html_attr(n, "class");
        if (!c) continue;
        char s[256];
        size_t o = 0;
        for (; *c && o + 1 < sizeof s; c++) s[o++] = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
        s[o] = 0;
        for (int i = 0; WORDS[i]; i++)
            if (strstr(s, WORDS[i])) return 1;
    }
    return 0;
}

static void check(lead_search *ls, xmlNode *text) {
    xmlNode *b = block_of(text);
    if (!b || is_dek(b)) return;
    ls->tries++;
    char *t = html_text_of(b);
    if (!t) return;
    size_t tl = strlen(t);
    size_t m = ws_match(t, tl, ls->d, ls->dlen, NULL);
    /* the block starts like the description and they agree over most of the shorter */
    size_t shorter = tl < ls->dlen ? tl : ls->dlen;
    if (m >= ls->key && m * 10 >= shorter * 8 && tl <= 3 * ls->dlen + 200)
        ls->found = t;
    else
        free(t);
}

static void walk(lead_search *ls, xmlNode *n, int depth) {
    for (xmlNode *k = n->children; k && !ls->found && ls->tries < 16; k = k->next) {
        if (k->type == XML_TEXT_NODE && k->content) {
            const char *s = (const char *)k->content;
            size_t len = strlen(s), o = skip_space(s, len);
            if (len - o < 4) continue;
            size_t used;
            size_t m = ws_match(s + o, len - o, ls->d, ls->dlen, &used);
            if (m >= ls->key || (o + used == len && m >= 8)) check(ls, k);
        } else if (k->type == XML_ELEMENT_NODE && depth < HTML_WALK_DEPTH) {
            int t = html_tag_of(k);
            if (t == T_SCRIPT || t == T_STYLE || t == T_TEMPLATE || t == T_HEAD || t == T_TITLE || t == T_NOSCRIPT ||
                t == T_H1)
                continue;
            walk(ls, k, depth + 1);
        }
    }
}

char *html_find_lead(xmlNode *body, const char *desc) {
    if (!body || !desc) return NULL;
    size_t dlen = strlen(desc);
    /* a description cut short ends in an ellipsis: compare what comes before it */
    while (dlen && (desc[dlen - 1] == '.' || desc[dlen - 1] == ' ')) dlen--;
    if (dlen >= 3 && !memcmp(desc + dlen - 3, "\xE2\x80\xA6", 3)) dlen -= 3;
    if (extract_utf8_count(desc, dlen) < 40) return NULL;
    lead_search ls = {.d = desc, .dlen = dlen, .key = 24};
    walk(&ls, body, 0);
    return ls.found;
}

/* ------------------------------------------------------------ named intro */

/* Words of class/id that name a standfirst: "intro", "lead", "teaser"; whole words
 * of the value (split at non-letters and camel-case humps: "introBox", "a-lead"). */
static int intro_named(const xmlNode *n) {
    static const char *const WORDS[] = {"intro", "lead", "leader", "teaser", "standfirst", NULL};
    return html_named(n, WORDS);
}

typedef struct intro_search {
    const xmlNode *first; /* the first chosen node: the search ends there */
    xmlNode *found;
    int done;
} intro_search;

static void intro_walk(intro_search *is, xmlNode *n, int depth) {
    for (xmlNode *k = n->children; k && !is->done; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || depth > HTML_WALK_DEPTH) continue;
        if (k == is->first) {
            is->done = 1;
            return;
        }
        html_info *in = INFO(k);
        int t = html_tag_of(k);
        if (in && in->text >= 40 && in->text <= 1500 && link_density(in) < 0.3f && !(t >= T_H1 && t <= T_H6) &&
            intro_named(k)) {
            /* a block holding the chosen node is not before it */
            const xmlNode *q = is->first;
            while (q && q != k) q = q->parent;
            if (!q) {
                is->found = k;
                continue;
            }
        }
        intro_walk(is, k, depth + 1);
    }
}

xmlNode *html_find_intro(xmlNode *first, int levels) {
    xmlNode *scope = first;
    for (int i = 0; i < levels && scope->parent && scope->parent->type == XML_ELEMENT_NODE; i++) {
        scope = scope->parent;
        if (html_tag_of(scope) == T_BODY) break;
    }
    if (scope == first) return NULL;
    intro_search is = {.first = first};
    intro_walk(&is, scope, 0);
    return is.found;
}
