/* test_util_containers.c: the growable array (util_grow), the number of jobs
 * (util_jobs) and the fan-out (util_fan_out). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/array.h"
#include "util/clock.h"
#include "util/map.h"
#include "util/threads.h"

static void grow_doubles_and_keeps(void **state) {
    (void)state;
    int *v = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < 1000; i++) {
        assert_int_equal(util_grow(&v, &cap, i + 1, sizeof *v, 16), 0);
        assert_true(cap >= i + 1);
        v[i] = (int)i;
    }
    assert_int_equal(cap, 1024); /* 16, 32, ..., 1024 */
    for (size_t i = 0; i < 1000; i++) assert_int_equal(v[i], (int)i);
    int *before = v;
    assert_int_equal(util_grow(&v, &cap, 10, sizeof *v, 16), 0); /* room already: nothing moves */
    assert_ptr_equal(v, before);
    assert_int_equal(util_grow(&v, &cap, 5000, sizeof *v, 16), 0); /* several doublings at once */
    assert_int_equal(cap, 8192);
    assert_int_equal(v[999], 999);
    free(v);
}

static void grow_refuses_overflow(void **state) {
    (void)state;
    char *v = NULL;
    size_t cap = 0;
    assert_int_equal(util_grow(&v, &cap, SIZE_MAX, 2, 1), -1);
    assert_null(v);
    assert_int_equal(cap, 0);
    assert_int_equal(util_grow(&v, &cap, 8, 0, 1), -1); /* no element size */
    uint32_t c32 = 0;
    uint64_t *w = NULL;
    assert_int_equal(util_grow32(&w, &c32, 3, sizeof *w, 4), 0);
    assert_int_equal(c32, 4);
    assert_int_equal(util_grow32(&w, &c32, (size_t)UINT32_MAX + 1, sizeof *w, 4), -1);
    assert_int_equal(c32, 4);
    free(w);
}

static void jobs_one_meaning(void **state) {
    (void)state;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int all = cores > UTIL_JOBS_MAX ? UTIL_JOBS_MAX : (int)(cores > 0 ? cores : 1);
    assert_int_equal(util_jobs(0), all);
    assert_int_equal(util_jobs(-3), all);
    assert_int_equal(util_jobs(1), 1);
    assert_int_equal(util_jobs(3), 3);
    assert_int_equal(util_jobs(100000), UTIL_JOBS_MAX);
}

typedef struct share {
    int id;
    long sum;
} share;

static void *add_up(void *arg) {
    share *s = arg;
    for (int i = 0; i <= 1000 * s->id; i++) s->sum += i;
    return NULL;
}

static void fan_out_runs_every_share(void **state) {
    (void)state;
    for (int caller = 0; caller < 2; caller++) {
        share s[8];
        for (int i = 0; i < 8; i++) s[i] = (share){i, 0};
        util_fan_out(add_up, s, sizeof *s, 8, caller);
        for (int i = 0; i < 8; i++) assert_int_equal(s[i].sum, (long)(1000 * i) * (1000 * i + 1) / 2);
    }
    share one = {3, 0};
    util_fan_out(add_up, &one, sizeof one, 0, 1); /* n < 1: one share */
    assert_int_equal(one.sum, 3000L * 3001 / 2);
}

static void clock_moves_forward(void **state) {
    (void)state;
    double a = util_seconds(CLOCK_MONOTONIC), c = util_seconds(CLOCK_PROCESS_CPUTIME_ID);
    volatile double x = 0;
    for (int i = 0; i < 2000000; i++) x += i;
    assert_true(util_seconds(CLOCK_MONOTONIC) >= a);
    assert_true(util_seconds(CLOCK_PROCESS_CPUTIME_ID) > c);
}

typedef struct val {
    uint64_t twice;
    uint32_t hits;
} val;

static void map_puts_gets_grows(void **state) {
    (void)state;
    util_map m = {0};
    assert_null(util_map_get(&m, 5)); /* empty: no table at all */
    for (uint64_t k = 1; k <= 5000; k++) {
        val *v = util_map_put(&m, k * 7919, sizeof(val), 16);
        assert_non_null(v);
        assert_int_equal(v->hits, 0); /* a new value is zero */
        v->twice = 2 * k;
        v->hits++;
    }
    assert_int_equal(m.len, 5000);
    assert_true(m.cap >= 2 * m.len); /* never half full */
    assert_int_equal(m.cap & (m.cap - 1), 0);
    for (uint64_t k = 1; k <= 5000; k++) {
        val *v = util_map_put(&m, k * 7919, sizeof(val), 16); /* again: the same value */
        assert_int_equal(v->twice, 2 * k);
        v->hits++;
        const val *g = util_map_get(&m, k * 7919);
        assert_ptr_equal(g, v);
        assert_int_equal(g->hits, 2);
    }
    assert_int_equal(m.len, 5000);
    assert_null(util_map_get(&m, 7918));
    assert_null(util_map_get(&m, 5001 * 7919));
    util_map_free(&m);
    assert_int_equal(m.cap, 0);
    assert_null(m.keys);
}

/* allocations are zeroed, 16-byte aligned, never overlap, small and big mixed;
 * a freed arena is empty and usable again */
static void arena_zeroed_aligned_apart(void **state) {
    (void)state;
    util_arena a = {0};
    unsigned char *seen[300];
    size_t sizes[300];
    for (int i = 0; i < 300; i++) {
        sizes[i] = i % 50 == 49 ? 100000 + (size_t)i : (size_t)(i * 37 % 700);
        seen[i] = util_arena_alloc(&a, sizes[i]);
        assert_non_null(seen[i]);
        assert_int_equal((uintptr_t)seen[i] % 16, 0);
        for (size_t k = 0; k < sizes[i]; k++) assert_int_equal(seen[i][k], 0);
        memset(seen[i], i & 0xff, sizes[i]);
    }
    for (int i = 0; i < 300; i++) /* nothing written later overlapped it */
        for (size_t k = 0; k < sizes[i]; k++) assert_int_equal(seen[i][k], i & 0xff);
    assert_true(a.bytes >= 6 * 100000);
    assert_null(util_arena_array(&a, SIZE_MAX / 2, 4)); /* the product would overflow */
    assert_null(util_arena_alloc(&a, SIZE_MAX - 8));
    util_arena_free(&a);
    assert_null(a.head);
    assert_int_equal(a.bytes, 0);
    int *v = util_arena_array(&a, 10, sizeof *v);
    assert_non_null(v);
    assert_int_equal(v[9], 0);
    util_arena_free(&a);
    util_arena_free(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_zeroed_aligned_apart), cmocka_unit_test(grow_doubles_and_keeps),
        cmocka_unit_test(grow_refuses_overflow),      cmocka_unit_test(jobs_one_meaning),
        cmocka_unit_test(fan_out_runs_every_share),   cmocka_unit_test(clock_moves_forward),
        cmocka_unit_test(map_puts_gets_grows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
