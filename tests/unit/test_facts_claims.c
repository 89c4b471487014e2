/* test_facts_claims.c: the quantity claims of recoupe_facts_extract on short texts
 * written for the tests: attribution patterns, stances, qualifiers, non-claims,
 * and bad input that must stay bounded. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "recoupe.h"

static recoupe_facts *get(const char *text, const char *lang) {
    recoupe_facts *f = NULL;
    int64_t day = 1733356800; /* 2024-12-05, a Thursday */
    assert_int_equal(recoupe_facts_extract(text, strlen(text), lang, day, &f), RECOUPE_OK);
    assert_non_null(f);
    return f;
}

/* the claim of value v, or NULL */
static const recoupe_claim *find(const recoupe_facts *f, double v) {
    for (size_t i = 0; i < f->n_claims; i++)
        if (f->claims[i].value == v) return &f->claims[i];
    return NULL;
}

static void said(const char *text, const char *lang, double v, const char *who) {
    recoupe_facts *f = get(text, lang);
    const recoupe_claim *c = find(f, v);
    assert_non_null(c);
    assert_non_null(c->said_by);
    assert_non_null(strstr(c->said_by, who));
    recoupe_facts_free(f);
}

static void test_selon(void **s) {
    (void)s;
    said("Au total, 4 500 maisons ont été détruites, selon la Croix-Rouge.", "fr", 4500, "Croix-Rouge");
    said("D'après Marie Dupont, 300 élèves manquaient à l'appel.", "fr", 300, "Marie Dupont");
}

static void test_subject_verb(void **s) {
    (void)s;
    said("Le maire de la ville Paul Martin a déclaré que 120 familles seront relogées.", "fr", 120, "Paul Martin");
    said("The agency said 2,300 flights were cancelled.", "en", 2300, "agency");
    /* an imperfect, an infinitive after "vient de", "chiffre" as a verb */
    said("La Croix-Rouge indiquait mardi que 900 abris étaient ouverts.", "fr", 900, "Croix-Rouge");
    said("La mairie vient d'annoncer que 250 logements seront construits.", "fr", 250, "mairie");
    said("La fédération chiffre à 4 000 le nombre de licenciés perdus.", "fr", 4000, "fédération");
}

static void test_inversion(void **s) {
    (void)s;
    said("Environ 700 policiers seront mobilisés, a indiqué la préfecture.", "fr", 700, "préfecture");
    /* "comme l'indique X": the subject after the verb, the l' its object */
    said("Et, comme l'indique le communiqué de la mairie, 12 écoles resteront fermées.", "fr", 12,
         "communiqué de la mairie");
    said("Les pertes atteignent 80 millions d'euros, comme l'a affirmé le quotidien régional.", "fr", 80e6,
         "quotidien régional");
}

/* a newspaper's article is part of its name inside a sentence */
static void test_name_with_article(void **s) {
    (void)s;
    said("Le club a versé 40 000 euros de primes, selon Le Figaro.", "fr", 40000, "Le Figaro");
    said("The ministry spent 3 million dollars, according to The Guardian.", "en", 3e6, "The Guardian");
}

/* of two source markers, the one in the number's clause */
static void test_nearest_marker(void **s) {
    (void)s;
    said("Selon le syndicat des personnels de l'usine et de ses environs, la direction envisage que 200 salariés, "
         "selon la préfecture, soient reclassés.",
         "fr", 200, "préfecture");
}

/* "X l'estimait à": l' is the verb's object; after a preposition it is an article */
static void test_object_clitic(void **s) {
    (void)s;
    said("Un rapport interne de la société l'estimait à 900 000 euros.", "fr", 900000, "rapport interne");
    recoupe_facts *f = get("Après l'annonce de 300 suppressions de postes, les salariés ont manifesté.", "fr");
    const recoupe_claim *c = find(f, 300);
    assert_non_null(c);
    assert_null(c->said_by);
    recoupe_facts_free(f);
    /* a speech word as the text's first token: nothing before it to look at */
    recoupe_facts_free(get("Annonce 300 postes supprimés.", "fr"));
    recoupe_facts_free(get("said 2205 passengers were concerned.", "en"));
}

/* whoever counted a figure gave it */
static void test_counting_verbs(void **s) {
    (void)s;
    said("Le comité avait recensé 48 incidents pendant la saison.", "fr", 48, "comité");
    said("The observers counted 1,200 ballots in the district.", "en", 1200, "observers");
}

/* "X, président de Y, a estimé que": the subject before the apposition */
static void test_apposition(void **s) {
    (void)s;
    said("Le maire de Lyon Jean Dupont, président de la métropole, a estimé que 500 logements manquaient.", "fr", 500,
         "Jean Dupont");
}

static void test_according_to(void **s) {
    (void)s;
    said("According to the World Bank, 12,000 jobs were lost.", "en", 12000, "World Bank");
}

static void test_pronoun(void **s) {
    (void)s;
    said("Selon Jeanne Martin, 40 sites sont bloqués. Quelque 900 salariés sont en grève, a-t-elle ajouté.", "fr", 900,
         "Jeanne Martin");
}

static void test_unattributed(void **s) {
    (void)s;
    recoupe_facts *f = get("La ville compte 42 000 habitants.", "fr");
    const recoupe_claim *c = find(f, 42000);
    assert_non_null(c);
    assert_null(c->said_by);
    assert_string_equal(c->thing, "habitants");
    recoupe_facts_free(f);
}

static void stance_is(const char *text, const char *lang, double v, recoupe_stance st) {
    recoupe_facts *f = get(text, lang);
    const recoupe_claim *c = find(f, v);
    assert_non_null(c);
    assert_int_equal(c->stance, st);
    recoupe_facts_free(f);
}

static void test_stances(void **s) {
    (void)s;
    stance_is("Selon la police, 2 000 manifestants auraient défilé.", "fr", 2000, RECOUPE_STANCE_CONDITIONAL);
    stance_is("Selon le syndicat, le nombre pourrait atteindre 5 000 grévistes.", "fr", 5000, RECOUPE_STANCE_FORECAST);
    stance_is("Le ministère dément que 300 postes soient supprimés.", "fr", 300, RECOUPE_STANCE_DENIED);
    stance_is("The union said 800 workers were on strike.", "en", 800, RECOUPE_STANCE_ASSERTED);
}

static void qual_is(const char *text, double v, recoupe_qualifier q, int low_open, int high_open) {
    recoupe_facts *f = get(text, "fr");
    const recoupe_claim *c = find(f, v);
    assert_non_null(c);
    assert_int_equal(c->qualifier, q);
    assert_int_equal(isnan(c->low) != 0, low_open);
    assert_int_equal(isnan(c->high) != 0, high_open);
    recoupe_facts_free(f);
}

static void test_qualifiers(void **s) {
    (void)s;
    qual_is("Jusqu'à 8 000 soldats sont arrivés.", 8000, RECOUPE_QUAL_AT_MOST, 1, 0);
    qual_is("Plus de 10 000 soldats sont arrivés.", 10000, RECOUPE_QUAL_AT_LEAST, 0, 1);
    qual_is("Environ 3 000 soldats sont arrivés.", 3000, RECOUPE_QUAL_ABOUT, 0, 0);
    qual_is("Entre 11 000 à 12 000 soldats sont arrivés.", 11000, RECOUPE_QUAL_RANGE, 0, 0);
    qual_is("Il y a 250 soldats.", 250, RECOUPE_QUAL_EXACT, 0, 0);
}

static void no_claim(const char *text, const char *lang) {
    recoupe_facts *f = get(text, lang);
    assert_int_equal(f->n_claims, 0);
    recoupe_facts_free(f);
}

static void test_not_claims(void **s) {
    (void)s;
    no_claim("Le sommet s'est tenu le 28 octobre 2024.", "fr");     /* date, year */
    no_claim("Il est arrivé à 20h52.", "fr");                       /* time */
    no_claim("Le suspect, âgé de 34 ans, a été interpellé.", "fr"); /* age */
    no_claim("Voir l'article 49 de la Constitution.", "fr");        /* law article */
    no_claim("Appelez le 01 23 45 67 89.", "fr");                   /* phone */
    no_claim("He was born in 1987 and died aged 60 years.", "en");  /* year, age */
}

static void test_stated(void **s) {
    (void)s;
    recoupe_facts *f = get("Le ministre a déclaré mardi que 400 écoles resteront fermées.", "fr");
    const recoupe_claim *c = find(f, 400);
    assert_non_null(c);
    assert_int_equal(c->stated, 1733356800 - 2 * 86400); /* the Tuesday before */
    recoupe_facts_free(f);
}

static void test_bad_input(void **s) {
    (void)s;
    size_t n = 100000;
    char *big = malloc(n + 1);
    memset(big, '7', n);
    big[n] = 0;
    recoupe_facts *f = get(big, "fr");
    assert_true(f->n_claims <= 4096);
    recoupe_facts_free(f);
    /* one long list of numbers */
    char *list = malloc(600000);
    size_t o = 0;
    for (int i = 0; i < 60000; i++) o += (size_t)sprintf(list + o, "%d, ", i + 10);
    f = get(list, "en");
    assert_true(f->n_claims <= 4096);
    assert_true(f->truncated);
    recoupe_facts_free(f);
    /* a million mentions of one name */
    char *names = malloc(8000001);
    for (size_t i = 0; i < 1000000; i++) memcpy(names + i * 8, "Blinken ", 8);
    names[8000000] = 0;
    f = get(names, "fr");
    assert_true(f->n_entities <= 4096);
    recoupe_facts_free(f);
    /* unbalanced quotes, RTL marks, NBSP, full-width digits */
    f = get("\xc2\xab Il y a \xe2\x80\x8f"
            "8\xc2\xa0"
            "000 soldats, a dit Paul Martin. \xef\xbc\x93\xef\xbc\x90 chars \xc2\xab \xc2\xab",
            "fr");
    recoupe_facts_free(f);
    free(big);
    free(list);
    free(names);
    assert_int_equal(recoupe_facts_extract(NULL, 3, "fr", 0, &f), RECOUPE_ERR_ARG);
    recoupe_facts_free(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_with_article),
        cmocka_unit_test(test_nearest_marker),
        cmocka_unit_test(test_apposition),
        cmocka_unit_test(test_object_clitic),
        cmocka_unit_test(test_counting_verbs),
        cmocka_unit_test(test_selon),
        cmocka_unit_test(test_subject_verb),
        cmocka_unit_test(test_inversion),
        cmocka_unit_test(test_according_to),
        cmocka_unit_test(test_pronoun),
        cmocka_unit_test(test_unattributed),
        cmocka_unit_test(test_stances),
        cmocka_unit_test(test_qualifiers),
        cmocka_unit_test(test_not_claims),
        cmocka_unit_test(test_stated),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
