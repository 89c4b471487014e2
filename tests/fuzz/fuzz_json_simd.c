/* fuzz_json_simd.c: any bytes as one JSON Lines record: when the simdjson fast
 * path takes it, jansson (the reference) must take it too and give the same
 * fields, byte for byte; a difference aborts. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const keys[READ_JSON_NFIELDS] = {"id",   "url",  "title", "text",   "html",
                                                        "date", "site", "lang",  "author", "description"};
    static read_json_simd *p;
    if (!p && !(p = read_json_simd_new())) return 0;
    read_json_fields f;
    if (!read_json_simd_parse(p, (const char *)data, size, &f)) return 0;
    json_error_t je;
    json_t *obj = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!json_is_object(obj)) abort();
    for (int i = 0; i < READ_JSON_NFIELDS; i++) {
        json_t *v = json_object_get(obj, keys[i]);
        if (json_is_string(v) != (f.s[i] != NULL)) abort();
        if (f.s[i] && (json_string_length(v) != f.n[i] || memcmp(json_string_value(v), f.s[i], f.n[i]) != 0)) abort();
        if (json_is_integer(v) != (f.is_int[i] != 0)) abort();
        if (f.is_int[i] && json_integer_value(v) != f.ival[i]) abort();
    }
    json_decref(obj);
    return 0;
}
