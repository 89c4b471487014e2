/* html_flat.c: bounds the depth of a parsed page without losing any of its text.
 *
 * Old pages leave tags open (`<p><font size=2>` four hundred times), and such a
 * page parses into a tree hundreds or thousands of levels deep. The walks of the
 * HTML path recurse, so they stop at a fixed depth; rather than make every one of
 * them iterative, the tree is flattened once, right after the parse: under an
 * element at the floor depth, inline elements are unwrapped (their text stays) and
 * block elements become its next siblings, the text after them going to shallow
 * copies of it (same tag and attributes, so a paragraph stays a paragraph). The
 * document order of the text is kept, every node is moved at most once, and the
 * walk itself uses the parent and sibling pointers, no stack: time and memory are
 * linear in the page. */
#include <string.h>

#include "extract/html.h"

/* Links n into the list of parent p right after `after` (NULL: first). libxml2's
 * own helpers are not used: they merge adjacent text nodes and free one of them. */
static void link_after(xmlNode *p, xmlNode *after, xmlNode *n) {
    n->parent = p;
    n->prev = after;
    n->next = after ? after->next : p->children;
    if (n->next)
        n->next->prev = n;
    else
        p->last = n;
    if (after)
        after->next = n;
    else
        p->children = n;
}

static void unlink_node(xmlNode *n) {
    if (n->prev)
        n->prev->next = n->next;
    else if (n->parent)
        n->parent->children = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else if (n->parent)
        n->parent->last = n->prev;
    n->parent = n->prev = n->next = NULL;
}

static int has_element_child(const xmlNode *n) {
    if (!n->children) return 0;
    for (const xmlNode *k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE) return 1;
    return 0;
}

/* Puts the children of c in its place in its parent's list; returns the first of
 * them (or what followed c when it had none). */
static xmlNode *unwrap(xmlNode *c) {
    xmlNode *p = c->parent, *before = c->prev, *after = c->next, *first = c->children;
    unlink_node(c);
    xmlNode *at = before;
    for (xmlNode *k = first, *next; k; k = next) {
        next = k->next;
        link_after(p, at, k);
        at = k;
    }
    c->children = c->last = NULL;
    return first ? first : after;
}

/* Leaves e (an element at the floor) without element children: an inline child is
 * unwrapped (its children take its place), a block child becomes a sibling after e,
 * and the nodes that followed it go to a shallow copy of e (same tag, same
 * attributes) after it, so that a paragraph's text stays in a paragraph. Returns -1
 * when a copy cannot be made (the rest stays under e, in order), else 0. */
static int split(xmlNode *e) {
    xmlNode *p = e->parent, *after = e, *holder = e;
    for (xmlNode *k = e->children, *next; k; k = next) {
        next = k->next;
        if (k->type == XML_ELEMENT_NODE && !html_is_block(html_tag_of(k))) {
            next = unwrap(k);
            continue;
        }
        if (k->type == XML_ELEMENT_NODE) {
            unlink_node(k);
            link_after(p, after, k);
            after = k;
            holder = NULL;
            continue;
        }
        if (holder == e) continue; /* e keeps its leading text */
        if (!holder) {
            holder = xmlDocCopyNode(e, e->doc, 2); /* the tag and its attributes */
            if (!holder) return -1;
            holder->children = holder->last = NULL;
            link_after(p, after, holder);
            after = holder;
        }
        unlink_node(k);
        link_after(holder, holder->last, k);
    }
    return 0;
}

int html_flatten(xmlNode *root, int floor) {
    if (!root) return 0;
    int depth = 0, failed = 0;
    xmlNode *n = root;
    for (;;) {
        if (n->type == XML_ELEMENT_NODE && depth >= floor && has_element_child(n) && split(n)) failed = 1;
        if (n->children && (n->type == XML_ELEMENT_NODE || n == root) && depth < floor) {
            n = n->children;
            depth++;
            continue;
        }
        while (n != root && !n->next) {
            n = n->parent;
            depth--;
        }
        if (n == root) break;
        n = n->next;
    }
    return failed ? -1 : 0;
}
