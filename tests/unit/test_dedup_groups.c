/* test_dedup_groups.c: groups of near-duplicates at a size the fixtures cannot
 * reach, on texts made up here: an article with more than a thousand excerpts
 * (recoupe_dups_group_of must give the group recoupe_dups_groups gives), an
 * excerpt the article's own query does not find (the group is the same asked
 * from either end), a repeated sentence (it counts once), a rewrite between
 * texts of one length (the same both ways), and tens of thousands of pairs whose origins come in the
 * reverse of their groups' order (the groups are ordered by origin). */
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
static size_t word(uint32_t i, char *out) {
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
static size_t sentence(uint32_t s, char *out) {
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

/* sentence s with its words in reverse order: the same stems, another sentence */
static size_t sentence_reversed(uint32_t s, char *out) {
    size_t n = 0;
    for (uint32_t w = WORDS; w-- > 0;) {
        if (w != WORDS - 1) out[n++] = ' ';
        size_t k = word(s * WORDS + w, out + n);
        if (w == WORDS - 1) out[n] = (char)(out[n] - 32);
        n += k;
    }
    out[n++] = '.';
    out[n++] = ' ';
    out[n] = 0;
    return n;
}

static char *text_of(const uint32_t *sent, size_t n) {
    char *t = malloc(n * WORDS * 24 + 1), *p = t;
    assert_non_null(t);
    *p = 0;
    for (size_t i = 0; i < n; i++) p += sentence(sent[i], p);
    return t;
}

/* whether sentence s goes into the sentence table (index.c's rule) */
static int indexed(uint32_t s) {
    char buf[WORDS * 24];
    size_t n = sentence(s, buf);
    dedup_sketch sk;
    assert_int_equal(dedup_sketch_text(buf, n, "en", &sk), 0);
    assert_int_equal(sk.n_sent, 1);
    int r = sk.sent[0].hash && sk.sent[0].words >= DEDUP_SENT_MIN_WORDS && (sk.sent[0].hash & DEDUP_SENT_SAMPLE) == 0;
    dedup_sketch_free(&sk);
    return r;
}

static uint64_t add_text(recoupe_dups *d, char *text, size_t index, const char *date) {
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

/* the size of the group holding key in recoupe_dups_groups (1 when none) */
static size_t group_size(recoupe_dups *d, uint64_t key) {
    recoupe_dup_groups *g;
    assert_int_equal(recoupe_dups_groups(d, &g), RECOUPE_OK);
    size_t n = 1;
    for (size_t i = 0; i < g->n_groups; i++)
        for (size_t k = 0; k < g->groups[i].n_members; k++)
            if (g->groups[i].members[k].key == key) n = g->groups[i].n_members;
    recoupe_dup_groups_free(g);
    return n;
}

static size_t group_of_size(recoupe_dups *d, uint64_t key) {
    recoupe_dup_groups *g;
    assert_int_equal(recoupe_dups_group_of(d, key, &g), RECOUPE_OK);
    size_t n = g->n_groups ? g->groups[0].n_members : 1;
    if (g->n_groups) {
        /* key is in it, and the origin heads it */
        size_t k = 0;
        while (k < n && g->groups[0].members[k].key != key) k++;
        assert_true(k < n);
        assert_int_equal(g->groups[0].members[0].relation, RECOUPE_DUP_NONE);
    }
    recoupe_dup_groups_free(g);
    return n;
}

/* An article of 240 sentences and an excerpt for each pair among 48 of its
 * indexed sentences (1,128 of them, each sentence in 47: under the bucket cap):
 * every excerpt is contained in the article, and in no other excerpt. The
 * article's candidates are more than the 1,024 group_of asked for at first. */
static void test_group_of_many_excerpts(void **state) {
    (void)state;
    uint32_t all[240], ix[48];
    size_t m = 0;
    for (uint32_t s = 0; s < 240; s++) {
        all[s] = s;
        if (m < 48 && indexed(s)) ix[m++] = s;
    }
    assert_int_equal(m, 48);
    recoupe_dups *d = recoupe_dups_new(NULL);
    assert_non_null(d);
    uint64_t karticle = add_text(d, text_of(all, 240), 0, NULL);
    size_t n = 1;
    uint64_t klast = 0;
    for (size_t i = 0; i < m; i++)
        for (size_t j = i + 1; j < m; j++) {
            uint32_t pair[2] = {ix[i], ix[j]};
            klast = add_text(d, text_of(pair, 2), n++, NULL);
        }
    assert_int_equal(n, 1 + 48 * 47 / 2);
    assert_int_equal(group_size(d, karticle), n);
    assert_int_equal(group_of_size(d, karticle), n);
    assert_int_equal(group_of_size(d, klast), n);
    recoupe_dups_free(d);
}

/* An excerpt holding one indexed sentence of the article (and three that are
 * not): its own query finds the article through that sentence, the article's
 * query (it has many indexed sentences, so it asks for two shared) does not
 * find it. The group is the same asked from either end. */
static void test_group_of_either_end(void **state) {
    (void)state;
    uint32_t all[40], ex[4];
    size_t n_ix = 0, n_plain = 0;
    for (uint32_t s = 0; s < 40; s++) {
        all[s] = s;
        if (indexed(s)) {
            if (n_ix < 1) ex[n_ix++] = s;
        } else if (n_plain < 3) {
            ex[1 + n_plain++] = s;
        }
    }
    assert_int_equal(n_ix + n_plain, 4);
    recoupe_dups *d = recoupe_dups_new(NULL);
    assert_non_null(d);
    uint64_t ka = add_text(d, text_of(all, 40), 0, NULL);
    uint64_t ke = add_text(d, text_of(ex, 4), 1, NULL);
    assert_int_equal(group_size(d, ka), 2);
    assert_int_equal(group_of_size(d, ke), 2);
    assert_int_equal(group_of_size(d, ka), 2);
    /* the other order of insertion: the same */
    recoupe_dups_free(d);
    d = recoupe_dups_new(NULL);
    assert_non_null(d);
    ke = add_text(d, text_of(ex, 4), 0, NULL);
    ka = add_text(d, text_of(all, 40), 1, NULL);
    assert_int_equal(group_size(d, ka), 2);
    assert_int_equal(group_of_size(d, ke), 2);
    assert_int_equal(group_of_size(d, ka), 2);
    recoupe_dups_free(d);
}

/* A text that repeats a sentence of another (and has indexed sentences of its
 * own) shares one sentence with it: neither is a candidate of the other (a
 * repeated sentence used to count twice from the repeating side only). */
static void test_repeated_sentence_counts_once(void **state) {
    (void)state;
    uint32_t a[12], b[8];
    size_t nb = 0, n_own = 0;
    for (uint32_t s = 0; s < 12; s++) a[s] = s;
    for (uint32_t s = 0; s < 12 && nb < 2; s++)
        if (indexed(s)) b[nb++] = s, b[nb++] = s;
    for (uint32_t s = 100; n_own < 4; s++)
        if (indexed(s)) b[nb++] = s, n_own++;
    assert_int_equal(nb, 6);
    dedup_index ix;
    dedup_index_init(&ix);
    uint32_t slot[2];
    for (int i = 0; i < 2; i++) {
        dedup_doc *doc = calloc(1, sizeof *doc);
        assert_non_null(doc);
        char *t = i == 0 ? text_of(a, 12) : text_of(b, nb);
        assert_int_equal(dedup_sketch_text(t, strlen(t), "en", &doc->sk), 0);
        free(t);
        long sl = dedup_index_add(&ix, doc);
        assert_true(sl >= 0);
        slot[i] = (uint32_t)sl;
    }
    uint32_t cand[8];
    for (int i = 1; i >= 0; i--) {
        size_t n = dedup_index_candidates(&ix, &ix.doc[slot[i]]->sk, cand, 8);
        assert_int_equal(n, 1); /* itself only */
        assert_int_equal(cand[0], slot[i]);
    }
    assert_true(ix.doc[slot[0]]->sk.n_indexed >= 3);
    assert_int_equal(ix.doc[slot[1]]->sk.n_indexed, 5);
    dedup_index_free(&ix);
}

/* Two texts of the same length: A says sentence 1 three times and sentence 2
 * once, B paraphrases 1 and 2 (words reversed) and adds two of its own. All
 * of A aligns with B, half of B with A: A rewrites B, and B is therefore
 * related to A, whichever is asked first (the smaller text's share was taken
 * from the first argument when the lengths tied). */
static void test_rewrite_same_length_symmetric(void **state) {
    (void)state;
    uint32_t a[4] = {1, 1, 1, 2}, u[2] = {3, 4};
    char *ta = text_of(a, 4), *tu = text_of(u, 2);
    char *tb = malloc(strlen(tu) + 2 * WORDS * 24 + 1);
    assert_non_null(tb);
    size_t n = sentence_reversed(1, tb);
    n += sentence_reversed(2, tb + n);
    strcpy(tb + n, tu);
    dedup_sketch sa, sb;
    assert_int_equal(dedup_sketch_text(ta, strlen(ta), "en", &sa), 0);
    assert_int_equal(dedup_sketch_text(tb, strlen(tb), "en", &sb), 0);
    assert_int_equal(sa.n_words, sb.n_words);
    dedup_thresholds t;
    dedup_thresholds_default(&t);
    double s1, s2;
    enum dedup_relation r1 = dedup_relate(&sa, &sb, &t, &s1), r2 = dedup_relate(&sb, &sa, &t, &s2);
    assert_int_equal(r1, DEDUP_REWRITE);
    assert_int_equal(r2, DEDUP_REWRITE);
    assert_true(s1 == s2);
    dedup_sketch_free(&sa);
    dedup_sketch_free(&sb);
    free(ta), free(tb), free(tu);
}

/* 20,000 pairs: the first of each pair is added first and dated first (it is
 * the origin), the second ones are added in reverse. The groups come ordered by
 * their origin's insertion (the order used to cost a quadratic insertion sort:
 * the groups were built in the reverse order). */
static void test_groups_ordered_by_origin(void **state) {
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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_group_of_many_excerpts),        cmocka_unit_test(test_group_of_either_end),
        cmocka_unit_test(test_repeated_sentence_counts_once), cmocka_unit_test(test_rewrite_same_length_symmetric),
        cmocka_unit_test(test_groups_ordered_by_origin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
