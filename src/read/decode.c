/* decode.c: turns an article's body into valid UTF-8, whatever it came in.
 *
 * The charset is chosen in order of trust: a byte-order mark, the transport's
 * Content-Type (a WARC record's HTTP header), the page's <meta charset> (found by
 * a prescan of its first 4 KB, as browsers do), and else the bytes themselves:
 * UTF-8 when they are, windows-1252 when they are not. A declared single-byte
 * charset that the bytes contradict (they are valid, non-ASCII UTF-8) is overruled,
 * and so is a declared UTF-8 that most multi-byte sequences break. Conversion
 * uses iconv; bytes it cannot convert become U+FFFD and are counted. The fast path,
 * valid UTF-8, is a validation pass that skips ASCII eight bytes at a time. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"
#include "util/buf.h"

char *read_strdup_n(const char *s, size_t n) {
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid (RFC 3629:
 * no overlongs, no surrogates, nothing past U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, size_t left) {
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;
    if (c < 0xE0) return left >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (left < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && s[1] < 0xA0) return 0;
        if (c == 0xED && s[1] >= 0xA0) return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (left < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) return 0;
        if (c == 0xF0 && s[1] < 0x90) return 0;
        if (c == 0xF4 && s[1] >= 0x90) return 0;
        return 4;
    }
    return 0;
}

size_t read_utf8_valid_prefix(const unsigned char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= len) break;
        if (s[i] < 0x80) {
            if (s[i] == 0) return i;
            i++;
            continue;
        }
        size_t k = utf8_seq(s + i, len - i);
        if (!k) return i;
        i += k;
    }
    return i;
}

/* Counts valid multi-byte sequences and invalid bytes (for "does it look like UTF-8"). */
static void utf8_census(const unsigned char *s, size_t len, size_t *multi, size_t *bad) {
    *multi = *bad = 0;
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_seq(s + i, len - i);
        if (k) {
            (*multi)++;
            i += k;
        } else {
            (*bad)++;
            i++;
        }
    }
}

static int ascii_only(const unsigned char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (s[i] >= 0x80) return 0;
    return 1;
}

/* Copies s as UTF-8, replacing each invalid byte and NUL by U+FFFD. */
static char *utf8_repair(const unsigned char *s, size_t len, size_t *out_len, size_t *repaired) {
    buf b;
    buf_init(&b, 0);
    if (buf_reserve(&b, len + 16)) return NULL;
    size_t i = 0;
    while (i < len) {
        size_t ok = read_utf8_valid_prefix(s + i, len - i);
        buf_append(&b, s + i, ok);
        i += ok;
        if (i < len) {
            buf_append(&b, "\xEF\xBF\xBD", 3);
            (*repaired)++;
            i++;
        }
    }
    if (b.err) { /* out of memory mid-way: no body rather than a cut one */
        buf_free(&b);
        return NULL;
    }
    *out_len = b.len;
    return buf_detach(&b);
}

/* The canonical name of a declared charset, or NULL when unknown. Labels follow
 * the WHATWG Encoding Standard: latin1 and ascii mean windows-1252. */
static const char *charset_canonical(const char *name, size_t n) {
    char lower[40];
    if (n == 0 || n >= sizeof lower) return NULL;
    for (size_t i = 0; i < n; i++) lower[i] = (char)tolower((unsigned char)name[i]);
    lower[n] = 0;
    static const struct {
        const char *label, *name;
    } map[] = {
        {"utf-8", "utf-8"},
        {"utf8", "utf-8"},
        {"unicode-1-1-utf-8", "utf-8"},
        {"iso-8859-1", "windows-1252"},
        {"iso8859-1", "windows-1252"},
        {"latin1", "windows-1252"},
        {"l1", "windows-1252"},
        {"us-ascii", "windows-1252"},
        {"ascii", "windows-1252"},
        {"windows-1252", "windows-1252"},
        {"cp1252", "windows-1252"},
        {"x-cp1252", "windows-1252"},
        {"iso-8859-15", "iso-8859-15"},
        {"latin9", "iso-8859-15"},
        {"iso-8859-2", "iso-8859-2"},
        {"windows-1250", "windows-1250"},
        {"cp1250", "windows-1250"},
        {"windows-1251", "windows-1251"},
        {"cp1251", "windows-1251"},
        {"koi8-r", "koi8-r"},
        {"koi8-u", "koi8-u"},
        {"iso-8859-5", "iso-8859-5"},
        {"windows-1253", "windows-1253"},
        {"iso-8859-7", "iso-8859-7"},
        {"windows-1254", "windows-1254"},
        {"iso-8859-9", "iso-8859-9"},
        {"windows-1255", "windows-1255"},
        {"iso-8859-8", "iso-8859-8"},
        {"windows-1256", "windows-1256"},
        {"iso-8859-6", "iso-8859-6"},
        {"windows-1257", "windows-1257"},
        {"iso-8859-13", "iso-8859-13"},
        {"windows-874", "windows-874"},
        {"tis-620", "windows-874"},
        {"windows-1258", "windows-1258"},
        {"shift_jis", "shift_jis"},
        {"shift-jis", "shift_jis"},
        {"sjis", "shift_jis"},
        {"x-sjis", "shift_jis"},
        {"windows-31j", "shift_jis"},
        {"euc-jp", "euc-jp"},
        {"iso-2022-jp", "iso-2022-jp"},
        {"gb2312", "gbk"},
        {"gbk", "gbk"},
        {"gb18030", "gb18030"},
        {"x-gbk", "gbk"},
        {"big5", "big5"},
        {"big5-hkscs", "big5-hkscs"},
        {"euc-kr", "euc-kr"},
        {"ks_c_5601-1987", "euc-kr"},
        {"utf-16", "utf-16"},
        {"utf-16le", "utf-16le"},
        {"utf-16be", "utf-16be"},
        {"iso-8859-3", "iso-8859-3"},
        {"iso-8859-4", "iso-8859-4"},
        {"iso-8859-10", "iso-8859-10"},
        {"iso-8859-16", "iso-8859-16"},
        {"macintosh", "macintosh"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(lower, map[i].label) == 0) return map[i].name;
    return NULL;
}

/* charset=... in a Content-Type value or meta content. */
static const char *charset_param(const char *s, size_t n) {
    for (size_t i = 0; i + 8 <= n; i++) {
        if (strncasecmp(s + i, "charset", 7) != 0) continue;
        size_t j = i + 7;
        while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
        if (j >= n || s[j] != '=') continue;
        j++;
        while (j < n && (s[j] == ' ' || s[j] == '"' || s[j] == '\'')) j++;
        size_t k = j;
        while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '-' || s[k] == '_' || s[k] == ':' || s[k] == '.')) k++;
        return charset_canonical(s + j, k - j);
    }
    return NULL;
}

/* The HTML prescan: the first <meta> in the first 4 KB that names a charset. */
static const char *meta_charset(const char *s, size_t n) {
    if (n > 4096) n = 4096;
    for (size_t i = 0; i + 5 < n; i++) {
        if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4) != 0) continue;
        const char *end = memchr(s + i, '>', n - i);
        size_t tag_len = end ? (size_t)(end - (s + i)) : n - i;
        const char *cs = charset_param(s + i, tag_len);
        if (cs) return cs;
    }
    return NULL;
}

/* Converts with iconv; unconvertible bytes become U+FFFD. NULL when iconv does not
 * know the charset, or when out of memory (then *nomem is set). */
static char *convert(const char *from, const char *in, size_t len, size_t *out_len, size_t *repaired, int *nomem) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        if (errno == ENOMEM) *nomem = 1;
        return NULL;
    }
    buf b;
    buf_init(&b, 0);
    char *ip = (char *)in;
    size_t il = len;
    if (buf_reserve(&b, len * 2 + 16)) il = 0;
    while (il > 0) {
        if (buf_reserve(&b, il * 2 + 16)) break;
        char *op = b.p + b.len;
        size_t ol = b.cap - b.len - 1;
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        b.len = (size_t)(op - b.p);
        if (r == (size_t)-1) {
            if (errno == E2BIG) continue;
            /* EILSEQ or EINVAL (truncated at the end): replace one byte */
            buf_append(&b, "\xEF\xBF\xBD", 3);
            (*repaired)++;
            ip++;
            il--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    if (b.err) { /* out of memory mid-way: no body rather than a cut one */
        *nomem = 1;
        buf_free(&b);
        return NULL;
    }
    if (b.p) b.p[b.len] = 0;
    /* iconv may pass NULs through: a second pass repairs them and anything odd */
    size_t ok = read_utf8_valid_prefix((unsigned char *)buf_str(&b), b.len);
    if (ok < b.len) {
        char *fixed = utf8_repair((unsigned char *)b.p, b.len, out_len, repaired);
        buf_free(&b);
        if (!fixed) *nomem = 1;
        return fixed;
    }
    *out_len = b.len;
    return buf_detach(&b);
}

RECOUPE_API recoupe_status recoupe_article_decode(recoupe_article *a) {
    if (!a->body) {
        if (!a->encoding) a->encoding = "utf-8";
        return RECOUPE_OK;
    }
    if (a->encoding) return RECOUPE_OK; /* already decoded */
    const unsigned char *s = (const unsigned char *)a->body;
    size_t len = a->body_len;
    const char *cs = NULL;
    size_t skip = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        cs = "utf-8";
        skip = 3;
    } else if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        cs = "utf-16le";
        skip = 2;
    } else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        cs = "utf-16be";
        skip = 2;
    }
    if (!cs && a->content_type) cs = charset_param(a->content_type, strlen(a->content_type));
    if (!cs && a->is_html) cs = meta_charset(a->body, len);
    s += skip;
    len -= skip;

    size_t valid = read_utf8_valid_prefix(s, len);
    int is_utf16 = cs && strncmp(cs, "utf-16", 6) == 0;
    if (!is_utf16 && valid == len) {
        /* valid UTF-8 (pure ASCII included): nothing to convert, whatever was declared,
         * unless a single-byte charset was declared and the text is pure ASCII (same bytes) */
        a->encoding = "utf-8";
        if (cs && strcmp(cs, "utf-8") != 0 && !ascii_only(s, len))
            recoupe_article_warn(a, "declared charset %s overruled: the bytes are valid UTF-8, read as utf-8", cs);
        if (skip) {
            memmove(a->body, a->body + skip, len + 1);
            a->body_len = len;
        }
        return RECOUPE_OK;
    }
    if (!is_utf16 && (!cs || strcmp(cs, "utf-8") == 0)) {
        size_t multi, bad;
        utf8_census(s, len, &multi, &bad);
        if (!cs) {
            /* undeclared: mostly UTF-8 with a few broken bytes is repaired; else it is not UTF-8 */
            cs = multi > 0 && bad <= multi ? "utf-8" : "windows-1252";
        } else if (multi * 8 < bad) {
            /* declared UTF-8 holds unless its bytes deny it: a page written in a single-byte
             * charset has nearly all its non-ASCII bytes invalid as UTF-8, while a damaged
             * UTF-8 page keeps most of its multi-byte sequences valid */
            recoupe_article_warn(a,
                                 "declared charset utf-8 overruled: %zu byte%s invalid as UTF-8 against %zu "
                                 "valid multi-byte sequence%s, read as windows-1252",
                                 bad, bad > 1 ? "s" : "", multi, multi == 1 ? "" : "s");
            cs = "windows-1252";
        }
    }
    size_t out_len = 0, repaired = 0;
    char *out = NULL;
    if (strcmp(cs, "utf-8") == 0) {
        out = utf8_repair(s, len, &out_len, &repaired);
    } else {
        const char *iconv_name = strcmp(cs, "windows-1252") == 0 ? "CP1252" : cs;
        int nomem = 0;
        out = convert(iconv_name, (const char *)s, len, &out_len, &repaired, &nomem);
        if (!out && !nomem) { /* a charset iconv does not know */
            recoupe_article_warn(a, "unknown charset %s, read as windows-1252", cs);
            cs = "windows-1252";
            repaired = 0;
            out = convert("CP1252", (const char *)s, len, &out_len, &repaired, &nomem);
        }
    }
    if (!out) return RECOUPE_ERR_NOMEM;
    free(a->body);
    a->body = out;
    a->body_len = out_len;
    a->encoding = cs;
    a->repaired = repaired;
    if (repaired) recoupe_article_warn(a, "%zu invalid byte sequence%s replaced", repaired, repaired > 1 ? "s" : "");
    return RECOUPE_OK;
}
