/* synthetic/ultimatum: a finite alternating-offers bargaining game, a test
 * fixture for the claims layer (not a paper's mechanism).
 *
 * Round t = 1..n has the pie p_t = max(0, pie - (t-1)*step).  In round t
 * player 1 (t odd) or player 2 (t even) offers the other an integer x in
 * 0..p_t; the responder accepts (proposer p_t - x, responder x) or rejects;
 * a rejection in round n leaves both with 0.  The continuation after any
 * history is the same subgame, so states are memoised on (round, offer). */
#ifndef MC_MECH_ULTIMATUM_H
#define MC_MECH_ULTIMATUM_H

#include <stdint.h>

#include "mechcheck/claim.h"
#include "mechcheck/game.h"

#define ULT_MAX_ROUNDS 64
#define ULT_MAX_PIE 1000000

typedef struct ult_params {
    int64_t n, pie, step;
} ult_params;

/* Reads and validates n, pie, step (errors name the parameter). */
mc_status ult_read(const mc_instance *in, ult_params *p, mc_error *err);
mc_status ult_validate(const mc_instance *in, mc_error *err);
/* Smaller instances: fewer rounds (smallest first), then smaller pies, then
 * smaller steps. */
size_t ult_shrink(const mc_instance *in, mc_instance *out, size_t cap);

/* The pie of round t (1-based). */
int64_t ult_pie(const ult_params *p, int64_t t);

/* The game of an instance; destroy with mc_game_destroy. */
mc_status ult_game(const ult_params *p, mc_game *g, mc_error *err);

/* Labels used by the generator: responder actions. */
enum { ULT_ACCEPT = 0, ULT_REJECT = 1 };

#endif
