/* strutil.c: the few string helpers extraction needs on UTF-8 text: Unicode-aware
 * white-space collapsing (pages are full of NBSP and thin spaces), an ASCII
 * case-insensitive search, and code-point counting. Kept here rather than in
 * src/util because they encode extraction's notion of "space". */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

size_t extract_space_len(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    if (!len) return 0;
    if (u[0] == ' ' || u[0] == '\t' || u[0] == '\n' || u[0] == '\r' || u[0] == '\f' || u[0] == '\v') return 1;
    if (u[0] == 0xC2 && len >= 2 && u[1] == 0xA0) return 2; /* U+00A0 */
    if (u[0] == 0xE2 && len >= 3) {
        if (u[1] == 0x80 && (u[2] <= 0x8B || u[2] == 0xAF)) return 3; /* U+2000..200B, 202F */
        if (u[1] == 0x81 && u[2] == 0x9F) return 3;                   /* U+205F */
    }
    if (u[0] == 0xE3 && len >= 3 && u[1] == 0x80 && u[2] == 0x80) return 3; /* U+3000 */
    if (u[0] == 0xEF && len >= 3 && u[1] == 0xBB && u[2] == 0xBF) return 3; /* U+FEFF */
    return 0;
}

char *extract_clean_space(const char *s, size_t len) {
    if (!s) return NULL;
    char *out = malloc(len + 1);
    if (!out) return NULL;
    size_t o = 0, i = 0;
    int pending = 0;
    while (i < len) {
        size_t sp = extract_space_len(s + i, len - i);
        if (sp) {
            pending = o > 0;
            i += sp;
            continue;
        }
        if (s[i] == 0) {
            i++;
            continue;
        }
        if (pending) out[o++] = ' ';
        pending = 0;
        out[o++] = s[i++];
    }
    out[o] = 0;
    if (!o) {
        free(out);
        return NULL;
    }
    return out;
}

static int lower_ascii(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

const char *extract_memcasemem(const char *s, size_t len, const char *needle) {
    size_t n = strlen(needle);
    if (!n) return s;
    if (n > len) return NULL;
    int first = lower_ascii((unsigned char)needle[0]);
    for (size_t i = 0; i + n <= len; i++) {
        if (lower_ascii((unsigned char)s[i]) != first) continue;
        size_t k = 1;
        while (k < n && lower_ascii((unsigned char)s[i + k]) == lower_ascii((unsigned char)needle[k])) k++;
        if (k == n) return s + i;
    }
    return NULL;
}

size_t extract_utf8_count(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}
