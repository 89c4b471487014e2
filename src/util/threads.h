/* threads.h: the number of threads of a `jobs` option, decided in one place, and
 * the one fan-out every parallel phase uses (a share per thread, joined). */
#ifndef RECOUPE_UTIL_THREADS_H
#define RECOUPE_UTIL_THREADS_H

#include <stddef.h>

#define UTIL_JOBS_MAX 64

/* The threads for a `jobs` option: 0 or negative = the number of online cores;
 * at most UTIL_JOBS_MAX. Always at least 1. */
int util_jobs(int jobs);

/* Runs fn(args + i * size) for each i in [0, n), each on a thread of its own,
 * and returns once all are done. With caller_too, the first share runs on the
 * calling thread (one thread fewer to start); without, the caller only waits
 * (what a phase that allocates much wants: new threads take the malloc arenas
 * threads that ended left, with their free memory, where the calling thread has
 * its own). A thread that cannot be started has its share run on the calling
 * thread. n below 1 counts as 1, above UTIL_JOBS_MAX as UTIL_JOBS_MAX. */
void util_fan_out(void *(*fn)(void *), void *args, size_t size, int n, int caller_too);

#endif
