/* bench_facts.c: speed of the facts extractor (entities + claims): reads text
 * files, runs recoupe_facts_extract over all of them until at least 2 s of CPU
 * time have passed, and prints MB/s of text per core (CPU time, one thread). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "recoupe.h"

static double cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    char **text = calloc((size_t)argc, sizeof *text);
    size_t *len = calloc((size_t)argc, sizeof *len), total = 0, claims = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) continue;
        text[i] = malloc(1 << 22);
        len[i] = fread(text[i], 1, (1 << 22) - 1, f);
        fclose(f);
        total += len[i];
    }
    if (!total) {
        fprintf(stderr, "usage: bench_facts FILE...\n");
        return 2;
    }
    double t0 = cpu(), bytes = 0;
    while (cpu() - t0 < 2.0)
        for (int i = 1; i < argc; i++) {
            if (!text[i]) continue;
            recoupe_facts *f = NULL;
            if (recoupe_facts_extract(text[i], len[i], "fr", 1730332800, &f) != RECOUPE_OK) return 1;
            claims += f->n_claims;
            recoupe_facts_free(f);
            bytes += (double)len[i];
        }
    double s = cpu() - t0;
    printf("bench_facts: %.1f MB in %.2f s CPU: %.1f MB/s per core (%zu claims)\n", bytes / 1e6, s, bytes / 1e6 / s,
           claims);
    return 0;
}
