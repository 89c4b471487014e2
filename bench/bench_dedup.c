/* bench_dedup.c: speed and memory of near-duplicate indexing, from 10k to 1M documents.
 *
 * Documents are synthetic (the speed of hashing does not depend on the words):
 * 500 words drawn from a Zipf(1.0) vocabulary of 200,000 words, sentences of 10
 * to 30 words, words of rank > 300 counted as content stems; one document in ten
 * is a near-copy of an earlier one (5% of its words replaced), so that queries
 * find candidates and relations get checked. Generation is not timed.
 *
 * Timed in CPU time of the thread (the machine may be shared), per batch of 8
 * documents: the sketch from analysed tokens (word and stem hashes: shingle
 * MinHash, stem MinHash, sentence records), then for each document the query for
 * candidates and the insertion into the index (dedup_index_add_query: one pass
 * over the keys), and the relation to each candidate.
 * Memory: resident set growth, and the index's own count (dedup_index_bytes).
 * A second figure times dedup_sketch_text (tokenising and stemming included) on
 * real-looking text when a file is given with --text.
 * usage: bench_dedup N [N...] [--text FILE] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dedup/dedup.h"

#define VOCAB 200000
#define WORDS 500

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t rss_bytes(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        fclose(f);
    }
    return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

static uint64_t rng_state = 0x853c49e6748fea9bULL;
static uint64_t rnd(void) {
    uint64_t x = rng_state += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static uint64_t word_hash[VOCAB], stem_hash[VOCAB];
/* Walker's alias table: a draw is one random number and two table reads, exact
 * to 32 bits of probability (generation is not timed, but a binary search of the
 * cdf for each of the 500 words was most of a run's CPU time) */
static uint32_t alias_thr[VOCAB], alias_to[VOCAB];

static void alias_build(const double *p) {
    double *q = malloc(VOCAB * sizeof *q);
    uint32_t *small = malloc(VOCAB * sizeof *small), *large = malloc(VOCAB * sizeof *large);
    size_t ns = 0, nl = 0;
    for (size_t i = 0; i < VOCAB; i++) {
        q[i] = p[i] * VOCAB;
        if (q[i] < 1.0)
            small[ns++] = (uint32_t)i;
        else
            large[nl++] = (uint32_t)i;
    }
    while (ns && nl) {
        uint32_t s = small[--ns], l = large[nl - 1];
        alias_thr[s] = (uint32_t)(q[s] * 4294967296.0 > 4294967295.0 ? 4294967295.0 : q[s] * 4294967296.0);
        alias_to[s] = l;
        q[l] -= 1.0 - q[s];
        if (q[l] < 1.0) nl--, small[ns++] = l;
    }
    while (nl) alias_thr[large[--nl]] = UINT32_MAX, alias_to[large[nl]] = large[nl];
    while (ns) alias_thr[small[--ns]] = UINT32_MAX, alias_to[small[ns]] = small[ns];
    free(q), free(small), free(large);
}

static uint32_t zipf_word(void) {
    uint64_t r = rnd();
    uint32_t i = (uint32_t)(((r >> 32) * VOCAB) >> 32);
    return (uint32_t)r < alias_thr[i] ? i : alias_to[i];
}

/* one document: word ranks and sentence ids */
typedef struct gen_doc {
    uint32_t w[WORDS];
    uint32_t sent[WORDS];
} gen_doc;

static void make_doc(gen_doc *d, const gen_doc *copy_of) {
    if (copy_of) {
        *d = *copy_of;
        for (int i = 0; i < WORDS / 20; i++) d->w[rnd() % WORDS] = zipf_word();
        return;
    }
    uint32_t s = 0, left = 10 + (uint32_t)(rnd() % 21);
    for (int i = 0; i < WORDS; i++) {
        d->w[i] = zipf_word();
        d->sent[i] = s;
        if (--left == 0) s++, left = 10 + (uint32_t)(rnd() % 21);
    }
}

#define BATCH 8

static void run(size_t n) {
    dedup_index ix;
    dedup_index_init(&ix);
    dedup_thresholds th;
    dedup_thresholds_default(&th);
    size_t rss0 = rss_bytes();
    gen_doc *keep = malloc(1024 * sizeof *keep); /* recent documents, for copies */
    gen_doc *batch = malloc(BATCH * sizeof *batch);
    uint64_t *words = malloc((size_t)BATCH * WORDS * sizeof *words);
    uint64_t *stems = malloc((size_t)BATCH * WORDS * sizeof *stems);
    dedup_doc **docs = malloc(BATCH * sizeof *docs);
    static uint32_t cand[1 << 16];
    double t_sign = 0, t_query = 0, t_insert = 0;
    size_t n_cand = 0, n_rel = 0;
    for (size_t i0 = 0; i0 < n; i0 += BATCH) {
        size_t nb = n - i0 < BATCH ? n - i0 : BATCH;
        /* untimed: the documents, as the analyse stage leaves them (token hashes) */
        for (size_t b = 0; b < nb; b++) {
            size_t i = i0 + b;
            int copy = i >= 1024 && rnd() % 10 == 0;
            make_doc(&batch[b], copy ? &keep[rnd() % 1024] : NULL);
            if (!copy) keep[i % 1024] = batch[b];
            for (int k = 0; k < WORDS; k++) {
                words[b * WORDS + k] = word_hash[batch[b].w[k]];
                stems[b * WORDS + k] = stem_hash[batch[b].w[k]];
            }
        }
        double t0 = now();
        for (size_t b = 0; b < nb; b++) {
            dedup_doc *doc = calloc(1, sizeof *doc);
            if (!doc ||
                dedup_sketch_hashes(words + b * WORDS, stems + b * WORDS, batch[b].sent, NULL, WORDS, &doc->sk) != 0) {
                fprintf(stderr, "bench_dedup: out of memory\n");
                exit(1);
            }
            doc->timestamp = (int64_t)(i0 + b);
            doc->index = i0 + b;
            docs[b] = doc;
        }
        double t1 = now();
        for (size_t b = 0; b < nb; b++) {
            size_t nc;
            long slot = dedup_index_add_query(&ix, docs[b], cand, sizeof cand / sizeof *cand, &nc);
            if (slot < 0) {
                fprintf(stderr, "bench_dedup: out of memory\n");
                exit(1);
            }
            for (size_t k = 0; k < nc && k < sizeof cand / sizeof *cand; k++) {
                double score;
                n_rel += dedup_relate(&ix.doc[slot]->sk, &ix.doc[cand[k]]->sk, &th, &score) != DEDUP_NONE;
            }
            n_cand += nc;
        }
        double t2 = now();
        t_sign += t1 - t0;
        t_query += t2 - t1;
    }
    size_t rss = rss_bytes() - rss0, own = dedup_index_bytes(&ix);
    double total = t_sign + t_query + t_insert;
    printf("%9zu docs: %7.0f docs/s per core (sign %.1f us, query + relate + insert %.1f us per doc); "
           "%.2f candidates/doc, %zu related; memory %.0f MB resident (%.0f bytes/doc), index's count %.0f bytes/doc\n",
           n, (double)n / total, t_sign / (double)n * 1e6, t_query / (double)n * 1e6, (double)n_cand / (double)n, n_rel,
           (double)rss / 1e6, (double)rss / (double)n, (double)own / (double)n);
    printf("figure dedup_docs_per_s_%zu %.0f\nfigure dedup_bytes_per_doc_%zu %.0f\n", n, (double)n / total, n,
           (double)rss / (double)n);
    /* removal: every other document */
    double t4 = now();
    for (size_t s = 0; s < ix.n_slots; s += 2) dedup_index_remove(&ix, (uint32_t)s);
    printf("          removed %zu docs at %.0f docs/s\n", (ix.n_slots + 1) / 2,
           (double)((ix.n_slots + 1) / 2) / (now() - t4));
    dedup_index_free(&ix);
    free(keep), free(batch), free(words), free(stems), free(docs);
}

static void run_text(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return;
    }
    char *buf = malloc(1 << 24);
    size_t len = fread(buf, 1, (1 << 24) - 1, f);
    fclose(f);
    buf[len] = 0;
    /* documents: paragraphs grouped by ~500 words */
    size_t n = 0, words = 0;
    double t = 0;
    char *p = buf;
    while (*p) {
        char *start = p;
        size_t w = 0;
        while (*p && w < 500) {
            if (*p == ' ' || *p == '\n') w++;
            p++;
        }
        double t0 = now();
        dedup_sketch sk;
        if (dedup_sketch_text(start, (size_t)(p - start), "en", &sk) != 0) break;
        t += now() - t0;
        words += sk.n_words;
        dedup_sketch_free(&sk);
        n++;
    }
    if (n)
        printf("text sketch (tokenise + stem + sign): %zu docs of %.0f words, %.0f docs/s\n", n,
               (double)words / (double)n, (double)n / t);
    free(buf);
}

int main(int argc, char **argv) {
    double *p = malloc(VOCAB * sizeof *p), sum = 0;
    for (size_t i = 0; i < VOCAB; i++) sum += 1.0 / (double)(i + 1);
    for (size_t i = 0; i < VOCAB; i++) {
        p[i] = 1.0 / (double)(i + 1) / sum;
        word_hash[i] = rnd();
        stem_hash[i] = i > 300 ? rnd() : 0;
    }
    alias_build(p);
    free(p);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--text") && i + 1 < argc) {
            run_text(argv[++i]);
        } else {
            run((size_t)strtoull(argv[i], NULL, 10));
        }
    }
    return 0;
}
