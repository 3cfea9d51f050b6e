/* Internals shared by the strategic-form solvers (dominance, pure Nash). */
#ifndef MC_SOLVE_SFORM_INTERNAL_H
#define MC_SOLVE_SFORM_INTERNAL_H

#include <stdint.h>

#include "mechcheck/sform.h"

/* First surviving strategy of agent a at or after s (sv NULL: all survive);
 * nstrategies[a] when there is none. */
uint32_t mc_sv_next(const mc_sform *sf, const mc_survivors *sv, unsigned a, uint32_t s);

/* Lists the surviving profiles of the agents other than `agent` (every
 * profile when sv is NULL), in ascending profile order: base[k] is the
 * profile with agent's strategy 0 (so profile(s) = base[k] + s *
 * stride[agent]); tau[k] (when tau is not NULL) numbers the others' profile
 * with agent's digit removed.  Returns the count; the arrays need room for
 * nprofiles / nstrategies[agent] entries. */
uint64_t mc_sform_others(const mc_sform *sf, const mc_survivors *sv, unsigned agent,
                         uint64_t *base, uint64_t *tau);

/* tau index (agent's digit removed) of a profile. */
static inline uint64_t mc_sform_tau_of(const mc_sform *sf, unsigned agent, uint64_t profile)
{
    uint64_t st = sf->stride[agent];
    return profile % st + profile / (st * sf->nstrategies[agent]) * st;
}

/* The profile of tau with agent playing s. */
static inline uint64_t mc_sform_profile_at(const mc_sform *sf, unsigned agent, uint64_t tau,
                                           uint32_t s)
{
    uint64_t st = sf->stride[agent];
    return tau % st + (tau / st) * st * sf->nstrategies[agent] + (uint64_t)s * st;
}

#endif
