/* html_meta.c: the metadata of an HTML page, from the most to the least trusted
 * source: JSON-LD (schema.org Article types), OpenGraph / article:* / Dublin Core /
 * named <meta>, <time datetime> and itemprop=datePublished, <link rel=canonical>,
 * <html lang>, and last the <title> with the site-name part cut off (readability's
 * rules, which the metadata evaluation follows) or the page's only <h1>.
 * One walk over the document collects every source; the choice is made after. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "extract/html.h"

enum meta_key {
    K_DC_TITLE,
    K_DCTERM_TITLE,
    K_OG_TITLE,
    K_WEIBO_A_TITLE,
    K_WEIBO_W_TITLE,
    K_TITLE,
    K_TW_TITLE,
    K_PARSELY_TITLE,
    K_DC_CREATOR,
    K_DCTERM_CREATOR,
    K_AUTHOR,
    K_PARSELY_AUTHOR,
    K_ARTICLE_AUTHOR,
    K_DC_DESC,
    K_DCTERM_DESC,
    K_OG_DESC,
    K_WEIBO_A_DESC,
    K_WEIBO_W_DESC,
    K_DESC,
    K_TW_DESC,
    K_OG_SITE,
    K_APP_NAME,
    K_PUBLISHED,
    K_PARSELY_DATE,
    K_OG_PUBLISHED,
    K_DATEPUBLISHED,
    K_DATE,
    K_PUBDATE,
    K_PUBLISHDATE,
    K_PUBLISH_DATE,
    K_PUBLISH_DATE2,
    K_DC_DATE,
    K_DC_ISSUED,
    K_DCTERMS_CREATED,
    K_DCTERMS_DATE,
    K_SAILTHRU_DATE,
    K_CITATION_DATE,
    K_ARTICLE_PUBLISHED,
    K_ORIG_DATE,
    K_OG_URL,
    K_OG_LOCALE,
    K_CONTENT_LANGUAGE,
    K_DC_LANGUAGE,
    K_LANGUAGE,
    K_COUNT
};

static const char *const KEYS[K_COUNT] = {
    "dc:title",
    "dcterm:title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
    "dc:creator",
    "dcterm:creator",
    "author",
    "parsely-author",
    "article:author",
    "dc:description",
    "dcterm:description",
    "og:description",
    "weibo:article:description",
    "weibo:webpage:description",
    "description",
    "twitter:description",
    "og:site_name",
    "application-name",
    "article:published_time",
    "parsely-pub-date",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc:date",
    "dc:date:issued",
    "dcterms:created",
    "dcterms:date",
    "sailthru:date",
    "citation_publication_date",
    "article:published",
    "original-publish-date",
    "og:url",
    "og:locale",
    "content-language",
    "dc:language",
    "language",
};

typedef struct meta_state {
    const char *val[K_COUNT];
    const char *lang, *canonical, *time_dt, *itemprop_date;
    xmlNode *title_el;
    xmlNode *heads[32];
    int n_heads, n_h1;
    xmlNode *h1;
    json_t *ld; /* the chosen JSON-LD object (a borrowed reference into ld_root) */
    json_t *ld_root;
} meta_state;

static void norm_key(const char *s, char *out, size_t cap) {
    size_t o = 0;
    for (; *s && o + 1 < cap; s++) {
        char c = *s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c == '.') c = ':';
        out[o++] = c;
    }
    out[o] = 0;
}

static void set_key(meta_state *m, const char *key, const char *content) {
    char k[64];
    norm_key(key, k, sizeof k);
    if (!strcmp(k, "dcterms:title")) strcpy(k, "dcterm:title");
    for (int i = 0; i < K_COUNT; i++)
        if (!strcmp(k, KEYS[i])) {
            if (!m->val[i]) m->val[i] = content;
            return;
        }
}

static void on_meta(meta_state *m, const xmlNode *n) {
    const char *content = html_attr(n, "content");
    if (!content || !*content) return;
    const char *prop = html_attr(n, "property");
    if (prop) { /* may list several: "og:title twitter:title" */
        char tok[64];
        const char *p = prop;
        while (*p) {
            while (*p == ' ') p++;
            size_t l = 0;
            while (p[l] && p[l] != ' ') l++;
            if (l && l < sizeof tok) {
                memcpy(tok, p, l);
                tok[l] = 0;
                set_key(m, tok, content);
            }
            p += l;
        }
    }
    const char *name = html_attr(n, "name");
    if (name) set_key(m, name, content);
    const char *ip = html_attr(n, "itemprop");
    if (ip) {
        if (!strcmp(ip, "datePublished") && !m->itemprop_date)
            m->itemprop_date = content;
        else if (!strcmp(ip, "inLanguage"))
            set_key(m, "language", content);
    }
    const char *he = html_attr(n, "http-equiv");
    if (he) set_key(m, he, content);
}

/* ------------------------------------------------------------ JSON-LD */

static int article_type(const char *t) {
    static const char *const TYPES[] = {"AdvancedArticle",
                                        "AnalysisNewsArticle",
                                        "AskPublicNewsArticle",
                                        "BackgroundNewsArticle",
                                        "BlogPosting",
                                        "DiscussionForumPosting",
                                        "LiveBlogPosting",
                                        "OpinionNewsArticle",
                                        "ReportageNewsArticle",
                                        "ReviewNewsArticle",
                                        "SatiricalArticle",
                                        "ScholarlyArticle",
                                        "MedicalScholarlyArticle",
                                        "SocialMediaPosting",
                                        "TechArticle",
                                        "NewsArticle",
                                        NULL};
    if (!t) return 0;
    if (!strncmp(t, "Article", 7)) return 1;
    size_t l = strlen(t);
    if (l >= 6 && !strcmp(t + l - 6, "Report")) return 1;
    for (int i = 0; TYPES[i]; i++)
        if (strstr(t, TYPES[i])) return 1;
    return 0;
}

static int ld_is_article(json_t *o) {
    if (!json_is_object(o)) return 0;
    json_t *t = json_object_get(o, "@type");
    if (json_is_string(t)) return article_type(json_string_value(t));
    if (json_is_array(t)) {
        size_t i;
        json_t *v;
        json_array_foreach(t, i, v) if (json_is_string(v) && article_type(json_string_value(v))) return 1;
    }
    return 0;
}

static json_t *ld_find(json_t *root) {
    if (json_is_array(root)) {
        size_t i;
        json_t *v;
        json_array_foreach(root, i, v) {
            json_t *r = ld_find(v);
            if (r) return r;
        }
        return NULL;
    }
    if (!json_is_object(root)) return NULL;
    if (ld_is_article(root)) return root;
    json_t *g = json_object_get(root, "@graph");
    if (json_is_array(g)) {
        size_t i;
        json_t *v;
        json_array_foreach(g, i, v) if (ld_is_article(v)) return v;
    }
    return NULL;
}

static void on_ldjson(meta_state *m, const xmlNode *n) {
    if (m->ld) return;
    buf b;
    buf_init(&b, 4 << 20);
    for (const xmlNode *k = n->children; k; k = k->next)
        if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content)
            buf_puts(&b, (const char *)k->content);
    const char *s = buf_str(&b);
    size_t len = b.len;
    while (len && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')) s++, len--;
    if (len >= 9 && !memcmp(s, "<![CDATA[", 9)) s += 9, len -= 9;
    while (len &&
           (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == '\t' || s[len - 1] == ';'))
        len--;
    if (len >= 3 && !memcmp(s + len - 3, "]]>", 3)) len -= 3;
    json_error_t err;
    json_t *root = len ? json_loadb(s, len, JSON_DISABLE_EOF_CHECK, &err) : NULL;
    buf_free(&b);
    if (!root) return;
    json_t *a = ld_find(root);
    if (a) {
        m->ld = a;
        m->ld_root = root;
    } else {
        json_decref(root);
    }
}

static const char *jstr(json_t *o, const char *key) {
    json_t *v = json_object_get(o, key);
    return json_is_string(v) && *json_string_value(v) ? json_string_value(v) : NULL;
}

/* ------------------------------------------------------------ the walk */

static void walk(meta_state *m, xmlNode *n, int depth) {
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE) continue;
        int t = html_tag_of(k);
        switch (t) {
            case T_META: on_meta(m, k); break;
            case T_TITLE:
                if (!m->title_el) m->title_el = k;
                break;
            case T_LINK: {
                const char *rel = html_attr(k, "rel");
                if (rel && !strcasecmp(rel, "canonical") && !m->canonical) m->canonical = html_attr(k, "href");
                break;
            }
            case T_SCRIPT: {
                const char *ty = html_attr(k, "type");
                if (ty && !strcasecmp(ty, "application/ld+json")) on_ldjson(m, k);
                continue;
            }
            case T_TIME: {
                const char *dt = html_attr(k, "datetime");
                if (dt && !m->time_dt) m->time_dt = dt;
                break;
            }
            case T_H1:
            case T_H2:
                if (m->n_heads < 32) m->heads[m->n_heads++] = k;
                if (t == T_H1) {
                    if (!m->h1) m->h1 = k;
                    m->n_h1++;
                }
                break;
            default: break;
        }
        const char *ip = html_attr(k, "itemprop");
        if (ip && !strcmp(ip, "datePublished") && !m->itemprop_date && t != T_META) {
            const char *v = html_attr(k, "datetime");
            if (!v) v = html_attr(k, "content");
            if (v) m->itemprop_date = v;
        }
        if (depth < HTML_WALK_DEPTH) walk(m, k, depth + 1);
    }
}

/* ------------------------------------------------------------ title rules (readability's) */

static size_t word_count(const char *s) {
    size_t n = 1;
    for (const char *p = s; *p; p++)
        if (*p == ' ' && p[1] && p[1] != ' ') n++;
    if (*s == ' ') n++; /* JS split gives an empty first item */
    return n;
}

static int is_sep_char(const char *p, int hier_only, int dashes, size_t *l) {
    *l = 1;
    if (*p == '\\' || *p == '/' || *p == '>') return 1;
    if (!hier_only && (*p == '|' || *p == '-')) return 1;
    if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xBB) {
        *l = 2;
        return 1;
    }
    if (dashes && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94)) {
        *l = 3;
        return 1;
    }
    return 0;
}

/* Position of the first / last " X " separator, or -1. */
static long find_sep(const char *s, int hier_only, int dashes, int last) {
    long found = -1;
    size_t l;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] != ' ' || !s[i + 1]) continue;
        if (is_sep_char(s + i + 1, hier_only, dashes, &l) && s[i + 1 + l] == ' ') {
            found = (long)i;
            if (!last) return found;
        }
    }
    return found;
}

static char *dup_clean(const char *s, size_t len) {
    return extract_clean_space(s, len);
}

static char *article_title(meta_state *m) {
    char *orig = m->title_el ? html_text_of(m->title_el) : NULL;
    if (!orig) orig = strdup("");
    if (!orig) return NULL;
    char *cur = NULL;
    int had_hier = 0;
    size_t olen = strlen(orig);
    if (find_sep(orig, 0, 0, 0) >= 0) {
        had_hier = find_sep(orig, 1, 0, 0) >= 0;
        long last = find_sep(orig, 0, 1, 1);
        cur = dup_clean(orig, (size_t)last);
        if (!cur || word_count(cur) < 3) {
            free(cur);
            size_t l, i = 0;
            while (orig[i] && !is_sep_char(orig + i, 0, 0, &l)) i++;
            cur = orig[i] ? dup_clean(orig + i + l, olen - i - l) : NULL;
        }
    } else if (strstr(orig, ": ")) {
        int match = 0;
        for (int i = 0; i < m->n_heads && !match; i++) {
            char *h = html_text_of(m->heads[i]);
            if (h && !strcmp(h, orig)) match = 1;
            free(h);
        }
        if (!match) {
            const char *lc = strrchr(orig, ':'), *fc = strchr(orig, ':');
            cur = dup_clean(lc + 1, strlen(lc + 1));
            if (!cur || word_count(cur) < 3) {
                free(cur);
                cur = dup_clean(fc + 1, strlen(fc + 1));
            } else {
                char *head = dup_clean(orig, (size_t)(fc - orig));
                if (head && word_count(head) > 5) {
                    free(cur);
                    cur = strdup(orig);
                }
                free(head);
            }
        }
    } else {
        size_t chars = extract_utf8_count(orig, olen);
        if ((chars > 150 || chars < 15) && m->n_h1 == 1) cur = html_text_of(m->h1);
    }
    if (!cur) cur = strdup(orig);
    if (!cur) {
        free(orig);
        return NULL;
    }
    size_t wc = word_count(cur);
    if (wc <= 4) {
        size_t stripped_wc = 0;
        if (had_hier) {
            char *t = malloc(olen + 1);
            if (t) {
                size_t o = 0, l;
                for (size_t i = 0; orig[i];) {
                    if (is_sep_char(orig + i, 0, 0, &l))
                        i += l;
                    else
                        t[o++] = orig[i++];
                }
                t[o] = 0;
                /* JS: split(/\s+/) on the raw string */
                stripped_wc = 1;
                for (size_t i = 0; i < o; i++)
                    if (t[i] == ' ' && (i == 0 || t[i - 1] != ' ')) stripped_wc++;
                free(t);
            }
        }
        if (!had_hier || wc != stripped_wc - 1) {
            free(cur);
            cur = orig;
            orig = NULL;
        }
    }
    free(orig);
    if (cur && !*cur) {
        free(cur);
        cur = NULL;
    }
    return cur;
}

/* readability's _textSimilarity over ASCII word tokens */
static double similarity(const char *a, const char *b) {
    char ta[64][32], tb[64][32];
    int na = 0, nb = 0;
    for (int pass = 0; pass < 2; pass++) {
        const char *s = pass ? b : a;
        char(*t)[32] = pass ? tb : ta;
        int *n = pass ? &nb : &na;
        while (*s && *n < 64) {
            while (*s && !((*s | 32) >= 'a' && (*s | 32) <= 'z') && !(*s >= '0' && *s <= '9') && *s != '_' &&
                   !((unsigned char)*s & 0x80))
                s++;
            size_t l = 0;
            while (s[l] && (((s[l] | 32) >= 'a' && (s[l] | 32) <= 'z') || (s[l] >= '0' && s[l] <= '9') || s[l] == '_' ||
                            ((unsigned char)s[l] & 0x80)))
                l++;
            if (!l) break;
            size_t c = l < 31 ? l : 31;
            for (size_t i = 0; i < c; i++) t[*n][i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
            t[*n][c] = 0;
            (*n)++;
            s += l;
        }
    }
    if (!na || !nb) return 0;
    size_t all = 0, uniq = 0;
    int nu = 0;
    for (int i = 0; i < nb; i++) {
        size_t l = strlen(tb[i]);
        all += l + (i ? 1 : 0);
        int found = 0;
        for (int j = 0; j < na && !found; j++) found = !strcmp(tb[i], ta[j]);
        if (!found) uniq += l + (nu++ ? 1 : 0);
    }
    return all ? 1.0 - (double)uniq / (double)all : 0;
}

/* Undoes a second level of HTML escaping that some pages put in their metadata. */
static char *unescape(char *s) {
    if (!s || !strchr(s, '&')) return s;
    static const struct {
        const char *e;
        const char *r;
    } ENT[] = {{"&quot;", "\""}, {"&amp;", "&"}, {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&#39;", "'"}};
    char *o = s;
    for (const char *p = s; *p;) {
        int done = 0;
        if (*p == '&') {
            for (size_t i = 0; i < sizeof ENT / sizeof ENT[0]; i++) {
                size_t l = strlen(ENT[i].e);
                if (!strncmp(p, ENT[i].e, l)) {
                    *o++ = ENT[i].r[0];
                    p += l;
                    done = 1;
                    break;
                }
            }
        }
        if (!done) *o++ = *p++;
    }
    *o = 0;
    return s;
}

static char *first_of(meta_state *m, const int *keys, int n) {
    for (int i = 0; i < n; i++)
        if (m->val[keys[i]]) {
            char *s = extract_clean_space(m->val[keys[i]], strlen(m->val[keys[i]]));
            if (s) return unescape(s);
        }
    return NULL;
}

static char *clean_str(const char *s) {
    return s ? unescape(extract_clean_space(s, strlen(s))) : NULL;
}

static int is_url(const char *s) {
    return s && (!strncmp(s, "http://", 7) || !strncmp(s, "https://", 8) || s[0] == '/');
}

static char *ld_author(json_t *ld) {
    json_t *a = json_object_get(ld, "author");
    if (json_is_object(a)) return clean_str(jstr(a, "name"));
    if (json_is_string(a) && !is_url(json_string_value(a))) return clean_str(json_string_value(a));
    if (json_is_array(a)) {
        buf b;
        buf_init(&b, 4096);
        size_t i;
        json_t *v;
        json_array_foreach(a, i, v) {
            const char *nm = json_is_object(v) ? jstr(v, "name") : json_is_string(v) ? json_string_value(v) : NULL;
            char *c = clean_str(nm);
            if (!c) continue;
            if (b.len) buf_puts(&b, ", ");
            buf_puts(&b, c);
            free(c);
        }
        char *r = b.len ? buf_detach(&b) : NULL;
        buf_free(&b);
        return r;
    }
    return NULL;
}

/* The primary language subtag, lower-cased: "en-GB" -> "en", "fr_FR" -> "fr". */
static char *lang_code(const char *v) {
    char *s = clean_str(v);
    if (!s) return NULL;
    size_t n = 0;
    while (s[n] && ((s[n] | 32) >= 'a' && (s[n] | 32) <= 'z')) {
        s[n] = (char)(s[n] | 32);
        n++;
    }
    s[n] = 0;
    if (n < 2 || n > 3) {
        free(s);
        return NULL;
    }
    return s;
}

/* A date in a URL path: /2024/10/31/ or /2024-10-31 */
static char *url_date(const char *u, time_t now) {
    if (!u) return NULL;
    for (const char *p = u; *p; p++) {
        if (*p != '/' || !(p[1] >= '1' && p[1] <= '2')) continue;
        int y, mo, d;
        char s1, s2;
        if (sscanf(p + 1, "%4d%c%2d%c%2d", &y, &s1, &mo, &s2, &d) == 5 && s1 == s2 && (s1 == '/' || s1 == '-')) {
            char iso[16];
            snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, mo, d);
            char *r = extract_date_iso(iso, strlen(iso), now);
            if (r) return r;
        }
    }
    return NULL;
}

recoupe_status html_metadata(xmlDoc *doc, extract_found *f, time_t now) {
    meta_state m;
    memset(&m, 0, sizeof m);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root) return RECOUPE_OK;
    m.lang = html_attr(root, "lang");
    if (!m.lang) m.lang = html_attr(root, "xml:lang");
    walk(&m, root, 0);

    static const int TITLE_KEYS[] = {K_DC_TITLE,      K_DCTERM_TITLE, K_OG_TITLE, K_WEIBO_A_TITLE,
                                     K_WEIBO_W_TITLE, K_TITLE,        K_TW_TITLE, K_PARSELY_TITLE};
    static const int AUTHOR_KEYS[] = {K_DC_CREATOR, K_DCTERM_CREATOR, K_AUTHOR, K_PARSELY_AUTHOR};
    static const int DESC_KEYS[] = {K_DC_DESC,      K_DCTERM_DESC, K_OG_DESC, K_WEIBO_A_DESC,
                                    K_WEIBO_W_DESC, K_DESC,        K_TW_DESC};
    static const int DATE_KEYS[] = {
        K_PUBLISHED,    K_PARSELY_DATE,  K_OG_PUBLISHED,  K_DATEPUBLISHED,     K_DATE,      K_PUBDATE,
        K_PUBLISHDATE,  K_PUBLISH_DATE,  K_PUBLISH_DATE2, K_DC_DATE,           K_DC_ISSUED, K_DCTERMS_CREATED,
        K_DCTERMS_DATE, K_SAILTHRU_DATE, K_CITATION_DATE, K_ARTICLE_PUBLISHED, K_ORIG_DATE};

    /* title */
    if (m.ld) {
        const char *name = jstr(m.ld, "name"), *headline = jstr(m.ld, "headline");
        if (name && headline && strcmp(name, headline)) {
            char *t = article_title(&m);
            int nm = t && similarity(name, t) > 0.75, hm = t && similarity(headline, t) > 0.75;
            free(t);
            f->title = clean_str(hm && !nm ? headline : name);
        } else {
            f->title = clean_str(name ? name : headline);
        }
    }
    if (!f->title) f->title = first_of(&m, TITLE_KEYS, sizeof TITLE_KEYS / sizeof TITLE_KEYS[0]);
    if (!f->title) f->title = unescape(article_title(&m));

    /* author */
    if (m.ld) f->author = ld_author(m.ld);
    if (!f->author) f->author = first_of(&m, AUTHOR_KEYS, sizeof AUTHOR_KEYS / sizeof AUTHOR_KEYS[0]);
    if (!f->author && m.val[K_ARTICLE_AUTHOR] && !is_url(m.val[K_ARTICLE_AUTHOR]))
        f->author = clean_str(m.val[K_ARTICLE_AUTHOR]);

    /* description */
    if (m.ld) f->description = clean_str(jstr(m.ld, "description"));
    if (!f->description) f->description = first_of(&m, DESC_KEYS, sizeof DESC_KEYS / sizeof DESC_KEYS[0]);

    /* site */
    if (m.ld) {
        json_t *p = json_object_get(m.ld, "publisher");
        if (json_is_object(p)) f->site = clean_str(jstr(p, "name"));
    }
    if (!f->site) f->site = clean_str(m.val[K_OG_SITE]);
    if (!f->site) f->site = clean_str(m.val[K_APP_NAME]);

    /* date: every source through the one parser, first plausible wins */
    const char *dates[24];
    int nd = 0;
    if (m.ld) dates[nd++] = jstr(m.ld, "datePublished");
    for (size_t i = 0; i < sizeof DATE_KEYS / sizeof DATE_KEYS[0]; i++) dates[nd++] = m.val[DATE_KEYS[i]];
    dates[nd++] = m.itemprop_date;
    dates[nd++] = m.time_dt;
    if (m.ld) dates[nd++] = jstr(m.ld, "dateCreated");
    for (int i = 0; i < nd && !f->date; i++)
        if (dates[i]) f->date = extract_date_iso(dates[i], strlen(dates[i]), now);

    /* url */
    if (m.canonical && is_url(m.canonical) && m.canonical[0] != '/') f->url = clean_str(m.canonical);
    if (!f->url && m.val[K_OG_URL] && is_url(m.val[K_OG_URL])) f->url = clean_str(m.val[K_OG_URL]);
    if (!f->url && m.ld) {
        const char *u = jstr(m.ld, "url");
        if (u && is_url(u) && u[0] != '/') f->url = clean_str(u);
    }
    if (!f->date) f->date = url_date(f->url, now);

    /* lang */
    f->lang = lang_code(m.lang);
    if (!f->lang) f->lang = lang_code(m.val[K_CONTENT_LANGUAGE]);
    if (!f->lang) f->lang = lang_code(m.val[K_DC_LANGUAGE]);
    if (!f->lang) f->lang = lang_code(m.val[K_LANGUAGE]);
    if (!f->lang) f->lang = lang_code(m.val[K_OG_LOCALE]);
    if (!f->lang && m.ld) f->lang = lang_code(jstr(m.ld, "inLanguage"));

    if (m.ld_root) json_decref(m.ld_root);
    return RECOUPE_OK;
}
