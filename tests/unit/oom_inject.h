/* oom_inject.h: allocation failure on demand, for the out-of-memory tests
 * (test_*_oom.c). The test binary replaces malloc, calloc and realloc with glibc's
 * own behind a countdown: armed at k, the k-th allocation from then on returns
 * NULL (once), and `hit` says it happened. Under the sanitizers (their own
 * allocator) OOM_INJECT is 0 and the tests skip. Included once per test binary. */
#ifndef RECOUPE_TEST_OOM_INJECT_H
#define RECOUPE_TEST_OOM_INJECT_H

#include <stddef.h>

#if defined(__SANITIZE_ADDRESS__)
#define OOM_INJECT 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OOM_INJECT 0
#endif
#endif
#ifndef OOM_INJECT
#define OOM_INJECT 1
#endif

static long countdown = -1; /* allocations to let through before one fails; -1: none fails */
static int hit;             /* the armed failure happened */

#if OOM_INJECT
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static int fail_now(void) {
    if (countdown < 0) return 0;
    if (countdown-- > 0) return 0;
    hit = 1;
    countdown = -1;
    return 1;
}
void *malloc(size_t n) {
    return fail_now() ? NULL : __libc_malloc(n);
}
void *calloc(size_t a, size_t b) {
    return fail_now() ? NULL : __libc_calloc(a, b);
}
void *realloc(void *p, size_t n) {
    return fail_now() ? NULL : __libc_realloc(p, n);
}
#endif

#endif
