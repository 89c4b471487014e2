/* read.h: the read module's internals, shared by its files (walk, gunzip, sniff,
 * JSON Lines, WARC, decode). The public side is in recoupe.h. */
#ifndef RECOUPE_READ_READ_H
#define RECOUPE_READ_READ_H

#include <stddef.h>
#include <stdint.h>

#include "recoupe.h"

#define READ_DEFAULT_MAX ((size_t)16 << 20)
/* A container (JSON Lines, WARC) may be far larger than one article. */
#define READ_CONTAINER_MAX ((size_t)4 << 30)

enum read_format { READ_HTML, READ_TEXT, READ_JSONL, READ_WARC, READ_BINARY, READ_EMPTY };

/* gunzip: inflates every gzip member of in[0..len) into *out (malloc'd, NUL
 * terminated). Stops with RECOUPE_ERR_TOO_BIG past max bytes, RECOUPE_ERR_FORMAT on
 * corrupt or truncated data (*out then holds what was inflated). */
recoupe_status read_gunzip(const unsigned char *in, size_t len, size_t max, char **out, size_t *out_len);
int read_is_gzip(const void *data, size_t len);
/* the first bytes (at most cap - 1, NUL-terminated) that gzip data inflates to,
 * to sniff what it holds; 0 when none */
size_t read_gunzip_prefix(const unsigned char *in, size_t len, char *out, size_t cap);

/* sniff: the format of a (decompressed) buffer; name (may be NULL) gives the extension hint. */
enum read_format read_sniff(const char *data, size_t len, const char *name);

/* Each container parser calls emit for each record (a fresh article the callback
 * owns) and err for each bad record (line or record number, message). */
typedef void (*read_emit_fn)(void *ctx, recoupe_article *a);
typedef void (*read_err_fn)(void *ctx, long line, const char *message);
void read_jsonl(const char *file, const char *data, size_t len, size_t max_bytes, read_emit_fn emit, read_err_fn err,
                void *ctx);
void read_warc(const char *file, const char *data, size_t len, size_t max_bytes, read_emit_fn emit, read_err_fn err,
               void *ctx);
/* read_warc's steps over the records held in data[0..len): when at_eof is 0 it stops
 * before a record not wholly held (its header's end, its block, or, for a broken
 * one, the next record's header still to come) and returns the bytes consumed;
 * also after budget records were emitted (counted in *emitted; 0: no budget).
 * *record numbers the records, carried from call to call. */
size_t read_warc_some(const char *file, const char *data, size_t len, int at_eof, size_t max_bytes, long *record,
                      size_t *emitted, size_t budget, read_emit_fn emit, read_err_fn err, void *ctx);

/* JSON Lines one line at a time (read_jsonl's steps, and the stream's below).
 * read_jsonl_line takes a line without its newline (start NULL: a line of n bytes
 * too long to keep, reported as over the limit) and its number; may_be_document:
 * bytes follow it, so a first record that does not parse alone may be the start of
 * one JSON document spread over lines (READ_JSONL_DOCUMENT, nothing reported: the
 * caller tries read_jsonl on the whole, else calls again with 0). READ_JSONL_STOP:
 * out of memory. */
typedef struct read_json_simd read_json_simd;
typedef struct read_jsonl_state {
    const char *file;
    size_t max_bytes;
    read_emit_fn emit;
    read_err_fn err;
    void *ctx;
    int first; /* no record line seen yet */
    read_json_simd *simd;
} read_jsonl_state;
enum { READ_JSONL_NEXT, READ_JSONL_STOP, READ_JSONL_DOCUMENT };
void read_jsonl_start(read_jsonl_state *s, const char *file, size_t max_bytes, read_emit_fn emit, read_err_fn err,
                      void *ctx);
int read_jsonl_line(read_jsonl_state *s, const char *start, size_t n, long line, int may_be_document);
void read_jsonl_finish(read_jsonl_state *s);

/* stream.c: a JSON Lines (warc: WARC) input read a chunk at a time from fd (closed at the
 * end when close_fd), its first len bytes already in data (malloc'd, room for cap
 * + 1; taken over; gz: they are gzip data, inflated as the stream goes). next
 * parses on until at least 256 records were emitted (counted in *emitted, which
 * emit grows) or the input ended: 1 when more may follow, 0 at the end, -1 on a
 * read error (errno in *err_no) or out of memory (*err_no 0), -2 at the end of
 * gzip data that was corrupt or cut short (the records before were emitted);
 * *bytes: what it read from fd. NULL from new when out of memory. */
typedef struct read_stream read_stream;
read_stream *read_stream_new(const char *file, int fd, int close_fd, char *data, size_t len, size_t cap, int gz,
                             int warc, size_t max_bytes, read_emit_fn emit, read_err_fn err, void *ctx);
int read_stream_next(read_stream *s, size_t *emitted, uint64_t *bytes, int *err_no);
void read_stream_free(read_stream *s);
void read_stream_read_size(read_stream *s, size_t n); /* bytes per read() (tests) */

/* json_simd.cc: one JSON Lines record parsed with simdjson, the fast path of
 * read_jsonl. read_json_simd_parse returns 1 when line[0..n) is a JSON object that
 * jansson (JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL) accepts too, with out filled:
 * s[i] the decoded string of field i (n[i] bytes, may hold NULs; NULL when absent
 * or not a string), valid until the next call; is_int[i] and ival[i] when field i
 * is an integer (jsonl.c prints it, as jansson's path does). 0 for anything else (bad JSON, not an object, out of
 * memory): the caller then asks jansson, for its verdict and its message. */
enum {
    READ_JSON_ID,
    READ_JSON_URL,
    READ_JSON_TITLE,
    READ_JSON_TEXT,
    READ_JSON_HTML,
    READ_JSON_DATE,
    READ_JSON_SITE,
    READ_JSON_LANG,
    READ_JSON_AUTHOR,
    READ_JSON_DESCRIPTION,
    READ_JSON_NFIELDS
};
typedef struct read_json_fields {
    const char *s[READ_JSON_NFIELDS];
    size_t n[READ_JSON_NFIELDS];
    int is_int[READ_JSON_NFIELDS];
    long long ival[READ_JSON_NFIELDS];
} read_json_fields;
read_json_simd *read_json_simd_new(void); /* NULL when out of memory */
void read_json_simd_free(read_json_simd *p);
int read_json_simd_parse(read_json_simd *p, const char *line, size_t n, read_json_fields *out);

/* A whole-file article (HTML or text): takes ownership of data. */
recoupe_article *read_whole_article(const char *file, char *data, size_t len, enum read_format f);

/* decode helpers (decode.c) */
size_t read_utf8_valid_prefix(const unsigned char *s, size_t len);
char *read_strdup_n(const char *s, size_t n);

#endif
