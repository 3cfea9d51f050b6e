/* Internals shared by the dominance files: a scratch workspace that finds,
 * for one agent and a surviving state, which of its strategies are
 * dominated and by what.  Allocated once per run; nothing is allocated per
 * state. */
#ifndef MC_SOLVE_DOMINANCE_INTERNAL_H
#define MC_SOLVE_DOMINANCE_INTERNAL_H

#include "mechcheck/dominance.h"

typedef struct mc_dom_work {
    const mc_dom_game *dg;
    const mc_dom_options *opt;
    uint64_t *base, *tau;  /* the others' surviving profiles (max ntau) */
    uint32_t *rows;        /* gathered ranks [i * k + m], i over alive */
    uint64_t *orows;       /* gathered outcome ids, same layout (DD only) */
    uint32_t *alive;       /* surviving strategies of the gathered agent */
    uint32_t nalive;
    uint64_t k;            /* surviving profiles of the others */
} mc_dom_work;

mc_status mc_dom_work_init(mc_dom_work *w, const mc_dom_game *dg, const mc_dom_options *opt,
                           mc_error *err);
void mc_dom_work_free(mc_dom_work *w);

/* For every surviving s of agent: dom[s] = a dominator (the lowest-numbered
 * surviving pure one, else MC_DOM_MIXED if the hook says so) or
 * MC_DOM_NONE; entries of eliminated strategies are MC_DOM_NONE.  *count =
 * how many are dominated.  mix: NULL (no mixtures wanted), or nstrategies
 * empty mixtures; mix[s] receives the hook's mixture where dom[s] is
 * MC_DOM_MIXED (the caller frees or takes them, also after an error). */
mc_status mc_dom_work_agent(mc_dom_work *w, const mc_survivors *sv, unsigned agent, uint32_t *dom,
                            mc_dom_mixture *mix, uint32_t *count, mc_error *err);

/* The dominator of one surviving strategy (MC_DOM_NONE if none); mix as
 * above, for that strategy (NULL: not wanted). */
mc_status mc_dom_work_one(mc_dom_work *w, const mc_survivors *sv, unsigned agent, uint32_t s,
                          uint32_t *dominator, mc_dom_mixture *mix, mc_error *err);

/* The largest number of strategies of an agent (scratch sizes). */
uint32_t mc_dom_max_strategies(const mc_sform *sf);

/* Validation shared by the entry points. */
mc_status mc_dom_check_options(const mc_dom_game *dg, const mc_dom_options *opt, mc_error *err);

/* All orders (dominance_all.c); res->survivors etc. are filled there. */
mc_status mc_dom_all_orders(mc_dom_work *w, const mc_survivors *start, mc_dom_result *res,
                            mc_error *err);

#endif
