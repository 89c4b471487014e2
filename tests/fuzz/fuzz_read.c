/* fuzz_read.c: any bytes, as any kind of file, read and decoded without a crash. */
#include <stdint.h>
#include <stdlib.h>

#include "recoupe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *names[] = {"x.html", "x.txt", "x.jsonl", "x.json", "x.warc", NULL};
    recoupe_article *a = NULL;
    if (recoupe_article_from_memory(names[size % 6], data, size, &a) == RECOUPE_OK) {
        if (recoupe_article_decode(a) == RECOUPE_OK) {
            char *j = recoupe_article_json(a, NULL, NULL);
            free(j);
        }
        recoupe_article_free(a);
    }
    return 0;
}
