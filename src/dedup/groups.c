/* groups.c: related documents joined into groups, each with its origin.
 *
 * Every document asks the index for candidates and relates to each (relate.c);
 * a pair whose relation is among the wanted ones is an edge, and edges are
 * joined with union-find (so A copy of B, B excerpt of C: one group). The origin
 * of a group is its earliest dated member (undated ones come after every dated
 * one); ties go to the longest text, then to the first indexed. Each member then
 * gets its relation to the origin, compared directly; a member that is related
 * to the origin only through others gets the relation to the member it was
 * reached through, breadth-first from the origin, and names it in `via`. */
#include <stdlib.h>
#include <string.h>

#include "dedup/dedup_int.h"
#include "util/sort.h"
#include "util/array.h"
#include "util/map.h"

typedef struct edge {
    uint32_t a, b;
    uint8_t rel; /* relation of a to b */
    float score;
} edge;

typedef struct edges {
    edge *v;
    size_t n, cap;
} edges;

static int edges_push(edges *e, uint32_t a, uint32_t b, enum dedup_relation rel, double score) {
    if (util_grow(&e->v, &e->cap, e->n + 1, sizeof *e->v, 64) != 0) return -1;
    e->v[e->n++] = (edge){a, b, (uint8_t)rel, (float)score};
    return 0;
}

static unsigned rel_bit(enum dedup_relation r) {
    return RECOUPE_DUP_BIT(r == DEDUP_CONTAINED ? DEDUP_CONTAINS : r);
}

/* Every candidate of sketch sk into *cand (capacity *cap, grown when the index has
 * more): the count, or SIZE_MAX when out of memory. */
static size_t all_candidates(const dedup_index *ix, const dedup_sketch *sk, uint32_t **cand, size_t *cap) {
    size_t nc = dedup_index_candidates(ix, sk, *cand, *cap);
    if (nc > *cap) {
        uint32_t *v = realloc(*cand, nc * sizeof *v);
        if (!v) return SIZE_MAX;
        *cand = v;
        *cap = nc;
        nc = dedup_index_candidates(ix, sk, *cand, *cap);
    }
    return nc;
}

static enum dedup_relation relate_wanted(const recoupe_dups *d, const dedup_doc *a, const dedup_doc *b, double *score) {
    enum dedup_relation r = dedup_relate(&a->sk, &b->sk, &d->th, score);
    if (r != DEDUP_NONE && !(d->relations & rel_bit(r))) {
        /* "contains" comes before "duplicate"; when only duplicates are wanted, a
         * copy with a paragraph added is still one if its Jaccard says so */
        double j = dedup_jaccard(a->sk.sig, b->sk.sig, DEDUP_K);
        if ((d->relations & rel_bit(DEDUP_DUPLICATE)) && j >= d->th.duplicate) {
            *score = j;
            return DEDUP_DUPLICATE;
        }
        r = DEDUP_NONE;
    }
    return r;
}

static enum dedup_relation invert(enum dedup_relation r) {
    return r == DEDUP_CONTAINS ? DEDUP_CONTAINED : r == DEDUP_CONTAINED ? DEDUP_CONTAINS : r;
}

int dedup_doc_before(const dedup_doc *a, const dedup_doc *b) {
    int ka = a->timestamp != INT64_MIN, kb = b->timestamp != INT64_MIN;
    if (ka != kb) return ka;
    if (ka && a->timestamp != b->timestamp) return a->timestamp < b->timestamp;
    if (a->sk.n_words != b->sk.n_words) return a->sk.n_words > b->sk.n_words;
    return a->seq < b->seq;
}

/* Fills a member; its strings are copies, so that groups outlive the index. */
static int fill_member(recoupe_dup_member *m, const dedup_doc *doc, uint32_t slot) {
    memset(m, 0, sizeof *m);
    if (doc->file && !(m->file = strdup(doc->file))) return -1;
    if (doc->id && !(m->id = strdup(doc->id))) return -1;
    m->index = doc->index;
    m->key = dedup_key(doc, slot);
    m->timestamp = doc->timestamp;
    m->via = SIZE_MAX;
    return 0;
}

static long node_pos(const uint32_t *nodes, size_t n, uint32_t slot) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (nodes[mid] < slot)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && nodes[lo] == slot ? (long)lo : -1;
}

/* Builds one group from its nodes (slots, sorted ascending) and the edges among
 * them: breadth-first from the origin over an adjacency list, so that a group of
 * thousands of copies (one wire story on every site) costs O(nodes + edges). On
 * failure the group is left empty (nothing to free). */
static int build_group(const recoupe_dups *d, const uint32_t *nodes, size_t n, const edge *ev, size_t ne,
                       recoupe_dup_group *g) {
    const dedup_index *ix = &d->ix;
    size_t origin_i = 0;
    for (size_t i = 1; i < n; i++)
        if (dedup_doc_before(ix->doc[nodes[i]], ix->doc[nodes[origin_i]])) origin_i = i;
    uint32_t *order = malloc(n * sizeof *order); /* node positions, breadth-first */
    long *parent = malloc(n * sizeof *parent);   /* position in order[] of the parent */
    long *pedge = malloc(n * sizeof *pedge);     /* edge to the parent */
    long *pos = malloc(n * sizeof *pos);         /* node position -> position in order[] */
    size_t *off = calloc(n + 1, sizeof *off);
    size_t *adj = malloc((2 * ne + 1) * sizeof *adj); /* edge indexes by node */
    g->members = calloc(n, sizeof *g->members);
    g->n_members = 0;
    if (!order || !parent || !pedge || !pos || !off || !adj || !g->members) goto oom;
    for (size_t e = 0; e < ne; e++) {
        long a = node_pos(nodes, n, ev[e].a), b = node_pos(nodes, n, ev[e].b);
        if (a >= 0) off[a + 1]++;
        if (b >= 0) off[b + 1]++;
    }
    for (size_t i = 0; i < n; i++) off[i + 1] += off[i];
    for (size_t i = 0; i < n; i++) pos[i] = (long)off[i]; /* fill cursors, reset below */
    for (size_t e = 0; e < ne; e++) {
        long a = node_pos(nodes, n, ev[e].a), b = node_pos(nodes, n, ev[e].b);
        if (a >= 0) adj[pos[a]++] = e;
        if (b >= 0) adj[pos[b]++] = e;
    }
    for (size_t i = 0; i < n; i++) pos[i] = -1;
    size_t head = 0, tail = 0;
    order[tail] = (uint32_t)origin_i;
    parent[tail] = -1;
    pedge[tail] = -1;
    pos[origin_i] = (long)tail++;
    for (; head < tail; head++) {
        uint32_t ui = order[head];
        for (size_t k = off[ui]; k < off[ui + 1]; k++) {
            const edge *x = &ev[adj[k]];
            long vi = node_pos(nodes, n, x->a == nodes[ui] ? x->b : x->a);
            if (vi < 0 || pos[vi] >= 0) continue;
            order[tail] = (uint32_t)vi;
            parent[tail] = (long)head;
            pedge[tail] = (long)adj[k];
            pos[vi] = (long)tail++;
        }
    }
    /* nodes the edges did not reach (cannot happen for a connected set) go last */
    for (size_t i = 0; i < n; i++)
        if (pos[i] < 0) {
            order[tail] = (uint32_t)i;
            parent[tail] = 0;
            pedge[tail] = -1;
            pos[i] = (long)tail++;
        }
    const dedup_doc *od = ix->doc[nodes[origin_i]];
    for (size_t k = 0; k < n; k++) {
        uint32_t slot = nodes[order[k]];
        const dedup_doc *doc = ix->doc[slot];
        recoupe_dup_member *m = &g->members[k];
        if (fill_member(m, doc, slot) != 0) {
            g->n_members = k + 1;
            goto oom;
        }
        if (k == 0) continue;
        double score = 0;
        enum dedup_relation r = relate_wanted(d, doc, od, &score);
        if (r == DEDUP_NONE && pedge[k] >= 0) {
            /* related through the member it was reached from */
            const edge *x = &ev[pedge[k]];
            r = x->a == slot ? (enum dedup_relation)x->rel : invert((enum dedup_relation)x->rel);
            score = x->score;
            if (parent[k] > 0) m->via = (size_t)parent[k];
        }
        m->relation = (recoupe_dup_relation)r;
        m->score = r == DEDUP_NONE ? 0 : score;
    }
    g->n_members = n;
    free(order), free(parent), free(pedge), free(pos), free(off), free(adj);
    return 0;
oom:
    free(order), free(parent), free(pedge), free(pos), free(off), free(adj);
    if (g->members)
        for (size_t k = 0; k < g->n_members; k++) {
            free((char *)g->members[k].file);
            free((char *)g->members[k].id);
        }
    free(g->members);
    g->members = NULL;
    g->n_members = 0;
    return -1;
}

void recoupe_dup_groups_free(recoupe_dup_groups *g) {
    if (!g) return;
    for (size_t i = 0; i < g->n_groups; i++) {
        for (size_t k = 0; k < g->groups[i].n_members; k++) {
            free((char *)g->groups[i].members[k].file);
            free((char *)g->groups[i].members[k].id);
        }
        free(g->groups[i].members);
    }
    free(g->groups);
    free(g);
}

static uint32_t uf_find(uint32_t *p, uint32_t x) {
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

typedef struct by_root {
    uint32_t root, node;
} by_root;

static int cmp_root(const void *x, const void *y) {
    const by_root *a = x, *b = y;
    if (a->root != b->root) return (a->root > b->root) - (a->root < b->root);
    return (a->node > b->node) - (a->node < b->node);
}

static int cmp_edge_root(const void *x, const void *y, void *user) {
    const uint32_t *root = user;
    uint32_t ra = root[((const edge *)x)->a], rb = root[((const edge *)y)->a];
    return (ra > rb) - (ra < rb);
}

/* groups by the insertion order of their origin (seq is unique) */
static int cmp_group_origin(const void *x, const void *y, void *user) {
    const dedup_index *ix = user;
    uint64_t sa = ix->doc[((const recoupe_dup_group *)x)->members[0].key & 0xffffffffu]->seq;
    uint64_t sb = ix->doc[((const recoupe_dup_group *)y)->members[0].key & 0xffffffffu]->seq;
    return (sa > sb) - (sa < sb);
}

recoupe_status recoupe_dups_groups(recoupe_dups *d, recoupe_dup_groups **out) {
    *out = NULL;
    const dedup_index *ix = &d->ix;
    size_t n = ix->n_slots, cap_c = 1024;
    uint32_t *parent = malloc((n + 1) * sizeof *parent);
    uint32_t *cand = malloc(cap_c * sizeof *cand);
    by_root *br = malloc((n + 1) * sizeof *br);
    recoupe_dup_groups *gs = calloc(1, sizeof *gs);
    edges e = {0};
    if (!parent || !cand || !br || !gs) goto oom;
    for (uint32_t i = 0; i < n; i++) parent[i] = i;
    for (uint32_t s = 0; s < n; s++) {
        const dedup_doc *ds = ix->doc[s];
        if (!ds || ds->sk.n_words == 0) continue;
        size_t nc = all_candidates(ix, &ds->sk, &cand, &cap_c);
        if (nc == SIZE_MAX) goto oom;
        for (size_t k = 0; k < nc; k++) {
            uint32_t c = cand[k];
            if (c == s || !ix->doc[c]) continue;
            uint32_t rs = uf_find(parent, s), rc = uf_find(parent, c);
            if (c < s && rs == rc) continue; /* the pair was seen from c's side */
            double score;
            enum dedup_relation r = relate_wanted(d, ds, ix->doc[c], &score);
            if (r == DEDUP_NONE) continue;
            if (edges_push(&e, s, c, r, score) != 0) goto oom;
            if (rs != rc) parent[rs] = rc;
        }
    }
    /* nodes by root, edges by root of their first end */
    size_t nb = 0;
    for (uint32_t i = 0; i < n; i++)
        if (ix->doc[i]) br[nb++] = (by_root){uf_find(parent, i), i};
    for (uint32_t i = 0; i < n; i++) parent[i] = uf_find(parent, i);
    qsort(br, nb, sizeof *br, cmp_root);
    if (e.n) qsort_r(e.v, e.n, sizeof *e.v, cmp_edge_root, parent); /* NULL with no edges */
    size_t n_groups_cap = 0, ei = 0;
    for (size_t i = 0; i < nb;) {
        size_t j = i;
        while (j < nb && br[j].root == br[i].root) j++;
        if (j - i >= 2) {
            uint32_t root = br[i].root;
            while (ei < e.n && parent[e.v[ei].a] < root) ei++;
            size_t ej = ei;
            while (ej < e.n && parent[e.v[ej].a] == root) ej++;
            uint32_t *nodes = cand; /* reuse the candidate buffer */
            if (j - i > cap_c) {
                uint32_t *v = realloc(cand, (j - i) * sizeof *v);
                if (!v) goto oom;
                cand = nodes = v;
                cap_c = j - i;
            }
            for (size_t k = i; k < j; k++) nodes[k - i] = br[k].node;
            if (util_grow(&gs->groups, &n_groups_cap, gs->n_groups + 1, sizeof *gs->groups, 16) != 0) goto oom;
            recoupe_dup_group *g = &gs->groups[gs->n_groups];
            if (build_group(d, nodes, j - i, e.v + ei, ej - ei, g) != 0) goto oom;
            gs->n_groups++;
            ei = ej;
        }
        i = j;
    }
    /* order groups by their origin's insertion order (built in root order, which
     * can be any: one sort, not an insertion sort quadratic in the groups) */
    if (gs->n_groups > 1) qsort_r(gs->groups, gs->n_groups, sizeof *gs->groups, cmp_group_origin, (void *)ix);
    free(parent), free(cand), free(br), free(e.v);
    *out = gs;
    return RECOUPE_OK;
oom:
    free(parent), free(cand), free(br), free(e.v);
    recoupe_dup_groups_free(gs);
    return RECOUPE_ERR_NOMEM;
}

/* Where each slot sits in group_of's node list: a util_map from slot + 1 to its
 * position. A scan of the list per candidate made a group of thousands
 * quadratic. */
static long map_get(const util_map *m, uint32_t slot) {
    const uint32_t *pos = util_map_get(m, (uint64_t)slot + 1);
    return pos ? (long)*pos : -1;
}

static int map_put(util_map *m, uint32_t slot, uint32_t pos) {
    uint32_t *p = util_map_put(m, (uint64_t)slot + 1, sizeof *p, 256);
    if (!p) return -1;
    *p = pos;
    return 0;
}

recoupe_status recoupe_dups_group_of(recoupe_dups *d, uint64_t key, recoupe_dup_groups **out) {
    *out = NULL;
    uint32_t start;
    if (!d || !dedup_doc_by_key(d, key, &start)) return RECOUPE_ERR_NOTFOUND;
    const dedup_index *ix = &d->ix;
    size_t cap_n = 64, nn = 0, cap_c = 1024;
    uint32_t *nodes = malloc(cap_n * sizeof *nodes);
    uint32_t *cand = malloc(cap_c * sizeof *cand);
    recoupe_dup_groups *gs = calloc(1, sizeof *gs);
    util_map where = {0};
    edges e = {0};
    if (!nodes || !cand || !gs || map_put(&where, start, 0) != 0) goto oom;
    nodes[nn++] = start;
    for (size_t h = 0; h < nn; h++) {
        const dedup_doc *ds = ix->doc[nodes[h]];
        if (ds->sk.n_words == 0) continue;
        size_t nc = all_candidates(ix, &ds->sk, &cand, &cap_c); /* all: one past the first cap_c is a member too */
        if (nc == SIZE_MAX) goto oom;
        for (size_t k = 0; k < nc; k++) {
            uint32_t c = cand[k];
            if (c == nodes[h] || !ix->doc[c]) continue;
            long seen = map_get(&where, c);
            if (seen >= 0 && (size_t)seen < h) continue; /* already expanded: its edges to us are known */
            double score;
            enum dedup_relation r = relate_wanted(d, ds, ix->doc[c], &score);
            if (r == DEDUP_NONE) continue;
            if (edges_push(&e, nodes[h], c, r, score) != 0) goto oom;
            if (seen < 0) {
                if (util_grow(&nodes, &cap_n, nn + 1, sizeof *nodes, 16) != 0) goto oom;
                if (map_put(&where, c, (uint32_t)nn) != 0) goto oom;
                nodes[nn++] = c;
            }
        }
    }
    if (nn >= 2) {
        sort_u32(nodes, nn);
        gs->groups = calloc(1, sizeof *gs->groups);
        if (!gs->groups || build_group(d, nodes, nn, e.v, e.n, gs->groups) != 0) goto oom;
        gs->n_groups = 1;
    }
    free(nodes), free(cand), free(e.v), util_map_free(&where);
    *out = gs;
    return RECOUPE_OK;
oom:
    free(nodes), free(cand), free(e.v), util_map_free(&where);
    recoupe_dup_groups_free(gs);
    return RECOUPE_ERR_NOMEM;
}

static int cmp_size(const void *x, const void *y) {
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

recoupe_status recoupe_dups_related(recoupe_dups *d, uint64_t key, size_t **out, size_t *n) {
    *out = NULL;
    *n = 0;
    uint32_t start;
    if (!d || !dedup_doc_by_key(d, key, &start)) return RECOUPE_ERR_NOTFOUND;
    const dedup_index *ix = &d->ix;
    const dedup_doc *ds = ix->doc[start];
    if (ds->sk.n_words == 0) return RECOUPE_OK;
    size_t cap_c = 1024;
    uint32_t *cand = malloc(cap_c * sizeof *cand);
    if (!cand) return RECOUPE_ERR_NOMEM;
    size_t nc = all_candidates(ix, &ds->sk, &cand, &cap_c);
    size_t *idx = nc == SIZE_MAX ? NULL : malloc((nc ? nc : 1) * sizeof *idx), k = 0;
    if (!idx) {
        free(cand);
        return RECOUPE_ERR_NOMEM;
    }
    for (size_t i = 0; i < nc; i++) {
        uint32_t c = cand[i];
        double score;
        if (c == start || !ix->doc[c] || relate_wanted(d, ds, ix->doc[c], &score) == DEDUP_NONE) continue;
        idx[k++] = ix->doc[c]->index;
    }
    free(cand);
    /* ascending: the same answer whatever order the index lists its candidates in */
    qsort(idx, k, sizeof *idx, cmp_size);
    *out = idx;
    *n = k;
    return RECOUPE_OK;
}

/* everything in one call: an index of the array, its groups */
recoupe_status recoupe_dups_find(recoupe_article *const *articles, size_t n, const recoupe_dups_options *opt,
                                 recoupe_dup_groups **out) {
    *out = NULL;
    recoupe_dups *d = recoupe_dups_new(opt);
    if (!d) return RECOUPE_ERR_NOMEM;
    recoupe_status st = RECOUPE_OK;
    for (size_t i = 0; i < n && st == RECOUPE_OK; i++)
        if (articles[i]) st = recoupe_dups_add(d, articles[i], i, NULL);
    if (st == RECOUPE_OK) st = recoupe_dups_groups(d, out);
    recoupe_dups_free(d);
    return st;
}
