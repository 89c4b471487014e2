/* ids.c: story ids carried over a re-clustering.
 *
 * A story's id is what a client holds on to (a server's URL, a follow list), so
 * it must survive the engine clustering everything again. After a clustering,
 * each new cluster takes the old id it shares the most members with; the largest
 * overlaps are served first and each old id goes to one cluster only (a story
 * split in two keeps its id on the larger half; two stories merged keep the id
 * of the larger one). A cluster with no old id left keeps the id it was given
 * (from its first article). Ties go to the lower cluster index, then the lower
 * id, so the result is deterministic. O(n log n) in the members. */
#include <stdlib.h>

#include "story/story.h"

typedef struct pair {
    uint32_t cluster;
    uint32_t count;
    uint64_t old;
} pair;

static int cmp_member(const void *a, const void *b) {
    const pair *x = a, *y = b;
    if (x->cluster != y->cluster) return x->cluster < y->cluster ? -1 : 1;
    return x->old < y->old ? -1 : x->old > y->old;
}

static int cmp_overlap(const void *a, const void *b) {
    const pair *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    if (x->cluster != y->cluster) return x->cluster < y->cluster ? -1 : 1;
    return x->old < y->old ? -1 : x->old > y->old;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int story_ids_carry(const uint64_t *old_id, const uint32_t *cluster, size_t n, uint64_t *ids, size_t n_clusters) {
    pair *p = malloc((n ? n : 1) * sizeof *p);
    uint64_t *used = malloc((n ? n : 1) * sizeof *used);
    uint8_t *done = calloc(n_clusters ? n_clusters : 1, 1);
    if (!p || !used || !done) {
        free(p);
        free(used);
        free(done);
        return -1;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (old_id[i] && cluster[i] < n_clusters) p[m++] = (pair){cluster[i], 1, old_id[i]};
    qsort(p, m, sizeof *p, cmp_member);
    size_t k = 0; /* runs of one (cluster, old id) counted */
    for (size_t i = 0; i < m; i++) {
        if (k && p[k - 1].cluster == p[i].cluster && p[k - 1].old == p[i].old)
            p[k - 1].count++;
        else
            p[k++] = p[i];
    }
    qsort(p, k, sizeof *p, cmp_overlap);
    size_t n_used = 0; /* the distinct old ids, sorted: each is taken once */
    for (size_t i = 0; i < k; i++) used[n_used++] = p[i].old;
    qsort(used, n_used, sizeof *used, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < n_used; i++)
        if (!u || used[u - 1] != used[i]) used[u++] = used[i];
    uint8_t *taken = calloc(u ? u : 1, 1);
    if (!taken) {
        free(p);
        free(used);
        free(done);
        return -1;
    }
    for (size_t i = 0; i < k; i++) {
        if (done[p[i].cluster]) continue;
        uint64_t *at = bsearch(&p[i].old, used, u, sizeof *used, cmp_u64);
        size_t j = (size_t)(at - used);
        if (taken[j]) continue;
        taken[j] = 1;
        done[p[i].cluster] = 1;
        ids[p[i].cluster] = p[i].old;
    }
    for (size_t c = 0; c < n_clusters; c++) { /* a default id that another cluster took */
        if (done[c]) continue;
        for (;;) {
            uint64_t *at = bsearch(&ids[c], used, u, sizeof *used, cmp_u64);
            if (!at || !taken[at - used]) break;
            ids[c] = ids[c] * 0x9E3779B97F4A7C15ull + 1;
        }
    }
    free(taken);
    free(p);
    free(used);
    free(done);
    return 0;
}

/* the ids of the new events and topics from the old ones of their members
 * (old_ev, old_tp by canonical index; ev, tp: labels; ev_of, tp_of: label ->
 * index into e->events / e->topics). 0 or -1 when out of memory. */
int story_engine_carry_ids(recoupe_engine *e, const uint64_t *old_ev, const uint64_t *old_tp, const uint32_t *ev,
                           const uint32_t *tp, const uint32_t *ev_of, const uint32_t *tp_of, size_t n) {
    size_t nc = e->n_events > e->n_topics ? e->n_events : e->n_topics;
    uint32_t *cl = malloc((n ? n : 1) * sizeof *cl);
    uint64_t *ids = malloc((nc ? nc : 1) * sizeof *ids);
    int rc = -1;
    if (!cl || !ids) goto out;
    for (size_t i = 0; i < n; i++) cl[i] = ev_of[ev[i]];
    for (size_t c = 0; c < e->n_events; c++) ids[c] = e->events[c].id;
    if (story_ids_carry(old_ev, cl, n, ids, e->n_events) != 0) goto out;
    for (size_t c = 0; c < e->n_events; c++) e->events[c].id = ids[c];
    for (size_t i = 0; i < n; i++) cl[i] = tp_of[tp[i]];
    for (size_t c = 0; c < e->n_topics; c++) ids[c] = e->topics[c].id;
    if (story_ids_carry(old_tp, cl, n, ids, e->n_topics) != 0) goto out;
    for (size_t c = 0; c < e->n_topics; c++) e->topics[c].id = ids[c];
    rc = 0;
out:
    free(cl);
    free(ids);
    return rc;
}
