/* report_html.c: the report's HTML writer. Everything that comes from the input
 * (titles, outlets, URLs, ids) goes through report_text, which escapes the five
 * characters that can end a text node or a quoted attribute, so one function
 * serves both and no input can open a tag, a script or an attribute. URLs are
 * linked only when they are http(s): javascript:, data: and the like are shown as
 * text. The writer buffers and hands the page over in pieces. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "emit/report.h"

#define FLUSH_AT (64 * 1024)

void report_out_init(report_out *o, recoupe_write_fn write, void *user) {
    buf_init(&o->b, 0);
    o->write = write;
    o->user = user;
    o->status = RECOUPE_OK;
}

void report_out_flush(report_out *o, int force) {
    if (o->b.err && o->status == RECOUPE_OK) o->status = RECOUPE_ERR_NOMEM;
    if (!o->write || o->status != RECOUPE_OK || !o->b.len || (!force && o->b.len < FLUSH_AT)) return;
    if (o->write(o->user, o->b.p, o->b.len) != 0) o->status = RECOUPE_ERR_IO;
    buf_reset(&o->b);
}

void report_raw(report_out *o, const char *s) {
    if (o->status != RECOUPE_OK) return;
    buf_puts(&o->b, s);
    report_out_flush(o, 0);
}

void report_rawf(report_out *o, const char *fmt, ...) {
    if (o->status != RECOUPE_OK) return;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&o->b, fmt, ap);
    va_end(ap);
    report_out_flush(o, 0);
}

void report_escape(buf *b, const char *s, size_t n) {
    size_t run = 0; /* bytes copied as they are, in one append */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        switch (c) {
            case '&': rep = "&amp;"; break;
            case '<': rep = "&lt;"; break;
            case '>': rep = "&gt;"; break;
            case '"': rep = "&quot;"; break;
            case '\'': rep = "&#39;"; break;
            default:
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) rep = "\xEF\xBF\xBD";
        }
        if (!rep) continue;
        buf_append(b, s + run, i - run);
        buf_puts(b, rep);
        run = i + 1;
    }
    buf_append(b, s + run, n - run);
}

void report_textn(report_out *o, const char *s, size_t n) {
    if (!s || o->status != RECOUPE_OK) return;
    size_t len = strnlen(s, n);
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80) len--; /* whole code points */
    report_escape(&o->b, s, len);
    report_out_flush(o, 0);
}

void report_text(report_out *o, const char *s) {
    if (s) report_textn(o, s, strlen(s));
}

/* the length of an "http://" or "https://" scheme at the start of u, else 0 */
static size_t http_scheme(const char *u) {
    if (!strncasecmp(u, "http://", 7)) return 7;
    if (!strncasecmp(u, "https://", 8)) return 8;
    return 0;
}

int report_url_ok(const char *url) {
    if (!url) return 0;
    size_t k = http_scheme(url);
    if (!k) return 0;
    const char *h = url + k;
    if (!*h || *h == '/' || *h == '?' || *h == '#' || *h == ':') return 0; /* no host */
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f || *p == '\\') return 0;
    return 1;
}

void report_url_host(const char *url, char *out, size_t cap) {
    if (!cap) return;
    out[0] = 0;
    if (!report_url_ok(url)) return;
    const char *h = url + http_scheme(url);
    const char *at = NULL;
    size_t n = strcspn(h, "/?#");
    for (size_t i = 0; i < n; i++)
        if (h[i] == '@') at = h + i; /* user:password@host */
    if (at) {
        n -= (size_t)(at + 1 - h);
        h = at + 1;
    }
    size_t colon = strcspn(h, ":/?#");
    if (colon < n) n = colon;
    if (n > 4 && !strncasecmp(h, "www.", 4)) {
        h += 4;
        n -= 4;
    }
    if (n >= cap) n = cap - 1;
    for (size_t i = 0; i < n; i++) out[i] = (char)(h[i] >= 'A' && h[i] <= 'Z' ? h[i] + 32 : h[i]);
    out[n] = 0;
}

void report_ellipsis(const char *s, size_t max, char *out, size_t cap) {
    if (!cap) return;
    size_t i = 0, cps = 0;
    if (!s) s = "";
    while (s[i] && cps < max) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80) i++;
        cps++;
    }
    int cut = s[i] != 0;
    if (i + (cut ? 4 : 1) > cap) { /* out too small: back off whole code points */
        while (i > 0 && i + 4 > cap) {
            i--;
            while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
        }
        cut = 1;
    }
    memcpy(out, s, i);
    if (cut) memcpy(out + i, "\xE2\x80\xA6", 3), i += 3;
    out[i] = 0;
}
