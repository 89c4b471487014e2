/* html_tree.c: the tree one try at the main text works on (html_body.c), and the
 * measures of its elements. A try takes nodes out of the parsed page and puts them
 * back when it is done (html_drop, html_restore), so that one parse serves every
 * try; every element's measures (text, link text, commas, paragraphs...) are taken
 * once, bottom-up, and again for a node whose children changed. Kept apart from
 * the passes that use them (html_body.c, html_clean.c), which call in and are never
 * called back from here. */
#include <stdlib.h>
#include <string.h>

#include "extract/html_tree.h"
#include "util/array.h"

void html_drop(html_try *c, xmlNode *n) {
    if (util_grow(&c->undo, &c->cap_undo, c->n_undo + 1, sizeof *c->undo, 256) != 0) {
        c->nomem = 1; /* the node stays: the tree must come back whole */
        return;
    }
    c->undo[c->n_undo++] = (html_unlinked){n, n->parent, n->prev, n->next};
    xmlUnlinkNode(n);
}

/* Puts every dropped node back where it was, the last dropped first. */
void html_restore(html_try *c) {
    while (c->n_undo) {
        html_unlinked u = c->undo[--c->n_undo];
        u.n->parent = u.parent, u.n->prev = u.prev, u.n->next = u.next;
        if (u.prev)
            u.prev->next = u.n;
        else
            u.parent->children = u.n;
        if (u.next)
            u.next->prev = u.n;
        else
            u.parent->last = u.n;
    }
}

/* ------------------------------------------------------------ measures */

static void count_text(const char *s, uint32_t *text, uint32_t *commas) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= ' ' || (*p & 0xC0) == 0x80) continue;
        if (*p == 0xC2 && p[1] == 0xA0) {
            p++;
            continue;
        }
        (*text)++;
        if (*p == ',')
            (*commas)++;
        else if (*p == 0xEF && p[1] == 0xBC && p[2] == 0x8C)
            (*commas)++; /* U+FF0C */
        else if (*p == 0xE3 && p[1] == 0x80 && p[2] == 0x81)
            (*commas)++; /* U+3001 */
    }
}

/* Adds a text node's visible characters and commas to in. They are counted once
 * and kept in the node's _private (unused by libxml2 and, on text nodes, by the
 * rest of this file): measures are taken again after every change in the tree. */
void html_count_node(xmlNode *k, html_info *in) {
    uint32_t text = 0, commas = 0;
#if UINTPTR_MAX > 0xFFFFFFFFu
    uintptr_t v = (uintptr_t)k->_private;
    if (v & 1) {
        in->text += (uint32_t)(v >> 32), in->commas += (uint32_t)(v >> 1) & 0x7FFFFFFFu;
        return;
    }
    count_text((const char *)k->content, &text, &commas);
    if (text <= 0x7FFFFFFFu) k->_private = (void *)(((uintptr_t)text << 32) | ((uintptr_t)commas << 1) | 1u);
#else
    count_text((const char *)k->content, &text, &commas);
#endif
    in->text += text, in->commas += commas;
}

static html_info *info_new(html_try *c) {
    if (util_grow(&c->info, &c->cap, c->n + 1, sizeof *c->info, 1024) != 0) {
        c->nomem = 1;
        return NULL;
    }
    memset(&c->info[c->n], 0, sizeof c->info[0]);
    return &c->info[c->n++];
}

/* First pass allocates; node->_private holds index + 1 until the array stops moving. */
static void assign(html_try *c, xmlNode *n, int depth) {
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) continue;
        if (!info_new(c)) return;
        k->_private = (void *)(uintptr_t)c->n;
        if (depth < HTML_WALK_DEPTH) assign(c, k, depth + 1);
    }
}

static void fix_pointers(html_try *c, xmlNode *n, int depth) {
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) continue;
        uintptr_t i = (uintptr_t)k->_private;
        k->_private = i ? &c->info[i - 1] : NULL;
        if (depth < HTML_WALK_DEPTH) fix_pointers(c, k, depth + 1);
    }
}

/* Recomputes n's measures from its current children (they are up to date). */
void html_measure_one(xmlNode *n) {
    html_info *in = INFO(n);
    if (!in) return;
    float score = in->score;
    uint8_t scored = in->scored;
    int8_t weight = in->weight;
    memset(in, 0, sizeof *in);
    in->score = score, in->scored = scored, in->weight = weight;
    int t = html_tag_of(n);
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            if (k->content) html_count_node(k, in);
            continue;
        }
        html_info *ki = INFO(k);
        if (!ki) continue;
        in->text += ki->text, in->link += ki->link, in->commas += ki->commas;
        in->n_p += ki->n_p, in->n_img += ki->n_img, in->n_li += ki->n_li;
        in->n_input += ki->n_input, in->n_embed += ki->n_embed, in->n_head += ki->n_head;
        in->li_text += ki->li_text;
    }
    switch (t) {
        case T_A: in->link = in->text; break;
        case T_P: in->n_p++; break;
        case T_IMG: in->n_img++; break;
        case T_LI:
            in->n_li++;
            in->li_text = in->text;
            break;
        case T_INPUT: in->n_input++; break;
        case T_H2:
        case T_H3:
        case T_H4:
        case T_H5:
        case T_H6: in->n_head += in->text; break;
        default: break;
    }
}

static void measure(xmlNode *n, int depth) {
    for (xmlNode *k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && depth < HTML_WALK_DEPTH) measure(k, depth + 1);
    html_measure_one(n);
}

int html_measure_tree(html_try *c, xmlNode *body) {
    assign(c, body, 0);
    if (!info_new(c)) return -1; /* the body's own slot */
    fix_pointers(c, body, 0);
    body->_private = &c->info[c->n - 1];
    memset(body->_private, 0, sizeof(html_info));
    measure(body, 0);
    return 0;
}
