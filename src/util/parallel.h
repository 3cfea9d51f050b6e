/* A fixed pool of worker threads over independent jobs 0..n-1, for the
 * claims layer's reports and searches: jobs are claimed in index order from
 * a shared counter and write only their own result slots, so the outcome
 * does not depend on the number of threads. */
#ifndef MC_UTIL_PARALLEL_H
#define MC_UTIL_PARALLEL_H

#include <stddef.h>

/* Threads to use for a request of `threads` (0 = every online core). */
unsigned mc_parallel_threads(unsigned threads);

/* Runs job(ctx, i) for every i < n on up to `threads` threads (0 = every
 * core; the caller's thread works too).  thread_exit, if not NULL, runs on
 * each extra worker thread before it ends (per-thread library state).
 * Falls back to running everything on the calling thread when threads
 * cannot be created. */
void mc_parallel_run(size_t n, unsigned threads, void (*job)(void *ctx, size_t i), void *ctx,
                     void (*thread_exit)(void));

#endif
