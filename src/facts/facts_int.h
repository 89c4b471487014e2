/* facts_int.h: what the files of src/facts share: the extraction context over one
 * article's tokens, the language word lists (lexicon.c), attribution (attrib.c),
 * entities (entities.c) and the gazetteer (places.c). */
#ifndef RECOUPE_FACTS_INT_H
#define RECOUPE_FACTS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "recoupe.h"
#include "text/text.h"

#define FACTS_MAX_CLAIMS 4096
#define FACTS_MAX_ENTITIES 4096
#define FACTS_MAX_SENTENCE 65536 /* longer sentences are skipped: no speech is that long */

/* Word classes of the lexicon (bits). */
enum {
    LX_SPEECH = 1,        /* a speech verb: déclaré, said, заявил */
    LX_SOURCE = 2,        /* "selon", "according", "по словам": a source follows */
    LX_AUX = 4,           /* auxiliary: a, ont, has, was */
    LX_DET = 8,           /* determiner or article */
    LX_FUNC = 16,         /* other function word (prepositions, conjunctions, pronouns) */
    LX_PRONOUN = 32,      /* subject pronoun that can stand for a speaker: il, elle, he, they */
    LX_COND = 64,         /* conditional / estimate marker */
    LX_FORECAST = 128,    /* forecast marker */
    LX_DENY = 256,        /* denial */
    LX_NOTCLAIM = 512,    /* a word after a number that makes it a non-claim: ans, heures, h, years */
    LX_BEFORE_NOT = 1024, /* a word before a number that makes it a non-claim: article, page, n° */
    LX_WEEKDAY = 2048,    /* a day name (value: 0 = Monday) */
    LX_RELDAY = 4096,     /* hier, yesterday, aujourd'hui (value: day offset) */
    LX_PLACEPREP = 8192,  /* dans, en, in, à: a place may follow */
    LX_ROLE = 16384,      /* a role noun: président, porte-parole, ministre, spokesman */
    LX_VERBLIKE = 32768   /* a finite verb that ends a counted-thing phrase: sont, ont été, were */
};

/* The classes of a normalised word (0 when unknown) and its value for classes that
 * carry one (weekday, day offset). */
unsigned facts_lex(const char *w, int *value);

/* The word looks like a French conditional verb ("auraient", "serait"), not a
 * noun of the same ending. */
int facts_is_conditional(const char *w, size_t len);

/* The gazetteer (places.c over the generated table): a place's ISO 3166-1 alpha-2
 * country and whether it is a country (2), a capital (1); 0 when unknown. The name
 * is folded (lower case, no accents). */
int facts_place(const char *folded, size_t len, char country[3]);

/* Folds a string for comparison: lower case, accents removed, apostrophes ' and
 * dashes -. Writes at most cap-1 bytes + NUL and returns the length. */
size_t facts_fold(const char *s, size_t len, char *out, size_t cap);

/* recoupe_facts_extract over the tokens of text given (NULL: it tokenises the
 * text itself); the tokens are only read. */
recoupe_status facts_extract_tokens(const char *text, size_t len, const char *lang, int64_t timestamp,
                                    const text_tokens *tokens, recoupe_facts **out);

/* The working state over one article. */
typedef struct facts_doc {
    const char *text;
    size_t len;
    const char *lang;
    int64_t timestamp;
    text_tokens tok;
    unsigned *lex; /* classes of each token */
    int *lexval;
    recoupe_facts *out;
    /* entity index (entities.c) */
    void *ents;
    /* the last named speaker (entity index), for pronouns */
    int last_speaker;
    char last_name[128]; /* the last named speaker, for pronouns without an entity */
    char last_role[128];
} facts_doc;

/* Entities: finds the mentions (runs of capitalised words) of the whole text and
 * merges them into doc->out->entities. Returns 0 or -1 on OOM. */
int facts_entities(facts_doc *d);
/* The entity whose mention covers token i, or -1. */
int facts_entity_at(const facts_doc *d, size_t i);
void facts_entities_release(facts_doc *d);

/* Attribution of the claim whose number spans tokens [n0, n1) of sentence tokens
 * [s0, s1): fills said_by, role, speaker. Returns 0 or -1 on OOM. */
int facts_attribute(facts_doc *d, size_t s0, size_t s1, size_t n0, size_t n1, recoupe_claim *c);

/* A punctuation mark (a byte of set) between tokens i and i+1. */
int facts_punct_after(const facts_doc *d, size_t i, const char *set);
/* A copy of text[a, b) as written, with spaces collapsed; NULL on OOM or when empty. */
char *facts_span(const facts_doc *d, size_t a, size_t b);
/* The original text of tokens [i, j). */
char *facts_tokens_text(const facts_doc *d, size_t i, size_t j);

#endif
