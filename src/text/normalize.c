/* normalize.c: NFKC + case folding, with one form for apostrophes, quotes, dashes
 * and spaces, so that "8 000", "8\u00a0000" and "8\u202f000" read the same and
 * "l’armée" matches "l'armée".
 *
 * Most news text is ASCII with a few accented letters, so the work is split:
 * ASCII bytes are lower-cased in place (they are already NFKC), and only the
 * short runs of non-ASCII code points (with the ASCII letter before them, which
 * a combining mark may compose with) go through utf8proc, decomposed into a
 * stack buffer with a custom mapping for the punctuation, then recomposed.
 * That keeps the common case close to memcpy speed and never allocates per
 * token. Default-ignorable code points (soft hyphen, zero-width spaces, bidi
 * controls, variation selectors) are dropped. */
#include "text/text_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* One form for the punctuation the brief lists; everything else unchanged. */
static utf8proc_int32_t map_punct(utf8proc_int32_t c, void *data)
{
    (void)data;
    if (c < 0x80)
        return c;
    return text_punct_fold(c);
}

utf8proc_int32_t text_punct_fold(utf8proc_int32_t c)
{
    switch (c) {
    /* apostrophes */
    case 0x2019: case 0x2018: case 0x02BC: case 0x02BB: case 0x02B9: case 0x2032:
    case 0x00B4: case 0x201B: case 0xFF07: case 0x055A: case 0xA78C:
        return '\'';
    /* quotes */
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x2039: case 0x203A: case 0x2033: case 0x301D: case 0x301E: case 0xFF02:
        return '"';
    /* dashes and minus */
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D: case 0x2E3A: case 0x2E3B:
    case 0x058A: case 0x05BE:
        return '-';
    /* spaces (the rest of Zs is folded to U+0020 by NFKC already) */
    case 0x00A0: case 0x202F: case 0x2007: case 0x2009: case 0x200A: case 0x2008:
    case 0x205F: case 0x3000: case 0x1680: case 0x2000: case 0x2001: case 0x2002:
    case 0x2003: case 0x2004: case 0x2005: case 0x2006:
        return ' ';
    default:
        return c;
    }
}

#define NORM_OPTS \
    (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

/* Normalises one non-ASCII segment (valid UTF-8) and appends it to out. */
static int norm_segment(const char *s, size_t len, buf *out)
{
    utf8proc_int32_t stack[1024];
    utf8proc_int32_t *v = stack;
    utf8proc_ssize_t cap = (utf8proc_ssize_t)(sizeof stack / sizeof stack[0]);
    utf8proc_ssize_t n = utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                                   v, cap, NORM_OPTS, map_punct, NULL);
    if (n > cap) {
        /* +1 and *4 bytes: utf8proc_reencode writes UTF-8 over the same buffer */
        v = malloc(((size_t)n + 1) * sizeof *v);
        if (!v)
            return -1;
        n = utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, v, n,
                                      NORM_OPTS, map_punct, NULL);
    }
    if (n < 0) {
        /* invalid UTF-8 should not reach this layer: keep the bytes as they are */
        if (v != stack)
            free(v);
        return buf_append(out, s, len);
    }
    n = utf8proc_reencode(v, n, NORM_OPTS);
    int rc = n < 0 ? buf_append(out, s, len) : buf_append(out, v, (size_t)n);
    if (v != stack)
        free(v);
    return rc;
}

int text_normalize_append(const char *s, size_t len, buf *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    if (buf_reserve(out, len + 1) < 0)
        return -1;
    while (i < len) {
        /* ASCII run: lower-case, copy */
        size_t j = i;
        while (j < len && p[j] < 0x80)
            j++;
        if (j > i) {
            /* leave the last ASCII letter to the segment when a non-ASCII one follows:
             * a combining mark may compose with it */
            size_t end = j;
            if (j < len && end > i && ((p[end - 1] | 0x20) >= 'a' && (p[end - 1] | 0x20) <= 'z'))
                end--;
            if (buf_reserve(out, end - i) < 0)
                return -1;
            char *d = out->p + out->len;
            for (size_t k = i; k < end; k++) {
                unsigned char c = p[k];
                d[k - i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            out->len += end - i;
            out->p[out->len] = '\0';
            i = end;
            if (j == len)
                break;
        }
        /* non-ASCII segment: [i, k) where k is the next ASCII byte */
        size_t k = i;
        if (k < len && p[k] < 0x80)
            k++; /* the letter kept for composition */
        while (k < len && p[k] >= 0x80)
            k++;
        if (norm_segment(s + i, k - i, out) < 0)
            return -1;
        i = k;
    }
    return 0;
}

char *text_normalize(const char *s, size_t len, size_t *out_len)
{
    buf b = BUF_INIT;
    if (!s)
        len = 0;
    if (text_normalize_append(s ? s : "", len, &b) < 0 || buf_reserve(&b, 1) < 0) {
        buf_free(&b);
        if (out_len)
            *out_len = 0;
        return NULL;
    }
    b.p[b.len] = '\0';
    if (out_len)
        *out_len = b.len;
    return buf_detach(&b);
}
