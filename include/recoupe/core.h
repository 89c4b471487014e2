/* recoupe/core.h: errors, the article record and its analysis. Part of the public interface; include <recoupe.h> for
 * all of it. */
#ifndef RECOUPE_CORE_H
#define RECOUPE_CORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define RECOUPE_API __attribute__((visibility("default")))
#define RECOUPE_MUST_CHECK __attribute__((warn_unused_result))
#else
#define RECOUPE_API
#define RECOUPE_MUST_CHECK
#endif

/* ------------------------------------------------------------------ errors */

/* The one error enum. It only grows. */
typedef enum recoupe_status {
    RECOUPE_OK = 0,
    RECOUPE_ERR_NOMEM,    /* out of memory */
    RECOUPE_ERR_IO,       /* a file or stream could not be read (errno tells more) */
    RECOUPE_ERR_TOO_BIG,  /* an input over the size limit */
    RECOUPE_ERR_FORMAT,   /* a container that is broken: truncated gzip, bad WARC record, bad JSON line */
    RECOUPE_ERR_EMPTY,    /* an empty input */
    RECOUPE_ERR_BINARY,   /* an input that is not text */
    RECOUPE_ERR_ARG,      /* a bad argument */
    RECOUPE_ERR_NOTFOUND, /* no such file, id or record */
    RECOUPE_ERR_DONE      /* iteration is over (not an error) */
} recoupe_status;

/* A static English message for a status. Never NULL. */
RECOUPE_API const char *recoupe_strerror(recoupe_status st);

/* The library's version, "MAJOR.MINOR.PATCH". */
RECOUPE_API const char *recoupe_version(void);

/* ------------------------------------------------------------------ articles */

/* ------------------------------------------------------------------ the analysis of an article
 *
 * Every article makes one trip: read, decode, extract, analyse, sign. What the
 * per-article stages find is kept in the article record (recoupe_article below,
 * its member `analysis`), so that the later stages (the duplicate index, the story
 * engine, the facts, a store) read it instead of working it out again: the text is
 * tokenised once, the language detected once, the date parsed once.
 * recoupe_article_process() runs the stages a caller asks for. */

/* Stages of recoupe_article_process, as bits. They run in this order. A stage
 * already run on the article (its bit in analysis.done) is not run again. */
#define RECOUPE_STAGE_DECODE 0x01u  /* body to valid UTF-8 (recoupe_article_decode) */
#define RECOUPE_STAGE_EXTRACT 0x02u /* main text and metadata (recoupe_article_extract) */
#define RECOUPE_STAGE_ANALYSE                                                                                          \
    0x04u /* language and confidence (unless detected_lang is set), timestamp,                                         \
           * outlet, headline (implied by every stage below) */
#define RECOUPE_STAGE_TOKENS                                                                                           \
    0x08u                             /* keep the tokens (with stems) and the sentences in the analysis;               \
                                       * without it the stages below tokenise once and let the tokens go */
#define RECOUPE_STAGE_NUMBERS 0x10u   /* the numbers of the text (analysis.numbers) */
#define RECOUPE_STAGE_SIGN 0x20u      /* the near-duplicate sketch (read by recoupe_dups_add) */
#define RECOUPE_STAGE_FEATURES 0x40u  /* the story features (read by recoupe_engine_add) */
#define RECOUPE_STAGE_FACTS 0x80u     /* entities and claims (a->facts; slot RECOUPE_SLOT_FACTS) */
#define RECOUPE_STAGE_CLASSIFY 0x100u /* news or not and the news category (analysis.category, is_news) */

/* What a stage of a module above the article record hangs on it: the record's
 * module (src/core) knows nothing of the stages above it, so each slot carries the
 * function that frees it, set by the stage that filled it; recoupe_article_free
 * calls it. A stage only ever reads, fills or frees its own slot. */
typedef struct recoupe_slot {
    void *data;               /* NULL when empty */
    void (*free)(void *data); /* how to free data (NULL: nothing to free) */
} recoupe_slot;

/* The slots, one per stage that keeps private state. */
enum {
    RECOUPE_SLOT_TEXT = 0, /* storage of the tokens' strings (the text layer's) */
    RECOUPE_SLOT_SIGN,     /* the near-duplicate sketch (src/dedup) */
    RECOUPE_SLOT_FEATURES, /* the story features (src/story) */
    RECOUPE_SLOT_FACTS,    /* entities and claims (src/facts) */
    RECOUPE_SLOT_APP,      /* free for the embedding program */
    RECOUPE_SLOTS = 8
};

/* Kinds of token (recoupe_token.kind). */
enum {
    RECOUPE_TOKEN_WORD = 1, /* letters (inner apostrophes and hyphens kept whole) */
    RECOUPE_TOKEN_NUMBER,   /* digits with their separators: "8 000", "10.000", "1,5" */
    RECOUPE_TOKEN_URL,
    RECOUPE_TOKEN_EMAIL,
    RECOUPE_TOKEN_CJK, /* a CJK or Thai unit (a dictionary word or a character bigram) */
    RECOUPE_TOKEN_PART /* a part of a hyphenated compound (follows the whole) */
};
/* Flags of a token (recoupe_token.flags). */
enum {
    RECOUPE_TOKEN_CAPITALISED = 1,    /* the original began with an upper-case letter */
    RECOUPE_TOKEN_ALLCAPS = 2,        /* the original was all upper case (2+ letters) */
    RECOUPE_TOKEN_SENTENCE_START = 4, /* first token of a sentence */
    RECOUPE_TOKEN_ELIDED = 8          /* an elided article or pronoun: l' d' qu' */
};

/* One token of a text. Strings belong to the article. */
typedef struct recoupe_token {
    const char *norm; /* the normalised form (NFKC, case-folded), NUL-terminated */
    const char *stem; /* words and CJK units of 3 letters or 4 bytes at least: the Snowball stem
                       * in the article's language (the word itself where there is no
                       * stemmer), NUL-terminated; else NULL */
    uint32_t norm_len, stem_len;
    uint32_t offset, len; /* bytes of the token in the text it was read from */
    uint16_t sentence;    /* index of its sentence (saturates at 65535) */
    uint8_t kind;         /* RECOUPE_TOKEN_WORD ... */
    uint8_t flags;        /* RECOUPE_TOKEN_CAPITALISED | ... */
} recoupe_token;

/* A stretch of a text: a sentence. */
typedef struct recoupe_span {
    uint32_t offset, len; /* bytes */
} recoupe_span;

/* A number written in a text ("8 000", "1,5 million", "deux mille"). */
typedef struct recoupe_number {
    double value;
    uint32_t offset, len; /* bytes of the whole expression (scale words included) */
    char approx[24];      /* the approximation word kept ("plus de", "about"), or "" */
    uint8_t is_year;      /* a year, or part of a date or a time: not a quantity */
    char unit[24];        /* the unit written next to it ("km²", "%", "€"), or "" */
} recoupe_number;

/* The analysis an article carries. Zero in a new article; filled by
 * recoupe_article_process; freed with the article. Every pointer belongs to the
 * article. */
typedef struct recoupe_analysis {
    unsigned done;    /* RECOUPE_STAGE_ bits of the stages run */
    char *outlet;     /* ANALYSE: the site, else the URL's host as written, else NULL */
    char *headline;   /* ANALYSE: the title, else the text's first line (at most 300 bytes);
                       * never NULL once analysed ("" when there is neither) */
    const char *text; /* ANALYSE: the text analysed: a->text, else a plain-text body, else "" */
    size_t text_len;
    size_t body_start;     /* where the text proper starts in it: past the first line when that
                            * line is the headline (no title), else 0 */
    recoupe_token *tokens; /* TOKENS: the tokens of text, in order */
    size_t n_tokens;
    recoupe_token *title_tokens; /* TOKENS: the tokens of headline (offsets into headline) */
    size_t n_title_tokens;
    recoupe_span *sentences; /* TOKENS: the sentences of text (recoupe_token.sentence indexes them) */
    size_t n_sentences;
    recoupe_number *numbers; /* NUMBERS: the numbers of text, in order */
    size_t n_numbers;
    recoupe_slot slot[RECOUPE_SLOTS]; /* the stages' own state (RECOUPE_SLOT_*) */
    /* CLASSIFY: the news category (a static string: "society", "economy", "technology",
     * "sports", "entertainment", "science" or "other"; NULL before the stage), the
     * model's probability of it (0..1), and whether the article is news (1) or not (0:
     * a guide, a listing, a recipe, a horoscope, a product page, too little text) */
    const char *category;
    float category_score;
    int is_news;
} recoupe_analysis;

/* One article: the input record, then what each stage found in it.
 * Every string is NUL-terminated valid UTF-8 or NULL when unknown. */
typedef struct recoupe_article {
    /* --- read: where the record came from */
    char *file;         /* the input path as given ("-" for stdin) */
    char *id;           /* the record's id: JSONL "id", WARC-Record-ID, else the file's base name */
    char *url;          /* JSONL "url", WARC-Target-URI, else what extraction finds */
    const char *format; /* "html", "text", "jsonl", "warc" (static string) */
    long line;          /* 1-based line (JSONL) or record number (WARC) in its file; 0 for whole files */
    size_t bytes;       /* size of the record as read, after gzip, before decoding */
    int is_html;        /* the body is HTML (else plain text) */
    char *content_type; /* the Content-Type the transport declared (WARC's HTTP header), or NULL */
    char *fetched;      /* when the page was fetched (WARC-Date), ISO 8601, or NULL */

    /* --- decode: the body as valid UTF-8 */
    char *body; /* the payload, decoded: HTML or plain text */
    size_t body_len;
    const char *encoding; /* the charset it was decoded from, e.g. "utf-8", "windows-1252" (static) */
    size_t repaired;      /* invalid byte sequences replaced by U+FFFD */

    /* --- metadata: carried by the input (JSONL fields, WARC headers), else extracted */
    char *title;
    char *date; /* ISO 8601, e.g. "2024-10-31T20:52:00+01:00" or "2024-10-31" */
    char *site; /* the outlet's name */
    char *author;
    char *lang; /* the language the page declares (ISO 639-1) */
    char *description;
    char *text; /* the main text: paragraphs separated by blank lines */

    /* --- warnings: what looked wrong, in order (the article is still usable) */
    char **warnings;
    size_t n_warnings;

    /* --- analysis (filled by recoupe_article_process, or recoupe_article_analyse) */
    char detected_lang[8]; /* ISO 639-1 code of the text, "und" when unsure */
    float lang_confidence; /* 0..1 */
    int64_t timestamp;     /* date as Unix seconds, or INT64_MIN when unknown */

    /* --- the rest of the analysis: what every later stage reads instead of working
     * it out again (see recoupe_article_process) */
    recoupe_analysis analysis;

    /* --- facts (filled by recoupe_article_facts): a view of analysis.slot[RECOUPE_SLOT_FACTS],
     * which owns them (freed by recoupe_article_free or recoupe_article_release) */
    struct recoupe_facts *facts; /* entities and quantity claims, or NULL */
} recoupe_article;

/* A new, empty article (all fields NULL / 0). NULL when out of memory. */
RECOUPE_API recoupe_article *recoupe_article_new(void);
/* Frees the article and every string it holds. NULL is a no-op. */
RECOUPE_API void recoupe_article_free(recoupe_article *a);
/* Appends a warning (printf-style). Returns RECOUPE_ERR_NOMEM on failure. */
RECOUPE_API recoupe_status recoupe_article_warn(recoupe_article *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The article as one JSON object (no newline), with the members named in fields,
 * a comma-separated list, in that order ("file,id,url,title,text"); NULL gives
 * every member. Names: file id url format line bytes encoding repaired content_type
 * fetched title date site author lang description text chars warnings
 * detected_lang lang_confidence. Unknown strings print as null, "chars" is the text's
 * length in code points, "warnings" an array of strings. A file name that is not
 * UTF-8 prints with U+FFFD for its bad bytes, followed by "file_bytes": the name's
 * bytes in lowercase hex (absent for a UTF-8 name). Returns a malloc'd string
 * the caller frees, or NULL when out of memory or when a name is unknown (then
 * *bad_field, if not NULL, points at it inside fields). */
RECOUPE_API char *recoupe_article_json(const recoupe_article *a, const char *fields, const char **bad_field);

/* Runs on the article the stages named in `stages` (RECOUPE_STAGE_* bits) that it
 * has not been through yet, in their order, and records them in a->analysis.done.
 * SIGN, FEATURES, FACTS, TOKENS and NUMBERS imply ANALYSE; nothing implies DECODE
 * or EXTRACT (a caller that fills a->text itself leaves them out). The text is
 * tokenised once for all the stages asked (the near-duplicate sketch, the story
 * features and the facts read the same tokens); the tokens are kept only with
 * RECOUPE_STAGE_TOKENS. FACTS fills a->facts as recoupe_article_facts does. Thread-safe for distinct articles: a pool's
 * workers run it. A stage that fails leaves the article usable, with less to go on (its bit unset; recoupe_dups_add and
 * recoupe_engine_add then do the work themselves). Returns RECOUPE_OK, RECOUPE_ERR_ARG when a is NULL, or
 * RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_article_process(recoupe_article *a, unsigned stages);

/* Frees what the named stages keep in the analysis (TOKENS: tokens and sentences;
 * NUMBERS: numbers; SIGN, FEATURES, FACTS: their slot) and clears their bits, to
 * bound memory once they were read. NULL is a no-op. */
RECOUPE_API void recoupe_article_release(recoupe_article *a, unsigned stages);

#ifdef __cplusplus
}
#endif
#endif
