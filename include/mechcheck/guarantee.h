/* Guarantees and surplus by dynamic programming over pooled information
 * sets (spec 004 sec. 2.11 (A)), and the generic GUP / CPGUP checks
 * (spec 004 eqs. (11)-(13), (20)-(22)).  Everything is exact and linear in
 * the size of the tree (plus LPs for the maximin terms). */
#ifndef MECHCHECK_GUARANTEE_H
#define MECHCHECK_GUARANTEE_H

#include <stdbool.h>
#include <stdint.h>

#include "mechcheck/claim.h"
#include "mechcheck/ef.h"
#include "mechcheck/error.h"
#include "mechcheck/num.h"
#include "mechcheck/seqform.h"

/* ---- the optimum of a pooled side --------------------------------------------
 * opt over the side's pure plans (pooled information, see seqform.h) of
 * sum_p weights[p] E u_p, the other players following `fixed` (which must
 * cover every other player who moves).  By the DP
 *   val(J) = opt_b [ direct(J,b) + sum_{J' below (J,b)} val(J') ],
 * where direct collects the weighted terminal payoffs (chance x fixed
 * probabilities) reached before the side's next move. */
typedef struct mc_side_opt {
    mc_q value;
    mc_ef_side side;
    uint32_t *plan;      /* side.ninfosets: an optimal joint action at every set */
} mc_side_opt;

void mc_side_opt_init(mc_side_opt *o);
void mc_side_opt_free(mc_side_opt *o);
mc_status mc_side_optimum(const mc_ef *ef, mc_players side, const mc_ef_behavior *fixed,
                          const mc_q *weights, bool maximize, mc_side_opt *out, mc_error *err);

/* The exact value of a profile in which the side plays a pure plan (per
 * pooled set) and everyone else follows fixed: sum_p weights[p] E u_p.  A
 * plain walk of the tree, independent of the DP. */
mc_status mc_side_plan_value(const mc_ef *ef, const mc_ef_side *side, const uint32_t *plan,
                             const mc_ef_behavior *fixed, const mc_q *weights, mc_q *value,
                             mc_error *err);

/* ---- the guarantee of a fixed strategy ---------------------------------------
 * min and max over the pure plans of all other players POOLED of the
 * expected total payoff of `players` when they follow `strategy` (e.g.
 * truthful reporting).  Each extreme comes with the adversary's plan and is
 * re-checked by mc_side_plan_value (verified). */
typedef struct mc_guarantee {
    mc_players players, adversary;
    mc_q min, max;
    mc_ef_side side;      /* the adversary's pooled sets */
    uint32_t *argmin;     /* side.ninfosets */
    uint32_t *argmax;
    bool verified;
} mc_guarantee;

void mc_guarantee_init(mc_guarantee *g);
void mc_guarantee_free(mc_guarantee *g);
mc_status mc_guarantee_compute(const mc_ef *ef, mc_players players,
                               const mc_ef_behavior *strategy, mc_guarantee *out,
                               mc_error *err);

/* W*: the maximum total expected payoff (sum over all players) over the
 * grand coalition's pooled plans -- all players choosing every action with
 * everything any of them observed.  (The maximum over profiles of
 * independent strategies, the team optimum, can only be lower.) */
mc_status mc_max_surplus(const mc_ef *ef, mc_q *value, mc_error *err);

#endif
