/* test_dedup_groups.c: groups of near-duplicates at a size the fixtures cannot
 * reach, on texts made up here: tens of thousands of pairs whose origins come
 * in the reverse of their groups' order (the groups are ordered by origin). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dedup/dedup_int.h"

#define WORDS 13 /* words per made-up sentence */

/* a made-up word for number i: consonant-vowel syllables, at least 4 letters,
 * and a final q that no stemmer strips (two words, two stems) */
static size_t word(uint32_t i, char *out)
{
    static const char cons[] = "bdfgklmnprstvz", vow[] = "aeiou";
    size_t n = 0;
    for (int s = 0; s < 3 || i; s++) {
        out[n++] = cons[i % 14];
        i /= 14;
        out[n++] = vow[i % 5];
        i /= 5;
    }
    out[n++] = 'q';
    return n;
}

/* sentence s: WORDS words of its own, capitalised, with a full stop */
static size_t sentence(uint32_t s, char *out)
{
    size_t n = 0;
    for (uint32_t w = 0; w < WORDS; w++) {
        if (w) out[n++] = ' ';
        size_t k = word(s * WORDS + w, out + n);
        if (w == 0) out[n] = (char)(out[n] - 32);
        n += k;
    }
    out[n++] = '.';
    out[n++] = ' ';
    out[n] = 0;
    return n;
}

static char *text_of(const uint32_t *sent, size_t n)
{
    char *t = malloc(n * WORDS * 24 + 1), *p = t;
    assert_non_null(t);
    *p = 0;
    for (size_t i = 0; i < n; i++) p += sentence(sent[i], p);
    return t;
}

static uint64_t add_text(recoupe_dups *d, char *text, size_t index, const char *date)
{
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->text = text;
    a->lang = strdup("en");
    if (date) a->date = strdup(date);
    uint64_t key;
    assert_int_equal(recoupe_dups_add(d, a, index, &key), RECOUPE_OK);
    recoupe_article_free(a);
    return key;
}

/* 20,000 pairs: the first of each pair is added first and dated first (it is
 * the origin), the second ones are added in reverse. The groups come ordered by
 * their origin's insertion (the order used to cost a quadratic insertion sort:
 * the groups were built in the reverse order). */
static void test_groups_ordered_by_origin(void **state)
{
    (void)state;
    enum { PAIRS = 20000 };
    recoupe_dups *d = recoupe_dups_new(NULL);
    assert_non_null(d);
    for (uint32_t i = 0; i < PAIRS; i++) {
        uint32_t s[3] = {3 * i, 3 * i + 1, 3 * i + 2};
        add_text(d, text_of(s, 3), i, "2024-01-01");
    }
    for (uint32_t i = PAIRS; i-- > 0;) {
        uint32_t s[3] = {3 * i, 3 * i + 1, 3 * i + 2};
        add_text(d, text_of(s, 3), PAIRS + i, "2024-01-02");
    }
    recoupe_dup_groups *g;
    assert_int_equal(recoupe_dups_groups(d, &g), RECOUPE_OK);
    assert_int_equal(g->n_groups, PAIRS);
    for (size_t i = 0; i < PAIRS; i++) {
        assert_int_equal(g->groups[i].n_members, 2);
        assert_int_equal(g->groups[i].members[0].index, i);
        assert_int_equal(g->groups[i].members[1].index, PAIRS + i);
        assert_int_equal(g->groups[i].members[1].relation, RECOUPE_DUP_DUPLICATE);
    }
    recoupe_dup_groups_free(g);
    recoupe_dups_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_groups_ordered_by_origin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
