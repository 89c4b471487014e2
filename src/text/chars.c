/* chars.c: the character classes the tokeniser and sentence splitter see, and
 * the one-code-point normalisation table.
 *
 * Classes come from a 128-entry table for ASCII, utf8proc's general category for
 * the rest, plus the ranges of the scripts written without spaces (Han, kana,
 * Thai, Lao, Khmer, Myanmar), which get their own class so that the tokeniser
 * can cut them into character bigrams. Because the tokeniser asks for the class
 * of every character, the answers for the first 0x3000 code points (Latin,
 * Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic, punctuation...) are
 * computed once per process into text_cp[], along with each one's normalised
 * form when it is a single code point; normalize.c uses that to skip utf8proc
 * for almost every character. */
#include "text/text_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <utf8proc.h>

text_cpinfo text_cp[TEXT_CP_FAST];
static atomic_int cp_ready;
static pthread_once_t cp_once = PTHREAD_ONCE_INIT;

static const unsigned char ascii_class[128] = {
    /* controls are spaces */
    [0 ... ' '] = TC_SPACE,   [127] = TC_SPACE,          ['!' ... '&'] = TC_PUNCT,  ['(' ... ','] = TC_PUNCT,
    ['.' ... '/'] = TC_PUNCT, [':' ... '@'] = TC_PUNCT,  ['[' ... '`'] = TC_PUNCT,  ['{' ... '~'] = TC_PUNCT,
    ['0' ... '9'] = TC_DIGIT, ['A' ... 'Z'] = TC_LETTER, ['a' ... 'z'] = TC_LETTER, ['\''] = TC_APOS,
    ['-'] = TC_HYPHEN,
};

static int is_spaceless_script(int32_t c) {
    if (c < 0x0E00) return 0;
    return (c >= 0x0E00 && c <= 0x0EFF)       /* Thai, Lao */
           || (c >= 0x1000 && c <= 0x109F)    /* Myanmar */
           || (c >= 0x1780 && c <= 0x17FF)    /* Khmer */
           || (c >= 0x2E80 && c <= 0x2FDF)    /* CJK radicals */
           || (c >= 0x3005 && c <= 0x3007)    /* 々 〆 〇 */
           || (c >= 0x3040 && c <= 0x30FF)    /* hiragana, katakana */
           || (c >= 0x31F0 && c <= 0x31FF)    /* katakana extension */
           || (c >= 0x3400 && c <= 0x4DBF)    /* CJK extension A */
           || (c >= 0x4E00 && c <= 0x9FFF)    /* CJK unified */
           || (c >= 0xF900 && c <= 0xFAFF)    /* CJK compatibility */
           || (c >= 0xFF66 && c <= 0xFF9F)    /* half-width katakana */
           || (c >= 0x20000 && c <= 0x3134F); /* CJK extensions B.. */
}

enum text_cclass text_cclass_slow(int32_t c) {
    if (c < 0x80) return c < 0 ? TC_PUNCT : (enum text_cclass)ascii_class[c];
    switch (c) {
        case 0x2019:
        case 0x02BC:
        case 0xFF07: return TC_APOS;
        case 0x2010:
        case 0x2011: return TC_HYPHEN;
        default: break;
    }
    utf8proc_category_t cat = utf8proc_category(c);
    switch (cat) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO: return is_spaceless_script(c) ? TC_CJK : TC_LETTER;
        case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
        case UTF8PROC_CATEGORY_ME:
        case UTF8PROC_CATEGORY_CF: return TC_MARK;
        case UTF8PROC_CATEGORY_ND: return TC_DIGIT;
        case UTF8PROC_CATEGORY_NL:
        case UTF8PROC_CATEGORY_NO: return TC_LETTER;
        case UTF8PROC_CATEGORY_ZS:
        case UTF8PROC_CATEGORY_ZL:
        case UTF8PROC_CATEGORY_ZP:
        case UTF8PROC_CATEGORY_CC: return TC_SPACE;
        default: return TC_PUNCT;
    }
}

int text_case_slow(int32_t c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? 1 : (c >= 'a' && c <= 'z') ? 2 : 0;
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) ? 1 : cat == UTF8PROC_CATEGORY_LL ? 2 : 0;
}

/* The normalised form of one code point when it is one code point, else -1. */
static int32_t fold_one(int32_t c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c >= 0xD800 && c <= 0xDFFF) return -1;
    int32_t p = text_punct_fold(c);
    if (p != c) return p;
    if (text_cclass_slow(c) == TC_MARK || (c >= 0x1100 && c <= 0x11FF))
        return -1; /* it may compose with what precedes (marks, Hangul jamo) */
    utf8proc_uint8_t src[8], *dst = NULL;
    utf8proc_ssize_t n = utf8proc_encode_char(c, src);
    src[n] = 0;
    utf8proc_ssize_t m = utf8proc_map(src, n, &dst, TEXT_NORM_OPTS);
    if (m < 0 || !dst) return -1;
    utf8proc_int32_t out = -1;
    utf8proc_ssize_t k = m > 0 ? utf8proc_iterate(dst, m, &out) : 0;
    int32_t r = (k > 0 && k == m) ? out : -1;
    free(dst);
    return r;
}

static void build_table(void) {
    for (int32_t c = 0; c < TEXT_CP_FAST; c++) {
        text_cp[c].cls = (uint8_t)text_cclass_slow(c);
        text_cp[c].cas = (uint8_t)text_case_slow(c);
        text_cp[c].fold = fold_one(c);
        if (text_cp[c].cls == TC_MARK)
            text_cp[c].fold = -1; /* (fold_one says so already; the tokeniser relies on it) */
    }
    atomic_store_explicit(&cp_ready, 1, memory_order_release);
}

void text_chars_init(void) {
    if (atomic_load_explicit(&cp_ready, memory_order_acquire)) return;
    pthread_once(&cp_once, build_table);
}

/* One form for apostrophes, quotes, dashes and spaces (text_normalize's fold). */
int32_t text_punct_fold(int32_t c) {
    switch (c) {
        /* apostrophes */
        case 0x2019:
        case 0x2018:
        case 0x02BC:
        case 0x02BB:
        case 0x02B9:
        case 0x2032:
        case 0x00B4:
        case 0x201B:
        case 0xFF07:
        case 0x055A:
        case 0xA78C: return '\'';
        /* quotes */
        case 0x00AB:
        case 0x00BB:
        case 0x201C:
        case 0x201D:
        case 0x201E:
        case 0x201F:
        case 0x2039:
        case 0x203A:
        case 0x2033:
        case 0x301D:
        case 0x301E:
        case 0xFF02: return '"';
        /* dashes and minus */
        case 0x2010:
        case 0x2011:
        case 0x2012:
        case 0x2013:
        case 0x2014:
        case 0x2015:
        case 0x2212:
        case 0xFE58:
        case 0xFE63:
        case 0xFF0D:
        case 0x2E3A:
        case 0x2E3B:
        case 0x058A:
        case 0x05BE: return '-';
        /* spaces (the rest of Zs is folded to U+0020 by NFKC already) */
        case 0x00A0:
        case 0x202F:
        case 0x2007:
        case 0x2009:
        case 0x200A:
        case 0x2008:
        case 0x205F:
        case 0x3000:
        case 0x1680:
        case 0x2000:
        case 0x2001:
        case 0x2002:
        case 0x2003:
        case 0x2004:
        case 0x2005:
        case 0x2006: return ' ';
        default: return c;
    }
}
