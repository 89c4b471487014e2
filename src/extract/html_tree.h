/* html_tree.h: the state of one try at the main text (html_body.c) and the
 * measures of the tree it works on (html_tree.c), shared with the cleaning pass
 * (html_clean.c). */
#ifndef RECOUPE_EXTRACT_HTML_TREE_H
#define RECOUPE_EXTRACT_HTML_TREE_H

#include "extract/html.h"

/* The rules of a try: the later tries turn the class/id rules off. */
enum { F_STRIP_UNLIKELY = 1, F_WEIGHT_CLASSES = 2, F_CLEAN_CONDITIONALLY = 4 };

/* A node taken out of the tree, and where it was: the tree is put back after each
 * try, so that one parse serves every try. */
typedef struct html_unlinked {
    xmlNode *n, *parent, *prev, *next;
} html_unlinked;

/* One try: the measures of its elements (node->_private points into info), the
 * nodes it took out, its rules, and whether it ran out of memory. */
typedef struct html_try {
    html_info *info;
    size_t n, cap;
    html_unlinked *undo;
    size_t n_undo, cap_undo;
    int flags;
    int nomem;
} html_try;

/* The measures of an element, or NULL (not an element, or not measured). */
static inline html_info *INFO(const xmlNode *n) {
    return n && n->type == XML_ELEMENT_NODE && n->_private ? (html_info *)n->_private : NULL;
}

static inline float link_density(const html_info *in) {
    return in->text ? (float)in->link / (float)in->text : 0.0f;
}

/* 1 when an element child of n is a block. */
static inline int html_has_block_child(const xmlNode *n) {
    for (const xmlNode *k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && html_is_block(html_tag_of(k))) return 1;
    return 0;
}

/* Takes n out of the tree, noting where it was (out of memory: n stays, c->nomem). */
void html_drop(html_try *c, xmlNode *n);
/* Puts every dropped node back where it was, the last dropped first. */
void html_restore(html_try *c);

/* Gives every element under body (and body) its measures: 0, or -1 out of memory. */
int html_measure_tree(html_try *c, xmlNode *body);
/* Recomputes n's measures from its current children (they are up to date). */
void html_measure_one(xmlNode *n);
/* Adds a text node's visible characters and commas to in. */
void html_count_node(xmlNode *k, html_info *in);

/* The cleaning pass (html_clean.c): cleans n's children, bottom-up; returns 1
 * when n itself should go. */
int html_clean_node(html_try *c, xmlNode *n, int depth);

/* The block before first, within levels ancestors of it, named as the page's
 * standfirst ("intro", "lead", "teaser") and holding a short run of prose, or NULL
 * (html_lead.c). */
xmlNode *html_find_intro(xmlNode *first, int levels);

#endif
