/* bench_text_icu.c: the peer of bench_text.c: ICU's UAX #29 word break iterator
 * plus ICU NFKC_Casefold of each word, on the same corpus, to compare the speed of
 * recoupe's own segmenter and normaliser with the Debian library that does both.
 * Stems are left out (both would call libstemmer). Best of ROUNDS, CPU time.
 * usage: bench_text_icu CORPUS [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    FILE *f = fopen(argv[1], "rb");
    if (!f) return 1;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *all = malloc((size_t)size + 1);
    if (fread(all, 1, (size_t)size, f) != (size_t)size) return 1;
    fclose(f);
    all[size] = '\0';
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &err);
    if (U_FAILURE(err)) return 1;
    double best = 1e30;
    size_t words = 0, bytes = 0;
    UChar *u = malloc(((size_t)size + 1) * sizeof *u);
    UChar out[1024];
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        words = bytes = 0;
        for (char *p = all; *p;) {
            char *e = strstr(p, "\n\x1e\n");
            size_t l = e ? (size_t)(e - p) : strlen(p);
            int32_t ul = 0;
            err = U_ZERO_ERROR;
            u_strFromUTF8(u, (int32_t)size + 1, &ul, p, (int32_t)l, &err);
            ubrk_setText(bi, u, ul, &err);
            int32_t a = ubrk_first(bi);
            for (int32_t b = ubrk_next(bi); b != UBRK_DONE; a = b, b = ubrk_next(bi)) {
                if (ubrk_getRuleStatus(bi) == UBRK_WORD_NONE) continue;
                err = U_ZERO_ERROR;
                unorm2_normalize(nfkc_cf, u + a, b - a, out, 1024, &err);
                words++;
            }
            bytes += l;
            p = e ? e + 3 : p + l;
        }
        double t = now() - t0;
        if (t < best) best = t;
    }
    printf("text (ICU peer): %zu words, word break + NFKC_Casefold %.1f MB/s per core\n", words, bytes / 1e6 / best);
    ubrk_close(bi);
    free(u);
    free(all);
    return 0;
}
