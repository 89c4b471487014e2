/* langid.h: internals of language identification (src/text/langid*.c, cld2_shim.cc).
 *
 * Three sources of evidence are combined by text_language() (langid.c):
 *  - recoupe's own character n-gram naive Bayes model (langid_ngram.c), trained by
 *    scripts/train_langid.py and embedded in the library (langid_model.S);
 *  - CLD2 with its full tables (cld2_shim.cc, an extern "C" wrapper);
 *  - the language the page declares. */
#ifndef RECOUPE_TEXT_LANGID_H
#define RECOUPE_TEXT_LANGID_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LANGID_MAX_LANGS 128
#define LANGID_TYPES 6 /* n-grams of 1..5 code points, whole words */

/* ------------------------------------------------------------ the n-gram model */

typedef struct langid_model langid_model;

/* The process-wide model: the file named by $RECOUPE_LANGID_MODEL when set (used by
 * the evaluation to score a model trained on half of the data), else the one
 * embedded in the library. Loaded once, thread-safe; NULL if it is unusable. */
const langid_model *langid_model_get(void);
/* recoupe_langid_configure's model file: 0, -1 unusable, -2 a model already in use. */
int langid_model_use_file(const char *path);

/* Parses a model image (not copied: must outlive the model). NULL when malformed. */
langid_model *langid_model_parse(const unsigned char *p, size_t len);
void langid_model_free(langid_model *m);

size_t langid_model_n_langs(const langid_model *m);
const char *langid_model_code(const langid_model *m, size_t i);
/* Index of an ISO 639-1 code in the model, or -1. */
int langid_model_find(const langid_model *m, const char *code);

/* Scores text: scores[i] is the log-likelihood of language i (n_langs entries).
 * Reads at most max_bytes of text (whole words). Returns the number of features seen
 * (0: no letters at all; scores are then all 0). */
size_t langid_model_score(const langid_model *m, const char *s, size_t len, size_t max_bytes, double *scores);

/* The same with only some feature types: bit t of types stands for n-grams of t+1
 * code points (t < 5) and bit 5 for whole words; the count returned is of those. */
#define LANGID_ALL_TYPES 0x3Fu
size_t langid_model_score_types(const langid_model *m, const char *s, size_t len, size_t max_bytes, unsigned types,
                                double *scores);

/* ------------------------------------------------------------ CLD2 */

typedef struct langid_cld2 {
    char code[3][8]; /* top three languages, ISO 639-1 where one exists ("und" if none) */
    int percent[3];  /* share of the text in each, 0..100 */
    double norm[3];  /* CLD2's normalised score (about 1.0 for normal text) */
    int reliable;    /* CLD2's own reliability flag */
    int text_bytes;  /* letters CLD2 scored */
} langid_cld2;

/* Runs CLD2 (full tables, best effort) on plain UTF-8 text; hint (may be NULL) is a
 * language code used as CLD2's language hint. Returns 0, or -1 on failure (r is then
 * all "und"). */
int langid_cld2_detect(const char *s, size_t len, const char *hint, langid_cld2 *r);

/* 1 when CLD2 runs with its full tables (libcld2_full linked before libcld2), else 0. */
int langid_cld2_full_tables(void);

/* Maps a code as CLD2 or an HTML lang attribute writes it ("iw", "no", "zh-Hant",
 * "fr-FR", "EN_us") to the ISO 639-1 code the model uses; writes "und" when it is
 * empty or not a language. */
void langid_canon_code(const char *in, char out[8]);

#ifdef __cplusplus
}
#endif
#endif
