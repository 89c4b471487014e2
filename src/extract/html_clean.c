/* html_clean.c: step 4 of the main text (html_body.c), the cleaning pass: the
 * chosen subtree walked again bottom-up with live measures, dropping link-dense
 * lists (with their heading), blocks with more images or inputs than paragraphs,
 * furniture named by its class/id (bylines, captions, share bars...) and blocks
 * with negative class/id weights. In a file of its own as it is a pass of its own:
 * it reads the tree and the measures of html_tree.c and nothing of html_body.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/html_tree.h"

/* A heading of a list of links: a heading element, or a short line without a full
 * stop and without links ("Read also", "Mehr zum Thema", "Temas relacionados"). */
static int link_list_heading(const xmlNode *n) {
    html_info *in = INFO(n);
    if (!in || !in->text || in->text > 80 || in->link || in->n_img) return 0;
    int t = html_tag_of(n);
    if (!(t >= T_H2 && t <= T_H6) && t != T_P && t != T_DIV && t != T_SPAN && t != T_STRONG && t != T_B && t != T_DT)
        return 0;
    if (html_has_block_child(n)) return 0;
    char *s = html_text_of(n);
    if (!s) return 0;
    /* a question or a line ending in a colon announces what follows: the list is the text */
    size_t l = strlen(s);
    int stop = l && strchr(".,;:?", s[l - 1]);
    free(s);
    return !stop;
}

static void clean_children(html_try *c, xmlNode *n, int depth) {
    xmlNode *next, *prev = NULL;
    for (xmlNode *k = n->children; k; k = next) {
        next = k->next;
        if (k->type != XML_ELEMENT_NODE) continue;
        if (depth < HTML_WALK_DEPTH && html_clean_node(c, k, depth + 1)) {
            html_info *ki = INFO(k);
            int links = ki && ki->text && link_density(ki) > 0.5f;
            html_drop(c, k);
            /* the heading of a dropped list of links goes with it */
            if (links && prev && link_list_heading(prev)) {
                html_drop(c, prev);
                prev = NULL;
            }
            continue;
        }
        prev = k;
    }
    html_measure_one(n);
}

/* Words of class/id that mark a block as furniture around the text: bylines, dates,
 * captions and credits, ads, share bars, tags, related links, tables of contents
 * ("toc": their links point into the page). Matched on whole
 * words of the class/id (split at spaces, '-' and '_'), not substrings, so that
 * "shadow" or "loaded" never match "ad". */
static const char *const FURNITURE[] = {
    "ad",          "ads",       "adv",     "advert",     "advertisement", "adsbygoogle", "dfp",      "gpt",
    "caption",     "credit",    "credits", "byline",     "author",        "authors",     "dateline", "timestamp",
    "date",        "published", "updated", "share",      "sharing",       "social",      "related",  "trending",
    "newsletter",  "subscribe", "promo",   "comment",    "comments",      "tags",        "tag",      "breadcrumb",
    "breadcrumbs", "hidden",    "sr",      "visually",   "tooltip",       "print",       "meta",     "toolbar",
    "popular",     "recirc",    "signup",  "disclaimer", "copyright",     "categories",  "category", "follow",
    "readmore",    "more",      "cta",     "sponsored",  "toc",           NULL};

static int furniture(const xmlNode *n) {
    return html_named(n, FURNITURE);
}

/* Returns 1 when n should go. Children first, with live measures. */
int html_clean_node(html_try *c, xmlNode *n, int depth) {
    clean_children(c, n, depth);
    html_info *in = INFO(n);
    if (!in) return 0;
    int t = html_tag_of(n);
    if (t == T_IMG || t == T_BR || t == T_HR) return 0;
    if (in->text == 0 && in->n_img == 0 && t != T_TD && t != T_TH) return 1;
    int weight = (c->flags & F_WEIGHT_CLASSES) ? html_class_weight(n) : 0;
    if (t == T_HEADER && in->n_p == 0) return 1;
    if ((c->flags & F_WEIGHT_CLASSES) && t != T_BODY && t != T_ARTICLE && t != T_MAIN && furniture(n) &&
        (in->text < 300 || link_density(in) > 0.3f))
        return 1;
    if ((t == T_H2 || t == T_H3) && weight < 0) return 1;
    if (!(c->flags & F_CLEAN_CONDITIONALLY)) return 0;
    if (!(t == T_DIV || t == T_SECTION || t == T_TABLE || t == T_UL || t == T_OL || t == T_FORM || t == T_FIELDSET ||
          t == T_FIGURE || t == T_HEADER || t == T_DL || t == T_P))
        return 0;
    float ld = link_density(in);
    if (t == T_P) return in->text < 120 && ld > 0.6f;
    if (weight < 0 && in->score < 0.0001f) return 1;
    if (in->commas >= 10) return 0;
    int is_list = t == T_UL || t == T_OL || (in->text && (float)in->li_text / (float)in->text > 0.9f);
    float p = (float)in->n_p, img = (float)in->n_img, li = (float)in->n_li - 100.0f;
    float head_density = in->text ? (float)in->n_head / (float)in->text : 0;
    if (img > 1 && p / img < 0.5f && t != T_FIGURE) return 1;
    if (!is_list && li > p) return 1;
    if ((float)in->n_input > floorf(p / 3)) return 1;
    if (!is_list && head_density < 0.9f && in->text < 25 && (img == 0 || img > 2) && ld > 0) return 1;
    if (!is_list && weight < 25 && ld > 0.2f) return 1;
    if (weight >= 25 && ld > 0.5f) return 1;
    if (is_list && ld > 0.5f) return 1;
    return 0;
}
