/* A synthetic dynamic report game with the information structure of spec
 * 004 (sec. 2.11, sec. 6 "uniform case"), for sizing and benchmarking the
 * extensive-form solvers.
 *
 * Periods t = 1..T.  In each period chance draws every agent's type
 * (independently; type 0 with probability p0, the others sharing the rest
 * equally), then all N agents report at once (R = K reports).  Agent i's
 * information set at period t is (its own types theta^i_1..t, all reports
 * of periods 1..t-1).  Leaves: K^(2NT).  Payoffs at the leaves are random
 * integers in [-range, range], a deterministic function of the seed and the
 * history. */
#ifndef MECHCHECK_REPGAME_H
#define MECHCHECK_REPGAME_H

#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/game.h"
#include "mechcheck/num.h"

#define MC_REPGAME_MAX_AGENTS 6
#define MC_REPGAME_MAX_PERIODS 6

typedef struct mc_repgame_params {
    unsigned nagents;     /* N, 1..MC_REPGAME_MAX_AGENTS */
    unsigned periods;     /* T, 1..MC_REPGAME_MAX_PERIODS */
    unsigned types;       /* K = R, 2..9 */
    mc_q p0;              /* probability of type 0, in (0, 1); 1/K for uniform */
    int64_t range;        /* payoffs in [-range, range] */
    uint64_t seed;
} mc_repgame_params;

/* Fills g; the game owns a copy of the parameters (mc_game_destroy frees it).
 * MC_EINPUT for parameters out of range. */
mc_status mc_repgame(const mc_repgame_params *p, mc_game *g, mc_error *err);

/* The truthful strategy (report the type just drawn), with the signature of
 * mc_ef_strategy_fn (ef.h); ctx is unused. */
mc_status mc_repgame_truthful(void *ctx, const mc_game *g, const void *state, const mc_node *node,
                              unsigned mover, mc_q *prob, mc_error *err);

#endif
