/* recoupe/read.h: reading articles, decoding them, and the pipeline every article runs through. Part of the public
 * interface; include <recoupe.h> for all of it. */
#ifndef RECOUPE_READ_H
#define RECOUPE_READ_H

#include <stddef.h>
#include <stdint.h>
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ reading */

/* Options for reading inputs. Zero-initialise, then set what you need. */
typedef struct recoupe_read_options {
    size_t max_bytes; /* skip inputs (after gunzip) larger than this; 0 = 16 MiB */
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
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_reader_next(recoupe_reader *r, recoupe_article **out);

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
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_article_from_memory(const char *name, const void *data,
                                                                          size_t len, recoupe_article **out);

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
RECOUPE_API RECOUPE_MUST_CHECK recoupe_status recoupe_pipeline_run(recoupe_reader *r, int jobs, recoupe_work_fn work,
                                                                   recoupe_emit_fn emit, void *user);

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

#ifdef __cplusplus
}
#endif
#endif
