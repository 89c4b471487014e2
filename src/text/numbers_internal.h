/* numbers_internal.h: the word tables of the number parser (number_words.c). */
#ifndef RECOUPE_TEXT_NUMBERS_INTERNAL_H
#define RECOUPE_TEXT_NUMBERS_INTERNAL_H

#include <stddef.h>

enum numword_kind {
    NW_UNIT = 1, /* adds: deux, twenty, сто, двести */
    NW_ONE,      /* one/un/a/один: a number only next to another number word */
    NW_HUNDRED,  /* multiplies what precedes by 100: cent, hundred */
    NW_SCALE,    /* mille, thousand, million, тысяча: closes a group */
    NW_DOZEN,    /* dozen, дюжина: multiplies by 12 */
    NW_GROUP,    /* dizaine, centaine, milliers, dozens: a round, approximate amount */
    NW_ABBR,     /* mln, млн, bn, k: a scale only right after digits */
    NW_AND,      /* et, and: joins number words (vingt et un) */
    NW_MONTH,    /* a month name: a number next to it is a date */
    NW_UNITWORD  /* a unit: km, kg, euros */
};

typedef struct numword {
    const char *w;
    int kind;
    double value;
    const char *lang; /* NULL: read in every language; "de": only in German text */
} numword;

/* The entry for a normalised word in text of language lang (an ISO 639-1 code, or
 * NULL when unknown: then only the words read in every language), or NULL. */
const numword *numword_find(const char *w, const char *lang);

/* Looks for an approximation phrase ending with tok[n-1] (tokens nearest the number
 * last). Returns how many tokens it spans (0 if none) and writes it into out. */
size_t numword_approx(const char *const *tok, size_t n, char *out, size_t cap);

#endif
