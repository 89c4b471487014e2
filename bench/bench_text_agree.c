/* bench_text_agree.c: how often recoupe's tokeniser cuts words where ICU's UAX #29
 * word break iterator does. For each ICU word (a segment with letters or digits),
 * it counts whether one of recoupe's tokens (words, numbers, parts, CJK units)
 * spans exactly the same bytes. The known, wanted differences are counted apart:
 * elision (ICU keeps "l'armée" whole), hyphenated compounds and numbers grouped
 * with spaces (ICU cuts "nord-coréens" and "8 000"; recoupe keeps the whole and,
 * for compounds, the parts too), URLs and e-mails, and CJK/Thai (ICU uses a
 * dictionary, recoupe bigrams). usage: bench_text_agree CORPUS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "text/text.h"

int main(int argc, char **argv) {
    if (argc < 2) return 2;
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
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &err);
    UChar *u = malloc(((size_t)size + 1) * sizeof *u);
    int32_t *u8off = malloc(((size_t)size + 2) * sizeof *u8off); /* UTF-16 index -> byte offset */
    size_t icu_words = 0, same = 0, inside_ours = 0, cjk = 0;
    for (char *p = all; *p;) {
        char *e = strstr(p, "\n\x1e\n");
        size_t l = e ? (size_t)(e - p) : strlen(p);
        /* our token spans, as a set of (start, end) via two byte maps */
        text_tokens t;
        if (text_tokenize(p, l, &t) < 0) return 1;
        uint32_t *span_end = calloc(l + 1, sizeof *span_end * 4); /* up to 4 tokens starting at a byte */
        for (size_t k = 0; k < t.n; k++) {
            uint32_t *slot = span_end + (size_t)t.v[k].offset * 4;
            for (int s = 0; s < 4; s++)
                if (!slot[s]) {
                    slot[s] = t.v[k].offset + t.v[k].orig_len;
                    break;
                }
        }
        /* special[b]: byte b lies inside one of our tokens that differs from UAX #29 by design */
        unsigned char *special = calloc(l + 1, 1);
        for (size_t k = 0; k < t.n; k++) {
            const text_token *tk = &t.v[k];
            int sp = tk->kind == TEXT_URL || tk->kind == TEXT_EMAIL || tk->kind == TEXT_PART ||
                     (tk->flags & TEXT_ELIDED) || (tk->kind == TEXT_NUMBER && memchr(tk->s, ' ', tk->len)) ||
                     memchr(tk->s, '-', tk->len) || (k + 1 < t.n && t.v[k + 1].kind == TEXT_PART);
            if (k > 0 && (t.v[k - 1].flags & TEXT_ELIDED) && t.v[k - 1].offset + t.v[k - 1].orig_len == tk->offset)
                sp = 1;
            if (sp) memset(special + tk->offset, 1, tk->orig_len);
        }
        /* ICU */
        int32_t ul = 0;
        err = U_ZERO_ERROR;
        u_strFromUTF8(u, (int32_t)size + 1, &ul, p, (int32_t)l, &err);
        size_t b = 0;
        for (int32_t i = 0; i < ul; i++) {
            u8off[i] = (int32_t)b;
            UChar c = u[i];
            if (c < 0x80)
                b += 1;
            else if (c < 0x800)
                b += 2;
            else if (c >= 0xD800 && c <= 0xDBFF) {
                u8off[++i] = (int32_t)b;
                b += 4;
            } else
                b += 3;
        }
        u8off[ul] = (int32_t)b;
        ubrk_setText(bi, u, ul, &err);
        int32_t a = ubrk_first(bi);
        for (int32_t z = ubrk_next(bi); z != UBRK_DONE; a = z, z = ubrk_next(bi)) {
            int st = ubrk_getRuleStatus(bi);
            if (st == UBRK_WORD_NONE) continue;
            uint32_t s0 = (uint32_t)u8off[a], s1 = (uint32_t)u8off[z];
            if (st >= UBRK_WORD_KANA && st < UBRK_WORD_KANA_LIMIT) {
                cjk++;
                continue;
            }
            if (st >= UBRK_WORD_IDEO) {
                cjk++;
                continue;
            }
            icu_words++;
            int match = 0;
            for (int s = 0; s < 4; s++)
                if (span_end[(size_t)s0 * 4 + s] == s1) match = 1;
            if (match)
                same++;
            else if (special[s0] || (s1 > s0 && special[s1 - 1]))
                inside_ours++;
        }
        free(special);
        free(span_end);
        text_tokens_free(&t);
        p = e ? e + 3 : p + l;
    }
    printf("text: tokens vs ICU UAX #29 words: %zu ICU words, %.2f%% same span, %.2f%% differ by design "
           "(elision, compounds, grouped numbers, URLs), %.2f%% other; %zu CJK/kana words not compared\n",
           icu_words, 100.0 * same / icu_words, 100.0 * inside_ours / icu_words,
           100.0 * (icu_words - same - inside_ours) / icu_words, cjk);
    printf("FIGURE text_tokens_icu_agreement %.4f 0.97\n", (double)(same + inside_ours) / icu_words);
    free(u8off);
    free(u);
    free(all);
    ubrk_close(bi);
    return 0;
}
