/* warc.c: WARC 1.0/1.1 input (ISO 28500). Each `response` record whose HTTP
 * payload is HTML becomes an article, with WARC-Target-URI as its url, WARC-Date
 * as its fetch date and the HTTP Content-Type kept for the decoder's charset. Other
 * records (request, metadata, warcinfo, non-HTML responses) are passed over
 * silently. A broken record (bad header, Content-Length past the end) is reported
 * with its record number and the parser resynchronises on the next "WARC/1." line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"

/* The value of header `name` in hdr[0..n) (lines "Name: value"), or NULL. */
static char *header(const char *hdr, size_t n, const char *name) {
    size_t k = strlen(name);
    const char *p = hdr, *end = hdr + n;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        if ((size_t)(eol - p) > k && strncasecmp(p, name, k) == 0 && p[k] == ':') {
            const char *v = p + k + 1;
            while (v < eol && (*v == ' ' || *v == '\t')) v++;
            const char *ve = eol;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ')) ve--;
            return read_strdup_n(v, (size_t)(ve - v));
        }
        p = eol + 1;
    }
    return NULL;
}

/* End of a header block (the blank line), or NULL. */
static const char *header_end(const char *p, size_t n, size_t *hdr_len) {
    for (size_t i = 0; i + 1 < n; i++) {
        if (p[i] == '\n' && (p[i + 1] == '\n' || (p[i + 1] == '\r' && i + 2 < n && p[i + 2] == '\n'))) {
            *hdr_len = i + 1;
            return p + i + (p[i + 1] == '\n' ? 2 : 3);
        }
    }
    return NULL;
}

static const char *next_record(const char *p, const char *end) {
    while (p < end) {
        const char *hit = memmem(p, (size_t)(end - p), "WARC/1.", 7);
        if (!hit) return end;
        if (hit == p || hit[-1] == '\n') return hit;
        p = hit + 1;
    }
    return end;
}

/* The HTTP response inside a record: headers parsed, payload handed out. */
static void http_response(recoupe_article *a, const char *blk, size_t n, int *is_html) {
    *is_html = 0;
    size_t hl = 0;
    const char *body = header_end(blk, n, &hl);
    if (!body || strncmp(blk, "HTTP/", 5) != 0) return;
    char *ct = header(blk, hl, "Content-Type");
    if (!ct) return;
    if (strncasecmp(ct, "text/html", 9) != 0 && strncasecmp(ct, "application/xhtml", 17) != 0) {
        free(ct);
        return;
    }
    *is_html = 1;
    a->content_type = ct;
    a->body_len = n - (size_t)(body - blk);
    a->body = read_strdup_n(body, a->body_len);
}

size_t read_warc_some(const char *file, const char *data, size_t len, int at_eof, size_t max_bytes, long *record,
                      size_t *emitted, size_t budget, read_emit_fn emit, read_err_fn err, void *ctx) {
    const char *p = data, *end = data + len;
    while (p < end && !(budget && *emitted >= budget)) {
        const char *start = p; /* where to go on from when the record's bytes are not all held */
        while (p < end && (*p == '\r' || *p == '\n')) p++;
        if (p >= end) break;
        char msg[160];
        const char *fail = NULL;
        size_t hl = 0;
        const char *block = NULL;
        unsigned long long clen = 0;
        if (end - p < 8 || memcmp(p, "WARC/1.", 7) != 0) {
            if (end - p < 8 && !at_eof) return (size_t)(start - data);
            fail = "not a WARC record header";
        } else {
            block = header_end(p, (size_t)(end - p), &hl);
            char *cl = block ? header(p, hl, "Content-Length") : NULL;
            char *endp = NULL;
            clen = cl ? strtoull(cl, &endp, 10) : 0;
            int known = block && cl && endp != cl;
            free(cl);
            if (!at_eof && (!block || (known && clen > (unsigned long long)(end - block))))
                return (size_t)(start - data); /* the header's end or the block is still to come */
            if (!block || !known || clen > (unsigned long long)(end - block))
                fail = !block   ? "unterminated record header"
                       : !known ? "no Content-Length"
                                : "Content-Length runs past the end of the file";
        }
        if (fail) { /* resynchronise on the next "WARC/1." line, which may be still to come */
            const char *next = next_record(p + 1, end);
            if (next == end && !at_eof) return (size_t)(start - data);
            (*record)++;
            err(ctx, *record, fail);
            p = next;
            continue;
        }
        (*record)++;
        const char *next = block + clen;
        char *type = header(p, hl, "WARC-Type");
        if (type && strcmp(type, "response") == 0) {
            if (clen > max_bytes) {
                snprintf(msg, sizeof msg, "record of %llu bytes is over the limit of %zu", clen, max_bytes);
                err(ctx, *record, msg);
            } else {
                recoupe_article *a = recoupe_article_new();
                if (!a) {
                    free(type);
                    err(ctx, *record, "out of memory");
                    return len;
                }
                int is_html = 0;
                http_response(a, block, (size_t)clen, &is_html);
                if (is_html && (!a->body || !(a->file = strdup(file)))) { /* out of memory: no half record */
                    recoupe_article_free(a);
                    free(type);
                    err(ctx, *record, "out of memory");
                    return len;
                }
                if (is_html) {
                    a->format = "warc";
                    a->line = *record;
                    a->bytes = a->body_len;
                    a->is_html = 1;
                    a->url = header(p, hl, "WARC-Target-URI");
                    a->fetched = header(p, hl, "WARC-Date");
                    a->id = header(p, hl, "WARC-Record-ID");
                    emit(ctx, a);
                } else {
                    recoupe_article_free(a);
                }
            }
        }
        free(type);
        p = next;
    }
    return (size_t)(p - data);
}

void read_warc(const char *file, const char *data, size_t len, size_t max_bytes, read_emit_fn emit, read_err_fn err,
               void *ctx) {
    long record = 0;
    size_t emitted = 0;
    (void)read_warc_some(file, data, len, 1, max_bytes, &record, &emitted, 0, emit, err, ctx);
}
