/* HOPE-FOR-THE-BEST, the "generic" foil of the perfect-revenue paper
 * (Sec. 1.4, spec 3.1), as a strategic form: every player reports a whole
 * valuation profile from a finite grid; if all reports agree on v, the
 * first state in Omega order maximising sum_j v_j is implemented at prices
 * v_i - discount (nothing if that state is the null state); otherwise the
 * outcome is (null, 0). */
#ifndef MC_MECH_PERFECT_REVENUE_HOPE_H
#define MC_MECH_PERFECT_REVENUE_HOPE_H

#include <stdint.h>

#include "mechcheck/num.h"
#include "mechcheck/sform.h"

#define MC_HOPE_MAX_N 3
#define MC_HOPE_MAX_STATES 4
#define MC_HOPE_MAX_GRID 12
#define MC_HOPE_MAX_STRATEGIES 4096

typedef struct mc_hope {
    unsigned n, nstates;                            /* nstates includes the null state */
    char state_name[MC_HOPE_MAX_STATES][24];
    mc_q tv[MC_HOPE_MAX_STATES][MC_HOPE_MAX_N];     /* tv[0][*] = 0 */
    mc_q discount;
    unsigned ngrid;
    mc_q grid[MC_HOPE_MAX_GRID];                    /* report values for every entry */
    unsigned nentries;                              /* n (nstates - 1) entries per report */
    uint32_t nstrategies;                           /* ngrid ^ nentries */
} mc_hope;

void mc_hope_init(mc_hope *h);
void mc_hope_clear(mc_hope *h);
/* Checks sizes and fills nentries, nstrategies. */
mc_status mc_hope_finish(mc_hope *h, mc_error *err);

/* Report s: entry e = (state w, player j) at index (w - 1) n + j, its grid
 * index in mixed radix (entry 0 slowest). */
unsigned mc_hope_entry(const mc_hope *h, uint32_t s, unsigned w, unsigned j);
/* The report whose every entry is the grid value equal to v[w][j]
 * (UINT32_MAX when some value is not on the grid). */
uint32_t mc_hope_report(const mc_hope *h, const mc_q (*v)[MC_HOPE_MAX_N]);

/* Outcome of a profile (strategy per player). */
typedef struct mc_hope_outcome {
    unsigned state;                  /* implemented state; 0 = null */
    mc_q price[MC_HOPE_MAX_N], utility[MC_HOPE_MAX_N];
    mc_q revenue, welfare;
} mc_hope_outcome;

void mc_hope_outcome_init(mc_hope_outcome *o);
void mc_hope_outcome_clear(mc_hope_outcome *o);
void mc_hope_evaluate(const mc_hope *h, const uint32_t *strategy, mc_hope_outcome *o);

/* The strategic form among the n players (payoffs = utilities; outcome ids
 * = the agreed report + 1, or 0 for disagreement).  sf uninitialised. */
mc_status mc_hope_sform(const mc_hope *h, mc_sform *sf, mc_error *err);
/* "(2,4)" or "a(1,0) b(2,2)": report s as text. */
size_t mc_hope_report_text(const mc_hope *h, uint32_t s, char *buf, size_t cap);

#endif
