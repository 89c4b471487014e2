/* html.h: internals of the HTML path, shared by html_*.c.
 *
 * The DOM is libxml2's. Per-element statistics (text length, link text, commas,
 * counts of paragraphs, images, list items, inputs) live in an array indexed
 * through node->_private, so that every measure is computed once, bottom-up. */
#ifndef RECOUPE_EXTRACT_HTML_H
#define RECOUPE_EXTRACT_HTML_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "extract/extract.h"
#include "util/buf.h"

typedef struct html_info {
    uint32_t text; /* visible characters (spaces not counted) */
    uint32_t link; /* of which inside <a> */
    uint32_t commas;
    uint32_t n_p, n_img, n_li, n_input, n_embed, n_head;
    uint32_t li_text; /* characters inside <li> */
    float score;
    int8_t weight; /* class/id weight: -25, 0, +25 (and sums) */
    uint8_t scored;
} html_info;

/* Tag kinds, from the lower-case element name. */
enum html_tag {
    T_OTHER = 0,
    T_A,
    T_P,
    T_DIV,
    T_SECTION,
    T_ARTICLE,
    T_MAIN,
    T_SPAN,
    T_BR,
    T_HR,
    T_H1,
    T_H2,
    T_H3,
    T_H4,
    T_H5,
    T_H6,
    T_UL,
    T_OL,
    T_LI,
    T_DL,
    T_DT,
    T_DD,
    T_TABLE,
    T_TBODY,
    T_THEAD,
    T_TFOOT,
    T_TR,
    T_TD,
    T_TH,
    T_CAPTION,
    T_PRE,
    T_BLOCKQUOTE,
    T_FIGURE,
    T_FIGCAPTION,
    T_IMG,
    T_PICTURE,
    T_SCRIPT,
    T_STYLE,
    T_NOSCRIPT,
    T_TEMPLATE,
    T_IFRAME,
    T_SVG,
    T_MATH,
    T_CANVAS,
    T_OBJECT,
    T_EMBED,
    T_VIDEO,
    T_AUDIO,
    T_BUTTON,
    T_SELECT,
    T_INPUT,
    T_TEXTAREA,
    T_LABEL,
    T_FORM,
    T_FIELDSET,
    T_NAV,
    T_ASIDE,
    T_FOOTER,
    T_HEADER,
    T_DIALOG,
    T_ADDRESS,
    T_BODY,
    T_HTML,
    T_HEAD,
    T_TITLE,
    T_META,
    T_LINK,
    T_TIME,
    T_CENTER,
    T_DETAILS,
    T_SUMMARY,
    T_MENU,
    T_FONT,
    T_B,
    T_STRONG,
    T_EM,
    T_I,
    T_U,
    T_SMALL,
    T_SUB,
    T_SUP,
    T_CODE,
    T_Q,
    T_CITE,
    T_ABBR,
    T_MARK,
    T_S,
    T_INS,
    T_DEL,
    T_BASE,
    T_OPTION,
    T_AREA,
    T_MAP,
    T_SOURCE,
    T_TRACK,
    T_WBR,
    T_OUTPUT,
    T_PARAM,
    T_COUNT
};

/* How deep the tree may nest. libxml2 (with HTML_PARSE_HUGE) keeps any depth, and
 * old pages nest deeply for real (a <font> never closed in each of 400 paragraphs
 * nests 800 levels); the walks of the HTML path recurse, so html_flatten first makes
 * whatever lies deeper than HTML_MAX_DEPTH a flat run of nodes at that depth, and the
 * walks' guard, HTML_WALK_DEPTH, is never reached. */
#define HTML_MAX_DEPTH 2000
#define HTML_WALK_DEPTH (HTML_MAX_DEPTH + 16)
/* Moves every node below depth `max` (counted from the document) up to be a child of
 * its ancestor at that depth, in document order, so that no node lies deeper and no
 * text is lost. Returns the number of subtrees flattened (0: the tree was shallower). */
size_t html_flatten(xmlDoc *doc, int max);

int html_tag_of(const xmlNode *n);
int html_is_block(int tag);
/* The attribute's value (owned by the DOM, not copied), or NULL. Only the attributes
 * listed in html_prescan.c reach the DOM. */
const char *html_attr(const xmlNode *n, const char *name);
/* 1 when a whole word of the element's class or id (split at non-letters and at
 * camel-case humps: "AuthorBox", "a-lead"; compared lower-cased, words over 23
 * letters never match) is one of words (lower case, NULL-terminated). */
int html_named(const xmlNode *n, const char *const *words);
/* The element's text content with spaces collapsed, malloc'd (NULL when empty). */
char *html_text_of(const xmlNode *n);
/* A list of lower-case words looked for inside class and id values. The words are
 * indexed by their first byte on first use (thread-safe), so a search compares only
 * the words that can start at each position. Declare with HTML_WORDS(array). */
typedef struct html_words {
    const char *const *w; /* NULL-terminated, at most 63 words */
    _Atomic int ready;
    uint8_t len[64], next[64], head[256];
} html_words;
#define HTML_WORDS(array)                                                                                              \
    {                                                                                                                  \
        (array), 0, {0}, {0}, {                                                                                        \
            0                                                                                                          \
        }                                                                                                              \
    }
/* Does s[0..len) (already lower case) hold one of the words? */
int html_words_in(html_words *ws, const char *s, size_t len);
/* Copies v lower-cased into out (cap bytes, NUL included); returns the length. */
size_t html_lower(const char *v, char *out, size_t cap);

/* Class/id weight in readability's sense: +25 per positive, -25 per negative. */
int html_class_weight(const xmlNode *n);

/* libxml2's allocations come from a per-thread arena between open and close, which
 * takes back everything at once: a document parsed in between must not be used
 * after (html_arena.c). html_free_doc frees a document only when no arena is open. */
void html_arena_open(void);
void html_arena_close(void);
void html_free_doc(xmlDoc *doc);

/* Copies html[0..len) into out (room for len bytes) without the bytes the extraction
 * never reads: script and style content other than JSON-LD, and the attributes that
 * html_attr is never asked for (href outside <link> among them); libxml2 builds the
 * same tree from it, less those (html_prescan.c). Returns the length written; out
 * may be html itself. A new html_attr(n, "name") needs "name" in its USED list. */
size_t html_prescan(const char *html, size_t len, char *out);

/* Metadata from the whole document, before any pruning (html_meta.c). */
recoupe_status html_metadata(xmlDoc *doc, extract_found *f, time_t now);

/* The page's lead: the text of the block element in body whose visible text is
 * the description `desc` (verbatim, cut short, or a little longer), malloc'd;
 * NULL when there is none (html_lead.c). */
char *html_find_lead(xmlNode *body, const char *desc);

/* Serialises the text of n into out, paragraphs separated by blank lines (html_text.c). */
void html_serialise(const xmlNode *n, buf *out, int *pending);
/* Ends the serialisation: trims the trailing break. */
void html_serialise_end(buf *out);
/* Drops the paragraphs at the end of the text that only stand beside it: short
 * lines without a full stop (credits, tags, "share this page", headings left
 * without their list) and lines ending in a colon (html_text.c). */
void html_trim_tail(buf *out);
/* Drops caption and credit lines anywhere in the text: a short paragraph opening
 * with a label such as "Foto:", "Abbildung 4:", "Crédits photos :", or a short one
 * with a copyright sign (html_text.c). */
void html_drop_credits(buf *out);

#endif
