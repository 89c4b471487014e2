/* facts_json.c: the facts of an article record (recoupe_article_facts) and their
 * JSON: one object per claim (what `recoupe facts` prints) or per entity. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts_int.h"
#include "util/json.h"

static void free_facts(void *f) {
    recoupe_facts_free(f);
}

RECOUPE_API recoupe_status recoupe_article_facts(recoupe_article *a) {
    if (!a) return RECOUPE_ERR_ARG;
    recoupe_article_release(a, RECOUPE_STAGE_FACTS); /* the facts there were, and a->facts with them */
    const char *text = a->text;
    size_t len = text ? strlen(text) : 0;
    if (!len && !a->is_html && a->body) {
        text = a->body;
        len = a->body_len;
    }
    const char *lang = a->detected_lang[0] && strcmp(a->detected_lang, "und") ? a->detected_lang : a->lang;
    int64_t ts = a->timestamp != 0 && a->timestamp != INT64_MIN ? a->timestamp : text_iso8601_seconds(a->date);
    recoupe_facts *f = NULL;
    /* the analysis's tokens when they are the tokens of this text: no second tokenising */
    const recoupe_analysis *an = &a->analysis;
    text_tokens view = {0};
    if ((an->done & RECOUPE_STAGE_TOKENS) && an->text == text && an->text_len == len && an->n_tokens) {
        view.v = malloc(an->n_tokens * sizeof *view.v);
        if (!view.v) return RECOUPE_ERR_NOMEM;
        for (size_t i = 0; i < an->n_tokens; i++) {
            const recoupe_token *t = &an->tokens[i];
            view.v[i] = (text_token){.s = t->norm,
                                     .len = t->norm_len,
                                     .offset = t->offset,
                                     .orig_len = t->len,
                                     .sentence = t->sentence,
                                     .kind = t->kind,
                                     .flags = t->flags};
        }
        view.n = an->n_tokens;
        view.n_sentences = an->n_sentences;
    }
    recoupe_status st = facts_extract_tokens(text, len, lang, ts, view.v ? &view : NULL, &f);
    free(view.v);
    if (st != RECOUPE_OK) return st;
    /* the facts live in their slot of the analysis, freed with the article; a->facts is a view */
    recoupe_slot *slot = &a->analysis.slot[RECOUPE_SLOT_FACTS];
    slot->data = f;
    slot->free = free_facts;
    a->facts = f;
    return RECOUPE_OK;
}

RECOUPE_API const char *recoupe_stance_name(recoupe_stance s) {
    static const char *const n[] = {"asserted", "conditional", "forecast", "denied"};
    return (unsigned)s < 4 ? n[s] : "asserted";
}
RECOUPE_API const char *recoupe_qualifier_name(recoupe_qualifier q) {
    static const char *const n[] = {"exact", "about", "at_most", "at_least", "range"};
    return (unsigned)q < 5 ? n[q] : "exact";
}
RECOUPE_API const char *recoupe_entity_kind_name(recoupe_entity_kind k) {
    static const char *const n[] = {"other", "person", "org", "place"};
    return (unsigned)k < 4 ? n[k] : "other";
}

/* code points of text[0, off) */
static size_t chars(const char *s, size_t off) {
    size_t n = 0;
    for (size_t i = 0; i < off; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static void day(buf *b, const char *key, int64_t t) {
    json_key(b, key);
    if (t == INT64_MIN) {
        buf_puts(b, "null");
        return;
    }
    int64_t z = t / 86400 + 719468;
    if (t < 0 && t % 86400) z--;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    buf_printf(b, "\"%04lld-%02u-%02u\"", (long long)(y + (m <= 2)), m, dd);
}

static void num(buf *b, const char *key, double v) {
    json_key(b, key);
    if (isnan(v))
        buf_puts(b, "null");
    else if (v == floor(v) && fabs(v) < 1e15)
        buf_printf(b, "%.0f", v);
    else
        buf_printf(b, "%.10g", v);
}

void facts_claim_members(buf *b, const recoupe_article *a, const recoupe_claim *c, const char *name, const char *text) {
    if (!strcmp(name, "file"))
        json_kv_str(b, "file", a ? a->file : NULL);
    else if (!strcmp(name, "id"))
        json_kv_str(b, "id", a ? a->id : NULL);
    else if (!strcmp(name, "value"))
        num(b, "value", c->value);
    else if (!strcmp(name, "low"))
        num(b, "low", c->low);
    else if (!strcmp(name, "high"))
        num(b, "high", c->high);
    else if (!strcmp(name, "qualifier"))
        json_kv_str(b, "qualifier", recoupe_qualifier_name(c->qualifier));
    else if (!strcmp(name, "thing"))
        json_kv_str(b, "thing", c->thing);
    else if (!strcmp(name, "where"))
        json_kv_str(b, "where", c->where);
    else if (!strcmp(name, "said_by"))
        json_kv_str(b, "said_by", c->said_by);
    else if (!strcmp(name, "role"))
        json_kv_str(b, "role", c->role);
    else if (!strcmp(name, "stance"))
        json_kv_str(b, "stance", recoupe_stance_name(c->stance));
    else if (!strcmp(name, "stated"))
        day(b, "stated", c->stated);
    else if (!strcmp(name, "sentence"))
        json_kv_str(b, "sentence", c->sentence);
    else if (!strcmp(name, "start"))
        json_kv_int(b, "start", text ? (long long)chars(text, c->start) : (long long)c->start);
    else if (!strcmp(name, "end"))
        json_kv_int(b, "end", text ? (long long)chars(text, c->end) : (long long)c->end);
}

static const char all_fields[] =
    "file,id,value,low,high,qualifier,thing,where,said_by,role,stance,stated,sentence,start,end";

RECOUPE_API char *recoupe_claim_json(const recoupe_article *a, const recoupe_claim *c, const char *fields,
                                     const char **bad_field) {
    if (!c) return NULL;
    if (!fields) fields = all_fields;
    const char *text = a && a->text && c->end <= strlen(a->text) ? a->text : NULL;
    buf b = BUF_INIT;
    buf_putc(&b, '{');
    const char *p = fields;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char name[32];
        if (n == 0 || n >= sizeof name || !strstr(all_fields, (snprintf(name, sizeof name, "%.*s", (int)n, p), name))) {
            if (bad_field) *bad_field = p;
            buf_free(&b);
            return NULL;
        }
        size_t before = b.len;
        facts_claim_members(&b, a, c, name, text);
        if (b.len == before) { /* a substring of a name, not a name */
            if (bad_field) *bad_field = p;
            buf_free(&b);
            return NULL;
        }
        p = e ? e + 1 : p + n;
    }
    buf_putc(&b, '}');
    return b.err ? (buf_free(&b), NULL) : buf_detach(&b);
}

RECOUPE_API char *recoupe_entity_json(const recoupe_article *a, const recoupe_entity *e) {
    if (!e) return NULL;
    buf b = BUF_INIT;
    buf_putc(&b, '{');
    json_kv_str(&b, "file", a ? a->file : NULL);
    json_kv_str(&b, "id", a ? a->id : NULL);
    json_kv_str(&b, "name", e->name);
    json_kv_str(&b, "key", e->key);
    json_kv_str(&b, "kind", recoupe_entity_kind_name(e->kind));
    json_kv_str(&b, "role", e->role);
    json_kv_str(&b, "country", e->country);
    json_kv_int(&b, "mentions", (long long)e->mentions);
    buf_putc(&b, '}');
    return b.err ? (buf_free(&b), NULL) : buf_detach(&b);
}
