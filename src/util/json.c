/* json.c: JSON string escaping and member helpers for the streaming writer.
 * Strings come out as valid UTF-8 whatever comes in: each byte of an invalid
 * sequence is written as U+FFFD. */
#include "util/json.h"

#include <math.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (2..4 bytes, s[0] >= 0x80), or 0 when it
 * is not one (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, size_t left) {
    unsigned char c = s[0];
    if (c < 0xC2) return 0;
    if (c < 0xE0) return left >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (left < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0)) return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (left < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90)) return 0;
        return 4;
    }
    return 0;
}

int json_utf8_valid(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0x80) continue;
        size_t k = utf8_seq((const unsigned char *)s + i, n - i);
        if (!k) return 0;
        i += k - 1;
    }
    return 1;
}

void json_kv_hex(buf *b, const char *key, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    json_key(b, key);
    buf_reserve(b, 2 * n + 2);
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        buf_putc(b, hex[c >> 4]);
        buf_putc(b, hex[c & 15]);
    }
    buf_putc(b, '"');
}

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
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') continue;
        if (c >= 0x80) {
            size_t k = utf8_seq((const unsigned char *)s + i, n - i);
            if (k) {
                i += k - 1;
                continue;
            }
            /* a byte that is no UTF-8 (a file name, a WARC header): U+FFFD, so the JSON stays valid */
            buf_append(b, s + run, i - run);
            run = i + 1;
            buf_append(b, "\xEF\xBF\xBD", 3);
            continue;
        }
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

void json_str(buf *b, const char *s) {
    json_strn(b, s, s ? strlen(s) : 0);
}

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
    if (isnan(val) || isinf(val))
        buf_puts(b, "null");
    else
        buf_printf(b, "%.4g", val);
}

void json_kv_bool(buf *b, const char *key, int val) {
    json_key(b, key);
    buf_puts(b, val ? "true" : "false");
}
