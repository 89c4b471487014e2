/* map.h: the one hash map of the engine: 64-bit keys to values of a fixed size.
 *
 * Open addressing with linear probing; the keys are one array (0 marks an empty
 * slot: a caller whose key may be 0 maps it to another value) and the values a
 * second one, of vsize bytes each, so that a probe walks only keys. A slot's
 * home is a multiplicative hash of the key; the table doubles before it is half
 * full, so probes stay short. Entries are never deleted (a count that falls to 0
 * stays, harmless). The lookups are inline: the story index and the document
 * frequencies make millions of them. Not thread-safe for writing. */
#ifndef RECOUPE_UTIL_MAP_H
#define RECOUPE_UTIL_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct util_map {
    uint64_t *keys; /* cap of them; 0 = empty */
    void *vals;     /* cap values of vsize bytes; a new slot's is all zero */
    size_t cap;     /* 0 or a power of two */
    size_t len;     /* keys held */
    size_t vsize;
} util_map;

/* the first slot a key is looked for at (cap a power of two) */
static inline size_t util_map_home(uint64_t key, size_t cap) {
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 17) & (cap - 1);
}

/* The slot holding key (non-zero), or the empty slot it would take. cap must be
 * non-zero. */
static inline size_t util_map_slot(const util_map *m, uint64_t key) {
    size_t s = util_map_home(key, m->cap);
    while (m->keys[s] && m->keys[s] != key) s = (s + 1) & (m->cap - 1);
    return s;
}

/* The value at a slot. */
static inline void *util_map_at(const util_map *m, size_t slot) {
    return (char *)m->vals + slot * m->vsize;
}

/* The value of key, or NULL when absent. */
static inline void *util_map_get(const util_map *m, uint64_t key) {
    if (!m->cap) return NULL;
    size_t s = util_map_slot(m, key);
    return m->keys[s] ? util_map_at(m, s) : NULL;
}

/* Makes room for one more key (vsize: the values' size, fixed at the first
 * call; first: the capacity to start with, a power of two): the table doubles
 * when one more key would fill half of it. 0, or -1 when out of memory (the
 * table is as it was). */
int util_map_reserve(util_map *m, size_t vsize, size_t first);

/* The value of key (non-zero), made (zero) when absent; NULL when out of memory. */
void *util_map_put(util_map *m, uint64_t key, size_t vsize, size_t first);

/* Frees the arrays (not what values point to) and empties the map. */
void util_map_free(util_map *m);

#endif
