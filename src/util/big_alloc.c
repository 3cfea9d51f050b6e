/* Large, short-lived arrays (a strategy per node of a 10^7-node tree) on
 * transparent huge pages: touching 40 MB of fresh 4 KiB pages costs ten
 * thousand page faults, which measured as a third of backward induction's
 * time on such trees; 2 MiB pages cost twenty. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MADV_HUGEPAGE */
#include <stdlib.h>
#include <sys/mman.h>

#include "util/big_alloc.h"

#define MC_BIG_THRESHOLD ((size_t)4 << 20)

void *mc_big_alloc(size_t bytes)
{
    if (bytes < MC_BIG_THRESHOLD)
        return malloc(bytes ? bytes : 1);
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, bytes, MADV_HUGEPAGE); /* advice only: without it the pages are small */
#endif
    return p;
}

void mc_big_free(void *p, size_t bytes)
{
    if (!p)
        return;
    if (bytes < MC_BIG_THRESHOLD)
        free(p);
    else
        munmap(p, bytes);
}
