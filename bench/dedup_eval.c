/* dedup_eval.c: precision and recall of the duplicate relations on a labelled set.
 *
 * Reads docs.jsonl ({"id","family","lang","text"[,"date"]}) and pairs.tsv (a, b,
 * label, edit) written by gen_dedup.py, indexes every document through the public
 * API (recoupe_dups_add), then for each labelled pair asks what the engine says:
 * the relation of b to a when the index offers b as a candidate of a (or a of b),
 * else none. Labels and predictions are duplicate / contains (either direction)
 * / rewrite / none. Besides the labelled pairs, every candidate pair of two
 * documents that share no text by construction (different families, and
 * neither took paragraphs from the other's family) that the engine relates is a
 * false positive (it counts against precision too).
 *
 * Also printed: recall (or, for negatives, the share wrongly related) by edit, the
 * content-farm figures (rewrite recall on the heavy farm rewrites, rewrite
 * precision over everything, related same-event negatives; the classic figures
 * leave the farm pairs out, so that they stay comparable with earlier runs) and whether the
 * origin of each found pair is its source (dated and undated families apart).
 * --half H counts only families whose number is H modulo 2 (the other half of the
 * sources: fit on one, measure on the other); --lang L only sources in language L.
 * usage: dedup_eval DOCS.jsonl PAIRS.tsv [--threshold J] [--rewrite R] [--align A]
 *                   [--half 0|1] [--lang L] */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dedup/dedup_int.h"

#define NREL 4 /* none, duplicate, contains, rewrite */
static const char *names[NREL] = {"none", "duplicate", "contains", "rewrite"};

static int label_of(const char *s) {
    for (int i = 0; i < NREL; i++)
        if (!strcmp(s, names[i])) return i;
    return -1;
}

static int class_of(enum dedup_relation r) {
    switch (r) {
        case DEDUP_DUPLICATE: return 1;
        case DEDUP_CONTAINS:
        case DEDUP_CONTAINED: return 2;
        case DEDUP_REWRITE: return 3;
        default: return 0;
    }
}

typedef struct doc {
    char *id;
    long family;
    long donors[4]; /* families whose paragraphs it holds (-1 = none) */
    uint32_t slot;
    int dated;
    char lang[4];
} doc;

static doc *docs;
static size_t n_docs;
static int half = -1;
static const char *only_lang;

static long find_doc(const char *id) {
    size_t lo = 0, hi = n_docs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(docs[mid].id, id);
        if (c == 0) return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static int cmp_doc(const void *a, const void *b) {
    return strcmp(((const doc *)a)->id, ((const doc *)b)->id);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int has_family(const doc *a, long fam) {
    if (a->family == fam) return 1;
    for (int k = 0; k < 4; k++)
        if (a->donors[k] == fam) return 1;
    return 0;
}

/* one holds text of the other's family (a variant, or paragraphs it took) */
static int shares_family(const doc *a, const doc *b) {
    if (has_family(a, b->family) || has_family(b, a->family)) return 1;
    for (int k = 0; k < 4; k++)
        if (a->donors[k] >= 0 && has_family(b, a->donors[k])) return 1;
    return 0;
}

/* the document is in the part measured (--half, --lang) */
static int counted(const doc *a) {
    if (half >= 0 && a->family % 2 != half) return 0;
    if (only_lang && strcmp(a->lang, only_lang)) return 0;
    return 1;
}

static int is_candidate(const dedup_index *ix, uint32_t a, uint32_t b, uint32_t *buf, size_t cap) {
    size_t n = dedup_index_candidates(ix, &ix->doc[a]->sk, buf, cap);
    for (size_t i = 0; i < n && i < cap; i++)
        if (buf[i] == b) return 1;
    return 0;
}

static char *json_str(json_t *o, const char *key) {
    const char *s = json_string_value(json_object_get(o, key));
    return s ? strdup(s) : NULL;
}

/* indexes docs.jsonl; returns the words indexed, or -1 */
static long load_docs(recoupe_dups *d, const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0, cap_docs = 0;
    long total_words = 0;
    while (getline(&line, &cap, f) > 0) {
        json_t *o = json_loads(line, 0, NULL);
        if (!o) continue;
        recoupe_article *a = recoupe_article_new();
        a->id = json_str(o, "id");
        a->file = strdup(a->id);
        a->text = json_str(o, "text");
        a->lang = json_str(o, "lang");
        a->date = json_str(o, "date");
        uint64_t key;
        if (recoupe_dups_add(d, a, n_docs, &key) != RECOUPE_OK) return -1;
        if (n_docs == cap_docs) docs = realloc(docs, (cap_docs = cap_docs * 2 + 1024) * sizeof *docs);
        doc *x = &docs[n_docs];
        x->id = strdup(a->id);
        x->family = (long)json_integer_value(json_object_get(o, "family"));
        x->slot = (uint32_t)key;
        x->dated = a->date != NULL;
        snprintf(x->lang, sizeof x->lang, "%s", a->lang ? a->lang : "");
        json_t *dn = json_object_get(o, "donors");
        for (size_t k = 0; k < 4; k++)
            x->donors[k] = k < json_array_size(dn) ? (long)json_integer_value(json_array_get(dn, k)) : -1;
        total_words += d->ix.doc[(uint32_t)key]->sk.n_words;
        n_docs++;
        recoupe_article_free(a);
        json_decref(o);
    }
    fclose(f);
    free(line);
    qsort(docs, n_docs, sizeof *docs, cmp_doc);
    return total_words;
}

/* per edit: pairs, the ones predicted as labelled, the ones predicted related */
#define MAX_EDITS 64
typedef struct edit_stat {
    char name[64];
    int label;
    long n, right, related;
} edit_stat;

static edit_stat edits[MAX_EDITS];
static int n_edits;

static edit_stat *edit_of(const char *name, int label) {
    for (int i = 0; i < n_edits; i++)
        if (!strcmp(edits[i].name, name)) return &edits[i];
    if (n_edits == MAX_EDITS) return &edits[MAX_EDITS - 1];
    snprintf(edits[n_edits].name, sizeof edits[n_edits].name, "%s", name);
    edits[n_edits].label = label;
    return &edits[n_edits++];
}

typedef struct totals {
    long conf[NREL][NREL]; /* [label][predicted], the classic edits */
    long farm[NREL][NREL]; /* the same for the content-farm pairs (their own figures) */
    long cross[NREL], n_cand;
    long origin[2][2];         /* [dated][right] over found rewrite pairs */
    long origin_undated[2][2]; /* [farm][right] over the undated ones */
} totals;

static void explain(const dedup_index *ix, const recoupe_dups *d, uint32_t sa, uint32_t sb, const char *what) {
    const dedup_sketch *ka = &ix->doc[sa]->sk, *kb = &ix->doc[sb]->sk;
    fprintf(stderr, "%s J=%.2f Jstem=%.2f Jinv=%.2f (%u/%u pairs) c_ab=%.2f c_ba=%.2f al=%.2f/%.2f w=%u/%u\n", what,
            dedup_jaccard(ka->sig, kb->sig, DEDUP_K), dedup_jaccard16(ka->stems, kb->stems, DEDUP_STEM_K),
            dedup_jaccard16(ka->inv, kb->inv, DEDUP_INV_K), ka->n_inv, kb->n_inv, dedup_containment(ka, kb),
            dedup_containment(kb, ka), dedup_alignment(ka, kb, d->th.align), dedup_alignment(kb, ka, d->th.align),
            ka->n_words, kb->n_words);
}

static int score_pairs(const recoupe_dups *d, const char *path, totals *t, uint32_t *buf, size_t cap_buf) {
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    const dedup_index *ix = &d->ix;
    const char *show = getenv("DEDUP_EVAL_SHOW");
    long shown = 0;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        char a[64], b[64], lab[32], edit[64];
        if (sscanf(line, "%63s %63s %31s %63s", a, b, lab, edit) != 4) continue;
        long ia = find_doc(a), ib = find_doc(b);
        int l = label_of(lab);
        if (ia < 0 || ib < 0 || l < 0 || !counted(&docs[ia])) continue;
        uint32_t sa = docs[ia].slot, sb = docs[ib].slot;
        int p = 0;
        double score = 0;
        if (is_candidate(ix, sa, sb, buf, cap_buf) || is_candidate(ix, sb, sa, buf, cap_buf))
            p = class_of(dedup_relate(&ix->doc[sb]->sk, &ix->doc[sa]->sk, &d->th, &score));
        int is_farm = !strncmp(edit, "farm-", 5) || strstr(edit, "-farm") || !strncmp(edit, "same-event", 10);
        (is_farm ? t->farm : t->conf)[l][p]++;
        edit_stat *e = edit_of(edit, l);
        e->n++;
        e->right += p == l;
        e->related += p != 0;
        if (l == 3 && p == 3) /* the source is the pair's first document */
        {
            int right = dedup_doc_before(ix->doc[sa], ix->doc[sb]), dated = docs[ia].dated && docs[ib].dated;
            t->origin[dated][right]++;
            if (!dated) t->origin_undated[is_farm][right]++;
        }
        if (p != l && show && shown++ < atoi(show)) {
            char what[256];
            snprintf(what, sizeof what, "miss %s %s label=%s edit=%s pred=%s", a, b, lab, edit, names[p]);
            explain(ix, d, sa, sb, what);
        }
    }
    fclose(f);
    free(line);
    return 0;
}

/* cross-family relations among all candidate pairs */
static void score_cross(const recoupe_dups *d, totals *t, uint32_t *buf, size_t cap_buf) {
    const dedup_index *ix = &d->ix;
    for (size_t i = 0; i < n_docs; i++) {
        if (!counted(&docs[i])) continue;
        uint32_t s = docs[i].slot;
        size_t n = dedup_index_candidates(ix, &ix->doc[s]->sk, buf, cap_buf);
        for (size_t k = 0; k < n && k < cap_buf; k++) {
            uint32_t c = buf[k];
            if (c <= s) continue;
            t->n_cand++;
            const doc *dc = &docs[find_doc(ix->doc[c]->id)];
            if (shares_family(&docs[i], dc)) continue;
            double score;
            enum dedup_relation r = dedup_relate(&ix->doc[s]->sk, &ix->doc[c]->sk, &d->th, &score);
            int p = class_of(r);
            t->cross[p]++;
            if (p && getenv("DEDUP_EVAL_SHOW"))
                fprintf(stderr, "cross %s %s %s %.2f\n", ix->doc[s]->id, ix->doc[c]->id, names[p], score);
        }
    }
}

static void print_farm(const totals *t) {
    long heavy_n = 0, heavy_tp = 0, neg_n = 0, neg_rel = 0;
    for (int i = 0; i < n_edits; i++) {
        const edit_stat *e = &edits[i];
        if (!strcmp(e->name, "farm-heavy")) heavy_n += e->n, heavy_tp += e->right;
        if (!strncmp(e->name, "same-event", 10)) neg_n += e->n, neg_rel += e->related;
    }
    long tp = t->conf[3][3] + t->farm[3][3], fp = t->cross[3];
    for (int l = 0; l < NREL; l++)
        if (l != 3) fp += t->conf[l][3] + t->farm[l][3];
    double prec = tp + fp ? (double)tp / (double)(tp + fp) : 1;
    double rec = heavy_n ? (double)heavy_tp / (double)heavy_n : 1;
    double unrel = neg_n ? 1.0 - (double)neg_rel / (double)neg_n : 1;
    printf("content farm: heavy rewrites found %ld of %ld (recall %.4f) at rewrite precision %.4f; "
           "same-event negatives related %ld of %ld\n",
           heavy_tp, heavy_n, rec, prec, neg_rel, neg_n);
    printf("figure dedup_farm_heavy_recall %.4f\nfigure dedup_farm_rewrite_precision %.4f\n"
           "figure dedup_same_event_unrelated %.4f\n",
           rec, prec, unrel);
    for (int dated = 1; dated >= 0; dated--) {
        long n = t->origin[dated][0] + t->origin[dated][1];
        double share = n ? (double)t->origin[dated][1] / (double)n : 1;
        printf("origin right on found rewrites, %s: %ld of %ld (%.4f)\n", dated ? "dated" : "undated",
               t->origin[dated][1], n, share);
        printf("figure dedup_rewrite_origin_%s %.4f\n", dated ? "dated" : "undated", share);
    }
    /* undated, by kind: the classic rewrites, and the content-farm ones, whose
     * header, footer and filler can make the copy the longer text */
    for (int farm = 0; farm < 2; farm++) {
        long n = t->origin_undated[farm][0] + t->origin_undated[farm][1];
        double share = n ? (double)t->origin_undated[farm][1] / (double)n : 1;
        printf("origin right on found rewrites, undated, %s: %ld of %ld (%.4f)\n", farm ? "content farm" : "classic",
               t->origin_undated[farm][1], n, share);
        printf("figure dedup_rewrite_origin_undated_%s %.4f\n", farm ? "farm" : "classic", share);
    }
}

static void print_report(const totals *t) {
    printf("%-10s %8s %8s %8s %8s %8s\n", "label", "pairs", "tp", "fp", "precision", "recall");
    for (int r = 1; r < NREL; r++) {
        long tp = t->conf[r][r], fn = 0, fp = t->cross[r];
        for (int p = 0; p < NREL; p++)
            if (p != r) fn += t->conf[r][p];
        for (int l = 0; l < NREL; l++)
            if (l != r) fp += t->conf[l][r];
        double prec = tp + fp ? (double)tp / (double)(tp + fp) : 1, rec = tp + fn ? (double)tp / (double)(tp + fn) : 1;
        printf("%-10s %8ld %8ld %8ld %8.4f %8.4f\n", names[r], tp + fn, tp, fp, prec, rec);
        printf("figure dedup_%s_precision %.4f\nfigure dedup_%s_recall %.4f\n", names[r], prec, names[r], rec);
    }
    printf("confusion (rows: label, columns: predicted none/duplicate/contains/rewrite)\n");
    for (int l = 0; l < NREL; l++)
        printf("  %-10s %6ld %6ld %6ld %6ld\n", names[l], t->conf[l][0], t->conf[l][1], t->conf[l][2], t->conf[l][3]);
    printf("cross-family relations: duplicate %ld, contains %ld, rewrite %ld\n", t->cross[1], t->cross[2], t->cross[3]);
    printf("by edit (label: pairs, predicted as labelled, predicted related)\n");
    for (int i = 0; i < n_edits; i++)
        printf("  %-18s %-9s %6ld %6ld %6ld\n", edits[i].name, names[edits[i].label], edits[i].n, edits[i].right,
               edits[i].related);
    print_farm(t);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: dedup_eval DOCS.jsonl PAIRS.tsv [--threshold J] [--rewrite R] [--align A] "
                        "[--half 0|1] [--lang L]\n");
        return 2;
    }
    recoupe_dups_options opt = {0};
    double align = 0;
    for (int i = 3; i + 1 < argc; i++) {
        if (!strcmp(argv[i], "--threshold"))
            opt.threshold = atof(argv[++i]);
        else if (!strcmp(argv[i], "--rewrite"))
            opt.rewrite = atof(argv[++i]);
        else if (!strcmp(argv[i], "--align"))
            align = atof(argv[++i]);
        else if (!strcmp(argv[i], "--half"))
            half = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--lang"))
            only_lang = argv[++i];
    }
    recoupe_dups *d = recoupe_dups_new(&opt);
    if (!d) return 1;
    if (align > 0) d->th.align = align;
    double t0 = now();
    long total_words = load_docs(d, argv[1]);
    if (total_words < 0) return 1;
    double t_index = now() - t0;
    static uint32_t buf[1 << 16];
    static totals t;
    if (score_pairs(d, argv[2], &t, buf, sizeof buf / sizeof *buf) != 0) return 1;
    double t1 = now();
    score_cross(d, &t, buf, sizeof buf / sizeof *buf);
    double t_pairs = now() - t1;
    printf("documents %zu (%.0f words on average), indexed in %.2f s (%.0f docs/s, sketching included)\n", n_docs,
           (double)total_words / (double)n_docs, t_index, (double)n_docs / t_index);
    printf("candidate pairs %ld, related across families in %.2f s\n", t.n_cand, t_pairs);
    print_report(&t);
    recoupe_dups_free(d);
    return 0;
}
