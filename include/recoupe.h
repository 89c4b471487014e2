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

    /* --- analysis (filled by recoupe_article_analyse) */
    char detected_lang[8];   /* ISO 639-1 code of the text, "und" when unsure */
    float lang_confidence;   /* 0..1 */
    int64_t timestamp;       /* date as Unix seconds, or INT64_MIN when unknown */

    void *priv;              /* engine-private state (tokens, signatures); do not touch */
    void (*priv_free)(void *priv); /* how recoupe_article_free releases priv */
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

/* ------------------------------------------------------------------ reading */

/* Options for reading inputs. Zero-initialise, then set what you need. */
typedef struct recoupe_read_options {
    size_t max_bytes;   /* skip inputs (after gunzip) larger than this; 0 = 16 MiB */
    /* Called for each input or record that is skipped: file, 1-based line or record
     * number (0 when not applicable), and what is wrong. May be NULL. */
    void (*on_error)(void *user, const char *file, long line, const char *message);
    void *user;
} recoupe_read_options;

typedef struct recoupe_reader recoupe_reader;

/* Opens a reader over paths: files, directories (walked recursively in name order,
 * never following a symlink loop), or "-" for standard input. Formats are sniffed
 * from content first and extension second: HTML, plain text, JSON Lines, WARC, each
 * possibly gzip-compressed. The caller keeps ownership of paths and opt (which
 * must outlive the reader). Returns NULL when out of memory. */
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

/* ------------------------------------------------------------------ extract (src/extract) */

/* ------------------------------------------------------------------ text (src/text) */

/* Language identification. Writes the ISO 639-1 code of text (len bytes of UTF-8;
 * NUL not needed) into code (8 bytes, NUL-terminated) and its confidence 0..1 into
 * *confidence (may be NULL); "und" with confidence 0 when there is no text, no
 * letter, or no clear answer. declared (may be NULL or "") is the language the page
 * declares ("fr", "fr-FR", "EN"), used as a prior, not trusted blindly. Recognises
 * about 76 languages with recoupe's own n-gram model and more through CLD2. Long
 * texts are sampled, so the cost is bounded. Thread-safe; never fails. */
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

RECOUPE_API void recoupe_detect_language_with(const char *text, size_t len, const char *declared,
                                              recoupe_langid_method method, char code[8],
                                              float *confidence);

/* ------------------------------------------------------------------ duplicates (src/dedup) */

/* ------------------------------------------------------------------ stories (src/story) */

#ifdef __cplusplus
}
#endif
#endif
