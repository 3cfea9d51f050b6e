/* Normal-form games: allocation and strategy-profile numbering. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mechcheck/nfg.h"

static char *number_name(uint64_t k)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)k);
    return strdup(buf);
}

mc_status mc_nfg_init(mc_nfg *g, unsigned nplayers, const uint32_t *nstrategies, mc_error *err)
{
    memset(g, 0, sizeof *g);
    if (nplayers < 1 || nplayers > MC_MAX_PLAYERS)
        return mc_error_set(err, MC_EINPUT, "normal form: %u players is out of range 1..%d",
                            nplayers, MC_MAX_PLAYERS);
    uint64_t nprofiles = 1;
    for (unsigned p = 0; p < nplayers; p++) {
        if (nstrategies[p] < 1)
            return mc_error_set(err, MC_EINPUT, "normal form: player %u has no strategies",
                                p + 1);
        if (nprofiles > UINT64_MAX / nstrategies[p])
            return mc_error_set(err, MC_EINPUT, "normal form: too many strategy profiles");
        nprofiles *= nstrategies[p];
    }
    if (nprofiles > SIZE_MAX / sizeof(mc_q) / nplayers)
        return mc_error_set(err, MC_ENOMEM, "normal form: %llu profiles do not fit in memory",
                            (unsigned long long)nprofiles);
    g->nplayers = nplayers;
    memcpy(g->nstrategies, nstrategies, nplayers * sizeof *nstrategies);
    g->nprofiles = nprofiles;
    g->title = strdup("");
    g->comment = strdup("");
    g->player_names = calloc(nplayers, sizeof *g->player_names);
    g->strategy_names = calloc(nplayers, sizeof *g->strategy_names);
    g->payoff = malloc((size_t)nprofiles * nplayers * sizeof *g->payoff);
    bool ok = g->title && g->comment && g->player_names && g->strategy_names && g->payoff;
    if (g->payoff)
        mc_q_init_vec(g->payoff, (size_t)nprofiles * nplayers);
    for (unsigned p = 0; ok && p < nplayers; p++) {
        ok = (g->player_names[p] = number_name(p + 1)) != NULL &&
             (g->strategy_names[p] = calloc(nstrategies[p], sizeof(char *))) != NULL;
        for (uint32_t s = 0; ok && s < nstrategies[p]; s++)
            ok = (g->strategy_names[p][s] = number_name((uint64_t)s + 1)) != NULL;
    }
    if (!ok) {
        mc_nfg_free(g);
        return mc_error_set(err, MC_ENOMEM, "normal form: out of memory");
    }
    return MC_OK;
}

void mc_nfg_free(mc_nfg *g)
{
    if (g->payoff) {
        mc_q_clear_vec(g->payoff, (size_t)g->nprofiles * g->nplayers);
        free(g->payoff);
    }
    for (unsigned p = 0; p < g->nplayers; p++) {
        if (g->player_names)
            free(g->player_names[p]);
        if (g->strategy_names && g->strategy_names[p]) {
            for (uint32_t s = 0; s < g->nstrategies[p]; s++)
                free(g->strategy_names[p][s]);
            free(g->strategy_names[p]);
        }
    }
    free(g->player_names);
    free(g->strategy_names);
    if (g->outcome_names) {
        for (uint64_t i = 0; i < g->nprofiles; i++)
            free(g->outcome_names[i]);
        free(g->outcome_names);
    }
    free(g->title);
    free(g->comment);
    memset(g, 0, sizeof *g);
}

uint64_t mc_nfg_profile_index(const mc_nfg *g, const uint32_t *strategy)
{
    uint64_t index = 0;
    for (unsigned p = g->nplayers; p-- > 0;)
        index = index * g->nstrategies[p] + strategy[p];
    return index;
}

void mc_nfg_profile_of(const mc_nfg *g, uint64_t index, uint32_t *strategy)
{
    for (unsigned p = 0; p < g->nplayers; p++) {
        strategy[p] = (uint32_t)(index % g->nstrategies[p]);
        index /= g->nstrategies[p];
    }
}
