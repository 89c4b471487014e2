/* fuzz_facts.c: libFuzzer target for the facts extractor: any bytes (made valid
 * UTF-8 the way decode would not matter here: the extractor must take any text)
 * give facts whose offsets lie inside the input, whose intervals are ordered, and
 * whose JSON can be written; the first byte picks the language. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const langs[] = {"fr", "en", "ru", NULL, "und", "de", "fr", "en"};
    if (size == 0) return 0;
    const char *lang = langs[data[0] & 7];
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    recoupe_facts *f = NULL;
    if (recoupe_facts_extract(s, len, lang, 1730332800 + (int64_t)data[0] * 86400, &f) != RECOUPE_OK) return 0;
    for (size_t i = 0; i < f->n_claims; i++) {
        const recoupe_claim *c = &f->claims[i];
        if (c->start > c->end || c->end > len || c->num_end > len || c->num_start > c->num_end) abort();
        if (!isnan(c->low) && !isnan(c->high) && c->low > c->high) abort();
        if (c->speaker >= (int)f->n_entities) abort();
        char *j = recoupe_claim_json(NULL, c, NULL, NULL);
        if (!j) abort();
        free(j);
    }
    for (size_t i = 0; i < f->n_entities; i++) {
        if (!f->entities[i].name || !f->entities[i].key || f->entities[i].first > len) abort();
        char *j = recoupe_entity_json(NULL, &f->entities[i]);
        if (!j) abort();
        free(j);
    }
    recoupe_facts_free(f);
    return 0;
}
