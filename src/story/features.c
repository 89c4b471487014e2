/* features.c: what an article says, as a bag of hashed features.
 *
 * Outlets word the same event differently, so the features are chosen to carry
 * across wordings: stems rather than words (Snowball, per language), stem bigrams
 * (the phrases of an event: "cousine mère", "otage libér"), entity-like sequences
 * (capitalised words not at a sentence start: people, places, organisations) and
 * numbers with the word after them ("8000 soldat"). Stems and bigrams are keyed by
 * language; entities and numbers are not, so that they match across languages.
 * Words under 3 letters and elided articles are left out (they link everything).
 * Russian and Ukrainian stems are cut to their first STORY_STEM_PREFIX letters:
 * Snowball strips their inflections but not their derivations, so the noun and
 * the adjective of one name stay apart (Ставрополье / ставропольский, Закарпатье /
 * закарпатский, Белоруссия / белорусский) where a reader sees one place; a fixed
 * prefix, the classic truncation stemmer of Russian retrieval, joins them.
 * A title occurrence counts title_weight times: the headline is the densest
 * statement of the event. Features are 64-bit xxHash values of family+lang+string;
 * a collision costs one spurious shared term in 2^64, which is nothing here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "story/story.h"
#include "text/text.h"
#include "util/array.h"

void story_feature_options_default(story_feature_options *o) {
    o->title_weight = 2.0f;
    o->bigram_weight = 1.0f;
    o->entity_weight = 1.0f;
    o->number_weight = 0.5f;
}

uint64_t story_term(char family, const char *lang, const char *s, size_t len) {
    char head[12];
    size_t h = 0;
    head[h++] = family;
    if (lang)
        for (size_t i = 0; lang[i] && i < 8; i++) head[h++] = lang[i];
    head[h++] = ':';
    uint64_t seed = XXH64(head, h, 0x5eed);
    uint64_t t = XXH64(s, len, seed) & ~(STORY_TERM_LANG_BIT | STORY_AUX_MASK);
    if (family == 'S' || family == 'B' || family == 'L') t |= STORY_TERM_LANG_BIT;
    return t ? t : 16;
}

/* the stem of a word as the stories see it: Snowball's (made once, in the
 * article's analysis), cut to STORY_STEM_PREFIX letters in the languages of rich
 * derivation; copied into out (cap bytes) */
static size_t story_stem(const char *lang, const recoupe_token *t, char *out, size_t cap) {
    size_t sl = t->stem ? t->stem_len : 0;
    if (sl >= cap) sl = cap - 1;
    if (sl) memcpy(out, t->stem, sl);
    out[sl] = 0;
    if (!lang || (strcmp(lang, "ru") != 0 && strcmp(lang, "uk") != 0)) return sl;
    size_t letters = 0;
    for (size_t i = 0; i < sl; i++)
        if (((unsigned char)out[i] & 0xC0) != 0x80 && letters++ == STORY_STEM_PREFIX) return i;
    return sl;
}

typedef struct acc {
    story_feat *v;
    size_t n, cap;
} acc;

static int acc_add(acc *a, uint64_t term, float w, float bg) {
    if (util_grow(&a->v, &a->cap, a->n + 1, sizeof *a->v, 256) != 0) return -1;
    a->v[a->n].term = term;
    a->v[a->n].tf = w;
    a->v[a->n].bg = bg;
    a->n++;
    return 0;
}

static size_t utf8_chars(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

/* digits of a number token, separators dropped: "8 000" and "8000" are one */
static size_t number_key(const char *s, size_t len, char *out, size_t cap) {
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < cap; i++)
        if (s[i] >= '0' && s[i] <= '9') out[k++] = s[i];
    out[k] = 0;
    return k;
}

#define STEM_CAP 128
#define ENT_CAP 256

static uint64_t aux_term(uint64_t base, unsigned code) {
    return (base & ~STORY_AUX_MASK) | ((uint64_t)code << STORY_AUX_SHIFT);
}

/* a title number with the word next to it (dir '<' before, '>' after): the noun
 * is the key, the number a 20-bit hash in bg (compared, never weighed) */
static int add_title_number(acc *a, const char *lang, char dir, const recoupe_token *w, const char *num, size_t k) {
    if (!w || w->kind != TEXT_WORD || utf8_chars(w->norm, w->norm_len) < 3) return 0;
    char key[STEM_CAP + 2];
    key[0] = dir;
    size_t sl = story_stem(lang, w, key + 1, sizeof key - 1);
    if (!sl) return 0;
    uint64_t t = aux_term(story_term('M', NULL, key, sl + 1), STORY_AUX_TNUM);
    return acc_add(a, t, 1.0f, (float)(XXH64(num, k, 3) & 0xFFFFF) + 1.0f);
}

/* part: 0 the title, 1 the text. Besides the vector's features, the pair signals
 * (story_pair.c) get aux features: the title's stems, the lead's stems (the
 * text's first STORY_LEAD_SENTENCES sentences), the stems of the entity words
 * (the text's, and the title's unless it capitalises most of its words, as
 * English headlines do), and the title's numbers with their nouns. *words
 * counts the words. */
static int add_part(acc *a, const recoupe_token *tv, size_t tn, const char *lang, const story_feature_options *o,
                    float w, int part, size_t *words) {
    if (!tn) return 0;
    struct {
        const recoupe_token *v;
        size_t n;
    } tk = {tv, tn};
    /* sentences count from the part's first (the text proper may start past a
     * headline line) */
    unsigned base = tv[0].sentence;
    int rc = 0;
    char stem[STEM_CAP], prev[STEM_CAP], ent[ENT_CAP], bi[2 * STEM_CAP + 2], num[64 + STEM_CAP + 2];
    size_t prev_len = 0, ent_len = 0, ent_words = 0;
    float prev_bg = 0, ent_bg = 0, ent_w = w;
    unsigned sentence = (unsigned)-1;
    /* a title's capitalised words are entities unless the title capitalises most
     * of its words (English headline style) */
    int title_entities = 0;
    if (part == 0) {
        size_t n_words = 0, caps = 0;
        for (size_t i = 0; i < tk.n; i++)
            if (tk.v[i].kind == TEXT_WORD && utf8_chars(tk.v[i].norm, tk.v[i].norm_len) >= 3) {
                n_words++;
                caps += (tk.v[i].flags & (TEXT_CAPITALISED | TEXT_ALLCAPS)) && !(tk.v[i].flags & TEXT_SENTENCE_START);
            }
        title_entities = caps * 2 < n_words;
    }
    for (size_t i = 0; i <= tk.n && rc == 0; i++) {
        const recoupe_token *t = i < tk.n ? &tk.v[i] : NULL;
        int new_sentence = !t || t->sentence != sentence;
        int capital = t && t->kind == TEXT_WORD && (t->flags & (TEXT_CAPITALISED | TEXT_ALLCAPS)) &&
                      !(t->flags & TEXT_SENTENCE_START) && !new_sentence && !(t->flags & TEXT_ELIDED);
        /* an entity sequence ends at any token that does not continue it */
        if (!capital && ent_words > 0) {
            rc |=
                acc_add(a, story_term('E', NULL, ent, ent_len), ent_w * o->entity_weight, ent_words == 1 ? ent_bg : 0);
            ent_len = ent_words = 0;
        }
        if (!t) break;
        if (new_sentence) {
            sentence = t->sentence;
            prev_len = 0;
        }
        if (t->kind == TEXT_NUMBER) {
            size_t k = number_key(t->norm, t->norm_len, num, 64);
            if (k) {
                rc |= acc_add(a, story_term('N', NULL, num, k), w * o->number_weight, 0);
                /* with the next word: "8000 soldats" */
                const recoupe_token *nx = i + 1 < tk.n ? &tk.v[i + 1] : NULL;
                const recoupe_token *pv = i > 0 ? &tk.v[i - 1] : NULL;
                if (part == 0) {
                    rc |= add_title_number(a, lang, '>', nx && nx->sentence == t->sentence ? nx : NULL, num, k);
                    rc |= add_title_number(a, lang, '<', pv && pv->sentence == t->sentence ? pv : NULL, num, k);
                }
                if (nx && nx->kind == TEXT_WORD && nx->sentence == t->sentence &&
                    utf8_chars(nx->norm, nx->norm_len) >= 3) {
                    size_t sl = story_stem(lang, nx, stem, sizeof stem);
                    num[k] = ' ';
                    memcpy(num + k + 1, stem, sl);
                    rc |= acc_add(a, story_term('N', NULL, num, k + 1 + sl), w * o->number_weight, 0);
                }
            }
            prev_len = 0;
            continue;
        }
        if (t->kind != TEXT_WORD || (t->flags & TEXT_ELIDED)) continue;
        (*words)++;
        float bg = lang ? (float)text_termstats_background(lang, t->norm, t->norm_len) : 0;
        if (capital && ent_len + t->norm_len + 1 < sizeof ent) {
            if (!ent_words) {
                ent_bg = bg;
                ent_w = w;
            }
            if (ent_words) ent[ent_len++] = ' ';
            memcpy(ent + ent_len, t->norm, t->norm_len);
            ent_len += t->norm_len;
            ent_words++;
        }
        if (utf8_chars(t->norm, t->norm_len) < 3) continue;
        size_t sl = story_stem(lang, t, stem, sizeof stem);
        if (!sl) continue;
        uint64_t st = story_term('S', lang, stem, sl);
        rc |= acc_add(a, st, w, bg);
        if (part == 0)
            rc |= acc_add(a, aux_term(st, STORY_AUX_TITLE), 1.0f, bg);
        else if (t->sentence - base < STORY_LEAD_SENTENCES)
            rc |= acc_add(a, aux_term(st, STORY_AUX_LEAD), 1.0f, bg);
        if (capital && (part == 1 || title_entities)) rc |= acc_add(a, aux_term(st, STORY_AUX_ENTITY), 1.0f, bg);
        if (prev_len && o->bigram_weight > 0) {
            memcpy(bi, prev, prev_len);
            bi[prev_len] = ' ';
            memcpy(bi + prev_len + 1, stem, sl);
            rc |= acc_add(a, story_term('B', lang, bi, prev_len + 1 + sl), w * o->bigram_weight, prev_bg * bg);
        }
        memcpy(prev, stem, sl);
        prev_len = sl;
        prev_bg = bg;
    }
    return rc ? -1 : 0;
}

int story_features_tokens(const recoupe_token *title, size_t n_title, const recoupe_token *text, size_t n_text,
                          const char *lang, const story_feature_options *o, story_feat **out, size_t *n) {
    story_feature_options def;
    if (!o) {
        story_feature_options_default(&def);
        o = &def;
    }
    if (lang && (!*lang || !strcmp(lang, "und"))) lang = NULL;
    acc a = {0};
    *out = NULL;
    *n = 0;
    /* the language marker: its document frequency counts this language's documents */
    size_t words = 0;
    if (acc_add(&a, story_term('L', lang, "", 0), -1.0f, 0) != 0 ||
        add_part(&a, title, n_title, lang, o, o->title_weight, 0, &words) != 0 ||
        add_part(&a, text, n_text, lang, o, 1.0f, 1, &words) != 0 ||
        acc_add(&a, aux_term(story_term('W', NULL, "", 0), STORY_AUX_LENGTH), (float)(words ? words : 1), 0) != 0) {
        free(a.v);
        return -1;
    }
    if (story_feats_sort(a.v, a.n) != 0) {
        free(a.v);
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < a.n; i++) {
        if (k && a.v[k - 1].term == a.v[i].term) {
            if (story_aux_code(a.v[i].term) != STORY_AUX_LENGTH) a.v[k - 1].tf += a.v[i].tf;
            if (a.v[i].bg > a.v[k - 1].bg) a.v[k - 1].bg = a.v[i].bg;
        } else
            a.v[k++] = a.v[i];
    }
    if (k == 0) {
        free(a.v);
        return 0;
    }
    story_feat *p = realloc(a.v, k * sizeof *p);
    *out = p ? p : a.v;
    *n = k;
    return 0;
}

int story_features_of(const recoupe_article *a, const story_feature_options *o, story_feat **out, size_t *n) {
    const recoupe_analysis *an = &a->analysis;
    size_t first = 0; /* the tokens of the text proper: past the headline's line */
    while (first < an->n_tokens && an->tokens[first].offset < an->body_start) first++;
    return story_features_tokens(an->title_tokens, an->n_title_tokens, an->tokens + first, an->n_tokens - first,
                                 a->detected_lang, o, out, n);
}

int story_features(const char *title, const char *text, const char *lang, const story_feature_options *o,
                   story_feat **out, size_t *n) {
    recoupe_article *a = recoupe_article_new();
    if (!a) return -1;
    snprintf(a->detected_lang, sizeof a->detected_lang, "%s", lang ? lang : "");
    recoupe_analysis *an = &a->analysis;
    an->headline = strdup(title ? title : "");
    an->text = text ? text : "";
    an->text_len = strlen(an->text);
    int rc = an->headline && text_analysis_tokens(a, TEXT_ANALYSIS_TITLE | TEXT_ANALYSIS_SHORT_STEMS) == 0
                 ? story_features_of(a, o, out, n)
                 : -1;
    recoupe_article_free(a);
    return rc;
}

/* ------------------------------------------------------------ packed form */

/* a tf as a uint16 half-unit offset by 2, or -1 when it is not one exactly */
static int32_t half_units(float tf) {
    float h = tf * 2.0f + 2.0f;
    if (!(h >= 0.0f && h <= 65535.0f)) return -1;
    int32_t k = (int32_t)h;
    return (float)k == h ? k : -1;
}

int story_feats_pack(const story_feat *f, size_t n, uint64_t **out, int *wide) {
    int w = 0;
    for (size_t i = 0; i < n && !w; i++) w = half_units(f[i].tf) < 0;
    size_t tf_size = w ? sizeof(float) : sizeof(uint16_t);
    uint64_t *pk = malloc(n ? n * (sizeof(uint64_t) + sizeof(float) + tf_size) : 1);
    *out = pk;
    *wide = w;
    if (!pk) return -1;
    float *bg = (float *)(pk + n);
    for (size_t i = 0; i < n; i++) {
        pk[i] = f[i].term;
        bg[i] = f[i].bg;
    }
    if (w) {
        float *tf = bg + n;
        for (size_t i = 0; i < n; i++) tf[i] = f[i].tf;
    } else {
        uint16_t *tf = (uint16_t *)(bg + n);
        for (size_t i = 0; i < n; i++) tf[i] = (uint16_t)half_units(f[i].tf);
    }
    return 0;
}

void story_feats_unpack(const uint64_t *pk, size_t n, int wide, story_feat *out) {
    const float *bg = (const float *)(pk + n);
    for (size_t i = 0; i < n; i++) {
        out[i].term = pk[i];
        out[i].bg = bg[i];
    }
    if (wide) {
        const float *tf = bg + n;
        for (size_t i = 0; i < n; i++) out[i].tf = tf[i];
    } else {
        const uint16_t *tf = (const uint16_t *)(bg + n);
        for (size_t i = 0; i < n; i++) out[i].tf = ((float)tf[i] - 2.0f) * 0.5f;
    }
}
