/* Private: maps the numbers a file gives its objects -- (space, number) with
 * space = a player, the chance player or the outcome list -- to the indices
 * they received, in O(1) without per-entry allocation.
 *
 * Files usually number objects 1, 2, 3, ... in order of appearance, so each
 * space keeps a dense array while the numbers stay small compared with how
 * many objects it holds; larger numbers go to one open-addressing hash table.
 * Memory stays linear in the number of entries whatever numbers appear. */
#ifndef MC_IDMAP_H
#define MC_IDMAP_H

#include <stdbool.h>
#include <stdint.h>

#define MC_IDMAP_NONE UINT32_MAX

typedef struct mc_idmap_space {
    uint32_t *dense;  /* value + 1, 0 = absent */
    uint32_t dense_len;
    uint32_t count;
} mc_idmap_space;

typedef struct mc_idmap {
    mc_idmap_space *spaces;
    unsigned nspaces;
    uint64_t *keys;   /* (space << 32 | number) + 1, 0 = empty slot */
    uint32_t *vals;
    uint64_t cap, used; /* cap is a power of two or 0 */
} mc_idmap;

/* false on allocation failure. */
bool mc_idmap_init(mc_idmap *m, unsigned nspaces);
void mc_idmap_free(mc_idmap *m);
/* The value stored for (space, number), or MC_IDMAP_NONE. */
uint32_t mc_idmap_get(const mc_idmap *m, unsigned space, uint32_t number);
/* Stores value (!= MC_IDMAP_NONE) for a key not yet present; false on OOM. */
bool mc_idmap_put(mc_idmap *m, unsigned space, uint32_t number, uint32_t value);

#endif
