/* extract.h: the extraction module's internal interface.
 *
 * recoupe_article_extract() (extract.c) dispatches to the HTML path (html_*.c:
 * libxml2 DOM, metadata, content scoring, text serialisation) or the plain-text
 * path (plain.c), then merges what they found (an extract_found, found.c) into the
 * article without overwriting fields the input already carried. The calls go one
 * way: extract.c calls the paths, which never call extract.c. Dates from every
 * source go through one parser (date.c). */
#ifndef RECOUPE_EXTRACT_EXTRACT_H
#define RECOUPE_EXTRACT_EXTRACT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "recoupe.h"

/* What one extraction found. Every string is malloc'd (or NULL); extract_found_free
 * releases them. `warn` holds up to 8 static warning messages. */
typedef struct extract_found {
    char *title, *date, *site, *author, *lang, *description, *url, *text;
    const char *warn[8];
    int n_warn;
} extract_found;

/* found.c */
void extract_found_free(extract_found *f);
void extract_found_warn(extract_found *f, const char *msg);

/* HTML: fills f from a UTF-8 HTML document. Returns RECOUPE_OK or RECOUPE_ERR_NOMEM. */
recoupe_status extract_html(const char *html, size_t len, extract_found *f);

/* Plain text: title from the first line of four words or more (none when `titled`: the
 * record has its own title, and every sentence is text), date from the text, noise lines
 * dropped. Returns RECOUPE_OK or RECOUPE_ERR_NOMEM. */
recoupe_status extract_plain(const char *text, size_t len, int titled, extract_found *f);

/* ------------------------------------------------------------ dates (date.c) */

/* A parsed date: fields < 0 are unknown. tz_min is the UTC offset in minutes,
 * or INT32_MIN when unknown. */
typedef struct extract_date {
    int year, month, day, hour, min, sec;
    int tz_min;
} extract_date;

/* Parses one date written in a machine form (ISO 8601, RFC 2822, "2024/10/31",
 * Unix seconds) or a human form in en/fr/de/es/it/pt/ru ("31 octobre 2024 à 20h52",
 * "March 5, 2024", "31.10.2024"), anywhere in s[0..len). Returns 1 when found and
 * plausible (1990 <= year, not after `now` + 1 day), else 0. */
int extract_date_parse(const char *s, size_t len, time_t now, extract_date *d);

/* Writes d as ISO 8601 into out (at least 32 bytes): "2024-10-31",
 * "2024-10-31T20:52:00", or "2024-10-31T20:52:00+01:00". */
void extract_date_format(const extract_date *d, char *out);

/* Parses and formats in one call: a malloc'd ISO string or NULL. */
char *extract_date_iso(const char *s, size_t len, time_t now);

/* ------------------------------------------------------------ small string helpers (strutil.c) */

/* A malloc'd copy of s[0..len) with runs of white space (ASCII and Unicode spaces)
 * collapsed to one ' ' and the ends trimmed; NULL when the result is empty or on OOM. */
char *extract_clean_space(const char *s, size_t len);
/* ASCII case-insensitive search of needle in s[0..len). */
const char *extract_memcasemem(const char *s, size_t len, const char *needle);
/* Number of Unicode code points in s[0..len). */
size_t extract_utf8_count(const char *s, size_t len);
/* Length of a Unicode white-space character at s (ASCII space/tab/newline, NBSP,
 * U+2000..U+200B, U+202F, U+205F, U+3000, U+FEFF), or 0. */
size_t extract_space_len(const char *s, size_t len);

#endif
