/* arena.c: the bump allocator of arena.h: a chain of chunks, each request
 * carved from the first one with room, a bigger request given a chunk of its
 * own (placed behind the head, so the head keeps being filled). */
#include "util/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK = 64 << 10, ALIGN = 16 };

struct util_chunk {
    util_chunk *next;
    size_t size, used;
    _Alignas(ALIGN) unsigned char data[];
};

void *util_arena_alloc(util_arena *a, size_t size) {
    if (!size) size = 1;
    if (size > SIZE_MAX - sizeof(util_chunk) - ALIGN) return NULL;
    size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    util_chunk *c = a->head;
    if (c && c->size - c->used >= need) {
        void *p = c->data + c->used;
        c->used += need;
        return memset(p, 0, size);
    }
    size_t cs = need > CHUNK / 4 ? need : CHUNK; /* a big request: a chunk of its own */
    util_chunk *n = malloc(sizeof *n + cs);
    if (!n) return NULL;
    n->size = cs;
    n->used = need;
    a->bytes += cs;
    if (cs == CHUNK || !c) { /* the new head */
        n->next = c;
        a->head = n;
    } else { /* behind the head, which still has room */
        n->next = c->next;
        c->next = n;
    }
    return memset(n->data, 0, size);
}

void *util_arena_array(util_arena *a, size_t n, size_t size) {
    if (size && n > SIZE_MAX / size) return NULL;
    return util_arena_alloc(a, n * size);
}

void util_arena_free(util_arena *a) {
    if (!a) return;
    for (util_chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    a->head = NULL;
    a->bytes = 0;
}
