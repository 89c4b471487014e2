/* attrib.c: who an article says gave a figure. Patterns, tried in order on the
 * sentence of the number: a source marker ("selon X", "d'après X", "according to
 * X", "по словам X"); a speech verb with its subject before it ("X a déclaré que",
 * "X said") or after it (inversion: "a indiqué X", "said X", "a-t-il ajouté"); a
 * quote closed in the sentence by a speech verb. A pronoun ("il", "selon lui",
 * "a-t-il") is the last named speaker of the article. The speaker is the last run
 * of capitalised words of the noun phrase (the most complete name of its entity);
 * the common nouns before it ("le secrétaire d'Etat américain") are its role; a
 * phrase without a name ("les renseignements sud-coréens") is kept whole. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/facts_int.h"

#define NP_MAX 10
#ifndef SPEECH_FIRST
#define SPEECH_FIRST 0
#endif /* words of a speaker's noun phrase */

static int is_word(const text_token *t) {
    return t->kind == TEXT_WORD;
}
static int is_cap(const text_token *t) {
    return is_word(t) && (t->flags & TEXT_CAPITALISED);
}

/* Sets the speaker of c from the noun phrase [a, b) (tokens, parts skipped). */
static int set_speaker(facts_doc *d, size_t a, size_t b, recoupe_claim *c) {
    while (
        a < b && (d->lex[a] & (LX_DET | LX_FUNC)) &&
        !(is_cap(&d->tok.v[a]) && !(d->tok.v[a].flags & TEXT_SENTENCE_START) && a + 1 < b && is_cap(&d->tok.v[a + 1])))
        a++;
    while (b > a && (d->lex[b - 1] & (LX_DET | LX_FUNC | LX_AUX))) b--;
    if (a >= b) return 0;
    if (b - a == 1 && (d->lex[a] & LX_PRONOUN)) {
        if (d->last_speaker < 0 && d->last_name[0]) {
            c->said_by = strdup(d->last_name);
            c->role = d->last_role[0] ? strdup(d->last_role) : NULL;
            return c->said_by ? 0 : -1;
        }
        if (d->last_speaker < 0) return 0;
        const recoupe_entity *e = &d->out->entities[d->last_speaker];
        c->said_by = strdup(e->name);
        c->role = e->role ? strdup(e->role) : NULL;
        c->speaker = d->last_speaker;
        return c->said_by ? 0 : -1;
    }
    /* the last capitalised run in the phrase */
    size_t ce = b;
    while (ce > a && !is_cap(&d->tok.v[ce - 1])) ce--;
    size_t cs = ce;
    while (cs > a && (is_cap(&d->tok.v[cs - 1]) || d->tok.v[cs - 1].kind == TEXT_PART ||
                      ((d->lex[cs - 1] & (LX_FUNC | LX_DET)) && cs - 1 > a && is_cap(&d->tok.v[cs - 2]))))
        cs--;
    while (cs < ce && !is_cap(&d->tok.v[cs])) cs++;
    if (cs > a && cs < ce && (d->lex[cs - 1] & LX_DET) && is_cap(&d->tok.v[cs - 1]) &&
        !(d->tok.v[cs - 1].flags & TEXT_SENTENCE_START))
        cs--;
    if (cs < ce && ce - cs < b - a) {
        c->said_by = facts_tokens_text(d, cs, ce);
        size_t ra = a, rb = cs;
        while (rb > ra && (d->lex[rb - 1] & (LX_DET | LX_FUNC))) rb--;
        if (rb > ra) c->role = facts_tokens_text(d, ra, rb);
    } else {
        c->said_by = facts_tokens_text(d, a, b);
    }
    if (!c->said_by) return -1;
    if (cs < ce) { /* a name: what a later pronoun stands for */
        snprintf(d->last_name, sizeof d->last_name, "%s", c->said_by);
        snprintf(d->last_role, sizeof d->last_role, "%s", c->role ? c->role : "");
        d->last_speaker = -1;
    }
    int e = cs < ce ? facts_entity_at(d, ce - 1) : -1;
    c->speaker = e;
    if (e >= 0 && d->out->entities[e].kind != RECOUPE_ENTITY_PLACE) {
        /* a person or organisation by its most complete name; a place as written
         * ("Séoul" for the government is not "Corée du Sud"), merged through its key */
        free(c->said_by);
        c->said_by = strdup(d->out->entities[e].name);
        if (!c->said_by) return -1;
        if (c->role && !d->out->entities[e].role) d->out->entities[e].role = strdup(c->role);
        if (!c->role && d->out->entities[e].role) c->role = strdup(d->out->entities[e].role);
        if (d->out->entities[e].kind == RECOUPE_ENTITY_PERSON) d->last_speaker = e;
    }
    return 0;
}

/* the end of a noun phrase starting at a (exclusive), within [a, lim) */
static size_t np_end(const facts_doc *d, size_t a, size_t lim) {
    size_t i = a, words = 0;
    while (i < lim && words < NP_MAX) {
        const text_token *t = &d->tok.v[i];
        if (t->kind == TEXT_PART) {
            i++;
            continue;
        }
        /* a speech word after an article is a noun ("le communiqué", "l'annonce") */
        int noun = (d->lex[i] & LX_SPEECH) && i > a && (d->lex[i - 1] & LX_DET) && !(d->lex[i - 1] & LX_AUX);
        if (!is_word(t) || (!noun && (d->lex[i] & (LX_SPEECH | LX_AUX | LX_SOURCE))) || !strcmp(t->s, "que") ||
            !strcmp(t->s, "qu'") || !strcmp(t->s, "that"))
            break;
        words++;
        i++;
        if (facts_punct_after(d, i - 1, ",;:()\"\xc2\xab\xbb")) break;
    }
    return i;
}

static int joins(const char *w) {
    return !strcmp(w, "de") || !strcmp(w, "du") || !strcmp(w, "des") || !strcmp(w, "d'") || !strcmp(w, "of");
}

/* the start of the subject noun phrase that ends at b (exclusive), within [lim, b) */
static size_t np_start(const facts_doc *d, size_t lim, size_t b) {
    size_t i = b, words = 0;
    while (i > lim && words < NP_MAX) {
        const text_token *t = &d->tok.v[i - 1];
        if (t->kind == TEXT_PART) {
            i--;
            continue;
        }
        if (!is_word(t) || (d->lex[i - 1] & (LX_SPEECH | LX_SOURCE | LX_VERBLIKE)) ||
            ((d->lex[i - 1] & LX_FUNC) && !joins(t->s)))
            break;
        if (i - 1 > lim && facts_punct_after(d, i - 2, ",;:()\"\xc2\xab\xbb")) {
            i--;
            break;
        }
        words++;
        i--;
    }
    return i;
}

/* The source marker of the sentence ("selon X", "d'après X", "according to X",
 * "по словам X") nearest the number at n0: a marker belongs to the clause it
 * stands in ("X a indiqué que les soldats qui, selon Washington, seraient ...") */
static int source_marker(facts_doc *d, size_t s0, size_t s1, size_t n0, recoupe_claim *c, int pronouns) {
    size_t best_a = 0, best_b = 0, best_dist = SIZE_MAX;
    for (size_t i = s0; i < s1; i++) {
        int dapres = i > s0 && !strcmp(d->tok.v[i].s, "après") && !strcmp(d->tok.v[i - 1].s, "d'");
        if (!(d->lex[i] & LX_SOURCE) && !dapres) continue;
        size_t a = i + 1;
        if (!strcmp(d->tok.v[i].s, "according") && a < s1 && !strcmp(d->tok.v[a].s, "to")) a++;
        if (a < s1 && (d->lex[a] & LX_FUNC) && !(d->lex[a] & LX_DET)) continue; /* "selon lesquels" */
        if (a < s1 && (d->lex[a] & LX_PRONOUN) != 0 && !pronouns) continue;
        size_t b = np_end(d, a, s1);
        size_t dist = i < n0 ? n0 - i : i - n0;
        if (b > a && dist < best_dist) best_a = a, best_b = b, best_dist = dist;
    }
    if (best_dist == SIZE_MAX) return 0;
    return set_speaker(d, best_a, best_b, c) < 0 ? -1 : (c->said_by ? 1 : 0);
}

/* The token after which the apposition ending at token e (a comma after it)
 * opens: "X, président de l'UE, a estimé" gives the end of X; e + 1 when none
 * opens within a few words */
static size_t apposition_start(const facts_doc *d, size_t s0, size_t e) {
    for (size_t q = e, words = 0; q > s0 && words < NP_MAX; q--, words++)
        if (facts_punct_after(d, q - 1, ",")) return q;
    return e + 1;
}

/* Token c is the object pronoun of the verb after it, not an article: "l'",
 * "le", "la", "les" after a word that can end a subject ("un audit de la banque
 * l'estimait à", "la banque les annonce"), not after a preposition, an article
 * or a pause ("de l'annonce", ", l'annonce") */
static int object_clitic(const facts_doc *d, size_t s0, size_t c) {
    if (c <= s0 || c >= d->tok.n || c + 1 >= d->tok.n) return 0; /* c may be s0 - 1 wrapped */
    if (!is_word(&d->tok.v[c])) return 0;
    const char *w = d->tok.v[c].s;
    if (strcmp(w, "l'") && strcmp(w, "le") && strcmp(w, "la") && strcmp(w, "les")) return 0;
    const text_token *p = &d->tok.v[c - 1];
    /* a first word is a subject only as a pronoun ("Il l'a dit"; "Après l'annonce" is no subject) */
    if ((p->flags & TEXT_SENTENCE_START) && !(d->lex[c - 1] & LX_PRONOUN)) return 0;
    return is_word(p) && !(d->lex[c - 1] & (LX_FUNC | LX_DET | LX_SOURCE | LX_SPEECH | LX_AUX)) &&
           !facts_punct_after(d, c - 1, ",;:()\"\xc2\xab\xbb");
}

/* the speech verb at i follows "comme" and its object l' (maybe through an
 * auxiliary: "comme l'a affirmé") */
static int after_comme(const facts_doc *d, size_t s0, size_t i) {
    size_t q = i;
    while (q > s0 && (d->lex[q - 1] & LX_AUX)) q--;
    if (q > s0 && (!strcmp(d->tok.v[q - 1].s, "l'") || !strcmp(d->tok.v[q - 1].s, "le"))) q--;
    return q < i && q > s0 && !strcmp(d->tok.v[q - 1].s, "comme");
}

static int speech_verb(facts_doc *d, size_t s0, size_t s1, recoupe_claim *c) {
    for (size_t i = s0; i < s1; i++) {
        if (!(d->lex[i] & LX_SPEECH)) continue;
        /* "comme l'indique le communiqué", "comme l'a affirmé le quotidien X": the
         * subject follows the verb, and the l' is its object, not an article */
        int comme = after_comme(d, s0, i);
        if (!comme && i > s0 && !object_clitic(d, s0, i - 1) && (d->lex[i - 1] & LX_DET) && !(d->lex[i - 1] & LX_AUX))
            continue;
        /* subject after the verb: "a indiqué X", "said X", "a-t-il" */
        size_t j = i + 1;
        while (j < s1 && d->tok.v[j].kind == TEXT_PART) j++;
        size_t pv = i;
        while (pv > s0 && d->tok.v[pv - 1].kind == TEXT_PART) pv--;
        if (pv > s0 && (d->lex[pv - 1] & LX_PRONOUN)) { /* "a-t-il déclaré", "il a dit" */
            if (set_speaker(d, pv - 1, pv, c) < 0) return -1;
            return c->said_by ? 1 : 0; /* a pronoun nobody named before: no speaker */
        }
        if (j < s1 && (d->lex[j] & LX_PRONOUN) && !facts_punct_after(d, i, ",")) {
            if (set_speaker(d, j, j + 1, c) < 0) return -1;
            if (c->said_by) return 1;
        }
        size_t k = i;
        while (k > s0 && (d->lex[k - 1] & LX_AUX)) k--;
        int inverted = k > s0 && facts_punct_after(d, k - 1, ",\"\xc2\xbb");
        if (comme) inverted = 1;
        if (!inverted && k > s0) {
            size_t a = np_start(d, s0, k);
            while (a < k && d->tok.v[a].kind == TEXT_PART) a++;
            if (a < k && (d->lex[a] & LX_FUNC) && !(d->lex[a] & (LX_DET | LX_PRONOUN))) a = k; /* "de leur côté" */
            if (a < k && !(d->lex[a] & (LX_DET | LX_PRONOUN)) && !is_cap(&d->tok.v[a])) a = k;
            if (a < k && set_speaker(d, a, k, c) < 0) return -1;
            if (c->said_by) return 1;
        }
        if (inverted && j < s1 && !(d->lex[j] & (LX_FUNC)) && strcmp(d->tok.v[j].s, "que")) {
            size_t b = np_end(d, j, s1);
            if (b > j && set_speaker(d, j, b, c) < 0) return -1;
            if (c->said_by) return 1;
        }
        if (inverted && !comme && k > s0 && facts_punct_after(d, k - 1, ",") &&
            !facts_punct_after(d, k - 1, "\"\xc2\xbb")) { /* "X, président de l'UE, a estimé que": an apposition */
            size_t b = apposition_start(d, s0, k - 1);
            size_t a = b > s0 ? np_start(d, s0, b) : b;
            while (a < b && d->tok.v[a].kind == TEXT_PART) a++;
            if (a < b && (d->lex[a] & (LX_DET | LX_PRONOUN) || is_cap(&d->tok.v[a])) && set_speaker(d, a, b, c) < 0)
                return -1;
            if (c->said_by) return 1;
        }
    }
    return 0;
}

int facts_attribute(facts_doc *d, size_t s0, size_t s1, size_t n0, size_t n1, recoupe_claim *c) {
    int r = SPEECH_FIRST ? speech_verb(d, s0, s1, c) : source_marker(d, s0, s1, n0, c, 0);
    if (r == 0) r = SPEECH_FIRST ? source_marker(d, s0, s1, n0, c, 0) : speech_verb(d, s0, s1, c);
    if (r == 0) r = source_marker(d, s0, s1, n0, c, 1);
    return r < 0 ? -1 : 0;
}
