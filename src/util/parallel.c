/* Worker pool for independent jobs (see parallel.h). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/parallel.h"

#define MAX_THREADS 64

typedef struct {
    size_t n;
    atomic_size_t next;
    void (*job)(void *ctx, size_t i);
    void *ctx;
    void (*thread_exit)(void);
} pool;

unsigned mc_parallel_threads(unsigned threads)
{
    if (threads == 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        threads = online > 0 ? (unsigned)online : 1;
    }
    return threads > MAX_THREADS ? MAX_THREADS : threads;
}

static void work(pool *p)
{
    for (size_t i; (i = atomic_fetch_add(&p->next, 1)) < p->n;)
        p->job(p->ctx, i);
}

static void *worker(void *arg)
{
    pool *p = arg;
    work(p);
    if (p->thread_exit)
        p->thread_exit();
    return NULL;
}

void mc_parallel_run(size_t n, unsigned threads, void (*job)(void *ctx, size_t i), void *ctx,
                     void (*thread_exit)(void))
{
    pool p = {.n = n, .job = job, .ctx = ctx, .thread_exit = thread_exit};
    atomic_init(&p.next, 0);
    unsigned t = mc_parallel_threads(threads);
    if (t > n)
        t = (unsigned)n;
    if (t <= 1) { /* one job or one thread: no pool */
        work(&p);
        return;
    }
    pthread_t th[MAX_THREADS];
    unsigned started = 0;
    /* deep recursion in the solvers: give workers the main thread's room */
    pthread_attr_t attr;
    bool have_attr = pthread_attr_init(&attr) == 0;
    if (have_attr)
        pthread_attr_setstacksize(&attr, (size_t)64 << 20);
    for (; started + 1 < t; started++)
        if (pthread_create(&th[started], have_attr ? &attr : NULL, worker, &p) != 0)
            break;
    if (have_attr)
        pthread_attr_destroy(&attr);
    work(&p);
    for (unsigned k = 0; k < started; k++)
        pthread_join(th[k], NULL);
}
