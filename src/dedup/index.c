/* index.c: documents by slot, and the three bucket tables that find candidates.
 *
 *  - lsh:      DEDUP_BANDS keys per document, one per band of DEDUP_ROWS shingle
 *              bins (duplicates);
 *  - stem_lsh: DEDUP_STEM_BANDS keys over the content-stem signature (rewrites,
 *              and duplicates whose shingles were scrambled);
 *  - sent:     one key per sentence of DEDUP_SENT_MIN_WORDS+ words whose hash
 *              is even (containment: a copy wrapped in new material shares its
 *              sentences, not its shingle set; half of them are enough to find it).
 *  - inv_lsh:  DEDUP_INV_BANDS keys over the invariant-pair signature (rewrites
 *              whose words changed: a content farm keeps the names and numbers).
 * Removal recomputes the keys from the stored sketch, so nothing else is kept.
 *
 * Memory per document: the dedup_doc (about 90 bytes + file and id strings), the
 * sketch (272 bytes + 24 per sentence), and 10 to 20 bytes per bucket entry
 * (segments split at load 0.8, buckets.c):
 * 37 LSH entries (53 with the invariant bands) + one per indexed sentence (about half of them). The measured
 * figure is in docs/BENCHMARKS.md (## Duplicates). */
#include "dedup/dedup.h"
#include "util/sort.h"
#include "util/array.h"

#include <stdlib.h>
#include <string.h>
/* inlined: 37 band keys per document, each a hash of 6 or 8 bytes, where the
 * call into the shared library cost more than the hash (same values) */
#define XXH_INLINE_ALL
#include <xxhash.h>

void dedup_index_init(dedup_index *ix) {
    memset(ix, 0, sizeof *ix);
    ix->use_stem_lsh = 1;
    ix->use_inv_lsh = 1;
}

void dedup_doc_free(dedup_doc *d) {
    if (!d) return;
    dedup_sketch_free(&d->sk);
    free(d->file);
    free(d->id);
    free(d);
}

void dedup_index_free(dedup_index *ix) {
    for (size_t i = 0; i < ix->n_slots; i++) dedup_doc_free(ix->doc[i]);
    free(ix->doc);
    free(ix->free_slots);
    dedup_buckets_free(&ix->lsh);
    dedup_buckets_free(&ix->stem_lsh);
    dedup_buckets_free(&ix->sent);
    dedup_buckets_free(&ix->inv_lsh);
    memset(ix, 0, sizeof *ix);
}

/* a band's key: the hash of its rows (bytes of the signature) and its number */
static uint32_t band_key(const void *sig, size_t bytes_per_row, int band, int rows, uint64_t seed) {
    return (uint32_t)XXH3_64bits_withSeed((const char *)sig + (size_t)band * (size_t)rows * bytes_per_row,
                                          (size_t)rows * bytes_per_row, seed + (uint64_t)band);
}

static int sig_is_empty(const dedup_sbin *sig, size_t k) {
    for (size_t i = 0; i < k; i++)
        if (sig[i]) return 0;
    return 1;
}

/* Every bucket key of a document, computed once for its query and its insertion. */
typedef struct doc_keys {
    uint32_t lsh[DEDUP_BANDS], stem[DEDUP_STEM_BANDS], sent[DEDUP_MAX_SENT], inv[DEDUP_INV_BANDS + DEDUP_MAX_SENT];
    size_t n_lsh, n_stem, n_sent, n_inv;
} doc_keys;

/* the four tables and a document's keys in each, in one order (lsh, stem, sent, inv) */
typedef struct key_table {
    dedup_buckets *b;
    const uint32_t *key;
    size_t n;
} key_table;

static void key_tables(dedup_index *ix, const doc_keys *k, key_table t[4]) {
    t[0] = (key_table){&ix->lsh, k->lsh, k->n_lsh};
    t[1] = (key_table){&ix->stem_lsh, k->stem, k->n_stem};
    t[2] = (key_table){&ix->sent, k->sent, k->n_sent};
    t[3] = (key_table){&ix->inv_lsh, k->inv, k->n_inv};
}

/* Computes the keys and starts loading their home slots into the cache, so that a
 * query's or an insertion's cache misses overlap instead of queueing. */
static void compute_keys(const dedup_index *ix, const dedup_sketch *sk, doc_keys *k) {
    k->n_lsh = k->n_stem = k->n_sent = k->n_inv = 0;
    if (sk->n_words == 0) return;
    for (int b = 0; b < DEDUP_BANDS; b++) {
        k->lsh[k->n_lsh] = band_key(sk->sig, sizeof *sk->sig, b, DEDUP_ROWS, 0x1000);
        dedup_buckets_prefetch(&ix->lsh, k->lsh[k->n_lsh++]);
    }
    if (ix->use_stem_lsh && !sig_is_empty(sk->stems, DEDUP_STEM_K))
        for (int b = 0; b < DEDUP_STEM_BANDS; b++) {
            k->stem[k->n_stem] = band_key(sk->stems, sizeof *sk->stems, b, DEDUP_STEM_ROWS, 0x2000);
            dedup_buckets_prefetch(&ix->stem_lsh, k->stem[k->n_stem++]);
        }
    if (ix->use_inv_lsh && sk->n_inv >= DEDUP_INV_MIN)
        for (int b = 0; b < DEDUP_INV_BANDS; b++) {
            k->inv[k->n_inv] = band_key(sk->inv, sizeof *sk->inv, b, DEDUP_INV_ROWS, 0x3000);
            dedup_buckets_prefetch(&ix->inv_lsh, k->inv[k->n_inv++]);
        }
    /* sentences' invariant sets, each once (a repeated set is one key) */
    for (uint32_t i = 0; ix->use_inv_lsh && i < sk->n_inv_sent; i++) {
        uint32_t key = sk->inv_sent[i] ^ 0x3000;
        int seen = 0;
        for (uint32_t j = 0; j < i && !seen; j++) seen = sk->inv_sent[j] == sk->inv_sent[i];
        if (seen) continue;
        k->inv[k->n_inv] = key;
        dedup_buckets_prefetch(&ix->inv_lsh, k->inv[k->n_inv++]);
    }
    /* each sentence once: sorted by hash, a repeated one is the previous one (its
     * probe would count a document under it twice, as two shared sentences) */
    for (uint32_t i = 0; i < sk->n_sent; i++) {
        if (!dedup_sentence_indexed(&sk->sent[i]) || (i && sk->sent[i - 1].hash == sk->sent[i].hash)) continue;
        k->sent[k->n_sent] = sk->sent[i].hash;
        dedup_buckets_prefetch(&ix->sent, k->sent[k->n_sent++]);
    }
}

/* op: 1 add, 0 remove. Returns -1 on OOM (add only). */
static int apply_keys(dedup_index *ix, const doc_keys *k, uint32_t slot, int op) {
    key_table t[4];
    key_tables(ix, k, t);
    for (int j = 0; j < 4; j++)
        for (size_t i = 0; i < t[j].n; i++) {
            if (!op)
                dedup_buckets_remove(t[j].b, t[j].key[i], slot);
            else if (dedup_buckets_add(t[j].b, t[j].key[i], slot) < 0)
                return -1;
        }
    return 0;
}

static long take_slot(dedup_index *ix, dedup_doc *d) {
    uint32_t slot;
    if (ix->n_free) {
        slot = ix->free_slots[--ix->n_free];
    } else {
        if (util_grow(&ix->doc, &ix->cap_slots, ix->n_slots + 1, sizeof *ix->doc, 64) != 0) return -1;
        if (ix->n_slots >= UINT32_MAX) return -1;
        slot = (uint32_t)ix->n_slots++;
    }
    ix->doc[slot] = d;
    d->seq = ix->next_seq++;
    ix->n_docs++;
    return (long)slot;
}

static size_t candidates_from_keys(const dedup_index *ix, const doc_keys *k, uint32_t *out, size_t cap);

/* Takes a slot for d and files its keys; d is freed when that fails. */
static long insert_with_keys(dedup_index *ix, dedup_doc *d, const doc_keys *k) {
    long slot = take_slot(ix, d);
    if (slot < 0) {
        dedup_doc_free(d);
        return -1;
    }
    if (apply_keys(ix, k, (uint32_t)slot, 1) != 0) {
        dedup_index_remove(ix, (uint32_t)slot);
        return -1;
    }
    return slot;
}

long dedup_index_add(dedup_index *ix, dedup_doc *d) {
    doc_keys k;
    compute_keys(ix, &d->sk, &k);
    return insert_with_keys(ix, d, &k);
}

/* the candidate hits of one query, by table */
typedef struct hits {
    uint32_t *v;
    size_t n, cap;
    uint32_t local[512]; /* most queries fit here: no allocation */
} hits;

static void hit(uint32_t doc, void *user) {
    hits *h = user;
    if (h->n == h->cap) {
        size_t cap = h->cap * 2;
        uint32_t *v = h->v == h->local ? malloc(cap * sizeof *v) : realloc(h->v, cap * sizeof *v);
        if (!v) return; /* out of memory: fewer candidates, nothing worse */
        if (h->v == h->local) memcpy(v, h->local, sizeof h->local);
        h->v = v;
        h->cap = cap;
    }
    h->v[h->n++] = doc;
}

static void hits_init(hits *h) {
    h->v = h->local;
    h->n = 0;
    h->cap = sizeof h->local / sizeof *h->local;
}

static void hits_free(hits *h) {
    if (h->v != h->local) free(h->v);
}

static size_t select_candidates(const dedup_index *ix, hits h[4], size_t n_indexed, uint32_t *out, size_t cap);

long dedup_index_add_query(dedup_index *ix, dedup_doc *d, uint32_t *out, size_t cap, size_t *found) {
    *found = 0;
    doc_keys k;
    compute_keys(ix, &d->sk, &k);
    long slot = take_slot(ix, d);
    if (slot < 0) {
        dedup_doc_free(d);
        return -1;
    }
    /* each key is probed once: the documents already under it are the query's
     * hits, then the new document joins them */
    hits h[4];
    key_table t[4];
    key_tables(ix, &k, t);
    int rc = 0;
    for (int j = 0; j < 4; j++) {
        hits_init(&h[j]);
        for (size_t i = 0; i < t[j].n && rc >= 0; i++)
            rc = dedup_buckets_each_add(t[j].b, t[j].key[i], (uint32_t)slot, hit, &h[j]);
    }
    if (rc >= 0 && k.n_lsh) *found = select_candidates(ix, h, k.n_sent, out, cap);
    for (int j = 0; j < 4; j++) hits_free(&h[j]);
    if (rc < 0) {
        dedup_index_remove(ix, (uint32_t)slot);
        return -1;
    }
    return slot;
}

void dedup_index_remove(dedup_index *ix, uint32_t slot) {
    if (slot >= ix->n_slots || !ix->doc[slot]) return;
    dedup_doc *d = ix->doc[slot];
    doc_keys k;
    compute_keys(ix, &d->sk, &k);
    apply_keys(ix, &k, slot, 0);
    dedup_doc_free(d);
    ix->doc[slot] = NULL;
    if (util_grow(&ix->free_slots, &ix->cap_free, ix->n_free + 1, sizeof *ix->free_slots, 64) != 0)
        goto counted; /* the slot is simply not reused */
    ix->free_slots[ix->n_free++] = slot;
counted:
    if (ix->n_docs) ix->n_docs--;
}

/* ------------------------------------------------------------ candidates */

/* adds to out every document found at least `need` times in h, or once when
 * ix is given and the document has fewer than three indexed sentences */
static void keep_repeated(hits *h, size_t need, const dedup_index *ix, hits *out) {
    sort_u32(h->v, h->n);
    for (size_t i = 0; i < h->n;) {
        size_t j = i;
        while (j < h->n && h->v[j] == h->v[i]) j++;
        if (j - i >= need || (ix && ix->doc[h->v[i]] && ix->doc[h->v[i]]->sk.n_indexed < 3)) hit(h->v[i], out);
        i = j;
    }
}

size_t dedup_index_candidates(const dedup_index *ix, const dedup_sketch *sk, uint32_t *out, size_t cap) {
    doc_keys k;
    compute_keys(ix, sk, &k);
    return candidates_from_keys(ix, &k, out, cap);
}

static size_t candidates_from_keys(const dedup_index *ix, const doc_keys *k, uint32_t *out, size_t cap) {
    if (!k->n_lsh) return 0;
    hits h[4];
    key_table t[4];
    key_tables((dedup_index *)ix, k, t); /* read only: the tables are probed, not changed */
    for (int j = 0; j < 4; j++) {
        hits_init(&h[j]);
        for (size_t i = 0; i < t[j].n; i++) dedup_buckets_each(t[j].b, t[j].key[i], hit, &h[j]);
    }
    size_t n = select_candidates(ix, h, k->n_sent, out, cap);
    for (int j = 0; j < 4; j++) hits_free(&h[j]);
    return n;
}

/* the candidates from a query's hits: every LSH band hit, documents sharing
 * enough stem bands, documents sharing enough indexed sentences */
static size_t select_candidates(const dedup_index *ix, hits h[4], size_t n_indexed, uint32_t *out, size_t cap) {
    hits *lsh = &h[0];
    /* a stem band alone is weak evidence (texts on one subject share common
     * content words, and their number grows with the index): two bands are
     * needed. Sentence hits count when a document shares two indexed sentences
     * (one when the query or that document has fewer than three: the rule is
     * the same from either end, so the document that finds another is also
     * found by it, and recoupe_dups_group_of sees the group
     * recoupe_dups_groups sees). */
    keep_repeated(&h[1], DEDUP_STEM_MIN_BANDS, NULL, lsh);
    keep_repeated(&h[2], n_indexed >= 3 ? 2 : 1, ix, lsh);
    /* invariant bands: two, for the same reason as stem bands (articles of one
     * event pair some of the same names) */
    keep_repeated(&h[3], DEDUP_INV_MIN_BANDS, NULL, lsh);
    sort_u32(lsh->v, lsh->n);
    size_t n = 0;
    for (size_t i = 0; i < lsh->n; i++) {
        if (i && lsh->v[i] == lsh->v[i - 1]) continue;
        if (n < cap) out[n] = lsh->v[i];
        n++;
    }
    return n;
}

size_t dedup_index_bytes(const dedup_index *ix) {
    size_t bytes = sizeof *ix + ix->cap_slots * sizeof *ix->doc + ix->cap_free * sizeof(uint32_t);
    bytes += dedup_buckets_bytes(&ix->lsh) + dedup_buckets_bytes(&ix->stem_lsh) + dedup_buckets_bytes(&ix->sent) +
             dedup_buckets_bytes(&ix->inv_lsh);
    for (size_t i = 0; i < ix->n_slots; i++) {
        const dedup_doc *d = ix->doc[i];
        if (!d) continue;
        bytes += sizeof *d + dedup_sketch_bytes(&d->sk) - sizeof d->sk;
        if (d->file) bytes += strlen(d->file) + 1;
        if (d->id) bytes += strlen(d->id) + 1;
    }
    return bytes;
}
