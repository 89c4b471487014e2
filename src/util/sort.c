/* sort.c: ascending sort of uint32 arrays. The callers (candidate lists of the
 * duplicate index, pair buckets of the story clustering) sort many short lists,
 * where an insertion sort beats qsort's call through a comparator per step; the
 * rare long list goes to qsort. */
#include "util/sort.h"

#include <stdlib.h>

static int cmp_u32(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

void sort_u32(uint32_t *v, size_t n) {
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
