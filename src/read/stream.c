/* stream.c: JSON Lines and WARC read as a stream, so that memory does not grow
 * with the input: a container larger than one chunk, from a file or standard
 * input, is read a chunk at a time and handed out a batch of records at a time,
 * instead of the whole file loaded and every record queued at once (twice the
 * file's size, and a cap of 4 GiB). JSON Lines go through read_jsonl_line and
 * WARC through read_warc_some, as the whole-buffer readers do, so the records,
 * their line or record numbers and the messages are the same.
 *
 * The buffer holds the unparsed tail of what was read. For JSON Lines, until the
 * first record is seen it is never shifted, so that a first record spread over
 * lines (a pretty-printed .json document) can still be read whole by read_jsonl,
 * as before; a line longer than the limit is not kept: its bytes are counted as
 * they pass, then it is reported as over the limit (or skipped when it was blank).
 * A WARC record is parsed once all its bytes are held (memory grows with the
 * largest record, not the file); a broken one waits for the next record's header
 * to be held, to resynchronise on it as read_warc does.
 *
 * Gzip-compressed input is inflated as it is read (zlib's stream, member after
 * member, zero padding and trailing garbage skipped, as read_gunzip does); a
 * corrupt or truncated member ends the stream after the records before it, and
 * says so. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "read/read.h"

#define CHUNK ((size_t)1 << 20)

struct read_stream {
    int fd, close_fd;
    char *buf;
    size_t len, cap, pos; /* bytes held, room, first unparsed byte */
    long line;            /* lines parsed */
    int eof;
    int bom_done;     /* a byte order mark at the start was looked for */
    size_t skip;      /* > 0: inside a line too long to keep, this many bytes of it seen */
    int skip_blank;   /* ... all of them blank so far */
    size_t max_total; /* the most a first record's document may hold (read_jsonl on the whole) */
    size_t read_size; /* bytes asked of one read() (CHUNK; the tests ask less, to split lines) */
    read_jsonl_state st;
    int warc;           /* WARC records, else JSON Lines */
    long record;        /* WARC records parsed */
    z_stream *z;        /* gzip input: the inflater, NULL for plain input */
    unsigned char *zin; /* compressed bytes read and not yet inflated: zin[zpos..zlen) */
    size_t zpos, zlen;
    int zeof;    /* the compressed input is at its end */
    int corrupt; /* the gzip data ended badly */
};

read_stream *read_stream_new(const char *file, int fd, int close_fd, char *data, size_t len, size_t cap, int gz,
                             int warc, size_t max_bytes, read_emit_fn emit, read_err_fn err, void *ctx) {
    read_stream *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->warc = warc;
    s->fd = fd;
    s->close_fd = close_fd;
    if (gz) { /* data is compressed: it is the inflater's first input */
        s->z = calloc(1, sizeof *s->z);
        s->buf = malloc(CHUNK + 1);
        if (!s->z || !s->buf || inflateInit2(s->z, 15 + 16) != Z_OK) {
            free(s->z);
            free(s->buf);
            free(s);
            return NULL;
        }
        s->cap = CHUNK;
        s->zin = (unsigned char *)data;
        s->zlen = len;
        s->buf[0] = 0;
    } else {
        s->buf = data;
        s->len = len;
        s->cap = cap;
    }
    s->max_total = READ_CONTAINER_MAX;
    s->read_size = CHUNK;
    read_jsonl_start(&s->st, file, max_bytes, emit, err, ctx);
    return s;
}

void read_stream_read_size(read_stream *s, size_t n) {
    s->read_size = n ? n : 1;
}

void read_stream_free(read_stream *s) {
    if (!s) return;
    if (s->close_fd) close(s->fd);
    read_jsonl_finish(&s->st);
    if (s->z) inflateEnd(s->z);
    free(s->z);
    free(s->zin);
    free(s->buf);
    free(s);
}

/* One read() of up to want bytes onto dst[*len] (*len grows; *eof at the end;
 * *bytes counts them): 0, or -1 with errno in *err_no. */
static int read_some(read_stream *s, unsigned char *dst, size_t *len, size_t want, int *eof, uint64_t *bytes,
                     int *err_no) {
    for (;;) {
        ssize_t k = read(s->fd, dst + *len, want);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            *err_no = errno;
            return -1;
        }
        if (k == 0) *eof = 1;
        *len += (size_t)k;
        *bytes += (uint64_t)k;
        return 0;
    }
}

/* Reads more compressed input, after what is left of it: 0, or -1 (as fill). */
static int read_compressed(read_stream *s, uint64_t *bytes, int *err_no) {
    if (s->zpos) {
        memmove(s->zin, s->zin + s->zpos, s->zlen - s->zpos);
        s->zlen -= s->zpos;
        s->zpos = 0;
    }
    unsigned char *p = realloc(s->zin, s->zlen + CHUNK);
    if (!p) {
        *err_no = 0;
        return -1;
    }
    s->zin = p;
    return read_some(s, s->zin, &s->zlen, CHUNK < s->read_size ? CHUNK : s->read_size, &s->zeof, bytes, err_no);
}

/* Inflates up to want more bytes into the buffer (at least one, or the end): a
 * member's end is followed by zero padding, another member, or garbage (ignored). */
static int inflate_some(read_stream *s, size_t want, uint64_t *bytes, int *err_no) {
    size_t before = s->len;
    while (s->len == before && !s->eof) {
        if (s->zpos == s->zlen) {
            if (s->zeof) { /* the input ended inside a member */
                s->corrupt = 1;
                s->eof = 1;
                break;
            }
            if (read_compressed(s, bytes, err_no) != 0) return -1;
            continue;
        }
        s->z->next_in = s->zin + s->zpos;
        s->z->avail_in = (uInt)(s->zlen - s->zpos > 0x40000000u ? 0x40000000u : s->zlen - s->zpos);
        s->z->next_out = (unsigned char *)s->buf + s->len;
        s->z->avail_out = (uInt)want;
        int r = inflate(s->z, Z_NO_FLUSH);
        s->len += want - s->z->avail_out;
        s->zpos = (size_t)(s->z->next_in - s->zin);
        if (r == Z_STREAM_END) { /* the member's end: what follows? */
            for (;;) {
                while (s->zpos < s->zlen && s->zin[s->zpos] == 0) s->zpos++;
                if (s->zlen - s->zpos >= 2 || s->zeof) break;
                if (read_compressed(s, bytes, err_no) != 0) return -1;
            }
            if (s->zpos == s->zlen || !read_is_gzip(s->zin + s->zpos, s->zlen - s->zpos))
                s->eof = 1; /* the end, or trailing garbage */
            else if (inflateReset(s->z) != Z_OK)
                s->corrupt = s->eof = 1;
        } else if (r != Z_OK && r != Z_BUF_ERROR) {
            s->corrupt = 1;
            s->eof = 1;
        }
    }
    s->buf[s->len] = 0;
    return 0;
}

/* Reads more into the buffer (shifting out what was parsed, once a record was
 * seen, and growing it when a line fills it). 0, or -1 on a read error (errno in
 * *err_no) or out of memory (*err_no 0). */
static int fill(read_stream *s, uint64_t *bytes, int *err_no) {
    if (s->pos && (s->warc || !s->st.first)) {
        memmove(s->buf, s->buf + s->pos, s->len - s->pos);
        s->len -= s->pos;
        s->pos = 0;
    }
    if (s->cap - s->len < CHUNK / 2) {
        size_t ncap = s->cap * 2 > s->len + CHUNK ? s->cap * 2 : s->len + CHUNK;
        char *p = realloc(s->buf, ncap + 1);
        if (!p) {
            *err_no = 0;
            return -1;
        }
        s->buf = p;
        s->cap = ncap;
    }
    size_t want = s->cap - s->len < s->read_size ? s->cap - s->len : s->read_size;
    if (s->z) return inflate_some(s, want, bytes, err_no);
    if (read_some(s, (unsigned char *)s->buf, &s->len, want, &s->eof, bytes, err_no) != 0) return -1;
    s->buf[s->len] = 0;
    return 0;
}

/* The first record did not parse alone: the whole input, read to its end, goes to
 * read_jsonl, which tries it as one JSON document and else reads it as lines (as
 * it would have from the start: nothing was shifted out or emitted yet). */
static int whole(read_stream *s, uint64_t *bytes, int *err_no) {
    while (!s->eof) {
        if (s->len > s->max_total) break; /* read_jsonl then reports what it can */
        if (fill(s, bytes, err_no) != 0) return -1;
    }
    read_jsonl(s->st.file, s->buf, s->len, s->st.max_bytes, s->st.emit, s->st.err, s->st.ctx);
    return s->corrupt ? -2 : 0;
}

/* WARC: the records wholly held, then more bytes, until a batch or the end */
static int warc_next(read_stream *s, size_t *emitted, uint64_t *bytes, int *err_no) {
    for (;;) {
        s->pos += read_warc_some(s->st.file, s->buf + s->pos, s->len - s->pos, s->eof, s->st.max_bytes, &s->record,
                                 emitted, 256, s->st.emit, s->st.err, s->st.ctx);
        if (*emitted >= 256) return 1;
        if (s->eof) return s->corrupt ? -2 : 0;
        if (fill(s, bytes, err_no) != 0) return -1;
    }
}

/* whether p[0..n) keeps a run blank (spaces, tabs, CRs) that was blank so far */
static int still_blank(const char *p, size_t n, int blank) {
    for (size_t i = 0; i < n && blank; i++) blank = p[i] == ' ' || p[i] == '\t' || p[i] == '\r';
    return blank;
}

/* JSON Lines: the complete lines held, then more bytes, until a batch or the end */
static int jsonl_next(read_stream *s, size_t *emitted, uint64_t *bytes, int *err_no) {
    for (;;) {
        if (!s->bom_done && (s->len >= 3 || s->eof)) { /* a byte order mark, once its bytes are in */
            if (s->len >= 3 && memcmp(s->buf, "\xEF\xBB\xBF", 3) == 0) s->pos = 3;
            s->bom_done = 1;
        }
        /* the complete lines held */
        while (s->bom_done && s->pos < s->len) {
            char *start = s->buf + s->pos, *nl = memchr(start, '\n', s->len - s->pos);
            if (s->skip) { /* the rest of a line too long to keep */
                size_t n = nl ? (size_t)(nl - start) : s->len - s->pos;
                s->skip_blank = still_blank(start, n, s->skip_blank);
                s->skip += n;
                s->pos += n;
                if (!nl) break;
                s->pos++;
                s->line++;
                if (!s->skip_blank && read_jsonl_line(&s->st, NULL, s->skip, s->line, 0) == READ_JSONL_STOP) return 0;
                s->skip = 0;
                continue;
            }
            if (!nl) {
                if (s->len - s->pos > (s->st.first ? s->max_total : s->st.max_bytes)) { /* too long to keep */
                    s->skip_blank = still_blank(start, s->len - s->pos, 1);
                    s->skip = s->len - s->pos;
                    s->pos = s->len;
                }
                break;
            }
            size_t n = (size_t)(nl - start);
            /* whether bytes follow the line: known once one more is held, or at the end */
            if (s->st.first && s->pos + n + 1 == s->len && !s->eof) break;
            s->pos += n + 1;
            s->line++;
            int rc = read_jsonl_line(&s->st, start, n, s->line, s->pos < s->len);
            if (rc == READ_JSONL_DOCUMENT) return whole(s, bytes, err_no);
            if (rc == READ_JSONL_STOP) return 0;
            if (*emitted >= 256) return 1; /* a batch: the caller hands these out first */
        }
        if (s->eof) {
            if (s->skip) { /* a last line too long to keep, without a newline */
                s->line++;
                if (!s->skip_blank) (void)read_jsonl_line(&s->st, NULL, s->skip, s->line, 0);
            } else if (s->pos < s->len) { /* a last line without a newline */
                s->line++;
                char *start = s->buf + s->pos;
                size_t n = s->len - s->pos;
                s->pos = s->len;
                (void)read_jsonl_line(&s->st, start, n, s->line, 0);
            }
            return s->corrupt ? -2 : 0;
        }
        if (fill(s, bytes, err_no) != 0) return -1;
    }
}

int read_stream_next(read_stream *s, size_t *emitted, uint64_t *bytes, int *err_no) {
    *bytes = 0;
    return s->warc ? warc_next(s, emitted, bytes, err_no) : jsonl_next(s, emitted, bytes, err_no);
}
