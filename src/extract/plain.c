/* plain.c: title, date and main text of a scraped plain-text page.
 *
 * Scraped text keeps the page's furniture as lines of their own: menus, section
 * labels, "read also" teasers, photo credits, comment counters, "back to top".
 * No list of such phrases can be complete, so the rules are about shape:
 *  - a line is substantial when it reads like prose: it ends a sentence and has
 *    8+ words, or it has 25+ words;
 *  - the title is the first line of 4+ words (a " – Site" suffix becomes the site);
 *  - the body runs from the first to the last substantial line after the title;
 *    short lines outside it are furniture;
 *  - inside it, a single short line is a subheading and stays, but a run of two or
 *    more short unpunctuated lines is a teaser or a menu and goes;
 *  - a short line carrying a date is the dateline: it gives the date and goes;
 *  - captions go when they end in a credit ("(Name/AFP)", "©AFP");
 *  - a short parenthesised phrase repeated in the text ("(new window)") is a link
 *    marker, and is cut wherever it appears. */
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "util/array.h"
#include "util/buf.h"

typedef struct line {
    const char *s;
    size_t len;
    int words;
    int punct; /* ends a sentence */
    int keep;
} line;

static int is_sentence_end(const char *s, size_t len) {
    while (len && (s[len - 1] == ' ')) len--;
    if (!len) return 0;
    unsigned char c = (unsigned char)s[len - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"' || c == ')') {
        if (c == ')' || c == '"') return len >= 2 && strchr(".!?", s[len - 2]) != NULL;
        return c != ':' && c != ';';
    }
    if (len >= 3) {
        const unsigned char *u = (const unsigned char *)s + len - 3;
        if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA6 || u[2] == 0x9D)) /* … ” */
            return u[2] == 0xA6 || (len >= 4 && strchr(".!?", s[len - 4]));
    }
    if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && (unsigned char)s[len - 1] == 0xBB) { /* » */
        size_t k = len - 2;
        while (k && s[k - 1] == ' ') k--;
        return k && strchr(".!?", s[k - 1]) != NULL;
    }
    return 0;
}

static int count_words(const char *s, size_t len) {
    int n = 0, in = 0;
    for (size_t i = 0; i < len;) {
        size_t sp = extract_space_len(s + i, len - i);
        if (sp) {
            in = 0;
            i += sp;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        int wordish = c >= 0x80 || (c | 32) >= 'a' ? ((c | 32) <= 'z' || c >= 0x80) : (c >= '0' && c <= '9');
        if (wordish && !in)
            n++, in = 1;
        else if (!wordish && c != '\'' && c != '-')
            in = 0;
        i++;
    }
    return n;
}

/* Strips bullets and white space at both ends. */
static void trim(const char **s, size_t *len) {
    for (;;) {
        size_t sp = extract_space_len(*s, *len);
        if (sp) {
            *s += sp, *len -= sp;
            continue;
        }
        if (*len >= 3 && !memcmp(*s, "\xE2\x80\xA2", 3)) {
            *s += 3, *len -= 3;
            continue;
        } /* • */
        if (*len >= 1 && (**s == '*' || **s == '-') && *len > 1 && (*s)[1] == ' ') {
            *s += 1, *len -= 1;
            continue;
        }
        break;
    }
    while (*len) {
        size_t k = *len;
        size_t back = 1;
        while (back < 4 && back < k && (((unsigned char)(*s)[k - back]) & 0xC0) == 0x80) back++;
        if (extract_space_len(*s + k - back, back) == back)
            *len -= back;
        else
            break;
    }
}

static int has_credit(const char *s, size_t len) {
    /* "©AFP", "(c) Reuters", or a closing "(Name/AGENCY)" */
    for (size_t i = 0; i + 1 < len; i++)
        if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA9) return 1;
    if (len && s[len - 1] == ')') {
        size_t k = len - 1;
        while (k && s[k] != '(') k--;
        if (s[k] == '(' && memchr(s + k, '/', len - k) && count_words(s + k, len - k) <= 6) return 1;
    }
    return 0;
}

/* The parenthesised short phrase at s (s[0] == '('): its length, or 0. */
static size_t paren_phrase(const char *s, size_t len) {
    size_t k = 1;
    while (k < len && k < 40 && s[k] != ')' && s[k] != '(' && s[k] != '\n' && !(s[k] >= '0' && s[k] <= '9')) k++;
    if (k >= len || s[k] != ')' || k < 3) return 0;
    int w = count_words(s + 1, k - 1);
    return w >= 1 && w <= 3 ? k + 1 : 0;
}

/* Appends line text to out, cutting link markers (phrases repeated in the document). */
static void put_line(buf *out, const char *s, size_t len, const char *doc, size_t doc_len) {
    size_t i = 0, start = 0;
    while (i < len) {
        if (s[i] == '(') {
            size_t pl = paren_phrase(s + i, len - i);
            if (pl) {
                int seen = 0;
                for (const char *p = doc; p && p < doc + doc_len && seen < 2;) {
                    p = memmem(p, (size_t)(doc + doc_len - p), s + i, pl);
                    if (p) seen++, p += pl;
                }
                if (seen >= 2) {
                    size_t end = i;
                    while (end > start && s[end - 1] == ' ') end--;
                    buf_append(out, s + start, end - start);
                    i += pl;
                    start = i;
                    continue;
                }
                i += pl;
                continue;
            }
        }
        i++;
    }
    buf_append(out, s + start, len - start);
}

static int substantial(const line *l) {
    return (l->punct && l->words >= 8) || l->words >= 25;
}

/* The non-empty lines of text, trimmed and measured: *out (malloc'd), *n of them. */
static recoupe_status split_lines(const char *text, size_t len, line **out, size_t *n_out) {
    size_t cap = 0, n = 0;
    line *ls = NULL;
    if (util_grow(&ls, &cap, 64, sizeof *ls, 64) != 0) return RECOUPE_ERR_NOMEM;
    for (size_t i = 0; i <= len;) {
        const char *e = memchr(text + i, '\n', len - i);
        size_t l = e ? (size_t)(e - (text + i)) : len - i;
        const char *s = text + i;
        size_t sl = l;
        trim(&s, &sl);
        if (sl) {
            if (util_grow(&ls, &cap, n + 1, sizeof *ls, 64) != 0) {
                free(ls);
                return RECOUPE_ERR_NOMEM;
            }
            ls[n].s = s, ls[n].len = sl;
            ls[n].words = count_words(s, sl);
            ls[n].punct = is_sentence_end(s, sl);
            ls[n].keep = 0;
            n++;
        }
        i += l + 1;
        if (!e) break;
    }
    *out = ls;
    *n_out = n;
    return RECOUPE_OK;
}

/* The title line: the first of 4+ words (n when there is none, or when the record
 * carries its own title: then every line is text). Sets f->title, and f->site from
 * a "Headline – Site" suffix. */
static size_t find_title(const line *ls, size_t n, int titled, extract_found *f) {
    size_t t = titled ? n : 0;
    while (t < n && ls[t].words < 4) t++;
    if (t == n) return t;
    const char *s = ls[t].s;
    size_t sl = ls[t].len;
    /* "Headline – Site": a short last part after a dash or bar is the outlet */
    static const char *const SEPS[] = {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " | ", " - "};
    for (size_t k = 0; k < 4; k++) {
        const char *p = NULL, *q = s;
        size_t pl = strlen(SEPS[k]);
        while ((q = memmem(q, sl - (size_t)(q - s), SEPS[k], pl))) p = q, q += pl;
        if (p) {
            size_t rest = sl - (size_t)(p - s) - pl;
            int w = count_words(p + pl, rest);
            if (w >= 1 && w <= 3 && count_words(s, (size_t)(p - s)) >= 4 && !is_sentence_end(p + pl, rest)) {
                f->site = extract_clean_space(p + pl, rest);
                sl = (size_t)(p - s);
            }
            break;
        }
    }
    f->title = extract_clean_space(s, sl);
    return t;
}

/* date: a dateline near the top, else the first date in a short line anywhere; the
 * short lines carrying a date are marked as no text. */
static void find_date(line *ls, size_t n, extract_found *f) {
    time_t now = time(NULL);
    extract_date d;
    for (size_t i = 0; i < n; i++) {
        if (ls[i].words > 10 || ls[i].punct) continue;
        if (extract_date_parse(ls[i].s, ls[i].len, now, &d)) {
            if (!f->date) {
                char iso[32];
                extract_date_format(&d, iso);
                f->date = strdup(iso);
            }
            ls[i].keep = -1; /* a dateline is not text */
        }
    }
}

/* Marks the lines of the body that are text, from the first to the last
 * substantial line after the title line t; a text given as such (its title apart)
 * is all text, so a sentence of any length bounds it too, and only the
 * unpunctuated lines around it (menus, share buttons) fall outside. */
static void mark_body(line *ls, size_t n, size_t t, int titled) {
    size_t first = n, last = 0;
    for (size_t i = t < n ? t + 1 : 0; i < n; i++)
        if (substantial(&ls[i]) || (titled && ls[i].punct)) {
            if (first == n) first = i;
            last = i;
        }
    for (size_t i = first; i < n && i <= last; i++) {
        if (ls[i].keep < 0) continue;
        if (has_credit(ls[i].s, ls[i].len)) continue;
        if (substantial(&ls[i]) || ls[i].punct) {
            ls[i].keep = 1;
            continue;
        }
        /* a short unpunctuated line: alone it is a subheading, in a run it is furniture */
        int prev_short = i > first && !substantial(&ls[i - 1]) && !ls[i - 1].punct;
        int next_short = i < last && !substantial(&ls[i + 1]) && !ls[i + 1].punct;
        if (!prev_short && !next_short) ls[i].keep = 1;
    }
}

/* f->text: the kept lines, a blank line between them. */
static recoupe_status join_kept(const line *ls, size_t n, const char *text, size_t len, extract_found *f) {
    buf out;
    buf_init(&out, len + 16);
    for (size_t i = 0; i < n; i++) {
        if (ls[i].keep != 1) continue;
        if (out.len) buf_append(&out, "\n\n", 2);
        put_line(&out, ls[i].s, ls[i].len, text, len);
    }
    if (out.len) {
        f->text = buf_detach(&out);
        if (!f->text) return RECOUPE_ERR_NOMEM;
    } else {
        buf_free(&out);
        extract_found_warn(f, "no main text found");
    }
    return RECOUPE_OK;
}

recoupe_status extract_plain(const char *text, size_t len, int titled, extract_found *f) {
    line *ls;
    size_t n;
    recoupe_status st = split_lines(text, len, &ls, &n);
    if (st != RECOUPE_OK) return st;
    size_t t = find_title(ls, n, titled, f);
    find_date(ls, n, f);
    mark_body(ls, n, t, titled);
    int kept = 0;
    for (size_t i = 0; i < n && !kept; i++) kept = ls[i].keep == 1;
    /* a text too short for any line to look like a paragraph (or whose one
     * paragraph was taken for the title) is kept whole, datelines and credits
     * aside: a short text is still a text */
    for (size_t i = 0; i < n && !kept; i++)
        if (ls[i].keep == 0 && !has_credit(ls[i].s, ls[i].len)) ls[i].keep = 1;
    st = join_kept(ls, n, text, len, f);
    free(ls);
    if (st != RECOUPE_OK) return st;
    if (f->text && extract_utf8_count(f->text, strlen(f->text)) < 250) extract_found_warn(f, "main text is short");
    return RECOUPE_OK;
}
