/* recoupe/extract.h: the main text and metadata of a page. Part of the public interface; include <recoupe.h> for all of
 * it. */
#ifndef RECOUPE_EXTRACT_H
#define RECOUPE_EXTRACT_H

#include <stddef.h>
#include <stdint.h>
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ extract (src/extract) */

/* extract: finds the main text and the metadata of an article.
 *
 * Reads a->body (valid UTF-8, see recoupe_article_decode): HTML when a->is_html,
 * else plain text. For HTML: title, date, site, author, lang (as declared by the
 * page), description and url (the canonical one) from JSON-LD, OpenGraph and
 * <meta>, <time>, <link rel=canonical>, <html lang> and <title>/<h1>; the main
 * text by content scoring with boilerplate removed. For plain text: the title is
 * the first substantial line, the date the first one written in the text (seven
 * languages), and noise lines (menus, share prompts, photo credits) are dropped.
 *
 * Fields already set are kept, never overwritten (JSON Lines and WARC inputs carry
 * some). When a->body is NULL and a->text is set, only missing title and date are
 * looked for in the text. text is paragraphs separated by a blank line; date is
 * ISO 8601 ("2024-10-31T20:52:00+01:00", or "2024-10-31" when no time is known).
 * Pages that are not articles give empty or short text and a warning
 * ("extract: ..."), never an error. Strings set are owned by the article.
 * Returns RECOUPE_OK, RECOUPE_ERR_ARG when a is NULL, or RECOUPE_ERR_NOMEM (the
 * fields already filled stay valid). Thread-safe for distinct articles.
 * The first call installs libxml2 allocator functions (xmlMemSetup) that serve a
 * per-thread arena while a page is extracted and pass through to malloc/free at
 * all other times; a program that sets its own libxml2 allocator must not call it. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_article_extract(recoupe_article *a);

#ifdef __cplusplus
}
#endif
#endif
