/* buckets.c: the multimap under the LSH bands and the sentence fingerprints.
 *
 * Every (key, document) pair is one 64-bit word in an open-addressing table with
 * linear probing: no per-bucket allocation, 8 bytes an entry, 8 / 0.53 = 15 at
 * worst just after growing (x1.5 when the load reaches 0.8; multiply-shift maps
 * a key to its home slot, so the size need not be a power of two). Removal uses backward-shift deletion, so the
 * table never fills with tombstones while the server adds and expires articles.
 * A key holds at most DEDUP_BUCKET_CAP documents, which bounds the probe runs a
 * hot key (the same boilerplate sentence on every page of a site) could build. */
#include "dedup/dedup.h"

#include <stdlib.h>
#include <sys/mman.h>

/* Tables of 4 MB and more are mapped directly and asked for huge pages: a probe
 * is one random access into hundreds of megabytes, and with 4 KB pages most of
 * them would also miss the TLB. */
#define BIG_TABLE ((size_t)4 << 20)

static uint64_t *table_alloc(size_t cap)
{
    size_t bytes = cap * sizeof(uint64_t);
    if (bytes < BIG_TABLE) return calloc(cap, sizeof(uint64_t));
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, bytes, MADV_HUGEPAGE);
#endif
    return p; /* anonymous mappings come zeroed */
}

static void table_free(uint64_t *slot, size_t cap)
{
    if (!slot) return;
    if (cap * sizeof(uint64_t) < BIG_TABLE) free(slot);
    else munmap(slot, cap * sizeof(uint64_t));
}

/* the home slot: a mixed key scaled to [0, cap) (multiply-shift, any cap) */
static inline size_t home(uint32_t key, size_t cap)
{
    uint32_t h = key;
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return (size_t)(((uint64_t)h * cap) >> 32);
}

static inline size_t next(size_t p, size_t cap)
{
    return p + 1 == cap ? 0 : p + 1;
}

static int grow(dedup_buckets *b)
{
    size_t cap = b->cap ? b->cap + b->cap / 2 : 1024;
    uint64_t *slot = table_alloc(cap);
    if (!slot) return -1;
    for (size_t i = 0; i < b->cap; i++) {
        uint64_t v = b->slot[i];
        if (!v) continue;
        size_t p = home((uint32_t)(v >> 32), cap);
        while (slot[p]) p = next(p, cap);
        slot[p] = v;
    }
    table_free(b->slot, b->cap);
    b->slot = slot;
    b->cap = cap;
    return 0;
}

int dedup_buckets_add(dedup_buckets *b, uint32_t key, uint32_t doc)
{
    if (key == 0) key = 1;
    if ((b->n + 1) * 5 > b->cap * 4 && grow(b) != 0) return -1;
    uint64_t v = (uint64_t)key << 32 | doc;
    size_t cap = b->cap, p = home(key, cap), same = 0;
    while (b->slot[p]) {
        if (b->slot[p] == v) return 0;
        if ((uint32_t)(b->slot[p] >> 32) == key && ++same >= DEDUP_BUCKET_CAP) return 1;
        p = next(p, cap);
    }
    b->slot[p] = v;
    b->n++;
    return 0;
}

void dedup_buckets_remove(dedup_buckets *b, uint32_t key, uint32_t doc)
{
    if (!b->cap) return;
    if (key == 0) key = 1;
    uint64_t v = (uint64_t)key << 32 | doc;
    size_t cap = b->cap, i = home(key, cap);
    while (b->slot[i] && b->slot[i] != v) i = next(i, cap);
    if (!b->slot[i]) return;
    /* backward-shift deletion */
    size_t j = i;
    for (;;) {
        j = next(j, cap);
        if (!b->slot[j]) break;
        size_t k = home((uint32_t)(b->slot[j] >> 32), cap);
        /* move slot[j] into the hole at i unless its home lies cyclically in (i, j] */
        int in_between = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!in_between) {
            b->slot[i] = b->slot[j];
            i = j;
        }
    }
    b->slot[i] = 0;
    b->n--;
}

void dedup_buckets_prefetch(const dedup_buckets *b, uint32_t key)
{
    if (!b->cap) return;
    if (key == 0) key = 1;
    __builtin_prefetch(&b->slot[home(key, b->cap)]);
}

void dedup_buckets_each(const dedup_buckets *b, uint32_t key, void (*fn)(uint32_t doc, void *user),
                        void *user)
{
    if (!b->cap) return;
    if (key == 0) key = 1;
    size_t cap = b->cap, p = home(key, cap);
    while (b->slot[p]) {
        if ((uint32_t)(b->slot[p] >> 32) == key) fn((uint32_t)b->slot[p], user);
        p = next(p, cap);
    }
}

void dedup_buckets_free(dedup_buckets *b)
{
    table_free(b->slot, b->cap);
    b->slot = NULL;
    b->cap = b->n = 0;
}
