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

/* sniff: the format of a (decompressed) buffer; name (may be NULL) gives the extension hint. */
enum read_format read_sniff(const char *data, size_t len, const char *name);

/* Each container parser calls emit for each record (a fresh article the callback
 * owns) and err for each bad record (line or record number, message). */
typedef void (*read_emit_fn)(void *ctx, recoupe_article *a);
typedef void (*read_err_fn)(void *ctx, long line, const char *message);
void read_jsonl(const char *file, const char *data, size_t len, size_t max_bytes,
                read_emit_fn emit, read_err_fn err, void *ctx);
void read_warc(const char *file, const char *data, size_t len, size_t max_bytes,
               read_emit_fn emit, read_err_fn err, void *ctx);

/* A whole-file article (HTML or text): takes ownership of data. */
recoupe_article *read_whole_article(const char *file, char *data, size_t len, enum read_format f);

/* decode helpers (decode.c) */
size_t read_utf8_valid_prefix(const unsigned char *s, size_t len);
char *read_strdup_n(const char *s, size_t n);

#endif
