/* bench_langid.c: speed of language identification on article texts.
 *
 * Reads a file of documents separated by a line holding only a form feed (what
 * `recoupe extract --format text` prints), then detects the language of every
 * document with each method (best, ngram, cld2) ROUNDS times, keeping the best CPU
 * time of one thread (CLOCK_PROCESS_CPUTIME_ID: other processes on the machine do
 * not count). Prints MB/s per method and the peak memory. With a third argument,
 * writes the best method's code of every document to that file, one per line
 * (to compare the answers of two builds: bench_langid.sh keeps the full-text
 * detector's answers as a reference).
 * usage: bench_langid CORPUS [ROUNDS] [CODES_OUT] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_corpus.h"
#include "recoupe.h"

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench_langid CORPUS [ROUNDS] [CODES_OUT]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    /* the environment, mapped onto the library's settings as the CLI does */
    const char *full = getenv("RECOUPE_LANGID_FULL");
    recoupe_langid_config lc = {.model_path = getenv("RECOUPE_LANGID_MODEL"), .full = full && !strcmp(full, "1")};
    if (recoupe_langid_configure(&lc) != RECOUPE_OK)
        fprintf(stderr, "bench_langid: cannot use the language model %s; using the built-in one\n", lc.model_path);
    char *all, **doc;
    size_t *dlen;
    long n_docs = bench_corpus_load(argv[1], "\n\f\n", 0, &all, &doc, &dlen);
    if (n_docs < 0) return 1;
    size_t n = (size_t)n_docs;
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) bytes += dlen[i];
    char(*codes)[8] = calloc(n ? n : 1, 8);
    static const struct {
        const char *name;
        recoupe_langid_method m;
    } methods[] = {{"best", RECOUPE_LANGID_BEST}, {"ngram", RECOUPE_LANGID_NGRAM}, {"cld2", RECOUPE_LANGID_CLD2}};
    printf("bench_langid: %zu documents, %.2f MB (mean %.0f bytes)\n", n, bytes / 1e6,
           n ? (double)bytes / (double)n : 0.0);
    for (size_t k = 0; k < 3; k++) {
        double best = 1e30;
        size_t und = 0;
        for (int r = 0; r < rounds; r++) {
            double t0 = bench_cpu_seconds();
            for (size_t i = 0; i < n; i++) {
                char code[8];
                float conf;
                recoupe_detect_language_with(doc[i], dlen[i], NULL, methods[k].m, code, &conf);
                if (k == 0) memcpy(codes[i], code, 8);
                if (r == 0 && strcmp(code, "und") == 0) und++;
            }
            double t = bench_cpu_seconds() - t0;
            if (t < best) best = t;
        }
        printf("  --method %-6s %7.1f MB/s  (%.3f s CPU, best of %d; %zu und)\n", methods[k].name,
               bytes / 1e6 / (best > 1e-9 ? best : 1e-9), best, rounds, und);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("  peak memory %ld MiB (corpus %.1f MB included)\n", ru.ru_maxrss / 1024, strlen(all) / 1e6);
    if (argc > 3) {
        FILE *o = fopen(argv[3], "w");
        if (!o) {
            perror(argv[3]);
            return 1;
        }
        for (size_t i = 0; i < n; i++) fprintf(o, "%s\n", codes[i]);
        fclose(o);
    }
    return 0;
}
