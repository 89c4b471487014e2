/* map.c: the growing and freeing of util_map (map.h); the lookups are inline. */
#include "util/map.h"

#include <stdlib.h>
#include <string.h>

int util_map_reserve(util_map *m, size_t vsize, size_t first) {
    if (!m->vsize) m->vsize = vsize;
    if ((m->len + 1) * 2 <= m->cap) return 0;
    size_t nc = m->cap ? m->cap * 2 : (first ? first : 16);
    if (nc < m->cap || nc > SIZE_MAX / m->vsize) return -1;
    uint64_t *k = calloc(nc, sizeof *k);
    char *v = calloc(nc, m->vsize);
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t s = util_map_home(m->keys[i], nc);
        while (k[s]) s = (s + 1) & (nc - 1);
        k[s] = m->keys[i];
        memcpy(v + s * m->vsize, (char *)m->vals + i * m->vsize, m->vsize);
    }
    free(m->keys);
    free(m->vals);
    m->keys = k;
    m->vals = v;
    m->cap = nc;
    return 0;
}

void *util_map_put(util_map *m, uint64_t key, size_t vsize, size_t first) {
    if (util_map_reserve(m, vsize, first) != 0) return NULL;
    size_t s = util_map_slot(m, key);
    if (!m->keys[s]) {
        m->keys[s] = key;
        m->len++;
    }
    return util_map_at(m, s);
}

void util_map_free(util_map *m) {
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}
