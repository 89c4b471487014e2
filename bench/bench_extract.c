/* bench_extract.c: speed of the extraction stage alone, in CPU time.
 *
 * Reads every page named in a list file (one path a line), un-gzips and decodes it
 * (recoupe_article_from_memory, recoupe_article_decode) into memory first; then
 * runs recoupe_article_extract over all of them ROUNDS times on one thread, timing
 * only the extraction, and keeps the best round. Prints pages, MB of HTML, CPU
 * seconds, MB/s of CPU, and a hash of every field extracted (title, date, site,
 * author, lang, description, url, text), so that a faster build can show that it
 * gives the same output.
 * usage: bench_extract LIST [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_corpus.h"
#include "recoupe.h"
#define XXH_INLINE_ALL
#include <xxhash.h>

typedef struct page {
    char *name, *body;
    size_t len;
    int is_html;
} page;

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = size >= 0 ? malloc((size_t)size + 1) : NULL;
    if (b && fread(b, 1, (size_t)size, f) != (size_t)size) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b) *len = (size_t)size;
    return b;
}

static void hash_str(XXH3_state_t *h, const char *s) {
    uint64_t n = s ? strlen(s) + 1 : 0; /* NULL and "" hash apart */
    XXH3_64bits_update(h, &n, sizeof n);
    if (s) XXH3_64bits_update(h, s, n - 1);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench_extract LIST [ROUNDS]\n");
        return 2;
    }
    (void)bench_corpus_load; /* the shared header's loader: pages here come one per file */
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    FILE *lf = fopen(argv[1], "r");
    if (!lf) {
        perror(argv[1]);
        return 1;
    }
    page *pages = NULL;
    size_t n = 0, cap = 0, bytes = 0;
    char line[4096];
    while (fgets(line, sizeof line, lf)) {
        line[strcspn(line, "\n")] = 0;
        if (!*line) continue;
        size_t len = 0;
        char *raw = slurp(line, &len);
        recoupe_article *a = NULL;
        if (!raw || recoupe_article_from_memory(line, raw, len, &a) != RECOUPE_OK ||
            recoupe_article_decode(a) != RECOUPE_OK || !a->body) {
            fprintf(stderr, "bench_extract: %s: cannot read\n", line);
            free(raw);
            recoupe_article_free(a);
            continue;
        }
        free(raw);
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            pages = realloc(pages, cap * sizeof *pages);
            if (!pages) return 1;
        }
        size_t blen = a->body_len ? a->body_len : strlen(a->body);
        pages[n].name = strdup(line);
        pages[n].body = malloc(blen + 1);
        if (!pages[n].name || !pages[n].body) return 1;
        memcpy(pages[n].body, a->body, blen);
        pages[n].body[blen] = 0;
        pages[n].len = blen;
        pages[n].is_html = a->is_html;
        bytes += blen;
        n++;
        recoupe_article_free(a);
    }
    fclose(lf);
    double best = -1;
    uint64_t hash = 0;
    for (int r = 0; r < rounds; r++) {
        XXH3_state_t *h = XXH3_createState();
        XXH3_64bits_reset(h);
        double cpu = 0;
        for (size_t i = 0; i < n; i++) {
            recoupe_article *a = recoupe_article_new();
            if (!a || !(a->body = malloc(pages[i].len + 1))) return 1;
            memcpy(a->body, pages[i].body, pages[i].len + 1);
            a->body_len = pages[i].len;
            a->is_html = pages[i].is_html;
            double t0 = bench_cpu_seconds();
            recoupe_status st = recoupe_article_extract(a);
            cpu += bench_cpu_seconds() - t0;
            if (st != RECOUPE_OK) fprintf(stderr, "bench_extract: %s: %s\n", pages[i].name, recoupe_strerror(st));
            const char *f[] = {a->title, a->date, a->site, a->author, a->lang, a->description, a->url, a->text};
            for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) hash_str(h, f[k]);
            recoupe_article_free(a);
        }
        hash = XXH3_64bits_digest(h);
        XXH3_freeState(h);
        if (best < 0 || cpu < best) best = cpu;
    }
    printf("extraction stage: %zu pages, %.1f MB of HTML, 1 thread: CPU %.2f s, %.1f MB/s of CPU (best of %d); "
           "output hash %016llx\n",
           n, bytes / 1e6, best, best > 0 ? bytes / 1e6 / best : 0, rounds, (unsigned long long)hash);
    for (size_t i = 0; i < n; i++) free(pages[i].name), free(pages[i].body);
    free(pages);
    return 0;
}
