/* fuzz_text.c: libFuzzer target for the text layer's parsers: the tokeniser (with
 * its invariants: offsets inside the input, NUL-terminated forms, sentence
 * indices in order), sentences, normalisation, stems of every token, and the
 * number parser under each decimal convention. The first byte picks the language. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const langs[] = {"fr", "en", "ru", "de", NULL, "und", "zh", "ar"};
    if (size == 0) return 0;
    const char *lang = langs[data[0] & 7];
    const char *s = (const char *)data + 1;
    size_t len = size - 1;

    text_tokens t;
    if (text_tokenize(s, len, &t) == 0) {
        uint16_t last = 0;
        for (size_t i = 0; i < t.n; i++) {
            const text_token *k = &t.v[i];
            if ((size_t)k->offset + k->orig_len > len || strlen(k->s) != k->len || k->len == 0) abort();
            if (k->sentence < last) abort();
            last = k->sentence;
            char stem[64];
            if (text_stem(lang, k->s, k->len, stem, sizeof stem) >= sizeof stem) abort();
        }
        text_tokens_free(&t);
    }
    uint32_t starts[64];
    size_t ns = text_sentences(s, len, starts, 64);
    for (size_t i = 0; i < ns; i++)
        if (starts[i] >= len || (i && starts[i] <= starts[i - 1])) abort();
    size_t nl;
    free(text_normalize(s, len, &nl));

    text_number num[32];
    size_t n = text_numbers(lang, s, len, num, 32);
    for (size_t i = 0; i < n && i < 32; i++)
        if ((size_t)num[i].offset + num[i].len > len || num[i].value != num[i].value ||
            strlen(num[i].approx) >= sizeof num[i].approx || strlen(num[i].unit) >= sizeof num[i].unit)
            abort();
    return 0;
}
