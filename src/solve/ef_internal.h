/* Private helpers of the extensive-form solvers: an interning table for
 * short integer keys, growable arrays, and per-depth generator buffers. */
#ifndef MC_EF_INTERNAL_H
#define MC_EF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/ef.h"
#include "mechcheck/seqform.h"

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

/* mc_ef_payoff_matrix with several fixed behaviours (disjoint players; the
 * first covering a set is used; entries may be NULL). */
mc_status ef_payoff_matrix_multi(const mc_ef *ef, const mc_ef_side *row, const mc_ef_side *col,
                                 const mc_ef_behavior *const *fixed, unsigned nfixed,
                                 const mc_q *weights, mc_ef_matrix *m, mc_error *err);

/* Weights 1 for the players in s, 0 elsewhere (nplayers entries, small). */
void ef_weights_of(const mc_ef *ef, mc_players s, mc_q *w);

/* The ef information set at which player p moves at node v, or MC_EF_NONE. */
uint32_t ef_node_infoset_of(const mc_ef *ef, uint32_t v, unsigned p);

/* ---- pure profiles of a team of players on their own information --------
 * act[i] for every ef information set i of the team (others ignored). */

/* u[s] (row->nseq entries, or one entry when row is NULL): the weighted
 * payoff collected at each row sequence when the team plays act and the
 * remaining players follow fixed. */
mc_status ef_team_column(const mc_ef *ef, const mc_ef_side *row, mc_players team,
                         const uint32_t *act, const mc_ef_behavior *fixed, const mc_q *weights,
                         mc_q *u, mc_error *err);

/* Coordinate search over the team's pure profiles: each member in turn
 * switches to its best reply (by DP over its own sets) while that strictly
 * improves the objective x.u(act) (x NULL with row NULL: the expected
 * weighted payoff), minimising or maximising.  act is the start (every set
 * of the team assigned) and the result; value the objective. */
mc_status ef_team_search(const mc_ef *ef, mc_players team, const mc_ef_side *row, const mc_q *x,
                         const mc_ef_behavior *fixed, const mc_q *weights, bool maximize,
                         uint32_t *act, mc_q *value, mc_error *err);

/* x . u over n entries. */
void ef_dot(const mc_q *x, const mc_q *u, uint32_t n, mc_q *out);

#endif
