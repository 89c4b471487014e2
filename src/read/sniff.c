/* sniff.c: tells HTML, plain text, JSON Lines, WARC and binary apart, by content
 * first and the file name's extension second. Only the first few KB are looked at,
 * so sniffing is cheap whatever the size. */
#include <string.h>
#include <strings.h>

#include "read/read.h"

static const char *ext_of(const char *name) {
    if (!name) return "";
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    size_t n = strlen(base);
    if (n > 3 && strcasecmp(base + n - 3, ".gz") == 0) n -= 3;
    for (size_t i = n; i > 0; i--)
        if (base[i - 1] == '.') {
            return base + i; /* may carry ".gz": compared with prefix below */
        }
    return "";
}

static int ext_is(const char *ext, const char *want) {
    size_t n = strlen(want);
    return strncasecmp(ext, want, n) == 0 && (ext[n] == 0 || strcasecmp(ext + n, ".gz") == 0);
}

/* case-insensitive search in the first n bytes */
static int has_ci(const char *s, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, needle, k) == 0) return 1;
    return 0;
}

enum read_format read_sniff(const char *data, size_t len, const char *name) {
    const unsigned char *p = (const unsigned char *)data;
    size_t i = 0;
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) i = 3;
    while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')) i++;
    if (i == len) return READ_EMPTY;
    const char *ext = ext_of(name);
    size_t head = len - i < 8192 ? len - i : 8192;

    if (len - i >= 6 && memcmp(p + i, "WARC/", 5) == 0) return READ_WARC;
    int utf16 = len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF));
    if (!utf16) {
        /* binary: NUL bytes or many control characters in the head */
        size_t ctrl = 0;
        for (size_t k = i; k < i + head; k++) {
            if (p[k] == 0) return READ_BINARY;
            if (p[k] < 0x20 && p[k] != '\n' && p[k] != '\r' && p[k] != '\t' && p[k] != '\f') ctrl++;
        }
        if (ctrl * 20 > head) return READ_BINARY;
    }
    if (p[i] == '[' && ext_is(ext, "json")) return READ_JSONL; /* an array of articles */
    if (p[i] == '{' && (ext_is(ext, "jsonl") || ext_is(ext, "ndjson") || ext_is(ext, "json") || !*ext ||
                        !(ext_is(ext, "html") || ext_is(ext, "htm") || ext_is(ext, "txt"))))
        return READ_JSONL;
    if (p[i] == '<') {
        const char *s = data + i;
        if (has_ci(s, head, "<html") || has_ci(s, head, "<!doctype html") || has_ci(s, head, "<head") ||
            has_ci(s, head, "<body") || has_ci(s, head, "<meta") || has_ci(s, head, "<div") || has_ci(s, head, "<p>") ||
            has_ci(s, head, "<title"))
            return READ_HTML;
    }
    if (ext_is(ext, "html") || ext_is(ext, "htm") || ext_is(ext, "xhtml")) return READ_HTML;
    if (ext_is(ext, "txt")) return READ_TEXT;
    if (has_ci(data + i, head, "<html") || has_ci(data + i, head, "<body")) return READ_HTML;
    return READ_TEXT;
}
