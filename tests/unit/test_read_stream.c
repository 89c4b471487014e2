/* test_read_stream.c: JSON Lines read as a stream (src/read/stream.c) give
 * what read_jsonl gives on the whole buffer: the same records (id, line, title,
 * body), the same errors with the same line numbers, whatever the first bytes
 * handed over and however the rest arrives; also with lines over the limit, blank
 * ones, CRLF, a BOM, no final newline, and a first record spread over lines (a
 * pretty-printed document, read whole), and with reads as short as one byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "read/read.h"
#include "recoupe.h"

static int warc_mode; /* the stream reads WARC, and the reference is read_warc */

typedef struct logbuf {
    char *p;
    size_t n, cap;
    size_t records;
} logbuf;

static void logf_(logbuf *l, const char *fmt, ...) {
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0) return;
    if ((size_t)k >= sizeof tmp) k = (int)sizeof tmp - 1;
    if (l->n + (size_t)k + 1 > l->cap) {
        l->cap = (l->n + (size_t)k + 1) * 2;
        l->p = realloc(l->p, l->cap);
        assert_non_null(l->p);
    }
    memcpy(l->p + l->n, tmp, (size_t)k + 1);
    l->n += (size_t)k;
}

static void on_record(void *ctx, recoupe_article *a) {
    logbuf *l = ctx;
    l->records++;
    logf_(l, "R %s %ld %s %zu %.40s\n", a->id ? a->id : "-", a->line, a->title ? a->title : "-", a->body_len,
          a->body ? a->body : "-");
    recoupe_article_free(a);
}

static void on_error(void *ctx, long line, const char *msg) {
    logf_(ctx, "E %ld %s\n", line, msg);
}

/* the stream over content, the first `first` bytes handed over, the rest from a pipe */
static void stream_log_gz(const char *content, size_t len, size_t first, size_t max, size_t read_size, int gz,
                          logbuf *out) {
    char path[] = "/tmp/recoupe-stream-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    if (first > len) first = len;
    assert_int_equal(write(fd, content + first, len - first), (ssize_t)(len - first));
    assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
    char *data = malloc(first + 1);
    memcpy(data, content, first);
    data[first] = 0;
    read_stream *s =
        read_stream_new("t.jsonl", fd, 1, data, first, first, gz, warc_mode, max, on_record, on_error, out);
    assert_non_null(s);
    read_stream_read_size(s, read_size);
    uint64_t total = first;
    for (;;) {
        uint64_t bytes = 0;
        int err_no = 0;
        int rc = read_stream_next(s, &out->records, &bytes, &err_no);
        total += bytes;
        if (rc == -2) logf_(out, "CORRUPT\n");
        assert_true(rc >= 0 || rc == -2);
        if (rc <= 0) break;
        out->records = 0; /* a batch handed out */
    }
    if (gz)
        assert_true(total <= len); /* trailing garbage after the last member need not be read */
    else
        assert_int_equal(total, len);
    read_stream_free(s);
}

static void stream_log(const char *content, size_t len, size_t first, size_t max, size_t read_size, logbuf *out) {
    stream_log_gz(content, len, first, max, read_size, 0, out);
}

static void same_as_whole(const char *content, size_t len, size_t max) {
    logbuf whole = {0};
    read_jsonl("t.jsonl", content, len, max, on_record, on_error, &whole);
    static const size_t firsts[] = {0, 1, 3, 7, 64, 1000, 1u << 20}, reads[] = {1, 5, 64, 4096, 1u << 20};
    for (size_t i = 0; i < sizeof firsts / sizeof *firsts * 5; i++) {
        logbuf st = {0};
        stream_log(content, len, firsts[i / 5], max, reads[i % 5], &st);
        if (!whole.p) {
            assert_null(st.p);
        } else {
            assert_non_null(st.p);
            assert_string_equal(st.p, whole.p);
        }
        free(st.p);
    }
    free(whole.p);
}

#define SAME(s, max) same_as_whole(s, sizeof(s) - 1, max)

static void stream_lines_like_whole(void **state) {
    (void)state;
    SAME("{\"id\":\"a\",\"title\":\"A\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n", 1000);
    SAME("\xEF\xBB\xBF{\"title\":\"bom\",\"text\":\"x\"}\r\n\r\n   \n{\"text\":\"no newline at the end\"}", 1000);
    SAME("{\"text\":\"ok\"}\n{\"text\": bad}\n[1,2]\n{\"title\":\"no text\"}\n{\"text\":\"after\"}\n", 1000);
    SAME("", 1000);
    SAME("\n\n\n", 1000);
}

static void stream_long_lines_like_whole(void **state) {
    (void)state;
    char s[4096];
    size_t n = 0;
    n += (size_t)sprintf(s + n, "{\"text\":\"short\"}\n{\"text\":\"");
    memset(s + n, 'x', 300), n += 300;
    n += (size_t)sprintf(s + n, "\"}\n");
    memset(s + n, ' ', 250), n += 250; /* a blank line over the limit: skipped quietly */
    s[n++] = '\n';
    n += (size_t)sprintf(s + n, "{\"text\":\"between\"}\n{\"text\":\"");
    memset(s + n, 'y', 500), n += 500; /* over the limit, and the last line, without a newline */
    n += (size_t)sprintf(s + n, "\"}");
    s[n] = 0;
    same_as_whole(s, n, 200);
}

static void stream_documents_like_whole(void **state) {
    (void)state;
    SAME("{\n  \"title\": \"pretty\",\n  \"text\": \"printed\"\n}\n", 1000);
    SAME("[\n {\"text\": \"first\"},\n {\"text\": \"second\"}\n]\n", 1000);
    SAME("{\"text\": \n\"not one document\"\n{\"text\":\"next\"}\n", 1000); /* reported as lines */
}

static void stream_many_records_like_whole(void **state) {
    (void)state;
    size_t cap = 3000 * 80, n = 0;
    char *s = malloc(cap);
    for (int i = 0; i < 3000; i++) {
        if (i == 1234)
            n += (size_t)sprintf(s + n, "{\"text\": oops}\n");
        else
            n += (size_t)sprintf(s + n, "{\"id\":%d,\"title\":\"t%d\",\"text\":\"body %d\"}\n", i, i, i * 7);
    }
    same_as_whole(s, n, 1000);
    free(s);
}

/* gzip members of the parts of content, one after the other, into out (returns its length) */
static size_t gz_members(const char *content, size_t len, size_t parts, unsigned char *out, size_t cap) {
    size_t n = 0;
    for (size_t p = 0; p < parts; p++) {
        size_t a = len * p / parts, b = len * (p + 1) / parts;
        z_stream z;
        memset(&z, 0, sizeof z);
        assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
        z.next_in = (unsigned char *)content + a;
        z.avail_in = (uInt)(b - a);
        z.next_out = out + n;
        z.avail_out = (uInt)(cap - n);
        assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
        n += z.total_out;
        deflateEnd(&z);
    }
    return n;
}

/* a log cut after its last record line */
static void cut_after_records(char *log) {
    char *last = NULL;
    for (char *p = log; (p = strstr(p, "R ")); p++)
        if (p == log || p[-1] == '\n') last = p;
    if (last) {
        char *nl = strchr(last, '\n');
        if (nl) nl[1] = 0;
    }
}

/* gzip JSON Lines inflated on the way give what read_jsonl gives on what
 * read_gunzip inflates: one member, three members (with zero padding and trailing
 * garbage after them), and data cut short (the records before the cut, then the
 * end said) */
static void stream_gzip_like_whole(void **state) {
    (void)state;
    size_t cap = 4000 * 60, n = 0;
    char *s = malloc(cap);
    for (int i = 0; i < 4000; i++) n += (size_t)sprintf(s + n, "{\"id\":%d,\"text\":\"body %d\"}\n", i, i * 7);
    unsigned char *gz = malloc(cap + 4096);
    for (int variant = 0; variant < 3; variant++) {
        size_t m = gz_members(s, n, variant == 1 ? 3 : 1, gz, cap + 4096);
        if (variant == 1) {
            memset(gz + m, 0, 7), m += 7; /* zero padding, then garbage: ignored */
            memcpy(gz + m, "junk", 4), m += 4;
        }
        if (variant == 2) m = m * 2 / 3; /* cut short */
        char *plain = NULL;
        size_t plain_len = 0;
        recoupe_status st = read_gunzip(gz, m, (size_t)1 << 30, &plain, &plain_len);
        assert_int_equal(st, variant == 2 ? RECOUPE_ERR_FORMAT : RECOUPE_OK);
        logbuf whole = {0};
        read_jsonl("t.jsonl", plain, plain_len, 1000, on_record, on_error, &whole);
        if (variant == 2) logf_(&whole, "CORRUPT\n");
        free(plain);
        static const size_t reads[] = {1, 7, 4096, 1u << 20};
        for (size_t r = 0; r < 4; r++) {
            logbuf st_log = {0};
            stream_log_gz((const char *)gz, m, r == 3 ? m : 10, 1000, reads[r], 1, &st_log);
            if (variant == 2) { /* the cut line itself may inflate a few bytes more or less: the records must agree */
                assert_non_null(strstr(st_log.p, "CORRUPT\n")); /* and the end is said */
                cut_after_records(st_log.p);
                cut_after_records(whole.p);
            }
            assert_string_equal(st_log.p, whole.p);
            free(st_log.p);
        }
        free(whole.p);
    }
    free(gz);
    free(s);
}

/* WARC: the stream gives what read_warc gives on the whole buffer */
static void same_as_whole_warc(const char *content, size_t len, size_t max) {
    logbuf whole = {0};
    read_warc("t.jsonl", content, len, max, on_record, on_error, &whole);
    warc_mode = 1;
    static const size_t firsts[] = {0, 1, 9, 300, 1u << 20}, reads[] = {1, 5, 64, 1u << 20};
    for (size_t i = 0; i < 5 * 4; i++) {
        logbuf st = {0};
        stream_log(content, len, firsts[i / 4], max, reads[i % 4], &st);
        if (!whole.p)
            assert_null(st.p);
        else {
            assert_non_null(st.p);
            assert_string_equal(st.p, whole.p);
        }
        free(st.p);
    }
    warc_mode = 0;
    free(whole.p);
}

static size_t warc_record(char *out, const char *type, const char *uri, const char *block, const char *cl) {
    char len[32];
    snprintf(len, sizeof len, "%zu", strlen(block));
    return (size_t)sprintf(out,
                           "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Record-ID: <%s>\r\n"
                           "Content-Length: %s\r\n\r\n%s\r\n\r\n",
                           type, uri, uri, cl ? cl : len, block);
}

static void stream_warc_like_whole(void **state) {
    (void)state;
    static const char html[] =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>page</p></body></html>";
    static const char png[] = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG....";
    char *w = malloc(1 << 20);
    size_t n = 0;
    n += warc_record(w + n, "warcinfo", "info", "software: test", NULL);
    for (int i = 0; i < 40; i++) {
        char uri[64];
        snprintf(uri, sizeof uri, "https://example.org/%d", i);
        n += warc_record(w + n, "request", uri, "GET / HTTP/1.1\r\n\r\n", NULL);
        n += warc_record(w + n, "response", uri, i % 7 == 3 ? png : html, NULL);
        if (i == 10) n += (size_t)sprintf(w + n, "garbage between records\nmore garbage\n");
        if (i == 20) n += warc_record(w + n, "response", "https://example.org/nocl", html, "x");
        if (i == 30) { /* over the limit of 200 bytes */
            char big[400];
            memset(big, 'a', sizeof big - 1);
            big[sizeof big - 1] = 0;
            memcpy(big, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", 44);
            n += warc_record(w + n, "response", "https://example.org/big", big, NULL);
        }
    }
    same_as_whole_warc(w, n, 200);
    /* a last record whose Content-Length runs past the end of the file */
    n += warc_record(w + n, "response", "https://example.org/cut", html, "9999");
    same_as_whole_warc(w, n, 200);
    /* a file ending in a few bytes of a header */
    memcpy(w + n, "WARC/", 5);
    same_as_whole_warc(w, n + 5, 200);
    free(w);
    static const char *const fixtures[] = {"tests/fixtures/read/crawl.warc", "tests/fixtures/read/broken.warc"};
    for (size_t i = 0; i < 2; i++) {
        FILE *f = fopen(fixtures[i], "rb");
        if (!f) continue; /* run from elsewhere than the root */
        char buf[65536];
        size_t k = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[k] = 0;
        same_as_whole_warc(buf, k, 1u << 20);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stream_lines_like_whole),     cmocka_unit_test(stream_long_lines_like_whole),
        cmocka_unit_test(stream_documents_like_whole), cmocka_unit_test(stream_many_records_like_whole),
        cmocka_unit_test(stream_gzip_like_whole),      cmocka_unit_test(stream_warc_like_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
