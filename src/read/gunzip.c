/* gunzip.c: inflates gzip data held in memory, member after member (Common Crawl
 * writes one gzip member per WARC record, and `cat a.gz b.gz` is valid gzip).
 * A truncated or corrupt stream is an error, but what was inflated is kept, so
 * the caller can say what went wrong. Output is capped.
 *
 * Two inflaters, one result. libdeflate inflates a whole member in one call,
 * two to three times as fast as zlib's stream, but needs room for all of it and
 * keeps nothing of a member it cannot finish. So every input goes to libdeflate
 * first, in a buffer sized from the last member's trailer (its length mod 4 GiB:
 * exact for the usual single member) or four times the input, grown when a member
 * does not fit; anything else than a clean run over whole members within the cap
 * (corrupt or truncated data, the cap passed) is inflated again by zlib's stream,
 * which keeps what it could inflate and says why it stopped. */
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "read/read.h"

int read_is_gzip(const void *data, size_t len) {
    const unsigned char *p = data;
    return len >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

/* The fast path: 1 and the output when the whole input is inflated cleanly,
 * member after member, within max bytes; 0 (nothing kept) for zlib to do it
 * again and say what went wrong; -1 when out of memory. */
static int inflate_whole(const unsigned char *in, size_t len, size_t max, char **out, size_t *out_len) {
    if (len < 18) return 0; /* not even one whole member */
    size_t isize =
        (size_t)in[len - 4] | (size_t)in[len - 3] << 8 | (size_t)in[len - 2] << 16 | (size_t)in[len - 1] << 24;
    size_t cap = isize > len * 4 ? isize : len * 4;
    if (cap > len * 1032) cap = len * 1032; /* deflate's largest ratio: a trailer of garbage asks no more */
    if (cap > max) cap = max;
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    char *o = d ? malloc(cap + 1) : NULL;
    if (!o) {
        libdeflate_free_decompressor(d);
        return -1;
    }
    size_t n = 0, pos = 0;
    int rc = 1;
    while (pos < len) {
        size_t used_in = 0, used_out = 0;
        enum libdeflate_result r =
            libdeflate_gzip_decompress_ex(d, in + pos, len - pos, o + n, cap - n, &used_in, &used_out);
        if (r == LIBDEFLATE_INSUFFICIENT_SPACE && cap < max) { /* grow, and inflate the member again */
            size_t ncap = cap * 2 < max ? cap * 2 : max;
            char *no = realloc(o, ncap + 1);
            if (!no) {
                rc = -1;
                break;
            }
            o = no;
            cap = ncap;
            continue;
        }
        if (r != LIBDEFLATE_SUCCESS) {
            rc = 0;
            break;
        }
        n += used_out;
        pos += used_in;
        while (pos < len && in[pos] == 0) pos++;                    /* zero padding some writers leave */
        if (pos < len && !read_is_gzip(in + pos, len - pos)) break; /* trailing garbage: ignored */
    }
    libdeflate_free_decompressor(d);
    if (rc != 1) {
        free(o);
        return rc;
    }
    o[n] = 0;
    *out = o;
    *out_len = n;
    return 1;
}

recoupe_status read_gunzip(const unsigned char *in, size_t len, size_t max, char **out, size_t *out_len) {
    *out = NULL;
    *out_len = 0;
    int fast = inflate_whole(in, len, max, out, out_len);
    if (fast == 1) return RECOUPE_OK;
    if (fast < 0) return RECOUPE_ERR_NOMEM;
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

size_t read_gunzip_prefix(const unsigned char *in, size_t len, char *out, size_t cap) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (!cap || inflateInit2(&z, 15 + 16) != Z_OK) return 0;
    z.next_in = (unsigned char *)in;
    z.avail_in = (uInt)(len > 0x40000000u ? 0x40000000u : len);
    z.next_out = (unsigned char *)out;
    z.avail_out = (uInt)(cap - 1);
    (void)inflate(&z, Z_SYNC_FLUSH);
    size_t n = cap - 1 - z.avail_out;
    out[n] = 0;
    inflateEnd(&z);
    return n;
}
