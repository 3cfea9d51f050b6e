/* Private helpers of the extensive-form solvers: an interning table for
 * short integer keys, growable arrays, and per-depth generator buffers. */
#ifndef MC_EF_INTERNAL_H
#define MC_EF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/ef.h"

/* ---- interning: uint32 key arrays -> dense ids 0, 1, 2, ... ------------
 * Keys live in one arena and the table is open addressing over ids, so
 * interning allocates nothing per key beyond amortised growth. */
typedef struct ef_intern {
    uint32_t *slot;      /* cap entries: id + 1, 0 = empty */
    size_t cap;          /* power of two (or 0) */
    uint32_t n;          /* ids handed out */
    uint64_t *hash;      /* n: each key's hash (regrowing without rehashing keys) */
    uint32_t *key_off;   /* n + 1 */
    uint32_t *keys;
    size_t keys_len, keys_cap;
    uint32_t id_cap;
} ef_intern;

void ef_intern_init(ef_intern *t);
void ef_intern_free(ef_intern *t);
/* The id of key[0..len); a new one (and *created = true) if absent.
 * MC_EF_NONE on allocation failure. */
uint32_t ef_intern_id(ef_intern *t, const uint32_t *key, uint32_t len, bool *created);
/* The id of key, or MC_EF_NONE if absent. */
uint32_t ef_intern_find(const ef_intern *t, const uint32_t *key, uint32_t len);

/* Grows *p (elements of size sz, capacity *cap) to hold at least need;
 * false on overflow or allocation failure. */
bool ef_grow(void **p, size_t sz, size_t *cap, size_t need);

/* ---- generator walking: a state buffer and a node record per depth ------ */
typedef struct ef_genstack {
    const mc_game *g;
    mc_node *node;
    unsigned char *state;
    size_t cap;
} ef_genstack;

void ef_genstack_init(ef_genstack *s, const mc_game *g);
void ef_genstack_free(ef_genstack *s);
/* Makes depth d usable; the arrays may move. */
mc_status ef_genstack_ensure(ef_genstack *s, size_t d, mc_error *err);
static inline void *ef_genstack_state(ef_genstack *s, size_t d)
{
    return s->state + d * s->g->state_size;
}

/* The child index of node v for which mover slot k (0-based in v's movers)
 * takes each action: child = sum_k action_k * stride_k, row-major with the
 * first mover slowest.  Fills stride[0..nmovers). */
void ef_slot_strides(const mc_ef *ef, uint32_t v, uint64_t *stride);

/* Sum over members of the weighted payoff at terminal number t. */
void ef_weighted_payoff(const mc_ef *ef, uint32_t t, const mc_q *weights, mc_q *out);

#endif
