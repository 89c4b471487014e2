/* tokenize.c: words, numbers, URLs and e-mails out of UTF-8 text.
 *
 * A hand-written segmenter over the character classes of chars.c, following
 * the word rules of UAX #29 (letters, digits and marks stick together; an
 * apostrophe between letters and a full stop or comma between digits do not
 * break a word) with the additions news text needs:
 *  - elision: l'armée -> "l'" (TEXT_ELIDED) + "armée"; qu', d', jusqu', dell'...;
 *  - hyphenated compounds: nord-coréens -> "nord-coréens", then TEXT_PART
 *    "nord" and "coréens";
 *  - numbers with thousands groups separated by (no-break, narrow, thin) spaces
 *    kept whole: "8 000", "1 500 000"; "10.000" and "1,5" are whole by UAX #29;
 *  - URLs (scheme:// or www.) and e-mail addresses as single tokens;
 *  - scripts written without spaces (Han, kana, Thai...) as overlapping
 *    bigrams of characters (with their combining marks).
 * Tokens are normalised (normalize.c) into one arena; their offsets point into
 * the original text. A token never spans more than TOKEN_MAX bytes, so that a
 * megabyte without a space costs the same as ordinary text.
 *
 * Speed: ASCII tokens are lower-cased and case-flagged eight bytes at a time
 * (SWAR: one 64-bit word, no vector instructions needed), runs of ASCII letters
 * are measured the same way and runs of two-byte letters in a tight loop; the
 * arena and token array are reserved for the text's size up front. Each word
 * emitted has its line of the thread's stem cache fetched ahead (stem.c), as
 * callers stem the words of a text right after tokenising it. */
#include "text/text_internal.h"
#include "util/array.h"

#include <stdlib.h>
#include <string.h>

#define TOKEN_MAX 256
#define URL_MAX 2048
#define MAX_PARTS 16

typedef struct tokenizer {
    const char *s;
    size_t len;
    text_token *v;
    size_t n, cap;
    buf arena;
    uint32_t *starts; /* sentence starts */
    size_t n_starts, cap_starts;
    size_t cur_sentence;
    const void *stem_table; /* this thread's stem-cache lines (stem.c), or NULL */
    int failed;
} tokenizer;

static void add_start(void *user, uint32_t off) {
    tokenizer *t = user;
    if (t->failed) return;
    if (util_grow(&t->starts, &t->cap_starts, t->n_starts + 1, sizeof *t->starts, 64) != 0) {
        t->failed = 1;
        return;
    }
    t->starts[t->n_starts++] = off;
}

/* Case flags of the original span. */
static uint8_t case_flags(const char *s, size_t len) {
    size_t i = 0, n;
    int upper = 0, lower = 0, first = -1;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        int k;
        if (b < 0x80) {
            k = (b >= 'A' && b <= 'Z') ? 1 : (b >= 'a' && b <= 'z') ? 2 : 0;
            n = 1;
        } else {
            k = text_case_of(text_utf8_next(s, len, i, &n));
        }
        if (first < 0 && (k || (b >= 0x80 && text_cclass(text_utf8_next(s, len, i, &n)) == TC_LETTER))) first = k;
        if (k == 1)
            upper++;
        else if (k == 2) {
            lower++;
            if (first >= 0 && first != 1) break; /* neither capitalised nor all capitals */
        }
        i += n;
    }
    uint8_t f = 0;
    if (first == 1) f |= TEXT_CAPITALISED;
    if (upper >= 2 && lower == 0) f |= TEXT_ALLCAPS;
    return f;
}

/* Normalises a non-ASCII token whose characters all have a one-code-point form in
 * the table of chars.c and are not combining marks (then no composition can happen,
 * and the table's answers are exactly what utf8proc would give): Cyrillic, Greek,
 * accented Latin words. Appends it (NUL-terminated) at arena offset at and adds the
 * case flags. Returns -1 (leaving garbage after at) when a character needs the full path. */
static int fold_token(tokenizer *t, size_t at, size_t off, size_t olen, int kind, uint8_t *flags) {
    if (at + 2 * olen + 5 > t->arena.cap && buf_reserve(&t->arena, 2 * olen + 4) < 0) return -1;
    const char *o = t->s + off;
    char *d = t->arena.p + at;
    size_t i = 0, w = 0, n;
    int upper = 0, lower = 0, first = -1;
    while (i < olen) {
        int32_t c = text_utf8_next(o, olen, i, &n);
        if (c >= TEXT_CP_FAST) return -1;
        const text_cpinfo *ci = &text_cp[c];
        if (ci->fold < 0) /* (marks and format characters have fold -1 too: chars.c) */
            return -1;
        w += text_utf8_put(d + w, ci->fold);
        if (first < 0 && (ci->cas || ci->cls == TC_LETTER)) first = ci->cas;
        upper += ci->cas == 1;
        lower += ci->cas == 2;
        i += n;
    }
    d[w] = '\0';
    t->arena.len = at + w + 1;
    if (kind != TEXT_PART) {
        *flags |= first == 1 ? TEXT_CAPITALISED : 0;
        *flags |= (upper >= 2 && lower == 0) ? TEXT_ALLCAPS : 0;
    }
    return 0;
}

/* Eight bytes at a time (SWAR): the ASCII lower-casing of emit works on words of
 * eight bytes, which is where a byte loop spent most of the tokeniser's time. */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static inline uint64_t load8(const unsigned char *p) {
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/* 0x80 in each byte of x that lies in [lo, hi], when every byte of x is ASCII. */
static inline uint64_t bytes_in(uint64_t x, unsigned lo, unsigned hi) {
    return (x + (0x80 - lo) * ONES) & ~(x + (0x7F - hi) * ONES) & HIGHS;
}

/* Lower-cases eight ASCII bytes x (the ones past the token are zero) into d, and
 * counts their capitals and small letters; ORs x into *acc (a byte >= 0x80 there
 * means the result is void). */
static inline void lower8(uint64_t x, char *d, uint64_t *acc, unsigned *upper, unsigned *lower) {
    *acc |= x;
    uint64_t up = bytes_in(x, 'A', 'Z'), low = bytes_in(x, 'a', 'z');
    *upper += (unsigned)(((up >> 7) * ONES) >> 56);
    *lower += (unsigned)(((low >> 7) * ONES) >> 56);
    x |= up >> 2;
    memcpy(d, &x, 8);
}

/* Lower-cases the token at t->s + off (olen bytes) into d when it is all ASCII (most
 * tokens of most languages), counting its capitals and small letters: 1, or 0 when
 * a byte is not ASCII (d then holds garbage). d has room for olen + 8 bytes. */
static inline int lower_ascii(const tokenizer *t, size_t off, size_t olen, char *d, unsigned *upper, unsigned *lower) {
    const unsigned char *o = (const unsigned char *)t->s + off;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t acc = olen ? *o & 0x80 : 0; /* a token that starts with a non-ASCII letter skips the ASCII pass */
    size_t b = acc ? olen : 0;
    for (; b + 8 <= olen; b += 8) lower8(load8(o + b), d + b, &acc, upper, lower);
    if (b < olen) {
        size_t rem = olen - b;
        uint64_t x;
        if (off + b + 8 <= t->len) { /* read past the token, inside the text */
            x = load8(o + b) & ((1ull << (8 * rem)) - 1);
        } else {
            x = 0;
            memcpy(&x, o + b, rem);
        }
        lower8(x, d + b, &acc, upper, lower);
    }
    return !(acc & HIGHS);
#else
    unsigned acc = 0;
    for (size_t k = 0; k < olen; k++) {
        unsigned c = o[k];
        acc |= c;
        unsigned up = c - 'A' < 26u, low = c - 'a' < 26u;
        *upper += up;
        *lower += low;
        d[k] = (char)(c + (up << 5));
    }
    return acc < 0x80;
#endif
}

/* Case flags of an ASCII token o (olen bytes) with upper capitals and lower small letters. */
static inline uint8_t ascii_case_flags(const unsigned char *o, size_t olen, unsigned upper, unsigned lower) {
    size_t f = 0;
    while (f + 1 < olen && (unsigned)(o[f] - '0') < 10u) f++; /* "3M": the case of the first letter */
    uint8_t flags = (unsigned)(o[f] - 'A') < 26u ? TEXT_CAPITALISED : 0;
    flags |= (upper >= 2 && lower == 0) ? TEXT_ALLCAPS : 0;
    return flags;
}

/* Files the token whose normalised form (NUL-terminated) ends the arena from offset
 * at: drops it when the form is empty, fetches its stem-cache line ahead and finds
 * its sentence. Room for it in t->v is made already. */
static inline int push_token(tokenizer *t, size_t at, size_t off, size_t olen, int kind, uint8_t flags) {
    size_t nlen = t->arena.len - at - 1;
    if (nlen == 0) { /* only ignorable code points */
        t->arena.len = at;
        return 0;
    }
    if (t->stem_table && (kind == TEXT_WORD || kind == TEXT_PART) && nlen <= TEXT_STEM_WORD)
        /* the words are stemmed next, as a rule: fetch their stem-cache lines now */
        __builtin_prefetch((const char *)t->stem_table + 64 * text_stem_set_of(t->arena.p + at, nlen));
    while (t->cur_sentence + 1 < t->n_starts && t->starts[t->cur_sentence + 1] <= off) t->cur_sentence++;
    text_token *k = &t->v[t->n++];
    k->s = (const char *)(uintptr_t)at; /* fixed up to a pointer at the end */
    k->len = (uint32_t)nlen;
    k->offset = (uint32_t)off;
    k->orig_len = (uint32_t)olen;
    k->sentence = t->cur_sentence > 65535 ? 65535 : (uint16_t)t->cur_sentence;
    k->kind = (uint8_t)kind;
    k->flags = flags;
    return 0;
}

static int emit(tokenizer *t, size_t off, size_t olen, int kind, uint8_t flags) {
    if (t->failed) return -1;
    if (off > UINT32_MAX || olen > UINT32_MAX) return 0;
    if (util_grow(&t->v, &t->cap, t->n + 1, sizeof *t->v, 256) != 0) return t->failed = 1, -1;
    size_t at = t->arena.len;
    /* room for the token, its NUL and the last 8-byte store */
    if (at + olen + 9 > t->arena.cap && buf_reserve(&t->arena, olen + 8) < 0) return t->failed = 1, -1;
    char *d = t->arena.p + at;
    unsigned upper = 0, lower = 0;
    if (lower_ascii(t, off, olen, d, &upper, &lower)) {
        d[olen] = '\0';
        t->arena.len += olen + 1;
        if (kind != TEXT_PART) flags |= ascii_case_flags((const unsigned char *)t->s + off, olen, upper, lower);
    } else if (fold_token(t, at, off, olen, kind, &flags) < 0) {
        /* a combining mark, or a character whose form expands: the full path */
        t->arena.len = at;
        if (text_normalize_append(t->s + off, olen, &t->arena) < 0 || buf_append(&t->arena, "", 1) < 0)
            return t->failed = 1, -1;
        if (kind != TEXT_PART) flags |= case_flags(t->s + off, olen);
    }
    return push_token(t, at, off, olen, kind, flags);
}

/* The first byte of s[j..stop) that is not an ASCII letter (or stop). */
static inline size_t ascii_letters_end(const char *s, size_t j, size_t stop) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; j + 8 <= stop; j += 8) {
        uint64_t x = load8((const unsigned char *)s + j);
        uint64_t letters = bytes_in((x | 0x2020202020202020ull) & 0x7F7F7F7F7F7F7F7Full, 'a', 'z') & ~x;
        uint64_t other = ~letters & HIGHS;
        if (other) return j + ((size_t)__builtin_ctzll(other) >> 3);
    }
#endif
    while (j < stop && (unsigned)(((unsigned char)s[j] | 0x20) - 'a') < 26u) j++;
    return j;
}

static int ascii_ieq(const char *s, size_t len, size_t i, const char *w) {
    size_t n = strlen(w);
    if (len - i < n) return 0;
    for (size_t k = 0; k < n; k++) {
        char c = s[i + k];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != w[k]) return 0;
    }
    return 1;
}

/* A URL starting at i: its length, or 0. */
static size_t match_url(const char *s, size_t len, size_t i) {
    static const char *const prefixes[] = {"https://", "http://", "ftp://", "www."};
    size_t p = 0;
    for (size_t k = 0; k < 4 && !p; k++)
        if (ascii_ieq(s, len, i, prefixes[k])) p = strlen(prefixes[k]);
    if (!p) return 0;
    size_t j = i + p, n;
    int parens = 0;
    while (j < len && j - i < URL_MAX) {
        int32_t c = text_utf8_next(s, len, j, &n);
        if (text_cclass(c) == TC_SPACE || c == '<' || c == '>' || c == '"' || c == 0xAB || c == 0xBB || c == 0x201C ||
            c == 0x201D || c == 0xA0 || c == 0x202F)
            break;
        if (c == '(') parens++;
        j += n;
    }
    /* trailing punctuation belongs to the sentence */
    while (j > i + p) {
        char c = s[j - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == ']' || c == '}' ||
            (c == ')' && !parens))
            j--;
        else
            break;
    }
    if (j - i <= p + 1) return 0;
    return j - i;
}

static int is_email_local(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '%' || c == '+' || c == '-';
}

static int is_alnum_ascii(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* An e-mail address starting at i: its length, or 0. */
static size_t match_email(const char *s, size_t len, size_t i) {
    size_t j = i;
    while (j < len && j - i < 128 && is_email_local((unsigned char)s[j])) j++;
    if (j == i || j >= len || s[j] != '@' || s[i] == '.') return 0;
    size_t d = j + 1, e = d, last_dot = 0;
    while (e < len && e - d < 255 && (is_alnum_ascii((unsigned char)s[e]) || s[e] == '-' || s[e] == '.')) {
        if (s[e] == '.') last_dot = e;
        e++;
    }
    while (e > d && (s[e - 1] == '.' || s[e - 1] == '-')) e--;
    if (last_dot >= e - 1) last_dot = 0;
    for (size_t k = e; k > d && !last_dot; k--)
        if (s[k - 1] == '.') last_dot = k - 1;
    if (!last_dot || last_dot <= d || last_dot + 2 > e) return 0;
    return e - i;
}

static const char *const elisions[] = {
    "l",      "d",      "j",      "m",      "n",      "s",    "t",    "c",    "qu",   "jusqu",
    "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu", /* French */
    "dell",   "dall",   "nell",   "sull",   "all",    "coll", "dagl", "degl", "nell", "quest",
    "quell",  "un",     "bell",   "sant",   "tutt",   "anch", "com",  "dov",  "gl", /* Italian */
};

static int is_elision(const char *s, size_t len) {
    char w[8];
    if (len == 0 || len > 6) return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) return 0;
        w[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    w[len] = '\0';
    if (len == 1) return strchr("ldjmnstc", w[0]) != NULL;
    for (size_t i = 0; i < sizeof elisions / sizeof *elisions; i++)
        if (elisions[i][0] == w[0] && strcmp(w, elisions[i]) == 0) return 1;
    return 0;
}

static int is_group_space(int32_t c) {
    return c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x2007 || c == 0x2008;
}

/* Exactly three digits at s[j], then something that is not a digit or letter. */
static int three_digits_follow(const char *s, size_t len, size_t j) {
    size_t n;
    for (int k = 0; k < 3; k++) {
        if (j >= len || text_cclass(text_utf8_next(s, len, j, &n)) != TC_DIGIT) return 0;
        j += n;
    }
    if (j >= len) return 1;
    enum text_cclass k = text_cclass(text_utf8_next(s, len, j, &n));
    return k != TC_DIGIT && k != TC_LETTER && k != TC_MARK;
}

/* What the scan of a word (scan_word) has seen so far. The offsets of the hyphens
 * between its parts are an array of MAX_PARTS apart, passed beside it: inside the
 * struct, an array indexed at run time kept the whole state in memory, not in
 * registers, and the tokeniser lost a fifth of its speed. */
typedef struct word_scan {
    size_t nh; /* the hyphens between its parts */
    int has_letter, group, pure_number, hyphen_overflow;
    int elided;            /* the word was an elided prefix, emitted already */
    enum text_cclass prev; /* the class of the last character */
    int32_t last_letter;   /* the last letter seen (only its script matters) */
} word_scan;

/* A run of letters at j of the word starting at i: ASCII letters (the common case)
 * or two-byte letters (Cyrillic, Greek, accented Latin...), each in a tight loop.
 * Returns where it ends (j when there is none). */
static inline size_t letter_run(const char *s, size_t len, size_t i, size_t j, word_scan *w) {
    size_t stop = len - i > TOKEN_MAX ? i + TOKEN_MAX : len;
    if ((unsigned)(((unsigned char)s[j] | 0x20) - 'a') < 26u) {
        j = ascii_letters_end(s, j + 1, stop);
        w->has_letter = 1;
        w->pure_number = 0;
        w->prev = TC_LETTER;
        w->last_letter = 'a';
        return j;
    }
    if ((unsigned)((unsigned char)s[j] - 0xC2) > 0xDFu - 0xC2u) return j;
    size_t j0 = j;
    int32_t c2 = 0;
    while (j < stop && j + 1 < len) {
        unsigned char x = (unsigned char)s[j], y = (unsigned char)s[j + 1];
        if ((unsigned)(x - 0xC2) > 0xDFu - 0xC2u || (y & 0xC0) != 0x80) break;
        int32_t cc = (int32_t)((x & 0x1Fu) << 6 | (y & 0x3Fu));
        if (text_cp[cc].cls != TC_LETTER) break;
        c2 = cc;
        j += 2;
    }
    if (j > j0) {
        w->has_letter = 1;
        w->pure_number = 0;
        w->prev = TC_LETTER;
        w->last_letter = c2;
    }
    return j;
}

/* The character c (class k, n bytes) at j, inside the word starting at i and not a
 * letter, mark or digit, with something after it: an apostrophe, hyphen, decimal
 * separator, dot or group space that joins two parts of the word (a hyphen is
 * noted in hyphens). Returns where the word goes on, or 0 when it ends at j. An elided prefix ("l'") is emitted here
 * (w->elided set). */
static inline size_t join_at(tokenizer *t, size_t i, size_t j, int32_t c, enum text_cclass k, size_t n, word_scan *w,
                             size_t *hyphens) {
    const char *s = t->s;
    size_t len = t->len, m;
    int32_t d = text_utf8_next(s, len, j + n, &m);
    enum text_cclass kd = text_cclass(d);
    int next_alnum = kd == TC_LETTER || kd == TC_DIGIT;
    /* an apostrophe joins letters of the alphabets that write it inside words
     * (Latin, Greek, Cyrillic, Armenian); Korean, for one, uses it as a quote */
    if (k == TC_APOS && w->prev == TC_LETTER && kd == TC_LETTER && w->last_letter < 0x0590 && d < 0x0590) {
        if (w->nh == 0 && is_elision(s + i, j - i)) {
            emit(t, i, j + n - i, TEXT_WORD, TEXT_ELIDED);
            w->elided = 1;
            return j + n;
        }
        w->pure_number = 0;
        w->prev = TC_APOS;
        return j + n;
    }
    if (k == TC_HYPHEN && (w->prev == TC_LETTER || w->prev == TC_DIGIT) && next_alnum) {
        if (w->nh < MAX_PARTS)
            hyphens[w->nh++] = j;
        else
            w->hyphen_overflow = 1;
        w->pure_number = 0;
        w->group = 0;
        w->prev = TC_HYPHEN;
        return j + n;
    }
    if ((c == '.' || c == ',') && w->prev == TC_DIGIT && kd == TC_DIGIT) {
        w->group = 0;
        w->prev = TC_PUNCT;
        return j + n;
    }
    if ((c == '.' || c == '_') && w->prev == TC_LETTER && kd == TC_LETTER) {
        w->pure_number = 0;
        w->prev = TC_PUNCT;
        return j + n;
    }
    if (is_group_space(c) && w->prev == TC_DIGIT && w->pure_number && w->group >= 1 && w->group <= 3 &&
        three_digits_follow(s, len, j + n)) {
        w->group = 0;
        w->prev = TC_PUNCT;
        return j + n;
    }
    return 0;
}

/* Where the word or number starting at i ends (at most TOKEN_MAX bytes on). */
static inline size_t word_end(tokenizer *t, size_t i, word_scan *w, size_t *hyphens) {
    const char *s = t->s;
    size_t len = t->len, j = i, n;
    while (j < len) {
        if (j - i >= TOKEN_MAX) break;
        size_t r = letter_run(s, len, i, j, w);
        if (r > j) {
            j = r;
            continue;
        }
        int32_t c = text_utf8_next(s, len, j, &n);
        enum text_cclass k = text_cclass(c);
        if (k == TC_LETTER || k == TC_MARK) {
            if (k == TC_LETTER) {
                w->has_letter = 1;
                w->last_letter = c;
            }
            w->pure_number = 0;
            w->prev = k == TC_MARK && w->prev != TC_SPACE ? w->prev : TC_LETTER;
            j += n;
            continue;
        }
        if (k == TC_DIGIT) {
            w->group++;
            w->prev = TC_DIGIT;
            j += n;
            continue;
        }
        if (j + n >= len) break;
        r = join_at(t, i, j, c, k, n, w, hyphens);
        if (!r) break;
        j = r;
        if (w->elided) break;
    }
    return j;
}

/* Emits the word s[i..j) that word_end found, and its hyphenated parts. */
static inline void emit_word(tokenizer *t, size_t i, size_t j, const word_scan *w, const size_t *hyphens) {
    int kind = w->has_letter ? TEXT_WORD : (w->nh ? TEXT_WORD : TEXT_NUMBER);
    emit(t, i, j - i, kind, 0);
    if (!w->nh || w->hyphen_overflow) return;
    size_t a = i, n;
    for (size_t h = 0; h <= w->nh; h++) {
        size_t b = h < w->nh ? hyphens[h] : j;
        emit(t, a, b - a, TEXT_PART, 0);
        if (h < w->nh) {
            text_utf8_next(t->s, t->len, b, &n);
            a = b + n;
        }
    }
}

/* Scans a word or number starting at i (a letter or digit). Emits it (and its
 * elided prefix, its parts); returns where scanning resumes. */
static size_t scan_word(tokenizer *t, size_t i) {
    const char *s = t->s;
    size_t len = t->len;
    word_scan w = {.pure_number = 1, .prev = TC_SPACE};
    size_t hyphens[MAX_PARTS];
    size_t j = word_end(t, i, &w, hyphens);
    if (w.elided) return j;
    if (j == i) /* cannot happen: i is a letter or digit; be safe */
        return i + 1;
    /* an e-mail address: the word stopped at '@' or at a character of the local part */
    if (j < len && (s[j] == '@' || s[j] == '+' || s[j] == '%' || s[j] == '.' || s[j] == '-' || s[j] == '_') &&
        (unsigned char)s[i] < 0x80 && memchr(s + j, '@', len - j < 64 ? len - j : 64)) {
        size_t m = match_email(s, len, i);
        if (m) {
            emit(t, i, m, TEXT_EMAIL, 0);
            return i + m;
        }
    }
    emit_word(t, i, j, &w, hyphens);
    return j;
}

/* A run of characters of scripts without spaces: overlapping bigrams of clusters. */
static size_t scan_cjk(tokenizer *t, size_t i) {
    const char *s = t->s;
    size_t len = t->len, j = i, n;
    size_t prev_start = (size_t)-1, clusters = 0;
    while (j < len) {
        int32_t c = text_utf8_next(s, len, j, &n);
        if (text_cclass(c) != TC_CJK) break;
        size_t start = j;
        j += n;
        for (int marks = 0; marks < 30 && j < len && text_cclass(text_utf8_next(s, len, j, &n)) == TC_MARK; marks++)
            j += n; /* a cluster keeps at most 30 marks (stream-safe); more are dropped */
        if (prev_start != (size_t)-1) emit(t, prev_start, j - prev_start, TEXT_CJK, 0);
        prev_start = start;
        clusters++;
    }
    if (clusters == 1) emit(t, i, j - i, TEXT_CJK, 0);
    return j;
}

int text_tokenize(const char *s, size_t len, text_tokens *out) {
    tokenizer t;
    memset(&t, 0, sizeof t);
    text_chars_init();
    memset(out, 0, sizeof *out);
    if (!s) len = 0;
    t.s = s;
    t.len = len;
    buf_init(&t.arena, 0);
    t.stem_table = text_stem_table();
    /* about what news text needs (a token every 8 bytes; normalised tokens and
     * their NULs take about the text's size), so that few of them grow; a huge
     * text starts from a few MB and grows like any other */
    size_t want = len < ((size_t)4 << 20) ? len : ((size_t)4 << 20);
    t.cap = want / 8 + 64;
    t.v = malloc(t.cap * sizeof *t.v);
    if (!t.v || buf_reserve(&t.arena, want + want / 8 + 64) < 0) {
        free(t.v);
        buf_free(&t.arena);
        return -1;
    }
    text_sentences_each(s, len, add_start, &t);
    size_t i = 0, n;
    while (i < len && !t.failed) {
        int32_t c = text_utf8_next(s, len, i, &n);
        enum text_cclass k = text_cclass(c);
        if (k == TC_LETTER || k == TC_DIGIT) {
            size_t m = 0;
            if (c < 0x80) {
                if (c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'w' || c == 'W') m = match_url(s, len, i);
                if (m) {
                    emit(&t, i, m, TEXT_URL, 0);
                    i += m;
                    continue;
                }
            }
            i = scan_word(&t, i);
        } else if (k == TC_CJK) {
            i = scan_cjk(&t, i);
        } else {
            i += n;
        }
    }
    free(t.starts);
    if (t.failed) {
        free(t.v);
        buf_free(&t.arena);
        return -1;
    }
    /* arena offsets -> pointers; mark sentence starts */
    int last = -1;
    for (size_t k = 0; k < t.n; k++) {
        t.v[k].s = t.arena.p + (uintptr_t)t.v[k].s;
        if ((int)t.v[k].sentence != last) {
            if (t.v[k].kind != TEXT_PART) t.v[k].flags |= TEXT_SENTENCE_START;
            last = t.v[k].sentence;
        }
    }
    out->v = t.v;
    out->n = t.n;
    out->n_sentences = t.n_starts;
    out->arena = t.arena.p;
    return 0;
}

void text_tokens_free(text_tokens *t) {
    if (!t) return;
    free(t->v);
    free(t->arena);
    memset(t, 0, sizeof *t);
}
