/* numbers.c: quantities written in text, as values.
 *
 * Works on the tokens of tokenize.c, which already keeps "8 000", "10.000" and
 * "1,5" whole. Digits are read with the decimal and thousands rules of the
 * language ("10.000" is ten thousand in French, "1,5" one and a half; "12,000"
 * twelve thousand in English); when the language is unknown, a separator
 * followed by exactly three digits is a thousands separator. A scale word
 * after the digits multiplies ("1,5 million", "2,3 milliards", "10k", "3 млн");
 * number words compose ("deux mille", "quatre-vingt-dix", "a dozen", "тысяча");
 * the approximation phrase before the number is kept ("jusqu'à", "plus de",
 * "up to", "около"), and so is a unit after it ("478 km²", "12 %"). Years
 * (four digits from 1900 to 2100), numbers next to a month name ("31 octobre",
 * "October 31") and numbers joined by '/' or ':' (dates, times) are flagged
 * is_year: they are not quantities. */
#include "text/numbers_internal.h"
#include "text/text_internal.h"

#include <string.h>

static const char *const comma_decimal_langs[] = {
    "fr", "de", "es", "it", "pt", "ru", "uk", "pl", "nl", "cs", "sk", "sl", "hr", "sr", "bs", "bg",
    "ro", "hu", "sv", "da", "no", "nb", "nn", "fi", "et", "lv", "lt", "tr", "el", "id", "ca", "eu",
    "gl", "be", "kk", "az", "vi", "is", "sq", "mk", "ka", "hy", "mn", "uz", "ky", "af", "lb",
};
static const char *const dot_decimal_langs[] = {
    "en", "zh", "ja", "ko", "he", "th", "hi", "ar", "fa", "ur", "ms", "tl", "bn", "ta",
    "te", "mr", "gu", "kn", "ml", "si", "my", "km", "lo", "ne", "sw", "ga", "mt",
};

/* 1: the language writes 1,5; 0: it writes 1.5; -1: unknown. */
static int comma_decimal(const char *lang) {
    if (!lang) return -1;
    char l[4] = {0};
    for (size_t i = 0; i < 3 && lang[i] && lang[i] != '-' && lang[i] != '_'; i++)
        l[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z' ? lang[i] + 32 : lang[i]);
    for (size_t i = 0; i < sizeof comma_decimal_langs / sizeof *comma_decimal_langs; i++)
        if (!strcmp(l, comma_decimal_langs[i])) return 1;
    for (size_t i = 0; i < sizeof dot_decimal_langs / sizeof *dot_decimal_langs; i++)
        if (!strcmp(l, dot_decimal_langs[i])) return 0;
    return -1;
}

static int digit_value(int32_t c) {
    static const int32_t zeros[] = {0x30,  0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66,  0xAE6,  0xB66,  0xBE6,
                                    0xC66, 0xCE6, 0xD66, 0xE50, 0xED0, 0xF20, 0x1040, 0x17E0, 0x1810, 0xFF10};
    for (size_t i = 0; i < sizeof zeros / sizeof *zeros; i++)
        if (c >= zeros[i] && c <= zeros[i] + 9) return c - zeros[i];
    return -1;
}

enum { PARSE_BAD = 0, PARSE_OK = 1, PARSE_DATE = 2 };

/* Reads digits with separators (s[0..len)). *plain: no separator at all. */
static int parse_digits(const char *s, size_t len, int cd, double *value, int *plain, int *ndigits) {
    /* a token is at most 256 bytes: at most 128 digits and 128 separators */
    char sep[160];
    size_t pos[160], nsep = 0, nd = 0, i = 0, n;
    char digits[260];
    while (i < len) {
        int32_t c = text_utf8_next(s, len, i, &n);
        int d = digit_value(c);
        if (d >= 0) {
            if (nd < sizeof digits) digits[nd++] = (char)d;
        } else if (nsep < sizeof sep) {
            sep[nsep] = c == '.' ? '.' : c == ',' ? ',' : ' ';
            pos[nsep++] = nd;
        } else {
            return PARSE_BAD;
        }
        i += n;
    }
    if (nd == 0 || nd >= sizeof digits) return PARSE_BAD;
    *ndigits = (int)nd;
    *plain = nsep == 0;
    size_t n_dot = 0, n_comma = 0, n_space = 0;
    for (size_t k = 0; k < nsep; k++) n_dot += sep[k] == '.', n_comma += sep[k] == ',', n_space += sep[k] == ' ';
    /* 31.10.2024, 10.31.24: groups that are not thousands */
    if (n_dot + n_comma >= 2 && !n_space && (n_dot == 0 || n_comma == 0)) {
        for (size_t k = 0; k < nsep; k++) {
            size_t next = k + 1 < nsep ? pos[k + 1] : nd;
            if (next - pos[k] != 3 || (k == 0 && (pos[0] == 0 || pos[0] > 3))) return PARSE_DATE;
        }
    }
    /* which separator is the decimal one (index into sep, or -1) */
    long dec = -1;
    if (n_dot && n_comma) {
        dec = (long)nsep - 1; /* the last of them */
        while (dec >= 0 && sep[dec] == ' ') dec--;
    } else if (n_dot + n_comma == 1) {
        long k = 0;
        while (sep[k] == ' ') k++;
        size_t after = (k + 1 < (long)nsep ? pos[k + 1] : nd) - pos[k];
        char c = sep[k];
        if (n_space)
            dec = k;
        else if (cd == 1)
            dec = (c == ',' || after != 3) ? k : -1;
        else if (cd == 0)
            dec = (c == '.' || after != 3) ? k : -1;
        else
            dec = after != 3 ? k : -1;
    }
    double v = 0, scale = 1;
    size_t split = dec >= 0 ? pos[dec] : nd;
    for (size_t k = 0; k < split; k++) v = v * 10 + digits[k];
    for (size_t k = split; k < nd; k++) {
        scale /= 10;
        v += digits[k] * scale;
    }
    *value = v;
    return PARSE_OK;
}

static int is_currency(int32_t c) {
    return c == 0x20AC || c == '$' || c == 0xA3 || c == 0x20BD || c == 0xA5 || c == 0x20B4;
}

/* Only white space between a and b? (hyphens too when allow == 1, currency signs when 2) */
static int gap_ok(const char *s, size_t a, size_t b, int allow) {
    if (b < a || b - a > 8) return 0;
    size_t n;
    for (size_t i = a; i < b; i += n) {
        int32_t c = text_utf8_next(s, b, i, &n);
        enum text_cclass k = text_cclass(c);
        if (k != TC_SPACE && !(allow == 1 && k == TC_HYPHEN) && !(allow == 2 && is_currency(c))) return 0;
    }
    return 1;
}

static size_t tok_end(const text_token *t) {
    return (size_t)t->offset + t->orig_len;
}

/* Copies at most cap-1 bytes of s, not cutting a UTF-8 sequence. */
static void copy_str(char *dst, size_t cap, const char *s, size_t len) {
    if (len > cap - 1) {
        len = cap - 1;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80) len--;
    }
    memcpy(dst, s, len);
    dst[len] = '\0';
}

static int is_month(const text_token *t, const char *lang) {
    const numword *w = t->kind == TEXT_WORD || t->kind == TEXT_PART ? numword_find(t->s, lang) : NULL;
    return w && w->kind == NW_MONTH;
}

/* The approximation phrase right before token k. */
static void find_approx(const char *s, const text_tokens *t, size_t k, text_number *num) {
    const char *prev[3];
    size_t n = 0, at = (size_t)t->v[k].offset;
    for (size_t j = k; j > 0 && n < 3; j--) {
        const text_token *p = &t->v[j - 1];
        if (p->kind != TEXT_WORD || !gap_ok(s, tok_end(p), at, n ? 0 : 2)) break;
        prev[2 - n++] = p->s;
        at = p->offset;
    }
    if (n) numword_approx(prev + (3 - n), n, num->approx, sizeof num->approx);
}

static void currency_before(const char *s, size_t len, size_t start, text_number *num);

/* The unit after s[end) or a currency sign before s[start). */
static void find_unit(const char *s, size_t len, const text_tokens *t, size_t next, size_t start, size_t end,
                      text_number *num, const char *lang) {
    size_t i = end, n;
    if (i < len && text_cclass(text_utf8_next(s, len, i, &n)) == TC_SPACE) i += n;
    if (i < len) {
        int32_t c = text_utf8_next(s, len, i, &n);
        if (c == '%' || is_currency(c)) {
            copy_str(num->unit, sizeof num->unit, s + i, n);
            return;
        }
    }
    if (next < t->n && gap_ok(s, end, t->v[next].offset, 0)) {
        const numword *w = numword_find(t->v[next].s, lang);
        if (w && w->kind == NW_UNITWORD) {
            copy_str(num->unit, sizeof num->unit, s + t->v[next].offset, t->v[next].orig_len);
            return;
        }
    }
    currency_before(s, len, start, num);
}

/* A currency sign right before s[start) ("$5", "€ 10"). */
static void currency_before(const char *s, size_t len, size_t start, text_number *num) {
    size_t n;
    if (start > 0) {
        size_t b = text_utf8_prev(s, start);
        int32_t c = text_utf8_next(s, len, b, &n);
        if (c == ' ' && b > 0) {
            b = text_utf8_prev(s, b);
            c = text_utf8_next(s, len, b, &n);
        }
        if (is_currency(c)) copy_str(num->unit, sizeof num->unit, s + b, n);
    }
}

typedef struct sink {
    text_number *out;
    size_t cap, n;
    const char *lang; /* "fr", or NULL when unknown: then words of every language count */
} sink;

static void put(sink *k, const text_number *num) {
    if (k->n < k->cap) k->out[k->n] = *num;
    k->n++;
}

/* A number written in digits, token k. Returns the next token to look at. */
static size_t digits_at(const char *s, size_t len, const text_tokens *t, size_t k, int cd, sink *out) {
    const text_token *tk = &t->v[k];
    text_number num;
    memset(&num, 0, sizeof num);
    int plain = 0, nd = 0;
    int r = parse_digits(s + tk->offset, tk->orig_len, cd, &num.value, &plain, &nd);
    if (r == PARSE_BAD) return k + 1;
    num.offset = tk->offset;
    size_t end = tok_end(tk), next = k + 1;
    int scaled = 0;
    if (r == PARSE_DATE) {
        num.is_year = 1;
    } else {
        if (next < t->n && gap_ok(s, end, t->v[next].offset, 0)) {
            const numword *w = numword_find(t->v[next].s, out->lang);
            if (w && (w->kind == NW_SCALE || w->kind == NW_ABBR)) {
                num.value *= w->value;
                end = tok_end(&t->v[next]);
                next++;
                scaled = 1;
            }
        }
        find_unit(s, len, t, next, tk->offset, end, &num, out->lang);
        find_approx(s, t, k, &num);
        /* dates and times: 31/10/2024, 20:52, 31 octobre, October 31, octobre 2024 */
        char before = tk->offset > 0 ? s[tk->offset - 1] : 0;
        char after = end < len ? s[end] : 0;
        int joined = ((before == '/' || before == ':') && tk->offset > 1 &&
                      digit_value((unsigned char)s[tk->offset - 2]) >= 0) ||
                     ((after == '/' || after == ':') && end + 1 < len && digit_value((unsigned char)s[end + 1]) >= 0);
        int month_near =
            (k > 0 && is_month(&t->v[k - 1], out->lang) && gap_ok(s, tok_end(&t->v[k - 1]), tk->offset, 0)) ||
            (!scaled && next < t->n && is_month(&t->v[next], out->lang) &&
             (gap_ok(s, end, t->v[next].offset, 0) || (after == '.' && gap_ok(s, end + 1, t->v[next].offset, 0))));
        if (!scaled && !num.unit[0] && (joined || (month_near && plain && nd <= 4))) num.is_year = 1;
        if (plain && nd == 4 && num.value >= 1900 && num.value <= 2100 && !scaled && !num.unit[0] && !num.approx[0])
            num.is_year = 1;
    }
    num.len = (uint32_t)(end - tk->offset);
    put(out, &num);
    return next;
}

/* A word that begins with digits: "10k", "1.5bn", "478km". */
static void digit_word_at(const char *s, size_t len, const text_tokens *t, size_t k, int cd, sink *out) {
    const text_token *tk = &t->v[k];
    size_t i = 0, n;
    const char *o = s + tk->offset;
    while (i < tk->orig_len) {
        int32_t c = text_utf8_next(o, tk->orig_len, i, &n);
        if (digit_value(c) < 0 && c != '.' && c != ',') break;
        i += n;
    }
    while (i > 0 && (o[i - 1] == '.' || o[i - 1] == ',')) i--;
    if (i == 0 || i >= tk->orig_len) return;
    /* the suffix, normalised: the token's form minus as many bytes (digits are ASCII after NFKC) */
    size_t suffix_at = tk->len > tk->orig_len - i ? tk->len - (tk->orig_len - i) : 0;
    const numword *w = numword_find(tk->s + suffix_at, out->lang);
    if (!w || (w->kind != NW_ABBR && w->kind != NW_UNITWORD)) return;
    text_number num;
    memset(&num, 0, sizeof num);
    int plain, nd;
    if (parse_digits(o, i, cd, &num.value, &plain, &nd) != PARSE_OK) return;
    if (w->kind == NW_ABBR) {
        num.value *= w->value;
        currency_before(s, len, tk->offset, &num);
    } else
        copy_str(num.unit, sizeof num.unit, o + i, tk->orig_len - i);
    num.offset = tk->offset;
    num.len = tk->orig_len;
    find_approx(s, t, k, &num);
    put(out, &num);
}

/* Number words from token k: "deux mille", "quatre-vingt-dix", "a dozen", "тысяча". */
static size_t words_at(const char *s, const text_tokens *t, size_t k, sink *out) {
    double total = 0, cur = 0, last_scale = 0;
    size_t j = k, words = 0, real = 0, end = 0, gap_from = 0;
    const char *group = NULL;
    while (j < t->n) {
        const text_token *tk = &t->v[j];
        if (tk->kind == TEXT_WORD && j + 1 < t->n && t->v[j + 1].kind == TEXT_PART &&
            t->v[j + 1].offset == tk->offset) {
            j++; /* a compound: read its parts */
            continue;
        }
        if (tk->kind != TEXT_WORD && tk->kind != TEXT_PART) break;
        if (words && !gap_ok(s, gap_from, tk->offset, 1)) break;
        const numword *w = numword_find(tk->s, out->lang);
        if (!w) break;
        if (w->kind == NW_AND) {
            /* only between two number words */
            const numword *nx = j + 1 < t->n ? numword_find(t->v[j + 1].s, out->lang) : NULL;
            if (!words || !nx || nx->kind == NW_AND || nx->kind == NW_MONTH || nx->kind == NW_UNITWORD ||
                nx->kind == NW_ABBR)
                break;
            gap_from = tok_end(tk);
            j++;
            continue;
        }
        if (w->kind == NW_MONTH || w->kind == NW_UNITWORD || w->kind == NW_ABBR) break;
        if (w->kind == NW_UNIT || w->kind == NW_ONE) {
            if (w->value == 20 && (long long)cur % 100 == 4)
                cur += 76; /* quatre-vingt(s) */
            else
                cur += w->value;
        } else if (w->kind == NW_HUNDRED) {
            cur = (cur ? cur : 1) * 100;
        } else if (w->kind == NW_DOZEN || w->kind == NW_GROUP) {
            cur = (cur ? cur : 1) * w->value;
            if (w->kind == NW_GROUP) group = tk->s;
        } else if (w->kind == NW_SCALE) {
            if (cur == 0 && total > 0 && w->value > last_scale)
                total *= w->value;
            else
                total += (cur ? cur : 1) * w->value;
            cur = 0;
            last_scale = w->value;
        }
        words++;
        real += w->kind != NW_ONE;
        end = gap_from = tok_end(tk);
        j++;
    }
    if (!words) return k + 1;
    if (!real) return j;
    text_number num;
    memset(&num, 0, sizeof num);
    num.value = total + cur;
    num.offset = t->v[k].offset;
    num.len = (uint32_t)(end - t->v[k].offset);
    find_approx(s, t, k, &num);
    /* "des millions", "milliers": a round amount, not a count */
    if (!group && words == 1 && cur == 0 && t->v[k].len > 1 && t->v[k].s[t->v[k].len - 1] == 's') group = t->v[k].s;
    if (!num.approx[0] && group) copy_str(num.approx, sizeof num.approx, group, strlen(group));
    put(out, &num);
    return j;
}

size_t text_numbers(const char *lang, const char *s, size_t len, text_number *out, size_t cap) {
    text_chars_init();
    text_tokens t;
    if (!s || text_tokenize(s, len, &t) < 0) return 0;
    int cd = comma_decimal(lang);
    char lk[8];
    size_t l = 0;
    for (; lang && lang[l] && l < 7 && lang[l] != '-' && lang[l] != '_'; l++)
        lk[l] = (char)(lang[l] >= 'A' && lang[l] <= 'Z' ? lang[l] + 32 : lang[l]);
    lk[l] = '\0';
    sink sk = {out, out ? cap : 0, 0, (l == 0 || !strcmp(lk, "und")) ? NULL : lk};
    size_t k = 0;
    while (k < t.n) {
        const text_token *tk = &t.v[k];
        if (tk->kind == TEXT_NUMBER) {
            k = digits_at(s, len, &t, k, cd, &sk);
        } else if (tk->kind == TEXT_WORD && tk->len && tk->s[0] >= '0' && tk->s[0] <= '9') {
            digit_word_at(s, len, &t, k, cd, &sk);
            k++;
        } else if (tk->kind == TEXT_WORD || tk->kind == TEXT_PART) {
            k = words_at(s, &t, k, &sk);
        } else {
            k++;
        }
    }
    text_tokens_free(&t);
    return sk.n;
}
