/* date.c: one date parser for every source: meta tags and JSON-LD (ISO 8601,
 * RFC 2822), <time datetime>, and dates written in running text in seven
 * languages ("publié le 31 octobre 2024 à 20h52", "March 5, 2024, 8:30 p.m.",
 * "31. Oktober 2024", "31 de octubre de 2024", "31 октября 2024 г."). It scans
 * left to right and takes the first plausible date; a time written just after it
 * ("à 20h52", "at 8:30 pm", "T20:52:00+01:00") is attached. Implausible dates
 * (before 1990, after tomorrow) are rejected, so that page-build years and
 * copyright lines do not pass as publication dates. */
#include <stdio.h>
#include <string.h>

#include "extract/extract.h"

typedef struct {
    const char *name;
    int month;
} month_name;

/* Lower-case forms; a word matches a name it equals or is a 3+ letter prefix of. */
static const month_name MONTHS[] = {
    {"january", 1},    {"february", 2},   {"march", 3},     {"april", 4},      {"may", 5},       {"june", 6},
    {"july", 7},       {"august", 8},     {"september", 9}, {"sept", 9},       {"october", 10},  {"november", 11},
    {"december", 12},  {"janvier", 1},    {"février", 2},   {"fevrier", 2},    {"mars", 3},      {"avril", 4},
    {"mai", 5},        {"juin", 6},       {"juillet", 7},   {"août", 8},       {"aout", 8},      {"septembre", 9},
    {"octobre", 10},   {"novembre", 11},  {"décembre", 12}, {"decembre", 12},  {"januar", 1},    {"jänner", 1},
    {"februar", 2},    {"märz", 3},       {"maerz", 3},     {"juni", 6},       {"juli", 7},      {"oktober", 10},
    {"dezember", 12},  {"enero", 1},      {"febrero", 2},   {"marzo", 3},      {"abril", 4},     {"mayo", 5},
    {"junio", 6},      {"julio", 7},      {"agosto", 8},    {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12}, {"gennaio", 1},   {"febbraio", 2},   {"aprile", 4},    {"maggio", 5},
    {"giugno", 6},     {"luglio", 7},     {"settembre", 9}, {"ottobre", 10},   {"dicembre", 12}, {"janeiro", 1},
    {"fevereiro", 2},  {"março", 3},      {"marco", 3},     {"maio", 5},       {"junho", 6},     {"julho", 7},
    {"setembro", 9},   {"outubro", 10},   {"novembro", 11}, {"dezembro", 12},  {"января", 1},    {"февраля", 2},
    {"марта", 3},      {"апреля", 4},     {"мая", 5},       {"июня", 6},       {"июля", 7},      {"августа", 8},
    {"сентября", 9},   {"октября", 10},   {"ноября", 11},   {"декабря", 12},   {"январь", 1},    {"февраль", 2},
    {"март", 3},       {"апрель", 4},     {"май", 5},       {"июнь", 6},       {"июль", 7},      {"август", 8},
    {"сентябрь", 9},   {"октябрь", 10},   {"ноябрь", 11},   {"декабрь", 12},
};

static int is_digit(int c) {
    return c >= '0' && c <= '9';
}
static int is_ascii_alpha(int c) {
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}
static int is_letter_byte(unsigned char c) {
    return is_ascii_alpha(c) || c >= 0x80;
}

/* Lower-cases one word (ASCII, Latin-1 capitals, Cyrillic capitals) into out. */
static size_t lower_word(const char *s, size_t len, char *out, size_t cap) {
    size_t o = 0, i = 0;
    while (i < len && o + 2 < cap) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (!is_ascii_alpha(c)) break;
            out[o++] = (char)(c | 32);
            i++;
        } else if (i + 1 < len && (c == 0xC3 || c == 0xD0 || c == 0xD1)) {
            unsigned char d = (unsigned char)s[i + 1];
            if (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97)
                d += 0x20;
            else if (c == 0xD0 && d >= 0x90 && d <= 0x9F)
                d += 0x20;
            else if (c == 0xD0 && d >= 0xA0 && d <= 0xAF) {
                c = 0xD1;
                d -= 0x20;
            } else if (!((c == 0xC3 && d >= 0xA0) || (c == 0xD0 && d >= 0xB0) || (c == 0xD1 && d <= 0x8F)))
                break;
            out[o++] = (char)c;
            out[o++] = (char)d;
            i += 2;
        } else {
            break;
        }
    }
    out[o] = 0;
    return i; /* bytes consumed */
}

/* A month name at s: its number and the bytes it spans (with a trailing '.'), or 0. */
static int month_at(const char *s, size_t len, size_t *used) {
    char w[48];
    size_t n = lower_word(s, len, w, sizeof w);
    if (!n || (n < len && is_letter_byte((unsigned char)s[n]))) return 0;
    size_t wl = strlen(w);
    if (extract_utf8_count(w, wl) < 3) return 0;
    for (size_t k = 0; k < sizeof MONTHS / sizeof MONTHS[0]; k++) {
        size_t ml = strlen(MONTHS[k].name);
        if (wl <= ml && memcmp(w, MONTHS[k].name, wl) == 0) {
            if (n < len && s[n] == '.') n++;
            *used = n;
            return MONTHS[k].month;
        }
    }
    return 0;
}

static int read_num(const char *s, size_t len, size_t *i, int maxdig, int *val) {
    size_t k = *i;
    int v = 0, nd = 0;
    while (k < len && is_digit(s[k]) && nd < maxdig) v = v * 10 + (s[k++] - '0'), nd++;
    if (!nd || (k < len && is_digit(s[k]))) return 0;
    *val = v;
    *i = k;
    return nd;
}

static size_t skip_spaces(const char *s, size_t len, size_t i) {
    size_t sp;
    while (i < len && (sp = extract_space_len(s + i, len - i)) && s[i] != '\n') i += sp;
    return i;
}

static int days_in(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0)) return 29;
    return d[m - 1];
}

static int valid_ymd(int y, int m, int d) {
    return y >= 1990 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m);
}

/* Time zone after a time: Z, +01:00, +0100, GMT/UTC[+offset], a few names. */
static size_t parse_tz(const char *s, size_t len, size_t i, int *tz) {
    static const struct {
        const char *n;
        int off;
    } NAMES[] = {{"GMT", 0},    {"UTC", 0},    {"CEST", 120}, {"CET", 60},   {"BST", 60},
                 {"EEST", 180}, {"EET", 120},  {"MSK", 180},  {"EDT", -240}, {"EST", -300},
                 {"CDT", -300}, {"CST", -360}, {"PDT", -420}, {"PST", -480}};
    size_t j = i;
    if (j < len && s[j] == 'Z') {
        *tz = 0;
        return j + 1;
    }
    size_t k = skip_spaces(s, len, j);
    for (size_t n = 0; n < sizeof NAMES / sizeof NAMES[0]; n++) {
        size_t l = strlen(NAMES[n].n);
        if (k + l <= len && memcmp(s + k, NAMES[n].n, l) == 0 &&
            (k + l == len || !is_ascii_alpha((unsigned char)s[k + l]))) {
            *tz = NAMES[n].off;
            j = k + l;
            break;
        }
    }
    if (j < len && (s[j] == '+' || s[j] == '-')) {
        int sign = s[j] == '-' ? -1 : 1;
        size_t q = j + 1;
        int hh = 0, mm = 0;
        int nd = 0;
        while (q < len && is_digit(s[q]) && nd < 4) q++, nd++;
        if (nd == 4 && !(q < len && is_digit(s[q]))) {
            hh = (s[j + 1] - '0') * 10 + (s[j + 2] - '0');
            mm = (s[j + 3] - '0') * 10 + (s[j + 4] - '0');
        } else if (nd == 2 || nd == 1) {
            size_t p = j + 1;
            read_num(s, len, &p, 2, &hh);
            q = p;
            if (q + 2 < len && s[q] == ':' && is_digit(s[q + 1]) && is_digit(s[q + 2])) {
                mm = (s[q + 1] - '0') * 10 + (s[q + 2] - '0');
                q += 3;
            }
        } else {
            return j;
        }
        if (hh > 14 || mm > 59) return j;
        *tz = sign * (hh * 60 + mm);
        return q;
    }
    return j;
}

/* A time at s[i..]: HH:MM[:SS[.frac]], 20h52, 20 h 52, 20h, 8.30, with am/pm and a zone. */
static size_t parse_time(const char *s, size_t len, size_t i, extract_date *d) {
    int hh, mm = 0, ss = 0;
    size_t j = i, k;
    if (!read_num(s, len, &j, 2, &hh)) return i;
    if (j < len && (s[j] == ':' || s[j] == '.')) {
        k = j + 1;
        if (read_num(s, len, &k, 2, &mm) != 2) return i;
    } else {
        size_t q = skip_spaces(s, len, j);
        if (q >= len || (s[q] != 'h' && s[q] != 'H')) return i;
        q++;
        size_t r = skip_spaces(s, len, q);
        if (read_num(s, len, &r, 2, &mm) == 2) {
            k = r;
        } else {
            if (q < len && is_letter_byte((unsigned char)s[q])) return i; /* "20 heures" */
            mm = 0;
            k = q;
        }
    }
    if (k + 2 < len && s[k] == ':' && is_digit(s[k + 1])) {
        size_t q = k + 1;
        if (read_num(s, len, &q, 2, &ss) == 2) k = q;
        if (k < len && (s[k] == '.' || s[k] == ',')) {
            q = k + 1;
            while (q < len && is_digit(s[q])) q++;
            if (q > k + 1) k = q;
        }
    }
    size_t p = skip_spaces(s, len, k);
    if (p + 1 < len && ((s[p] | 32) == 'a' || (s[p] | 32) == 'p')) {
        size_t q = p + 1;
        if (q < len && s[q] == '.') q++;
        if (q < len && (s[q] | 32) == 'm') {
            q++;
            if (q < len && s[q] == '.') q++;
            if (q >= len || !is_ascii_alpha((unsigned char)s[q])) {
                if ((s[p] | 32) == 'p' && hh < 12) hh += 12;
                if ((s[p] | 32) == 'a' && hh == 12) hh = 0;
                k = q;
            }
        }
    }
    if (hh > 23 || mm > 59 || ss > 60) return i;
    d->hour = hh, d->min = mm, d->sec = ss;
    return parse_tz(s, len, k, &d->tz_min);
}

/* After a date: a time within a few words ("à", "at", "um", "alle", "a las", ",", "-"). */
static void time_after(const char *s, size_t len, size_t i, extract_date *d) {
    size_t j = i, words = 0;
    if (j < len && s[j] == 'T') {
        parse_time(s, len, j + 1, d);
        return;
    }
    while (j < len && j < i + 24) {
        size_t sp = extract_space_len(s + j, len - j);
        if (s[j] == '\n') return;
        if (sp) {
            j += sp;
            continue;
        }
        if (is_digit(s[j])) break;
        if (s[j] == ',' || s[j] == '-' || s[j] == '|' || s[j] == '/' || s[j] == '(' || s[j] == '.') {
            j++;
            continue;
        }
        if (is_letter_byte((unsigned char)s[j])) {
            if (++words > 2) return;
            while (j < len && is_letter_byte((unsigned char)s[j])) j++;
            continue;
        }
        if ((unsigned char)s[j] == 0xC2 && j + 1 < len && (unsigned char)s[j + 1] == 0xB7) {
            j += 2;
            continue;
        }
        return;
    }
    if (j < len && is_digit(s[j])) parse_time(s, len, j, d);
}

static void date_init(extract_date *d) {
    d->year = d->month = d->day = d->hour = d->min = d->sec = -1;
    d->tz_min = INT32_MIN;
}

static int plausible(const extract_date *d, time_t now) {
    if (!valid_ymd(d->year, d->month, d->day)) return 0;
    struct tm tm;
    time_t lim = now + 86400;
    gmtime_r(&lim, &tm);
    long a = (long)d->year * 10000 + d->month * 100 + d->day;
    long b = (long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
    return a <= b;
}

/* Tries every form at position i; on success fills d and returns the end. */
static size_t date_at(const char *s, size_t len, size_t i, extract_date *d) {
    int a, b, c;
    size_t j = i, used;
    if (is_digit(s[i])) {
        int nd = read_num(s, len, &j, 4, &a);
        if (nd == 4 && j + 1 < len && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
            char sep = s[j];
            size_t k = j + 1;
            if (read_num(s, len, &k, 2, &b) && k < len && s[k] == sep) {
                k++;
                if (read_num(s, len, &k, 2, &c) && valid_ymd(a, b, c)) {
                    d->year = a, d->month = b, d->day = c;
                    return k;
                }
            }
            return 0;
        }
        if (nd >= 1 && nd <= 2 && j < len && (s[j] == '.' || s[j] == '/' || s[j] == '-')) {
            char sep = s[j];
            size_t k = j + 1;
            if (read_num(s, len, &k, 2, &b) && k < len && s[k] == sep) {
                k++;
                if (read_num(s, len, &k, 4, &c) == 4) {
                    int day = a, mon = b;
                    if (b > 12 && a <= 12) day = b, mon = a; /* 10/31/2024 */
                    if (valid_ymd(c, mon, day)) {
                        d->year = c, d->month = mon, d->day = day;
                        return k;
                    }
                }
            }
        }
        if (nd >= 1 && nd <= 2) {
            /* 31 octobre 2024, 1er novembre, 5th March 2024, 31. Oktober 2024, 31 de octubre de 2024 */
            size_t k = j;
            if (k + 1 < len &&
                (memcmp(s + k, "er", 2) == 0 || memcmp(s + k, "st", 2) == 0 || memcmp(s + k, "nd", 2) == 0 ||
                 memcmp(s + k, "rd", 2) == 0 || memcmp(s + k, "th", 2) == 0))
                k += 2;
            else if (k + 1 < len && (unsigned char)s[k] == 0xC2 &&
                     ((unsigned char)s[k + 1] == 0xBA || (unsigned char)s[k + 1] == 0xB0))
                k += 2;
            if (k < len && s[k] == '.') k++;
            k = skip_spaces(s, len, k);
            if (k + 3 < len && memcmp(s + k, "de ", 3) == 0) k = skip_spaces(s, len, k + 3);
            int m = k < len ? month_at(s + k, len - k, &used) : 0;
            if (m) {
                k = skip_spaces(s, len, k + used);
                if (k < len && s[k] == ',') k = skip_spaces(s, len, k + 1);
                if (k + 3 < len && memcmp(s + k, "de ", 3) == 0) k = skip_spaces(s, len, k + 3);
                if (read_num(s, len, &k, 4, &c) == 4 && valid_ymd(c, m, a)) {
                    d->year = c, d->month = m, d->day = a;
                    size_t q = skip_spaces(s, len, k);
                    /* "31 октября 2024 г." takes its "г."; "года" is left to the text */
                    if (q + 3 <= len && memcmp(s + q, "г.", 3) == 0)
                        k = q + 3;
                    else if (q + 8 <= len && memcmp(s + q, "года", 8) == 0)
                        k = q;
                    return k;
                }
            }
        }
        return 0;
    }
    /* March 5, 2024 / Oct. 31st 2024 */
    int m = month_at(s + i, len - i, &used);
    if (!m) return 0;
    j = skip_spaces(s, len, i + used);
    if (!read_num(s, len, &j, 2, &a)) return 0;
    if (j + 1 < len && (memcmp(s + j, "st", 2) == 0 || memcmp(s + j, "nd", 2) == 0 || memcmp(s + j, "rd", 2) == 0 ||
                        memcmp(s + j, "th", 2) == 0))
        j += 2;
    if (j < len && s[j] == ',') j++;
    j = skip_spaces(s, len, j);
    if (read_num(s, len, &j, 4, &c) != 4 || !valid_ymd(c, m, a)) return 0;
    d->year = c, d->month = m, d->day = a;
    return j;
}

int extract_date_parse(const char *s, size_t len, time_t now, extract_date *d) {
    if (!s) return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int start = is_digit(c) ? (i == 0 || !is_digit(s[i - 1]))
                                : (is_letter_byte(c) && (c & 0xC0) != 0x80 &&
                                   (i == 0 || !is_letter_byte((unsigned char)s[i - 1])));
        if (!start) continue;
        date_init(d);
        size_t end = date_at(s, len, i, d);
        if (!end) continue;
        if (!plausible(d, now)) continue;
        time_after(s, len, end, d);
        return 1;
    }
    return 0;
}

void extract_date_format(const extract_date *d, char *out) {
    int n = snprintf(out, 32, "%04d-%02d-%02d", d->year, d->month, d->day);
    if (d->hour < 0) return;
    n += snprintf(out + n, (size_t)(32 - n), "T%02d:%02d:%02d", d->hour, d->min, d->sec < 0 ? 0 : d->sec);
    if (d->tz_min == INT32_MIN) return;
    int tz = d->tz_min < 0 ? -d->tz_min : d->tz_min;
    snprintf(out + n, (size_t)(32 - n), "%c%02d:%02d", d->tz_min < 0 ? '-' : '+', tz / 60, tz % 60);
}

char *extract_date_iso(const char *s, size_t len, time_t now) {
    extract_date d;
    if (!extract_date_parse(s, len, now, &d)) return NULL;
    char out[32];
    extract_date_format(&d, out);
    return strdup(out);
}
