/* facts.c: the quantity claims of one article (recoupe_facts_extract). The text
 * is tokenised once (text_tokenize) and its numbers read by the text layer's
 * parser (text_numbers); a number is a claim unless it is a date, a year, a time,
 * an age or a duration, an ordinal, or a page, phone or article number. For each
 * claim: the interval its qualifier gives, the counted thing (the words after the
 * number, else the thing of the claim just before it: "ce chiffre", "ils sont
 * déjà 3 000"), the place after a preposition, the speaker (attrib.c), the stance
 * from the verbs of the sentence, and the statement's date from a day written in
 * the sentence, resolved against the article's date. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts_int.h"
#include "util/buf.h"
#include "util/array.h"

/* the token that starts at byte off (binary search), or the first after it */
static size_t token_at(const facts_doc *d, size_t off) {
    size_t lo = 0, hi = d->tok.n;
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (d->tok.v[m].offset < off)
            lo = m + 1;
        else
            hi = m;
    }
    return lo;
}

/* 1 when the number at tokens [n0, n1) is not a quantity claim */
static int not_a_claim(const facts_doc *d, const text_number *nb, size_t n0, size_t n1) {
    if (nb->is_year) return 1;
    /* "des milliers", "plusieurs centaines", "hundreds": no figure is given */
    int digit = 0;
    for (size_t i = nb->offset; i < nb->offset + nb->len; i++) digit |= d->text[i] >= '0' && d->text[i] <= '9';
    if (!digit && nb->len > 1 && d->text[nb->offset + nb->len - 1] == 's' && n0 < d->tok.n &&
        (nb->value == 10 || nb->value == 100 || nb->value == 1000 || nb->value == 1e6 || nb->value == 1e9 ||
         nb->value == 12))
        return 1;
    if (nb->value == 0) return 1;
    /* "les deux hommes": a definite article before a small number word points back */
    if (!digit && nb->value < 10 && n0 > 0 &&
        (!strcmp(d->tok.v[n0 - 1].s, "les") || !strcmp(d->tok.v[n0 - 1].s, "ces") ||
         !strcmp(d->tok.v[n0 - 1].s, "the")))
        return 1;
    /* "France 2", "Paris 1": a number that ends a name */
    if (n0 > 0 && d->tok.v[n0 - 1].kind == TEXT_WORD && (d->tok.v[n0 - 1].flags & TEXT_CAPITALISED) &&
        !(d->tok.v[n0 - 1].flags & TEXT_SENTENCE_START) && !facts_punct_after(d, n0 - 1, ",;:.()\"\xc2\xab\xbb"))
        return 1;
    if (n1 < d->tok.n && d->tok.v[n1].sentence == d->tok.v[n0].sentence && (d->lex[n1] & LX_NOTCLAIM)) return 1;
    if (n0 > 0 && (d->lex[n0 - 1] & LX_BEFORE_NOT)) return 1;
    /* glued letters: "20h52", "1er", "3e" */
    size_t end = nb->offset + nb->len;
    if (end < d->len && ((d->text[end] >= 'a' && d->text[end] <= 'z') || (d->text[end] >= 'A' && d->text[end] <= 'Z')))
        return 1;
    /* scores and the like: digits joined by a dash */
    if (end + 1 < d->len && d->text[end] == '-' && d->text[end + 1] >= '0' && d->text[end + 1] <= '9') return 1;
    /* phone numbers: a leading 0 and eight digits or more */
    if (d->text[nb->offset] == '0') {
        size_t digits = 0;
        for (size_t i = nb->offset; i < end; i++) digits += d->text[i] >= '0' && d->text[i] <= '9';
        if (digits >= 8) return 1;
    }
    return 0;
}

/* a and b equal once spaces are ignored ("jusqu' à" and "jusqu'à") */
static int same_phrase(const char *a, const char *b) {
    for (;;) {
        while (*a == ' ') a++;
        while (*b == ' ') b++;
        if (*a != *b) return 0;
        if (!*a) return 1;
        a++;
        b++;
    }
}

static void qualify(recoupe_claim *c, const char *approx) {
    static const char *const at_most[] = {"jusqu' à", "up to",    "au plus",   "at most",    "as many as",
                                          "moins de", "moins d'", "less than", "fewer than", "under",
                                          "до",       "менее",    "не более",  "меньше"};
    static const char *const at_least[] = {"plus de",      "plus d'",      "more than", "over",  "au moins", "at least",
                                           "pas moins de", "pas moins d'", "более",     "свыше", "не менее", "больше"};
    c->qualifier = RECOUPE_QUAL_EXACT;
    c->low = c->high = c->value;
    if (!approx[0]) return;
    for (size_t i = 0; i < sizeof at_most / sizeof *at_most; i++)
        if (same_phrase(approx, at_most[i])) {
            c->qualifier = RECOUPE_QUAL_AT_MOST;
            c->low = NAN;
            return;
        }
    for (size_t i = 0; i < sizeof at_least / sizeof *at_least; i++)
        if (same_phrase(approx, at_least[i])) {
            c->qualifier = RECOUPE_QUAL_AT_LEAST;
            c->high = NAN;
            return;
        }
    c->qualifier = RECOUPE_QUAL_ABOUT;
    c->low = c->value * 0.9;
    c->high = c->value * 1.1;
}

/* the counted thing: words after the number (after "de"/"d'"/"of"), a head and up
 * to two modifiers, stopping at function words, verbs and punctuation */
static void thing(facts_doc *d, size_t n1, size_t s1, recoupe_claim *c) {
    size_t i = n1;
    while (i < s1 && d->tok.v[i].kind == TEXT_PART) i++;
    if (i < s1 && (!strcmp(d->tok.v[i].s, "de") || !strcmp(d->tok.v[i].s, "d'") || !strcmp(d->tok.v[i].s, "of"))) i++;
    size_t a = i, words = 0;
    while (i < s1 && words < 3) {
        const text_token *t = &d->tok.v[i];
        if (t->kind == TEXT_PART) {
            i++;
            continue;
        }
        if (t->kind != TEXT_WORD || (d->lex[i] & ~(unsigned)(LX_ROLE)) || (t->flags & TEXT_CAPITALISED && words)) break;
        if (words && facts_is_conditional(t->s, t->len)) break;
        words++;
        i++;
        if (facts_punct_after(d, i - 1, ",;:.()\"\xc2\xab\xbb")) break;
    }
    if (!words) return;
    c->thing = facts_tokens_text(d, a, i);
    char stem[64];
    size_t h = a;
    size_t n = text_stem(d->lang, d->tok.v[h].s, d->tok.v[h].len, stem, sizeof stem);
    c->thing_key = n ? strndup(stem, n) : NULL;
}

/* the place: a preposition after the number, then a capitalised run ("dans la
 * région de Koursk", "en Russie", "in Kursk") */
static void where(facts_doc *d, size_t n1, size_t s1, recoupe_claim *c) {
    for (size_t i = n1; i < s1 && i < n1 + 12; i++) {
        if (!(d->lex[i] & LX_PLACEPREP)) continue;
        size_t j = i + 1, k;
        for (k = j; k < s1 && k < j + 5 && !(d->tok.v[k].flags & TEXT_CAPITALISED); k++)
            if (d->tok.v[k].kind != TEXT_WORD || (d->lex[k] & (LX_SPEECH | LX_AUX))) break;
        if (k >= s1 || k >= j + 5 || !(d->tok.v[k].flags & TEXT_CAPITALISED)) continue;
        size_t e = k;
        while (e < s1 && (d->tok.v[e].flags & TEXT_CAPITALISED || d->tok.v[e].kind == TEXT_PART)) e++;
        while (j < k && (d->lex[j] & LX_DET)) j++;
        c->where = facts_tokens_text(d, j, e);
        return;
    }
}

static void stance(const facts_doc *d, size_t s0, size_t s1, recoupe_claim *c) {
    c->stance = RECOUPE_STANCE_ASSERTED;
    int cond = 0, fore = 0, deny = 0;
    for (size_t i = s0; i < s1; i++) {
        unsigned l = d->lex[i];
        deny |= (l & LX_DENY) != 0;
        fore |= (l & LX_FORECAST) != 0;
        cond |= (l & LX_COND) != 0 || (d->tok.v[i].kind == TEXT_WORD && !(l & LX_FORECAST) &&
                                       facts_is_conditional(d->tok.v[i].s, d->tok.v[i].len));
    }
    if (c->qualifier == RECOUPE_QUAL_ABOUT) cond = 1;
    c->stance = deny   ? RECOUPE_STANCE_DENIED
                : fore ? RECOUPE_STANCE_FORECAST
                : cond ? RECOUPE_STANCE_CONDITIONAL
                       : RECOUPE_STANCE_ASSERTED;
}

/* the statement's day: "jeudi", "hier", "le 28 octobre" in the sentence */
static void stated(const facts_doc *d, size_t s0, size_t s1, const text_number *nums, size_t nn, recoupe_claim *c) {
    int64_t day = d->timestamp == INT64_MIN ? INT64_MIN : d->timestamp - (((d->timestamp % 86400) + 86400) % 86400);
    c->stated = day;
    if (day == INT64_MIN) return;
    for (size_t i = s0; i < s1; i++) {
        int v = 0;
        unsigned l = d->lex[i];
        if (l & LX_RELDAY) {
            c->stated = day + (int64_t)v * 86400;
            facts_lex(d->tok.v[i].s, &v);
            c->stated = day + (int64_t)v * 86400;
            return;
        }
        if (l & LX_WEEKDAY) {
            facts_lex(d->tok.v[i].s, &v);
            int64_t dn = day / 86400;
            int wd = (int)(((dn % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday (3) */
            int back = (wd - v + 7) % 7;
            c->stated = day - (int64_t)back * 86400;
            return;
        }
    }
    /* a date the number parser flagged: day and month */
    for (size_t k = 0; k < nn; k++) {
        const text_number *n = &nums[k];
        if (!n->is_year || n->value < 1 || n->value > 31 || n->offset < d->tok.v[s0].offset ||
            n->offset >= d->tok.v[s1 - 1].offset)
            continue;
        size_t t = token_at(d, n->offset) + 1;
        if (t >= d->tok.n) continue;
        char mbuf[8];
        int m = 0;
        static const char *const months[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                             "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
        static const char *const en[] = {"january", "february", "march",     "april",   "may",      "june",
                                         "july",    "august",   "september", "october", "november", "december"};
        for (int i = 0; i < 12; i++)
            if (!strcmp(d->tok.v[t].s, months[i]) || !strcmp(d->tok.v[t].s, en[i])) m = i + 1;
        if (!m) continue;
        int64_t dn = day / 86400;
        /* the year of the article's date */
        int y = 1970;
        while (y < 9999) {
            char iso[48];
            snprintf(iso, sizeof iso, "%04d-01-01", y + 1);
            if (text_iso8601_seconds(iso) / 86400 > dn) break;
            y++;
        }
        char iso[48];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, (int)n->value);
        int64_t s = text_iso8601_seconds(iso);
        if (s != INT64_MIN && s > day) {
            snprintf(iso, sizeof iso, "%04d-%02d-%02d", y - 1, m, (int)n->value);
            s = text_iso8601_seconds(iso);
        }
        (void)mbuf;
        if (s != INT64_MIN) c->stated = s;
        return;
    }
}

/* a quote opened in the sentence and not closed in it */
static int open_quote(const facts_doc *d, size_t a, size_t b) {
    int depth = 0;
    for (size_t i = a; i + 1 < b + 1 && i < d->len; i++) {
        unsigned char ch = (unsigned char)d->text[i];
        if (ch == 0xC2 && i + 1 < d->len) {
            if ((unsigned char)d->text[i + 1] == 0xAB) depth++;
            if ((unsigned char)d->text[i + 1] == 0xBB && depth > 0) depth--;
        }
    }
    return depth > 0;
}

/* sentence bounds of token i: tokens [*s0, *s1) */
static void sentence_of(const facts_doc *d, size_t i, size_t *s0, size_t *s1) {
    size_t a = i, b = i;
    while (a > 0 && d->tok.v[a - 1].sentence == d->tok.v[i].sentence) a--;
    while (b < d->tok.n && d->tok.v[b].sentence == d->tok.v[i].sentence) b++;
    *s0 = a;
    *s1 = b;
}

static int add_claim(facts_doc *d, recoupe_claim *c, size_t *cap) {
    recoupe_facts *f = d->out;
    if (f->n_claims >= FACTS_MAX_CLAIMS) {
        f->truncated = 1;
        return 1;
    }
    if (util_grow(&f->claims, cap, f->n_claims + 1, sizeof *f->claims, 16) != 0) return -1;
    f->claims[f->n_claims++] = *c;
    return 0;
}

static void claim_clear(recoupe_claim *c) {
    free(c->thing);
    free(c->thing_key);
    free(c->where);
    free(c->said_by);
    free(c->role);
    free(c->sentence);
}

/* one number: fills and adds its claim; 0, or -1 on OOM */
static int one(facts_doc *d, const text_number *nums, size_t nn, size_t k, size_t *cap, size_t *skip) {
    const text_number *nb = &nums[k];
    size_t n0 = token_at(d, nb->offset), n1 = token_at(d, nb->offset + nb->len);
    if (n0 >= d->tok.n || not_a_claim(d, nb, n0, n1)) return 0;
    /* groups of two digits one space apart: a phone number ("01 23 45 67 89") */
    for (int side = -1; side <= 1; side += 2) {
        size_t o = k + (size_t)side;
        if ((side < 0 && k == 0) || o >= nn) continue;
        const text_number *m = &nums[o];
        size_t gap = side > 0 ? m->offset - (nb->offset + nb->len) : nb->offset - (m->offset + m->len);
        if (gap == 1 && nb->len <= 2 && m->len <= 2 && m->value < 100 && nb->value < 100) return 0;
    }
    size_t s0, s1;
    sentence_of(d, n0, &s0, &s1);
    size_t bs = d->tok.v[s0].offset, be = d->tok.v[s1 - 1].offset + d->tok.v[s1 - 1].orig_len;
    if (be - bs > FACTS_MAX_SENTENCE) {
        d->out->truncated = 1;
        return 0;
    }
    recoupe_claim c;
    memset(&c, 0, sizeof c);
    c.speaker = -1;
    c.value = nb->value;
    qualify(&c, nb->approx);
    /* a range: "11 000 à 12 000", "between 5 and 7" */
    if (k + 1 < nn && !nums[k + 1].is_year && nums[k + 1].value > nb->value && n1 + 2 <= d->tok.n &&
        token_at(d, nums[k + 1].offset) == n1 + 1 &&
        (!strcmp(d->tok.v[n1].s, "à") || !strcmp(d->tok.v[n1].s, "to") || !strcmp(d->tok.v[n1].s, "et") ||
         !strcmp(d->tok.v[n1].s, "and"))) {
        c.qualifier = RECOUPE_QUAL_RANGE;
        c.low = nb->value;
        c.high = nums[k + 1].value;
        n1 = token_at(d, nums[k + 1].offset + nums[k + 1].len);
        *skip = 1;
    }
    c.num_start = nb->offset;
    c.num_end = nb->offset + nb->len;
    c.start = bs;
    c.end = be;
    thing(d, n1, s1, &c);
    if (!c.thing && nb->unit[0]) {
        c.thing = strdup(nb->unit);
        c.thing_key = strdup(nb->unit);
    }
    if (!c.thing && d->out->n_claims) { /* "ce chiffre", "ils sont déjà 3 000": the thing just counted */
        const recoupe_claim *p = &d->out->claims[d->out->n_claims - 1];
        if (p->thing && d->tok.v[n0].sentence - d->tok.v[token_at(d, p->num_start)].sentence <= 2) {
            c.thing = strdup(p->thing);
            c.thing_key = p->thing_key ? strdup(p->thing_key) : NULL;
        }
    }
    where(d, n1, s1, &c);
    stance(d, s0, s1, &c);
    stated(d, s0, s1, nums, nn, &c);
    if (facts_attribute(d, s0, s1, n0, n1, &c) < 0) goto oom;
    /* a quote that goes on: the speaker named where it closes */
    for (size_t next = s1, hops = 0; !c.said_by && hops < 3 && next < d->tok.n &&
                                     open_quote(d, s0 ? d->tok.v[s0 - 1].offset + d->tok.v[s0 - 1].orig_len : 0, be);
         hops++) {
        size_t t0, t1;
        sentence_of(d, next, &t0, &t1);
        if (facts_attribute(d, t0, t1, t0, t0, &c) < 0) goto oom;
        next = t1;
    }
    c.sentence = facts_span(d, bs, be);
    int r = add_claim(d, &c, cap);
    if (r < 0) goto oom;
    if (r > 0) claim_clear(&c);
    return 0;
oom:
    claim_clear(&c);
    return -1;
}

static int run(facts_doc *d) {
    if (!d->tok.v && d->len && text_tokenize(d->text, d->len, &d->tok) < 0) return -1;
    d->lex = malloc((d->tok.n + 1) * sizeof *d->lex);
    if (!d->lex) return -1;
    for (size_t i = 0; i < d->tok.n; i++)
        d->lex[i] = d->tok.v[i].kind == TEXT_WORD ? facts_lex(d->tok.v[i].s, NULL) : 0;
    if (facts_entities(d) < 0) return -1;
    size_t cap = 0, ncap = 256;
    text_number *nums = malloc(ncap * sizeof *nums);
    if (!nums) return -1;
    size_t nn = text_numbers(d->lang, d->text, d->len, nums, ncap);
    if (nn > ncap) {
        size_t want = nn < FACTS_MAX_CLAIMS * 4 ? nn : FACTS_MAX_CLAIMS * 4;
        text_number *v = realloc(nums, want * sizeof *v);
        if (!v) {
            free(nums);
            return -1;
        }
        nums = v;
        nn = text_numbers(d->lang, d->text, d->len, nums, want);
        if (nn > want) {
            nn = want;
            d->out->truncated = 1;
        }
    }
    for (size_t k = 0; k < nn && d->out->n_claims < FACTS_MAX_CLAIMS; k++) {
        size_t skip = 0;
        if (one(d, nums, nn, k, &cap, &skip) < 0) {
            free(nums);
            return -1;
        }
        k += skip;
    }
    free(nums);
    return 0;
}

recoupe_status facts_extract_tokens(const char *text, size_t len, const char *lang, int64_t timestamp,
                                    const text_tokens *tokens, recoupe_facts **out) {
    if (!out || (!text && len)) return RECOUPE_ERR_ARG;
    *out = NULL;
    facts_doc d;
    memset(&d, 0, sizeof d);
    d.text = text ? text : "";
    d.len = len;
    d.lang = lang && *lang && strcmp(lang, "und") ? lang : NULL;
    d.timestamp = timestamp;
    d.last_speaker = -1;
    if (tokens) d.tok = *tokens; /* borrowed: not freed here */
    d.out = calloc(1, sizeof *d.out);
    int r = d.out ? run(&d) : -1;
    if (!tokens) text_tokens_free(&d.tok);
    free(d.lex);
    free(d.lexval);
    facts_entities_release(&d);
    if (r < 0) {
        recoupe_facts_free(d.out);
        return RECOUPE_ERR_NOMEM;
    }
    *out = d.out;
    return RECOUPE_OK;
}

RECOUPE_API recoupe_status recoupe_facts_extract(const char *text, size_t len, const char *lang, int64_t timestamp,
                                                 recoupe_facts **out) {
    return facts_extract_tokens(text, len, lang, timestamp, NULL, out);
}

RECOUPE_API void recoupe_facts_free(recoupe_facts *f) {
    if (!f) return;
    for (size_t i = 0; i < f->n_claims; i++) claim_clear(&f->claims[i]);
    for (size_t i = 0; i < f->n_entities; i++) {
        free(f->entities[i].name);
        free(f->entities[i].key);
        free(f->entities[i].role);
        free(f->entities[i].country);
    }
    free(f->claims);
    free(f->entities);
    free(f);
}
