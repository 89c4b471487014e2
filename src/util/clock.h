/* clock.h: the seconds the timing reports measure: wall (monotonic) and CPU (all
 * threads of the process, or the calling thread). */
#ifndef RECOUPE_UTIL_CLOCK_H
#define RECOUPE_UTIL_CLOCK_H

#include <time.h>

/* Seconds of the clock id (CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
 * CLOCK_THREAD_CPUTIME_ID), as a double. */
static inline double util_seconds(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

#endif
