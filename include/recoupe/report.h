/* recoupe/report.h: the HTML report. Part of the public interface; include <recoupe.h> for all of it. */
#ifndef RECOUPE_REPORT_H
#define RECOUPE_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include "core.h"
#include "stories.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ report (src/emit) */

/* The report: one self-contained HTML page (inline CSS and SVG, a few lines of
 * inline JavaScript the page does not need to be read; no external asset, and a
 * Content-Security-Policy that forbids any) that a person reads instead of the
 * JSON. An overview (articles, outlets, languages, stories, duplicate groups,
 * inputs skipped; the stories ranked by importance with a filter box and a
 * language filter), then each story: its articles by centrality (outlet, date,
 * language, title linking to its http(s) URL), its near-duplicate groups with the
 * origin marked, and an SVG timeline of its articles by outlet. Every string from
 * the input is escaped; a URL that is not http(s) is shown, never linked. Titles
 * carry dir="auto", so Arabic or Hebrew reads right to left. Accessible (headings
 * in order, tables with headers, charts with a text alternative, meaning never in
 * colour alone) and printable (print CSS). The same bytes for the same engine and
 * options. */
typedef struct recoupe_report_options {
    const char *title;     /* the page's title and heading; NULL or "" = "recoupe report" */
    size_t limit;          /* stories drawn, the most important; 0 = 200. The page says how many
                            * were left out */
    const char *lang;      /* only the stories with an article in this language (ISO 639-1, as in
                            * recoupe_story.languages); NULL or "" = all */
    size_t max_articles;   /* articles listed in a story's table, by centrality; 0 = 100 (the
                            * timeline and the counts still take all) */
    size_t read_count;     /* inputs read and skipped, as the caller's reader counted them */
    size_t skipped;        /*   (recoupe_reader_read_count, _skipped_count); shown in the overview */
    const char *generated; /* a date and time shown as the moment of writing; NULL = none */
} recoupe_report_options;

/* Receives the page in pieces, in order: returns 0, or non-zero to stop. */
typedef int (*recoupe_write_fn)(void *user, const char *data, size_t len);

/* Writes the report of the engine's stories (clustered: see recoupe_engine_cluster)
 * through write(user, ...), in pieces of about 64 KiB. o may be NULL (defaults);
 * the caller keeps o and its strings. RECOUPE_OK, RECOUPE_ERR_ARG (e or write NULL),
 * RECOUPE_ERR_IO (write returned non-zero: nothing more is written),
 * RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_engine_report(recoupe_engine *e, const recoupe_report_options *o,
                                                                    recoupe_write_fn write, void *user);
/* The same page as one malloc'd NUL-terminated string (the caller frees it), its
 * length in *len (may be NULL); NULL when out of memory or e is NULL. */
RECOUPE_API char *recoupe_engine_report_html(recoupe_engine *e, const recoupe_report_options *o, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
