/* dedup_eval.c: precision and recall of the duplicate relations on a labelled set.
 *
 * Reads docs.jsonl ({"id","family","lang","text"}) and pairs.tsv (a, b, label,
 * edit) written by gen_dedup.py, indexes every document through the public API
 * (recoupe_dups_add), then for each labelled pair asks what the engine says: the
 * relation of b to a when the index offers b as a candidate of a (or a of b),
 * else none. Labels and predictions are duplicate / contains (either direction)
 * / rewrite / none. Besides the labelled pairs, every candidate pair of two
 * documents that share no text by construction (different families, and
 * neither took paragraphs from the other's family) that the engine relates is a
 * false positive (it counts against precision too).
 * usage: dedup_eval DOCS.jsonl PAIRS.tsv [--threshold J] [--rewrite R] [--align A] */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dedup/dedup_int.h"

#define NREL 4 /* none, duplicate, contains, rewrite */
static const char *names[NREL] = {"none", "duplicate", "contains", "rewrite"};

static int label_of(const char *s)
{
    for (int i = 0; i < NREL; i++)
        if (!strcmp(s, names[i])) return i;
    return -1;
}

static int class_of(enum dedup_relation r)
{
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
} doc;

static doc *docs;
static size_t n_docs;

static long find_doc(const char *id)
{
    size_t lo = 0, hi = n_docs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(docs[mid].id, id);
        if (c == 0) return (long)mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

static int cmp_doc(const void *a, const void *b)
{
    return strcmp(((const doc *)a)->id, ((const doc *)b)->id);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int has_family(const doc *a, long fam)
{
    if (a->family == fam) return 1;
    for (int k = 0; k < 4; k++)
        if (a->donors[k] == fam) return 1;
    return 0;
}

/* one holds text of the other's family (a variant, or paragraphs it took) */
static int shares_family(const doc *a, const doc *b)
{
    if (has_family(a, b->family) || has_family(b, a->family)) return 1;
    for (int k = 0; k < 4; k++)
        if (a->donors[k] >= 0 && has_family(b, a->donors[k])) return 1;
    return 0;
}

static int is_candidate(const dedup_index *ix, uint32_t a, uint32_t b, uint32_t *buf, size_t cap)
{
    size_t n = dedup_index_candidates(ix, &ix->doc[a]->sk, buf, cap);
    for (size_t i = 0; i < n && i < cap; i++)
        if (buf[i] == b) return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: dedup_eval DOCS.jsonl PAIRS.tsv [--threshold J]\n");
        return 2;
    }
    recoupe_dups_options opt = {0};
    double align = 0;
    for (int i = 3; i + 1 < argc; i++) {
        if (!strcmp(argv[i], "--threshold")) opt.threshold = atof(argv[++i]);
        else if (!strcmp(argv[i], "--rewrite")) opt.rewrite = atof(argv[++i]);
        else if (!strcmp(argv[i], "--align")) align = atof(argv[++i]);
    }
    recoupe_dups *d = recoupe_dups_new(&opt);
    if (d && align > 0) d->th.align = align;
    FILE *f = fopen(argv[1], "r");
    if (!d || !f) {
        perror(argv[1]);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0, cap_docs = 0;
    double t0 = now();
    long total_words = 0;
    while (getline(&line, &cap, f) > 0) {
        json_t *o = json_loads(line, 0, NULL);
        if (!o) continue;
        recoupe_article *a = recoupe_article_new();
        a->id = strdup(json_string_value(json_object_get(o, "id")));
        a->file = strdup(a->id);
        a->text = strdup(json_string_value(json_object_get(o, "text")));
        a->lang = strdup(json_string_value(json_object_get(o, "lang")));
        uint64_t key;
        if (recoupe_dups_add(d, a, n_docs, &key) != RECOUPE_OK) return 1;
        if (n_docs == cap_docs) docs = realloc(docs, (cap_docs = cap_docs * 2 + 1024) * sizeof *docs);
        docs[n_docs].id = strdup(a->id);
        docs[n_docs].family = (long)json_integer_value(json_object_get(o, "family"));
        docs[n_docs].slot = (uint32_t)key;
        json_t *dn = json_object_get(o, "donors");
        for (size_t k = 0; k < 4; k++)
            docs[n_docs].donors[k] = k < json_array_size(dn) ? (long)json_integer_value(json_array_get(dn, k)) : -1;
        total_words += d->ix.doc[(uint32_t)key]->sk.n_words;
        n_docs++;
        recoupe_article_free(a);
        json_decref(o);
    }
    fclose(f);
    double t_index = now() - t0;
    qsort(docs, n_docs, sizeof *docs, cmp_doc);

    long conf[NREL][NREL] = {{0}}; /* [label][predicted] */
    static uint32_t buf[1 << 16];
    f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    const dedup_index *ix = &d->ix;
    long shown = 0;
    while (getline(&line, &cap, f) > 0) {
        char a[64], b[64], lab[32], edit[64];
        if (sscanf(line, "%63s %63s %31s %63s", a, b, lab, edit) != 4) continue;
        long ia = find_doc(a), ib = find_doc(b);
        int l = label_of(lab);
        if (ia < 0 || ib < 0 || l < 0) continue;
        uint32_t sa = docs[ia].slot, sb = docs[ib].slot;
        int p = 0;
        double score = 0;
        enum dedup_relation r = DEDUP_NONE;
        if (is_candidate(ix, sa, sb, buf, sizeof buf / sizeof *buf) ||
            is_candidate(ix, sb, sa, buf, sizeof buf / sizeof *buf)) {
            r = dedup_relate(&ix->doc[sb]->sk, &ix->doc[sa]->sk, &d->th, &score);
            p = class_of(r);
        }
        conf[l][p]++;
        if (p != l && getenv("DEDUP_EVAL_SHOW") && shown++ < atoi(getenv("DEDUP_EVAL_SHOW"))) {
            double j = dedup_jaccard(ix->doc[sa]->sk.sig, ix->doc[sb]->sk.sig, DEDUP_K);
            double cab = dedup_containment(&ix->doc[sa]->sk, &ix->doc[sb]->sk);
            double cba = dedup_containment(&ix->doc[sb]->sk, &ix->doc[sa]->sk);
            double al = dedup_alignment(&ix->doc[sa]->sk, &ix->doc[sb]->sk, d->th.align);
            double al2 = dedup_alignment(&ix->doc[sb]->sk, &ix->doc[sa]->sk, d->th.align);
            double js = dedup_jaccard16(ix->doc[sa]->sk.stems, ix->doc[sb]->sk.stems, DEDUP_STEM_K);
            fprintf(stderr, "miss %s %s label=%s edit=%s pred=%s J=%.2f Jstem=%.2f c_ab=%.2f c_ba=%.2f al=%.2f/%.2f w=%u/%u\n",
                    a, b, lab, edit, names[p], j, js, cab, cba, al, al2, ix->doc[sa]->sk.n_words,
                    ix->doc[sb]->sk.n_words);
        }
    }
    fclose(f);
    free(line);

    /* cross-family relations among all candidate pairs */
    long cross[NREL] = {0}, n_cand = 0;
    double t1 = now();
    for (size_t i = 0; i < n_docs; i++) {
        uint32_t s = docs[i].slot;
        size_t n = dedup_index_candidates(ix, &ix->doc[s]->sk, buf, sizeof buf / sizeof *buf);
        for (size_t k = 0; k < n && k < sizeof buf / sizeof *buf; k++) {
            uint32_t c = buf[k];
            if (c <= s) continue;
            n_cand++;
            const doc *dc = &docs[find_doc(ix->doc[c]->id)];
            if (shares_family(&docs[i], dc)) continue;
            double score;
            enum dedup_relation r = dedup_relate(&ix->doc[s]->sk, &ix->doc[c]->sk, &d->th, &score);
            int p = class_of(r);
            cross[p]++;
            if (p && getenv("DEDUP_EVAL_SHOW"))
                fprintf(stderr, "cross %s %s %s %.2f\n", ix->doc[s]->id, ix->doc[c]->id, names[p], score);
        }
    }
    double t_pairs = now() - t1;

    printf("documents %zu (%.0f words on average), indexed in %.2f s (%.0f docs/s, sketching included)\n",
           n_docs, (double)total_words / (double)n_docs, t_index, (double)n_docs / t_index);
    printf("candidate pairs %ld, related across families in %.2f s\n", n_cand, t_pairs);
    printf("%-10s %8s %8s %8s %8s %8s\n", "label", "pairs", "tp", "fp", "precision", "recall");
    for (int r = 1; r < NREL; r++) {
        long tp = conf[r][r], fn = 0, fp = cross[r];
        for (int p = 0; p < NREL; p++)
            if (p != r) fn += conf[r][p];
        for (int l = 0; l < NREL; l++)
            if (l != r) fp += conf[l][r];
        double prec = tp + fp ? (double)tp / (double)(tp + fp) : 1, rec = tp + fn ? (double)tp / (double)(tp + fn) : 1;
        printf("%-10s %8ld %8ld %8ld %8.4f %8.4f\n", names[r], tp + fn, tp, fp, prec, rec);
        printf("figure dedup_%s_precision %.4f\nfigure dedup_%s_recall %.4f\n", names[r], prec, names[r], rec);
    }
    printf("confusion (rows: label, columns: predicted none/duplicate/contains/rewrite)\n");
    for (int l = 0; l < NREL; l++)
        printf("  %-10s %6ld %6ld %6ld %6ld\n", names[l], conf[l][0], conf[l][1], conf[l][2], conf[l][3]);
    printf("cross-family relations: duplicate %ld, contains %ld, rewrite %ld\n", cross[1], cross[2], cross[3]);
    recoupe_dups_free(d);
    return 0;
}
