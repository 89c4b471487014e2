/* chars.c: the character classes the tokeniser and sentence splitter see.
 *
 * A 128-entry table for ASCII, utf8proc's general category for the rest, plus
 * the ranges of the scripts written without spaces (Han, kana, Thai, Lao,
 * Khmer, Myanmar), which get their own class so that the tokeniser can cut
 * them into character bigrams. */
#include "text/text_internal.h"

#include <utf8proc.h>

static const unsigned char ascii_class[128] = {
    /* controls are spaces */
    [0 ... ' '] = TC_SPACE, [127] = TC_SPACE,
    ['!' ... '&'] = TC_PUNCT, ['(' ... ','] = TC_PUNCT, ['.' ... '/'] = TC_PUNCT,
    [':' ... '@'] = TC_PUNCT, ['[' ... '`'] = TC_PUNCT,
    ['{' ... '~'] = TC_PUNCT,
    ['0' ... '9'] = TC_DIGIT,
    ['A' ... 'Z'] = TC_LETTER, ['a' ... 'z'] = TC_LETTER,
    ['\''] = TC_APOS, ['-'] = TC_HYPHEN,
};

static int is_spaceless_script(int32_t c)
{
    if (c < 0x0E00)
        return 0;
    return (c >= 0x0E00 && c <= 0x0EFF)      /* Thai, Lao */
        || (c >= 0x1000 && c <= 0x109F)      /* Myanmar */
        || (c >= 0x1780 && c <= 0x17FF)      /* Khmer */
        || (c >= 0x2E80 && c <= 0x2FDF)      /* CJK radicals */
        || (c >= 0x3005 && c <= 0x3007)      /* 々 〆 〇 */
        || (c >= 0x3040 && c <= 0x30FF)      /* hiragana, katakana */
        || (c >= 0x31F0 && c <= 0x31FF)      /* katakana extension */
        || (c >= 0x3400 && c <= 0x4DBF)      /* CJK extension A */
        || (c >= 0x4E00 && c <= 0x9FFF)      /* CJK unified */
        || (c >= 0xF900 && c <= 0xFAFF)      /* CJK compatibility */
        || (c >= 0xFF66 && c <= 0xFF9F)      /* half-width katakana */
        || (c >= 0x20000 && c <= 0x3134F);   /* CJK extensions B.. */
}

enum text_cclass text_cclass(int32_t c)
{
    if (c < 0x80)
        return c < 0 ? TC_PUNCT : (enum text_cclass)ascii_class[c];
    switch (c) {
    case 0x2019: case 0x02BC: case 0xFF07:
        return TC_APOS;
    case 0x2010: case 0x2011:
        return TC_HYPHEN;
    default:
        break;
    }
    utf8proc_category_t cat = utf8proc_category(c);
    switch (cat) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        return is_spaceless_script(c) ? TC_CJK : TC_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
        return TC_MARK;
    case UTF8PROC_CATEGORY_ND:
        return TC_DIGIT;
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return TC_LETTER;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
        return TC_SPACE;
    default:
        return TC_PUNCT;
    }
}

int text_case_of(int32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? 1 : (c >= 'a' && c <= 'z') ? 2 : 0;
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) ? 1
         : cat == UTF8PROC_CATEGORY_LL ? 2 : 0;
}
