/* html_body.c: finds the main text of an HTML page.
 *
 * The method is readability's, which has held up across a decade of news sites,
 * with trafilatura-style cleanup on top:
 *  1. prune: drop what is never text (scripts, forms controls, navigation, asides,
 *     footers, hidden nodes, captions) and blocks whose class/id says they are
 *     boilerplate (comments, share bars, related links, cookie notices), but not
 *     the <header> of an <article> or <main>, which holds its lead;
 *  2. measure every element once, bottom-up (text, link text, commas, paragraphs:
 *     html_tree.c, which also keeps what a try took out of the tree);
 *  3. score paragraph-like blocks and give their score to their ancestors; the best
 *     ancestor (scaled by 1 - link density) is the article, widened to its parent when
 *     several good candidates sit there, plus qualifying siblings; an article cut
 *     into blocks of one template (same tag, same first class word) gets the blocks
 *     beside its own that hold prose;
 *  4. clean the chosen subtree again, bottom-up with live measures: link-dense lists,
 *     blocks with more images or inputs than paragraphs, negative class/id weights;
 *     the heading of a dropped list of links goes with it (html_clean.c);
 *  5. serialise (html_text.c) and trim the tail of short furniture lines;
 *  6. put first the page's lead when it sits outside the chosen nodes: a block named
 *     as the intro just above them, or the block whose text is the page's
 *     description (html_lead.c).
 * When that leaves almost nothing, it runs again with the class/id rules off, then
 * falls back to the whole body, so a page never loses its text to a bad guess; the
 * page is parsed once, as every try puts back the nodes it took out of the tree.
 * A block named like furniture that holds a long run of prose is not pruned (broken
 * markup can nest the article in a menu pane), and a paragraph's comma count is
 * capped so that a list of names cannot outscore the prose beside it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>

#include "extract/html_tree.h"

/* ------------------------------------------------------------ 1. prune */

static const char *const UNLIKELY[] = {
    "-ad-",         "ai2html",    "banner",  "breadcrumb", "combx",    "comment",    "community",  "cover-wrap",
    "disqus",       "extra",      "footer",  "gdpr",       "header",   "legends",    "menu",       "related",
    "remark",       "replies",    "rss",     "shoutbox",   "sidebar",  "skyscraper", "social",     "sponsor",
    "supplemental", "ad-break",   "agegate", "pagination", "pager",    "popup",      "yom-remote", "share",
    "newsletter",   "cookie",     "consent", "subscribe",  "outbrain", "taboola",    "recommend",  "paywall",
    "kommentar",    "comentario", NULL};
static const char *const MAYBE[] = {"article", "body",  "column", "content", "main",
                                    "shadow",  "story", "entry",  "post-",   NULL};

static html_words UNLIKELY_W = HTML_WORDS(UNLIKELY), MAYBE_W = HTML_WORDS(MAYBE);

/* Does v, lower-cased, hold any of the words? (this runs on every class and id) */
static int lower_has_any(const char *v, html_words *words) {
    char s[512];
    size_t o = html_lower(v, s, sizeof s);
    return html_words_in(words, s, o);
}

static int is_hidden(const xmlNode *n) {
    if (html_attr(n, "hidden")) return 1;
    const char *v = html_attr(n, "aria-hidden");
    if (v && strcmp(v, "true") == 0) return 1;
    v = html_attr(n, "style");
    if (v) {
        char s[256];
        size_t o = 0;
        for (; *v && o + 1 < sizeof s; v++)
            if (*v != ' ') s[o++] = (char)(*v >= 'A' && *v <= 'Z' ? *v + 32 : *v);
        s[o] = 0;
        if (strstr(s, "display:none") || strstr(s, "visibility:hidden")) return 1;
    }
    return 0;
}

static int unlikely(const xmlNode *n, int tag) {
    if (tag == T_BODY || tag == T_A || tag == T_ARTICLE || tag == T_MAIN || tag == T_HTML) return 0;
    const char *role = html_attr(n, "role");
    if (role && (!strcmp(role, "menu") || !strcmp(role, "menubar") || !strcmp(role, "complementary") ||
                 !strcmp(role, "navigation") || !strcmp(role, "alert") || !strcmp(role, "alertdialog") ||
                 !strcmp(role, "dialog")))
        return 1;
    const char *v[2] = {html_attr(n, "class"), html_attr(n, "id")};
    int bad = 0, ok = 0;
    for (int k = 0; k < 2; k++) {
        if (!v[k] || !*v[k]) continue;
        char s[512];
        size_t o = html_lower(v[k], s, sizeof s);
        bad |= html_words_in(&UNLIKELY_W, s, o);
        ok |= html_words_in(&MAYBE_W, s, o);
    }
    return bad && !ok;
}

static size_t html_text_len(const xmlNode *n, int depth) {
    size_t l = 0;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE && k->content)
            l += strlen((const char *)k->content);
        else if (k->type == XML_ELEMENT_NODE && depth < HTML_WALK_DEPTH)
            l += html_text_len(k, depth + 1);
    }
    return l;
}

/* Visible text and text inside links under n (non-space bytes). */
static void text_link(const xmlNode *n, int in_link, size_t *text, size_t *link, int depth) {
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE && k->content) {
            size_t l = 0;
            for (const unsigned char *p = k->content; *p; p++) l += *p > ' ';
            *text += l;
            if (in_link) *link += l;
        } else if (k->type == XML_ELEMENT_NODE && depth < HTML_WALK_DEPTH) {
            int t = html_tag_of(k);
            if (t == T_SCRIPT || t == T_STYLE) continue;
            text_link(k, in_link || t == T_A, text, link, depth + 1);
        }
    }
}

/* A block named like furniture that holds a long run of prose (broken markup nests
 * the article in a menu pane) is not pruned; comment threads always are. */
static int prose_inside(const xmlNode *n) {
    const char *v[2] = {html_attr(n, "class"), html_attr(n, "id")};
    static const char *const THREAD[] = {"comment", "disqus", "repl", "remark", "shoutbox", NULL};
    static html_words THREAD_W = HTML_WORDS(THREAD);
    for (int k = 0; k < 2; k++)
        if (v[k] && lower_has_any(v[k], &THREAD_W)) return 0;
    size_t text = 0, link = 0;
    text_link(n, 0, &text, &link, 0);
    return text >= 1500 && link * 5 < text;
}

/* A <header> inside an <article> or <main> is the article's own (headline, lead,
 * byline), not the page's banner: its class ("intro-header") does not prune it. */
static int article_header(const xmlNode *n, int tag) {
    if (tag != T_HEADER) return 0;
    for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
        int t = html_tag_of(p);
        if (t == T_ARTICLE || t == T_MAIN) return 1;
        if (t == T_BODY) return 0;
    }
    return 0;
}

static void prune(html_try *c, xmlNode *n, int depth, int in_table) {
    xmlNode *next;
    for (xmlNode *k = n->children; k; k = next) {
        next = k->next;
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) continue;
        if (k->type != XML_ELEMENT_NODE || depth > HTML_WALK_DEPTH) {
            html_drop(c, k);
            continue;
        }
        int t = html_tag_of(k);
        switch (t) {
            case T_NOSCRIPT:
                /* a stray open tag inside <noscript> can swallow the page: keep it then */
                if (k->children && k->children->type == XML_ELEMENT_NODE && html_text_len(k, 0) > 1000) break;
                html_drop(c, k);
                continue;
            case T_SCRIPT:
            case T_STYLE:
            case T_TEMPLATE:
            case T_IFRAME:
            case T_SVG:
            case T_MATH:
            case T_CANVAS:
            case T_OBJECT:
            case T_EMBED:
            case T_VIDEO:
            case T_AUDIO:
            case T_BUTTON:
            case T_SELECT:
            case T_TEXTAREA:
            case T_NAV:
            case T_ASIDE:
            case T_FOOTER:
            case T_DIALOG:
            case T_HEAD:
            case T_TITLE:
            case T_META:
            case T_LINK:
            case T_BASE:
            case T_MAP:
            case T_AREA:
            case T_SOURCE:
            case T_TRACK:
            case T_OPTION:
            case T_OUTPUT:
            case T_PARAM:
            case T_FIGCAPTION:
            case T_H1:
            case T_MENU:
            case T_LABEL:
            case T_TIME: html_drop(c, k); continue;
            default: break;
        }
        if (is_hidden(k) || ((c->flags & F_STRIP_UNLIKELY) && !in_table && unlikely(k, t) && !prose_inside(k) &&
                             !article_header(k, t))) {
            html_drop(c, k);
            continue;
        }
        prune(c, k, depth + 1, in_table || t == T_TABLE || t == T_CODE || t == T_PRE);
    }
}

/* ------------------------------------------------------------ 3. score */

static void init_score(html_try *c, xmlNode *n) {
    html_info *in = INFO(n);
    if (!in || in->scored) return;
    in->scored = 1;
    float s = 0;
    switch (html_tag_of(n)) {
        case T_DIV: s = 5; break;
        case T_PRE:
        case T_TD:
        case T_BLOCKQUOTE: s = 3; break;
        case T_ADDRESS:
        case T_OL:
        case T_UL:
        case T_DL:
        case T_DD:
        case T_DT:
        case T_LI:
        case T_FORM: s = -3; break;
        case T_H1:
        case T_H2:
        case T_H3:
        case T_H4:
        case T_H5:
        case T_H6:
        case T_TH: s = -5; break;
        default: break;
    }
    /* a class name alone does not make an article: its weight grows with the text */
    if (c->flags & F_WEIGHT_CLASSES) s += (float)html_class_weight(n);
    in->score = s;
}

static void give_score(html_try *c, xmlNode *parent, float score) {
    xmlNode *a = parent;
    for (int level = 0; a && a->type == XML_ELEMENT_NODE && level < 5; level++, a = a->parent) {
        if (html_tag_of(a) == T_HTML) break;
        init_score(c, a);
        html_info *in = INFO(a);
        if (!in) break;
        float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
        in->score += score / div;
    }
}

static void score_tree(html_try *c, xmlNode *n, int depth) {
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || depth > HTML_WALK_DEPTH) continue;
        int t = html_tag_of(k);
        html_info *in = INFO(k);
        int para = t == T_P || t == T_PRE || t == T_TD || t == T_H2 || t == T_H3 || t == T_H4 || t == T_H5 ||
                   t == T_H6 || t == T_SECTION;
        int leaf_div = (t == T_DIV || t == T_ARTICLE || t == T_SECTION || t == T_SPAN || t == T_FONT || t == T_CENTER ||
                        t == T_BLOCKQUOTE || t == T_DD) &&
                       !html_has_block_child(k);
        if ((para || leaf_div) && in && in->text >= 25 && (t != T_SECTION || !html_has_block_child(k))) {
            float s = 1.0f + fminf((float)in->commas, 20.0f) + fminf(floorf((float)in->text / 100.0f), 3.0f);
            give_score(c, k->parent, s);
            if (t == T_P || t == T_PRE || leaf_div) continue; /* nothing scorable inside */
        } else if (in && html_has_block_child(k) && (t == T_DIV || t == T_ARTICLE || t == T_SECTION || t == T_TD)) {
            /* inline text sitting directly in a block container: a paragraph of its own */
            html_info own;
            memset(&own, 0, sizeof own);
            for (xmlNode *q = k->children; q; q = q->next) {
                if (q->type == XML_TEXT_NODE && q->content)
                    html_count_node(q, &own);
                else if (q->type == XML_ELEMENT_NODE && !html_is_block(html_tag_of(q)) && INFO(q)) {
                    own.text += INFO(q)->text;
                    own.commas += INFO(q)->commas;
                }
            }
            if (own.text >= 25) {
                float s = 1.0f + fminf((float)own.commas, 20.0f) + fminf(floorf((float)own.text / 100.0f), 3.0f);
                give_score(c, k, s);
            }
        }
        score_tree(c, k, depth + 1);
    }
}

typedef struct cand {
    xmlNode *n;
    float score;
} cand;

static void collect(xmlNode *n, cand *top, int ntop, int depth) {
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || depth > HTML_WALK_DEPTH) continue;
        html_info *in = INFO(k);
        if (in && in->scored) {
            float s = in->score * (1.0f - link_density(in));
            in->score = s;
            for (int i = 0; i < ntop; i++) {
                if (!top[i].n || s > top[i].score) {
                    memmove(top + i + 1, top + i, (size_t)(ntop - i - 1) * sizeof *top);
                    top[i].n = k, top[i].score = s;
                    break;
                }
            }
        }
        collect(k, top, ntop, depth + 1);
    }
}

static int contains(const xmlNode *anc, const xmlNode *n) {
    for (; n; n = n->parent)
        if (n == anc) return 1;
    return 0;
}

static int blank(const char *s) {
    size_t len = strlen(s), i = 0, sp;
    while (i < len && (sp = extract_space_len(s + i, len - i))) i += sp;
    return i == len;
}

static xmlNode *pick_top(xmlNode *body, cand *top, int ntop) {
    if (!top[0].n) return NULL;
    /* a candidate with little text that only won on its class name gives way to a
     * close one that holds much more text */
    for (int i = 1; i < ntop; i++) {
        if (!top[i].n || top[i].score < top[0].score * 0.5f) continue;
        html_info *a = INFO(top[0].n), *b = INFO(top[i].n);
        if (a && b && a->text < 300 && (float)(b->text - b->link) > 3.0f * (float)(a->text - a->link) &&
            !contains(top[0].n, top[i].n)) {
            cand t = top[0];
            top[0] = top[i];
            top[i] = t;
        }
    }
    xmlNode *best = top[0].n;
    /* several good candidates under one ancestor: the ancestor is the article */
    int alt = 0;
    for (int i = 1; i < ntop; i++)
        if (top[i].n && top[i].score >= top[0].score * 0.75f) alt++;
    if (alt >= 3) {
        for (xmlNode *p = best->parent; p && p != body && p->type == XML_ELEMENT_NODE; p = p->parent) {
            int inside = 0;
            for (int i = 1; i < ntop; i++)
                if (top[i].n && top[i].score >= top[0].score * 0.75f && contains(p, top[i].n)) inside++;
            if (inside >= 3) {
                best = p;
                break;
            }
        }
    }
    /* climb while the parent scores better */
    html_info *bi = INFO(best);
    float last = bi ? bi->score : 0;
    float threshold = last / 3.0f;
    for (xmlNode *p = best->parent; p && p != body && p->type == XML_ELEMENT_NODE; p = p->parent) {
        html_info *pi = INFO(p);
        if (!pi || !pi->scored) continue;
        if (pi->score < threshold) break;
        if (pi->score > last) {
            best = p;
            break;
        }
        last = pi->score;
    }
    /* an only child stands for its parent */
    while (best->parent && best->parent != body && best->parent->type == XML_ELEMENT_NODE) {
        int elems = 0;
        for (xmlNode *k = best->parent->children; k; k = k->next)
            if (k->type == XML_ELEMENT_NODE)
                elems++;
            else if (k->type == XML_TEXT_NODE && k->content && !blank((const char *)k->content))
                elems++;
        if (elems != 1) break;
        best = best->parent;
    }
    return best;
}

static int ends_sentence(const xmlNode *n) {
    char *s = html_text_of(n);
    if (!s) return 0;
    size_t l = strlen(s);
    int ok = l && (s[l - 1] == '.' || strstr(s, ". "));
    free(s);
    return ok;
}

/* The article: the top candidate plus the siblings that look like more of it. */
static size_t select_nodes(html_try *c, xmlNode *top, xmlNode **sel, size_t max) {
    html_info *ti = INFO(top);
    float tscore = ti ? ti->score : 0;
    float threshold = fmaxf(10.0f, tscore * 0.2f);
    const char *tclass = html_attr(top, "class");
    size_t n = 0;
    if (!top->parent || top->parent->type != XML_ELEMENT_NODE) {
        sel[n++] = top;
        return n;
    }
    for (xmlNode *s = top->parent->children; s && n < max; s = s->next) {
        if (s->type != XML_ELEMENT_NODE) continue;
        if (s == top) {
            sel[n++] = s;
            continue;
        }
        html_info *si = INFO(s);
        if (!si) continue;
        float bonus = 0;
        const char *sc = html_attr(s, "class");
        if (tclass && sc && *sc && strcmp(tclass, sc) == 0) bonus = tscore * 0.2f;
        int append = si->scored && si->score + bonus >= threshold;
        int st = html_tag_of(s);
        if (!append &&
            (st == T_P || ((st == T_DIV || st == T_SECTION || st == T_BLOCKQUOTE) && !html_has_block_child(s)))) {
            float ld = link_density(si);
            if (si->text > 80 && ld < 0.25f)
                append = 1;
            else if (si->text < 80 && si->text > 0 && ld == 0 && ends_sentence(s))
                append = 1;
        }
        if (append) sel[n++] = s;
    }
    return n;
}

/* The first word of n's class, into w (empty when n has no class). */
static size_t first_class(const xmlNode *n, char *w, size_t cap) {
    const char *v = html_attr(n, "class");
    size_t l = 0;
    if (v) {
        while (*v == ' ' || *v == '\t' || *v == '\n') v++;
        while (v[l] && v[l] != ' ' && v[l] != '\t' && v[l] != '\n' && l + 1 < cap) w[l] = v[l], l++;
    }
    w[l] = 0;
    return l;
}

/* Two blocks of one template: the same tag and the same first class word. */
static int twins(const xmlNode *a, const xmlNode *b) {
    char wa[64], wb[64];
    if (html_tag_of(a) != html_tag_of(b) || !html_is_block(html_tag_of(a))) return 0;
    return first_class(a, wa, sizeof wa) && first_class(b, wb, sizeof wb) && !strcmp(wa, wb);
}

static int has_twin(const xmlNode *n) {
    for (const xmlNode *s = n->parent->children; s; s = s->next)
        if (s != n && s->type == XML_ELEMENT_NODE && twins(s, n)) return 1;
    return 0;
}

static int prose_block(const xmlNode *n) {
    html_info *in = INFO(n);
    return in && in->text >= 100 && link_density(in) < 0.25f;
}

/* The article cut into blocks of one template (the sections of a page builder, the
 * entries of a list): the chosen nodes sit in one block, or are such blocks, within
 * four levels of the top candidate; its twins beside it that hold prose join them,
 * in the order of the page. */
static size_t add_twins(xmlNode *body, xmlNode *top, xmlNode **sel, size_t n, size_t max) {
    xmlNode *unit = top;
    for (int up = 0; unit && unit != body && unit->parent && unit->parent->type == XML_ELEMENT_NODE; up++) {
        if (has_twin(unit)) break;
        if (up == 4 || unit->parent == body) return n;
        unit = unit->parent;
    }
    if (!unit || unit == body || !unit->parent || unit->parent->type != XML_ELEMENT_NODE) return n;
    xmlNode *out[256];
    size_t m = 0;
    for (xmlNode *s = unit->parent->children; s && m < max; s = s->next) {
        if (s->type != XML_ELEMENT_NODE) continue;
        if (s == unit && unit != top) {
            for (size_t i = 0; i < n && m < max; i++) out[m++] = sel[i];
            continue;
        }
        int chosen = 0;
        for (size_t i = 0; i < n && !chosen; i++) chosen = sel[i] == s;
        if (chosen || (s != unit && twins(s, unit) && prose_block(s))) out[m++] = s;
    }
    memcpy(sel, out, m * sizeof *sel);
    return m;
}

/* ------------------------------------------------------------ driver */

static xmlNode *find_body(xmlDoc *doc) {
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root) return NULL;
    for (xmlNode *k = root->children; k; k = k->next)
        if (html_tag_of(k) == T_BODY) return k;
    return root;
}

/* The page as libxml2 is given it: NUL bytes (which end libxml2's parse; a browser
 * ignores them) turned into spaces, and what the extraction never reads cut out
 * (html_prescan.c). malloc'd; *out_len gets its length. */
static char *prepare(const char *html, size_t len, size_t *out_len) {
    if (!html) html = "", len = 0;
    if (len > INT32_MAX) len = INT32_MAX;
    char *copy = malloc(len ? len : 1);
    if (!copy) return NULL;
    if (memchr(html, 0, len)) {
        for (size_t i = 0; i < len; i++) copy[i] = html[i] ? html[i] : ' ';
        *out_len = html_prescan(copy, len, copy);
    } else {
        *out_len = html_prescan(html, len, copy);
    }
    return copy;
}

/* htmlReadMemory(page, len, NULL, "UTF-8", opts), step by step, so as to tell the
 * parser not to keep a table of the id attributes (XML_SKIP_IDS): nothing looks
 * ids up, and the table cost 2% of the parse. */
static htmlDocPtr parse(const char *page, size_t len) {
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT |
               XML_PARSE_HUGE;
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(page, (int)len);
    if (!ctxt) return NULL;
    htmlCtxtUseOptions(ctxt, opts);
    ctxt->loadsubset |= XML_SKIP_IDS;
    xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
    if (utf8 && ctxt->input) {
        xmlSwitchToEncoding(ctxt, utf8);
        if (ctxt->input->encoding) xmlFree((xmlChar *)ctxt->input->encoding);
        ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8"); /* a <meta charset> cannot override it */
    }
    htmlParseDocument(ctxt);
    htmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (ctxt->dictNames && doc && doc->dict == ctxt->dict) ctxt->dict = NULL; /* the document keeps it */
    htmlFreeParserCtxt(ctxt);
    return doc;
}

/* One try at the main text with the given rules. The tree is pruned and cleaned as
 * it goes, then put back as it was for the next try. */
static recoupe_status attempt(htmlDocPtr doc, int flags, buf *out) {
    html_try c = {.flags = flags};
    xmlNode *body = doc ? find_body(doc) : NULL;
    if (body) {
        prune(&c, body, 0, 0);
        if (html_measure_tree(&c, body) == 0) {
            score_tree(&c, body, 0);
            cand top[5];
            memset(top, 0, sizeof top);
            collect(body, top, 5, 0);
            xmlNode *best = pick_top(body, top, 5);
            xmlNode *sel[256];
            size_t nsel = 0;
            if (best)
                nsel = add_twins(body, best, sel, select_nodes(&c, best, sel, 256), 256);
            else
                sel[nsel++] = body;
            int pending = 0;
            /* a standfirst named as such, set apart above the chosen nodes, goes first */
            xmlNode *intro = best ? html_find_intro(sel[0], 4) : NULL;
            if (intro && !html_clean_node(&c, intro, 0)) html_serialise(intro, out, &pending);
            for (size_t i = 0; i < nsel; i++) {
                if (html_clean_node(&c, sel[i], 0)) continue;
                html_serialise(sel[i], out, &pending);
            }
            html_serialise_end(out);
            html_drop_credits(out);
            html_trim_tail(out);
        }
    }
    html_restore(&c);
    free(c.undo);
    free(c.info);
    return c.nomem ? RECOUPE_ERR_NOMEM : RECOUPE_OK;
}

static recoupe_status extract_passes(const char *html, size_t len, extract_found *f) {
    static const int PASSES[] = {F_STRIP_UNLIKELY | F_WEIGHT_CLASSES | F_CLEAN_CONDITIONALLY,
                                 F_WEIGHT_CLASSES | F_CLEAN_CONDITIONALLY, F_CLEAN_CONDITIONALLY, 0};
    size_t plen = 0;
    char *page = prepare(html, len, &plen);
    if (!page) return RECOUPE_ERR_NOMEM;
    htmlDocPtr doc = parse(page, plen);
    free(page); /* libxml2 keeps its own copy */
    if (!doc) {
        extract_found_warn(f, "HTML could not be parsed");
        return RECOUPE_OK;
    }
    if (html_flatten(doc, HTML_MAX_DEPTH))
        extract_found_warn(f, "page nested deeper than 2000 elements: the deeper part is read flat");
    recoupe_status st = html_metadata(doc, f, time(NULL));
    if (st) {
        html_free_doc(doc);
        return st;
    }
    char *lead = html_find_lead(find_body(doc), f->description);
    buf best;
    buf_init(&best, len + 1024);
    for (size_t p = 0; p < sizeof PASSES / sizeof PASSES[0]; p++) {
        buf b;
        buf_init(&b, len + 1024);
        st = attempt(doc, PASSES[p], &b);
        if (st) {
            buf_free(&b);
            buf_free(&best);
            free(lead);
            html_free_doc(doc);
            return st;
        }
        if (b.len > best.len) {
            buf_free(&best);
            best = b;
        } else {
            buf_free(&b);
        }
        if (extract_utf8_count(buf_str(&best), best.len) >= 500) break;
    }
    if (lead && best.len) {
        /* the lead set apart above the body: first, unless the text holds it */
        size_t key = strlen(lead) < 60 ? strlen(lead) : 60;
        while (key < strlen(lead) && (lead[key] & 0xC0) == 0x80) key++;
        if (!memmem(best.p, best.len, lead, key)) {
            buf b;
            buf_init(&b, len + 1024 + strlen(lead));
            buf_puts(&b, lead);
            buf_append(&b, "\n\n", 2);
            buf_append(&b, best.p, best.len);
            buf_free(&best);
            best = b;
        }
    }
    free(lead);
    html_free_doc(doc);
    if (best.len) {
        f->text = buf_detach(&best);
        if (!f->text) return RECOUPE_ERR_NOMEM;
    }
    buf_free(&best);
    if (!f->text)
        extract_found_warn(f, "no main text found");
    else if (extract_utf8_count(f->text, strlen(f->text)) < 250)
        extract_found_warn(f, "main text is short");
    return RECOUPE_OK;
}

recoupe_status extract_html(const char *html, size_t len, extract_found *f) {
    html_arena_open();
    recoupe_status st = extract_passes(html, len, f);
    html_arena_close();
    return st;
}
