/* report_claims.c: a story's facts in the report: its entities, and its claims
 * table (thing, value, qualifier, speaker, stance, statement date, outlets) with
 * the disputed figures first and, for each, a chart of its values over time. The
 * facts come from the caller (report.c's story_facts) as plain records, so this
 * file knows nothing of how they were found. */
#include <stdio.h>
#include <stdlib.h>

#include "emit/report.h"

static void cell(report_out *o, const char *s) {
    report_raw(o, "<td dir=\"auto\">");
    if (s && s[0])
        report_text(o, s);
    else
        report_raw(o, "<span class=\"none\">unknown</span>");
    report_raw(o, "</td>");
}

static void claim_row(report_out *o, const report_claim_group *g, const report_claim *c, int first) {
    report_rawf(o, "<tr%s>", g->disputed ? (first ? " class=\"disputed first\"" : " class=\"disputed\"") : "");
    report_raw(o, "<td dir=\"auto\">");
    report_text(o, c->thing ? c->thing : g->thing);
    if (first && g->disputed) report_raw(o, " <span class=\"badge\">disputed</span>");
    report_raw(o, "</td><td class=\"num\">");
    if (c->value_text && c->value_text[0])
        report_text(o, c->value_text);
    else
        report_rawf(o, "%g", c->value);
    report_raw(o, "</td>");
    cell(o, c->qualifier);
    cell(o, c->speaker);
    cell(o, c->stance);
    if (c->said == INT64_MIN)
        report_raw(o, "<td class=\"none\">undated</td>");
    else {
        char d[32];
        report_time_label(c->said, 86400, d);
        report_rawf(o, "<td><time datetime=\"%s\">%s</time></td>", d, d);
    }
    report_raw(o, "<td dir=\"auto\">");
    for (size_t k = 0; k < c->n_outlets && k < 8; k++) {
        report_raw(o, k ? ", " : "");
        report_text(o, c->outlets[k]);
    }
    if (c->n_outlets > 8) report_rawf(o, " and %zu more", c->n_outlets - 8);
    report_raw(o, "</td></tr>\n");
}

void report_claims(report_out *o, const char *id, const report_claim_group *g, size_t n) {
    if (!n) return;
    size_t nd = 0;
    for (size_t i = 0; i < n; i++) nd += g[i].disputed != 0;
    report_rawf(o,
                "<h3>Claims</h3>\n<table class=\"claims\"><caption>Figures and who gave them; %zu disputed "
                "(the values disagree) first</caption><thead><tr><th scope=\"col\">Thing</th>"
                "<th scope=\"col\">Value</th><th scope=\"col\">Qualifier</th><th scope=\"col\">Speaker</th>"
                "<th scope=\"col\">Stance</th><th scope=\"col\">Said on</th><th scope=\"col\">Outlets</th>"
                "</tr></thead>\n",
                nd);
    for (int pass = 0; pass < 2; pass++) /* the disputed groups, then the others */
        for (size_t i = 0; i < n; i++) {
            if ((g[i].disputed != 0) != (pass == 0)) continue;
            report_raw(o, "<tbody>");
            for (size_t k = 0; k < g[i].n_claims; k++) claim_row(o, &g[i], &g[i].claims[k], k == 0);
            report_raw(o, "</tbody>\n");
        }
    report_raw(o, "</table>\n");
    for (size_t i = 0, c = 0; i < n; i++) {
        if (!g[i].disputed || !g[i].n_claims) continue;
        report_point *p = malloc(g[i].n_claims * sizeof *p);
        if (!p) {
            o->status = o->status ? o->status : RECOUPE_ERR_NOMEM;
            return;
        }
        for (size_t k = 0; k < g[i].n_claims; k++)
            p[k] = (report_point){g[i].claims[k].said, g[i].claims[k].value, g[i].claims[k].speaker};
        char cid[64];
        snprintf(cid, sizeof cid, "%s-c%zu", id, c++);
        report_svg_values(o, cid, g[i].thing ? g[i].thing : "figure", p, g[i].n_claims);
        free(p);
    }
}

void report_entities(report_out *o, const char *const *names, const size_t *sources, size_t n) {
    if (!n) return;
    report_raw(o, "<h3>Entities</h3>\n<ul class=\"entities\">");
    for (size_t i = 0; i < n; i++) {
        report_raw(o, "<li><span dir=\"auto\">");
        report_text(o, names[i]);
        report_rawf(o, "</span> <span class=\"sub\">(%zu source%s)</span></li>", sources[i],
                    sources[i] == 1 ? "" : "s");
    }
    report_raw(o, "</ul>\n");
}
