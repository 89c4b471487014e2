/* bench_corpus.h: what the C benchmarks share: CPU time of the process, and a
 * corpus file read whole and cut into documents at a separator line. Header-only
 * (static functions), since each benchmark is one program of its own. */
#ifndef RECOUPE_BENCH_CORPUS_H
#define RECOUPE_BENCH_CORPUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CPU seconds of this process: per core, whatever else the machine runs. */
static double bench_cpu_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Reads path whole and cuts it at every sep (a 3-byte line such as "\n\f\n").
 * *doc[i] points into the file's text (not NUL-terminated), *dlen[i] is its length;
 * empty documents are kept only when keep_empty; *text is the file's text, for the
 * caller to free with doc and dlen. Returns the count, or -1 (message printed) when
 * the file cannot be read or memory runs out. */
static long bench_corpus_load(const char *path, const char *sep, int keep_empty, char **text, char ***doc,
                              size_t **dlen) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *all = malloc((size_t)size + 1);
    if (!all || fread(all, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        fprintf(stderr, "%s: cannot read\n", path);
        return -1;
    }
    fclose(f);
    all[size] = '\0';
    size_t cap = 1024, n = 0, sep_len = strlen(sep);
    char **d = malloc(cap * sizeof *d);
    size_t *l = malloc(cap * sizeof *l);
    for (char *p = all; d && l && *p;) {
        char *e = strstr(p, sep);
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (n == cap) {
            cap *= 2;
            d = realloc(d, cap * sizeof *d);
            l = realloc(l, cap * sizeof *l);
            if (!d || !l) break;
        }
        if (len > 0 || keep_empty) {
            d[n] = p;
            l[n++] = len;
        }
        p = e ? e + sep_len : p + len;
    }
    if (!d || !l) {
        fprintf(stderr, "%s: out of memory\n", path);
        return -1;
    }
    *text = all;
    *doc = d;
    *dlen = l;
    return (long)n;
}

#endif
