/* index.c: documents by slot, and the three bucket tables that find candidates.
 *
 *  - lsh:      DEDUP_BANDS keys per document, one per band of DEDUP_ROWS shingle
 *              bins (duplicates);
 *  - stem_lsh: DEDUP_STEM_BANDS keys over the content-stem signature (rewrites,
 *              and duplicates whose shingles were scrambled);
 *  - sent:     one key per sentence of DEDUP_SENT_MIN_WORDS+ words whose hash
 *              is even (containment: a copy wrapped in new material shares its
 *              sentences, not its shingle set; half of them are enough to find it).
 * Removal recomputes the keys from the stored sketch, so nothing else is kept.
 *
 * Memory per document: the dedup_doc (about 90 bytes + file and id strings), the
 * sketch (272 bytes + 24 per sentence), and 10 to 15 bytes per bucket entry:
 * 37 LSH entries + one per indexed sentence (about half of them). The measured
 * figure is in docs/BENCHMARKS.md (## Duplicates). */
#include "dedup/dedup.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

void dedup_index_init(dedup_index *ix)
{
    memset(ix, 0, sizeof *ix);
    ix->use_stem_lsh = 1;
}

void dedup_doc_free(dedup_doc *d)
{
    if (!d) return;
    dedup_sketch_free(&d->sk);
    free(d->file);
    free(d->id);
    free(d);
}

void dedup_index_free(dedup_index *ix)
{
    for (size_t i = 0; i < ix->n_slots; i++) dedup_doc_free(ix->doc[i]);
    free(ix->doc);
    free(ix->free_slots);
    dedup_buckets_free(&ix->lsh);
    dedup_buckets_free(&ix->stem_lsh);
    dedup_buckets_free(&ix->sent);
    memset(ix, 0, sizeof *ix);
}

/* a band's key: the hash of its rows (bytes of the signature) and its number */
static uint32_t band_key(const void *sig, size_t bytes_per_row, int band, int rows, uint64_t seed)
{
    return (uint32_t)XXH3_64bits_withSeed((const char *)sig + (size_t)band * (size_t)rows * bytes_per_row,
                                          (size_t)rows * bytes_per_row, seed + (uint64_t)band);
}

static int sig_is_empty(const dedup_sbin *sig, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (sig[i]) return 0;
    return 1;
}

/* A sentence goes into the sentence table when it is long enough to say something
 * and its hash is even: half the sentences, chosen by content, so that two texts
 * sharing a passage index the same sentences of it. */
static int sentence_indexed(const dedup_sentence *s)
{
    return s->hash && s->words >= DEDUP_SENT_MIN_WORDS && (s->hash & DEDUP_SENT_SAMPLE) == 0;
}

/* op: 1 add, 0 remove. Returns -1 on OOM (add only). */
static int index_keys(dedup_index *ix, const dedup_sketch *sk, uint32_t slot, int op)
{
    if (sk->n_words == 0) return 0;
    for (int b = 0; b < DEDUP_BANDS; b++) {
        uint32_t key = band_key(sk->sig, sizeof *sk->sig, b, DEDUP_ROWS, 0x1000);
        if (op) {
            if (dedup_buckets_add(&ix->lsh, key, slot) < 0) return -1;
        } else {
            dedup_buckets_remove(&ix->lsh, key, slot);
        }
    }
    if (ix->use_stem_lsh && !sig_is_empty(sk->stems, DEDUP_STEM_K)) {
        for (int b = 0; b < DEDUP_STEM_BANDS; b++) {
            uint32_t key = band_key(sk->stems, sizeof *sk->stems, b, DEDUP_STEM_ROWS, 0x2000);
            if (op) {
                if (dedup_buckets_add(&ix->stem_lsh, key, slot) < 0) return -1;
            } else {
                dedup_buckets_remove(&ix->stem_lsh, key, slot);
            }
        }
    }
    for (uint32_t i = 0; i < sk->n_sent; i++) {
        const dedup_sentence *s = &sk->sent[i];
        if (!sentence_indexed(s)) continue;
        if (op) {
            if (dedup_buckets_add(&ix->sent, s->hash, slot) < 0) return -1;
        } else {
            dedup_buckets_remove(&ix->sent, s->hash, slot);
        }
    }
    return 0;
}

long dedup_index_add(dedup_index *ix, dedup_doc *d)
{
    uint32_t slot;
    if (ix->n_free) {
        slot = ix->free_slots[--ix->n_free];
    } else {
        if (ix->n_slots == ix->cap_slots) {
            size_t cap = ix->cap_slots ? ix->cap_slots * 2 : 64;
            dedup_doc **v = realloc(ix->doc, cap * sizeof *v);
            if (!v) {
                dedup_doc_free(d);
                return -1;
            }
            ix->doc = v;
            ix->cap_slots = cap;
        }
        if (ix->n_slots >= UINT32_MAX) {
            dedup_doc_free(d);
            return -1;
        }
        slot = (uint32_t)ix->n_slots++;
    }
    ix->doc[slot] = d;
    d->seq = ix->next_seq++;
    ix->n_docs++;
    if (index_keys(ix, &d->sk, slot, 1) != 0) {
        dedup_index_remove(ix, slot);
        return -1;
    }
    return (long)slot;
}

void dedup_index_remove(dedup_index *ix, uint32_t slot)
{
    if (slot >= ix->n_slots || !ix->doc[slot]) return;
    dedup_doc *d = ix->doc[slot];
    index_keys(ix, &d->sk, slot, 0);
    dedup_doc_free(d);
    ix->doc[slot] = NULL;
    if (ix->n_free == ix->cap_free) {
        size_t cap = ix->cap_free ? ix->cap_free * 2 : 64;
        uint32_t *v = realloc(ix->free_slots, cap * sizeof *v);
        if (!v) goto counted; /* the slot is simply not reused */
        ix->free_slots = v;
        ix->cap_free = cap;
    }
    ix->free_slots[ix->n_free++] = slot;
counted:
    if (ix->n_docs) ix->n_docs--;
}

/* ------------------------------------------------------------ candidates */

typedef struct hits {
    uint32_t *v;
    size_t n, cap;
    uint32_t local[512];  /* most queries fit here: no allocation */
} hits;

static void hit(uint32_t doc, void *user)
{
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

static void hits_init(hits *h)
{
    h->v = h->local;
    h->n = 0;
    h->cap = sizeof h->local / sizeof *h->local;
}

static void hits_free(hits *h)
{
    if (h->v != h->local) free(h->v);
}

static void sort_u32(uint32_t *v, size_t n);

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* candidate lists are short: insertion sort below 32, qsort above */
static void sort_u32(uint32_t *v, size_t n)
{
    if (n > 32) {
        qsort(v, n, sizeof *v, cmp_u32);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        while (j > 0 && v[j - 1] > x) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

/* adds to out every document found at least `need` times in h */
static void keep_repeated(hits *h, size_t need, hits *out)
{
    sort_u32(h->v, h->n);
    for (size_t i = 0; i < h->n;) {
        size_t j = i;
        while (j < h->n && h->v[j] == h->v[i]) j++;
        if (j - i >= need) hit(h->v[i], out);
        i = j;
    }
}

size_t dedup_index_candidates(const dedup_index *ix, const dedup_sketch *sk, uint32_t *out,
                              size_t cap)
{
    if (sk->n_words == 0) return 0;
    hits lsh, stem, sent;
    hits_init(&lsh);
    hits_init(&stem);
    hits_init(&sent);
    /* all keys first, prefetched, then the probes: the cache misses overlap */
    uint32_t klsh[DEDUP_BANDS], kstem[DEDUP_STEM_BANDS], ksent[DEDUP_MAX_SENT];
    int use_stem = ix->use_stem_lsh && !sig_is_empty(sk->stems, DEDUP_STEM_K);
    for (int b = 0; b < DEDUP_BANDS; b++) {
        klsh[b] = band_key(sk->sig, sizeof *sk->sig, b, DEDUP_ROWS, 0x1000);
        dedup_buckets_prefetch(&ix->lsh, klsh[b]);
    }
    for (int b = 0; use_stem && b < DEDUP_STEM_BANDS; b++) {
        kstem[b] = band_key(sk->stems, sizeof *sk->stems, b, DEDUP_STEM_ROWS, 0x2000);
        dedup_buckets_prefetch(&ix->stem_lsh, kstem[b]);
    }
    size_t n_indexed = 0;
    for (uint32_t i = 0; i < sk->n_sent; i++) {
        if (!sentence_indexed(&sk->sent[i])) continue;
        ksent[n_indexed] = sk->sent[i].hash;
        dedup_buckets_prefetch(&ix->sent, ksent[n_indexed++]);
    }
    for (int b = 0; b < DEDUP_BANDS; b++) dedup_buckets_each(&ix->lsh, klsh[b], hit, &lsh);
    for (int b = 0; use_stem && b < DEDUP_STEM_BANDS; b++)
        dedup_buckets_each(&ix->stem_lsh, kstem[b], hit, &stem);
    for (size_t i = 0; i < n_indexed; i++) dedup_buckets_each(&ix->sent, ksent[i], hit, &sent);
    /* a stem band alone is weak evidence (texts on one subject share common
     * content words, and their number grows with the index): two bands are
     * needed. Sentence hits count when a document shares two indexed sentences
     * (one when the query has fewer than three). */
    keep_repeated(&stem, DEDUP_STEM_MIN_BANDS, &lsh);
    keep_repeated(&sent, n_indexed >= 3 ? 2 : 1, &lsh);
    sort_u32(lsh.v, lsh.n);
    size_t n = 0;
    for (size_t i = 0; i < lsh.n; i++) {
        if (i && lsh.v[i] == lsh.v[i - 1]) continue;
        if (n < cap) out[n] = lsh.v[i];
        n++;
    }
    hits_free(&lsh);
    hits_free(&stem);
    hits_free(&sent);
    return n;
}

size_t dedup_index_bytes(const dedup_index *ix)
{
    size_t bytes = sizeof *ix + ix->cap_slots * sizeof *ix->doc + ix->cap_free * sizeof(uint32_t);
    bytes += (ix->lsh.cap + ix->stem_lsh.cap + ix->sent.cap) * sizeof(uint64_t);
    for (size_t i = 0; i < ix->n_slots; i++) {
        const dedup_doc *d = ix->doc[i];
        if (!d) continue;
        bytes += sizeof *d + dedup_sketch_bytes(&d->sk) - sizeof d->sk;
        if (d->file) bytes += strlen(d->file) + 1;
        if (d->id) bytes += strlen(d->id) + 1;
    }
    return bytes;
}
