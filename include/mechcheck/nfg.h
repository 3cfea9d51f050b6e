/* A finite normal-form game with exact payoffs, over players (an agent
 * structure is applied by the solvers).  Profiles are numbered with player
 * 0's strategy changing fastest, as in Gambit's .nfg files. */
#ifndef MECHCHECK_NFG_H
#define MECHCHECK_NFG_H

#include <stdint.h>

#include "mechcheck/error.h"
#include "mechcheck/game.h"
#include "mechcheck/num.h"

typedef struct mc_nfg {
    unsigned nplayers;
    uint32_t nstrategies[MC_MAX_PLAYERS];
    char *title;
    char *comment;
    char **player_names;         /* nplayers */
    char ***strategy_names;      /* [player][strategy] */
    uint64_t nprofiles;
    mc_q *payoff;                /* nprofiles * nplayers, profile-major */
    char **outcome_names;        /* NULL, or nprofiles names (outcome version) */
} mc_nfg;

/* Allocates a game with every payoff 0 and names "1", "2", ... */
mc_status mc_nfg_init(mc_nfg *g, unsigned nplayers, const uint32_t *nstrategies, mc_error *err);
void mc_nfg_free(mc_nfg *g);
uint64_t mc_nfg_profile_index(const mc_nfg *g, const uint32_t *strategy);
void mc_nfg_profile_of(const mc_nfg *g, uint64_t index, uint32_t *strategy);
static inline mc_q *mc_nfg_payoff(const mc_nfg *g, uint64_t profile, unsigned player)
{
    return &g->payoff[profile * g->nplayers + player];
}

#endif
