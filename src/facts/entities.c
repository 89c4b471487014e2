/* entities.c: the named entities of an article. A mention is a run of
 * capitalised words (inner "de", "du", "of" joined when a capitalised word
 * follows), not counting a lone capitalised word at a sentence start unless the
 * article names it elsewhere mid-sentence. Mentions merge within the article:
 * a one-word mention ("Blinken") joins the longer mention whose last word it is
 * ("Antony Blinken"). Kind: a gazetteer place, else a person when the mention has
 * two or three words and the one before it is a role or it is joined by a shorter
 * mention, else an organisation when written in capitals, else other. Bounded:
 * FACTS_MAX_ENTITIES entities, one hash lookup a mention. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts_int.h"
#include "util/buf.h"
#include "util/array.h"

typedef struct ents {
    int *at;    /* entity of each token, or -1 */
    int *slots; /* hash of the keys -> entity index */
    size_t nslots;
    size_t cap;
} ents;

static uint32_t hash(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int find(const facts_doc *d, const ents *x, const char *key) {
    uint32_t h = hash(key) & (uint32_t)(x->nslots - 1);
    while (x->slots[h] >= 0) {
        if (!strcmp(d->out->entities[x->slots[h]].key, key)) return x->slots[h];
        h = (h + 1) & (uint32_t)(x->nslots - 1);
    }
    return -1;
}

static void insert(const facts_doc *d, ents *x, int e) {
    uint32_t h = hash(d->out->entities[e].key) & (uint32_t)(x->nslots - 1);
    while (x->slots[h] >= 0) h = (h + 1) & (uint32_t)(x->nslots - 1);
    x->slots[h] = e;
}

/* the normalised key of tokens [a, b): their folded forms joined by spaces */
static char *key_of(const facts_doc *d, size_t a, size_t b) {
    buf k = BUF_INIT;
    for (size_t i = a; i < b; i++) {
        if (d->tok.v[i].kind == TEXT_PART) continue;
        if (k.len) buf_putc(&k, ' ');
        buf_append(&k, d->tok.v[i].s, d->tok.v[i].len);
    }
    return buf_detach(&k);
}

static int add_mention(facts_doc *d, ents *x, size_t a, size_t b) {
    char *key = key_of(d, a, b);
    if (!key) return -1;
    char cc[3];
    int place = facts_place(key, strlen(key), cc);
    if (place) { /* one entity per place, whatever its spelling */
        char pk[16];
        snprintf(pk, sizeof pk, "place:%s", cc);
        free(key);
        key = strdup(pk);
        if (!key) return -1;
    }
    int e = find(d, x, key);
    if (e < 0) {
        recoupe_facts *f = d->out;
        if (f->n_entities >= FACTS_MAX_ENTITIES) {
            f->truncated = 1;
            free(key);
            return 0;
        }
        if (util_grow(&f->entities, &x->cap, f->n_entities + 1, sizeof *f->entities, 16) != 0) {
            free(key);
            return -1;
        }
        recoupe_entity *n = &f->entities[f->n_entities];
        memset(n, 0, sizeof *n);
        n->key = key;
        n->name = facts_tokens_text(d, a, b);
        n->country = place ? strdup(cc) : NULL;
        if (!n->name || (place && !n->country)) {
            free(key);
            free(n->name);
            return -1;
        }
        n->first = d->tok.v[a].offset;
        size_t words = 0;
        for (size_t i = a; i < b; i++) words += d->tok.v[i].kind == TEXT_WORD;
        n->kind = RECOUPE_ENTITY_OTHER;
        if (words >= 2 && words <= 3) n->kind = RECOUPE_ENTITY_PERSON;
        if (d->tok.v[a].flags & TEXT_ALLCAPS) n->kind = RECOUPE_ENTITY_ORG;
        if (place) n->kind = RECOUPE_ENTITY_PLACE;
        e = (int)f->n_entities++;
        insert(d, x, e);
    } else {
        free(key);
        /* the longer spelling is the more complete name */
        recoupe_entity *n = &d->out->entities[e];
        if (n->kind != RECOUPE_ENTITY_PLACE &&
            d->tok.v[b - 1].offset + d->tok.v[b - 1].orig_len - d->tok.v[a].offset > strlen(n->name)) {
            char *nm = facts_tokens_text(d, a, b);
            if (nm) {
                free(n->name);
                n->name = nm;
            }
        }
    }

    d->out->entities[e].mentions++;
    for (size_t i = a; i < b; i++) x->at[i] = e;
    return 0;
}

/* the small words inside a name: "Corée du Sud", "Bank of England" */
static int joiner(const char *w) {
    return !strcmp(w, "de") || !strcmp(w, "du") || !strcmp(w, "des") || !strcmp(w, "d'") || !strcmp(w, "of");
}

/* A capitalised article inside a sentence, before a capitalised word, starts a
 * name: "Le Monde", "La Tribune", "Les Echos", "The Economist" (at a sentence
 * start every article is capitalised, and it is left out) */
static int name_article(const facts_doc *d, size_t i) {
    const text_token *t = &d->tok.v[i];
    static const char *const definite[] = {"le", "la", "les", "l'", "the", NULL};
    int is_definite = 0;
    for (int k = 0; definite[k]; k++) is_definite |= !strcmp(t->s, definite[k]);
    if (!is_definite || t->flags & (TEXT_SENTENCE_START | TEXT_ALLCAPS) || i + 1 >= d->tok.n) return 0;
    const text_token *u = &d->tok.v[i + 1];
    return u->kind == TEXT_WORD && (u->flags & TEXT_CAPITALISED) && u->sentence == t->sentence &&
           !(d->lex[i + 1] & (LX_DET | LX_FUNC | LX_PRONOUN)) && !facts_punct_after(d, i, ",;:.()\"\xc2\xab\xbb");
}

int facts_entities(facts_doc *d) {
    ents *x = calloc(1, sizeof *x);
    if (!x) return -1;
    d->ents = x;
    x->nslots = 2 * FACTS_MAX_ENTITIES * 2;
    x->slots = malloc(x->nslots * sizeof *x->slots);
    x->at = malloc((d->tok.n + 1) * sizeof *x->at);
    if (!x->slots || !x->at) return -1;
    for (size_t i = 0; i < x->nslots; i++) x->slots[i] = -1;
    for (size_t i = 0; i < d->tok.n; i++) x->at[i] = -1;
    size_t i = 0;
    while (i < d->tok.n) {
        const text_token *t = &d->tok.v[i];
        if (t->kind != TEXT_WORD || !(t->flags & TEXT_CAPITALISED) ||
            (d->lex[i] & (LX_FUNC | LX_PRONOUN | LX_WEEKDAY | LX_SOURCE | LX_SPEECH | LX_AUX)) ||
            ((d->lex[i] & LX_DET) && !name_article(d, i))) {
            i++;
            continue;
        }
        size_t b = i + 1;
        while (b < d->tok.n && b - i < 8) {
            const text_token *u = &d->tok.v[b];
            if (u->sentence != t->sentence || facts_punct_after(d, b - 1, ",;:.()\"\xc2\xab\xbb")) break;
            if (u->kind == TEXT_PART) {
                b++;
                continue;
            }
            if (u->kind == TEXT_WORD && (u->flags & TEXT_CAPITALISED)) {
                b++;
                continue;
            }
            if (joiner(u->s) && b + 1 < d->tok.n && (d->tok.v[b + 1].flags & TEXT_CAPITALISED) &&
                d->tok.v[b + 1].kind == TEXT_WORD && u->len <= 3) {
                b += 2;
                continue;
            }
            break;
        }
        while (b > i + 1 && d->tok.v[b - 1].kind == TEXT_PART) b--;
        /* a lone word at a sentence start is a mention only when it is known */
        int lone_start = b == i + 1 && (t->flags & TEXT_SENTENCE_START);
        if (!lone_start && add_mention(d, x, i, b) < 0) return -1;
        i = b;
    }
    /* a one-word entity joins a longer one ending with it */
    recoupe_facts *f = d->out;
    for (size_t e = 0; e < f->n_entities; e++) {
        const char *k = f->entities[e].key;
        if (strchr(k, ' ') || !strncmp(k, "place:", 6)) continue;
        for (size_t o = 0; o < f->n_entities && o < 512; o++) {
            const char *l = f->entities[o].key;
            size_t ll = strlen(l), kl = strlen(k);
            if (o == e || ll <= kl + 1 || strcmp(l + ll - kl, k) || l[ll - kl - 1] != ' ') continue;
            f->entities[o].mentions += f->entities[e].mentions;
            f->entities[o].kind = RECOUPE_ENTITY_PERSON;
            f->entities[e].mentions = 0; /* merged: dropped below */
            for (size_t t = 0; t < d->tok.n; t++)
                if (x->at[t] == (int)e) x->at[t] = (int)o;
            break;
        }
    }
    return 0;
}

int facts_entity_at(const facts_doc *d, size_t i) {
    const ents *x = d->ents;
    return x && i < d->tok.n ? x->at[i] : -1;
}

void facts_entities_release(facts_doc *d) {
    ents *x = d->ents;
    if (!x) return;
    free(x->at);
    free(x->slots);
    free(x);
    d->ents = NULL;
}
