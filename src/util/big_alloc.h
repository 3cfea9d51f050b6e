/* Allocation of large arrays on huge pages where the system offers them
 * (private to the library).  Free with the size that was allocated. */
#ifndef MC_UTIL_BIG_ALLOC_H
#define MC_UTIL_BIG_ALLOC_H

#include <stddef.h>

void *mc_big_alloc(size_t bytes);
void mc_big_free(void *p, size_t bytes);

#endif
