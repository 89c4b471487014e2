/* buf.h: a growable byte buffer with a size cap (in the spirit of curl's dynbuf).
 *
 * Every buffer that grows from untrusted input (HTTP bodies, hostile pages) has a
 * maximum; appending past it fails with -1 and leaves the buffer as it was.
 * The content is always NUL-terminated once anything was appended. */
#ifndef RECOUPE_UTIL_BUF_H
#define RECOUPE_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *p;    /* the bytes, NUL-terminated; NULL while empty */
    size_t len; /* bytes used, without the NUL */
    size_t cap; /* bytes allocated */
    size_t max; /* the cap: len never exceeds it (0 means SIZE_MAX/2) */
    int err;    /* sticky: once an append failed, every later one fails too */
} buf;

#define BUF_INIT                                                                                                       \
    { NULL, 0, 0, 0, 0 }

void buf_init(buf *b, size_t max);
/* All append functions return 0, or -1 when out of memory or over the cap; after a
 * failure the buffer refuses every append (err is set), so a writer may check once
 * at the end instead of after each call. */
int buf_append(buf *b, const void *data, size_t len);
int buf_puts(buf *b, const char *s);
int buf_putc(buf *b, char c);
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(buf *b, const char *fmt, va_list ap);
int buf_reserve(buf *b, size_t extra);
void buf_reset(buf *b);   /* len = 0, keeps the memory */
char *buf_detach(buf *b); /* the caller owns the string (never NULL unless OOM); b is empty after */
void buf_free(buf *b);
/* A "" when nothing was appended, so that b->p can be read as a C string. */
const char *buf_str(const buf *b);

#endif
