/* json.h: a small streaming JSON writer over a buf.
 *
 * The writer tracks nothing: callers write '{', keys and values in order, and
 * json_key() adds the comma when the object already has members (it looks at the
 * last byte written). Strings are escaped per RFC 8259 (control characters and NUL
 * as \u00XX); bodies are repaired by decode, but a file name or a WARC header may
 * hold invalid UTF-8, and each byte of an invalid sequence is written as U+FFFD.
 * Parsing JSON (JSON Lines input) is done with jansson, not here. */
#ifndef RECOUPE_UTIL_JSON_H
#define RECOUPE_UTIL_JSON_H

#include <stddef.h>

#include "util/buf.h"

/* "s" escaped and quoted; NULL writes null. */
void json_str(buf *b, const char *s);
void json_strn(buf *b, const char *s, size_t n);
/* 1 when s[0..n) is valid UTF-8 (json_strn writes it unchanged), else 0 */
int json_utf8_valid(const char *s, size_t n);
/* "key": the bytes s[0..n) in lowercase hex, two digits a byte */
void json_kv_hex(buf *b, const char *key, const char *s, size_t n);
/* ,"key": (the comma only when the previous byte is not '{' or '[') */
void json_key(buf *b, const char *key);
/* Shorthands for one member: ,"key":value */
void json_kv_str(buf *b, const char *key, const char *val); /* NULL -> null */
void json_kv_int(buf *b, const char *key, long long val);
void json_kv_num(buf *b, const char *key, double val); /* %.4g; NaN/inf -> null */
void json_kv_bool(buf *b, const char *key, int val);
/* A comma before an array element unless it is the first. */
void json_sep(buf *b);

#endif
