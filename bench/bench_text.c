/* bench_text.c: speed of the text layer on a corpus of article texts.
 *
 * Reads a file of documents separated by a line holding only "\x1e", then for
 * each document: language (text_language), normalised tokens (text_tokenize,
 * which normalises every token) and stems of its word tokens (text_stem) right
 * after, as the engine does; then tokens alone (stems are timed as the
 * difference), and, separately, text_normalize of the whole text and
 * text_numbers. Each stage is timed whole, not text by text. Runs the corpus
 * ROUNDS times and keeps the best time of each stage. Prints MB/s per stage, for
 * the pipeline language + normalisation + tokens + stems, and the peak memory.
 * usage: bench_text CORPUS [ROUNDS]
 *
 * bench_text --hash CORPUS... prints instead one hash per corpus (and their
 * combination) of everything the layer gives the rest of the engine: each
 * document's language, text_normalize of it, and for every token its
 * normalised text, kind, flags, sentence, offsets and stem (text_stem in the
 * document's language, whatever the kind), to show that a change to the layer
 * leaves its output the same. Documents are separated by "\n\x1e\n", else
 * "\n\f\n" (the extracted pages of bench_langid.sh), else one per line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_corpus.h"
#include "text/text.h"
#define XXH_INLINE_ALL
#include <xxhash.h>

static void hash_add(XXH3_state_t *h, const void *p, size_t len) {
    uint64_t n = len;
    XXH3_64bits_update(h, &n, sizeof n); /* length first: no two sequences hash alike */
    XXH3_64bits_update(h, p, len);
}

/* The hash of the layer's output over one corpus file; -1 when it cannot be read. */
static int hash_corpus(const char *path, uint64_t *out, size_t *n_docs_out, size_t *n_tokens_out) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    char head[1 << 16];
    size_t got = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[got] = '\0';
    const char *sep = strstr(head, "\n\x1e\n") ? "\n\x1e\n" : strstr(head, "\n\f\n") ? "\n\f\n" : "\n";
    char *all, **doc;
    size_t *dlen;
    long n = bench_corpus_load(path, sep, 1, &all, &doc, &dlen);
    if (n < 0) return -1;
    XXH3_state_t *h = XXH3_createState();
    XXH3_64bits_reset(h);
    size_t n_tokens = 0;
    char stem[256];
    for (long i = 0; i < n; i++) {
        /* each document in a buffer of its own size, so that a read past its end is
         * one a sanitiser sees (bench_text built with make asan's flags) */
        char *d = malloc(dlen[i] ? dlen[i] : 1);
        if (!d) return -1;
        memcpy(d, doc[i], dlen[i]);
        char code[8] = {0};
        text_language(d, dlen[i], NULL, code);
        hash_add(h, code, strlen(code));
        size_t nl;
        char *norm = text_normalize(d, dlen[i], &nl);
        hash_add(h, norm, nl);
        free(norm);
        text_tokens t;
        if (text_tokenize(d, dlen[i], &t) < 0) return -1;
        hash_add(h, &t.n_sentences, sizeof t.n_sentences);
        for (size_t k = 0; k < t.n; k++) {
            const text_token *tk = &t.v[k];
            uint32_t meta[6] = {tk->len, tk->offset, tk->orig_len, tk->sentence, tk->kind, tk->flags};
            hash_add(h, meta, sizeof meta);
            hash_add(h, tk->s, tk->len + 1); /* with its NUL */
            size_t sl = text_stem(code, tk->s, tk->len, stem, sizeof stem);
            hash_add(h, stem, sl + 1);
        }
        n_tokens += t.n;
        text_tokens_free(&t);
        free(d);
    }
    *out = XXH3_64bits_digest(h);
    *n_docs_out = (size_t)n;
    *n_tokens_out = n_tokens;
    XXH3_freeState(h);
    free(doc);
    free(dlen);
    free(all);
    return 0;
}

static int hash_main(int argc, char **argv) {
    uint64_t combined = 0;
    for (int a = 0; a < argc; a++) {
        uint64_t v;
        size_t nd, nt;
        if (hash_corpus(argv[a], &v, &nd, &nt) < 0) return 1;
        printf("text hash: %016llx  %s (%zu documents, %zu tokens)\n", (unsigned long long)v, argv[a], nd, nt);
        combined = combined * 0x9E3779B97F4A7C15ull ^ v;
    }
    printf("text hash: %016llx  all\n", (unsigned long long)combined);
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 2 && !strcmp(argv[1], "--hash")) return hash_main(argc - 2, argv + 2);
    if (argc < 2) {
        fprintf(stderr, "usage: bench_text CORPUS [ROUNDS] | bench_text --hash CORPUS...\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    char *all, **doc;
    size_t *dlen;
    long n_docs = bench_corpus_load(argv[1], "\n\x1e\n", 1, &all, &doc, &dlen);
    if (n_docs < 0) return 1;
    size_t n = (size_t)n_docs;
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) bytes += dlen[i];

    double best[5] = {1e30, 1e30, 1e30, 1e30, 1e30};
    size_t n_tokens = 0, n_stems = 0, n_numbers = 0;
    char(*codes)[8] = calloc(n, 8);
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
        /* tokens and stems as the engine's callers do them: a text's words are
         * stemmed right after it is tokenised; then tokens alone, stems being the
         * difference (a clock read per text would cost 1-2 us, a few % of the time) */
        n_tokens = n_stems = 0;
        for (size_t i = 0; i < n; i++) {
            text_tokens t;
            if (text_tokenize(doc[i], dlen[i], &t) < 0) return 1;
            char out[128];
            for (size_t k = 0; k < t.n; k++)
                if (t.v[k].kind == TEXT_WORD || t.v[k].kind == TEXT_PART) {
                    text_stem(codes[i], t.v[k].s, t.v[k].len, out, sizeof out);
                    n_stems++;
                }
            n_tokens += t.n;
            text_tokens_free(&t);
        }
        double t1b = bench_cpu_seconds();
        for (size_t i = 0; i < n; i++) {
            text_tokens t;
            if (text_tokenize(doc[i], dlen[i], &t) < 0) return 1;
            text_tokens_free(&t);
        }
        double t2 = bench_cpu_seconds();
        for (size_t i = 0; i < n; i++) {
            size_t l;
            free(text_normalize(doc[i], dlen[i], &l));
        }
        double t3 = bench_cpu_seconds();
        n_numbers = 0;
        for (size_t i = 0; i < n; i++) n_numbers += text_numbers(codes[i], doc[i], dlen[i], nums, 4096);
        double t4 = bench_cpu_seconds();
        double st[5] = {t1 - t0, t1b - t1, t2 - t1b, t3 - t2, t4 - t3};
        for (int k = 0; k < 5; k++)
            if (st[k] < best[k]) best[k] = st[k];
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double mb = bytes / 1e6;
    double pipe = best[0] + best[1];
    double stems = best[1] - best[2] > 1e-6 ? best[1] - best[2] : 1e-6;
    printf("text: %zu documents, %.1f MB, %zu tokens, %zu stems, %zu numbers, best of %d\n", n, mb, n_tokens, n_stems,
           n_numbers, rounds);
    printf("text: language %.1f MB/s, tokens (normalised) %.1f MB/s, stems %.1f MB/s\n", mb / best[0], mb / best[2],
           mb / stems);
    printf("text: text_normalize alone %.1f MB/s, numbers %.1f MB/s\n", mb / best[3], mb / best[4]);
    printf("text: normalisation + tokens + stems %.1f MB/s per core\n", mb / best[1]);
    printf("text: language + normalisation + tokens + stems %.1f MB/s per core, peak %ld MB (corpus %.0f MB)\n",
           mb / pipe, ru.ru_maxrss / 1024, mb);
    /* floors: what was reached on the shared 2-core machine (40-56 and 36-49 MB/s at a
     * load average of 6 to 7.5), less what other people's jobs can take from it */
    printf("FIGURE text_tokens_stems_mb_s %.1f 36\n", mb / best[1]);
    printf("FIGURE text_pipeline_mb_s %.1f 30\n", mb / pipe);
    free(nums);
    free(codes);
    free(doc);
    free(dlen);
    free(all);
    return 0;
}
