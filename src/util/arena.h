/* arena.h: a bump allocator for many small arrays that die together.
 *
 * Memory comes from a chain of chunks (64 KiB, or one the size of a bigger
 * request); each allocation is zeroed and aligned to 16 bytes; there is no free
 * of one allocation, only of the whole arena. For the records an engine
 * rebuilds at once (src/story/records.c): thousands of small arrays, one free. */
#ifndef RECOUPE_UTIL_ARENA_H
#define RECOUPE_UTIL_ARENA_H

#include <stddef.h>

typedef struct util_chunk util_chunk;

/* An arena: zero-initialise it ({0}), allocate, then util_arena_free. */
typedef struct util_arena {
    util_chunk *head; /* the chunk being filled, then the full ones */
    size_t bytes;     /* bytes of chunks held */
} util_arena;

/* size zeroed bytes (at least 1) aligned to 16, living until util_arena_free;
 * NULL when out of memory or when size would overflow. */
void *util_arena_alloc(util_arena *a, size_t size);
/* n elements of size bytes each, zeroed; NULL on overflow or out of memory. */
void *util_arena_array(util_arena *a, size_t n, size_t size);
/* Gives every chunk back; the arena is empty and usable again. NULL is a no-op. */
void util_arena_free(util_arena *a);

#endif
