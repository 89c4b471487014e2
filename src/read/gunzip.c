/* gunzip.c: inflates gzip data held in memory, member after member (Common Crawl
 * writes one gzip member per WARC record, and `cat a.gz b.gz` is valid gzip).
 * A truncated or corrupt stream is an error, but what was inflated is kept, so
 * the caller can say what went wrong. Output is capped. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "read/read.h"

int read_is_gzip(const void *data, size_t len) {
    const unsigned char *p = data;
    return len >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

recoupe_status read_gunzip(const unsigned char *in, size_t len, size_t max, char **out, size_t *out_len) {
    z_stream z;
    memset(&z, 0, sizeof z);
    *out = NULL;
    *out_len = 0;
    if (inflateInit2(&z, 15 + 16) != Z_OK) return RECOUPE_ERR_NOMEM;
    size_t cap = len * 4 + 1024, n = 0;
    if (cap > max + 1) cap = max + 1;
    char *o = malloc(cap + 1);
    if (!o) {
        inflateEnd(&z);
        return RECOUPE_ERR_NOMEM;
    }
    recoupe_status st = RECOUPE_OK;
    size_t pos = 0;
    while (pos < len) {
        z.next_in = (unsigned char *)in + pos;
        z.avail_in = (uInt)((len - pos) > 0x40000000u ? 0x40000000u : (len - pos));
        int done_member = 0;
        for (;;) {
            if (n == cap) {
                if (cap > max) {
                    st = RECOUPE_ERR_TOO_BIG;
                    goto out;
                }
                size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
                char *no = realloc(o, ncap + 1);
                if (!no) {
                    st = RECOUPE_ERR_NOMEM;
                    goto out;
                }
                o = no;
                cap = ncap;
            }
            z.next_out = (unsigned char *)o + n;
            z.avail_out = (uInt)((cap - n) > 0x40000000u ? 0x40000000u : (cap - n));
            size_t before_out = z.avail_out;
            size_t before_in = z.avail_in;
            int r = inflate(&z, Z_NO_FLUSH);
            n += before_out - z.avail_out;
            if (r == Z_STREAM_END) {
                done_member = 1;
                break;
            }
            if (r == Z_BUF_ERROR && z.avail_in == 0) break; /* input ran out mid-member */
            if (r != Z_OK && r != Z_BUF_ERROR) {
                st = RECOUPE_ERR_FORMAT;
                goto out;
            }
            if (z.avail_in == 0 && before_in == 0 && z.avail_out) break;
            if (n > max) {
                st = RECOUPE_ERR_TOO_BIG;
                goto out;
            }
        }
        pos = (size_t)(z.next_in - in);
        if (!done_member) {
            st = RECOUPE_ERR_FORMAT; /* truncated */
            break;
        }
        if (n > max) {
            st = RECOUPE_ERR_TOO_BIG;
            break;
        }
        /* another member? skip zero padding some writers leave */
        while (pos < len && in[pos] == 0) pos++;
        if (pos < len) {
            if (!read_is_gzip(in + pos, len - pos)) break; /* trailing garbage: ignore */
            inflateReset(&z);
        }
    }
out:
    inflateEnd(&z);
    if (n > max) n = max;
    o[n] = 0;
    *out = o;
    *out_len = n;
    return st;
}
