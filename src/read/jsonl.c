/* jsonl.c: JSON input: JSON Lines, one article per line,
 *   {"id", "url", "title", "text" or "html", "date", "site", "lang", "author", "description"}
 * every field optional but one of text/html; or one JSON document spread over lines
 * (a pretty-printed object, or an array of such objects), as .json files often are.
 * A line is parsed by simdjson (json_simd.cc, GB/s) when simdjson and the checks
 * there accept it; any other line, and a whole document, by jansson, which stays
 * the reference: what it rejects is rejected, with its message, and a line simdjson
 * accepts gives the same fields as jansson would. The file is read as JSON Lines
 * unless its first record does not parse alone while the whole file parses as one
 * document; so a bad line in JSON Lines is reported with its line number and
 * skipped, the lines after it still read, and a pretty-printed document is one
 * record, not one error per line. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"

/* A field's value as the article holds it: a string as is (its length kept), an
 * integer printed, anything else NULL. */
static char *field(const read_json_fields *f, int i) {
    if (f->s[i]) return read_strdup_n(f->s[i], f->n[i]);
    if (f->is_int[i]) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%lld", f->ival[i]);
        return strdup(tmp);
    }
    return NULL;
}

/* The article of a record whose "html" or "text" is a string (its id, when it
 * has none, is `number`), emitted; -1 when out of memory. */
static int article(const char *file, const read_json_fields *f, long line, long number, size_t bytes, read_emit_fn emit,
                   read_err_fn err, void *ctx) {
    recoupe_article *a = recoupe_article_new();
    if (!a) {
        err(ctx, line, "out of memory");
        return -1;
    }
    a->file = strdup(file);
    a->format = "jsonl";
    a->line = line;
    a->bytes = bytes;
    const struct {
        int k;
        char **dst;
    } meta[] = {{READ_JSON_ID, &a->id},         {READ_JSON_URL, &a->url},
                {READ_JSON_TITLE, &a->title},   {READ_JSON_DATE, &a->date},
                {READ_JSON_SITE, &a->site},     {READ_JSON_LANG, &a->lang},
                {READ_JSON_AUTHOR, &a->author}, {READ_JSON_DESCRIPTION, &a->description}};
    int oom = !a->file;
    for (size_t i = 0; i < sizeof meta / sizeof *meta; i++) {
        *meta[i].dst = field(f, meta[i].k);
        oom |= !*meta[i].dst && (f->s[meta[i].k] || f->is_int[meta[i].k]); /* present, not copied */
    }
    int body = f->s[READ_JSON_HTML] ? READ_JSON_HTML : READ_JSON_TEXT;
    a->body = read_strdup_n(f->s[body], f->n[body]);
    a->body_len = f->n[body];
    oom |= !a->body;
    if (body == READ_JSON_HTML) {
        a->is_html = 1;
        if (f->s[READ_JSON_TEXT]) oom |= !(a->text = field(f, READ_JSON_TEXT));
    }
    if (!a->id) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%ld", number);
        oom |= !(a->id = strdup(tmp));
    }
    if (oom) { /* no half-copied record: the run stops with the reason */
        recoupe_article_free(a);
        err(ctx, line, "out of memory");
        return -1;
    }
    emit(ctx, a);
    return 0;
}

/* one record parsed by jansson: an article (see article()), or an error at
 * `line` (with `what`, e.g. "item 3: ", before the message) */
static int record(const char *file, json_t *obj, long line, long number, const char *what, size_t bytes,
                  read_emit_fn emit, read_err_fn err, void *ctx) {
    static const char *const keys[READ_JSON_NFIELDS] = {
        [READ_JSON_ID] = "id",         [READ_JSON_URL] = "url",
        [READ_JSON_TITLE] = "title",   [READ_JSON_TEXT] = "text",
        [READ_JSON_HTML] = "html",     [READ_JSON_DATE] = "date",
        [READ_JSON_SITE] = "site",     [READ_JSON_LANG] = "lang",
        [READ_JSON_AUTHOR] = "author", [READ_JSON_DESCRIPTION] = "description"};
    char msg[240];
    if (!json_is_object(obj)) {
        snprintf(msg, sizeof msg, "%snot a JSON object", what);
        err(ctx, line, msg);
        return 0;
    }
    read_json_fields f;
    memset(&f, 0, sizeof f);
    for (int i = 0; i < READ_JSON_NFIELDS; i++) {
        json_t *v = json_object_get(obj, keys[i]);
        if (json_is_string(v)) {
            f.s[i] = json_string_value(v);
            f.n[i] = json_string_length(v);
        } else if (json_is_integer(v)) {
            f.is_int[i] = 1;
            f.ival[i] = (long long)json_integer_value(v);
        }
    }
    if (!f.s[READ_JSON_HTML] && !f.s[READ_JSON_TEXT]) {
        snprintf(msg, sizeof msg, "%sno \"text\" or \"html\" string", what);
        err(ctx, line, msg);
        return 0;
    }
    return article(file, &f, line, number, bytes, emit, err, ctx);
}

/* The whole of data as one JSON document (asked when its first record does not
 * parse alone): 1 when it is one (its records are emitted), 0 when it is to be
 * read as lines. */
static int read_document(const char *file, const char *data, size_t len, size_t max_bytes, read_emit_fn emit,
                         read_err_fn err, void *ctx) {
    json_error_t je;
    json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!doc) return 0;
    if (json_is_array(doc)) {
        size_t i;
        json_t *obj;
        json_array_foreach(doc, i, obj) {
            char what[48];
            snprintf(what, sizeof what, "item %zu: ", i + 1);
            if (record(file, obj, 1, (long)i + 1, what, len / json_array_size(doc), emit, err, ctx) != 0) break;
        }
    } else if (len > max_bytes) {
        char msg[96];
        snprintf(msg, sizeof msg, "record of %zu bytes is over the limit of %zu", len, max_bytes);
        err(ctx, 1, msg);
    } else {
        record(file, doc, 1, 1, "", len, emit, err, ctx);
    }
    json_decref(doc);
    return 1;
}

void read_jsonl_start(read_jsonl_state *s, const char *file, size_t max_bytes, read_emit_fn emit, read_err_fn err,
                      void *ctx) {
    *s = (read_jsonl_state){file, max_bytes, emit, err, ctx, 1, read_json_simd_new()};
    /* simd NULL (out of memory): every line through jansson */
}

void read_jsonl_finish(read_jsonl_state *s) {
    read_json_simd_free(s->simd);
    s->simd = NULL;
}

int read_jsonl_line(read_jsonl_state *s, const char *start, size_t n, long line, int may_be_document) {
    if (start) {
        size_t k = 0;
        while (k < n && (start[k] == ' ' || start[k] == '\t' || start[k] == '\r')) k++;
        if (k == n) return READ_JSONL_NEXT; /* blank line */
    }
    if (!start || n > s->max_bytes) {
        char msg[96];
        snprintf(msg, sizeof msg, "record of %zu bytes is over the limit of %zu", n, s->max_bytes);
        s->err(s->ctx, line, msg);
        return READ_JSONL_NEXT;
    }
    read_json_fields f;
    if (s->simd && read_json_simd_parse(s->simd, start, n, &f) && (f.s[READ_JSON_HTML] || f.s[READ_JSON_TEXT])) {
        s->first = 0;
        return article(s->file, &f, line, line, n, s->emit, s->err, s->ctx) != 0 ? READ_JSONL_STOP : READ_JSONL_NEXT;
    }
    /* jansson: the records simdjson turns down, for its verdict and messages */
    json_error_t je;
    json_t *obj = json_loadb(start, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    /* a first record spread over lines: the caller may try the file as one JSON document */
    if (!obj && s->first && may_be_document) return READ_JSONL_DOCUMENT;
    s->first = 0;
    if (!obj) {
        char msg[240];
        snprintf(msg, sizeof msg, "bad JSON at column %d: %s", je.column, je.text);
        s->err(s->ctx, line, msg);
        return READ_JSONL_NEXT;
    }
    int rc = record(s->file, obj, line, line, "", n, s->emit, s->err, s->ctx);
    json_decref(obj);
    return rc != 0 ? READ_JSONL_STOP : READ_JSONL_NEXT;
}

void read_jsonl(const char *file, const char *data, size_t len, size_t max_bytes, read_emit_fn emit, read_err_fn err,
                void *ctx) {
    size_t pos = 0;
    long line = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) pos = 3;
    const size_t begin = pos;
    read_jsonl_state s;
    read_jsonl_start(&s, file, max_bytes, emit, err, ctx);
    while (pos < len) {
        const char *start = data + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - start) : len - pos;
        pos += n + (nl ? 1 : 0);
        line++;
        int rc = read_jsonl_line(&s, start, n, line, pos < len);
        if (rc == READ_JSONL_DOCUMENT) {
            if (read_document(file, data + begin, len - begin, max_bytes, emit, err, ctx)) break;
            rc = read_jsonl_line(&s, start, n, line, 0);
        }
        if (rc == READ_JSONL_STOP) break;
    }
    read_jsonl_finish(&s);
}
