/* test_text_tokens.c: normalisation, tokens, sentences and stems of the text layer,
 * each rule with French, English and Russian cases, and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include "text/text.h"
#include "text/text_internal.h"

/* "form|form|..." of the tokens, with a kind prefix for non-words:
 * '#' number, '@' e-mail, '^' URL, '~' CJK, '+' part, and a trailing '*' when elided. */
static char *render(const char *s) {
    text_tokens t;
    assert_int_equal(text_tokenize(s, strlen(s), &t), 0);
    size_t cap = 64;
    for (size_t i = 0; i < t.n; i++) cap += t.v[i].len + 4;
    char *out = malloc(cap), *p = out;
    *p = '\0';
    for (size_t i = 0; i < t.n; i++) {
        const text_token *k = &t.v[i];
        assert_int_equal(strlen(k->s), k->len);
        if (i) *p++ = '|';
        const char *pre = k->kind == TEXT_NUMBER  ? "#"
                          : k->kind == TEXT_EMAIL ? "@"
                          : k->kind == TEXT_URL   ? "^"
                          : k->kind == TEXT_CJK   ? "~"
                          : k->kind == TEXT_PART  ? "+"
                                                  : "";
        p += sprintf(p, "%s%s%s", pre, k->s, (k->flags & TEXT_ELIDED) ? "*" : "");
    }
    text_tokens_free(&t);
    return out;
}

#define assert_tokens(text, expected)                                                                                  \
    do {                                                                                                               \
        char *got_ = render(text);                                                                                     \
        assert_string_equal(got_, expected);                                                                           \
        free(got_);                                                                                                    \
    } while (0)

static void assert_norm(const char *in, const char *expected) {
    size_t n;
    char *out = text_normalize(in, strlen(in), &n);
    assert_non_null(out);
    assert_string_equal(out, expected);
    assert_int_equal(n, strlen(expected));
    free(out);
}

/* ------------------------------------------------------------ normalisation */

static void test_normalize_spaces(void **state) {
    (void)state;
    assert_norm("8 000", "8 000");
    assert_norm("8\xc2\xa0"
                "000",
                "8 000"); /* no-break space */
    assert_norm("8\xe2\x80\xaf"
                "000",
                "8 000"); /* narrow no-break space */
    assert_norm("8\xe2\x80\x89"
                "000",
                "8 000"); /* thin space */
    assert_norm("11\xc2\xa0"
                "000 soldiers",
                "11 000 soldiers");
    assert_norm("10\xe2\x80\xaf"
                "000 военных",
                "10 000 военных");
}

static void test_normalize_punctuation(void **state) {
    (void)state;
    /* apostrophes */
    assert_norm("L\xe2\x80\x99"
                "Arm\xc3\xa9"
                "e",
                "l'armée");
    assert_norm("don\xca\xbct", "don't");
    assert_norm("d'Etat", "d'etat");
    /* quotes */
    assert_norm("\xc2\xab"
                "Bonjour"
                "\xc2\xbb",
                "\"bonjour\"");
    assert_norm("\xe2\x80\x9c"
                "Hello"
                "\xe2\x80\x9d",
                "\"hello\"");
    assert_norm("\xe2\x80\x9e"
                "Привет"
                "\xe2\x80\x9c",
                "\"привет\"");
    /* dashes */
    assert_norm("nord\xe2\x80\x90"
                "cor\xc3\xa9"
                "ens",
                "nord-coréens");
    assert_norm("2023\xe2\x80\x93"
                "2024",
                "2023-2024");
    assert_norm("a \xe2\x80\x94 b", "a - b");
}

static void test_normalize_nfkc_casefold(void **state) {
    (void)state;
    assert_norm("ARMÉE", "armée");
    assert_norm("Arme\xcc\x81"
                "e",
                "armée");                                       /* decomposed é recomposes */
    assert_norm("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3", "abc"); /* full-width */
    assert_norm("Stra\xc3\x9f"
                "e",
                "strasse");
    assert_norm("ПУТИН Путин", "путин путин");
    assert_norm("478 km\xc2\xb2", "478 km2");
    assert_norm("\xef\xac\x81"
                "n",
                "fin"); /* ligature */
    assert_norm("soft\xc2\xad"
                "hyphen",
                "softhyphen"); /* ignorable dropped */
    assert_norm("", "");
    size_t n = 99;
    char *e = text_normalize(NULL, 0, &n);
    assert_non_null(e);
    assert_int_equal(n, 0);
    free(e);
}

static utf8proc_int32_t fold_cb(utf8proc_int32_t c, void *data) {
    (void)data;
    return c < 0x80 ? c : text_punct_fold(c);
}

/* The fast paths of text_normalize give what utf8proc gives for the whole string. */
static void test_normalize_matches_utf8proc(void **state) {
    (void)state;
    static const char *const cases[] = {
        "Élysée ÀÉÎÕÜ Ærøskøbing",
        "Arme\xcc\x81"
        "e A\xcc\x8a"
        "ngstro\xcc\x88m",
        "Straße ΣΊΣΥΦΟΣ ǅemal ﬁﬂ ½ ²³ ㎞ Ⅻ",
        "ПРИВЕТ Ёлка Ї ґ",
        "שָׁלוֹם عَرَبِيّ",
        "हिन्दी தமிழ் ภาษาไทย",
        "한국어 ﾊﾝｶｸ 漢字 かな",
        "soft\xc2\xad"
        "hyphen zw\xe2\x80\x8b"
        "sp",
        "\xe2\x80\x9cq\xe2\x80\x9d \xc2\xab"
        "g\xc2\xbb l\xe2\x80\x99"
        "a 8\xe2\x80\xaf"
        "000 a\xe2\x80\x94"
        "b",
        "e\xcc\x81\xcc\x81\xcc\x81 x\xcd\x9c\xcc\xb7 \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd \xf0\x9f\x87\xab\xf0\x9f\x87\xb7",
        "\xe1\x84\x80\xe1\x85\xa1 Ǆ ǈ İstanbul ΐ ẞ",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        utf8proc_uint8_t *want = NULL;
        utf8proc_ssize_t n = utf8proc_map_custom((const utf8proc_uint8_t *)cases[i], (utf8proc_ssize_t)strlen(cases[i]),
                                                 &want, TEXT_NORM_OPTS, fold_cb, NULL);
        assert_true(n >= 0);
        size_t got_len;
        char *got = text_normalize(cases[i], strlen(cases[i]), &got_len);
        assert_string_equal(got, (const char *)want);
        free(got);
        free(want);
    }
}

/* ------------------------------------------------------------ tokens */

static void test_tokens_elision(void **state) {
    (void)state;
    assert_tokens("l\xe2\x80\x99"
                  "armée",
                  "l'*|armée");
    assert_tokens("jusqu'à Koursk", "jusqu'*|à|koursk");
    assert_tokens("qu'il d'Etat L'Ukraine", "qu'*|il|d'*|etat|l'*|ukraine");
    assert_tokens("aujourd'hui", "aujourd'hui");
    assert_tokens("dell'esercito", "dell'*|esercito");
    /* English and Russian: no elision */
    assert_tokens("don't O'Brien", "don't|o'brien");
    assert_tokens("д'Артаньян", "д'артаньян");
    /* Korean quotes with ‘ ’: not an inner apostrophe */
    assert_tokens("‘폭력’이라는", "폭력|이라는");
}

static void test_tokens_compounds(void **state) {
    (void)state;
    assert_tokens("soldats nord-coréens", "soldats|nord-coréens|+nord|+coréens");
    assert_tokens("c'est-à-dire", "c'*|est-à-dire|+est|+à|+dire");
    assert_tokens("a well-known fact", "a|well-known|+well|+known|fact");
    assert_tokens("северо-корейские войска", "северо-корейские|+северо|+корейские|войска");
    assert_tokens("nord\xe2\x80\x91"
                  "coréens",
                  "nord-coréens|+nord|+coréens");
    /* a dash between spaces or at the ends is punctuation */
    assert_tokens("Paris - Moscou -x y-", "paris|moscou|x|y");
}

static void test_tokens_numbers(void **state) {
    (void)state;
    /* every form in the seed articles */
    assert_tokens("8 000 soldats", "#8 000|soldats");
    assert_tokens("8\xc2\xa0"
                  "000 soldats",
                  "#8 000|soldats");
    assert_tokens("8\xe2\x80\xaf"
                  "000 soldats",
                  "#8 000|soldats");
    assert_tokens("10.000 hommes", "#10.000|hommes");
    assert_tokens("1 500 km", "#1 500|km");
    assert_tokens("3.000 troops", "#3.000|troops");
    assert_tokens("11 000 soldiers", "#11 000|soldiers");
    assert_tokens("12 000 военных", "#12 000|военных");
    assert_tokens("12,000 troops", "#12,000|troops");
    assert_tokens("478 km\xc2\xb2", "#478|km2");
    assert_tokens("1,5 million", "#1,5|million");
    assert_tokens("1 500 000 habitants", "#1 500 000|habitants");
    /* groups that are not thousands stay apart */
    assert_tokens("en 2024 1 500 personnes", "en|#2024|#1 500|personnes");
    assert_tokens("1 2 3", "#1|#2|#3");
    assert_tokens("10 0000", "#10|#0000");
    assert_tokens("le 31 octobre, 20h52", "le|#31|octobre|20h52");
    assert_tokens("fin. 8 000", "fin|#8 000");
}

static void test_tokens_urls_emails(void **state) {
    (void)state;
    assert_tokens("voir https://www.liberation.fr/international/koursk_2024/.",
                  "voir|^https://www.liberation.fr/international/koursk_2024/");
    assert_tokens("(see www.example.com/a?b=1), then", "see|^www.example.com/a?b=1|then");
    assert_tokens("écrire à redaction@lemonde.fr.", "écrire|à|@redaction@lemonde.fr");
    assert_tokens("mail Jane.Doe+news@example.co.uk now", "mail|@jane.doe+news@example.co.uk|now");
    assert_tokens("пишите на info@ria.ru", "пишите|на|@info@ria.ru");
    assert_tokens("not@an-address x@y", "not|an-address|+an|+address|x|y");
}

static void test_tokens_cjk(void **state) {
    (void)state;
    assert_tokens("朝鲜士兵", "~朝鲜|~鲜士|~士兵");
    assert_tokens("中", "~中");
    assert_tokens("Koursk州 8000人", "koursk|~州|#8000|~人");
    /* Thai: clusters keep their marks */
    assert_tokens("ทหาร", "~ทห|~หา|~าร");
    assert_tokens("ที่", "~ที่");
    /* a CJK character under a flood of marks: a bounded token */
    char flood[1 + 3 + 2 * 1000];
    memcpy(flood, "\xe4\xb8\xad", 3);
    for (int i = 0; i < 1000; i++) memcpy(flood + 3 + 2 * i, "\xcc\x81", 2);
    flood[3 + 2000] = '\0';
    text_tokens t;
    assert_int_equal(text_tokenize(flood, strlen(flood), &t), 0);
    assert_int_equal(t.n, 1);
    assert_true(t.v[0].orig_len <= 256);
    text_tokens_free(&t);
}

static void test_tokens_flags_offsets(void **state) {
    (void)state;
    const char *s = "M. Blinken a parlé. L’OTAN répond ! The USA agree.";
    text_tokens t;
    assert_int_equal(text_tokenize(s, strlen(s), &t), 0);
    assert_int_equal(t.n_sentences, 3);
    assert_string_equal(t.v[0].s, "m");
    assert_true(t.v[0].flags & TEXT_CAPITALISED);
    assert_true(t.v[0].flags & TEXT_SENTENCE_START);
    assert_string_equal(t.v[1].s, "blinken");
    assert_false(t.v[1].flags & TEXT_SENTENCE_START);
    assert_int_equal(t.v[1].sentence, 0);
    /* l' starts sentence 1; its offset and original span point into s */
    assert_string_equal(t.v[4].s, "l'");
    assert_int_equal(t.v[4].sentence, 1);
    assert_true(t.v[4].flags & TEXT_SENTENCE_START);
    assert_int_equal(t.v[4].offset, (uint32_t)(strstr(s, "L’") - s));
    assert_int_equal(t.v[4].orig_len, strlen("L’"));
    assert_string_equal(t.v[5].s, "otan");
    assert_true(t.v[5].flags & TEXT_ALLCAPS);
    assert_memory_equal(s + t.v[5].offset, "OTAN", 4);
    assert_string_equal(t.v[8].s, "usa");
    assert_int_equal(t.v[8].sentence, 2);
    assert_true(t.v[8].flags & TEXT_ALLCAPS);
    assert_false(t.v[9].flags & (TEXT_CAPITALISED | TEXT_ALLCAPS));
    text_tokens_free(&t);
    text_tokens_free(&t); /* second free is harmless */
    text_tokens_free(NULL);
}

/* ------------------------------------------------------------ sentences */

static size_t count_sentences(const char *s, uint32_t *starts, size_t cap) {
    return text_sentences(s, strlen(s), starts, cap);
}

static void test_sentences(void **state) {
    (void)state;
    uint32_t st[16];
    const char *fr = "M. Blinken a parlé jeudi. « Nous n’avons pas vu ces troupes », a-t-il dit. Ensuite...";
    assert_int_equal(count_sentences(fr, st, 16), 3);
    assert_int_equal(st[0], 0);
    assert_memory_equal(fr + st[1], "«", 2);
    assert_memory_equal(fr + st[2], "Ensuite", 7);
    const char *en = "Mr. Smith went to Washington D.C. on Oct. 31. He said: \"Yes!\" Then he left.";
    assert_int_equal(count_sentences(en, st, 16), 3);
    assert_memory_equal(en + st[1], "He", 2);
    assert_memory_equal(en + st[2], "Then", 4);
    const char *ru = "Это произошло в 2024 г. в Курской области. Около 10 000 военных! Что дальше?";
    assert_int_equal(count_sentences(ru, st, 16), 3);
    assert_memory_equal(ru + st[1], "Около", strlen("Около"));
    /* lower case after a full stop: not a boundary */
    assert_int_equal(count_sentences("etc. and so on. Yes", st, 16), 2);
    /* line breaks: blank line always, single one unless the next line is lower case */
    assert_int_equal(count_sentences("Titre sans point\nLe texte commence\nici et continue.\n\nsuite", st, 16), 3);
    /* CJK full stop needs no space */
    assert_int_equal(count_sentences("朝鲜士兵。俄罗斯。", st, 16), 2);
    /* cap, and counting with NULL */
    assert_int_equal(count_sentences("A. B. Smith et J. Dupont. Puis", NULL, 0), 2);
    assert_int_equal(count_sentences("One. Two. Three. Four.", st, 2), 2);
    assert_int_equal(count_sentences("One. Two. Three. Four.", NULL, 2), 4);
    assert_int_equal(count_sentences("", st, 16), 0);
    assert_int_equal(count_sentences("   \n\n  ", st, 16), 0);
}

/* ------------------------------------------------------------ stems */

static void assert_stem(const char *lang, const char *w, const char *expected) {
    char out[64];
    size_t n = text_stem(lang, w, strlen(w), out, sizeof out);
    assert_string_equal(out, expected);
    assert_int_equal(n, strlen(expected));
}

static void test_stems(void **state) {
    (void)state;
    assert_stem("fr", "soldats", "soldat");
    assert_stem("fr", "déployés", "déploi");
    assert_stem("en", "running", "run");
    assert_stem("en", "troops", "troop");
    assert_stem("ru", "военных", "воен");
    assert_stem("ru", "области", "област");
    assert_stem("de", "soldaten", "soldat");
    assert_stem("pt-BR", "soldados", "sold");
    assert_stem("nb", "soldatene", "soldat");
    /* no stemmer: copied */
    assert_stem("xx", "soldats", "soldats");
    assert_stem("und", "soldats", "soldats");
    assert_stem(NULL, "soldats", "soldats");
    assert_stem("uk", "солдати", "солдати");
    assert_true(text_has_stemmer("fr"));
    assert_true(text_has_stemmer("ta"));
    assert_false(text_has_stemmer("uk"));
    assert_false(text_has_stemmer(NULL));
    /* small output buffer: truncated on a character boundary */
    char small[4];
    assert_int_equal(text_stem("xx", "été", strlen("été"), small, sizeof small), 3);
    assert_string_equal(small, "ét");
    assert_int_equal(text_stem("xx", "ééé", strlen("ééé"), small, sizeof small), 2);
    assert_string_equal(small, "é");
    assert_int_equal(text_stem("fr", "x", 1, small, 0), 0);
}

/* The per-thread stem cache answers what Snowball answers: first sight, hits in
 * either entry of a set, stems that are not a prefix of their word ("happy" ->
 * "happi"), words at the size limits of an entry, and after the cache of
 * stemmers evicted a language (its cached stems must be forgotten). */
static void test_stems_cache(void **state) {
    (void)state;
    static const char *const words[] = {
        "happy",
        "happiness",
        "running",
        "generalizations",
        "internationalizationsxxxxxxx",
        "internationalizations",
        "antidisestablishmentarianism",
        "abcdefghijklmnopqrstuvwxyzies",
        "déployés",
        "continuellement",
        "anticonstitutionnellement",
        "ouïe",
        "военных",
        "правительства",
        "достопримечательности",
        "häuser",
        "donaudampfschiffahrtsgesellschaft",
        "dell'armata",
        "soldados",
        "nationalités",
    };
    static const char *const langs[] = {"en", "fr", "ru", "de", "es", "it", "pt", "nl", "sv",
                                        "da", "fi", "hu", "ro", "tr", "el", "ar", "ca", "eu",
                                        "ga", "no", "lt", "ne", "ta", "sr", "hy", "id", "yi"};
    enum { NW = sizeof words / sizeof *words, NL = sizeof langs / sizeof *langs };
    static char ref[NL][NW][128];
    for (size_t l = 0; l < NL; l++) {
        struct sb_stemmer *st = sb_stemmer_new(langs[l], "UTF_8");
        assert_non_null(st);
        for (size_t i = 0; i < NW; i++) {
            const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)words[i], (int)strlen(words[i]));
            assert_non_null(r);
            snprintf(ref[l][i], sizeof ref[l][i], "%.*s", sb_stemmer_length(st), (const char *)r);
        }
        sb_stemmer_delete(st);
    }
    /* rounds of a few languages (hits in both entries of a set) and rounds of all of
     * them (more than the 16 stemmers a thread keeps: languages get evicted) */
    char out[128];
    for (int round = 0; round < 30; round++) {
        size_t nl = round % 3 == 2 ? NL : 3 + (size_t)round % 4;
        for (size_t k = 0; k < nl * NW; k++) {
            size_t l = (k / NW + (size_t)round) % nl, i = (k * 7 + (size_t)round) % NW;
            size_t n = text_stem(langs[l], words[i], strlen(words[i]), out, sizeof out);
            assert_string_equal(out, ref[l][i]);
            assert_int_equal(n, strlen(ref[l][i]));
        }
    }
}

static void *stem_thread(void *arg) {
    const char *lang = arg;
    char out[64];
    for (int i = 0; i < 2000; i++) {
        const char *w = (i & 1) ? "déployés" : "soldats";
        text_stem(lang, w, strlen(w), out, sizeof out);
        if (strcmp(out, (i & 1) ? "déploi" : "soldat") != 0) return (void *)1;
        /* many languages in one thread: the cache evicts */
        static const char *langs[] = {"en", "de", "es", "it", "pt", "nl", "sv", "da", "fi",
                                      "hu", "ro", "tr", "ru", "el", "ar", "ca", "eu", "ga"};
        text_stem(langs[i % 18], "abc", 3, out, sizeof out);
    }
    return NULL;
}

static void test_stems_threads(void **state) {
    (void)state;
    pthread_t th[2];
    for (int i = 0; i < 2; i++) assert_int_equal(pthread_create(&th[i], NULL, stem_thread, "fr"), 0);
    for (int i = 0; i < 2; i++) {
        void *r;
        pthread_join(th[i], &r);
        assert_null(r);
    }
}

/* ------------------------------------------------------------ hostile input */

static void test_bad_input(void **state) {
    (void)state;
    text_tokens t;
    assert_int_equal(text_tokenize("", 0, &t), 0);
    assert_int_equal(t.n, 0);
    text_tokens_free(&t);
    assert_int_equal(text_tokenize(NULL, 5, &t), 0);
    assert_int_equal(t.n, 0);
    text_tokens_free(&t);

    /* 1 MB without a space: bounded tokens */
    size_t big = 1 << 20;
    char *s = malloc(big + 1);
    memset(s, 'a', big);
    s[big] = '\0';
    assert_int_equal(text_tokenize(s, big, &t), 0);
    assert_int_equal(t.n, big / 256);
    for (size_t i = 0; i < t.n; i++) assert_true(t.v[i].orig_len <= 256);
    text_tokens_free(&t);
    size_t n;
    char *norm = text_normalize(s, big, &n);
    assert_int_equal(n, big);
    free(norm);

    /* combining-mark flood */
    memcpy(s, "a", 1);
    for (size_t i = 1; i + 2 <= big; i += 2) memcpy(s + i, "\xcc\x81", 2);
    assert_int_equal(text_tokenize(s, big - 1, &t), 0);
    assert_true(t.n > 0);
    text_tokens_free(&t);
    norm = text_normalize(s, big - 1, &n);
    assert_non_null(norm);
    assert_true(n > 0);
    free(norm);
    /* marks of alternating classes (230, 220) after one letter: they must be
     * reordered, which must not take quadratic time (stream-safe chunks of 30) */
    for (size_t i = 1; i + 4 <= big; i += 4) memcpy(s + i, "\xcc\x81\xcc\x96", 4);
    size_t flood = 1 + (big - 1) / 4 * 4;
    norm = text_normalize(s, flood, &n);
    assert_non_null(norm);
    assert_int_equal(n, flood - 1); /* a + U+0301 compose into á */
    assert_int_equal(text_tokenize(s, flood, &t), 0);
    text_tokens_free(&t);
    free(norm);
    free(s);

    /* mixed scripts, right-to-left, emoji, control characters */
    assert_tokens("Москваparis Paris-Москва", "москваparis|paris-москва|+paris|+москва");
    assert_tokens("القوات الروسية في كورسك", "القوات|الروسية|في|كورسك");
    assert_tokens("שלום עולם", "שלום|עולם");
    assert_tokens("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd ok \xf0\x9f\x87\xab\xf0\x9f\x87\xb7!", "ok");
    assert_tokens("a\x01"
                  "b\x7f"
                  "c\td",
                  "a|b|c|d");
    assert_tokens("\xe2\x80\x8f\xd8\xa8\xe2\x80\x8e", "ب");
    /* invalid UTF-8 never crashes */
    assert_tokens("\xff\xfe abc \xc3", "abc");
    assert_tokens("'''---...,,,", "");
    assert_tokens("\xcc\x81\xcc\x81 x", "x");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_spaces),
        cmocka_unit_test(test_normalize_punctuation),
        cmocka_unit_test(test_normalize_nfkc_casefold),
        cmocka_unit_test(test_normalize_matches_utf8proc),
        cmocka_unit_test(test_tokens_elision),
        cmocka_unit_test(test_tokens_compounds),
        cmocka_unit_test(test_tokens_numbers),
        cmocka_unit_test(test_tokens_urls_emails),
        cmocka_unit_test(test_tokens_cjk),
        cmocka_unit_test(test_tokens_flags_offsets),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_stems),
        cmocka_unit_test(test_stems_cache),
        cmocka_unit_test(test_stems_threads),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
