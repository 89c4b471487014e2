/* analyse.c: recoupe_article_analyse, the per-article analysis the later stages
 * read from the record: detected language and confidence (text_language, which
 * weighs the page's declared language), and the date as Unix seconds.
 *
 * Dates come from extraction as ISO 8601 ("2024-10-31", "2024-10-31T20:52:00+01:00",
 * "2024-10-31 20:52Z", with or without seconds, fractions, offsets "+0100").
 * A date without an offset is read as UTC; anything else that is not a valid
 * calendar date gives INT64_MIN. The conversion is the days-from-civil
 * arithmetic (proleptic Gregorian), so it depends on no locale or time zone. */
#include "recoupe.h"
#include "text/text.h"

#include <string.h>

/* Reads exactly n digits at *p; -1 when they are not there. */
static long digits(const char **p, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    *p += n;
    return v;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int days_in_month(long y, long m) {
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

int64_t text_iso8601_seconds(const char *s) {
    if (!s) return INT64_MIN;
    while (*s == ' ' || *s == '\t') s++;
    const char *p = s;
    long y = digits(&p, 4), mo, d, h = 0, mi = 0, se = 0, off = 0;
    if (y < 0 || *p++ != '-' || (mo = digits(&p, 2)) < 1 || mo > 12 || *p++ != '-' || (d = digits(&p, 2)) < 1 ||
        d > days_in_month(y, mo))
        return INT64_MIN;
    if (*p == 'T' || *p == 't' || (*p == ' ' && p[1] >= '0' && p[1] <= '9')) {
        p++;
        if ((h = digits(&p, 2)) < 0 || h > 24 || *p++ != ':' || (mi = digits(&p, 2)) < 0 || mi > 59) return INT64_MIN;
        if (*p == ':') {
            p++;
            if ((se = digits(&p, 2)) < 0 || se > 60) return INT64_MIN;
            if (*p == '.' || *p == ',') {
                p++;
                while (*p >= '0' && *p <= '9') p++;
            }
        }
        if (h == 24 && (mi || se)) return INT64_MIN;
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '-' ? -1 : 1;
            long oh = digits(&p, 2), om = 0;
            if (oh < 0 || oh > 14) return INT64_MIN;
            if (*p == ':') p++;
            if (*p >= '0' && *p <= '9' && (om = digits(&p, 2)) < 0) return INT64_MIN;
            if (om > 59) return INT64_MIN;
            off = sign * (oh * 3600 + om * 60);
        }
    }
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    if (*p) return INT64_MIN;
    return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se - off;
}

recoupe_status recoupe_article_analyse(recoupe_article *a) {
    if (!a) return RECOUPE_ERR_ARG;
    const char *text = a->text;
    size_t len = text ? strlen(text) : 0;
    if (!len && a->title) { /* no main text: the title still tells the language */
        text = a->title;
        len = strlen(text);
    }
    char code[8] = "und";
    float conf = text_language(text ? text : "", len, a->lang, code);
    code[7] = '\0';
    memcpy(a->detected_lang, code, sizeof a->detected_lang);
    a->lang_confidence = conf;
    a->timestamp = text_iso8601_seconds(a->date);
    return RECOUPE_OK;
}
