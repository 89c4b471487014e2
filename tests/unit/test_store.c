/* test_store.c: the SQLite store (src/store): put / replace / delete / load in
 * insertion order, what a row carries back (analysis fields, max-age, story),
 * names that look like SQL, search words that look like FTS5 syntax, BM25 order
 * and snippets, commits read back after reopening, a WAL kept bounded by
 * checkpoints, and the errors of a bad path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "recoupe.h"

static char dbpath[64];

static int setup(void **state) {
    (void)state;
    snprintf(dbpath, sizeof dbpath, "/tmp/test_store_%d.db", (int)getpid());
    unlink(dbpath);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char p[80];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
    return 0;
}

static recoupe_article *mk(const char *title, const char *text, int64_t ts) {
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->title = strdup(title);
    a->text = strdup(text);
    a->site = strdup("Le Monde");
    a->timestamp = ts;
    strcpy(a->detected_lang, "fr");
    a->lang_confidence = 0.9f;
    return a;
}

static recoupe_store *open_store(void) {
    recoupe_store *s = NULL;
    assert_int_equal(recoupe_store_open(dbpath, NULL, &s), RECOUPE_OK);
    return s;
}

static void put(recoupe_store *s, const char *name, const char *title, const char *text, int want_replaced) {
    recoupe_article *a = mk(title, text, 1730000000);
    int replaced = -1;
    assert_int_equal(recoupe_store_put(s, name, a, 3600, 42, &replaced), RECOUPE_OK);
    assert_int_equal(replaced, want_replaced);
    recoupe_article_free(a);
}

typedef struct seen {
    char names[8][64];
    int64_t max_age[8];
    uint64_t story[8];
    char lang[8][8];
    int64_t ts[8];
    int n;
} seen;

static int on_row(void *user, recoupe_article *a, const recoupe_store_row *row) {
    seen *s = user;
    if (s->n < 8) {
        snprintf(s->names[s->n], 64, "%s", a->id);
        s->max_age[s->n] = row->max_age;
        s->story[s->n] = row->story;
        snprintf(s->lang[s->n], 8, "%s", a->detected_lang);
        s->ts[s->n] = a->timestamp;
        s->n++;
    }
    recoupe_article_free(a);
    return 0;
}

static void test_put_replace_delete_load(void **state) {
    (void)state;
    recoupe_store *s = open_store();
    assert_int_equal(recoupe_store_begin(s), RECOUPE_OK);
    put(s, "a.html", "Koursk", "Des soldats à Koursk.", 0);
    put(s, "x'); DROP TABLE articles;--", "Nom", "Un nom qui ressemble à du SQL.", 0);
    put(s, "b.html", "Autre", "Autre chose.", 0);
    put(s, "a.html", "Koursk encore", "Des soldats nord-coréens à Koursk.", 1);
    assert_int_equal(recoupe_store_delete(s, "b.html"), RECOUPE_OK);
    assert_int_equal(recoupe_store_delete(s, "b.html"), RECOUPE_ERR_NOTFOUND);
    assert_int_equal(recoupe_store_set_story(s, "a.html", 7), RECOUPE_OK);
    assert_int_equal(recoupe_store_commit(s), RECOUPE_OK);
    recoupe_store_close(s);

    s = open_store();
    seen got = {0};
    assert_int_equal(recoupe_store_load(s, on_row, &got), RECOUPE_OK);
    assert_int_equal(got.n, 2);
    assert_string_equal(got.names[0], "x'); DROP TABLE articles;--"); /* replaced: a.html is stored later */
    assert_string_equal(got.names[1], "a.html");
    assert_int_equal(got.story[1], 7);
    assert_int_equal(got.story[0], 42);
    assert_int_equal(got.max_age[1], 3600);
    assert_string_equal(got.lang[1], "fr");
    assert_int_equal(got.ts[1], 1730000000);
    recoupe_article *a = NULL;
    recoupe_store_row row;
    assert_int_equal(recoupe_store_get(s, "a.html", &a, &row), RECOUPE_OK);
    assert_string_equal(a->title, "Koursk encore");
    assert_string_equal(a->site, "Le Monde");
    recoupe_article_free(a);
    assert_int_equal(recoupe_store_get(s, "b.html", &a, NULL), RECOUPE_ERR_NOTFOUND);
    assert_null(a);
    assert_true(recoupe_store_bytes(s) > 0);
    recoupe_store_close(s);
}

typedef struct hits {
    char names[8][64];
    double score[8];
    char snippet[256];
    int n;
} hits;

static int on_hit(void *user, const char *name, const char *title, const char *snippet, double score) {
    (void)title;
    hits *h = user;
    if (h->n == 0) snprintf(h->snippet, sizeof h->snippet, "%s", snippet ? snippet : "");
    if (h->n < 8) {
        snprintf(h->names[h->n], 64, "%s", name);
        h->score[h->n++] = score;
    }
    return 0;
}

static void test_search(void **state) {
    (void)state;
    recoupe_store *s = open_store();
    assert_int_equal(recoupe_store_begin(s), RECOUPE_OK);
    put(s, "one", "Météo", "Il pleut à Lyon. Koursk est loin.", 0);
    put(s, "two", "Koursk", "Koursk, Koursk: les soldats à Koursk, la région de Koursk.", 0);
    put(s, "three", "Rien", "Aucun rapport.", 0);
    assert_int_equal(recoupe_store_commit(s), RECOUPE_OK);
    hits h = {0};
    assert_int_equal(recoupe_store_search(s, "koursk", 0, on_hit, &h), RECOUPE_OK);
    assert_int_equal(h.n, 2);
    assert_string_equal(h.names[0], "two"); /* BM25: more and denser matches first */
    assert_true(h.score[0] >= h.score[1]);
    assert_non_null(strstr(h.snippet, "[Koursk]"));
    hits none = {0};
    assert_int_equal(recoupe_store_search(s, "meteo", 0, on_hit, &none), RECOUPE_OK); /* accents folded */
    assert_int_equal(none.n, 1);
    hits syn = {0};
    assert_int_equal(recoupe_store_search(s, "\") OR * NEAR(", 0, on_hit, &syn), RECOUPE_OK);
    assert_int_equal(syn.n, 0);
    assert_int_equal(recoupe_store_search(s, "   ", 0, on_hit, &syn), RECOUPE_OK);
    assert_int_equal(syn.n, 0);
    assert_int_equal(recoupe_store_begin(s), RECOUPE_OK);
    assert_int_equal(recoupe_store_delete(s, "two"), RECOUPE_OK);
    assert_int_equal(recoupe_store_commit(s), RECOUPE_OK);
    hits after = {0};
    assert_int_equal(recoupe_store_search(s, "koursk", 0, on_hit, &after), RECOUPE_OK);
    assert_int_equal(after.n, 1); /* deleted articles leave the search index */
    recoupe_store_close(s);
}

/* the WAL is checkpointed and cut back once past wal_pages: 300 commits of an
 * article each would leave well over a thousand pages in it otherwise */
static void test_wal_bounded(void **state) {
    (void)state;
    recoupe_store_options o = {.wal_pages = 16};
    recoupe_store *s = NULL;
    assert_int_equal(recoupe_store_open(dbpath, &o, &s), RECOUPE_OK);
    char text[4000], name[32], wal[80];
    for (size_t i = 0; i < sizeof text - 1; i++) text[i] = (char)('a' + (i * 7 + i / 13) % 26);
    text[sizeof text - 1] = 0;
    snprintf(wal, sizeof wal, "%s-wal", dbpath);
    long most = 0;
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "n%d", i);
        assert_int_equal(recoupe_store_begin(s), RECOUPE_OK);
        put(s, name, "Titre", text, 0);
        assert_int_equal(recoupe_store_commit(s), RECOUPE_OK);
        FILE *f = fopen(wal, "rb");
        if (f) {
            fseek(f, 0, SEEK_END);
            if (ftell(f) > most) most = ftell(f);
            fclose(f);
        }
    }
    assert_true(most > 0);
    assert_true(most < 64 * 4096 + 65536);
    recoupe_store_close(s);
}

static void test_errors(void **state) {
    (void)state;
    recoupe_store *s = NULL;
    assert_int_equal(recoupe_store_open("/nonexistent-dir/x.db", NULL, &s), RECOUPE_ERR_IO);
    assert_null(s);
    assert_int_equal(recoupe_store_open(NULL, NULL, &s), RECOUPE_ERR_ARG);
    assert_int_equal(recoupe_store_delete(NULL, "x"), RECOUPE_ERR_ARG);
    recoupe_store_close(NULL);
    assert_int_equal(recoupe_store_bytes(NULL), 0);
    assert_non_null(recoupe_store_error(NULL));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_put_replace_delete_load, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wal_bounded, setup, teardown),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
