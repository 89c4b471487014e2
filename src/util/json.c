/* json.c: JSON string escaping and member helpers for the streaming writer. */
#include "util/json.h"

#include <math.h>
#include <string.h>

void json_strn(buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    if (!s) {
        buf_puts(b, "null");
        return;
    }
    buf_reserve(b, n + 2);
    buf_putc(b, '"');
    size_t run = 0; /* bytes copied verbatim in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        buf_append(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': buf_puts(b, "\\\""); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\r': buf_puts(b, "\\r"); break;
        case '\t': buf_puts(b, "\\t"); break;
        default: {
            char e[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
            buf_puts(b, e);
        }
        }
    }
    buf_append(b, s + run, n - run);
    buf_putc(b, '"');
}

void json_str(buf *b, const char *s) { json_strn(b, s, s ? strlen(s) : 0); }

void json_sep(buf *b) {
    if (b->len && b->p[b->len - 1] != '{' && b->p[b->len - 1] != '[') buf_putc(b, ',');
}

void json_key(buf *b, const char *key) {
    json_sep(b);
    json_str(b, key);
    buf_putc(b, ':');
}

void json_kv_str(buf *b, const char *key, const char *val) {
    json_key(b, key);
    json_str(b, val);
}

void json_kv_int(buf *b, const char *key, long long val) {
    json_key(b, key);
    buf_printf(b, "%lld", val);
}

void json_kv_num(buf *b, const char *key, double val) {
    json_key(b, key);
    if (isnan(val) || isinf(val)) buf_puts(b, "null");
    else buf_printf(b, "%.4g", val);
}

void json_kv_bool(buf *b, const char *key, int val) {
    json_key(b, key);
    buf_puts(b, val ? "true" : "false");
}
