/* sort.h: sorting small arrays of unsigned integers (candidate and pair lists). */
#ifndef RECOUPE_UTIL_SORT_H
#define RECOUPE_UTIL_SORT_H

#include <stddef.h>
#include <stdint.h>

/* Sorts v[0..n) ascending: insertion below 33 elements (the lists of the
 * duplicate and story indexes are mostly that short), qsort above. */
void sort_u32(uint32_t *v, size_t n);

#endif
