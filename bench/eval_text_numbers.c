/* eval_text_numbers.c: prints the numbers text_numbers finds in each file given,
 * one line per number: FILE<TAB>VALUE<TAB>IS_YEAR<TAB>APPROX<TAB>UNIT<TAB>SPAN.
 * Used by bench/eval_text.sh to score the parser against the hand-annotated claims
 * of the seed articles. usage: eval_text_numbers LANG FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    for (int i = 2; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) return 1;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *s = malloc((size_t)n + 1);
        if (!s || fread(s, 1, (size_t)n, f) != (size_t)n) return 1;
        fclose(f);
        size_t cap = 4096;
        text_number *num = malloc(cap * sizeof *num);
        size_t c = text_numbers(argv[1], s, (size_t)n, num, cap);
        const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
        for (size_t k = 0; k < c && k < cap; k++) {
            printf("%s\t%.17g\t%d\t%s\t%s\t", base, num[k].value, num[k].is_year, num[k].approx, num[k].unit);
            for (uint32_t b = 0; b < num[k].len; b++)
                putchar(s[num[k].offset + b] == '\t' || s[num[k].offset + b] == '\n' ? ' ' : s[num[k].offset + b]);
            putchar('\n');
        }
        free(num);
        free(s);
    }
    return 0;
}
