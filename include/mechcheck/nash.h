/* All pure Nash equilibria of a strategic form among agents, exactly.
 *
 * Best-response marking: for each agent, one pass over the profiles finds,
 * for every profile tau of the others, the maximum of the agent's payoff
 * over its own strategies; a profile is an equilibrium iff every agent's
 * strategy attains that maximum.  It is strict iff every agent's strategy is
 * the only one attaining it.  Every comparison is an exact mc_q comparison.
 *
 * With survivors, the game is the one restricted to the surviving
 * strategies (deviations only to surviving strategies): the equilibria of
 * a reduced game after iterated elimination. */
#ifndef MECHCHECK_NASH_H
#define MECHCHECK_NASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/sform.h"

typedef struct mc_nash_result {
    size_t count;
    uint64_t *profile;  /* count profile indices of sf, ascending */
    bool *strict;       /* count flags */
} mc_nash_result;

/* More than max_profiles profiles in sf (0 = MC_SFORM_DEFAULT_MAX_PROFILES)
 * is MC_ELIMIT.  res is uninitialised on entry; free it with
 * mc_nash_result_free (also after an error). */
mc_status mc_nash_pure(const mc_sform *sf, const mc_survivors *survivors, uint64_t max_profiles,
                       mc_nash_result *res, mc_error *err);
void mc_nash_result_free(mc_nash_result *res);

#endif
