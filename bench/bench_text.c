/* bench_text.c: speed of the text layer on a corpus of article texts.
 *
 * Reads a file of documents separated by a line holding only "\x1e", then for
 * each document: language (text_language), normalised tokens (text_tokenize,
 * which normalises every token), stems of the word tokens (text_stem), and,
 * separately, text_normalize of the whole text and text_numbers. Runs the corpus
 * ROUNDS times and keeps the best time of each stage. Prints MB/s per stage, for
 * the pipeline language + normalisation + tokens + stems, and the peak memory.
 * usage: bench_text CORPUS [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_corpus.h"
#include "text/text.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_text CORPUS [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    char *all, **doc;
    size_t *dlen;
    long n_docs = bench_corpus_load(argv[1], "\n\x1e\n", 1, &all, &doc, &dlen);
    if (n_docs < 0)
        return 1;
    size_t n = (size_t)n_docs;
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += dlen[i];

    double best[5] = {1e30, 1e30, 1e30, 1e30, 1e30};
    size_t n_tokens = 0, n_stems = 0, n_numbers = 0;
    char (*codes)[8] = calloc(n, 8);
    text_number *nums = malloc(4096 * sizeof *nums);
    for (int r = 0; r < rounds; r++) {
        double t0 = bench_cpu_seconds();
        for (size_t i = 0; i < n; i++) {
#ifdef BENCH_NO_LANGUAGE /* to time the rest while no detector is linked: every text is French */
            memcpy(codes[i], "fr", 3);
#else
            text_language(doc[i], dlen[i], NULL, codes[i]);
#endif
        }
        double t1 = bench_cpu_seconds();
        double tok = 0, stem = 0;
        n_tokens = n_stems = 0;
        for (size_t i = 0; i < n; i++) {
            double a = bench_cpu_seconds();
            text_tokens t;
            if (text_tokenize(doc[i], dlen[i], &t) < 0)
                return 1;
            double b = bench_cpu_seconds();
            char out[128];
            for (size_t k = 0; k < t.n; k++)
                if (t.v[k].kind == TEXT_WORD || t.v[k].kind == TEXT_PART) {
                    text_stem(codes[i], t.v[k].s, t.v[k].len, out, sizeof out);
                    n_stems++;
                }
            double c = bench_cpu_seconds();
            n_tokens += t.n;
            text_tokens_free(&t);
            tok += b - a;
            stem += c - b;
        }
        double t2 = bench_cpu_seconds();
        for (size_t i = 0; i < n; i++) {
            size_t l;
            free(text_normalize(doc[i], dlen[i], &l));
        }
        double t3 = bench_cpu_seconds();
        n_numbers = 0;
        for (size_t i = 0; i < n; i++)
            n_numbers += text_numbers(codes[i], doc[i], dlen[i], nums, 4096);
        double t4 = bench_cpu_seconds();
        double st[5] = {t1 - t0, tok, stem, t3 - t2, t4 - t3};
        for (int k = 0; k < 5; k++)
            if (st[k] < best[k])
                best[k] = st[k];
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double mb = bytes / 1e6;
    double pipe = best[0] + best[1] + best[2];
    printf("text: %zu documents, %.1f MB, %zu tokens, %zu stems, %zu numbers, best of %d\n", n, mb,
           n_tokens, n_stems, n_numbers, rounds);
    printf("text: language %.1f MB/s, tokens (normalised) %.1f MB/s, stems %.1f MB/s\n", mb / best[0],
           mb / best[1], mb / best[2]);
    printf("text: text_normalize alone %.1f MB/s, numbers %.1f MB/s\n", mb / best[3], mb / best[4]);
    printf("text: normalisation + tokens + stems %.1f MB/s per core\n", mb / (best[1] + best[2]));
    printf("text: language + normalisation + tokens + stems %.1f MB/s per core, peak %ld MB (corpus %.0f MB)\n",
           mb / pipe, ru.ru_maxrss / 1024, mb);
    /* floors: what was reached on the shared 2-core machine, rounded down */
    printf("FIGURE text_tokens_stems_mb_s %.1f 30\n", mb / (best[1] + best[2]));
    printf("FIGURE text_pipeline_mb_s %.1f 7\n", mb / pipe);
    free(nums);
    free(codes);
    free(doc);
    free(dlen);
    free(all);
    return 0;
}
