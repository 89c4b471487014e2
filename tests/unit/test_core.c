/* test_core.c: the article record's analysis (recoupe_article_process,
 * recoupe_article_release) and its slots: what each stage leaves, that the
 * tokens are made once and kept only when asked, and that a slot is freed by the
 * function its stage put there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "recoupe.h"

static recoupe_article *article(const char *title, const char *text) {
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->title = title ? strdup(title) : NULL;
    a->text = strdup(text);
    a->date = strdup("2024-10-31T20:52:00+01:00");
    a->url = strdup("https://www.example.org/news/1");
    return a;
}

static const char TEXT[] = "Les pompiers ont maîtrisé l'incendie dimanche soir. Plus de 8 000 hectares ont brûlé.\n\n"
                           "Le préfet a remercié les secours.";

static void test_tokens_kept(void **state) {
    (void)state;
    recoupe_article *a = article("Incendie dans le Var", TEXT);
    assert_int_equal(recoupe_article_process(a, RECOUPE_STAGE_TOKENS | RECOUPE_STAGE_NUMBERS), RECOUPE_OK);
    const recoupe_analysis *an = &a->analysis;
    assert_true(an->done & RECOUPE_STAGE_ANALYSE);
    assert_string_equal(a->detected_lang, "fr");
    assert_int_equal(a->timestamp, 1730404320);
    assert_string_equal(an->outlet, "www.example.org");
    assert_string_equal(an->headline, "Incendie dans le Var");
    assert_ptr_equal(an->text, a->text);
    assert_int_equal(an->body_start, 0);
    assert_true(an->n_tokens > 10);
    assert_int_equal(an->n_title_tokens, 4);
    assert_int_equal(an->n_sentences, 3);
    /* offsets are into the text; words carry their stem, numbers none */
    int saw_number = 0;
    for (size_t i = 0; i < an->n_tokens; i++) {
        const recoupe_token *t = &an->tokens[i];
        assert_true(t->offset + t->len <= an->text_len);
        if (t->kind == RECOUPE_TOKEN_WORD && t->norm_len >= 4) assert_non_null(t->stem);
        if (t->kind == RECOUPE_TOKEN_WORD && t->norm_len < 3) assert_null(t->stem); /* no content word */
        if (t->kind == RECOUPE_TOKEN_NUMBER) {
            assert_null(t->stem);
            assert_memory_equal(an->text + t->offset, "8 000", 5);
            saw_number = 1;
        }
        assert_true(t->sentence < an->n_sentences);
    }
    assert_true(saw_number);
    assert_string_equal(an->tokens[0].norm, "les");
    assert_string_equal(an->tokens[1].stem, "pompi");
    assert_true(an->n_numbers >= 1);
    assert_true(an->numbers[0].value == 8000);
    assert_int_equal(an->sentences[0].offset, 0);
    /* released: gone, and the bit cleared */
    recoupe_article_release(a, RECOUPE_STAGE_TOKENS | RECOUPE_STAGE_NUMBERS);
    assert_null(an->tokens);
    assert_null(an->numbers);
    assert_int_equal(an->n_tokens, 0);
    assert_false(an->done & RECOUPE_STAGE_TOKENS);
    assert_true(an->done & RECOUPE_STAGE_ANALYSE);
    recoupe_article_free(a);
}

static void test_headline_from_text(void **state) {
    (void)state;
    recoupe_article *a = article(NULL, "\nUn titre sur la première ligne\nLe texte suit ici, avec ses phrases.");
    assert_int_equal(recoupe_article_process(a, RECOUPE_STAGE_TOKENS), RECOUPE_OK);
    const recoupe_analysis *an = &a->analysis;
    assert_string_equal(an->headline, "Un titre sur la première ligne");
    assert_int_equal(an->body_start, strlen("\nUn titre sur la première ligne"));
    assert_int_equal(an->n_title_tokens, 6);
    recoupe_article_free(a);
}

static int freed;
static void count_free(void *p) {
    free(p);
    freed++;
}

static void test_slots(void **state) {
    (void)state;
    /* a preset language is kept; the sketch and the features land in their own
     * slots; the tokens made for them are let go */
    recoupe_article *a = article("Incendie dans le Var", TEXT);
    strcpy(a->detected_lang, "en");
    a->analysis.slot[RECOUPE_SLOT_APP] = (recoupe_slot){malloc(16), count_free};
    assert_int_equal(recoupe_article_process(a, RECOUPE_STAGE_SIGN | RECOUPE_STAGE_FEATURES), RECOUPE_OK);
    assert_string_equal(a->detected_lang, "en");
    assert_non_null(a->analysis.slot[RECOUPE_SLOT_SIGN].data);
    assert_non_null(a->analysis.slot[RECOUPE_SLOT_FEATURES].data);
    assert_null(a->analysis.tokens);
    assert_null(a->analysis.slot[RECOUPE_SLOT_TEXT].data);
    recoupe_article_release(a, RECOUPE_STAGE_SIGN);
    assert_null(a->analysis.slot[RECOUPE_SLOT_SIGN].data);
    assert_non_null(a->analysis.slot[RECOUPE_SLOT_FEATURES].data);
    freed = 0;
    recoupe_article_free(a);
    assert_int_equal(freed, 1);
    assert_int_equal(recoupe_article_process(NULL, RECOUPE_STAGE_SIGN), RECOUPE_ERR_ARG);
    recoupe_article_release(NULL, ~0u);
}

/* signed on a worker or in the index: the same groups */
static void test_sign_same_as_add(void **state) {
    (void)state;
    recoupe_dups *d1 = recoupe_dups_new(NULL), *d2 = recoupe_dups_new(NULL);
    for (int i = 0; i < 2; i++) {
        recoupe_article *a = article(NULL, TEXT), *b = article(NULL, TEXT);
        assert_int_equal(recoupe_article_process(a, RECOUPE_STAGE_ANALYSE), RECOUPE_OK);
        assert_int_equal(recoupe_article_process(b, RECOUPE_STAGE_SIGN), RECOUPE_OK);
        assert_int_equal(recoupe_dups_add(d1, a, (size_t)i, NULL), RECOUPE_OK);
        assert_int_equal(recoupe_dups_add(d2, b, (size_t)i, NULL), RECOUPE_OK);
        recoupe_article_free(a);
        recoupe_article_free(b);
    }
    recoupe_dup_groups *g1, *g2;
    assert_int_equal(recoupe_dups_groups(d1, &g1), RECOUPE_OK);
    assert_int_equal(recoupe_dups_groups(d2, &g2), RECOUPE_OK);
    char *j1 = recoupe_dup_groups_json(g1), *j2 = recoupe_dup_groups_json(g2);
    assert_int_equal(g1->n_groups, 1);
    assert_string_equal(j1, j2);
    free(j1), free(j2);
    recoupe_dup_groups_free(g1), recoupe_dup_groups_free(g2);
    recoupe_dups_free(d1), recoupe_dups_free(d2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens_kept),
        cmocka_unit_test(test_headline_from_text),
        cmocka_unit_test(test_slots),
        cmocka_unit_test(test_sign_same_as_add),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
