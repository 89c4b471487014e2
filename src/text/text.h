/* text.h: the text layer, as the rest of the engine sees it.
 *
 * Every later stage (duplicates, stories, facts) reads text only through these
 * functions: normalised tokens with their kinds and offsets, sentences, stems,
 * numbers, languages. Input is always valid UTF-8 (decode repaired it).
 * All functions are thread-safe (stemmers are cached per thread). */
#ifndef RECOUPE_TEXT_TEXT_H
#define RECOUPE_TEXT_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------ normalisation */

/* NFKC + case folding, one form for apostrophes (' ’ ʼ -> '), quotes (« » “ ” „ -> "),
 * dashes (‐ – — -> -), and spaces (no-break, narrow no-break, thin -> ' ').
 * Returns a malloc'd NUL-terminated string (*out_len its length), NULL on OOM. */
char *text_normalize(const char *s, size_t len, size_t *out_len);

/* ------------------------------------------------------------ tokens */

enum text_token_kind {
    TEXT_WORD = 1, /* letters (with inner apostrophes/hyphens kept whole) */
    TEXT_NUMBER,   /* digits with their separators kept whole: "8 000", "10.000", "1,5" */
    TEXT_URL,
    TEXT_EMAIL,
    TEXT_CJK, /* a CJK/Thai unit (a dictionary word or a character bigram) */
    TEXT_PART /* a part of a hyphenated compound (emitted after the whole) */
};

enum text_token_flags {
    TEXT_CAPITALISED = 1,    /* the original began with an upper-case letter */
    TEXT_ALLCAPS = 2,        /* the original was all upper case (2+ letters) */
    TEXT_SENTENCE_START = 4, /* first token of a sentence */
    TEXT_ELIDED = 8          /* an elided article/pronoun: l' d' qu' jusqu' */
};

typedef struct text_token {
    const char *s;     /* the normalised form (NFKC, case-folded), NUL-terminated, in the arena */
    uint32_t len;      /* bytes of s */
    uint32_t offset;   /* byte offset of the token in the original text */
    uint32_t orig_len; /* bytes it spans in the original text */
    uint16_t sentence; /* index of its sentence (saturates at 65535) */
    uint8_t kind;      /* enum text_token_kind */
    uint8_t flags;     /* enum text_token_flags */
} text_token;

typedef struct text_tokens {
    text_token *v;
    size_t n;
    size_t n_sentences;
    void *arena; /* storage of the normalised strings */
} text_tokens;

/* Tokenises UTF-8 text: Unicode word boundaries, elision split (l'armée -> l' armée),
 * hyphenated compounds kept whole and split into TEXT_PART tokens after it, numbers
 * with separators whole, URLs and e-mails whole, CJK/Thai segmented. Punctuation is
 * not a token. Returns 0, or -1 on OOM (out is then empty). Free with text_tokens_free. */
int text_tokenize(const char *s, size_t len, text_tokens *out);
void text_tokens_free(text_tokens *t);
/* (Details: a token spans at most 256 bytes of the original, URLs 2048: longer runs are
 * cut. CJK/Thai runs give overlapping character bigrams, a lone character itself.
 * Emoji, symbols and punctuation give no token. Sentences follow text_sentences.
 * Tokens are in text order; the parts of a compound follow it, at their own offsets.) */

/* Sentence boundaries: fills starts[] with byte offsets where sentences begin
 * (up to cap), returns the number of sentences. */
size_t text_sentences(const char *s, size_t len, uint32_t *starts, size_t cap);
/* (The count returned is at most cap: n == cap means there may be more. With
 * starts == NULL, it returns the total number of sentences, whatever cap.) */

/* ------------------------------------------------------------ stems */

/* Snowball stem of a normalised word for an ISO 639-1 language ("fr", "en", "ru", ...).
 * Writes at most cap-1 bytes + NUL into out and returns the length; a language
 * without a stemmer (or NULL) copies the word unchanged. */
size_t text_stem(const char *lang, const char *word, size_t len, char *out, size_t cap);
/* 1 when text_stem has a Snowball stemmer for lang. */
int text_has_stemmer(const char *lang);

/* ------------------------------------------------------------ numbers */

typedef struct text_number {
    double value;    /* 8000, 1.5e6, 2000 ("deux mille") */
    uint32_t offset; /* where the number expression starts in the text */
    uint32_t len;    /* bytes it spans (including scale words: "1,5 million") */
    char approx[24]; /* the approximation word kept ("plus de", "environ", "up to"), or "" */
    uint8_t is_year; /* a year (1900..2100 without separators), or part of a date or a time: not a quantity */
    char unit[24];   /* the unit written next to it ("km²", "%", "€", "$", "kg"), or "" */
} text_number;

/* Finds numbers in text written in lang (decimal/thousand rules of the locale).
 * Returns the count found, writing up to cap of them. */
size_t text_numbers(const char *lang, const char *s, size_t len, text_number *out, size_t cap);

/* ------------------------------------------------------------ term statistics */

/* Document frequencies of terms per language, and the stop words they imply: a
 * stop word is a term found in a large share of the documents of its language.
 * The share blends what this corpus has seen with a background table the
 * project builds from sample text (scripts/gen_text_background.py), counted as
 * TEXT_TERMSTATS_PRIOR_DOCS pseudo-documents: a fresh corpus leans on the
 * background, a large one on itself:
 *     share = (df + PRIOR * background) / (docs + PRIOR)
 * Terms are normalised forms (text_token.s); stems work too, but the background
 * only knows normalised words. Not thread-safe: one table per engine, fed from
 * one thread (distinct tables may be used on distinct threads). */
#define TEXT_TERMSTATS_PRIOR_DOCS 20
#define TEXT_TERMSTATS_STOP_SHARE 0.3 /* the default share from which a term is a stop word */

typedef struct text_termstats text_termstats;

/* A new, empty table. stop_share: the share from which a term is a stop word
 * (0 for TEXT_TERMSTATS_STOP_SHARE). NULL on OOM. */
text_termstats *text_termstats_new(double stop_share);
void text_termstats_free(text_termstats *ts); /* NULL is a no-op */

/* Adds one document of language lang ("und" or NULL: counted under "und"): n terms,
 * each counted once however often it occurs. lens may be NULL (terms are then
 * NUL-terminated). Returns 0, or -1 on OOM (the table stays usable). */
int text_termstats_add(text_termstats *ts, const char *lang, const char *const *terms, const uint32_t *lens, size_t n);
/* The same for tokenised text: its words, parts and CJK units (not numbers, URLs, e-mails). */
int text_termstats_add_tokens(text_termstats *ts, const char *lang, const text_tokens *t);

/* Documents added in lang; documents that contain term. */
uint32_t text_termstats_docs(const text_termstats *ts, const char *lang);
uint32_t text_termstats_df(const text_termstats *ts, const char *lang, const char *term, size_t len);
/* The background share of term in lang (0..1; 0 when the table does not know it). */
double text_termstats_background(const char *lang, const char *term, size_t len);
/* The blended share above (0..1), and an inverse document frequency from it:
 * log(1 / share), with share floored at 1 / (docs + PRIOR + 1). */
double text_termstats_share(const text_termstats *ts, const char *lang, const char *term, size_t len);
double text_termstats_idf(const text_termstats *ts, const char *lang, const char *term, size_t len);
/* 1 when the term is a stop word of lang: share >= stop_share. ts may be NULL
 * (the background alone decides). */
int text_termstats_is_stopword(const text_termstats *ts, const char *lang, const char *term, size_t len);

/* ------------------------------------------------------------ dates */

/* Unix seconds of an ISO 8601 date or date-time ("2024-10-31", "2024-10-31T20:52:00+01:00",
 * "2024-10-31 20:52Z"); UTC when no offset is given. INT64_MIN when s is NULL or not
 * a valid date. */
int64_t text_iso8601_seconds(const char *s);

/* ------------------------------------------------------------ language */

/* Identifies the language of text: writes an ISO 639-1 code (or "und" when unsure)
 * into code (8 bytes) and returns the confidence 0..1. declared (may be NULL) is the
 * language the page declares, used as a prior. */
float text_language(const char *s, size_t len, const char *declared, char code[8]);

/* ------------------------------------------------------------ the article's analysis (analysis.c) */

struct recoupe_article;
/* The headline, text, language (unless set), timestamp and outlet into
 * a->analysis (RECOUPE_STAGE_ANALYSE). 0, or -1 when out of memory. */
int text_analysis_basic(struct recoupe_article *a);
/* The tokens of the analysed text, words of 4 bytes at least stemmed (what the
 * duplicates read); with TEXT_ANALYSIS_SHORT_STEMS words of 3 letters too (what
 * the stories read); with TEXT_ANALYSIS_TITLE the tokens of the headline; with
 * TEXT_ANALYSIS_SENTENCES the sentences (after text_analysis_basic; sets
 * RECOUPE_STAGE_TOKENS in done). 0 or -1 (OOM). */
enum { TEXT_ANALYSIS_TITLE = 1, TEXT_ANALYSIS_SENTENCES = 2, TEXT_ANALYSIS_SHORT_STEMS = 4, TEXT_ANALYSIS_ALL = 7 };
int text_analysis_tokens(struct recoupe_article *a, unsigned what);
/* The numbers of the analysed text (RECOUPE_STAGE_NUMBERS). 0 or -1 (OOM). */
int text_analysis_numbers(struct recoupe_article *a);

#endif
