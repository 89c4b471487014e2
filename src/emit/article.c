/* article.c: an article record as a JSON object, with the members a caller
 * names (recoupe_article_json), and its language record (recoupe_lang_json):
 * the per-article output shapes of src/emit. One function serves every command
 * (`read`, `extract --fields`, `lang`) and the server, so the same record always
 * prints the same way. */
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"
#include "util/json.h"

static size_t utf8_chars(const char *s) {
    size_t n = 0;
    for (; s && *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* "file", and when the name is not UTF-8 (it prints with U+FFFD for its bad
 * bytes) "file_bytes": its bytes in hex, so that it maps back to the file */
static void file_member(buf *b, const recoupe_article *a) {
    json_kv_str(b, "file", a->file);
    size_t n = a->file ? strlen(a->file) : 0;
    if (n && !json_utf8_valid(a->file, n)) json_kv_hex(b, "file_bytes", a->file, n);
}

/* Writes member `name` (length n); returns -1 when the name is unknown. */
static int member(buf *b, const recoupe_article *a, const char *name, size_t n) {
#define IS(lit) (n == sizeof(lit) - 1 && memcmp(name, lit, n) == 0)
    if (IS("file"))
        file_member(b, a);
    else if (IS("id"))
        json_kv_str(b, "id", a->id);
    else if (IS("url"))
        json_kv_str(b, "url", a->url);
    else if (IS("format"))
        json_kv_str(b, "format", a->format);
    else if (IS("line"))
        json_kv_int(b, "line", a->line);
    else if (IS("bytes"))
        json_kv_int(b, "bytes", (long long)a->bytes);
    else if (IS("encoding"))
        json_kv_str(b, "encoding", a->encoding);
    else if (IS("repaired"))
        json_kv_int(b, "repaired", (long long)a->repaired);
    else if (IS("content_type"))
        json_kv_str(b, "content_type", a->content_type);
    else if (IS("fetched"))
        json_kv_str(b, "fetched", a->fetched);
    else if (IS("title"))
        json_kv_str(b, "title", a->title);
    else if (IS("date"))
        json_kv_str(b, "date", a->date);
    else if (IS("site"))
        json_kv_str(b, "site", a->site);
    else if (IS("author"))
        json_kv_str(b, "author", a->author);
    else if (IS("lang"))
        json_kv_str(b, "lang", a->lang);
    else if (IS("description"))
        json_kv_str(b, "description", a->description);
    else if (IS("text"))
        json_kv_str(b, "text", a->text);
    else if (IS("chars"))
        json_kv_int(b, "chars", (long long)utf8_chars(a->text));
    else if (IS("detected_lang"))
        json_kv_str(b, "detected_lang", a->detected_lang[0] ? a->detected_lang : NULL);
    else if (IS("lang_confidence"))
        json_kv_num(b, "lang_confidence", a->lang_confidence);
    else if (IS("warnings")) {
        json_key(b, "warnings");
        buf_putc(b, '[');
        for (size_t i = 0; i < a->n_warnings; i++) {
            json_sep(b);
            json_str(b, a->warnings[i]);
        }
        buf_putc(b, ']');
    } else
        return -1;
    return 0;
#undef IS
}

RECOUPE_API char *recoupe_article_json(const recoupe_article *a, const char *fields, const char **bad_field) {
    static const char all[] = "file,id,url,format,line,bytes,encoding,repaired,content_type,fetched,title,date,"
                              "site,author,lang,description,text,chars,warnings,detected_lang,lang_confidence";
    if (!fields) fields = all;
    buf b;
    buf_init(&b, 0);
    buf_putc(&b, '{');
    for (const char *p = fields; *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n && member(&b, a, p, n) < 0) {
            if (bad_field) *bad_field = p;
            buf_free(&b);
            return NULL;
        }
        p += n + (comma ? 1 : 0);
    }
    if (buf_putc(&b, '}') || b.err) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}

char *recoupe_lang_json(const recoupe_article *a) {
    if (a == NULL) return NULL;
    buf b = BUF_INIT;
    buf_putc(&b, '{');
    file_member(&b, a);
    json_kv_str(&b, "id", a->id);
    json_kv_str(&b, "lang", a->detected_lang[0] ? a->detected_lang : "und");
    json_kv_num(&b, "confidence", a->lang_confidence);
    json_kv_str(&b, "declared", a->lang);
    buf_putc(&b, '}');
    if (b.err) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}
