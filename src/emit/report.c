/* report.c: the report page (recoupe_engine_report): an overview of the stories,
 * then a section per story drawn, as one self-contained HTML file. The page is
 * read without its script (which only filters); everything from the input goes
 * through report_text (report_html.c); the charts are in report_svg.c. Stories
 * beyond the limit are counted, not drawn, and the page says so; a story's
 * article table stops at max_articles (its counts and timeline take all). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emit/report.h"
#include "story/story.h"

#define DEFAULT_LIMIT 200
#define DEFAULT_ARTICLES 100
#define MAX_GROUPS 50        /* duplicate groups listed per story */
#define MAX_GROUP_MEMBERS 20 /* members listed per group */
#define OUTLET_CAP 128

#include "emit/report_style.inc"

/* ------------------------------------------------------------ outlets */

/* an article's outlet: its site, else its URL's host (written into tmp), else NULL */
static const char *outlet_of(const recoupe_article *a, char *tmp, size_t cap) {
    if (a->site && a->site[0]) return a->site;
    report_url_host(a->url, tmp, cap);
    return tmp[0] ? tmp : NULL;
}

static int cmp_str(const void *x, const void *y) {
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* distinct strings of v (sorted in place); NULLs must not be there */
static size_t distinct(const char **v, size_t n) {
    qsort(v, n, sizeof *v, cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += !i || strcmp(v[i - 1], v[i]);
    return k;
}

typedef struct totals {
    size_t articles, outlets, unknown_outlet, languages, stories, matching, groups;
    const char **langs; /* the distinct languages, sorted (for the filter) */
    size_t n_langs;
} totals;

static int has_lang(const recoupe_story *s, const char *lang) {
    if (!lang || !lang[0]) return 1;
    for (size_t i = 0; i < s->n_languages; i++)
        if (!strcmp(s->languages[i], lang)) return 1;
    return 0;
}

/* the overview's counts over every story (drawn or not) */
static int count_totals(recoupe_engine *e, const recoupe_report_options *o, totals *t) {
    memset(t, 0, sizeof *t);
    t->stories = recoupe_engine_story_count(e);
    size_t na = 0, nl = 0;
    for (size_t i = 0; i < t->stories; i++) {
        const recoupe_story *s = recoupe_engine_story(e, i);
        if (!s) return -1;
        na += s->n_articles;
        nl += s->n_languages;
        t->matching += has_lang(s, o->lang);
    }
    const char **out = malloc((na ? na : 1) * sizeof *out);
    char *hosts = malloc((na ? na : 1) * OUTLET_CAP);
    t->langs = malloc((nl ? nl : 1) * sizeof *t->langs);
    if (!out || !hosts || !t->langs) {
        free(out);
        free(hosts);
        return -1;
    }
    size_t k = 0, m = 0;
    for (size_t i = 0; i < t->stories; i++) {
        const recoupe_story *s = recoupe_engine_story(e, i);
        for (size_t j = 0; j < s->n_articles; j++) {
            const char *w = outlet_of(s->articles[j], hosts + k * OUTLET_CAP, OUTLET_CAP);
            if (w)
                out[k++] = w;
            else
                t->unknown_outlet++;
        }
        for (size_t j = 0; j < s->n_languages; j++) t->langs[m++] = s->languages[j];
    }
    t->articles = na;
    t->outlets = distinct(out, k);
    t->n_langs = m;
    qsort(t->langs, m, sizeof *t->langs, cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < m; i++)
        if (!u || strcmp(t->langs[u - 1], t->langs[i])) t->langs[u++] = t->langs[i];
    t->n_langs = u;
    t->languages = u;
    t->groups = recoupe_engine_duplicate_group_count(e);
    free(out);
    free(hosts);
    return 0;
}

/* ------------------------------------------------------------ pieces */

static void date_cell(report_out *o, const recoupe_article *a) {
    if (a->timestamp == INT64_MIN || !a->date) {
        report_raw(o, "<td class=\"none\">undated</td>");
        return;
    }
    char iso[32];
    time_t tt = (time_t)a->timestamp;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(iso, sizeof iso, "%Y-%m-%dT%H:%MZ", &tm)) strcpy(iso, "?");
    report_rawf(o, "<td><time datetime=\"%s\">", iso);
    iso[10] = ' '; /* "2024-10-31 20:52Z": UTC, whatever offset the page gave */
    report_rawf(o, "%s</time></td>", iso);
}

static void span_date(report_out *o, int64_t t) {
    char d[32];
    if (t == INT64_MIN) {
        report_raw(o, "<span class=\"none\">undated</span>");
        return;
    }
    report_time_label(t, 86400, d);
    report_rawf(o, "<time datetime=\"%s\">%s</time>", d, d);
}

/* a title, linked to the article's URL when it is http(s), in the article's language */
static void title_link(report_out *o, const recoupe_article *a, const char *fallback) {
    const char *t = a->title && a->title[0] ? a->title : fallback;
    int link = report_url_ok(a->url);
    if (link) {
        report_raw(o, "<a href=\"");
        report_text(o, a->url);
        report_raw(o, "\" rel=\"noreferrer noopener\"");
    } else
        report_raw(o, "<span");
    if (a->detected_lang[0] && strcmp(a->detected_lang, "und")) {
        report_raw(o, " lang=\"");
        report_text(o, a->detected_lang);
        report_raw(o, "\"");
    }
    report_raw(o, " dir=\"auto\">");
    report_text(o, t && t[0] ? t : "(no title)");
    report_raw(o, link ? "</a>" : "</span>");
    if (!link && a->url && a->url[0]) { /* a URL not to follow (javascript:, relative): shown as text */
        report_raw(o, " <code class=\"url\">");
        report_textn(o, a->url, 200);
        report_raw(o, "</code>");
    }
}

static void story_anchor(char out[32], const recoupe_story *s) {
    snprintf(out, 32, "s-%016llx", (unsigned long long)s->id);
}

/* ------------------------------------------------------------ overview */

static void stat(report_out *o, const char *label, size_t v) {
    report_rawf(o, "<div><dt>%s</dt><dd>%zu</dd></div>", label, v);
}

static void overview_row(report_out *o, size_t rank, const recoupe_story *s) {
    char anchor[32];
    story_anchor(anchor, s);
    report_rawf(o, "<tr data-s=\"%s\" data-lang=\"", anchor);
    for (size_t i = 0; i < s->n_languages; i++) {
        if (i) report_raw(o, " ");
        report_text(o, s->languages[i]);
    }
    report_raw(o, "\" data-q=\"");
    report_text(o, s->title);
    for (size_t i = 0; i < s->n_sources && i < 50; i++) {
        report_raw(o, " | ");
        report_text(o, s->sources[i]);
    }
    story_entity ent[20]; /* the filter box finds a story by the entities it names most widely too */
    size_t ne = story_entities(s, ent, 20);
    for (size_t i = 0; i < ne; i++) {
        report_raw(o, " | ");
        report_text(o, ent[i].e->name);
    }
    story_claim_group *g;
    size_t ng;
    int disputed = story_claim_groups(s, &g, &ng) == 0 && ng && g[0].disputed; /* disputed groups come first */
    story_claim_groups_free(g, ng);
    report_rawf(o, "\"><td>%zu</td><td><a href=\"#%s\" dir=\"auto\">", rank, anchor);
    report_text(o, s->title && s->title[0] ? s->title : "(no title)");
    report_rawf(o, "</a>%s</td>", disputed ? " <span class=\"badge\">disputed figures</span>" : "");
    report_rawf(o, "<td>%zu</td><td>%zu <span class=\"sub\">(%zu independent)</span></td><td>", s->n_articles,
                s->n_sources, s->independent_sources);
    for (size_t i = 0; i < s->n_languages && i < 6; i++) {
        report_raw(o, i ? ", " : "");
        report_text(o, s->languages[i]);
    }
    if (s->n_languages > 6) report_rawf(o, " +%zu", s->n_languages - 6);
    report_raw(o, "</td><td>");
    span_date(o, s->first);
    report_raw(o, "</td><td>");
    span_date(o, s->last);
    report_raw(o, "</td></tr>\n");
}

static void overview(report_out *o, recoupe_engine *e, const recoupe_report_options *opt, const totals *t,
                     const size_t *drawn, size_t n_drawn) {
    report_raw(o, "<section id=\"overview\" aria-labelledby=\"h-overview\"><h2 id=\"h-overview\">Overview</h2>\n"
                  "<dl class=\"stats\">");
    stat(o, "articles", t->articles);
    stat(o, "named outlets", t->outlets);
    stat(o, "languages", t->languages);
    stat(o, "stories", t->stories);
    stat(o, "duplicate groups", t->groups);
    stat(o, "inputs skipped", opt->skipped);
    report_raw(o, "</dl>\n");
    if (t->unknown_outlet)
        report_rawf(o,
                    "<p class=\"note\">%zu article%s name%s no outlet (no site, no web address); each counts as a "
                    "source of its own.</p>\n",
                    t->unknown_outlet, t->unknown_outlet == 1 ? "" : "s", t->unknown_outlet == 1 ? "s" : "");
    if (opt->lang && opt->lang[0]) {
        report_rawf(o, "<p class=\"note\">Only the %zu stories with an article in the language ", t->matching);
        report_text(o, opt->lang);
        report_raw(o, " are listed.</p>\n");
    }
    if (n_drawn < t->matching)
        report_rawf(o,
                    "<p class=\"note limit\">Only the %zu most important stories of %zu are drawn here (limit "
                    "%zu); the counts above take them all.</p>\n",
                    n_drawn, t->matching, n_drawn);
    report_raw(o,
               "<form id=\"filters\" class=\"filters\" role=\"search\" hidden onsubmit=\"return false\">"
               "<label>Filter stories <input type=\"search\" id=\"q\" placeholder=\"title, outlet or entity\"></label> "
               "<label>Language <select id=\"lf\"><option value=\"\">all</option>");
    for (size_t i = 0; i < t->n_langs; i++) {
        report_raw(o, "<option>");
        report_text(o, t->langs[i]);
        report_raw(o, "</option>");
    }
    report_raw(o, "</select></label> <output id=\"shown\" aria-live=\"polite\"></output></form>\n");
    if (!n_drawn) {
        report_raw(o, "<p class=\"none\">No story.</p></section>\n");
        return;
    }
    report_raw(o, "<table id=\"stories\"><caption>Stories, most important first</caption><thead><tr>"
                  "<th scope=\"col\">#</th><th scope=\"col\">Story</th><th scope=\"col\">Articles</th>"
                  "<th scope=\"col\">Sources</th><th scope=\"col\">Languages</th><th scope=\"col\">First</th>"
                  "<th scope=\"col\">Last</th></tr></thead><tbody>\n");
    for (size_t k = 0; k < n_drawn; k++) overview_row(o, k + 1, recoupe_engine_story(e, drawn[k]));
    report_raw(o, "</tbody></table></section>\n");
}

/* ------------------------------------------------------------ a story */

static const char *relation_label(recoupe_dup_relation r) {
    switch (r) {
        case RECOUPE_DUP_DUPLICATE: return "wire copy (the same text)";
        case RECOUPE_DUP_CONTAINS: return "republication (the origin's text and more)";
        case RECOUPE_DUP_CONTAINED: return "excerpt (part of the origin's text)";
        case RECOUPE_DUP_REWRITE: return "rewrite (paraphrased sentence by sentence)";
        default: return "origin";
    }
}

/* words a reader reads for the qualifier and the stance of a claim */
static const char *qualifier_words(recoupe_qualifier q) {
    switch (q) {
        case RECOUPE_QUAL_ABOUT: return "about";
        case RECOUPE_QUAL_AT_MOST: return "up to";
        case RECOUPE_QUAL_AT_LEAST: return "more than";
        case RECOUPE_QUAL_RANGE: return "range";
        default: return "exact";
    }
}

/* A story's facts: its entities (the 30 most widely named), its claims table with a chart for each disputed figure
 * (report_claims), from the story's claim groups (story_claim_groups: the
 * claims of its articles' facts, grouped by counted thing). Articles without
 * facts add nothing; out of memory leaves the table out. */
static void story_facts(report_out *o, recoupe_engine *e, size_t i, const recoupe_story *s) {
    (void)e;
    enum { SHOWN = 30 }; /* the entities named most widely */
    story_entity ent[SHOWN];
    const char *names[SHOWN];
    size_t src[SHOWN], ne = story_entities(s, ent, SHOWN);
    for (size_t k = 0; k < ne; k++) names[k] = ent[k].e->name, src[k] = ent[k].sources;
    report_entities(o, names, src, ne);
    story_claim_group *g;
    size_t ng;
    if (story_claim_groups(s, &g, &ng) != 0 || !ng) return;
    size_t nc = 0;
    for (size_t k = 0; k < ng; k++) nc += g[k].n;
    report_claim_group *rg = calloc(ng, sizeof *rg);
    report_claim *rc = calloc(nc, sizeof *rc);
    if (rg && rc) {
        size_t at = 0;
        for (size_t k = 0; k < ng; k++) {
            rg[k] = (report_claim_group){g[k].thing, g[k].disputed, g[k].min, g[k].max, rc + at, g[k].n};
            for (size_t m = 0; m < g[k].n; m++) {
                const story_claim_report *r = &g[k].r[m];
                rc[at++] = (report_claim){g[k].thing,    r->c->value,
                                          NULL,          qualifier_words(r->c->qualifier),
                                          r->c->said_by, recoupe_stance_name(r->c->stance),
                                          r->c->stated,  r->outlets,
                                          r->n_outlets};
            }
        }
        char id[32];
        snprintf(id, sizeof id, "s%zu", i + 1);
        report_claims(o, id, rg, ng);
    }
    free(rc);
    free(rg);
    story_claim_groups_free(g, ng);
}

static void dup_groups(report_out *o, const recoupe_story *s, const recoupe_dup_groups *g, const char *const *outlet) {
    report_raw(o, "<h3>Duplicate groups</h3>\n");
    if (!g || !g->n_groups) {
        report_raw(o, "<p class=\"none\">No article of this story copies another.</p>\n");
        return;
    }
    report_rawf(o,
                "<table class=\"dups\"><caption>%zu group%s of copies: the origin first (the earliest "
                "dated), then who copied it and how</caption><thead><tr><th scope=\"col\">Group</th>"
                "<th scope=\"col\">Role</th><th scope=\"col\">Article</th><th scope=\"col\">Outlet</th>"
                "<th scope=\"col\">Date</th><th scope=\"col\">Likeness</th></tr></thead><tbody>\n",
                g->n_groups, g->n_groups == 1 ? "" : "s");
    for (size_t k = 0; k < g->n_groups && k < MAX_GROUPS; k++) {
        const recoupe_dup_group *gr = &g->groups[k];
        for (size_t m = 0; m < gr->n_members && m < MAX_GROUP_MEMBERS; m++) {
            const recoupe_dup_member *mb = &gr->members[m];
            if (mb->index >= s->n_articles) continue;
            const recoupe_article *a = s->articles[mb->index];
            report_rawf(o, "<tr%s><td>%zu</td><td>%s%s</td><td>", m ? "" : " class=\"origin\"", k + 1,
                        m ? "" : "<strong>origin</strong>", m ? relation_label(mb->relation) : "");
            title_link(o, a, story_article_name(a));
            report_raw(o, "</td><td dir=\"auto\">");
            report_text(o, outlet[mb->index] ? outlet[mb->index] : "unknown outlet");
            report_raw(o, "</td>");
            date_cell(o, a);
            if (m)
                report_rawf(o, "<td>%.0f%%</td></tr>\n", mb->score * 100);
            else
                report_raw(o, "<td></td></tr>\n");
        }
        if (gr->n_members > MAX_GROUP_MEMBERS)
            report_rawf(o, "<tr><td>%zu</td><td colspan=\"5\" class=\"none\">and %zu more copies</td></tr>\n", k + 1,
                        gr->n_members - MAX_GROUP_MEMBERS);
    }
    report_raw(o, "</tbody></table>\n");
    if (g->n_groups > MAX_GROUPS)
        report_rawf(o, "<p class=\"note\">Only the first %d groups of %zu are listed.</p>\n", MAX_GROUPS, g->n_groups);
}

/* role[i]: 0 not in a group, 1 + group for an origin, -(1 + group) for a copy */
static void roles(const recoupe_story *s, const recoupe_dup_groups *g, long *role, unsigned char *is_copy) {
    for (size_t i = 0; i < s->n_articles; i++) role[i] = 0, is_copy[i] = 0;
    for (size_t k = 0; g && k < g->n_groups; k++)
        for (size_t m = 0; m < g->groups[k].n_members; m++) {
            size_t ix = g->groups[k].members[m].index;
            if (ix >= s->n_articles) continue;
            role[ix] = m ? -(long)(k + 1) : (long)(k + 1);
            is_copy[ix] = m != 0;
        }
}

static void article_table(report_out *o, const recoupe_story *s, const char *const *outlet, const long *role,
                          size_t max) {
    report_rawf(o,
                "<h3>Articles</h3>\n<table class=\"arts\"><caption>%zu article%s, the most central first "
                "(centrality: likeness to the story as a whole)</caption><thead><tr><th scope=\"col\">#</th>"
                "<th scope=\"col\">Title</th><th scope=\"col\">Outlet</th><th scope=\"col\">Date (UTC)</th>"
                "<th scope=\"col\">Language</th><th scope=\"col\">Centrality</th><th scope=\"col\">Copies</th>"
                "</tr></thead><tbody>\n",
                s->n_articles, s->n_articles == 1 ? "" : "s");
    for (size_t i = 0; i < s->n_articles && i < max; i++) {
        const recoupe_article *a = s->articles[i];
        report_rawf(o, "<tr><td>%zu</td><td>", i + 1);
        title_link(o, a, story_article_name(a));
        report_raw(o, "</td><td dir=\"auto\">");
        if (outlet[i])
            report_text(o, outlet[i]);
        else
            report_raw(o, "<span class=\"none\">unknown</span>");
        report_raw(o, "</td>");
        date_cell(o, a);
        report_raw(o, "<td>");
        report_text(o, a->detected_lang[0] ? a->detected_lang : "und");
        report_rawf(o, "</td><td>%.2f</td><td>", s->centrality[i]);
        if (role[i] > 0) report_rawf(o, "origin of group %ld", role[i]);
        if (role[i] < 0) report_rawf(o, "copy in group %ld", -role[i]);
        report_raw(o, "</td></tr>\n");
    }
    report_raw(o, "</tbody></table>\n");
    if (s->n_articles > max)
        report_rawf(o,
                    "<p class=\"note\">The %zu less central articles are not listed (limit %zu); the counts and "
                    "the timeline take them.</p>\n",
                    s->n_articles - max, max);
}

static void story_head(report_out *o, const recoupe_story *s, size_t rank, const char *anchor) {
    report_rawf(o,
                "<section class=\"story\" id=\"%s\" aria-labelledby=\"%s-h\"><h2 id=\"%s-h\"><span "
                "class=\"rank\">%zu.</span> <span dir=\"auto\"",
                anchor, anchor, anchor, rank);
    if (s->lang && strcmp(s->lang, "und")) {
        report_raw(o, " lang=\"");
        report_text(o, s->lang);
        report_raw(o, "\"");
    }
    report_raw(o, ">");
    report_text(o, s->title && s->title[0] ? s->title : "(no title)");
    report_rawf(o, "</span></h2>\n<p class=\"facts\">%zu article%s from %zu source%s (%zu independent), in ",
                s->n_articles, s->n_articles == 1 ? "" : "s", s->n_sources, s->n_sources == 1 ? "" : "s",
                s->independent_sources);
    for (size_t i = 0; i < s->n_languages && i < 12; i++) {
        report_raw(o, i ? ", " : "");
        report_text(o, s->languages[i]);
    }
    if (s->n_languages > 12) report_rawf(o, " and %zu more", s->n_languages - 12);
    report_raw(o, "; ");
    if (s->first == INT64_MIN)
        report_raw(o, "undated");
    else {
        report_raw(o, "from ");
        span_date(o, s->first);
        report_raw(o, " to ");
        span_date(o, s->last);
    }
    report_rawf(o, "; importance %.2f. <a class=\"top\" href=\"#overview\">Back to the overview</a></p>\n",
                s->importance);
}

static int story_section(report_out *o, recoupe_engine *e, size_t i, size_t rank, size_t max) {
    const recoupe_story *s = recoupe_engine_story(e, i);
    if (!s) return -1;
    size_t n = s->n_articles;
    char anchor[32];
    story_anchor(anchor, s);
    const char **outlet = malloc((n ? n : 1) * 2 * sizeof *outlet), **lane = outlet + n;
    char *hosts = malloc((n ? n : 1) * OUTLET_CAP);
    long *role = malloc((n ? n : 1) * sizeof *role);
    unsigned char *is_copy = malloc(n ? n : 1);
    recoupe_dup_groups *g = NULL;
    int rc = -1;
    if (!outlet || !hosts || !role || !is_copy || recoupe_engine_story_duplicates(e, i, &g) != RECOUPE_OK) goto out;
    for (size_t j = 0; j < n; j++) {
        outlet[j] = outlet_of(s->articles[j], hosts + j * OUTLET_CAP, OUTLET_CAP);
        lane[j] = outlet[j] ? outlet[j] : "unknown outlet"; /* the timeline names every lane */
    }
    roles(s, g, role, is_copy);
    story_head(o, s, rank, anchor);
    report_raw(o, "<h3>Timeline</h3>\n");
    report_svg_timeline(o, anchor, s, lane, is_copy);
    story_facts(o, e, i, s);
    article_table(o, s, outlet, role, max);
    dup_groups(o, s, g, outlet);
    report_raw(o, "</section>\n");
    rc = 0;
out:
    recoupe_dup_groups_free(g);
    free(outlet);
    free(hosts);
    free(role);
    free(is_copy);
    return rc;
}

/* ------------------------------------------------------------ the page */

static void page_head(report_out *o, const char *title, const recoupe_report_options *opt) {
    report_raw(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
                  "'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"recoupe ");
    report_text(o, recoupe_version());
    report_raw(o, "\">\n<title>");
    report_text(o, title);
    report_raw(o, "</title>\n<style>");
    report_raw(o, report_style);
    report_raw(o, "</style></head>\n<body><header><h1 dir=\"auto\">");
    report_text(o, title);
    report_raw(o, "</h1>");
    if (opt->generated && opt->generated[0]) {
        report_raw(o, "<p class=\"sub\">Written ");
        report_text(o, opt->generated);
        report_raw(o, " by recoupe.</p>");
    }
    report_raw(o, "</header>\n<main>\n");
}

recoupe_status recoupe_engine_report(recoupe_engine *e, const recoupe_report_options *opt, recoupe_write_fn write,
                                     void *user) {
    if (!e || !write) return RECOUPE_ERR_ARG;
    report_out o;
    report_out_init(&o, write, user);
    recoupe_report_options d = {0};
    if (!opt) opt = &d;
    size_t limit = opt->limit ? opt->limit : DEFAULT_LIMIT,
           max = opt->max_articles ? opt->max_articles : DEFAULT_ARTICLES;
    const char *title = opt->title && opt->title[0] ? opt->title : "recoupe report";
    totals t;
    if (count_totals(e, opt, &t) != 0) {
        free(t.langs);
        return RECOUPE_ERR_NOMEM;
    }
    size_t *drawn = malloc((limit < t.matching ? limit : t.matching ? t.matching : 1) * sizeof *drawn), nd = 0;
    if (!drawn) {
        free(t.langs);
        return RECOUPE_ERR_NOMEM;
    }
    for (size_t i = 0; i < t.stories && nd < limit; i++)
        if (has_lang(recoupe_engine_story(e, i), opt->lang)) drawn[nd++] = i;
    page_head(&o, title, opt);
    overview(&o, e, opt, &t, drawn, nd);
    for (size_t k = 0; k < nd && o.status == RECOUPE_OK; k++)
        if (story_section(&o, e, drawn[k], k + 1, max) != 0) o.status = RECOUPE_ERR_NOMEM;
    report_raw(&o, "</main>\n<script>");
    report_raw(&o, report_script);
    report_raw(&o, "</script>\n</body></html>\n");
    report_out_flush(&o, 1);
    buf_free(&o.b);
    free(drawn);
    free(t.langs);
    return o.status;
}

static int to_buf(void *user, const char *data, size_t len) {
    return buf_append(user, data, len);
}

char *recoupe_engine_report_html(recoupe_engine *e, const recoupe_report_options *o, size_t *len) {
    buf b = BUF_INIT;
    if (recoupe_engine_report(e, o, to_buf, &b) != RECOUPE_OK) {
        buf_free(&b);
        return NULL;
    }
    if (len) *len = b.len;
    return buf_detach(&b);
}
