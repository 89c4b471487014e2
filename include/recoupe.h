/* recoupe.h: the public interface of librecoupe, the news-story engine.
 *
 * recoupe takes a stream of news articles (files, folders, .gz, JSON Lines, WARC,
 * stdin) and gives back the stories: clean text and metadata, language,
 * near-duplicates and their origin, and events grouped across outlets.
 *
 * Conventions, for every function below:
 *  - Names: recoupe_ prefix; types end in no suffix; a *_free(NULL) is a no-op.
 *  - Ownership: a function that returns a pointer says who frees it. Strings inside
 *    a recoupe_article belong to the article and live until recoupe_article_free().
 *  - Errors: functions that can fail return recoupe_status (RECOUPE_OK = 0) and are
 *    marked warn_unused_result; the library never aborts on out-of-memory.
 *  - Parsing never fails: any byte string becomes an article, maybe with empty text
 *    and warnings. Errors are for resources (a file that cannot be read, memory).
 *  - Threads: distinct articles may be processed on distinct threads at once; an
 *    engine (recoupe_engine) is used from one thread at a time.
 *
 * This header is stable: fields are only ever added at the end of structs and
 * values at the end of enums. */
#ifndef RECOUPE_H
#define RECOUPE_H

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
    RECOUPE_ERR_NOMEM,     /* out of memory */
    RECOUPE_ERR_IO,        /* a file or stream could not be read (errno tells more) */
    RECOUPE_ERR_TOO_BIG,   /* an input over the size limit */
    RECOUPE_ERR_FORMAT,    /* a container that is broken: truncated gzip, bad WARC record, bad JSON line */
    RECOUPE_ERR_EMPTY,     /* an empty input */
    RECOUPE_ERR_BINARY,    /* an input that is not text */
    RECOUPE_ERR_ARG,       /* a bad argument */
    RECOUPE_ERR_NOTFOUND,  /* no such file, id or record */
    RECOUPE_ERR_DONE       /* iteration is over (not an error) */
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
#define RECOUPE_STAGE_DECODE   0x01u /* body to valid UTF-8 (recoupe_article_decode) */
#define RECOUPE_STAGE_EXTRACT  0x02u /* main text and metadata (recoupe_article_extract) */
#define RECOUPE_STAGE_ANALYSE  0x04u /* language and confidence (unless detected_lang is set), timestamp,
                                      * outlet, headline (implied by every stage below) */
#define RECOUPE_STAGE_TOKENS   0x08u /* keep the tokens (with stems) and the sentences in the analysis;
                                      * without it the stages below tokenise once and let the tokens go */
#define RECOUPE_STAGE_NUMBERS  0x10u /* the numbers of the text (analysis.numbers) */
#define RECOUPE_STAGE_SIGN     0x20u /* the near-duplicate sketch (read by recoupe_dups_add) */
#define RECOUPE_STAGE_FEATURES 0x40u /* the story features (read by recoupe_engine_add) */
#define RECOUPE_STAGE_FACTS    0x80u /* entities and claims (the facts stage; slot RECOUPE_SLOT_FACTS) */
#define RECOUPE_STAGE_CLASSIFY 0x100u /* news or not and the news category (analysis.category, is_news) */

/* What a stage of a module above the article record hangs on it: the record's
 * module (src/core) knows nothing of the stages above it, so each slot carries the
 * function that frees it, set by the stage that filled it; recoupe_article_free
 * calls it. A stage only ever reads, fills or frees its own slot. */
typedef struct recoupe_slot {
    void *data;                 /* NULL when empty */
    void (*free)(void *data);   /* how to free data (NULL: nothing to free) */
} recoupe_slot;

/* The slots, one per stage that keeps private state. */
enum {
    RECOUPE_SLOT_TEXT = 0,      /* storage of the tokens' strings (the text layer's) */
    RECOUPE_SLOT_SIGN,          /* the near-duplicate sketch (src/dedup) */
    RECOUPE_SLOT_FEATURES,      /* the story features (src/story) */
    RECOUPE_SLOT_FACTS,         /* entities and claims (src/facts) */
    RECOUPE_SLOT_APP,           /* free for the embedding program */
    RECOUPE_SLOTS = 8
};

/* Kinds of token (recoupe_token.kind). */
enum {
    RECOUPE_TOKEN_WORD = 1,     /* letters (inner apostrophes and hyphens kept whole) */
    RECOUPE_TOKEN_NUMBER,       /* digits with their separators: "8 000", "10.000", "1,5" */
    RECOUPE_TOKEN_URL,
    RECOUPE_TOKEN_EMAIL,
    RECOUPE_TOKEN_CJK,          /* a CJK or Thai unit (a dictionary word or a character bigram) */
    RECOUPE_TOKEN_PART          /* a part of a hyphenated compound (follows the whole) */
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
    const char *norm;     /* the normalised form (NFKC, case-folded), NUL-terminated */
    const char *stem;     /* words and CJK units of 3 letters or 4 bytes at least: the Snowball stem
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
    unsigned done;             /* RECOUPE_STAGE_ bits of the stages run */
    char *outlet;              /* ANALYSE: the site, else the URL's host as written, else NULL */
    char *headline;            /* ANALYSE: the title, else the text's first line (at most 300 bytes);
                                * never NULL once analysed ("" when there is neither) */
    const char *text;          /* ANALYSE: the text analysed: a->text, else a plain-text body, else "" */
    size_t text_len;
    size_t body_start;         /* where the text proper starts in it: past the first line when that
                                * line is the headline (no title), else 0 */
    recoupe_token *tokens;     /* TOKENS: the tokens of text, in order */
    size_t n_tokens;
    recoupe_token *title_tokens; /* TOKENS: the tokens of headline (offsets into headline) */
    size_t n_title_tokens;
    recoupe_span *sentences;   /* TOKENS: the sentences of text (recoupe_token.sentence indexes them) */
    size_t n_sentences;
    recoupe_number *numbers;   /* NUMBERS: the numbers of text, in order */
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
    char *file;          /* the input path as given ("-" for stdin) */
    char *id;            /* the record's id: JSONL "id", WARC-Record-ID, else the file's base name */
    char *url;           /* JSONL "url", WARC-Target-URI, else what extraction finds */
    const char *format;  /* "html", "text", "jsonl", "warc" (static string) */
    long line;           /* 1-based line (JSONL) or record number (WARC) in its file; 0 for whole files */
    size_t bytes;        /* size of the record as read, after gzip, before decoding */
    int is_html;         /* the body is HTML (else plain text) */
    char *content_type;  /* the Content-Type the transport declared (WARC's HTTP header), or NULL */
    char *fetched;       /* when the page was fetched (WARC-Date), ISO 8601, or NULL */

    /* --- decode: the body as valid UTF-8 */
    char *body;          /* the payload, decoded: HTML or plain text */
    size_t body_len;
    const char *encoding;/* the charset it was decoded from, e.g. "utf-8", "windows-1252" (static) */
    size_t repaired;     /* invalid byte sequences replaced by U+FFFD */

    /* --- metadata: carried by the input (JSONL fields, WARC headers), else extracted */
    char *title;
    char *date;          /* ISO 8601, e.g. "2024-10-31T20:52:00+01:00" or "2024-10-31" */
    char *site;          /* the outlet's name */
    char *author;
    char *lang;          /* the language the page declares (ISO 639-1) */
    char *description;
    char *text;          /* the main text: paragraphs separated by blank lines */

    /* --- warnings: what looked wrong, in order (the article is still usable) */
    char **warnings;
    size_t n_warnings;

    /* --- analysis (filled by recoupe_article_process, or recoupe_article_analyse) */
    char detected_lang[8];   /* ISO 639-1 code of the text, "und" when unsure */
    float lang_confidence;   /* 0..1 */
    int64_t timestamp;       /* date as Unix seconds, or INT64_MIN when unknown */

    /* --- the rest of the analysis: what every later stage reads instead of working
     * it out again (see recoupe_article_process) */
    recoupe_analysis analysis;

    /* --- facts (filled by recoupe_article_facts): a view of analysis.slot[RECOUPE_SLOT_FACTS],
     * which owns them (freed by recoupe_article_free or recoupe_article_release) */
    struct recoupe_facts *facts;   /* entities and quantity claims, or NULL */
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
 * length in code points, "warnings" an array of strings. Returns a malloc'd string
 * the caller frees, or NULL when out of memory or when a name is unknown (then
 * *bad_field, if not NULL, points at it inside fields). */
RECOUPE_API char *recoupe_article_json(const recoupe_article *a, const char *fields, const char **bad_field);

/* Runs on the article the stages named in `stages` (RECOUPE_STAGE_* bits) that it
 * has not been through yet, in their order, and records them in a->analysis.done.
 * SIGN, FEATURES, TOKENS and NUMBERS imply ANALYSE; nothing implies DECODE or
 * EXTRACT (a caller that fills a->text itself leaves them out). The text is
 * tokenised once for all the stages asked; the tokens are kept only with
 * RECOUPE_STAGE_TOKENS. Thread-safe for distinct articles: a pool's workers run
 * it. A stage that fails leaves the article usable, with less to go on (its bit
 * unset; recoupe_dups_add and recoupe_engine_add then do the work themselves).
 * Returns RECOUPE_OK, RECOUPE_ERR_ARG when a is NULL, or RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_article_process(recoupe_article *a, unsigned stages);

/* Frees what the named stages keep in the analysis (TOKENS: tokens and sentences;
 * NUMBERS: numbers; SIGN, FEATURES, FACTS: their slot) and clears their bits, to
 * bound memory once they were read. NULL is a no-op. */
RECOUPE_API void recoupe_article_release(recoupe_article *a, unsigned stages);

/* ------------------------------------------------------------------ reading */

/* Options for reading inputs. Zero-initialise, then set what you need. */
typedef struct recoupe_read_options {
    size_t max_bytes;   /* skip inputs (after gunzip) larger than this; 0 = 16 MiB */
    /* Called for each input or record that is skipped: file, 1-based line or record
     * number (0 when not applicable), and what is wrong. May be NULL. */
    void (*on_error)(void *user, const char *file, long line, const char *message);
    void *user;
    /* Called, with the same user, for a notice that skips nothing (a directory
     * already visited through a symbolic link loop is not walked again). May be
     * NULL: notices are dropped. The library never prints. */
    void (*on_notice)(void *user, const char *file, long line, const char *message);
} recoupe_read_options;

typedef struct recoupe_reader recoupe_reader;

/* Opens a reader over paths: files, directories (walked recursively in name order,
 * never following a symlink loop), or "-" for standard input (read once, however
 * many times it is given). Formats are sniffed from content first and extension
 * second: HTML, plain text, JSON Lines, WARC, each possibly gzip-compressed. An
 * input that is not a regular file when it is read (a FIFO, a device) is reported
 * through on_error and skipped, never waited on. A JSON Lines or WARC input (a
 * file or stdin, gzip-compressed or not) over 1 MiB is streamed, a chunk and a
 * batch of records at a time, so memory does not grow with it; other inputs (an
 * HTML or text article) are read whole. The caller keeps ownership of paths
 * and opt (which must outlive the reader). Returns NULL when out of memory. */
RECOUPE_API recoupe_reader *recoupe_reader_open(const char *const *paths, size_t n_paths,
                                                const recoupe_read_options *opt);

/* The next article, in input order, raw: read and un-gzipped, not yet decoded
 * (body holds the bytes as they are; call recoupe_article_decode). Bad inputs are
 * reported through on_error and skipped. Returns RECOUPE_OK with *out set (the caller
 * owns it), RECOUPE_ERR_DONE at the end, or RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_reader_next(recoupe_reader *r,
                                                                  recoupe_article **out);

/* Counts so far: records returned, and inputs or records skipped. */
RECOUPE_API size_t recoupe_reader_read_count(const recoupe_reader *r);
RECOUPE_API size_t recoupe_reader_skipped_count(const recoupe_reader *r);
/* Bytes of input files loaded so far, and the size of all files found when the
 * reader was opened (stdin counts 0 there): together they make a progress bar. */
RECOUPE_API uint64_t recoupe_reader_bytes(const recoupe_reader *r);
RECOUPE_API uint64_t recoupe_reader_total_bytes(const recoupe_reader *r);

/* Closes the reader. NULL is a no-op. */
RECOUPE_API void recoupe_reader_close(recoupe_reader *r);

/* Reads one article from memory, as the reader would read a file of that name
 * (name may be NULL). For a JSON Lines or WARC buffer, only the first record.
 * *out is owned by the caller. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_article_from_memory(const char *name,
                                                                          const void *data,
                                                                          size_t len,
                                                                          recoupe_article **out);

/* ------------------------------------------------------------------ per-article stages */

/* decode: converts body to valid UTF-8 in place. The charset comes from a BOM, the
 * HTTP Content-Type (WARC), <meta charset>, else UTF-8 when valid, else windows-1252;
 * a declared charset that does not fit the bytes is overridden. Invalid sequences
 * become U+FFFD and are counted in `repaired`. Idempotent. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_article_decode(recoupe_article *a);

/* ------------------------------------------------------------------ pipelines */

/* Runs work() on every article of a reader on `jobs` threads (0 = number of cores),
 * then emit() on the calling thread in input order, whatever jobs is. Each
 * article is decoded before work() sees it. emit() takes ownership of the article.
 * work may be NULL (decode only). A non-zero return from emit stops the run and
 * is returned; else RECOUPE_OK, or RECOUPE_ERR_NOMEM. */
typedef void (*recoupe_work_fn)(recoupe_article *a, void *user);
typedef int (*recoupe_emit_fn)(recoupe_article *a, void *user);
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_pipeline_run(recoupe_reader *r, int jobs,
                                                                   recoupe_work_fn work,
                                                                   recoupe_emit_fn emit,
                                                                   void *user);

/* The one trip of every article, as the commands and the server run it: on `jobs`
 * threads (0 = number of cores), each article of the reader is decoded and
 * processed (recoupe_article_process(a, stages)), then given to work (may be
 * NULL), then emit() on the calling thread in input order, which takes ownership
 * of it. A stage that runs out of memory leaves a warning on the article
 * ("out of memory while processing") and the run goes on. Returns as
 * recoupe_pipeline_run. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_pipeline_process(recoupe_reader *r, int jobs, unsigned stages,
                                                                       recoupe_work_fn work, recoupe_emit_fn emit,
                                                                       void *user);

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
RECOUPE_API void recoupe_detect_language(const char *text, size_t len, const char *declared,
                                         char code[8], float *confidence);

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

RECOUPE_API void recoupe_detect_language_with(const char *text, size_t len, const char *declared,
                                              recoupe_langid_method method, char code[8],
                                              float *confidence);

/* One paragraph's language: paragraphs are separated by blank lines. */
typedef struct recoupe_lang_span {
    size_t offset, len;   /* bytes of the paragraph in text */
    char code[8];         /* ISO 639-1, or "und" */
    float confidence;
} recoupe_lang_span;

/* The language of each paragraph of text (a page can mix languages). A short
 * paragraph leans towards the language of the whole text. Writes up to cap spans
 * into out (out may be NULL when cap is 0) and returns the number of paragraphs,
 * which may be more than cap. Paragraphs without letters are not listed. */
RECOUPE_API size_t recoupe_detect_paragraph_languages(const char *text, size_t len,
                                                      const char *declared,
                                                      recoupe_lang_span *out, size_t cap);

/* One language code per line of text ("und" for an empty or letterless line), each
 * followed by '\n': what `recoupe lang --lines` prints. Lines are judged alone, with
 * the given method (RECOUPE_LANGID_BEST normally). Returns a malloc'd string the
 * caller frees, NULL when out of memory. */
RECOUPE_API char *recoupe_detect_line_languages(const char *text, size_t len,
                                                recoupe_langid_method method);

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

/* ------------------------------------------------------------------ duplicates (src/dedup) */

/* Near-duplicates: copies, excerpts and rewrites of the same text, grouped, with
 * the origin named. An index (recoupe_dups) takes articles one by one and can
 * drop them again (a server expiring old news); recoupe_dups_groups() returns
 * the connected groups. recoupe_dups_find() does it all for an array of
 * articles (what story clustering calls first, so that a group lands whole in
 * one story).
 *
 * An article's text is a->text, else a->body; its language (for stemming)
 * a->detected_lang, else a->lang; its date a->timestamp when set (non-zero and
 * not INT64_MIN), else a->date (ISO 8601).
 * Memory: about 1.6 KB per indexed 500-word article (1.6 GB for a million),
 * bounded by 272 bytes of signatures + 24 bytes a sentence (255 sentences at
 * most) + 10-20 bytes per bucket entry (37 LSH bands + one per second sentence of
 * 6+ words; table segments split at load 0.8) + the file and id strings. */

/* How a member relates to its group's origin. */
typedef enum recoupe_dup_relation {
    RECOUPE_DUP_NONE = 0,   /* the origin itself */
    RECOUPE_DUP_DUPLICATE,  /* the same text give or take small edits: shingle Jaccard >= threshold */
    RECOUPE_DUP_CONTAINS,   /* the member reproduces most of the origin, plus material of its own */
    RECOUPE_DUP_CONTAINED,  /* the member is an excerpt: most of it is in the origin */
    RECOUPE_DUP_REWRITE     /* the member paraphrases the origin sentence by sentence */
} recoupe_dup_relation;

/* Bits for recoupe_dups_options.relations. CONTAINS covers both directions. */
#define RECOUPE_DUP_BIT(rel) (1u << (rel))

/* Options. Zero-initialise, then set what you need. */
typedef struct recoupe_dups_options {
    double threshold;   /* duplicate: estimated Jaccard of word 3-shingles; 0 = 0.8 */
    double contains;    /* contains: share of the smaller text's words in sentences found
                         * verbatim in the larger; 0 = 0.8 */
    double rewrite;     /* rewrite: share of the smaller text's words in aligned sentences; 0 = 0.6 */
    unsigned relations; /* RECOUPE_DUP_BIT()s of the relations that join a group; 0 = all */
} recoupe_dups_options;

typedef struct recoupe_dups recoupe_dups;

/* One member of a group. Strings belong to the recoupe_dup_groups. */
typedef struct recoupe_dup_member {
    const char *file;              /* the article's file, or NULL */
    const char *id;                /* the article's id, or NULL */
    size_t index;                  /* the index given to recoupe_dups_add (array position for
                                    * recoupe_dups_find) */
    uint64_t key;                  /* the key recoupe_dups_add returned */
    int64_t timestamp;             /* Unix seconds, INT64_MIN when unknown */
    recoupe_dup_relation relation; /* to the origin; RECOUPE_DUP_NONE for the origin */
    double score;                  /* 0..1: Jaccard, containment or aligned share */
    size_t via;                    /* when the member is not itself related to the origin: the
                                    * position in members[] of the one it was joined through
                                    * (relation and score are then to that one); else SIZE_MAX */
} recoupe_dup_member;

typedef struct recoupe_dup_group {
    recoupe_dup_member *members;   /* members[0] is the origin: the earliest dated, ties the longest */
    size_t n_members;              /* >= 2 */
} recoupe_dup_group;

typedef struct recoupe_dup_groups {
    recoupe_dup_group *groups;     /* ordered by their origin's insertion order */
    size_t n_groups;
} recoupe_dup_groups;

/* A new, empty index. opt may be NULL (defaults); it is copied. NULL when out of memory. */
RECOUPE_API recoupe_dups *recoupe_dups_new(const recoupe_dups_options *opt);
/* Frees the index. NULL is a no-op. */
RECOUPE_API void recoupe_dups_free(recoupe_dups *d);

/* Indexes an article (the article is not kept: it may be freed after). The
 * sketch is the one recoupe_article_process(a, RECOUPE_STAGE_SIGN) left in the
 * article (thread-safe for distinct articles: a pool's workers sign while this
 * only files, on one thread); an article not signed is sketched here. index is the caller's own number for it,
 * given back in members. *key (may be NULL) receives the handle for
 * recoupe_dups_remove. An article without text is indexed but never related to
 * anything. RECOUPE_OK or RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_dups_add(recoupe_dups *d,
                                                               const recoupe_article *a,
                                                               size_t index, uint64_t *key);
/* Drops an article. RECOUPE_ERR_NOTFOUND for a key not (or no longer) in the index. */
RECOUPE_API recoupe_status recoupe_dups_remove(recoupe_dups *d, uint64_t key);
/* Articles indexed, and the bytes the index holds. */
RECOUPE_API size_t recoupe_dups_count(const recoupe_dups *d);
RECOUPE_API size_t recoupe_dups_memory(const recoupe_dups *d);

/* The groups of two or more related articles in the index now. *out is owned by
 * the caller (recoupe_dup_groups_free). RECOUPE_OK or RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_dups_groups(recoupe_dups *d,
                                                                  recoupe_dup_groups **out);
/* The articles related to one directly (by the relations that join a group), not
 * through others as recoupe_dups_group_of finds them: their indices as given to
 * recoupe_dups_add, ascending, into *out (malloc'd, *n of them; the caller frees
 * it; NULL when none). One query of the index, so cheap whatever the size of the
 * group. RECOUPE_OK, RECOUPE_ERR_NOTFOUND for an unknown key, RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_dups_related(recoupe_dups *d, uint64_t key, size_t **out,
                                                                   size_t *n);
/* The group of one article (n_groups is 0 when it has no relative, else 1).
 * RECOUPE_ERR_NOTFOUND for an unknown key. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_dups_group_of(recoupe_dups *d, uint64_t key,
                                                                    recoupe_dup_groups **out);
/* Everything in one call for an array of articles: member.index is the position in
 * the array. opt may be NULL. *out is owned by the caller. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_dups_find(recoupe_article *const *articles,
                                                                size_t n,
                                                                const recoupe_dups_options *opt,
                                                                recoupe_dup_groups **out);
/* Frees groups. NULL is a no-op. */
RECOUPE_API void recoupe_dup_groups_free(recoupe_dup_groups *g);

/* The groups as JSON, the shape `recoupe dups` prints:
 *   [{"origin": FILE, "origin_id": ID, "members": [{"file", "id", "relation", "score"
 *     (, "via": FILE when joined through another member)}]}]
 * members lists every member but the origin. Returns a malloc'd NUL-terminated
 * string (the caller frees it), NULL on out of memory. g NULL gives "[]". */
RECOUPE_API char *recoupe_dup_groups_json(const recoupe_dup_groups *g);

/* "duplicate", "contains", "contained", "rewrite", "origin" (for NONE). Never NULL. */
RECOUPE_API const char *recoupe_dup_relation_name(recoupe_dup_relation r);
/* Parses a relation name ("contained" and "contains" both give CONTAINS);
 * RECOUPE_DUP_NONE when unknown. */
RECOUPE_API recoupe_dup_relation recoupe_dup_relation_parse(const char *name);

/* ------------------------------------------------------------------ stories (src/story) */

/* Stories: articles about one event, grouped across outlets and languages, titled
 * and ranked. An engine (recoupe_engine) takes articles one by one. Batch mode:
 * add everything, then recoupe_engine_cluster(); the result depends neither on the
 * order of the adds nor on jobs. Incremental mode (for a server): once clustered,
 * each add or remove updates the stories in place, and a story keeps its id as
 * articles arrive. A live add places the article once, with the document
 * frequencies of the moment; so that the stories do not drift from what a batch
 * run would say, the engine clusters everything again (inside the add that
 * triggers it) once the live adds reach a share of the articles held at the last
 * clustering (options.recluster; a geometric schedule, so the total work stays
 * linear: about 4x one batch run over a whole stream at the default); story ids
 * are carried over by overlap (see recoupe_story.id). Tolerance,
 * measured by bench/eval_story.sh as the B-cubed F1 of the incremental partition
 * against the batch one on the same articles fed one by one from an empty engine:
 * 1.00 on the bundled sample (examples/koursk), at least 0.95 for events and
 * topics on rpm2 (200 undated French articles). recoupe_engine_cluster may also
 * be called at any time to get the batch result back.
 *
 * Similarity: TF-IDF cosine over stems, stem bigrams, entities and numbers (stems
 * weighed among the articles of their language); two articles link into one event
 * only when each is among the other's nearest neighbours with a cosine of at
 * least 0.03, with a weight that is the overlap of their neighbour lists
 * (second-order similarity); events join into topics on that overlap alone.
 *
 * Stories come at two levels: events (what `recoupe threads` prints, the tgnews
 * "threads") and topics, each a group of events ("Ingrid Betancourt freed" and
 * "Betancourt's first summer of freedom" are two events of one topic).
 *
 * Importance (documented formula, higher first):
 *   importance = ln(1 + S) * (1 + ln(1 + V)) * (0.5 + 0.5 * D) * R
 *   S  independent sources: distinct outlets (the site, else the URL's host, else
 *      the article itself: an article of unknown outlet counts as one of its own),
 *      a near-duplicate group counting once;
 *   V  velocity: articles within 24 hours of the story's first one (all of them
 *      when undated);
 *   D  diversity: distinct outlets / articles (1 when every article is from a
 *      different outlet);
 *   R  recency: 0.5 ^ ((T - last) / 24 h), T the latest date in the engine; 1 undated. */

/* One engine is used from one thread at a time (its calls are not locked); distinct
 * engines may be used from distinct threads at once. */
typedef struct recoupe_engine recoupe_engine;

/* Options. Zero-initialise, then set what you need (0 means the default). */
typedef struct recoupe_engine_options {
    double event_threshold;   /* average-link similarity to be one event; 0 = 0.08 */
    double topic_threshold;   /* to be one topic; 0 = 0.03 */
    int64_t window;           /* seconds between an article and its story's most recent member;
                               * 0 = 7 days, negative = no window */
    int jobs;                 /* threads for batch clustering; 0 = the number of cores */
    int no_duplicates;        /* 1: do not look for near-duplicate groups */
    int recluster;            /* live mode: cluster everything again once the live adds reach
                               * 1/recluster of the articles of the last clustering (and 16);
                               * 0 = 4, negative = never (only explicit recoupe_engine_cluster) */
    double pair_gate;         /* the pair decision some pair across two clusters must reach for
                               * them to merge into one event; 0 = 0.5, negative = no gate */
    int timing;               /* 1: report the wall and CPU seconds and the memory of each phase
                               * of a clustering through on_message ("timing: ..." lines) */
    /* Called on the engine's thread with a line of report (no newline), e.g. the
     * timing lines; may be NULL. The library never prints. */
    void (*on_message)(void *user, const char *message);
    void *message_user;
} recoupe_engine_options;

/* One story (an event). Everything belongs to the engine and stays valid until
 * the next add, remove or cluster call. */
typedef struct recoupe_story {
    uint64_t id;                             /* stable: from the article that started it, and kept
                                              * through re-clusterings by the new story that holds
                                              * most of its articles */
    uint64_t topic;                          /* id of the topic it belongs to */
    const char *title;                       /* headline of the most central article in the main language */
    const recoupe_article *const *articles;  /* by centrality, most central first */
    const float *centrality;                 /* cosine of each article to the story's centroid */
    size_t n_articles;
    const char *lang;                        /* main language ("und" when unknown) */
    const char *const *languages;            /* distinct, most frequent first */
    size_t n_languages;
    const char *const *sources;              /* distinct outlets, most frequent first */
    size_t n_sources;
    size_t independent_sources;              /* outlets, a near-duplicate group counting once */
    int64_t first, last;                     /* Unix seconds; INT64_MIN when undated */
    double importance;
} recoupe_story;

/* A new engine; opt may be NULL (defaults) and is copied. NULL when out of memory. */
RECOUPE_API recoupe_engine *recoupe_engine_new(const recoupe_engine_options *opt);
/* Frees the engine and every article it holds. NULL is a no-op. */
RECOUPE_API void recoupe_engine_free(recoupe_engine *e);


/* Adds an article; the engine takes ownership of it (also on error). The engine
 * reads the analysis recoupe_article_process(a, RECOUPE_STAGE_FEATURES) left in
 * it (a pool's workers make it; title and text are the analysis's headline and
 * text); an article not processed so is analysed here, on the calling thread. *handle (may be
 * NULL) receives its number for recoupe_engine_remove whenever the engine holds the
 * article, which it also does after a RECOUPE_ERR_NOMEM from a live add that could
 * not place it in a story (the next recoupe_engine_cluster places it). Before the
 * first recoupe_engine_cluster the article only waits; after, it joins a story at
 * once. RECOUPE_OK, RECOUPE_ERR_ARG, RECOUPE_ERR_NOMEM (also once 2^32 - 1 articles
 * were added to one engine). */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_engine_add(recoupe_engine *e, recoupe_article *a,
                                                                 uint32_t *handle);
/* Removes an article (it is freed); its story shrinks, keeps its id, and goes when
 * empty. RECOUPE_ERR_NOTFOUND for an unknown or removed handle. */
RECOUPE_API recoupe_status recoupe_engine_remove(recoupe_engine *e, uint32_t handle);
/* Clusters every article held from scratch (batch mode), then switches to
 * incremental mode. RECOUPE_OK or RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_engine_cluster(recoupe_engine *e);

/* The stories now, most important first (ties: lower id). NULL when out of
 * memory or i out of range. */
RECOUPE_API size_t recoupe_engine_story_count(recoupe_engine *e);
RECOUPE_API const recoupe_story *recoupe_engine_story(recoupe_engine *e, size_t i);
/* Articles held (not removed). */
RECOUPE_API size_t recoupe_engine_article_count(const recoupe_engine *e);

/* The stories as JSON, in one of these shapes (tgnews contest shapes first):
 *   "threads"    [{"title", "articles": [name, ...]}]        events, most important first
 *   "topics"     the same shape, one entry per topic
 *   "top"        [{"category": "any", "threads": [{"title", "category", "articles"}]}]
 *   "languages"  [{"lang_code", "articles": [name, ...]}]
 *   "stories"    [{"id", "topic", "title", "lang", "languages", "size", "sources",
 *                  "independent_sources", "first", "last", "importance",
 *                  "articles": [{"name", "title", "site", "date", "lang", "centrality"}]}]
 * An article's name is its record id for JSON Lines / WARC records, else its file's
 * base name. Returns a malloc'd string (the caller frees it), or NULL when out of
 * memory or when the shape is unknown. */
RECOUPE_API char *recoupe_engine_json(recoupe_engine *e, const char *shape);

/* Which stories recoupe_engine_json_with prints. Zero-initialise: all of them. */
typedef struct recoupe_json_options {
    size_t limit;     /* at most this many, the most important (topics: topics); 0 = all */
    size_t min_size;  /* only those of at least this many articles (topics: in all their events); 0 = all */
} recoupe_json_options;

/* recoupe_engine_json with a selection of the stories (o may be NULL: all). The
 * "languages" shape lists every article whatever o says. */
RECOUPE_API char *recoupe_engine_json_with(recoupe_engine *e, const char *shape, const recoupe_json_options *o);

/* ------------------------------------------------------------------ facts (src/facts) */

/* Facts: who said which number. Per article, a pure function of its text, its
 * language and its date gives the named entities (people, organisations, places,
 * with their mentions merged) and the quantity claims: each number that states a
 * quantity, with what is counted, where, who the article attributes it to, in what
 * stance (asserted, conditional, forecast, denied), and when it was said.
 * Not claims: dates, years, clock times, ages, durations, ordinals, page, phone
 * and law article numbers, scores. A figure nobody is said to have given is still
 * a claim, with said_by NULL (the outlet's own).
 * Languages: French and English fully; Russian for places and attribution verbs;
 * other languages give numbers and places with less attribution. */

typedef enum recoupe_entity_kind {
    RECOUPE_ENTITY_OTHER = 0,
    RECOUPE_ENTITY_PERSON,
    RECOUPE_ENTITY_ORG,
    RECOUPE_ENTITY_PLACE
} recoupe_entity_kind;

/* One entity of an article: its mentions merged ("Antony Blinken", "Blinken"). */
typedef struct recoupe_entity {
    char *name;               /* the most complete form seen, as written */
    char *key;                /* the merge key across articles and languages: "place:KR" for a
                               * place the gazetteer knows (any spelling), else the folded name */
    char *role;               /* a role written beside it ("président ukrainien"), or NULL */
    char *country;            /* ISO 3166-1 alpha-2 of the place or of the capital it names, or NULL */
    recoupe_entity_kind kind;
    size_t mentions;          /* how often the article names it */
    size_t first;             /* byte offset of its first mention in the text */
} recoupe_entity;

typedef enum recoupe_stance {
    RECOUPE_STANCE_ASSERTED = 0,  /* given as a fact */
    RECOUPE_STANCE_CONDITIONAL,   /* reported with distance or as an estimate: "auraient été", "estimated" */
    RECOUPE_STANCE_FORECAST,      /* a figure to come: "pourrait atteindre", "could reach", "d'ici" */
    RECOUPE_STANCE_DENIED         /* "dément", "denies" */
} recoupe_stance;

typedef enum recoupe_qualifier {
    RECOUPE_QUAL_EXACT = 0,   /* [value, value] */
    RECOUPE_QUAL_ABOUT,       /* "environ", "quelque", "about": value, interval +-10% */
    RECOUPE_QUAL_AT_MOST,     /* "jusqu'à", "up to", "moins de": [, value] */
    RECOUPE_QUAL_AT_LEAST,    /* "plus de", "more than", "au moins": (value, ) */
    RECOUPE_QUAL_RANGE        /* "11 000 à 12 000": [low, high] */
} recoupe_qualifier;

/* One quantity claim. Offsets are bytes of the text the facts were taken from. */
typedef struct recoupe_claim {
    double value;             /* the number (the low end of a range) */
    double low, high;         /* the interval the qualifier gives; NAN for an open end */
    recoupe_qualifier qualifier;
    char *thing;              /* what is counted, head word and modifiers ("soldats nord-coréens"),
                               * or NULL */
    char *thing_key;          /* the stem of the head word, for grouping ("soldat"), or NULL */
    char *where;              /* the place stated ("région de Koursk"), or NULL */
    char *said_by;            /* who says it, the most complete name, or NULL (the outlet's own) */
    char *role;               /* the speaker's role or organisation, or NULL */
    int speaker;              /* index of the speaker in recoupe_facts.entities, or -1 */
    recoupe_stance stance;
    int64_t stated;           /* Unix seconds (midnight UTC) of the statement's day; the article's
                               * date when the text gives none; INT64_MIN when neither is known */
    char *sentence;           /* the sentence, as written */
    size_t start, end;        /* the sentence's bytes [start, end) in the text */
    size_t num_start, num_end;/* the number's bytes */
} recoupe_claim;

/* The facts of one article. Owned by whoever got it; free with recoupe_facts_free. */
typedef struct recoupe_facts {
    recoupe_entity *entities; /* first mentioned first */
    size_t n_entities;
    recoupe_claim *claims;    /* in text order */
    size_t n_claims;
    int truncated;            /* 1 when a limit was reached (4096 claims, 4096 entities, sentences
                               * over 64 KiB are skipped): what is kept is still right */
} recoupe_facts;

/* Extracts the facts of text (len bytes of UTF-8, NUL not needed). lang is an ISO
 * 639-1 code ("fr", "en", "ru"; NULL or "und": read with the rules common to all),
 * timestamp the article's date in Unix seconds (INT64_MIN when unknown), used to
 * resolve "jeudi" or "hier". Pure and thread-safe. Time and memory are linear in
 * len. *out receives a new recoupe_facts (maybe empty, never NULL on success) that
 * the caller frees. RECOUPE_OK, RECOUPE_ERR_ARG (out NULL, or text NULL with len > 0),
 * RECOUPE_ERR_NOMEM (*out is then NULL). */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_facts_extract(const char *text, size_t len,
                                                                    const char *lang, int64_t timestamp,
                                                                    recoupe_facts **out);
/* Frees facts and every string they hold. NULL is a no-op. */
RECOUPE_API void recoupe_facts_free(recoupe_facts *f);

/* Fills a->facts (replacing what was there; the facts are held by the article's
 * RECOUPE_SLOT_FACTS slot and freed with it) from a->text (else a plain-text body),
 * a->detected_lang (else a->lang) and a->timestamp (else a->date). Thread-safe for
 * distinct articles: run it on the worker pool. RECOUPE_OK, RECOUPE_ERR_ARG (NULL),
 * RECOUPE_ERR_NOMEM (a->facts is then NULL). */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_article_facts(recoupe_article *a);

/* "asserted", "conditional", "forecast", "denied"; "exact", "about", "at_most",
 * "at_least", "range"; "other", "person", "org", "place". Never NULL. */
RECOUPE_API const char *recoupe_stance_name(recoupe_stance s);
RECOUPE_API const char *recoupe_qualifier_name(recoupe_qualifier q);
RECOUPE_API const char *recoupe_entity_kind_name(recoupe_entity_kind k);

/* One claim as a JSON object (no newline) with the members named in fields (a
 * comma-separated list; NULL: all): file id value low high qualifier thing where
 * said_by role stance stated sentence start end. file and id come from a (may be
 * NULL: null). start and end are the sentence's offsets in code points. Returns a
 * malloc'd string the caller frees; NULL on OOM or an unknown name (*bad_field, if
 * not NULL, then points at it). */
RECOUPE_API char *recoupe_claim_json(const recoupe_article *a, const recoupe_claim *c, const char *fields,
                                     const char **bad_field);
/* One entity as a JSON object: file id name key kind role country mentions. */
RECOUPE_API char *recoupe_entity_json(const recoupe_article *a, const recoupe_entity *e);

/* The claim groups of a story (see recoupe_engine_story), as one JSON object
 * {"story": id, "title", "groups": [...]}, each group {"thing", "key", "disputed", "min", "max", "ratio", "values": [{"value", "low",
 * "high", "qualifier", "said_by", "role", "stance", "stated", "where", "outlets":
 * [...], "articles": [...]}]}, disputed groups first, values by statement date.
 * Claims of the same value, speaker and thing from near-duplicate copies count as
 * one report. A group is disputed when two values given as current facts
 * (asserted or conditional) have intervals that do not overlap. Reads the facts of
 * the story's articles (recoupe_article_facts; articles without facts add
 * nothing). Returns a malloc'd string the caller frees, NULL on OOM. */
RECOUPE_API char *recoupe_story_claims_json(const recoupe_story *s);
/* The story's entities ranked by the number of distinct outlets naming them:
 * [{"name", "key", "kind", "sources", "mentions"}]. NULL on OOM. */
RECOUPE_API char *recoupe_story_entities_json(const recoupe_story *s);

/* ------------------------------------------------------------------ store (src/store) */

/* The persistent store of a live index (what `recoupe serve` keeps its articles
 * in): one SQLite file in WAL mode. Each article is kept as extracted and
 * analysed (name, timestamp, title, date, site, url, declared and detected
 * language, text), with its max-age and the id of the story it was placed in, so
 * that a restart rebuilds the index without decoding or extracting again; an
 * FTS5 index over titles and texts serves search (BM25, snippets).
 *
 * Threads: the writing calls (begin, commit, put, delete, set_story, load) are
 * made from one thread at a time; recoupe_store_get and recoupe_store_search use
 * four read connections of their own (each under a lock) and may be called from any thread at
 * the same time as the writer, seeing what was committed. Writes go inside
 * recoupe_store_begin / recoupe_store_commit: one transaction for many articles
 * (group commit). Once recoupe_store_commit returned RECOUPE_OK the writes survive
 * the process being killed; with sync_full, a power loss too. Names are bound as
 * parameters, never spliced into SQL. Errors: RECOUPE_ERR_ARG for a NULL argument,
 * RECOUPE_ERR_IO for an SQLite failure (recoupe_store_error says which). */
typedef struct recoupe_store recoupe_store;

typedef struct recoupe_store_options {
    int sync_full;   /* 1: synchronous=FULL (an fsync at each commit); 0: NORMAL */
    int wal_pages;   /* the WAL is truncated after a commit once past this many pages; 0 = 4096 */
} recoupe_store_options;

/* What a stored article carries besides the article. */
typedef struct recoupe_store_row {
    int64_t max_age;   /* seconds after its date it expires; 0 = never */
    uint64_t story;    /* the story id it was last placed in, 0 when unknown */
} recoupe_store_row;

/* Opens (creating when missing) the store at path; opt may be NULL (defaults).
 * *out is owned by the caller (recoupe_store_close). RECOUPE_OK, RECOUPE_ERR_IO
 * (not an SQLite file, no permission), RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_open(const char *path, const recoupe_store_options *opt,
                                                                 recoupe_store **out);
/* Checkpoints the WAL and closes. NULL is a no-op. */
RECOUPE_API void recoupe_store_close(recoupe_store *s);
/* The last SQLite message of the writing connection (static or the store's). Never NULL. */
RECOUPE_API const char *recoupe_store_error(const recoupe_store *s);
/* Starts a write transaction / commits it (checkpointing when the WAL is long).
 * A failed commit is rolled back and returns RECOUPE_ERR_IO. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_begin(recoupe_store *s);
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_commit(recoupe_store *s);
/* Stores article a under name, replacing an article of that name (*replaced, may
 * be NULL, says 1 then, else 0). The article is only read. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_put(recoupe_store *s, const char *name,
                                                                const recoupe_article *a, int64_t max_age,
                                                                uint64_t story, int *replaced);
/* Removes the article of that name: RECOUPE_OK, or RECOUPE_ERR_NOTFOUND. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_delete(recoupe_store *s, const char *name);
/* Records the story an article is in now (no error when the name is unknown). */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_set_story(recoupe_store *s, const char *name,
                                                                      uint64_t story);
/* Calls fn for every stored article, in the order they were stored. fn owns the
 * article (file and id are the name; the analysis fields are filled) and returns
 * 0 to go on, non-zero to stop. RECOUPE_OK, RECOUPE_ERR_IO, RECOUPE_ERR_NOMEM. */
typedef int (*recoupe_store_load_fn)(void *user, recoupe_article *a, const recoupe_store_row *row);
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_load(recoupe_store *s, recoupe_store_load_fn fn,
                                                                 void *user);
/* The stored article of that name as recoupe_store_load gives it: *out owned by
 * the caller; row may be NULL. RECOUPE_OK, RECOUPE_ERR_NOTFOUND, RECOUPE_ERR_IO, _NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_get(recoupe_store *s, const char *name,
                                                                recoupe_article **out, recoupe_store_row *row);
/* Full-text search: the articles whose title or text hold every word of q
 * (case and accents folded; q is words, never query syntax), best BM25 first, at
 * most limit (0 = 20). fn gets the name, title (may be NULL), a snippet with the
 * matches in [brackets], and a score (higher is better); the strings live for the
 * call only; non-zero stops. A q without words finds nothing. RECOUPE_OK, _IO. */
typedef int (*recoupe_store_hit_fn)(void *user, const char *name, const char *title, const char *snippet,
                                    double score);
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_store_search(recoupe_store *s, const char *q, size_t limit,
                                                                   recoupe_store_hit_fn fn, void *user);
/* The size of the database file in bytes (without its WAL); 0 for NULL. */
RECOUPE_API int64_t recoupe_store_bytes(recoupe_store *s);

/* The near-duplicate groups among the articles of story i (as recoupe_engine_story
 * numbers it), with their origin and relations: member.index is the member's
 * position in that story's articles[]. Found again on the story's grouped articles
 * (clustering keeps no relation), so the cost grows with those only. *out is owned
 * by the caller (recoupe_dup_groups_free); it holds no group when the story has
 * none, or when the engine was made with no_duplicates. RECOUPE_OK, RECOUPE_ERR_ARG
 * (e or out NULL), RECOUPE_ERR_NOTFOUND (i out of range), RECOUPE_ERR_NOMEM. */
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_engine_story_duplicates(recoupe_engine *e, size_t i,
                                                                              recoupe_dup_groups **out);
/* The near-duplicate groups (two or more live articles) the engine's stories hold;
 * 0 for NULL or when out of memory. */
RECOUPE_API size_t recoupe_engine_duplicate_group_count(recoupe_engine *e);

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
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_engine_report(recoupe_engine *e,
                                                                    const recoupe_report_options *o,
                                                                    recoupe_write_fn write, void *user);
/* The same page as one malloc'd NUL-terminated string (the caller frees it), its
 * length in *len (may be NULL); NULL when out of memory or e is NULL. */
RECOUPE_API char *recoupe_engine_report_html(recoupe_engine *e, const recoupe_report_options *o, size_t *len);


#ifdef __cplusplus
}
#endif
#endif
