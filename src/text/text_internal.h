/* text_internal.h: helpers shared by the files of the text layer (not for other modules). */
#ifndef RECOUPE_TEXT_TEXT_INTERNAL_H
#define RECOUPE_TEXT_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "text/text.h"
#include "util/buf.h"

/* Decodes one code point at s[i] (i < len). Sets *n to its byte length (>= 1).
 * Invalid or truncated sequences give U+FFFD with *n = 1. */
static inline int32_t text_utf8_multi(const char *s, size_t len, size_t i, size_t *n);
__attribute__((always_inline)) static inline int32_t text_utf8_next(const char *s, size_t len, size_t i, size_t *n) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *n = 1;
        return (int32_t)c;
    }
    return text_utf8_multi(s, len, i, n);
}

static inline int32_t text_utf8_multi(const char *s, size_t len, size_t i, size_t *n) {
    const unsigned char *p = (const unsigned char *)s + i;
    size_t left = len - i;
    unsigned c = p[0];
    if (c >= 0xC2 && c <= 0xDF && left >= 2 && (p[1] & 0xC0) == 0x80) {
        *n = 2;
        return (int32_t)(((c & 0x1F) << 6) | (p[1] & 0x3F));
    }
    if (c >= 0xE0 && c <= 0xEF && left >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        int32_t v = (int32_t)(((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            *n = 3;
            return v;
        }
    } else if (c >= 0xF0 && c <= 0xF4 && left >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
               (p[3] & 0xC0) == 0x80) {
        int32_t v = (int32_t)(((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F));
        if (v >= 0x10000 && v <= 0x10FFFF) {
            *n = 4;
            return v;
        }
    }
    *n = 1;
    return 0xFFFD;
}

/* Start of the code point that ends just before s[i] (i > 0). */
static inline size_t text_utf8_prev(const char *s, size_t i) {
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
    return j;
}

/* Writes code point c as UTF-8 at d (room for 4 bytes); returns the bytes written. */
static inline size_t text_utf8_put(char *d, int32_t c) {
    if (c < 0x80) {
        d[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        d[0] = (char)(0xC0 | (c >> 6));
        d[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        d[0] = (char)(0xE0 | (c >> 12));
        d[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        d[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (c >> 18));
    d[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    d[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Character classes the segmenters work with. */
enum text_cclass {
    TC_SPACE = 0, /* white space, controls */
    TC_LETTER,    /* letters, letter-like numbers (², Ⅻ) */
    TC_MARK,      /* combining marks and format characters: they extend what precedes */
    TC_DIGIT,     /* decimal digits of any script */
    TC_APOS,      /* apostrophes */
    TC_HYPHEN,    /* hyphen-minus, hyphen, non-breaking hyphen */
    TC_CJK,       /* Han, kana, Thai, Lao, Khmer, Myanmar: scripts written without spaces */
    TC_PUNCT      /* punctuation and symbols */
};

/* Per-process table for the first code points (chars.c): class, case, and the
 * normalised form when it is a single code point (-1 otherwise: several code
 * points, none, or a combining mark). Filled by text_chars_init(), which every
 * entry point of the layer calls before using the functions below. */
#define TEXT_CP_FAST 0x3000
typedef struct text_cpinfo {
    int32_t fold;
    uint8_t cls, cas;
} text_cpinfo;
extern text_cpinfo text_cp[TEXT_CP_FAST];
void text_chars_init(void);

enum text_cclass text_cclass_slow(int32_t c);
int text_case_slow(int32_t c);

static inline enum text_cclass text_cclass(int32_t c) {
    return (c >= 0 && c < TEXT_CP_FAST) ? (enum text_cclass)text_cp[c].cls : text_cclass_slow(c);
}

/* 1 for an upper-case or title-case letter, 2 for lower-case, 0 uncased. */
static inline int text_case_of(int32_t c) {
    return (c >= 0 && c < TEXT_CP_FAST) ? text_cp[c].cas : text_case_slow(c);
}

/* The options of text_normalize for utf8proc: NFKC, case folding, ignorables dropped. */
#define TEXT_NORM_OPTS (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

/* The apostrophe/quote/dash/space folding of text_normalize for one code point. */
int32_t text_punct_fold(int32_t c);

/* Appends the normalised form of s[0..len) to out. 0, or -1 on OOM. */
int text_normalize_append(const char *s, size_t len, buf *out);

/* The per-thread stem cache of stem.c, as far as the tokeniser needs it to fetch
 * a word's line ahead: TEXT_STEM_SETS lines of 64 bytes, the line of a word (of
 * 1..TEXT_STEM_WORD bytes) picked by text_stem_set_of. */
#define TEXT_STEM_SETS 32768 /* a power of two */
#define TEXT_STEM_WORD 28    /* longer words are not cached */

static inline uint64_t text_load8(const char *s) {
    uint64_t x;
    memcpy(&x, s, 8);
    return x;
}

static inline uint32_t text_load4(const char *s) {
    uint32_t x;
    memcpy(&x, s, 4);
    return x;
}

/* 8-byte words (the last one overlapping) mixed by multiplication, then murmur3's
 * finaliser: cheaper than a general hash for words this short. */
static inline size_t text_stem_set_of(const char *word, size_t len) {
    uint64_t h = len * 0x9E3779B97F4A7C15ull, x;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8) h = (h ^ text_load8(word + i)) * 0xFF51AFD7ED558CCDull;
        x = text_load8(word + len - 8);
    } else if (len >= 4) {
        x = (uint64_t)text_load4(word) << 32 | text_load4(word + len - 4);
    } else {
        x = (uint64_t)(unsigned char)word[0] << 16 | (uint64_t)(unsigned char)word[len / 2] << 8 |
            (unsigned char)word[len - 1];
    }
    h = (h ^ x) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    return (size_t)h & (TEXT_STEM_SETS - 1);
}

/* This thread's table of stem-cache lines, or NULL while it has stemmed nothing. */
const void *text_stem_table(void);

/* Calls emit(user, offset) for the byte offset where each sentence begins, in order.
 * Returns the number of sentences. */
size_t text_sentences_each(const char *s, size_t len, void (*emit)(void *user, uint32_t off), void *user);

#endif
