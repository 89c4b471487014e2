/* array.h: the growable array every module keeps rewriting, as one function.
 *
 * An array is a plain pointer and a capacity the caller keeps next to it;
 * util_grow makes room for `need` elements by doubling (from `first` when
 * empty), so appending n elements costs O(n) copies in all. The check that
 * there is room already is inline: the common case costs one comparison. */
#ifndef RECOUPE_UTIL_ARRAY_H
#define RECOUPE_UTIL_ARRAY_H

#include <stddef.h>
#include <stdint.h>

/* The slow path of util_grow (array.c). */
int util_grow_to(void **p, size_t *cap, size_t need, size_t size, size_t first);

/* Makes room in *p (an array of elements of `size` bytes, *cap of them) for at
 * least `need` elements: the capacity doubles, starting at `first` (at least 1),
 * until it holds need. 0, or -1 when out of memory or when the size would
 * overflow (then *p and *cap are unchanged, and the array stays valid). p is the
 * address of the array pointer, of any element type. */
static inline int util_grow(void *p, size_t *cap, size_t need, size_t size, size_t first) {
    return need <= *cap ? 0 : util_grow_to((void **)p, cap, need, size, first);
}

/* The same for a uint32_t capacity (arrays that are many and small). */
static inline int util_grow32(void *p, uint32_t *cap, size_t need, size_t size, size_t first) {
    if (need <= *cap) return 0;
    size_t c = *cap;
    if (need > UINT32_MAX || util_grow_to((void **)p, &c, need, size, first) != 0) return -1;
    *cap = c > UINT32_MAX ? UINT32_MAX : (uint32_t)c;
    return 0;
}

#endif
