/* buf.c: growable, capped byte buffer. Doubling growth, NUL kept after the data so
 * that a buffer is always a valid C string, and a hard cap checked before growth. */
#include "util/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b, size_t max) {
    b->p = NULL;
    b->len = b->cap = 0;
    b->max = max;
    b->err = 0;
}

int buf_reserve(buf *b, size_t extra) {
    size_t max = b->max ? b->max : SIZE_MAX / 2;
    if (b->err) return -1;
    if (extra > max || b->len > max - extra) {
        b->err = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->err = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

int buf_append(buf *b, const void *data, size_t len) {
    if (buf_reserve(b, len)) return -1;
    if (len) memcpy(b->p + b->len, data, len);
    b->len += len;
    b->p[b->len] = 0;
    return 0;
}

int buf_puts(buf *b, const char *s) {
    return buf_append(b, s, strlen(s));
}

int buf_putc(buf *b, char c) {
    if (b->len + 1 < b->cap && (!b->max || b->len < b->max) && !b->err) {
        b->p[b->len++] = c;
        b->p[b->len] = 0;
        return 0;
    }
    return buf_append(b, &c, 1);
}

int buf_vprintf(buf *b, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) b->err = 1;
    if (n < 0 || buf_reserve(b, (size_t)n)) return -1;
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int buf_printf(buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

void buf_reset(buf *b) {
    b->len = 0;
    b->err = 0;
    if (b->p) b->p[0] = 0;
}

char *buf_detach(buf *b) {
    char *p = b->p ? b->p : calloc(1, 1);
    b->p = NULL;
    b->len = b->cap = 0;
    b->err = 0;
    return p;
}

void buf_free(buf *b) {
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
    b->err = 0;
}

const char *buf_str(const buf *b) {
    return b->p ? b->p : "";
}
