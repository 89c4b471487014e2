/* normalize.c: NFKC + case folding, with one form for apostrophes, quotes, dashes
 * and spaces, so that "8 000", "8\u00a0000" and "8\u202f000" read the same and
 * "l’armée" matches "l'armée".
 *
 * Speed matters (every token of every article comes through here), so the work
 * is split: ASCII bytes are lower-cased in place (they are already NFKC); a
 * non-ASCII code point whose normalised form is one code point (é, Ж, ’, the
 * no-break space: nearly all of them) is looked up in the per-process table of
 * chars.c; only a character followed by combining marks, or one whose form is
 * several code points (ß, ﬁ, ½), goes through utf8proc, decomposed into a stack
 * buffer with a custom mapping for the punctuation, then recomposed. Both paths
 * give what utf8proc gives for the whole string (tests/unit/test_text_tokens.c
 * compares them), never allocating per token. Default-ignorable code points (soft hyphen, zero-width spaces, bidi
 * controls, variation selectors) are dropped. */
#include "text/text_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* One form for the punctuation the brief lists; everything else unchanged. */
static utf8proc_int32_t map_punct(utf8proc_int32_t c, void *data) {
    (void)data;
    if (c < 0x80) return c;
    return text_punct_fold(c);
}

#define NORM_OPTS TEXT_NORM_OPTS

/* Normalises one non-ASCII segment (valid UTF-8) and appends it to out. */
static int norm_segment(const char *s, size_t len, buf *out) {
    utf8proc_int32_t stack[1024];
    utf8proc_int32_t *v = stack;
    utf8proc_ssize_t cap = (utf8proc_ssize_t)(sizeof stack / sizeof stack[0]);
    utf8proc_ssize_t n = utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, v, cap,
                                                   NORM_OPTS, map_punct, NULL);
    if (n > cap) {
        /* +1 and *4 bytes: utf8proc_reencode writes UTF-8 over the same buffer */
        v = malloc(((size_t)n + 1) * sizeof *v);
        if (!v) return -1;
        n = utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, v, n, NORM_OPTS, map_punct,
                                      NULL);
    }
    if (n < 0) {
        /* invalid UTF-8 should not reach this layer: keep the bytes as they are */
        if (v != stack) free(v);
        return buf_append(out, s, len);
    }
    n = utf8proc_reencode(v, n, NORM_OPTS);
    int rc = n < 0 ? buf_append(out, s, len) : buf_append(out, v, (size_t)n);
    if (v != stack) free(v);
    return rc;
}

/* Does the code point at s[i] compose with what precedes (a combining mark, a
 * Hangul vowel or final jamo)? */
static inline int mark_at(const char *s, size_t len, size_t i) {
    size_t n;
    if (i >= len || (unsigned char)s[i] < 0x80) return 0;
    int32_t c = text_utf8_next(s, len, i, &n);
    return text_cclass(c) == TC_MARK || (c >= 0x1160 && c <= 0x11FF);
}

/* Identity under NFKC + case folding, when no mark follows: CJK ideographs, kana, Hangul syllables. */
static inline int is_stable(int32_t c) {
    return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3);
}

int text_normalize_append(const char *s, size_t len, buf *out) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    text_chars_init();
    /* single code points never grow by more than 4 bytes -> 4, and ASCII stays 1:1;
     * reserve the input size and grow when a character needs more */
    if (buf_reserve(out, len + 4) < 0) return -1;
    while (i < len) {
        /* ASCII run: lower-case, copy */
        size_t j = i;
        while (j < len && p[j] < 0x80) j++;
        if (j > i) {
            size_t end = j;
            if (mark_at(s, len, j)) end--; /* the last ASCII character composes with the mark: slow path */
            if (buf_reserve(out, end - i + 4) < 0) return -1;
            char *d = out->p + out->len;
            for (size_t k = i; k < end; k++) {
                unsigned char c = p[k];
                d[k - i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            out->len += end - i;
            out->p[out->len] = '\0';
            i = end;
            if (i == len) break;
        }
        size_t n;
        int32_t c = text_utf8_next(s, len, i, &n);
        int32_t f = c < TEXT_CP_FAST ? text_cp[c].fold : (is_stable(c) ? c : -1);
        if (f >= 0 && !mark_at(s, len, i + n)) {
            if (buf_reserve(out, 4) < 0) return -1;
            out->len += text_utf8_put(out->p + out->len, f);
            out->p[out->len] = '\0';
            i += n;
            continue;
        }
        /* slow path: the character and the marks that follow it, through utf8proc;
         * at most 30 marks at a time, as in Unicode's Stream-Safe Text Format (UAX #15):
         * utf8proc reorders marks by insertion, quadratic in a flood of them */
        size_t k = i + n;
        for (int marks = 0; marks < 30 && mark_at(s, len, k); marks++) {
            text_utf8_next(s, len, k, &n);
            k += n;
        }
        if (norm_segment(s + i, k - i, out) < 0) return -1;
        i = k;
    }
    return 0;
}

char *text_normalize(const char *s, size_t len, size_t *out_len) {
    buf b = BUF_INIT;
    if (!s) len = 0;
    if (text_normalize_append(s ? s : "", len, &b) < 0 || buf_reserve(&b, 1) < 0) {
        buf_free(&b);
        if (out_len) *out_len = 0;
        return NULL;
    }
    b.p[b.len] = '\0';
    if (out_len) *out_len = b.len;
    return buf_detach(&b);
}
