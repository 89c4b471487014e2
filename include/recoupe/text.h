/* recoupe/text.h: language identification and the text's words. Part of the public interface; include <recoupe.h> for
 * all of it. */
#ifndef RECOUPE_TEXT_H
#define RECOUPE_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ text (src/text) */

/* Language identification. Writes the ISO 639-1 code of text (len bytes of UTF-8;
 * NUL not needed) into code (8 bytes, NUL-terminated) and its confidence 0..1 into
 * *confidence (may be NULL): "und" with confidence 0 when there is no text or no
 * letter, "und" with the best language's confidence (under 0.2) when no answer is
 * clear. The confidence is calibrated: answers given with 0.8 are right about 85%
 * of the time. declared (may be NULL or "") is the language the page declares
 * ("fr", "fr-FR", "EN"), used as a prior, not trusted blindly. Recognises about 76
 * languages with recoupe's own n-gram model and more through CLD2. Texts over 256
 * bytes are judged on samples of their beginning (more only when those are
 * unclear), so the cost per article is small and bounded. Thread-safe; never fails. */
RECOUPE_API void recoupe_detect_language(const char *text, size_t len, const char *declared, char code[8],
                                         float *confidence);

/* Which evidence recoupe_detect_language_with() uses: the combination (what
 * recoupe_detect_language does), recoupe's n-gram model alone, or CLD2 alone (with
 * its full tables and best effort; useful as a reference). */
typedef enum recoupe_langid_method {
    RECOUPE_LANGID_BEST = 0,
    RECOUPE_LANGID_NGRAM,
    RECOUPE_LANGID_CLD2
} recoupe_langid_method;

/* Global settings of language identification, for the whole process. Call it,
 * if at all, before the first detection (from one thread, before others start);
 * zero-initialise, then set what you need. */
typedef struct recoupe_langid_config {
    const char *model_path; /* an n-gram model file to use instead of the built-in one (NULL: built-in) */
    int full;               /* 1: judge every text whole, no sampling (the reference of the benchmark) */
} recoupe_langid_config;

/* Applies c (NULL: the defaults). Returns RECOUPE_OK; RECOUPE_ERR_IO when
 * model_path cannot be read or parsed (the built-in model is used then);
 * RECOUPE_ERR_ARG when detection already ran with another model (nothing
 * changes). */
RECOUPE_API recoupe_status recoupe_langid_configure(const recoupe_langid_config *c);

/* recoupe_detect_language with the evidence `method` names (see
 * recoupe_langid_method): same arguments, same answers' form ("und" when unsure),
 * thread-safe, never fails. */
RECOUPE_API void recoupe_detect_language_with(const char *text, size_t len, const char *declared,
                                              recoupe_langid_method method, char code[8], float *confidence);

/* One paragraph's language: paragraphs are separated by blank lines. */
typedef struct recoupe_lang_span {
    size_t offset, len; /* bytes of the paragraph in text */
    char code[8];       /* ISO 639-1, or "und" */
    float confidence;
} recoupe_lang_span;

/* The language of each paragraph of text (a page can mix languages). A short
 * paragraph leans towards the language of the whole text. Writes up to cap spans
 * into out (out may be NULL when cap is 0) and returns the number of paragraphs,
 * which may be more than cap. Paragraphs without letters are not listed. */
RECOUPE_API size_t recoupe_detect_paragraph_languages(const char *text, size_t len, const char *declared,
                                                      recoupe_lang_span *out, size_t cap);

/* One language code per line of text ("und" for an empty or letterless line), each
 * followed by '\n': what `recoupe lang --lines` prints. Lines are judged alone, with
 * the given method (RECOUPE_LANGID_BEST normally). Returns a malloc'd string the
 * caller frees, NULL when out of memory. */
RECOUPE_API char *recoupe_detect_line_languages(const char *text, size_t len, recoupe_langid_method method);

/* The language record of an article as one JSON object (no newline):
 * {"file", "id", "lang" (detected_lang), "confidence", "declared" (the article's
 * lang)}. Returns a malloc'd string the caller frees, NULL when out of memory. */
RECOUPE_API char *recoupe_lang_json(const recoupe_article *a);

/* analyse: fills the analysis fields of an article from what extraction left in it:
 * detected_lang and lang_confidence from a->text (or a->title when there is no
 * text), with a->lang (the declared language) as a prior, as
 * recoupe_detect_language does; timestamp from a->date (ISO 8601, UTC when it has
 * no offset; INT64_MIN when date is NULL or not a valid date). Reads only the
 * article, so distinct articles may be analysed on distinct threads. Idempotent.
 * Returns RECOUPE_OK, or RECOUPE_ERR_ARG when a is NULL. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_article_analyse(recoupe_article *a);

#ifdef __cplusplus
}
#endif
#endif
