/* buckets.c: the multimap under the LSH bands and the sentence fingerprints.
 *
 * Every (key, document) pair is one 64-bit word (key << 32 | doc) in an
 * open-addressing table with linear probing: no per-bucket allocation, 8 bytes an
 * entry. The table is cut into segments of DEDUP_SEG_SLOTS slots (64 KB), found
 * through a directory indexed by the top bits of the mixed key (extendible
 * hashing). A segment that reaches load 0.8 splits in two on the next bit, alone:
 * the table never rehashes as a whole. That is what keeps the cost per document
 * flat up to millions of documents: a whole-table rehash every x1.5 moved each
 * entry twice more at random and had the kernel zero three times the table's
 * final size (at 1M documents, 6 us of the 15 us of query + insert), where a
 * split moves 64 KB inside the cache and new memory is touched once. Load stays
 * between 0.4 (just split) and 0.8, so an entry takes 10 to 20 bytes.
 * Removal uses backward-shift deletion inside the segment, so the table never
 * fills with tombstones while the server adds and expires articles; segments are
 * not merged again. A key holds at most DEDUP_BUCKET_CAP documents, which bounds
 * the probe runs a hot key (the same boilerplate sentence on every page of a
 * site) could build.
 *
 * Segments come from chunks: the first ones calloc'd (a small index stays
 * small), then 2 MB chunks mapped directly and asked for huge pages: a probe is one
 * random access into hundreds of megabytes, and with 4 KB pages most of them would
 * also miss the TLB. */
#include "dedup/dedup.h"
#include "util/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define SEG_BYTES (DEDUP_SEG_SLOTS * sizeof(uint64_t))
#define SEG_MASK ((size_t)DEDUP_SEG_SLOTS - 1)
#define SPLIT_AT (DEDUP_SEG_SLOTS / 5 * 4) /* load 0.8 */
#define HUGE_CHUNK ((size_t)2 << 20)       /* one huge page */
#define SMALL_SEGS 16                      /* segments calloc'd one by one */
#define MAX_DEPTH 40

/* The mixed key: its top bits pick the segment, its low bits the home slot. */
static inline uint64_t mix(uint32_t key) {
    return dedup_fmix64(key);
}

static inline size_t dir_index(const dedup_buckets *b, uint64_t m) {
    return (size_t)((m >> 1) >> (63 - b->depth)); /* depth 0 gives 0 */
}

/* the key's home slot: one load from the directory, which stays in the cache */
static inline uint64_t *home_of(const dedup_buckets *b, uint64_t m) {
    return b->dir[dir_index(b, m)] + ((size_t)m & SEG_MASK);
}

/* ------------------------------------------------------------ memory */

static int remember_chunk(dedup_buckets *b, void *p, size_t bytes) {
    if (util_grow(&b->chunks, &b->cap_chunks, b->n_chunks + 1, sizeof *b->chunks, 16) != 0) return -1;
    b->chunks[b->n_chunks].p = p;
    b->chunks[b->n_chunks++].bytes = bytes;
    return 0;
}

/* a zeroed segment's slots */
static uint64_t *seg_alloc(dedup_buckets *b) {
    if (b->n_seg < SMALL_SEGS) {
        uint64_t *s = calloc(DEDUP_SEG_SLOTS, sizeof *s);
        if (s && remember_chunk(b, s, 0) != 0) {
            free(s);
            return NULL;
        }
        return s;
    }
    if (!b->chunk_left) {
        /* 2 MB aligned, so that the kernel can back it with one huge page */
        size_t len = HUGE_CHUNK * 2;
        char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) return NULL;
        char *a = (char *)(((uintptr_t)p + HUGE_CHUNK - 1) & ~(uintptr_t)(HUGE_CHUNK - 1));
        if (a > p) munmap(p, (size_t)(a - p));
        if (a + HUGE_CHUNK < p + len) munmap(a + HUGE_CHUNK, (size_t)(p + len - (a + HUGE_CHUNK)));
#ifdef MADV_HUGEPAGE
        madvise(a, HUGE_CHUNK, MADV_HUGEPAGE);
#endif
        if (remember_chunk(b, a, HUGE_CHUNK) != 0) {
            munmap(a, HUGE_CHUNK);
            return NULL;
        }
        b->chunk_next = (uint64_t *)a; /* anonymous mappings come zeroed */
        b->chunk_left = HUGE_CHUNK / SEG_BYTES;
    }
    uint64_t *s = b->chunk_next;
    b->chunk_next += DEDUP_SEG_SLOTS;
    b->chunk_left--;
    return s;
}

/* a new segment record (slots included); returns its number or -1 */
static long seg_new(dedup_buckets *b, unsigned depth) {
    if (util_grow(&b->seg, &b->cap_seg, b->n_seg + 1, sizeof *b->seg, 8) != 0) return -1;
    uint64_t *slot = seg_alloc(b);
    if (!slot) return -1;
    b->seg[b->n_seg] = (dedup_segment){slot, 0, depth};
    return (long)b->n_seg++;
}

static int init(dedup_buckets *b) {
    b->dir = malloc(sizeof *b->dir);
    b->dir_seg = malloc(sizeof *b->dir_seg);
    long s = b->dir && b->dir_seg ? seg_new(b, 0) : -1;
    if (s < 0) {
        free(b->dir), free(b->dir_seg);
        b->dir = NULL;
        b->dir_seg = NULL;
        return -1;
    }
    b->dir[0] = b->seg[s].slot;
    b->dir_seg[0] = (uint32_t)s;
    b->depth = 0;
    return 0;
}

/* ------------------------------------------------------------ probing */

static inline void place(uint64_t *slot, uint64_t v) {
    size_t p = (size_t)mix((uint32_t)(v >> 32)) & SEG_MASK;
    while (slot[p]) p = (p + 1) & SEG_MASK;
    slot[p] = v;
}

/* Splits segment s on its next bit: the entries whose bit is 1 move to a new
 * segment. Both are rebuilt from a copy, inside the cache. */
static int split(dedup_buckets *b, uint32_t s, uint64_t m) {
    unsigned d = b->seg[s].depth;
    if (d >= MAX_DEPTH) return 1;
    if (d == b->depth) { /* the directory doubles: each entry becomes two */
        size_t n = (size_t)1 << b->depth;
        uint64_t **dir = malloc(2 * n * sizeof *dir);
        uint32_t *dir_seg = malloc(2 * n * sizeof *dir_seg);
        if (!dir || !dir_seg) {
            free(dir), free(dir_seg);
            return -1;
        }
        for (size_t i = 0; i < n; i++) {
            dir[2 * i] = dir[2 * i + 1] = b->dir[i];
            dir_seg[2 * i] = dir_seg[2 * i + 1] = b->dir_seg[i];
        }
        free(b->dir), free(b->dir_seg);
        b->dir = dir;
        b->dir_seg = dir_seg;
        b->depth++;
    }
    uint64_t *copy = malloc(SEG_BYTES);
    long t = copy ? seg_new(b, d + 1) : -1;
    if (t < 0) {
        free(copy);
        return -1;
    }
    dedup_segment *old = &b->seg[s], *nw = &b->seg[t];
    old->depth = d + 1;
    /* s owns 2^(depth - d) contiguous directory entries, starting at the top d
     * bits of any of its keys; the second half of them now points to t */
    size_t span = (size_t)1 << (b->depth - d);
    size_t first = (size_t)((m >> 1) >> (63 - d)) << (b->depth - d);
    for (size_t i = first + span / 2; i < first + span; i++) {
        b->dir[i] = nw->slot;
        b->dir_seg[i] = (uint32_t)t;
    }
    memcpy(copy, old->slot, SEG_BYTES);
    memset(old->slot, 0, SEG_BYTES);
    old->n = 0;
    for (size_t i = 0; i < DEDUP_SEG_SLOTS; i++) {
        uint64_t v = copy[i];
        if (!v) continue;
        dedup_segment *to = (mix((uint32_t)(v >> 32)) << d) >> 63 ? nw : old;
        place(to->slot, v);
        to->n++;
    }
    free(copy);
    return 0;
}

/* the segment for key, split until it has room for one more entry */
static dedup_segment *seg_for_add(dedup_buckets *b, uint64_t m, int *err) {
    *err = 0;
    if (!b->dir && init(b) != 0) {
        *err = -1;
        return NULL;
    }
    for (;;) {
        uint32_t s = b->dir_seg[dir_index(b, m)];
        if (b->seg[s].n < SPLIT_AT) return &b->seg[s];
        int rc = split(b, s, m);
        if (rc < 0) {
            *err = -1;
            return NULL;
        }
        if (rc > 0) { /* cannot split further: fill up to one free slot */
            if (b->seg[s].n + 1 < DEDUP_SEG_SLOTS) return &b->seg[s];
            *err = -1;
            return NULL;
        }
    }
}

int dedup_buckets_each_add(dedup_buckets *b, uint32_t key, uint32_t doc, void (*fn)(uint32_t doc, void *user),
                           void *user) {
    if (key == 0) key = 1;
    uint64_t m = mix(key);
    int err;
    dedup_segment *g = seg_for_add(b, m, &err);
    if (!g) return err;
    uint64_t v = (uint64_t)key << 32 | doc, *slot = g->slot;
    size_t p = (size_t)m & SEG_MASK, same = 0;
    int present = 0;
    while (slot[p]) {
        if ((uint32_t)(slot[p] >> 32) == key) {
            if (slot[p] == v)
                present = 1;
            else if (fn)
                fn((uint32_t)slot[p], user);
            same++;
        }
        p = (p + 1) & SEG_MASK;
    }
    if (present) return 0;
    if (same >= DEDUP_BUCKET_CAP) return 1;
    slot[p] = v;
    g->n++;
    b->n++;
    return 0;
}

int dedup_buckets_add(dedup_buckets *b, uint32_t key, uint32_t doc) {
    return dedup_buckets_each_add(b, key, doc, NULL, NULL);
}

void dedup_buckets_remove(dedup_buckets *b, uint32_t key, uint32_t doc) {
    if (!b->dir) return;
    if (key == 0) key = 1;
    uint64_t m = mix(key);
    dedup_segment *g = &b->seg[b->dir_seg[dir_index(b, m)]];
    uint64_t v = (uint64_t)key << 32 | doc, *slot = g->slot;
    size_t i = (size_t)m & SEG_MASK;
    while (slot[i] && slot[i] != v) i = (i + 1) & SEG_MASK;
    if (!slot[i]) return;
    /* backward-shift deletion */
    size_t j = i;
    for (;;) {
        j = (j + 1) & SEG_MASK;
        if (!slot[j]) break;
        size_t k = (size_t)mix((uint32_t)(slot[j] >> 32)) & SEG_MASK;
        /* move slot[j] into the hole at i unless its home lies cyclically in (i, j] */
        int in_between = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!in_between) {
            slot[i] = slot[j];
            i = j;
        }
    }
    slot[i] = 0;
    g->n--;
    b->n--;
}

void dedup_buckets_prefetch(const dedup_buckets *b, uint32_t key) {
    if (!b->dir) return;
    if (key == 0) key = 1;
    uint64_t m = mix(key);
    const uint64_t *at = home_of(b, m);
    __builtin_prefetch(at);
    /* a probe run starting in the second half of a line usually crosses into the next */
    if (((uintptr_t)at & 63) >= 32 && ((size_t)m & SEG_MASK) + 8 < DEDUP_SEG_SLOTS) __builtin_prefetch(at + 8);
}

void dedup_buckets_each(const dedup_buckets *b, uint32_t key, void (*fn)(uint32_t doc, void *user), void *user) {
    if (!b->dir) return;
    if (key == 0) key = 1;
    uint64_t m = mix(key);
    const uint64_t *slot = b->dir[dir_index(b, m)];
    size_t p = (size_t)m & SEG_MASK;
    while (slot[p]) {
        if ((uint32_t)(slot[p] >> 32) == key) fn((uint32_t)slot[p], user);
        p = (p + 1) & SEG_MASK;
    }
}

size_t dedup_buckets_bytes(const dedup_buckets *b) {
    size_t bytes = b->n_seg * SEG_BYTES + b->cap_seg * sizeof *b->seg + b->cap_chunks * sizeof *b->chunks;
    if (b->dir) bytes += ((size_t)1 << b->depth) * (sizeof *b->dir + sizeof *b->dir_seg);
    return bytes;
}

void dedup_buckets_free(dedup_buckets *b) {
    for (size_t i = 0; i < b->n_chunks; i++) {
        if (b->chunks[i].bytes)
            munmap(b->chunks[i].p, b->chunks[i].bytes);
        else
            free(b->chunks[i].p);
    }
    free(b->chunks);
    free(b->seg);
    free(b->dir);
    free(b->dir_seg);
    memset(b, 0, sizeof *b);
}
