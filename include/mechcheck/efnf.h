/* Normal forms of extensive forms: pure plans of agents, the reduced normal
 * form, and for every pure profile the exact expected payoff vector and the
 * distribution over terminal nodes it induces (as a canonical outcome id).
 *
 * An agent (a block of an mc_agents partition) chooses a PLAN: an action at
 * each of its decision units.  Units are
 *   - by default its members' own information sets (the members choose
 *     jointly but each acts on what it observes itself), or
 *   - with the `pooled` option, the agent's pooled information sets (see
 *     seqform.h: the members share what they observe, as a coalition with a
 *     side contract does).
 * For single-player agents the two coincide.
 *
 * REDUCED plans: two plans are identified when they agree on every unit
 * reachable under the plan itself (some node of the unit lies on a path
 * whose every move of the agent follows the plan); the actions at other
 * units do not matter and are stored as MC_EF_NONE.  Plans are enumerated
 * depth-first: the first unit (in preorder of its first reachable node) not
 * yet fixed is branched on.  The full (unreduced) normal form assigns every
 * unit.
 *
 * OUTCOMES: two profiles get the same outcome id iff they induce the same
 * probability distribution over terminal nodes (compared exactly, not only
 * by hash); terminals reached with probability 0 are not part of the
 * distribution.  Distinguishable dominance (spec 001 Def. 8) compares these
 * ids.  Ids are numbered 0, 1, ... in profile order of first appearance.
 *
 * Profiles are numbered with agent 0's plan changing fastest (as mc_nfg and
 * mc_sform number profiles). */
#ifndef MECHCHECK_EFNF_H
#define MECHCHECK_EFNF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/ef.h"
#include "mechcheck/error.h"
#include "mechcheck/game.h"
#include "mechcheck/maximin.h"
#include "mechcheck/nfg.h"
#include "mechcheck/num.h"
#include "mechcheck/seqform.h"
#include "mechcheck/sform.h"

#define MC_EFNF_DEFAULT_MAX_STRATEGIES (UINT64_C(1) << 16)
#define MC_EFNF_DEFAULT_MAX_PROFILES (UINT64_C(1) << 22)

typedef struct mc_efnf_options {
    bool reduced;            /* default true */
    bool pooled;             /* agents' units are pooled sets (default false) */
    bool outcomes;           /* compute outcome ids and distributions (default true) */
    uint64_t max_strategies; /* per agent, MC_ELIMIT beyond; 0 = default */
    uint64_t max_profiles;   /* MC_ELIMIT beyond; 0 = default */
} mc_efnf_options;

void mc_efnf_options_default(mc_efnf_options *o);

/* One agent's plans. */
typedef struct mc_efnf_agent {
    mc_players players;
    bool pooled;
    mc_ef_side side;         /* pooled: the agent's pooled sets */
    uint32_t nunits;         /* the agent's decision units */
    uint32_t *unit;          /* own: ef information set of each unit; pooled: pooled set */
    uint32_t *unit_nactions;
    uint32_t nplans;
    uint32_t *plan;          /* nplans * nunits: action, or MC_EF_NONE (irrelevant) */
} mc_efnf_agent;

/* Enumerates the plans of `players` (reduced or full).  MC_ELIMIT beyond
 * max_strategies, with the count (exact for a single player, a bound for
 * several) and the limit in the message. */
mc_status mc_efnf_agent_plans(const mc_ef *ef, mc_players players, bool reduced, bool pooled,
                              uint64_t max_strategies, mc_efnf_agent *a, mc_error *err);
void mc_efnf_agent_free(mc_efnf_agent *a);

/* The number of reduced plans of one player (perfect recall makes it a
 * product/sum over its sequences), saturating at UINT64_MAX. */
uint64_t mc_efnf_count_reduced(const mc_ef *ef, unsigned player);

typedef struct mc_efnf {
    unsigned nplayers, nagents;
    mc_agents agents;
    bool reduced, pooled;
    mc_efnf_agent agent[MC_MAX_PLAYERS];
    uint64_t stride[MC_MAX_PLAYERS];
    uint64_t nprofiles;
    mc_q *payoff;            /* nprofiles * nplayers: each PLAYER's expected payoff */
    uint64_t *outcome;       /* nprofiles outcome ids, or NULL */
    uint64_t noutcomes;
    size_t *dist_start;      /* noutcomes + 1 */
    uint32_t *dist_terminal; /* terminal numbers (ef), increasing within a distribution */
    mc_q *dist_prob;         /* positive */
} mc_efnf;

/* The normal form of ef among the agents of ag (NULL: every player alone). */
mc_status mc_efnf_build(const mc_ef *ef, const mc_agents *ag, const mc_efnf_options *o,
                        mc_efnf *nf, mc_error *err);
void mc_efnf_free(mc_efnf *nf);

static inline const mc_q *mc_efnf_payoff(const mc_efnf *nf, uint64_t profile, unsigned player)
{
    return &nf->payoff[profile * nf->nplayers + player];
}
uint64_t mc_efnf_profile_index(const mc_efnf *nf, const uint32_t *plan);
void mc_efnf_profile_of(const mc_efnf *nf, uint64_t profile, uint32_t *plan);

/* A plan's name: its actions at the agent's units in order, "*" where
 * irrelevant; concatenated when every label is one character ("LH*"),
 * otherwise separated by spaces ("take *").  (Spaces, not the ',' of the
 * first version: names go into comma-separated lists.)  snprintf
 * semantics. */
size_t mc_efnf_plan_name(const mc_ef *ef, const mc_efnf_agent *a, uint32_t plan, char *buf,
                         size_t cap);

/* The agent's payoff matrix against the other agents' joint plans: rows =
 * the agent's plans, columns = the others' profiles (other agents in
 * increasing order, the lowest changing fastest), entries = the sum of the
 * members' payoffs.  *a is malloc'd (mc_q_clear_vec + free). */
mc_status mc_efnf_agent_matrix(const mc_efnf *nf, unsigned agent, uint64_t *nrows,
                               uint64_t *ncols, mc_q **a, mc_error *err);
/* Normal-form maximin of the agent (mc_maximin_matrix on that matrix). */
mc_status mc_efnf_maximin(const mc_efnf *nf, unsigned agent, const mc_lp_options *opt,
                          mc_maximin *out, mc_error *err);

/* The normal form as an mc_nfg whose players are the agents (payoff = sum
 * of the members' payoffs), with plan names as strategy names and, when
 * outcome ids exist, outcome names "o<id>". */
mc_status mc_efnf_to_nfg(const mc_ef *ef, const mc_efnf *nf, mc_nfg *g, mc_error *err);

/* The normal form as an mc_sform for the dominance and Nash solvers: the
 * same agents, plans and profile numbering, agent payoffs = sums of the
 * members' payoffs, and the outcome ids (distributions over terminals)
 * when nf has them; agent and strategy names from the players and plans.
 * max_profiles as for mc_sform_init. */
mc_status mc_efnf_to_sform(const mc_ef *ef, const mc_efnf *nf, uint64_t max_profiles,
                           mc_sform *sf, mc_error *err);

#endif
