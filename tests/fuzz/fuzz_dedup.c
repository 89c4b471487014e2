/* fuzz_dedup.c: libFuzzer target for the near-duplicate index through its public
 * API. The input is a list of records separated by 0x1e; each record's first
 * byte is an operation (add, add after recoupe_article_process(SIGN), remove, remove
 * again, add a copy of an earlier text), its second a date, the rest a text (any
 * bytes). Short inputs repeat their texts, so that groups form. Invariants
 * checked after the operations: the count is the live articles; every group has
 * two or more members, an origin first (no relation), a relation and a score in
 * [0, 1] for every other member, a `via` inside the group, the earliest date at
 * the origin, live keys only, each key in one group; recoupe_dups_group_of of
 * every member gives a group of the same size; the JSON is made; removing every
 * article leaves an empty index with no group. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_DOCS 64

static void check_groups(recoupe_dups *d, const uint64_t *keys, const int *live, size_t n) {
    recoupe_dup_groups *g = NULL;
    if (recoupe_dups_groups(d, &g) != RECOUPE_OK || !g) abort();
    int seen[MAX_DOCS] = {0};
    for (size_t i = 0; i < g->n_groups; i++) {
        const recoupe_dup_group *gr = &g->groups[i];
        if (gr->n_members < 2) abort();
        if (gr->members[0].relation != RECOUPE_DUP_NONE) abort();
        for (size_t k = 0; k < gr->n_members; k++) {
            const recoupe_dup_member *m = &gr->members[k];
            size_t j = 0;
            while (j < n && !(live[j] && keys[j] == m->key)) j++;
            if (j == n || seen[j]++) abort(); /* a live key, in one group only */
            if (m->index != j) abort();
            if (k == 0) continue;
            if (m->relation == RECOUPE_DUP_NONE || !(m->score >= 0 && m->score <= 1)) abort();
            if (m->via != SIZE_MAX && (m->via == 0 || m->via >= gr->n_members)) abort();
            int64_t o = gr->members[0].timestamp, t = m->timestamp;
            if (t != INT64_MIN && (o == INT64_MIN || t < o)) abort(); /* the origin is the earliest */
        }
        for (size_t k = 0; k < gr->n_members; k++) {
            recoupe_dup_groups *one = NULL;
            if (recoupe_dups_group_of(d, gr->members[k].key, &one) != RECOUPE_OK || !one) abort();
            if (one->n_groups != 1 || one->groups[0].n_members != gr->n_members) abort();
            recoupe_dup_groups_free(one);
        }
    }
    /* an article in no group has no group of its own either */
    for (size_t j = 0; j < n; j++) {
        if (!live[j] || seen[j]) continue;
        recoupe_dup_groups *one = NULL;
        if (recoupe_dups_group_of(d, keys[j], &one) != RECOUPE_OK || !one || one->n_groups != 0) abort();
        recoupe_dup_groups_free(one);
    }
    char *json = recoupe_dup_groups_json(g);
    if (!json) abort();
    free(json);
    recoupe_dup_groups_free(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    recoupe_dups *d = recoupe_dups_new(NULL);
    if (!d) return 0;
    uint64_t keys[MAX_DOCS];
    int live[MAX_DOCS] = {0};
    char *texts[MAX_DOCS] = {0};
    size_t n = 0, n_live = 0;
    for (size_t at = 0; at < size && n < MAX_DOCS;) {
        size_t end = at;
        while (end < size && data[end] != 0x1e) end++;
        if (end - at >= 2) {
            uint8_t op = data[at], day = data[at + 1];
            const char *body = (const char *)data + at + 2;
            size_t len = end - at - 2;
            if (op % 5 == 2 || op % 5 == 3) {
                /* remove an earlier article (3: twice; the second must say not found) */
                size_t j = n ? (size_t)day % n : 0;
                if (n && live[j]) {
                    if (recoupe_dups_remove(d, keys[j]) != RECOUPE_OK) abort();
                    live[j] = 0, n_live--;
                    if (op % 5 == 3 && recoupe_dups_remove(d, keys[j]) != RECOUPE_ERR_NOTFOUND) abort();
                } else if (n && recoupe_dups_remove(d, keys[j]) != RECOUPE_ERR_NOTFOUND) {
                    abort();
                }
            } else {
                recoupe_article *a = recoupe_article_new();
                if (!a) break;
                if (op % 5 == 4 && n) {
                    a->text = strdup(texts[(size_t)day % n]); /* a copy: groups form */
                } else {
                    a->text = malloc(len + 1);
                    if (a->text) memcpy(a->text, body, len), a->text[len] = 0;
                }
                if (!a->text) {
                    recoupe_article_free(a);
                    break;
                }
                if (day & 0x80) a->timestamp = 1700000000 + (int64_t)(day & 0x7f) * 86400;
                a->lang = strdup((op & 0x10) ? "fr" : "en");
                if (op % 5 == 1 && recoupe_article_process(a, RECOUPE_STAGE_SIGN) != RECOUPE_OK) abort();
                if (recoupe_dups_add(d, a, n, &keys[n]) != RECOUPE_OK) abort();
                texts[n] = strdup(a->text);
                recoupe_article_free(a);
                live[n++] = 1, n_live++;
            }
        }
        at = end + 1;
    }
    if (recoupe_dups_count(d) != n_live) abort();
    check_groups(d, keys, live, n);
    for (size_t j = 0; j < n; j++)
        if (live[j] && recoupe_dups_remove(d, keys[j]) != RECOUPE_OK) abort();
    if (recoupe_dups_count(d) != 0) abort();
    recoupe_dup_groups *g = NULL;
    if (recoupe_dups_groups(d, &g) != RECOUPE_OK || g->n_groups != 0) abort();
    recoupe_dup_groups_free(g);
    for (size_t j = 0; j < n; j++) free(texts[j]);
    recoupe_dups_free(d);
    return 0;
}
