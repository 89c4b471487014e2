/* test_dedup.c: near-duplicates, from the parts up: MinHash estimates, the bucket
 * table (add, cap, backward-shift removal), the relations on fixture texts written
 * for it (tests/fixtures/dedup: a tram-line article, a copy with a new headline,
 * the copy inside a page with added paragraphs, an excerpt, a paraphrase, and a
 * different article on the same topic), the index's add/remove, groups and their
 * origin, and the JSON shape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dedup/dedup_int.h"
#include "text/text.h"

static char *slurp(const char *name) {
    char path[512];
    const char *dir = getenv("FIXTURES");
    snprintf(path, sizeof path, "%s/dedup/%s", dir ? dir : "tests/fixtures", name);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *b = malloc(1 << 20);
    size_t n = fread(b, 1, (1 << 20) - 1, f);
    b[n] = 0;
    fclose(f);
    return b;
}

static void sketch_of(const char *name, dedup_sketch *sk) {
    char *t = slurp(name);
    assert_non_null(t);
    assert_int_equal(dedup_sketch_text(t, strlen(t), "en", sk), 0);
    free(t);
}

static recoupe_article *article(const char *name, const char *file, const char *date) {
    recoupe_article *a = recoupe_article_new();
    assert_non_null(a);
    a->text = slurp(name);
    assert_non_null(a->text);
    a->file = strdup(file);
    a->id = strdup(file);
    a->lang = strdup("en");
    if (date) a->date = strdup(date);
    return a;
}

/* ------------------------------------------------------------ MinHash */

static uint64_t mix(uint64_t x) {
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ULL;
    x ^= x >> 27;
    x *= 0x81dadef4bc2dd44dULL;
    x ^= x >> 33;
    return x;
}

static void test_minhash_estimates(void **state) {
    (void)state;
    /* A = 0..999, B = 500..1499: Jaccard 500/1500 = 1/3 */
    uint64_t a[1000], b[1000];
    for (int i = 0; i < 1000; i++) a[i] = mix((uint64_t)i), b[i] = mix((uint64_t)i + 500);
    dedup_bin sa[DEDUP_K], sb[DEDUP_K], sc[DEDUP_K];
    dedup_minhash(a, 1000, sa, DEDUP_K);
    dedup_minhash(b, 1000, sb, DEDUP_K);
    dedup_minhash(a, 1000, sc, DEDUP_K);
    assert_memory_equal(sa, sc, sizeof sa);
    assert_true(dedup_jaccard(sa, sc, DEDUP_K) > 0.999);
    double j = dedup_jaccard(sa, sb, DEDUP_K);
    assert_true(j > 1.0 / 3 - 0.13 && j < 1.0 / 3 + 0.13);
    /* disjoint sets */
    for (int i = 0; i < 1000; i++) b[i] = mix((uint64_t)i + 100000);
    dedup_minhash(b, 1000, sb, DEDUP_K);
    assert_true(dedup_jaccard(sa, sb, DEDUP_K) < 0.05);
}

static void test_minhash_densifies_small_sets(void **state) {
    (void)state;
    /* three elements fill at most three of 128 bins: the rest borrow, the same
     * way for both copies, so equal sets still estimate 1 and a one-element
     * difference stays visible */
    uint64_t a[3] = {mix(1), mix(2), mix(3)}, b[3] = {mix(1), mix(2), mix(4)};
    dedup_bin sa[DEDUP_K], sa2[DEDUP_K], sb[DEDUP_K];
    dedup_minhash(a, 3, sa, DEDUP_K);
    dedup_minhash(a, 3, sa2, DEDUP_K);
    dedup_minhash(b, 3, sb, DEDUP_K);
    assert_true(dedup_jaccard(sa, sa2, DEDUP_K) > 0.999);
    double j = dedup_jaccard(sa, sb, DEDUP_K);
    assert_true(j > 0.1 && j < 0.95);
    /* an empty set gives zeros, not garbage */
    dedup_minhash(a, 0, sa, DEDUP_K);
    for (int i = 0; i < DEDUP_K; i++) assert_int_equal(sa[i], 0);
}

/* ------------------------------------------------------------ buckets */

static void collect(uint32_t doc, void *user) {
    uint32_t *v = user;
    v[++v[0]] = doc;
}

static void test_buckets_add_remove(void **state) {
    (void)state;
    dedup_buckets b = {0};
    /* 5000 keys, two documents each: growth, probing, removal by backward shift */
    for (uint32_t k = 1; k <= 5000; k++) {
        assert_int_equal(dedup_buckets_add(&b, k * 2654435761u, k), 0);
        assert_int_equal(dedup_buckets_add(&b, k * 2654435761u, k + 100000), 0);
    }
    assert_int_equal(b.n, 10000);
    assert_int_equal(dedup_buckets_add(&b, 1 * 2654435761u, 1), 0); /* already there */
    assert_int_equal(b.n, 10000);
    for (uint32_t k = 1; k <= 5000; k += 2) dedup_buckets_remove(&b, k * 2654435761u, k);
    for (uint32_t k = 1; k <= 5000; k++) {
        uint32_t got[8] = {0};
        dedup_buckets_each(&b, k * 2654435761u, collect, got);
        if (k % 2) {
            assert_int_equal(got[0], 1);
            assert_int_equal(got[1], k + 100000);
        } else {
            assert_int_equal(got[0], 2);
        }
    }
    dedup_buckets_remove(&b, 77, 77); /* absent: no-op */
    assert_int_equal(b.n, 7500);
    dedup_buckets_free(&b);
}

static void test_buckets_big_table(void **state) {
    (void)state;
    /* dozens of segments (past the first ones, in mapped 2 MB chunks): splits,
     * lookups and removal work the same there */
    dedup_buckets b = {0};
    const uint32_t n = 700000;
    for (uint32_t k = 1; k <= n; k++) assert_int_equal(dedup_buckets_add(&b, k * 2654435761u, k), 0);
    assert_true(b.n_seg > 16); /* past the calloc'd ones */
    assert_true(dedup_buckets_bytes(&b) >= ((size_t)4 << 20));
    for (uint32_t k = 1; k <= n; k += 2) dedup_buckets_remove(&b, k * 2654435761u, k);
    assert_int_equal(b.n, n / 2);
    for (uint32_t k = 1; k <= n; k += 997) {
        uint32_t got[8] = {0};
        dedup_buckets_each(&b, k * 2654435761u, collect, got);
        assert_int_equal(got[0], k % 2 ? 0 : 1);
    }
    dedup_buckets_free(&b);
    assert_null(b.dir);
}

static void test_buckets_each_add(void **state) {
    (void)state;
    /* one probe: the documents already under the key, then the new one joins */
    dedup_buckets b = {0};
    uint32_t got[8] = {0};
    assert_int_equal(dedup_buckets_each_add(&b, 9, 1, collect, got), 0);
    assert_int_equal(got[0], 0);
    assert_int_equal(dedup_buckets_each_add(&b, 9, 2, collect, got), 0);
    assert_int_equal(got[0], 1);
    assert_int_equal(got[1], 1);
    memset(got, 0, sizeof got);
    /* again: the other one only, not itself, and no second copy */
    assert_int_equal(dedup_buckets_each_add(&b, 9, 2, collect, got), 0);
    assert_int_equal(got[0], 1);
    assert_int_equal(got[1], 1);
    assert_int_equal(b.n, 2);
    memset(got, 0, sizeof got);
    dedup_buckets_each(&b, 9, collect, got);
    assert_int_equal(got[0], 2);
    dedup_buckets_free(&b);
}

static void test_buckets_cap_hot_key(void **state) {
    (void)state;
    dedup_buckets b = {0};
    int capped = 0;
    for (uint32_t d = 0; d < DEDUP_BUCKET_CAP + 50; d++) capped += dedup_buckets_add(&b, 42, d) == 1;
    assert_int_equal(capped, 50);
    uint32_t *got = calloc(DEDUP_BUCKET_CAP + 60, sizeof *got);
    dedup_buckets_each(&b, 42, collect, got);
    assert_int_equal(got[0], DEDUP_BUCKET_CAP);
    free(got);
    dedup_buckets_free(&b);
}

/* ------------------------------------------------------------ relations */

static void test_relations_on_fixtures(void **state) {
    (void)state;
    dedup_sketch base, copy, wrapped, excerpt, rewrite, other;
    sketch_of("base.txt", &base);
    sketch_of("copy_headline.txt", &copy);
    sketch_of("with_paragraphs.txt", &wrapped);
    sketch_of("excerpt.txt", &excerpt);
    sketch_of("rewrite.txt", &rewrite);
    sketch_of("other_topic.txt", &other);
    assert_true(base.n_words > 150 && base.n_sent >= 10);
    dedup_thresholds t;
    dedup_thresholds_default(&t);
    double s;
    assert_int_equal(dedup_relate(&copy, &base, &t, &s), DEDUP_DUPLICATE);
    assert_true(s >= 0.8);
    assert_int_equal(dedup_relate(&wrapped, &base, &t, &s), DEDUP_CONTAINS);
    assert_true(s > 0.95);
    assert_int_equal(dedup_relate(&base, &wrapped, &t, &s), DEDUP_CONTAINED);
    assert_int_equal(dedup_relate(&excerpt, &base, &t, &s), DEDUP_CONTAINED);
    assert_int_equal(dedup_relate(&base, &excerpt, &t, &s), DEDUP_CONTAINS);
    assert_int_equal(dedup_relate(&rewrite, &base, &t, &s), DEDUP_REWRITE);
    assert_true(s >= 0.6);
    assert_int_equal(dedup_relate(&other, &base, &t, &s), DEDUP_NONE);
    assert_int_equal(dedup_relate(&other, &rewrite, &t, &s), DEDUP_NONE);
    /* the paraphrase is far from a duplicate by shingles, close by stems */
    assert_true(dedup_jaccard(rewrite.sig, base.sig, DEDUP_K) < 0.6);
    assert_true(dedup_jaccard16(rewrite.stems, base.stems, DEDUP_STEM_K) >
                dedup_jaccard16(other.stems, base.stems, DEDUP_STEM_K));
    /* above a stricter threshold the copy is no duplicate any more: containment
     * (all but its headline is in the base) is what is left */
    t.duplicate = 0.99;
    assert_int_equal(dedup_relate(&copy, &base, &t, &s), DEDUP_CONTAINED);
    dedup_sketch *all[] = {&base, &copy, &wrapped, &excerpt, &rewrite, &other};
    for (size_t i = 0; i < 6; i++) dedup_sketch_free(all[i]);
}

static void test_empty_text(void **state) {
    (void)state;
    dedup_sketch a, b;
    assert_int_equal(dedup_sketch_text("", 0, NULL, &a), 0);
    assert_int_equal(dedup_sketch_text("   \n\n ", 6, NULL, &b), 0);
    dedup_thresholds t;
    dedup_thresholds_default(&t);
    double s;
    assert_int_equal(dedup_relate(&a, &b, &t, &s), DEDUP_NONE);
    dedup_sketch_free(&a);
    dedup_sketch_free(&b);
}

/* ------------------------------------------------------------ index and groups */

static void test_index_add_remove(void **state) {
    (void)state;
    recoupe_dups *d = recoupe_dups_new(NULL);
    assert_non_null(d);
    recoupe_article *a = article("base.txt", "base.txt", NULL);
    recoupe_article *b = article("copy_headline.txt", "copy.txt", NULL);
    uint64_t ka, kb;
    assert_int_equal(recoupe_dups_add(d, a, 0, &ka), RECOUPE_OK);
    assert_int_equal(recoupe_dups_add(d, b, 1, &kb), RECOUPE_OK);
    assert_int_equal(recoupe_dups_count(d), 2);
    assert_true(recoupe_dups_memory(d) > 0);
    recoupe_dup_groups *g;
    assert_int_equal(recoupe_dups_groups(d, &g), RECOUPE_OK);
    assert_int_equal(g->n_groups, 1);
    recoupe_dup_groups_free(g);
    /* removed: no group, the key is stale, and the slot's next occupant has a new key */
    assert_int_equal(recoupe_dups_remove(d, kb), RECOUPE_OK);
    assert_int_equal(recoupe_dups_remove(d, kb), RECOUPE_ERR_NOTFOUND);
    assert_int_equal(recoupe_dups_count(d), 1);
    assert_int_equal(recoupe_dups_groups(d, &g), RECOUPE_OK);
    assert_int_equal(g->n_groups, 0);
    recoupe_dup_groups_free(g);
    uint64_t kb2;
    assert_int_equal(recoupe_dups_add(d, b, 1, &kb2), RECOUPE_OK);
    assert_int_not_equal(kb2, kb);
    assert_int_equal(recoupe_dups_remove(d, kb), RECOUPE_ERR_NOTFOUND);
    assert_int_equal(recoupe_dups_group_of(d, kb2, &g), RECOUPE_OK);
    assert_int_equal(g->n_groups, 1);
    assert_int_equal(g->groups[0].n_members, 2);
    recoupe_dup_groups_free(g);
    assert_int_equal(recoupe_dups_group_of(d, 12345, &g), RECOUPE_ERR_NOTFOUND);
    recoupe_article_free(a);
    recoupe_article_free(b);
    recoupe_dups_free(d);
}

/* a content-farm paraphrase (tests/fixtures/dedup/farm_*.txt: new title, site
 * header, "Read also" footer, synonyms, clauses moved, a sentence dropped, a
 * filler) keeps the names and numbers: its invariant keys alone make it a
 * candidate of its source (the stem keys are off here: they find this one by chance
 * of their bands, and half the heavier ones not at all), the word and sentence keys
 * do not, and the pair is a rewrite */
static int candidate_of(dedup_index *ix, const dedup_sketch *q, long slot) {
    uint32_t out[16];
    size_t n = dedup_index_candidates(ix, q, out, 16);
    for (size_t i = 0; i < n && i < 16; i++)
        if (out[i] == (uint32_t)slot) return 1;
    return 0;
}

static void test_farm_rewrite_candidate(void **state) {
    (void)state;
    dedup_sketch src, farm;
    sketch_of("farm_source.txt", &src);
    sketch_of("farm_rewrite.txt", &farm);
    assert_true(src.n_inv >= DEDUP_INV_MIN);
    assert_true(src.n_inv_sent >= 3);
    for (int use_inv = 0; use_inv < 2; use_inv++) {
        dedup_index ix;
        dedup_index_init(&ix);
        ix.use_inv_lsh = use_inv;
        ix.use_stem_lsh = 0;
        dedup_doc *d = calloc(1, sizeof *d);
        assert_non_null(d);
        sketch_of("farm_source.txt", &d->sk);
        d->timestamp = INT64_MIN;
        long slot = dedup_index_add(&ix, d);
        assert_true(slot >= 0);
        assert_int_equal(candidate_of(&ix, &farm, slot), use_inv);
        dedup_index_remove(&ix, (uint32_t)slot);
        assert_int_equal(ix.inv_lsh.n, 0); /* removal takes its invariant keys out */
        dedup_index_free(&ix);
    }
    dedup_thresholds th;
    dedup_thresholds_default(&th);
    double score;
    assert_int_equal(dedup_relate(&farm, &src, &th, &score), DEDUP_REWRITE);
    dedup_sketch_free(&src);
    dedup_sketch_free(&farm);
}

/* recoupe_dups_related: the direct relatives of one article, by the indices given
 * to recoupe_dups_add, ascending; none for an article of its own; NOTFOUND for an
 * unknown key */
static void test_related(void **state) {
    (void)state;
    recoupe_dups *d = recoupe_dups_new(NULL);
    assert_non_null(d);
    recoupe_article *a = article("base.txt", "base.txt", NULL);
    recoupe_article *b = article("copy_headline.txt", "copy.txt", NULL);
    recoupe_article *c = article("other_topic.txt", "other.txt", NULL);
    recoupe_article *e = article("base.txt", "base2.txt", NULL);
    uint64_t ka, kb, kc, ke;
    assert_int_equal(recoupe_dups_add(d, a, 7, &ka), RECOUPE_OK);
    assert_int_equal(recoupe_dups_add(d, c, 3, &kc), RECOUPE_OK);
    assert_int_equal(recoupe_dups_add(d, e, 9, &ke), RECOUPE_OK);
    assert_int_equal(recoupe_dups_add(d, b, 5, &kb), RECOUPE_OK);
    size_t *rel = NULL, n = 99;
    assert_int_equal(recoupe_dups_related(d, ka, &rel, &n), RECOUPE_OK);
    assert_int_equal(n, 2);
    assert_int_equal(rel[0], 5);
    assert_int_equal(rel[1], 9);
    free(rel);
    assert_int_equal(recoupe_dups_related(d, kc, &rel, &n), RECOUPE_OK);
    assert_int_equal(n, 0);
    free(rel);
    assert_int_equal(recoupe_dups_remove(d, ke), RECOUPE_OK);
    assert_int_equal(recoupe_dups_related(d, ka, &rel, &n), RECOUPE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rel[0], 5);
    free(rel);
    assert_int_equal(recoupe_dups_related(d, ke, &rel, &n), RECOUPE_ERR_NOTFOUND);
    recoupe_article_free(a);
    recoupe_article_free(b);
    recoupe_article_free(c);
    recoupe_article_free(e);
    recoupe_dups_free(d);
}

static void test_index_add_query(void **state) {
    (void)state;
    /* the stream's path: each document is queried, then added, in one pass */
    dedup_index ix;
    dedup_index_init(&ix);
    const char *names[] = {"base.txt", "other_topic.txt", "copy_headline.txt"};
    long slots[3];
    size_t found[3];
    uint32_t cand[16];
    for (int i = 0; i < 3; i++) {
        dedup_doc *d = calloc(1, sizeof *d);
        assert_non_null(d);
        sketch_of(names[i], &d->sk);
        slots[i] = dedup_index_add_query(&ix, d, cand, 16, &found[i]);
        assert_true(slots[i] >= 0);
    }
    assert_int_equal(found[0], 0);
    assert_int_equal(found[2], 1); /* the copy finds the base, not the other article */
    assert_int_equal(cand[0], (uint32_t)slots[0]);
    assert_int_equal(ix.n_docs, 3);
    /* what was added can be found and removed */
    assert_int_equal(dedup_index_candidates(&ix, &ix.doc[slots[0]]->sk, cand, 16), 2);
    dedup_index_remove(&ix, (uint32_t)slots[2]);
    assert_int_equal(dedup_index_candidates(&ix, &ix.doc[slots[0]]->sk, cand, 16), 1);
    assert_true(dedup_index_bytes(&ix) > 0);
    dedup_index_free(&ix);
}

static const recoupe_dup_member *member(const recoupe_dup_group *g, const char *file) {
    for (size_t i = 0; i < g->n_members; i++)
        if (!strcmp(g->members[i].file, file)) return &g->members[i];
    return NULL;
}

static int foreign_freed;
static void foreign_free(void *p) {
    foreign_freed++;
    free(p);
}

static void test_prepare_then_add(void **state) {
    (void)state;
    /* signed ahead (as the workers of `recoupe dups` do): the same groups and
     * scores as signing in recoupe_dups_add, and the article keeps its sketch */
    recoupe_dups *d1 = recoupe_dups_new(NULL), *d2 = recoupe_dups_new(NULL);
    assert_non_null(d1);
    assert_non_null(d2);
    const char *names[] = {"base.txt", "copy_headline.txt", "excerpt.txt", "rewrite.txt", "other_topic.txt"};
    for (size_t i = 0; i < 5; i++) {
        recoupe_article *a = article(names[i], names[i], NULL);
        assert_int_equal(recoupe_dups_add(d1, a, i, NULL), RECOUPE_OK);
        assert_int_equal(recoupe_article_process(a, RECOUPE_STAGE_SIGN), RECOUPE_OK);
        void *sk = a->analysis.slot[RECOUPE_SLOT_SIGN].data;
        assert_non_null(sk);
        assert_true(a->analysis.done & RECOUPE_STAGE_SIGN);
        assert_null(a->analysis.tokens); /* the tokens were let go: not asked to keep them */
        assert_int_equal(recoupe_article_process(a, RECOUPE_STAGE_SIGN), RECOUPE_OK); /* done already */
        assert_ptr_equal(a->analysis.slot[RECOUPE_SLOT_SIGN].data, sk);
        assert_int_equal(recoupe_dups_add(d2, a, i, NULL), RECOUPE_OK);
        assert_ptr_equal(a->analysis.slot[RECOUPE_SLOT_SIGN].data, sk);
        recoupe_article_free(a); /* frees the sketch; the index has its own copy */
    }
    recoupe_dup_groups *g1, *g2;
    assert_int_equal(recoupe_dups_groups(d1, &g1), RECOUPE_OK);
    assert_int_equal(recoupe_dups_groups(d2, &g2), RECOUPE_OK);
    char *j1 = recoupe_dup_groups_json(g1), *j2 = recoupe_dup_groups_json(g2);
    assert_non_null(j1);
    assert_non_null(j2);
    assert_int_equal(g1->n_groups, 1);
    assert_string_equal(j1, j2);
    free(j1), free(j2);
    recoupe_dup_groups_free(g1);
    recoupe_dup_groups_free(g2);
    /* another module's slot: left alone by signing, freed with the article by its
     * own function; an article not signed is signed by add itself */
    recoupe_article *a = article("base.txt", "again", NULL);
    a->analysis.slot[RECOUPE_SLOT_APP] = (recoupe_slot){malloc(8), foreign_free};
    assert_int_equal(recoupe_dups_add(d2, a, 9, NULL), RECOUPE_OK);
    assert_null(a->analysis.slot[RECOUPE_SLOT_SIGN].data);
    assert_int_equal(recoupe_article_process(a, RECOUPE_STAGE_SIGN), RECOUPE_OK);
    assert_ptr_equal(a->analysis.slot[RECOUPE_SLOT_APP].free, foreign_free);
    recoupe_article_free(a);
    assert_int_equal(foreign_freed, 1);
    assert_int_equal(recoupe_dups_groups(d2, &g2), RECOUPE_OK);
    assert_int_equal(g2->n_groups, 1);
    assert_int_equal(g2->groups[0].n_members, 5); /* the second base joined */
    recoupe_dup_groups_free(g2);
    assert_int_equal(recoupe_article_process(NULL, RECOUPE_STAGE_SIGN), RECOUPE_ERR_ARG);
    recoupe_dups_free(d1);
    recoupe_dups_free(d2);
}

static void test_groups_origin_and_relations(void **state) {
    (void)state;
    /* the excerpt is the earliest dated: it is the origin, whatever its length */
    recoupe_article *v[] = {
        article("with_paragraphs.txt", "wrapped", "2024-05-02T10:00:00+02:00"),
        article("base.txt", "base", "2024-05-02T09:00:00Z"),
        article("other_topic.txt", "other", "2024-05-01"),
        article("rewrite.txt", "rewrite", NULL),
        article("excerpt.txt", "excerpt", "2024-05-02T08:30:00+01:00"),
        article("copy_headline.txt", "copy", "2024-05-03"),
    };
    recoupe_dup_groups *g;
    assert_int_equal(recoupe_dups_find(v, 6, NULL, &g), RECOUPE_OK);
    assert_int_equal(g->n_groups, 1);
    const recoupe_dup_group *gr = &g->groups[0];
    assert_int_equal(gr->n_members, 5);
    assert_string_equal(gr->members[0].file, "excerpt"); /* 07:30 UTC */
    assert_int_equal(gr->members[0].index, 4);
    assert_null(member(gr, "other"));
    assert_int_equal(member(gr, "base")->relation, RECOUPE_DUP_CONTAINS);
    assert_int_equal(member(gr, "wrapped")->relation, RECOUPE_DUP_CONTAINS);
    assert_int_equal(member(gr, "copy")->relation, RECOUPE_DUP_CONTAINS);
    assert_int_equal(member(gr, "base")->index, 1);
    /* the rewrite is no rewrite of the excerpt as a whole (it is longer): it is
     * related to it directly or through another member; either way it says so */
    const recoupe_dup_member *r = member(gr, "rewrite");
    assert_non_null(r);
    assert_int_not_equal(r->relation, RECOUPE_DUP_NONE);
    if (r->via != SIZE_MAX) assert_true(r->via < gr->n_members);
    char *json = recoupe_dup_groups_json(g);
    assert_non_null(json);
    assert_non_null(strstr(json, "[{\"origin\":\"excerpt\""));
    assert_non_null(strstr(json, "\"relation\":\"contains\""));
    free(json);
    recoupe_dup_groups_free(g);

    /* undated: the longest is the origin; relations: duplicate only */
    free(v[0]->date), v[0]->date = NULL;
    free(v[1]->date), v[1]->date = NULL;
    free(v[4]->date), v[4]->date = NULL;
    free(v[5]->date), v[5]->date = NULL;
    recoupe_dups_options opt = {0};
    opt.relations = RECOUPE_DUP_BIT(RECOUPE_DUP_DUPLICATE);
    assert_int_equal(recoupe_dups_find(v, 6, &opt, &g), RECOUPE_OK);
    assert_int_equal(g->n_groups, 1);
    assert_int_equal(g->groups[0].n_members, 2);
    assert_string_equal(g->groups[0].members[0].file, "base");
    assert_int_equal(g->groups[0].members[1].relation, RECOUPE_DUP_DUPLICATE);
    recoupe_dup_groups_free(g);
    for (size_t i = 0; i < 6; i++) recoupe_article_free(v[i]);

    json = recoupe_dup_groups_json(NULL);
    assert_string_equal(json, "[]");
    free(json);
}

static void test_names_and_dates(void **state) {
    (void)state;
    assert_string_equal(recoupe_dup_relation_name(RECOUPE_DUP_REWRITE), "rewrite");
    assert_string_equal(recoupe_dup_relation_name(RECOUPE_DUP_NONE), "origin");
    assert_int_equal(recoupe_dup_relation_parse("contained"), RECOUPE_DUP_CONTAINS);
    assert_int_equal(recoupe_dup_relation_parse("nope"), RECOUPE_DUP_NONE);
    assert_int_equal(text_iso8601_seconds("1970-01-02"), 86400);
    assert_int_equal(text_iso8601_seconds("2024-10-31T20:52:00+01:00"), text_iso8601_seconds("2024-10-31T19:52Z"));
    assert_true(text_iso8601_seconds("yesterday") == INT64_MIN);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minhash_estimates),
        cmocka_unit_test(test_minhash_densifies_small_sets),
        cmocka_unit_test(test_buckets_add_remove),
        cmocka_unit_test(test_buckets_big_table),
        cmocka_unit_test(test_buckets_cap_hot_key),
        cmocka_unit_test(test_buckets_each_add),
        cmocka_unit_test(test_relations_on_fixtures),
        cmocka_unit_test(test_empty_text),
        cmocka_unit_test(test_index_add_remove),
        cmocka_unit_test(test_related),
        cmocka_unit_test(test_farm_rewrite_candidate),
        cmocka_unit_test(test_index_add_query),
        cmocka_unit_test(test_groups_origin_and_relations),
        cmocka_unit_test(test_prepare_then_add),
        cmocka_unit_test(test_names_and_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
