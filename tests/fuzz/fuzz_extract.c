/* fuzz_extract.c: any bytes, decoded, then extracted as HTML and as plain text:
 * never a crash, a leak or a hang, whatever the markup. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    for (int html = 0; html < 2; html++) {
        recoupe_article *a = NULL;
        if (recoupe_article_from_memory(html ? "x.html" : "x.txt", data, size, &a) != RECOUPE_OK) return 0;
        if (recoupe_article_decode(a) == RECOUPE_OK) {
            a->is_html = html;
            if (recoupe_article_extract(a) == RECOUPE_OK && a->text && strlen(a->text) > a->body_len + 16) abort();
        }
        recoupe_article_free(a);
    }
    return 0;
}
