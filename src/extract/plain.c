/* plain.c: placeholder */
#include <stdlib.h>
#include <string.h>
#include "extract/extract.h"
recoupe_status extract_plain(const char *text, size_t len, extract_found *f) {
    f->text = extract_clean_space(text, len);
    return RECOUPE_OK;
}
