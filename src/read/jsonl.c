/* jsonl.c: JSON Lines input, one article per line:
 *   {"id", "url", "title", "text" or "html", "date", "site", "lang", "author", "description"}
 * every field optional but one of text/html. Parsing is jansson's; a line that is not a
 * JSON object, or carries neither text nor html, is reported with its line number and
 * skipped; the lines after it are still read. */
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

void read_jsonl(const char *file, const char *data, size_t len, size_t max_bytes,
                read_emit_fn emit, read_err_fn err, void *ctx) {
    size_t pos = 0;
    long line = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) pos = 3;
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
        if (!obj || !json_is_object(obj)) {
            char msg[240];
            if (obj) snprintf(msg, sizeof msg, "not a JSON object");
            else snprintf(msg, sizeof msg, "bad JSON at column %d: %s", je.column, je.text);
            err(ctx, line, msg);
            json_decref(obj);
            continue;
        }
        json_t *html = json_object_get(obj, "html");
        json_t *text = json_object_get(obj, "text");
        if (!json_is_string(html) && !json_is_string(text)) {
            err(ctx, line, "no \"text\" or \"html\" string");
            json_decref(obj);
            continue;
        }
        recoupe_article *a = recoupe_article_new();
        if (!a) {
            json_decref(obj);
            err(ctx, line, "out of memory");
            return;
        }
        a->file = strdup(file);
        a->format = "jsonl";
        a->line = line;
        a->bytes = n;
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
            snprintf(tmp, sizeof tmp, "%ld", line);
            a->id = strdup(tmp);
        }
        json_decref(obj);
        emit(ctx, a);
    }
}
