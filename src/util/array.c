/* array.c: the slow path of util_grow (array.h): a doubling realloc that never
 * overflows and leaves the array as it was when memory runs out. */
#include "util/array.h"

#include <stdint.h>
#include <stdlib.h>

int util_grow_to(void **p, size_t *cap, size_t need, size_t size, size_t first) {
    if (!size) return -1;
    size_t c = *cap ? *cap : (first ? first : 1);
    while (c < need) {
        if (c > SIZE_MAX / 2) return -1;
        c *= 2;
    }
    if (c > SIZE_MAX / size) return -1;
    void *q = realloc(*p, c * size);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}
