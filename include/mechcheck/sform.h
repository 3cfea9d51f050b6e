/* A finite strategic form among agents, and surviving-strategy sets.
 *
 * This is what the normal-form solvers (dominance, pure Nash) work on: A
 * agents, each with finitely many pure strategies; for every pure profile
 * one exact payoff per agent (for a coalition agent, the sum of its members'
 * payoffs) and, optionally, an outcome id.  Two profiles "reach the same
 * history" iff their outcome ids are equal; distinguishable dominance (spec
 * 001 Def 8) is judged on these ids.  Profiles reaching the same history
 * must give every agent the same payoff (checked where it matters, see
 * mc_sform_check_outcomes).
 *
 * Profiles are numbered with agent 0's strategy changing fastest (as Gambit
 * numbers .nfg profiles): profile = sum_a strategy[a] * stride[a].
 *
 * Where the form comes from:
 *  - mc_sform_from_nfg: a normal-form game plus an agent partition;
 *  - an extensive form (later): reduced plans per agent, expected payoffs,
 *    and as outcome id an id of the induced distribution over terminal nodes;
 *  - by hand (tests): mc_sform_init, then fill payoffs and outcome ids. */
#ifndef MECHCHECK_SFORM_H
#define MECHCHECK_SFORM_H

#include <stdbool.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/game.h"
#include "mechcheck/nfg.h"
#include "mechcheck/num.h"

/* Used when a caller passes max_profiles = 0. */
#define MC_SFORM_DEFAULT_MAX_PROFILES (UINT64_C(1) << 24)

typedef struct mc_sform {
    unsigned nagents;
    uint32_t nstrategies[MC_MAX_PLAYERS];
    uint64_t stride[MC_MAX_PLAYERS];   /* stride[0] = 1 */
    uint64_t nprofiles;
    mc_q *payoff;                      /* nprofiles * nagents, profile-major */
    uint64_t *outcome;                 /* NULL, or nprofiles outcome ids */
    /* Optional names (NULL = none; owned, freed by mc_sform_free). */
    char **agent_names;                /* nagents */
    char **strategy_names[MC_MAX_PLAYERS]; /* [agent][strategy] */
} mc_sform;

/* Allocates a form with every payoff 0.  With with_outcomes, outcome[p] = p
 * (every profile its own history) until the caller overwrites them.  More
 * than max_profiles profiles (0 = MC_SFORM_DEFAULT_MAX_PROFILES) is MC_ELIMIT. */
mc_status mc_sform_init(mc_sform *sf, unsigned nagents, const uint32_t *nstrategies,
                        bool with_outcomes, uint64_t max_profiles, mc_error *err);
void mc_sform_free(mc_sform *sf);

/* The strategic form of g among the agents of ag (NULL = every player on its
 * own).  An agent's strategies are its members' joint strategies, numbered
 * row-major over the members in player order (the first member's strategy
 * changes slowest); its payoff is the sum of its members' payoffs.
 * Outcome ids: two profiles get the same id iff they have the same payoff
 * vector over the *players* (not the agents' sums) and, when g has outcome
 * names, the same outcome name.  (mc_nfg keeps the outcome name per profile,
 * not the outcome's index in the file, so distinct outcomes that share both
 * a name and a payoff vector are merged; they are indistinguishable in
 * mc_nfg anyway.)  Ids are numbered 0, 1, ... in order of first appearance.
 * Strategy names are the members' names joined by ','. */
mc_status mc_sform_from_nfg(mc_sform *sf, const mc_nfg *g, const mc_agents *ag,
                            uint64_t max_profiles, mc_error *err);

/* Sets outcome ids (allocating them if needed) to classes of equal agent
 * payoff vectors, numbered in order of first appearance. */
mc_status mc_sform_outcomes_from_payoffs(mc_sform *sf, mc_error *err);

/* MC_EINPUT naming two profiles when some outcome id is shared by profiles
 * whose agent payoffs differ.  MC_OK when there are no outcome ids. */
mc_status mc_sform_check_outcomes(const mc_sform *sf, mc_error *err);

uint64_t mc_sform_profile_index(const mc_sform *sf, const uint32_t *strategy);
void mc_sform_profile_of(const mc_sform *sf, uint64_t profile, uint32_t *strategy);
static inline mc_q *mc_sform_payoff(const mc_sform *sf, uint64_t profile, unsigned agent)
{
    return &sf->payoff[profile * sf->nagents + agent];
}
/* Name of the strategy, or its 1-based number, into buf. */
const char *mc_sform_strategy_name(const mc_sform *sf, unsigned agent, uint32_t s, char *buf,
                                   size_t cap);
/* Name of the agent, or its 1-based number, into buf. */
const char *mc_sform_agent_name(const mc_sform *sf, unsigned agent, char *buf, size_t cap);

/* ---- surviving sets: one bitset per agent, stored contiguously ---------- */

typedef struct mc_survivors {
    unsigned nagents;
    uint32_t nstrategies[MC_MAX_PLAYERS];
    uint32_t count[MC_MAX_PLAYERS];          /* surviving strategies per agent */
    size_t word_offset[MC_MAX_PLAYERS + 1];  /* agent a's words: bits[word_offset[a] ..] */
    uint64_t *bits;                          /* word_offset[nagents] words */
} mc_survivors;

/* Every strategy of sf survives. */
mc_status mc_survivors_init(mc_survivors *sv, const mc_sform *sf, mc_error *err);
/* dst is uninitialised on entry. */
mc_status mc_survivors_copy(mc_survivors *dst, const mc_survivors *src, mc_error *err);
/* dst and src have the same shape (no allocation). */
void mc_survivors_assign(mc_survivors *dst, const mc_survivors *src);
void mc_survivors_free(mc_survivors *sv);

static inline bool mc_survivors_has(const mc_survivors *sv, unsigned agent, uint32_t s)
{
    return (sv->bits[sv->word_offset[agent] + s / 64] >> (s % 64)) & 1u;
}
void mc_survivors_remove(mc_survivors *sv, unsigned agent, uint32_t s);
void mc_survivors_add(mc_survivors *sv, unsigned agent, uint32_t s);
/* Keeps only the strategies listed (nkeep of them) for the agent. */
void mc_survivors_keep_only(mc_survivors *sv, unsigned agent, const uint32_t *keep, size_t nkeep);
bool mc_survivors_equal(const mc_survivors *a, const mc_survivors *b);
/* Number of surviving profiles, saturating at UINT64_MAX. */
uint64_t mc_survivors_nprofiles(const mc_survivors *sv);
/* Lists agent's survivors as "1,3,4" (1-based) like snprintf. */
size_t mc_survivors_snprint(char *buf, size_t cap, const mc_survivors *sv, unsigned agent);

#endif
