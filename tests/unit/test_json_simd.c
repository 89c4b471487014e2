/* test_json_simd.c: the simdjson fast path of the JSON Lines reader against
 * jansson, its reference: on tricky lines it takes (or leaves to jansson) the lines
 * it should, and every line it takes gives jansson's fields byte for byte; and
 * read_jsonl keeps its records, ids, lines, bytes and error messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "recoupe.h"

static const char *const keys[READ_JSON_NFIELDS] = {"id",   "url",  "title", "text",   "html",
                                                    "date", "site", "lang",  "author", "description"};

/* line: s (n bytes); fast: 1 when the fast path must take it, 0 when it must
 * leave it to jansson */
typedef struct tricky {
    const char *s;
    size_t n;
    int fast;
} tricky;
#define T(lit, fast)                                                                                                   \
    { lit, sizeof(lit) - 1, fast }

static const tricky lines[] = {
    T("{\"id\":\"a\",\"text\":\"plain\",\"title\":\"T\",\"lang\":\"fr\"}", 1),
    T("{\"text\":\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t end\"}", 1),
    T("{\"text\":\"\\u00e9\\u20ac \\uD83D\\uDE00 \\ud834\\udd1e\"}", 1), /* BMP, surrogate pairs */
    T("{\"text\":\"nul \\u0000 inside\",\"title\":\"\\u0000\"}", 1),     /* JSON_ALLOW_NUL */
    T("{\"id\":42,\"text\":\"x\"}", 1),                                  /* integer id */
    T("{\"id\":-9223372036854775808,\"text\":\"x\"}", 1),                /* INT64_MIN */
    T("{\"id\":9223372036854775807,\"text\":\"x\"}", 1),                 /* INT64_MAX */
    T("{\"id\":-0,\"text\":\"x\"}", 1),                                  /* jansson: integer 0 */
    T("{\"id\":1.5,\"text\":\"x\",\"date\":20240101,\"site\":true}", 1), /* real id: none */
    T("{\"id\":1e2,\"url\":null,\"title\":[\"t\"],\"author\":{\"n\":\"a\"},\"text\":\"x\"}", 1),
    T("{\"html\":\"<p>h</p>\",\"text\":\"t\",\"description\":\"d\"}", 1),
    T("{\"html\":\"<p>h</p>\",\"text\":5}", 1),
    T("{\"text\":\"x\",\"extra\":{\"a\":[1,2,{\"b\":null}],\"c\":-1.5e-3},\"z\":1e-400}", 1),
    T("{\"text\":\"x\"}\r", 1), /* CRLF */
    T("  \t{\"text\":\"x\"}  ", 1),
    T("{\"text\":\"raw \xc3\xa9 \xf0\x9f\x98\x80 \x7f\"}", 1),
    T("{\"text\":\"a\",\"\":\"empty key\"}", 1),
    /* past 16 keys, duplicates are found by sorting the keys */
    T("{\"text\":\"x\",\"k01\":1,\"k02\":2,\"k03\":3,\"k04\":4,\"k05\":5,\"k06\":6,\"k07\":7,\"k08\":8,\"k09\":9,"
      "\"k10\":10,\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"k18\":18,\"k19\":19,"
      "\"k20\":20,\"o\":{\"k01\":1,\"k02\":2,\"k03\":3,\"k04\":4,\"k05\":5,\"k06\":6,\"k07\":7,\"k08\":8,\"k09\":9,"
      "\"k10\":10,\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"k18\":18,\"k19\":19,"
      "\"k20\":20,\"z\":0}}",
      1),
    T("{\"text\":\"x\",\"k01\":1,\"k02\":2,\"k03\":3,\"k04\":4,\"k05\":5,\"k06\":6,\"k07\":7,\"k08\":8,\"k09\":9,"
      "\"k10\":10,\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"k18\":18,\"k19\":19,"
      "\"k20\":20,\"k07\":0}",
      0),
    T("{\"text\":\"x\",\"o\":{\"k01\":1,\"k02\":2,\"k03\":3,\"k04\":4,\"k05\":5,\"k06\":6,\"k07\":7,\"k08\":8,\"k09\":"
      "9,\"k10\":10,\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"k18\":18,\"k19\":19,"
      "\"k20\":20,\"k20\":0}}",
      0),
    T("{\"title\":\"no body\"}", 0), /* no "text" or "html" string: jansson's message */
    T("{\"text\":null}", 0),
    T("[{\"text\":\"x\"}]", 0),                       /* not a JSON object */
    T("\"text\"", 0),                                 /* jansson: '[' or '{' expected */
    T("{\"text\":\"x\",\"text\":\"y\"}", 0),          /* duplicate known key */
    T("{\"text\":\"x\",\"a\":1,\"a\":2}", 0),         /* duplicate unknown key */
    T("{\"text\":\"x\",\"o\":{\"k\":1,\"k\":2}}", 0), /* duplicate in a nested object */
    T("{\"text\":\"x\",\"a\":1,\"\\u0061\":2}", 0),   /* duplicate once unescaped */
    T("{\"text\":\"x\",\"a\\u0000b\":1}", 0),         /* NUL in a key */
    T("{\"text\":\"x\"} trailing", 0),
    T("{\"text\":\"x\"}{}", 0),
    T("{\"text\":\"x\",}", 0),
    T("{\"text\":\"x\",\"n\":9223372036854775808}", 0), /* jansson: too big integer */
    T("{\"text\":\"x\",\"n\":-9223372036854775809}", 0),
    T("{\"text\":\"x\",\"n\":18446744073709551616}", 0),
    T("{\"text\":\"x\",\"n\":1e400}", 0), /* real number overflow */
    T("{\"text\":\"x\",\"n\":01}", 0),
    T("{\"text\":\"x\",\"n\":tru}", 0),
    T("{\"text\":\"lone \\uD800 high\"}", 0),
    T("{\"text\":\"lone \\uDC00 low\"}", 0),
    T("{\"text\":\"bad pair \\uD800\\uE000\"}", 0),
    T("{\"text\":\"bad pair \\uDBFF\\uFFFF\"}", 0),
    T("{\"text\":\"bad escape \\a\"}", 0),
    T("{\"text\":\"raw tab \t inside\"}", 0),
    T("{\"text\":\"bad utf-8 \xc3\x28\"}", 0),
    T("{\"text\":\"overlong \xc0\xaf\"}", 0),
    T("{\"text\":\"surrogate \xed\xa0\x80\"}", 0),
    T("{\"text\":\"truncated \xe2\x82\"}", 0),
    T("{\"text\":\"x\"}\x00", 0),
    T("\xEF\xBB\xBF{\"text\":\"bom inside the file\"}", 0),
    T("{\"text\":\"unterminated}", 0),
    T("{\"text\":\"x\"", 0),
};

/* jansson's verdict on a line and, when it is an object, its fields as the
 * reader took them before the fast path */
static json_t *jansson_fields(const char *s, size_t n, read_json_fields *f) {
    memset(f, 0, sizeof *f);
    json_error_t je;
    json_t *obj = json_loadb(s, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!json_is_object(obj)) return obj;
    for (int i = 0; i < READ_JSON_NFIELDS; i++) {
        json_t *v = json_object_get(obj, keys[i]);
        if (json_is_string(v)) {
            f->s[i] = json_string_value(v);
            f->n[i] = json_string_length(v);
        } else if (json_is_integer(v)) {
            f->is_int[i] = 1;
            f->ival[i] = (long long)json_integer_value(v);
        }
    }
    return obj;
}

static void same_fields(const read_json_fields *a, const read_json_fields *b) {
    for (int i = 0; i < READ_JSON_NFIELDS; i++) {
        assert_int_equal(a->s[i] != NULL, b->s[i] != NULL);
        if (a->s[i]) {
            assert_int_equal(a->n[i], b->n[i]);
            assert_memory_equal(a->s[i], b->s[i], a->n[i]);
        }
        assert_int_equal(a->is_int[i], b->is_int[i]);
        if (a->is_int[i]) assert_int_equal(a->ival[i], b->ival[i]);
    }
}

/* each tricky line alone, in a buffer of exactly its size (ASan sees a read past it) */
static void fast_path_agrees_with_jansson(void **state) {
    (void)state;
    read_json_simd *p = read_json_simd_new();
    assert_non_null(p);
    for (size_t t = 0; t < sizeof lines / sizeof *lines; t++) {
        char *exact = malloc(lines[t].n ? lines[t].n : 1);
        memcpy(exact, lines[t].s, lines[t].n);
        read_json_fields fast, ref;
        int took =
            read_json_simd_parse(p, exact, lines[t].n, &fast) && (fast.s[READ_JSON_TEXT] || fast.s[READ_JSON_HTML]);
        json_t *obj = jansson_fields(exact, lines[t].n, &ref);
        if (took != lines[t].fast) fail_msg("line %zu (%s): fast path %s it", t, lines[t].s, took ? "took" : "left");
        if (took) {
            assert_non_null(obj);
            same_fields(&fast, &ref);
        }
        json_decref(obj);
        free(exact);
    }
    read_json_simd_free(p);
}

/* a long text (over 1 MB, escapes and multibyte characters throughout) */
static void long_strings(void **state) {
    (void)state;
    const char piece[] = "caf\xc3\xa9 \\\"quoted\\\" \\u00e9\\uD83D\\uDE00 line\\n";
    size_t reps = 40000, cap = reps * (sizeof piece - 1) + 64;
    char *line = malloc(cap);
    size_t n = (size_t)snprintf(line, cap, "{\"id\":7,\"text\":\"");
    for (size_t i = 0; i < reps; i++) memcpy(line + n, piece, sizeof piece - 1), n += sizeof piece - 1;
    memcpy(line + n, "\"}", 2);
    n += 2;
    read_json_simd *p = read_json_simd_new();
    read_json_fields fast, ref;
    assert_true(read_json_simd_parse(p, line, n, &fast));
    json_t *obj = jansson_fields(line, n, &ref);
    assert_non_null(obj);
    assert_true(fast.n[READ_JSON_TEXT] > 1000000);
    same_fields(&fast, &ref);
    json_decref(obj);
    /* the parser's buffers shrink back to a short line without trouble */
    assert_true(read_json_simd_parse(p, "{\"text\":\"s\"}", 12, &fast));
    assert_int_equal(fast.n[READ_JSON_TEXT], 1);
    read_json_simd_free(p);
    free(line);
}

typedef struct collected {
    char *json[64];
    char *body[64];
    size_t body_len[64];
    int n;
    char err[64][280];
    int n_err;
} collected;

static void collect(void *ctx, recoupe_article *a) {
    collected *c = ctx;
    c->json[c->n++] = recoupe_article_json(a,
                                           "file,id,url,format,line,bytes,title,date,site,author,lang,"
                                           "description,text",
                                           NULL);
    c->body_len[c->n - 1] = a->body_len;
    c->body[c->n - 1] = a->body; /* kept: the NULs inside count */
    a->body = NULL;
    recoupe_article_free(a);
}
static void collect_err(void *ctx, long line, const char *msg) {
    collected *c = ctx;
    snprintf(c->err[c->n_err++], sizeof c->err[0], "%ld: %s", line, msg);
}

/* read_jsonl on a file of tricky lines: the records, their ids, lines and bytes,
 * and jansson's messages for the bad ones, the last line ending at the buffer's end */
static void read_jsonl_records_and_messages(void **state) {
    (void)state;
    static const char in[] = "\xEF\xBB\xBF{\"text\":\"bom\"}\r\n"
                             "{\"id\":12,\"text\":\"int id\",\"date\":20240101}\n"
                             "{\"text\":\"a\",\"text\":\"b\"}\n"
                             "{\"text\":\"x\",\"n\":9223372036854775808}\n"
                             "[1]\n"
                             "{\"title\":\"t\"}\n"
                             "\n"
                             "{\"text\":\"bad \xc3\x28\"}\n"
                             "{\"html\":\"<b>\\u0000</b>\",\"title\":\"\\uD83D\\uDE00\"}\n"
                             "{\"text\":\"last\"}";
    size_t n = sizeof in - 1;
    char *exact = malloc(n);
    memcpy(exact, in, n);
    collected c = {0};
    read_jsonl("t.jsonl", exact, n, 1000, collect, collect_err, &c);
    free(exact);
    assert_int_equal(c.n, 4);
    assert_string_equal(c.json[0], "{\"file\":\"t.jsonl\",\"id\":\"1\",\"url\":null,\"format\":\"jsonl\",\"line\":1,"
                                   "\"bytes\":15,\"title\":null,\"date\":null,\"site\":null,\"author\":null,"
                                   "\"lang\":null,\"description\":null,\"text\":null}");
    assert_string_equal(c.json[1], "{\"file\":\"t.jsonl\",\"id\":\"12\",\"url\":null,\"format\":\"jsonl\",\"line\":2,"
                                   "\"bytes\":41,\"title\":null,\"date\":\"20240101\",\"site\":null,\"author\":null,"
                                   "\"lang\":null,\"description\":null,\"text\":null}");
    assert_string_equal(c.json[2], "{\"file\":\"t.jsonl\",\"id\":\"9\",\"url\":null,\"format\":\"jsonl\",\"line\":9,"
                                   "\"bytes\":47,\"title\":\"\xf0\x9f\x98\x80\",\"date\":null,\"site\":null,"
                                   "\"author\":null,\"lang\":null,\"description\":null,\"text\":null}");
    assert_string_equal(c.json[3], "{\"file\":\"t.jsonl\",\"id\":\"10\",\"url\":null,\"format\":\"jsonl\",\"line\":10,"
                                   "\"bytes\":15,\"title\":null,\"date\":null,\"site\":null,\"author\":null,"
                                   "\"lang\":null,\"description\":null,\"text\":null}");
    static const struct {
        const char *s;
        size_t n;
    } bodies[4] = {{"bom", 3}, {"int id", 6}, {"<b>\0</b>", 8}, {"last", 4}};
    for (int i = 0; i < c.n; i++) {
        assert_int_equal(c.body_len[i], bodies[i].n);
        assert_memory_equal(c.body[i], bodies[i].s, bodies[i].n + 1);
        assert_int_equal(c.body[i][c.body_len[i]], 0);
        free(c.json[i]);
        free(c.body[i]);
    }
    /* jansson's messages, as before the fast path */
    assert_int_equal(c.n_err, 5);
    assert_string_equal(c.err[0], "3: bad JSON at column 18: duplicate object key near '\"text\"'");
    assert_string_equal(c.err[1], "4: bad JSON at column 35: too big integer near '9223372036854775808'");
    assert_string_equal(c.err[2], "5: not a JSON object");
    assert_string_equal(c.err[3], "6: no \"text\" or \"html\" string");
    assert_string_equal(c.err[4], "8: bad JSON at column 13: unable to decode byte 0xc3 near '\"bad '");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fast_path_agrees_with_jansson),
        cmocka_unit_test(long_strings),
        cmocka_unit_test(read_jsonl_records_and_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
