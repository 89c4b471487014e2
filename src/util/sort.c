/* sort.c: ascending sort of uint32 arrays. The callers (candidate lists of the
 * duplicate index, pair buckets of the story clustering, an article's feature
 * slots in the classifier) sort many short lists, where an insertion sort beats
 * any call through a comparator; a longer list takes a radix sort, four passes of
 * a byte each (a pass whose byte is the same in every key is skipped), linear in
 * its length, with a scratch array on the stack up to 2,048 keys. qsort remains
 * only for a long list when no scratch memory can be had. */
#include "util/sort.h"

#include <stdlib.h>
#include <string.h>

enum { SMALL = 32, STACK_KEYS = 2048 };

static int cmp_u32(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

static void insertion(uint32_t *v, size_t n) {
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

/* LSD radix sort of v[0..n) through tmp (n keys); the result ends in v */
static void radix(uint32_t *v, uint32_t *tmp, size_t n) {
    uint32_t *src = v, *dst = tmp;
    for (int shift = 0; shift < 32; shift += 8) {
        size_t count[256] = {0};
        for (size_t i = 0; i < n; i++) count[(src[i] >> shift) & 0xFF]++;
        if (count[(src[0] >> shift) & 0xFF] == n) continue; /* one byte value: nothing to order */
        size_t at = 0;
        for (int b = 0; b < 256; b++) {
            size_t c = count[b];
            count[b] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++) dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v) memcpy(v, src, n * sizeof *v);
}

void sort_u32(uint32_t *v, size_t n) {
    if (n <= SMALL) {
        insertion(v, n);
        return;
    }
    uint32_t stack[STACK_KEYS];
    uint32_t *tmp = n <= STACK_KEYS ? stack : malloc(n * sizeof *tmp);
    if (!tmp) {
        qsort(v, n, sizeof *v, cmp_u32);
        return;
    }
    radix(v, tmp, n);
    if (tmp != stack) free(tmp);
}
