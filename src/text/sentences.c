/* sentences.c: sentence boundaries in news text.
 *
 * A rule-based splitter in the spirit of UAX #29's sentence rules, tuned for
 * news: a sentence ends at . ! ? … (and their Arabic, Devanagari and CJK forms)
 * followed, after closing quotes or brackets and white space, by something that
 * can begin a sentence (an upper-case or uncased letter, a digit, an opening
 * quote, bracket or dash). A full stop after an initial ("J. Smith", "M. Macron")
 * or a common abbreviation ("Mr.", "Dr.", "г.") does not end a sentence. A blank
 * line always ends one (extracted text separates paragraphs that way); a single
 * line break does unless the next line starts in lower case (a wrapped line).
 * CJK full stops end a sentence without any space after them. */
#include "text/text_internal.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static const char *const abbreviations[] = {
    "mr",     "mrs", "ms",  "dr",   "prof", "st",   "jr",   "sr",     "vs",  "inc", "ltd",  "co",   "corp",
    "gen",    "col", "lt",  "sgt",  "capt", "gov",  "sen",  "rep",    "rev", "mme", "mmes", "mlle", "mm",
    "me",     "mgr", "ste", "av",   "bd",   "no",   "nos",  "nr",     "vol", "fig", "cf",   "pp",   "ca",
    "approx", "jan", "feb", "febr", "aug",  "sept", "oct",  "nov",    "dec", "dir", "hr",   "frau", "bzw",
    "vgl",    "sig", "sra", "sres", "dott", "ing",  "avv",  "sig.ra", "u.s", "u.k", "e.g",  "i.e",  "z.b",
    "p.ex",   "г",   "гг",  "т",    "тыс",  "млн",  "млрд", "им",     "ул",  "д",   "см",   "др",   "пр",
    "руб",    "ст",  "чел", "ок",   "т.е",  "т.д",  "т.п",  "т.к",
};

static int is_terminal(int32_t c) {
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 || c == 0x2048 ||
           c == 0x2049 || c == 0x061F || c == 0x06D4 || c == 0x0964 || c == 0x0965;
}

static int is_cjk_terminal(int32_t c) {
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61;
}

static int is_closer(int32_t c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x00BB || c == 0x201D || c == 0x2019 || c == 0x203A ||
           c == 0x300D || c == 0x300F || c == 0xFF09;
}

static int is_opener(int32_t c) {
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == '-' || c == 0x00AB || c == 0x201C || c == 0x201E ||
           c == 0x2018 || c == 0x2039 || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x00BF || c == 0x00A1 ||
           c == 0x300C;
}

/* Is the word that ends at s[end) (just before a full stop) an initial or an abbreviation? */
static int before_is_abbreviation(const char *s, size_t end) {
    size_t b = end;
    while (b > 0) {
        unsigned char c = (unsigned char)s[b - 1];
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.')
            b--;
        else
            break;
        if (end - b > 16) return 0;
    }
    if (b == end) return 0;
    /* a single letter: an initial */
    size_t n;
    int32_t c = text_utf8_next(s, end, b, &n);
    if (b + n == end) return text_case_of(c) == 1;
    char w[20];
    size_t len = end - b;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[b + i];
        w[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    w[len] = '\0';
    /* Cyrillic capitals of the one-letter abbreviations: Г. Д. Т. */
    if (len > 8) return 0;
    for (size_t i = 0; i < sizeof abbreviations / sizeof *abbreviations; i++)
        if (abbreviations[i][0] == w[0] && strcmp(w, abbreviations[i]) == 0) return 1;
    return 0;
}

/* Can the code point start a sentence? */
static int can_start(int32_t c) {
    enum text_cclass k = text_cclass(c);
    if (k == TC_DIGIT || k == TC_CJK) return 1;
    if (k == TC_LETTER) return text_case_of(c) != 2;
    return is_opener(c);
}

/* Bytes that may begin a line break or a terminal punctuation mark: . ! ? CR LF,
 * and the lead bytes of … ‼ U+2028 (E2), 。 (E3), ！？｡ (EF), ؟ ۔ (D8 DB), । (E0). */
static const unsigned char interesting[256] = {
    ['.'] = 1,  ['!'] = 1,  ['?'] = 1,  ['\n'] = 1, ['\r'] = 1, [0xE2] = 1,
    [0xE3] = 1, [0xEF] = 1, [0xD8] = 1, [0xDB] = 1, [0xE0] = 1,
};

/* The first interesting byte of s[i..len) (or len): sixteen bytes at a time where
 * SSE2 is there (every x86-64), since most of a sentence is skipped this way. */
static inline size_t skip_plain(const char *s, size_t i, size_t len) {
#ifdef __SSE2__
#define EQ(b) _mm_cmpeq_epi8(x, _mm_set1_epi8((char)(b)))
    for (; i + 16 <= len; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_or_si128(EQ('.'), EQ('!')), _mm_or_si128(EQ('?'), EQ('\n'))),
                                 _mm_or_si128(_mm_or_si128(EQ('\r'), EQ(0xE2)), _mm_or_si128(EQ(0xE3), EQ(0xEF))));
        m = _mm_or_si128(m, _mm_or_si128(_mm_or_si128(EQ(0xD8), EQ(0xDB)), EQ(0xE0)));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask) return i + (size_t)__builtin_ctz(mask);
    }
#undef EQ
#endif
    while (i < len && !interesting[(unsigned char)s[i]]) i++;
    return i;
}

size_t text_sentences_each(const char *s, size_t len, void (*emit)(void *user, uint32_t off), void *user) {
    size_t count = 0, i = 0, n;
    int need_start = 1;
    text_chars_init();
    if (!s) return 0;
    while (i < len) {
        if (!need_start) {
            /* inside a sentence only line breaks and terminal punctuation matter */
            i = skip_plain(s, i, len);
            if (i >= len) break;
        }
        int32_t c = text_utf8_next(s, len, i, &n);
        enum text_cclass k = text_cclass(c);
        if (k == TC_SPACE) {
            if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
                /* a run of white space holding line breaks */
                size_t j = i, lines = 0;
                int32_t d = c;
                while (j < len) {
                    d = text_utf8_next(s, len, j, &n);
                    if (text_cclass(d) != TC_SPACE) break;
                    if (d == '\n' || d == 0x2028 || d == 0x2029)
                        lines++;
                    else if (d == '\r' && !(j + 1 < len && s[j + 1] == '\n'))
                        lines++;
                    j += n;
                }
                if (j < len && !need_start && (lines >= 2 || text_case_of(d) != 2)) need_start = 1;
                i = j;
                continue;
            }
            i += n;
            continue;
        }
        if (need_start) {
            if (i > UINT32_MAX) break;
            if (emit) emit(user, (uint32_t)i);
            count++;
            need_start = 0;
        }
        if (is_cjk_terminal(c)) {
            size_t j = i + n;
            while (j < len) {
                int32_t d = text_utf8_next(s, len, j, &n);
                if (!is_closer(d) && !is_cjk_terminal(d)) break;
                j += n;
            }
            need_start = 1;
            i = j;
            continue;
        }
        if (is_terminal(c)) {
            size_t j = i + n;
            int32_t d = 0;
            while (j < len) {
                d = text_utf8_next(s, len, j, &n);
                if (!is_terminal(d) && !is_closer(d)) break;
                j += n;
            }
            if (j >= len) {
                i = j;
                continue;
            }
            if (text_cclass(d) != TC_SPACE) {
                i = j;
                continue;
            }
            /* the first character after the white space */
            size_t m = j;
            while (m < len) {
                d = text_utf8_next(s, len, m, &n);
                if (text_cclass(d) != TC_SPACE) break;
                m += n;
            }
            if (m < len && can_start(d) && !(c == '.' && j == i + 1 && before_is_abbreviation(s, i))) need_start = 1;
            i = j;
            continue;
        }
        i += n;
    }
    return count;
}

struct fill {
    uint32_t *starts;
    size_t cap, n;
};

static void fill_one(void *user, uint32_t off) {
    struct fill *f = user;
    if (f->n < f->cap) f->starts[f->n] = off;
    f->n++;
}

size_t text_sentences(const char *s, size_t len, uint32_t *starts, size_t cap) {
    if (!starts) return text_sentences_each(s, len, NULL, NULL);
    struct fill f = {starts, cap, 0};
    text_sentences_each(s, len, fill_one, &f);
    return f.n < cap ? f.n : cap;
}
