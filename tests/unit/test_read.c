/* test_read.c: sniffing, gunzip, charset decoding, JSON Lines, WARC, in-memory
 * articles, the article's JSON, and the pipeline's ordering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "read/read.h"
#include "recoupe.h"

static void sniff_by_content_then_extension(void **state) {
    (void)state;
    assert_int_equal(read_sniff("<!DOCTYPE html><html>", 21, "x.txt"), READ_HTML);
    assert_int_equal(read_sniff("WARC/1.0\r\n", 10, NULL), READ_WARC);
    assert_int_equal(read_sniff("{\"text\":\"a\"}\n", 13, "a.jsonl"), READ_JSONL);
    assert_int_equal(read_sniff("{\"text\":\"a\"}\n", 13, NULL), READ_JSONL);
    assert_int_equal(read_sniff("Just words.", 11, "a.html"), READ_HTML);
    assert_int_equal(read_sniff("Just words.", 11, "a.txt"), READ_TEXT);
    assert_int_equal(read_sniff("Just words.", 11, NULL), READ_TEXT);
    assert_int_equal(read_sniff(" \n\t ", 4, NULL), READ_EMPTY);
    assert_int_equal(read_sniff("ab\0cd", 5, NULL), READ_BINARY);
    assert_int_equal(read_sniff("\xEF\xBB\xBF<html><body>", 15, NULL), READ_HTML);
}

static size_t gz(const char *s, unsigned char *out, size_t cap) {
    z_stream z = {0};
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    z.next_in = (unsigned char *)s;
    z.avail_in = (uInt)strlen(s);
    z.next_out = out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    size_t n = z.total_out;
    deflateEnd(&z);
    return n;
}

static void gunzip_members_truncation_and_cap(void **state) {
    (void)state;
    unsigned char in[512];
    size_t n1 = gz("hello ", in, sizeof in);
    size_t n2 = gz("world", in + n1, sizeof in - n1);
    char *out;
    size_t len;
    assert_int_equal(read_gunzip(in, n1 + n2, 1000, &out, &len), RECOUPE_OK);
    assert_string_equal(out, "hello world");
    free(out);
    assert_int_equal(read_gunzip(in, n1 - 4, 1000, &out, &len), RECOUPE_ERR_FORMAT);
    free(out);
    assert_int_equal(read_gunzip(in, n1 + n2, 8, &out, &len), RECOUPE_ERR_TOO_BIG);
    free(out);
}

/* the paths of the two inflaters: a first member far larger than four times the
 * input and than the last member says (the buffer grows), trailing garbage
 * (ignored), a corrupt second member (what the first gave is kept, the error
 * said), an output of exactly the cap (fine) and one byte more (too big) */
static void gunzip_growth_garbage_and_corruption(void **state) {
    (void)state;
    size_t big = 200000;
    char *text = malloc(big + 1);
    assert_non_null(text);
    memset(text, 'a', big);
    text[big] = 0;
    unsigned char in[4096];
    size_t n1 = gz(text, in, sizeof in);
    size_t n2 = gz("!", in + n1, sizeof in - n1);
    assert_true(n1 * 4 < big);
    char *out;
    size_t len;
    assert_int_equal(read_gunzip(in, n1 + n2, 1 << 20, &out, &len), RECOUPE_OK);
    assert_int_equal(len, big + 1);
    assert_int_equal(out[big], '!');
    assert_int_equal(out[big + 1], 0);
    free(out);
    memcpy(in + n1 + n2, "GARBAGE!", 8);
    assert_int_equal(read_gunzip(in, n1 + n2 + 8, 1 << 20, &out, &len), RECOUPE_OK);
    assert_int_equal(len, big + 1);
    free(out);
    assert_int_equal(read_gunzip(in, n1 + n2, big + 1, &out, &len), RECOUPE_OK);
    free(out);
    assert_int_equal(read_gunzip(in, n1 + n2, big, &out, &len), RECOUPE_ERR_TOO_BIG);
    assert_int_equal(len, big);
    free(out);
    in[n1 + 12] ^= 0xFF; /* inside the second member's deflate data */
    in[n1 + 13] ^= 0xFF;
    recoupe_status st = read_gunzip(in, n1 + n2, 1 << 20, &out, &len);
    assert_int_equal(st, RECOUPE_ERR_FORMAT);
    assert_true(len >= big); /* the first member is kept */
    free(out);
    free(text);
}

static recoupe_article *decoded(const char *bytes, size_t n, int html, const char *content_type) {
    recoupe_article *a = recoupe_article_new();
    a->body = malloc(n + 1);
    memcpy(a->body, bytes, n);
    a->body[n] = 0;
    a->body_len = n;
    a->is_html = html;
    if (content_type) a->content_type = strdup(content_type);
    assert_int_equal(recoupe_article_decode(a), RECOUPE_OK);
    return a;
}

static void decode_charsets(void **state) {
    (void)state;
    recoupe_article *a = decoded("caf\xe9", 4, 0, NULL);
    assert_string_equal(a->encoding, "windows-1252");
    assert_string_equal(a->body, "café");
    recoupe_article_free(a);

    a = decoded("\xEF\xBB\xBFhé", 6, 0, NULL);
    assert_string_equal(a->encoding, "utf-8");
    assert_string_equal(a->body, "hé");
    recoupe_article_free(a);

    const char *koi = "<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>";
    a = decoded(koi, strlen(koi), 1, NULL);
    assert_string_equal(a->encoding, "koi8-r");
    assert_non_null(strstr(a->body, "Привет"));
    recoupe_article_free(a);

    a = decoded("<p>\xcf\xf0\xe8\xe2\xe5\xf2</p>", 13, 1, "text/html; charset=windows-1251");
    assert_string_equal(a->encoding, "windows-1251");
    assert_string_equal(a->body, "<p>Привет</p>");
    recoupe_article_free(a);

    /* declared latin-1 but valid UTF-8: the bytes win */
    a = decoded("<meta charset=iso-8859-1>déjà", strlen("<meta charset=iso-8859-1>déjà"), 1, NULL);
    assert_string_equal(a->encoding, "utf-8");
    recoupe_article_free(a);

    /* NUL and stray bytes repaired, counted, warned */
    static const char stray[] = "déjà \xff vu\0!";
    a = decoded(stray, sizeof stray - 1, 0, NULL);
    assert_string_equal(a->encoding, "utf-8");
    assert_int_equal(a->repaired, 2);
    assert_string_equal(a->body, "déjà \xEF\xBF\xBD vu\xEF\xBF\xBD!");
    assert_int_equal(a->n_warnings, 1);
    recoupe_article_free(a);

    /* declared UTF-8 with a few bad bytes stays UTF-8: the bad bytes become U+FFFD, counted */
    static const char damaged[] = "<meta charset=\"utf-8\"><p>a\xc3( b\xff c\xe2\x28\xa1 d\xc0 prix 5 \xe2\x82\xac</p>";
    a = decoded(damaged, sizeof damaged - 1, 1, NULL);
    assert_string_equal(a->encoding, "utf-8");
    assert_non_null(strstr(a->body, "5 €"));
    assert_null(strstr(a->body, "â‚¬"));
    assert_true(a->repaired >= 4);
    recoupe_article_free(a);

    /* declared UTF-8 but written in latin-1 throughout: overruled, and the warning says why */
    static const char latin[] = "<meta charset=utf-8><p>\xe9t\xe9 \xe0 la mer, d\xe9j\xe0 vu, ann\xe9"
                                "e</p>";
    a = decoded(latin, sizeof latin - 1, 1, NULL);
    assert_string_equal(a->encoding, "windows-1252");
    assert_non_null(strstr(a->body, "été à la mer"));
    assert_int_equal(a->n_warnings, 1);
    assert_non_null(strstr(a->warnings[0], "overruled"));
    recoupe_article_free(a);

    /* declared latin-1 but valid UTF-8 with accents: the bytes win, and it is said */
    a = decoded("<meta charset=iso-8859-1>déjà", strlen("<meta charset=iso-8859-1>déjà"), 1, NULL);
    assert_int_equal(a->n_warnings, 1);
    assert_non_null(strstr(a->warnings[0], "overruled"));
    recoupe_article_free(a);

    /* unknown charset: warned, read as windows-1252 */
    static const char klingon[] = "<meta charset=x-klingon>\xe9t\xe9";
    a = decoded(klingon, sizeof klingon - 1, 1, NULL);
    assert_string_equal(a->encoding, "windows-1252");
    assert_non_null(strstr(a->body, "été"));
    recoupe_article_free(a);
}

static void utf8_validation(void **state) {
    (void)state;
    const unsigned char ok[] = "plain ascii then é 😀 end";
    assert_int_equal(read_utf8_valid_prefix(ok, sizeof ok - 1), sizeof ok - 1);
    assert_int_equal(read_utf8_valid_prefix((const unsigned char *)"ab\xC0\xAF", 4), 2);       /* overlong */
    assert_int_equal(read_utf8_valid_prefix((const unsigned char *)"ab\xED\xA0\x80", 5), 2);   /* surrogate */
    assert_int_equal(read_utf8_valid_prefix((const unsigned char *)"\xF4\x90\x80\x80", 4), 0); /* > U+10FFFF */
    assert_int_equal(read_utf8_valid_prefix((const unsigned char *)"abc\xE2\x82", 5), 3);      /* truncated */
}

typedef struct collected {
    recoupe_article *a[8];
    int n;
    long err_line[8];
    int n_err;
} collected;

static void collect(void *ctx, recoupe_article *a) {
    collected *c = ctx;
    c->a[c->n++] = a;
}
static void collect_err(void *ctx, long line, const char *msg) {
    (void)msg;
    collected *c = ctx;
    c->err_line[c->n_err++] = line;
}

static void jsonl_lines(void **state) {
    (void)state;
    const char *in = "{\"id\":\"x\",\"text\":\"one\",\"title\":\"T\",\"lang\":\"fr\"}\n"
                     "not json\n"
                     "\n"
                     "[1,2]\n"
                     "{\"html\":\"<p>two</p>\",\"url\":\"http://u\"}";
    collected c = {0};
    read_jsonl("f.jsonl", in, strlen(in), 1000, collect, collect_err, &c);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.n_err, 2);
    assert_int_equal(c.err_line[0], 2);
    assert_int_equal(c.err_line[1], 4);
    assert_string_equal(c.a[0]->id, "x");
    assert_string_equal(c.a[0]->body, "one");
    assert_string_equal(c.a[0]->lang, "fr");
    assert_false(c.a[0]->is_html);
    assert_true(c.a[1]->is_html);
    assert_string_equal(c.a[1]->id, "5");
    assert_int_equal(c.a[1]->line, 5);
    for (int i = 0; i < c.n; i++) recoupe_article_free(c.a[i]);
}

/* a pretty-printed object or an array is one JSON document, not one error per
 * line; a JSON Lines file whose first line is bad is still read line by line */
static void json_documents(void **state) {
    (void)state;
    const char *obj = "{\n  \"title\": \"T\",\n  \"text\": \"body\"\n}\n";
    collected c = {0};
    read_jsonl("f.json", obj, strlen(obj), 1000, collect, collect_err, &c);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.n_err, 0);
    assert_string_equal(c.a[0]->title, "T");
    assert_string_equal(c.a[0]->id, "1");
    recoupe_article_free(c.a[0]);

    const char *meta = "{\n  \"title\": \"T\",\n  \"byline\": \"B\"\n}\n";
    memset(&c, 0, sizeof c);
    read_jsonl("m.json", meta, strlen(meta), 1000, collect, collect_err, &c);
    assert_int_equal(c.n, 0);
    assert_int_equal(c.n_err, 1); /* one error for the file */

    const char *arr = "[{\"text\": \"a\"},\n {\"title\": \"no text\"},\n {\"text\": \"c\", \"id\": \"z\"}]";
    memset(&c, 0, sizeof c);
    read_jsonl("a.json", arr, strlen(arr), 1000, collect, collect_err, &c);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.n_err, 1);
    assert_string_equal(c.a[0]->id, "1");
    assert_string_equal(c.a[1]->id, "z");
    for (int i = 0; i < c.n; i++) recoupe_article_free(c.a[i]);

    const char *lines = "{bad\n{\"text\": \"b\"}\n{\"text\": \"c\"}\n";
    memset(&c, 0, sizeof c);
    read_jsonl("l.jsonl", lines, strlen(lines), 1000, collect, collect_err, &c);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.n_err, 1);
    assert_int_equal(c.err_line[0], 1);
    for (int i = 0; i < c.n; i++) recoupe_article_free(c.a[i]);
    assert_int_equal(read_sniff("[{\"text\":\"a\"}]", strlen("[{\"text\":\"a\"}]"), "a.json"), READ_JSONL);
}

static void warc_records(void **state) {
    (void)state;
    const char *resp = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>";
    const char *img = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG";
    char in[1024];
    int n =
        snprintf(in, sizeof in,
                 "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://a\r\nWARC-Date: 2024-01-02T03:04:05Z\r\n"
                 "Content-Length: %zu\r\n\r\n%s\r\n\r\n"
                 "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: %zu\r\n\r\n%s\r\n\r\n"
                 "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nshort",
                 strlen(resp), resp, strlen(img), img);
    collected c = {0};
    read_warc("w.warc", in, (size_t)n, 1000, collect, collect_err, &c);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.a[0]->url, "http://a");
    assert_string_equal(c.a[0]->fetched, "2024-01-02T03:04:05Z");
    assert_string_equal(c.a[0]->body, "<p>hi</p>");
    assert_string_equal(c.a[0]->content_type, "text/html");
    assert_int_equal(c.n_err, 1);
    assert_int_equal(c.err_line[0], 3);
    recoupe_article_free(c.a[0]);
}

static void article_json_fields(void **state) {
    (void)state;
    recoupe_article *a = NULL;
    assert_int_equal(recoupe_article_from_memory("x.txt", "Hé \"quoted\"", 12, &a), RECOUPE_OK);
    a->text = strdup("Hé \"quoted\"");
    recoupe_article_warn(a, "w%d", 1);
    char *j = recoupe_article_json(a, "file,format,chars,warnings,title", NULL);
    assert_string_equal(j,
                        "{\"file\":\"x.txt\",\"format\":\"text\",\"chars\":11,\"warnings\":[\"w1\"],\"title\":null}");
    free(j);
    const char *bad = NULL;
    assert_null(recoupe_article_json(a, "file,bogus", &bad));
    assert_string_equal(bad, "bogus");
    recoupe_article_free(a);
    assert_int_equal(recoupe_article_from_memory(NULL, "\0\1\2\3", 4, &a), RECOUPE_ERR_BINARY);
    assert_string_equal(recoupe_strerror(RECOUPE_ERR_NOMEM), "out of memory");
}

/* the pipeline emits in input order whatever the jobs */
static void work_reverse_delay(recoupe_article *a, void *user) {
    (void)user;
    volatile unsigned long spin = 0;
    for (unsigned long i = 0; i < (unsigned long)(100 - a->line) * 2000; i++) spin += i;
}
static int emit_check(recoupe_article *a, void *user) {
    long *expect = user;
    int ok = a->line == *expect + 1 && a->encoding != NULL;
    *expect = a->line;
    recoupe_article_free(a);
    return ok ? 0 : 99;
}

static void pipeline_keeps_order(void **state) {
    (void)state;
    char path[] = "/tmp/recoupe-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    for (int i = 0; i < 100; i++) {
        char line[64];
        int n = snprintf(line, sizeof line, "{\"text\":\"article %d\"}\n", i);
        assert_int_equal(write(fd, line, (size_t)n), n);
    }
    close(fd);
    for (int jobs = 1; jobs <= 5; jobs += 2) {
        const char *paths[] = {path};
        recoupe_read_options opt = {0};
        recoupe_reader *r = recoupe_reader_open(paths, 1, &opt);
        long last = 0;
        assert_int_equal(recoupe_pipeline_run(r, jobs, work_reverse_delay, emit_check, &last), RECOUPE_OK);
        assert_int_equal(last, 100);
        assert_int_equal(recoupe_reader_read_count(r), 100);
        recoupe_reader_close(r);
    }
    unlink(path);
}

/* a file replaced by a FIFO between the walk and the read is reported, not waited on
 * (open() blocked for a writer that never comes; the alarm turns that into a failure) */
static char last_error[256];
static void keep_error(void *user, const char *file, long line, const char *msg) {
    (void)user;
    (void)line;
    snprintf(last_error, sizeof last_error, "%s: %s", strrchr(file, '/') + 1, msg);
}

static void file_turned_fifo_not_waited_on(void **state) {
    (void)state;
    char dir[] = "/tmp/recoupe-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/a.txt", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("Some text.\n", f);
    fclose(f);
    const char *paths[] = {dir};
    recoupe_read_options opt = {.on_error = keep_error};
    recoupe_reader *r = recoupe_reader_open(paths, 1, &opt);
    assert_non_null(r);
    unlink(path);
    assert_int_equal(mkfifo(path, 0600), 0);
    alarm(10);
    recoupe_article *a = NULL;
    assert_int_equal(recoupe_reader_next(r, &a), RECOUPE_ERR_DONE);
    alarm(0);
    assert_null(a);
    assert_int_equal(recoupe_reader_skipped_count(r), 1);
    assert_string_equal(last_error, "a.txt: not a regular file");
    recoupe_reader_close(r);
    unlink(path);
    rmdir(dir);
}

/* the articles of a file read at once each take their share of its bytes as
 * they are handed out: a progress bar moves through one JSON Lines file */
static void bytes_move_with_each_record(void **state) {
    (void)state;
    char path[] = "/tmp/recoupe-test-XXXXXX.jsonl";
    int fd = mkstemps(path, 6);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    for (int i = 0; i < 10; i++) fprintf(f, "{\"id\":\"r%d\",\"text\":\"Record number %d of ten.\"}\n", i, i);
    fclose(f);
    const char *paths[] = {path};
    recoupe_reader *r = recoupe_reader_open(paths, 1, NULL);
    assert_non_null(r);
    uint64_t before = 0;
    int moved = 0;
    for (int i = 0; i < 10; i++) {
        recoupe_article *a = NULL;
        assert_int_equal(recoupe_reader_next(r, &a), RECOUPE_OK);
        uint64_t now = recoupe_reader_bytes(r);
        assert_true(now >= before);
        moved += now > before;
        before = now;
        if (i < 9) assert_true(now < recoupe_reader_total_bytes(r));
        recoupe_article_free(a);
    }
    assert_int_equal(moved, 10);
    assert_int_equal(recoupe_reader_bytes(r), recoupe_reader_total_bytes(r));
    recoupe_reader_close(r);
    unlink(path);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sniff_by_content_then_extension),
        cmocka_unit_test(gunzip_members_truncation_and_cap),
        cmocka_unit_test(gunzip_growth_garbage_and_corruption),
        cmocka_unit_test(decode_charsets),
        cmocka_unit_test(utf8_validation),
        cmocka_unit_test(jsonl_lines),
        cmocka_unit_test(json_documents),
        cmocka_unit_test(warc_records),
        cmocka_unit_test(article_json_fields),
        cmocka_unit_test(pipeline_keeps_order),
        cmocka_unit_test(file_turned_fifo_not_waited_on),
        cmocka_unit_test(bytes_move_with_each_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
