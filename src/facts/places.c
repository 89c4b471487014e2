/* places.c: the gazetteer. A sorted table of folded place names (countries and
 * cities in French, English and Russian) generated at build time from Debian's
 * unicode-cldr-core and iso-codes by scripts/gen_places.py; looked up by binary
 * search on the folded name, so "Corée du Sud", "South Korea" and "Южная Корея"
 * all give KR. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "facts/facts_int.h"

typedef struct place {
    const char *name;
    const char *cc;
    int kind;
} place;

static const place table[] = {
#include "facts_places.inc"
};

size_t facts_fold(const char *s, size_t len, char *out, size_t cap) {
    utf8proc_uint8_t *r = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &r,
                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_COMPOSE);
    size_t o = 0;
    if (n > 0)
        for (utf8proc_ssize_t i = 0; i < n && o + 1 < cap; i++) {
            unsigned char ch = r[i];
            /* the typographic apostrophe U+2019 as ' */
            if (ch == 0xE2 && i + 2 < n && r[i + 1] == 0x80 && r[i + 2] == 0x99) {
                out[o++] = '\'';
                i += 2;
                continue;
            }
            out[o++] = (char)ch;
        }
    free(r);
    if (cap) out[o] = 0;
    return o;
}

int facts_place(const char *name, size_t len, char country[3]) {
    char f[128];
    if (len >= sizeof f) return 0;
    facts_fold(name, len, f, sizeof f);
    size_t lo = 0, hi = sizeof table / sizeof *table;
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        int c = strcmp(table[m].name, f);
        if (!c) {
            memcpy(country, table[m].cc, 3);
            return table[m].kind;
        }
        if (c < 0)
            lo = m + 1;
        else
            hi = m;
    }
    return 0;
}
