/* threads.c: util_jobs and util_fan_out (threads.h). The fan-out is the plain
 * create-and-join pattern the story phases each wrote for themselves: the shares
 * are the caller's (a slice each, or a shared counter they take work from), so
 * the result never depends on how many threads could be started. */
#include "util/threads.h"

#include <pthread.h>
#include <unistd.h>

int util_jobs(int jobs) {
    if (jobs <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = n > 0 ? (int)n : 1;
    }
    return jobs > UTIL_JOBS_MAX ? UTIL_JOBS_MAX : jobs;
}

void util_fan_out(void *(*fn)(void *), void *args, size_t size, int n, int caller_too) {
    if (n < 1) n = 1;
    if (n > UTIL_JOBS_MAX) n = UTIL_JOBS_MAX;
    pthread_t th[UTIL_JOBS_MAX];
    int started[UTIL_JOBS_MAX] = {0}, first = caller_too ? 1 : 0;
    char *a = args;
    for (int t = first; t < n; t++) started[t] = pthread_create(&th[t], NULL, fn, a + (size_t)t * size) == 0;
    if (caller_too) fn(a);
    for (int t = first; t < n; t++) {
        if (started[t])
            pthread_join(th[t], NULL);
        else
            fn(a + (size_t)t * size); /* no thread: its share here */
    }
}
