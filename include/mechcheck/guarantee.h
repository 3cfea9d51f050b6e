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

/* ---- GUP and CPGUP -------------------------------------------------------------
 * For the agents of an mc_agents partition (an agent with several players is
 * a pooled side):
 *   CPGUP (22):  sum_i max_{x_i} min_{others pooled} E U_i  ==  W*,
 *                W* = mc_max_surplus (the grand coalition pooled);
 *   GUP (13):    sum_i max_{x_i} min_{others independent} E U_i  ==  W_team,
 *                W_team = max over profiles of independent pure strategies of
 *                the total expected payoff (agents must be single players).
 * The left side never exceeds the right (evaluate the profile of maximin
 * strategies), so the test is equality, exact.  CPGUP terms are sequence-form
 * LPs (certified; UNDECIDED when a certificate fails).  GUP terms come from
 * mc_team_maxmin with bounds; W_team is exact when the grand agent's reduced
 * plans (own information) number at most max_team_plans, otherwise bounded
 * below by a coordinate search and above by W*.  Verdicts: HOLDS when the
 * lower bound of the sum equals the upper bound of the right side, FAILS
 * when the upper bound of the sum is below the lower bound of the right
 * side, UNDECIDED otherwise. */
typedef struct mc_gup_options {
    mc_seqform_options seq;
    mc_team_options team;
    uint64_t max_team_plans;  /* default 65536 */
    bool gup, cpgup;          /* which checks to run (default both) */
} mc_gup_options;

void mc_gup_options_default(mc_gup_options *o);

typedef struct mc_gup_term {
    mc_players players;
    /* CPGUP: maximin against the others pooled */
    bool cp_certified;
    mc_q cp_value;
    /* GUP: maximin against the others independent, as bounds */
    bool gup_have_lower, gup_have_upper, gup_decided;
    mc_q gup_lower, gup_upper;
    mc_team_method gup_method;
    char note[160];
} mc_gup_term;

typedef struct mc_gup_report {
    unsigned nagents;
    mc_gup_term term[MC_MAX_PLAYERS];
    mc_q w_pooled;                  /* W* */
    /* CPGUP */
    mc_verdict cpgup;
    mc_q cp_sum;                    /* valid when every term is certified */
    /* GUP */
    mc_verdict gup;
    bool gup_have_lower, gup_have_upper;
    mc_q gup_sum_lower, gup_sum_upper;
    bool w_team_exact;
    mc_q w_team_lower, w_team_upper;
    char cpgup_reason[512], gup_reason[512];
} mc_gup_report;

void mc_gup_report_init(mc_gup_report *r);
void mc_gup_report_free(mc_gup_report *r);

/* MC_EUNSUPPORTED for GUP with an agent of several players. */
mc_status mc_gup_check(const mc_ef *ef, const mc_agents *ag, const mc_gup_options *o,
                       mc_gup_report *r, mc_error *err);

/* The team optimum W_team (see above): exact by enumeration when possible. */
mc_status mc_team_optimum(const mc_ef *ef, uint64_t max_plans, bool *exact, mc_q *lower,
                          mc_q *upper, mc_error *err);

#endif
