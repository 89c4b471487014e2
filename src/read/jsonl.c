/* jsonl.c: JSON input: JSON Lines, one article per line,
 *   {"id", "url", "title", "text" or "html", "date", "site", "lang", "author", "description"}
 * every field optional but one of text/html; or one JSON document spread over lines
 * (a pretty-printed object, or an array of such objects), as .json files often are.
 * Parsing is jansson's. The file is read as JSON Lines unless its first record does
 * not parse alone while the whole file parses as one document; so a bad line in
 * JSON Lines is reported with its line number and skipped, the lines after it still
 * read, and a pretty-printed document is one record, not one error per line. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"

static char *field(json_t *obj, const char *key) {
    json_t *v = json_object_get(obj, key);
    if (json_is_string(v)) return read_strdup_n(json_string_value(v), json_string_length(v));
    if (json_is_integer(v)) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
        return strdup(tmp);
    }
    return NULL;
}

/* one record: an article (its id, when it has none, is `number`: the line, or
 * the item of an array), or an error at `line` (with `what`, e.g. "item 3: ",
 * before the message) */
static int record(const char *file, json_t *obj, long line, long number, const char *what, size_t bytes,
                  read_emit_fn emit, read_err_fn err, void *ctx) {
    char msg[240];
    if (!json_is_object(obj)) {
        snprintf(msg, sizeof msg, "%snot a JSON object", what);
        err(ctx, line, msg);
        return 0;
    }
    json_t *html = json_object_get(obj, "html");
    json_t *text = json_object_get(obj, "text");
    if (!json_is_string(html) && !json_is_string(text)) {
        snprintf(msg, sizeof msg, "%sno \"text\" or \"html\" string", what);
        err(ctx, line, msg);
        return 0;
    }
    recoupe_article *a = recoupe_article_new();
    if (!a) {
        err(ctx, line, "out of memory");
        return -1;
    }
    a->file = strdup(file);
    a->format = "jsonl";
    a->line = line;
    a->bytes = bytes;
    a->id = field(obj, "id");
    a->url = field(obj, "url");
    a->title = field(obj, "title");
    a->date = field(obj, "date");
    a->site = field(obj, "site");
    a->lang = field(obj, "lang");
    a->author = field(obj, "author");
    a->description = field(obj, "description");
    if (json_is_string(html)) {
        a->body = read_strdup_n(json_string_value(html), json_string_length(html));
        a->body_len = json_string_length(html);
        a->is_html = 1;
        if (json_is_string(text)) a->text = field(obj, "text");
    } else {
        a->body = read_strdup_n(json_string_value(text), json_string_length(text));
        a->body_len = json_string_length(text);
    }
    if (!a->id) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%ld", number);
        a->id = strdup(tmp);
    }
    emit(ctx, a);
    return 0;
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

void read_jsonl(const char *file, const char *data, size_t len, size_t max_bytes,
                read_emit_fn emit, read_err_fn err, void *ctx) {
    size_t pos = 0;
    long line = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) pos = 3;
    const size_t begin = pos;
    int first = 1; /* no record line seen yet */
    while (pos < len) {
        const char *start = data + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - start) : len - pos;
        pos += n + (nl ? 1 : 0);
        line++;
        size_t k = 0;
        while (k < n && (start[k] == ' ' || start[k] == '\t' || start[k] == '\r')) k++;
        if (k == n) continue; /* blank line */
        if (n > max_bytes) {
            char msg[96];
            snprintf(msg, sizeof msg, "record of %zu bytes is over the limit of %zu", n, max_bytes);
            err(ctx, line, msg);
            continue;
        }
        json_error_t je;
        json_t *obj = json_loadb(start, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
        /* a first record spread over lines: the file may be one JSON document */
        if (!obj && first && pos < len &&
            read_document(file, data + begin, len - begin, max_bytes, emit, err, ctx))
            return;
        first = 0;
        if (!obj) {
            char msg[240];
            snprintf(msg, sizeof msg, "bad JSON at column %d: %s", je.column, je.text);
            err(ctx, line, msg);
            continue;
        }
        int rc = record(file, obj, line, line, "", n, emit, err, ctx);
        json_decref(obj);
        if (rc != 0) return;
    }
}
